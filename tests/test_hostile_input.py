"""Hostile rosters: workbooks that would unpack or spread without bound, hidden sheets, level
cells that are not levels, mixed encodings. Each is refused or read with a finding naming the
file, row and column, never a traceback; sizes here are modest (the bounds are lowered where a
real payload would be large). The profile set is the mini set without attribute requirements:
these rosters have no tenure_years or employment_type column."""

from __future__ import annotations

import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

from sscgap.errors import RosterError
from sscgap.roster import check_roster, load_roster
from sscgap.roster import xlsx as roster_xlsx

from conftest import MINI_ROSTER, make_book

HEADER = ["employee_id", "name", "analysis", "communication"]


def _errors(path, pset):
    roster, found = check_roster(path, pset)
    return roster, [f for f in found if f.severity == "error"], [f for f in found if f.severity == "warning"]


# ---------------------------------------------------------------------------------------------
# Workbooks: unpacked size, used range, hidden sheets
# ---------------------------------------------------------------------------------------------


def test_a_workbook_that_unpacks_to_far_more_than_it_weighs_is_refused(tmp_path, reading_profiles):
    ok = make_book(tmp_path / "ok.xlsx", [HEADER, ["001", "Ann", 3, 4]])
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(ok) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # 9 MB of blanks in 10 KB
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (9 << 20))
            dst.writestr(item.filename, data)
    assert bomb.stat().st_size < 100_000
    with pytest.raises(RosterError) as e:
        load_roster(bomb, reading_profiles)
    assert "would unpack" in e.value.message and "sheet1.xml" in e.value.message


def test_a_workbook_over_the_unpacked_limit_is_refused(tmp_path, reading_profiles, monkeypatch):
    path = make_book(tmp_path / "s.xlsx", [HEADER, ["001", "Ann", 3, 4]])
    monkeypatch.setattr(roster_xlsx, "XLSX_MAX_UNPACKED", 1000)
    with pytest.raises(RosterError, match="would unpack to"):
        load_roster(path, reading_profiles)


def test_one_cell_at_the_far_corner_costs_one_cell(tmp_path, reading_profiles):
    path = make_book(tmp_path / "far.xlsx", [HEADER, ["001", "Ann", 3, 4], [], [], ["002", "Bo", 9, 2]], far=True)
    _roster, errs, warns = _errors(path, reading_profiles)
    # read at once, and the rows keep their numbers in the sheet (blank rows between)
    assert [(f.row, f.column, f.value) for f in errs] == [(5, "analysis", "9")]
    assert any("has no header" in f.message for f in warns)


def test_cells_spread_over_too_many_rows_and_columns_are_refused(tmp_path, reading_profiles, monkeypatch):
    path = make_book(tmp_path / "spread.xlsx", [HEADER, *[[f"{i:03}", "x", 1, 2] for i in range(50)]])
    monkeypatch.setattr(roster_xlsx, "XLSX_MAX_CELLS", 100)
    with pytest.raises(RosterError) as e:
        load_roster(path, reading_profiles)
    assert "spread over 51 rows x 4 columns" in e.value.message and "sheet 'Staff'" in e.value.message


def test_a_hidden_sheet_is_not_read(tmp_path, reading_profiles):
    path = make_book(
        tmp_path / "hidden.xlsx",
        [HEADER, ["001", "Ann", 3, 4]],
        hidden_first=[HEADER, ["X9", "Ghost", 5, 5]],
    )
    roster, errs, warns = _errors(path, reading_profiles)
    assert not errs and roster.people["employee_id"].tolist() == ["001"]
    assert any("hidden sheet(s) 'Old' not read" in f.message for f in warns)
    # named with --sheet, a hidden sheet is read
    assert load_roster(path, reading_profiles, sheet="Old").people["employee_id"].tolist() == ["X9"]


# ---------------------------------------------------------------------------------------------
# Levels: one rule on every read path
# ---------------------------------------------------------------------------------------------

NOT_NUMBERS = ["NaN", "nan", "NA", "None", "null", "#N/A"]
OUT_OF_RANGE = ["5.1", "1e400", "-0.0000001", "inf"]
# kept at float32 precision (7 significant digits) on every path: this is 5, never an error
AT_PRECISION = "5.00000001"


def _level_rows() -> list[list[str]]:
    rows = [HEADER]
    for i, v in enumerate(NOT_NUMBERS + OUT_OF_RANGE):
        rows.append([f"{i:03}", f"P{i}", v, "3"])
    rows.append(["100", "Ok", "", "5"])  # blank: not assessed, no finding
    rows.append(["101", "Five", AT_PRECISION, "0"])
    return rows


def _level_findings(found) -> list[tuple]:
    return sorted((f.row, f.column, f.value, f.message.split(" 0-5")[0]) for f in found if f.severity == "error")


