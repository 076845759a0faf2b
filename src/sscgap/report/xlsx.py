"""Excel workbook: Summary, Coverage, Competency gaps, People, Heatmap (conditional formatting).

Made to be read: display names (not ids), headers in the report's language in one case style,
status cells coloured and marked like the HTML report (:mod:`.palette`), the heatmap in the same
colour-blind-safe blue scale; every sheet prints landscape, one page wide, its header row
repeated on each page, and keeps its header frozen on screen.

Written with XlsxWriter (openpyxl only reads workbooks): about three times faster than
openpyxl's write-only mode on the people sheet (docs/performance.md). Every text cell goes
through :func:`~sscgap.textsafe.clean_cell`; text that Excel would evaluate (``=``, ``+``,
``-``, ``@``, tab, CR and their full-width forms) is stored as text with Excel's own quote
prefix (not the CSV's leading ``'``), so it shows as typed and never runs. Text never becomes a
formula, a number or a link: it is written with ``write_string`` and XlsxWriter's
``strings_to_*`` conversions are off. Returns the file's bytes.
"""

from __future__ import annotations

import contextlib
import io
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..profiles import EMPLOYMENT_TYPES
from ..textsafe import clean_cell, clean_cell_arrow, is_formula
from . import RenderOptions
from .common import pct, set_title, t  # t: counts in sentences grouped (20,000)
from .document import Document, build, cap, group_label, group_words
from .palette import (
    LEVEL_COLOURS,
    LEVEL_TEXT,
    MEAN_COLOURS,
    MEAN_STEPS,
    MEAN_TEXT,
    STATUS_COLOURS,
    STATUS_MARKS,
    mean_shade,
    text_on,
)
from .safe import neutralise_arrow
from .tables import coverage_frame, gaps_frame, heatmap_heading, heatmap_rows, people_table

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from ..engine import Analysis

EXCEL_MAX_ROWS = 1_048_576
HEATMAP_LIMIT_XLSX = 5000  # people shown one by one on the heatmap sheet (more: group means)
HEADER_FILL = "#DDE4EE"
# never turn text into something else: every text cell is written as text
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}


class _Styles:
    """The workbook's cell formats, each made once (XlsxWriter wants one object per style)."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self._made: dict[tuple[tuple[str, Any], ...], Format] = {}
        self._props: dict[int, dict[str, Any]] = {}

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        fmt = self._made.get(key)
        if fmt is None:
            fmt = self._made[key] = self.wb.add_format(props)
            self._props[id(fmt)] = props
        return fmt

    def header(self, **more: Any) -> Format:
        return self.get(bold=True, bg_color=HEADER_FILL, pattern=1, **more)

    def quoted(self, fmt: Format | None = None) -> Format:
        """``fmt`` (or no style) with Excel's quote prefix: the text is shown as typed."""
        props = {} if fmt is None else self._props.get(id(fmt), {})
        return self.get(**props, quote_prefix=True)


def _text(
    ws: Worksheet, st: _Styles, row: int, col: int, text: str, fmt: Format | None = None
) -> None:
    """A text cell: cleaned, and quoted when Excel would run it (the title too). Empty text
    leaves the cell empty (styled, if it has a style)."""
    if not text:
        if fmt is not None:
            ws.write_blank(row, col, None, fmt)
        return
    text = clean_cell(text)
    ws.write_string(row, col, text, st.quoted(fmt) if is_formula(text) else fmt)


