"""Cells of HR exports: ratings as exports write them, and dates. Each distinct value of a
column is looked at once."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # Excel's day 0 (with its 1900 leap-year quirk)
# Cells that say "no value" in words: errors, never silently "not assessed" (blank is).
NULL_WORDS = frozenset({"nan", "na", "n/a", "none", "null", "#n/a", "#na"})


# ---------------------------------------------------------------------------------------------
# Cells: levels and dates
# ---------------------------------------------------------------------------------------------

# a leading number: ``3 - Proficient``, ``4（精通）``, ``4分``, ``3.5分``; never the ``3`` of ``3.5x``
# (and ``3级``, as Chinese assessment systems write a level; ``L3``, ``Lv.3``, ``Level 3``, ``等级3``)
_LEADING_NUMBER = re.compile(
    r"^(?:(?:l|lv|lvl|level|等级|級別|级别)\s*[.:：]?\s*)?([0-9]+(?:\.[0-9]+)?)(?:分|级|級)?"
    r"(?:\s*[-–—:.、)(](?![0-9])|\s|$)"
)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]*)?")
# a label, then its number in brackets: ``精通（4）``, ``Proficient (3)``, ``熟练(3分)``
_TRAILING_NUMBER = re.compile(r"^[^\W\d_][^()（）]*?\s*[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分?\s*[)）]$")
# a level written in Chinese numerals with its word, as Chinese competency models name them
# (一级 … 五级), and stars (★★★☆☆) as some assessment systems export a rating
_CHINESE_DIGITS = "零一二三四五"
_CHINESE_LEVEL = re.compile(r"^([零一二三四五])(级|級)")
_STARS = re.compile(r"★+☆*")
# a decimal comma, as semicolon-separated European exports write numbers: 3,5 = 3.5
_DECIMAL_COMMA = re.compile(r"^([+-]?[0-9]+),([0-9]{1,2})$")


def out_of_range(values: np.ndarray | float) -> np.ndarray:
    """Which levels lie outside 0-5: the one rule of every read path (a CSV read by Arrow, a
    workbook, a DataFrame, an export through a mapping, a leading number in a text). A level is
    compared at the precision it is kept in (float32, 7 significant digits: ``5.00000001`` is
    5), and infinities (``1e400``) are out of range; NaN (not assessed) is not."""
    with np.errstate(invalid="ignore", over="ignore"):
        kept = np.asarray(values, dtype=np.float64).astype(np.float32)
        return (kept < 0) | (kept > 5)


# A total line under the table names itself in the id column: ``Total: 260``, ``合计``, ``总计：200人``.
_TOTAL_LABEL = re.compile(
    r"^(?:grand\s*totals?|sub-?\s*totals?|totals?|sum|average|avg|mean|count"
    r"|合计|合計|总计|總計|小计|小計|汇总|彙總|共计|共計|平均)(?![a-z0-9])",
    re.IGNORECASE,
)


def total_labels(ids: pd.Series, *, alone: bool = False) -> np.ndarray:
    """Which cells of an id column start with a totals word (``Total``, ``Grand Total``, ``Sum``,
    ``Average``, 合计, 总计, 小计, 汇总, 平均 …, alone or followed by a number or a colon): the label
    of a total line, never an employee id. A cell of one token (``Sum-01``, ``AVG_2``) is an id
    unless it is a totals label beyond doubt. ``alone``: the totals word alone or with a count
    (``合计``, ``Total: 2``), for a name column (``Total Wang`` is a person).

    Looked at one by one: for the few rows at the bottom of a table only."""
    filled = ids.notna().to_numpy()
    out = np.zeros(len(ids), dtype=bool)
    if not filled.any():
        return out
    texts = [unicodedata.normalize("NFKC", t).strip() for t in ids[filled].astype("str")]
    if alone:
        out[filled] = [bool(_TOTAL_ALONE.match(t)) for t in texts]
    else:
        out[filled] = [
            bool(_TOTAL_LABEL.match(t)) and (not _ONE_TOKEN.fullmatch(t) or bool(_SUBTOTAL_LABEL.match(t)))
            for t in texts
        ]
    return out


# A length of service as HR systems write it: Workday's ``5 year(s), 3 month(s), 12 day(s)``,
# ``3 years 2 months``, ``2 yrs``; 钉钉 and 飞书's 司龄 ``12年5个月``, ``5个月``, ``3.5年``.
_YEARS = r"(?:years?|yrs?|year\(s\)|y|年)"
_MONTHS_WORD = r"(?:months?|mos?|month\(s\)|m|个月|個月|月)"
_DAYS = r"(?:days?|day\(s\)|d|天|日)"
_SEP = r"[\s,，、]*(?:and\s+|零)?"
_DURATION = re.compile(
    rf"^(?=\d)(?:(\d+(?:\.\d+)?)\s*{_YEARS}{_SEP})?(?:(\d+(?:\.\d+)?)\s*{_MONTHS_WORD}{_SEP})?"
    rf"(?:(\d+)\s*{_DAYS}{_SEP})?$",
    re.IGNORECASE,
)


_HALF_YEAR = re.compile(r"^(?:(\d+)年半|半年)$")


def duration_years(text: str) -> float | None:
    """Years from a length of service written in words (``5 year(s), 3 month(s), 12 day(s)``,
    ``12年5个月``, ``5个月``, ``3年半``, ``半年``): years + months / 12 + days / 365.25; None when
    it is not one."""
    t = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    t = _HALF_YEAR.sub(lambda h: f"{h.group(1) or 0}.5年", t)  # 3年半 = 3.5年, 半年 = 0.5年
    m = _DURATION.match(t)
    if not m or not any(m.groups()):
        return None
    y, mo, d = (float(g) if g else 0.0 for g in m.groups())
    return y + mo / 12 + d / 365.25


def durations(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(years, read) of a few tenure cells that are not numbers (:func:`duration_years`), each
    distinct text once; years NaN where not read."""
    codes, uniques = _factorize(cells)
    looked = [duration_years(u) if isinstance(u, str) else None for u in uniques]
    years = np.array([math.nan if v is None else v for v in looked] + [math.nan], dtype=np.float64)
    return years[np.asarray(codes, dtype=np.intp)], ~np.isnan(years[np.asarray(codes, dtype=np.intp)])


