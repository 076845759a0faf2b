"""The checks of a roster's cells, column by column: blank rows, ids, levels, the standard
columns. Each problem becomes a finding naming its row and column."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from ..mapping.apply import UNUSED_HIRE_DATE, hire_tenure, month_only_message, tenure_counted
from ..mapping.cells import (
    arrow_strings,
    date_hint,
    durations,
    group_subtotal_rows,
    joined_name_labels,
    note_rows,
    subtotal_rows,
    total_labels,
    total_line_message,
    total_lines_more,
)
from ..mapping.cells import out_of_range as level_out_of_range
from ..mapping.headers import (
    JOINING_HINT,
    JOINING_KEYS,
    JOINING_MESSAGE,
    LEAVE_DATE_BAD,
    LEAVE_DATE_BAD_HINT,
    LEAVE_DATE_MESSAGE,
    LEFT_HINT,
    LEFT_MESSAGE,
    NAME_LEFT_MESSAGE,
    SECONDARY_HINT,
    SECONDARY_MESSAGE,
    left_by_date,
    left_by_id,
    left_by_name,
    left_rows,
    secondary_posts,
)
from .columns import (
    duplicated,
    fill_float_column,
    is_arrow_float,
    map_distinct,
    to_number,
)
from .findings import CELLS_LISTED, Ctx, shown
from .headers import employment_type

TENURE_HINT = "years of service, e.g. 3 or 2.5, or as 5 year(s), 3 month(s) or 12年5个月; leave blank if unknown"
PERCENT_HINT = (
    "a percentage, not a level: read the export through a mapping file that gives each percentage "
    "its level under values.level (e.g. \"80%\": 4), or use a number from 0 (none) to 5 (expert)"
)
LEVEL_HINT = "use a number from 0 (none) to 5 (expert); leave the cell blank if not assessed"
# a column of scores out of 100 (百分制), as appraisal systems export them
SCORE_HINT = (
    "these look like scores out of 100, not levels: convert each to a level from 0 (none) to 5 "
    "(expert) in the file, for example the score divided by 20, or by your appraisal bands "
    "(90-100 = 5, 80-89 = 4, and so on)"
)
ID_COLUMN_EMPTY = "the employee id column is blank on every row"
ID_COLUMN_EMPTY_HINT = (
    "the export leaves it empty (飞书 and 钉钉 do when 工号 is not used): read the id from another "
    "column that is unique per person (a user id, an email) through a mapping file, under "
    "columns.employee_id (sscgap init --mapping EXPORT drafts one)"
)


def apostrophe_ids(ids: pd.Series) -> pd.Series:
    """``'000101`` -> ``000101``: an id written with Excel's text mark in front (as exports write
    ids for Excel to keep the leading zeros, and as a CSV saved from such a sheet may keep it) is
    the id after it, so that the same person has the same id in every snapshot. One Arrow kernel
    when no id starts with ``'`` (the usual case)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = arrow_strings(ids)
    if pc.any(pc.starts_with(arr, "'")).as_py() is not True:
        return ids
    out = pc.replace_substring_regex(arr, "^'", "")
    out = pc.if_else(pc.equal(out, ""), pa.scalar(None, out.type), out)
    return pd.Series(pd.array(out, dtype="str"), index=ids.index, name=ids.name, copy=False)


def blank_rows(df: pd.DataFrame, ids: pd.Series) -> np.ndarray:
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


FOOTER_MOST = 20  # the bottom rows looked at for total lines
TOTAL_LINES_LISTED = 5  # total and subtotal lines listed one by one; the rest are counted


