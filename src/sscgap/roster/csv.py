"""Reading a CSV roster: its encoding, separator and header, then its columns.

The usual roster (UTF-8 or GB18030, well formed) is parsed by Arrow straight into typed columns
(text as Arrow strings, levels as float32) on all cores. Anything Arrow cannot read strictly (a
level that is not a plain number, a ragged row, odd quoting, UTF-16) goes to pandas' forgiving
reader, and the checks report each problem. The record-by-record helpers at the end run only
when something is already wrong, to name the rows.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..errors import Finding, FindingList, RosterError
from ..profiles import ProfileSet
from .findings import Ctx, Table, fatal, short, shown
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

SNIFF_BYTES = 1 << 16  # the first look at a file; more is read while the header line goes on
BLOCK_SIZE = 1 << 22  # 4 MiB: enough blocks for both cores, small enough to keep memory flat
# The cells pandas reads as missing (pandas._libs.parsers.STR_NA_VALUES), so that the fast
# reader and the forgiving one agree on what a blank is: in the text columns (and tenure) only.
# In a level column only an empty cell is blank; "NaN", "NA", "None", "null", "#N/A" are not
# levels and are reported as such (see checks.level_values), on every read path.
NULL_VALUES = (
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
)  # fmt: skip
FAST_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")


# ---------------------------------------------------------------------------------------------
# The first look: encoding, separator, header
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sniff:
    encoding: str
    sep: str
    header: list[str]  # stripped, as matched against the known names
    header_row: int = 1
    head_text: str = ""
    raw_header: tuple[str, ...] = ()  # as the CSV parser sees them (spaces kept)
    # a header under a title block: the lines above it that are not read (0: none, the header
    # is the first line with text), and the lines the header's record takes
    skip_lines: int = 0
    header_lines: int = 1


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Characters that do not occur in a text roster; a few are tolerated, many mean binary data.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_BLANK = b" \t\r\n\x00"


def read_head(path: Path) -> tuple[bytes, bool]:
    """The first bytes of the file, at least up to the end of its header line however long
    that line is, and whether that is the whole file."""
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
            complete = not fh.read(1) if len(head) == SNIFF_BYTES else True
            if not complete:
                fh.seek(len(head))
            while not complete and not _has_header_line(head):
                more = fh.read(max(SNIFF_BYTES, len(head)))  # doubling: few reads for any size
                head += more
                complete = not more or not fh.read(1)
                if not complete:
                    fh.seek(len(head))
    except IsADirectoryError:
        raise fatal(path, "is a folder, not a roster file") from None
    except FileNotFoundError:
        raise fatal(path, "file not found") from None
    except PermissionError:
        raise fatal(path, "permission denied") from None
    except OSError as e:
        raise fatal(path, f"cannot read the file ({e.strerror or e})") from None
    return head, complete


def _has_header_line(head: bytes) -> bool:
    """Does ``head`` hold a line break after some text (the end of the header line)?"""
    body = head.removeprefix(codecs.BOM_UTF8).lstrip(_BLANK)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body = head[2:].lstrip(_BLANK)
    return b"\n" in body or b"\r" in body


def _decode_head(path: Path, head: bytes, complete: bool) -> tuple[str, str]:
    """(encoding, text) of the first block; a character cut at the block's end is fine."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=complete)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _looks_big5(head):
            for big5 in ("cp950", "big5hkscs"):
                try:
                    text = codecs.getincrementaldecoder(big5)("strict").decode(head, final=complete)
                except UnicodeDecodeError:
                    continue
                return big5, text
        return encoding, text.lstrip("\ufeff")
    mixed = mixed_encoding(path)
    if mixed is not None:
        raise mixed
    raise fatal(
        path,
        "cannot decode the file as text (tried UTF-8 and GB18030)",
        hint="save the roster as 'CSV UTF-8' (Excel: File > Save As) or as .xlsx",
    )


