"""Command line: parse options, call profiles -> roster -> engine -> render, set the exit code.

Heavy modules (pandas, numpy, pydantic models, renderers) are imported inside the commands, so
``sscgap --help`` and ``sscgap --version`` stay fast and never import pandas.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_type_hints

import typer
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperGroup, TyperOption

from ._version import __version__
from .errors import ExitCode, Finding, SscgapError
from .report import Format, RenderOptions, TrendFormat, View, ViewFormat

if TYPE_CHECKING:
    from datetime import date

    from .privacy import AnonKey
    from .profiles import ProfileSet
    from .roster import Roster


class Lang(str, Enum):
    en = "en"
    zh = "zh"


class CsvTable(str, Enum):
    people = "people"
    coverage = "coverage"


class _Group(TyperGroup):
    """Catch every user-facing error once: one message on stderr, exit 2 (``--debug``: traceback)."""

    def invoke(self, ctx: Any) -> Any:
        raw = [*getattr(ctx, "_protected_args", ()), *ctx.args]  # cleared by the group's invoke
        try:
            return super().invoke(ctx)
        except typer.TyperException as e:  # Click's: a mistyped command, option or value
            if isinstance(getattr(e, "message", None), str):  # pydantic's prefix says nothing here
                e.message = e.message.removeprefix("Value error, ")
            if not (_asks_chinese(raw) and _usage_error(e)):
                raise
            from .i18n import DIAGNOSTIC, usage_text

            err(DIAGNOSTIC["error"][1] + usage_text(e.format_message(), "zh"))
            failed = getattr(e, "ctx", None)
            if failed is not None:
                err(f"帮助：{failed.command_path} -h --lang zh")  # the help in Chinese too
            raise typer.Exit(int(ExitCode.BAD_INPUT)) from None
        except SscgapError as e:
            if ctx.meta.get(DEBUG) or os.environ.get("SSCGAP_DEBUG"):
                raise
            err(_error_text(e, ctx.meta.get(LANG, "en")))
            raise typer.Exit(int(e.exit_code)) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(130) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # keep the order of definition in --help

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if _asks_chinese(args):  # the help of this group or of its command in Chinese
            ctx.meta[HELP_LANG] = "zh"
        return super().parse_args(ctx, self._lang_after_command(_group_help_args(args)))

    def _lang_after_command(self, args: list[str]) -> list[str]:
        """``sscgap --lang zh analyze staff.csv``: the group has no --lang of its own, its
        command has; the option goes after the command's name, as if written there."""
        head, lang, i = _group_lang(args)
        command = self.commands.get(args[i]) if lang and i < len(args) else None
        if command is None:
            return args
        if not isinstance(command, TyperGroup) and not any("--lang" in p.opts for p in command.params):
            return args  # a command without --lang: Click says so
        return [*head, args[i], *lang, *args[i + 1 :]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            if not command.short_help and command.help:  # the list of commands wraps, never cuts
                command.short_help = " ".join(command.help.split("\n\n")[0].split())
        for command in [self, *self.commands.values()]:
            if command is self or not isinstance(command, TyperGroup):  # a sub-group tidies its own
                _tidy_help(command)


def _usage_error(e: Exception) -> bool:
    """A command line Click cannot parse (its usage errors exit 2; the help shown for a
    command given no arguments is not an error)."""
    return getattr(e, "exit_code", None) == 2 and hasattr(e, "format_message") and type(e).__name__ != "NoArgsIsHelpError"


def _asks_chinese(args: list[str]) -> bool:
    """Whether the command line asks for ``--lang zh`` (read before Click has parsed it, for the
    messages of a command line Click cannot parse)."""
    from itertools import pairwise

    return "--lang=zh" in args or ("--lang", "zh") in pairwise(args)


# --- help: one metavar style (FILE, N, a|b), arguments in capitals, no <bool>/<str> --------

METAVARS = {  # option (parameter name) -> what its value is
    "profiles": "DIR",
    "targets": "FILE",
    "by": "COLUMN",
    "output": "FILE",
    "fail_under": "PERCENT",
    "require": "ID[:N]",
    "top": "N",
    "title": "TEXT",
    "sheet": "NAME",
    "anon_key_file": "FILE",
    "labels": "A,B,...",
}


class _Argument(TyperArgument):
    """An argument shown as ``STAFF`` (required) or ``[DIRECTORY]`` in the usage line, its
    name alone in the arguments panel."""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = name if self.required else f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _tidy_help(command: Any) -> None:
    """Metavars in one style: arguments in capitals, option values named (FILE, N, PERCENT),
    choices as ``a|b``, flags with none (Typer would show ``<bool>``, ``<str>``, ``{staff}``)."""
    make_help_option = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = make_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option

    command.get_help_option = get_help_option
    _chinese_help(command)
    for param in command.params:
        if isinstance(param, TyperArgument):
            if param.metavar is None:
                param.metavar = (param.name or "").upper()
            param.__class__ = _Argument
        elif isinstance(param, TyperOption) and param.metavar is None:
            desc = param.type_descriptor
            if param.is_flag:
                param.metavar = ""
            elif desc.is_choice:
                choices = [str(getattr(c, "value", c)) for c in desc.choices or ()]
                param.metavar = "|".join(choices)
                if len(param.metavar) > 16:  # a long list goes to the help text, not the narrow column
                    param.metavar = (param.name or "").upper().replace("FMT", "FORMAT")
                    param.help = f"{param.help or ''} One of: {', '.join(choices)}.".strip()
            elif param.name in METAVARS:
                param.metavar = METAVARS[param.name]
            elif desc.is_path:
                param.metavar = "PATH"
            else:
                param.metavar = {int: "N", float: "NUMBER"}.get(desc.annotation, "TEXT")


# --- help in Chinese (round 9): `sscgap [COMMAND] --help --lang zh` -------------------------

HELP_LANG = "sscgap.help_lang"  # ctx.meta key: the command line asks for --lang zh (help in Chinese)


def _group_lang(args: list[str]) -> tuple[list[str], list[str], int]:
    """A group's own options at the head of ``args`` split into the others, the ``--lang``
    given there (``["--lang", "zh"]`` or ``["--lang=zh"]``; the last one) and the index of the
    first argument after them (the command's name)."""
    head: list[str] = []
    lang: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "-":
        if args[i] == "--lang" and i + 1 < len(args):
            lang, i = args[i : i + 2], i + 2
        elif args[i].startswith("--lang="):
            lang, i = [args[i]], i + 1
        else:
            head.append(args[i])
            i += 1
    return head, lang, i


def _group_help_args(args: list[str]) -> list[str]:
    """A group's own arguments without ``--lang en|zh`` where they ask for its help
    (``sscgap --help --lang zh``; ``sscgap --lang zh`` alone: the help, as ``sscgap``): a group
    has no --lang of its own, the help is in that language. Anything else as given."""
    head, lang, i = _group_lang(args)
    if lang[-1:] not in (["en"], ["zh"], ["--lang=en"], ["--lang=zh"]):
        return args  # no --lang of the group's
    if not ({"-h", "--help"} & set(args) or i == len(args)):
        return args  # one that is not about its help: the command's (Group._lang_after_command)
    return head + args[i:]


def _chinese_help(command: Any) -> None:
    """``command``'s help in Chinese when the command line asks for ``--lang zh`` (before or
    after ``--help``): Click's layout, the texts from ``i18n.HELP_ZH``."""
    english = command.get_help

    def get_help(ctx: Any) -> str:
        if ctx.meta.get(HELP_LANG) != "zh":
            return str(english(ctx))
        formatter = _ZhHelpFormatter(width=ctx.terminal_width, max_width=ctx.max_content_width)
        command.format_help(ctx, formatter)
        return formatter.getvalue().rstrip("\n")

    command.get_help = get_help


class _ZhHelpFormatter(HelpFormatter):
    """Click's help layout with its texts in Chinese (``i18n.help_zh``; a text without a
    translation stays English): lines measured in terminal cells (a Chinese character is two)
    and broken where a Chinese reader expects (``report.fit``: between characters, after a
    phrase mark, never inside a number, an option name or before a closing mark)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from .i18n import HELP_HEADINGS

        head = f"{' ' * self.current_indent}{HELP_HEADINGS['Usage']}：{prog} "
        self._write_wrapped(args, head, " " * _cells(head))

    def write_heading(self, heading: str) -> None:
        from .i18n import HELP_HEADINGS

        self.write(f"{' ' * self.current_indent}{HELP_HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        from .i18n import help_zh

        indent = " " * self.current_indent
        for n, paragraph in enumerate((help_zh(text) or text).split("\n\n")):
            self.write("\n" * (n > 0))
            for line in paragraph.split("\n"):
                self._write_wrapped(line, indent, indent)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        from .i18n import help_zh

        rows = list(rows)
        first_col = min(max((_cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        hang = " " * (first_col + self.current_indent)
        for first, second in rows:
            head = f"{' ' * self.current_indent}{first}"
            if not second:
                self.write(head + "\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                head += " " * (first_col - _cells(first))
            else:
                self.write(head + "\n")
                head = hang
            text = help_zh(second, first) or second
            mark = re.search("（(?:默认|必填|最小为|最大为)[^（）]*）$", text)
            if mark:  # the marks stay on one line where they fit: （默认：en）
                from .report.fit import unbroken

                text = text[: mark.start()] + unbroken(mark.group())
            self._write_wrapped(text, head, hang, max(self.width - first_col - 2, 10))

    def _write_wrapped(self, text: str, first: str, rest: str, width: int | None = None) -> None:
        """``text`` in lines of ``width`` cells (default: what is left of the help's width after
        ``rest``), the first after ``first``, the others after ``rest``."""
        from .report.fit import JOINER, NBSP, wrap_line

        room = width if width is not None else max(self.width - _cells(rest), 10)
        lines = [text[a:b] for a, b in wrap_line(text, room, fill=True)] if text else [""]
        for n, line in enumerate(lines):
            line = line.replace(JOINER, "").replace(NBSP, " ")
            self.write(f"{rest if n else first}{line}".rstrip() + "\n")


def _cells(text: str) -> int:
    """Terminal cells of ``text`` (a Chinese character takes two), as the tables measure them."""
    from rich.cells import cell_len

    return cell_len(text)


app = typer.Typer(
    cls=_Group,
    name="sscgap",
    help="Talent gap analyzer for shared service centres: a profile set of talent archetypes (default: the ten SSC archetypes) vs your roster.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: wrapped to the terminal, never cut with "…"
    context_settings={"help_option_names": ["-h", "--help"]},
)
profiles_app = typer.Typer(
    cls=_Group, help="List, show and check archetype profiles.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(profiles_app, name="profiles")


def err(message: str) -> None:
    """Diagnostics go to stderr, never mixed with the report on stdout; a value from a roster in
    a message cannot drive the terminal (control characters shown, see :mod:`sscgap.textsafe`)."""
    from .textsafe import for_terminal

    sys.stderr.write(for_terminal(_relabel(message.rstrip("\n")), keep="\n") + "\n")
    sys.stderr.flush()


# Rosters read from standard input or a named pipe are spooled to a private temporary file
# (runtime.input_path); messages name what the user gave ("-", the pipe), not that file.
_SPOOLED: dict[str, str] = {}


def _roster_path(path: Path) -> Path:
    """The file to read for the roster argument ``path`` (``-``: standard input)."""
    from .runtime import STDIN_NAME, input_path

    real = input_path(path)
    if real != path:
        _SPOOLED[str(real)] = "<stdin>" if str(path) == STDIN_NAME else str(path)
    return real


def _error_text(e: SscgapError, lang: str) -> str:
    """'error: ' and the message; in Chinese where the error has a Chinese message (roster
    errors) or the validate patterns know it, else the English message after 错误："""
    from .i18n import DIAGNOSTIC, error_message

    if lang != "zh":
        return DIAGNOSTIC["error"][0] + e.message
    return DIAGNOSTIC["error"][1] + (e.zh or error_message(e.message, e.findings, lang))


def _warning_line(f: Finding, lang: str, snapshot: str | None = None) -> str:
    """'warning: ' and the finding, in the command's language (``snapshot``: the file's name
    first, as trend names its snapshots)."""
    from .i18n import DIAGNOSTIC, finding_line

    zh = lang == "zh"
    named = f"{snapshot}{'：' if zh else ': '}" if snapshot else ""
    return DIAGNOSTIC["warning"][zh] + named + finding_line(f, lang)


def _relabel(text: str) -> str:
    for spooled, label in _SPOOLED.items():
        text = text.replace(spooled, label)
    return text


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sscgap {__version__}")
        raise typer.Exit()


DEBUG = "sscgap.debug"  # ctx.meta key: --debug was given (shared by the group's contexts)
LANG = "sscgap.lang"  # ctx.meta key: the command's --lang (errors and warnings in it)


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show a traceback on errors.")] = False,
) -> None:
    if debug:
        ctx.meta[DEBUG] = True


# --------------------------------------------------------------------------------------------
# Shared options
# --------------------------------------------------------------------------------------------

StaffArg = Annotated[Path, typer.Argument(help="Staff roster: CSV (UTF-8, GB18030, Big5, ...) or .xlsx.", show_default=False)]
ProfilesOpt = Annotated[
    Path | None,
    typer.Option("--profiles", "-p", help="Profile folder (default: the ten shipped SSC archetypes; `init --blank` starts your own).", show_default=False),
]
TargetsOpt = Annotated[
    Path | None, typer.Option("--targets", "-t", help="YAML file overriding targets / thresholds.", show_default=False)
]
ByOpt = Annotated[
    str | None, typer.Option("--by", help="Break down by a roster column, e.g. department or site.", show_default=False)
]
OutputOpt = Annotated[
    str | None, typer.Option("--output", "-o", help="Write to this file ('-' = stdout).", show_default=False)
]
def _remember_lang(ctx: typer.Context, value: Lang) -> Lang:
    """--lang is also the language of the errors and warnings on stderr."""
    ctx.meta[LANG] = value.value
    return value


LangOpt = Annotated[
    Lang, typer.Option("--lang", help="Language of the output, the messages and this help.", callback=_remember_lang, is_eager=True)
]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="Worksheet of an .xlsx roster.", show_default=False)]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Unknown roster columns are errors, not warnings.")]
MappingOpt = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help="Mapping file: how to read an HR system's export (headers, rating texts, hire dates, long layout).",
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Date hire dates and rating ages count to, e.g. 2026-06-30 (default: the mapping's as_of, else today).",
        show_default=False,
    ),
]
AsOfEachOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=(
            "Date hire dates and rating ages count to: one date for every snapshot, or one per snapshot in"
            " their order (--as-of 2026-06-30 --as-of 2026-12-31); default: the mapping's as_of, else today."
        ),
        show_default=False,
    ),
]
AnonymizeOpt = Annotated[
    bool,
    typer.Option(
        "--anonymize",
        help="Show people by keyed pseudonyms (P-…) instead of ids, and no names, in every output.",
    ),
]
AnonKeyFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--anon-key-file",
        help="Secret key for --anonymize (default: $SSCGAP_ANON_KEY; none: random for this run).",
        show_default=False,
    ),
]


def _use_color(to_stdout: bool) -> bool:
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") is not None or not to_stdout:
        return False
    return sys.stdout.isatty()


def _ascii_only(to_stdout: bool) -> bool:
    """Standard output cannot show the terminal views' box-drawing characters and symbols
    (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``): they are drawn in ASCII instead."""
    if not to_stdout:
        return False
    try:
        "━█└→≥·–…".encode(getattr(sys.stdout, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return True
    return False


def _width(color: bool, to_stdout: bool = True) -> int:
    """The terminal views' width: a terminal's own (60 to 160 columns); a pipe or a file
    (``-o``), 100 unless ``COLUMNS`` is set (``COLUMNS=140 sscgap analyze ... > out.txt``)."""
    if to_stdout and (color or sys.stdout.isatty()):
        return max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))
    columns = os.environ.get("COLUMNS", "").strip()
    return max(60, min(int(columns), 160)) if columns.isdigit() else 100


def _as_of_each(texts: list[str] | None, snapshots: int) -> list[date | None]:
    """``--as-of`` of ``diff`` and ``trend``: none, one date for every snapshot, or one per
    snapshot in their order (a later snapshot has joiners hired after an earlier one's date)."""
    from .errors import UsageError

    days = [_as_of(text) for text in texts or []]
    if len(days) <= 1:
        return (days or [None]) * snapshots
    if len(days) != snapshots:
        raise UsageError(
            f"--as-of given {len(days)} times for {snapshots} snapshots: give one date for every"
            f" snapshot, or one per snapshot in their order"
        )
    return days


def _as_of(text: str | None) -> date | None:
    """``--as-of DATE``: ISO (2026-06-30) or 2026/06/30."""
    if text is None:
        return None
    from .errors import UsageError
    from .mapping.cells import _parse_date_text

    stamp = _parse_date_text(text.strip())
    if stamp is None:
        raise UsageError(f"--as-of {text!r}: not a date (write it as 2026-06-30 or 2026/06/30)")
    return stamp.date()


def _load(
    staff: Path,
    profiles: Path | None,
    targets: Path | None,
    sheet: str | None,
    strict: bool,
    mapping: Path | None = None,
    as_of: str | None = None,
    by: str | None = None,
    lang: str = "en",
) -> tuple[ProfileSet, Roster]:
    from .profiles import load_profiles
    from .roster import load_roster

    pset = load_profiles(profiles, targets)
    roster = load_roster(
        _roster_path(staff), pset, sheet=sheet, strict=strict, mapping=mapping, as_of=_as_of(as_of),
        keep=(by,) if by else (),
    )
    for f in roster.warnings[:5]:
        err(_warning_line(f, lang))
    if len(roster.warnings) > 5:
        from .i18n import DIAGNOSTIC, more_warnings

        err(DIAGNOSTIC["warning"][lang == "zh"] + more_warnings(len(roster.warnings) - 5, lang))
    return pset, roster


def _anon_key(anonymize: bool, key_file: Path | None) -> AnonKey | None:
    """The --anonymize key (its warnings on stderr), or None without --anonymize."""
    if not anonymize:
        if key_file is not None:
            from .errors import UsageError

            raise UsageError("--anon-key-file only applies with --anonymize")
        return None
    from .privacy import resolve_key

    key = resolve_key(key_file)
    for message in key.warnings():
        err(f"warning: {message}")
    return key


def _privacy(
    roster: Roster, anonymize: bool, key_file: Path | None, key: AnonKey | None = None
) -> Roster:
    """--anonymize: pseudonyms for ids, no names, before anything is computed or rendered.

    ``key``: one already resolved (several rosters, or an id to look up, share it)."""
    key = key if key is not None else _anon_key(anonymize, key_file)
    if key is None:
        return roster
    from .privacy import anonymize as pseudonymise

    return pseudonymise(roster, key)


# --------------------------------------------------------------------------------------------
# analyze, report: one set of options, defined once
# --------------------------------------------------------------------------------------------


def _percent(value: str | float) -> float:
    """``--fail-under``: a percentage 0-100, written ``70``, ``70.5`` or ``70%``."""
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        try:
            number = float(text[:-1].strip() if text.endswith("%") else text)
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a percentage: give a number 0-100, e.g. 70 or 70%") from None
    if not 0 <= number <= 100:  # also NaN
        raise typer.BadParameter(f"{value!r} is not between 0 and 100 (a percentage, e.g. 70 or 70%)")
    if 0 < number < 1 and not str(value).strip().endswith("%"):
        # the JSON's coverage_index is a fraction (0.7425): 0.8 there is 80 here, and a gate at
        # 0.8% would never fail
        raise typer.BadParameter(
            f"{value!r} would be {number:g}%, a gate that never fails: the option takes a percentage "
            f"0-100; write {100 * number:g} for {100 * number:g}% (the JSON's coverage_index is a "
            f"fraction), or {number:g}% if you mean it"
        )
    return number


FailUnderOpt = Annotated[
    float | None,
    typer.Option(
        "--fail-under",
        parser=_percent,
        help="Exit 1 when the coverage index is below this percentage (70 or 70%).",
        show_default=False,
    ),
]
RequireOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--require",
        help="Exit 1 unless these archetypes have a ready person: 'leader,process_consultant'; "
        "'leader:2' asks for at least 2. Repeatable.",
        show_default=False,
    ),
]
TopOpt = Annotated[
    int,
    typer.Option(
        "--top", min=1, help="Rows in bounded sections: competency gaps, people per archetype."
    ),
]
PeopleOpt = Annotated[
    bool,
    typer.Option("--people", help="JSON: every person's detail, and complete ready/near id lists."),
]
TitleOpt = Annotated[
    str | None, typer.Option("--title", help="Title of the report.", show_default=False)
]
CsvTableOpt = Annotated[
    CsvTable | None,
    typer.Option(
        "--csv-table",
        help="CSV: people (one row per person; the default here) or coverage (one row per archetype, "
        "as report's CSV).",
        show_default=False,
    ),
]
# report's CSV holds the coverage table unless asked otherwise (analyze's: the people)
ReportCsvTableOpt = Annotated[
    CsvTable | None,
    typer.Option(
        "--csv-table",
        help="CSV: coverage (one row per archetype; the default here) or people (one row per person, "
        "as analyze's CSV).",
        show_default=False,
    ),
]
JobSummaryOpt = Annotated[
    bool,
    typer.Option(
        "--job-summary/--no-job-summary",
        help="Under GitHub Actions, append the Markdown report to the job summary "
        "($GITHUB_STEP_SUMMARY).",
    ),
]
ExclusiveOpt = Annotated[
    bool,
    typer.Option(
        "--exclusive",
        help="Also allocate each person to at most one seat and show both coverages; "
        "--fail-under then checks the allocation-aware index.",
    ),
]
class ReportFormat(str, Enum):
    """The formats of ``report`` (a document; the terminal table is ``analyze``)."""

    markdown = "markdown"
    html = "html"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


AnalyzeFormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", help="Output format (default: from the suffix of -o, else table).", show_default=False
    ),
]
ReportFormatOpt = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format", "-f", help="Format (default: from the suffix of -o, else markdown).", show_default=False
    ),
]
ReportOutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o",
        help="The report file; its suffix picks the format: .md .html .json .csv .xlsx ('-' = stdout).",
        show_default=False,
    ),
]  # fmt: skip


@dataclass(frozen=True)
class RunOptions:
    """What ``analyze`` and ``report`` take: each field is one command-line option, declared
    once here (type, flag, help and default) and given to both commands by :func:`_run_command`."""

    staff: StaffArg
    profiles: ProfilesOpt = None
    targets: TargetsOpt = None
    by: ByOpt = None
    fmt: ReportFormatOpt = None
    output: OutputOpt = None
    fail_under: FailUnderOpt = None
    require: RequireOpt = None
    lang: LangOpt = Lang.en
    top: TopOpt = 10
    people: PeopleOpt = False
    title: TitleOpt = None
    csv_table: CsvTableOpt = None
    job_summary: JobSummaryOpt = True
    sheet: SheetOpt = None
    strict: StrictOpt = False
    anonymize: AnonymizeOpt = False
    anon_key_file: AnonKeyFileOpt = None
    exclusive: ExclusiveOpt = False
    mapping: MappingOpt = None
    as_of: AsOfOpt = None


