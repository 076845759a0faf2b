"""Terminal table: coverage per archetype, the largest competency gaps, a verdict.

Laid out by :mod:`.grid` (Rich's table layout without Rich's per-cell cost)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import t
from . import RenderOptions
from .common import (
    archetype_name,
    bar,
    competency_name,
    pct,
    status_text,
    top_gaps,
    verdict,
)
from .grid import Column, Grid, Line, render_lines, text_column

if TYPE_CHECKING:
    from ..engine import Analysis, Summary

STATUS_STYLE = {"covered": "green", "thin": "yellow", "missing": "bold red", "no_target": "dim"}


def coverage_table(analysis: Analysis, summary: Summary, lang: str, title: str | None) -> Grid:
    table = Grid(
        title,
        [
            Column("#", "right", style="dim"),
            text_column(t("archetype", lang), lang),
            Column(t("target", lang), "right"),
            Column(t("ready", lang), "right"),
            Column(t("near", lang), "right"),
            Column(t("coverage", lang), "right", no_wrap=True),
            Column(t("gap", lang), "right"),
            text_column(t("status", lang), lang),
        ],
    )
    for a in summary.archetypes:
        style = STATUS_STYLE[a.status]
        table.add_row(
            str(a.index + 1),
            archetype_name(analysis, a, lang),
            str(a.target),
            str(a.ready),
            str(a.near),
            ((bar(a.coverage), style), (f" {pct(a.coverage):>5}", None)),
            str(a.gap) if a.target else "–",
            ((status_text(a.status, lang), style),),
        )
    return table


def gaps_table(analysis: Analysis, lang: str, limit: int) -> Grid | None:
    rows = top_gaps(analysis, limit)
    if not rows:
        return None
    table = Grid(
        t("title.gaps", lang),
        [
            text_column(t("competency", lang), lang),
            Column(t("required_level", lang), "right"),
            Column(t("meets", lang), "right"),
            Column(t("demand", lang), "right"),
            Column(t("blocking", lang), "right"),
            Column(t("mean_level", lang), "right"),
            Column(t("not_assessed", lang), "right"),
        ],
    )
    for c in rows:
        top = max(c.levels, key=lambda ls: ls.level) if c.levels else None
        table.add_row(
            competency_name(analysis, c, lang),
            str(top.level) if top else "–",
            str(top.meets) if top else "–",
            str(top.demand) if top else "–",
            str(c.blocking),
            "–" if c.mean_level is None else f"{c.mean_level:.1f}",
            str(c.not_assessed),
        )
    return table


def render(analysis: Analysis, options: RenderOptions) -> str:
    lang = options.lang
    title = options.title or t("title.coverage", lang)
    items: list[Grid | Line] = [coverage_table(analysis, analysis.summary, lang, title)]
    for g in analysis.groups:
        group = t("verdict.group", lang, column=g.column, value=g.value)
        items.append(coverage_table(analysis, g.summary, lang, f"{title} · {group}"))
    gaps = gaps_table(analysis, lang, options.top)
    if gaps is not None:
        items.append(gaps)
    from .insights import table_sections

    items += table_sections(analysis, lang)
    items.append(Line(verdict(analysis, lang), style="bold"))
    return render_lines(items, options.width, options.color)
