"""Applying a mapping: the export as read -> the standard wide layout, the rating history and
raters of a long export, and the checks that keep a roster from being silently wrong."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..errors import Finding, FindingList, MappingError, RosterError
from .cells import (
    LONG_DIFFERS_HINT,
    LONG_DIFFERS_MESSAGE,
    MONTH_ONLY_EXAMPLES,
    REPEATED_HEADER_LISTED,
    REPEATED_HEADER_MESSAGE,
    SECTION_HINT,
    SECTION_MESSAGE,
    _date_codes,
    _factorize,
    _is_text_dtype,
    _text_key,
    date_hint,
    differs_from_first,
    durations,
    footer_rows,
    group_subtotal_rows,
    join_names,
    note_rows,
    parse_dates,
    parse_levels,
    repeated_header_rows,
    section_rows,
    subtotal_rows,
    total_labels,
    total_line_message,
    total_lines_more,
)
from .headers import (
    _STANDARD_KEYS,
    EMPLOYMENT_SYNONYMS,
    JOINING_HINT,
    JOINING_KEYS,
    JOINING_MESSAGE,
    LEAVE_DATE_BAD,
    LEAVE_DATE_BAD_HINT,
    LEAVE_DATE_MESSAGE,
    LEFT_HINT,
    LEFT_MESSAGE,
    NAME_LEFT_MESSAGE,
    RATER_SYNONYMS,
    SECONDARY_HINT,
    SECONDARY_MESSAGE,
    CatalogueNames,
    bilingual_match,
    competency_value,
    guess_id_column,
    header_without_note,
    leave_date_header,
    left_by_date,
    left_by_id,
    left_by_name,
    left_rows,
    match_headers,
    match_long_headers,
    name_parts,
    name_parts_message,
    normalise_header,
    post_header,
    secondary_posts,
    status_header,
    tenure_unit,
)
from .model import Columns, Constants, Mapping, _did_you_mean

DAYS_PER_YEAR = 365.25
# the hint of a bad hire date on a row whose tenure is given: not read, so only a warning
UNUSED_HIRE_DATE = "not used, as the row's tenure_years is given; correct the date or leave the cell blank"
# The spreadsheet row of each row of an export as read (blank rows are not read), or a function
# that works them out when a finding needs them; None: the rows follow the header one by one.
RowNumbers = np.ndarray | Callable[[], np.ndarray | None] | None


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
    rows: np.ndarray | None = None  # the position in the export of each row (None: the same)
    left: pd.Series | None = None  # the status of each person who has left, by id


class _Problems:
    """Findings about cells of the export; row numbers as the spreadsheet shows them."""

    def __init__(self, source: str, first_row: int, numbers: RowNumbers = None):
        self.source = source
        self.first_row = first_row
        self.rows: np.ndarray | None = None  # positions in the export, when rows were dropped
        self._numbers = numbers  # the spreadsheet row of each row of the export
        self.fl = FindingList()

    def row(self, pos: int) -> int:
        """The spreadsheet row of the export's row ``pos``."""
        if callable(self._numbers):
            self._numbers = self._numbers()
        if self._numbers is not None and 0 <= pos < len(self._numbers):
            return int(self._numbers[pos])
        return self.first_row + pos

    def cells(
        self, column: str, bad: np.ndarray, values: pd.Series, message: str, hint: str, severity: str = "error"
    ) -> None:
        idx = np.flatnonzero(bad)
        for i in idx[:20]:
            pos = int(self.rows[i]) if self.rows is not None else int(i)
            v = values.iloc[i]
            self.fl.add(
                Finding(severity, self.source, message, row=self.row(pos), column=column,
                        value=None if v is None else str(v)[:200], hint=hint)
            )
        if len(idx) > 20:
            self.fl.add(Finding(severity, self.source, f"{len(idx) - 20} more cells like this",
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
    row_numbers: RowNumbers = None,
    plain_levels: Collection[str] = (),
) -> Mapped:
    """The export ``raw`` (as read, under its own headers) in the standard wide layout.

    ``as_of`` (the CLI's ``--as-of``) wins over the mapping's ``as_of``, which wins over today.
    ``first_row`` is the spreadsheet row of ``raw``'s first record (default: the row under
    ``header_row``), for findings; ``row_numbers`` the row of each record, where blank rows
    were not read. ``plain_levels``: headers of columns the reader read as numbers (taken as they
    are; the roster's checks test them as they copy them into the level matrix). Errors raise :class:`MappingError` (the mapping does not fit:
    a header that is not there, an id that is not in the catalogue) or :class:`RosterError`
    (cells that cannot be read: a rating text, a date), naming row, column and value.
    """
    m = mapping if mapping is not None else Mapping()
    day = pd.Timestamp(as_of or m.as_of or date.today())
    raw = raw.rename(columns={c: str(c) for c in raw.columns if not isinstance(c, str)})
    headers = [str(c) for c in raw.columns]
    if first_row is None:
        first_row = (m.header_row or 1) + 1
    probs = _Problems(source, first_row, row_numbers)
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
    for fld in Constants.model_fields:
        if getattr(m.constants, fld) is not None and fld in explicit:
            raise m.error(
                f"constants.{fld}", f"{fld} is both a column (columns.{fld}) and a constant",
                hint="keep one of them",
            )
    if m.long is not None or _looks_long(headers, catalogue, m):
        return _apply_long(raw, m, catalogue, day, explicit, probs)
    return _apply_wide(raw, m, catalogue, day, explicit, probs, set(plain_levels))


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
    """field -> header: the mapping's columns, then recognised headers for the rest. A mapping
    that maps hire_date or tenure_years says where tenure comes from: the other is not looked
    for; without either, both columns are read when the export has both (a tenure given wins,
    a blank one is counted from the hire date)."""
    sources = dict(explicit)
    auto = match_headers([h for h in raw.columns if h not in taken and h not in explicit.values()])
    used = set(explicit.values())
    tenure_mapped = "tenure_years" in explicit or "hire_date" in explicit
    for h, canon in auto.items():
        if canon in sources or getattr(m.constants, canon, None) is not None:
            continue
        if canon in ("tenure_years", "hire_date") and tenure_mapped:
            continue
        sources[canon] = h
        used.add(h)
    if "name" not in explicit and m.constants.name is None:  # a name in two columns: 姓 + 名
        parts = name_parts(h for h in raw.columns if h not in taken and h not in explicit.values())
        if parts is not None:
            sources.pop("name", None)  # 名字 beside 姓氏 is the given name
            sources["given_name"], sources["family_name"] = parts
            used.update(parts)
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
    # one take of the distinct types by the codes: Arrow text, as the CSV reader gives it
    import pyarrow as pa

    looked = pa.array([*out, None], type=pa.large_string())
    taken = looked.take(pa.array(np.where(codes < 0, len(out), codes)))
    return pd.Series(pd.array(taken, dtype="str"), index=series.index, name="employment_type", copy=False)


def _standard_frame(
    raw: pd.DataFrame, sources: dict[str, str], m: Mapping, day: pd.Timestamp, probs: _Problems
) -> dict[str, pd.Series]:
    """The standard columns, each from its source column or constant."""
    idx = raw.index
    out: dict[str, pd.Series] = {"employee_id": _ids(raw[sources["employee_id"]])}
    for fld in ("name", "department", "site", "position"):
        const = getattr(m.constants, fld)
        if fld == "name" and "given_name" in sources:  # no name column: its two parts joined
            given, family = sources["given_name"], sources["family_name"]
            out[fld] = join_names(_texts(raw[given]), _texts(raw[family]))
            probs.warn(name_parts_message(given, family))
        elif fld in sources:
            out[fld] = _texts(raw[sources[fld]])
        elif const is not None:
            out[fld] = _constant(const, idx)
        else:
            out[fld] = pd.Series(pd.NA, index=idx, dtype="str")
    if "tenure_years" in sources:
        col = raw[sources["tenure_years"]]
        numbers = col
        if not pd.api.types.is_numeric_dtype(col.dtype):  # 12,4 = 12.4, as the plain reader reads it
            numbers = col.astype("str").str.strip().str.replace(r"^([+-]?\d+),(\d{1,2})$", r"\1.\2", regex=True)
        tenure = pd.to_numeric(numbers, errors="coerce")
        per, unit = tenure_unit(sources["tenure_years"])
        if unit != "years":  # 司龄（月）, Tenure (months): never months read as years
            tenure = tenure.astype(np.float64) * per
            probs.warn(
                f"tenure_years read from {sources['tenure_years']!r} in {unit}: converted to years",
                column=sources["tenure_years"],
            )
        words = (tenure.isna() & _filled(col)).to_numpy()
        if words.any():  # a length of service in words: 5 year(s), 3 month(s); 12年5个月
            at = np.flatnonzero(words)
            years, read = durations(col.iloc[at])
            tenure = tenure.astype(np.float64)
            tenure.iloc[at[read]] = years[read]
        bad = (tenure.isna() & _filled(col)).to_numpy() | (tenure < 0).to_numpy(na_value=False)
        if bad.any():
            probs.cells(sources["tenure_years"], bad, col, "not a number of years (0 or more)",
                        "years of service, e.g. 3 or 2.5, or as 5 year(s), 3 month(s) or 12年5个月; "
                        "leave blank if unknown")
        out["tenure_years"] = tenure.astype(np.float64).where(~bad)
        if "hire_date" in sources:  # a blank tenure is counted from the hire date
            blank = (~_filled(col)).to_numpy(dtype=bool)
            counted = _tenure_from_hire_dates(raw[sources["hire_date"]], sources["hire_date"], m, day, probs, blank)
            filled = blank & ~np.isnan(counted)
            n = int(filled.sum())
            if n:
                probs.warn(tenure_counted(n), column=sources["tenure_years"])
                out["tenure_years"] = out["tenure_years"].mask(filled, pd.Series(counted, index=idx))
    elif "hire_date" in sources:
        counted = _tenure_from_hire_dates(raw[sources["hire_date"]], sources["hire_date"], m, day, probs)
        out["tenure_years"] = pd.Series(counted, index=idx)
    elif m.constants.tenure_years is not None:
        out["tenure_years"] = pd.Series(float(m.constants.tenure_years), index=idx)
    else:
        out["tenure_years"] = pd.Series(np.nan, index=idx)
    if "employment_type" in sources:
        out["employment_type"] = _employment(raw[sources["employment_type"]], m, probs,
                                             sources["employment_type"])
    elif m.constants.employment_type is not None:
        out["employment_type"] = _constant(m.constants.employment_type, idx)
    else:
        out["employment_type"] = pd.Series(pd.NA, index=idx, dtype="str")
    return out


def _tenure_from_hire_dates(
    col: pd.Series, header: str, m: Mapping, day: pd.Timestamp, probs: _Problems, used: np.ndarray | None = None
) -> np.ndarray:
    """Years from each hire date to ``day``; a date that cannot be read, or after ``day``, is an
    error on the rows in ``used`` (default: all) and a warning on the others (their tenure is
    given)."""
    t = hire_tenure(col, day, m.date_order, used)
    n = int((t.month_only & t.used).sum())
    if n:
        probs.warn(month_only_message(n), column=header)
    if t.bad.any():
        probs.cells(header, t.bad & t.used, col, "not a date", date_hint(col, t.bad & t.used, m.date_order))
        probs.cells(header, t.bad & ~t.used, col, "not a date", UNUSED_HIRE_DATE, severity="warning")
    if t.future.any():
        probs.cells(header, t.future & t.used, col, t.future_message,
                    "check the date, or set --as-of / as_of in the mapping")
        probs.cells(header, t.future & ~t.used, col, t.future_message, UNUSED_HIRE_DATE, severity="warning")
    return t.years


@dataclass(frozen=True)
class HireTenure:
    """Tenure counted from hire dates (:func:`hire_tenure`), and the cells each reader reports."""

    years: np.ndarray  # whole days from the hire date to the as-of date / 365.25; NaN: unknown
    bad: np.ndarray  # cells that are not a date
    future: np.ndarray  # dates after the as-of date (their years are NaN)
    used: np.ndarray  # the rows whose tenure is counted from the hire date (errors there)
    future_message: str
    month_only: np.ndarray  # dates that give the month only (2019年3月), read as its 1st


def hire_tenure(
    col: pd.Series, day: pd.Timestamp, order: str = "YMD", used: np.ndarray | None = None
) -> HireTenure:
    """Years from each hire date of ``col`` to ``day``, one rule for every reader (the roster's
    and a mapping's): whole days / 365.25; blank, not a date or after ``day``: NaN. ``used``:
    the rows whose tenure is counted from the hire date (default: all); on the others the
    tenure is given, so a bad date there is only worth a warning. Pure: the callers report."""
    days, bad, month = days_since(col, day, order)
    with np.errstate(invalid="ignore"):
        future = days < 0
    return HireTenure(
        years=np.where(future, np.nan, days) / DAYS_PER_YEAR,
        bad=bad,
        future=future,
        used=np.ones(len(col), dtype=bool) if used is None else used,
        future_message=f"hire date after the as-of date {day.date()}",
        month_only=month,
    )


def month_only_message(n: int) -> str:
    """The warning for hire dates that give the month only, read as the 1st of the month."""
    return (
        f"{n} hire date{' gives' if n == 1 else 's give'} the month only ({MONTH_ONLY_EXAMPLES}): "
        "read as the 1st of the month"
    )


RATING_MONTH_HINT = (
    "the latest rating of a rater, and a rating's age (max_age_days), count from that day; "
    "a rating of the same month that gives its day counts as the later one"
)


def rating_month_only_message(n: int) -> str:
    """The warning for rating dates that give the month only (``2025-03``), read as its 1st."""
    return (
        f"{n} rating date{' gives' if n == 1 else 's give'} the month only ({MONTH_ONLY_EXAMPLES}): "
        "read as the 1st of the month"
    )


def _rating_dates(col: pd.Series, order: str) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """(dates, bad, month only) of a long export's rating dates: :func:`parse_dates`, and which
    dates give the month only (text only: a date cell or serial always has its day)."""
    if pd.api.types.is_datetime64_any_dtype(col.dtype) or pd.api.types.is_numeric_dtype(col.dtype):
        when, bad = parse_dates(col, order)
        return when, bad, np.zeros(len(col), dtype=bool)
    codes, stamps, bads, months = _date_codes(col, order)  # the distinct dates, then one take
    return pd.Series(stamps[codes], index=col.index, name=col.name), bads[codes], months[codes]


def tenure_counted(n: int) -> str:
    """The warning when blank tenure cells were counted from the hire date."""
    return f"tenure_years is blank for {n} {'person' if n == 1 else 'people'}: counted from the hire_date"


def _constant(text: str, index: pd.Index) -> pd.Series:
    """The same text for everyone, as Arrow text (one value repeated, no Python list)."""
    import pyarrow as pa

    one = pa.array([text], type=pa.large_string())
    return pd.Series(pd.array(one.take(np.zeros(len(index), dtype=np.int64)), dtype="str"), index=index)


def days_since(
    col: pd.Series, day: pd.Timestamp, order: str = "YMD"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(whole days from each date of ``col`` to ``day``, NaN if unknown; bad dates; dates that
    give the month only, read as its 1st). ``order``: the mapping's ``date_order``."""
    if pd.api.types.is_datetime64_any_dtype(col.dtype) or pd.api.types.is_numeric_dtype(col.dtype):
        hired, bad = parse_dates(col, order)
        days = (day - hired).dt.days.to_numpy(dtype=np.float64, na_value=np.nan)
        return np.where(bad, np.nan, days), bad, np.zeros(len(col), dtype=bool)
    codes, stamps, bads, months = _date_codes(col, order)  # the distinct dates, then one take
    per = (day.to_datetime64().astype("datetime64[D]") - stamps.astype("datetime64[D]")).astype(np.float64)
    per[np.isnat(stamps) | bads] = np.nan
    return per[codes], bads[codes], months[codes]


def _filled(col: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(col.dtype):
        return col.notna()
    return col.notna() & col.astype("str").str.strip().ne("")


def _apply_wide(
    raw: pd.DataFrame, m: Mapping, catalogue: CatalogueNames, day: pd.Timestamp,
    explicit: dict[str, str], probs: _Problems, plain: set[str],
) -> Mapped:
    headers = [str(c) for c in raw.columns]
    comp_sources: dict[str, str] = {}
    for cid, name in m.competencies.items():
        comp_sources[cid] = _find_header(name, headers, m, f"competencies.{cid}")
    taken = set(explicit.values()) | set(comp_sources.values())
    _auto_competencies(headers, catalogue, comp_sources, taken)
    sources = _standard_sources(raw, m, catalogue, explicit, set(comp_sources.values()))
    if "employee_id" not in sources:
        raise _no_id_error(raw, m, taken)
    # no blank rows (spaces only, Excel's formatted empty rows)
    keep = _non_blank_rows(raw, sources["employee_id"]) & ~_repeated_headers(raw, sources["employee_id"], probs)
    keep &= ~_footer_rows(raw, sources["employee_id"], keep, probs, sources.get("name"), groups=_group_headers(sources))
    keep &= ~_sections(raw, sources["employee_id"], keep, probs)
    left, left_ids = _left_rows(raw, keep, probs, set(sources.values()) | taken, sources["employee_id"], day)
    named_left, named_ids = _left_by_name(raw, keep & ~left, probs, sources)
    left |= named_left
    left_ids = named_ids if left_ids is None else left_ids if named_ids is None else pd.concat([left_ids, named_ids])
    keep &= ~left
    keep &= ~_second_posts(raw, keep, probs, set(sources.values()) | taken, sources["employee_id"])
    if not keep.all():
        raw = raw.loc[keep]
        probs.rows = np.flatnonzero(keep)
    cols = _standard_frame(raw, sources, m, day, probs)
    labels = catalogue.scale_labels
    for cid in catalogue.ids:
        if cid not in comp_sources:
            continue
        h = comp_sources[cid]
        if h in plain and not m.values.level:
            cols[cid] = raw[h]  # numbers 0-5 as read: nothing to look up
            continue
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
        rows=probs.rows,
        left=left_ids,
    )


def _auto_competencies(
    headers: list[str], catalogue: CatalogueNames, comp_sources: dict[str, str], taken: set[str]
) -> None:
    """Add the headers that name a competency of the catalogue (id, English or Chinese name)."""
    comp_keys = catalogue.header_keys()
    # as written, then without a note in brackets (``Leadership (1-5)``), then bilingual
    # (``领导力 Leadership``: both names agreeing), then after a code (``C01 领导力``)
    for how in ("written", "noted", "bilingual", "coded"):
        for h in headers:
            if h in taken:
                continue
            if how == "coded":  # a code in front of the name: C01 领导力, 1. Leadership
                found = competency_value(h, comp_keys.get)
            elif how == "bilingual":
                found = bilingual_match(h, comp_keys.get)
            else:
                key = header_without_note(h) if how == "noted" else normalise_header(h)
                found = comp_keys.get(key) if key is not None else None
            if found is not None and found not in comp_sources:
                comp_sources[found] = h
                taken.add(h)


def number_headers(
    headers: list[str], mapping: Mapping | None, catalogue: CatalogueNames
) -> tuple[set[str], set[str]]:
    """(the headers :func:`apply_mapping` reads as levels, the one it reads as years of
    service), so that a reader can read these columns as numbers at once. Lenient: a header
    the mapping names that the export lacks is left for :func:`apply_mapping` to report."""
    m = mapping if mapping is not None else Mapping()

    def find(name: str | None) -> str | None:
        if name is None:
            return None
        try:
            return _find_header(name, headers, m, "")
        except MappingError:
            return None

    explicit = {f: h for f in Columns.model_fields if (h := find(getattr(m.columns, f))) is not None}
    levels: set[str] = set()
    if m.long is not None or _looks_long(headers, catalogue, m):
        if m.long is not None:
            roles = {r: h for r in ("employee_id", "competency", "level", "date", "rater")
                     if (h := find(getattr(m.long, r))) is not None}
        else:
            roles = match_long_headers(headers)
        if "employee_id" in roles:
            explicit["employee_id"] = roles.pop("employee_id")
        levels = {roles["level"]} if "level" in roles else set()
        taken = set(roles.values())
    else:
        comp = {cid: h for cid, name in m.competencies.items() if (h := find(name)) is not None}
        taken = set(explicit.values()) | set(comp.values())
        _auto_competencies(headers, catalogue, comp, taken)
        levels = set(comp.values())
        taken = set(comp.values())
    sources = _standard_sources(pd.DataFrame(columns=headers), m, catalogue, explicit, taken)
    years = {sources["tenure_years"]} if "tenure_years" in sources else set()
    return levels, years - levels


FOOTER_WINDOW = 50  # the bottom rows looked at for a totals label


def _footer_rows(
    raw: pd.DataFrame, id_header: str, keep: np.ndarray, probs: _Problems, name_header: str | None = None,
    *, only_id: bool = True, groups: Sequence[str] = (),
) -> np.ndarray:
    """The total lines of the export, skipped with a warning each so that they never silently
    count as people:

    * under the table: the last rows that hold nothing but a cell in the id column
      (``Total: 260``, ``合计：200人``), or whose id or name cell is a totals label with sums or
      means beside it (``合计``, ``60人``, 3.1, ...; a count of ids under the id column); only
      the bottom rows are looked at for a label (``only_id`` false: a label only, as in a long
      export, where a row of nothing but an id is a person without ratings);
    * anywhere: the subtotal lines between groups (``小计``, ``财务部 小计``, ``Finance
      Subtotal`` in the id cell, or in the name cell beside a blank id), see
      :func:`~sscgap.mapping.cells.subtotal_rows`; and Excel's Subtotal lines, the label in a
      group's column (``groups``: the department, site and position headers) beside a blank
      name, see :func:`~sscgap.mapping.cells.group_subtotal_rows`;
    * a note under the table: the last rows holding one cell of text not shaped like an id, in
      any column (:func:`~sscgap.mapping.cells.note_rows`)."""
    n = len(raw)
    if raw.shape[1] < 2 or n < 2:
        return np.zeros(n, dtype=bool)
    named = name_header is not None and name_header != id_header
    inside_id, inside_name = subtotal_rows(raw[id_header], raw[name_header] if named else None)
    # Excel's Subtotal: the label in a group's column (department, site, position), no name
    group_headers = [h for h in groups if h not in (id_header, name_header)]
    by_group, which = group_subtotal_rows(n, raw[name_header] if named else None, [raw[h] for h in group_headers])
    inside = (inside_id | inside_name | by_group) & keep
    others = raw.drop(columns=[id_header]).notna().any(axis=1).to_numpy() if only_id else np.ones(n, bool)
    start = max(0, n - FOOTER_WINDOW)
    by_id = np.zeros(n, dtype=bool)
    by_id[start:] = total_labels(raw[id_header].iloc[start:])
    by_name = np.zeros(n, dtype=bool)
    if named:
        by_name[start:] = total_labels(raw[name_header].iloc[start:], alone=True)
    # a note under the table in another column than the id's (``Source: Workday``)
    note = np.zeros(n, dtype=bool)
    notes, note_in, signs = note_rows(raw.iloc[start:], (by_id | by_name | ~others)[start:])
    note[start:] = notes & (raw[id_header].iloc[start:].isna().to_numpy() | signs)
    signed = np.zeros(n, dtype=bool)
    signed[start:] = signs
    # a wide export's last rows without an id and a name: 合计 in a 序号 column, sums beside it
    nobody = np.zeros(n, dtype=bool)
    if only_id:
        nobody[start:] = raw[id_header].iloc[start:].isna().to_numpy() & others[start:]
        if named:
            nobody[start:] &= raw[name_header].iloc[start:].isna().to_numpy()
    footer = footer_rows(by_id | by_name | note | nobody, others, keep)
    if footer[keep].all():  # a table of nobody: the blank ids are errors, as before
        footer = footer_rows(by_id | by_name | note, others, keep)
    skipped = footer | inside
    listed = np.flatnonzero(skipped)
    for pos in listed[:5]:
        column, what = id_header, "only_id"
        if by_id[pos] or inside_id[pos]:
            what = "id"
        elif (by_name[pos] or inside_name[pos]) and name_header is not None:
            column, what = name_header, "name"
        elif note[pos] and footer[pos]:
            column, what = note_in[pos - start] or id_header, "signed" if signed[pos] else "note"
        elif by_group[pos]:
            column, what = group_headers[int(which[pos])], "group"
        elif nobody[pos] and footer[pos]:
            filled = raw.iloc[int(pos)].dropna()
            column, what = (str(filled.index[0]) if len(filled) else id_header), "anonymous"
        probs.fl.add(Finding(
            "warning", probs.source, total_line_message(what, under=bool(footer[pos])),
            row=probs.row(int(pos)), column=column, value=str(raw[column].iloc[int(pos)])[:200],
        ))  # fmt: skip
    if len(listed) > 5:
        more = len(listed) - 5
        probs.fl.add(Finding("warning", probs.source, total_lines_more(more), count=more))
    return skipped


def _left_rows(
    raw: pd.DataFrame, keep: np.ndarray, probs: _Problems, used: Collection[str], id_header: str,
    day: pd.Timestamp | None = None,
) -> tuple[np.ndarray, pd.Series | None]:
    """The rows of people who have left, by the export's status column (``Employee Status``,
    员工状态: ``Terminated``, 离职; :func:`~sscgap.mapping.headers.left_rows`), each a warning;
    the export's other columns (``used``: those the mapping reads) only. Also {id: status} of
    those people, so that a question about one of them is answered."""
    header = status_header(h for h in raw.columns if h not in used and list(raw.columns).count(h) == 1)
    if header is None:
        return _left_on_date(raw, keep, probs, used, id_header, day)
    left = left_rows(raw[header]) & keep
    joining = left_rows(raw[header], JOINING_KEYS) & keep
    if not (left.any() or joining.any()):
        return left, None
    if joining.any():
        probs.cells(header, joining, raw[header], JOINING_MESSAGE, JOINING_HINT, severity="warning")
    if left.any():
        probs.cells(header, left, raw[header], LEFT_MESSAGE, LEFT_HINT, severity="warning")
    left |= joining
    return left, left_by_id(_ids(raw[id_header][left]), raw[header][left])


def _second_posts(
    raw: pd.DataFrame, keep: np.ndarray, probs: _Problems, used: Collection[str], id_header: str
) -> np.ndarray:
    """The rows of a person's secondary post (任职类型 兼岗, ``Primary Job: No``) whose id is on
    another row too: no second person, each a warning."""
    header = post_header(h for h in raw.columns if h not in used and list(raw.columns).count(h) == 1)
    if header is None:
        return np.zeros(len(raw), dtype=bool)
    second = secondary_posts(raw[header], header, _ids(raw[id_header]).where(keep)) & keep
    if second.any():
        probs.cells(header, second, raw[header], SECONDARY_MESSAGE, SECONDARY_HINT, severity="warning")
    return second


def _left_by_name(
    raw: pd.DataFrame, keep: np.ndarray, probs: _Problems, sources: dict[str, str]
) -> tuple[np.ndarray, pd.Series | None]:
    """The rows whose name is marked as a leaver's (``Logan McNeil (Terminated)``, 张三（已离职）),
    each a warning, as by status."""
    header = sources.get("name")
    if header is None or header not in raw.columns:
        return np.zeros(len(raw), dtype=bool), None
    left, status = left_by_name(raw[header])
    left &= keep
    if not left.any():
        return left, None
    probs.cells(header, left, raw[header], NAME_LEFT_MESSAGE, LEFT_HINT, severity="warning")
    return left, left_by_id(_ids(raw[sources["employee_id"]][left]), status.loc[raw.index[left]])


def _left_on_date(
    raw: pd.DataFrame, keep: np.ndarray, probs: _Problems, used: Collection[str], id_header: str,
    day: pd.Timestamp | None,
) -> tuple[np.ndarray, pd.Series | None]:
    """Without a status column, the leaving date (``Termination Date``, 离职日期): on or before
    the as-of date ``day``, the person has left (a warning each, as by status); a later one:
    leaving, still staff."""
    header = leave_date_header(h for h in raw.columns if h not in used and list(raw.columns).count(h) == 1)
    if header is None or day is None:
        return np.zeros(len(raw), dtype=bool), None
    left, bad = left_by_date(raw[header], day)
    left &= keep
    bad &= keep
    if bad.any():
        probs.cells(header, bad, raw[header], LEAVE_DATE_BAD, LEAVE_DATE_BAD_HINT, severity="warning")
    if not left.any():
        return left, None
    probs.cells(header, left, raw[header], LEAVE_DATE_MESSAGE, LEFT_HINT, severity="warning")
    ids = _ids(raw[id_header][left])
    return left, left_by_id(ids, pd.Series("left", index=ids.index))


def _group_headers(sources: dict[str, str]) -> list[str]:
    return [sources[f] for f in ("department", "site", "position") if f in sources]


def _sections(raw: pd.DataFrame, id_header: str, keep: np.ndarray, probs: _Problems) -> np.ndarray:
    """Section headings inside a wide export (财务部 alone on its row), each a warning."""
    found = section_rows(raw[id_header], raw.drop(columns=[id_header]), ~keep)
    at = np.flatnonzero(found)
    for pos in at[:REPEATED_HEADER_LISTED]:
        probs.fl.add(Finding("warning", probs.source, SECTION_MESSAGE, row=probs.row(int(pos)), column=id_header,
                             value=str(raw[id_header].iloc[int(pos)])[:200], hint=SECTION_HINT))  # fmt: skip
    if len(at) > REPEATED_HEADER_LISTED:
        more = len(at) - REPEATED_HEADER_LISTED
        probs.fl.add(Finding("warning", probs.source, f"{more} more rows like this", count=more))
    return found


def _repeated_headers(raw: pd.DataFrame, id_header: str, probs: _Problems) -> np.ndarray:
    """The rows that repeat the export's header (a report that repeats it on every page), each
    a warning (the first few; then a count): never a person, nor "Leadership Skills" a level."""
    again = repeated_header_rows(raw, {str(h): str(h) for h in raw.columns}, id_header)
    at = np.flatnonzero(again)
    for pos in at[:REPEATED_HEADER_LISTED]:
        probs.fl.add(Finding("warning", probs.source, REPEATED_HEADER_MESSAGE, row=probs.row(int(pos)),
                             column=id_header, value=str(raw[id_header].iloc[int(pos)])[:200]))  # fmt: skip
    if len(at) > REPEATED_HEADER_LISTED:
        more = len(at) - REPEATED_HEADER_LISTED
        probs.fl.add(Finding("warning", probs.source, f"{more} more rows like this", count=more))
    return again


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
    keep = _non_blank_rows(raw, sources["employee_id"]) & ~_repeated_headers(raw, sources["employee_id"], probs)
    keep &= ~_footer_rows(
        raw, sources["employee_id"], keep, probs, sources.get("name"), only_id=False, groups=_group_headers(sources)
    )
    left, left_ids = _left_rows(raw, keep, probs, set(sources.values()) | taken, sources["employee_id"], day)
    named_left, named_ids = _left_by_name(raw, keep & ~left, probs, sources)
    left |= named_left
    left_ids = named_ids if left_ids is None else left_ids if named_ids is None else pd.concat([left_ids, named_ids])
    keep &= ~left
    rows = np.flatnonzero(keep)
    raw = raw.loc[keep].reset_index(drop=True)
    probs.rows = rows
    n = len(raw)

    # competency values -> catalogue ids (each distinct value once)
    lookup = catalogue.header_keys()
    by_value = {normalise_header(v): cid for cid, v in m.competencies.items()}
    comp_col = raw[roles["competency"]]
    codes, uniques = _factorize(comp_col)
    ids = [by_value.get(normalise_header(u)) or competency_value(u, lookup.get) for u in uniques]
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
        when, bad_d, month_d = _rating_dates(raw[roles["date"]], m.date_order)
        if month_d.any():  # 2025-03: the 1st of the month, said once
            probs.warn(rating_month_only_message(int(month_d.sum())), column=roles["date"], hint=RATING_MONTH_HINT)
        if bad_d.any():
            probs.cells(roles["date"], bad_d, raw[roles["date"]], "not a date",
                        date_hint(raw[roles["date"]], bad_d, m.date_order, "2025-03-04"))
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
        "person": person.to_numpy(), "comp": comp_codes,
        "level": levels.to_numpy(dtype=np.float64, na_value=np.nan),
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
            unlisted = ranked.loc[ranked["rank"].isna(), "rater"].replace("", "(blank)")
            if len(unlisted):
                kinds = sorted(set(unlisted))
                probs.warn(
                    f"{len(unlisted)} ratings by rater types not in raters.prefer are not used: "
                    + ", ".join(kinds[:6]),
                    hint="add the rater types to raters.prefer to use them",
                )
            chosen = listed.sort_values("rank", kind="stable").drop_duplicates(
                ["person", "comp"], keep="first"
            )
            other = len(latest) - len(chosen)
        else:
            several = latest.duplicated(["person", "comp"], keep=False)
            if several.any():
                usual = {"manager": 0, "360": 1, "self": 2}  # who usually counts first
                found = sorted(set(latest.loc[several, "rater"]) - {""}, key=lambda r: (usual.get(r, 1.5), r))
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
    # a person's rows that disagree on a standard column: the first row's value is read, said so
    at_person = pd.Index(person[first]).get_indexer(pd.Index(person))
    first_at = np.where(at_person >= 0, np.flatnonzero(first)[np.maximum(at_person, 0)], -1)
    for std_field, header in sources.items():
        if std_field != "employee_id" and header in raw.columns:
            differ = differs_from_first(raw[header], first_at)
            if differ.any():
                probs.cells(header, differ, raw[header], LONG_DIFFERS_MESSAGE, LONG_DIFFERS_HINT, severity="warning")
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
        rows=probs.rows,
        left=left_ids,
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


