"""Terminal table (Rich): coverage per archetype, the largest competency gaps, a verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from ..i18n import t
from . import RenderOptions
from .common import (
    archetype_name,
    bar,
    competency_name,
    pct,
    status_text,
    text_console,
    top_gaps,
    verdict,
)

if TYPE_CHECKING:
    from ..engine import Analysis, Summary

STATUS_STYLE = {"covered": "green", "thin": "yellow", "missing": "bold red", "no_target": "dim"}


def coverage_table(analysis: Analysis, summary: Summary, lang: str, title: str | None) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column(t("archetype", lang), ratio=1)
    table.add_column(t("target", lang), justify="right")
    table.add_column(t("ready", lang), justify="right")
    table.add_column(t("near", lang), justify="right")
    table.add_column(t("coverage", lang), justify="right", no_wrap=True)
    table.add_column(t("gap", lang), justify="right")
    table.add_column(t("status", lang))
    for a in summary.archetypes:
        style = STATUS_STYLE[a.status]
        table.add_row(
            str(a.index + 1),
            archetype_name(analysis, a, lang),
            str(a.target),
            str(a.ready),
            str(a.near),
            Text.assemble((bar(a.coverage), style), f" {pct(a.coverage):>5}"),
            str(a.gap) if a.target else "–",
            Text(status_text(a.status, lang), style=style),
        )
    return table


def gaps_table(analysis: Analysis, lang: str, limit: int) -> Table | None:
    rows = top_gaps(analysis, limit)
    if not rows:
        return None
    table = Table(title=t("title.gaps", lang), box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
    table.add_column(t("competency", lang))
    table.add_column(t("required_level", lang), justify="right")
    table.add_column(t("meets", lang), justify="right")
    table.add_column(t("demand", lang), justify="right")
    table.add_column(t("blocking", lang), justify="right")
    table.add_column(t("mean_level", lang), justify="right")
    table.add_column(t("not_assessed", lang), justify="right")
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
    console, buf = text_console(options)
    lang = options.lang
    title = options.title or t("title.coverage", lang)
    console.print(coverage_table(analysis, analysis.summary, lang, title))
    for g in analysis.groups:
        console.print(
            coverage_table(
                analysis, g.summary, lang, f"{title} · {t('verdict.group', lang, column=g.column, value=g.value)}"
            )
        )
    gaps = gaps_table(analysis, lang, options.top)
    if gaps is not None:
        console.print(gaps)
    from .insights import table_sections

    for section in table_sections(analysis, lang):
        console.print(section)
    console.print(Text(verdict(analysis, lang), style="bold"))
    return buf.getvalue()
