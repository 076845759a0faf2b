"""Roster: read a staff roster (CSV or .xlsx, wide or long layout) into one validated table.

The result is a :class:`Roster`: a DataFrame of the standard columns (``employee_id`` kept as
text), and a float32 matrix of competency levels (people x catalogue competencies, NaN = not
assessed). Headers may be competency ids, English or Chinese names; the standard columns accept
Chinese headers. Every problem becomes a :class:`~sscgap.errors.Finding`; errors raise a
:class:`~sscgap.errors.RosterError` listing them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ._lazy import lazy_import
from .arrowio import (
    clean_text,
    duplicated,
    fill_float_column,
    is_arrow_float,
    map_distinct,
    read_csv_typed,
)
from .diagnose import (
    may_be_ragged,
    may_have_blank_lines,
    ragged_findings,
    scan_csv,
    split_ref,
    uncached_formulas,
    unclosed_quote_row,
)
from .errors import Finding, FindingList, RosterError
from .parallel import map_threads
from .profiles import ProfileSet, suggest
from .sniff import (  # noqa: F401  (re-exported: the roster's column names live there)
    _LONG_KEYS,
    _STANDARD_KEYS,
    EMPLOYMENT_ALIASES,
    LONG_ALIASES,
    SNIFF_BYTES,
    STANDARD_ALIASES,
    STANDARD_COLUMNS,
    TEXT_COLUMNS,
    _fatal,
    _Sniff,
    _sniff,
    csv_head_rows,
    normalise_header,
)

# pandas on first use: the CSV reader starts Arrow's parse first and imports pandas meanwhile
pd = lazy_import("pandas")


@dataclass
class Roster:
    """A validated roster: standard columns + a level matrix aligned with the catalogue."""

    source: str
    people: pd.DataFrame  # employee_id (str), name, department, site, position, tenure_years, employment_type
    levels: np.ndarray  # float32 (n_people, n_competencies), NaN = not assessed
    competency_ids: list[str]
    findings: list[Finding] = field(default_factory=list)
    layout: str = "wide"
    unknown_columns: list[str] = field(default_factory=list)
    missing_competencies: list[str] = field(default_factory=list)
    rows_skipped: int = 0

    def __len__(self) -> int:
        return len(self.people)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------

MAX_VALUE_SHOWN = 200  # a finding keeps at most this much of a cell (a cell may be megabytes)
CELLS_LISTED = 20  # per column and problem; the rest are counted
ERRORS_IN_MESSAGE = 5  # analyze/report list this many errors; validate lists them all


def _shown(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a level read as 9.0 was typed as 9
    text = str(value)
    return text if len(text) <= MAX_VALUE_SHOWN else text[: MAX_VALUE_SHOWN - 3] + "..."


@dataclass
class _Ctx:
    """Where findings go, and which spreadsheet row a row of the DataFrame came from."""

    path: Path
    fl: FindingList
    base: int  # spreadsheet row of the first data row
    place: str | None = None  # "sheet 'Staff'" for workbooks
    # Lazily: the spreadsheet row of every data record, when blank lines may shift them (CSV).
    resolve: Callable[[], np.ndarray | None] | None = None
    # canonical column name -> the header as written in the file ("analysis" -> "分析")
    headers: dict[str, str] = field(default_factory=dict)
    _rows: np.ndarray | None = None
    _resolved: bool = False

    def add(self, severity: str, message: str, **kw: Any) -> None:
        column = kw.pop("column", None)
        if column is not None:
            column = self.headers.get(column, column)
        self.fl.add(
            Finding(severity, str(self.path), message, place=self.place, column=column, **kw)
        )

    def row(self, pos: int) -> int:
        """The spreadsheet row of data record ``pos`` (0-based, as read)."""
        if not self._resolved:
            self._resolved = True
            self._rows = self.resolve() if self.resolve is not None else None
        if self._rows is not None and 0 <= pos < len(self._rows):
            return int(self._rows[pos])
        return pos + self.base

    def cells(
        self,
        column: str,
        mask: pd.Series | np.ndarray,
        raw: pd.Series,
        pos: np.ndarray,
        message: str,
        *,
        severity: str = "error",
        hint: str | None = None,
    ) -> None:
        """One finding per offending cell (the first few), then a count of the rest."""
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        for i in idx[:CELLS_LISTED]:
            self.add(
                severity,
                message,
                row=self.row(int(pos[i])),
                column=column,
                value=_shown(raw.iloc[i]),
                hint=hint,
            )
        if len(idx) > CELLS_LISTED:
            more = len(idx) - CELLS_LISTED
            self.add(severity, f"{more} more cells like this", column=column, count=more)


@dataclass
class _Table:
    """A file as read: its data under the raw headers, and what the headers mean."""

    df: pd.DataFrame
    mapping: dict[str, str]  # raw header -> canonical name
    unknown: list[str]
    ctx: _Ctx
    header: list[str]  # every raw header, for hints
    head_rows: list[list[str]]  # the first rows of the file, for hints


# ---------------------------------------------------------------------------------------------
# Sniffing
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------



def _is_id_header(text: object) -> bool:
    return isinstance(text, str) and _STANDARD_KEYS.get(normalise_header(text)) == "employee_id"


def _column_letter(n: int) -> str:
    """1 -> A, 27 -> AA: how a spreadsheet names a column."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _map_headers(
    header: list[str], pset: ProfileSet, ctx: _Ctx, strict: bool = False
) -> tuple[dict[str, str], list[str]]:
    """Return {raw header -> canonical name} and the unknown headers; findings go to ``ctx``."""
    comp = pset.header_aliases()
    header_row = ctx.base - 1
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    seen: dict[str, str] = {}
    positions: dict[str, list[int]] = {}
    for i, raw in enumerate(header, start=1):
        positions.setdefault(raw, []).append(i)
    for raw, where in positions.items():
        if raw and len(where) > 1:
            ctx.add(
                "error",
                f"the header appears {len(where)} times (columns "
                + ", ".join(_column_letter(n) for n in where)
                + "); only the first would be read",
                row=header_row,
                column=raw,
                hint="rename or delete the extra column",
            )
    for i, raw in enumerate(header, start=1):
        if positions[raw][0] != i:
            continue  # a repeated header, reported above
        if not raw:
            ctx.add("warning", f"column {_column_letter(i)} has no header and is ignored", row=header_row)
            continue
        key = normalise_header(raw)
        canon = _STANDARD_KEYS.get(key) or comp.get(key) or _LONG_KEYS.get(key)
        if canon is None:
            unknown.append(raw)
            continue
        if canon in seen:
            ctx.add(
                "error",
                f"columns {seen[canon]!r} and {raw!r} both mean {canon!r}",
                row=header_row,
                column=raw,
                hint="keep one of them",
            )
            continue
        seen[canon] = raw
        mapping[raw] = canon
    known_names = list(_STANDARD_KEYS) + list(comp)
    for raw in unknown:
        ctx.add(
            "error" if strict else "warning",
            "unknown column ignored (not a standard column or a competency in the catalogue)"
            + (" (--strict)" if strict else ""),
            row=header_row,
            column=_shown(raw),
            hint=suggest(normalise_header(raw), known_names) if len(raw) <= 100 else None,
        )
    return mapping, unknown


