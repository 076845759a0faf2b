"""Terminal: the report's tables drawn by Rich (coverage, gaps, bench, categories, actions), then
a verdict. Formats the :class:`~sscgap.report.document.Document` the Markdown and HTML reports
use; without colour (``NO_COLOR``, a pipe, a file) the output is plain text at a fixed width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from . import RenderOptions
from .common import amount, bar, console_text, count, pct, text_console
from .document import ActionItem, CoverageRow, Document, SeatRow, build, cap
from .fit import NBSP, fit_columns, fits, fits_between_words, flow

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ..engine import Analysis

STATUS_STYLE = {"covered": "green", "thin": "yellow", "missing": "bold red", "no_target": "dim"}
BENCH_STYLE = {"deep": "green", "adequate": "green", "shallow": "yellow", "empty": "bold red", "no_target": "dim"}
BENCH_STYLE["none_ready"] = "bold red"  # near people only: nobody ready
ACTION_STYLE = {"build": "green", "buy": "yellow", "borrow": "cyan"}

Justify = Literal["left", "right"]


class Col:
    """A column: header, alignment, and whether it holds names or sentences (which fold
    between characters in Chinese, where there are no spaces to wrap at)."""

    def __init__(self, header: str, justify: Justify = "right", *, text: bool = False,
                 style: str | None = None, no_wrap: bool = False) -> None:  # fmt: skip
        self.header, self.justify, self.text = header, justify, text
        self.style, self.no_wrap = style, no_wrap


def _table(doc: Document, title: str | None, columns: Sequence[Col]) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAVY, pad_edge=False, title_justify="left")
    for c in columns:
        table.add_column(
            c.header,
            justify="left" if c.text else c.justify,
            style=c.style,
            no_wrap=c.no_wrap,
        )
    return table


def _number() -> Col:
    return Col("#", style="dim")


def _coverage(doc: Document, rows: Sequence, title: str, console: Console | None = None) -> Table:
    """The coverage table; where the terminal is too narrow for the bars beside the shares
    without breaking the names inside a word, the shares alone."""
    table = _coverage_table(doc, rows, title, bars=True)
    if console is not None and not fits(console, table, 2):
        table = _coverage_table(doc, rows, title, bars=False)
    return table


def _coverage_table(doc: Document, rows: Sequence, title: str, *, bars: bool) -> Table:
    table = _table(
        doc,
        title,
        [_number(), Col(doc.t("archetype"), text=True), Col(doc.t("target")), Col(doc.t("ready")),
         Col(doc.t("near")), Col(doc.t("coverage"), no_wrap=True), Col(doc.t("gap")),
         Col(doc.t("status"), text=True)],
    )  # fmt: skip
    for r in rows:
        style = STATUS_STYLE[r.status]
        table.add_row(
            str(r.number),
            r.name,
            count(r.target),
            count(r.ready),
            count(r.near),
            _share(r.coverage, style, bars),
            count(r.gap) if r.target else "–",
            Text(r.status_text, style=style),
        )
        for seat in r.roles:  # role seats: a sub-row per role
            table.add_row(*_seat_cells(doc, seat, bars))
    return table


def _share(coverage: float | None, style: str, bars: bool) -> Text:
    """A coverage cell: a bar and the share, or the share alone."""
    if not bars:
        return Text(pct(coverage), style=style)
    return Text.assemble((bar(coverage), style), f" {pct(coverage):>5}")


def _seat_cells(doc: Document, seat: SeatRow, bars: bool = True) -> list[RenderableType]:
    """A role's sub-row: its seats, ready and near; a role nobody is ready for stands out."""
    style = "bold red" if seat.empty else ("green" if seat.gap == 0 else "yellow")
    return [
        "",
        Text(f"  └ {seat.name}", style="dim"),
        count(seat.target),
        count(seat.ready),
        count(seat.near),
        _share(seat.coverage, style, bars),
        count(seat.gap) if seat.target else "–",
        Text(doc.t("seats.nobody"), style=style) if seat.empty else "",
    ]


def _seats_note(doc: Document, rows: Sequence[CoverageRow]) -> list[RenderableType]:
    """Under a coverage table with role seats: how its seats are counted, and the filled seats."""
    seated = [r for r in rows if r.roles]
    if not seated:
        return []
    parts = [f"{r.name}{doc.colon}{doc.t('seats.filled', filled=r.filled, target=r.target)}" for r in seated]
    return [Text(doc.t("seats.note"), style="dim"), Text(doc.semi.join(parts), style="dim"), Text("")]


