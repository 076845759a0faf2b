"""What a roster's headers mean: the standard columns (English and Chinese names), the long
layout's columns, and the competencies of the catalogue."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import pandas as pd

from ..mapping.headers import (
    EMPLOYMENT_SYNONYMS,
    HEADER_SYNONYMS,
    LONG_SYNONYMS,
    STANDARD_FIELDS,
    CatalogueNames,
    bilingual_match,
    competency_value,
    guess_id_column,
    leave_date_header,
    name_parts,
    normalise_header,
    post_header,
    status_header,
)
from ..profiles import ProfileSet, suggest
from .findings import CELLS_LISTED, Ctx, shown

__all__ = [
    "EMPLOYMENT_ALIASES",
    "LONG_ALIASES",
    "STANDARD_ALIASES",
    "STANDARD_COLUMNS",
    "TEXT_COLUMNS",
    "normalise_header",
]

STANDARD_COLUMNS = STANDARD_FIELDS  # the mapping file's standard fields are the roster's
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


def employment_type(value: str) -> str:
    """An employment type as a roster writes it -> internal / external / contractor, or the value
    casefolded when it is none of them. The plain reader knows what a mapping file's reader knows
    (``Full-time``, ``Regular``, 全职, 派遣), ignoring case, spaces and hyphens."""
    folded = value.casefold()
    return EMPLOYMENT_ALIASES.get(folded) or EMPLOYMENT_SYNONYMS.get(normalise_header(value)) or folded


# One matching for every reader (the mapping's): case, spaces, "-", "_" and camelCase ignored;
# the standard names and their aliases first (rank 0), then the HRIS synonyms (rank 1: when a
# synonym and a standard name both appear, the standard name wins and the synonym is unknown).
STANDARD_RANKS: dict[str, tuple[str, int]] = {}
for _c, _aliases in STANDARD_ALIASES.items():
    for _a in _aliases:
        STANDARD_RANKS.setdefault(normalise_header(_a), (_c, 0))
for _c, _aliases in HEADER_SYNONYMS.items():
    if _c in STANDARD_ALIASES or _c == "hire_date":  # hire_date: tenure to the as-of date
        for _a in _aliases:
            STANDARD_RANKS.setdefault(normalise_header(_a), (_c, 1))
STANDARD_KEYS = {k: c for k, (c, _) in STANDARD_RANKS.items()}
LONG_KEYS = {normalise_header(a): c for c, aliases in LONG_ALIASES.items() for a in aliases}
for _c in ("competency", "level"):
    for _a in LONG_SYNONYMS[_c]:
        LONG_KEYS.setdefault(normalise_header(_a), _c)


def competency_keys(pset: ProfileSet) -> dict[str, str]:
    """normalised header (competency id, English or Chinese name) -> competency id."""
    return CatalogueNames.from_profiles(pset).header_keys()


def is_date(canon: str) -> bool:
    """Is the column a date (read as written: text, an Excel date cell or serial)?"""
    return canon in ("hire_date", "left_on")


def is_text(canon: str) -> bool:
    """Is the column read as text (the standard text columns, the long layout's competency and
    the status column)?"""
    return canon in TEXT_COLUMNS or canon in ("competency", "status", "post", *NAME_PARTS)


NAME_PARTS = ("given_name", "family_name")  # a name in two columns, joined (no name column)


def is_id_header(text: object) -> bool:
    return isinstance(text, str) and STANDARD_KEYS.get(normalise_header(text)) == "employee_id"


def column_letter(n: int) -> str:
    """1 -> A, 27 -> AA: how a spreadsheet names a column."""
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def map_headers(
    header: list[str],
    pset: ProfileSet,
    ctx: Ctx,
    strict: bool = False,
    columns: Sequence[int] | None = None,
    headerless: bool = True,
) -> tuple[dict[str, str], list[str]]:
    """Return {raw header -> canonical name} and the unknown headers; findings go to ``ctx``.

    ``columns`` is the sheet's column number (1 = A) of each header, for a findings' column
    letter when the headers are not the sheet's columns A, B, C... in order (a workbook is
    read by the columns that hold data: it may start at C and skip empty columns).
    ``headerless``: warn of a column without a header here (False: the caller warns of those
    that hold data, once it has read them)."""
    numbers = list(columns) if columns is not None else list(range(1, len(header) + 1))
    if len(numbers) != len(header):  # pragma: no cover - a caller's mistake
        raise ValueError("one column number per header")
    comp = competency_keys(pset)
    header_row = ctx.base - 1
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    seen: dict[str, str] = {}
    positions: dict[str, list[int]] = {}
    for i, raw in enumerate(header, start=1):
        positions.setdefault(raw, []).append(i)
    # a standard field named by a standard header is not taken by an HRIS synonym of it
    exact = {
        STANDARD_RANKS[k][0] for k in (normalise_header(h) for h in header if h)
        if k in STANDARD_RANKS and STANDARD_RANKS[k][1] == 0
    }

    def letters(where: list[int]) -> str:
        return ", ".join(column_letter(numbers[n - 1]) for n in where)

    # the status column (one, the best named; a header repeated is none), read to leave out
    # the people who have left
    status = status_header(h for h in positions if h and len(positions[h]) == 1)
    # without one, the leaving date (Termination Date, 离职日期): a past one says the person left
    leave = None if status is not None else leave_date_header(h for h in positions if h and len(positions[h]) == 1)
    # a person with two posts (主岗 / 兼岗): the column that tells them apart
    post = post_header(h for h in positions if h and len(positions[h]) == 1)
    # a name in two columns (First Name / Last Name, 姓 / 名) and no column of the whole name
    parts = name_parts(h for h in positions if h and len(positions[h]) == 1)

    for raw, where in positions.items():
        key = normalise_header(raw)
        # a header read twice is ambiguous; one that is ignored (a second 备注 or Comments
        # column) is only named in its warning below
        if raw and len(where) > 1 and (key in STANDARD_RANKS or key in comp or key in LONG_KEYS):
            ctx.add(
                "error",
                f"the header appears {len(where)} times (columns {letters(where)}); only the first would be read",
                row=header_row,
                column=raw,
                hint="rename or delete the extra column",
            )
    for i, raw in enumerate(header, start=1):
        if positions[raw][0] != i:
            continue  # a repeated header, reported above
        if not raw:
            if not headerless:
                continue
            ctx.add(
                "warning",
                f"column {column_letter(numbers[i - 1])} has no header and is ignored",
                row=header_row,
            )
            continue
        canon: str | None
        if parts is not None and raw in parts:
            canon = NAME_PARTS[parts.index(raw)]
            seen[canon] = raw
            mapping[raw] = canon
            continue
        key = normalise_header(raw)
        rank = STANDARD_RANKS.get(key)
        canon = rank[0] if rank else comp.get(key) or LONG_KEYS.get(key)
        if canon is None and rank is None:  # 员工编号 Employee ID, 领导力\nLeadership: both names agree
            canon = bilingual_match(raw, lambda k: STANDARD_KEYS.get(k) or comp.get(k) or LONG_KEYS.get(k))
        if canon is None and rank is None:  # a competency after its code: C01 领导力, 1. Leadership
            canon = competency_value(raw, comp.get)
        if canon is None and raw == status:
            canon = "status"  # who has left (Terminated, 离职): read to leave them out
        if canon is None and raw == leave:
            canon = "left_on"  # the leaving date: a past one leaves the person out
        if canon is None and raw == post:
            canon = "post"  # 主岗 / 兼岗: a second post's row is no second person
        if rank is not None and rank[1] > 0 and (rank[0] in exact or rank[0] in seen):
            canon = None
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
    # suggestions name a column as it may be written (its standard name or competency id)
    known = {normalise_header(n): n for n in (*STANDARD_COLUMNS, *comp.values())}
    for raw in unknown[:CELLS_LISTED]:
        where = positions[raw]
        ctx.add(
            "error" if strict else "warning",
            ("unknown column ignored" if len(where) == 1 else f"unknown column ignored (columns {letters(where)})")
            + " (not a standard column or a competency in the catalogue)"
            + (" (--strict)" if strict else ""),
            row=header_row,
            column=shown(raw),
            hint=_suggest(normalise_header(raw), known) if len(raw) <= 100 else None,
        )
    if len(unknown) > CELLS_LISTED:  # a wide HR export: the first ones, then one line for the rest
        rest = unknown[CELLS_LISTED:]
        named = ", ".join(repr(shown(h)) for h in rest[:10]) + (" ..." if len(rest) > 10 else "")
        ctx.add(
            "error" if strict else "warning",
            f"{len(rest)} more unknown columns ignored: {named}",
            row=header_row,
            count=len(rest),
        )
    return mapping, unknown


def _suggest(key: str, known: dict[str, str]) -> str | None:
    hint = suggest(key, list(known))
    if hint is None:
        return None
    match = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"did you mean {known[match[0]]!r}?" if match else hint


def id_column_hint(header: list[str], head_rows: list[list[str]], header_row: int) -> str:
    """Where the employee id column probably is: a misspelt header or an id-like header whose
    values are unique (not ``EmployeeCount``, always 1), or a header further down."""
    rows = [r for r in head_rows[header_row:] if len(r) == len(header)] if header_row >= 1 else []
    sample = None
    if rows and len(set(header)) == len(header):
        sample = pd.DataFrame(rows, columns=header).replace("", None)

    def unique(raw: str) -> bool:
        return sample is None or bool(sample[raw].notna().all() and sample[raw].is_unique)

    if header and re.fullmatch(r"sep=.?", header[0].strip(), flags=re.IGNORECASE) and len(head_rows) > 1:  # sep=;
        return (
            "the first line (sep=...) is Excel's separator line, not the header: delete it, "
            "or read the file through a mapping file (sscgap init --mapping FILE drafts one)"
        )
    ids = [normalise_header(a) for a in STANDARD_ALIASES["employee_id"]] + ["employeeid", "empid", "id"]
    for raw in header:
        if raw and suggest(normalise_header(raw), ids) and unique(raw):
            return f"column {raw!r} looks like it: rename it to employee_id"
    if sample is not None:
        guess = guess_id_column(sample)
        if guess is not None:
            return f"column {guess!r} looks like it (its values are unique): rename it to employee_id"
    for i, cells in enumerate(head_rows, start=1):
        if i != header_row and any(is_id_header(c.strip()) for c in cells):
            return (
                f"row {i} looks like the header: read the file through a mapping file, which finds "
                "a header under a title block (sscgap init --mapping FILE drafts one), or delete "
                "the rows above it"
            )
    return "the first row must be the header, with one column named employee_id"


# ---------------------------------------------------------------------------------------------
# A title block above the header (员工花名册（导出时间：2026-06-30）, a merged title cell, a blank
# row), as HR systems and Excel users write one: read from the header when it is beyond doubt
# ---------------------------------------------------------------------------------------------

TITLE_ROWS = 30  # the rows looked at for a header under a title block
TITLE_KNOWN = 2  # the other known columns the header must hold beside the employee id


def header_under_title(head_rows: Sequence[Sequence[object]], comp: dict[str, str]) -> int | None:
    """The 1-based row of the header under a title block, when it is beyond doubt; None otherwise.

    The rule: among the first :data:`TITLE_ROWS` rows (blank ones count, as in a spreadsheet),
    the first row with an employee-id header (``employee_id``, 员工编号, 工号, ``Employee ID`` …)
    that also holds at least :data:`TITLE_KNOWN` other columns the roster knows (standard columns,
    competencies by id or name, the long layout's columns), each once; and no row above it holds
    two known headers or more (such a row may be the header itself, its id column misnamed).
    Row 1 is never returned (there is no title block). ``comp``: :func:`competency_keys`."""

    def known(cell: object) -> str | None:
        text = str(cell).strip() if cell is not None else ""
        if not text or len(text) > 100:
            return None
        key = normalise_header(text)
        hit = STANDARD_KEYS.get(key) or comp.get(key) or LONG_KEYS.get(key)
        if hit is None:
            hit = bilingual_match(text, lambda k: STANDARD_KEYS.get(k) or comp.get(k) or LONG_KEYS.get(k))
        return hit

    for i, cells in enumerate(head_rows[:TITLE_ROWS], start=1):
        found = [k for k in map(known, cells) if k is not None]
        if "employee_id" in found:
            others = set(found) - {"employee_id"}
            once = len(found) == len(set(found))
            return i if i > 1 and once and len(others) >= TITLE_KNOWN else None
        if len(found) >= 2:
            return None
    return None


def title_text(head_rows: Sequence[Sequence[object]], row: int) -> str | None:
    """The first text of the rows above ``row`` (the title), for the warning that skips them."""
    for cells in head_rows[: row - 1]:
        for c in cells:
            text = str(c).strip() if c is not None else ""
            if text and text != "nan":
                return shown(text)
    return None


def title_block_message(row: int) -> str:
    """The warning that the rows above the header, a title block, are not read."""
    rows = "row 1 above it, a title block, is" if row == 2 else f"rows 1-{row - 1} above it, a title block, are"
    return f"the header is row {row}: {rows} not read"