def _run_command(
    **overrides: tuple[Any, Any],
) -> Callable[[Callable[[RunOptions], None]], Callable[..., None]]:
    """Turn ``body(RunOptions)`` into a Typer command whose parameters are the fields of
    :class:`RunOptions`; ``overrides`` gives a field another ``(annotation, default)``."""
    hints = get_type_hints(RunOptions, include_extras=True)

    def decorate(body: Callable[[RunOptions], None]) -> Callable[..., None]:
        params = []
        for f in fields(RunOptions):
            annotation, default = overrides.get(f.name, (hints[f.name], f.default))
            if default is MISSING:
                default = inspect.Parameter.empty
            params.append(
                inspect.Parameter(
                    f.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation
                )
            )

        @functools.wraps(body)
        def command(**values: Any) -> None:
            body(RunOptions(**values))

        command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        del command.__wrapped__  # Typer reads the signature above
        return command

    return decorate


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _emit(o: RunOptions, fmt: Format, csv_table: CsvTable) -> None:
    """Load, analyse, render, write; then the threshold checks and the CI job summary."""
    from . import ci
    from .errors import UsageError
    from .progress import Stages

    to_stdout = o.output in (None, "-")
    if fmt.binary and to_stdout and _stdout_is_terminal():
        raise UsageError(f"--format {fmt.value} is a binary file: give -o FILE.{fmt.value}")
    summary_path = ci.job_summary_path() if o.job_summary else None
    if summary_path is not None:  # checked like -o, before anything is read: inputs are never written
        from .output import check_not_input

        check_not_input(
            summary_path, [o.staff, o.profiles, o.targets, o.anon_key_file, o.mapping], what="the job summary"
        )
    # a spinner naming the stage on an interactive stderr; nothing otherwise
    with Stages() as stages:
        with stages.stage("read", f"reading {o.staff.name}"):
            pset, roster = _load(
                o.staff, o.profiles, o.targets, o.sheet, o.strict, o.mapping, o.as_of, o.by, o.lang.value
            )
            roster = _privacy(roster, o.anonymize, o.anon_key_file)
            requirements = ci.parse_requirements(o.require or [], pset)
        with stages.stage("score", f"scoring {len(roster):,} people"):
            # imported here, not above: --help and --version need none of them
            from .api import analyze
            from .output import write_output
            from .report import get_renderer

            analysis = analyze(roster, pset, by=o.by, exclusive=o.exclusive).analysis
        with stages.stage("render", f"rendering {fmt.value}"):
            color = _use_color(to_stdout) if fmt is Format.table else False
            options = RenderOptions(
                lang=o.lang.value,
                width=_width(color, to_stdout),
                color=color,
                ascii=fmt is Format.table and _ascii_only(to_stdout),
                top=o.top,
                people=o.people,
                title=o.title,
                generated=ci.report_date(),
                csv_table=csv_table.value,
            )
            data = get_renderer(fmt)(analysis, options)
        if to_stdout:
            stages.hide()  # the status line must not mix with the report
        with stages.stage("write", f"writing {o.output}"):
            write_output(data, o.output, inputs=_inputs(o.staff, pset.source, o.targets, o.anon_key_file, o.mapping))
    index = analysis.summary.coverage_index
    if analysis.exclusive is not None:  # --exclusive: the allocation-aware index is the one checked
        index = analysis.exclusive.coverage_index_exclusive
    failures = [m for m in (ci.check_fail_under(index, o.fail_under),) if m]
    names = {a.id: a.name.get(o.lang.value) for a in pset.archetypes}
    failures += ci.check_requirements(analysis.summary, requirements, names)
    if summary_path is not None:
        markdown = data
        if fmt is not Format.markdown:
            markdown = get_renderer(Format.markdown)(analysis, options)
        try:
            ci.append_job_summary(
                summary_path, str(markdown), failures,
                inputs=_inputs(o.staff, pset.source, o.targets, o.anon_key_file, o.mapping),
            )  # fmt: skip
        except OSError as e:
            err(f"warning: cannot append to the job summary {summary_path}: {e.strerror}")
    for message in failures:
        err(f"FAIL: {message}")
    if failures:
        raise typer.Exit(int(ExitCode.THRESHOLD))