# Big5 (Excel's "CSV" on Traditional Chinese Windows, in Taiwan and Hong Kong) decodes as
# GB18030 without an error, into the wrong characters: every Big5 pair is a valid GB18030 pair.
# A Big5 character's second byte is 0x40-0x7E for about two in five characters; in Simplified
# Chinese text (GB2312's area) it is 0xA1-0xFE, and only rare characters (GBK's extension) have
# a lower one. So text where at least one pair in five has one, and that also decodes as Big5,
# is Big5.
_PAIR = re.compile(rb"[\x81-\xfe][\x40-\x7e\x80-\xfe]")
BIG5_SHARE = 0.2


def _looks_big5(head: bytes) -> bool:
    pairs = _PAIR.findall(head)
    low = sum(1 for p in pairs if p[1] <= 0x7E)
    return len(pairs) >= 4 and low >= BIG5_SHARE * len(pairs)


def check_xls_name(p: Path) -> None:
    """A file named .xls is read only when it is text (an HR system's "Excel" export that is
    tab- or comma-separated text); an old binary workbook, an .xlsx with the wrong name or a web
    page saved as .xls is an error that says which it is and what to do."""
    try:
        with p.open("rb") as f:
            head = f.read(4096)
    except OSError as e:
        raise fatal(p, f"cannot read the file ({e.strerror})") from None
    if head.startswith(_OLE_MAGIC):
        raise fatal(p, "old .xls workbooks are not supported", hint="save it as .xlsx or CSV")
    if head.startswith(_ZIP_MAGIC):
        raise fatal(p, "this is an .xlsx workbook with an .xls name", hint="rename it to .xlsx")
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    if text.startswith((b"<", b"mime-version")):  # a web page (or an MHTML archive) named .xls
        raise fatal(
            p,
            "this is a web page (HTML) with an .xls name, as some HR systems export \"Excel\" files",
            hint="open it in Excel or WPS and save it as .xlsx, or export the roster as CSV",
        )


