"""Reading an .xlsx roster: the sheet with the roster, its header row, its columns."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from ..errors import FindingList
from ..profiles import ProfileSet, suggest
from .columns import typed_text
from .findings import Ctx, Table, fatal, short
from .headers import column_letter, is_id_header, is_text, map_headers


def read_xlsx(path: Path, pset: ProfileSet, sheet: str | None, strict: bool = False) -> Table:
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - a declared dependency
        raise fatal(path, "reading .xlsx needs openpyxl: pip install openpyxl") from None
    try:
        book = pd.ExcelFile(path, engine="openpyxl")
    except FileNotFoundError:
        raise fatal(path, "file not found") from None
    except IsADirectoryError:
        raise fatal(path, "is a folder, not a roster file") from None
    except PermissionError:
        raise fatal(path, "permission denied") from None
    except Exception as e:  # zip errors, corrupt workbooks, a CSV named .xlsx
        raise fatal(
            path,
            f"cannot read the workbook: {short(e)}",
            hint="is it really an .xlsx workbook? a CSV file must end in .csv",
        ) from None
    with book:
        names = [str(n) for n in book.sheet_names]
        if sheet is not None:
            if sheet not in names:
                folded = {n.casefold(): n for n in names}
                same = folded.get(sheet.casefold())
                hint = f"did you mean {same!r}?" if same else suggest(sheet, names)
                raise fatal(
                    path,
                    f"no sheet {sheet!r} in the workbook; its sheets are: "
                    + ", ".join(map(repr, names)),
                    hint=hint,
                )
            chosen, raw = sheet, _parse_sheet(path, book, sheet)
            skipped: list[str] = []
        else:
            chosen, raw, skipped = None, None, []
            first_with_data = None
            for name in names:
                data = _parse_sheet(path, book, name)
                if data.empty:
                    continue
                if first_with_data is None:
                    first_with_data = (name, data)
                head = data.head(30)
                if any(is_id_header(v) for v in head.to_numpy().ravel()):
                    chosen, raw = name, data
                    break
                skipped.append(name)
            if chosen is None:
                chosen, raw = first_with_data or (names[0], pd.DataFrame())
                skipped = []
    assert raw is not None and chosen is not None
    place = f"sheet {chosen!r}"
    nonempty = raw.notna().any(axis=1).to_numpy()
    header_pos = int(np.argmax(nonempty)) if nonempty.any() else 0
    ctx = Ctx(path, FindingList(), base=header_pos + 2, place=place)
    if skipped:
        ctx.add(
            "warning",
            f"reading sheet {chosen!r}; sheet(s) "
            + ", ".join(map(repr, skipped))
            + " hold data but no employee_id header",
            hint="choose a sheet with --sheet NAME",
        )
    if not nonempty.any():
        raise fatal(path, "the sheet is empty (no header row)", place=place)
    header_cells = raw.iloc[header_pos]
    data = raw.iloc[header_pos + 1 :]
    # a column with neither a header nor data (formatting only) is not worth a warning
    keep = header_cells.notna().to_numpy() | data.notna().any(axis=0).to_numpy()
    header = ["" if pd.isna(v) else str(v).strip() for v in header_cells]
    mapping, unknown = map_headers(
        [h for h, k in zip(header, keep, strict=True) if k], pset, ctx, strict
    )
    first_pos = {}
    for j, h in enumerate(header):
        if keep[j] and h in mapping and h not in first_pos:
            first_pos[h] = j
    df = pd.DataFrame(
        {h: data.iloc[:, first_pos[h]].to_numpy() for h in mapping}, index=range(len(data))
    )
    for h, canon in mapping.items():
        if is_text(canon):
            df[h] = typed_text(df[h])
    # formulas that were never calculated read as blank: say which cells
    refs, count = uncached_formulas(path, chosen)
    letters = {column_letter(j + 1): h for j, h in enumerate(header) if h}
    for ref in refs:
        col, row = split_ref(ref)
        ctx.add(
            "warning",
            "formula without a saved value: it reads as blank",
            row=row,
            column=letters.get(col, col),
            hint="open the workbook in Excel or LibreOffice and save it, or paste values",
        )
    if count > len(refs):
        more = count - len(refs)
        ctx.add("warning", f"{more} more formulas without a saved value", count=more)
    head_rows = [["" if pd.isna(v) else str(v) for v in r] for r in raw.head(30).to_numpy()]
    return Table(df, mapping, unknown, ctx, header, head_rows)


def _parse_sheet(path: Path, book: pd.ExcelFile, name: str) -> pd.DataFrame:
    try:
        return pd.read_excel(book, sheet_name=name, header=None, dtype=object)
    except Exception as e:  # a corrupt sheet
        raise fatal(path, f"cannot read sheet {name!r}: {short(e)}") from None


# Formulas without a saved value

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
# A cell with a formula (<f>...</f> or <f .../>) and no saved value (no <v>, or an empty one).
_UNCACHED = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)


def _sheet_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the XML member holding it."""
    wb = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    out = {}
    for s in wb.findall("m:sheets/m:sheet", _NS):
        target = targets.get(s.get(f"{{{_NS['r']}}}id"), "")
        # a target is relative to xl/, or absolute within the package
        member = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[s.get("name", "")] = member
    return out


def uncached_formulas(path: Path, sheet: str, limit: int = 20) -> tuple[list[str], int]:
    """Cells of ``sheet`` that hold a formula without a saved value: (first refs, count).

    Such cells read as blank: the workbook was written by a program that does not calculate
    (a script, some exporters), and never opened and saved in Excel.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_paths(zf).get(sheet)
            if member is None:
                return [], 0
            data = zf.read(member)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return [], 0
    if b"<f" not in data:
        return [], 0
    refs = [m.group(1).decode("ascii") for m in _UNCACHED.finditer(data)]
    return refs[:limit], len(refs)


def split_ref(ref: str) -> tuple[str, int]:
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    return (m.group(1), int(m.group(2))) if m else (ref, 0)
