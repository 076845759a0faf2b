"""Reading and validating a roster: a file (CSV, .xlsx) or a DataFrame in, a :class:`Roster` out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import Finding, MappingError, RosterError
from ..mapping import (
    CatalogueNames,
    Mapping,
    MatchSummary,
    RatingQuality,
    load_mapping,
    required_attributes,
)
from ..mapping.cells import (
    REPEATED_HEADER_LISTED,
    REPEATED_HEADER_MESSAGE,
    SECTION_HINT,
    SECTION_MESSAGE,
    join_names,
    repeated_header_rows,
    section_rows,
)
from ..mapping.headers import name_parts_message
from ..profiles import ProfileSet
from .checks import (
    FOOTER_MOST,
    apostrophe_ids,
    blank_rows,
    left_by_their_name,
    left_on_date,
    left_staff,
    levels_matrix,
    second_posts,
    standard_columns,
    total_lines,
)
from .columns import clean_text, clean_texts
from .csv import check_xls_name, read_csv
from .findings import Ctx, Table, fatal, format_errors, row_order, shown
from .frame import SOURCE, read_frame
from .headers import (
    STANDARD_ALIASES,
    STANDARD_COLUMNS,
    STANDARD_RANKS,
    id_column_hint,
    is_text,
    normalise_header,
)
from .long import long_to_wide
from .mapped import MappedTable, read_mapped
from .xlsx import read_xlsx

RosterSource = str | Path | pd.DataFrame
MappingSource = str | Path | Mapping | None


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
    # the export's other columns (kept for --by), one row per person; None: not kept
    extra: pd.DataFrame | None = None
    sources: dict[str, str] = field(default_factory=dict)  # standard field -> the export's header
    matched: MatchSummary | None = None  # how many of the catalogue's competencies were found
    quality: RatingQuality | None = None  # a long export's history, raters, stale ratings
    rater_gaps: pd.DataFrame | None = None  # competency, people, manager_minus_self
    mapping: str | None = None  # the mapping file read through
    left: pd.Series | None = None  # the status of each person who has left, by id

    def __len__(self) -> int:
        return len(self.people)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def check_roster(
    source: RosterSource,
    pset: ProfileSet,
    *,
    sheet: str | None = None,
    strict: bool = False,
    mapping: MappingSource = None,
    as_of: date | None = None,
    keep: Sequence[str] = (),
) -> tuple[Roster | None, list[Finding]]:
    """Read and validate a roster; return it (``None`` when it has errors) and every finding.

    ``source`` is a file (CSV or .xlsx) or a pandas DataFrame. Nothing is raised for a problem
    in the data: :func:`load_roster` and ``sscgap validate`` both call this, one to stop at the
    errors, the other to list them all. ``mapping`` (a mapping file or a loaded
    :class:`~sscgap.mapping.Mapping`) says how to read an HR system's export; ``as_of`` is the
    date hire dates and rating ages count to (default: the mapping's ``as_of``, else today).
    ``keep``: columns to keep besides the standard ones and the competencies (``--by Grade``).
    """
    name = SOURCE if isinstance(source, pd.DataFrame) else str(Path(source))
    try:
        m = load_mapping(mapping) if isinstance(mapping, str | Path) else mapping
        if m is None and any(not _standard_name(k) for k in keep):
            m = Mapping()  # the other columns of the export are kept by the mapping reader
        table, mt = _read(source, pset, sheet, strict, m, as_of)
    except (RosterError, MappingError) as e:
        return None, e.findings or [Finding("error", name, e.message)]
    roster = _validate(table, pset, mt, as_of)
    if roster is not None and keep:
        _clean_kept(roster, keep)
    if roster is not None and m is not None and isinstance(mapping, str | Path):
        roster.mapping = str(mapping)
    findings = sorted(table.ctx.fl.findings, key=row_order)  # in the order of the file
    if roster is not None:
        roster.findings = findings
    if any(f.severity == "error" for f in findings):
        return None, findings
    return roster, findings


def load_roster(
    source: RosterSource,
    pset: ProfileSet,
    *,
    sheet: str | None = None,
    strict: bool = False,
    mapping: MappingSource = None,
    as_of: date | None = None,
    keep: Sequence[str] = (),
) -> Roster:
    """Read and validate a roster (a file or a DataFrame) against a profile set; raise on the
    first few errors. ``mapping`` and ``as_of``: see :func:`check_roster`."""
    # a mapping file that cannot be read or is invalid is its own error (MappingError, naming
    # the file and the key), not "an error in the roster"
    loaded = load_mapping(mapping) if isinstance(mapping, str | Path) else mapping
    roster, findings = check_roster(
        source, pset, sheet=sheet, strict=strict, mapping=loaded, as_of=as_of, keep=keep
    )
    if roster is not None and loaded is not None and isinstance(mapping, str | Path):
        roster.mapping = str(mapping)
    errors = [f for f in findings if f.severity == "error"]
    if roster is None or errors:
        name = SOURCE if isinstance(source, pd.DataFrame) else str(source)
        command = f"sscgap validate {name}"
        if isinstance(mapping, str | Path):
            command += f" --mapping {mapping}"
        raise RosterError(
            format_errors(name, errors, "roster", command), findings,
            zh=format_errors(name, errors, "roster", command, "zh"),
        )  # fmt: skip
    return roster


def scale_labels(pset: ProfileSet) -> dict[str, int]:
    """The scale's labels (English and Chinese) -> level: ``Proficient`` / ``精通`` are ratings."""
    return CatalogueNames.from_profiles(pset).scale_labels


def _clean_kept(roster: Roster, keep: Sequence[str]) -> None:
    """The export's columns kept for ``--by`` (``--by 职级``), cleaned as the standard columns are
    (NFKC, trimmed, blank = missing): ``P5``, ``P5 `` and ``Ｐ5`` are one group, as ``Finance`` and
    ``Finance `` are in ``--by department``. Text columns only; one Arrow pass each."""
    if roster.extra is None or not len(roster.extra.columns):
        return
    wanted = {normalise_header(k) for k in keep}
    for c in roster.extra.columns:
        col = roster.extra[c]
        if normalise_header(c) in wanted and pd.api.types.infer_dtype(col, skipna=True) == "string":
            roster.extra[c] = clean_text(col)


def _standard_name(column: str) -> bool:
    """A standard column by its own name or a plain alias (部门, ``dept``): the plain reader
    reads it. An HR system's synonym (``Cost Center``, ``Location``) is not: beside a
    ``department`` column it is another column, which only the mapping reader keeps."""
    rank = STANDARD_RANKS.get(normalise_header(column))
    return column in STANDARD_COLUMNS or (rank is not None and rank[1] == 0 and rank[0] in STANDARD_COLUMNS)


def _read(
    source: RosterSource,
    pset: ProfileSet,
    sheet: str | None,
    strict: bool,
    mapping: Mapping | None = None,
    as_of: date | None = None,
) -> tuple[Table, MappedTable | None]:
    if mapping is not None:
        if not isinstance(source, pd.DataFrame):
            p = Path(source)
            if p.is_dir():
                raise fatal(p, "is a folder, not a roster file")
            if not p.exists():
                raise fatal(p, "file not found")
            if p.suffix.lower() == ".xls":
                check_xls_name(p)  # a text export named .xls is read as CSV; anything else: why not
        elif sheet is not None:
            raise fatal(Path(SOURCE), "--sheet only applies to .xlsx workbooks")
        mt = read_mapped(source, pset, mapping, as_of, sheet)
        return mt.table, mt
    return _read_plain(source, pset, sheet, strict), None


def _read_plain(source: RosterSource, pset: ProfileSet, sheet: str | None, strict: bool) -> Table:
    if isinstance(source, pd.DataFrame):
        if sheet is not None:
            raise fatal(Path(SOURCE), "--sheet only applies to .xlsx workbooks")
        return read_frame(source, pset, strict)
    p = Path(source)
    if p.is_dir():
        raise fatal(p, "is a folder, not a roster file")
    if not p.exists():
        raise fatal(p, "file not found")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(p, pset, sheet, strict)
    if suffix == ".xls":
        check_xls_name(p)  # text named .xls is read as CSV below; a workbook or a web page: why not
    if sheet is not None:
        raise fatal(p, "--sheet only applies to .xlsx workbooks")
    table = read_csv(p, pset, strict)
    if suffix == ".xls":
        table.ctx.add(
            "warning",
            "a text file with an .xls name (as HR systems export \"Excel\" files): read as CSV",
        )
    return table


def _total_rows(
    clean: dict[str, pd.Series], ctx: Ctx, pos: np.ndarray, blank: np.ndarray, df: pd.DataFrame | None = None,
    wide: bool = False,
    joined: bool = False,
) -> np.ndarray:
    """The total and subtotal lines among the rows that are not ``blank`` (each reported), as a
    mask over all rows; ``df``: the table, whose last rows may be notes; ``wide``: the last rows
    without an id and a name are total lines too (in the long layout, a person's later rows may
    leave them blank)."""
    some = bool(blank.any())  # none: the cleaned columns as they are (no filtered copies)

    def kept(s: pd.Series) -> pd.Series:
        return s[~blank] if some else s

    ids = kept(clean["employee_id"])
    names = kept(clean["name"]) if "name" in clean else None
    # Excel's Subtotal lines have no name: the groups' columns are looked at only then
    unnamed = names is None or bool(names.isna().any())
    groups: dict[str, pd.Series] = {
        c: kept(clean[c]) for c in ("department", "site", "position") if c in clean and unnamed
    }
    bottom = None
    if df is not None:  # the last rows kept: a slice, unless blank rows lie among them
        last = np.flatnonzero(~blank)[-FOOTER_MOST:]
        contiguous = len(last) and last[-1] - last[0] == len(last) - 1
        bottom = df.iloc[last[0] : last[-1] + 1] if contiguous else df.iloc[last]
    if not some:
        return total_lines(ids, ctx, pos, names, groups, bottom, anonymous=wide, joined=joined)
    out = np.zeros(len(blank), dtype=bool)
    out[np.flatnonzero(~blank)] = total_lines(
        ids, ctx, pos[~blank], names, groups, bottom, anonymous=wide, joined=joined
    )
    return out


def _repeated_headers(df: pd.DataFrame, ids: pd.Series, ctx: Ctx, pos: np.ndarray) -> np.ndarray:
    """The rows that repeat the header (:func:`~sscgap.mapping.cells.repeated_header_rows`; the
    ids cleaned), each reported (the first few; then a count)."""
    headers = {c: ctx.headers.get(c, c) for c in df.columns}
    again = repeated_header_rows(df.assign(employee_id=ids), headers, "employee_id")
    at = np.flatnonzero(again)
    for i in at[:REPEATED_HEADER_LISTED]:
        ctx.add("warning", REPEATED_HEADER_MESSAGE, row=ctx.row(int(pos[i])), column="employee_id",
                value=shown(df["employee_id"].iloc[int(i)]))  # fmt: skip
    if len(at) > REPEATED_HEADER_LISTED:
        more = len(at) - REPEATED_HEADER_LISTED
        ctx.add("warning", f"{more} more rows like this", count=more)
    return again


def _sections(df: pd.DataFrame, ids: pd.Series, ctx: Ctx, pos: np.ndarray, skipped: np.ndarray) -> np.ndarray:
    """Section headings inside the table (:func:`~sscgap.mapping.cells.section_rows`), each a
    warning (the first few; then a count)."""
    found = section_rows(ids, df.drop(columns="employee_id"), skipped)
    at = np.flatnonzero(found)
    for i in at[:REPEATED_HEADER_LISTED]:
        ctx.add("warning", SECTION_MESSAGE, row=ctx.row(int(pos[i])), column="employee_id",
                value=shown(ids.iloc[int(i)]), hint=SECTION_HINT)  # fmt: skip
    if len(at) > REPEATED_HEADER_LISTED:
        more = len(at) - REPEATED_HEADER_LISTED
        ctx.add("warning", f"{more} more rows like this", count=more)
    return found


def _quiet_short_rows(ctx: Ctx, pos: np.ndarray, skipped: np.ndarray, blank: np.ndarray) -> None:
    """A note, signature or total line under the table (``Source: Workday``, ``制表人：张三
    审核人：李四``, ``合计,4``) is skipped: its "row has 3 cells but the header has 9" warning says
    nothing more, and goes. Only the run of skipped (or blank) rows that ends the table."""
    tail = (skipped | blank)[-FOOTER_MOST:]
    people = np.flatnonzero(~tail)
    start = int(people[-1]) + 1 if len(people) else 0
    at = np.flatnonzero(skipped[-FOOTER_MOST:][start:]) + start + max(0, len(skipped) - FOOTER_MOST)
    if not len(at):
        return
    rows = {ctx.row(int(pos[i])) for i in at}
    ctx.fl.findings[:] = [
        f for f in ctx.fl.findings
        if not (f.severity == "warning" and f.row in rows and f.message.endswith("the missing cells count as blank"))
    ]  # fmt: skip


def _validate(
    table: Table, pset: ProfileSet, mt: MappedTable | None = None, as_of: date | None = None
) -> Roster | None:
    """Every check on the data as read; findings go to ``table.ctx``."""
    ctx = table.ctx
    df = table.df.rename(columns=table.mapping)
    ctx.headers = {canon: raw for raw, canon in table.mapping.items()} | ctx.headers  # the reader's
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
            hint=id_column_hint(table.header, table.head_rows, ctx.base - 1),
        )
        df = df.assign(employee_id=pd.Series("?", index=df.index, dtype="str"))
        no_ids = True
    else:
        no_ids = False
    # the text columns cleaned once, side by side (NFKC, trimmed, blank = missing)
    clean = clean_texts(df, [c for c in df.columns if is_text(c)])
    if not no_ids:  # '000101: Excel's text mark in front of an id is no part of it
        clean["employee_id"] = apostrophe_ids(clean["employee_id"])
    # a name joined from two columns (here, or by the mapping): a totals label in it is one
    joined = mt is not None and "given_name" in mt.mapped.sources
    if "given_name" in clean and "family_name" in clean and "name" not in clean:
        joined = True
        clean["name"] = join_names(clean.pop("given_name"), clean.pop("family_name"))  # 姓 + 名
        df["name"] = clean["name"]  # a column like the others (the long layout keeps it per person)
        ctx.add("warning", name_parts_message(ctx.headers["given_name"], ctx.headers["family_name"]), row=ctx.base - 1)
    # the header again inside the table (a report repeating it on every page): no person
    again = np.zeros(len(df), dtype=bool) if no_ids else _repeated_headers(df, clean["employee_id"], ctx, pos)

    layout = "long" if {"competency", "level"} <= canon else "wide"
    rows_skipped = 0
    left: list[pd.Series] = []  # the status of the people who have left, by id
    if layout == "long":
        if not no_ids:  # total and subtotal lines (a label in the id or name cell) are no people
            totals = again | _total_rows(
                clean, ctx, pos, blank_rows(df, clean["employee_id"]) | again, df, joined=joined
            )
            totals |= left_staff(clean, ctx, pos, totals, left)  # nor are people who have left
            totals |= left_on_date(df, ctx, pos, totals, as_of, left, clean["employee_id"])
            totals |= left_by_their_name(clean, ctx, pos, totals, left)
            if totals.any():
                rows_skipped = int(totals.sum())
                df = df.loc[~totals].reset_index(drop=True)
                clean = {c: s[~totals].reset_index(drop=True) for c, s in clean.items()}
                pos = pos[~totals]
        df, clean, levels, pos = long_to_wide(
            df, clean, ctx, pset, pos, check_ids=not no_ids, text_of=table.text_of, header=table.header
        )
    else:
        for c in ("competency", "level"):
            if c in canon:
                ctx.add(
                    "warning",
                    f"column {c!r} ignored (a long layout needs both competency and level)",
                    column=c,
                )
        # empty rows (Excel exports, trailing separators, cells holding a space) are not people
        blank = blank_rows(df, clean["employee_id"]) | again
        if not no_ids:  # nor is a total line under the table, or a subtotal line inside it
            totals = _total_rows(clean, ctx, pos, blank, df, wide=True, joined=joined)
            _quiet_short_rows(ctx, pos, totals, blank)
            blank = blank | totals
            blank |= left_staff(clean, ctx, pos, blank, left)  # nor people who have left (离职)
            blank |= left_on_date(df, ctx, pos, blank, as_of, left, clean["employee_id"])  # 离职日期 passed
            blank |= left_by_their_name(clean, ctx, pos, blank, left)  # Logan McNeil (Terminated)
            blank |= second_posts(clean, ctx, pos, blank)  # 兼岗: the same person's second post
            blank |= _sections(df, clean["employee_id"], ctx, pos, blank)  # 财务部 alone on its row
        rows_skipped = int(blank.sum())
        if rows_skipped:
            df = df.loc[~blank].reset_index(drop=True)
            clean = {c: s[~blank].reset_index(drop=True) for c, s in clean.items()}
            pos = pos[~blank]
        levels = levels_matrix(df, ctx, comp_ids, pos, scale_labels(pset), table.text_of)

    people = standard_columns(df, clean, ctx, pos, check_ids=not no_ids, as_of=as_of)
    if len(people) == 0 and not no_ids:
        ctx.add("error", "the roster has a header but no people (no data rows)", row=ctx.base - 1)
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
    if mt is not None:
        matched = mt.mapped.matched
    elif layout == "wide":
        matched = MatchSummary([c for c in comp_ids if c in present], missing)
    else:
        rated = ~np.isnan(levels).all(axis=0) if len(levels) else np.zeros(len(comp_ids), bool)
        matched = MatchSummary(
            [c for c, r in zip(comp_ids, rated, strict=True) if r],
            [c for c, r in zip(comp_ids, rated, strict=True) if not r],
        )
    # with or without a mapping: what cannot be read is an error, never a silent 0%
    _loud(ctx, pset, people, levels, matched, layout, no_ids)
    if any(f.severity == "error" for f in ctx.fl.findings):
        return None
    extra = None
    if mt is not None:
        extra = mt.extra.iloc[pos].reset_index(drop=True) if len(mt.extra.columns) else mt.extra.iloc[:0]
    return Roster(
        source=str(ctx.path),
        people=people,
        levels=levels,
        competency_ids=comp_ids,
        findings=ctx.fl.findings,
        layout=layout if mt is None else mt.mapped.layout,
        unknown_columns=table.unknown,
        missing_competencies=missing if mt is None else list(matched.missing),
        rows_skipped=rows_skipped,
        extra=extra,
        sources=dict(mt.mapped.sources) if mt is not None else dict(ctx.headers),
        matched=matched,
        quality=mt.mapped.quality if mt is not None else None,
        rater_gaps=mt.mapped.rater_gaps if mt is not None else None,
        left=(pd.concat(left) if left else None) if mt is None else mt.mapped.left,
    )