def total_lines(
    ids: pd.Series,
    ctx: Ctx,
    pos: np.ndarray,
    names: pd.Series | None = None,
    groups: dict[str, pd.Series] | None = None,
    bottom: pd.DataFrame | None = None,
    anonymous: bool = False,
    joined: bool = False,
) -> np.ndarray:
    """The total lines of the table (blank rows already dropped), skipped with a warning each,
    never a person:

    * under the table: the last rows whose id cell, or name cell, is a totals label
      (``Total: 260``, ``合计``, with counts and means beside it), and notes (``bottom``: the
      table's last rows as read, in which a row of one cell of text not shaped like an id is a
      note: ``Source: Workday, 2026-06-30``); with ``anonymous`` (the wide layout), the last rows
      whose id and name cells are both blank (``合计`` in a ``序号`` column, which is not read, and
      sums beside it: nobody can tell whose row it is); only the bottom rows;
    * anywhere: the subtotal lines between groups, whose id cell is a totals label beyond doubt
      (``小计``, ``财务部 小计``, ``Finance Subtotal``, ``Sub-total: 38``), or whose name cell is
      one and id cell is blank; and those of Excel's Subtotal command: the label in a group's
      column (``groups``: department, site, position; ``Finance Operations Count``, ``Grand
      Total``) and the name blank; with ``joined`` (the name joined from two columns, 姓 + 名),
      a name that is a totals label beyond doubt (``小计`` + ``2人``, ``财务部`` + ``小计``, ``Grand``
      + ``Total``): no part of a person's name is a totals word.

    Whole-column work (:func:`~sscgap.mapping.cells.subtotal_labels`)."""
    n = len(ids)
    footer = np.zeros(n, dtype=bool)
    start = max(0, n - FOOTER_MOST)
    by_id = np.zeros(n, dtype=bool)
    by_name = np.zeros(n, dtype=bool)
    note = np.zeros(n, dtype=bool)
    note_column: dict[int, str] = {}
    signed = np.zeros(n, dtype=bool)  # a signature line (制表人：张三 审核人：李四)
    by_id[start:] = total_labels(ids.iloc[start:])
    if names is not None:
        by_name[start:] = total_labels(names.iloc[start:], alone=True)
    if bottom is not None and len(bottom):
        rows, where, signs = note_rows(bottom.iloc[-(n - start):] if n > start else bottom.iloc[:0], (by_id | by_name)[start:])
        for k in np.flatnonzero(rows):
            i = n - len(rows) + int(k)
            note[i] = True
            signed[i] = signs[int(k)]
            note_column[i] = where[int(k)] or "employee_id"
    nobody = np.zeros(n, dtype=bool)
    if anonymous and n > start:
        unnamed = ids.iloc[start:].isna().to_numpy()
        if names is not None:
            unnamed = unnamed & names.iloc[start:].isna().to_numpy()
        nobody[start:] = unnamed
    for i in range(n - 1, start - 1, -1):
        if not (by_id[i] or by_name[i] or note[i] or nobody[i]):
            break
        footer[i] = True
    if footer.all():  # a table of nobody: the blank ids are errors, as before
        footer[:] = by_id | by_name | note
    by_id &= footer
    by_name &= footer & ~by_id
    note &= footer & ~by_id & ~by_name
    nobody &= footer & ~by_id & ~by_name & ~note
    inside = subtotal_rows(ids, names)
    by_id |= inside[0]
    by_name |= inside[1] & ~by_id
    if joined and names is not None:
        by_name |= joined_name_labels(names) & ~by_id
    group_names = list(groups or {})
    by_group, which = group_subtotal_rows(n, names, list((groups or {}).values()))
    by_group &= ~(by_id | by_name | note)
    out = by_id | by_name | note | by_group | nobody
    listed = np.flatnonzero(out)
    for i in listed[:TOTAL_LINES_LISTED]:
        if nobody[i]:
            ctx.add("warning", total_line_message("anonymous", under=True), row=ctx.row(int(pos[i])))
            continue
        if by_id[i] or by_name[i]:
            on_id = bool(by_id[i])
            what, column, value = ("id", "employee_id", ids.iloc[i]) if on_id else ("name", "name", names.iloc[i])  # type: ignore[union-attr]
        elif note[i]:
            column = note_column[int(i)]
            what = "signed" if signed[i] else "only_id" if column == "employee_id" else "note"
            value = ids.iloc[i] if column == "employee_id" else bottom[column].iloc[i - n]  # type: ignore[index]
        else:
            column = group_names[int(which[i])]
            what, value = "group", groups[column].iloc[i]  # type: ignore[index]
        ctx.add(
            "warning",
            total_line_message(what, under=bool(footer[i])),
            row=ctx.row(int(pos[i])),
            column=column,
            value=shown(value),
        )
    if len(listed) > TOTAL_LINES_LISTED:
        more = len(listed) - TOTAL_LINES_LISTED
        ctx.add("warning", total_lines_more(more), count=more)
    return out


