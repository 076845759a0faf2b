"""``sscgap validate``: check a roster and its profiles, and list every problem at once.

The loaders do the checking (they collect :class:`~sscgap.errors.Finding` records); this module
runs them without stopping at the first error and presents the findings: a table for people,
JSON for scripts.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .errors import Finding, ProfileError

SCHEMA_VERSION = 1


@dataclass
class ValidationReport:
    """Everything ``validate`` found, in file order (profiles first, then the roster)."""

    profiles: str
    staff: str | None = None
    findings: list[Finding] = field(default_factory=list)
    people: int | None = None
    layout: str | None = None
    competency_columns: int | None = None
    competencies: int | None = None
    roster_checked: bool = False
    matched: Any = None  # MatchSummary: the catalogue's competencies found in the roster
    mapping: str | None = None  # the mapping file the roster was read through

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def n_errors(self) -> int:
        return sum(f.count for f in self.errors)

    @property
    def n_warnings(self) -> int:
        return sum(f.count for f in self.warnings)

    @property
    def ok(self) -> bool:
        return not self.errors

    def _matched_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.mapping is not None:
            out["mapping"] = self.mapping
        if self.matched is not None:
            out["competencies_matched"] = {
                "matched": len(self.matched.found),
                "of": self.matched.total,
                "missing": list(self.matched.missing),
            }
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "ok": self.ok,
            "errors": self.n_errors,
            "warnings": self.n_warnings,
            "profiles": self.profiles,
            "roster": None
            if self.staff is None
            else {
                "file": self.staff,
                "checked": self.roster_checked,
                "people": self.people,
                "layout": self.layout,
                "competency_columns": self.competency_columns,
                **self._matched_dict(),
            },
            "findings": [f.to_dict() for f in self.findings],
        }


def _order(f: Finding) -> tuple[int, int]:
    return (0, f.row) if f.row is not None else (1, 0)


def validate(
    staff: str | Path | None,
    profiles: str | Path | None = None,
    targets: str | Path | None = None,
    *,
    sheet: str | None = None,
    strict: bool = False,
    mapping: str | Path | None = None,
    as_of: date | None = None,
) -> ValidationReport:
    """Check the profiles, then the roster against them; never raises for a problem in a file."""
    from .profiles import default_profiles_dir, load_profiles

    pset = None
    try:
        source = str(profiles) if profiles is not None else str(default_profiles_dir())
    except ProfileError as e:
        source = "(default profiles)"
        return ValidationReport(source, None if staff is None else str(staff), list(e.findings))
    report = ValidationReport(source, None if staff is None else str(staff))
    try:
        pset = load_profiles(profiles, targets)
    except ProfileError as e:
        report.findings.extend(e.findings or [Finding("error", source, e.message)])
    if staff is None:
        return report
    if pset is None:
        report.findings.append(
            Finding("warning", str(staff), "not checked: the profiles above have errors")
        )
        return report

    from .roster import check_roster

    roster, found = check_roster(staff, pset, sheet=sheet, strict=strict, mapping=mapping, as_of=as_of)
    report.roster_checked = True
    report.competencies = len(pset.competency_ids)
    # findings per file in file order; within a file, rows in order (stable)
    by_file: dict[str, list[Finding]] = {}
    for f in found:
        by_file.setdefault(f.file, []).append(f)
    for items in by_file.values():
        report.findings.extend(sorted(items, key=_order))
    if roster is not None:
        report.people = len(roster)
        report.layout = roster.layout
        report.competency_columns = len(pset.competency_ids) - len(roster.missing_competencies)
        report.matched = roster.matched
    report.mapping = None if mapping is None else str(mapping)
    return report


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------


def render_json(report: ValidationReport) -> str:
    from .textsafe import for_json

    return for_json(json.dumps(report.to_dict(), ensure_ascii=False, indent=2)) + "\n"


def render_table(
    report: ValidationReport, width: int = 100, color: bool = False, lang: str = "en", ascii_only: bool = False
) -> str:
    """The findings as a table per file, then one summary line (``lang="zh"``: in Chinese);
    ``ascii_only``: its symbols as ASCII stand-ins (stdout cannot show them)."""
    from rich.table import Table
    from rich.text import Text

    from .i18n import finding_text, t
    from .report.fit import fit_columns, keep_whole
    from .textsafe import for_terminal, terminal_console

    console = terminal_console(
        width=width,
        record=True,
        file=io.StringIO(),  # recorded, not printed
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,  # cells, headers and messages are data: "[/]" is text, not markup
        emoji=False,
        soft_wrap=False,
        ascii_only=ascii_only,
    )
    files: dict[str, list[Finding]] = {}
    for f in report.findings:
        files.setdefault(f.file, []).append(f)
    for file, items in files.items():
        n_err = sum(f.count for f in items if f.severity == "error")
        n_warn = sum(f.count for f in items if f.severity != "error")
        head = f"{file}{t('punct.colon', lang)}{_counts(n_err, n_warn, lang)}"
        console.print(Text(for_terminal(head), style="bold"), soft_wrap=True)
        table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
        table.add_column("", no_wrap=True)
        has_place = any(f.place for f in items)
        has_row = any(f.row is not None for f in items)
        if has_place:
            table.add_column(t("validate.place", lang), overflow="fold", max_width=34)
        if has_row:
            table.add_column(t("validate.row", lang), justify="right", no_wrap=True)
        has_column = any(f.column for f in items)
        has_value = any(f.value is not None for f in items)
        if has_column:
            table.add_column(t("validate.column", lang), overflow="fold", max_width=24)
        if has_value:
            table.add_column(t("validate.value", lang), overflow="fold", max_width=20)
        table.add_column(t("validate.problem", lang), overflow="fold", ratio=1)
        for f in items:
            sev = Text(t(f"validate.{f.severity}", lang), style="red" if f.severity == "error" else "yellow")
            problem = Text(for_terminal(finding_text(f.message, lang), keep="\n"))
            if f.hint:
                # Chinese: no space after the arrow, which would be left alone on its line when
                # the hint (no spaces in it) folds
                arrow = "\n→" if lang == "zh" else "\n→ "
                problem.append(arrow + finding_text(f.hint, lang), style="dim")
            cells: list[Any] = [sev]
            if has_place:
                cells.append(finding_text(f.place, lang) if f.place else "")
            if has_row:
                cells.append("" if f.row is None else str(f.row))
            if has_column:
                column = for_terminal(f.column or "")
                cells.append(column if len(column) <= 40 else column[:37] + "...")
            if has_value:
                value = for_terminal(f.value or "")
                cells.append(Text(value if len(value) <= 40 else value[:37] + "..."))
            cells.append(problem)
            table.add_row(*cells)
        # the place, column and value whole where there is room; Chinese breaks between words
        keep_whole(console, table, [k for k, c in enumerate(table.columns) if c.max_width])
        console.print(fit_columns(console, table))
        console.print()
    if report.matched is not None and (report.matched.missing or report.layout != "wide"):
        console.print(Text(_matched_line(report.matched, lang)), soft_wrap=True)
    console.print(
        Text(summary_line(report, lang), style="bold green" if report.ok else "bold red"), soft_wrap=True
    )
    text = console.export_text(styles=color)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def _matched_line(matched: Any, lang: str) -> str:
    """``matched 27 of 30 competencies; missing: …`` (``已匹配的能力：30 项中的 27 项；缺少：…``)."""
    if lang != "zh":
        return str(matched)
    from .i18n import t

    line = t("quality.matched", lang, found=len(matched.found), total=matched.total)
    if matched.missing:
        line += t("punct.semi", lang) + t("quality.matched_missing", lang) + t("punct.colon", lang)
        line += t("punct.sep", lang).join(matched.missing[:10])
        if len(matched.missing) > 10:
            line += f"等，共{len(matched.missing)}项"
    return line


def summary_line(report: ValidationReport, lang: str = "en") -> str:
    from .i18n import t

    n_err, n_warn = report.n_errors, report.n_warnings
    if not report.ok:
        return t("validate.fix", lang, counts=_counts(n_err, n_warn, lang))
    if report.staff is None:
        return t("validate.profiles_ok", lang, source=report.profiles) + (
            t("punct.paren", lang, text=_count(n_warn, "warning", lang)) if n_warn else ""
        )
    people = report.people
    what = (
        t("validate.roster", lang)
        if people is None
        else t("validate.person" if people == 1 else "validate.people", lang, n=f"{people:,}")
    )
    cols = (
        t("validate.columns", lang, found=report.competency_columns, total=report.competencies)
        if report.layout == "wide" and report.competencies
        else t("validate.layout", lang, layout=t(f"validate.layout_{report.layout}", lang))
        if report.layout
        else ""
    )
    warn = t("validate.warn_tail", lang, warnings=_count(n_warn, "warning", lang)) if n_warn else t("validate.no_problems", lang)
    return t("validate.roster_ok", lang, staff=report.staff, what=what, cols=cols, warn=warn)


def _count(n: int, word: str, lang: str = "en") -> str:
    from .i18n import t

    return t(f"validate.n_{word}" + ("" if n == 1 else "s"), lang, n=n)


def _counts(n_err: int, n_warn: int, lang: str) -> str:
    from .i18n import t

    return t("validate.counts", lang, errors=_count(n_err, "error", lang), warnings=_count(n_warn, "warning", lang))