def _read_csv(path: Path, pset: ProfileSet, strict: bool = False) -> _Table:
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
            complete = not fh.read(1)
    except IsADirectoryError:
        raise _fatal(path, "is a folder, not a roster file") from None
    except FileNotFoundError:
        raise _fatal(path, "file not found") from None
    except PermissionError:
        raise _fatal(path, "permission denied") from None
    except OSError as e:
        raise _fatal(path, f"cannot read the file ({e.strerror or e})") from None
    if not head.strip():
        raise _fatal(path, "the file is empty (no header row)")
    sniff = _sniff(path, head, complete)
    ctx = _Ctx(path, FindingList(), base=sniff.header_row + 1)
    mapping, unknown = _map_headers(sniff.header, pset, ctx, strict)
    # read by the headers as the parser sees them (" name " with its spaces), then strip
    as_read = {}
    for i, h in enumerate(sniff.header):
        as_read.setdefault(h, sniff.raw_header[i])
    text_raw = [raw for raw, canon in mapping.items() if canon in TEXT_COLUMNS or canon == "competency"]
    dtype = {as_read[h]: "str" for h in text_raw}
    usecols = [as_read[h] for h in mapping]
    renames = {as_read[h]: h for h in mapping if as_read[h] != h}
    head_rows = csv_head_rows(sniff.head_text, sniff.sep)
    if not usecols:  # nothing we know: the missing employee_id is reported by the caller
        return _Table(pd.DataFrame(), mapping, unknown, ctx, sniff.header, head_rows)
    df = None
    fast = sniff.encoding in ("utf-8", "utf-8-sig", "gb18030")
    if fast:
        # Arrow reads typed columns (levels as float32) in the order asked; anything it cannot
        # read strictly (ragged rows, odd quoting, a level that is not a plain number) goes to
        # the forgiving reader below, which reports each problem
        types = {as_read[h]: t for h, t in _arrow_types(mapping).items()}
        df = read_csv_typed(path, encoding=sniff.encoding, sep=sniff.sep, columns=usecols, types=types)
    encoding = sniff.encoding
    ncols = len(sniff.header)
    slow = df is None
    if slow:
        df, encoding = _read_csv_slow(path, sniff, dtype, usecols)
    enc = encoding
    # The fast reader refused the file, maybe for rows that do not fit the header's grid (the
    # slow reader silently drops extra cells): look for them, first quickly, then exactly.
    if slow and may_be_ragged(path, enc, sniff.sep, ncols):
        scan = scan_csv(path, enc, sniff.sep, ncols)
        ctx.fl.findings.extend(ragged_findings(path, scan, ncols))
        ctx.resolve = lambda: scan.data_rows
    else:

        def resolve() -> np.ndarray | None:
            if not may_have_blank_lines(path, enc):
                return None
            return scan_csv(path, enc, sniff.sep, ncols).data_rows

        ctx.resolve = resolve
    if renames:
        df = df.rename(columns=renames)
    return _Table(df, mapping, unknown, ctx, sniff.header, head_rows)