def left_staff(
    clean: dict[str, pd.Series], ctx: Ctx, pos: np.ndarray, skipped: np.ndarray, ids: list[pd.Series] | None = None
) -> np.ndarray:
    """The people the status column says have left (``Terminated``, 离职; see
    :func:`~sscgap.mapping.headers.left_rows`) among the rows not ``skipped`` already, each a
    warning: an HR export with its leavers reads to the staff it has. No status column: no work.
    ``ids``: gets the status of those people, by id (:func:`~sscgap.mapping.headers.left_by_id`)."""
    if "status" not in clean:
        return np.zeros(len(skipped), dtype=bool)
    left = left_rows(clean["status"]) & ~skipped
    joining = left_rows(clean["status"], JOINING_KEYS) & ~skipped
    if joining.any():
        ctx.cells("status", joining, clean["status"], pos, JOINING_MESSAGE, severity="warning", hint=JOINING_HINT)
    if left.any():
        ctx.cells("status", left, clean["status"], pos, LEFT_MESSAGE, severity="warning", hint=LEFT_HINT)
    left |= joining
    if left.any() and ids is not None:
        ids.append(left_by_id(clean["employee_id"][left], clean["status"][left]))
    return left


def left_on_date(
    df: pd.DataFrame, ctx: Ctx, pos: np.ndarray, skipped: np.ndarray, as_of: date | None,
    ids: list[pd.Series] | None = None, clean_ids: pd.Series | None = None,
) -> np.ndarray:
    """The people whose leaving date (``Termination Date``, 离职日期; read only in an export
    without a status column) is on or before the as-of date (default today), among the rows
    not ``skipped`` already, each a warning, as :func:`left_staff`; a leaving date that is not
    a date is a warning (the person is staff). No such column: no work. ``ids``: gets
    ``left`` for those people, by id, for ``sscgap person``."""
    if "left_on" not in df.columns:
        return np.zeros(len(skipped), dtype=bool)
    day = pd.Timestamp(as_of or date.today())
    left, bad = left_by_date(df["left_on"], day)
    left &= ~skipped
    bad &= ~skipped
    if bad.any():
        ctx.cells("left_on", bad, df["left_on"], pos, LEAVE_DATE_BAD, severity="warning", hint=LEAVE_DATE_BAD_HINT)
    if left.any():
        ctx.cells("left_on", left, df["left_on"], pos, LEAVE_DATE_MESSAGE, severity="warning", hint=LEFT_HINT)
        if ids is not None and clean_ids is not None:
            ids.append(left_by_id(clean_ids[left], pd.Series("left", index=clean_ids.index[left])))
    return left


def left_by_their_name(
    clean: dict[str, pd.Series], ctx: Ctx, pos: np.ndarray, skipped: np.ndarray, ids: list[pd.Series] | None = None
) -> np.ndarray:
    """The people whose name is marked as a leaver's (``Logan McNeil (Terminated)``, as Workday
    shows one; 张三（已离职）), among the rows not ``skipped``, each a warning, as
    :func:`left_staff`. Arrow kernels over the names (about 20 ms per million)."""
    if "name" not in clean:
        return np.zeros(len(skipped), dtype=bool)
    left, status = left_by_name(clean["name"])
    left &= ~skipped
    if left.any():
        ctx.cells("name", left, clean["name"], pos, NAME_LEFT_MESSAGE, severity="warning", hint=LEFT_HINT)
        if ids is not None:
            ids.append(left_by_id(clean["employee_id"][left], status.loc[clean["name"].index[left]]))
    return left


def second_posts(clean: dict[str, pd.Series], ctx: Ctx, pos: np.ndarray, skipped: np.ndarray) -> np.ndarray:
    """The rows of a person's secondary post (任职类型 兼岗, ``Primary Job: No``) whose id is on
    another row too, among the rows not ``skipped``, each a warning: a person counts once. No
    such column: no work."""
    if "post" not in clean:
        return np.zeros(len(skipped), dtype=bool)
    second = secondary_posts(clean["post"], ctx.headers.get("post", "post"), clean["employee_id"].where(~skipped))
    second &= ~skipped
    if second.any():
        ctx.cells("post", second, clean["post"], pos, SECONDARY_MESSAGE, severity="warning", hint=SECONDARY_HINT)
    return second


