"""Round 8: roster exports as HR people really have them (Chinese and multinational shared
service centres) — what seven rounds had not met yet. The tests of a fix failed on the code
before round 8; the guards (what must stay as it was) passed before and after. Tiny rosters and
the mini profile set, in process: the file adds well under a second or two to the suite."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import MINI_PROFILES, MINI_ROSTER, make_book, run_cli

MINI = MINI_ROSTER.read_text(encoding="utf-8")
ROWS = list(csv.reader(io.StringIO(MINI)))
HEADER = ROWS[0]


def _cli(runner, *args):
    return run_cli(runner, *args, "--profiles", MINI_PROFILES)


def _json(result) -> dict:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _staff(result) -> int:
    return int(_json(result)["summary"]["staff"])


def _text(rows: list[list], sep: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _mapping(runner, tmp_path, roster):
    out = tmp_path / "hris.yaml"
    result = _cli(runner, "init", "--mapping", roster, "-o", out)
    assert result.exit_code == 0, result.output
    return out


def _flat(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# Ids with Excel's text mark in front ('000101)
# ---------------------------------------------------------------------------------------------


def _apostrophes() -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    for r in rows[1:4]:
        r[0] = "'" + r[0]  # as exports write ids for Excel to keep the zeros
    return rows


@pytest.mark.parametrize("mapped", [False, True])
def test_ids_with_an_apostrophe_in_front_are_the_same_people(runner, tmp_path, mapped):
    new = tmp_path / "staff_q3.csv"
    new.write_bytes(_text(_apostrophes()).encode("utf-8-sig"))
    extra = ["--mapping-new", _mapping(runner, tmp_path, new)] if mapped else []
    result = _cli(runner, "diff", MINI_ROSTER, new, "-f", "json", *extra)
    data = _json(result)
    # was: 3 joiners ('001, '002, '003) and 3 leavers (001, 002, 003), the same people
    assert data["people"]["joiners"] == [] and data["people"]["leavers"] == [], data["people"]
    person = _cli(runner, "person", new, "001")
    assert person.exit_code == 0, person.output  # was: no employee_id '001'; did you mean '001, …
    assert "(001)" in person.stdout


def test_an_apostrophe_id_beside_the_same_id_is_a_duplicate(runner, tmp_path):
    rows = [list(r) for r in ROWS] + [["'001", "Ann again", "Finance", "Dalian", "5", "internal", "1", "1", "1"]]
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    result = _cli(runner, "validate", roster)
    assert result.exit_code == 2
    assert "duplicate employee_id" in result.stdout  # was: two people, 001 and '001


# ---------------------------------------------------------------------------------------------
# A total line whose label is in a column not read (序号 合计), sums beside it
# ---------------------------------------------------------------------------------------------


def _numbered(label: str = "合计") -> list[list]:
    rows: list[list] = [["序号", *HEADER]]
    for i, r in enumerate(ROWS[1:], start=1):
        rows.append([i, *r])
    rows.append([label, "", "", "", "", "18", "", "13", "12", "10"])  # the sums of the columns
    return rows


@pytest.mark.parametrize("kind", ["csv", "xlsx", "mapped"])
def test_a_total_line_labelled_in_a_numbering_column_is_no_person(runner, tmp_path, kind):
    if kind == "csv":
        roster = tmp_path / "staff.csv"
        roster.write_bytes(_text(_numbered()).encode("gb18030"))
    else:
        roster = make_book(tmp_path / "staff.xlsx", _numbered())
    extra = ["--mapping", _mapping(runner, tmp_path, roster)] if kind == "mapped" else []
    # was: exit 2, "row 7, column 'employee_id': employee_id is blank"
    assert _staff(_cli(runner, "analyze", roster, "-f", "json", *extra)) == 5
    result = _cli(runner, "validate", roster, *extra)
    assert result.exit_code == 0, result.output
    out = _flat(result.stdout)
    assert "the employee id and the name are blank: read as a total line under the table" in out
    zh = _flat(_cli(runner, "validate", roster, "--lang", "zh", *extra).stdout)
    assert "员工编号和姓名均为空：视为表格下方的合计行" in zh


def test_a_person_without_an_id_under_the_table_is_still_an_error(runner, tmp_path):
    rows = _numbered()
    rows[-1] = [6, "", "Fei", "HR", "Chengdu", "3", "internal", "3", "3", "3"]  # a name: a person
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    result = _cli(runner, "validate", roster)
    assert result.exit_code == 2
    assert "employee_id is blank" in result.stdout


def test_a_long_export_whose_later_rows_leave_the_id_blank_is_still_an_error(runner, tmp_path):
    rows = [["employee_id", "name", "competency", "level"], ["001", "Ann", "analysis", "4"], ["", "", "communication", "3"]]
    roster = tmp_path / "long.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    result = _cli(runner, "validate", roster)
    assert result.exit_code == 2  # never silently a total line: the rating belongs to someone
    assert "blank" in result.stdout
