"""``sscgap trend``: many snapshots over time, as a terminal table, Markdown, JSON or HTML.

The JSON gives every snapshot exactly as ``sscgap analyze --format json`` gives it (built by the
same function, :func:`sscgap.report.json.to_dict`), with its label and the principles' carriers.
The HTML is one self-contained page: a line chart (inline SVG with a title, a description and
the same numbers as a table), then the tables of the Markdown report.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..i18n import t
from . import RenderOptions
from .common import console_text, num, pct, text_console
from .fit import fit_columns, flow
from .json import SCHEMA_VERSION
from .json import to_dict as analysis_dict
from .markdown import gfm_table
from .safe import html_escape as h
from .safe import md_escape as escape

if TYPE_CHECKING:
    from ..trend import Drop, Trend


# --------------------------------------------------------------------------------------------
# the numbers every format shows
# --------------------------------------------------------------------------------------------


def _names(tr: Trend, lang: str) -> dict[str, str]:
    pset = tr.snapshots[-1].analysis.profiles
    return {a.id: a.name.get(lang) for a in pset.archetypes}


def _principle_names(tr: Trend, lang: str) -> dict[str, str]:
    pset = tr.snapshots[-1].analysis.profiles
    return {p.id: p.name.get(lang) for p in pset.principles}


def drop_text(tr: Trend, r: Drop, lang: str, *, with_id: bool = False) -> str:
    """A regression in words, like ``diff``'s (``with_id``: ``Name [id]``)."""
    if r.kind == "coverage_index":
        return t("regression.index", lang, before=pct(r.before, 1), after=pct(r.after, 1))
    name = _names(tr, lang)[r.archetype or ""] + (f" [{r.archetype}]" if with_id else "")
    return t("regression.ready", lang, archetype=name, before=f"{r.before:g}", after=f"{r.after:g}")


def verdict(tr: Trend, lang: str) -> str:
    first, last = tr.snapshots[0], tr.snapshots[-1]
    return t(
        "trend.verdict",
        lang,
        n=len(tr.snapshots),
        first=first.label,
        last=last.label,
        before=pct(first.coverage_index, 1),
        after=pct(last.coverage_index, 1),
    )


def regressions_line(tr: Trend, lang: str, md: bool = False) -> str:
    prev, last = tr.snapshots[-2].label, tr.snapshots[-1].label
    regs = [drop_text(tr, r, lang) for r in tr.regressions()]
    if md:
        regs = [escape(r) for r in regs]
        prev, last = escape(prev), escape(last)
    head = t("trend.last_two", lang, before=prev, after=last) + t("punct.colon", lang)
    if not regs:
        return head + t("diff.no_regression", lang)
    return head + t("diff.regressions", lang) + t("punct.colon", lang) + t("punct.semi", lang).join(regs)


def _summary_rows(tr: Trend) -> list[list[str]]:
    rows = []
    for s in tr.snapshots:
        sm = s.analysis.summary
        rows.append([s.label, f"{sm.staff:,}", pct(sm.coverage_index, 1), str(sm.count("covered")),
                     str(sm.count("thin")), str(sm.count("missing")), str(sm.total_gap)])  # fmt: skip
    return rows


def _summary_headers(lang: str) -> list[str]:
    return [t("trend.snapshot", lang), t("staff", lang), t("verdict.index", lang), t("status.covered", lang).capitalize(),
            t("status.thin", lang).capitalize(), t("status.missing", lang).capitalize(), t("gap", lang)]  # fmt: skip


def _cell(a: Any, lang: str) -> str:
    """One archetype in one snapshot: ``ready / target (+near)`` (Chinese: ``（+near）``)."""
    return f"{a.ready} / {a.target}" + t("punct.paren", lang, text=f"+{a.near}")


def _archetype_rows(tr: Trend, lang: str) -> list[list[str]]:
    names = _names(tr, lang)
    rows = []
    for i, aid in enumerate(tr.archetype_ids):
        cells = [_cell(s.analysis.archetypes[i], lang) for s in tr.snapshots]
        first, last = tr.snapshots[0].analysis.archetypes[i], tr.snapshots[-1].analysis.archetypes[i]
        change = last.ready - first.ready
        rows.append([str(i + 1), names[aid], *cells, f"{change:+d}" if change else "0"])
    return rows


