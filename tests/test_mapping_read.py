"""An export read through a mapping goes through the readers of a roster with standard headers:
a CSV through the Arrow reader (levels as numbers at once, texts where a column holds them), a
workbook through the streaming parser (only the cells that hold data, hidden sheets skipped,
the same bounds). One rule for a level's range on every path."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from sscgap.errors import RosterError
from sscgap.mapping import CatalogueNames, parse_mapping
from sscgap.roster import check_roster, load_roster
from sscgap.roster import xlsx as roster_xlsx
from sscgap.roster.mapped import read_export

from conftest import make_book

MAPPING_TEXT = (
    'columns:\n  employee_id: "Staff No"\n  name: Worker\n  tenure_years: Years\n'
    '  employment_type: Type\n'
    'competencies:\n  analysis: "Analysis Skill"\n  communication: Comms\n'
)
MAPPING = parse_mapping(MAPPING_TEXT, "map.yaml")
HEADER = ["Staff No", "Worker", "Years", "Type", "Analysis Skill", "Comms"]
STANDARD = ["employee_id", "name", "tenure_years", "employment_type", "analysis", "communication"]


def r(pid: str, name: str, a: object, c: object) -> list[object]:
    """A person's row: id, name, 2 years, internal, two levels."""
    return [pid, name, 2, "internal", a, c]


def _csv(path: Path, rows: list[list]) -> Path:
    path.write_text("\n".join(",".join(str(c) for c in r) for r in rows) + "\n", encoding="utf-8")
    return path


def _found(path, pset, mapping=MAPPING):
    roster, found = check_roster(path, pset, mapping=mapping)
    return roster, [f for f in found if f.severity == "error"], [f for f in found if f.severity == "warning"]


# ---------------------------------------------------------------------------------------------
# Workbooks: the streaming parser, bounded
# ---------------------------------------------------------------------------------------------


def test_one_cell_at_the_far_corner_costs_one_cell_through_a_mapping(tmp_path, mini_profiles):
    # data in A1:D5 and one cell at XFD1048576: read at once, the rows keep their numbers
    path = make_book(tmp_path / "far.xlsx", [HEADER, r("001", "Ann", 3, 4), [], [], r("002", "Bo", 9, 2)], far=True)
    start = time.perf_counter()
    _roster, errs, warns = _found(path, mini_profiles)
    assert time.perf_counter() - start < 10
    assert [(f.row, f.column, f.value) for f in errs] == [(5, "Analysis Skill", "9")]
    assert [(f.message, f.place) for f in warns] == [("column XFD has no header and is ignored", "sheet 'Staff'")]


def test_the_far_corner_is_read_and_the_roster_kept(tmp_path, mini_profiles):
    path = make_book(tmp_path / "far.xlsx", [HEADER, r("001", "Ann", 3, 4), [], r("002", "Bo", 5, 2)], far=True)
    roster = load_roster(path, mini_profiles, mapping=MAPPING)
    assert roster.people["employee_id"].tolist() == ["001", "002"]
    assert roster.extra is not None and list(roster.extra.columns) == []


def test_the_bounds_of_a_workbook_hold_through_a_mapping(tmp_path, mini_profiles, monkeypatch):
    path = make_book(tmp_path / "spread.xlsx", [HEADER, *[r(f"{i:03}", "x", 1, 2) for i in range(50)]])
    monkeypatch.setattr(roster_xlsx, "XLSX_MAX_CELLS", 100)
    with pytest.raises(RosterError, match="spread over 51 rows x 6 columns"):
        load_roster(path, mini_profiles, mapping=MAPPING)
    monkeypatch.setattr(roster_xlsx, "XLSX_MAX_CELLS", 50_000_000)
    monkeypatch.setattr(roster_xlsx, "XLSX_MAX_UNPACKED", 1000)
    with pytest.raises(RosterError, match="would unpack to"):
        load_roster(path, mini_profiles, mapping=MAPPING)


def test_a_hidden_sheet_is_not_read_through_a_mapping(tmp_path, mini_profiles):
    path = make_book(tmp_path / "hidden.xlsx", [HEADER, r("001", "Ann", 3, 4)],
                 hidden_first=[HEADER, r("X9", "Ghost", 5, 5)])  # fmt: skip
    roster, errs, warns = _found(path, mini_profiles)
    assert not errs and roster.people["employee_id"].tolist() == ["001"]
    assert any("hidden sheet(s) 'Old' not read" in f.message for f in warns)
    named = parse_mapping("sheet: Old\n" + MAPPING_TEXT, "map.yaml")
    roster = load_roster(path, mini_profiles, mapping=named)
    assert roster.people["employee_id"].tolist() == ["X9"]


def test_a_title_block_and_blank_rows_keep_the_rows_of_the_sheet(tmp_path, mini_profiles):
    rows = [["Skills export"], ["as of 2026-06-30"], [], HEADER, r("001", "Ann", 3, 4), [], r("002", "Bo", "x", 2)]
    path = make_book(tmp_path / "title.xlsx", rows)
    _roster, errs, _warns = _found(path, mini_profiles)  # the header row is detected
    assert [(f.row, f.column, f.value, f.place) for f in errs] == [(7, "Analysis Skill", "x", "sheet 'Staff'")]


