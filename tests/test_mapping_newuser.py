"""Rough edges a new user hit with exports not in examples/hris (issue 12 verification): the
draft names the sheet it read, does not guess a column of numbers as a name or worker type,
points at a 1-4 scale; the terminal report says how a long export's ratings were read."""

from __future__ import annotations

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
