"""Round 9: outputs as users see them: colour into a pipe, the CSV option's help, ``person`` at
80 columns (Chinese words and headers whole)."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLE, ROOT, run_cli

Q2 = ROOT / "examples" / "staff_q2.csv"
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    "args",
    [("analyze", EXAMPLE), ("person", EXAMPLE, "000101", "--lang", "zh"), ("trend", EXAMPLE, Q2)],
    ids=["analyze", "person-zh", "trend"],
)
def test_force_color_into_a_pipe_pads_no_line(runner, monkeypatch, args):
    """FORCE_COLOR into a pipe (a CI log, ``| less -R``): Rich padded every row and title to the
    table's width with spaces inside the style codes; the same lines as without colour now."""
    plain = run_cli(runner, *args).stdout
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run_cli(runner, *args).stdout
    assert SGR.search(coloured)
    assert [line for line in coloured.split("\n") if SGR.sub("", line).endswith(" ")] == []
    assert SGR.sub("", coloured) == plain


def _help(runner, command: str) -> str:
    return " ".join(run_cli(runner, command, "--help").stdout.split())


def test_csv_table_help_says_each_commands_default(runner):
    assert "CSV: people (one row per person; the default here)" in _help(runner, "analyze")
    assert "CSV: coverage (one row per archetype; the default here)" in _help(runner, "report")