# ---------------------------------------------------------------------------------------------
# Subtotal lines anywhere in the table
# ---------------------------------------------------------------------------------------------

# A subtotal line between groups (``小计``, ``财务部 小计``, ``Finance Subtotal``, ``Sub-total: 38``)
# is looked for in every row, so it must be a label beyond doubt: a totals word alone, with a
# count beside it, or after a group's name; never a word that merely starts the cell (``Sum Wai
# Ling`` is a person, ``Totalis``, ``SUM01`` and ``T0TAL1`` are ids). Under the table, where the
# rows are footers anyway, :data:`_TOTAL_LABEL` is looser.
_EN_TOTAL = r"(?:grand[\s-]*totals?|sub[\s-]*totals?|totals?)(?![a-z0-9])"
_EN_STAT = r"(?:sum|average|avg|mean|count)(?![a-z0-9])"  # words of other meanings too
_ZH_TOTAL = r"(?:合计|合計|总计|總計|小计|小計|汇总|彙總|共计|共計|总和|總和)"
_ZH_STAT = r"(?:平均值|平均|计数|計數)"
# a count or mean beside the word: ``: 38``, ``38人``, ``(38 people)``, ``：3.5``
_COUNT_TAIL = (
    r"(?:\s*[:：=]?\s*[(（]?\s*[0-9][0-9,.]*\s*"
    r"(?:人|名|位|people|persons?|staff|employees?|workers?|heads?)?\s*[)）]?)?\s*[:：]?"
)
_ALONE = rf"(?:{_EN_TOTAL}|{_EN_STAT}|{_ZH_TOTAL}|{_ZH_STAT}){_COUNT_TAIL}"  # Total, 小计：38人
_WORD_THEN_GROUP = rf"(?:{_EN_TOTAL}|{_ZH_TOTAL})(?:\s*[:：]\s*|\s+)\S.*"  # Subtotal: Finance, 小计 财务部
# a group's name, then the word: Finance Subtotal, 财务部 小计, 财务部小计, Finance Average
_GROUP_THEN_WORD = (
    rf".*\S(?:\s+|(?<=[^\x00-\x7f]))(?:{_EN_TOTAL}|{_ZH_TOTAL}|(?:average|count)(?![a-z0-9])"
    rf"|平均值|计数|計數){_COUNT_TAIL}"
)
_SUBTOTAL_LABEL = re.compile(rf"^(?:{_ALONE}|{_WORD_THEN_GROUP}|{_GROUP_THEN_WORD})$", re.IGNORECASE)
# In a group's column (department, site, position), as Excel's Subtotal command writes its label
# (``Finance Operations Count``, ``Grand Total``, ``财务部 汇总``, ``总计数``): never the word before
# a name, as ``Total Rewards`` is a department.
_GROUP_LABEL = re.compile(rf"^(?:{_ALONE}|{_GROUP_THEN_WORD})$", re.IGNORECASE)
# A name joined from two columns (姓 + 名, First + Last): a totals word in a part of it, alone, with
# a count, or beside a group's name (``小计`` + ``2人``, ``财务部`` + ``小计``, ``Grand`` + ``Total``);
# not the English words that are also surnames (``Sum``, ``Count``, ``Mean``).
_JOINED_NAME_LABEL = re.compile(
    rf"^(?:(?:{_EN_TOTAL}|{_ZH_TOTAL}|{_ZH_STAT}){_COUNT_TAIL}|{_WORD_THEN_GROUP}"
    rf"|.*\S(?:\s+|(?<=[^\x00-\x7f]))(?:{_EN_TOTAL}|{_ZH_TOTAL}|平均值|计数|計數){_COUNT_TAIL})$",
    re.IGNORECASE,
)
_TOTAL_ALONE = re.compile(rf"^(?:{_EN_TOTAL}|{_EN_STAT}|{_ZH_TOTAL}|{_ZH_STAT}){_COUNT_TAIL}$", re.IGNORECASE)
_ONE_TOKEN = re.compile(r"[\w-]+")  # SUM-01, AVG_2, Total: an id's shape
# Every subtotal label holds one of these (a screen run by Arrow on a whole column at once);
# full-width letters too, as a file not yet NFKC-normalised may spell them.
_SUBTOTAL_WORDS = (
    "(?i)total|sum|avg|average|mean|count|ｔｏｔａｌ|ｓｕｍ|ａｖｇ|ａｖｅｒａｇｅ|ｍｅａｎ|ｃｏｕｎｔ"
    "|合计|合計|总计|總計|小计|小計|汇总|彙總|共计|共計|总和|總和|平均|计数|計數"
)