def level_values(
    raw: pd.Series, column: str, ctx: Ctx, pos: np.ndarray, labels: dict[str, int] | None = None
) -> np.ndarray:
    """A column of levels as float64, NaN where blank or not valid (each such cell reported).

    A cell that is not a number may be a rating as exports write it: a leading number
    (``3 - Proficient``, ``4（精通）``) or a label of the scale (``labels``: ``Proficient``, ``精通``).
    """
    values, bad = to_number(raw)
    if bad.any() and labels is not None:
        from ..mapping import parse_levels

        mask = bad.to_numpy(dtype=bool)
        texts = raw[mask]
        parsed, still = parse_levels(texts.astype(object), labels)
        ok = ~still & parsed.notna().to_numpy()
        values = values.copy()
        values.iloc[np.flatnonzero(mask)[ok]] = parsed.to_numpy(dtype=np.float64)[ok]
        bad = bad.copy()
        bad.iloc[np.flatnonzero(mask)[ok]] = False
    if bad.any():
        ctx.cells(column, bad, raw, pos, "level is not a number", hint=_level_hint(raw[bad.to_numpy(dtype=bool)]))
    arr = values.to_numpy(dtype=np.float64, na_value=np.nan)
    return _in_range(arr, raw, column, ctx, pos)


# what a level cell may hold that is no rating: a missing value as pandas, Excel or a database write it
_NOT_RATINGS = ("nan", "na", "n/a", "none", "null", "#n/a", "nil", "-")


def _level_hint(texts: pd.Series) -> str:
    """The hint for levels that are not numbers: rating words (合格, Meets Expectations) are read
    through a mapping file; anything else (NaN, #N/A, 3..5) needs a number."""
    words = texts.astype(str).str.strip()
    if words.str.fullmatch(r"[0-9.,]+\s*%").all():  # 80%: a workbook's percentage, or a CSV's
        return PERCENT_HINT
    rated = words.str.contains(r"[^\W\d_]", regex=True) & ~words.str.casefold().isin(_NOT_RATINGS)
    if rated.any():
        return (
            "a rating word: read the export through a mapping file that gives each word its level "
            "under values.level (sscgap init --mapping EXPORT drafts one), or use a number from 0 (none) "
            "to 5 (expert); leave the cell blank if not assessed"
        )
    return LEVEL_HINT


def _in_range(arr: np.ndarray, raw: pd.Series, column: str, ctx: Ctx, pos: np.ndarray) -> np.ndarray:
    """One rule on every read path (CSV, workbook, long layout, DataFrame): a level is compared
    at the precision it is kept in (float32, 7 significant digits: ``5.00000001`` is 5), and
    anything beyond 0-5 is out of range, infinities (``1e400``) included."""
    out_of_range = level_out_of_range(arr)  # the rule lives with the ratings of mapping.cells
    if out_of_range.any():
        ctx.cells(column, out_of_range, raw, pos, "level out of range 0-5", hint=_range_hint(arr))
        arr = np.where(out_of_range, np.nan, arr)
    return arr


def _range_hint(arr: np.ndarray) -> str:
    """Scores out of 100 when every value of the column is from 0 to 100 and most are above 10
    (not a level typed wrong here and there, 45 among 0-5, nor a scale of 10: the plain hint)."""
    values = arr[~np.isnan(arr)]
    if np.all((values >= 0) & (values <= 100)) and 2 * np.count_nonzero(values > 10) > len(values):
        return SCORE_HINT
    return LEVEL_HINT


def levels_matrix(
    df: pd.DataFrame,
    ctx: Ctx,
    comp_ids: list[str],
    pos: np.ndarray,
    labels: dict[str, int] | None = None,
    text_of: Callable[[str], pd.Series | None] | None = None,
) -> np.ndarray:
    """The (people x competencies) float32 level matrix, NaN = not assessed; every cell that is
    not a level is reported. ``text_of`` gives a level column as written, for the columns the
    reader read as numbers (so that a finding quotes ``NaN`` or ``1e400`` as written)."""
    n = len(df)
    # column-major: each competency is one contiguous column, as the engine reads it
    levels = np.empty((n, len(comp_ids)), dtype=np.float32, order="F")
    for j, cid in enumerate(comp_ids):
        if cid in df.columns:
            column_levels(levels[:, j], df[cid], cid, ctx, pos, labels, text_of)
        else:
            levels[:, j] = np.nan
    return levels