def _archetype_headers(tr: Trend, lang: str) -> list[str]:
    return ["#", t("archetype", lang), *tr.labels, t("trend.ready_change", lang)]


def _principle_rows(tr: Trend, lang: str) -> list[list[str]]:
    names = _principle_names(tr, lang)
    rows = []
    for j, pid in enumerate(names):
        cells = [f"{s.principles[j].carriers:,}" + t("punct.paren", lang, text=pct(s.principles[j].share))
                 for s in tr.snapshots]
        rows.append([names[pid], *cells])
    return rows


# --------------------------------------------------------------------------------------------
# terminal
# --------------------------------------------------------------------------------------------


def render_table(tr: Trend, options: RenderOptions) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    lang = options.lang
    console, buf = text_console(options)

    def table(title: str, headers: Sequence[str], rows: list[list[str]], text_cols: int = 1) -> Table:
        tb = Table(title=title, box=box.SIMPLE_HEAVY, pad_edge=False, title_justify="left")
        for k, head in enumerate(headers):
            tb.add_column(head, justify="left" if k < text_cols else "right")
        for r in rows:
            tb.add_row(*r)
        return tb

    console.print(fit_columns(console, table(t("trend.title", lang), _summary_headers(lang), _summary_rows(tr))))
    headers = _archetype_headers(tr, lang)
    console.print(fit_columns(console, table(t("trend.title.archetypes", lang), headers, _archetype_rows(tr, lang), text_cols=2)))
    console.print(flow(Text(t("trend.cell_note", lang), style="dim"), console.width))
    console.print()
    principles = _principle_rows(tr, lang)
    if principles:
        console.print(fit_columns(console, table(t("trend.title.principles", lang), [t("trend.principle", lang), *tr.labels], principles)))
        console.print(flow(Text(t("trend.principles_note", lang), style="dim"), console.width))
        console.print()
    regs = bool(tr.regressions())
    console.print(flow(Text(regressions_line(tr, lang), style="bold red" if regs and options.color else ""), console.width))
    console.print(flow(Text(verdict(tr, lang), style="bold"), console.width))
    return console_text(buf, options)


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def render_markdown(tr: Trend, options: RenderOptions) -> str:
    lang = options.lang

    def esc(row: Sequence[str], *text: int) -> list[str]:
        """Escape the cells of input text (labels, names); our numbers need none."""
        return [escape(c) if k in text else c for k, c in enumerate(row)]

    n = len(tr.labels)
    out = [f"# {escape(options.title or t('trend.title', lang))}", ""]
    out += [f"**{escape(verdict(tr, lang))}**", "", regressions_line(tr, lang, md=True), ""]
    out += [gfm_table(_summary_headers(lang), [esc(r, 0) for r in _summary_rows(tr)], "lrrrrrr"), ""]
    out += [f"## {t('trend.title.archetypes', lang)}", ""]
    headers = esc(_archetype_headers(tr, lang), *range(2, 2 + n))
    rows = [esc(r, 1) for r in _archetype_rows(tr, lang)]
    out += [gfm_table(headers, rows, "rl" + "r" * (len(headers) - 2)), "", f"_{t('trend.cell_note', lang)}_", ""]
    principles = _principle_rows(tr, lang)
    if principles:
        out += [f"## {t('trend.title.principles', lang)}", ""]
        headers = esc([t("trend.principle", lang), *tr.labels], *range(1, 1 + n))
        out += [gfm_table(headers, [esc(r, 0) for r in principles], "l" + "r" * n), ""]
        out += [f"_{t('trend.principles_note', lang)}_", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------------


def to_dict(tr: Trend, options: RenderOptions | None = None) -> dict[str, Any]:
    """``{"schema_version": 1, "snapshots": [{"label", "staff", "coverage_index", "archetypes",
    ...}]}``: every snapshot is ``analyze --format json`` on it (same keys, same values, the
    principles' carriers included), after its label."""
    options = options or RenderOptions()
    pset = tr.snapshots[-1].analysis.profiles
    snapshots = []
    for s in tr.snapshots:
        one = analysis_dict(s.analysis, options)
        del one["schema_version"], one["tool"]  # once, at the top
        snapshots.append(
            {
                "label": s.label,
                "staff": s.staff,
                "coverage_index": num(s.coverage_index),
                **one,  # its principles too: the engine's carriers, as analyze shows them
            }
        )
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "sscgap", "version": __version__},
        "labels": tr.labels,
        "principles": [
            {"id": p.id, "name": {"en": p.name.en, "zh": p.name.zh}, "competencies": list(p.competencies),
             "level": p.level}
            for p in pset.principles
        ],
        "snapshots": snapshots,
        "regressions": [
            {"kind": r.kind, "archetype": r.archetype, "before": r.before, "after": r.after,
             "since": tr.snapshots[-2].label, "message": drop_text(tr, r, "en")}
            for r in tr.regressions()
        ],
    }