def _inputs(*paths: Path | str | None) -> list[Path | str]:
    """The input files an output must not overwrite."""
    return [p for p in paths if p]


@app.command()
@_run_command(fmt=(AnalyzeFormatOpt, None))
def analyze(o: RunOptions) -> None:
    """Coverage of the profile set's archetypes in a staff roster: who is ready, near, and the gaps."""
    fmt = _format_for(Format(o.fmt.value) if o.fmt else None, o.output, Format, Format.table)
    _emit(o, fmt, o.csv_table or CsvTable.people)


E = TypeVar("E", bound=Enum)


def _format_for(given: E | None, output: str | None, choices: type[E], default: E) -> E:
    """The format asked for with --format; else the one the suffix of -o names (``out.json``,
    ``out.md``, ...); else ``default``. A suffix this command cannot write is a usage error, not
    a table written into a file named .html."""
    from .errors import UsageError

    if given is not None:
        return given
    if output in (None, "-"):
        return default
    fmt = Format.from_suffix(str(output))
    if fmt is None:
        return default
    try:
        return choices(fmt.value)
    except ValueError:
        offered = ", ".join(c.value for c in choices)
        raise UsageError(
            f"{output}: this command does not write {fmt.value}; use --format ({offered}) "
            "with a file name to match"
        ) from None


