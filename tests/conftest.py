"""Shared fixtures: the mini profile set, the example roster, a CLI runner at a fixed width."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINI_PROFILES = DATA / "mini_profiles"
MINI_ROSTER = DATA / "mini_roster.csv"
EXAMPLE = ROOT / "examples" / "staff.csv"
EXAMPLE_ZH = ROOT / "examples" / "staff_zh.csv"


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stable output: no colour, fixed width, no CI side effects from the host environment."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("SSCGAP_DEBUG", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def mini_profiles():
    from sscgap.profiles import load_profiles

    return load_profiles(MINI_PROFILES)


@pytest.fixture
def default_profiles():
    from sscgap.profiles import load_profiles

    return load_profiles()


def run_cli(runner: CliRunner, *args: str):
    """Invoke the CLI; stdout and stderr separately (Click >= 8.2 keeps them apart)."""
    from sscgap.cli import app

    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