def column_levels(
    dst: np.ndarray,
    raw: pd.Series,
    column: str,
    ctx: Ctx,
    pos: np.ndarray,
    labels: dict[str, int] | None = None,
    text_of: Callable[[str], pd.Series | None] | None = None,
) -> None:
    """Write one column of levels into ``dst`` (NaN = not assessed), reporting each cell that
    is not a level: straight from Arrow when the reader read plain levels as numbers, else
    from the cells as written (see :func:`levels_matrix`)."""
    if not is_arrow_float(raw):
        dst[:] = level_values(raw, column, ctx, pos, labels)
    elif not fill_float_column(dst, raw):  # read as numbers, but not all plain levels
        text = text_of(column) if text_of is not None else None
        if text is not None:
            text = text.iloc[pos].set_axis(raw.index)
            dst[:] = level_values(text, column, ctx, pos, labels)
        else:
            dst[:] = _in_range(dst.astype(np.float64), raw, column, ctx, pos)


def standard_columns(
    df: pd.DataFrame,
    clean: dict[str, pd.Series],
    ctx: Ctx,
    pos: np.ndarray,
    check_ids: bool = True,
    as_of: date | None = None,
) -> pd.DataFrame:
    """The standard columns of the people, checked; ``clean`` holds the cleaned text columns.

    ``tenure_years`` is the column of that name; where its cell is blank (or there is no such
    column) it is counted from ``hire_date`` to ``as_of`` (default: today): a tenure given wins
    over a hire date, a blank one does not."""
    out = pd.DataFrame(index=df.index)
    ids = clean["employee_id"]
    if check_ids:
        blank = ids.isna()
        if len(ids) > 1 and blank.all():  # an id column nobody fills (飞书 / 钉钉's 工号 is optional)
            ctx.add("error", ID_COLUMN_EMPTY, row=ctx.base - 1, column="employee_id", hint=ID_COLUMN_EMPTY_HINT)
        elif blank.any():
            ctx.cells(
                "employee_id", blank, df["employee_id"], pos, "employee_id is blank",
                hint="every person needs a unique id",
            )
        sci = scientific_ids(ids, df["employee_id"], ctx, pos)
        duplicate_ids(ids.mask(sci) if sci.any() else ids, df["employee_id"], ctx, pos)
    out["employee_id"] = ids
    for c in ("name", "department", "site", "position"):
        out[c] = clean[c] if c in clean else pd.Series(pd.NA, index=df.index, dtype="str")
    if "tenure_years" in df.columns:
        tenure, bad = to_number(df["tenure_years"])
        if bad.any():  # a length of service in words: 5 year(s), 3 month(s); 12年5个月
            at = np.flatnonzero(bad.to_numpy(dtype=bool))
            years, read = durations(df["tenure_years"].iloc[at])
            if read.any():
                tenure = tenure.copy()
                tenure.iloc[at[read]] = years[read]
                bad = bad.copy()
                bad.iloc[at[read]] = False
        if bad.any():
            ctx.cells(
                "tenure_years", bad, df["tenure_years"], pos, "tenure_years is not a number",
                hint=TENURE_HINT,
            )
        neg = (tenure < 0).to_numpy(dtype=bool, na_value=False)
        if neg.any():
            ctx.cells("tenure_years", neg, df["tenure_years"], pos, "tenure_years is negative")
        if "hire_date" in df.columns:
            tenure = tenure_where_blank(tenure, bad, df["hire_date"], ctx, pos, as_of)
        out["tenure_years"] = tenure
    elif "hire_date" in df.columns:
        out["tenure_years"] = tenure_from_hire_dates(df["hire_date"], ctx, pos, as_of)
    else:
        out["tenure_years"] = np.nan
    if "employment_type" in clean:
        # each distinct value is looked up once
        mapped, values = map_distinct(clean["employment_type"], employment_type)
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


def tenure_from_hire_dates(
    col: pd.Series, ctx: Ctx, pos: np.ndarray, as_of: date | None, used: np.ndarray | None = None
) -> np.ndarray:
    """Years from each hire date to ``as_of`` (today if None), by the mapping's rule
    (:func:`~sscgap.mapping.apply.hire_tenure`). A cell that is not a date, or a date after
    ``as_of``, is an error naming its row; blank = unknown. ``used``: the rows whose tenure is
    counted from the hire date (default: all); on the other rows (their tenure is given) such a
    date is only a warning."""
    t = hire_tenure(col, pd.Timestamp(as_of or date.today()), used=used)
    n = int((t.month_only & t.used).sum())
    if n:
        ctx.add("warning", month_only_message(n), column="hire_date")
    if t.bad.any():
        hint = date_hint(col, t.bad & t.used, "YMD").replace("set date_order", "read it through a mapping file with date_order")
        ctx.cells("hire_date", t.bad & t.used, col, pos, "hire_date is not a date", hint=hint + "; leave blank if unknown")
        ctx.cells("hire_date", t.bad & ~t.used, col, pos, "hire_date is not a date", severity="warning", hint=UNUSED_HIRE_DATE)
    if t.future.any():
        ctx.cells("hire_date", t.future & t.used, col, pos, t.future_message, hint="check the date, or set --as-of")
        ctx.cells("hire_date", t.future & ~t.used, col, pos, t.future_message, severity="warning", hint=UNUSED_HIRE_DATE)
    return t.years


