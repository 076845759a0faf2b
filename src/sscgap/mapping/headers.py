"""Headers of HR exports: how they are compared, the HRIS synonyms of the standard fields,
the catalogue's names, and which column holds the employee ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .cells import _factorize, parse_dates

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


# ---------------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------------


def normalise_header(text: object) -> str:
    """The key a header is matched by: NFKC, case, spaces, ``-``, ``_``, ``/``, ``.`` ignored,
    and ``*`` or a note such as ``（必填）``, ``(required)``, the marks of a required column in HR
    systems' import templates (``*工号``, ``姓名*``, ``用工类型（必填）``).

    So ``Employee ID``, ``employee_id``, ``EmployeeID`` and ``EMPLOYEE-ID`` are one header, and
    camelCase (``TeamManagement``) matches its spaced form (``Team Management``).
    """
    t = _REQUIRED_NOTE.sub("", unicodedata.normalize("NFKC", str(text)).casefold()).translate(_SIMPLIFIED)
    return re.sub(r"[\s\-_/.*]+", "", t)


# Traditional Chinese, as centres in Hong Kong and Taiwan head their sheets (員工編號, 部門, 離職):
# the characters of the headers, statuses, worker types and competency names sscgap knows, in
# their simplified form, so that 員工編號 is 员工编号 and 領導力 is 领导力 (headers and such labels
# only: a name or an id is never changed)
_TRADITIONAL = (
    "員员編编號号門门點点崗岗齡龄類类職职務务僱雇傭佣離离試试總总匯汇彙汇計计數数稱称級级評评價价"
    "時时間间勞劳實实習习顧顾問问資资狀状態态別别領领導导溝沟協协調调團团隊队業业脈脉運运營营戰战"
    "維维設设戶户術术應应報报據据優优視视風风險险項项變变識识親亲責责擔担當当復复盤盘況况處处產产"
    "體体驗验劃划訓训輔辅聯联絡络電电郵邮內内獎奖礎础庫库廠厂屬属層层負负種种備备註注結结構构"
    "組组織织區区經经歷历績绩則则與与單单統统執执選选擇择證证舊旧將将來来為为於于個个們们這这"
)
_SIMPLIFIED = str.maketrans(dict(zip(_TRADITIONAL[::2], _TRADITIONAL[1::2], strict=True)))


# an import template's note that a column is required or optional: 用工类型（必填）, Name (required)
_REQUIRED_NOTE = re.compile(r"\s*[(\[【]\s*(?:必填项?|选填|非必填|可选|required|optional|mandatory)\s*[)\]】]\s*$")


_NOTE = re.compile(r"\s*[(（\[【][^()（）\[\]【】]*[)）\]】]\s*$")


def header_without_note(text: object) -> str | None:
    """The key of a header without a note in brackets at its end (``Hire Date (YYYY-MM-DD)``,
    ``Leadership (1-5)``, ``领导力（1-5分）``), or None when it has no such note."""
    raw = str(text)
    bare = _NOTE.sub("", raw)
    if bare == raw or not bare.strip():
        return None
    return normalise_header(bare)


_UNIT_NOTE = re.compile(r"[(\[【]\s*([^()\[\]【】]*?)\s*[)\]】]\s*$")
_MONTH_NOTES = frozenset({"月", "个月", "月数", "months", "month", "mos", "mo", "mths", "mth"})
_DAY_NOTES = frozenset({"天", "日", "天数", "days", "day"})


def tenure_unit(header: object) -> tuple[float, str]:
    """(years per unit, unit) of a tenure column, by the note in brackets at the end of its
    header: ``司龄（月）``, ``Tenure (months)`` count months (1/12), ``(天)``, ``(days)`` days;
    anything else years."""
    m = _UNIT_NOTE.search(unicodedata.normalize("NFKC", str(header)))
    note = m.group(1).casefold() if m else ""
    if note in _MONTH_NOTES:
        return 1 / 12, "months"
    if note in _DAY_NOTES:
        return 1 / 365.25, "days"
    return 1.0, "years"


# A bilingual header, as the Excel templates of international centres in China write them:
# ``员工编号\nEmployee ID``, ``领导力 Leadership``, ``Leadership 领导力``, ``领导力（Leadership）``,
# ``部门/Department``.
_LANG_SPLIT = re.compile(
    r"\s*[\r\n]+\s*|(?<=[^\x00-\x7f])\s*(?:[/|]\s*)?(?=[(\[]?\s*[A-Za-z])"
    r"|(?<=[A-Za-z.)\]])\s*(?:[/|]\s*)?(?=[(\[]?\s*[^\x00-\x7f\s(\[])"
)
_BRACKETS = "()（）[]【】 \t"


def bilingual_halves(text: object) -> list[str]:
    """The two names of a bilingual header (Chinese and English, on two lines or side by side),
    or [] when it is not one."""
    parts = [p.strip(_BRACKETS) for p in _LANG_SPLIT.split(unicodedata.normalize("NFKC", str(text)).strip())]
    parts = [p for p in parts if p]
    return parts if len(parts) == 2 else []


def bilingual_match(text: object, lookup: Any) -> Any:
    """What a bilingual header means: what both its names mean (``lookup`` of each normalised
    name), when they agree; None otherwise (``司龄（months）`` is not a tenure in years)."""
    halves = bilingual_halves(text)
    if not halves:
        return None
    first, second = (lookup(normalise_header(h)) for h in halves)
    return first if first is not None and first == second else None


# a competency code in front of its name, as assessment systems list them: C02 沟通, 01-领导力, A1. Analysis
_CODE_FIRST = re.compile(r"^[A-Za-z]{0,3}\d{1,4}\s*[-_.:：、)）]?\s+|^[A-Za-z]{0,3}\d{1,4}\s*[-_.:：、)）]\s*")


def competency_value(text: object, lookup: Any) -> Any:
    """The catalogue id a long export's competency value names (``lookup`` of a normalised name):
    as written, else both names of a bilingual value when they agree (``领导力（Leadership）``,
    ``沟通 Communication``), else the name after a code in front (``C02 沟通``, ``01-领导力``)."""
    found = lookup(normalise_header(text))
    if found is None:
        found = bilingual_match(text, lookup)
    if found is None:
        bare = _CODE_FIRST.sub("", unicodedata.normalize("NFKC", str(text)).strip(), count=1)
        if bare and bare != str(text).strip():
            found = lookup(normalise_header(bare)) or bilingual_match(bare, lookup)
    return found


# Headers HR systems use for the standard fields, best first: when several headers of one export
# mean the same field, the earlier synonym wins and the others are kept as extra columns.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_id": (
        "employee_id", "employee id", "employee number", "employee no", "emp id", "emp no",
        "worker id", "personnel number", "person number", "person id", "staff id",
        "staff number", "associate id", "员工编号", "工号", "员工号", "员工id", "人员编号",
        "职工编号", "user id", "person id external",  # SuccessFactors' key of a person
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
        "employee type", "employee category", "employee class", "employee group",
        "contract type", "用工类型", "员工类型",
        "雇佣类型", "用工性质",
    ),
}
LONG_SYNONYMS: dict[str, tuple[str, ...]] = {
    "competency": ("competency", "skill", "skill name", "competency name", "能力", "胜任力",
                   "能力项", "技能", "能力名称", "能力项名称", "胜任力名称", "技能名称", "素质项"),
    "level": ("level", "proficiency level", "proficiency", "skill level", "rating",
              "能力等级", "等级", "级别", "水平", "熟练度", "评估等级", "评价等级", "评级", "能力级别"),
    "date": ("assessment date", "rating date", "assessed on", "date", "评估日期", "评价日期",
             "评估时间", "评价时间"),
    # the rater's type before the rater: an export with both ``Rater`` (who: an id or a name)
    # and ``Rater Type`` (Manager / Self / 360) is read by its type
    "rater": ("rater type", "assessor type", "rating source", "rater role", "评估人类型", "评价人类型",
              "评价来源", "评价关系", "rater", "评价人"),
}
# Worker types as HR systems write them -> the three employment types of the profiles.
EMPLOYMENT_SYNONYMS: dict[str, str] = {
    normalise_header(k): v
    for v, keys in {
        # part-timers (兼职, 非全日制: employed by the centre itself under the labour contract law's
        # part-time rules, beside 全职 in 钉钉's 员工类型) and people on probation are internal
        "internal": ("internal", "employee", "regular", "permanent", "full time", "内部", "正式",
                     "正式员工", "自有员工", "全职", "全职员工", "正式工", "part time", "兼职",
                     "兼职员工", "非全日制", "非全日制用工", "probation", "probationary", "试用",
                     "试用期", "试用员工",
                     # re-hired retirees (退休返聘): engaged by the centre itself under a
                     # re-employment agreement, long-serving insiders, not an agency's staff
                     "退休返聘", "返聘", "返聘人员", "退休返聘人员", "rehired retiree", "retiree rehire"),
        "external": ("external", "consultant", "外部", "顾问", "外部顾问"),
        "contractor": ("contractor", "contingent worker", "contingent", "outsourced", "外包",
                       "劳务派遣", "合同工", "承包商", "派遣", "外包人员", "劳务外包"),
    }.items()
    for k in keys
}
RATER_SYNONYMS: dict[str, str] = {
    normalise_header(k): v
    for v, keys in {
        "self": ("self", "self assessment", "self-assessment", "employee", "自评", "本人"),
        "manager": ("manager", "line manager", "supervisor", "上级", "主管", "经理"),
        "360": ("360", "360 degree", "360-degree", "360 review", "360 feedback", "360度",
                "360评估", "360度评估", "360环评", "环评"),
    }.items()
    for k in keys
}
# A column saying whether a person still works here, as HR systems head it (a roster exported
# with its leavers: 钉钉, 北森, 飞书, Workday, SuccessFactors), best first: the specific headers,
# then a bare "Status" / 状态.
STATUS_HEADERS = (
    "employee status", "employment status", "worker status", "staff status", "emp status",
    "hr status", "在职状态", "员工状态", "人员状态", "任职状态", "雇佣状态", "在职情况",
    "status", "状态",
)
# The statuses of people who have left: never staff of the centre. (Not ``Inactive``: SAP's
# word for a long leave; not 待离职, leaving but still here.)
LEFT_STATUSES = (
    "terminated", "termed", "withdrawn", "resigned", "retired", "retiree", "deceased", "left",
    "former employee", "离职", "已离职", "离职人员", "退休", "已退休",
)
# ... and of people who have not joined yet (飞书 and Moka list them in the roster): no staff yet
JOINING_STATUSES = ("待入职", "未入职", "pending hire", "pre-hire", "prehire", "preboarding")
STATUS_KEYS = {normalise_header(h): i for i, h in enumerate(STATUS_HEADERS)}
LEFT_KEYS = frozenset(normalise_header(w) for w in LEFT_STATUSES)
JOINING_KEYS = frozenset(normalise_header(w) for w in JOINING_STATUSES)


# A person's name in two columns (Workday's Legal First Name / Legal Last Name, 钉钉's 姓 / 名):
# joined into the name when the export has no column of the whole name
GIVEN_NAME_HEADERS = ("first name", "given name", "forename", "legal first name", "名", "名字")
FAMILY_NAME_HEADERS = ("last name", "family name", "surname", "legal last name", "姓", "姓氏")
_GIVEN_KEYS = frozenset(normalise_header(h) for h in GIVEN_NAME_HEADERS)
_FAMILY_KEYS = frozenset(normalise_header(h) for h in FAMILY_NAME_HEADERS)


def name_parts(headers: Iterable[object]) -> tuple[str, str] | None:
    """(given-name header, family-name header) of an export that writes the name in two
    columns (``First Name`` / ``Last Name``, ``Given Name`` / ``Family Name``, 姓 / 名, 姓氏 /
    名字), one of each; None when it has no such pair, or a column of the whole name besides
    them (姓名, ``Name``, ``Full Name``, ``Preferred Name``: that one is the name). 名字 alone is
    the whole name; beside 姓 or 姓氏 it is the given name."""
    given: list[str] = []
    family: list[str] = []
    whole = False
    for h in headers:
        key = normalise_header(h)
        if key in _GIVEN_KEYS:
            given.append(str(h))
        elif key in _FAMILY_KEYS:
            family.append(str(h))
        elif key and _STANDARD_KEYS.get(key, ("",))[0] == "name":
            whole = True
    if len(given) != 1 or len(family) != 1 or whole:
        return None
    return given[0], family[0]


def name_parts_message(given: str, family: str) -> str:
    """The warning that says a name is joined from two columns."""
    return (
        f"no name column: the name is joined from {given!r} and {family!r} (given name, a space, "
        "family name; a name in Chinese characters family name first, without a space)"
    )


def status_header(headers: Iterable[object]) -> str | None:
    """The header of the export's status column (``Employee Status``, 员工状态, ``Status``), or
    None: the specific headers before a bare ``Status``."""
    found = [(STATUS_KEYS[k], str(h)) for h in headers if (k := normalise_header(h)) in STATUS_KEYS]
    return min(found)[1] if found else None


def left_rows(values: pd.Series, words: frozenset[str] = LEFT_KEYS) -> np.ndarray:
    """Which rows of a status column say the person has left (``Terminated``, ``Retired``, 离职,
    已离职 …; case, spaces and full-width forms ignored), or with ``words=JOINING_KEYS`` has not
    joined yet (待入职, ``Pending Hire``). Each distinct value is looked at once."""
    codes, uniques = _factorize(values)
    hit = np.array(
        [u is not None and not (isinstance(u, float) and np.isnan(u)) and normalise_header(u) in words
         for u in uniques] + [False],
        dtype=bool,
    )
    return hit[np.asarray(codes, dtype=np.intp)]


def has_left(status: object) -> bool:
    """Does a status say the person has left (else: has not joined yet)?"""
    return normalise_header(status) in LEFT_KEYS


LEFT_MESSAGE = "the status says this person has left: not counted as staff, and skipped"
JOINING_MESSAGE = "the status says this person has not joined yet: not counted as staff, and skipped"


def left_by_id(ids: pd.Series, statuses: pd.Series) -> pd.Series:
    """The status of each person who has left (or not joined yet), by id (text, stripped; the first of an id listed
    twice): what ``person`` answers about one of them. No Python per row."""
    out = pd.Series(statuses.astype("str").to_numpy(), index=ids.astype("str").str.strip().to_numpy())
    out = out[out.index.notna()]
    return out[~out.index.duplicated(keep="first")]

LEFT_HINT = "people who have left are no staff: delete their rows, or export active people only, to silence this"

# round 8: an export of "all employees" with the leaving date and no status column (Workday's
# Termination Date, 钉钉 / 北森's 离职日期): a date on or before the as-of date says the person left
LEAVE_DATE_HEADERS = (
    "termination date", "term date", "separation date", "date of leaving", "leaving date",
    "last day of work", "last working day", "last working date", "exit date",
    "离职日期", "离职时间", "离职生效日期", "最后工作日",
)
_LEAVE_DATE_KEYS = {normalise_header(h): i for i, h in enumerate(LEAVE_DATE_HEADERS)}
LEAVE_DATE_MESSAGE = "the leaving date is on or before the as-of date: this person has left, not counted as staff, and skipped"
LEAVE_DATE_BAD = "the leaving date is not a date: the person is counted as staff"
LEAVE_DATE_BAD_HINT = "write the date (2026-03-31), or leave the cell blank for people who are still here"


# A name marked as a leaver's, as Workday shows a terminated worker (``Logan McNeil (Terminated)``)
# and hand-kept Chinese sheets mark one (张三（已离职）, 李四【离职】): the status in brackets at the end
_NAME_MARK = re.compile(r"[(（\[【]\s*(?P<status>[^()（）\[\]【】]{1,20}?)\s*[)）\]】]\s*$")
NAME_LEFT_MESSAGE = "the name says this person has left: not counted as staff, and skipped"


def left_by_name(names: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(left, status) of a column of names: a name that ends with a leaver's status in brackets
    (``(Terminated)``, ``（已离职）``, ``【离职】``; not ``(On Leave)``); ``status``: the word of each
    such name, by the names' index. Arrow looks for a closing bracket at the end of each name
    (about 20 ms per million names), then reads the few found at once."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import arrow_strings

    n = len(names)
    left = np.zeros(n, dtype=bool)
    none = pd.Series([], index=names.index[:0], dtype=object)
    if not n:
        return left, none
    arr = arrow_strings(names)
    if arr.null_count == len(arr):
        return left, none
    hit = None
    for close in (")", "）", "]", "】"):  # the names are trimmed; a few ms per million each
        ends = pc.ends_with(arr, close)
        hit = ends if hit is None else pc.or_(hit, ends)
    at = np.flatnonzero(pc.fill_null(hit, False).to_numpy(zero_copy_only=False))
    if not len(at):
        return left, none

    words = pc.struct_field(pc.extract_regex(pc.take(arr, pa.array(at)), _NAME_MARK.pattern), [0])
    distinct = pc.unique(words)
    leaver = pa.array([w is not None and normalise_header(w) in LEFT_KEYS for w in distinct.to_pylist()])
    is_left = pc.fill_null(pc.take(leaver, pc.index_in(words, value_set=distinct)), False).to_numpy(zero_copy_only=False)
    left[at[is_left]] = True
    return left, pd.Series(np.asarray(words.to_pylist(), dtype=object)[is_left], index=names.index[at[is_left]])


# round 8: a person with two posts (主岗 and 兼岗; Workday's Primary Job: Yes / No), as exports of
# positions list them: one row per post, so the same id twice. The secondary post's row is no
# second person. A column naming the kind of post, or saying whether it is the primary one.
POST_KIND_HEADERS = ("任职类型", "主兼职", "主兼岗", "主兼职类型", "任职方式", "post type", "job type (primary/secondary)")
PRIMARY_FLAG_HEADERS = ("是否主岗", "是否主职", "主岗标识", "primary job", "primary position", "is primary job",
                        "is primary position", "primary")
_SECONDARY_KINDS = frozenset(normalise_header(w) for w in (
    "兼岗", "兼职", "兼任", "兼任岗位", "兼职岗位", "副岗", "secondary", "additional", "concurrent", "additional job",
))
_NOT_PRIMARY = frozenset(normalise_header(w) for w in ("否", "no", "n", "false", "0", "非主岗"))
_POST_KEYS = {normalise_header(h): ("kind", i) for i, h in enumerate(POST_KIND_HEADERS)} | {
    normalise_header(h): ("flag", i) for i, h in enumerate(PRIMARY_FLAG_HEADERS)
}
SECONDARY_MESSAGE = (
    "a second post of a person listed on another row (主岗 / 兼岗): not a second person, and skipped"
)
SECONDARY_HINT = "a person with several posts counts once, by the row of the primary post"


def post_header(headers: Iterable[object]) -> str | None:
    """The header of the column that tells a person's primary post from a secondary one (任职类型
    主岗 / 兼岗, ``Primary Job`` Yes / No), or None."""
    found = [(_POST_KEYS[k][1], str(h)) for h in headers if (k := normalise_header(h)) in _POST_KEYS]
    return min(found)[1] if found else None


def secondary_posts(values: pd.Series, header: str, ids: pd.Series) -> np.ndarray:
    """The rows of a person's secondary post (兼岗; ``Primary Job: No``) whose id is on another row
    too: never a second person. Each distinct value looked at once; ids compared by Arrow."""
    kind = _POST_KEYS[normalise_header(header)][0]
    words = _SECONDARY_KINDS if kind == "kind" else _NOT_PRIMARY
    codes, uniques = _factorize(values)
    hit = np.array([u is not None and not (isinstance(u, float) and np.isnan(u)) and normalise_header(u) in words
                    for u in uniques] + [False], dtype=bool)  # fmt: skip
    second = hit[np.asarray(codes, dtype=np.intp)]
    if not second.any():
        return second
    text = ids.astype("str").str.strip()
    twice = text.duplicated(keep=False).to_numpy(dtype=bool) & ids.notna().to_numpy(dtype=bool)
    return second & twice


def leave_date_header(headers: Iterable[object]) -> str | None:
    """The header of the export's leaving date (``Termination Date``, 离职日期), or None."""
    found = [(_LEAVE_DATE_KEYS[k], str(h)) for h in headers if (k := normalise_header(h)) in _LEAVE_DATE_KEYS]
    return min(found)[1] if found else None


