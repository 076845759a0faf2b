"""Mapping: read an HR system's export as it comes, through a small YAML file.

An HRIS export (Workday, SuccessFactors, Beisen/北森, an Excel sheet with a title block) has its
own headers, rating texts, hire dates, worker types and, in a long layout, a rating history with
raters. A **mapping file** says once per HRIS how to read it; this module holds its model
(:class:`Mapping`, loaded by :func:`load_mapping`) and pure functions over pandas DataFrames:

* :func:`apply_mapping` turns the export as read (``raw``, under its own headers) into the
  standard wide layout the roster reader understands, plus every column it did not use;
* :func:`parse_levels`, :func:`parse_dates` and :func:`match_headers` are the pieces, usable
  without a mapping file;
* :func:`check_readable` and :func:`matched_summary` make a roster that cannot be analysed loud;
* :func:`draft_mapping` writes the first draft of a mapping file from an export.

No I/O here besides loading the mapping file: the caller reads the export (with ``header_row``
and ``sheet``, and with pandas' default missing-value words switched off, so that a cell reading
``NA`` is reported instead of silently becoming "not assessed").
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .errors import Finding, FindingList, MappingError, RosterError

EMPLOYMENT_TYPES = ("internal", "external", "contractor")
STANDARD_FIELDS = (
    "employee_id",
    "name",
    "department",
    "site",
    "position",
    "tenure_years",
    "employment_type",
)
TEXT_FIELDS = ("employee_id", "name", "department", "site", "position", "employment_type")
DAYS_PER_YEAR = 365.25
EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # Excel's day 0 (with its 1900 leap-year quirk)


# ---------------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------------


def normalise_header(text: object) -> str:
    """The key a header is matched by: NFKC, case, spaces, ``-``, ``_``, ``/``, ``.`` ignored.

    So ``Employee ID``, ``employee_id``, ``EmployeeID`` and ``EMPLOYEE-ID`` are one header, and
    camelCase (``TeamManagement``) matches its spaced form (``Team Management``).
    """
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s\-_/.]+", "", t)


# Headers HR systems use for the standard fields, best first: when several headers of one export
# mean the same field, the earlier synonym wins and the others are kept as extra columns.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_id": (
        "employee_id", "employee id", "employee number", "employee no", "emp id", "emp no",
        "worker id", "personnel number", "person number", "person id", "staff id",
        "staff number", "associate id", "员工编号", "工号", "员工号", "员工id", "人员编号",
        "职工编号",
    ),
    "name": (
        "name", "employee name", "worker", "worker name", "full name", "legal name",
        "preferred name", "姓名", "名字", "员工姓名",
    ),
    "department": (
        "department", "dept", "department name", "cost center", "cost centre", "org unit",
        "organization", "organisation", "supervisory organization", "部门", "所属部门",
        "部门名称", "成本中心",
    ),
    "site": (
        "site", "location", "work location", "primary work location", "office", "city",
        "地点", "工作地点", "办公地点", "城市",
    ),
    "position": (
        "position", "business title", "job title", "title", "job profile", "job role", "job",
        "岗位", "职位", "职务", "岗位名称",
    ),
    "tenure_years": (
        "tenure_years", "tenure", "years of service", "years at company", "length of service",
        "service years", "司龄", "司龄(年)",
    ),
    "hire_date": (
        "hire date", "hire_date", "original hire date", "date of hire", "start date",
        "join date", "joining date", "date joined", "入职日期", "入职时间", "入司日期",
    ),
    "employment_type": (
        "employment_type", "employment type", "worker type", "worker category",
        "employee type", "employee category", "contract type", "用工类型", "员工类型",
        "雇佣类型", "用工性质",
    ),
}
LONG_SYNONYMS: dict[str, tuple[str, ...]] = {
    "competency": ("competency", "skill", "skill name", "competency name", "能力", "胜任力",
                   "能力项", "技能"),
    "level": ("level", "proficiency level", "proficiency", "skill level", "rating",
              "能力等级", "等级", "级别", "水平", "熟练度"),
    "date": ("assessment date", "rating date", "assessed on", "date", "评估日期", "评价日期"),
    "rater": ("rater", "rater type", "assessor type", "rating source", "评价人", "评价来源",
              "评估人类型"),
}
# Worker types as HR systems write them -> the three employment types of the profiles.
EMPLOYMENT_SYNONYMS: dict[str, str] = {
    normalise_header(k): v
    for v, keys in {
        "internal": ("internal", "employee", "regular", "permanent", "full time", "内部", "正式",
                     "正式员工", "自有员工"),
        "external": ("external", "consultant", "外部", "顾问", "外部顾问"),
        "contractor": ("contractor", "contingent worker", "contingent", "outsourced", "外包",
                       "劳务派遣", "合同工", "承包商"),
    }.items()
    for k in keys
}
RATER_SYNONYMS: dict[str, str] = {
    normalise_header(k): v
    for v, keys in {
        "self": ("self", "self assessment", "self-assessment", "employee", "自评", "本人"),
        "manager": ("manager", "line manager", "supervisor", "上级", "主管", "经理"),
    }.items()
    for k in keys
}
# Cells that say "no value" in words: errors, never silently "not assessed" (blank is).
NULL_WORDS = frozenset({"nan", "na", "n/a", "none", "null", "#n/a", "#na"})


def _synonym_keys(table: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for canon, names in table.items():
        for rank, name in enumerate(names):
            out.setdefault(normalise_header(name), (canon, rank))
    return out


_STANDARD_KEYS = _synonym_keys(HEADER_SYNONYMS)
_LONG_KEYS = _synonym_keys(LONG_SYNONYMS)


# ---------------------------------------------------------------------------------------------
# The catalogue, as far as reading a roster needs it
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueNames:
    """Competency ids (in catalogue order) with their names, and the 0-5 scale's labels."""

    names: dict[str, tuple[str, ...]]  # id -> (English name, Chinese name)
    scale_labels: dict[str, int] = field(default_factory=dict)  # a label (en or zh) -> level

    @classmethod
    def from_profiles(cls, pset: Any) -> CatalogueNames:
        """From a :class:`~sscgap.profiles.ProfileSet` (or its catalogue)."""
        cat = getattr(pset, "catalogue", pset)
        names = {c.id: (c.name.en, c.name.zh) for c in cat.competencies}
        labels = {}
        for s in cat.scale:
            labels[s.label.en] = s.level
            labels[s.label.zh] = s.level
        return cls(names, labels)

    @property
    def ids(self) -> list[str]:
        return list(self.names)

    def header_keys(self) -> dict[str, str]:
        """normalised header (id, English or Chinese name) -> competency id."""
        out: dict[str, str] = {}
        for cid, names in self.names.items():
            for n in (cid, *names):
                out.setdefault(normalise_header(n), cid)
        return out


# ---------------------------------------------------------------------------------------------
# The mapping file
# ---------------------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Header = Annotated[str, Field(min_length=1)]


class Columns(_Model):
    """Standard field -> the export's header."""

    employee_id: Header | None = None
    name: Header | None = None
    department: Header | None = None
    site: Header | None = None
    position: Header | None = None
    hire_date: Header | None = None
    employment_type: Header | None = None
    tenure_years: Header | None = None


class Constants(_Model):
    """A standard field the export lacks, the same for everyone."""

    name: str | None = None
    department: str | None = None
    site: str | None = None
    position: str | None = None
    employment_type: Literal["internal", "external", "contractor"] | None = None
    tenure_years: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None = None


Level = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]


