"""Roster: read a staff roster (CSV or .xlsx, wide or long layout) into one validated table.

The result is a :class:`Roster`: a DataFrame of the standard columns (``employee_id`` kept as
text), and a float32 matrix of competency levels (people x catalogue competencies, NaN = not
assessed). Headers may be competency ids, English or Chinese names; the standard columns accept
Chinese headers. Every problem becomes a :class:`~sscgap.errors.Finding`; errors raise a
:class:`~sscgap.errors.RosterError` listing them.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .arrowio import (
    clean_text,
    duplicated,
    fill_float_column,
    is_arrow_float,
    map_distinct,
    read_csv_typed,
)
from .errors import Finding, FindingList, RosterError
from .profiles import ProfileSet, normalise_header, suggest

STANDARD_COLUMNS = (
    "employee_id",
    "name",
    "department",
    "site",
    "position",
    "tenure_years",
    "employment_type",
)
TEXT_COLUMNS = ("employee_id", "name", "department", "site", "position", "employment_type")

# Chinese (and a few common English) headers for the standard columns.
STANDARD_ALIASES: dict[str, tuple[str, ...]] = {
    "employee_id": ("employee_id", "员工编号", "工号", "员工号", "员工id", "employee id", "emp_id"),
    "name": ("name", "姓名", "名字", "employee name"),
    "department": ("department", "部门", "dept"),
    "site": ("site", "地点", "工作地点", "城市", "location"),
    "position": ("position", "岗位", "职位", "title", "job title"),
    "tenure_years": ("tenure_years", "司龄", "司龄(年)", "司龄（年）", "tenure", "years of service"),
    "employment_type": ("employment_type", "用工类型", "雇佣类型", "employment type"),
}
LONG_ALIASES: dict[str, tuple[str, ...]] = {
    "competency": ("competency", "能力", "胜任力", "能力项", "skill"),
    "level": ("level", "等级", "级别", "水平", "能力等级"),
}
# Values of employment_type as they come out of Chinese HR systems.
EMPLOYMENT_ALIASES: dict[str, str] = {
    "internal": "internal",
    "employee": "internal",
    "permanent": "internal",
    "内部": "internal",
    "正式": "internal",
    "正式员工": "internal",
    "自有员工": "internal",
    "external": "external",
    "consultant": "external",
    "外部": "external",
    "顾问": "external",
    "外部顾问": "external",
    "contractor": "contractor",
    "outsourced": "contractor",
    "外包": "contractor",
    "劳务派遣": "contractor",
    "合同工": "contractor",
    "承包商": "contractor",
}
SNIFF_BYTES = 1 << 16


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
# Sniffing
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sniff:
    encoding: str
    sep: str
    header: list[str]


def _sniff(path: Path, head: bytes) -> _Sniff:
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as e:
            # a multi-byte character cut at the end of the sniffed block is fine
            if e.start < len(head) - 4:
                encoding = "gb18030"
    if b"\x00" in head and encoding not in ("utf-16",):
        raise RosterError(f"{path}: this is not a text roster (binary content); use CSV or .xlsx")
    try:
        text = head.decode(encoding, errors="strict" if encoding != "utf-8" else "ignore")
    except UnicodeDecodeError:
        raise RosterError(
            f"{path}: cannot decode the file (tried UTF-8 and GB18030); save it as UTF-8 CSV"
        ) from None
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    if not first.strip():
        raise RosterError(f"{path}: the file is empty (no header row)")
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    sep = max(counts, key=lambda k: counts[k]) if max(counts.values()) > 0 else ","
    header = next(csv.reader([first], delimiter=sep))
    return _Sniff(encoding, sep, [h.strip() for h in header])


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def _map_headers(
    header: list[str], pset: ProfileSet, path: Path
) -> tuple[dict[str, str], list[str], FindingList]:
    """Return {raw header -> canonical name}, the unknown headers, and findings."""
    fl = FindingList()
    std = {normalise_header(a): canon for canon, aliases in STANDARD_ALIASES.items() for a in aliases}
    longcols = {normalise_header(a): canon for canon, aliases in LONG_ALIASES.items() for a in aliases}
    comp = pset.header_aliases()
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(header):
        key = normalise_header(raw)
        canon = std.get(key) or comp.get(key) or longcols.get(key)
        if not raw:
            fl.add(Finding("warning", str(path), f"column {i + 1} has no header and is ignored", row=1))
            continue
        if canon is None:
            unknown.append(raw)
            continue
        if canon in seen:
            fl.add(
                Finding(
                    "error",
                    str(path),
                    f"columns {seen[canon]!r} and {raw!r} both mean {canon!r}",
                    row=1,
                    column=raw,
                )
            )
            continue
        seen[canon] = raw
        mapping[raw] = canon
    known_names = list(std) + list(comp)
    for raw in unknown:
        fl.add(
            Finding(
                "warning",
                str(path),
                "unknown column ignored (not a standard column or a competency in the catalogue)",
                row=1,
                column=raw,
                hint=suggest(normalise_header(raw), known_names),
            )
        )
    return mapping, unknown, fl


def _read_csv(path: Path, pset: ProfileSet) -> tuple[pd.DataFrame, dict[str, str], list[str], FindingList]:
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except IsADirectoryError:
        raise RosterError(f"{path}: is a folder, not a roster file") from None
    except FileNotFoundError:
        raise RosterError(f"{path}: file not found") from None
    except PermissionError:
        raise RosterError(f"{path}: permission denied") from None
    if not head.strip():
        raise RosterError(f"{path}: the file is empty (no header row)")
    sniff = _sniff(path, head)
    if len(set(sniff.header)) != len(sniff.header):
        dups = sorted({h for h in sniff.header if sniff.header.count(h) > 1})
        raise RosterError(f"{path}: row 1: duplicate column header(s): {', '.join(map(repr, dups))}")
    mapping, unknown, fl = _map_headers(sniff.header, pset, path)
    text_raw = [raw for raw, canon in mapping.items() if canon in TEXT_COLUMNS or canon == "competency"]
    dtype = dict.fromkeys(text_raw, "str")
    usecols = list(mapping)
    df = None
    if sniff.encoding in ("utf-8", "utf-8-sig", "gb18030"):
        # fast path: Arrow reads typed columns (levels as float32); anything it cannot read
        # strictly (ragged rows, odd quoting, a level that is not a number) goes to the C engine
        df = read_csv_typed(
            path, encoding=sniff.encoding, sep=sniff.sep, columns=usecols, types=_arrow_types(mapping)
        )
    if df is None:
        try:
            df = pd.read_csv(
                path,
                sep=sniff.sep,
                encoding=sniff.encoding,
                engine="c" if sniff.encoding != "utf-16" else "python",
                dtype=dtype,
                usecols=usecols,
                skip_blank_lines=True,
            )
        except UnicodeDecodeError as e:
            raise RosterError(
                f"{path}: cannot decode as {sniff.encoding} ({e.reason} at byte {e.start}); "
                "save the roster as UTF-8 or GB18030 CSV"
            ) from None
        except pd.errors.ParserError as e:
            raise RosterError(f"{path}: cannot parse the CSV: {_short(e)}") from None
        except (ValueError, OSError) as e:
            raise RosterError(f"{path}: cannot read the CSV: {_short(e)}") from None
    return df, mapping, unknown, fl


def _arrow_types(mapping: dict[str, str]) -> dict[str, Any]:
    """Arrow types of the roster columns for the fast reader (raw header -> type)."""
    import pyarrow as pa

    types: dict[str, Any] = {}
    for raw, canon in mapping.items():
        if canon in TEXT_COLUMNS or canon == "competency":
            types[raw] = pa.string()
        elif canon == "tenure_years":
            types[raw] = pa.float64()
        else:  # a competency level, or the level of the long layout
            types[raw] = pa.float32()
    return types


def _short(e: Exception) -> str:
    return str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__


def _read_xlsx(
    path: Path, pset: ProfileSet, sheet: str | None
) -> tuple[pd.DataFrame, dict[str, str], list[str], FindingList]:
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - a declared dependency
        raise RosterError("reading .xlsx needs openpyxl: pip install openpyxl") from None
    try:
        sheets = pd.read_excel(path, sheet_name=None if sheet is None else sheet, dtype=object, header=0)
    except FileNotFoundError:
        raise RosterError(f"{path}: file not found") from None
    except ValueError as e:
        raise RosterError(f"{path}: {_short(e)}") from None
    except Exception as e:  # zip errors, corrupt workbooks
        raise RosterError(f"{path}: cannot read the workbook: {_short(e)}") from None
    if isinstance(sheets, dict):
        # no --sheet: the first sheet that has data
        df = next((d for d in sheets.values() if not d.dropna(how="all").empty), next(iter(sheets.values())))
    else:
        df = sheets
    header = [str(c).strip() for c in df.columns]
    if len(set(header)) != len(header):
        raise RosterError(f"{path}: row 1: duplicate column headers")
    df.columns = header
    mapping, unknown, fl = _map_headers(header, pset, path)
    df = df[list(mapping)]
    for raw, canon in mapping.items():
        if canon in TEXT_COLUMNS or canon == "competency":
            col = df[raw]
            df[raw] = col.where(col.isna(), col.astype(str))
    return df, mapping, unknown, fl


# ---------------------------------------------------------------------------------------------
# Cleaning and validating
# ---------------------------------------------------------------------------------------------


def _clean_text(s: pd.Series) -> pd.Series:
    """NFKC-normalised, trimmed text; blank = NaN (whole-column Arrow compute, see arrowio)."""
    return clean_text(s)


def _to_number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from a column, accepting full-width digits and spaces; returns (values, bad mask)."""
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("float64"), pd.Series(False, index=s.index)
    text = _clean_text(s)
    values = pd.to_numeric(text, errors="coerce")
    bad = text.notna() & values.isna()
    return values.astype("float64"), bad


