"""Start reading a CSV roster before the command line has finished starting up.

Parsing a large roster is the longest step of ``sscgap analyze`` and runs on all cores without
the GIL, while start-up (Typer, pydantic, the profiles, pandas) is Python on one core. So, for
``sscgap analyze|report STAFF.csv ...``, :func:`start` looks at the file's first block (no
numpy, pandas or pydantic needed: :mod:`sscgap.sniff`) and starts Arrow's parse on a worker
thread at once, with the types the roster reader would ask for: the standard columns by their
known headers, every other column as a level (float32).

It is a guess made before the profiles are loaded, so the roster reader only takes it when it
provably matches what it would have read itself (:func:`take`: the same file, unchanged, the same
encoding and separator, and every column it wants read with the type it wants); otherwise the
guess is dropped and the file is read as usual. Columns the roster does not use (read here as
levels) are dropped; if one of them turns out not to be numeric the early parse fails and the
reader parses again without it. No guess is made when a column that is not a standard one holds
text in the first rows. ``SSCGAP_NO_PREFETCH=1`` turns it off.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# The cells pandas reads as missing (pandas._libs.parsers.STR_NA_VALUES), so that the fast
# reader and the forgiving one agree on what a blank is.
NULL_VALUES = (
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
)  # fmt: skip
BLOCK_SIZE = 1 << 22  # 4 MiB: enough blocks for both cores, small enough to keep memory flat
COMMANDS = ("analyze", "report")
MIN_BYTES = 4 << 20  # smaller files are read before start-up would be over anyway


def memory_pool() -> Any:  # pyarrow.MemoryPool
    """jemalloc where the Arrow build has it: it reuses freed blocks instead of returning them
    to the system and faulting them in again, which halves the kernel time of a large read."""
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except (NotImplementedError, pa.ArrowNotImplementedError):
        return pa.default_memory_pool()


def arrow_read(path: Path, encoding: str, sep: str, columns: Sequence[str], types: dict[str, Any]) -> Any:
    """``columns`` of a CSV as an Arrow table with the given types (the one call both the
    roster reader and the early read make, so that they read alike)."""
    import pyarrow.csv as pacsv

    if encoding in ("utf-8-sig", "utf_8_sig"):
        encoding = "utf-8"  # Arrow skips a UTF-8 byte-order mark itself
    return pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(encoding=encoding, block_size=BLOCK_SIZE),
        parse_options=pacsv.ParseOptions(delimiter=sep),
        convert_options=pacsv.ConvertOptions(
            include_columns=list(columns),
            column_types={c: types[c] for c in columns if c in types},
            null_values=list(NULL_VALUES),
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
        memory_pool=memory_pool(),
    )


class _Early:
    """A parse running on a daemon thread (it must not hold up the exit of a command that
    fails before reading, e.g. on a wrong option)."""

    def __init__(self, path: Path, stamp: tuple[int, int], encoding: str, sep: str, types: dict[str, Any]):
        self.path, self.stamp, self.encoding, self.sep, self.types = path, stamp, encoding, sep, types
        self.table: Any = None
        self.error: BaseException | None = None
        self._done = threading.Event()
        threading.Thread(target=self._run, name="sscgap-prefetch", daemon=True).start()

    def _run(self) -> None:
        try:
            self.table = arrow_read(self.path, self.encoding, self.sep, list(self.types), self.types)
        except BaseException as e:
            self.error = e
        finally:
            self._done.set()

    def result(self) -> Any:
        self._done.wait()
        if self.error is not None:
            raise self.error
        return self.table


_EARLY: _Early | None = None


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def start(argv: Sequence[str], min_bytes: int = MIN_BYTES) -> None:
    """Start the early read for ``sscgap analyze|report STAFF.csv ...`` (see the module
    docstring); do nothing for anything else, or when unsure."""
    global _EARLY
    _EARLY = None
    if os.environ.get("SSCGAP_NO_PREFETCH") or len(argv) < 2 or argv[0] not in COMMANDS:
        return
    if any(a in ("--help", "-h", "--version") for a in argv):
        return  # nothing will be read
    staff = argv[1]
    if staff.startswith("-") or not staff.lower().endswith((".csv", ".tsv", ".txt")):
        return
    try:
        path = Path(staff)
        stamp = _stamp(path)
        if stamp[0] < min_bytes:
            return
        guess = _guess(path)
    except Exception:
        return
    if guess is not None:
        encoding, sep, types = guess
        _EARLY = _Early(path, stamp, encoding, sep, types)


def _guess(path: Path) -> tuple[str, str, dict[str, Any]] | None:
    """(encoding, separator, {header as parsed: Arrow type}) for the early read, or None."""
    import pyarrow as pa

    from .sniff import (
        _LONG_KEYS,
        _STANDARD_KEYS,
        SNIFF_BYTES,
        TEXT_COLUMNS,
        _sniff,
        csv_head_rows,
        normalise_header,
    )

    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
        complete = not fh.read(1)
    sniff = _sniff(path, head, complete)
    if sniff.encoding not in ("utf-8", "utf-8-sig", "gb18030") or sniff.header_row != 1:
        return None
    raw = list(sniff.raw_header)
    if len(set(raw)) != len(raw) or any(not h.strip() for h in raw):
        return None  # repeated or blank headers: the reader reports them
    rows = csv_head_rows(sniff.head_text, sniff.sep, limit=200)[1:]
    if not complete:
        rows = rows[:-1]  # the last row of a partial block may be cut
    types: dict[str, Any] = {}
    for i, (r, h) in enumerate(zip(raw, sniff.header, strict=True)):
        key = normalise_header(h)
        canon = _STANDARD_KEYS.get(key) or _LONG_KEYS.get(key)
        if canon in TEXT_COLUMNS or canon == "competency":
            types[r] = pa.large_string()
        elif canon == "tenure_years":
            types[r] = pa.float64()
        else:  # a level (or a column the roster will not use): numbers only, so far
            if not all(_numeric(row[i]) for row in rows if i < len(row)):
                return None
            types[r] = pa.float32()
    return sniff.encoding, sniff.sep, types


def _numeric(cell: str) -> bool:
    cell = cell.strip()
    if cell in NULL_VALUES:
        return True
    try:
        float(cell)
    except ValueError:
        return False
    return True


def take(path: Path, encoding: str, sep: str, columns: Sequence[str], types: dict[str, Any]) -> _Early | None:
    """The early read, if it reads exactly ``columns`` of this file, unchanged, the way asked
    (the caller selects ``columns`` from its table); None otherwise. Taken once."""
    global _EARLY
    early, _EARLY = _EARLY, None
    if early is None:
        return None
    try:
        same_file = path.resolve() == early.path.resolve() and _stamp(path) == early.stamp
    except OSError:
        return None
    if (
        not same_file
        or (encoding, sep) != (early.encoding, early.sep)
        or any(c not in early.types or early.types[c] != types.get(c) for c in columns)
    ):
        return None
    return early
