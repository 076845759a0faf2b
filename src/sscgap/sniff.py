"""The first look at a roster file: its encoding, separator and header row, and what the
standard headers mean. Kept free of numpy, pandas and pydantic, so that the command line can look
at a roster (and start reading it, :mod:`sscgap.prefetch`) before those are imported."""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Finding, RosterError

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


def normalise_header(text: str) -> str:
    """Casefold, NFKC, and fold spaces / hyphens / underscores, so 'Data Analysis' = 'data_analysis'."""
    import unicodedata

    t = unicodedata.normalize("NFKC", str(text)).strip().casefold()
    return re.sub(r"[\s\-_/]+", "_", t)


_STANDARD_KEYS = {normalise_header(a): c for c, aliases in STANDARD_ALIASES.items() for a in aliases}
_LONG_KEYS = {normalise_header(a): c for c, aliases in LONG_ALIASES.items() for a in aliases}


def _fatal(path: Path, message: str, **kw: Any) -> RosterError:
    """A problem that stops reading the file: one finding, raised."""
    f = Finding("error", str(path), message, **kw)
    return RosterError(str(f), [f])


@dataclass(frozen=True)
class _Sniff:
    encoding: str
    sep: str
    header: list[str]  # stripped, as matched against the known names
    header_row: int = 1
    head_text: str = ""
    raw_header: tuple[str, ...] = ()  # as the CSV parser sees them (spaces kept)


_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Characters that do not occur in a text roster; a few are tolerated, many mean binary data.
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


def _decode_head(path: Path, head: bytes, complete: bool) -> tuple[str, str]:
    """(encoding, text) of the first block; a character cut at the block's end is fine."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=complete)
        except UnicodeDecodeError:
            continue
        return encoding, text.lstrip("\ufeff")
    raise _fatal(
        path,
        "cannot decode the file as text (tried UTF-8 and GB18030)",
        hint="save the roster as 'CSV UTF-8' (Excel: File > Save As) or as .xlsx",
    )


def _sniff(path: Path, head: bytes, complete: bool = False) -> _Sniff:
    if head.startswith(_ZIP_MAGIC):
        raise _fatal(
            path,
            "this is a zip file, probably an Excel workbook with the wrong extension",
            hint="rename it to .xlsx",
        )
    if head.startswith(_OLE_MAGIC):
        raise _fatal(path, "this is an old Excel .xls workbook", hint="save it as .xlsx or CSV")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fatal(
            path,
            "this is not a text roster (binary content)",
            hint="give a CSV file (UTF-8, GB18030 or UTF-16 with BOM) or an .xlsx workbook",
        )
    encoding, text = _decode_head(path, head, complete)
    if len(_JUNK.findall(text)) > max(2, len(text) // 100):
        raise _fatal(
            path,
            "this is not a text roster (binary content)",
            hint="give a CSV file (UTF-8, GB18030 or UTF-16 with BOM) or an .xlsx workbook",
        )
    lines = re.split(r"\r\n|\r|\n", text)
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line of a partial block may be cut
    header_row = next((i for i, line in enumerate(lines, start=1) if line.strip()), 0)
    if header_row == 0:
        raise _fatal(path, "the file is empty (no header row)")
    first = lines[header_row - 1]
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    sep = max(counts, key=lambda k: counts[k]) if max(counts.values()) > 0 else ","
    rows = csv_head_rows(first, sep, limit=1)
    raw_header = rows[0] if rows else [first]
    header = [h.strip() for h in raw_header]
    return _Sniff(encoding, sep, header, header_row, text, tuple(raw_header))


def csv_head_rows(text: str, sep: str, limit: int = 30) -> list[list[str]]:
    """The first rows of a decoded CSV head, as cells (for hints only)."""
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        out = []
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
            out.append(record)
            if len(out) >= limit:
                break
        return out
    except csv.Error:
        return []
    finally:
        csv.field_size_limit(old_limit)