def _row_numbers(mask: np.ndarray, limit: int) -> list[int]:
    return (np.flatnonzero(mask)[:limit] + 2).tolist()


def _cell_findings(
    fl: FindingList,
    path: Path,
    column: str,
    mask: pd.Series,
    raw: pd.Series,
    message: str,
    severity: str = "error",
    limit: int = 20,
) -> None:
    idx = np.flatnonzero(mask.to_numpy())
    for i in idx[:limit]:
        value = raw.iloc[i]
        fl.add(
            Finding(
                severity,
                str(path),
                message,
                row=int(i) + 2,
                column=column,
                value=None if pd.isna(value) else str(value),
            )
        )
    if len(idx) > limit:
        fl.add(Finding(severity, str(path), f"{len(idx) - limit} more cells like this", column=column))


def load_roster(
    path: str | Path, pset: ProfileSet, *, sheet: str | None = None, strict: bool = False
) -> Roster:
    """Read and validate a roster file against a profile set."""
    p = Path(path)
    if p.is_dir():
        raise RosterError(f"{p}: is a folder, not a roster file")
    if not p.exists():
        raise RosterError(f"{p}: file not found")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        df, mapping, unknown, fl = _read_xlsx(p, pset, sheet)
    elif suffix == ".xls":
        raise RosterError(f"{p}: old .xls workbooks are not supported; save as .xlsx or CSV")
    else:
        if sheet is not None:
            raise RosterError(f"{p}: --sheet only applies to .xlsx workbooks")
        df, mapping, unknown, fl = _read_csv(p, pset)

    df = df.rename(columns=mapping)
    canon = set(df.columns)
    if "employee_id" not in canon:
        fl.add(
            Finding(
                "error",
                str(p),
                "no employee_id column (accepted headers: employee_id, 员工编号, 工号)",
                row=1,
            )
        )
        fl.raise_if_errors(RosterError, f"{p}: invalid roster")

    layout = "long" if {"competency", "level"} <= canon else "wide"
    comp_ids = pset.competency_ids
    if layout == "long":
        df, levels = _long_to_wide(df, p, pset, fl)
    else:
        for c in ("competency", "level"):
            if c in canon:
                fl.add(Finding("warning", str(p), f"column {c!r} ignored (no long layout without both competency and level)", column=c))
        # trailing empty rows (Excel exports, trailing separators)
        all_empty = _all_missing(df)
        skipped = int(all_empty.sum())
        if skipped:
            df = df.loc[~all_empty]
        df = df.reset_index(drop=True)
        levels = _levels_matrix(df, p, comp_ids, fl)
    if unknown and strict:
        for f in list(fl.findings):
            if f.severity == "warning" and f.message.startswith("unknown column"):
                fl.findings.remove(f)
                fl.add(Finding("error", f.file, f.message + " (--strict)", row=f.row, column=f.column, hint=f.hint))

    people = _standard_columns(df, p, fl)
    fl.raise_if_errors(RosterError, f"{p}: invalid roster")
    if len(people) == 0:
        raise RosterError(f"{p}: the roster has a header but no people")
    present = set(df.columns)
    missing = [c for c in comp_ids if c not in present] if layout == "wide" else []
    if missing and len(missing) < len(comp_ids):
        fl.add(
            Finding(
                "warning",
                str(p),
                f"{len(missing)} competencies have no column and count as not assessed: "
                + ", ".join(missing[:8])
                + (" ..." if len(missing) > 8 else ""),
            )
        )
    elif layout == "wide" and len(missing) == len(comp_ids):
        fl.add(Finding("warning", str(p), "no competency columns found: every level counts as not assessed"))
    return Roster(
        source=str(p),
        people=people,
        levels=levels,
        competency_ids=comp_ids,
        findings=fl.findings,
        layout=layout,
        unknown_columns=unknown,
        missing_competencies=missing,
        rows_skipped=0,
    )