def _principles(doc: Document) -> list[RenderableType]:
    """Who carries the profile set's principles, near the top."""
    if not doc.principles:
        return []
    out: list[RenderableType] = [Text(doc.t("principles.title"), style="bold")]
    for p in doc.principles:
        rule = doc.t("principles.rule", level=p.level, list=doc.sep.join(p.competencies))
        out.append(Padding(Text(doc.principle_line(p)), (0, 0, 0, 2)))
        out.append(Padding(Text(rule, style="dim"), (0, 0, 0, 4)))  # wrapped lines stay indented
    out.append(Text(""))
    return out


def _groups(doc: Document, console: Console | None) -> list[RenderableType]:
    """With ``--by``: one line per group: its staff, coverage index, the seats to fill per
    archetype (numbered as in the coverage table above, coloured by status) and in all. Where
    that does not fit the terminal, the group's largest gaps by name instead. The Markdown and
    HTML reports carry the same breakdown at more length."""
    if not doc.groups:
        return []
    label = doc.by_label or doc.t("group")
    first = [Col(cap(label), text=True), Col(doc.t("staff")), Col(doc.t("verdict.index"))]
    table = _table(
        doc,
        doc.t("section.groups", column=label),
        first + [Col(str(r.number)) for r in doc.coverage] + [Col(doc.t("gap"))],
    )
    for g in doc.groups:
        cells: list[RenderableType] = [g.value, count(g.staff), pct(g.coverage_index, 1)]
        for r in g.rows:
            cells.append(Text(count(r.gap) if r.target else "–", style=STATUS_STYLE[r.status]))
        table.add_row(*cells, Text(count(g.gap), style="bold"))
    key = doc.t("groups.key", n=len(doc.coverage))
    if console is not None and not fits_between_words(console, table):
        table = _table(
            doc,
            doc.t("section.groups", column=label),
            [*first, Col(doc.t("gap")), Col(doc.t("group.largest_gaps"), text=True)],
        )
        for g in doc.groups:
            table.add_row(
                g.value,
                count(g.staff),
                pct(g.coverage_index, 1),
                Text(count(g.gap), style="bold"),
                # the count stays with the name's last word: "insider (3)", never "(3)" alone
                doc.sep.join(f"{name}{doc.paren(count(gap))}".replace(" (", NBSP + "(") for name, gap in g.largest_gaps)
                or "—",
            )
        key = doc.t("groups.key.narrow")
    out: list[RenderableType] = [table, Text(key, style="dim")]
    if doc.groups_more:
        out.append(Text(doc.t("more.groups.where", n=doc.groups_more), style="dim"))
    out += [Text(doc.shares_note, style="dim"), Text("")]
    return out


def _gaps(doc: Document) -> Table | None:
    if not doc.gaps:
        return None
    table = _table(
        doc,
        doc.t("title.gaps"),
        [Col(doc.t("competency"), text=True), Col(doc.t("required_level")), Col(doc.t("demand")),
         Col(doc.t("supply")), Col(doc.t("shortfall")), Col(doc.t("blocking").replace(" ", "\n", 1)),
         Col(doc.t("mean_level").replace(" ", "\n", 1)), Col(doc.t("not_assessed").replace(" ", "\n", 1))],
    )  # fmt: skip
    for g in doc.gaps:  # the level with the largest shortfall, as in Markdown and JSON
        table.add_row(
            g.name,
            str(g.level),
            count(g.demand),
            count(g.supply),
            Text(count(g.shortfall), style="bold red" if g.shortfall > 0 else ""),
            count(g.blocking),
            "–" if g.mean_level is None else f"{g.mean_level:.1f}",
            count(g.not_assessed),
        )
    return table


def _bench(doc: Document) -> list[RenderableType]:
    ins = doc.insights
    table = _table(
        doc,
        doc.t("title.bench"),
        [_number(), Col(doc.t("archetype"), text=True), Col(doc.t("target")), Col(doc.t("ready_now")),
         Col(doc.t("near_soon")), Col(doc.t("depth")), Col(doc.t("bench"), text=True)],
    )  # fmt: skip
    for b in ins.bench:
        table.add_row(
            str(b.number),
            b.name,
            count(b.target),
            count(b.ready),
            count(b.near),
            "–" if b.depth is None else f"{b.depth:.1f}",
            Text(b.strength_text, style=BENCH_STYLE[b.strength]),
        )
    out: list[RenderableType] = [table]
    if ins.risks:
        out.append(Text(doc.t("risk") + doc.colon.rstrip()))
        out += [Padding(Text(line), (0, 0, 0, 2)) for line in ins.risks]  # wrapped lines stay indented
    out += [Text(ins.single_points), Text("")]
    return out


def _categories(doc: Document) -> Table:
    table = _table(
        doc,
        doc.t("title.categories"),
        [Col(doc.t("category"), text=True), Col(doc.t("competencies")), Col(doc.t("mean_level")),
         Col(doc.t("shortfall")), Col(doc.t("held_back")), Col(doc.t("levels_to_gain"))],
    )  # fmt: skip
    for c in doc.insights.categories:
        table.add_row(
            c.name,
            count(c.competencies),
            "–" if c.mean_level is None else f"{c.mean_level:.1f}",
            count(c.shortfall),
            count(c.held_back),
            amount(c.levels_to_gain),
        )
    return table


