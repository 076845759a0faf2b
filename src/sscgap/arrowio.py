"""The fast read path of a roster: Arrow reads and cleans whole columns, Python never sees a row.

* :func:`read_csv_typed` parses a CSV with ``pyarrow.csv`` straight into typed columns (text as
  Arrow strings, levels as float32) on a worker thread, importing pandas meanwhile; text becomes
  Arrow-backed pandas columns without a copy, and levels stay in Arrow until
  :func:`fill_float_column` writes them into the level matrix. Anything it cannot read strictly
  (a level that is not a plain number, a ragged row, odd quoting) returns ``None`` and the
  caller falls back to the forgiving reader, which reports each bad cell.
* :func:`clean_text` is the text normalisation of the roster (NFKC, trim, blank = missing) done
  with Arrow compute on ASCII values and with Python only once per distinct non-ASCII value;
  the text columns of a large file start being cleaned on worker threads as soon as it is read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import prefetch
from ._lazy import lazy_import, load
from .parallel import threads
from .prefetch import NULL_VALUES  # noqa: F401  (re-exported)

pd = lazy_import("pandas")  # imported while Arrow parses the file: see read_csv_typed

# What Python's str.strip() removes from ASCII text (str.isspace), so both paths trim alike.
ASCII_WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def memory_pool() -> pa.MemoryPool:
    """The Arrow memory pool the roster is read with (jemalloc where the build has it:
    :func:`sscgap.prefetch.memory_pool`)."""
    global _POOL
    if _POOL is None:
        _POOL = prefetch.memory_pool()
    return _POOL


_POOL: pa.MemoryPool | None = None


def prefer_jemalloc() -> None:
    """Make :func:`memory_pool` the process-wide Arrow pool (the CLI does; a library caller
    keeps its own choice)."""
    pa.set_memory_pool(memory_pool())


_MEANWHILE: list[Callable[[], None]] = []


def meanwhile(fn: Callable[[], None]) -> None:
    """Run ``fn`` on this thread while the next CSV is parsed (:func:`read_csv_typed`), once.

    The command line hands over the imports it will need after reading (the engine, the
    renderer): the thread would otherwise only wait for the parser. Never run if no CSV is
    read this way; what ``fn`` does must then simply happen later.
    """
    _MEANWHILE.append(fn)


def read_csv_typed(
    path: Path,
    *,
    encoding: str,
    sep: str,
    columns: Iterable[str],
    types: dict[str, pa.DataType],
) -> pd.DataFrame | None:
    """Read ``columns`` of a CSV with the given Arrow ``types``; ``None`` if it cannot strictly.

    Text columns come back as pandas ``str`` (Arrow-backed, no copy), float32 columns as
    ``ArrowDtype`` (no copy; see :func:`fill_float_column`), other numbers as numpy columns with
    NaN for blanks; each column is handed over separately (``split_blocks``, ``self_destruct``).
    """
    columns = list(columns)
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sscgap-read") as pool:
            # the parse the command line started early, if it reads what is asked here
            early = prefetch.take(path, encoding, sep, columns, types)
            parse = early or pool.submit(prefetch.arrow_read, path, encoding, sep, columns, types)
            # Arrow parses without the GIL: import pandas (pure Python, about a quarter of a
            # second, needed next) in the meantime, then whatever the caller asked for
            load(pd)
            while _MEANWHILE:
                _MEANWHILE.pop(0)()
            try:
                table = parse.result()
            except pa.ArrowException:
                if early is None:
                    raise
                # the early read failed on something not asked for here (a column it guessed
                # to be a level): read again, as asked
                table = prefetch.arrow_read(path, encoding, sep, columns, types)
            if early is not None:
                table = table.select(columns)
    except (pa.ArrowException, UnicodeError, LookupError, OSError, ValueError):
        return None
    if table.num_columns != len(columns) or any(
        table.schema.field(c).type != types[c] for c in columns if c in types
    ):
        return None
    df = table.to_pandas(
        split_blocks=True, self_destruct=True, types_mapper=_keep_float32, memory_pool=memory_pool()
    )
    del table
    _prefetch_clean(df, [c for c in columns if pa.types.is_large_string(types.get(c, pa.null()))])
    return df


def _keep_float32(t: pa.DataType) -> pd.ArrowDtype | None:
    # levels stay in Arrow (no copy) until fill_float_column writes them into the level matrix
    return pd.ArrowDtype(t) if t == pa.float32() else None


def is_arrow_float(s: pd.Series) -> bool:
    return isinstance(s.dtype, pd.ArrowDtype) and pa.types.is_floating(s.dtype.pyarrow_dtype)


def fill_float_column(dst: np.ndarray, s: pd.Series) -> tuple[float, float] | None:
    """Write an Arrow float column into ``dst`` (nulls as NaN), one Arrow chunk at a time,
    straight from the Arrow buffers (values copied once, the validity bitmap unpacked only
    where a chunk has blanks).

    Returns the (min, max) of the non-missing values, or None when all are missing.
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
            out[valid == 0] = np.nan
        off += m
    if arr.null_count == len(arr):
        return None
    col = dst[:off]
    return float(np.fmin.reduce(col)), float(np.fmax.reduce(col))  # fmin/fmax skip NaN