def _level_errors(ctx: Any, matched: MatchSummary) -> bool:
    """Were cells of the competency columns reported as errors (levels that are not levels)?
    Then the columns are not blank, and "every cell is blank" would mislead."""
    columns = {ctx.headers.get(c, c) for c in matched.found} | set(matched.found)
    return any(f.severity == "error" and f.column in columns for f in ctx.fl.findings)


def _loud(
    ctx: Any,
    pset: ProfileSet,
    people: pd.DataFrame,
    levels: np.ndarray,
    matched: MatchSummary,
    layout: str,
    no_ids: bool,
) -> None:
    """Never silently wrong: a roster from which no competency of the catalogue can be read, or
    that lacks an attribute a role requires, is an error (not a 0% with exit 0)."""
    if no_ids or not len(people):
        return
    if not matched.found:
        what = "column" if layout == "wide" else "competency value"
        ctx.add(
            "error",
            f"no competency of the catalogue can be read: no {what} matches one of its "
            f"{matched.total} ids or names",
            hint="name the columns by competency id or name, or map the export's headers under "
            "competencies in a mapping file (sscgap init --mapping EXPORT drafts one)",
        )
    elif levels.size and np.isnan(np.fmax.reduce(levels, axis=0)).all() and not _level_errors(ctx, matched):
        ctx.add(
            "error",
            f"the {len(matched.found)} competency column(s) found hold no level at all",
            hint="every cell is blank: is it the right export, or are the ratings elsewhere?",
        )
    need_tenure, need_type = required_attributes(pset)
    for fld, roles, how in (
        ("tenure_years", need_tenure,
         "add a tenure_years or hire_date column, or in a mapping file map hire_date or "
         "tenure_years under columns, or set constants.tenure_years"),
        ("employment_type", need_type,
         "add an employment_type column, or in a mapping file map it under columns, or set "
         "constants.employment_type"),
    ):
        if roles and not people[fld].notna().any():
            shown = ", ".join(roles[:5]) + (" ..." if len(roles) > 5 else "")
            ctx.add(
                "error",
                f"roles require {fld} ({shown}) but the roster has no {fld}",
                hint=how,
            )
