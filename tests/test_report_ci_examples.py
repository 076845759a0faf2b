"""The CI examples in examples/ci/ run as written (all but the install step) on the bundled example."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest
import yaml

from conftest import FULL_MATRIX, ROOT

CI = ROOT / "examples" / "ci"
SRC = ROOT / "src"


@pytest.fixture
def workdir(tmp_path):
    """A checkout-like folder (the examples) and an ``sscgap`` command for this source tree."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples", ignore=shutil.ignore_patterns("ci"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "sscgap"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m sscgap "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    return tmp_path


def _env(workdir, variables: dict[str, str], **extra: str) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE off: the job's commands run this source tree, compiled once
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "SSCGAP_", "PYTHONDONTWRITEBYTECODE"))}
    env.pop("NO_COLOR", None)
    env["PATH"] = f"{workdir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(SRC)
    env.update({k: str(v) for k, v in variables.items()})
    env.update(extra)
    return env


def _bash(script: str, cwd, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _github_steps() -> tuple[dict, list[dict]]:
    wf = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["coverage"]["steps"]
    return wf["env"], [s for s in steps if "run" in s and "pip install" not in s["run"]]


def test_github_workflow_runs_as_written(workdir):
    variables, steps = _github_steps()
    assert [s["name"] for s in steps] == [
        "Reports",
        "Coverage gate (the Markdown report goes to the job summary)",
    ]
    summary = workdir / "job-summary.md"
    env = _env(workdir, variables, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    for step in steps:
        result = _bash(step["run"], workdir, env)
        assert result.returncode == 0, (step["name"], result.stderr)
    out = workdir / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "talent-report.html",
        "talent-report.json",
        "talent-report.md",
        "talent-report.xlsx",
    ]
    assert (out / "talent-report.xlsx").read_bytes()[:2] == b"PK"
    # only the gate wrote to the job summary, once
    text = summary.read_text(encoding="utf-8")
    assert text.count("# SSC talent coverage report") == 1
    assert "## Breakdown by department" in text


def test_github_workflow_gate_fails_below_the_floor(workdir):
    variables, steps = _github_steps()
    variables = {**variables, "COVERAGE_FLOOR": "99"}
    env = _env(workdir, variables, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(workdir / "s.md"))
    _bash("mkdir -p out", workdir, env)
    result = _bash(steps[-1]["run"], workdir, env)
    assert result.returncode == 1
    assert "FAIL: coverage index" in result.stderr and "below --fail-under 99%" in result.stderr
    assert (workdir / "out" / "talent-report.md").exists()  # the artifact is still there
    assert "threshold not met" in (workdir / "s.md").read_text(encoding="utf-8")


@FULL_MATRIX  # the same commands as the GitHub workflow's, in GitLab's syntax
def test_gitlab_job_runs_as_written(workdir):
    job = yaml.safe_load((CI / "gitlab-ci.yml").read_text(encoding="utf-8"))["talent-coverage"]
    assert job["artifacts"]["when"] == "always"
    env = _env(workdir, job["variables"])
    result = _bash("\n".join(job["script"]), workdir, env)
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (workdir / "out").iterdir()} == {
        "talent-report.html",
        "talent-report.json",
        "talent-report.md",
        "talent-report.xlsx",
    }
    # the gate (the last line; the lines before it do not read REQUIRED and ran above)
    result = _bash(job["script"][-1], workdir, {**env, "REQUIRED": "leader:99"})
    assert result.returncode == 1
    assert "required archetype Leader-communicator [leader] has 3 ready people, needs at least 99" in result.stderr