def sniff(path: Path, head: bytes, complete: bool = False) -> Sniff:
    """Encoding, separator and header of a CSV file from its first bytes (:func:`read_head`)."""
    if head.startswith(_ZIP_MAGIC):
        raise fatal(
            path,
            "this is a zip file, probably an Excel workbook with the wrong extension",
            hint="rename it to .xlsx",
        )
    if head.startswith(_OLE_MAGIC):
        raise fatal(path, "this is an old Excel .xls workbook", hint="save it as .xlsx or CSV")
    # NUL bytes in number, not one alone: a stray NUL in a name is text to show (as ␀), the
    # same in the first block as deeper in the file; many mean binary data (or UTF-16 sans BOM)
    nul = head.count(b"\x00")
    if nul > max(2, len(head) // 100) and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise fatal(
            path,
            "this is not a text roster (binary content)",
            hint="give a CSV file (UTF-8, GB18030 or UTF-16 with BOM) or an .xlsx workbook",
        )
    encoding, text = _decode_head(path, head, complete)
    if len(_JUNK.findall(text)) > max(2, len(text) // 100):
        raise fatal(
            path,
            "this is not a text roster (binary content)",
            hint="give a CSV file (UTF-8, GB18030 or UTF-16 with BOM) or an .xlsx workbook",
        )
    lines = re.split(r"\r\n|\r|\n", text)
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line of a partial block may be cut
    header_row = next((i for i, line in enumerate(lines, start=1) if line.strip()), 0)
    if header_row == 0:
        raise fatal(path, "the file is empty (no header row)")
    first = lines[header_row - 1]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    sep = max(counts, key=lambda k: counts[k]) if max(counts.values()) > 0 else ","
    # a quoted header cell holding a line break (Excel's wrapped 员工编号 / Employee ID): the
    # header record runs over the next lines
    rows = csv_head_rows("\n".join(lines[header_row - 1 :]) if first.count('"') % 2 else first, sep, limit=1)
    raw_header = rows[0] if rows else [first]
    header = [h.strip() for h in raw_header]
    return Sniff(encoding, sep, header, header_row, text, tuple(raw_header))


def under_title(path: Path, sn: Sniff, comp: dict[str, str]) -> Sniff | None:
    """The file's header under a title block (:func:`~.headers.header_under_title`: only when
    it is beyond doubt), as :func:`sniff` gives a header; None when there is none. The separator
    is the header's (a title line holds none, or commas): the one under which a header is found,
    the sniffed one first. Excel's separator line (``sep=;``) is no title: its own error says so."""
    if sn.header and re.fullmatch(r"sep=.?", sn.header[0], flags=re.IGNORECASE):
        return None
    for sep in dict.fromkeys((sn.sep, ",", ";", "\t")):
        row = header_under_title(csv_head_rows(sn.head_text, sep), comp)
        if row is None:
            continue
        record, before, through = header_record(path, sn.encoding, sep, row)
        if record is None:
            return None
        return Sniff(
            sn.encoding, sep, [h.strip() for h in record], row, sn.head_text, tuple(record),
            skip_lines=before, header_lines=through - before,
        )  # fmt: skip
    return None


def header_record(path: Path, encoding: str, sep: str, row: int) -> tuple[list[str] | None, int, int]:
    """The cells of record ``row`` (1-based; blank lines count, as in a spreadsheet), the lines
    before it and the lines up to and including it (a quoted line break makes a record span two)."""
    before = 0
    with _any_field_size(), _text_stream(path, encoding) as fh:
        reader = csv.reader(fh, delimiter=sep)
        try:
            for i, record in enumerate(reader, start=1):
                if i == row:
                    return record, before, reader.line_num
                before = reader.line_num
        except csv.Error:
            return None, 0, 0
    return None, 0, 0


@contextmanager
def _any_field_size() -> Iterator[None]:
    """The csv module without its 128 KiB limit on a cell (a cell may be megabytes)."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        yield
    finally:
        csv.field_size_limit(old_limit)


def csv_head_rows(text: str, sep: str, limit: int = 30) -> list[list[str]]:
    """The first rows of a decoded CSV head, as cells (for hints only)."""
    with _any_field_size():
        out = []
        try:
            for record in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
                out.append(record)
                if len(out) >= limit:
                    break
        except csv.Error:
            return []
        return out


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def read_csv(path: Path, pset: ProfileSet, strict: bool = False) -> Table:
    """The roster's known columns as read, the meaning of its headers, and the findings so far."""
    head, complete = read_head(path)
    if not head.strip():
        raise fatal(path, "the file is empty (no header row)")
    sn = sniff(path, head, complete)
    title = None
    if not any(is_id_header(h) for h in sn.header):  # a title block above the header?
        title = under_title(path, sn, competency_keys(pset))
        if title is not None:
            sn = title
    ctx = Ctx(path, FindingList(), base=sn.header_row + 1)
    if title is not None:
        rows = csv_head_rows(sn.head_text, sn.sep)
        ctx.add("warning", title_block_message(sn.header_row), row=1, value=title_text(rows, sn.header_row))
    skip = sn.skip_lines
    # a column without a header is named in a warning only when it holds data (below): an
    # empty header cell with nothing under it (a trailing separator, "leadership,,") is formatting
    mapping, unknown = map_headers(sn.header, pset, ctx, strict, headerless=False)
    blank = [i for i, h in enumerate(sn.header) if not h]
    ncols = len(sn.header)
    named = ncols - trailing_blanks(sn.header)  # the cells a row needs: up to the last header
    # read by the headers as the parser sees them (" name " with its spaces), then strip
    as_read: dict[str, str] = {}
    for i, h in enumerate(sn.header):
        as_read.setdefault(h, sn.raw_header[i])
    usecols = [as_read[h] for h in mapping]
    renames = {as_read[h]: h for h in mapping if as_read[h] != h}
    head_rows = csv_head_rows(sn.head_text, sn.sep)
    if not usecols:  # nothing we know: the missing employee_id is reported by the caller
        return Table(pd.DataFrame(), mapping, unknown, ctx, sn.header, head_rows)
    df = None
    # the rows under a header that ends in empty cells may lack them: read by the named headers
    by_names: dict[str, Any] = {}
    if sn.encoding in FAST_ENCODINGS:
        types = {as_read[h]: arrow_type(canon) for h, canon in mapping.items()}
        df = read_csv_typed(path, encoding=sn.encoding, sep=sn.sep, columns=usecols, types=types, skip_rows=skip)
        if df is None and named < ncols:
            through = skip + sn.header_lines if skip else sn.header_row
            by_names = {"names": list(sn.raw_header[:named]), "skip_rows": through}
            df = read_csv_typed(path, encoding=sn.encoding, sep=sn.sep, columns=usecols, types=types, **by_names)
            if df is None:
                by_names = {}
    encoding = sn.encoding
    slow = df is None
    if df is None:
        # text and levels as text (a level is then quoted as written: "1e400", "NaN"); the
        # words of NULL_VALUES are blanks in the text columns and tenure only
        dtype = {as_read[h]: "str" for h in mapping}
        words_blank = [
            as_read[h] for h, canon in mapping.items() if is_text(canon) or is_date(canon) or canon == "tenure_years"
        ]
        df, encoding = _read_csv_slow(path, sn, dtype, usecols, words_blank, skip_rows=skip)
    enc = encoding
    # The fast reader refused the file, maybe for rows that do not fit the header's grid (the
    # slow reader silently drops extra cells): look for them, first quickly, then exactly.
    filled: set[int] | None = None  # the columns without a header that hold data
    below = sn.header_row if skip else None  # the records above the header are not the table's
    if slow and may_be_ragged(path, enc, sn.sep, ncols, named, skip_rows=skip):
        scan = scan_csv(path, enc, sn.sep, ncols, least=named, blank=blank, header_row=below)
        ctx.fl.findings.extend(ragged_findings(path, scan, named, sn.header[:named]))
        ctx.resolve = lambda: scan.data_rows
        filled = scan.filled
    else:

        def resolve() -> np.ndarray | None:
            if not may_have_blank_lines(path, enc):
                return None
            return scan_csv(path, enc, sn.sep, ncols, header_row=below).data_rows

        ctx.resolve = resolve
    if blank and filled is None:
        # every row is as wide as the named headers (none holds the empty ones' cells), else look
        in_rows = [i for i in blank if i < named] if by_names else blank
        filled = headerless_data(path, enc, sn.sep, in_rows, skip_rows=skip) if in_rows else set()
    for i in blank:
        if filled is None or i in filled:  # None: cannot tell, so say it
            ctx.add("warning", f"column {column_letter(i + 1)} has no header and is ignored", row=sn.header_row)
    if encoding == "gb18030":  # a line pasted from a UTF-8 system would read as mojibake
        lines, count = utf8_lines(path)
        for row, text in lines:
            ctx.add(
                "error",
                "this line is UTF-8 in a file read as GB18030: its text would read as mojibake",
                row=row,
                value=shown(text),
                hint="save the whole file in one encoding, e.g. CSV UTF-8 (Excel: File > Save As)",
            )
        if count > len(lines):
            more = count - len(lines)
            ctx.add("error", f"{more} more lines in UTF-8", count=more)
    if renames:
        df = df.rename(columns=renames)
    text_of = None
    if not slow:

        def text_of(canon: str) -> pd.Series | None:
            col = next(as_read[h] for h, c in mapping.items() if c == canon)
            text = read_csv_typed(
                path, encoding=enc, sep=sn.sep, columns=[col], types={col: pa.large_string()},
                null_words=False, **(by_names or {"skip_rows": skip}),
            )  # fmt: skip
            return None if text is None else text[col]

    return Table(df, mapping, unknown, ctx, sn.header, head_rows, text_of)


def arrow_type(canon: str) -> pa.DataType:
    """The Arrow type the fast reader reads a roster column as."""
    if is_text(canon) or is_date(canon):
        return pa.large_string()  # the type pandas keeps text in: no cast
    if canon == "tenure_years":
        return pa.float64()
    return pa.float32()  # a competency level, or the level of the long layout


def memory_pool() -> pa.MemoryPool:
    """jemalloc where the Arrow build has it: it reuses freed blocks instead of returning them
    to the system and faulting them in again, which halves the kernel time of a large read."""
    try:
        return pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowNotImplementedError):
        return pa.default_memory_pool()