def _read_csv_slow(
    path: Path, sniff: _Sniff, dtype: dict[str, str], usecols: list[str]
) -> tuple[pd.DataFrame, str]:
    encodings = [sniff.encoding] + (["gb18030"] if sniff.encoding == "utf-8" else [])
    for encoding in encodings:
        try:
            df = pd.read_csv(
                path,
                sep=sniff.sep,
                encoding=encoding,
                engine="c" if encoding != "utf-16" else "python",
                dtype=dtype,
                usecols=usecols,
                skip_blank_lines=True,
            )
            return df, encoding
        except UnicodeDecodeError:
            continue  # UTF-8 at the start, GB18030 further down: try the next one
        except pd.errors.EmptyDataError:
            return pd.DataFrame(columns=usecols), encoding
        except pd.errors.ParserError as e:
            if "EOF inside string" in str(e):
                raise _fatal(
                    path,
                    'a quote (") opens a cell here and is never closed',
                    row=unclosed_quote_row(path, encoding, sniff.sep),
                    hint='close the quote, or write a quote inside a cell as two quotes ("")',
                ) from None
            raise _fatal(path, f"cannot parse the CSV: {_short(e)}") from None
        except (ValueError, OSError, csv.Error) as e:
            raise _fatal(path, f"cannot read the CSV: {_short(e)}") from None
    raise _fatal(
        path,
        "cannot decode the file: it is neither UTF-8 nor GB18030 throughout",
        hint="save the roster as 'CSV UTF-8' (Excel: File > Save As) or as .xlsx",
    )


def _arrow_types(mapping: dict[str, str]) -> dict[str, Any]:
    """Arrow types of the roster columns for the fast reader (header -> type)."""
    import pyarrow as pa

    types: dict[str, Any] = {}
    for raw, canon in mapping.items():
        if canon in TEXT_COLUMNS or canon == "competency":
            types[raw] = pa.large_string()  # the type pandas keeps text in: no cast
        elif canon == "tenure_years":
            types[raw] = pa.float64()
        else:  # a competency level, or the level of the long layout
            types[raw] = pa.float32()
    return types


def _short(e: Exception) -> str:
    return str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__