def render_json(tr: Trend, options: RenderOptions) -> str:
    from ..textsafe import for_json

    return for_json(json.dumps(to_dict(tr, options), ensure_ascii=False, indent=2)) + "\n"


# --------------------------------------------------------------------------------------------
# HTML: a line chart (inline SVG) and the tables
# --------------------------------------------------------------------------------------------

# Okabe-Ito: told apart with any colour vision; each series also has its own marker and dash
SERIES = [("#0072B2", "circle", ""), ("#D55E00", "square", "6 3"), ("#009E73", "diamond", "2 3"),
          ("#CC79A7", "triangle", "8 3 2 3"), ("#E69F00", "circle", "4 4"), ("#56B4E9", "square", "1 3")]  # fmt: skip


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y:.1f}L{x:.1f} {y + 5:.1f}L{x - 5:.1f} {y:.1f}Z" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y + 4:.1f}L{x - 5:.1f} {y + 4:.1f}Z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


def _series(tr: Trend, lang: str) -> list[tuple[str, list[float | None]]]:
    """The chart's lines (0-1 each): the coverage index, then each principle's share."""
    out: list[tuple[str, list[float | None]]] = [
        (t("verdict.index", lang), [s.coverage_index for s in tr.snapshots])
    ]
    for j, name in enumerate(_principle_names(tr, lang).values()):
        out.append((name, [s.principles[j].share for s in tr.snapshots]))
    return out


def chart_svg(tr: Trend, lang: str) -> str:
    """The line chart: fluid (viewBox), a title and a description for screen readers."""
    series = _series(tr, lang)[: len(SERIES)]
    n = len(tr.snapshots)
    width, height, left, right, top, bottom = 520, 280, 48, 40, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(1.0, v)))

    title = t("trend.chart.title", lang)
    desc = t("punct.semi", lang).join(
        f"{name}{t('punct.colon', lang)}"
        + t("punct.sep", lang).join(f"{lab} {pct(v, 1)}" for lab, v in zip(tr.labels, values, strict=True))
        for name, values in series
    )
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" '
        'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{h(title)}</title>',
        f'<desc id="chart-desc">{h(desc)}</desc>',
    ]
    for g in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(g):.1f}" y2="{y(g):.1f}" stroke="#d1d9e0"/>')
        parts.append(f'<text x="{left - 6}" y="{y(g) + 4:.1f}" font-size="14" text-anchor="end" fill="#59636e">{int(g * 100)}%</text>')
    for i, label in enumerate(tr.labels):
        parts.append(f'<text x="{x(i):.1f}" y="{height - bottom + 20}" font-size="14" text-anchor="middle" fill="#1f2328">{h(label)}</text>')
    for k, (_name, values) in enumerate(series):
        colour, shape, dash = SERIES[k]
        points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            dashed = f' stroke-dasharray="{dash}"' if dash else ""
            width_px = 3 if k == 0 else 2
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width_px}"{dashed}/>')
        for px, py in points:
            parts.append(_marker(shape, px, py, colour))
    parts.append("</svg>")
    legend = "".join(
        f'<li><svg width="28" height="12" aria-hidden="true"><line x1="0" x2="28" y1="6" y2="6" stroke="{c}" '
        f'stroke-width="{3 if k == 0 else 2}"{f" stroke-dasharray={chr(34)}{d}{chr(34)}" if d else ""}/>'
        f'{_marker(s, 14, 6, c)}</svg> {h(name)}</li>'
        for k, ((name, _v), (c, s, d)) in enumerate(zip(series, SERIES, strict=False))
    )
    return "\n".join(parts) + f'\n<ul class="legend">{legend}</ul>'


