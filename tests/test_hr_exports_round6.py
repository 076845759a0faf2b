"""HR exports and usage as a new user meets them (round 6): two comments columns with one
header, snapshots whose ids lost their leading zeros, worker types as Chinese systems spell them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini_profiles"
HEADER = "employee_id,name,tenure_years,employment_type,analysis,communication,leadership"


def _summary(result) -> dict:
    return json.loads(result.stdout)["summary"]


def test_two_ignored_columns_with_one_header_are_a_warning_not_an_error(runner, tmp_path):
    """Exports carry two remark columns with one header (备注 for HR and for the manager): they
    are not read, so they are not ambiguous; the file was refused ("the header appears 2 times")."""
    export = tmp_path / "staff.csv"
    export.write_text(
        "employee_id,备注,name,tenure_years,employment_type,analysis,备注,communication,leadership\n"
        '001,"two\nlines",Ann,5,internal,4,x,3,4\n002,,Bo,1,internal,4,,2,\n',
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _summary(result)["staff"] == 2
    assert "'备注': unknown column ignored (columns B, G)" in result.stderr
    # the same in a workbook, and with --strict it is the unknown column's error
    book = openpyxl.Workbook()
    for line in export.read_text(encoding="utf-8").replace("\nlines", " lines").splitlines():
        book.active.append(line.split(","))
    book.save(tmp_path / "staff.xlsx")
    result = run_cli(runner, "validate", tmp_path / "staff.xlsx", "-p", MINI)
    assert result.exit_code == 0, result.output
    result = run_cli(runner, "validate", export, "-p", MINI, "--strict")
    assert result.exit_code == 2 and "appears" not in result.output
    assert "unknown column ignored (columns B, G)" in result.output


def test_a_column_read_twice_is_still_an_error(runner, tmp_path):
    export = tmp_path / "staff.csv"
    export.write_text(HEADER + ",analysis\n001,Ann,5,internal,4,3,4,2\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "-p", MINI)
    assert result.exit_code == 2
    assert "the header appears 2 times (columns E, H)" in result.output
