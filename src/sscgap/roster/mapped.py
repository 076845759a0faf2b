"""A roster read through a mapping file: the export as it comes (its own headers, a title block
above the header, rating texts, hire dates, a long layout with history and raters) turned into
the standard table the checks of :mod:`.load` read, with every other column kept for ``--by``.

The export is read by the readers of a roster with standard headers: a CSV by the Arrow reader
of :mod:`.csv` (levels and years as numbers at once when they are numbers), a workbook by the
streaming parser of :mod:`.xlsx` (only the cells that hold data, hidden sheets skipped, the
same bounds)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ..errors import Finding, FindingList, RosterError
from ..mapping import (
    CatalogueNames,
    Mapped,
    Mapping,
    apply_mapping,
    detect_header_row,
    match_headers,
    number_headers,
)
from ..profiles import ProfileSet
from .csv import (
    FAST_ENCODINGS,
    Sniff,
    _any_field_size,
    _read_csv_slow,
    _text_stream,
    check_xls_name,
    csv_head_rows,
    headerless_data,
    may_have_blank_lines,
    read_csv_typed,
    read_head,
    scan_csv,
    sniff,
    trailing_blanks,
)
from .findings import Ctx, Table, fatal
from .frame import SOURCE
from .headers import column_letter
from .xlsx import (
    DATED_HINT,
    OTHER_SHEETS_HINT,
    _open_workbook,
    _parse_sheet,
    _SheetData,
    dated_message,
    hidden_rows_note,
    leavers_sheet,
    no_sheet,
    other_sheets_message,
    roster_sheets,
    two_row_header,
    visible_sheets,
)


@dataclass
class MappedTable:
    """The standard table (as :func:`.frame.read_frame` gives it) and what the mapping learnt."""

    table: Table
    mapped: Mapped
    extra: pd.DataFrame  # the export's other columns, one row per row of ``table.df``


@dataclass
class _Export:
    """An export as read: its columns under its own headers, where they start, and what the
    reading found (a hidden sheet skipped)."""

    raw: pd.DataFrame
    header_row: int  # 1-based row of the headers
    numbers: np.ndarray | Callable[[], np.ndarray | None] | None  # row of each record, or None
    sheet: str | None = None
    place: str | None = None
    notes: tuple[Finding, ...] = ()
    # level columns read as numbers (plain levels 0-5 unless the roster's checks say otherwise
    # as they copy them), and how to read one of them again as written, to quote its cells
    plain_levels: frozenset[str] = frozenset()
    as_written: Callable[[str], pd.Series | None] | None = None


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
        ex = _Export(source, 1, None)
        name = SOURCE
    else:
        p = Path(source)
        name = str(p)
        ex = _read_export(p, mapping, catalogue, sheet)
    first_row = ex.header_row + 1
    try:
        mapped = apply_mapping(
            ex.raw, mapping, catalogue, as_of, source=name, first_row=first_row,
            row_numbers=ex.numbers, plain_levels=ex.plain_levels,
        )  # fmt: skip
    except RosterError as e:  # cells that cannot be read: in the sheet they are in
        e.findings = [*ex.notes, *(_placed(f, ex.place) for f in e.findings)]
        raise
    if ex.place is not None:
        mapped.findings = [_placed(f, ex.place) for f in mapped.findings]
    frame = mapped.frame
    extra_cols = set(mapped.extra_columns)
    table = _standard_table(frame, [c for c in frame.columns if c not in extra_cols], name, first_row)
    table.ctx.place = ex.place
    table.ctx.resolve = _resolver(ex.numbers, mapped.rows, first_row)
    table.ctx.fl.findings.extend(ex.notes)
    table.ctx.fl.findings.extend(mapped.findings)
    _quote_plain_levels(table, ex, mapped)
    extra = frame[list(mapped.extra_columns)].reset_index(drop=True)
    return MappedTable(table, mapped, extra)


def _quote_plain_levels(table: Table, ex: _Export, mapped: Mapped) -> None:
    """The level columns kept as the reader read them (numbers) are tested as they are copied
    into the level matrix; a finding on one of them quotes its cells as written and names the
    export's header."""
    if ex.as_written is None or not ex.plain_levels:
        return
    read_again = ex.as_written
    headers = {cid: h for cid, h in mapped.sources.items() if h in ex.plain_levels}
    table.ctx.headers.update(headers)

    def text_of(cid: str) -> pd.Series | None:
        col = read_again(headers[cid]) if cid in headers else None
        if col is None:
            return None
        if mapped.rows is not None:
            col = col.iloc[mapped.rows]
        return col.reset_index(drop=True)

    table.text_of = text_of