# Subtotal lines are one per group: a column where more cells than this (and more than a tenth
# of them) hold a totals word holds ids that spell one (ACCOUNT-01, SUMMIT-7), not labels.
WORD_CELLS_MOST = 1000


def is_subtotal_label(text: str) -> bool:
    """Whether one cell is a totals label beyond doubt (see :func:`subtotal_labels`)."""
    return bool(_SUBTOTAL_LABEL.match(unicodedata.normalize("NFKC", text).strip()))


def subtotal_labels(cells: pd.Series, label: re.Pattern[str] = _SUBTOTAL_LABEL) -> np.ndarray:
    """Which cells of a column are a totals label wherever they are in the table: a totals word
    alone or with a count (``小计``, ``Total: 38``, ``合计：12人``), a group's name and the word
    (``财务部 小计``, ``Finance Subtotal``), or the word and a group (``Subtotal: Finance``).

    Whole-column work: Arrow screens the column for the totals words (a usual roster holds none:
    one pass, no row looked at in Python); only the cells holding such a word are matched
    exactly, each distinct text once. ``label``: the pattern a label matches (a name joined from
    two columns: :data:`_JOINED_NAME_LABEL`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = np.zeros(len(cells), dtype=bool)
    if not len(cells) or (
        pd.api.types.is_numeric_dtype(cells.dtype) and not pd.api.types.is_object_dtype(cells.dtype)
    ):
        return out  # numbers are never labels
    arr = arrow_strings(cells)
    if arr.null_count == len(arr):
        return out
    # one regular expression over the whole column (Arrow's RE2, no Python per row); only the
    # cells holding a totals word are matched exactly below
    hit = pc.fill_null(pc.match_substring_regex(arr, _SUBTOTAL_WORDS), False)
    at = np.flatnonzero(hit.to_numpy(zero_copy_only=False))
    if not len(at) or len(at) > max(WORD_CELLS_MOST, len(arr) // 10):
        return out  # none; or so many that the word is part of the ids' scheme (ACCOUNT-01)
    texts = pc.take(arr, pa.array(at))
    distinct = pc.unique(texts)
    labelled = pa.array(
        [t is not None and bool(label.match(unicodedata.normalize("NFKC", t).strip())) for t in distinct.to_pylist()],
        type=pa.bool_(),
    )
    out[at] = pc.take(labelled, pc.index_in(texts, value_set=distinct)).to_numpy(zero_copy_only=False)
    return out


def arrow_strings(s: pd.Series) -> Any:
    """A text column as Arrow strings (a ChunkedArray): no copy when it is Arrow-backed already
    (the roster's text always is); anything else is converted, missing values staying missing."""
    import pyarrow as pa

    if not (isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"):
        s = s.astype("str") if s.dtype != object else s.astype(object).where(s.notna(), None).astype("str")
    arr = s.array.__arrow_array__()
    return arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])


# A name cell that holds nothing but a totals word is a subtotal line's label, beside any id
# (``38``, ``小计``): no person is named ``Total`` or 小计. Matched whole (one hash per name, about
# 12 ms for 1,000,000 names), so ``Total Wang`` and ``Sum Wai Ling`` stay people.
_NAME_LABELS = (
    *(
        v
        for w in ("total", "totals", "subtotal", "sub-total", "sub total", "grand total")
        for v in dict.fromkeys((w, w.title(), w.upper(), w.capitalize()))
    ),
    *("SubTotal", "合计", "合計", "总计", "總計", "小计", "小計", "汇总", "彙總", "共计", "共計", "总和", "總和"),
)


