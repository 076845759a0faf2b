"""Terminal and CLI polish: the shortfall column, help without Typer's type labels, --fail-under
with a percent sign, names (not bare ids) in FAIL lines, report without the terminal table."""

from __future__ import annotations

import json
import re

import pytest

from conftest import EXAMPLE, MINI_PROFILES, MINI_ROSTER, ROOT, run_cli

EXAMPLE_Q2 = ROOT / "examples" / "staff_q2.csv"

COMMANDS = [["analyze"], ["report"], ["validate"], ["person"], ["diff"], ["init"], ["trend"],
            ["profiles", "list"], ["profiles", "show"], ["profiles", "check"], []]  # fmt: skip


def test_terminal_gaps_table_shows_the_shortfall_markdown_shows(runner):
    text = run_cli(runner, "analyze", EXAMPLE).stdout
    gaps = text.split("Largest competency gaps", 1)[1].split("Bench", 1)[0]
    assert "Shortfall" in gaps and "Supply" in gaps and "Demand" in gaps
    # Service orientation: level 4 asked by 75 seats, 59 people meet it: short by 16 (as in Markdown)
    row = next(line for line in gaps.splitlines() if line.strip().startswith("Service orientation"))
    assert row.split()[2:6] == ["4", "75", "59", "16"]
    md = run_cli(runner, "report", EXAMPLE, "-f", "markdown").stdout
    assert "| Service orientation | Service and experience | 4 | 75 | 59 | 16 |" in md


@pytest.mark.parametrize("names", COMMANDS, ids=lambda n: " ".join(n) or "sscgap")
def test_help_has_no_type_labels_and_is_not_cut(runner, names):
    result = run_cli(runner, *names, "--help")
    assert result.exit_code == 0
    text = result.stdout
    assert not re.search(r"<(bool|str|path|int|float|int range|float range|list\[str\])>", text)
    usage = next(line for line in text.splitlines() if line.startswith("Usage:"))
    # one style: arguments in capitals, optional ones in brackets, no {braces}
    assert re.fullmatch(
        r"Usage: sscgap[a-z ]* \[OPTIONS\]( \[?[A-Z_]+\]?(\.\.\.)?)*( COMMAND \[ARGS\]\.\.\.)?", usage
    ), usage


def test_long_option_help_is_whole(runner):
    text = run_cli(runner, "analyze", "--help").stdout
    flat = " ".join(text.split())
    assert "'leader,process_consultant'" in flat and "($GITHUB_STEP_SUMMARY)" in flat
    assert "table, json, markdown, html, csv, xlsx" in flat


@pytest.mark.parametrize("value", ["70", "70%", "70.5%", " 70 % "])
def test_fail_under_takes_a_percent_sign(runner, value):
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--fail-under", value)
    assert result.exit_code == 0, result.stderr  # the index is 75%
    number = value.strip().rstrip("%").strip()
    failed = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--fail-under", str(float(number) + 10) + "%")
    assert failed.exit_code == 1
    assert f"below --fail-under {float(number) + 10:g}%" in failed.stderr


@pytest.mark.parametrize("value", ["abc", "101", "-1", "%", "nan", "70%%"])
def test_fail_under_bad_values_exit_2(runner, value):
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--fail-under", value)
    assert result.exit_code == 2
    assert "--fail-under" in result.stderr and "percentage" in result.stderr
    assert "Traceback" not in result.stderr


def test_fail_lines_name_the_archetype(runner):
    result = run_cli(runner, "analyze", EXAMPLE, "-f", "json", "--require", "leader:9")
    assert result.exit_code == 1
    assert "FAIL: required archetype Leader-communicator [leader] has 3 ready people" in result.stderr
    zh = run_cli(runner, "analyze", EXAMPLE, "-f", "json", "--require", "leader:9", "--lang", "zh")
    assert "[leader]" in zh.stderr and "'leader'" not in zh.stderr
    diff = run_cli(runner, "diff", EXAMPLE, EXAMPLE_Q2, "--fail-on-regression")
    assert diff.exit_code == 1
    assert "External SSC consultant [ssc_consultant]: ready fell from 2 to 0" in diff.stderr


def test_report_format_does_not_offer_table(runner):
    help_text = " ".join(run_cli(runner, "report", "--help").stdout.split())
    assert "One of: markdown, html, json, csv, xlsx." in help_text
    result = run_cli(runner, "report", EXAMPLE, "-f", "table")
    assert result.exit_code == 2
    assert "table" in result.stderr
    assert "table" in " ".join(run_cli(runner, "analyze", "--help").stdout.split())


