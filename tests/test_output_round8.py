"""Round 8: the terminal views as their users see them in a pipe, a file or a narrow terminal.

No line of piped output ends in spaces; ``COLUMNS`` sets the width of piped output; Chinese
cells and paragraphs break where a reader expects; headers wrap between words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import EXAMPLE, EXAMPLE_ZH, ROOT, run_cli

Q2 = ROOT / "examples" / "staff_q2.csv"


def _trailing(text: str) -> list[str]:
    return [line for line in text.split("\n") if line != line.rstrip()]


def _widest(text: str) -> int:
    return max(cell_len(line) for line in text.split("\n"))


# every command that prints a table, in both languages where the table differs
COMMANDS = [
    ("analyze", EXAMPLE),
    ("analyze", EXAMPLE, "--by", "department"),
    ("analyze", EXAMPLE, "--by", "site", "--exclusive"),
    ("analyze", EXAMPLE_ZH, "--lang", "zh", "--by", "部门"),
    ("person", EXAMPLE, "000101"),
    ("person", EXAMPLE, "000101", "--lang", "zh"),
    ("diff", EXAMPLE, Q2),
    ("diff", EXAMPLE, Q2, "--lang", "zh"),
    ("trend", EXAMPLE, Q2),
    ("profiles", "list"),
    ("profiles", "list", "--lang", "zh"),
    ("profiles", "show", "leader"),
    ("profiles", "show", "data_analysis", "--lang", "zh"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(str(x).replace(str(ROOT), "") for x in a))
def test_piped_output_has_no_trailing_whitespace(runner, args):
    result = run_cli(runner, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert _trailing(result.stdout) == []


def test_validate_table_has_no_trailing_whitespace(runner, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_id,name,leadership\n1,a,9\n1,b,x\n", encoding="utf-8")
    for lang in ("en", "zh"):
        result = run_cli(runner, "validate", bad, "--lang", lang)
        assert result.exit_code == 2
        assert _trailing(result.stdout) == []


def test_a_table_written_to_a_file_has_no_trailing_whitespace(runner, tmp_path: Path):
    out = tmp_path / "out.txt"
    assert run_cli(runner, "analyze", EXAMPLE, "-f", "table", "-o", out).exit_code == 0
    assert _trailing(out.read_text(encoding="utf-8")) == []


def test_piped_output_is_100_columns_without_columns(runner):
    text = run_cli(runner, "analyze", EXAMPLE, "--by", "department").stdout
    assert 90 < _widest(text) <= 100


@pytest.mark.parametrize("columns", ["140", "72"])
def test_piped_output_honours_columns(runner, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    text = run_cli(runner, "analyze", EXAMPLE, "--by", "department").stdout
    assert int(columns) - 10 < _widest(text) <= int(columns)
    assert _trailing(text) == []


def test_a_table_file_honours_columns(runner, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("COLUMNS", "140")
    out = tmp_path / "out.txt"
    assert run_cli(runner, "analyze", EXAMPLE, "-f", "table", "-o", out).exit_code == 0
    assert 130 < _widest(out.read_text(encoding="utf-8")) <= 140


@pytest.mark.parametrize("columns", ["20", "x", ""])
def test_columns_too_narrow_or_not_a_number(runner, monkeypatch, columns):
    """Below 60 columns the views are drawn at 60 (as on a terminal); a COLUMNS that is not a
    number is ignored."""
    monkeypatch.setenv("COLUMNS", columns)
    text = run_cli(runner, "profiles", "list").stdout
    assert _widest(text) <= (60 if columns == "20" else 100)