def _all_missing(df: pd.DataFrame) -> np.ndarray:
    """Rows where every cell is missing, one column at a time (no frame-sized temporaries)."""
    empty = np.ones(len(df), dtype=bool)
    for c in df.columns:
        empty &= df[c].isna().to_numpy()
        if not empty.any():
            break
    return empty


def _levels_matrix(df: pd.DataFrame, path: Path, comp_ids: list[str], fl: FindingList) -> np.ndarray:
    n = len(df)
    # column-major: each competency is one contiguous column, as the engine reads it
    levels = np.empty((n, len(comp_ids)), dtype=np.float32, order="F")
    for j, cid in enumerate(comp_ids):
        if cid not in df.columns:
            levels[:, j] = np.nan
            continue
        raw = df[cid]
        if is_arrow_float(raw):  # the fast reader: an Arrow float column, null = blank
            bounds = fill_float_column(levels[:, j], raw)
            if bounds is None or (bounds[0] >= 0 and bounds[1] <= 5):
                continue
            arr = levels[:, j]
        else:
            values, bad = _to_number(raw)
            if bad.any():
                _cell_findings(fl, path, cid, bad, raw, "level is not a number (use 0-5, blank = not assessed)")
            arr = values.to_numpy(dtype=np.float64, na_value=np.nan)
        out_of_range = (arr < 0) | (arr > 5)
        if out_of_range.any():
            _cell_findings(fl, path, cid, pd.Series(out_of_range), raw, "level out of range 0-5")
        levels[:, j] = arr
    return levels