def _expected() -> list[tuple]:
    out = []
    for i, v in enumerate(NOT_NUMBERS + OUT_OF_RANGE):
        message = "level is not a number" if v in NOT_NUMBERS else "level out of range"
        out.append((i + 2, "analysis", v, message))
    return sorted(out)


def test_level_words_and_out_of_range_numbers_in_a_csv(tmp_path, reading_profiles):
    path = tmp_path / "levels.csv"
    path.write_text("\n".join(",".join(r) for r in _level_rows()) + "\n", encoding="utf-8")
    assert _level_findings(check_roster(path, reading_profiles)[1]) == _expected()
    # each class alone, so that the fast reader sees it too (it hands a bad column over)
    for _i, v in enumerate(NOT_NUMBERS + OUT_OF_RANGE + [AT_PRECISION]):
        path.write_text(f"employee_id,analysis\n001,3\n002,{v}\n", encoding="utf-8")
        roster, found = check_roster(path, reading_profiles)
        errs = [(f.row, f.column, f.value) for f in found if f.severity == "error"]
        if v == AT_PRECISION:
            assert not errs and roster.levels[1, 0] == 5.0
        else:
            assert errs == [(3, "analysis", v)], (v, errs)
    # the words stay blanks in the text columns, as before
    path.write_text("employee_id,name,analysis\n001,N/A,3\n", encoding="utf-8")
    assert load_roster(path, reading_profiles).people["name"].isna().all()


def test_level_words_and_out_of_range_numbers_in_a_workbook(tmp_path, reading_profiles):
    rows = [[float(c) if c and c[0].isdigit() and "e400" not in c else c for c in r] for r in _level_rows()]
    rows = [[c if j != 0 else str(c) for j, c in enumerate(r)] for r in rows]
    path = make_book(tmp_path / "levels.xlsx", rows)
    found = _level_findings(check_roster(path, reading_profiles)[1])
    # a workbook holds 5.00000001 as a number: its value is shown as read
    assert [(r, c, m) for r, c, _, m in found] == [(r, c, m) for r, c, _, m in _expected()]


def test_level_words_and_out_of_range_numbers_in_a_dataframe(reading_profiles):
    frame = pd.DataFrame(_level_rows()[1:], columns=HEADER)
    found = _level_findings(check_roster(frame, reading_profiles)[1])
    assert [(r, c, m) for r, c, _, m in found] == [(r, c, m) for r, c, _, m in _expected()]
    # numbers typed as numbers: the same rule
    numbers = pd.DataFrame({"employee_id": ["1", "2", "3", "4"], "analysis": [5.00000001, np.inf, np.nan, 5.1]})
    found = [(f.row, f.message) for f in check_roster(numbers, reading_profiles)[1] if f.severity == "error"]
    assert [r for r, _ in found] == [3, 5] and all("out of range" in m for _, m in found)


def test_level_words_in_the_long_layout(tmp_path, reading_profiles):
    path = tmp_path / "long.csv"
    path.write_text(
        "employee_id,competency,level\n001,analysis,3\n001,communication,NaN\n002,analysis,5.00000001\n",
        encoding="utf-8",
    )
    found = [(f.row, f.value) for f in check_roster(path, reading_profiles)[1] if f.severity == "error"]
    assert found == [(3, "NaN")], found


def test_the_usual_roster_is_unchanged(mini_profiles):
    roster = load_roster(MINI_ROSTER, mini_profiles)
    assert len(roster) > 0 and not [f for f in roster.findings if f.severity == "error"]


# ---------------------------------------------------------------------------------------------
# Encodings: a UTF-8 line deep in a GB18030 file
# ---------------------------------------------------------------------------------------------


def test_a_utf8_line_deep_in_a_gb18030_roster_is_named(tmp_path, reading_profiles):
    lines = ["employee_id,name,department,analysis"] + [f"{i:05},张伟{i},财务部,3" for i in range(3000)]
    data = ("\n".join(lines) + "\n").encode("gb18030")  # far beyond the first look at the file
    data += "09999,李娜,人力资源部,4\n".encode() + "10000,王芳,财务部,2\n".encode("gb18030")
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    roster, found = check_roster(path, reading_profiles)
    errs = [f for f in found if f.severity == "error"]
    assert roster is None and [(f.row, f.value) for f in errs] == [(3002, "09999,李娜,人力资源部,4")]
    assert "UTF-8" in errs[0].message and "GB18030" in errs[0].message
    # one that GB18030 can decode (mojibake) is found by a second pass
    data = ("\n".join(lines) + "\n").encode("gb18030") + "09999,张王,4\n".encode()
    path.write_bytes(data)
    assert "09999,张王,4".encode().decode("gb18030")  # would have read as mojibake
    roster, found = check_roster(path, reading_profiles)
    errs = [f for f in found if f.severity == "error"]
    assert roster is None and [(f.row, f.value) for f in errs] == [(3002, "09999,张王,4")]