def _placed(f: Finding, place: str | None) -> Finding:
    """A finding about the export's cells, in the sheet they are in."""
    return replace(f, place=place) if place is not None and f.place is None and f.row else f


def _resolver(
    numbers: np.ndarray | Callable[[], np.ndarray | None] | None,
    rows: np.ndarray | None,
    first_row: int,
) -> Callable[[], np.ndarray | None] | None:
    """The spreadsheet row of each row of the standard table, worked out when a finding needs
    it: the export's rows that were read (blank rows are not), through the rows kept."""
    if numbers is None and rows is None:
        return None

    def resolve() -> np.ndarray | None:
        known = numbers() if callable(numbers) else numbers
        if rows is None:
            return known
        return known[rows] if known is not None else rows + first_row

    return resolve


def _standard_table(frame: pd.DataFrame, columns: list[str], name: str, first_row: int) -> Table:
    """The mapped frame as a table of standard columns (already text, levels already numbers):
    no second conversion of its columns."""
    df = frame[columns]
    cat = [c for c in columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    if cat:
        df = df.assign(**{c: df[c].astype(object) for c in cat})
    ctx = Ctx(Path(name), FindingList(), base=first_row)
    return Table(df, {c: c for c in columns}, [], ctx, list(columns), [list(columns)])


def header_row(rows: list[list[str]], m: Mapping, catalogue: CatalogueNames) -> int | None:
    """The 1-based row of the headers among the first rows (blank ones count): the first that
    holds the header the mapping names for the employee id, else the first that looks like a
    header row (:func:`~sscgap.mapping.detect_header_row`)."""
    named = m.columns.employee_id or (m.long.employee_id if m.long is not None else None)
    if named is not None:
        for i, cells in enumerate(rows[:30], start=1):
            if any(str(c).strip() == named.strip() for c in cells):
                return i
    return detect_header_row(rows, catalogue)


def _holds_id_header(cells: list[str], m: Mapping, catalogue: CatalogueNames) -> bool:
    """Whether a row holds the employee id's header: the one the mapping names, else one known."""
    named = m.columns.employee_id or (m.long.employee_id if m.long is not None else None)
    texts = [str(c).strip() for c in cells if c is not None and str(c).strip() and str(c) != "nan"]
    if named is not None:
        return named.strip() in texts
    return "employee_id" in match_headers(texts, catalogue).values()


def check_header_row(
    rows: list[list[str]], m: Mapping, catalogue: CatalogueNames, export: str, sheet: str | None = None
) -> None:
    """A mapping's ``header_row`` that is not the row of the headers, where another of the first
    rows is (the next export of the system came without its title block, or with another): an
    error that names the row holding them, rather than "no column 'Employee ID'" listing a
    person's cells as the export's headers. Looks at the first rows only."""
    if m.header_row is None:
        return
    at = m.header_row
    if at <= len(rows) and _holds_id_header(rows[at - 1], m, catalogue):
        return
    found = next(
        (i for i, cells in enumerate(rows[:30], start=1) if i != at and _holds_id_header(cells, m, catalogue)), None
    )
    if found is None:
        return  # nothing better to say than the missing headers
    raise m.error(
        "header_row",
        f"header_row is {at}, but the headers are on row {found} of "
        + (f"sheet {sheet!r} of " if sheet is not None else "")
        + f"{export}: row {at} is "
        + ("a row of data" if found < at else "not the header"),
        hint=f"set header_row: {found}, or remove header_row (the header row is then found, also when "
        "the next export has another title block)",
    )


def _read_export(
    path: Path, m: Mapping, catalogue: CatalogueNames, sheet: str | None, pick: bool = False
) -> _Export:
    if path.is_dir():
        raise fatal(path, "is a folder, not a roster file")
    if not path.exists():
        raise fatal(path, "file not found")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, m, catalogue, sheet, pick)
    if path.suffix.lower() == ".xls":
        check_xls_name(path)  # text named .xls is read as CSV; a workbook or a web page: say so
    if sheet is not None:
        raise fatal(path, "--sheet only applies to .xlsx workbooks")
    return _read_csv(path, m, catalogue, typed=not pick)


