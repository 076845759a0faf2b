"""Whole-column work on a roster's cells with Arrow compute: Python never walks the rows.

* :func:`clean_text` is the text normalisation of the roster (NFKC, trim, blank = missing) done
  with Arrow compute on ASCII values and with Python only once per distinct non-ASCII value;
  :func:`clean_texts` cleans several columns side by side (Arrow releases the GIL).
* :func:`fill_float_column` writes a float column read by Arrow into the level matrix straight
  from its buffers, and tells whether it holds plain levels.
* :func:`duplicated`, :func:`map_distinct`, :func:`codes`: hashing and lookups on whole columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..mapping.cells import arrow_strings

# What Python's str.strip() removes from ASCII text (str.isspace), so both paths trim alike.
ASCII_WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def is_arrow_float(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.ArrowDtype) and pa.types.is_floating(s.dtype.pyarrow_dtype)


def fill_float_column(dst: np.ndarray, s: pd.Series, low: float = 0.0, high: float = 5.0) -> bool:
    """Write an Arrow float column into ``dst`` (nulls as NaN), one Arrow chunk at a time,
    straight from the Arrow buffers (values copied once, the validity bitmap unpacked only
    where a chunk has blanks).

    Returns True when every value is a number from ``low`` to ``high`` or blank; False when a
    cell held ``NaN`` or ``inf`` spelt out, or a number out of range (its cells are then read
    again as text, so that a finding quotes them as written).
    """
    arr = s.array.__arrow_array__()
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    dtype = np.dtype(arr.type.to_pandas_dtype())
    off = 0
    for chunk in chunks:
        m = len(chunk)
        if m == 0:
            continue
        validity, values = chunk.buffers()[:2]
        out = dst[off : off + m]
        out[:] = np.frombuffer(values, dtype=dtype, count=chunk.offset + m)[chunk.offset :]
        if chunk.null_count:
            bits = np.frombuffer(validity, dtype=np.uint8)
            valid = np.unpackbits(bits, count=chunk.offset + m, bitorder="little")[chunk.offset :]
            np.copyto(out, np.nan, where=valid == 0)
        off += m
    col = dst[:off]
    if np.count_nonzero(np.isnan(col)) != arr.null_count:
        return False  # more NaN than blanks: NaN spelt out in a cell
    if arr.null_count == len(arr):
        return True
    return bool(np.fmin.reduce(col) >= low and np.fmax.reduce(col) <= high)  # fmin/fmax skip NaN


def clean_text(s: pd.Series) -> pd.Series:
    """NFKC-normalise and trim every value; blank or missing becomes NaN. Keeps the index.

    Equivalent to ``s.str.normalize("NFKC").str.strip()`` with empties as NaN, but ASCII values
    (NFKC leaves them unchanged) are trimmed by Arrow, and each distinct non-ASCII value is
    normalised once.
    """
    out = _clean(arrow_strings(s))
    return pd.Series(pd.array(out, dtype="str"), index=s.index, name=s.name, copy=False)


def clean_texts(df: pd.DataFrame, columns: Iterable[str]) -> dict[str, pd.Series]:
    """:func:`clean_text` of each of ``columns`` (one thread: on several, the A/B in
    docs/performance.md measured no gain end to end)."""
    return {c: clean_text(df[c]) for c in columns}


def _clean(arr: pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    # byte by byte: safe on UTF-8 too (no byte of a multi-byte character is ASCII), and the
    # non-ASCII values are replaced below anyway
    out = pc.ascii_trim(arr, characters=ASCII_WHITESPACE)
    is_ascii = pc.string_is_ascii(arr)
    if pc.all(is_ascii).as_py() is False:  # nulls are skipped
        non_ascii = pc.fill_null(pc.invert(is_ascii), False)
        values = pc.filter(arr, non_ascii)
        uniques = pc.unique(values)
        cleaned = pa.array(
            [unicodedata.normalize("NFKC", v).strip() for v in uniques.to_pylist()], type=arr.type
        )
        replacement = pc.take(cleaned, pc.index_in(values, value_set=uniques))
        out = pc.replace_with_mask(
            out.combine_chunks(), non_ascii.combine_chunks(), replacement.combine_chunks()
        )
    out = _unwrap_excel_text(out)
    empty = pc.equal(out, "")
    if pc.any(empty).as_py():  # a copy of the column only when some value is blank
        out = pc.if_else(empty, pa.scalar(None, arr.type), out)
    if isinstance(out, pa.ChunkedArray) and out.num_chunks > 1:
        out = out.combine_chunks()  # one chunk: picking a few rows later is a direct lookup
    return out


# ="000101": how exporters write a text cell so that Excel keeps its leading zeros
_EXCEL_TEXT = r'^="([^"]*)"$'


def _unwrap_excel_text(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """``="000101"`` -> ``000101``: a cell written as Excel's text formula (HR systems export ids
    so, for Excel to keep the zeros) is the text inside; the rest as it was. One Arrow kernel
    over the column when no cell starts with ``="`` (the usual case)."""
    if not pc.any(pc.starts_with(arr, '="')).as_py():
        return arr
    wrapped = pc.fill_null(pc.match_substring_regex(arr, _EXCEL_TEXT), False)
    inner = pc.ascii_trim(pc.replace_substring_regex(arr, _EXCEL_TEXT, r"\1"), characters=ASCII_WHITESPACE)
    return pc.if_else(wrapped, inner, arr)