def _html_table(caption: str, headers: Sequence[str], rows: list[list[str]], text_cols: int = 1,
                data_table: bool = False, caption_shown: bool = True) -> str:  # fmt: skip
    head = "".join(
        f'<th scope="col"{"" if k < text_cols else " class=num"}>{h(x)}</th>' for k, x in enumerate(headers)
    )
    body = []
    for r in rows:
        cells = []
        for k, c in enumerate(r):
            if k == text_cols - 1:
                cells.append(f'<th scope="row">{h(c)}</th>')
            else:
                cells.append(f'<td{"" if k < text_cols else " class=num"}>{h(c)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cls = ' class="data"' if data_table else ""
    shown = "" if caption_shown else ' class="vh"'  # under a heading of the same words
    return (f'<div class="scroll"><table{cls}><caption{shown}>{h(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")  # fmt: skip


CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: var(--fg); margin: 0 auto; padding: 16px; max-width: 1100px; }
h1 { font-size: 1.6em; margin: 0 0 .4em; } h2 { font-size: 1.25em; margin: 1.6em 0 .5em; break-after: avoid; }
.verdict { font-weight: 600; } .muted, .note { color: var(--muted); }
.chart { width: 100%; max-width: 720px; height: auto; display: block; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 0; }
.legend li { display: flex; align-items: center; gap: 6px; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: .4em 0; }
caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
thead th { background: var(--bg-soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
tbody th { font-weight: normal; }
/* Chinese breaks between any two characters: a phone squeezed an archetype's name to two a line */
:lang(zh) tbody th { min-width: 6.5em; }
@media print { .scroll { overflow: visible; } thead { display: table-header-group; } tr { break-inside: avoid; } }
"""


def render_html(tr: Trend, options: RenderOptions) -> str:
    lang = options.lang
    title = options.title or t("trend.title", lang)
    series = _series(tr, lang)
    data_rows = [[name, *[pct(v, 1) for v in values]] for name, values in series]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{h(title)}</h1>",
        f'<p class="verdict">{h(verdict(tr, lang))}</p>',
        f"<p>{h(regressions_line(tr, lang))}</p>",
        f'<h2 id="chart">{h(t("trend.chart.title", lang))}</h2>',
        '<figure style="margin: 0">',
        chart_svg(tr, lang),
        "</figure>",
        _html_table(t("trend.chart.data", lang), ["", *tr.labels], data_rows, data_table=True),
        f'<h2 id="snapshots">{h(t("trend.title.snapshots", lang))}</h2>',
        _html_table(t("trend.title.snapshots", lang), _summary_headers(lang), _summary_rows(tr), caption_shown=False),
        f'<h2 id="archetypes">{h(t("trend.title.archetypes", lang))}</h2>',
        _html_table(t("trend.title.archetypes", lang), _archetype_headers(tr, lang), _archetype_rows(tr, lang), 2,
                    caption_shown=False),
        f'<p class="note">{h(t("trend.cell_note", lang))}</p>',
    ]
    principles = _principle_rows(tr, lang)
    if principles:
        parts += [
            f'<h2 id="principles">{h(t("trend.title.principles", lang))}</h2>',
            _html_table(t("trend.title.principles", lang), [t("trend.principle", lang), *tr.labels], principles,
                        caption_shown=False),
            f'<p class="note">{h(t("trend.principles_note", lang))}</p>',
        ]
    gen = f" · {h(options.generated)}" if options.generated else ""
    parts += [f'<p class="muted">sscgap {h(__version__)}{gen}</p>', "</body></html>", ""]
    return "\n".join(parts)
