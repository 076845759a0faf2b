"""Loud, never silently wrong: a roster from which nothing needed can be read is exit 2, with or
without a mapping file (one rule), and the message names the file, what is wrong and what to do."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from sscgap.errors import RosterError
from sscgap.roster import check_roster, load_roster

from conftest import EXAMPLE, MINI_PROFILES, run_cli

NO_COMPETENCY = "no competency of the catalogue can be read"
NO_LEVEL = "hold no level at all"


def write(tmp_path: Path, text: str, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(source, pset, **kw) -> list:
    roster, found = check_roster(source, pset, **kw)
    errs = [f for f in found if f.severity == "error"]
    assert (roster is None) == bool(errs)
    return errs


# ---------------------------------------------------------------------------------------------
# No competency of the catalogue
# ---------------------------------------------------------------------------------------------


def test_a_wide_roster_without_a_competency_column_is_exit_2(runner, tmp_path):
    path = write(tmp_path, "employee_id,name,tenure_years,employment_type,skill_x\n001,Ann,5,internal,3\n")
    result = run_cli(runner, "analyze", path, "-p", MINI_PROFILES)
    assert result.exit_code == 2 and result.stdout == ""
    err = result.stderr
    assert str(path) in err and NO_COMPETENCY in err
    assert "name the columns by competency id or name" in err  # the hint
    # validate lists it, and says how many of the catalogue's competencies were found
    v = run_cli(runner, "validate", path, "-p", MINI_PROFILES, "-f", "json")
    assert v.exit_code == 2
    data = json.loads(v.stdout)
    (f,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert NO_COMPETENCY in f["message"] and f["file"] == str(path) and f["hint"]


def test_a_long_roster_with_no_competency_of_the_catalogue_is_an_error(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,competency,level\n001,juggling,3\n002,cooking,4\n")
    errs = errors(path, reading_profiles)
    assert any(NO_COMPETENCY in f.message and "competency value" in f.message for f in errs)
    with pytest.raises(RosterError, match=NO_COMPETENCY):
        load_roster(path, reading_profiles)


def test_competency_columns_with_no_level_at_all_are_an_error(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysis,communication\n001,,\n002,,\n")
    (err,) = errors(path, reading_profiles)
    assert NO_LEVEL in err.message and err.file == str(path)
    # one level anywhere is enough
    path = write(tmp_path, "employee_id,analysis,communication\n001,,\n002,,1\n")
    assert errors(path, reading_profiles) == []


def test_a_dataframe_follows_the_same_rule(reading_profiles):
    with pytest.raises(RosterError, match=NO_COMPETENCY):
        load_roster(pd.DataFrame({"employee_id": ["1"], "shoe size": [42]}), reading_profiles)


# ---------------------------------------------------------------------------------------------
# An attribute a role requires
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("drop", "role"),
    [("tenure_years", "senior_business_specialist"), ("employment_type", "ssc_advisor")],
)
def test_a_roster_without_an_attribute_a_role_requires_is_exit_2(runner, tmp_path, drop, role):
    staff = pd.read_csv(EXAMPLE, dtype=str).drop(columns=[drop])
    path = tmp_path / "staff.csv"
    staff.to_csv(path, index=False)
    result = run_cli(runner, "analyze", path)
    assert result.exit_code == 2 and result.stdout == ""
    assert str(path) in result.stderr
    assert f"roles require {drop}" in result.stderr and role in result.stderr
    assert f"constants.{drop}" in result.stderr  # the hint: add the column, or map it
    # the same roster through a mapping that supplies it as a constant reads
    mapping = tmp_path / "m.yaml"
    value = "5" if drop == "tenure_years" else "internal"
    mapping.write_text(f"constants:\n  {drop}: {value}\n", encoding="utf-8")
    ok = run_cli(runner, "analyze", path, "--mapping", mapping, "-f", "json")
    assert ok.exit_code == 0, ok.stderr


def test_a_column_of_blanks_does_not_supply_the_attribute(tmp_path, mini_profiles):
    text = "employee_id,analysis,tenure_years,employment_type\n001,3,,internal\n002,4,,external\n"
    (err,) = errors(write(tmp_path, text), mini_profiles)
    assert err.message.startswith("roles require tenure_years (people_lead)")
    assert err.row is None and err.column is None  # the column is not there to point at


def test_a_profile_set_without_attribute_requirements_needs_no_such_column(tmp_path, reading_profiles):
    path = write(tmp_path, "employee_id,analysis\n001,3\n")
    assert errors(path, reading_profiles) == []


def test_the_examples_still_read(runner):
    assert run_cli(runner, "analyze", EXAMPLE, "-f", "json").exit_code == 0