def read_csv_typed(
    path: Path,
    *,
    encoding: str,
    sep: str,
    columns: list[str],
    types: dict[str, pa.DataType],
    skip_rows: int = 0,
    names: list[str] | None = None,
    null_words: bool = True,
) -> pd.DataFrame | None:
    """Read ``columns`` of a CSV with the given Arrow ``types``; ``None`` if it cannot strictly.

    Text columns come back as pandas ``str`` (Arrow-backed, no copy), float32 columns as
    ``ArrowDtype`` (no copy; see :func:`~.columns.fill_float_column`), other numbers as numpy
    columns with NaN for blanks; each column is handed over separately (``split_blocks``,
    ``self_destruct``).

    ``names``: the columns' names, for a header that is not the first line (a mapping's
    ``header_row``); the first ``skip_rows`` lines (the header's among them) are then skipped.
    ``null_words``: the words of ``NULL_VALUES`` are blanks in text columns (else only an empty
    cell is, as an export read through a mapping keeps them to report them).
    """
    if encoding in ("utf-8-sig", "utf_8_sig"):
        encoding = "utf-8"  # Arrow skips a UTF-8 byte-order mark itself
    pool = memory_pool()
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                encoding=encoding, block_size=BLOCK_SIZE, skip_rows=skip_rows, column_names=names
            ),
            parse_options=pacsv.ParseOptions(delimiter=sep),
            convert_options=pacsv.ConvertOptions(
                include_columns=columns,
                column_types=types,
                null_values=[""],  # the words of NULL_VALUES: below, in text columns only
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
            memory_pool=pool,
        )
    except (pa.ArrowException, UnicodeError, LookupError, OSError, ValueError):
        return None
    if table.num_columns != len(columns) or any(
        table.schema.field(c).type != types[c] for c in columns if c in types
    ):
        return None
    words = pa.array(NULL_VALUES[1:], type=pa.large_string())
    for i, name in enumerate(table.column_names):
        col = table.column(i)
        if pa.types.is_large_string(col.type):
            if not null_words:
                continue
            hit = pc.is_in(col, value_set=words)
            if pc.any(hit).as_py():
                table = table.set_column(i, name, pc.if_else(hit, pa.scalar(None, col.type), col))
    return table.to_pandas(
        split_blocks=True, self_destruct=True, types_mapper=_keep_float32, memory_pool=pool
    )