def test_a_gb18030_roster_alone_has_no_such_finding(tmp_path, reading_profiles):
    from conftest import ROOT

    zh = ROOT / "examples" / "staff_zh.csv"
    from sscgap.roster.csv import utf8_lines

    assert utf8_lines(zh) == ([], 0)
    # rare characters (outside GB2312) in names are fine
    path = tmp_path / "rare.csv"
    path.write_bytes("employee_id,name,analysis\n001,王喆,3\n002,李堃玥,4\n".encode("gb18030"))
    assert not [f for f in check_roster(path, reading_profiles)[1] if f.severity == "error"]


# ---------------------------------------------------------------------------------------------
# Column letters in findings: the sheet's own letters, wherever the roster starts
# ---------------------------------------------------------------------------------------------


def _with_blank_header(at: int, width: int) -> list[list]:
    """The mini roster's header, padded with extra columns to ``width``, and a column with
    data but no header at position ``at`` (1 = A)."""
    extra = [f"extra_{i}" for i in range(width - len(HEADER) - 1)]
    rows = [HEADER + extra, ["E1", "Ann", 3, 2, *["x"] * len(extra)], ["E2", "Bo", 2, 4, *["y"] * len(extra)]]
    return [[*r[: at - 1], None if i == 0 else "data", *r[at - 1 :]] for i, r in enumerate(rows)]


def _no_header_letters(path, pset) -> list[str]:
    _, found = check_roster(path, pset)
    return [f.message.split()[1] for f in found if "has no header" in f.message]


@pytest.mark.parametrize(("at", "letter"), [(1, "A"), (3, "C"), (26, "Z"), (27, "AA"), (28, "AB"), (53, "BA")])
def test_a_blank_header_is_named_by_its_column_letter(tmp_path, reading_profiles, at, letter):
    rows = _with_blank_header(at, max(at, 6))
    book = make_book(tmp_path / "r.xlsx", rows)
    text = tmp_path / "r.csv"
    text.write_text("\n".join(",".join("" if v is None else str(v) for v in r) for r in rows) + "\n")
    assert _no_header_letters(text, reading_profiles) == [letter]
    assert _no_header_letters(book, reading_profiles) == [letter]


@pytest.mark.parametrize(("start", "gap"), [(3, False), (1, True), (2, True)])
def test_a_sheet_that_starts_late_or_skips_columns_keeps_its_letters(tmp_path, reading_profiles, start, gap):
    """A workbook is read by the columns holding data; the letter is still the sheet's."""
    rows = _with_blank_header(3, 30)  # the blank header is the 3rd column of the table
    wb = openpyxl.Workbook()
    ws = wb.active
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            column = start + j + (1 if gap and j >= 1 else 0)  # an empty sheet column after the id
            if value is not None:
                ws.cell(row=i, column=column, value=value)
    wb.save(tmp_path / "r.xlsx")
    expected = openpyxl.utils.get_column_letter(start + 2 + (1 if gap else 0))
    assert _no_header_letters(tmp_path / "r.xlsx", reading_profiles) == [expected]
    # a repeated header names the sheet's letters too
    ws.cell(row=1, column=start + 40, value="name")
    ws.cell(row=2, column=start + 40, value="again")
    wb.save(tmp_path / "r.xlsx")
    _, found = check_roster(tmp_path / "r.xlsx", reading_profiles)
    dup = next(f for f in found if "appears 2 times" in f.message)
    name_col = openpyxl.utils.get_column_letter(start + 1 + (1 if gap else 0))
    assert f"(columns {name_col}, {openpyxl.utils.get_column_letter(start + 40)})" in dup.message


# ---------------------------------------------------------------------------------------------
# A stray NUL is text, wherever it is; many NULs are binary
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("deep", [False, True])
def test_a_stray_nul_in_a_name_is_shown_not_refused(tmp_path, mini_profiles, deep):
    from sscgap.engine import analyze
    from sscgap.report.tables import people_table

    filler = [f"F{i:05d},Filler {i},Finance,Dalian,5,internal,3,3,3" for i in range(2000 if deep else 0)]
    lines = MINI_ROSTER.read_text(encoding="utf-8").splitlines()
    lines[1:1] = filler
    lines[-1] = lines[-1].replace(lines[-1].split(",")[1], "Nul\x00Name", 1)
    path = tmp_path / "staff.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (path.read_bytes().index(b"\x00") > 65536) is deep
    roster = load_roster(path, mini_profiles)
    assert "Nul\x00Name" in set(roster.people["name"])
    table = people_table(analyze(mini_profiles, roster), "en")
    names = table.column("name").to_pylist()
    assert "Nul␀Name" in names and not any("\x00" in n for n in names if n)


def test_many_nuls_are_binary(tmp_path, mini_profiles):
    path = tmp_path / "staff.csv"
    path.write_bytes(MINI_ROSTER.read_bytes().replace(b",", b",\x00"))
    with pytest.raises(RosterError, match="binary"):
        load_roster(path, mini_profiles)