@pytest.mark.parametrize(
    ("args", "suffix", "starts"),
    [
        (["analyze", EXAMPLE], "json", '{\n  "schema_version"'),
        (["analyze", EXAMPLE], "md", "# "),
        (["diff", EXAMPLE, EXAMPLE_Q2], "json", '{\n  "schema_version"'),
        (["trend", EXAMPLE, EXAMPLE_Q2], "json", '{\n  "schema_version"'),
        (["trend", EXAMPLE, EXAMPLE_Q2], "html", "<!DOCTYPE html>"),
        (["person", EXAMPLE, "000119"], "md", "# "),
    ],
    ids=lambda v: v if isinstance(v, str) else " ".join(str(x) for x in v[:1]),
)
def test_the_suffix_of_o_chooses_the_format(runner, tmp_path, args, suffix, starts):
    # `trend ... -o t.html` once wrote the terminal table into t.html
    out = tmp_path / f"out.{suffix}"
    result = run_cli(runner, *args, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(starts)


def test_a_suffix_the_command_cannot_write_is_refused(runner, tmp_path):
    out = tmp_path / "p.xlsx"
    result = run_cli(runner, "person", EXAMPLE, "000119", "-o", out)
    assert result.exit_code == 2
    assert "does not write xlsx" in result.output
    assert not out.exists()


def test_format_given_wins_over_the_suffix(runner, tmp_path):
    out = tmp_path / "out.txt.json"
    result = run_cli(runner, "trend", EXAMPLE, EXAMPLE_Q2, "-f", "markdown", "-o", out)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize("lang, one, many", [("en", "1 seat, nobody ready", "1 seats"), ("zh", "1个席位，无人已就绪", None)])
def test_person_note_counts_one_seat_in_the_singular(runner, tmp_path, lang, one, many):
    """A one-person roster gives each role seat a target of 1: "1 seat", never "1 seats"."""
    roster = tmp_path / "one.csv"
    roster.write_text(
        "employee_id,name,tenure_years,employment_type,leadership,communication,coordination,empathy\n"
        "E1,A,10,internal,3,3,3,3\n",
        encoding="utf-8",
    )
    out = run_cli(runner, "person", roster, "E1", "--lang", lang, "-f", "markdown").stdout
    assert one in out
    if many:
        assert many not in out


# --by: the column as the roster spells it (round 4) ------------------------------------------


@pytest.fixture()
def graded(tmp_path):
    """The example roster with one more column, headed ``Grade``."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    out = [lines[0] + ",Grade"] + [f"{line},G{i % 3 + 1}" for i, line in enumerate(lines[1:])]
    path = tmp_path / "graded.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("typed", ["grade", "GRADE", "Grade"])
def test_by_labels_the_column_as_the_roster_spells_it(runner, tmp_path, graded, typed):
    terminal = run_cli(runner, "analyze", graded, "--by", typed).stdout
    assert "Breakdown by Grade" in terminal and "by grade" not in terminal
    assert re.search(r"^ Grade +Staff ", terminal, re.M) and re.search(r"^ G1 +\d", terminal, re.M)
    md = run_cli(runner, "analyze", graded, "--by", typed, "-f", "markdown").stdout
    assert "## Breakdown by Grade" in md and "| Grade | Staff |" in md and "- **Breakdown by**: Grade" in md
    page = tmp_path / "r.html"
    assert run_cli(runner, "report", graded, "--by", typed, "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Breakdown by Grade" in html and '<th scope="col">Grade</th>' in html
    # the JSON contract echoes the option as given (scripts match it against what they passed)
    data = json.loads(run_cli(runner, "analyze", graded, "--by", typed, "-f", "json").stdout)
    assert data["by"] == typed


@pytest.mark.parametrize("typed", ["department", "Department", "部门", "dept"])
def test_by_a_standard_column_is_named_in_the_report_language(runner, typed):
    zh = run_cli(runner, "analyze", EXAMPLE, "--by", typed, "--lang", "zh").stdout
    assert "按部门分组" in zh and re.search(r"^ 部门 +人数 ", zh, re.M)
    en = run_cli(runner, "analyze", EXAMPLE, "--by", typed).stdout
    # the standard name, as the reports use it
    assert "Breakdown by department" in en and re.search(r"^ Department +Staff ", en, re.M)


def test_by_the_export_header_of_a_mapped_column_keeps_its_spelling(runner):
    hris = ROOT / "examples" / "hris"
    args = ("analyze", hris / "workday_export.xlsx", "--mapping", hris / "workday.yaml")
    assert "Breakdown by Cost Center" in run_cli(runner, *args, "--by", "cost center").stdout
    assert "Breakdown by Management Level" in run_cli(runner, *args, "--by", "management level").stdout
    assert "Breakdown by department" in run_cli(runner, *args, "--by", "department").stdout


def test_the_blank_group_is_named_in_the_reports_language(runner, tmp_path):
    """People without a value in the --by column form one group: "(blank)" in English and in
    the JSON (its value), "（空白）" in a Chinese report."""
    roster = tmp_path / "r.csv"
    roster.write_text(
        "employee_id,name,department,tenure_years,employment_type,leadership,communication\n"
        "E1,A,Fin,3,internal,3,3\nE2,B,,4,internal,2,4\n",
        encoding="utf-8",
    )
    zh = run_cli(runner, "report", roster, "--by", "department", "--lang", "zh", "-f", "markdown").stdout
    assert "（空白）" in zh and "(blank)" not in zh
    en = run_cli(runner, "report", roster, "--by", "department", "-f", "markdown").stdout
    assert "(blank)" in en
    doc = run_cli(runner, "analyze", roster, "--by", "department", "-f", "json").stdout
    assert '"value": "(blank)"' in doc


def test_by_in_the_terminal_is_one_line_per_group_matching_the_json(runner):
    """The terminal breakdown: a line per group whose cells are the JSON's gaps per archetype
    (in profile order, '–' without a target) and the group's staff and total gap; no
    per-group coverage table."""
    out = run_cli(runner, "analyze", EXAMPLE, "--by", "department").stdout  # 100 columns
    data = json.loads(run_cli(runner, "analyze", EXAMPLE, "--by", "department", "-f", "json").stdout)
    assert out.count("SSC talent coverage") == 1  # the whole centre's table only
    for g in data["groups"]:
        line = next(ln for ln in out.splitlines() if ln.startswith(f" {g['value']}  "))
        cells = line[len(g["value"]) + 1 :].split()
        gaps = [str(a["gap"]) if a["target"] else "–" for a in g["archetypes"]]
        staff = g["summary"]["staff"]
        index = f"{g['summary']['coverage_index']:.1%}"
        assert cells == [str(staff), index, *gaps, str(g["summary"]["total_gap"])]