def _keep_float32(t: pa.DataType) -> pd.ArrowDtype | None:
    # levels stay in Arrow (no copy) until fill_float_column writes them into the level matrix
    return pd.ArrowDtype(t) if t == pa.float32() else None


def _read_csv_slow(
    path: Path,
    sn: Sniff,
    dtype: dict[str, str],
    usecols: list[str],
    words_blank: list[str],
    skip_rows: int = 0,
    names: list[str] | None = None,
) -> tuple[pd.DataFrame, str]:
    """Every column as text; only an empty cell is blank, and the words of NULL_VALUES too in
    the columns ``words_blank`` (text, tenure). ``names``: as for :func:`read_csv_typed`, with
    ``skip_rows`` counted in records (the header's among them)."""
    named: dict[str, Any] = {}
    if names is not None:
        named = {"header": None, "names": names, "skiprows": skip_rows, "index_col": False}
    elif skip_rows:  # a title block above the header: the lines above it
        named = {"skiprows": skip_rows}
    encodings = [sn.encoding] + (["gb18030"] if sn.encoding == "utf-8" else [])
    for encoding in encodings:
        try:
            df = pd.read_csv(
                path,
                sep=sn.sep,
                encoding=encoding,
                engine="c" if encoding != "utf-16" else "python",
                dtype=dtype,
                usecols=usecols,
                skip_blank_lines=True,
                keep_default_na=False,
                na_values=[""],
                **named,
            )
            for c in words_blank:
                if c in df.columns:
                    df[c] = df[c].where(~df[c].isin(NULL_VALUES))
            return df, encoding
        except UnicodeDecodeError:
            continue  # UTF-8 at the start, GB18030 further down: try the next one
        except pd.errors.EmptyDataError:
            return pd.DataFrame(columns=usecols), encoding
        except pd.errors.ParserError as e:
            if "EOF inside string" in str(e):
                raise fatal(
                    path,
                    'a quote (") opens a cell here and is never closed',
                    row=unclosed_quote_row(path, encoding, sn.sep),
                    hint='close the quote, or write a quote inside a cell as two quotes ("")',
                ) from None
            raise fatal(path, f"cannot parse the CSV: {short(e)}") from None
        except (ValueError, OSError, csv.Error) as e:
            raise fatal(path, f"cannot read the CSV: {short(e)}") from None
    mixed = mixed_encoding(path)
    if mixed is not None:
        raise mixed
    raise fatal(
        path,
        "cannot decode the file: it is neither UTF-8 nor GB18030 throughout",
        hint="save the roster as 'CSV UTF-8' (Excel: File > Save As) or as .xlsx",
    )