def _two_lines(header: str) -> str:
    """'Ready (excl.)' -> 'Ready' over '(excl.)', so narrow number columns stay narrow."""
    return header.replace(" (", "\n(").replace("（", "\n（")


def _exclusive(doc: Document) -> list[RenderableType]:
    ins = doc.insights
    table = _table(
        doc,
        doc.t("title.exclusive"),
        [_number(), Col(doc.t("archetype"), text=True), Col(doc.t("target")),
         Col(doc.t("ready")), Col(_two_lines(doc.t("ready_exclusive"))), Col(doc.t("coverage")),
         Col(_two_lines(doc.t("coverage_exclusive"))), Col(_two_lines(doc.t("gap_exclusive")))],
    )  # fmt: skip
    for e in ins.exclusive:
        table.add_row(
            str(e.number),
            e.name,
            count(e.target),
            count(e.ready),
            count(e.ready_exclusive),
            pct(e.coverage),
            pct(e.coverage_exclusive),
            count(e.gap_exclusive) if e.target else "–",
        )
    return [table, Text(ins.exclusive_verdict or ""), Text("")]


def _actions(doc: Document) -> RenderableType:
    exclusive = doc.insights.recommendations_exclusive
    title = doc.t("title.recommendations.exclusive" if exclusive else "title.recommendations")
    if not doc.actions:
        return Text(title + doc.colon + doc.t("no_recommendations"))
    table = _table(
        doc,
        title,
        [_number(), Col(doc.t("archetype"), text=True), Col(doc.t("gap")),
         Col(doc.t("action"), "left", no_wrap=True), Col(doc.t("plan"), text=True)],
    )  # fmt: skip
    for a in doc.actions:
        table.add_row(
            str(a.number),
            a.archetype,
            count(a.gap),
            Text(a.kind_text, style=ACTION_STYLE[a.kind]),
            "\n".join(_plan_line(line, a) for line in a.plan),
        )
    return table


def _plan_line(line: str, a: ActionItem) -> str:
    """A plan line with each person named in it kept on one line: ``Liang Mingxuan (000166)``
    (Chinese: ``Liang Mingxuan（``), never ``Liang`` / ``Mingxuan``; a competency's levels stay
    with its name (``Leadership 3→4``, ``产品管理 ≥4``), as in the HTML report."""
    import re

    line = re.sub(r" (?=(?:[\d.]+|–)→\d|≥\d)", NBSP, line)
    for p in a.candidates:
        if p.name:
            for whole in (f"{p.name} ({p.employee_id})", p.name):
                if whole in line:
                    line = line.replace(whole, whole.replace(" ", NBSP))
                    break
    return line


def verdict(doc: Document) -> str:
    return doc.t(
        "verdict",
        index=pct(doc.coverage_index, 1),
        covered=doc.covered,
        thin=doc.thin,
        missing=doc.missing,
        staff=doc.staff,
    )


def renderables(doc: Document, title: str, console: Console | None = None) -> list[RenderableType]:
    """The terminal report, in order: what ``console`` prints (its width chooses the layout of
    the group breakdown)."""
    out: list[RenderableType] = [_coverage(doc, doc.coverage, title, console)]
    out += _seats_note(doc, doc.coverage)
    out += _principles(doc)
    out += _groups(doc, console)
    gaps = _gaps(doc)
    if gaps is not None:
        out.append(gaps)
    out += _bench(doc)
    out.append(_categories(doc))
    if doc.insights.exclusive:
        out += _exclusive(doc)
    out.append(_actions(doc))
    out += _reading(doc)
    out.append(Text(verdict(doc), style="bold"))
    return out


def _reading(doc: Document) -> list[RenderableType]:
    """How an export was read through a mapping file or a long export's history: the
    competencies matched, stale ratings, self vs manager (the other reports' data-quality lines;
    a plain roster has none, so its screen does not change)."""
    q = doc.quality
    if not q.reading:
        return []
    lines = ([q.matched] if q.matched else []) + list(q.reading)
    return [Text("\n".join(lines), style="dim")]


def render_document(doc: Document, options: RenderOptions) -> str:
    console, buf = text_console(options)
    for item in renderables(doc, options.title or doc.screen_title or doc.t("title.coverage"), console):
        console.print(fit_columns(console, item) if isinstance(item, Table) else flow(item, console.width))
    return console_text(buf, options)


def render(analysis: Analysis, options: RenderOptions) -> str:
    return render_document(build(analysis, options, people_lists=False), options)  # it lists no people