def _read_xlsx(path: Path, pset: ProfileSet, sheet: str | None, strict: bool = False) -> _Table:
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - a declared dependency
        raise _fatal(path, "reading .xlsx needs openpyxl: pip install openpyxl") from None
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except FileNotFoundError:
        raise _fatal(path, "file not found") from None
    except IsADirectoryError:
        raise _fatal(path, "is a folder, not a roster file") from None
    except PermissionError:
        raise _fatal(path, "permission denied") from None
    except Exception as e:  # zip errors, corrupt workbooks, a CSV named .xlsx
        raise _fatal(
            path,
            f"cannot read the workbook: {_short(e)}",
            hint="is it really an .xlsx workbook? a CSV file must end in .csv",
        ) from None
    with book:
        names = [str(n) for n in book.sheet_names]
        if sheet is not None:
            if sheet not in names:
                folded = {n.casefold(): n for n in names}
                same = folded.get(sheet.casefold())
                hint = f"did you mean {same!r}?" if same else suggest(sheet, names)
                raise _fatal(
                    path,
                    f"no sheet {sheet!r} in the workbook; its sheets are: "
                    + ", ".join(map(repr, names)),
                    hint=hint,
                )
            chosen, raw = sheet, _parse_sheet(path, book, sheet)
            skipped: list[str] = []
        else:
            chosen, raw, skipped = None, None, []
            first_with_data = None
            for name in names:
                data = _parse_sheet(path, book, name)
                if data.empty:
                    continue
                if first_with_data is None:
                    first_with_data = (name, data)
                head = data.head(30)
                if any(_is_id_header(v) for v in head.to_numpy().ravel()):
                    chosen, raw = name, data
                    break
                skipped.append(name)
            if chosen is None:
                chosen, raw = first_with_data or (names[0], pd.DataFrame())
                skipped = []
    assert raw is not None
    place = f"sheet {chosen!r}"
    nonempty = raw.notna().any(axis=1).to_numpy()
    header_pos = int(np.argmax(nonempty)) if nonempty.any() else 0
    ctx = _Ctx(path, FindingList(), base=header_pos + 2, place=place)
    if skipped:
        ctx.add(
            "warning",
            f"reading sheet {chosen!r}; sheet(s) "
            + ", ".join(map(repr, skipped))
            + " hold data but no employee_id header",
            hint="choose a sheet with --sheet NAME",
        )
    if not nonempty.any():
        raise _fatal(path, "the sheet is empty (no header row)", place=place)
    header_cells = raw.iloc[header_pos]
    data = raw.iloc[header_pos + 1 :]
    # a column with neither a header nor data (formatting only) is not worth a warning
    keep = header_cells.notna().to_numpy() | data.notna().any(axis=0).to_numpy()
    header = ["" if pd.isna(v) else str(v).strip() for v in header_cells]
    mapping, unknown = _map_headers(
        [h for h, k in zip(header, keep, strict=True) if k], pset, ctx, strict
    )
    first_pos = {}
    for j, h in enumerate(header):
        if keep[j] and h in mapping and h not in first_pos:
            first_pos[h] = j
    df = pd.DataFrame(
        {h: data.iloc[:, first_pos[h]].to_numpy() for h in mapping}, index=range(len(data))
    )
    for h, canon in mapping.items():
        if canon in TEXT_COLUMNS or canon == "competency":
            df[h] = _xlsx_text(df[h])
    # formulas that were never calculated read as blank: say which cells
    refs, count = uncached_formulas(path, chosen)
    letters = {_column_letter(j + 1): h for j, h in enumerate(header) if h}
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
    head_rows = [["" if pd.isna(v) else str(v) for v in r] for r in raw.head(30).to_numpy()]
    return _Table(df, mapping, unknown, ctx, header, head_rows)


def _parse_sheet(path: Path, book: pd.ExcelFile, name: str) -> pd.DataFrame:
    try:
        return pd.read_excel(book, sheet_name=name, header=None, dtype=object)
    except Exception as e:  # a corrupt sheet
        raise _fatal(path, f"cannot read sheet {name!r}: {_short(e)}") from None


def _xlsx_text(col: pd.Series) -> pd.Series:
    """A text column of a workbook: numbers typed into Excel come back as 1001 or 1001.0."""
    text = col.astype(object).where(col.notna(), None).astype("str")
    text = text.str.replace(r"^(-?\d+)\.0$", r"\1", regex=True)
    return text.where(col.notna())