# ---------------------------------------------------------------------------------------------
# Diagnostics: run only when something is already wrong, to name the rows
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
    filled: set[int] = field(default_factory=set)  # the columns without a header that hold data


def _text_stream(path: Path, encoding: str) -> io.TextIOWrapper:
    raw = path.open("rb")
    return io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")


def scan_csv(
    path: Path, encoding: str, sep: str, ncols: int, keep: int = 20, least: int | None = None,
    blank: list[int] | tuple[int, ...] = (), header_row: int | None = None,
) -> CsvScan:
    """Walk the records of a CSV file the way a spreadsheet numbers its rows.

    Blank lines are rows too (a spreadsheet shows them), quoted line breaks are not. Records with
    more cells than the header are listed (their extra cells would be lost), and so are records
    with fewer than ``least`` cells (default: the header's; the missing ones count as blank): a
    header that ends in empty cells needs no cells under them. ``blank``: the columns without a
    header (0-based), to note those that hold data. ``header_row``: the header's record under a
    title block (the records above it are not the table's); default: the first that is not blank.
    """
    least = ncols if least is None else least
    above, header_row = header_row, 0
    rows: list[int] = []
    scan = CsvScan(header_row=1, data_rows=np.zeros(0, dtype=np.int64))
    with _any_field_size():
        try:
            with _text_stream(path, encoding) as fh:
                for i, record in enumerate(csv.reader(fh, delimiter=sep), start=1):
                    if not record or (len(record) == 1 and not record[0].strip()):
                        continue
                    if header_row == 0:
                        if above is not None and i < above:
                            continue  # a title block
                        header_row = i
                        continue
                    rows.append(i)
                    n = len(record)
                    if n > ncols and any(c.strip() for c in record[ncols:]):
                        scan.n_long += 1
                        if len(scan.long_rows) < keep:
                            scan.long_rows.append((i, n))
                    elif n < least:
                        scan.n_short += 1
                        if len(scan.short_rows) < keep:
                            scan.short_rows.append((i, n))
                    for j in blank:
                        if j < n and j not in scan.filled and record[j].strip():
                            scan.filled.add(j)
        except csv.Error:
            pass  # an unterminated quote or similar: keep what was found, rows stay approximate
    scan.header_row = header_row or 1
    scan.data_rows = np.asarray(rows, dtype=np.int64)
    return scan


def may_be_ragged(
    path: Path, encoding: str, sep: str, ncols: int, least: int | None = None, skip_rows: int = 0
) -> bool:
    """A fast (Arrow, C++) check: has any record more cells than the header, or fewer than
    ``least`` (default: the header's; a header that ends in empty cells needs no cells there)?

    Only when it says yes does :func:`scan_csv` walk the records in Python to find their rows.
    Trailing empty cells ("3,,") are not extra data. When Arrow cannot tell, the answer is yes.
    """
    found = False
    least = ncols if least is None else least

    def handler(row: Any) -> str:
        nonlocal found
        if row.actual_columns < least or _has_extra_cells(
            row.text, sep, row.expected_columns
        ):
            found = True
        return "skip"

    names = [f"c{i}" for i in range(max(1, ncols))]
    try:
        pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=names, encoding="utf-8" if encoding == "utf-8-sig" else encoding,
                skip_rows=skip_rows,  # the lines of a title block above the header
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