class Values(_Model):
    """Texts of the export -> what they mean."""

    employment_type: dict[str, Literal["internal", "external", "contractor"]] = {}
    level: dict[str, Level | None] = {}  # a rating text -> level 0-5 (null: not assessed)

    @field_validator("employment_type", "level", mode="before")
    @classmethod
    def _text_keys(cls, v: Any) -> Any:
        # a key left empty (its entries commented out) is an empty map; YAML reads `3: 2` with
        # a number as key, and a rating text is matched as text
        if v is None:
            return {}
        return {str(k): x for k, x in v.items()} if isinstance(v, dict) else v


class Long(_Model):
    """The export has one row per rating."""

    employee_id: Header | None = None
    competency: Header
    level: Header
    date: Header | None = None
    rater: Header | None = None


class Raters(_Model):
    prefer: Annotated[list[str], Field(min_length=1)]

    @field_validator("prefer", mode="before")
    @classmethod
    def _as_text(cls, v: Any) -> Any:
        return [str(x) for x in v] if isinstance(v, list) else v


class Mapping(_Model):
    """How to read one HR system's export. Every key is optional."""

    header_row: Annotated[int, Field(ge=1)] | None = None  # 1-based; default: detected
    sheet: str | int | None = None
    columns: Columns = Columns()
    constants: Constants = Constants()
    competencies: dict[str, Header] = {}  # catalogue id -> header (wide) or value (long)
    values: Values = Values()
    long: Long | None = None
    raters: Raters | None = None
    as_of: date | None = None
    max_age_days: Annotated[int, Field(gt=0)] | None = None
    stale: Literal["ignore", "keep"] = "keep"

    _source: str = PrivateAttr(default="mapping")
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @field_validator("columns", "constants", "competencies", "values", mode="before")
    @classmethod
    def _empty(cls, v: Any) -> Any:
        return {} if v is None else v  # a key whose entries are all commented out

    @field_validator("as_of", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        if isinstance(v, str):
            parsed = _parse_date_text(v)
            if parsed is None:
                raise ValueError(f"not a date: {v!r} (write it as 2026-06-30)")
            return parsed.date()
        return v

    @property
    def source(self) -> str:
        return self._source

    def place(self, key_path: str) -> str:
        """``columns.name (line 5)``: where a key is in the mapping file."""
        line = self._lines.get(key_path)
        while line is None and "." in key_path:
            key_path_up = key_path.rsplit(".", 1)[0]
            line = self._lines.get(key_path_up)
            if line is not None:
                break
            key_path = key_path_up
        return f"{key_path} (line {line})" if line else key_path

    def error(self, key_path: str, message: str, hint: str | None = None) -> MappingError:
        f = Finding("error", self._source, message, place=self.place(key_path), hint=hint)
        return MappingError(str(f), [f])


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, with dates left as text: the model parses them and says where."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in _Loader.yaml_implicit_resolvers.items()
}


def _key_lines(node: yaml.Node | None, prefix: str, out: dict[str, int], path: str) -> None:
    """Every key path of a YAML mapping -> its line; a repeated key is an error."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[str, int] = {}
    for k, v in node.value:
        key = str(k.value)
        line = k.start_mark.line + 1
        if key in seen:
            f = Finding(
                "error", path, f"duplicate key {key!r} (first at line {seen[key]})",
                place=f"line {line}", hint="YAML would silently keep only the last one",
            )
            raise MappingError(str(f), [f])
        seen[key] = line
        full = f"{prefix}.{key}" if prefix else key
        out[full] = line
        _key_lines(v, full, out, path)


def load_mapping(path: str | Path) -> Mapping:
    """Read and check a mapping file (safe YAML); errors name the file, key and line."""
    p = Path(path)

    def fail(message: str, place: str | None = None, hint: str | None = None) -> MappingError:
        f = Finding("error", str(p), message, place=place, hint=hint)
        return MappingError(str(f), [f])

    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise fail("mapping file not found") from None
    except IsADirectoryError:
        raise fail("is a folder, not a mapping file") from None
    except UnicodeDecodeError:
        raise fail("not UTF-8 text", hint="save the mapping file as UTF-8") from None
    except OSError as e:
        raise fail(f"cannot read the mapping file ({e.strerror or e})") from None
    return parse_mapping(text, str(p))


def parse_mapping(text: str, source: str = "mapping") -> Mapping:
    """A mapping from its YAML text (``source`` names it in errors)."""

    def fail(message: str, place: str | None = None, hint: str | None = None) -> MappingError:
        f = Finding("error", source, message, place=place, hint=hint)
        return MappingError(str(f), [f])

    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        hint = None
        if "constructor" in str(e):
            hint = "a mapping file holds plain data only: remove the '!!' tag"
        elif "mapping values are not allowed" in str(e):
            hint = "a header that contains ': ' must be in quotes"
        raise fail(f"invalid YAML: {e.problem or e.context}", place, hint) from None
    except yaml.YAMLError as e:
        raise fail(f"invalid YAML: {e}") from None
    if data is None:
        raise fail("the mapping file is empty", hint="see docs/mapping.md for its keys")
    if not isinstance(data, dict):
        raise fail("expected 'key: value' lines at the top", place="line 1")
    lines: dict[str, int] = {}
    _key_lines(node, "", lines, source)
    try:
        m = Mapping.model_validate(data)
    except ValidationError as e:
        findings = []
        for err in e.errors():
            loc = [str(x) for x in err["loc"] if not str(x).startswith("function-")]
            key = ".".join(loc)
            line = lines.get(key)
            probe = key
            while line is None and "." in probe:
                probe = probe.rsplit(".", 1)[0]
                line = lines.get(probe)
            place = (key or "(top level)") + (f" (line {line})" if line else "")
            msg = err["msg"].removeprefix("Value error, ")
            hint = None
            value = err.get("input")
            if err["type"] == "extra_forbidden":
                msg = "unknown key"
                hint = _did_you_mean(loc[-1], _keys_at(loc[:-1]))
                value = None
            elif err["type"] == "missing":
                msg = "required key is missing"
                value = None
            elif loc[:2] == ["values", "level"]:
                hint = "a rating text maps onto a level from 0 to 5 (or null: not assessed)"
            elif "employment_type" in loc:
                hint = "use internal, external or contractor"
            shown = None if isinstance(value, dict | list) or value is None else str(value)
            findings.append(Finding("error", source, msg, place=place, value=shown, hint=hint))
        FindingList(findings).raise_if_errors(MappingError, f"{source}: invalid mapping file")
        raise AssertionError("unreachable") from None
    m._source = source
    m._lines = lines
    return m


def _keys_at(loc: list[str]) -> list[str]:
    model: Any = Mapping
    for part in loc:
        fld = model.model_fields.get(part) if isinstance(model, type) else None
        if fld is None:
            return []
        ann = fld.annotation
        inner = [a for a in getattr(ann, "__args__", (ann,)) if isinstance(a, type)]
        model = next((a for a in inner if issubclass(a, BaseModel)), None)
        if model is None:
            return []
    return list(model.model_fields)


def _did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else None


# ---------------------------------------------------------------------------------------------
# Cells: levels and dates
# ---------------------------------------------------------------------------------------------

_LEADING_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(?:\s*[-–—:.、)(]|\s|$)")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?")


def _text_key(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).strip()).casefold()


def _level_lookup(
    scale_labels: dict[str, int] | None, value_map: dict[str, float | None] | None
) -> tuple[dict[str, float], dict[str, float]]:
    """(the mapping's texts, the scale's labels), by normalised text."""
    user = {_text_key(t): (math.nan if lv is None else float(lv)) for t, lv in (value_map or {}).items()}
    labels = {_text_key(t): float(lv) for t, lv in (scale_labels or {}).items()}
    return user, labels


def _level_of(value: object, user: dict[str, float], labels: dict[str, float]) -> tuple[float, bool]:
    """(level, bad) of one distinct cell value; NaN and not bad = not assessed.

    The mapping's own texts first, then the missing-value words (bad: "None" is not read as the
    scale's level 0 unless the mapping says so), a leading number, the scale's labels."""
    if isinstance(value, bool):
        return math.nan, True
    if isinstance(value, int | float | np.integer | np.floating):
        v = float(value)
        if math.isnan(v):
            return math.nan, False
        return (v, False) if 0 <= v <= 5 else (math.nan, True)
    key = _text_key(str(value))
    if key == "":
        return math.nan, False
    if key in user:
        return user[key], False
    if key in NULL_WORDS:
        return math.nan, True
    m = _LEADING_NUMBER.match(key)
    if m:
        v = float(m.group(1))
        return (v, False) if 0 <= v <= 5 else (math.nan, True)
    if key in labels:
        return labels[key], False
    return math.nan, True


def parse_levels(
    series: pd.Series,
    scale_labels: dict[str, int] | None = None,
    value_map: dict[str, float | None] | None = None,
) -> tuple[pd.Series, np.ndarray]:
    """Levels 0-5 from ratings as exports write them; returns (levels, bad).

    ``levels`` is float64 (NaN = not assessed or bad), ``bad`` a bool array of the cells that
    are not a level: a number outside 0-5 (``5.00000001`` too), a text that is neither a leading
    number (``3 - Proficient``, ``4（精通）``), a scale label (``scale_labels``, English and
    Chinese) nor a text of ``value_map`` (``values.level``), and the words ``NaN``, ``NA``,
    ``None``, ``null``, ``#N/A``. A blank cell is not assessed, not bad. Each distinct value is
    looked at once.
    """
    dtype = series.dtype
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        arr = series.to_numpy(dtype=np.float64, na_value=np.nan)
        if any(_NUMBER.fullmatch(_text_key(k)) for k in value_map or {}):
            # the mapping gives numbers a meaning (a 1-4 scale: {"4": 5, ...})
            return _parse_by_values(series, scale_labels, value_map)
        with np.errstate(invalid="ignore"):
            bad = (arr < 0) | (arr > 5)
        if not bad.any() and dtype == np.float64:
            return series, bad  # the usual case: the column as read
        if bad.any():
            arr = np.where(bad, np.nan, arr)
        return pd.Series(arr, index=series.index, name=series.name, copy=False), bad
    return _parse_by_values(series, scale_labels, value_map)


def _parse_by_values(
    series: pd.Series,
    scale_labels: dict[str, int] | None,
    value_map: dict[str, float | None] | None,
) -> tuple[pd.Series, np.ndarray]:
    user, labels = _level_lookup(scale_labels, value_map)
    codes, uniques = _factorize(series)
    looked = [_level_of(_as_key(u, user), user, labels) for u in uniques]
    values = np.array([v for v, _ in looked] + [math.nan], dtype=np.float64)
    bads = np.array([b for _, b in looked] + [False], dtype=bool)
    return pd.Series(values[codes], index=series.index, name=series.name, copy=False), bads[codes]


def _as_key(u: object, user: dict[str, float]) -> object:
    """A number typed into a column a mapping gives texts for: 4.0 is looked up as '4'."""
    if user and isinstance(u, float | np.floating) and float(u).is_integer():
        text = str(int(u))
        return text if text in user else u
    if user and isinstance(u, int | np.integer) and str(u) in user:
        return str(u)
    return u


def _factorize(series: pd.Series) -> tuple[np.ndarray, Sequence[Any]]:
    """Codes (-1 = missing) and distinct values, cheaply for categoricals and Arrow text."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), list(series.cat.categories)
    if _is_text_dtype(series) and hasattr(series.array, "__arrow_array__"):
        import pyarrow as pa
        import pyarrow.compute as pc

        chunked = pa.chunked_array(series.array.__arrow_array__())
        encoded = pc.dictionary_encode(chunked).unify_dictionaries().combine_chunks()
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
        return codes, encoded.dictionary.to_pylist()
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, list(uniques)