# ---------------------------------------------------------------------------------------------
# Cleaning and validating
# ---------------------------------------------------------------------------------------------


def _clean_text(s: pd.Series) -> pd.Series:
    """NFKC-normalised, trimmed text; blank = NaN (whole-column Arrow compute, see arrowio)."""
    return clean_text(s)


def _to_number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from a column, accepting full-width digits, spaces and a decimal comma ("3,5");
    returns (values, bad mask)."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("float64"), pd.Series(False, index=s.index)
    text = _clean_text(s)
    text = text.str.replace(r"^([+-]?\d+),(\d{1,2})$", r"\1.\2", regex=True)
    values = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & values.isna()
    return values.astype("float64"), bad


def check_roster(
    path: str | Path, pset: ProfileSet, *, sheet: str | None = None, strict: bool = False
) -> tuple[Roster | None, list[Finding]]:
    """Read and validate a roster; return it (``None`` when it has errors) and every finding.

    Nothing is raised for a problem in the file: :func:`load_roster` and ``sscgap validate``
    both call this, one to stop at the errors, the other to list them all.
    """
    p = Path(path)
    try:
        table = _read(p, pset, sheet, strict)
    except RosterError as e:
        return None, e.findings or [Finding("error", str(p), e.message)]
    roster = _validate(table, pset)
    findings = sorted(table.ctx.fl.findings, key=_row_order)  # in the order of the file
    if roster is not None:
        roster.findings = findings
    if any(f.severity == "error" for f in findings):
        return None, findings
    return roster, findings


def load_roster(
    path: str | Path, pset: ProfileSet, *, sheet: str | None = None, strict: bool = False
) -> Roster:
    """Read and validate a roster file against a profile set; raise on the first few errors."""
    roster, findings = check_roster(path, pset, sheet=sheet, strict=strict)
    errors = [f for f in findings if f.severity == "error"]
    if roster is None or errors:
        raise RosterError(
            format_errors(str(path), errors, "roster", f"sscgap validate {path}"), findings
        )
    return roster


def format_errors(file: str, errors: list[Finding], what: str, command: str) -> str:
    """'FILE: N errors in the roster' + the first few + where to see them all."""
    n = sum(f.count for f in errors)
    if n == 1 and errors[0].file == file and not errors[0].row and not errors[0].place:
        return str(errors[0])  # one problem with the whole file: one line says it
    lines = [f"{file}: {n} error{'s' if n != 1 else ''} in the {what}"]
    hints: set[str] = set()
    for f in sorted(errors, key=_row_order)[:ERRORS_IN_MESSAGE]:
        if f.hint in hints:  # the same advice once is enough
            f = replace(f, hint=None)
        hints.add(f.hint or "")
        lines.append("  " + f.describe(file))
    if len(errors) > ERRORS_IN_MESSAGE:
        lines.append(f"  ... and {n - ERRORS_IN_MESSAGE} more")
    if n > 1:
        lines.append(f"run `{command}` for the full list")
    return "\n".join(lines)


def _row_order(f: Finding) -> tuple[int, int]:
    """Findings in the order of the file: header first, rows in order, file-wide last."""
    return (0, f.row) if f.row is not None else (1, 0)


def _read(p: Path, pset: ProfileSet, sheet: str | None, strict: bool) -> _Table:
    if p.is_dir():
        raise _fatal(p, "is a folder, not a roster file")
    if not p.exists():
        raise _fatal(p, "file not found")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p, pset, sheet, strict)
    if suffix == ".xls":
        raise _fatal(p, "old .xls workbooks are not supported", hint="save it as .xlsx or CSV")
    if sheet is not None:
        raise _fatal(p, "--sheet only applies to .xlsx workbooks")
    return _read_csv(p, pset, strict)


