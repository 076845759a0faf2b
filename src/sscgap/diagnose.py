"""Slow-path diagnostics for roster files: run only when something is already wrong.

The roster reader stays vectorised. When it meets a problem it cannot place precisely with
whole-column operations (a row with too many cells, blank lines that shift the row numbers, a
header that is not on row 1, a formula in a workbook without a saved value), it calls one of
these helpers to find out exactly where, so the message can name the row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import numpy as np

from .errors import Finding
from .sniff import csv_head_rows

# ---------------------------------------------------------------------------------------------
# CSV records
# ---------------------------------------------------------------------------------------------


@dataclass
class CsvScan:
    """What a record-by-record pass over a CSV file found."""

    header_row: int  # spreadsheet row of the header (blank lines before it count)
    data_rows: np.ndarray  # int64: spreadsheet row of each non-blank record after the header
    long_rows: list[tuple[int, int]] = field(default_factory=list)  # (row, cells)
    short_rows: list[tuple[int, int]] = field(default_factory=list)
    n_long: int = 0
    n_short: int = 0


def _text_stream(path: Path, encoding: str) -> io.TextIOWrapper:
    raw = path.open("rb")
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")


def scan_csv(path: Path, encoding: str, sep: str, ncols: int, keep: int = 20) -> CsvScan:
    """Walk the records of a CSV file the way a spreadsheet numbers its rows.

    Blank lines are rows too (a spreadsheet shows them), quoted line breaks are not. Records with
    more cells than the header are listed (their extra cells would be lost), and so are records
    with fewer cells (the missing ones count as blank).
    """
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        with _text_stream(path, encoding) as fh:
            reader = csv.reader(fh, delimiter=sep)
            header_row = 0
            rows: list[int] = []
            scan = CsvScan(header_row=1, data_rows=np.zeros(0, dtype=np.int64))
            for i, record in enumerate(reader, start=1):
                if not record or (len(record) == 1 and not record[0].strip()):
                    continue
                if header_row == 0:
                    header_row = i
                    continue
                rows.append(i)
                n = len(record)
                if n > ncols and any(c.strip() for c in record[ncols:]):
                    scan.n_long += 1
                    if len(scan.long_rows) < keep:
                        scan.long_rows.append((i, n))
                elif n < ncols:
                    scan.n_short += 1
                    if len(scan.short_rows) < keep:
                        scan.short_rows.append((i, n))
    except csv.Error:
        # an unterminated quote or similar: keep what was found, rows stay approximate
        pass
    finally:
        csv.field_size_limit(old_limit)
    scan.header_row = header_row or 1
    scan.data_rows = np.asarray(rows, dtype=np.int64)
    return scan


def may_be_ragged(path: Path, encoding: str, sep: str, ncols: int) -> bool:
    """A fast (Arrow, C++) check: has any record more or fewer cells than the header?

    Only when it says yes does :func:`scan_csv` walk the records in Python to find their rows.
    Trailing empty cells ("3,,") are not extra data. When Arrow cannot tell, the answer is yes.
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - a declared dependency
        return True
    found = False

    def handler(row) -> str:
        nonlocal found
        if row.actual_columns < row.expected_columns or _has_extra_cells(
            row.text, sep, row.expected_columns
        ):
            found = True
        return "skip"

    names = [f"c{i}" for i in range(max(1, ncols))]
    try:
        pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=names, encoding="utf-8" if encoding == "utf-8-sig" else encoding
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, newlines_in_values=True, invalid_row_handler=handler
            ),
            convert_options=pacsv.ConvertOptions(
                include_columns=names[:1], column_types={names[0]: pa.string()}
            ),
        )
    except Exception:  # anything Arrow cannot parse: let the slow scan decide
        return True
    return found


def _has_extra_cells(text: str, sep: str, ncols: int) -> bool:
    records = csv_head_rows(text, sep, limit=1)
    return not records or any(c.strip() for c in records[0][ncols:])


def unclosed_quote_row(path: Path, encoding: str, sep: str) -> int | None:
    """The spreadsheet row where a quote opens and never closes, if that is the problem."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    rows = 0  # records read completely
    try:
        with _text_stream(path, encoding) as fh:
            for _record in csv.reader(fh, delimiter=sep, strict=True):
                rows += 1
    except csv.Error:
        return rows + 1
    finally:
        csv.field_size_limit(old_limit)
    return None


def ragged_findings(path: Path, scan: CsvScan, ncols: int) -> list[Finding]:
    out: list[Finding] = []
    for row, n in scan.long_rows:
        out.append(
            Finding(
                "error",
                str(path),
                f"row has {n} cells but the header has {ncols}: the extra cells would be lost",
                row=row,
                hint="a cell that contains the separator must be in double quotes",
            )
        )
    if scan.n_long > len(scan.long_rows):
        out.append(
            Finding(
                "error",
                str(path),
                f"{scan.n_long - len(scan.long_rows)} more rows like this",
                count=scan.n_long - len(scan.long_rows),
            )
        )
    for row, n in scan.short_rows:
        out.append(
            Finding(
                "warning",
                str(path),
                f"row has {n} cells but the header has {ncols}: the missing cells count as blank",
                row=row,
                hint="a line break inside an unquoted cell splits a row in two",
            )
        )
    if scan.n_short > len(scan.short_rows):
        out.append(
            Finding(
                "warning",
                str(path),
                f"{scan.n_short - len(scan.short_rows)} more short rows",
                count=scan.n_short - len(scan.short_rows),
            )
        )
    return out


def may_have_blank_lines(path: Path, encoding: str) -> bool:
    """A quick byte search: can blank lines have shifted the row numbers pandas reports?"""
    if encoding.startswith("utf-16"):
        return True
    try:
        data = path.read_bytes()
    except OSError:
        return False
    body = data.removeprefix(codecs.BOM_UTF8).lstrip(b" \t")
    return body.startswith((b"\n", b"\r")) or b"\n\n" in data or b"\n\r\n" in data or b"\r\r" in data


# ---------------------------------------------------------------------------------------------
# Header row
# ---------------------------------------------------------------------------------------------


def find_header_row(lines: list[list[str]], is_id_header, limit: int = 30) -> int | None:
    """The (1-based) row among the first ``limit`` that holds an employee-id header, if any."""
    for i, cells in enumerate(lines[:limit], start=1):
        if any(is_id_header(c) for c in cells):
            return i
    return None


# ---------------------------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------------------------

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


def column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n
