"""CI behaviour: exit codes, --fail-under / --require messages, job summary, plain stable output."""

from __future__ import annotations

import pytest

from conftest import MINI_PROFILES, MINI_ROSTER, run_cli

ARGS = ("analyze", MINI_ROSTER, "-p", MINI_PROFILES)  # coverage index 75%


def test_thresholds_met_exit_0(runner):
    result = run_cli(runner, *ARGS, "--fail-under", "75", "--require", "analyst,manager:3")
    assert result.exit_code == 0, result.stderr
    assert "FAIL" not in result.stderr


def test_fail_under_exit_1_says_by_how_much(runner, tmp_path):
    out = tmp_path / "r.md"
    result = run_cli(runner, *ARGS, "-f", "markdown", "-o", out, "--fail-under", "80")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "FAIL: coverage index 75.0% is below --fail-under 80% (short by 5.0 points)"
    )
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith(
        "# Mini test profiles — talent coverage report"  # a custom set: its own name
    )  # still written


def test_require_exit_1_names_the_archetype_and_the_shortfall(runner):
    result = run_cli(
        runner, *ARGS, "--require", "analyst:2", "--require", "manager", "--fail-under", "90"
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "FAIL: coverage index 75.0% is below --fail-under 90% (short by 15.0 points)",
        "FAIL: required archetype Analyst [analyst] has 1 ready person, needs at least 2 (short by 1; 2 near)",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("analist", "no archetype 'analist'; did you mean 'analyst'?"),
        ("zzz", "no archetype 'zzz'; use one of: analyst, manager"),
        ("analyst:x", "'x' is not a whole number of people"),
        ("analyst:0", "the minimum must be at least 1"),
    ],
)
def test_bad_require_is_a_usage_error(runner, value, message):
    result = run_cli(runner, *ARGS, "--require", value)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_fail_under_out_of_range_is_exit_2(runner):
    result = run_cli(runner, *ARGS, "--fail-under", "120")
    assert result.exit_code == 2


# ---------------------------------------------------------------------------------------------
# GitHub job summary
# ---------------------------------------------------------------------------------------------


def test_job_summary_is_appended_under_github_actions(runner, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli(runner, *ARGS, "-f", "json", "-o", tmp_path / "r.json", "--fail-under", "80")
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert "> **sscgap: threshold not met**" in text
    assert "> - coverage index 75.0% is below --fail-under 80% (short by 5.0 points)" in text
    assert "# Mini test profiles — talent coverage report" in text and "## Coverage per archetype" in text


def test_job_summary_reuses_the_markdown_and_can_be_turned_off(runner, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    result = run_cli(runner, "report", MINI_ROSTER, "-p", MINI_PROFILES)
    assert result.exit_code == 0
    assert summary.read_text(encoding="utf-8") == result.stdout + "\n"
    summary.unlink()
    result = run_cli(runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "--no-job-summary")
    assert result.exit_code == 0 and not summary.exists()


def test_no_job_summary_outside_github_actions(runner, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))  # but GITHUB_ACTIONS unset
    assert run_cli(runner, *ARGS).exit_code == 0
    assert not summary.exists()


def test_job_summary_that_cannot_be_written_is_a_warning(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder
    result = run_cli(runner, *ARGS)
    assert result.exit_code == 0
    assert "warning: cannot append to the job summary" in result.stderr


# ---------------------------------------------------------------------------------------------
# plain, stable output
# ---------------------------------------------------------------------------------------------


def test_no_escape_codes_and_identical_output_when_not_a_terminal(runner):
    first = run_cli(runner, *ARGS).stdout
    second = run_cli(runner, *ARGS).stdout
    assert first == second
    assert "\x1b[" not in first
    assert max(len(line) for line in first.splitlines()) <= 100


def test_force_color_forces_colour(runner, monkeypatch):
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli(runner, *ARGS).stdout


def test_markdown_identical_on_identical_input(runner, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    runs = [run_cli(runner, *ARGS, "-f", "markdown").stdout for _ in range(2)]
    assert runs[0] == runs[1]
    assert "\x1b[" not in runs[0]


def test_bad_source_date_epoch_is_exit_2(runner, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli(runner, *ARGS, "-f", "markdown")
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in result.stderr


# ---------------------------------------------------------------------------------------------
# report command
# ---------------------------------------------------------------------------------------------


def test_report_format_from_suffix_or_option(runner, tmp_path):
    out = tmp_path / "r.html"
    assert run_cli(runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out = tmp_path / "r.txt"
    result = run_cli(runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "-o", out, "-f", "json")
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("{")


def test_report_unknown_suffix_is_exit_2(runner, tmp_path):
    result = run_cli(runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "-o", tmp_path / "r.pdf")
    assert result.exit_code == 2
    assert "cannot tell the format" in result.stderr and ".xlsx" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_report_refuses_to_overwrite_the_roster(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_bytes(MINI_ROSTER.read_bytes())
    result = run_cli(runner, "report", roster, "-p", MINI_PROFILES, "-o", roster, "-f", "csv")
    assert result.exit_code == 2
    assert roster.read_bytes() == MINI_ROSTER.read_bytes()


def test_report_title_and_by(runner, monkeypatch):
    result = run_cli(
        runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "--title", "Q1 review", "--by", "site"
    )
    assert result.stdout.startswith("# Q1 review\n")
    assert "## Breakdown by site" in result.stdout


# ---------------------------------------------------------------------------------------------
# the pure helpers
# ---------------------------------------------------------------------------------------------


def test_check_fail_under():
    from sscgap.ci import check_fail_under

    assert check_fail_under(0.75, None) is None
    assert check_fail_under(0.75, 75) is None
    assert check_fail_under(0.749, 75) == (
        "coverage index 74.9% is below --fail-under 75% (short by 0.1 points)"
    )


def test_job_summary_path():
    from pathlib import Path

    from sscgap.ci import job_summary_path

    assert job_summary_path({}) is None
    assert job_summary_path({"GITHUB_STEP_SUMMARY": "/x"}) is None
    assert job_summary_path({"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": ""}) is None
    assert job_summary_path({"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "/x"}) == Path("/x")


def test_report_date():
    from datetime import date

    from sscgap.ci import report_date

    assert report_date({"SOURCE_DATE_EPOCH": "1735689600"}) == "2025-01-01"
    assert report_date({}, today=date(2024, 2, 29)) == "2024-02-29"
