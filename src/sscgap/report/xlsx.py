"""Excel workbook: Summary, Coverage, Competency gaps, People, Heatmap (conditional formatting).

Made to be read: display names (not ids), headers in the report's language in one case style,
status cells coloured and marked like the HTML report (:mod:`.palette`), the heatmap in the same
colour-blind-safe blue scale; every sheet prints landscape, one page wide, its header row
repeated on each page, and keeps its header frozen on screen.

Written with openpyxl in write-only (streaming) mode, so memory stays flat for large rosters.
Text cells that Excel would evaluate (``=``, ``+``, ``-``, ``@``, tab, CR) are stored as text with
Excel's own quote prefix (not the CSV's leading ``'``), so they show as typed and never run. Returns the file's bytes.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._version import __version__
from ..i18n import t
from ..textsafe import clean_cell, clean_cell_series, is_formula
from . import RenderOptions
from .common import pct, set_title
from .document import build, cap, column_label
from .palette import LEVEL_COLOURS, STATUS_COLOURS, STATUS_MARKS, text_on
from .safe import needs_neutralising, neutralise_series
from .tables import coverage_frame, gaps_frame, heatmap_matrix, people_table

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from ..engine import Analysis

EXCEL_MAX_ROWS = 1_048_576
HEATMAP_LIMIT_XLSX = 5000  # people shown one by one on the heatmap sheet (more: group means)
HEADER_FILL = "DDE4EE"


def _cell(ws: WriteOnlyWorksheet, value: Any, *, bold: bool = False, fmt: str | None = None) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    if isinstance(value, str):
        value = clean_cell(value)
    cell = WriteOnlyCell(ws, value=value)
    if is_formula(value):  # the title too: every text cell the tool writes
        cell.data_type = "s"
        cell.quotePrefix = True
    if bold:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    if fmt:
        cell.number_format = fmt
    return cell


def _safe(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A value as a cell; text that looks like a formula is stored as quoted text."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, str):
        value = clean_cell(value)
    if needs_neutralising(value):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def _column_values(col: pd.Series) -> tuple[list[Any], list[int]]:
    """A column as Python values (None for missing) and the rows that need a quote prefix."""
    if pd.api.types.is_object_dtype(col.dtype) or pd.api.types.is_string_dtype(col.dtype):
        text = clean_cell_series(col.astype("string[pyarrow]"))
        changed = (neutralise_series(text) != text).fillna(False).to_numpy(dtype=bool)
        quoted = np.flatnonzero(changed)
        values = text.astype(object).where(text.notna(), None).tolist()
        return values, quoted.tolist()
    if pd.api.types.is_float_dtype(col.dtype):
        arr = col.to_numpy(dtype=np.float64, na_value=np.nan)
        return [None if v != v else v for v in arr.tolist()], []
    return col.astype(object).where(col.notna(), None).tolist(), []


def _widths(ws: WriteOnlyWorksheet, widths: list[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(6.0, min(60.0, w))


def _print_setup(ws: WriteOnlyWorksheet, title_rows: str | None = "1:1") -> None:
    """Landscape, one page wide (as many tall as needed), the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows


def _status_cell(ws: WriteOnlyWorksheet, status: str, lang: str) -> Any:
    """A status as the HTML shows it: its mark and word, on its colour."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    colour = STATUS_COLOURS[status]
    cell = WriteOnlyCell(ws, value=f"{STATUS_MARKS[status]} {t(f'status.{status}', lang)}")
    cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
    cell.font = Font(bold=True, color=text_on(colour).lstrip("#").upper())
    return cell


def _table_sheet(
    ws: WriteOnlyWorksheet,
    df: pd.DataFrame,
    formats: dict[str, str] | None = None,
    max_rows: int | None = None,
    cells: dict[str, list[Any]] | None = None,
) -> int:
    """Header + rows of a frame; returns how many data rows were written. ``cells``: columns
    given as ready-made cells (styled), in place of the frame's values."""
    from openpyxl.utils import get_column_letter

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
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, str(c), bold=True) for c in cols])
    fmt_idx = {cols.index(k): v for k, v in formats.items() if k in cols}
    columns = []
    for i, c in enumerate(cols):
        if c in cells:
            columns.append(cells[c][: len(df)])
            continue
        values, quoted = _column_values(df[c])
        if i in fmt_idx:
            fmt = fmt_idx[i]
            values = [v if v is None else _cell(ws, v, fmt=fmt) for v in values]
        for r in quoted:
            values[r] = _safe(ws, values[r])
        columns.append(values)
    for row in zip(*columns, strict=True):
        ws.append(row)
    if len(df):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{len(df) + 1}"
    return len(df)


def _summary_sheet(
    ws: WriteOnlyWorksheet, analysis: Analysis, options: RenderOptions, note: str | None
) -> None:
    doc = build(analysis, options)
    lang = options.lang
    _widths(ws, [34, 80])
    _print_setup(ws, None)
    ws.append([_cell(ws, doc.title, bold=True), None])
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
    q = doc.quality
    rows += [
        (t("summary.not_assessed", lang), q.not_assessed),
        (t("quality.unknown", lang), ", ".join(q.unknown_columns) or t("quality.none", lang)),
        (t("quality.rows_skipped", lang), q.rows_skipped),
    ]
    if doc.actions:
        for a in doc.actions:
            rows.append((t("summary.action", lang, archetype=a.archetype), a.headline))
    if note:
        rows.append(("!", note))
    rows.append(("sscgap", __version__))
    for key, value in rows:
        v = _safe(ws, value)
        if key == t("verdict.index", lang) and isinstance(v, float):
            v = _cell(ws, v, fmt="0.0%")
        ws.append([_cell(ws, key, bold=True), v])


