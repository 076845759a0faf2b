"""A first draft of a mapping file, from an export's headers and values."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from datetime import date

import pandas as pd

from .apply import _looks_long, _rater_key
from .cells import _text_key, day_month_first, guess_date_order, parse_levels, repeated_header_rows
from .headers import (
    EMPLOYMENT_SYNONYMS,
    HEADER_SYNONYMS,
    CatalogueNames,
    guess_id_column,
    left_rows,
    match_headers,
    match_long_headers,
    name_parts,
    normalise_header,
    status_header,
    tenure_unit,
)
from .model import Columns, Mapping

# ---------------------------------------------------------------------------------------------
# A first draft of a mapping file
# ---------------------------------------------------------------------------------------------


def _q(text: object) -> str:
    """A YAML scalar in double quotes, on one line: a header's line break (``Hire Date`` over
    ``(YYYY-MM-DD)`` in a wrapped Excel cell) is written ``\\n``, never a second line that
    would fall outside a comment. JSON's string escapes are YAML's."""
    return json.dumps(str(text), ensure_ascii=False)


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


def _date_order_lines(raw: pd.DataFrame, headers: list[str | None]) -> list[str]:
    """``date_order:`` when the dates of the export are written day and month before the year
    (``03/27/2015``): set when a value shows which comes first, else a guess to check."""
    values: list[object] = []
    for h in headers:
        if h is not None and h in raw.columns:
            values.extend(raw[h].dropna().astype("str").unique()[:2000].tolist())
    order, proven = guess_date_order(values)
    example = next((str(v) for v in values if day_month_first(v) is not None), None)
    if example is None:
        return []
    if order is None:
        return [f"# date_order: ?   # dates such as {_q(example)} mix both orders: check the export"]
    what = "month first" if order == "MDY" else "day first"
    if proven:
        return [f"date_order: {order}   # dates such as {_q(example)}: {what}"]
    other = "DMY (day first)" if order == "MDY" else "MDY (month first)"
    return [f"# date_order: {order}   # a guess: dates such as {_q(example)} could be {what} or {other}"]


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
    empty_id = None  # an id column the export leaves blank (飞书 / 钉钉's 工号 when unused)
    if "employee_id" in std and len(raw) and raw[std["employee_id"]].isna().all():
        guess = guess_id_column(raw, exclude=taken)
        if guess is not None:
            empty_id = std["employee_id"]
            taken.discard(empty_id)
            std["employee_id"] = guess
            taken.add(guess)
    parts = name_parts(h for h in headers if h not in taken - {std.get("name")} and headers.count(h) == 1)
    if parts is not None:  # the name in two columns (姓 / 名): joined, with no key
        std.pop("name", None)
        taken.update(parts)
    if "employee_id" in std:  # the header again inside (every page of a report): no values of it
        again = repeated_header_rows(raw, {h: h for h in headers}, std["employee_id"])
        if again.any():
            raw = raw.loc[~again]
    lines.extend(_date_order_lines(raw, [std.get("hire_date"), long_roles.get("date") if is_long else None]))
    lines.append("columns:")
    for fld in Columns.model_fields:
        if fld == "name" and parts is not None:
            lines.append(
                f"  # name: ?   # none: the name is joined from {_q(parts[0])} and {_q(parts[1])} "
                "(set name to read one column instead)"
            )
        elif fld in std:
            unit = tenure_unit(std[fld])[1] if fld == "tenure_years" else "years"
            note = f"   # in {unit} (the header says so): converted to years" if unit != "years" else ""
            if fld == "employee_id" and empty_id is not None:
                note = f"   # a guess: {_q(empty_id)} is blank on every row; check that this column is unique per person"
            lines.append(f"  {fld}: {_q(std[fld])}{note}")
        elif {fld, "hire_date", "tenure_years"} == {"hire_date", "tenure_years"} and (
            "hire_date" in std or "tenure_years" in std
        ):
            continue  # tenure comes from one of them
        else:
            free = [h for h in headers if h not in taken and _fits(fld, raw[h])]
            g = _guess_field(fld, free)
            if g is None and fld == "employment_type":  # a column of worker types, whatever its header
                g = next((h for h in free if _worker_types(raw[h].dropna().astype(str).str.strip())), None)
            lines.append(f"  # {fld}: {_q(g) if g else '?'}" + ("   # a guess" if g else ""))
    status = status_header(h for h in headers if h not in taken and headers.count(h) == 1)
    if status is not None:  # read without a key: said here so that nobody wonders
        n = int(left_rows(raw[status]).sum())
        lines.append(
            f"# status column {_q(status)}: the people it marks as having left (Terminated, Retired, "
            f"离职 ...) are not staff and are skipped, with a warning ({n} in this export)"
        )
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
    top = -1.0  # the highest level read as a number, and whether all are whole numbers >= 1
    low_ok = bool(rating_cols)
    for h in rating_cols:
        levels, bad = parse_levels(raw[h], catalogue.scale_labels)
        got = pd.Series(levels, dtype="float64").dropna()
        if len(got):
            top = max(top, float(got.max()))
            low_ok = low_ok and bool((got >= 1).all() and (got == got.round()).all())
        if bad.any():
            for v in pd.unique(raw[h][bad].astype(str)):
                if v not in texts:
                    texts.append(v)
    lines.append("  level:   # rating text -> level 0-5 (null: not assessed)"
                 + ("; texts found that are not levels yet:" if texts else ""))
    if low_ok and 1 <= top < 5 and not texts:
        lines.append(f"    # the ratings found run from 1 to {top:g} only: if that is the whole scale, map each"
                     f' onto 0-5 here, e.g. "{top:g}": 5')
    for t in texts[:60]:
        lv = _guess_level(t, catalogue.scale_labels)
        if lv is None and _text_key(t) in _NOT_RATED:
            lines.append(f"    # {_q(t)}: null   # a guess")  # null: not assessed
            continue
        lines.append(f"    # {_q(t)}: ?" if lv is None else f"    # {_q(t)}: {lv}   # a guess")
    return "\n".join(lines) + "\n"


# Rating texts that say "not rated": the draft guesses null (not assessed) for them.
_NOT_RATED = frozenset({
    "not rated", "not assessed", "not evaluated", "unrated", "not yet rated", "no rating",
    "n/a", "na", "-", "—", "未评估", "未评价", "未评分", "未评", "无评分", "暂无", "暂无评分",
})


def _guess_level(text: str, scale_labels: dict[str, int]) -> int | None:
    """``hr_skill_level_advanced`` -> 4: the level whose label the text ends with or contains."""
    key = normalise_header(text)
    hits = sorted(
        ((len(normalise_header(lb)), lv) for lb, lv in scale_labels.items()
         if normalise_header(lb) and normalise_header(lb) in key),
        reverse=True,
    )
    return hits[0][1] if hits else None


_TEXT_FIELDS = frozenset({"name", "department", "site", "position", "employment_type"})


def _fits(fld: str, column: pd.Series) -> bool:
    """Whether a column's values can be that field's: a name, a department or a worker type is
    never a column of numbers only (an IBM-style ``EmployeeCount`` of 1s is no worker type)."""
    if fld not in _TEXT_FIELDS:
        return True
    values = column.dropna().astype(str).str.strip()
    values = values[values != ""]
    if values.empty:
        return True
    if fld != "employment_type" and _worker_types(values):
        return False  # Regular / Contractor / Consultant: a worker type, not a name or a site
    return not bool(pd.to_numeric(values, errors="coerce").notna().all())


def _worker_types(values: pd.Series) -> bool:
    """Whether every distinct value is a worker type sscgap knows (``Regular``, ``Contractor``)."""
    distinct = values.unique()[:50]
    return len(distinct) > 0 and all(normalise_header(v) in EMPLOYMENT_SYNONYMS for v in distinct)


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