def test_init_reads_the_sheet_with_the_roster_under_its_header(tmp_path, mini_profiles):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active.append(["This export was made for the review."])
    ws = wb.create_sheet("Staff")
    header = ["Employee ID", *HEADER[1:]]
    for row in [["Skills export"], [], header, r("001", "Ann", 3, 4), [], r("002", "Bo", 1, 2)]:
        ws.append(row)
    wb.save(tmp_path / "two.xlsx")
    raw, row, sheet = read_export(tmp_path / "two.xlsx", CatalogueNames.from_profiles(mini_profiles))
    assert (row, sheet) == (3, "Staff") and list(raw.columns) == header
    assert raw["Employee ID"].tolist() == ["001", "002"]


# ---------------------------------------------------------------------------------------------
# CSV: the Arrow reader under the mapping's header row
# ---------------------------------------------------------------------------------------------


def test_a_csv_export_gives_the_same_roster_as_standard_headers(tmp_path, mini_profiles):
    body = [r("001", "Ann", 3, 4), r("002", "Bo", "", 2.5), r("003", "Cy", 0, 5)]
    plain = load_roster(_csv(tmp_path / "std.csv", [STANDARD, *body]), mini_profiles)
    mapped = load_roster(_csv(tmp_path / "exp.csv", [HEADER, *body]), mini_profiles, mapping=MAPPING)
    assert np.array_equal(plain.levels, mapped.levels, equal_nan=True)
    pd.testing.assert_frame_equal(plain.people, mapped.people)


def test_a_header_row_below_a_title_and_a_quoted_line_break(tmp_path, mini_profiles):
    path = tmp_path / "title.csv"
    path.write_text('Export,"made\non Monday"\n\n' + ",".join(HEADER) + "\n001,Ann,2,internal,3,4\n\n002,Bo,2,internal,7,2\n")
    m = parse_mapping("header_row: 3\n" + MAPPING_TEXT, "map.yaml")
    _roster, errs, _ = _found(path, mini_profiles, m)
    # records count as spreadsheet rows: the quoted line break is inside row 1, blank lines count
    assert [(f.row, f.column, f.value) for f in errs] == [(6, "Analysis Skill", "7")]
    _roster, errs, _ = _found(path, mini_profiles)  # found by the mapping's id header
    assert [(f.row, f.column, f.value) for f in errs] == [(6, "Analysis Skill", "7")]


def test_rating_texts_after_numbers_are_read(tmp_path, mini_profiles):
    rows = [HEADER] + [r(f"{i:03}", "x", 3, 4) for i in range(40)] + [r("999", "Zed", "4 - Expert", "Novice")]
    m = parse_mapping(MAPPING_TEXT + "values:\n  level: {Novice: 1}\n", "map.yaml")
    roster = load_roster(_csv(tmp_path / "texts.csv", rows), mini_profiles, mapping=m)
    assert roster.levels[-1, :2].tolist() == [4, 1] and roster.levels[0, :2].tolist() == [3, 4]


def test_null_words_are_errors_through_a_mapping(tmp_path, mini_profiles):
    path = _csv(tmp_path / "na.csv", [HEADER, r("001", "NA", 3, "NA"), r("002", "Bo", "", 2)])
    _roster, errs, _ = _found(path, mini_profiles)
    assert [(f.row, f.column, f.value) for f in errs] == [(2, "Comms", "NA")]


# ---------------------------------------------------------------------------------------------
# One rule for a level's range
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["5.00000001", "4.99999999", "0.00000001"])
def test_a_level_at_the_edge_of_float32_is_read_alike_on_both_paths(tmp_path, mini_profiles, cell):
    body = [r("001", "Ann", cell, 4), r("002", "Bo", 3, 2)]
    plain = load_roster(_csv(tmp_path / "std.csv", [STANDARD, *body]), mini_profiles)
    mapped = load_roster(_csv(tmp_path / "exp.csv", [HEADER, *body]), mini_profiles, mapping=MAPPING)
    as_text = load_roster(
        _csv(tmp_path / "txt.csv", [HEADER, r("001", "Ann", f"{cell} - level", 4), r("002", "Bo", 3, 2)]),
        mini_profiles, mapping=MAPPING,
    )  # fmt: skip
    assert plain.levels[0, 0] == mapped.levels[0, 0] == as_text.levels[0, 0] == np.float32(float(cell))
    book = make_book(tmp_path / "b.xlsx", [HEADER, r("001", "Ann", float(cell), 4), r("002", "Bo", 3, 2)])
    assert load_roster(book, mini_profiles, mapping=MAPPING).levels[0, 0] == np.float32(float(cell))


@pytest.mark.parametrize("cell", ["5.0001", "-0.001", "1e400", "6 - Guru"])
def test_a_level_out_of_range_is_an_error_on_both_paths(tmp_path, mini_profiles, cell):
    body = [r("001", "Ann", cell, 4)]
    _r, plain, _ = _found(_csv(tmp_path / "std.csv", [STANDARD, *body]), mini_profiles, None)
    _r, mapped, _ = _found(_csv(tmp_path / "exp.csv", [HEADER, *body]), mini_profiles)
    assert [(f.row, f.value) for f in plain] == [(f.row, f.value) for f in mapped] == [(2, cell)]
    assert [f.column for f in mapped] == ["Analysis Skill"]  # the export's header, as written
