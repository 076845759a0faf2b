"""HTML: one self-contained file (no network, no scripts) with a coverage chart and a heatmap.

Rendered with Jinja2 and autoescape on, so every name and free text is escaped; a Content
Security Policy forbids loading anything from outside the file. The sections are the Markdown
report's (see ``document.build``); the charts are inline SVG and coloured table cells, so the page
prints as it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..textsafe import for_document
from . import RenderOptions
from .common import amount, grouped, pct, t
from .document import Document, build, cap
from .palette import (  # noqa: F401
    LEVEL_COLOURS,
    LEVEL_TEXT,
    MEAN_COLOURS,
    MEAN_STEPS,
    MEAN_TEXT,
    STATUS_COLOURS,
    STATUS_MARKS,
    STATUS_STYLE,
    StatusStyle,
    mean_shade,
)
from .tables import heatmap_heading, heatmap_rows

if TYPE_CHECKING:
    from jinja2 import Template

    from ..engine import Analysis

AXIS_MAX = 2.0  # the coverage chart runs from 0 to 200% of target
CHART_WIDTH = 520

NEAR_FILL = "#c6dbef"  # the near part of a bar: light, the same for every status
FG, MUTED, SOFT = "#1f2328", "#59636e", "#f6f8fa"

# every (text, background, large text) pair the page draws: tested for WCAG AA
TEXT_PAIRS: tuple[tuple[str, str, str, bool], ...] = (
    ("body", FG, "#ffffff", False),
    ("muted", MUTED, "#ffffff", False),
    ("muted on soft", MUTED, SOFT, False),
    ("header cell", FG, SOFT, False),
    ("link", "#0b57a4", "#ffffff", False),
    *((f"{k} badge", v.fg, v.bg, False) for k, v in STATUS_STYLE.items()),
    *((f"{k} text", v.ink, "#ffffff", False) for k, v in STATUS_STYLE.items()),
    *((f"{k} card", v.ink, SOFT, True) for k, v in STATUS_STYLE.items()),
    ("missing row", FG, STATUS_STYLE["missing"].row, False),
    ("missing text on its row", STATUS_STYLE["missing"].ink, STATUS_STYLE["missing"].row, False),
    ("missing card names", FG, STATUS_STYLE["missing"].row, False),
    ("not assessed mark", MUTED, "#ffffff", False),
    *((f"heatmap level {i}", LEVEL_TEXT[i], c, False) for i, c in enumerate(LEVEL_COLOURS)),
    *(
        (f"heatmap mean {k / MEAN_STEPS:.1f}", MEAN_TEXT[k], c, False)
        for k, c in enumerate(MEAN_COLOURS)
    ),
)


def luminance(colour: str) -> float:
    """Relative luminance of an ``#rrggbb`` colour (WCAG 2.x)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class Bar:
    number: int
    name: str
    status: str
    status_text: str
    target: int
    ready: int
    near: int
    coverage_text: str
    ready_w: float  # px
    near_w: float  # px
    target_x: float | None  # px
    capped: bool


@dataclass(frozen=True)
class HeatCell:
    text: str
    css: str  # l0..l5 (colour of the level), or "na" (not assessed)


@dataclass(frozen=True)
class HeatRow:
    label: str
    cells: tuple[HeatCell, ...]
    size: str = ""  # a group's row: how many people its means stand for ("n=2,345")
    heading: str = ""  # one row per person: the best archetype whose people start here


@dataclass(frozen=True)
class Heatmap:
    column: str | None  # None: one row per person
    column_label: str  # the grouping column in a sentence ("department")
    column_heading: str  # ... as the heading of the row labels ("Department")
    shades: tuple[int, ...]  # the MEAN_COLOURS the group means use (their CSS classes m0..m50)
    categories: tuple[tuple[str, int], ...]  # (category name, number of competencies), in order
    competencies: tuple[str, ...]
    rows: tuple[HeatRow, ...]
    staff: int


def _bars(doc: Document) -> tuple[Bar, ...]:
    out = []
    scale = CHART_WIDTH / AXIS_MAX
    for r in doc.coverage:
        if r.target > 0:
            met = r.ready if r.filled is None else r.filled  # role seats: the seats filled
            ready = met / r.target
            near = (met + r.near) / r.target
            target_x = scale * 1.0
        else:
            ready = near = 0.0
            target_x = None
        out.append(
            Bar(
                number=r.number,
                name=r.name,
                status=r.status,
                status_text=r.status_text,
                target=r.target,
                ready=r.ready,
                near=r.near,
                coverage_text=pct(r.coverage),
                ready_w=round(min(ready, AXIS_MAX) * scale, 1),
                near_w=round(max(0.0, min(near, AXIS_MAX) - min(ready, AXIS_MAX)) * scale, 1),
                target_x=target_x,
                capped=near > AXIS_MAX,
            )
        )
    return tuple(out)