def _validate(table: _Table, pset: ProfileSet) -> Roster | None:
    """Every check on the data as read; findings go to ``table.ctx``."""
    ctx = table.ctx
    p = ctx.path
    df = table.df.rename(columns=table.mapping)
    ctx.headers = {canon: raw for raw, canon in table.mapping.items()}
    pos = np.arange(len(df))  # the record each row came from, as read
    canon = set(df.columns)
    comp_ids = pset.competency_ids
    if "employee_id" not in canon:
        ctx.add(
            "error",
            "no employee_id column (accepted headers: "
            + ", ".join(STANDARD_ALIASES["employee_id"][:3])
            + ")",
            row=ctx.base - 1,
            hint=_id_column_hint(table),
        )
        df = df.assign(employee_id=pd.Series("?", index=df.index, dtype="str"))
        no_ids = True
    else:
        no_ids = False

    layout = "long" if {"competency", "level"} <= canon else "wide"
    rows_skipped = 0
    if layout == "long":
        df, levels, pos = _long_to_wide(df, ctx, pset, pos, check_ids=not no_ids)
    else:
        for c in ("competency", "level"):
            if c in canon:
                ctx.add(
                    "warning",
                    f"column {c!r} ignored (a long layout needs both competency and level)",
                    column=c,
                )
        # empty rows (Excel exports, trailing separators, cells holding a space) are not people
        ids = _clean_text(df["employee_id"])
        blank = _blank_rows(df, ids)
        rows_skipped = int(blank.sum())
        if rows_skipped:
            df = df.loc[~blank].reset_index(drop=True)
            ids = ids[~blank].reset_index(drop=True)
            pos = pos[~blank]
        levels = _levels_matrix(df, ctx, comp_ids, pos)
        df = df.assign(employee_id=ids)

    # the ids are clean already (both layouts clean them to find blank rows and people)
    people = _standard_columns(df, ctx, pos, check_ids=not no_ids, clean_ids=False)
    if len(people) == 0 and not no_ids:
        ctx.add(
            "error",
            "the roster has a header but no people (no data rows)",
            row=ctx.base - 1,
        )
    present = set(df.columns)
    missing = [c for c in comp_ids if c not in present] if layout == "wide" else []
    if missing and len(missing) < len(comp_ids):
        ctx.add(
            "warning",
            (
                f"{len(missing)} competencies have no column and count as not assessed: "
                if len(missing) > 1
                else "1 competency has no column and counts as not assessed: "
            )
            + ", ".join(missing[:8])
            + (" ..." if len(missing) > 8 else ""),
        )
    elif layout == "wide" and len(missing) == len(comp_ids):
        ctx.add("warning", "no competency columns found: every level counts as not assessed")
    if any(f.severity == "error" for f in ctx.fl.findings):
        return None
    return Roster(
        source=str(p),
        people=people,
        levels=levels,
        competency_ids=comp_ids,
        findings=ctx.fl.findings,
        layout=layout,
        unknown_columns=table.unknown,
        missing_competencies=missing,
        rows_skipped=rows_skipped,
    )


def _blank_rows(df: pd.DataFrame, ids: pd.Series) -> np.ndarray:
    """Rows with nothing in them but spaces. Only rows without an id are looked at closely."""
    candidates = ids.isna().to_numpy()
    if not candidates.any():
        return candidates
    rest = df.loc[candidates].drop(columns="employee_id")
    empty = np.ones(int(candidates.sum()), dtype=bool)
    for c in rest.columns:
        col = rest[c]
        if pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_bool_dtype(col.dtype):
            empty &= col.isna().to_numpy()
        else:
            text = col.astype(object).where(col.notna(), None).astype("str").str.strip()
            empty &= (col.isna() | text.eq("")).to_numpy(dtype=bool, na_value=True)
    out = np.zeros(len(df), dtype=bool)
    out[np.flatnonzero(candidates)[empty]] = True
    return out


def _id_column_hint(table: _Table) -> str | None:
    """Where the employee id column probably is: a misspelt header, or a header further down."""
    ids = [normalise_header(a) for a in STANDARD_ALIASES["employee_id"]] + ["employeeid", "empid", "id"]
    for raw in table.header:
        if raw and suggest(normalise_header(raw), ids):
            return f"column {raw!r} looks like it: rename it to employee_id"
    header_row = table.ctx.base - 1
    for i, cells in enumerate(table.head_rows, start=1):
        if i != header_row and any(_is_id_header(c.strip()) for c in cells):
            return f"row {i} looks like the header: delete the rows above it"
    return "the first row must be the header, with one column named employee_id"