def typed_text(col: pd.Series) -> pd.Series:
    """A text column of a workbook or DataFrame: a number typed as 1001 comes back as 1001
    or 1001.0, and means the text "1001"."""
    text = col.astype(object).where(col.notna(), None).astype("str")
    text = text.str.replace(r"^(-?\d+)\.0$", r"\1", regex=True)
    return text.where(col.notna())


def to_number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from a column, accepting full-width digits, spaces and a decimal comma ("3,5");
    returns (values, bad mask)."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("float64"), pd.Series(False, index=s.index)
    text = clean_text(s)
    text = text.str.replace(r"^([+-]?\d+),(\d{1,2})$", r"\1.\2", regex=True)
    values = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & values.isna()
    return values.astype("float64"), bad


def codes(s: pd.Series, categories: Iterable[str]) -> np.ndarray:
    """Position of each value in ``categories`` (int8), -1 for anything else or missing."""
    cats = list(categories)
    arr = arrow_strings(s)
    idx = pc.index_in(arr, value_set=pa.array(cats, type=arr.type))
    return pc.fill_null(idx, -1).to_numpy(zero_copy_only=False).astype(np.int8)


def duplicated(s: pd.Series) -> pd.Series:
    """Mask of the non-missing values that occur more than once (``duplicated(keep=False)``).

    Employee ids are usually digit strings: these are checked as (number, length) keys, which
    hash several times faster than the strings; anything else is hashed as text.
    """
    arr = arrow_strings(s)
    present = arr.is_valid()
    values = pc.filter(arr, present) if arr.null_count else arr
    if (
        len(values)
        and pc.all(pc.ascii_is_decimal(values)).as_py()
        and pc.max(pc.utf8_length(values)).as_py() <= 18
    ):
        # "01" and "1" differ: the length tells them apart
        keys = pc.cast(values, pa.int64()).to_numpy() * 32 + pc.utf8_length(values).to_numpy(
            zero_copy_only=False
        )
        if pd.Index(keys).is_unique:
            return pd.Series(False, index=s.index, dtype=bool)
    elif pc.count_distinct(values).as_py() == len(values):
        return pd.Series(False, index=s.index, dtype=bool)
    text = pd.Series(pd.array(arr, dtype="str"), index=s.index, copy=False)
    return text.notna() & text.duplicated(keep=False)


def map_distinct(s: pd.Series, func: Callable[[str], str]) -> tuple[pd.Series, list[str]]:
    """Apply ``func`` to each distinct non-missing value once; returns (mapped str series, the
    distinct mapped values). Missing stays missing."""
    arr = arrow_strings(s)
    encoded = pc.dictionary_encode(arr).combine_chunks()
    mapped = pa.array([func(v) for v in encoded.dictionary.to_pylist()], type=arr.type)
    out = pc.take(mapped, encoded.indices)
    return pd.Series(pd.array(out, dtype="str"), index=s.index, name=s.name, copy=False), sorted(
        set(pc.unique(out).drop_null().to_pylist())
    )
