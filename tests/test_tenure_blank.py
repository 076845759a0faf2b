"""A roster with both a tenure and a hire date column (as HR exports carry them), the tenure blank
for some people (new joiners, formulas never recalculated): the tenure given wins, a blank one is
counted from the hire date, on every read path (CSV, workbook, DataFrame, long layout, mapping).
Those people were silently without a tenure: never ready for a role with a minimum tenure."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sscgap import analyze
from sscgap.roster import check_roster, load_roster

from conftest import MINI_PROFILES, run_cli

AS_OF = date(2026, 6, 30)
# people_lead (manager) needs leadership 4 (critical), communication 4, 3 years, internal
HEADER = "employee_id,tenure_years,hire_date,employment_type,communication,leadership\n"
# 001: tenure given; 002: blank tenure, hired 2020 (6.5 years); 003: blank tenure and hire date;
# 004: tenure given (1 year) wins over an old hire date
ROWS = (
    "001,4,2022-06-30,internal,5,5\n"
    "002,,2020-01-01,internal,5,5\n"
    "003,,,internal,5,5\n"
    "004,1,2000-01-01,internal,5,5\n"
)


def years(hired: str) -> float:
    return (AS_OF - date.fromisoformat(hired)).days / 365.25


def write(tmp_path: Path, text: str, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def tenures(roster) -> list[float | None]:
    return [None if v != v else round(v, 4) for v in roster.people["tenure_years"].tolist()]


EXPECTED = [4.0, round(years("2020-01-01"), 4), None, 1.0]
NOTE = "tenure_years is blank for 1 person: counted from the hire_date"


def test_a_blank_tenure_is_counted_from_the_hire_date(tmp_path, mini_profiles):
    roster, found = check_roster(write(tmp_path, HEADER + ROWS), mini_profiles, as_of=AS_OF)
    assert roster is not None, [str(f) for f in found]
    assert tenures(roster) == EXPECTED
    notes = [f for f in found if f.message == NOTE]
    assert len(notes) == 1 and notes[0].severity == "warning" and notes[0].column == "tenure_years"


def test_the_person_is_ready_and_the_cli_says_why(runner, tmp_path):
    path = write(tmp_path, HEADER + ROWS)
    result = run_cli(runner, "analyze", path, "-p", MINI_PROFILES, "-f", "json", "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    manager = next(a for a in doc["archetypes"] if a["id"] == "manager")
    assert manager["ready"] == 2  # 001 (4 years) and 002 (6.5 years from the hire date)
    shown = run_cli(runner, "validate", path, "-p", MINI_PROFILES, "--as-of", "2026-06-30")
    assert shown.exit_code == 0 and NOTE in shown.stdout
    zh = run_cli(runner, "validate", path, "-p", MINI_PROFILES, "--as-of", "2026-06-30", "--lang", "zh")
    assert "1人的司龄为空：按入职日期计算" in zh.stdout


def test_a_tenure_column_blank_for_everyone_is_no_longer_refused(runner, tmp_path):
    text = HEADER + "001,,2020-01-01,internal,5,5\n002,,2025-01-01,internal,5,5\n"
    result = run_cli(runner, "analyze", write(tmp_path, text), "-p", MINI_PROFILES, "-f", "json",
                     "--as-of", "2026-06-30")  # fmt: skip
    # it said "roles require tenure_years ... but the roster has no tenure_years" (exit 2)
    assert result.exit_code == 0, result.output
    assert next(a for a in json.loads(result.stdout)["archetypes"] if a["id"] == "manager")["ready"] == 1
    assert "tenure_years is blank for 2 people: counted from the hire_date" in result.stderr


def test_hire_dates_are_errors_where_used_and_warnings_where_the_tenure_is_given(tmp_path, mini_profiles):
    text = HEADER + (
        "001,4,soon,internal,5,5\n"        # tenure given: the bad date is a warning
        "002,2,2027-01-01,internal,5,5\n"  # tenure given: the future date is a warning
        "003,,someday,internal,5,5\n"      # the date is used: error
        "004,,2027-01-01,internal,5,5\n"   # the date is used: error
    )  # fmt: skip
    roster, found = check_roster(write(tmp_path, text), mini_profiles, as_of=AS_OF)
    assert roster is None
    got = [(f.severity, f.row, f.message, f.hint) for f in found if f.column == "hire_date"]
    unused = "not used, as the row's tenure_years is given; correct the date or leave the cell blank"
    assert got[0] == ("warning", 2, "hire_date is not a date", unused)
    assert got[1] == ("warning", 3, "hire date after the as-of date 2026-06-30", unused)
    assert [(s, r, m) for s, r, m, _ in got[2:]] == [
        ("error", 4, "hire_date is not a date"),
        ("error", 5, "hire date after the as-of date 2026-06-30"),
    ]
    # only the warnings: the roster is read, with the tenures given
    ok = HEADER + "001,4,soon,internal,5,5\n002,2,2027-01-01,internal,5,5\n"
    roster, found = check_roster(write(tmp_path, ok), mini_profiles, as_of=AS_OF)
    assert roster is not None and tenures(roster) == [4.0, 2.0]
    assert {f.severity for f in found} == {"warning"}


def test_a_workbook_and_a_dataframe_read_the_same(tmp_path, mini_profiles):
    book = openpyxl.Workbook()
    ws = book.active
    for line in (HEADER + ROWS).splitlines():
        cells: list[object] = [c if c else None for c in line.split(",")]
        if cells[2] and cells[2] != "hire_date":
            cells[2] = pd.Timestamp(str(cells[2])).to_pydatetime()  # an Excel date cell
        if cells[1] and cells[1] != "tenure_years":
            cells[1] = float(str(cells[1]))
        ws.append(cells)
    path = tmp_path / "staff.xlsx"
    book.save(path)
    assert tenures(load_roster(path, mini_profiles, as_of=AS_OF)) == EXPECTED
    df = pd.read_csv(write(tmp_path, HEADER + ROWS), dtype={"employee_id": str}, parse_dates=["hire_date"])
    result = analyze(df, MINI_PROFILES, as_of=AS_OF)
    assert tenures(result.analysis.roster) == EXPECTED


def test_the_long_layout(tmp_path, mini_profiles):
    text = "employee_id,tenure_years,hire_date,employment_type,competency,level\n" + (
        "001,,2020-01-01,internal,leadership,5\n001,,2020-01-01,internal,communication,5\n"
        "002,2,2000-01-01,internal,leadership,5\n"
    )
    roster = load_roster(write(tmp_path, text), mini_profiles, as_of=AS_OF)
    assert tenures(roster) == [round(years("2020-01-01"), 4), 2.0]


EXPORT = "Worker ID,Years of Service,Hire Date,Worker Type,communication,leadership\n" + ROWS


@pytest.mark.parametrize(
    "columns",
    [
        'columns:\n  employee_id: "Worker ID"\n  tenure_years: "Years of Service"\n  hire_date: "Hire Date"\n',
        'columns:\n  employee_id: "Worker ID"\n',  # both found by their headers
    ],
)
def test_a_mapping_reads_both_columns(tmp_path, mini_profiles, columns):
    """A mapping that maps both was refused ("map either hire_date or tenure_years, not both"),
    though ``init --mapping`` drafts both when the export has both; without either, the hire
    date was dropped."""
    mapping = write(tmp_path, "as_of: 2026-06-30\n" + columns, "m.yaml")
    roster, found = check_roster(write(tmp_path, EXPORT), mini_profiles, mapping=mapping)
    assert roster is not None, [str(f) for f in found]
    assert tenures(roster) == EXPECTED
    notes = [f for f in found if f.message == NOTE]
    assert len(notes) == 1 and notes[0].column == "Years of Service"


def test_a_mapping_of_one_of_them_reads_that_one(tmp_path, mini_profiles):
    """The mapping says where tenure comes from: the other column is not looked for."""
    one = write(tmp_path, 'as_of: 2026-06-30\ncolumns:\n  hire_date: "Hire Date"\n', "m.yaml")
    roster = load_roster(write(tmp_path, EXPORT), mini_profiles, mapping=one)
    assert tenures(roster) == [round(years(h), 4) for h in ("2022-06-30", "2020-01-01")] + [None] + [
        round(years("2000-01-01"), 4)
    ]


def test_a_mapping_reports_hire_dates_as_the_plain_reader_does(tmp_path, mini_profiles):
    text = EXPORT.replace("001,4,2022-06-30", "001,4,soon").replace("002,,2020-01-01", "002,,someday")
    mapping = write(tmp_path, 'as_of: 2026-06-30\ncolumns:\n  employee_id: "Worker ID"\n', "m.yaml")
    roster, found = check_roster(write(tmp_path, text), mini_profiles, mapping=mapping)
    assert roster is None
    got = sorted((f.row, f.severity, f.value) for f in found if f.column == "Hire Date")
    assert got == [(2, "warning", "soon"), (3, "error", "someday")]


def test_the_drafted_mapping_of_an_export_with_both_is_read(runner, tmp_path):
    export = write(tmp_path, EXPORT)
    drafted = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", drafted).exit_code == 0
    text = drafted.read_text(encoding="utf-8")
    assert 'tenure_years: "Years of Service"' in text and 'hire_date: "Hire Date"' in text
    result = run_cli(runner, "validate", export, "-p", MINI_PROFILES, "--mapping", drafted, "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output  # was: "map either hire_date or tenure_years, not both"