def arrow_strings(s: pd.Series) -> pa.ChunkedArray:
    """A text column as Arrow strings: no copy when it is Arrow-backed already (the roster's
    text always is); anything else is converted, missing values staying missing."""
    if not (isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"):
        s = (
            s.astype("str")
            if s.dtype != object
            else s.astype(object).where(s.notna(), None).astype("str")
        )
    arr = s.array.__arrow_array__()
    return arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])


def clean_text(s: pd.Series) -> pd.Series:
    """NFKC-normalise and trim every value; blank or missing becomes NaN. Keeps the index.

    Equivalent to ``s.str.normalize("NFKC").str.strip()`` with empties as NaN, but ASCII values
    (NFKC leaves them unchanged) are trimmed by Arrow, and each distinct non-ASCII value is
    normalised once. A column :func:`read_csv_typed` has started cleaning in the background
    is picked up from there.
    """
    arr = arrow_strings(s)
    started = _PREFETCHED.pop(id(arr), None)
    out = started[1].result() if started is not None and started[0] is arr else _clean(arr)
    return pd.Series(pd.array(out, dtype="str"), index=s.index, name=s.name, copy=False)


def _clean(arr: pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    out = pc.utf8_trim(arr, characters=ASCII_WHITESPACE)
    if pc.all(pc.string_is_ascii(arr)).as_py() is False:  # nulls are skipped
        non_ascii = pc.fill_null(pc.invert(pc.string_is_ascii(arr)), False)
        values = pc.filter(arr, non_ascii)
        uniques = pc.unique(values)
        cleaned = pa.array(
            [unicodedata.normalize("NFKC", v).strip() for v in uniques.to_pylist()], type=arr.type
        )
        replacement = pc.take(cleaned, pc.index_in(values, value_set=uniques))
        out = pc.replace_with_mask(
            out.combine_chunks(), non_ascii.combine_chunks(), replacement.combine_chunks()
        )
    empty = pc.equal(out, "")
    if pc.any(empty).as_py():  # a copy of the column only when some value is blank
        out = pc.if_else(empty, pa.scalar(None, arr.type), out)
    if isinstance(out, pa.ChunkedArray) and out.num_chunks > 1:
        out = out.combine_chunks()  # one chunk: picking a few rows later is a direct lookup
    return out


# Text columns of the last file read, being cleaned on worker threads: id -> (column, future).
# The column itself is kept, so its id cannot be reused while the entry lives.
_PREFETCHED: dict[int, tuple[pa.ChunkedArray, Future]] = {}


def _prefetch_clean(df: pd.DataFrame, columns: list[str]) -> None:
    """Start cleaning these text columns on worker threads (Arrow compute releases the GIL), so
    the roster's checks that come first run meanwhile; :func:`clean_text` collects them."""
    _PREFETCHED.clear()  # anything left from an earlier read is not wanted any more
    if not columns or len(df) < PREFETCH_ROWS:
        return
    pool = ThreadPoolExecutor(max_workers=threads(), thread_name_prefix="sscgap-clean")
    for c in columns:
        arr = arrow_strings(df[c])
        _PREFETCHED[id(arr)] = (arr, pool.submit(_clean, arr))
    pool.shutdown(wait=False)


PREFETCH_ROWS = 50_000  # below this, cleaning in the caller's thread is as quick


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
    keys: np.ndarray | None = None
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


def map_distinct(s: pd.Series, func) -> tuple[pd.Series, list[str]]:
    """Apply ``func`` to each distinct non-missing value once; returns (mapped str series, the
    distinct mapped values). Missing stays missing."""
    arr = arrow_strings(s)
    encoded = pc.dictionary_encode(arr).combine_chunks()
    mapped = pa.array([func(v) for v in encoded.dictionary.to_pylist()], type=arr.type)
    out = pc.take(mapped, encoded.indices)
    return pd.Series(pd.array(out, dtype="str"), index=s.index, name=s.name, copy=False), sorted(
        set(pc.unique(out).drop_null().to_pylist())
    )