def _long_to_wide(
    df: pd.DataFrame, path: Path, pset: ProfileSet, fl: FindingList
) -> tuple[pd.DataFrame, np.ndarray]:
    aliases = pset.header_aliases()
    comp_ids = pset.competency_ids
    df = df.dropna(how="all").reset_index(drop=True)
    key = _clean_text(df["competency"]).map(lambda v: aliases.get(normalise_header(v)) if isinstance(v, str) else None)
    unknown = df["competency"].notna() & key.isna()
    if unknown.any():
        names = sorted(set(df.loc[unknown, "competency"].astype(str)))
        for name in names[:10]:
            fl.add(
                Finding(
                    "warning",
                    str(path),
                    "unknown competency ignored",
                    column="competency",
                    value=name,
                    hint=suggest(normalise_header(name), list(aliases)),
                )
            )
    values, bad = _to_number(df["level"])
    if bad.any():
        _cell_findings(fl, path, "level", bad, df["level"], "level is not a number (use 0-5)")
    arr = values.to_numpy(dtype=np.float64, na_value=np.nan)
    oor = (arr < 0) | (arr > 5)
    if oor.any():
        _cell_findings(fl, path, "level", pd.Series(oor), df["level"], "level out of range 0-5")
    ids = _clean_text(df["employee_id"])
    pairs = pd.DataFrame({"employee_id": ids, "competency": key})
    dup = pairs.notna().all(axis=1) & pairs.duplicated(keep="first")
    if dup.any():
        _cell_findings(
            fl, path, "competency", dup, df["competency"], "duplicate (employee_id, competency) pair"
        )
    # one row per person: standard columns from the first row of each person
    std = [c for c in STANDARD_COLUMNS if c in df.columns]
    first = ~ids.duplicated(keep="first") & ids.notna()
    wide = df.loc[first, std].reset_index(drop=True)
    wide["employee_id"] = ids[first].to_numpy()
    person_index = pd.Index(wide["employee_id"])
    rows = person_index.get_indexer(ids)
    cols = pd.Index(comp_ids).get_indexer(key)
    ok = (rows >= 0) & (cols >= 0) & ~np.isnan(arr) & ~dup.to_numpy()
    levels = np.full((len(wide), len(comp_ids)), np.nan, dtype=np.float32, order="F")
    levels[rows[ok], cols[ok]] = arr[ok]
    return wide, levels