# ---------------------------------------------------------------------------------------------
# CSV: the Arrow reader of a roster, under the mapping's header row
# ---------------------------------------------------------------------------------------------


# A column of rating texts as the reader gives it: each distinct text once (a categorical).
CODED = pa.dictionary(pa.int32(), pa.string())


def _read_csv(path: Path, m: Mapping, catalogue: CatalogueNames, typed: bool = True) -> _Export:
    """The export under its header row (the mapping's, else detected). Every column is text,
    but the levels and years of service, read as numbers when they are (``typed``)."""
    head, complete = read_head(path)
    if not head.strip():
        raise fatal(path, "the file is empty (no header row)")
    sn = sniff(path, head, complete)
    rows = csv_head_rows(sn.head_text, sn.sep)
    check_header_row(rows, m, catalogue, path.name)
    row = m.header_row or header_row(rows, m, catalogue) or sn.header_row
    cells, lines = _header_record(path, sn, row)
    if cells is None:
        raise fatal(path, f"no header row {row}: the file has fewer rows", hint="check header_row")
    names = column_names(cells)
    kept = [n for n, c in zip(names, cells, strict=True) if c.strip()]
    if not kept:
        raise fatal(path, f"row {row} holds no headers", hint="set header_row to the row of the headers")
    # a column without a header is named when it holds data; one that ends the header with
    # nothing under it (a trailing separator: "leadership,,") is formatting, and rows may lack it
    blank = [i for i, c in enumerate(cells) if not c.strip()]
    filled = headerless_data(path, sn.encoding, sn.sep, blank, skip_rows=lines) if blank else set()
    notes = _headerless(path, [i + 1 for i in blank if filled is None or i in filled], row, None)
    named = names[: len(names) - trailing_blanks([c.strip() for c in cells])]
    text = pa.large_string()
    types = dict.fromkeys(kept, text)
    coded: dict[str, pa.DataType] = {}  # rating texts: a few distinct values, each read once
    if typed:
        levels, years = number_headers(kept, m, catalogue)
        coded = dict.fromkeys(levels & set(kept), CODED)
        sample = rows[row:]  # the first records under the header
        for j, h in enumerate(names):
            if h not in types or not (h in levels or h in years):
                continue
            if _numbers_only(sample, j):
                types[h] = pa.float32() if h in levels else pa.float64()
            elif h in levels:
                types[h] = CODED
    df = None
    plain: frozenset[str] = frozenset()
    as_written = None
    if sn.encoding in FAST_ENCODINGS:

        def read(types: dict[str, pa.DataType]) -> pd.DataFrame | None:
            return read_csv_typed(
                path, encoding=sn.encoding, sep=sn.sep, columns=list(types), types=types,
                skip_rows=lines, names=names, null_words=False,
            )  # fmt: skip

        df = read(types)
        if df is None and len(named) < len(names):  # the rows lack the header's empty cells
            names = named
            df = read(types)
        if df is not None:  # levels as numbers: the roster's checks test them as they copy them
            plain = frozenset(h for h, t in types.items() if t == pa.float32())

            def as_written(header: str) -> pd.Series | None:
                again = read({header: text})
                return None if again is None else again[header]

        elif any(t not in (text, CODED) for t in types.values()):
            df = read({**dict.fromkeys(kept, text), **coded})  # a text among the numbers
    if df is None:  # not strictly readable (ragged rows, odd quoting, UTF-16): the forgiving reader
        df, _ = _read_csv_slow(path, sn, dict.fromkeys(kept, "str"), kept, [], skip_rows=row, names=named)

    def numbers() -> np.ndarray | None:
        """Blank lines are not read: the row of each record, when there are any."""
        if not may_have_blank_lines(path, sn.encoding):
            return None
        data_rows = scan_csv(path, sn.encoding, sn.sep, len(names)).data_rows
        return data_rows[data_rows > row]

    return _Export(df, row, numbers, notes=notes, plain_levels=plain, as_written=as_written)


def _header_record(path: Path, sn: Sniff, row: int) -> tuple[list[str] | None, int]:
    """The cells of record ``row`` (1-based; blank lines count, as in a spreadsheet) and the
    lines up to and including it (a quoted line break makes a record span two)."""
    with _any_field_size(), _text_stream(path, sn.encoding) as fh:
        reader = csv.reader(fh, delimiter=sn.sep)
        try:
            for i, record in enumerate(reader, start=1):
                if i == row:
                    return record, reader.line_num
        except csv.Error as e:
            raise fatal(path, f"cannot read the export's header row {row}: {e}") from None
    return None, 0


