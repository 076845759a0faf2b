"""Rough edges a new user hit with exports not in examples/hris: the
draft names the sheet it read, does not guess a column of numbers as a name or worker type,
points at a 1-4 scale; the terminal report says how a long export's ratings were read."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from sscgap.mapping import load_mapping

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
HRIS = ROOT / "examples" / "hris"

IBM = (
    "Age,Department,EmployeeCount,EmployeeNumber,JobLevel,JobRole,YearsAtCompany,Leadership,Communication\n"
    "41,Sales,1,1,2,Sales Executive,6,3,4\n"
    "49,Research & Development,1,2,2,Research Scientist,10,2,1\n"
    "37,Sales,1,4,1,Manager,0,4,3\n"
)


def test_draft_guesses_no_column_of_numbers_and_points_at_a_1_4_scale(runner, tmp_path):
    export = tmp_path / "ibm.csv"
    export.write_text(IBM, encoding="utf-8")
    out = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'employee_id: "EmployeeNumber"' in text
    assert "EmployeeCount" not in text  # always 1: neither a name nor a worker type
    assert "run from 1 to 4 only" in text
    assert load_mapping(out).columns.tenure_years == "YearsAtCompany"


def test_draft_of_a_workbook_with_a_hidden_sheet_names_the_sheet(runner, tmp_path):
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "ReadMe"
    hidden["A1"] = "Employee ID"
    hidden.sheet_state = "hidden"
    ws = book.create_sheet("Workers")
    ws.append(["Skills report"])
    ws.append([])
    ws.append(["Employee ID", "Worker", "Leadership", "Communication"])
    ws.append(["W1", "A", "3 - Proficient", "Expert"])
    ws.append(["W2", "B", 2, "Basic"])
    export = tmp_path / "wd.xlsx"
    book.save(export)
    out = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", out).exit_code == 0
    assert load_mapping(out).sheet == "Workers"
    result = run_cli(runner, "validate", export, "--mapping", out)
    assert "sheet 'Workers'" in result.output  # read the sheet named ...
    assert "hidden sheet" not in result.output  # named in the mapping: no warning on every run


def test_terminal_report_says_how_a_long_export_was_read(runner):
    result = run_cli(runner, "analyze", HRIS / "skills_long.csv", "--mapping", HRIS / "skills_long.yaml")
    assert result.exit_code == 0, result.output
    assert "Ratings older than 730 days" in result.stdout
    assert "Competencies matched" in result.stdout


def test_a_footer_line_under_the_table_is_no_person(runner, tmp_path):
    export = tmp_path / "bs.csv"
    text = "员工能力报表\n\n工号,姓名,领导力,沟通能力\n001,甲,4（精通）,熟练\n002,乙,3,专家\n合计：2人,,,\n"
    export.write_bytes(text.encode("gb18030"))
    m = tmp_path / "m.yaml"
    m.write_text(
        "columns:\n  employee_id: 工号\nconstants:\n  employment_type: internal\n  tenure_years: 6\n",
        encoding="utf-8",
    )
    result = run_cli(runner, "validate", export, "--mapping", m, "-p", ROOT / "tests" / "data" / "mini_profiles")
    assert "合计：2人" in result.output and "footer" in result.output
    assert "2 people" in result.output, result.output


def test_several_raters_without_prefer_suggests_the_usual_order(runner, tmp_path):
    export = tmp_path / "long.csv"
    export.write_text(
        "Employee ID,Skill,Level,Rater\n1,Leadership,3,Self\n1,Leadership,2,Manager\n1,Leadership,2,360\n",
        encoding="utf-8",
    )
    m = tmp_path / "m.yaml"
    m.write_text("long:\n  competency: Skill\n  level: Level\n  rater: Rater\n", encoding="utf-8")
    result = run_cli(runner, "analyze", export, "--mapping", m)
    assert result.exit_code == 2
    assert "prefer: [manager, 360, self]" in result.stderr


def test_raters_not_in_prefer_are_a_warning_and_360_synonyms_are_360(runner, tmp_path):
    export = tmp_path / "long.csv"
    export.write_text(
        "Employee ID,Skill,Level,Rater\n1,Leadership,3,自评\n1,Leadership,2,360环评\n1,Communication,4,Peer\n",
        encoding="utf-8",
    )
    m = tmp_path / "m.yaml"
    m.write_text(
        "long:\n  competency: Skill\n  level: Level\n  rater: Rater\nraters:\n  prefer: [manager, 360, self]\n"
        "constants:\n  employment_type: internal\n  tenure_years: 6\n",
        encoding="utf-8",
    )
    mini = ROOT / "tests" / "data" / "mini_profiles"
    result = run_cli(runner, "validate", export, "--mapping", m, "-p", mini)
    assert "1 ratings by rater types not in raters.prefer are not used: peer" in result.output
    out = run_cli(runner, "report", export, "--mapping", m, "-f", "json", "-p", mini)
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["data_quality"]["ratings"]["by_rater"] == {"360": 1}


def test_headers_with_a_note_in_brackets_and_a_line_break(runner, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Employee ID", "Hire Date\n(YYYY-MM-DD)", "Leadership (1-5)", "沟通能力（1-5分）"])
    ws.append(["W1", "2019/03/01", 3, 4])
    ws.append(["W2", "2024-01-02", "Expert", 2])
    export = tmp_path / "wd.xlsx"
    book.save(export)
    out = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'hire_date: "Hire Date\\n(YYYY-MM-DD)"' in text  # one line, the break escaped
    m = load_mapping(out)
    assert m.columns.hire_date == "Hire Date\n(YYYY-MM-DD)"
    assert m.competencies == {"leadership": "Leadership (1-5)", "communication": "沟通能力（1-5分）"}