def subtotal_rows(ids: pd.Series, names: pd.Series | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(by id, by name): the rows whose id cell is a totals label (:func:`subtotal_labels`),
    those whose id cell is blank and name cell is one, and those whose name cell is nothing but
    a totals word (``小计``, ``Total``) beside a filled id cell (``38``), anywhere in the table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    by_id = subtotal_labels(ids)
    by_name = np.zeros(len(ids), dtype=bool)
    if names is not None:
        blank = ids.isna().to_numpy(dtype=bool)  # blank ids are missing (NaN) by now
        at = np.flatnonzero(blank & ~by_id)
        if len(at):
            by_name[at] = subtotal_labels(names.iloc[at])
        arr = arrow_strings(names)
        if arr.null_count < len(arr):
            word = pc.is_in(arr, value_set=pa.array(_NAME_LABELS, type=arr.type))
            if pc.any(word).as_py():
                by_name |= pc.fill_null(word, False).to_numpy(zero_copy_only=False) & ~by_id
    return by_id, by_name


def group_subtotal_rows(n: int, names: pd.Series | None, groups: Sequence[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """(rows, which group): the subtotal lines Excel's Subtotal command inserts when a table is
    sorted by a group (department, site, position) — the label in the group's cell (``Finance
    Operations Count``, ``Grand Total``, ``财务部 汇总``, ``总计数``), a count or sum beside it (in
    the id cell too: ``38``), the name cell blank — and ``which``: the index in ``groups`` of the
    labelled cell (-1: none).

    Only the rows without a name are looked at (none in a usual roster: no work); without a name
    column, each group's distinct values once."""
    rows = np.zeros(n, dtype=bool)
    if not groups or (names is not None and not names.isna().any()):
        return rows, np.zeros(0, dtype=np.int64)  # a name everywhere: no such line (no work)
    which = np.full(n, -1, dtype=np.int64)
    at = np.arange(n) if names is None else np.flatnonzero(names.isna().to_numpy(dtype=bool))
    for k, col in enumerate(groups):
        cells = col if len(at) == n else col.iloc[at]
        hit = _distinct_match(cells, _GROUP_LABEL) & ~rows[at]
        rows[at[hit]] = True
        which[at[hit]] = k
    return rows, which


def _distinct_match(cells: pd.Series, rx: re.Pattern[str]) -> np.ndarray:
    """Which cells (texts) match ``rx``, NFKC-normalised and trimmed; each distinct value once."""
    if not len(cells) or (
        pd.api.types.is_numeric_dtype(cells.dtype) and not pd.api.types.is_object_dtype(cells.dtype)
    ):
        return np.zeros(len(cells), dtype=bool)
    codes, uniques = _factorize(cells)
    hit = np.array(
        [isinstance(u, str) and bool(rx.match(unicodedata.normalize("NFKC", u).strip())) for u in uniques] + [False],
        dtype=bool,
    )
    return hit[np.asarray(codes, dtype=np.intp)]


# An id as HR systems write them: letters, digits and a few marks (E00123, 2019-0042, AB.12/3);
# a cell with spaces or other characters under the table is a note (``Source: Workday``).
_ID_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-./#]*")


# A signature line under a report (制表人：张三 审核人：李四 打印日期：2026-06-30, ``Prepared by: HR
# Ops``, ``Approved by:``): every filled cell a short label, a colon, and maybe a value.
_SIGNED = re.compile(r"^[^\d\s:][^:]{0,15}:")


def note_rows(
    bottom: pd.DataFrame, labels: np.ndarray | None = None
) -> tuple[np.ndarray, list[str | None], np.ndarray]:
    """(rows, column, signed) of a table's last rows (``bottom``: a few, not the whole table): a
    row holding one cell alone, a text not shaped like an id (``Source: Workday, 2026-06-30``,
    ``Confidential - do not distribute``, ``注：数据截至6月30日``), is a note under the table, never
    a person; ``column``: the column of that cell. So is a signature line (``signed``), as
    Chinese ERP reports and sheets end: each filled cell a label and a colon (``制表人：张三``,
    ``审核人：``, ``Prepared by: HR Ops``), ``column`` its first. Looked at from the last row up,
    as far as the rows are notes or total lines (``labels``): one row of a usual roster."""
    n = len(bottom)
    rows = np.zeros(n, dtype=bool)
    signed = np.zeros(n, dtype=bool)
    where: list[str | None] = [None] * n
    if not bottom.shape[1]:
        return rows, where, signed
    for i in range(n - 1, -1, -1):
        filled = [
            (str(c), v) for c, v in zip(bottom.columns, bottom.iloc[i].to_numpy(dtype=object), strict=True)
            if not (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)) or not str(v).strip())
        ]  # fmt: skip
        text = filled[0][1] if len(filled) == 1 else None
        if isinstance(text, str) and not _ID_SHAPE.fullmatch(unicodedata.normalize("NFKC", text).strip()):
            rows[i] = True
            where[i] = filled[0][0]
        elif filled and all(
            isinstance(v, str) and _SIGNED.match(unicodedata.normalize("NFKC", v).strip()) for _, v in filled
        ):
            rows[i] = signed[i] = True
            where[i] = filled[0][0]
        if not rows[i] and not (labels is not None and labels[i]):
            break  # a person: the footer ends here
    return rows, where, signed


def total_line_message(what: str, under: bool) -> str:
    """The warning on a skipped total line: ``what`` is ``id`` (the id cell holds a totals
    label), ``name`` (the name cell does), or ``only_id`` (nothing but the id cell is filled);
    ``under``: in the run of rows under the table, else a subtotal line inside it."""
    said = {
        "id": "the employee id column holds a totals label",
        "name": "the name column holds a totals label",
        "group": "a group's column holds a totals label and the name is blank",
        "only_id": "only the employee id column holds something",
        "note": "only this cell holds something, a text that is no employee id",
        "anonymous": "the employee id and the name are blank",
        "signed": "every cell of the row is a label and a colon (制表人：, 审核人：, Prepared by:)",
    }[what]
    if what == "signed":
        return f"{said}: read as a signature line under the table, not as a person, and skipped"
    if what == "anonymous":  # 合计 in a 序号 column (not read), sums or means beside it
        return (
            f"{said}: read as a total line under the table (its label, such as 合计 or Average, in "
            "another column), not as a person, and skipped"
        )
    if what == "note":
        return f"{said}: read as a note under the table, not as a person, and skipped"
    if what == "group":
        return f"{said}: read as a subtotal line (as Excel's Subtotal command writes them), not as a person, and skipped"
    if under:
        return f"{said}: read as a total or footer line under the table, not as a person, and skipped"
    return f"{said}: read as a subtotal line inside the table, not as a person, and skipped"


def total_lines_more(more: int) -> str:
    return f"{more} more total or subtotal lines like this, skipped"


def footer_rows(labels: np.ndarray, others: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """The total and footer lines at the bottom of a table: going up from the last row kept, the
    rows that hold nothing but the id cell (``others`` false) or whose id cell is a totals label
    (``labels``). Blank rows in between (``keep`` false) are passed over. A table of nothing but
    ids has no footer."""
    footer = np.zeros(len(keep), dtype=bool)
    for pos in range(len(keep) - 1, -1, -1):
        if not keep[pos]:
            continue
        if others[pos] and not labels[pos]:
            break
        footer[pos] = True
    if footer[keep].all() and not labels[footer].any():
        return np.zeros(len(keep), dtype=bool)  # ids only everywhere: a roster of ids, no footer
    return footer


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
        return (math.nan, True) if out_of_range(v) else (v, False)
    key = _text_key(str(value))
    if key == "":
        return math.nan, False
    if key in user:
        return user[key], False
    if key in NULL_WORDS:
        return math.nan, True
    key = _DECIMAL_COMMA.sub(r"\1.\2", key)  # 3,5 = 3.5 (a European export), as the plain reader reads it
    key = _CHINESE_LEVEL.sub(lambda c: str(_CHINESE_DIGITS.index(c.group(1))) + c.group(2), key)  # 三级 = 3级
    if _STARS.fullmatch(key):  # ★★★☆☆: three stars of five
        key = str(key.count("★"))
    m = _LEADING_NUMBER.match(key) or _TRAILING_NUMBER.match(key)
    if m:
        v = float(m.group(1))
        number = str(int(v)) if v.is_integer() else m.group(1)
        if number in user:  # a 1-4 scale mapped by its numbers ({"4": 5}) holds "4 - Exceeds" too
            return user[number], False
        return (math.nan, True) if out_of_range(v) else (v, False)
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
        if any(_NUMBER.fullmatch(_text_key(k)) for k in value_map or {}):
            # the mapping gives numbers a meaning (a 1-4 scale: {"4": 5, ...})
            return _parse_by_values(series, scale_labels, value_map)
        if isinstance(dtype, pd.ArrowDtype):
            bounds = _arrow_bounds(series)
            if bounds is not None and not out_of_range(np.array(bounds)).any():
                # the usual case: the column as the CSV reader gives it, no copy
                return series, np.zeros(len(series), dtype=bool)
        arr = series.to_numpy(dtype=np.float64, na_value=np.nan)
        bad = out_of_range(arr)
        if not bad.any() and dtype == np.float64:
            return series, bad  # the column as read
        if bad.any():
            arr = np.where(bad, np.nan, arr)
        return pd.Series(arr, index=series.index, name=series.name, copy=False), bad
    return _parse_by_values(series, scale_labels, value_map)


def _arrow_bounds(series: pd.Series) -> tuple[float, float] | None:
    """(min, max) of an Arrow float column without NaN (blanks are nulls), else None."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = series.array.__arrow_array__()
    if not pa.types.is_floating(arr.type) or pc.any(pc.is_nan(arr)).as_py():
        return None
    mm = pc.min_max(arr).as_py()
    if mm["min"] is None:
        return (0.0, 0.0)  # every cell blank
    return float(mm["min"]), float(mm["max"])


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
    at = codes.astype(np.intp, copy=False)  # -1 (blank) takes the last: NaN, not bad
    bad = np.take(bads, at) if bads.any() else np.zeros(len(at), dtype=bool)
    return pd.Series(np.take(values, at), index=series.index, name=series.name, copy=False), bad


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
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        return codes, encoded.dictionary.to_pylist()
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes, list(uniques)


_DATE_TEXT = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号號]?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?$"  # an API's ISO time with its zone: 2019-03-04T00:00:00Z
)
# SAP's and many Chinese systems' compact dates: 20190304 (never an Excel serial, which has 7
# digits at most)
COMPACT_FIRST, COMPACT_LAST = 18000101, 29991231


def _compact_date(v: float) -> pd.Timestamp | None:
    if not (COMPACT_FIRST <= v <= COMPACT_LAST and float(v).is_integer()):
        return None
    n = int(v)
    try:
        return pd.Timestamp(n // 10000, n // 100 % 100, n % 100)
    except ValueError:
        return None
# Day and month before the year (``03/27/2015``, ``27.03.2015``, also ``3/27/2015 12:00:00 AM``):
# read only when the mapping's ``date_order`` says which comes first (MDY or DMY).
_DAY_MONTH_TEXT = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)?$"
)
DATE_ORDERS = ("YMD", "MDY", "DMY")
# The month by its English name: one order only, whatever date_order says (``5-Mar-2019``,
# ``5 March 2019``, ``Mar 5, 2019``, as English Excel and HR systems write dates). A year of two
# digits stays unread (which century?).
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?)?"
_NAMED_DAY_FIRST = re.compile(r"^(\d{1,2})[-/ .]([A-Za-z]{3,9})\.?[-/ .,]\s*(\d{4})" + _TIME + "$")
_NAMED_MONTH_FIRST = re.compile(r"^([A-Za-z]{3,9})\.?[ -](\d{1,2}),?[ -](\d{4})" + _TIME + "$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")  # fmt: skip


def _month_named(word: str) -> int | None:
    """1-12 for ``Mar``, ``March``, ``Sept``; None for anything else."""
    w = word.lower()
    for i, name in enumerate(_MONTHS, start=1):
        if len(w) >= 3 and name.startswith(w):
            return i
    return None


def _parse_date_text(text: str, order: str = "YMD") -> pd.Timestamp | None:
    text = unicodedata.normalize("NFKC", text).strip()
    m = _DATE_TEXT.match(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif order != "YMD" and (m := _DAY_MONTH_TEXT.match(text)):
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month, day = (first, second) if order == "MDY" else (second, first)
    elif (m := _NAMED_DAY_FIRST.match(text)) and (named := _month_named(m.group(2))):
        day, month, year = int(m.group(1)), named, int(m.group(3))
    elif (m := _NAMED_MONTH_FIRST.match(text)) and (named := _month_named(m.group(1))):
        month, day, year = named, int(m.group(2)), int(m.group(3))
    else:
        return None
    try:
        return pd.Timestamp(year, month, day)
    except ValueError:
        return None


def day_month_first(text: object) -> tuple[int, int] | None:
    """The first two numbers of a date written day and month before the year (``03/27/2015``:
    (3, 27)), else None."""
    m = _DAY_MONTH_TEXT.match(unicodedata.normalize("NFKC", str(text)).strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def guess_date_order(values: Sequence[object]) -> tuple[str | None, bool]:
    """(the order of dates written day and month before the year, whether the values prove it):
    a first number above 12 is a day (DMY), a second one above 12 is a day (MDY). (None, False)
    when no value is written that way, or when both happen (not one order)."""
    pairs = [p for v in values if (p := day_month_first(v)) is not None]
    if not pairs:
        return None, False
    day_first = any(a > 12 for a, _ in pairs)
    month_first = any(b > 12 for _, b in pairs)
    if day_first and month_first:
        return None, False
    if day_first:
        return "DMY", True
    return "MDY", month_first


def date_hint(values: pd.Series, bad: np.ndarray, order: str, example: str = "2019-03-04") -> str:
    """The hint for dates that could not be read: the ``date_order`` key when they are written
    day and month before the year."""
    shown = values[bad].dropna().astype("str").unique()[:50]
    if order == "YMD" and any(day_month_first(v) is not None for v in shown):
        guess, _ = guess_date_order(list(shown))
        first = "MDY (month first: 03/27/2015)" if guess != "DMY" else "DMY (day first: 27/03/2015)"
        other = "DMY (day first)" if guess != "DMY" else "MDY (month first)"
        return f"the day and month come before the year: set date_order: {first} in the mapping file, or {other}"
    if any(_SHORT_YEAR_NAMED.match(str(v).strip()) for v in shown):
        return "write the year with four digits (5-Mar-2019, not 5-Mar-19: which century?), or dates as " + example
    return f"write dates as {example} or {example.replace('-', '/')}, or use Excel date cells"


# 5-Mar-19, Mar 5, 19: a month by name and a year of two digits
_SHORT_YEAR_NAMED = re.compile(r"^(?:\d{1,2}[-/ .][A-Za-z]{3,9}\.?[-/ .,]\s*|[A-Za-z]{3,9}\.?[ -]\d{1,2},?[ -])\d{2}\b")


def _date_of(value: object, order: str = "YMD") -> tuple[pd.Timestamp | None, bool]:
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
        compact = _compact_date(v)  # 20190304
        return (compact, False) if compact is not None else (None, True)
    text = str(value).strip()
    if not text:
        return None, False
    if _DOTTED_MONTH.fullmatch(text):  # 2019.03: a month (as a serial, a day in 1905)
        return month_only(text), False
    if _NUMBER.fullmatch(text):  # an Excel serial number, read as text from a CSV
        return _date_of(float(text))
    ts = _parse_date_text(text, order)
    if ts is None:
        ts = month_only(text)  # 2019年3月, 2019-03, Mar 2019: the 1st of the month
    return (ts, False) if ts is not None else (None, True)


# A date that gives the month only, as HR systems and people write a hire date: 2019年3月,
# 2019-03, 2019/3, 2019.03, 03/2019, Mar 2019, March-2019 (a four-digit year, never 19)
_MONTH_ONLY = re.compile(r"^(\d{4})(?:[-/](\d{1,2})|\.(\d{2})|年(\d{1,2})月份?)$")
# 2019.03 (two digits: Excel writes 2019.10 as 2019.1, which stays a number) and a year that
# makes no sense as an Excel serial (2019 is a day in 1905)
_DOTTED_MONTH = re.compile(r"(?:19|20)\d\d\.(?:0[1-9]|1[0-2])")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_NAMED_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[ -,]\s*(\d{4})$")
MONTH_ONLY_EXAMPLES = "2019年3月, 2019-03, Mar 2019"


def month_only(text: str) -> pd.Timestamp | None:
    """The 1st of the month of a date that gives the month only (``2019年3月``, ``2019-03``,
    ``03/2019``, ``Mar 2019``), else None. Not used for ``--as-of`` (a day is asked there)."""
    text = unicodedata.normalize("NFKC", text).strip()
    month: int | None
    if m := _MONTH_ONLY.match(text):
        year, month = int(m.group(1)), int(m.group(2) or m.group(3) or m.group(4))
    elif m := _MONTH_YEAR.match(text):
        month, year = int(m.group(1)), int(m.group(2))
    elif (m := _NAMED_MONTH_YEAR.match(text)) and (named := _month_named(m.group(1))):
        month, year = named, int(m.group(2))
    else:
        return None
    if not 1 <= month <= 12 or year < 1800:
        return None
    return pd.Timestamp(year, month, 1)


def parse_dates(series: pd.Series, order: str = "YMD") -> tuple[pd.Series, np.ndarray]:
    """Dates as exports write them; returns (datetime64 days, bad).

    ISO (``2019-03-04``, with or without a time), ``2019/03/04``, ``2019.03.04``,
    ``2019年3月4日``, Excel date cells (datetimes) and Excel serial numbers; with ``order``
    ``MDY`` or ``DMY`` also ``03/27/2015`` / ``27/03/2015``. Blank = unknown; anything else is bad.
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
        out = pd.Series(EXCEL_EPOCH + pd.to_timedelta(days, unit="D"), index=series.index, name=series.name)
        with np.errstate(invalid="ignore"):
            compact = bad & (arr >= COMPACT_FIRST) & (arr <= COMPACT_LAST) & (arr == np.floor(arr))
        if compact.any():  # 20190304 typed as a number
            n = arr[compact].astype(np.int64)
            ymd = pd.DataFrame({"year": n // 10000, "month": n // 100 % 100, "day": n % 100})
            parsed = pd.to_datetime(ymd, errors="coerce")
            ok = parsed.notna().to_numpy()
            at = np.flatnonzero(compact)[ok]
            out.iloc[at] = parsed[ok].to_numpy()  # type: ignore[call-overload]  # datetime64 values
            bad[at] = False
        return out, bad
    codes, stamps, bads, _ = _date_codes(series, order)
    return pd.Series(stamps[codes], index=series.index, name=series.name), bads[codes]


def _date_codes(
    series: pd.Series, order: str = "YMD"
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(codes, date of each distinct value + NaT, bad of each + False, whether each gives the
    month only + False) of a column of dates."""
    codes, uniques = _factorize(series)
    # the distinct values: ISO text at once, the rest (other spellings, date cells) one by one
    iso = pd.to_datetime(
        pd.Series(uniques, dtype=object).where(lambda u: u.map(lambda x: isinstance(x, str))),
        format="%Y-%m-%d", errors="coerce",
    )
    stamps = np.append(iso.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    bads = np.zeros(len(uniques) + 1, dtype=bool)
    months = np.zeros(len(uniques) + 1, dtype=bool)
    for i in np.flatnonzero(np.isnat(stamps[:-1])):
        u = uniques[int(i)]
        t, bads[i] = _date_of(u, order)
        if t is not None:
            stamps[i] = t.to_datetime64()
            # the 1st of a month written without its day (a full date's text matches first)
            months[i] = t.day == 1 and isinstance(u, str) and _parse_date_text(u, order) is None and (
                month_only(u) is not None
            )
    return codes, stamps, bads, months


def _is_text_dtype(series: pd.Series) -> bool:
    """A column of text as the CSV reader gives it (pandas' string dtypes, not object)."""
    return isinstance(series.dtype, pd.StringDtype) or (
        isinstance(series.dtype, pd.ArrowDtype) and "string" in str(series.dtype)
    )


# A character of the Han script (CJK ideographs, their extensions and compatibility forms)
_HAN = r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}\x{F900}-\x{FAFF}\x{20000}-\x{3134F}]"


def join_names(given: pd.Series, family: pd.Series) -> pd.Series:
    """The whole name from its two parts, cell by cell in Arrow (no Python per row): in Chinese
    characters (either part holds one) family name and given name without a space (王 + 小明 =
    王小明), else given name, a space, family name (``Mei Chen``). A blank part leaves the other
    alone; both blank: blank. The parts are text as the roster reads them (trimmed, blank = missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    g, f = arrow_strings(given), arrow_strings(family)
    t = g.type
    # blanks as "" (Arrow's join drops a row whose parts are all missing), each part trimmed
    g = pc.utf8_trim_whitespace(pc.fill_null(g, pa.scalar("", t)))
    f = pc.utf8_trim_whitespace(pc.fill_null(f.cast(t), pa.scalar("", t)))
    chinese = pc.binary_join_element_wise(f, g, pa.scalar("", t))
    western = pc.utf8_trim_whitespace(pc.binary_join_element_wise(g, f, pa.scalar(" ", t)))
    out = pc.if_else(pc.match_substring_regex(chinese, _HAN), chinese, western)
    out = pc.if_else(pc.equal(out, ""), pa.scalar(None, t), out)
    return pd.Series(pd.array(out, dtype="str"), index=given.index, copy=False)


# round 8: a person's rows of a long export that disagree on a standard column
LONG_DIFFERS_MESSAGE = "this person's rows disagree: the value on their first row is used, not this one"
LONG_DIFFERS_HINT = (
    "a person's department, site, position, tenure and employment type are read from their first "
    "row: make them the same on every row of the person (or put the current one first)"
)


def differs_from_first(values: pd.Series, first_at: np.ndarray) -> np.ndarray:
    """The rows whose value differs from the one on their person's first row, one per person (the
    first such row), both cells filled: in a long export, a person moved to another department
    between two ratings, and only the first row's department is read. ``first_at``: for each row,
    the position of its person's first row (-1: no person). Whole-column work: the values are
    compared to those taken from the first rows: one Arrow ``take`` and compare for text (about
    20 ms per million rows), numbers in numpy, anything else factorised once."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ok = first_at >= 0
    at = np.where(ok, first_at, 0)
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        arr = arrow_strings(values)
        unequal = pc.fill_null(pc.not_equal(arr, pc.take(arr, pa.array(at))), False)
        differ = ok & unequal.to_numpy(zero_copy_only=False)
    elif pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        num = values.to_numpy(dtype=np.float64, na_value=np.nan)
        ref_num = num[at]
        differ = ok & ~np.isnan(num) & ~np.isnan(ref_num) & (num != ref_num)
    else:
        codes = pd.factorize(values, use_na_sentinel=True)[0]
        ref = codes[at]
        differ = ok & (codes >= 0) & (ref >= 0) & (codes != ref)
    if not differ.any():
        return differ
    at = np.flatnonzero(differ)
    _, once = np.unique(first_at[at], return_index=True)  # the first such row of each person
    out = np.zeros(len(differ), dtype=bool)
    out[at[once]] = True
    return out


def joined_name_labels(names: pd.Series) -> np.ndarray:
    """The names joined from two columns (姓 + 名) that are a totals label (:data:`_JOINED_NAME_LABEL`),
    as a subtotal line typed into the name's parts reads: ``小计2人``, ``财务部小计``, ``Grand Total``.
    Whole-column work, as :func:`subtotal_labels`."""
    return subtotal_labels(names, _JOINED_NAME_LABEL)


# round 8: the header again, inside the table (an ERP report that repeats it on every page, two
# exports pasted one under the other)
REPEATED_HEADER_MESSAGE = (
    "this row repeats the header (as a report that repeats it on every page, or two exports pasted "
    "one under the other, writes it): not a person, and skipped"
)
REPEATED_HEADER_LISTED = 5


def repeated_header_rows(frame: pd.DataFrame, headers: dict[str, str], id_column: str) -> np.ndarray:
    """The rows that repeat the header: the id cell is the id column's header (as written, or
    trimmed and NFKC-normalised) and at least one other cell is its own column's header (case,
    width and spaces ignored). ``headers``: column of ``frame`` -> its header as written. An
    Arrow compare or two over the id column (about 2 ms per million rows); the other columns are
    looked at on the few rows found only."""
    import pyarrow.compute as pc

    n = len(frame)
    out = np.zeros(n, dtype=bool)
    if id_column not in frame or id_column not in headers or not n:
        return out
    ids = frame[id_column]
    if pd.api.types.is_numeric_dtype(ids.dtype) and not pd.api.types.is_object_dtype(ids.dtype):
        return out  # numbers only: no header among them
    written = str(headers[id_column])
    arr = arrow_strings(ids)
    same = None
    for form in dict.fromkeys((written, written.strip(), unicodedata.normalize("NFKC", written).strip())):
        hit = pc.equal(arr, form)
        same = hit if same is None else pc.or_(same, hit)
    at = np.flatnonzero(pc.fill_null(same, False).to_numpy(zero_copy_only=False))
    if not len(at):
        return out
    others = np.zeros(len(at), dtype=np.int64)
    for column, header in headers.items():  # the headers: a few dozen
        if column == id_column or column not in frame:
            continue
        want = _text_key(str(header))
        cells = frame[column].iloc[at].to_numpy(dtype=object)
        others += np.array([isinstance(v, str) and _text_key(v) == want for v in cells], dtype=np.int64)
    out[at[others > 0]] = True
    return out


# round 8: a section heading inside the table (财务部 alone on its row, above the people of that
# department), as hand-kept sheets group people
SECTION_MESSAGE = (
    "only the employee id column holds something, a text that is no employee id: read as a section "
    "heading (a group's name above its people), not as a person, and skipped"
)
SECTION_HINT = "to split a report by these groups, put each person's group in a column (e.g. department) and use --by"


def section_rows(ids: pd.Series, others: pd.DataFrame, skipped: np.ndarray | None = None) -> np.ndarray:
    """The rows whose id cell holds a text not shaped like an id (``财务部``, ``Finance
    Operations``: not ASCII, or with a space) and nothing else, not ``skipped`` already: a
    section heading, never a person. Two Arrow kernels over the ids (ids are ASCII without
    spaces in a usual roster); the other cells are looked at on the rows found only."""
    import pyarrow.compute as pc

    n = len(ids)
    out = np.zeros(n, dtype=bool)
    if not n or (pd.api.types.is_numeric_dtype(ids.dtype) and not pd.api.types.is_object_dtype(ids.dtype)):
        return out
    arr = arrow_strings(ids)
    odd = pc.invert(pc.string_is_ascii(arr))
    odd = pc.or_(odd, pc.match_substring(arr, " "))  # an id with a space (Finance Operations)
    at = np.flatnonzero(pc.fill_null(odd, False).to_numpy(zero_copy_only=False))
    if skipped is not None and len(at):
        at = at[~skipped[at]]
    if not len(at):
        return out
    import pyarrow as pa

    texts = pc.take(arr, pa.array(at))
    distinct = pc.unique(texts)  # each distinct text looked at once
    shaped_d = pa.array([_ID_SHAPE.fullmatch(unicodedata.normalize("NFKC", str(t)).strip()) is not None
                         for t in distinct.to_pylist()], type=pa.bool_())  # fmt: skip
    shaped = pc.take(shaped_d, pc.index_in(texts, value_set=distinct)).to_numpy(zero_copy_only=False)
    at = at[~shaped]
    if not len(at):
        return out
    rest = others.iloc[at]
    alone = np.ones(len(at), dtype=bool)
    for c in rest.columns:  # the columns: a few dozen; the rows: the few found
        col = rest[c]
        blank = col.isna().to_numpy(dtype=bool)
        if not (pd.api.types.is_numeric_dtype(col.dtype) and not pd.api.types.is_object_dtype(col.dtype)):
            blank = blank | col.astype("str").str.strip().eq("").to_numpy(dtype=bool, na_value=True)
        alone &= blank
    out[at[alone]] = True
    return out