def column_names(cells: list[str]) -> list[str]:
    """The headers as columns: trimmed, a blank one ``Unnamed: 3``, a repeated one ``X.1``."""
    out: list[str] = []
    seen: set[str] = set()
    for i, c in enumerate(cells):
        name = base = str(c).strip() or f"Unnamed: {i}"
        k = 0
        while name in seen:
            k += 1
            name = f"{base}.{k}"
        seen.add(name)
        out.append(name)
    return out


def _headerless(path: Path, columns: list[int], row: int, place: str | None) -> tuple[Finding, ...]:
    """A column without a header is not read (as in a roster with standard headers)."""
    return tuple(
        Finding("warning", str(path), f"column {column_letter(c)} has no header and is ignored",
                row=row, place=place)
        for c in columns
    )  # fmt: skip


def _numbers_only(sample: list[list[str]], j: int) -> bool:
    """Do the sampled cells of column ``j`` read as numbers (or are blank)?"""
    for record in sample:
        cell = record[j].strip() if j < len(record) else ""
        if cell:
            try:
                float(cell)
            except ValueError:
                return False
    return True


# ---------------------------------------------------------------------------------------------
# Workbooks: the streaming parser of a roster, under the mapping's header row
# ---------------------------------------------------------------------------------------------


def _read_xlsx(
    path: Path, m: Mapping, catalogue: CatalogueNames, sheet: str | None, pick: bool = False
) -> _Export:
    """The sheet (``--sheet``, else the mapping's, else the first visible one; ``pick``: the
    first visible one with a header row) under its header row. Only the cells that hold data
    are read (:func:`.xlsx._parse_sheet`, with its bounds)."""
    book = _open_workbook(path)  # a zip bomb is refused before the workbook is opened
    notes: list[Finding] = []
    default: str | None = None  # the sheet read when none is named
    try:
        names = [str(n) for n in book.sheetnames]
        wanted: str | int | None = sheet if sheet is not None else m.sheet
        if isinstance(wanted, int):
            if not 0 <= wanted < len(names):
                raise fatal(path, f"no sheet {wanted} in the workbook: it has {len(names)} (0 is the first)")
            wanted = names[wanted]
        if wanted is not None:
            if wanted not in names:
                raise no_sheet(path, wanted, names)
            chosen, data = wanted, _parse_sheet(path, book, wanted)
        else:
            visible = visible_sheets(book) or names
            chosen, data, default = visible[0], None, visible[0]
            if pick and len(visible) > 1:
                for name in visible:
                    parsed = _parse_sheet(path, book, name)
                    if detect_header_row(parsed.head_rows, catalogue) is not None:
                        chosen, data = name, parsed
                        break
            # other sheets that hold a roster too: a leavers' sheet first is not the staff
            others = roster_sheets(book, [n for n in visible if n != chosen])
            staff = [n for n in others if not leavers_sheet(n)]
            if leavers_sheet(chosen) and staff:
                others = [chosen, *[n for n in others if n != staff[0]]]
                chosen, data, default = staff[0], None, staff[0]
            if others:
                notes.append(Finding("warning", str(path), other_sheets_message(chosen, others), hint=OTHER_SHEETS_HINT))
            if data is None:
                data = _parse_sheet(path, book, chosen)
            hidden = [n for n in names if n not in visible]
            if hidden:
                notes.append(Finding(
                    "warning", str(path),
                    f"reading sheet {chosen!r}; hidden sheet(s) " + ", ".join(map(repr, hidden))
                    + " not read",
                    hint="choose a sheet with --sheet NAME or sheet: in the mapping",
                ))  # fmt: skip
    finally:
        book.close()
    assert data is not None
    place = f"sheet {chosen!r}"
    if data.raw.empty:
        raise fatal(path, "the sheet is empty (no header row)", place=place)
    check_header_row(data.head_rows, m, catalogue, path.name, chosen)
    row = m.header_row or header_row(data.head_rows, m, catalogue) or int(data.rows[0])
    raw, numbers, headerless, two_rows = _under_header(data, row, catalogue)
    if data.dated and not pick:  # levels and years typed into a column formatted as Date
        notes.extend(_dated_notes(path, data, row, raw, m, catalogue, place))
    note = hidden_rows_note(data.hidden_rows, row)
    if note is not None:
        notes.append(Finding("warning", str(path), note[0], place=place, hint=note[1]))
    if two_rows:
        notes.append(Finding(
            "warning", str(path),
            f"the headers take two rows ({row} and {row + 1}): a column is named by its cell in "
            f"row {row + 1}, else by its cell in row {row}",
            row=row, place=place,
        ))  # fmt: skip
    if raw.shape[1] == 0:
        raise fatal(path, f"row {row} holds no headers", place=place,
                    hint="set header_row to the row of the headers")  # fmt: skip
    notes.extend(_headerless(path, headerless, row, place))
    # the sheet a mapping must name: not the one read without saying so, and in a workbook of
    # several sheets the one read (a drafted mapping then reads the same sheet, without the
    # hidden-sheet warning on every run)
    named = chosen if chosen != default or len(names) > 1 else None
    return _Export(raw, row, numbers, sheet=named, place=place, notes=tuple(notes))