def _write(
    ws: Worksheet, st: _Styles, row: int, col: int, value: Any, fmt: Format | None = None
) -> None:
    """One cell by its type: text as text, numbers as numbers; a missing value leaves it empty."""
    if value is None or value is pd.NA:
        return
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        _text(ws, st, row, col, value, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        if np.isfinite(value):
            ws.write_number(row, col, value, fmt)
    else:
        _text(ws, st, row, col, str(value), fmt)


def _column_values(col: pd.Series) -> tuple[list[Any], bool, set[int]]:
    """A column as Python values (None for missing), whether it is text, and the rows whose
    text needs a quote prefix. Text is cleaned and tested a column at a time, in C (Arrow):
    :func:`~sscgap.textsafe.clean_cell_arrow`, and :func:`.safe.neutralise_arrow` tells which
    values a spreadsheet would run."""
    if pd.api.types.is_object_dtype(col.dtype) or pd.api.types.is_string_dtype(col.dtype):
        import pyarrow as pa
        import pyarrow.compute as pc

        text = clean_cell_arrow(pa.array(col.astype("string[pyarrow]"), type=pa.string()))
        changed = pc.fill_null(pc.not_equal(neutralise_arrow(text), text), False)
        quoted = set(np.flatnonzero(changed.to_numpy(zero_copy_only=False)).tolist())
        return text.to_pylist(), True, quoted
    if pd.api.types.is_bool_dtype(col.dtype) or not pd.api.types.is_numeric_dtype(col.dtype):
        return col.astype(object).where(col.notna(), None).tolist(), False, set()
    arr = col.to_numpy(dtype=np.float64, na_value=np.nan)
    return [v if np.isfinite(v) else None for v in arr.tolist()], False, set()


def _widths(ws: Worksheet, widths: list[float]) -> None:
    for i, w in enumerate(widths):
        ws.set_column(i, i, max(6.0, min(60.0, w)))


def _print_setup(ws: Worksheet, repeat_header: bool = True) -> None:
    """Landscape, one page wide (as many tall as needed), the header row on every page."""
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat_header:
        ws.repeat_rows(0)


def _status_format(st: _Styles, status: str) -> Format:
    """A status as the HTML shows it: its mark and word (the cell's text), on its colour."""
    colour = STATUS_COLOURS[status]
    return st.get(bold=True, bg_color=colour.upper(), pattern=1, font_color=text_on(colour).upper())


def _table_sheet(
    ws: Worksheet,
    st: _Styles,
    df: pd.DataFrame,
    formats: dict[str, str] | None = None,
    max_rows: int | None = None,
    cells: dict[str, list[tuple[str, Format]]] | None = None,
) -> int:
    """Header + rows of a frame; returns how many data rows were written. ``cells``: columns
    given as (text, format) pairs (styled), in place of the frame's values."""
    formats = formats or {}
    cells = cells or {}
    _print_setup(ws)
    if max_rows is not None:
        df = df.iloc[:max_rows]
    cols = list(df.columns)
    widths = [
        max(8.0, len(str(c)) * (2.0 if any(ord(ch) > 0x2E80 for ch in str(c)) else 1.1) + 2)
        for c in cols
    ]
    sample = df.head(200)
    for i, c in enumerate(cols):
        lengths = sample[c].astype(str).str.len()
        if len(lengths):
            widths[i] = max(widths[i], float(lengths.max()) * 1.1 + 2)
    _widths(ws, widths)
    ws.freeze_panes(1, 0)
    head = st.header()
    for j, c in enumerate(cols):
        _text(ws, st, 0, j, str(c), head)
    n = len(df)
    # the public methods first parse "A1"-style arguments; these take (row, col) as given
    write_string = getattr(ws, "_write_string", ws.write_string)
    write_number = getattr(ws, "_write_number", ws.write_number)
    quoted = st.quoted()
    for j, c in enumerate(cols):  # column by column: one type test per column, not per cell
        if c in cells:
            for i, (text, fmt) in enumerate(cells[c][:n], 1):
                _text(ws, st, i, j, text, fmt)
            continue
        values, is_text, needs_quote = _column_values(df[c])
        fmt = st.get(num_format=formats[c]) if c in formats else None
        if is_text:
            for i, v in enumerate(values):
                if v:  # None and "" leave the cell empty
                    write_string(i + 1, j, v, quoted if i in needs_quote else fmt)
        elif pd.api.types.is_numeric_dtype(df[c].dtype) and not pd.api.types.is_bool_dtype(
            df[c].dtype
        ):
            for i, v in enumerate(values):
                if v is not None:
                    write_number(i + 1, j, v, fmt)
        else:
            for i, v in enumerate(values):
                _write(ws, st, i + 1, j, v, fmt)
    if n:
        ws.autofilter(0, 0, n, len(cols) - 1)
    return n


def _summary_sheet(
    ws: Worksheet, st: _Styles, analysis: Analysis, options: RenderOptions, note: str | None
) -> None:
    doc = build(analysis, options)
    lang = options.lang
    _widths(ws, [34, 80])
    _print_setup(ws, repeat_header=False)
    bold = st.header()
    _text(ws, st, 0, 0, doc.title, bold)
    rows: list[tuple[str, Any]] = []
    if doc.generated:
        rows.append((t("summary.generated", lang), doc.generated))
    rows += [
        (t("input.roster", lang), doc.roster),
        (t("input.people", lang), doc.staff),
        (t("input.profiles", lang), doc.profile_set),
        (
            t("input.thresholds", lang),
            t("input.thresholds.value", lang, ready=pct(doc.ready_fit), near=pct(doc.near_fit)),
        ),
    ]
    if doc.by:
        rows.append((t("input.by", lang), doc.by_label))
    rows += [
        (
            t("verdict.index", lang),
            None if doc.coverage_index is None else round(doc.coverage_index, 4),
        ),
        (cap(t("status.covered", lang)), doc.covered),
        (cap(t("status.thin", lang)), doc.thin),
        (cap(t("status.missing", lang)), doc.missing),
        (t("summary.seats", lang), doc.total_gap),
        (t("summary.ready_people", lang), doc.ready_people),
        (t("summary.near_people", lang), doc.near_people),
    ]
    if doc.actions:
        for a in doc.actions:
            rows.append((t("summary.action", lang, archetype=a.archetype), a.headline))
    # the data quality, as the other reports word it: the section's name, then one line a row
    quality = _quality_lines(doc)
    rows += [(t("section.quality", lang) if i == 0 else "", line) for i, line in enumerate(quality)]
    if note:
        rows.append(("!", note))
    rows.append(("sscgap", __version__))
    index_fmt = st.get(num_format="0.0%")
    wrap = st.get(text_wrap=True, valign="top")
    for r, (key, value) in enumerate(rows, 1):
        if key:
            _text(ws, st, r, 0, key, bold)
        fmt = index_fmt if key == t("verdict.index", lang) and isinstance(value, float) else None
        _write(ws, st, r, 1, value, wrap if isinstance(value, str) and len(value) > 80 else fmt)


def _quality_lines(doc: Document) -> list[str]:
    """The data-quality lines of the Markdown and HTML reports, from the same document:
    ratings not assessed, competencies matched, how an export was read (stale ratings, raters),
    unknown columns, missing competencies, rows skipped, warnings."""
    q = doc.quality
    c, none = doc.colon, doc.t("quality.none")
    share = pct(q.not_assessed / q.cells, 1) if q.cells else "–"
    first = doc.t("quality.not_assessed", n=q.not_assessed, total=q.cells, pct=share)
    if q.most_missing:
        named = doc.sep.join(f"{n}{doc.paren(str(k))}" for n, k in q.most_missing)
        first += f"{doc.semi}{doc.t('quality.most_missing')}{c}{named}"
    lines = [first]
    if q.matched:
        lines.append(q.matched)
    lines += list(q.reading)
    lines += [
        f"{doc.t('quality.unknown')}{c}{doc.sep.join(q.unknown_columns) or none}",
        f"{doc.t('quality.missing_competencies')}{c}{doc.sep.join(q.missing_competencies) or none}",
        f"{doc.t('quality.rows_skipped')}{c}{q.rows_skipped}",
    ]
    if not q.warnings:
        lines.append(f"{doc.t('quality.warnings')}{c}{none}")
    lines += [f"{doc.t('quality.warnings')}{c}{w}" for w in q.warnings]
    if q.warnings_more:
        lines.append(f"{doc.t('quality.warnings')}{c}{doc.t('more.rows', n=q.warnings_more)}")
    return lines


def _coverage_sheet(ws: Worksheet, st: _Styles, analysis: Analysis, lang: str) -> None:
    df = coverage_frame(analysis, lang, safe=False)
    statuses = [a.status for a in analysis.summary.archetypes]
    for g in analysis.groups:
        statuses += [a.status for a in g.summary.archetypes]
    df = df.drop(columns=[t("col.archetype", lang)])  # the name says it
    if not analysis.groups:
        df = df.drop(columns=[t("col.group_column", lang), t("col.group", lang)])
    else:  # the column as the other reports name it, not --by as typed
        grouped_by, group = t("col.group_column", lang), t("col.group", lang)
        df[grouped_by] = df[grouped_by].where(df[grouped_by] == "", group_label(analysis, lang))
        df[group] = df[group].replace(group_words(analysis, lang))  # （空白）, 内部 ... as the others
    keys = {t(f"col.{k}", lang): t(f"xlsx.col.{k}", lang) for k in (
        "group_column", "group", "staff", "coverage_index", "archetype_name", "target", "ready", "near",
        "coverage", "gap", "status")}  # fmt: skip
    df = df.rename(columns=keys)
    cov, ci = t("xlsx.col.coverage", lang), t("xlsx.col.coverage_index", lang)
    status = [
        (f"{STATUS_MARKS[x]} {t(f'status.{x}', lang)}", _status_format(st, x)) for x in statuses
    ]
    n = _table_sheet(
        ws, st, df, {cov: "0%", ci: "0.0%"}, cells={t("xlsx.col.status", lang): status}
    )
    if n:
        col = list(df.columns).index(cov)
        ws.conditional_format(
            1, col, n, col,
            {"type": "data_bar", "min_type": "num", "min_value": 0, "max_type": "num", "max_value": 1,
             "bar_color": LEVEL_COLOURS[3].upper()},
        )  # fmt: skip


def _heatmap_sheet(ws: Worksheet, st: _Styles, analysis: Analysis, options: RenderOptions) -> None:
    """People one by one (levels in the six level colours), or group means with each group's
    size, in a shade per tenth of a level on the same fixed 0-5 scale (as the HTML report)."""
    lang = options.lang
    labels, matrix, column, sizes = heatmap_rows(
        analysis, max(options.heatmap_limit, HEATMAP_LIMIT_XLSX), lang
    )
    labels = labels[: EXCEL_MAX_ROWS - 3]
    comps = [analysis.profiles.competency(c).name.get(lang) for c in analysis.roster.competency_ids]
    head = t("person", lang) if column is None else heatmap_heading(column, lang)[0]
    if column is not None:
        labels = [f"{x}{t('punct.paren', lang, text=f'n={n:,}')}" for x, n in zip(labels, sizes, strict=False)]
    _widths(ws, [36 if column is not None else 28] + [6.5] * len(comps))
    ws.freeze_panes(1, 1)
    _print_setup(ws)
    ws.repeat_columns(0)
    _text(ws, st, 0, 0, head, st.header())
    rotated = st.header(rotation=90, align="center")
    for j, name in enumerate(comps, 1):
        _text(ws, st, 0, j, name, rotated)
    ws.set_row(0, 150)
    fmt = st.get(num_format="0" if column is None else "0.0")
    rounded = np.round(matrix.astype(np.float64), 1)
    for i, (label, row) in enumerate(zip(labels, rounded.tolist(), strict=False), 1):
        _write(ws, st, i, 0, label)
        for j, v in enumerate(row, 1):
            if v == v:
                ws.write_number(i, j, v, fmt)
    if not (labels and comps):
        return
    # (value range, background, text): a level each, or a tenth of a level each for means
    if column is None:
        bins = [
            (-0.5 if k == 0 else k - 0.5, 5.5 if k == 5 else k + 0.5 - 1e-9, c, LEVEL_TEXT[k])
            for k, c in enumerate(LEVEL_COLOURS)
        ]
    else:
        half = 0.5 / MEAN_STEPS
        used = sorted({mean_shade(v) for v in rounded[~np.isnan(rounded)].tolist()})
        bins = [
            (k / MEAN_STEPS - half, k / MEAN_STEPS + half - 1e-9, MEAN_COLOURS[k], MEAN_TEXT[k])
            for k in used
        ]
        ws.write_string(len(labels) + 2, 0, t("heatmap.legend.mean.scale", lang))
    for low, high, colour, text in bins:
        hexa = colour.upper()
        style = {"bg_color": hexa, "fg_color": hexa, "pattern": 1, "font_color": text.upper()}
        ws.conditional_format(
            1, 1, len(labels), len(comps),
            {"type": "cell", "criteria": "between", "minimum": round(low, 9), "maximum": round(high, 9),
             "format": st.wb.add_format(style)},
        )  # fmt: skip


def _people_frame(analysis: Analysis, lang: str) -> pd.DataFrame:
    """The CSV's people table with names for ids (archetypes, competencies) and headers people
    read; each distinct text is translated once (the columns are dictionary-encoded)."""
    import pyarrow as pa

    pset = analysis.profiles
    arch = {a.id: a.name.get(lang) for a in pset.archetypes}
    comp = {c.id: c.name.get(lang) for c in pset.catalogue.competencies}
    sep = "；" if lang == "zh" else "; "

    def archetypes(text: str) -> str:
        return sep.join(arch.get(x, x) for x in text.split(";") if x)

    def gaps(text: str) -> str:
        parts = []
        for part in text.split("; "):
            cid, _, rest = part.partition(" ")
            parts.append(f"{comp.get(cid, cid)} {rest}".strip())
        return sep.join(p for p in parts if p)

    def employment(text: str) -> str:  # internal -> 内部: a word people read, as the terminal's
        return t(f"employment.{text}", lang) if text in EMPLOYMENT_TYPES else text

    table = people_table(analysis, lang, safe=False)
    names = {"ready_for": archetypes, "near_for": archetypes, "gaps": gaps, "employment_type": employment}
    columns, headers = [], []
    for key in ("employee_id", "name", "department", "site", "position", "employment_type", "tenure_years",
                "best_archetype_name", "fit", "ready_for", "near_for", "gaps"):  # fmt: skip
        col = table.column(t(f"col.{key}", lang))
        if key in names:
            if not pa.types.is_dictionary(col.type):
                col = col.dictionary_encode()
            chunks = [
                pa.DictionaryArray.from_arrays(
                    c.indices,
                    pa.array([names[key](v) for v in c.dictionary.to_pylist()], type=pa.string()),
                )
                for c in col.chunks
            ]
            col = pa.chunked_array(chunks)
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        columns.append(col)
        headers.append(t(f"xlsx.col.{key}", lang))
    return pa.table(columns, names=headers).to_pandas()


def render(analysis: Analysis, options: RenderOptions) -> bytes:
    import xlsxwriter

    lang = options.lang
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, WORKBOOK_OPTIONS)
    st = _Styles(wb)
    props: dict[str, Any] = {
        "author": "sscgap",
        "title": clean_cell(options.title or set_title(analysis.profiles, "report.title", lang)),
    }
    if options.generated:
        with contextlib.suppress(ValueError):
            props["created"] = datetime.fromisoformat(options.generated)
    wb.set_properties(props)

    people = _people_frame(analysis, lang)
    limit = EXCEL_MAX_ROWS - 1
    note = None
    if len(people) > limit:
        note = t("sheet.truncated", lang, shown=limit, n=len(people), limit=EXCEL_MAX_ROWS)

    _summary_sheet(wb.add_worksheet(t("sheet.summary", lang)), st, analysis, options, note)
    _coverage_sheet(wb.add_worksheet(t("sheet.coverage", lang)), st, analysis, lang)
    gaps = gaps_frame(analysis, lang, safe=False).drop(columns=["id"])
    _table_sheet(wb.add_worksheet(t("sheet.gaps", lang)), st, gaps)
    _table_sheet(
        wb.add_worksheet(t("sheet.people", lang)),
        st,
        people,
        {t("xlsx.col.fit", lang): "0.0%"},
        max_rows=limit,
    )
    _heatmap_sheet(wb.add_worksheet(t("sheet.heatmap", lang)), st, analysis, options)
    wb.close()
    return buf.getvalue()