def _standard_columns(df: pd.DataFrame, path: Path, fl: FindingList) -> pd.DataFrame:
    out = pd.DataFrame(index=df.index)
    ids = _clean_text(df["employee_id"])
    blank = ids.isna()
    if blank.any():
        _cell_findings(fl, path, "employee_id", blank, df["employee_id"], "employee_id is blank")
    dup = duplicated(ids)
    if dup.any():
        _cell_findings(fl, path, "employee_id", dup, df["employee_id"], "duplicate employee_id")
    out["employee_id"] = ids
    for c in ("name", "department", "site", "position"):
        out[c] = _clean_text(df[c]) if c in df.columns else pd.Series(pd.NA, index=df.index, dtype="str")
    if "tenure_years" in df.columns:
        tenure, bad = _to_number(df["tenure_years"])
        if bad.any():
            _cell_findings(fl, path, "tenure_years", bad, df["tenure_years"], "tenure_years is not a number")
        neg = tenure < 0
        if neg.any():
            _cell_findings(fl, path, "tenure_years", neg, df["tenure_years"], "tenure_years is negative")
        out["tenure_years"] = tenure
    else:
        out["tenure_years"] = np.nan
    if "employment_type" in df.columns:
        raw = _clean_text(df["employment_type"])
        # each distinct value is looked up once
        mapped, values = map_distinct(raw, lambda v: EMPLOYMENT_ALIASES.get(v.casefold(), v.casefold()))
        unknown_vals = [v for v in values if v not in ("internal", "external", "contractor")]
        if unknown_vals:
            fl.add(
                Finding(
                    "warning",
                    str(path),
                    "unknown employment_type value(s), they match no attribute requirement: "
                    + ", ".join(map(repr, unknown_vals[:5])),
                    column="employment_type",
                    hint="use internal, external or contractor (内部 / 外部 / 外包)",
                )
            )
        out["employment_type"] = mapped
    else:
        out["employment_type"] = pd.Series(pd.NA, index=df.index, dtype="str")
    return out.reset_index(drop=True)