def trailing_blanks(header: list[str]) -> int:
    """How many empty cells end the header (``leadership,,``: 2)."""
    n = 0
    for h in reversed(header):
        if h:
            break
        n += 1
    return n


def headerless_data(path: Path, encoding: str, sep: str, columns: list[int], skip_rows: int = 0) -> set[int] | None:
    """Which of ``columns`` (0-based; their header cell is empty) hold a cell that is not blank;
    None when Arrow cannot read the file (the caller then assumes they all do). One Arrow pass
    over those columns alone, run only for a header with empty cells; a row with more or fewer
    cells than the first is looked at by itself. ``skip_rows``: the lines down to the header,
    for a header under a title block (the first row read is then the first under it)."""
    names = {f"f{i}": i for i in columns}
    out: set[int] = set()

    def handler(row: Any) -> str:
        records = csv_head_rows(row.text, sep, limit=1)
        cells = records[0] if records else []
        out.update(i for i in columns if i < len(cells) and cells[i].strip())
        return "skip"

    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                encoding="utf-8" if encoding == "utf-8-sig" else encoding,
                block_size=BLOCK_SIZE,
                skip_rows=skip_rows,
                autogenerate_column_names=True,  # the header's row is read too: blank in these columns
            ),
            parse_options=pacsv.ParseOptions(delimiter=sep, invalid_row_handler=handler),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(names),
                include_missing_columns=True,  # a first row without these cells
                column_types=dict.fromkeys(names, pa.large_string()),
            ),
            memory_pool=memory_pool(),
        )
    except (pa.ArrowException, UnicodeError, LookupError, OSError, ValueError):
        return None
    for name, i in names.items():
        text = pc.utf8_trim_whitespace(table.column(name))
        if pc.any(pc.fill_null(pc.not_equal(text, ""), False)).as_py():
            out.add(i)
    return out


def _has_extra_cells(text: str, sep: str, ncols: int) -> bool:
    records = csv_head_rows(text, sep, limit=1)
    return not records or any(c.strip() for c in records[0][ncols:])


def unclosed_quote_row(path: Path, encoding: str, sep: str) -> int | None:
    """The spreadsheet row where a quote opens and never closes, if that is the problem."""
    rows = 0  # records read completely
    with _any_field_size():
        try:
            with _text_stream(path, encoding) as fh:
                for _record in csv.reader(fh, delimiter=sep, strict=True):
                    rows += 1
        except csv.Error:
            return rows + 1
    return None


def short_row_hint(scan: CsvScan, row: int, n: int, header: list[str] | None) -> str:
    """What a short row most likely is: two rows whose cells add up to one (a line break inside
    an unquoted cell), else a row that ends early, naming the columns it has no cells for."""
    ncols = len(header) if header is not None else n + 1
    lengths = dict(scan.short_rows)
    for other in (row - 1, row + 1):
        if other in lengths and lengths[other] + n - 1 == ncols:
            return "a line break inside an unquoted cell splits a row in two"
    if header is None:
        return "a line break inside an unquoted cell splits a row in two"
    missing = [h for h in header[n:] if h]
    names = ", ".join(repr(h) for h in missing[:3]) + (" ..." if len(missing) > 3 else "")
    return f"the row ends before the columns {names}: they count as blank for this row"


def ragged_findings(path: Path, scan: CsvScan, ncols: int, header: list[str] | None = None) -> list[Finding]:
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
                hint=short_row_hint(scan, row, n, header),
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
# A UTF-8 line in a GB18030 file
# ---------------------------------------------------------------------------------------------

# Three-byte UTF-8 sequences (CJK text is made of them): where a GB18030 file holds one, its
# line is looked at closely.
_UTF8_3 = re.compile(rb"[\xe0-\xef][\x80-\xbf][\x80-\xbf]")
MIXED_LISTED = 5  # lines named one by one; the rest are counted


