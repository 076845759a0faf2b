"""``sscgap diff``: two snapshots compared, as a terminal table, Markdown or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table
from rich.text import Text

from .._version import __version__
from ..textsafe import for_json
from . import RenderOptions
from .common import (
    amount,
    archetype_name,
    category_name,
    competency_name,
    console_text,
    count,
    grouped,
    num,
    pct,
    t,
    text_console,
)
from .fit import NBSP, fit_columns, flow, unbroken
from .json import SCHEMA_VERSION
from .markdown import gfm_table as md_table
from .safe import md_code as code
from .safe import md_escape as escape

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..diff import ArchetypeDelta, Regression, SnapshotDiff
    from ..engine import Analysis

PEOPLE_KINDS = ("joiners", "leavers", "became_ready", "lost_readiness")


def _signed(x: int | float | None, fmt: str = "{:+,d}") -> str:
    if x is None:
        return "–"
    return fmt.format(x) if x else "0"


def _pp(before: float | None, after: float | None, lang: str) -> str:
    """The change between two ratios shown to a tenth of a percent, in percentage points, as
    the reader would work it out from the two figures shown (74.3% → 70.0%: -4.3 pp)."""
    if before is None or after is None:
        return "–"
    delta = float(f"{100 * after:.1f}") - float(f"{100 * before:.1f}")
    return "0" if abs(delta) < 0.05 else t("diff.pp", lang, delta=f"{delta:+.1f}")


def _arrow(b: object, a: object) -> str:
    return f"{grouped(b)} → {grouped(a)}"  # counts grouped: 19,800 → 20,000


def verdict(d: SnapshotDiff, lang: str) -> str:
    return t(
        "diff.verdict",
        lang,
        before=pct(d.coverage_before, 1),
        after=pct(d.coverage_after, 1),
        delta=_pp(d.coverage_before, d.coverage_after, lang),
        staff_before=d.before.staff,
        staff_after=d.after.staff,
        joiners=d.count("joiners"),
        leavers=d.count("leavers"),
    )


def _archetype_cells(d: SnapshotDiff, x: ArchetypeDelta, lang: str) -> list[str]:
    b, a = x.before, x.after
    return [
        str(x.index + 1),
        archetype_name(d.after, a, lang),
        _arrow(b.target, a.target),
        _arrow(b.ready, a.ready),
        _signed(x.ready_delta),
        _arrow(b.near, a.near),
        _arrow(pct(b.coverage), pct(a.coverage)),
        f"+{x.joined:,}" if x.joined else "0",
        f"-{x.left:,}" if x.left else "0",
        f"+{x.developed:,}" if x.developed else "0",
        f"-{x.lost:,}" if x.lost else "0",
    ]


def why_text(x: ArchetypeDelta, lang: str, whole: Callable[[str], str] = str) -> str:
    """Where the change in ready people came from, e.g. '+1 joined, -2 left' (``whole``: how a
    part is kept whole, e.g. on one line of a terminal table)."""
    parts = [
        # Chinese: the word first and the count after it (新入职+1), as a Chinese line reads
        whole(f"{sign}{n:,} {t(key, lang).lower()}" if lang == "en" else f"{t(key, lang)}{sign}{n:,}")
        for n, sign, key in ((x.joined, "+", "joined"), (x.left, "-", "left"), (x.developed, "+", "developed"),
                             (x.lost, "-", "lost"))
        if n
    ]
    return t("punct.sep", lang).join(parts) if parts else "–"


def _archetype_headers(lang: str) -> list[str]:
    return ["#", t("archetype", lang), t("target", lang), t("ready", lang), t("change", lang), t("near", lang),
            t("coverage", lang), t("joined", lang), t("left", lang), t("developed", lang), t("lost", lang)]


def regression_text(d: SnapshotDiff, r: Regression, lang: str, *, with_id: bool = False) -> str:
    """The regression in words, the archetype by its name (``with_id``: ``Name [id]``)."""
    if r.kind == "coverage_index":
        return t("regression.index", lang, before=pct(r.before, 1), after=pct(r.after, 1))
    a = next(x.after for x in d.archetypes if x.id == r.archetype)
    name = archetype_name(d.after, a, lang) + (f" [{a.id}]" if with_id else "")
    return t("regression.ready", lang, archetype=name, before=amount(r.before), after=amount(r.after))


def _people_line(d: SnapshotDiff, kind: str, lang: str, limit: int, md: bool = False, whole: bool = False) -> str:
    """``whole`` (a terminal cell): a person's name and id never break apart (``Tang`` /
    ``Hao（000252）``, ``Tang Hao`` / ``(000252)``)."""
    names = {a.id: archetype_name(d.after, a, lang) for a in d.after.archetypes}
    rows = d.people(kind, limit)
    parts = []
    for p in rows:
        text = p["name"] + t("punct.paren", lang, text=p["employee_id"]) if p["name"] else p["employee_id"]
        text = text.replace(" ", NBSP) if whole else text
        arch = p.get("archetypes") or p.get("ready_for") or []
        if arch:
            text += t("punct.colon", lang) + t("punct.sep", lang).join(names[i] for i in arch)
        parts.append(escape(text) if md else text)
    more = d.count(kind) - len(rows)
    line = t("punct.semi", lang).join(parts) if parts else "–"
    return line + (("" if lang == "zh" else " ") + t("more", lang, n=more) if more > 0 else "")


def _comp_cells(d: SnapshotDiff, lang: str, limit: int) -> list[list[str]]:
    rows = []
    for c in d.competencies[:limit]:
        moved = max(abs(c.delta or 0.0), abs(c.stayers_delta or 0.0))
        if moved < 5e-4:
            continue
        rows.append(
            [
                competency_name(d.after, c.id, lang),
                category_name(d.after, c.category, lang),
                _arrow(_mean(c.mean_before), _mean(c.mean_after)),
                "–" if c.delta is None else f"{c.delta:+.2f}",
                "–" if c.stayers_delta is None else f"{c.stayers_delta:+.2f}",
            ]
        )
    return rows


def _mean(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _comp_headers(lang: str) -> list[str]:
    return [t("competency", lang), t("category", lang), t("mean_level", lang), t("change", lang),
            t("stayers_change", lang)]


# ---------------------------------------------------------------------------------------------


def render_table(d: SnapshotDiff, options: RenderOptions) -> str:
    lang = options.lang
    console, buf = text_console(options)
    table = Table(
        title=f"{t('title.diff', lang)}{t('punct.colon', lang)}{d.before.roster.source} → {d.after.roster.source}",
        box=box.SIMPLE_HEAVY,
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("#", justify="right", style="dim")
    table.add_column(t("archetype", lang))
    # before → after: whole while anything else can give way (fit_columns), then over two lines
    table.add_column(t("target", lang), justify="right")
    table.add_column(t("ready", lang), justify="right")
    table.add_column(t("change", lang), justify="right")
    table.add_column(t("near", lang), justify="right")
    table.add_column(t("coverage", lang), justify="right")
    table.add_column(t("diff.why", lang), ratio=1)
    for x in d.archetypes:
        b, a = x.before, x.after
        style = "red" if x.ready_delta < 0 else "green" if x.ready_delta > 0 else ""
        table.add_row(
            str(x.index + 1),
            archetype_name(d.after, a, lang),
            count(a.target) if a.target == b.target else _arrow(b.target, a.target),
            _arrow(b.ready, a.ready),
            Text(_signed(x.ready_delta), style=style),
            _arrow(b.near, a.near),
            _arrow(pct(b.coverage), pct(a.coverage)),
            why_text(x, lang, unbroken),
        )
    console.print(fit_columns(console, table))
    console.print(flow(Text(t("diff.note", lang), style="dim"), console.width))
    console.print()
    people = Table(title=t("title.diff.people", lang), box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
    people.add_column("")
    people.add_column(t("people.count", lang), justify="right")
    people.add_column(t("people.who", lang), ratio=1)
    for kind in PEOPLE_KINDS:
        people.add_row(t(kind, lang), count(d.count(kind)), _people_line(d, kind, lang, options.top, whole=True))
    console.print(fit_columns(console, people))
    rows = _comp_cells(d, lang, options.top)
    if rows:
        comps = Table(
            title=t("title.diff.competencies", lang), box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False
        )
        for h, just in zip(_comp_headers(lang), "llrrr", strict=True):
            comps.add_column(h, justify="right" if just == "r" else "left")
        for r in rows:
            comps.add_row(*r)
        console.print(fit_columns(console, comps))
    regs = [regression_text(d, r, lang) for r in d.regressions()]
    if regs:
        text = t("diff.regressions", lang) + t("punct.colon", lang) + t("punct.semi", lang).join(regs)
        console.print(flow(Text(text, style="red"), console.width))
    console.print(flow(Text(verdict(d, lang), style="bold"), console.width))
    return console_text(buf, options)


def _escape_first_text(cells: list[str]) -> list[str]:
    """Escape the archetype name (profile data); the other cells are our own numbers."""
    return [cells[0], escape(cells[1]), *cells[2:]]


def render_markdown(d: SnapshotDiff, options: RenderOptions) -> str:
    lang = options.lang
    out = [f"# {t('title.diff', lang)}", ""]
    out += [f"{code(d.before.roster.source)} → {code(d.after.roster.source)}", ""]
    out += [f"**{verdict(d, lang)}**", ""]
    regs = [escape(regression_text(d, r, lang)) for r in d.regressions()]
    sep = t("punct.semi", lang)
    line = t("diff.regressions", lang) + t("punct.colon", lang) + sep.join(regs) if regs else t("diff.no_regression", lang)
    out += [line, ""]
    out.append(
        md_table(
            _archetype_headers(lang),
            [_escape_first_text(_archetype_cells(d, x, lang)) for x in d.archetypes],
            "rllrrlrrrrr",
        )
    )
    out += ["", f"_{t('diff.note', lang)}_", "", f"## {t('title.diff.people', lang)}", ""]
    out.append(
        md_table(
            ["", t("people.count", lang), t("people.who", lang)],
            [[t(k, lang), count(d.count(k)), _people_line(d, k, lang, options.top, md=True)] for k in PEOPLE_KINDS],
            "lrl",
        )
    )
    rows = _comp_cells(d, lang, options.top)
    if rows:
        out += ["", f"## {t('title.diff.competencies', lang)}", ""]
        out.append(md_table(_comp_headers(lang), [[escape(r[0]), escape(r[1]), *r[2:]] for r in rows], "llrrr"))
    out.append("")
    return "\n".join(out)


def to_dict(d: SnapshotDiff) -> dict[str, Any]:
    def side(an: Analysis) -> dict[str, Any]:
        s = an.summary
        return {"roster": an.roster.source, "staff": s.staff, "coverage_index": num(s.coverage_index)}

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "sscgap", "version": __version__},
        "before": side(d.before),
        "after": side(d.after),
        "summary": {
            "coverage_index_delta": num(d.coverage_delta),
            "joiners": d.count("joiners"),
            "leavers": d.count("leavers"),
            "stayers": d.count("stayers"),
            "became_ready": d.count("became_ready"),
            "lost_readiness": d.count("lost_readiness"),
        },
        "archetypes": [
            {
                "id": x.id,
                "before": {"target": x.before.target, "ready": x.before.ready, "near": x.before.near,
                           "coverage": num(x.before.coverage), "gap": x.before.gap},
                "after": {"target": x.after.target, "ready": x.after.ready, "near": x.after.near,
                          "coverage": num(x.after.coverage), "gap": x.after.gap},
                "ready_delta": x.ready_delta,
                "near_delta": x.near_delta,
                "coverage_delta": num(x.coverage_delta),
                "joined": x.joined,
                "left": x.left,
                "developed": x.developed,
                "lost": x.lost,
            }
            for x in d.archetypes
        ],
        "people": {kind: d.people(kind) for kind in PEOPLE_KINDS},
        "competencies": [
            {
                "id": c.id,
                "category": c.category,
                "mean_before": num(c.mean_before, 3),
                "mean_after": num(c.mean_after, 3),
                "delta": num(c.delta, 3),
                "stayers": c.stayers,
                "stayers_delta": num(c.stayers_delta, 3),
            }
            for c in d.competencies
        ],
        "regressions": [
            {"kind": r.kind, "archetype": r.archetype, "before": r.before, "after": r.after, "message": str(r)}
            for r in d.regressions()
        ],
    }


def render_json(d: SnapshotDiff, options: RenderOptions) -> str:
    return for_json(json.dumps(to_dict(d), ensure_ascii=False, indent=2)) + "\n"
