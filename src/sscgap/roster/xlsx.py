"""Reading an .xlsx roster: the sheet with the roster, its header row, its columns."""

from __future__ import annotations

import datetime
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from ..errors import FindingList, RosterError
from ..mapping.headers import CatalogueNames, match_headers
from ..profiles import ProfileSet, suggest
from .columns import typed_text
from .findings import Ctx, Table, fatal, short
from .headers import (
    column_letter,
    competency_keys,
    header_under_title,
    is_date,
    is_id_header,
    is_text,
    map_headers,
    title_block_message,
    title_text,
)

# Bounds on what a workbook may make us unpack and hold: a zip of 1.5 MB can hold 1.5 GB of
# XML, and one cell at the sheet's far corner (XFD1048576) spans 17 billion cells.
XLSX_MAX_UNPACKED = 1 << 30  # bytes of all members together
XLSX_MAX_RATIO = 100  # unpacked : packed, for members above XLSX_RATIO_FROM bytes
XLSX_RATIO_FROM = 8 << 20
XLSX_MAX_CELLS = 50_000_000  # rows x columns that hold data (blank columns are never kept)


def check_zip(path: Path) -> None:
    """Refuse a workbook that would unpack to more than :data:`XLSX_MAX_UNPACKED` bytes, or
    whose members unpack at more than :data:`XLSX_MAX_RATIO` : 1 (real workbooks stay far below;
    a zip bomb does not). The sizes come from the zip's directory; the zip reader never unpacks
    more than a member's declared size, so a false size only truncates it."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: the workbook reader says so in its own words
    total = 0
    for info in infos:
        total += info.file_size
        packed = max(info.compress_size, 1)
        if info.file_size > XLSX_RATIO_FROM and info.file_size > XLSX_MAX_RATIO * packed:
            raise fatal(
                path,
                f"not read: its part {info.filename!r} would unpack from {_size(packed)} to "
                f"{_size(info.file_size)} ({info.file_size // packed:,} : 1); a spreadsheet "
                f"program does not write that (the limit is {XLSX_MAX_RATIO} : 1)",
                hint="open it in Excel or LibreOffice and save it again, or save it as CSV",
            )
    if total > XLSX_MAX_UNPACKED:
        raise fatal(
            path,
            f"not read: the workbook would unpack to {_size(total)} (the limit is "
            f"{_size(XLSX_MAX_UNPACKED)})",
            hint="save the roster as CSV",
        )


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def _open_workbook(path: Path) -> Any:
    import openpyxl

    check_zip(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except FileNotFoundError:
        raise fatal(path, "file not found") from None
    except IsADirectoryError:
        raise fatal(path, "is a folder, not a roster file") from None
    except PermissionError:
        raise fatal(path, "permission denied") from None
    except Exception as e:  # zip errors, corrupt workbooks, a CSV named .xlsx
        raise fatal(
            path,
            f"cannot read the workbook: {short(e)}",
            hint="is it really an .xlsx workbook? a CSV file must end in .csv",
        ) from None


def read_xlsx(path: Path, pset: ProfileSet, sheet: str | None, strict: bool = False) -> Table:
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - a declared dependency
        raise fatal(path, "reading .xlsx needs openpyxl: pip install openpyxl") from None
    book = _open_workbook(path)
    hidden: list[str] = []
    others: list[str] = []  # other sheets with an employee-id header, not read
    try:
        names = [str(n) for n in book.sheetnames]
        if sheet is not None:
            if sheet not in names:
                raise no_sheet(path, sheet, names)
            chosen, sheet_data = sheet, _parse_sheet(path, book, sheet)
            skipped: list[str] = []
        else:
            # hidden sheets (lookups, old versions) are not the roster unless named with --sheet
            visible = visible_sheets(book)
            hidden = [n for n in names if n not in visible]
            chosen, sheet_data, skipped = None, None, []
            first_with_data = None
            for name in visible or names:
                parsed = _parse_sheet(path, book, name)
                if parsed.raw.empty:
                    continue
                if first_with_data is None:
                    first_with_data = (name, parsed)
                head = parsed.raw.head(30)
                if any(is_id_header(v) for v in head.to_numpy().ravel()):
                    chosen, sheet_data = name, parsed
                    break
                skipped.append(name)
            if chosen is None:
                chosen, sheet_data = first_with_data or ((visible or names)[0], _SheetData.empty())
                skipped = []
            else:  # other sheets that hold a roster too: a leavers' sheet first is not the staff
                rest = [n for n in (visible or names)[(visible or names).index(chosen) + 1 :] if n not in skipped]
                others = roster_sheets(book, rest)
                staff = [n for n in others if not leavers_sheet(n)]
                if leavers_sheet(chosen) and staff:
                    others = [chosen, *[n for n in others if n != staff[0]]]
                    chosen, sheet_data = staff[0], _parse_sheet(path, book, staff[0])
            if not visible:
                hidden = []
    finally:
        book.close()
    assert sheet_data is not None and chosen is not None
    raw, cols, row_numbers = sheet_data.raw, sheet_data.columns, sheet_data.rows
    place = f"sheet {chosen!r}"
    # only rows holding data were read: the header is the first, and every row is found by
    # its number in the sheet (blank rows in between are not records, as in a CSV file)
    header_pos = 0
    header_row = int(row_numbers[0]) if len(row_numbers) else 1
    title = len(raw) > 1 and not any(is_id_header(_stripped(v)) for v in raw.iloc[0])
    if title:  # a title block above the header (a merged title cell, a blank row): beyond doubt?
        found = header_under_title(sheet_data.head_rows, competency_keys(pset))
        title = found is not None and found in row_numbers
        if found is not None and title:
            header_pos = int(np.searchsorted(row_numbers, found))
            header_row = int(found)
    ctx = Ctx(path, FindingList(), base=header_row + 1, place=place)
    ctx.resolve = lambda: row_numbers[header_pos + 1 :]
    if title:
        ctx.add("warning", title_block_message(header_row), row=1, value=title_text(sheet_data.head_rows, header_row))
    if skipped:
        ctx.add(
            "warning",
            f"reading sheet {chosen!r}; sheet(s) "
            + ", ".join(map(repr, skipped))
            + " hold data but no employee_id header",
            hint="choose a sheet with --sheet NAME",
        )
    if hidden:
        ctx.add(
            "warning",
            f"reading sheet {chosen!r}; hidden sheet(s) " + ", ".join(map(repr, hidden)) + " not read",
            hint="choose a sheet with --sheet NAME",
        )
    if sheet is None and others:
        ctx.add("warning", other_sheets_message(chosen, others), hint=OTHER_SHEETS_HINT)
    if raw.empty:
        raise fatal(path, "the sheet is empty (no header row)", place=place)
    note = hidden_rows_note(sheet_data.hidden_rows, header_row)
    if note is not None:
        ctx.add("warning", note[0], hint=note[1])
    header_cells = raw.iloc[header_pos]
    body = raw.iloc[header_pos + 1 :]
    # headers over two rows (basic columns merged down, a group label over the competencies)
    if len(raw) > header_pos + 1 and int(row_numbers[header_pos + 1]) == header_row + 1:
        joined = two_row_header(
            list(header_cells), list(raw.iloc[header_pos + 1]), CatalogueNames.from_profiles(pset)
        )
        if joined is not None:
            header_cells = pd.Series([n or None for n in joined], dtype=object)
            body = raw.iloc[header_pos + 2 :]
            ctx.resolve = lambda: row_numbers[header_pos + 2 :]
            ctx.add(
                "warning",
                f"the headers take two rows ({header_row} and {header_row + 1}): a column is named "
                f"by its cell in row {header_row + 1}, else by its cell in row {header_row}",
                row=header_row,
            )
    # a column with neither a header nor data (formatting only) is not worth a warning
    keep = header_cells.notna().to_numpy() | body.notna().any(axis=0).to_numpy()
    header = ["" if pd.isna(v) else str(v).strip() for v in header_cells]
    # a lone title cell (merged across the columns) over a header that is not beyond doubt:
    # the missing employee_id says it all, not "column B has no header" for the columns under it
    lone = sum(1 for h in header if h) == 1 and not any(map(is_id_header, header))
    mapping, unknown = map_headers(
        [h for h, k in zip(header, keep, strict=True) if k], pset, ctx, strict,
        columns=[c for c, k in zip(cols, keep, strict=True) if k], headerless=not lone,
    )
    first_pos = {}
    for j, h in enumerate(header):
        if keep[j] and h in mapping and h not in first_pos:
            first_pos[h] = j
    df = pd.DataFrame(
        {h: body.iloc[:, first_pos[h]].to_numpy() for h in mapping}, index=range(len(body))
    )
    for h, canon in mapping.items():
        if is_text(canon):
            df[h] = typed_text(df[h])
    for h, j in first_pos.items():  # numbers shown as dates (4 as 1900-01-04): read as numbers
        count = sheet_data.dated.get(int(cols[j]), 0)
        if count and not is_date(mapping[h]):
            ctx.add("warning", dated_message(count, "4 as 1900-01-04"), column=h, hint=DATED_HINT)
    # formulas that were never calculated read as blank: say which cells
    refs, count = uncached_formulas(path, chosen)
    letters = {column_letter(c): h for c, h in zip(cols, header, strict=True) if h}
    for ref in refs:
        col, row = split_ref(ref)
        ctx.add(
            "warning",
            "formula without a saved value: it reads as blank",
            row=row,
            column=letters.get(col, col),
            hint="open the workbook in Excel or LibreOffice and save it, or paste values",
        )
    if count > len(refs):
        more = count - len(refs)
        ctx.add("warning", f"{more} more formulas without a saved value", count=more)
    return Table(df, mapping, unknown, ctx, header, sheet_data.head_rows)


def _stripped(v: Any) -> Any:
    return v.strip() if isinstance(v, str) else v


def two_row_header(first: list[Any], second: list[Any], catalogue: CatalogueNames) -> list[str] | None:
    """The headers of a sheet whose header takes two rows, as Chinese HR workbooks have them
    (多级表头): the basic columns (员工编号, 姓名 ...) merged down over both rows, a group label
    (能力评估) merged across the columns whose own names are in the second row. Each column is
    named by its cell in the second row, else by its cell in the first. None when ``second`` is
    not such a row: it must hold text only, be blank under every header of ``first`` that is
    known (a record has an id there), and name a known column where ``first`` does not."""

    def text(v: Any) -> str:
        return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()

    if any(not isinstance(v, str) for v in second if text(v)):
        return None
    top, under = [text(v) for v in first], [text(v) for v in second]
    under = ["" if u == t else u for t, u in zip(top, under, strict=True)]  # merged down: one cell

    def known(h: str) -> bool:
        return bool(h) and bool(match_headers([h], catalogue))

    known_top = [known(h) for h in top]
    if not any(known_top) or any(k and under[j] for j, k in enumerate(known_top)):
        return None
    if not any(known(h) and not known_top[j] for j, h in enumerate(under)):
        return None
    return [u or t for t, u in zip(top, under, strict=True)]


def hidden_rows_note(hidden: list[int], header_row: int) -> tuple[str, str] | None:
    """The warning (message, hint) for records hidden in Excel (filtered out, or hidden by
    hand): they are read like the others, which a user who filtered the sheet down to the
    people to analyse does not expect."""
    below = [r for r in hidden if r > header_row]
    if not below:
        return None
    shown = ", ".join(map(str, below[:10])) + (" ..." if len(below) > 10 else "")
    one = len(below) == 1
    return (
        f"{len(below):,} row{'' if one else 's'} hidden in the workbook ({'row' if one else 'rows'} {shown}; "
        f"a filter?) {'is' if one else 'are'} read like the others",
        "to leave people out, delete their rows; a filter or hidden rows do not",
    )


def no_sheet(path: Path, sheet: str, names: list[str]) -> RosterError:
    """The error for a sheet the workbook does not have (``--sheet``, a mapping's ``sheet``)."""
    folded = {n.casefold(): n for n in names}
    same = folded.get(sheet.casefold())
    hint = f"did you mean {same!r}?" if same else suggest(sheet, names)
    return fatal(
        path,
        f"no sheet {sheet!r} in the workbook; its sheets are: " + ", ".join(map(repr, names)),
        hint=hint,
    )


# a sheet of leavers, as HR workbooks name it: never the staff when another sheet is
_LEAVERS_SHEET = re.compile(r"离职|退休|leaver|terminat|former|exit|resign|departed", re.IGNORECASE)
OTHER_SHEETS_HINT = (
    "a roster is one sheet: choose it with --sheet NAME, or put everyone on one sheet to read them all"
)


def leavers_sheet(name: str) -> bool:
    """Is the sheet named as one of leavers (离职员工, ``Leavers``, ``Terminations``)?"""
    return bool(_LEAVERS_SHEET.search(name))


def roster_sheets(book: Any, names: list[str]) -> list[str]:
    """Which of the sheets ``names`` have an employee-id header in their first 30 rows (only
    those rows are read: a read-only workbook streams them)."""
    found = []
    for name in names:
        try:
            rows = book[name].iter_rows(max_row=30, values_only=True)
            if any(is_id_header(v.strip() if isinstance(v, str) else v) for row in rows for v in row):
                found.append(name)
        except Exception:  # a sheet that cannot be read is not a roster
            continue
    return found


def other_sheets_message(chosen: str, others: list[str]) -> str:
    return (
        f"reading sheet {chosen!r}; sheet(s) " + ", ".join(map(repr, others))
        + " also have an employee_id column and are not read"
    )


def visible_sheets(book: Any) -> list[str]:
    """The sheets a user sees (hidden ones hold lookups or old versions, not the roster)."""
    return [str(n) for n in book.sheetnames if getattr(book[n], "sheet_state", "visible") == "visible"]


def _cell_value(cell: dict[str, Any], padded: dict[int, tuple[str, int] | None] | None = None) -> Any:
    """A parsed cell as the roster reader takes it: blank is None, an integral number an int,
    an error (``#N/A``) its text (a level of ``#N/A`` is then an error, not "not assessed").

    A whole number shown with leading zeros (number format ``000000``, or ``"E"00000``) is the
    text Excel shows (``000101``, ``E00103``), as its CSV would hold it: an id typed as a
    number keeps the zeros the sheet shows, and one shown as a percentage is that text (``80%``:
    never the level 0.8). ``padded``: style id -> (prefix, width), (PERCENT, decimals) or None."""
    value = cell.get("value")
    if value is None or value == "":
        return None
    if cell.get("data_type") == "n" and isinstance(value, float) and value.is_integer():
        value = int(value)
    if padded is not None and type(value) in (int, float):
        shown = padded.get(cell.get("style_id", 0))
        if shown is not None and shown[0] == PERCENT:  # 0.8 shown as 80%: a percentage, as shown
            return f"{value * 100:.{shown[1]}f}%"
        if shown is not None and type(value) is int and value >= 0:
            return f"{shown[0]}{value:0{shown[1]}d}"
    return value


# a number format that shows a whole number with leading zeros: 000000, "E"00000, \E00000
_ZEROS_FORMAT = re.compile(r'^(?:"([^"]*)"|\\(.))?(0{2,})$')


# a percentage format (0%, 0.0%): a number shown as a percentage is read as shown ("80%"), so
# that a level typed as 80% is an error naming it, never silently the level 0.8
_PERCENT_FORMAT = re.compile(r"^0(?:\.(0+))?%$")
PERCENT = "%"


def _padded_styles(book: Any) -> dict[int, tuple[str, int] | None]:
    """Style id -> (prefix, width) for the styles whose number format pads with zeros, and
    (:data:`PERCENT`, decimals) for those that show a percentage."""
    out: dict[int, tuple[str, int] | None] = {}
    try:
        styles, custom = book._cell_styles, book._number_formats
    except AttributeError:  # pragma: no cover - another openpyxl
        return out
    for i, style in enumerate(styles):
        fmt_id = int(getattr(style, "numFmtId", 0) or 0)
        fmt = custom[fmt_id - 164] if 164 <= fmt_id < 164 + len(custom) else None
        m = _ZEROS_FORMAT.match(str(fmt)) if fmt is not None else None
        out[i] = ((m.group(1) or m.group(2) or ""), len(m.group(3))) if m else None
        pct = _PERCENT_FORMAT.match(str(fmt)) if fmt is not None else None
        if fmt_id in (9, 10) or pct:  # Excel's built-in 0% and 0.00%, or a custom one
            out[i] = (PERCENT, 2 if fmt_id == 10 else len(pct.group(1) or "") if pct else 0)
    return out


@dataclass
class _SheetData:
    raw: pd.DataFrame  # the rows and columns that hold data, positionally
    columns: list[int]  # the sheet's column number (1 = A) of each column of raw
    rows: np.ndarray  # the sheet's row number of each row of raw
    head_rows: list[list[str]]  # rows 1-30 of the sheet as text (blank rows too), for hints
    hidden_rows: list[int] = field(default_factory=list)  # rows holding data hidden in Excel
    # sheet column number -> how many numbers of it were shown as dates (4 as 1900-01-04)
    dated: dict[int, int] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> _SheetData:
        return cls(pd.DataFrame(), [], np.zeros(0, dtype=np.int64), [])


def _fill_merged_down(rows: dict[int, dict[int, Any]], merges: Any) -> list[str]:
    """A cell merged down over several rows (员工编号 and 姓名 over a person's rows of a long
    export, 部门 over its people) holds its value on every row it covers, as Excel shows it:
    the rows below the first get it too, in the merge's first column. Merges across columns
    only are left alone (a header or a title). Returns the ranges filled."""
    filled: list[str] = []
    last = max(rows, default=0)  # a merge reaching below the data (A2:A1048576) stops there
    for m in getattr(merges, "mergeCell", None) or ():
        try:
            top, left, bottom = int(m.min_row), int(m.min_col), int(m.max_row)
        except (AttributeError, TypeError, ValueError):
            continue
        value = rows.get(top, {}).get(left)
        if bottom <= top or value is None:
            continue
        for r in range(top + 1, min(bottom, last) + 1):
            cells = rows.setdefault(r, {})
            if cells.get(left) is None:
                cells[left] = value
        filled.append(str(getattr(m, "coord", f"{top}:{bottom}")))
    return filled


_DATE_TYPES = (datetime.datetime, datetime.time)


def _early_serial(value: datetime.datetime | datetime.time, epoch: datetime.datetime) -> float | None:
    """The number behind a date cell that no roster means as a date: a time of day alone (0.5
    shown as 12:00) or a day within 60 days of the workbook's epoch (4 shown as 1900-01-04, in
    a column formatted as Date): a level or a tenure typed into it. None for a real date."""
    from openpyxl.utils.datetime import to_excel

    if isinstance(value, datetime.datetime) and (value - epoch).days > 60:
        return None
    number = float(to_excel(value, epoch))
    return int(number) if number.is_integer() else number


def dated_message(count: int, example: str) -> str:
    """The warning on a column whose numbers were shown as dates, read as the numbers."""
    return (
        f"{count} number{'s' if count != 1 else ''} in this column {'are' if count != 1 else 'is'} shown as "
        f"dates ({example}, as a column formatted as Date shows a number): read as the numbers"
    )


DATED_HINT = "format the column as Number in Excel to see the numbers as they are read"


def _parse_sheet(path: Path, book: Any, name: str) -> _SheetData:
    """The cells of sheet ``name`` that hold data: only the rows and the columns that hold
    data. The sheet's XML is streamed; nothing is padded out to the declared or the used
    range, so one cell at the far corner (XFD1048576) costs one cell, not 17 billion."""
    from openpyxl.worksheet._reader import WorkSheetParser

    ws = book[name]
    rows: dict[int, dict[int, Any]] = {}
    columns: set[int] = set()
    dated: dict[int, int] = {}
    styles = _padded_styles(book)
    padded = styles if any(v is not None for v in styles.values()) else None
    try:
        with ws._get_source() as src:
            parser = WorkSheetParser(
                src, ws._shared_strings, data_only=True, epoch=book.epoch,
                date_formats=book._date_formats, timedelta_formats=book._timedelta_formats,
            )  # fmt: skip
            for idx, cells in parser.parse():
                values = {}
                for c in cells:
                    v = _cell_value(c, padded)
                    if type(v) in _DATE_TYPES and (serial := _early_serial(v, book.epoch)) is not None:
                        v = serial  # a level or tenure in a column formatted as a date: the number
                        dated[int(c["column"])] = dated.get(int(c["column"]), 0) + 1
                    if v is not None:
                        values[int(c["column"])] = v
                if values:
                    rows[int(idx)] = values
                    columns.update(values)
        _fill_merged_down(rows, parser.merged_cells)
    except Exception as e:  # a corrupt sheet
        raise fatal(path, f"cannot read sheet {name!r}: {short(e)}") from None
    if not rows:
        return _SheetData.empty()
    # rows hidden in Excel (a filter, or hidden by hand) that hold data
    hidden = sorted(
        int(r) for r, attrs in parser.row_dimensions.items()
        if str(attrs.get("hidden", "")).lower() in ("1", "true") and int(r) in rows
    )  # fmt: skip
    cols = sorted(columns)
    numbers = np.array(sorted(rows), dtype=np.int64)
    n_rows = len(numbers)
    if n_rows * len(cols) > XLSX_MAX_CELLS:
        raise fatal(
            path,
            f"not read: its cells are spread over {n_rows:,} rows x {len(cols):,} columns "
            f"({n_rows * len(cols):,} cells; the limit is {XLSX_MAX_CELLS:,})",
            place=f"sheet {name!r}",
            hint="delete stray cells far below or right of the roster, or save it as CSV",
        )
    at = {c: j for j, c in enumerate(cols)}
    grid = np.full((n_rows, len(cols)), None, dtype=object)
    for i, r in enumerate(numbers.tolist()):
        for c, v in rows[r].items():
            grid[i, at[c]] = v
    head_rows = []
    for r in range(1, min(30, int(numbers[-1])) + 1):
        values = rows.get(r, {})
        head_rows.append(["" if values.get(c) is None else str(values[c]) for c in cols])
    return _SheetData(pd.DataFrame(grid), cols, numbers, head_rows, hidden, dated)


# Formulas without a saved value

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
# A cell with a formula (<f>...</f> or <f .../>) and no saved value (no <v>, or an empty one).
_UNCACHED = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the XML member holding it."""
    wb = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    out = {}
    for s in wb.findall("m:sheets/m:sheet", _NS):
        target = targets.get(s.get(f"{{{_NS['r']}}}id"), "")
        # a target is relative to xl/, or absolute within the package
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[s.get("name", "")] = member
    return out


def uncached_formulas(path: Path, sheet: str, limit: int = 20) -> tuple[list[str], int]:
    """Cells of ``sheet`` that hold a formula without a saved value: (first refs, count).

    Such cells read as blank: the workbook was written by a program that does not calculate
    (a script, some exporters), and never opened and saved in Excel.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_paths(zf).get(sheet)
            if member is None:
                return [], 0
            data = zf.read(member)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return [], 0
    if b"<f" not in data:
        return [], 0
    refs = [m.group(1).decode("ascii") for m in _UNCACHED.finditer(data)]
    return refs[:limit], len(refs)


def split_ref(ref: str) -> tuple[str, int]:
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    return (m.group(1), int(m.group(2))) if m else (ref, 0)
