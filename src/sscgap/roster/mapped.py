"""A roster read through a mapping file: the export as it comes (its own headers, a title block
above the header, rating texts, hire dates, a long layout with history and raters) turned into
the standard table the checks of :mod:`.load` read, with every other column kept for ``--by``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import FindingList
from ..mapping import (
    CatalogueNames,
    Mapped,
    Mapping,
    apply_mapping,
    detect_header_row,
    read_options,
)
from ..profiles import ProfileSet
from .csv import csv_head_rows, read_head, sniff
from .findings import Ctx, Table, fatal, short
from .frame import SOURCE
from .xlsx import check_zip


@dataclass
class MappedTable:
    """The standard table (as :func:`.frame.read_frame` gives it) and what the mapping learnt."""

    table: Table
    mapped: Mapped
    extra: pd.DataFrame  # the export's other columns, one row per row of ``table.df``


def read_mapped(
    source: str | Path | pd.DataFrame,
    pset: ProfileSet,
    mapping: Mapping,
    as_of: date | None = None,
    sheet: str | None = None,
) -> MappedTable:
    """Read ``source`` (CSV, .xlsx or a DataFrame) through ``mapping``.

    Raises :class:`~sscgap.errors.MappingError` when the mapping does not fit the export and
    :class:`~sscgap.errors.RosterError` for cells that cannot be read.
    """
    catalogue = CatalogueNames.from_profiles(pset)
    if isinstance(source, pd.DataFrame):
        raw, name, first_row = source, SOURCE, 2
    else:
        p = Path(source)
        name = str(p)
        suffix = p.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            raw, header_row = _read_xlsx(p, mapping, catalogue, sheet)
        else:
            if sheet is not None:
                raise fatal(p, "--sheet only applies to .xlsx workbooks")
            raw, header_row = _read_csv(p, mapping, catalogue)
        first_row = header_row + 1
    mapped = apply_mapping(raw, mapping, catalogue, as_of, source=name, first_row=first_row)
    frame = mapped.frame
    extra_cols = set(mapped.extra_columns)
    table = _standard_table(frame, [c for c in frame.columns if c not in extra_cols], name, first_row)
    table.ctx.fl.findings.extend(mapped.findings)
    extra = frame[list(mapped.extra_columns)].reset_index(drop=True)
    return MappedTable(table, mapped, extra)


def _standard_table(frame: pd.DataFrame, columns: list[str], name: str, first_row: int) -> Table:
    """The mapped frame as a table of standard columns (already text, levels already numbers):
    no second conversion of its columns."""
    df = frame[columns]
    cat = [c for c in columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    if cat:
        df = df.assign(**{c: df[c].astype(object) for c in cat})
    ctx = Ctx(Path(name), FindingList(), base=first_row)
    return Table(df, {c: c for c in columns}, [], ctx, list(columns), [list(columns)])


def _read_csv(path: Path, m: Mapping, catalogue: CatalogueNames) -> tuple[pd.DataFrame, int]:
    """The export under its header row (the mapping's, else detected); its 1-based row."""
    if path.is_dir():
        raise fatal(path, "is a folder, not a roster file")
    if not path.exists():
        raise fatal(path, "file not found")
    head, complete = read_head(path)
    if not head.strip():
        raise fatal(path, "the file is empty (no header row)")
    sn = sniff(path, head, complete)
    rows = csv_head_rows(sn.head_text, sn.sep)
    row = m.header_row or detect_header_row(rows, catalogue) or sn.header_row
    cells = rows[row - 1] if 0 < row <= len(rows) else []
    # pandas counts the header among the non-blank lines
    skipped = sum(1 for r in rows[: row - 1] if not any(c.strip() for c in r))
    opts = read_options(m, [c.strip() for c in cells], header_row=row - skipped)
    try:
        raw = pd.read_csv(path, encoding=sn.encoding, sep=sn.sep, **opts)
    except (ValueError, pd.errors.ParserError) as e:
        raise fatal(path, f"cannot read the export under header row {row}: {short(e)}") from e
    raw.columns = [str(c).strip() for c in raw.columns]
    return raw, row


def _read_xlsx(
    path: Path, m: Mapping, catalogue: CatalogueNames, sheet: str | None
) -> tuple[pd.DataFrame, int]:
    if not path.exists():
        raise fatal(path, "file not found")
    check_zip(path)  # a zip bomb is refused before the workbook is opened
    if sheet is not None:
        m = m.model_copy(update={"sheet": sheet})
    name = m.sheet if m.sheet is not None else 0
    try:
        row = m.header_row
        if row is None:
            head = pd.read_excel(path, sheet_name=name, header=None, nrows=30)
            row = detect_header_row(head.values.tolist(), catalogue) or 1
        raw = pd.read_excel(path, **read_options(m, excel=True, header_row=row))
    except ValueError as e:  # a sheet that is not there
        raise fatal(path, short(e)) from e
    except Exception as e:  # zipfile / openpyxl errors: not a readable workbook
        raise fatal(path, f"cannot read the workbook: {short(e)}") from e
    raw.columns = [str(c).strip() for c in raw.columns]
    return raw, row


def read_export(
    source: str | Path, catalogue: CatalogueNames, sheet: str | None = None
) -> tuple[pd.DataFrame, int, str | None]:
    """An export as it comes (for ``sscgap init --mapping``): its data under the header row
    (detected), that row (1-based) and the sheet read (None: a CSV or the first sheet)."""
    p = Path(source)
    if p.is_dir():
        raise fatal(p, "is a folder, not an export file")
    m = Mapping()
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        if sheet is None:
            sheet = _roster_sheet(p, catalogue)
        raw, row = _read_xlsx(p, m, catalogue, sheet)
        return raw, row, sheet
    if sheet is not None:
        raise fatal(p, "--sheet only applies to .xlsx workbooks")
    raw, row = _read_csv(p, m, catalogue)
    return raw, row, None


def _roster_sheet(path: Path, catalogue: CatalogueNames) -> str | None:
    """The first sheet whose first rows hold a header (a workbook may open with notes)."""
    try:
        book = pd.ExcelFile(path)
        names = [str(n) for n in book.sheet_names]
        if len(names) < 2:
            return None
        for name in names:
            head = book.parse(name, header=None, nrows=30)
            if detect_header_row(head.values.tolist(), catalogue) is not None:
                return None if name == names[0] else name
    except Exception as e:
        raise fatal(path, f"cannot read the workbook: {short(e)}") from e
    return None
