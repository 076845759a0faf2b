"""``sscgap validate`` as a user runs it, and what ``analyze`` says about the same mistakes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import MINI_PROFILES, MINI_ROSTER, run_cli

BAD = (
    "employee_id,name,analysis,communication,leadrship,tenure_years,employment_type\n"
    "001,Ann,3,4,1,2,internal\n"
    "002,Bo,high,4,1,x,internal\n"
    "001,Cai,7,4,1,3,internal\n"
    ",Dan,3,4,1,1,internal\n"
    "005,Eve,3,-1,1,1,internal\n"
    "006,Fay,3,4,1,-4,internal\n"
)
# the mini set's people_lead requires tenure and an employment type: a roster needs both columns
WARNS = "employee_id,analysys,communication,tenure_years,employment_type\n001,3,4,5,internal\n"


def roster(tmp_path: Path, text: str = BAD, name: str = "staff.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_clean_roster(runner):
    result = run_cli(runner, "validate", MINI_ROSTER, "-p", MINI_PROFILES)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"✓ {MINI_ROSTER}: 5 people, 3 of 3 competencies; no problems found"
    assert result.stderr == ""


def test_validate_lists_every_problem(runner, tmp_path):
    path = roster(tmp_path)
    result = run_cli(runner, "validate", path, "-p", MINI_PROFILES)
    assert result.exit_code == 2
    out = result.stdout
    assert "Traceback" not in result.output
    assert f"{path}: 7 errors, 2 warnings" in out
    for expected in (
        "high",
        "level is not a number",
        "level out of range 0-5",
        "duplicate employee_id",
        "the same id is on row 2",
        "employee_id is blank",
        "tenure_years is negative",
        "tenure_years is not a number",
        "did you mean 'leadership'?",
    ):
        assert expected in out, expected
    assert out.rstrip().endswith("✗ 7 errors, 2 warnings: fix the errors above")


def test_validate_json(runner, tmp_path):
    path = roster(tmp_path)
    result = run_cli(runner, "validate", path, "-p", MINI_PROFILES, "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1 and data["ok"] is False
    assert (data["errors"], data["warnings"]) == (7, 2)
    assert data["roster"]["file"] == str(path) and data["roster"]["people"] is None
    rows = [
        (f["severity"], f["row"], f["column"], f["value"], f["message"]) for f in data["findings"]
    ]
    assert rows[:3] == [
        ("warning", 1, "leadrship", None,
         "unknown column ignored (not a standard column or a competency in the catalogue)"),
        ("error", 3, "analysis", "high", "level is not a number"),
        ("error", 3, "tenure_years", "x", "tenure_years is not a number"),
    ]  # fmt: skip
    assert set(data["findings"][0]) == {
        "severity", "file", "row", "column", "value", "message", "hint", "place", "count"
    }  # fmt: skip
    ok = run_cli(runner, "validate", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)["roster"]["people"] == 5


def test_warnings_only_exit_0_and_strict_exit_2(runner, tmp_path):
    path = roster(tmp_path, WARNS)
    result = run_cli(runner, "validate", path, "-p", MINI_PROFILES)
    assert result.exit_code == 0
    assert "did you mean 'analysis'?" in result.stdout and "2 warnings" in result.stdout
    strict = run_cli(runner, "validate", path, "-p", MINI_PROFILES, "--strict")
    assert strict.exit_code == 2 and "--strict" in strict.stdout


def test_validate_reports_profile_problems_as_findings(runner, tmp_path):
    profiles = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, profiles)
    arch = profiles / "archetypes" / "01_analyst.yaml"
    arch.write_text(arch.read_text().replace("level: 4", "level: 9"), encoding="utf-8")
    result = run_cli(runner, "validate", MINI_ROSTER, "-p", profiles, "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    (err,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert err["file"] == str(arch) and err["place"].startswith("roles[0].requirements[0].level")
    assert data["roster"]["checked"] is False
    table = run_cli(runner, "validate", MINI_ROSTER, "-p", profiles)
    assert "not checked: the profiles above have errors" in table.stdout


def test_analyze_fails_on_the_same_errors_with_a_pointer(runner, tmp_path):
    path = roster(tmp_path)
    result = run_cli(runner, "analyze", path, "-p", MINI_PROFILES)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {path}: 7 errors in the roster"
    assert lines[1].startswith("  row 3, column 'analysis': level is not a number (value 'high')")
    assert len([line for line in lines if line.startswith("  row ")]) == 5
    assert lines[-2] == "  ... and 2 more"
    assert lines[-1] == f"run `sscgap validate {path}` for the full list"
    assert "Traceback" not in result.output


def test_analyze_prints_warnings_and_runs(runner, tmp_path):
    path = roster(tmp_path, WARNS)
    result = run_cli(runner, "analyze", path, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "did you mean 'analysis'?" in result.stderr
    assert json.loads(result.stdout)["summary"]["staff"] == 1


def test_profiles_check_lists_every_problem(runner, tmp_path):
    profiles = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, profiles)
    for name in ("01_analyst.yaml", "02_manager.yaml"):
        f = profiles / "archetypes" / name
        f.write_text(f.read_text().replace("level: 4", "level: 0").replace("level: 3", "level: x"))
    result = run_cli(runner, "profiles", "check", profiles)
    assert result.exit_code == 2
    assert result.stdout.count("error ") >= 6
    assert "01_analyst.yaml" in result.stdout and "02_manager.yaml" in result.stdout
    assert "(line " in result.stdout


def test_validate_xlsx_sheet(runner, tmp_path):
    import openpyxl

    path = tmp_path / "staff.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Q2"
    header = ["employee_id", "analysis", "communication", "tenure_years", "employment_type"]
    wb.active.append(header)
    wb.active.append(["001", 3, 4, 5, "internal"])
    q3 = wb.create_sheet("Q3")
    q3.append(header)
    q3.append(["001", 8, 4, 5, "internal"])
    wb.save(path)
    assert run_cli(runner, "validate", path, "-p", MINI_PROFILES).exit_code == 0
    bad = run_cli(runner, "validate", path, "-p", MINI_PROFILES, "--sheet", "Q3", "-f", "json")
    assert bad.exit_code == 2
    (f,) = [f for f in json.loads(bad.stdout)["findings"] if f["severity"] == "error"]
    assert (f["place"], f["row"], f["column"], f["value"]) == ("sheet 'Q3'", 2, "analysis", "8")


def test_validate_help(runner):
    result = run_cli(runner, "validate", "--help")
    assert result.exit_code == 0 and "--format" in result.stdout and "--strict" in result.stdout


def test_a_chinese_hint_keeps_its_arrow(runner, tmp_path):
    """validate --lang zh: a hint that wraps starts on the arrow's line (the arrow was left alone
    on a line of its own, the hint under it); English keeps its space after the arrow."""
    path = tmp_path / "r.csv"
    rows = MINI_ROSTER.read_text(encoding="utf-8").splitlines()
    rows = [rows[0] + ",员工状态"] + [r + (",离职" if i == 0 else ",在职") for i, r in enumerate(rows[1:])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    zh = run_cli(runner, "validate", path, "--profiles", MINI_PROFILES, "--lang", "zh")
    assert zh.exit_code == 0, zh.stderr
    assert "→已离职人员不算在岗人员" in zh.stdout
    assert not [ln for ln in zh.stdout.splitlines() if ln.strip() == "→"], zh.stdout
    en = run_cli(runner, "validate", path, "--profiles", MINI_PROFILES)
    assert "→ people who have left are no staff" in en.stdout