def left_by_date(dates: pd.Series, day: pd.Timestamp) -> tuple[np.ndarray, np.ndarray]:
    """(left, bad) of a column of leaving dates: a date on or before ``day`` (the as-of date) says
    the person has left; a later one that they are leaving (still staff); blank: staff. Each
    distinct value parsed once (:func:`~sscgap.mapping.cells.parse_dates`)."""
    when, bad = parse_dates(dates)
    left = (when <= day).to_numpy(dtype=bool, na_value=False) & ~bad
    return left, bad
JOINING_HINT = "people who have not joined yet are no staff: count them once they have joined"


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



LEVEL_SYNONYMS: dict[str, int] = {"胜任": 3}  # read in input, never written

@dataclass(frozen=True)
class CatalogueNames:
    """Competency ids (in catalogue order) with their names, and the 0-5 scale's labels."""

    names: dict[str, tuple[str, ...]]  # id -> (English name, Chinese name)
    scale_labels: dict[str, int] = field(default_factory=dict)  # a label (en or zh) -> level

    @classmethod
    def from_profiles(cls, pset: Any) -> CatalogueNames:
        """From a :class:`~sscgap.profiles.ProfileSet` (or its catalogue)."""
        cat = getattr(pset, "catalogue", pset)
        names: dict[str, tuple[str, ...]] = {c.id: (c.name.en, c.name.zh) for c in cat.competencies}
        labels: dict[str, int] = {}
        for s in cat.scale:
            labels[s.label.en] = s.level
            labels[s.label.zh] = s.level
        # HRIS exports still write the common synonym of the default scale's level 3 (熟练 in
        # sscgap's output): read it as level 3 unless the catalogue gives it another level
        for old, level in LEVEL_SYNONYMS.items():
            if level in {s.level for s in cat.scale} and old not in labels:
                labels[old] = level
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
    seen: set[str] = set()
    # a header as written first; then, for the rest, without a note in brackets at its end
    for noted in (False, True):
        for h in headers:
            key = header_without_note(h) if noted else normalise_header(h)
            if key is None or str(h) in seen:
                continue
            if key in _STANDARD_KEYS:
                canon, rank = _STANDARD_KEYS[key]
                rank += 1000 if noted else 0
                if canon not in best or rank < best[canon][0]:
                    best[canon] = (rank, str(h))
            elif key in comp and comp[key] not in best:
                best[comp[key]] = (1000 if noted else 0, str(h))
        seen = {h for _, h in best.values()}
    # a bilingual header (员工编号 Employee ID, 领导力\nLeadership), both its names agreeing
    def lookup(key: str) -> str | None:
        return _STANDARD_KEYS[key][0] if key in _STANDARD_KEYS else comp.get(key)

    for h in headers:
        if str(h) in seen:
            continue
        hit = bilingual_match(h, lookup)
        if hit is not None and hit not in best:
            best[hit] = (2000, str(h))
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




def detect_header_row(
    rows: Sequence[Sequence[object]], catalogue: CatalogueNames | None = None, limit: int = 30
) -> int | None:
    """The 1-based row holding the headers, among the first ``limit`` rows of a sheet or CSV
    read without a header (``header=None``): the first row that names an employee id column,
    else the first with at least two recognised headers. None when no row looks like one."""
    fallback = None
    for i, row in enumerate(rows[:limit], start=1):
        cells = [str(c) for c in row if c is not None and str(c).strip() and str(c) != "nan"]
        found = set(match_headers(cells, catalogue).values()) | set(match_long_headers(cells))
        if "employee_id" in found:
            return i
        if fallback is None and len(found) >= 2:
            fallback = i
    return fallback