def _dated_notes(
    path: Path, data: _SheetData, row: int, raw: pd.DataFrame, m: Mapping, catalogue: CatalogueNames, place: str
) -> list[Finding]:
    """A warning on each column read as levels or years whose numbers were shown as dates (4 as
    1900-01-04) and are read as the numbers. The header row's cells name the columns."""
    at = int(np.searchsorted(data.rows, row))
    if at >= len(data.rows) or data.rows[at] != row:
        return []
    cells = ["" if pd.isna(v) else str(v).strip() for v in data.raw.to_numpy()[at]]
    by_header = {h: data.dated.get(int(c), 0) for h, c in zip(cells, data.columns, strict=True) if h}
    levels, years = number_headers([str(h) for h in raw.columns], m, catalogue)
    return [
        Finding("warning", str(path), dated_message(count, "4 as 1900-01-04"), column=h, place=place, hint=DATED_HINT)
        for h in raw.columns
        if (count := by_header.get(str(h), 0)) and str(h) in levels | years
    ]


def _under_header(
    data: _SheetData, row: int, catalogue: CatalogueNames | None = None
) -> tuple[pd.DataFrame, np.ndarray, list[int], bool]:
    """The records under header row ``row`` (those holding data in a column with a header),
    under its cells as headers; their rows; the columns holding data but no header; whether the
    headers take two rows (:func:`.xlsx.two_row_header`: then the records start a row lower)."""
    grid, rows = data.raw.to_numpy(), data.rows
    at = int(np.searchsorted(rows, row))
    two_rows = False
    if at < len(rows) and rows[at] == row:
        header = ["" if pd.isna(v) else str(v).strip() for v in grid[at]]
        at += 1
        if catalogue is not None and at < len(rows) and rows[at] == row + 1:
            names = two_row_header(list(grid[at - 1]), list(grid[at]), catalogue)
            if names is not None:
                header, at, two_rows = names, at + 1, True
    else:
        header = [""] * grid.shape[1]
    named = np.array([bool(h) for h in header], dtype=bool)
    body = grid[at:]
    filled = pd.notna(body)
    headerless = [data.columns[j] for j in np.flatnonzero(~named & filled.any(axis=0)).tolist()]
    records = filled[:, named].any(axis=1)  # a stray cell far below in no column is no record
    body = body[records]
    names = column_names([h for h in header if h])
    raw = pd.DataFrame(
        {n: body[:, j] for n, j in zip(names, np.flatnonzero(named).tolist(), strict=True)},
        index=pd.RangeIndex(len(body)),
    )
    return raw, rows[at:][records], headerless, two_rows


# ---------------------------------------------------------------------------------------------
# sscgap init --mapping
# ---------------------------------------------------------------------------------------------


def read_export(
    source: str | Path, catalogue: CatalogueNames, sheet: str | None = None, mapping: Mapping | None = None
) -> tuple[pd.DataFrame, int, str | None]:
    """An export as the roster reader reads it before :func:`~sscgap.mapping.apply_mapping`:
    its data under the header row, that row (1-based) and the sheet read (None: a CSV or the
    sheet read without naming it). Without ``mapping`` (``sscgap init --mapping``) the header
    row is detected, a workbook's first visible sheet with a header row is read, and every cell
    of a CSV is text; with it, as :func:`read_mapped` reads."""
    m = mapping if mapping is not None else Mapping()
    ex = _read_export(Path(source), m, catalogue, sheet, pick=mapping is None)
    return ex.raw, ex.header_row, ex.sheet