@app.command()
@_run_command(output=(ReportOutputOpt, None), csv_table=(ReportCsvTableOpt, None))
def report(o: RunOptions) -> None:
    """The whole report as one document: Markdown, HTML with charts, JSON, CSV or Excel."""
    from .errors import UsageError
    from .report import SUFFIXES

    fmt = Format(o.fmt.value) if o.fmt else None
    if fmt is None:
        if o.output in (None, "-"):
            fmt = Format.markdown
        else:
            fmt = Format.from_suffix(str(o.output))
            if fmt is None and (str(o.output).endswith(("/", os.sep)) or Path(o.output).is_dir()):
                folder = str(o.output).rstrip("/" + os.sep) or str(o.output)
                raise UsageError(
                    f"{o.output}: names a folder; give a file name for the output, e.g. "
                    f"{Path(folder) / 'report.html'}"
                )
            if fmt is None:
                raise UsageError(
                    f"{o.output}: cannot tell the format from the file name; use a suffix ("
                    + ", ".join(f".{s}" for s in SUFFIXES if s not in ("markdown", "htm", "txt"))
                    + ") or --format"
                )
    _emit(o, fmt, o.csv_table or CsvTable.coverage)


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------


class ValidateFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def validate(
    staff: StaffArg,
    profiles: ProfilesOpt = None,
    targets: TargetsOpt = None,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="table for people, json for scripts.")
    ] = ValidateFormat.table,
    sheet: SheetOpt = None,
    strict: StrictOpt = False,
    mapping: MappingOpt = None,
    as_of: AsOfOpt = None,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang", help="Language of the table (JSON stays as it is).", callback=_remember_lang, is_eager=True
        ),
    ] = Lang.en,
) -> None:
    """Check a roster and the profiles; list every problem (file, row, column, value, hint).

    Exit 0 when there are no errors (warnings are fine), 2 when there are errors.
    """
    from .validate import render_json, render_table
    from .validate import validate as run

    report = run(_roster_path(staff), profiles, targets, sheet=sheet, strict=strict, mapping=mapping, as_of=_as_of(as_of))
    if fmt is ValidateFormat.json:
        sys.stdout.write(_relabel(render_json(report)))
    else:
        color = _use_color(True)
        text = render_table(report, width=_width(color), color=color, lang=lang.value, ascii_only=_ascii_only(True))
        sys.stdout.write(_relabel(text))
    sys.stdout.flush()
    if not report.ok:
        raise typer.Exit(int(ExitCode.BAD_INPUT))