def _levels_matrix(
    df: pd.DataFrame, ctx: _Ctx, comp_ids: list[str], pos: np.ndarray
) -> np.ndarray:
    n = len(df)
    # column-major: each competency is one contiguous column, as the engine reads it
    levels = np.empty((n, len(comp_ids)), dtype=np.float32, order="F")
    columns = [df[cid] if cid in df.columns else None for cid in comp_ids]

    def fill(j: int) -> bool:
        """Fill column j straight from the fast reader's Arrow column (or with NaN when the
        roster has none); False when it needs the checks below."""
        raw = columns[j]
        if raw is None:
            levels[:, j] = np.nan
            return True
        if not is_arrow_float(raw):
            return False
        bounds = fill_float_column(levels[:, j], raw)
        return bounds is None or (bounds[0] >= 0 and bounds[1] <= 5)

    # the columns on all cores (copies release the GIL); the checks in column order
    done = map_threads(fill, range(len(comp_ids))) if n >= PARALLEL_ROWS else [fill(j) for j in range(len(comp_ids))]
    for j, cid in enumerate(comp_ids):
        if done[j]:
            continue
        raw = columns[j]
        if is_arrow_float(raw):  # filled from Arrow, with levels out of range
            arr = levels[:, j].astype(np.float64)
        else:
            values, bad = _to_number(raw)
            if bad.any():
                ctx.cells(cid, bad, raw, pos, "level is not a number", hint=LEVEL_HINT)
            arr = values.to_numpy(dtype=np.float64, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            out_of_range = (arr < 0) | (arr > 5)
        if out_of_range.any():
            ctx.cells(cid, out_of_range, raw, pos, "level out of range 0-5", hint=LEVEL_HINT)
            arr = np.where(out_of_range, np.nan, arr)
        levels[:, j] = arr
    return levels


PARALLEL_ROWS = 50_000  # below this, one thread fills the level matrix as quickly
LEVEL_HINT = "use a number from 0 (none) to 5 (expert); leave the cell blank if not assessed"


def _long_to_wide(
    df: pd.DataFrame, ctx: _Ctx, pset: ProfileSet, pos: np.ndarray, check_ids: bool = True
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    aliases = pset.header_aliases()
    comp_ids = pset.competency_ids
    keep = ~_blank_rows(df, _clean_text(df["employee_id"]))
    df = df.loc[keep].reset_index(drop=True)
    pos = pos[keep]
    names = _clean_text(df["competency"])
    # map each distinct competency name once, then spread back (no per-row Python)
    codes, uniques = pd.factorize(names)
    mapped = np.array(
        [aliases.get(normalise_header(u)) for u in uniques] + [None], dtype=object
    )
    key = pd.Series(mapped[codes], index=df.index, dtype=object)  # code -1 -> None
    unknown = names.notna() & key.isna()
    if unknown.any():
        bad_names = sorted(set(names[unknown]))
        for name in bad_names[:10]:
            first = int(np.flatnonzero((names == name).to_numpy(dtype=bool, na_value=False))[0])
            ctx.add(
                "warning",
                "unknown competency ignored",
                row=ctx.row(int(pos[first])),
                column="competency",
                value=_shown(name),
                hint=suggest(normalise_header(name), list(aliases)),
            )
        if len(bad_names) > 10:
            more = len(bad_names) - 10
            ctx.add("warning", f"{more} more unknown competencies", column="competency", count=more)
    values, bad = _to_number(df["level"])
    if bad.any():
        ctx.cells("level", bad, df["level"], pos, "level is not a number", hint=LEVEL_HINT)
    arr = values.to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        oor = (arr < 0) | (arr > 5)
    if oor.any():
        ctx.cells("level", oor, df["level"], pos, "level out of range 0-5", hint=LEVEL_HINT)
    ids = _clean_text(df["employee_id"])
    if check_ids and ids.isna().any():
        ctx.cells("employee_id", ids.isna(), df["employee_id"], pos, "employee_id is blank")
    pairs = pd.DataFrame({"employee_id": ids, "competency": key})
    dup = (pairs.notna().all(axis=1) & pairs.duplicated(keep="first")).to_numpy()
    if dup.any():
        ctx.cells(
            "competency",
            dup,
            df["competency"],
            pos,
            "the same person and competency appear on an earlier row too",
            hint="keep one level per person and competency",
        )
    # one row per person: standard columns from the first row of each person
    std = [c for c in STANDARD_COLUMNS if c in df.columns]
    first = (~ids.duplicated(keep="first") & ids.notna()).to_numpy()
    wide = df.loc[first, std].reset_index(drop=True)
    wide["employee_id"] = ids[first].to_numpy()
    person_index = pd.Index(wide["employee_id"])
    rows = person_index.get_indexer(ids)
    cols = pd.Index(comp_ids).get_indexer(key)
    ok = (rows >= 0) & (cols >= 0) & ~np.isnan(arr) & ~oor & ~dup
    levels = np.full((len(wide), len(comp_ids)), np.nan, dtype=np.float32, order="F")
    levels[rows[ok], cols[ok]] = arr[ok]
    return wide, levels, pos[first]


def _standard_columns(
    df: pd.DataFrame, ctx: _Ctx, pos: np.ndarray, check_ids: bool = True, clean_ids: bool = True
) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    ids = _clean_text(df["employee_id"]) if clean_ids else df["employee_id"]
    if check_ids:
        blank = ids.isna()
        if blank.any():
            ctx.cells(
                "employee_id", blank, df["employee_id"], pos, "employee_id is blank",
                hint="every person needs a unique id",
            )
        _duplicate_ids(ids, df["employee_id"], ctx, pos)
    out["employee_id"] = ids
    for c in ("name", "department", "site", "position"):
        out[c] = _clean_text(df[c]) if c in df.columns else pd.Series(pd.NA, index=df.index, dtype="str")
    if "tenure_years" in df.columns:
        tenure, bad = _to_number(df["tenure_years"])
        if bad.any():
            ctx.cells(
                "tenure_years", bad, df["tenure_years"], pos, "tenure_years is not a number",
                hint="years of service, e.g. 3 or 2.5; leave blank if unknown",
            )
        neg = (tenure < 0).to_numpy(dtype=bool, na_value=False)
        if neg.any():
            ctx.cells("tenure_years", neg, df["tenure_years"], pos, "tenure_years is negative")
        out["tenure_years"] = tenure
    else:
        out["tenure_years"] = np.nan
    if "employment_type" in df.columns:
        raw = _clean_text(df["employment_type"])
        # each distinct value is looked up once
        mapped, values = map_distinct(raw, lambda v: EMPLOYMENT_ALIASES.get(v.casefold(), v.casefold()))
        unknown_vals = [v for v in values if v not in ("internal", "external", "contractor")]
        if unknown_vals:
            ctx.add(
                "warning",
                "unknown employment_type value(s), they match no attribute requirement: "
                + ", ".join(map(repr, unknown_vals[:5])),
                column="employment_type",
                hint="use internal, external or contractor (内部 / 外部 / 外包)",
            )
        out["employment_type"] = mapped
    else:
        out["employment_type"] = pd.Series(pd.NA, index=df.index, dtype="str")
    return out.reset_index(drop=True)


def _duplicate_ids(ids: pd.Series, raw: pd.Series, ctx: _Ctx, pos: np.ndarray) -> None:
    """Every repeat of an id (not its first row), with the row where it first appears."""
    if not duplicated(ids).any():  # the usual case, answered by hashing the ids once
        return
    later = (ids.notna() & ids.duplicated(keep="first")).to_numpy()
    if not later.any():
        return
    firsts = np.flatnonzero((ids.notna() & ~ids.duplicated(keep="first")).to_numpy())
    first_of = pd.Index(ids.iloc[firsts].to_numpy())
    idx = np.flatnonzero(later)
    for i in idx[:CELLS_LISTED]:
        j = firsts[first_of.get_loc(ids.iloc[i])]
        ctx.add(
            "error",
            "duplicate employee_id",
            row=ctx.row(int(pos[i])),
            column="employee_id",
            value=_shown(raw.iloc[i]),
            hint=f"the same id is on row {ctx.row(int(pos[j]))}",
        )
    if len(idx) > CELLS_LISTED:
        more = len(idx) - CELLS_LISTED
        ctx.add("error", f"{more} more duplicate ids", column="employee_id", count=more)