def _heatmap(analysis: Analysis, options: RenderOptions) -> Heatmap:
    lang = options.lang
    pset = analysis.profiles
    labels, matrix, column, sizes = heatmap_rows(analysis, options.heatmap_limit, lang)
    # columns grouped by category, in catalogue order within each
    cat_order = {c.id: i for i, c in enumerate(pset.catalogue.categories)}
    comps = list(pset.catalogue.competencies)
    order = sorted(range(len(comps)), key=lambda j: (cat_order.get(comps[j].category, 99), j))
    categories: list[tuple[str, int]] = []
    for j in order:
        name = pset.category(comps[j].category).name.get(lang)
        if categories and categories[-1][0] == name:
            categories[-1] = (name, categories[-1][1] + 1)
        else:
            categories.append((name, 1))
    names = [comps[j].name.get(lang) for j in order]
    rows = []
    shades: set[int] = set()
    values_by_row = matrix[:, order].tolist() if len(labels) else []
    # one row per person, grouped by best archetype (heatmap_rows' order): a heading per group, so
    # the grouping the caption promises can be seen
    best = np.sort(analysis.best_archetype).astype(np.intp) if column is None else np.zeros(0, dtype=np.intp)
    first_of, firsts = np.unique(best, return_index=True)
    starts = dict(zip(firsts.tolist(), first_of.tolist(), strict=True))  # row: its archetype
    per_group = np.bincount(best, minlength=len(pset.archetypes))
    for r, (label, values, size) in enumerate(zip(labels, values_by_row, sizes, strict=True)):
        cells = []
        for v in values:
            if v != v:  # NaN: not assessed
                cells.append(HeatCell("", "na"))
            elif column is None:  # a person's level: the six level colours
                cells.append(HeatCell(f"{v:.0f}", f"l{min(max(round(v), 0), 5)}"))  # round: half to even, as np.rint
            else:  # a group's mean: a shade per tenth of a level on the same 0-5 scale
                text = f"{v:.1f}"
                k = mean_shade(float(text))  # the shade of the number printed
                shades.add(k)
                cells.append(HeatCell(text, f"m{k}"))
        heading = ""
        if r in starts:
            a = starts[r]
            heading = t("heatmap.group", lang, number=a + 1, name=pset.archetypes[a].name.get(lang),
                        n=int(per_group[a]))  # fmt: skip
        rows.append(HeatRow(label, tuple(cells), "" if column is None else f"n={size:,}", heading))
    heading, in_sentence = heatmap_heading(column, lang) if column else ("", "")
    return Heatmap(
        column=column,
        column_label=in_sentence,
        column_heading=heading,
        shades=tuple(sorted(shades)),
        categories=tuple(categories),
        competencies=tuple(names),
        rows=tuple(rows),
        staff=analysis.staff,
    )


def _finalize(value: Any) -> Any:
    """Every value a template prints: text from a roster or a profile with its control and
    bidi characters made visible (before autoescaping); markup a filter made is left alone."""
    return for_document(value) if isinstance(value, str) and not hasattr(value, "__html__") else value


def whole_options(text: str) -> Any:
    """``text`` made safe and escaped, with each command-line option in it (``--people``) kept
    on one line: a narrow page never breaks a line after the option's ``--``."""
    import re

    from markupsafe import Markup, escape

    from ..textsafe import for_document

    escaped = str(escape(for_document(text)))
    return Markup(re.sub(r"(--[a-z][a-z-]*)", r'<span class="nw">\1</span>', escaped))


def keep_last(text: str) -> str:
    """``text`` with its last space made non-breaking: a competency's levels ('3→4') never start a
    line of their own, away from its name."""
    head, sep, tail = text.rpartition(" ")
    return f"{head}\u00a0{tail}" if sep else text


@lru_cache(maxsize=1)
def _template() -> Template:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = pct
    env.filters["cap"] = cap
    env.filters["keep_last"] = keep_last
    env.filters["whole_options"] = whole_options
    env.filters["num"] = lambda n: str(grouped(n))  # a count, in text and table cells: 20,000
    env.filters["amount"] = amount  # a sum of levels: 12,345.5
    return env.get_template("report.html.j2")


def toc(doc: Document) -> tuple[tuple[str, str], ...]:
    """The table of contents: (section id, title) in the order of the page, decisions first."""
    actions = doc.t("section.actions")
    if doc.insights.recommendations_exclusive:
        actions = doc.t("title.recommendations.exclusive")
    out = [("verdict", doc.t("section.verdict")), ("actions", actions)]
    if doc.principles:
        out.append(("principles", doc.t("principles.title")))
    out += [("coverage", doc.t("section.coverage"))]
    if doc.insights.exclusive:
        out.append(("exclusive", doc.t("title.exclusive")))
    out += [("gaps", doc.t("section.gaps")), ("categories", doc.t("title.categories")),
            ("bench", doc.t("title.bench"))]
    if doc.by:
        out.append(("groups", doc.t("section.groups", column=doc.by_label)))
    out += [("heatmap", doc.t("section.heatmap")), ("inputs", doc.t("section.inputs")),
            ("quality", doc.t("section.quality")), ("how", doc.t("section.how")),
            ("people", doc.t("section.people"))]
    return tuple(out)


def render(analysis: Analysis, options: RenderOptions) -> str:
    doc = build(analysis, options)
    return _template().render(
        doc=doc,
        toc=toc(doc),
        status_marks=STATUS_MARKS,
        bars=_bars(doc),
        heatmap=_heatmap(analysis, options),
        chart_width=CHART_WIDTH,
        axis_max=AXIS_MAX,
        level_colours=LEVEL_COLOURS,
        level_text=LEVEL_TEXT,
        mean_colours=MEAN_COLOURS,
        mean_text=MEAN_TEXT,
        status_style=STATUS_STYLE,
        near_fill=NEAR_FILL,
        html_lang="zh-CN" if doc.lang == "zh" else "en",
        limit=options.heatmap_limit,
    )