_DATE_TEXT = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
)


def _parse_date_text(text: str) -> pd.Timestamp | None:
    m = _DATE_TEXT.match(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return None
    try:
        return pd.Timestamp(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _date_of(value: object) -> tuple[pd.Timestamp | None, bool]:
    if isinstance(value, pd.Timestamp | datetime):
        return pd.Timestamp(value).normalize().tz_localize(None), False
    if isinstance(value, date):
        return pd.Timestamp(value), False
    if isinstance(value, bool):
        return None, True
    if isinstance(value, int | float | np.integer | np.floating):
        v = float(value)
        if math.isnan(v):
            return None, False
        if 1 <= v < 2958466:  # an Excel date serial (up to 9999-12-31)
            return EXCEL_EPOCH + timedelta(days=math.floor(v)), False
        return None, True
    text = str(value).strip()
    if not text:
        return None, False
    ts = _parse_date_text(text)
    return (ts, False) if ts is not None else (None, True)


def parse_dates(series: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Dates as exports write them; returns (datetime64 days, bad).

    ISO (``2019-03-04``, with or without a time), ``2019/03/04``, ``2019.03.04``,
    ``2019年3月4日``, Excel date cells (datetimes) and Excel serial numbers. Blank = unknown;
    anything else is bad.
    """
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        out = series.dt.tz_localize(None) if getattr(series.dt, "tz", None) else series
        return out.dt.normalize().astype("datetime64[ns]"), np.zeros(len(series), dtype=bool)
    if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        arr = series.to_numpy(dtype=np.float64, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            bad = ~np.isnan(arr) & ((arr < 1) | (arr >= 2958466))
        days = np.where(bad, np.nan, np.floor(arr))
        out = EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
        return pd.Series(out, index=series.index, name=series.name), bad
    codes, stamps, bads = _date_codes(series)
    return pd.Series(stamps[codes], index=series.index, name=series.name), bads[codes]


def _date_codes(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(codes, date of each distinct value + NaT, bad of each + False) of a column of dates."""
    codes, uniques = _factorize(series)
    # the distinct values: ISO text at once, the rest (other spellings, date cells) one by one
    iso = pd.to_datetime(
        pd.Series(uniques, dtype=object).where(lambda u: u.map(lambda x: isinstance(x, str))),
        format="%Y-%m-%d", errors="coerce",
    )
    stamps = np.append(iso.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    bads = np.zeros(len(uniques) + 1, dtype=bool)
    for i in np.flatnonzero(np.isnat(stamps[:-1])):
        t, bads[i] = _date_of(uniques[i])
        if t is not None:
            stamps[i] = t.to_datetime64()
    return codes, stamps, bads


# ---------------------------------------------------------------------------------------------
# Matching the export's headers
# ---------------------------------------------------------------------------------------------


def match_headers(
    headers: Sequence[object], catalogue: CatalogueNames | None = None
) -> dict[str, str]:
    """{header -> standard field, ``hire_date`` or competency id} for the headers recognised.

    Headers are compared by :func:`normalise_header`; the standard fields by their HRIS
    synonyms (:data:`HEADER_SYNONYMS`). When several headers mean one field, the best synonym
    wins (``Department`` before ``Cost Center``); the rest stay unrecognised (extra columns).
    """
    comp = catalogue.header_keys() if catalogue is not None else {}
    best: dict[str, tuple[int, str]] = {}
    out: dict[str, str] = {}
    for h in headers:
        key = normalise_header(h)
        if key in _STANDARD_KEYS:
            canon, rank = _STANDARD_KEYS[key]
            if canon not in best or rank < best[canon][0]:
                best[canon] = (rank, str(h))
        elif key in comp and comp[key] not in best:
            best[comp[key]] = (0, str(h))
    for canon, (_, h) in best.items():
        out[h] = canon
    return out


def match_long_headers(headers: Sequence[object]) -> dict[str, str]:
    """{long role (competency, level, date, rater) -> header} recognised by synonym."""
    best: dict[str, tuple[int, str]] = {}
    for h in headers:
        hit = _LONG_KEYS.get(normalise_header(h))
        if hit and (hit[0] not in best or hit[1] < best[hit[0]][0]):
            best[hit[0]] = (hit[1], str(h))
    return {role: h for role, (_, h) in best.items()}


def guess_id_column(raw: pd.DataFrame, exclude: Iterable[str] = ()) -> str | None:
    """The column most likely to hold employee ids: an id-like header whose values are all
    present and unique (``EmployeeNumber``, not ``EmployeeCount`` which is always 1)."""
    skip = set(exclude)
    ranked: list[tuple[int, int, str]] = []
    for i, h in enumerate(raw.columns):
        if h in skip:
            continue
        key = normalise_header(h)
        score = 0
        if key in _STANDARD_KEYS and _STANDARD_KEYS[key][0] == "employee_id":
            score = 3
        elif re.search(r"(id|number|no|code|编号|工号|号)$", key):
            score = 2
        elif re.search(r"(employee|worker|staff|person|员工|人员)", key):
            score = 1
        if score == 0:
            continue
        col = raw[h]
        if len(col) == 0 or col.isna().any() or not col.is_unique:
            continue
        ranked.append((-score, i, str(h)))
    return min(ranked)[2] if ranked else None


def _find_header(
    name: str, raw_headers: list[str], mapping: Mapping, key_path: str
) -> str:
    """The export's header a mapping names: as written, else by its normalised form."""
    if name in raw_headers:
        return name
    key = normalise_header(name)
    hits = [h for h in raw_headers if normalise_header(h) == key]
    if len(hits) == 1:
        return hits[0]
    near = [h for h in raw_headers if normalise_header(h) and
            (normalise_header(h) in key or key in normalise_header(h))]
    guess = near[:1] or difflib.get_close_matches(name, raw_headers, n=1, cutoff=0.5)
    shown = ", ".join(repr(h) for h in raw_headers[:40])
    if len(raw_headers) > 40:
        shown += f", ... ({len(raw_headers)} in all)"
    hint = (f"did you mean {guess[0]!r}? " if guess else "") + f"the export's headers are: {shown}"
    if mapping.header_row is None:
        hint += "; if the headers are further down, set header_row"
    raise mapping.error(key_path, f"no column {name!r} in the export", hint=hint)


def read_options(mapping: Mapping | None, headers: Sequence[object] = (), *, excel: bool = False) -> dict[str, Any]:
    """Keyword arguments for ``pandas.read_csv`` / ``read_excel`` to read an export for
    :func:`apply_mapping`: the header row, the sheet, blank cells as missing but ``NA``,
    ``null``, ``#N/A`` kept as text (so they are reported), and the id columns as text (leading
    zeros survive). ``headers``: the export's header row, when known, to find the id column."""
    m = mapping if mapping is not None else Mapping()
    ids = [h for h in (m.columns.employee_id, m.long.employee_id if m.long else None) if h]
    ids += [str(h) for h in headers if _STANDARD_KEYS.get(normalise_header(h), ("",))[0] == "employee_id"]
    opts: dict[str, Any] = {
        "header": (m.header_row or 1) - 1,
        "keep_default_na": False,
        "na_values": [""],
        "dtype": dict.fromkeys(ids, str),
    }
    if excel:
        opts["sheet_name"] = m.sheet if m.sheet is not None else 0
    return opts


# ---------------------------------------------------------------------------------------------
# Applying a mapping
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchSummary:
    """How many of the catalogue's competencies the roster has."""

    found: list[str]
    missing: list[str]

    @property
    def total(self) -> int:
        return len(self.found) + len(self.missing)

    def __str__(self) -> str:
        text = f"matched {len(self.found)} of {self.total} competencies"
        if self.missing:
            text += "; missing: " + ", ".join(self.missing[:10])
            if len(self.missing) > 10:
                text += f", ... ({len(self.missing)} in all)"
        return text


def matched_summary(frame: pd.DataFrame | Iterable[str], catalogue_ids: Sequence[str]) -> MatchSummary:
    """``matched 27 of 30 competencies; missing: …`` from a standard frame's columns."""
    present = set(frame.columns if isinstance(frame, pd.DataFrame) else frame)
    return MatchSummary(
        [c for c in catalogue_ids if c in present], [c for c in catalogue_ids if c not in present]
    )


@dataclass(frozen=True)
class RatingQuality:
    """Data-quality numbers of a long export (history, raters, age)."""

    ratings: int  # ratings that count: one per person and competency
    superseded: int  # older ratings replaced by a later one of the same rater
    other_raters: int  # ratings of the same person and competency by a rater not preferred
    stale: int  # latest ratings older than max_age_days
    stale_ignored: bool  # stale ratings counted as not assessed (stale: ignore)
    max_age_days: int | None
    by_rater: dict[str, int] = field(default_factory=dict)  # ratings that count, per rater


@dataclass
class Mapped:
    """An export read through a mapping: the standard frame, and what was learnt on the way."""

    frame: pd.DataFrame  # standard columns, competency ids (float 0-5, NaN), then extra columns
    layout: str  # "wide" | "long"
    sources: dict[str, str]  # standard field / competency id -> the export's header
    extra_columns: list[str]  # the export's columns kept as they are
    matched: MatchSummary
    findings: list[Finding] = field(default_factory=list)  # warnings
    quality: RatingQuality | None = None
    rater_gaps: pd.DataFrame | None = None  # competency, people, manager_minus_self


class _Problems:
    """Findings about cells of the export; row numbers as the spreadsheet shows them."""

    def __init__(self, source: str, first_row: int, rows: np.ndarray | None = None):
        self.source = source
        self.first_row = first_row
        self.rows = rows  # positions in the original export, when rows were reordered
        self.fl = FindingList()

    def cells(self, column: str, bad: np.ndarray, values: pd.Series, message: str, hint: str) -> None:
        idx = np.flatnonzero(bad)
        for i in idx[:20]:
            pos = int(self.rows[i]) if self.rows is not None else int(i)
            v = values.iloc[i]
            self.fl.add(
                Finding("error", self.source, message, row=self.first_row + pos, column=column,
                        value=None if v is None else str(v)[:200], hint=hint)
            )
        if len(idx) > 20:
            self.fl.add(Finding("error", self.source, f"{len(idx) - 20} more cells like this",
                                column=column, count=len(idx) - 20))

    def warn(self, message: str, column: str | None = None, hint: str | None = None) -> None:
        self.fl.add(Finding("warning", self.source, message, column=column, hint=hint))

    def raise_if_errors(self) -> None:
        self.fl.raise_if_errors(RosterError, f"{self.source}: cannot read the export")


LEVEL_HINT = (
    "add the text under values.level in the mapping file (e.g. \"Needs Development\": 2, "
    "\"N/A\": null), or use a number 0-5; leave the cell blank if not assessed"
)


def apply_mapping(
    raw: pd.DataFrame,
    mapping: Mapping | None,
    catalogue: CatalogueNames,
    as_of: date | None = None,
    *,
    source: str = "roster",
    first_row: int | None = None,
) -> Mapped:
    """The export ``raw`` (as read, under its own headers) in the standard wide layout.

    ``as_of`` (the CLI's ``--as-of``) wins over the mapping's ``as_of``, which wins over today.
    ``first_row`` is the spreadsheet row of ``raw``'s first record (default: the row under
    ``header_row``), for findings. Errors raise :class:`MappingError` (the mapping does not fit:
    a header that is not there, an id that is not in the catalogue) or :class:`RosterError`
    (cells that cannot be read: a rating text, a date), naming row, column and value.
    """
    m = mapping if mapping is not None else Mapping()
    day = pd.Timestamp(as_of or m.as_of or date.today())
    raw = raw.rename(columns={c: str(c) for c in raw.columns if not isinstance(c, str)})
    headers = [str(c) for c in raw.columns]
    if first_row is None:
        first_row = (m.header_row or 1) + 1
    probs = _Problems(source, first_row)
    for cid in m.competencies:
        if cid not in catalogue.names:
            raise m.error(
                f"competencies.{cid}",
                f"{cid!r} is not a competency of the catalogue",
                hint=_did_you_mean(cid, catalogue.ids) or "the keys are catalogue ids",
            )
    explicit: dict[str, str] = {}  # field -> header, as the mapping names them
    for fld in Columns.model_fields:
        name = getattr(m.columns, fld)
        if name is not None:
            explicit[fld] = _find_header(name, headers, m, f"columns.{fld}")
    if "hire_date" in explicit and "tenure_years" in explicit:
        raise m.error("columns.tenure_years", "map either hire_date or tenure_years, not both")
    for fld in Constants.model_fields:
        if getattr(m.constants, fld) is not None and fld in explicit:
            raise m.error(
                f"constants.{fld}", f"{fld} is both a column (columns.{fld}) and a constant",
                hint="keep one of them",
            )
    if m.long is not None or _looks_long(headers, catalogue, m):
        return _apply_long(raw, m, catalogue, day, explicit, probs)
    return _apply_wide(raw, m, catalogue, day, explicit, probs)


def _looks_long(headers: list[str], catalogue: CatalogueNames, m: Mapping) -> bool:
    if m.competencies:
        return False
    roles = match_long_headers(headers)
    comp = catalogue.header_keys()
    return {"competency", "level"} <= set(roles) and not any(
        normalise_header(h) in comp for h in headers
    )


def _standard_sources(
    raw: pd.DataFrame, m: Mapping, catalogue: CatalogueNames, explicit: dict[str, str],
    taken: set[str],
) -> dict[str, str]:
    """field -> header: the mapping's columns, then recognised headers for the rest."""
    sources = dict(explicit)
    auto = match_headers([h for h in raw.columns if h not in taken and h not in explicit.values()])
    used = set(explicit.values())
    for h, canon in auto.items():
        if canon in sources or getattr(m.constants, canon, None) is not None:
            continue
        if canon == "tenure_years" and "hire_date" in explicit:
            continue
        if canon == "hire_date" and ("tenure_years" in sources or "tenure_years" in explicit):
            continue
        sources[canon] = h
        used.add(h)
    if "tenure_years" in sources and "hire_date" in sources and "hire_date" not in explicit:
        del sources["hire_date"]  # a tenure column as such is preferred to a computed one
    if "employee_id" not in sources:
        guess = guess_id_column(raw, exclude=used | taken)
        if guess is not None and normalise_header(guess) in _STANDARD_KEYS:
            sources["employee_id"] = guess
    return sources


def _no_id_error(raw: pd.DataFrame, m: Mapping, used: set[str]) -> MappingError:
    guess = guess_id_column(raw, exclude=used)
    hint = (
        f"column {guess!r} looks like it (its values are unique): set columns.employee_id: {guess!r}"
        if guess
        else "set columns.employee_id to the header of the employee id column"
    )
    shown = ", ".join(repr(str(h)) for h in list(raw.columns)[:30])
    return m.error("columns.employee_id", f"no employee id column among: {shown}", hint=hint)


def _is_text_dtype(series: pd.Series) -> bool:
    """A column of text as the CSV reader gives it (pandas' string dtypes, not object)."""
    return isinstance(series.dtype, pd.StringDtype) or (
        isinstance(series.dtype, pd.ArrowDtype) and "string" in str(series.dtype)
    )


def _ids(series: pd.Series) -> pd.Series:
    """Ids as text. Text columns pass as read (the roster's checks strip them and find blanks
    and repeats); 123.0 (a number through Excel) -> '123'."""
    if _is_text_dtype(series):
        return series
    if pd.api.types.is_float_dtype(series.dtype):
        arr = series.to_numpy(dtype=np.float64, na_value=np.nan)
        filled = ~np.isnan(arr)
        if (np.mod(arr[filled], 1) == 0).all():
            out = series.astype("Int64").astype("string")
            return out.astype(object).where(out.notna(), None).astype("str")
    if pd.api.types.is_integer_dtype(series.dtype):
        return series.astype("str")
    # mixed cells (a workbook): each distinct value once
    codes, uniques = _factorize(series)
    vals = np.array([_clean_id(u) for u in uniques] + [None], dtype=object)
    return pd.Series(vals[codes], index=series.index, dtype="str")


def _clean_id(u: object) -> str | None:
    if isinstance(u, float | np.floating) and float(u).is_integer():
        return str(int(u))
    text = str(u).strip()
    return text or None


_texts = _ids  # name, department, site, position: the same rules


def _employment(
    series: pd.Series, m: Mapping, probs: _Problems, header: str
) -> pd.Series:
    user = {_text_key(k): v for k, v in m.values.employment_type.items()}
    codes, uniques = _factorize(series)
    out: list[str | None] = []
    unknown: list[str] = []
    for u in uniques:
        text = str(u).strip()
        if not text:
            out.append(None)
            continue
        mapped = user.get(_text_key(text)) or EMPLOYMENT_SYNONYMS.get(normalise_header(text))
        if mapped is None:
            unknown.append(text)
            mapped = text.casefold()
        out.append(mapped)
    if unknown:
        probs.warn(
            "worker type(s) that match no employment type: " + ", ".join(map(repr, unknown[:8])),
            column=header,
            hint="map them under values.employment_type (internal, external or contractor)",
        )
    # one code per row into the distinct types: a categorical, built without touching the text
    types = list(dict.fromkeys(t for t in out if t is not None))
    remap = np.array([types.index(t) if t is not None else -1 for t in out] + [-1], dtype=np.int64)
    return pd.Series(pd.Categorical.from_codes(remap[codes], types), index=series.index, name="employment_type")


def _standard_frame(
    raw: pd.DataFrame, sources: dict[str, str], m: Mapping, day: pd.Timestamp, probs: _Problems
) -> dict[str, pd.Series]:
    """The standard columns, each from its source column or constant."""
    n = len(raw)
    idx = raw.index
    out: dict[str, pd.Series] = {"employee_id": _ids(raw[sources["employee_id"]])}
    for fld in ("name", "department", "site", "position"):
        const = getattr(m.constants, fld)
        if fld in sources:
            out[fld] = _texts(raw[sources[fld]])
        elif const is not None:
            out[fld] = pd.Series([const] * n, index=idx, dtype="str")
        else:
            out[fld] = pd.Series(pd.NA, index=idx, dtype="str")
    if "tenure_years" in sources:
        col = raw[sources["tenure_years"]]
        tenure = pd.to_numeric(col, errors="coerce")
        bad = (tenure.isna() & _filled(col)).to_numpy() | (tenure < 0).to_numpy(na_value=False)
        if bad.any():
            probs.cells(sources["tenure_years"], bad, col, "not a number of years (0 or more)",
                        "years of service, e.g. 3 or 2.5; leave blank if unknown")
        out["tenure_years"] = tenure.astype(np.float64).where(~bad)
    elif "hire_date" in sources:
        col = raw[sources["hire_date"]]
        days, bad = _days_since(col, day)
        with np.errstate(invalid="ignore"):
            future = days < 0
        if bad.any():
            probs.cells(sources["hire_date"], bad, col, "not a date",
                        "write dates as 2019-03-04 or 2019/03/04, or use Excel date cells")
        if future.any():
            probs.cells(sources["hire_date"], future, col, f"hire date after the as-of date {day.date()}",
                        "check the date, or set --as-of / as_of in the mapping")
        out["tenure_years"] = pd.Series(days / DAYS_PER_YEAR, index=idx)
    elif m.constants.tenure_years is not None:
        out["tenure_years"] = pd.Series(float(m.constants.tenure_years), index=idx)
    else:
        out["tenure_years"] = pd.Series(np.nan, index=idx)
    if "employment_type" in sources:
        out["employment_type"] = _employment(raw[sources["employment_type"]], m, probs,
                                             sources["employment_type"])
    elif m.constants.employment_type is not None:
        out["employment_type"] = pd.Series([m.constants.employment_type] * n, index=idx, dtype="str")
    else:
        out["employment_type"] = pd.Series(pd.NA, index=idx, dtype="str")
    return out


def _days_since(col: pd.Series, day: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """(whole days from each date of ``col`` to ``day``, NaN if unknown; bad dates)."""
    if pd.api.types.is_datetime64_any_dtype(col.dtype) or pd.api.types.is_numeric_dtype(col.dtype):
        hired, bad = parse_dates(col)
        days = (day - hired).dt.days.to_numpy(dtype=np.float64, na_value=np.nan)
        return np.where(bad, np.nan, days), bad
    codes, stamps, bads = _date_codes(col)  # the distinct dates, then one take
    per = (np.datetime64(day.to_datetime64(), "D") - stamps.astype("datetime64[D]")).astype(np.float64)
    per[np.isnat(stamps) | bads] = np.nan
    return per[codes], bads[codes]


def _filled(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col.dtype):
        return col.notna()
    return col.notna() & col.astype("str").str.strip().ne("")


def _apply_wide(
    raw: pd.DataFrame, m: Mapping, catalogue: CatalogueNames, day: pd.Timestamp,
    explicit: dict[str, str], probs: _Problems,
) -> Mapped:
    headers = [str(c) for c in raw.columns]
    comp_sources: dict[str, str] = {}
    for cid, name in m.competencies.items():
        comp_sources[cid] = _find_header(name, headers, m, f"competencies.{cid}")
    taken = set(explicit.values()) | set(comp_sources.values())
    comp_keys = catalogue.header_keys()
    for h in headers:
        if h in taken:
            continue
        cid = comp_keys.get(normalise_header(h))
        if cid is not None and cid not in comp_sources:
            comp_sources[cid] = h
            taken.add(h)
    sources = _standard_sources(raw, m, catalogue, explicit, set(comp_sources.values()))
    if "employee_id" not in sources:
        raise _no_id_error(raw, m, taken)
    # no blank rows (spaces only, Excel's formatted empty rows)
    keep = _non_blank_rows(raw, sources["employee_id"])
    if not keep.all():
        raw = raw.loc[keep]
        probs.rows = np.flatnonzero(keep)
    cols = _standard_frame(raw, sources, m, day, probs)
    labels = catalogue.scale_labels
    for cid in catalogue.ids:
        if cid not in comp_sources:
            continue
        h = comp_sources[cid]
        levels, bad = parse_levels(raw[h], labels, m.values.level)
        if bad.any():
            probs.cells(h, bad, raw[h], "not a level 0-5", LEVEL_HINT)
        cols[cid] = levels
    used = set(sources.values()) | set(comp_sources.values())
    extra = [h for h in headers if h not in used and h not in cols]
    for h in extra:
        cols[h] = raw[h]
    probs.raise_if_errors()
    frame = pd.DataFrame(cols, copy=False).reset_index(drop=True)
    src = {**sources, **comp_sources}
    return Mapped(
        frame=frame,
        layout="wide",
        sources=src,
        extra_columns=extra,
        matched=matched_summary(comp_sources, catalogue.ids),
        findings=probs.fl.warnings,
    )


def _non_blank_rows(raw: pd.DataFrame, id_header: str) -> np.ndarray:
    """Rows with something in them (Excel's formatted empty rows are not people); only the rows
    without an id are looked at."""
    keep = raw[id_header].notna().to_numpy().copy()
    if not keep.all():
        keep[~keep] = raw.loc[~keep].notna().any(axis=1).to_numpy()
    return keep


def _apply_long(
    raw: pd.DataFrame, m: Mapping, catalogue: CatalogueNames, day: pd.Timestamp,
    explicit: dict[str, str], probs: _Problems,
) -> Mapped:
    headers = [str(c) for c in raw.columns]
    roles: dict[str, str] = {}
    if m.long is not None:
        for role in ("employee_id", "competency", "level", "date", "rater"):
            name = getattr(m.long, role)
            if name is not None:
                roles[role] = _find_header(name, headers, m, f"long.{role}")
    else:
        roles = match_long_headers(headers)
    if "employee_id" in roles:
        explicit = {**explicit, "employee_id": roles.pop("employee_id")}
    taken = set(roles.values())
    sources = _standard_sources(raw, m, catalogue, explicit, taken)
    if "employee_id" not in sources:
        raise _no_id_error(raw, m, taken)
    if "rater" not in roles and m.raters is not None:
        raise m.error("raters.prefer", "raters.prefer needs the rater column (long.rater)")
    keep = _non_blank_rows(raw, sources["employee_id"])
    rows = np.flatnonzero(keep)
    raw = raw.loc[keep].reset_index(drop=True)
    probs.rows = rows
    n = len(raw)

    # competency values -> catalogue ids (each distinct value once)
    lookup = catalogue.header_keys()
    by_value = {normalise_header(v): cid for cid, v in m.competencies.items()}
    comp_col = raw[roles["competency"]]
    codes, uniques = _factorize(comp_col)
    ids = [by_value.get(normalise_header(u)) or lookup.get(normalise_header(u)) for u in uniques]
    unknown = [str(u) for u, cid in zip(uniques, ids, strict=True) if cid is None and str(u).strip()]
    if unknown:
        probs.warn(
            f"{len(unknown)} competency value(s) not in the catalogue, ignored: "
            + ", ".join(map(repr, unknown[:8])),
            column=roles["competency"],
            hint="map them under competencies (catalogue id: the export's value)",
        )
    comp_index = {cid: j for j, cid in enumerate(catalogue.ids)}
    comp_codes = np.array([comp_index[c] if c else -1 for c in ids] + [-1], dtype=np.int64)[codes]

    levels, bad = parse_levels(raw[roles["level"]], catalogue.scale_labels, m.values.level)
    if bad.any():
        probs.cells(roles["level"], bad, raw[roles["level"]], "not a level 0-5", LEVEL_HINT)
    person = _ids(raw[sources["employee_id"]])
    if _is_text_dtype(person):  # rows of one person are grouped: " 7" is "7"
        person = person.str.strip().replace("", None)
    if "date" in roles:
        when, bad_d = parse_dates(raw[roles["date"]])
        if bad_d.any():
            probs.cells(roles["date"], bad_d, raw[roles["date"]], "not a date",
                        "write dates as 2025-03-04 or 2025/03/04, or use Excel date cells")
    else:
        when = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    if "rater" in roles:
        rater = _raters(raw[roles["rater"]])
    else:
        rater = pd.Series("", index=raw.index, dtype=object)
    blank_id = person.isna().to_numpy()
    if blank_id.any():
        probs.cells(sources["employee_id"], blank_id, raw[sources["employee_id"]],
                    "employee id is blank", "every rating needs the id of the person rated")
    probs.raise_if_errors()

    r = pd.DataFrame({
        "person": person.to_numpy(), "comp": comp_codes, "level": levels.to_numpy(),
        "when": when.to_numpy(), "rater": rater.to_numpy(), "row": np.arange(n),
    })
    r = r[(r["comp"] >= 0) & r["level"].notna()]
    rated = len(r)
    key = ["person", "comp", "rater"]
    if "date" in roles:
        r = r.sort_values("when", kind="stable", na_position="first")
        latest = r.drop_duplicates(key, keep="last")
    else:
        dup = r.duplicated(key, keep="first")
        if dup.any():
            pos = r.loc[dup, "row"].to_numpy()
            mask = np.zeros(n, dtype=bool)
            mask[pos] = True
            probs.cells(roles["competency"], mask, comp_col,
                        "the same person and competency" + (" and rater" if "rater" in roles else "")
                        + " on an earlier row too",
                        "map the rating date (long.date) to take the latest, or keep one row")
            probs.raise_if_errors()
        latest = r
    superseded = rated - len(latest)
    stale = 0
    if m.max_age_days is not None and "date" in roles:
        age = (day - latest["when"]).dt.days
        old = (age > m.max_age_days).to_numpy(na_value=False)
        stale = int(old.sum())
        if m.stale == "ignore" and stale:
            latest = latest[~old]
    gaps = _rater_gaps(latest, catalogue.ids) if "rater" in roles else None
    other = 0
    chosen = latest
    if "rater" in roles:
        if m.raters is not None:
            prefer = [_rater_key(p) for p in m.raters.prefer]
            rank = {p: i for i, p in enumerate(prefer)}
            ranked = latest.assign(rank=latest["rater"].map(rank))
            listed = ranked[ranked["rank"].notna()]
            chosen = listed.sort_values("rank", kind="stable").drop_duplicates(
                ["person", "comp"], keep="first"
            )
            other = len(latest) - len(chosen)
        else:
            several = latest.duplicated(["person", "comp"], keep=False)
            if several.any():
                found = sorted(set(latest.loc[several, "rater"]) - {""})
                raise m.error(
                    "raters.prefer",
                    "several raters rated the same person and competency ("
                    + ", ".join(found[:6]) + ")",
                    hint="set raters.prefer in the mapping file, e.g. prefer: ["
                    + ", ".join(found[:3]) + "]",
                )
    quality = RatingQuality(
        ratings=len(chosen),
        superseded=superseded,
        other_raters=other,
        stale=stale,
        stale_ignored=m.stale == "ignore",
        max_age_days=m.max_age_days,
        by_rater={str(k): int(v) for k, v in chosen["rater"].value_counts().items() if k},
    )

    # one row per person, in order of first appearance; standard and extra columns from there
    first = ~person.duplicated(keep="first").to_numpy()
    people = raw.loc[first].reset_index(drop=True)
    probs.rows = rows[first]
    cols = _standard_frame(people, sources, m, day, probs)
    pid = pd.Index(cols["employee_id"])
    at = pid.get_indexer(chosen["person"])
    mat = np.full((len(people), len(catalogue.ids)), np.nan)
    mat[at, chosen["comp"].to_numpy()] = chosen["level"].to_numpy()
    seen_comp = sorted(set(comp_codes[comp_codes >= 0].tolist()))
    for j in seen_comp:
        cols[catalogue.ids[j]] = pd.Series(mat[:, j], index=people.index)
    used = set(sources.values()) | set(roles.values())
    extra = [h for h in headers if h not in used and h not in cols]
    for h in extra:
        cols[h] = people[h]
    probs.raise_if_errors()
    src = {**sources, **{f"long.{k}": v for k, v in roles.items()}}
    found = [catalogue.ids[j] for j in seen_comp]
    return Mapped(
        frame=pd.DataFrame(cols, copy=False),
        layout="long",
        sources=src,
        extra_columns=extra,
        matched=matched_summary(found, catalogue.ids),
        findings=probs.fl.warnings,
        quality=quality,
        rater_gaps=gaps,
    )


def _rater_key(text: object) -> str:
    key = normalise_header(text)
    return RATER_SYNONYMS.get(key, key)


def _raters(series: pd.Series) -> pd.Series:
    codes, uniques = _factorize(series)
    vals = np.array([_rater_key(u) if str(u).strip() else "" for u in uniques] + [""], dtype=object)
    return pd.Series(vals[codes], index=series.index, dtype=object)


def _rater_gaps(latest: pd.DataFrame, comp_ids: list[str]) -> pd.DataFrame | None:
    """Per competency: people rated by both themselves and their manager, and the mean of
    manager minus self, largest differences first. None without both kinds of rating."""
    both = latest[latest["rater"].isin(("self", "manager"))]
    if both.empty:
        return None
    wide = both.pivot_table(index=["person", "comp"], columns="rater", values="level", aggfunc="last")
    if not {"self", "manager"} <= set(wide.columns):
        return None
    diff = (wide["manager"] - wide["self"]).dropna()
    if diff.empty:
        return None
    g = diff.groupby(level="comp")
    out = pd.DataFrame({"people": g.size(), "manager_minus_self": g.mean()})
    out.index = [comp_ids[int(j)] for j in out.index]
    out = out.rename_axis("competency").reset_index()
    order = out["manager_minus_self"].abs().sort_values(ascending=False, kind="stable").index
    return out.loc[order].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Loud, never silently wrong
# ---------------------------------------------------------------------------------------------


def required_attributes(pset: Any) -> tuple[list[str], list[str]]:
    """(roles that need tenure, roles that need an employment type) of a profile set, by id."""
    tenure: list[str] = []
    employment: list[str] = []
    for a in pset.archetypes:
        for role in a.roles:
            if role.attributes.min_tenure_years is not None:
                tenure.append(role.id)
            if role.attributes.employment_types is not None:
                employment.append(role.id)
    return tenure, employment


def check_readable(
    frame: pd.DataFrame,
    catalogue_ids: Sequence[str],
    roles_need_tenure: Sequence[str] = (),
    roles_need_employment_type: Sequence[str] = (),
    *,
    source: str = "roster",
) -> MatchSummary:
    """Raise :class:`RosterError` when the roster cannot give a meaningful analysis.

    No competency of the catalogue is there, or none holds a single level; a role requires
    tenure or an employment type and no one has one (no column, no constant). Returns the
    match summary otherwise.
    """
    summary = matched_summary(frame, catalogue_ids)
    fl = FindingList()
    if not summary.found:
        fl.add(Finding(
            "error", source,
            f"no competency of the catalogue can be read (none of its {summary.total} ids or names "
            "is a column, or a competency value of a long export)",
            hint="map the export's headers under competencies in a mapping file "
            "(sscgap init --mapping EXPORT drafts one)",
        ))
    elif len(frame) and not frame[summary.found].notna().to_numpy().any():
        fl.add(Finding(
            "error", source,
            f"the {len(summary.found)} competency column(s) found hold no level at all",
            hint="every cell is blank: is it the right export, or are the ratings elsewhere?",
        ))
    for fld, roles, how in (
        ("tenure_years", roles_need_tenure,
         "map hire_date or tenure_years under columns, or set constants.tenure_years"),
        ("employment_type", roles_need_employment_type,
         "map employment_type under columns, or set constants.employment_type"),
    ):
        if roles and (fld not in frame.columns or not frame[fld].notna().any()):
            shown = ", ".join(list(roles)[:5]) + (" ..." if len(roles) > 5 else "")
            fl.add(Finding(
                "error", source,
                f"roles require {fld} ({shown}) but the roster has none",
                hint=how,
            ))
    fl.raise_if_errors(RosterError, f"{source}: the roster cannot be analysed")
    return summary


# ---------------------------------------------------------------------------------------------
# A first draft of a mapping file
# ---------------------------------------------------------------------------------------------


def _q(text: object) -> str:
    """A YAML scalar in double quotes."""
    s = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


def _guess_competency(
    header: str, catalogue: CatalogueNames, taken: Iterable[str] = ()
) -> str | None:
    """The competency a header or value most likely means: one whose name it contains (the
    longest), else the closest name."""
    key = normalise_header(header)
    skip = set(taken)
    best: tuple[float, str] | None = None
    for cid, names in catalogue.names.items():
        if cid in skip:
            continue
        for n in (cid, *names):
            nk = normalise_header(n)
            if not nk:
                continue
            if nk in key and len(nk) >= 2:
                score = 1.0 + len(nk) / 1000
            else:
                score = difflib.SequenceMatcher(None, key, nk).ratio()
            if score >= 0.75 and (best is None or score > best[0]):
                best = (score, cid)
    return best[1] if best else None


def draft_mapping(
    raw: pd.DataFrame,
    catalogue: CatalogueNames,
    *,
    export_name: str | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    as_of: date | None = None,
) -> str:
    """The YAML text of a first mapping file for an export (``sscgap init --mapping EXPORT``).

    Every header recognised is mapped; the best guess for the rest is a comment; the rating
    texts that are not levels yet and the worker types found are listed. It loads back through
    :func:`parse_mapping` as it is.
    """
    headers = [str(c) for c in raw.columns]
    lines = [
        f"# Mapping for {export_name or 'an HR export'}, drafted by sscgap init --mapping.",
        "# Check every line, uncomment the guesses that are right, then:",
        "#   sscgap analyze EXPORT --mapping THIS_FILE",
    ]
    if header_row is not None:
        lines.append(f"header_row: {int(header_row)}")
    if sheet is not None:
        lines.append(f"sheet: {_q(sheet)}" if isinstance(sheet, str) else f"sheet: {int(sheet)}")
    lines.append(f"as_of: {(as_of or date.today()).isoformat()}   # the date for hire dates and rating ages")
    matched = match_headers(headers, catalogue)
    long_roles = match_long_headers(headers)
    is_long = _looks_long(headers, catalogue, Mapping())
    std = {canon: h for h, canon in matched.items() if canon in Columns.model_fields}
    comp = {canon: h for h, canon in matched.items() if canon in catalogue.names}
    taken = set(std.values()) | set(comp.values()) | (set(long_roles.values()) if is_long else set())
    if "employee_id" not in std:
        guess = guess_id_column(raw, exclude=taken)
        if guess is not None:
            std["employee_id"] = guess
            taken.add(guess)
    lines.append("columns:")
    for fld in Columns.model_fields:
        if fld in std:
            lines.append(f"  {fld}: {_q(std[fld])}")
        elif {fld, "hire_date", "tenure_years"} == {"hire_date", "tenure_years"} and (
            "hire_date" in std or "tenure_years" in std
        ):
            continue  # tenure comes from one of them
        else:
            g = _guess_field(fld, [h for h in headers if h not in taken])
            lines.append(f"  # {fld}: {_q(g) if g else '?'}" + ("   # a guess" if g else ""))
    if "employment_type" not in std:
        lines.append("# constants:   # a field the export lacks, the same for everyone")
        lines.append("#   employment_type: internal")
    rating_cols: list[str] = []
    if is_long:
        lines.append("long:")
        for role in ("competency", "level", "date", "rater"):
            if role in long_roles:
                lines.append(f"  {role}: {_q(long_roles[role])}")
            elif role in ("competency", "level"):
                lines.append(f"  {role}: \"?\"   # the export's header for it")
            else:
                lines.append(f"  # {role}: ?   # optional")
        rating_cols = [long_roles["level"]] if "level" in long_roles else []
        values = raw[long_roles["competency"]].dropna().astype(str).str.strip().unique().tolist()
        keys = catalogue.header_keys()
        unknown = [v for v in values if v and normalise_header(v) not in keys]
        if unknown:
            lines.append("competencies:   # catalogue id: the export's competency value")
            for v in unknown[:60]:
                g = _guess_competency(v, catalogue)
                lines.append(f"  # {g or '?'}: {_q(v)}")
        if "rater" in long_roles:
            found = raw[long_roles["rater"]].dropna().astype(str).str.strip().unique().tolist()
            usual = {"manager": 0, "360": 1, "self": 2}  # who usually counts first
            found.sort(key=lambda r: usual.get(_rater_key(r), 1))
            lines.append("raters:   # rater types found: " + ", ".join(found[:10]))
            lines.append("  prefer: [" + ", ".join(_q(f) for f in found[:3]) + "]   # first present counts")
        lines.append("# max_age_days: 730   # ratings older than this are counted as stale")
        lines.append("# stale: keep         # or ignore: stale ratings count as not assessed")
    else:
        entries = [f"  {cid}: {_q(comp[cid])}" for cid in catalogue.ids if cid in comp]
        rating_cols += [comp[cid] for cid in catalogue.ids if cid in comp]
        guessed = dict(comp)
        for h in headers:
            if h in taken:
                continue
            g = _guess_competency(h, catalogue, guessed)
            if g is not None:
                entries.append(f"  # {g}: {_q(h)}   # a guess")
                rating_cols.append(h)
                taken.add(h)
                guessed[g] = h
        lines.append("competencies:   # catalogue id: the export's header")
        lines.extend(entries)
        missing = [c for c in catalogue.ids if c not in guessed]
        if missing:
            lines.append("  # not found: " + ", ".join(missing))
    lines.append("values:")
    worker: list[str] = []
    if "employment_type" in std:
        for v in raw[std["employment_type"]].dropna().astype(str).str.strip().unique()[:30]:
            if not v:
                continue
            known = EMPLOYMENT_SYNONYMS.get(normalise_header(v))
            worker.append(f"    {_q(v)}: {known}" if known else f"    # {_q(v)}: internal   # ?")
    lines.append("  employment_type:   # worker type found -> internal, external or contractor")
    lines.extend(worker)
    texts: list[str] = []
    for h in rating_cols:
        _, bad = parse_levels(raw[h], catalogue.scale_labels)
        if bad.any():
            for v in pd.unique(raw[h][bad].astype(str)):
                if v not in texts:
                    texts.append(v)
    lines.append("  level:   # rating text -> level 0-5 (null: not assessed)"
                 + ("; texts found that are not levels yet:" if texts else ""))
    for t in texts[:60]:
        g = _guess_level(t, catalogue.scale_labels)
        lines.append(f"    # {_q(t)}: ?" if g is None else f"    # {_q(t)}: {g}   # a guess")
    return "\n".join(lines) + "\n"


def _guess_level(text: str, scale_labels: dict[str, int]) -> int | None:
    """``hr_skill_level_advanced`` -> 4: the level whose label the text ends with or contains."""
    key = normalise_header(text)
    hits = sorted(
        ((len(normalise_header(lb)), lv) for lb, lv in scale_labels.items()
         if normalise_header(lb) and normalise_header(lb) in key),
        reverse=True,
    )
    return hits[0][1] if hits else None


def _guess_field(fld: str, headers: list[str]) -> str | None:
    names = [normalise_header(n) for n in HEADER_SYNONYMS[fld]]
    best: tuple[float, str] | None = None
    for h in headers:
        key = normalise_header(h)
        for n in names:
            score = difflib.SequenceMatcher(None, key, n).ratio()
            if score >= 0.7 and (best is None or score > best[0]):
                best = (score, h)
    return best[1] if best else None