def tenure_where_blank(
    tenure: pd.Series, bad: pd.Series, hire: pd.Series, ctx: Ctx, pos: np.ndarray, as_of: date | None
) -> pd.Series:
    """The tenure given and, where its cell is blank, the tenure counted from the hire date (an
    HR export with both columns, the tenure blank for new joiners or never recalculated), with
    one warning saying for how many people."""
    blank = (tenure.isna() & ~bad).to_numpy(dtype=bool)
    counted = tenure_from_hire_dates(hire, ctx, pos, as_of, used=blank)
    filled = blank & ~np.isnan(counted)
    n = int(filled.sum())
    if not n:
        return tenure
    ctx.add("warning", tenure_counted(n), column="tenure_years")
    return tenure.mask(filled, pd.Series(counted, index=tenure.index))


SCIENTIFIC_ID = r"[0-9](?:\.[0-9]+)?[eE]\+[0-9]+"  # 2.02301E+11, as Excel shows 12+ digits


def scientific_ids(ids: pd.Series, raw: pd.Series, ctx: Ctx | None, pos: np.ndarray) -> np.ndarray:
    """Ids in scientific notation, each an error: Excel shows a number of 12 or more digits as
    ``2.02301E+11`` and saves its CSV so, and the digits are gone (many people then share one
    id). The mask of those ids, so that they are not also reported as duplicates (``ctx``
    None: the mask only, for a check that reports them later)."""
    if not ids.str.contains("+", regex=False).any():  # the usual case: no id has a '+'
        return np.zeros(len(ids), dtype=bool)
    sci = ids.str.fullmatch(SCIENTIFIC_ID).fillna(False).to_numpy(dtype=bool)
    if sci.any() and ctx is not None:
        ctx.cells(
            "employee_id", sci, raw, pos,
            "employee_id in scientific notation: Excel dropped its last digits",
            hint="read the workbook (.xlsx) instead of its CSV, or in Excel format the id column "
            "as Text and enter the ids again",
        )  # fmt: skip
    return sci


LONG_EXPORT_HINT = (
    "most ids repeat: one row per rating? A long export needs a competency and a level column "
    "(headers competency and level, or 能力 and 等级), or read it through a mapping file with long: "
    "(sscgap init --mapping EXPORT drafts one)"
)


def duplicate_ids(ids: pd.Series, raw: pd.Series, ctx: Ctx, pos: np.ndarray) -> None:
    """Every repeat of an id (not its first row), with the row where it first appears."""
    if not duplicated(ids).any():  # the usual case, answered by hashing the ids once
        return
    later = (ids.notna() & ids.duplicated(keep="first")).to_numpy()
    if not later.any():
        return
    firsts = np.flatnonzero((ids.notna() & ~ids.duplicated(keep="first")).to_numpy())
    first_of = pd.Index(ids.iloc[firsts].to_numpy())
    idx = np.flatnonzero(later)
    # most ids repeat: one row per rating (a long export whose columns were not recognised),
    # not a person listed twice
    why = "; " + LONG_EXPORT_HINT if len(idx) >= max(10, len(firsts)) else ""
    for i in idx[:CELLS_LISTED]:
        j = firsts[first_of.get_loc(ids.iloc[i])]
        ctx.add(
            "error",
            "duplicate employee_id",
            row=ctx.row(int(pos[i])),
            column="employee_id",
            value=shown(raw.iloc[i]),
            hint=f"the same id is on row {ctx.row(int(pos[j]))}{why}",
        )
    if len(idx) > CELLS_LISTED:
        more = len(idx) - CELLS_LISTED
        ctx.add("error", f"{more} more duplicate ids", column="employee_id", count=more)
