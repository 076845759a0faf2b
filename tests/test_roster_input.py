"""Real-world rosters: every mistake ends in a finding that says where, never a traceback.

Each test feeds one kind of file as it comes out of an HR system or a spreadsheet, and checks
what the user is told: severity, row (as a spreadsheet numbers it), column, value and hint.
The profile set is the mini set without attribute requirements, so that these small rosters
need no tenure_years or employment_type column (a missing required attribute is exit 2:
tests/test_loud.py).
"""

from __future__ import annotations

import codecs
import math
import os
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from sscgap.errors import Finding, RosterError
from sscgap.roster import check_roster, load_roster


def write(tmp_path: Path, text: str, name: str = "staff.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def findings(path: Path, pset, **kw) -> list[Finding]:
    return check_roster(path, pset, **kw)[1]


def errors(path: Path, pset, **kw) -> list[Finding]:
    roster, found = check_roster(path, pset, **kw)
    errs = [f for f in found if f.severity == "error"]
    assert roster is None if errs else roster is not None
    return errs


def warnings(path: Path, pset, **kw) -> list[Finding]:
    return [f for f in findings(path, pset, **kw) if f.severity == "warning"]


def where(fs: list[Finding]) -> list[tuple]:
    return [(f.row, f.column, f.value) for f in fs]


# ---------------------------------------------------------------------------------------------
# The shape of the file
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\n  \r\n", codecs.BOM_UTF8])
def test_empty_file(tmp_path, reading_profiles, content):
    path = tmp_path / "staff.csv"
    path.write_bytes(content)
    errs = errors(path, reading_profiles)
    assert len(errs) == 1 and "empty" in errs[0].message
    with pytest.raises(RosterError, match=r"staff\.csv: the file is empty"):
        load_roster(path, reading_profiles)


def test_header_only(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,name,analysis\n")
    errs = errors(path, reading_profiles)
    assert [(f.row, f.message) for f in errs] == [
        (1, "the roster has a header but no people (no data rows)")
    ]
    # blank lines and empty rows after the header are still no people
    path = write(tmp_path, "employee_id,name,analysis\n,,\n\n , ,\n")
    assert "no people" in errors(path, reading_profiles)[0].message


def test_missing_employee_id_column(tmp_path, reading_profiles):
    path = write(tmp_path, "name,analysis\nAnn,3\n")
    (err,) = errors(path, reading_profiles)
    assert err.row == 1 and "no employee_id column" in err.message


def test_misspelt_employee_id_header_gets_a_hint(tmp_path, reading_profiles):
    path = write(tmp_path, "EmplyeeID,name,analysis\n001,Ann,3\n")
    (err,) = errors(path, reading_profiles)
    assert err.hint == "column 'EmplyeeID' looks like it: rename it to employee_id"
    # camelCase is matched as documented: EmployeeID is the id column
    assert errors(write(tmp_path, "EmployeeID,name,analysis\n001,Ann,3\n"), reading_profiles) == []


def test_title_rows_above_the_header_get_a_hint(tmp_path, reading_profiles):
    # beyond doubt (the id and two more known columns): read from the header, with a warning
    path = write(tmp_path, "Staff roster 2024 Q3,,\n\nemployee_id,name,analysis\n001,Ann,3\n")
    roster = load_roster(path, reading_profiles)
    assert roster.people["employee_id"].tolist() == ["001"]
    assert "the header is row 3: rows 1-2 above it, a title block, are not read" in [w.message for w in roster.warnings]
    # not beyond doubt (the id and one known column): the hint says where the header is
    path = write(tmp_path, "Staff roster 2024 Q3,,\n\nemployee_id,analysis\n001,3\n")
    (err,) = errors(path, reading_profiles)
    assert err.hint.startswith("row 3 looks like the header: read the file through a mapping file")
    assert err.hint.endswith("delete the rows above it")


def test_missing_id_column_still_lists_other_problems(tmp_path, reading_profiles):
    path = write(tmp_path, "name,analysis\nAnn,9\n")
    errs = errors(path, reading_profiles)
    assert {f.message for f in errs} == {
        "no employee_id column (accepted headers: employee_id, 员工编号, 工号)",
        "level out of range 0-5",
    }


def test_blank_and_duplicate_ids(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        "employee_id,name,analysis\n001,Ann,3\n,Bo,2\n002,Cai,1\n001,Dan,4\n  ,Eve,1\n002,Fay,1\n",
    )
    errs = errors(path, reading_profiles)
    blank = [f for f in errs if f.message == "employee_id is blank"]
    dups = [f for f in errs if f.message == "duplicate employee_id"]
    assert [f.row for f in blank] == [3, 6]
    assert [(f.row, f.value, f.hint) for f in dups] == [
        (5, "001", "the same id is on row 2"),
        (7, "002", "the same id is on row 4"),
    ]
    assert len(errs) == 4


def test_duplicate_columns(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysis,name,analysis\n001,3,Ann,4\n")
    (err,) = errors(path, reading_profiles)
    assert (err.row, err.column) == (1, "analysis")
    assert "appears 2 times (columns B, D)" in err.message


def test_two_headers_meaning_the_same_competency(tmp_path, reading_profiles):
    # id, English name and Chinese name all mean the same competency
    path = write(tmp_path, "employee_id,analysis,分析\n001,3,4\n")
    (err,) = errors(path, reading_profiles)
    assert err.message == "columns 'analysis' and '分析' both mean 'analysis'"
    assert err.column == "分析"


def test_level_not_a_number_out_of_range_negative(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        "employee_id,analysis,communication,leadership\n"
        "001,high,3,\n"
        "002,6,-1,2\n"
        "003,3,4,5.5\n",
    )
    errs = errors(path, reading_profiles)
    assert [(f.row, f.column, f.value, f.message) for f in errs] == [
        (2, "analysis", "high", "level is not a number"),
        (3, "analysis", "6", "level out of range 0-5"),
        (3, "communication", "-1", "level out of range 0-5"),
        (4, "leadership", "5.5", "level out of range 0-5"),
    ]
    assert all("0 (none) to 5 (expert)" in f.hint for f in errs)


def test_full_width_digits_and_stray_spaces_are_accepted(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        "employee_id , name ,analysis,communication,tenure_years\n"
        " 001 , Ann ,３, 4 ,１２\n"
        "００２,Bo,３．５,\u30004\u3000, 2.5 \n",
    )
    roster = load_roster(path, reading_profiles)
    assert roster.people["employee_id"].tolist() == ["001", "002"]
    assert roster.people["name"].tolist() == ["Ann", "Bo"]
    assert roster.levels[:, :2].tolist() == [[3.0, 4.0], [3.5, 4.0]]
    assert roster.people["tenure_years"].tolist() == [12.0, 2.5]


def test_tenure_not_a_number_or_negative(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,tenure_years,analysis\n001,three,3\n002,-2,3\n003,,3\n")
    errs = errors(path, reading_profiles)
    assert [(f.row, f.column, f.value, f.message) for f in errs] == [
        (2, "tenure_years", "three", "tenure_years is not a number"),
        (3, "tenure_years", "-2", "tenure_years is negative"),
    ]


def test_ragged_rows(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        "employee_id,name,analysis\n001,Ann,3\n002,Smith, Bo,4\n003\n004,Dan,2\n",
    )
    found = findings(path, reading_profiles)
    long = [f for f in found if "extra cells would be lost" in f.message]
    short = [f for f in found if "missing cells count as blank" in f.message]
    assert [(f.severity, f.row) for f in long] == [("error", 3)]
    assert "double quotes" in long[0].hint
    assert [(f.severity, f.row) for f in short] == [("warning", 4)]
    # trailing empty cells (a trailing separator) are not extra data
    path = write(tmp_path, "employee_id,name,analysis\n001,Ann,3,,\n002,Bo,4\n")
    assert errors(path, reading_profiles) == []


def test_row_numbers_count_blank_lines_and_quoted_line_breaks(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        '\nemployee_id,name,analysis\n001,"Ann\nSmith",3\n\n\n002,Bo,9\n',
    )
    (err,) = errors(path, reading_profiles)
    # a spreadsheet shows: 1 blank, 2 header, 3 Ann (one row), 4-5 blank, 6 Bo
    assert (err.row, err.column, err.value) == (6, "analysis", "9")


def test_semicolon_separator_and_decimal_comma(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        "employee_id;name;analysis;tenure_years\n001;Müller, Anna;3,5;2,5\n002;Bo;4;10\n",
    )
    roster = load_roster(path, reading_profiles)
    assert roster.people["name"].tolist() == ["Müller, Anna", "Bo"]
    assert roster.levels[:, 0].tolist() == [3.5, 4.0]
    assert roster.people["tenure_years"].tolist() == [2.5, 10.0]
    # a thousands separator is not a decimal comma
    path = write(tmp_path, "employee_id;tenure_years;analysis\n001;1,000;3\n")
    assert where(errors(path, reading_profiles)) == [(2, "tenure_years", "1,000")]


# ---------------------------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------------------------

ZH = "员工编号,姓名,部门,分析,沟通\n001,王小明,财务,3,4\n002,李娜,人力,4,\n"


@pytest.mark.parametrize(
    "data",
    [
        ZH.encode("utf-8"),
        codecs.BOM_UTF8 + ZH.encode("utf-8"),
        ZH.encode("gb18030"),
        ZH.encode("utf-16"),  # with a BOM, as Python and Excel write it
        codecs.BOM_UTF16_BE + ZH.encode("utf-16-be"),
        # Excel "Unicode text": UTF-16 LE with BOM, tab separated, CRLF
        codecs.BOM_UTF16_LE + ZH.replace(",", "\t").replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "utf16", "utf16-be", "excel-unicode-text"],
)
def test_encodings(tmp_path, reading_profiles, data):
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    roster = load_roster(path, reading_profiles)
    assert roster.people["employee_id"].tolist() == ["001", "002"]
    assert roster.people["name"].tolist() == ["王小明", "李娜"]
    assert roster.people["department"].tolist() == ["财务", "人力"]
    assert roster.levels[0, :2].tolist() == [3.0, 4.0]
    assert math.isnan(roster.levels[1, 1])


def test_gb18030_beyond_the_first_block(tmp_path, reading_profiles):
    """ASCII for the first 64 KiB, Chinese further down: still read as GB18030."""
    rows = "".join(f"{i:06d},Person {i},3\n" for i in range(5000))
    text = "employee_id,name,analysis\n" + rows + "999999,王小明,4\n"
    path = tmp_path / "staff.csv"
    path.write_bytes(text.encode("gb18030"))
    assert path.stat().st_size > 65536
    roster = load_roster(path, reading_profiles)
    assert roster.people["name"].iloc[-1] == "王小明"
    assert len(roster) == 5001


def test_undecodable_text(tmp_path, reading_profiles):
    # valid in no candidate encoding: Latin-1 text with bytes that are neither UTF-8 nor GB18030
    path = tmp_path / "staff.csv"
    path.write_bytes(b"employee_id,name\n001,\x80\xff\xfe\n")
    (err,) = errors(path, reading_profiles)
    assert "cannot decode" in err.message and "UTF-8" in err.hint


# ---------------------------------------------------------------------------------------------
# Not a roster at all
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (os.urandom(4096), None),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"PK\x03\x04" + bytes(200), "zip file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), ".xls"),
    ],
    ids=["random", "nul", "png", "zip", "xls"],
)
def test_binary_junk(tmp_path, reading_profiles, data, expected):
    path = tmp_path / "staff.csv"
    path.write_bytes(data)
    errs = errors(path, reading_profiles)
    assert errs  # never a traceback, always an error
    if expected:
        assert expected in errs[0].message
    with pytest.raises(RosterError):
        load_roster(path, reading_profiles)


def test_a_folder_or_a_missing_path(tmp_path, reading_profiles):
    for path, text in ((tmp_path, "is a folder"), (tmp_path / "nope.csv", "file not found")):
        (err,) = errors(path, reading_profiles)
        assert err.message.startswith(text) and err.file == str(path)
    (err,) = errors(tmp_path / "nope.xlsx", reading_profiles)
    assert err.message == "file not found"


def test_a_very_large_cell(tmp_path, reading_profiles):
    huge = "x" * 3_000_000
    path = write(tmp_path, f"employee_id,name,analysis\n001,{huge},3\n002,Bo,{huge}\n")
    (err,) = errors(path, reading_profiles)
    assert (err.row, err.column, err.message) == (3, "analysis", "level is not a number")
    assert len(err.value) <= 200  # the finding keeps a preview, not megabytes
    path = write(tmp_path, f"employee_id,name,analysis\n001,{huge},3\n")
    roster = load_roster(path, reading_profiles)
    assert roster.people["name"].iloc[0] == huge  # nothing lost
    path = write(tmp_path, f"employee_id,{huge}\n001,3\n")
    (warn,) = [f for f in warnings(path, reading_profiles) if "unknown column" in f.message]
    assert len(warn.column) <= 200


# ---------------------------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------------------------


def test_unknown_competency_column_warns_with_a_suggestion(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysys,Comunication,notes,leadership\n001,3,4,hi,2\n")
    roster, found = check_roster(path, reading_profiles)
    assert roster is not None
    unknown = {f.column: f for f in found if "unknown column" in f.message}
    assert set(unknown) == {"analysys", "Comunication", "notes"}
    assert all(f.severity == "warning" and f.row == 1 for f in unknown.values())
    assert unknown["analysys"].hint == "did you mean 'analysis'?"
    assert unknown["Comunication"].hint == "did you mean 'communication'?"
    assert roster.unknown_columns == ["analysys", "Comunication", "notes"]


def test_strict_makes_unknown_columns_errors(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysys,leadership\n001,3,2\n")
    errs = errors(path, reading_profiles, strict=True)
    assert [(f.column, f.hint) for f in errs] == [("analysys", "did you mean 'analysis'?")]
    assert "--strict" in errs[0].message


def test_ids_keep_leading_zeros(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysis\n007,3\n0100,4\n12,1\n")
    assert load_roster(path, reading_profiles).people["employee_id"].tolist() == ["007", "0100", "12"]


# ---------------------------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------------------------


def _workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _cache_formula_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells a saved value, as Excel does when it saves (openpyxl cannot)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode()
                for ref, value in values.items():
                    start = text.index(f'<c r="{ref}"')
                    end = text.index("</c>", start)
                    cell = text[start:end].replace("<v />", "").replace("<v></v>", "")
                    text = text[:start] + cell + f"<v>{value}</v>" + text[end:]
                data = text.encode()
            dst.writestr(item, data)
    tmp.replace(path)


STAFF_ROWS = [
    ["employee_id", "name", "analysis", "communication"],
    ["001", "Ann", 3, 4],
    [1002, "Bo", 4.0, 2],
]


def test_xlsx_picks_the_sheet_with_the_roster(tmp_path, reading_profiles):
    path = _workbook(
        tmp_path / "staff.xlsx",
        {"Read me": [["How to fill in this roster"], ["..."]], "Staff": STAFF_ROWS, "Other": [["x"]]},
    )
    roster, found = check_roster(path, reading_profiles)
    assert roster.people["employee_id"].tolist() == ["001", "1002"]  # not "1002.0"
    (note,) = [f for f in found if "reading sheet" in f.message]
    assert "'Read me'" in note.message and note.severity == "warning"


def test_xlsx_sheet_option(tmp_path, reading_profiles):
    path = _workbook(
        tmp_path / "staff.xlsx",
        {"Q2": STAFF_ROWS, "Q3": [STAFF_ROWS[0], ["003", "Cai", 5, 5]]},
    )
    assert load_roster(path, reading_profiles).people["employee_id"].tolist() == ["001", "1002"]
    q3 = load_roster(path, reading_profiles, sheet="Q3")
    assert q3.people["employee_id"].tolist() == ["003"]
    (err,) = errors(path, reading_profiles, sheet="q3")
    assert "no sheet 'q3'" in err.message and "'Q2', 'Q3'" in err.message
    assert err.hint == "did you mean 'Q3'?"
    csv_path = write(tmp_path, "employee_id\n1\n")
    (err,) = errors(csv_path, reading_profiles, sheet="Q3")
    assert "--sheet only applies to .xlsx" in err.message


def test_xlsx_errors_name_the_sheet_and_the_row(tmp_path, reading_profiles):
    rows = [["Staff roster"], [], *STAFF_ROWS]
    rows[3] = ["001", "Ann", 9, 4]
    path = _workbook(tmp_path / "staff.xlsx", {"Staff": rows})
    (err,) = errors(path, reading_profiles)
    # a header beyond doubt under a title block is read: the error is in the row of the sheet
    assert (err.place, err.row, err.column, err.value) == ("sheet 'Staff'", 4, "analysis", "9")
    rows = [["Staff roster"], [], ["employee_id", "analysis"], ["001", 9]]
    path = _workbook(tmp_path / "staff1.xlsx", {"Staff": rows})
    (err,) = errors(path, reading_profiles)
    # not beyond doubt (the id and one known column): the user is told where the header is
    assert err.row == 1 and err.place == "sheet 'Staff'"
    assert err.hint.startswith("row 3 looks like the header: read the file through a mapping file")
    assert err.hint.endswith("delete the rows above it")
    path = _workbook(tmp_path / "staff2.xlsx", {"Staff": [STAFF_ROWS[0], ["001", "Ann", 9, 4]]})
    (err,) = errors(path, reading_profiles)
    assert (err.place, err.row, err.column, err.value) == ("sheet 'Staff'", 2, "analysis", "9")


def test_xlsx_formulas(tmp_path, reading_profiles):
    rows = [STAFF_ROWS[0], ["001", "Ann", "=1+2", 4], ["002", "Bo", 2, "=B1"]]
    path = _workbook(tmp_path / "staff.xlsx", {"Staff": rows})
    # as openpyxl wrote it: formulas without saved values read as blank, and the user is told
    roster, found = check_roster(path, reading_profiles)
    formulas = [f for f in found if "formula" in f.message]
    assert [(f.row, f.column, f.severity) for f in formulas] == [
        (2, "analysis", "warning"),
        (3, "communication", "warning"),
    ]
    assert math.isnan(roster.levels[0, 0])
    # as Excel saves it: the saved values are read
    _cache_formula_values(path, {"C2": "3", "D3": "2"})
    roster, found = check_roster(path, reading_profiles)
    assert not [f for f in found if "formula" in f.message]
    assert roster.levels[:, :2].tolist() == [[3.0, 4.0], [2.0, 2.0]]


def test_xlsx_empty_trailing_rows(tmp_path, reading_profiles):
    path = tmp_path / "staff.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in STAFF_ROWS:
        ws.append(row)
    for r in range(4, 40):  # formatted, blank, or holding only spaces
        ws.cell(row=r, column=1).number_format = "@"
        ws.cell(row=r, column=2).value = " " if r % 3 == 0 else None
    wb.save(path)
    roster = load_roster(path, reading_profiles)
    assert len(roster) == 2
    assert roster.rows_skipped > 0


def test_xlsx_text_cells_keep_leading_zeros(tmp_path, reading_profiles):
    path = _workbook(tmp_path / "s.xlsx", {"S": [["工号", "分析"], ["00123", 3], [456, 2]]})
    assert load_roster(path, reading_profiles).people["employee_id"].tolist() == ["00123", "456"]


def test_not_really_a_workbook(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id\n1\n", name="staff.xlsx")
    (err,) = errors(path, reading_profiles)
    assert "cannot read the workbook" in err.message and ".csv" in err.hint


# ---------------------------------------------------------------------------------------------
# Long layout
# ---------------------------------------------------------------------------------------------


def test_long_layout(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        "employee_id,name,competency,level\n"
        "001,Ann,analysis,3\n001,Ann,沟通,4\n002,Bo,Analysis,2\n",
    )
    roster = load_roster(path, reading_profiles)
    assert roster.layout == "long"
    assert roster.people["employee_id"].tolist() == ["001", "002"]
    assert roster.levels[:, :2].tolist()[0] == [3.0, 4.0]


def test_long_layout_duplicate_pair_and_blank_id(tmp_path, reading_profiles):
    path = write(
        tmp_path,
        "employee_id,competency,level\n"
        "001,analysis,3\n"
        "002,analysis,2\n"
        "001,Analysis,4\n"  # same person and competency as row 2, under another name
        ",analysis,2\n"
        "002,analysys,3\n"
        "002,communication,x\n",
    )
    found = findings(path, reading_profiles)
    assert [(f.severity, f.row, f.column, f.message) for f in found if f.row] == [
        ("error", 4, "competency", "the same person and competency appear on an earlier row too"),
        ("error", 5, "employee_id", "employee_id is blank"),
        ("warning", 6, "competency", "unknown competency ignored"),
        ("error", 7, "level", "level is not a number"),
    ]
    unknown = next(f for f in found if f.message == "unknown competency ignored")
    assert unknown.value == "analysys" and unknown.hint == "did you mean 'analysis'?"


# ---------------------------------------------------------------------------------------------
# What analyze and report are told
# ---------------------------------------------------------------------------------------------


def test_load_roster_lists_the_first_errors_and_points_to_validate(tmp_path, reading_profiles):
    rows = "".join(f"{i:03d},9,3\n" for i in range(1, 31))
    path = write(tmp_path, "employee_id,analysis,communication\n" + rows)
    with pytest.raises(RosterError) as info:
        load_roster(path, reading_profiles)
    message = info.value.message
    lines = message.splitlines()
    assert lines[0] == f"{path}: 30 errors in the roster"
    assert lines[1].startswith("  row 2, column 'analysis': level out of range 0-5 (value '9')")
    assert "0 (none) to 5 (expert)" in lines[1] and "0 (none)" not in lines[2]  # hint once
    assert lines[-2] == "  ... and 25 more"
    assert lines[-1] == f"run `sscgap validate {path}` for the full list"
    errs = [f for f in info.value.findings if f.severity == "error"]
    assert len(errs) == 21 and errs[-1].count == 10  # the full list travels with the error


def test_input_files_are_not_modified(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysis\n001,3\n002,9\n")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    os.chmod(path, 0o444)  # read-only: loading must not need write access
    try:
        check_roster(path, reading_profiles)
        check_roster(tmp_path / "staff.csv", reading_profiles, strict=True)
    finally:
        os.chmod(path, 0o644)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["staff.csv"]


def test_levels_matrix_is_float32_with_nan_for_not_assessed(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysis,leadership\n001,3,\n002,,5\n")
    roster = load_roster(path, reading_profiles)
    assert roster.levels.dtype == np.float32
    assert np.isnan(roster.levels[0, 2]) and np.isnan(roster.levels[1, 0])


def test_a_quote_that_never_closes(tmp_path, reading_profiles):
    path = write(tmp_path, 'employee_id,name,analysis\n001,Ann,3\n\n002,"Bo,4\n003,Cy,2\n')
    (err,) = errors(path, reading_profiles)
    assert err.row == 4 and "never closed" in err.message and '""' in err.hint
    # a quote inside an unquoted cell is just a character
    path = write(tmp_path, 'employee_id,name,analysis\n001,Ann "the boss",3\n')
    assert load_roster(path, reading_profiles).people["name"].iloc[0] == 'Ann "the boss"'


def test_findings_name_the_header_as_written(tmp_path, reading_profiles):
    path = write(tmp_path, "工号,姓名,分析,司龄\n001,王,高,3\n001,李,3,-1\n")
    errs = errors(path, reading_profiles)
    assert [(f.row, f.column, f.value) for f in errs] == [
        (2, "分析", "高"),
        (3, "工号", "001"),
        (3, "司龄", "-1"),
    ]
    path = write(tmp_path, "员工编号,能力,等级\n001,沟通,9\n001,分析,3\n")
    assert where(errors(path, reading_profiles)) == [(2, "等级", "9")]