# --------------------------------------------------------------------------------------------
# profiles
# --------------------------------------------------------------------------------------------


def _terminal_options(lang: Lang) -> RenderOptions:
    """Options of a view printed on stdout (a terminal: its width and colour; else 100, plain)."""
    color = _use_color(True)
    return RenderOptions(lang=lang.value, width=_width(color), color=color, ascii=_ascii_only(True))


@profiles_app.command("list")
def profiles_list(
    profiles: ProfilesOpt = None, targets: TargetsOpt = None, lang: LangOpt = Lang.en
) -> None:
    """The archetypes, their roles and default targets."""
    from .profiles import load_profiles
    from .report.catalogue import render_list

    typer.echo(render_list(load_profiles(profiles, targets), _terminal_options(lang)), nl=False)


@profiles_app.command("show")
def profiles_show(
    ident: Annotated[str, typer.Argument(metavar="ID", help="An archetype or competency id.")],
    profiles: ProfilesOpt = None,
    targets: TargetsOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """One archetype (roles, requirements, target) or one competency (its 0-5 scale)."""
    from .errors import UsageError
    from .profiles import load_profiles, suggest
    from .report.catalogue import render_show

    pset = load_profiles(profiles, targets)
    text = render_show(pset, ident, _terminal_options(lang))
    if text is None:
        hint = suggest(ident, [a.id for a in pset.archetypes] + pset.competency_ids)
        raise UsageError(f"no archetype or competency {ident!r}; {hint or 'sscgap profiles list shows the ids'}")
    typer.echo(text, nl=False)


@profiles_app.command("check")
def profiles_check(
    directory: Annotated[
        Path | None, typer.Argument(help="Profile folder (default: the shipped profiles).", show_default=False)
    ] = None,
    targets: TargetsOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """Validate a profile folder; list every problem with its file and place."""
    from .errors import ProfileError
    from .i18n import t
    from .profiles import load_profiles

    try:
        pset = load_profiles(directory, targets)
    except ProfileError as e:
        if not e.findings:
            raise
        from .validate import ValidationReport, render_table

        source = str(directory) if directory is not None else t("check.default", lang.value)
        report = ValidationReport(source, None, list(e.findings))
        sys.stdout.write(render_table(report, width=_width(False), lang=lang.value))
        raise typer.Exit(int(ExitCode.BAD_INPUT)) from None
    n_roles = sum(len(a.roles) for a in pset.archetypes)
    if lang is Lang.zh:
        typer.echo(
            t("check.ok", "zh", source=pset.source, archetypes=len(pset.archetypes), roles=n_roles,
              competencies=len(pset.catalogue.competencies), ready=f"{pset.thresholds.ready_fit:g}",
              near=f"{pset.thresholds.near_fit:g}")
        )
        return
    typer.echo(
        f"{pset.source}: OK: {_n(len(pset.archetypes), 'archetype')}, {_n(n_roles, 'role')}, "
        f"{_n(len(pset.catalogue.competencies), 'competency', 'competencies')}, thresholds "
        f"ready {pset.thresholds.ready_fit:g} / near {pset.thresholds.near_fit:g}"
    )


# --------------------------------------------------------------------------------------------
# person, diff
# --------------------------------------------------------------------------------------------


def _view_options(fmt: ViewFormat, output: str | None, lang: Lang, top: int = 10) -> RenderOptions:
    to_stdout = output in (None, "-")
    color = _use_color(to_stdout) if fmt is ViewFormat.table else False
    ascii = fmt is ViewFormat.table and _ascii_only(to_stdout)
    return RenderOptions(lang=lang.value, width=_width(color, to_stdout), color=color, top=top, ascii=ascii)


@app.command()
def person(
    staff: StaffArg,
    employee_id: Annotated[str, typer.Argument(metavar="EMPLOYEE_ID", help="The person's employee_id.")],
    profiles: ProfilesOpt = None,
    targets: TargetsOpt = None,
    fmt: Annotated[
        ViewFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from the suffix of -o, else table).", show_default=False),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    sheet: SheetOpt = None,
    strict: StrictOpt = False,
    anonymize: AnonymizeOpt = False,
    anon_key_file: AnonKeyFileOpt = None,
    mapping: MappingOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """One person: fit for every archetype and role, and what stands between them and ready."""
    fmt = _format_for(fmt, output, ViewFormat, ViewFormat.table)
    from .output import write_output
    from .person import person_report
    from .report import get_renderer
    from .report.person import PersonView

    key = _anon_key(anonymize, anon_key_file)
    pset, roster = _load(staff, profiles, targets, sheet, strict, mapping, as_of, lang=lang.value)
    if key is not None:
        from .privacy import lookup_id

        # the person is given by real id (or pseudonym); only the pseudonym is shown, and an
        # unknown id suggests nothing
        roster = _privacy(roster, anonymize, anon_key_file, key)
        employee_id = lookup_id(roster, employee_id, key)
    report = person_report(pset, roster, employee_id)
    seats = None
    if any(a.target is None for a in pset.archetypes):  # role seats: how the centre stands
        from .engine import analyze as analyze_roster

        seats = {r.id: (r.target, r.ready) for a in analyze_roster(pset, roster).archetypes for r in a.roles}
    view = PersonView(pset, report, seats)
    data = get_renderer(fmt.value, View.person)(view, _view_options(fmt, output, lang))
    write_output(data, output, inputs=_inputs(staff, pset.source, targets, anon_key_file, mapping))


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The older roster snapshot.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="The newer roster snapshot.", show_default=False)],
    profiles: ProfilesOpt = None,
    targets: TargetsOpt = None,
    fmt: Annotated[
        ViewFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from the suffix of -o, else table).", show_default=False),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    top: Annotated[int, typer.Option("--top", min=1, help="People and competencies listed per section.")] = 10,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when the coverage index or any archetype's ready count fell.",
        ),
    ] = False,
    sheet: SheetOpt = None,
    strict: StrictOpt = False,
    anonymize: AnonymizeOpt = False,
    anon_key_file: AnonKeyFileOpt = None,
    mapping: MappingOpt = None,
    mapping_old: Annotated[
        Path | None,
        typer.Option(
            "--mapping-old",
            help="Mapping file for OLD alone (its export comes from another HR system than NEW's); default: --mapping.",
            show_default=False,
        ),
    ] = None,
    mapping_new: Annotated[
        Path | None,
        typer.Option(
            "--mapping-new",
            help="Mapping file for NEW alone; default: --mapping.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfEachOpt = None,
) -> None:
    """Compare two roster snapshots: coverage before -> after, joiners, leavers, who became ready."""
    fmt = _format_for(fmt, output, ViewFormat, ViewFormat.table)
    from .diff import align_ids, compare
    from .engine import analyze as run
    from .output import write_output
    from .profiles import load_profiles
    from .report import get_renderer
    from .roster import load_roster

    key = _anon_key(anonymize, anon_key_file)  # one key: the same person matches in both
    pset = load_profiles(profiles, targets)
    analyses = []
    # each snapshot through its own mapping (two HR systems), else --mapping for both
    mappings = (mapping_old or mapping, mapping_new or mapping)
    try:
        loaded_pair = [
            load_roster(_roster_path(path), pset, sheet=sheet, strict=strict, mapping=m, as_of=day)
            for path, m, day in zip((old, new), mappings, _as_of_each(as_of, 2), strict=True)
        ]
    except SscgapError as e:
        # one mapping for both that does not fit a snapshot: say there may be two
        if mapping is not None and mappings[0] == mappings[1] and any(f.file == str(mapping) for f in e.findings):
            _two_systems_hint(e)
        raise
    # ids that lost their leading zeros in one snapshot (a number cell) match before pseudonyms
    for loaded in align_ids(*loaded_pair):
        roster = _privacy(loaded, anonymize, anon_key_file, key)
        for f in roster.warnings[:5]:
            err(_warning_line(f, lang.value))
        analyses.append(run(pset, roster))
    result = compare(*analyses)
    data = get_renderer(fmt.value, View.diff)(result, _view_options(fmt, output, lang, top))
    write_output(data, output, inputs=_inputs(old, new, pset.source, targets, anon_key_file, mapping, *mappings))
    if fail_on_regression:
        regressions = result.regressions()
        if regressions:
            from .report.diff import regression_text

            # display names, with the id in brackets for scripts
            err("FAIL: " + "; ".join(regression_text(result, r, lang.value, with_id=True) for r in regressions))
            raise typer.Exit(int(ExitCode.THRESHOLD))


def _two_systems_hint(e: SscgapError) -> None:
    """A snapshot that --mapping does not fit may come from another HR system: say how to give
    each snapshot its own mapping file (in the error's English and Chinese)."""
    from .i18n import finding_text

    zh = e.zh or finding_text(e.message, "zh")
    e.message += "\n  (from two HR systems? give each snapshot its own mapping file: --mapping-old FILE --mapping-new FILE)"
    e.zh = zh + "\n  （两个快照来自不同的人事系统？请分别指定映射文件：--mapping-old FILE --mapping-new FILE）"


def _n(n: int, word: str, plural: str | None = None) -> str:
    """``1 archetype``, ``2 archetypes``."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


# --------------------------------------------------------------------------------------------
# trend
# --------------------------------------------------------------------------------------------


@app.command()
def trend(
    snapshots: Annotated[
        list[Path],
        typer.Argument(metavar="SNAPSHOT", help="Two or more roster snapshots, oldest first.", show_default=False),
    ],
    labels: Annotated[
        str | None,
        typer.Option(
            "--labels",
            help="One label per snapshot, comma-separated, e.g. 2026-Q1,2026-Q2 (default: the file names).",
            show_default=False,
        ),
    ] = None,
    profiles: ProfilesOpt = None,
    targets: TargetsOpt = None,
    fmt: Annotated[
        TrendFormat | None,
        typer.Option(
            "--format", "-f", help="Output format (html: a line chart; default: from the suffix of -o, else table).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    top: Annotated[int, typer.Option("--top", min=1, help="JSON: ids listed per archetype, as analyze.")] = 10,
    title: TitleOpt = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when the coverage index or any archetype's ready count fell between the last two snapshots.",
        ),
    ] = False,
    sheet: SheetOpt = None,
    strict: StrictOpt = False,
    anonymize: AnonymizeOpt = False,
    anon_key_file: AnonKeyFileOpt = None,
    mapping: MappingOpt = None,
    as_of: AsOfEachOpt = None,
) -> None:
    """Many roster snapshots over time: coverage index, ready / near / target per archetype, principles."""
    fmt = _format_for(fmt, output, TrendFormat, TrendFormat.table)
    from . import ci
    from .api import analyze as run
    from .errors import UsageError
    from .output import write_output
    from .profiles import load_profiles
    from .report import get_renderer
    from .report.trend import drop_text
    from .roster import load_roster
    from .trend import build, parse_labels

    if len(snapshots) < 2:
        raise UsageError("trend needs at least two roster snapshots (oldest first)")
    try:
        names = parse_labels(labels, len(snapshots), snapshots)
    except ValueError as e:
        raise UsageError(str(e)) from None
    key = _anon_key(anonymize, anon_key_file)  # one key for every snapshot
    pset = load_profiles(profiles, targets)
    analyses = []
    for path, day in zip(snapshots, _as_of_each(as_of, len(snapshots)), strict=True):
        loaded = load_roster(_roster_path(path), pset, sheet=sheet, strict=strict, mapping=mapping, as_of=day)
        roster = _privacy(loaded, anonymize, anon_key_file, key)
        for f in roster.warnings[:5]:
            err(_warning_line(f, lang.value, snapshot=path.name))
        analyses.append(run(roster, pset).analysis)
    result = build(analyses, names)
    to_stdout = output in (None, "-")
    color = _use_color(to_stdout) if fmt is TrendFormat.table else False
    options = RenderOptions(
        lang=lang.value, width=_width(color, to_stdout), color=color, top=top, title=title,
        generated=ci.report_date(), ascii=fmt is TrendFormat.table and _ascii_only(to_stdout),
    )  # fmt: skip
    data = get_renderer(fmt.value, View.trend)(result, options)
    write_output(data, output, inputs=_inputs(*snapshots, pset.source, targets, anon_key_file, mapping))
    if fail_on_regression:
        drops = result.regressions()
        if drops:
            err("FAIL: " + "; ".join(drop_text(result, r, lang.value, with_id=True) for r in drops))
            raise typer.Exit(int(ExitCode.THRESHOLD))


# --------------------------------------------------------------------------------------------
# init
# --------------------------------------------------------------------------------------------


def _init_mapping(export: Path, output: str | None, profiles: Path | None, sheet: str | None, lang: Lang) -> None:
    """``sscgap init --mapping EXPORT``: the draft of a mapping file, written atomically."""
    from .i18n import t
    from .mapping import CatalogueNames, draft_mapping
    from .output import write_output
    from .profiles import load_profiles
    from .roster.mapped import read_export

    pset = load_profiles(profiles)
    catalogue = CatalogueNames.from_profiles(pset)
    raw, header_row, sheet_used = read_export(_roster_path(export), catalogue, sheet)
    text = draft_mapping(
        raw, catalogue, export_name=export.name,
        header_row=header_row if header_row != 1 else None, sheet=sheet_used,
    )
    write_output(text, output, inputs=_inputs(export, pset.source))
    if output not in (None, "-"):
        typer.echo(t("init.created", lang.value, files=output))
        command = f"sscgap validate {export} --mapping {output}" + _zh_flag(lang)
        typer.echo(t("init.next_mapping", lang.value, command=command))


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create (or fill).")] = Path("sscgap-start"),
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the roster template's headers, the targets file's notes and the messages.")
    ] = Lang.en,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--mapping",
            metavar="EXPORT",
            help="Instead: draft a mapping file from an HR system's export (CSV or .xlsx).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    profiles: ProfilesOpt = None,
    sheet: SheetOpt = None,
    blank: Annotated[
        bool,
        typer.Option("--blank", help="A small commented profile set to write your own (one archetype, three competencies)."),
    ] = False,
) -> None:
    """A starter folder: a copy of the default profiles, a targets file and a roster template.

    With --mapping EXPORT: a first mapping file for the export instead (-o FILE, default stdout).
    With --blank: a small profile set of your own to fill in, in DIRECTORY.
    """
    if mapping is not None:
        _init_mapping(mapping, output, profiles, sheet, lang)
        return
    from .errors import UsageError
    from .i18n import t
    from .output import write_output
    from .profiles import default_profiles_dir, load_profiles
    from .roster import STANDARD_ALIASES

    if blank:
        if force:
            raise UsageError("--blank never overwrites: choose an empty folder instead of --force")
        from .profiles import write_blank

        written = write_blank(directory)
        typer.echo(t("init.created", lang.value, files=t("punct.sep", lang.value).join(str(p) for p in written)))
        typer.echo(t("init.next_blank", lang.value, command=f"sscgap profiles check {directory}" + _zh_flag(lang)))
        return

    pset = load_profiles()
    dest = directory / "profiles"
    roster_path = directory / ("roster_template_zh.csv" if lang is Lang.zh else "roster_template.csv")
    targets_path = directory / "targets.yaml"
    if not force:
        existing = [p for p in (dest, roster_path, targets_path) if p.exists()]
        if existing:
            raise UsageError(f"{existing[0]}: already exists (use --force to overwrite)")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: exists and is not a folder")
    shutil.copytree(default_profiles_dir(), dest, dirs_exist_ok=True)
    if lang is Lang.zh:
        std = [STANDARD_ALIASES[c][1] for c in STANDARD_ALIASES]
        comps = [c.name.zh for c in pset.catalogue.competencies]
    else:
        std = list(STANDARD_ALIASES)
        comps = pset.competency_ids
    # UTF-8 with BOM: Excel opens Chinese headers correctly
    write_output(("\ufeff" + ",".join(std + comps) + "\n").encode("utf-8"), roster_path)
    write_output(_targets_file(pset, lang.value), targets_path)
    files = t("punct.sep", lang.value).join([f"{dest}/", str(roster_path), str(targets_path)])
    typer.echo(t("init.created", lang.value, files=files))
    command = f"sscgap analyze {roster_path} --profiles {dest} --targets {targets_path}" + _zh_flag(lang)
    typer.echo(t("init.next", lang.value, command=command))


def _zh_flag(lang: Lang) -> str:
    return " --lang zh" if lang is Lang.zh else ""


def _targets_file(pset: ProfileSet, lang: str) -> str:
    """The starter targets file: the thresholds, and every target as it ships, each named (in the
    chosen language) beside its id, so that the file can be edited without the profiles open."""
    from .i18n import t
    from .report.catalogue import target_text

    lines = [*(f"# {line}" for line in t("init.targets_notes", lang).splitlines()), "thresholds:",
             f"  ready_fit: {pset.thresholds.ready_fit}", f"  near_fit: {pset.thresholds.near_fit}", "targets:"]
    sep = t("punct.colon", lang)
    for a in pset.archetypes:
        # an archetype's own target, or (role seats) a target per role id
        keyed = [(a.id, a.target, a.name.get(lang))] if a.target is not None else [
            (r.id, r.target, f"{a.name.get(lang)} › {r.name.get(lang)}") for r in a.roles
        ]
        for key_id, tg, name in keyed:
            if tg is None:
                continue
            key, value = ("headcount", tg.headcount) if tg.headcount is not None else ("per_staff", tg.per_staff)
            lines.append(f"  {key_id}: {{{key}: {value:g}}}  # {name}{sep}{target_text(tg, lang)}")
    return "\n".join(lines) + "\n"