def _looks_utf8(line: bytes) -> str | None:
    """The line's text when it is UTF-8 rather than GB18030: it decodes as UTF-8, at least two
    characters beyond ASCII and all of them CJK or East Asian punctuation (GB18030 text is
    rarely valid UTF-8, and then decodes mostly to scattered Latin or Greek letters)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    if len(wide) < 2 or not all(
        0x2E80 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF or 0xFF00 <= ord(c) <= 0xFFEF
        for c in wide
    ):
        return None
    # and read as GB18030 it is mojibake: UTF-8's continuation bytes make GBK characters
    # outside GB2312 (rare ones), which a Chinese GBK text holds seldom
    try:
        line.decode("gb18030").encode("gb2312")
    except UnicodeError:
        return text
    return None


def utf8_lines(path: Path, limit: int = MIXED_LISTED) -> tuple[list[tuple[int, str]], int]:
    """Lines of a file read as GB18030 that are UTF-8: (their line numbers and text, the first
    ``limit``; how many). Read once, in blocks; only lines holding a 3-byte UTF-8 sequence are
    decoded."""
    found: list[tuple[int, str]] = []
    count = 0
    line_no = 1
    rest = b""
    with open(path, "rb") as fh:
        while True:
            block = fh.read(BLOCK_SIZE)
            data = rest + block
            if not data:
                break
            cut = data.rfind(b"\n") + 1 if block else len(data)
            if cut == 0:
                rest = data
                continue
            chunk, rest = data[:cut], data[cut:]
            start = counted = lines = 0
            for m in _UTF8_3.finditer(chunk):
                if m.start() < start:
                    continue  # this line was looked at already
                begin = chunk.rfind(b"\n", 0, m.start()) + 1
                end = chunk.find(b"\n", m.start())
                end = len(chunk) if end < 0 else end
                text = _looks_utf8(chunk[begin:end].rstrip(b"\r"))
                if text is not None:
                    count += 1
                    if len(found) < limit:
                        lines += chunk.count(b"\n", counted, begin)
                        counted = begin
                        found.append((line_no + lines, text))
                start = end + 1
            line_no += chunk.count(b"\n")
            if not block:
                break
    return found, count


def _first_bad_byte(path: Path, encoding: str) -> tuple[int, int, bytes] | None:
    """(offset, line number, the line) of the first byte ``encoding`` cannot decode; None if
    it can decode the whole file. Read in blocks cut at line ends (no character spans two)."""
    offset, line, rest = 0, 1, b""
    with open(path, "rb") as fh:
        while True:
            block = fh.read(BLOCK_SIZE)
            data = rest + block
            if not data:
                return None
            cut = data.rfind(b"\n") + 1 if block else len(data)
            chunk, rest = data[:cut], data[cut:]
            try:
                chunk.decode(encoding)
            except UnicodeDecodeError as e:
                begin = chunk.rfind(b"\n", 0, e.start) + 1
                end = chunk.find(b"\n", e.start)
                text = chunk[begin : len(chunk) if end < 0 else end].rstrip(b"\r")
                return offset + e.start, line + chunk.count(b"\n", 0, e.start), text
            offset += len(chunk)
            line += chunk.count(b"\n")
            if not block:
                return None


def mixed_encoding(path: Path) -> RosterError | None:
    """When a file is UTF-8 in part and GB18030 in part (a line pasted from another system):
    the error naming the row where the encoding the file starts in stops working."""
    try:
        bad_utf8 = _first_bad_byte(path, "utf-8")
        bad_gb = _first_bad_byte(path, "gb18030")
    except OSError:
        return None
    if bad_utf8 is None or bad_gb is None:
        return None
    main, other, (_, row, line) = (
        ("GB18030", "UTF-8", bad_gb) if bad_gb[0] > bad_utf8[0] else ("UTF-8", "GB18030", bad_utf8)
    )
    try:
        text = line.decode(other.lower())
    except UnicodeDecodeError:
        return None  # neither: not a mix of the two
    f = Finding(
        "error",
        str(path),
        f"cannot decode this line as {main} like the lines before it: it is {other}, another "
        "encoding mixed into one file",
        row=row,
        value=shown(text),
        hint="save the whole file in one encoding, e.g. CSV UTF-8 (Excel: File > Save As)",
    )
    return RosterError(str(f), [f])
