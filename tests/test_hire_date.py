"""Hire dates without a mapping file: a ``hire_date`` column (or Hire Date, 入职日期 ...) gives
tenure_years = days from the hire date to the as-of date / 365.25, as a mapping file does; and
``sscgap trend`` reads through ``--mapping`` / ``--as-of`` like the other commands."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from sscgap.roster import check_roster, load_roster

from conftest import MINI_PROFILES, run_cli

AS_OF = date(2026, 6, 30)
# people_lead (manager) needs leadership 4 (critical), communication 4, 3 years, internal
HEADER = "employee_id,{hire},employment_type,analysis,communication,leadership\n"
ROWS = "001,2020-01-15,internal,1,5,5\n002,2024-01-01,internal,1,5,5\n003,,internal,4,2,1\n"


def tenure(hired: str, as_of: date = AS_OF) -> float:
    return (as_of - date.fromisoformat(hired)).days / 365.25


def write(tmp_path: Path, text: str, name: str = "staff.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("hire", ["hire_date", "Hire Date", "HireDate", "入职日期", "Start Date"])
def test_a_hire_date_column_gives_tenure(tmp_path, mini_profiles, hire):
    path = write(tmp_path, HEADER.format(hire=hire) + ROWS, encoding="gb18030" if "入职" in hire else "utf-8")
    roster, found = check_roster(path, mini_profiles, as_of=AS_OF)
    assert roster is not None, [str(f) for f in found]
    t = roster.people["tenure_years"].tolist()
    assert t[:2] == pytest.approx([tenure("2020-01-15"), tenure("2024-01-01")]) and np.isnan(t[2])
    assert not [f for f in found if "unknown column" in f.message]  # no longer ignored


def test_the_as_of_date_defaults_to_today(tmp_path, mini_profiles):
    path = write(tmp_path, HEADER.format(hire="hire_date") + ROWS)
    roster = load_roster(path, mini_profiles)
    assert roster.people["tenure_years"].iloc[0] == pytest.approx(tenure("2020-01-15", date.today()))


def test_dates_as_exports_write_them(tmp_path, reading_profiles):
    text = "employee_id,hire_date,analysis\n1,2020/01/15,3\n2,2020.01.15,3\n3,2020年1月15日,3\n4, 2020-01-15 ,3\n"
    roster = load_roster(write(tmp_path, text), reading_profiles, as_of=AS_OF)
    assert roster.people["tenure_years"].tolist() == pytest.approx([tenure("2020-01-15")] * 4)


def test_the_mapping_path_gives_the_same_tenure(tmp_path, mini_profiles):
    path = write(tmp_path, HEADER.format(hire="Hire Date") + ROWS)
    mapping = tmp_path / "m.yaml"
    mapping.write_text('columns:\n  hire_date: "Hire Date"\n', encoding="utf-8")
    plain = load_roster(path, mini_profiles, as_of=AS_OF).people["tenure_years"]
    mapped = load_roster(path, mini_profiles, mapping=mapping, as_of=AS_OF).people["tenure_years"]
    np.testing.assert_allclose(plain.to_numpy(float), mapped.to_numpy(float))


def test_tenure_years_given_wins_over_hire_date(tmp_path, mini_profiles):
    text = "employee_id,tenure_years,hire_date,employment_type,analysis\n001,1.5,2000-01-01,internal,3\n"
    roster, _found = check_roster(write(tmp_path, text), mini_profiles, as_of=AS_OF)
    assert roster is not None and roster.people["tenure_years"].tolist() == [1.5]
    # the hire date is not used then: a bad one is a warning, not an error
    text = "employee_id,tenure_years,hire_date,employment_type,analysis\n001,1.5,soon,internal,3\n"
    assert check_roster(write(tmp_path, text), mini_profiles)[0] is not None


def test_a_bad_or_future_hire_date_names_row_column_and_value(tmp_path, reading_profiles):
    text = "employee_id,Hire Date,analysis\n001,2020-01-15,3\n002,last year,3\n003,2020-02-30,3\n004,2027-01-01,3\n"
    roster, found = check_roster(write(tmp_path, text), reading_profiles, as_of=AS_OF)
    errs = [(f.row, f.column, f.value, f.message) for f in found if f.severity == "error"]
    assert roster is None
    assert errs == [
        (3, "Hire Date", "last year", "hire_date is not a date"),
        (4, "Hire Date", "2020-02-30", "hire_date is not a date"),
        (5, "Hire Date", "2027-01-01", "hire date after the as-of date 2026-06-30"),
    ]


def test_a_workbook_with_date_cells(tmp_path, mini_profiles):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["employee_id", "Hire Date", "employment_type", "analysis", "communication", "leadership"])
    ws.append(["001", datetime(2020, 1, 15), "internal", 1, 5, 5])
    ws.append(["002", "2024-01-01", "internal", 1, 5, 5])
    ws.append(["003", None, "internal", 4, 3, 1])
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    t = load_roster(path, mini_profiles, as_of=AS_OF).people["tenure_years"].tolist()
    assert t[:2] == pytest.approx([tenure("2020-01-15"), tenure("2024-01-01")]) and np.isnan(t[2])


def test_a_dataframe_with_dates(mini_profiles):
    frame = pd.DataFrame(
        {
            "employee_id": ["1", "2"],
            "hire_date": pd.to_datetime(["2020-01-15", None]),
            "employment_type": ["internal", "internal"],
            "leadership": [5, 5],
        }
    )
    t = load_roster(frame, mini_profiles, as_of=AS_OF).people["tenure_years"].tolist()
    assert t[0] == pytest.approx(tenure("2020-01-15")) and np.isnan(t[1])


def test_the_long_layout_with_hire_dates(tmp_path, mini_profiles):
    text = (
        "employee_id,hire_date,employment_type,competency,level\n"
        "001,2020-01-15,internal,leadership,5\n001,2020-01-15,internal,communication,5\n"
        "002,2025-01-01,internal,leadership,5\n"
    )
    roster = load_roster(write(tmp_path, text), mini_profiles, as_of=AS_OF)
    assert roster.people["tenure_years"].tolist() == pytest.approx([tenure("2020-01-15"), tenure("2025-01-01")])


def test_the_hire_date_supplies_the_tenure_roles_require(tmp_path):
    # without tenure_years or hire_date the roster is refused (a role needs tenure) ...
    bare = write(tmp_path, "employee_id,employment_type,leadership\n001,internal,5\n", "bare.csv")
    assert run_cli_json(bare)[0] == 2
    # ... with hire dates it is read, and --as-of moves who is long enough in service
    path = write(tmp_path, HEADER.format(hire="Hire Date") + ROWS)
    code, doc = run_cli_json(path, "--as-of", "2026-06-30")
    assert code == 0 and _ready(doc, "manager") == 1  # 002 has 2.5 years
    code, doc = run_cli_json(path, "--as-of", "2027-06-30")
    assert code == 0 and _ready(doc, "manager") == 2  # 002 has 3.5 years


def run_cli_json(path: Path, *args: str) -> tuple[int, dict]:
    from typer.testing import CliRunner

    result = run_cli(CliRunner(), "analyze", path, "-p", MINI_PROFILES, "-f", "json", *args)
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else {}


def _ready(doc: dict, aid: str) -> int:
    return next(a["ready"] for a in doc["archetypes"] if a["id"] == aid)


# ---------------------------------------------------------------------------------------------
# trend --mapping / --as-of
# ---------------------------------------------------------------------------------------------


def test_trend_reads_through_a_mapping_and_as_of(runner, tmp_path):
    # exports without an employment type: the mapping supplies it, and names the hire date
    text = "Worker ID,Hire Date,communication,leadership\n001,2020-01-15,5,5\n002,2024-01-01,5,5\n"
    q1 = write(tmp_path, text, "q1.csv")
    q2 = write(tmp_path, text.replace("2024-01-01", "2023-01-01"), "q2.csv")
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        'columns:\n  employee_id: "Worker ID"\n  hire_date: "Hire Date"\nconstants:\n  employment_type: internal\n',
        encoding="utf-8",
    )
    # without the mapping: no employment type, which a role requires
    refused = run_cli(runner, "trend", q1, q2, "-p", MINI_PROFILES)
    assert refused.exit_code == 2 and "roles require employment_type" in refused.stderr
    args = ("trend", q1, q2, "-p", MINI_PROFILES, "--mapping", mapping, "-f", "json")
    result = run_cli(runner, *args, "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [_ready(s, "manager") for s in doc["snapshots"]] == [1, 2]
    later = json.loads(run_cli(runner, *args, "--as-of", "2027-06-30").stdout)
    assert [_ready(s, "manager") for s in later["snapshots"]] == [2, 2]
    bad = run_cli(runner, *args, "--as-of", "someday")
    assert bad.exit_code == 2 and "--as-of" in bad.stderr


def test_trend_help_lists_mapping_and_as_of(runner):
    out = run_cli(runner, "trend", "--help").stdout
    assert "--mapping" in out and "--as-of" in out


def test_diff_and_trend_take_an_as_of_date_per_snapshot(runner, tmp_path):
    """A later snapshot has joiners hired after the earlier one's date: one date for both is an
    error naming that hire date; one date per snapshot reads each at its own date (002 passes
    3 years of service between them and becomes ready as a manager)."""
    old = write(tmp_path, HEADER.format(hire="hire_date") + ROWS, "h1.csv")
    new = write(tmp_path, HEADER.format(hire="hire_date") + ROWS + "004,2026-09-01,internal,1,5,5\n", "h2.csv")
    base = ("-p", MINI_PROFILES, "-f", "json")
    one = run_cli(runner, "diff", old, new, *base, "--as-of", "2026-06-30")
    assert one.exit_code == 2 and "'2026-09-01'" in one.stderr
    each = run_cli(runner, "diff", old, new, *base, "--as-of", "2026-06-30", "--as-of", "2027-01-15")
    assert each.exit_code == 0, each.output
    people = json.loads(each.stdout)["people"]
    assert [p["employee_id"] for p in people["joiners"]] == ["004"]
    assert [(p["employee_id"], p["archetypes"]) for p in people["became_ready"]] == [("002", ["manager"])]
    trend = run_cli(runner, "trend", old, new, *base, "--as-of", "2026-06-30", "--as-of", "2027-01-15")
    assert trend.exit_code == 0, trend.output
    assert [_ready(s, "manager") for s in json.loads(trend.stdout)["snapshots"]] == [1, 2]
    # one date still serves every snapshot; a count that fits neither way is refused
    both = run_cli(runner, "trend", old, new, *base, "--as-of", "2027-01-15")
    assert [_ready(s, "manager") for s in json.loads(both.stdout)["snapshots"]] == [2, 2]
    three = run_cli(runner, "diff", old, new, *base, *("--as-of", "2027-01-15") * 3)
    assert three.exit_code == 2 and "--as-of given 3 times for 2 snapshots" in three.stderr