def _coverage_sheet(ws: WriteOnlyWorksheet, analysis: Analysis, lang: str) -> None:
    from openpyxl.formatting.rule import DataBarRule
    from openpyxl.utils import get_column_letter

    df = coverage_frame(analysis, lang, safe=False)
    statuses = [a.status for a in analysis.summary.archetypes]
    for g in analysis.groups:
        statuses += [a.status for a in g.summary.archetypes]
    df = df.drop(columns=[t("col.archetype", lang)])  # the name says it
    if not analysis.groups:
        df = df.drop(columns=[t("col.group_column", lang), t("col.group", lang)])
    keys = {t(f"col.{k}", lang): t(f"xlsx.col.{k}", lang) for k in (
        "group_column", "group", "staff", "coverage_index", "archetype_name", "target", "ready", "near",
        "coverage", "gap", "status")}  # fmt: skip
    df = df.rename(columns=keys)
    cov, ci = t("xlsx.col.coverage", lang), t("xlsx.col.coverage_index", lang)
    status = [_status_cell(ws, x, lang) for x in statuses]
    n = _table_sheet(ws, df, {cov: "0%", ci: "0.0%"}, cells={t("xlsx.col.status", lang): status})
    if n:
        col = get_column_letter(list(df.columns).index(cov) + 1)
        ws.conditional_formatting.add(
            f"{col}2:{col}{n + 1}",
            DataBarRule(
                start_type="num", start_value=0, end_type="num", end_value=1, color=LEVEL_COLOURS[3].lstrip("#")
            ),
        )


def _heatmap_sheet(ws: WriteOnlyWorksheet, analysis: Analysis, options: RenderOptions) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = options.lang
    labels, matrix, column = heatmap_matrix(
        analysis, max(options.heatmap_limit, HEATMAP_LIMIT_XLSX), lang
    )
    labels = labels[: EXCEL_MAX_ROWS - 2]
    comps = [analysis.profiles.competency(c).name.get(lang) for c in analysis.roster.competency_ids]
    head = t("person", lang) if column is None else column_label(column, lang)
    _widths(ws, [28] + [6.5] * len(comps))
    ws.freeze_panes = "B2"
    _print_setup(ws)
    ws.print_title_cols = "A:A"
    header = [_cell(ws, head, bold=True)]
    for name in comps:
        c = _cell(ws, name, bold=True)
        c.alignment = Alignment(text_rotation=90, horizontal="center")
        header.append(c)
    ws.row_dimensions[1].height = 150
    ws.append(header)
    fmt = "0" if column is None else "0.0"
    rounded = np.round(matrix.astype(np.float64), 1)
    for label, row in zip(labels, rounded.tolist(), strict=False):
        ws.append([_safe(ws, label)] + [None if v != v else _cell(ws, v, fmt=fmt) for v in row])
    if labels and comps:
        ref = f"B2:{get_column_letter(len(comps) + 1)}{len(labels) + 1}"
        for level, colour in enumerate(LEVEL_COLOURS):  # the HTML's blue scale, 0-5
            hexa = colour.lstrip("#").upper()
            low = -0.5 if level == 0 else level - 0.5
            high = 5.5 if level == len(LEVEL_COLOURS) - 1 else level + 0.5 - 1e-9
            ws.conditional_formatting.add(
                ref,
                CellIsRule(
                    operator="between",
                    formula=[f"{low}", f"{high}"],
                    fill=PatternFill("solid", start_color=hexa, end_color=hexa),
                    font=Font(color=text_on(colour).lstrip("#").upper()),
                ),
            )


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

    table = people_table(analysis, lang, safe=False)
    names = {"ready_for": archetypes, "near_for": archetypes, "gaps": gaps}
    columns, headers = [], []
    for key in ("employee_id", "name", "department", "site", "position", "employment_type", "tenure_years",
                "best_archetype_name", "fit", "ready_for", "near_for", "gaps"):  # fmt: skip
        col = table.column(t(f"col.{key}", lang))
        if key in names:
            chunks = [
                pa.DictionaryArray.from_arrays(
                    c.indices, pa.array([names[key](v) for v in c.dictionary.to_pylist()], type=pa.string())
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
    from openpyxl import Workbook

    lang = options.lang
    wb = Workbook(write_only=True)
    if options.generated:
        try:
            stamp = datetime.fromisoformat(options.generated)
            wb.properties.created = stamp
            wb.properties.modified = stamp
        except ValueError:
            pass
    wb.properties.creator = "sscgap"
    wb.properties.title = clean_cell(options.title or set_title(analysis.profiles, "report.title", lang))

    people = _people_frame(analysis, lang)
    limit = EXCEL_MAX_ROWS - 1
    note = None
    if len(people) > limit:
        note = t("sheet.truncated", lang, shown=limit, n=len(people), limit=EXCEL_MAX_ROWS)

    _summary_sheet(wb.create_sheet(t("sheet.summary", lang)), analysis, options, note)
    _coverage_sheet(wb.create_sheet(t("sheet.coverage", lang)), analysis, lang)
    _table_sheet(wb.create_sheet(t("sheet.gaps", lang)), gaps_frame(analysis, lang, safe=False).drop(columns=["id"]))
    _table_sheet(
        wb.create_sheet(t("sheet.people", lang)),
        people,
        {t("xlsx.col.fit", lang): "0.0%"},
        max_rows=limit,
    )
    _heatmap_sheet(wb.create_sheet(t("sheet.heatmap", lang)), analysis, options)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
