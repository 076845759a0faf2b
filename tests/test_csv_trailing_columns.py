"""A CSV whose header ends in empty cells (``leadership,,``, as Excel and HR exports write it) with
rows that lack them, or the reverse: the empty header cells with nothing under them are
formatting, not columns, and give no warning. Each row gave "row has 9 cells but the header has
11 ... a line break inside an unquoted cell splits a row in two"."""

from __future__ import annotations

from pathlib import Path

import pytest

from sscgap.roster import check_roster

from conftest import MINI_PROFILES, MINI_ROSTER, run_cli

LINES = MINI_ROSTER.read_text(encoding="utf-8").splitlines()
HEAD, ROWS = LINES[0], LINES[1:]


def write(tmp_path: Path, lines: list[str], end: str = "\n") -> Path:
    path = tmp_path / "staff.csv"
    path.write_text(end.join(lines) + end, encoding="utf-8")
    return path


SHAPES = {
    "header ends in empty cells, rows do not": [HEAD + ",,", *ROWS],
    "both end in empty cells (Excel)": [HEAD + ",,", *(r + ",," for r in ROWS)],
    "rows end in one empty cell of two": [HEAD + ",,", *(r + "," for r in ROWS)],
    "some rows end in them, some not": [HEAD + ",,", *(r + (",," if i % 2 else "") for i, r in enumerate(ROWS))],
    "rows end in empty cells, the header does not": [HEAD, *(r + ",," for r in ROWS)],
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_empty_trailing_columns_are_no_problem(tmp_path, mini_profiles, shape):
    roster, found = check_roster(write(tmp_path, SHAPES[shape]), mini_profiles)
    assert roster is not None and len(roster) == len(ROWS)
    assert [str(f) for f in found] == []


def test_excel_line_ends(tmp_path, mini_profiles):
    roster, found = check_roster(write(tmp_path, SHAPES["header ends in empty cells, rows do not"], "\r\n"), mini_profiles)
    assert roster is not None and [str(f) for f in found] == []


def test_data_under_an_empty_header_is_still_named(tmp_path, mini_profiles):
    rows = [r + (",note" if i == 1 else "") for i, r in enumerate(ROWS)]
    _roster, found = check_roster(write(tmp_path, [HEAD + ",", *rows]), mini_profiles)
    assert [f.message for f in found] == ["column J has no header and is ignored"]


def test_a_row_that_ends_early_says_which_columns_it_lacks(runner, tmp_path):
    rows = list(ROWS)
    rows[1] = ",".join(rows[1].split(",")[:7])  # no cells for communication and leadership
    path = write(tmp_path, [HEAD + ",,", *rows])
    _roster, found = check_roster(path, _profiles())
    short = [f for f in found if f.severity == "warning"]
    assert [(f.row, f.message) for f in short] == [
        (3, "row has 7 cells but the header has 9: the missing cells count as blank")
    ]
    assert short[0].hint == "the row ends before the columns 'communication', 'leadership': they count as blank for this row"
    zh = run_cli(runner, "validate", path, "-p", MINI_PROFILES, "--lang", "zh")
    assert "该行没有 'communication', 'leadership' 列的单元格" in zh.stdout


def test_a_row_split_by_a_line_break_keeps_its_hint(tmp_path):
    rows = list(ROWS)
    cells = rows[2].split(",")
    rows[2] = ",".join(cells[:2]) + "\n" + ",".join(cells[1:])
    _roster, found = check_roster(write(tmp_path, [HEAD, *rows]), _profiles())
    hints = {f.hint for f in found if f.message.startswith("row has")}
    assert hints == {"a line break inside an unquoted cell splits a row in two"}


def _profiles():
    from sscgap.profiles import load_profiles

    return load_profiles(MINI_PROFILES)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_the_same_through_a_mapping_file(tmp_path, mini_profiles, shape):
    """Through --mapping the first shape was refused: "cannot parse the CSV: Too many columns
    specified: expected 11 and found 9"; the others named each empty column."""
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns:\n  employee_id: employee_id\n", encoding="utf-8")
    roster, found = check_roster(write(tmp_path, SHAPES[shape]), mini_profiles, mapping=mapping)
    assert roster is not None and len(roster) == len(ROWS), [str(f) for f in found]
    assert [str(f) for f in found] == []


def test_a_mapping_still_names_data_under_an_empty_header(tmp_path, mini_profiles):
    rows = [r + (",note" if i == 1 else "") for i, r in enumerate(ROWS)]
    mapping = tmp_path / "m.yaml"
    mapping.write_text("columns:\n  employee_id: employee_id\n", encoding="utf-8")
    roster, found = check_roster(write(tmp_path, [HEAD + ",", *rows]), mini_profiles, mapping=mapping)
    assert roster is not None and [f.message for f in found] == ["column J has no header and is ignored"]
