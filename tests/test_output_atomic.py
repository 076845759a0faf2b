"""Writing reports: all or nothing, never over an input, and inputs never change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sscgap import output
from sscgap.errors import UsageError
from sscgap.output import write_output

from conftest import EXAMPLE, MINI_PROFILES, MINI_ROSTER, run_cli


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces(tmp_path):
    target = tmp_path / "sub" / "report.md"
    write_output("first\n", target)
    write_output(b"second\n", target)
    assert target.read_bytes() == b"second\n"
    assert listing(target.parent) == ["report.md"]


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_a_failing_write_leaves_the_previous_report_and_no_temp_file(tmp_path, monkeypatch, where):
    target = tmp_path / "report.md"
    target.write_text("the previous report\n")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if where == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])  # half written, then the disk is full
                raise OSError(28, "No space left on device")

        monkeypatch.setattr(output.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    elif where == "fsync":
        monkeypatch.setattr(output.os, "fsync", boom)
    else:
        monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(UsageError, match="No space left on device"):
        write_output("x" * 100_000, target)
    assert target.read_text() == "the previous report\n"
    assert listing(tmp_path) == ["report.md"]


def test_an_interrupt_while_writing_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("previous\n")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_output("new", target)
    assert target.read_text() == "previous\n" and listing(tmp_path) == ["report.md"]


def test_refuses_to_write_over_an_input(tmp_path, monkeypatch):
    roster = tmp_path / "staff.csv"
    roster.write_text("employee_id\n1\n")
    link = tmp_path / "link.csv"
    link.symlink_to(roster)
    hard = tmp_path / "hard.csv"
    os.link(roster, hard)
    monkeypatch.chdir(tmp_path)
    for target in (roster, Path("staff.csv"), tmp_path / "sub" / ".." / "staff.csv", link, hard):
        with pytest.raises(UsageError, match="over an input file"):
            write_output("report", target, inputs=[roster])
    assert roster.read_text() == "employee_id\n1\n"


def test_refuses_to_write_over_a_profile_file(tmp_path):
    profiles = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, profiles)
    cat = profiles / "catalogue.yaml"
    before = cat.read_bytes()
    with pytest.raises(UsageError, match="over an input file"):
        write_output("report", cat, inputs=[profiles])
    assert cat.read_bytes() == before
    write_output("fine", tmp_path / "report.md", inputs=[profiles])  # beside it is fine


def test_a_folder_as_output(tmp_path):
    with pytest.raises(UsageError, match="is a folder"):
        write_output("x", tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(UsageError, match="cannot write"):
            write_output("x", locked / "report.md")
    finally:
        locked.chmod(0o755)


# ---------------------------------------------------------------------------------------------
# As the user runs it
# ---------------------------------------------------------------------------------------------


def test_bad_input_leaves_the_previous_report(runner, tmp_path):
    report = tmp_path / "report.json"
    assert run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json",
                   "-o", report).exit_code == 0  # fmt: skip
    before = report.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_id,analysis\n001,9\n")
    result = run_cli(runner, "analyze", bad, "-p", MINI_PROFILES, "-f", "json", "-o", report)
    assert result.exit_code == 2
    assert report.read_bytes() == before
    assert listing(tmp_path) == ["bad.csv", "report.json"]


def test_cli_refuses_to_overwrite_roster_targets_and_profiles(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    shutil.copy(EXAMPLE, roster)
    profiles = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, profiles)
    targets = tmp_path / "targets.yaml"
    targets.write_text("targets:\n  analyst: {headcount: 1}\n")
    snapshot = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    small = tmp_path / "small.csv"
    shutil.copy(MINI_ROSTER, small)
    snapshot[small] = small.read_bytes()
    for out in (small, targets, profiles / "catalogue.yaml", profiles / "archetypes" / "01_analyst.yaml"):
        result = run_cli(runner, "analyze", small, "-p", profiles, "-t", targets, "-o", out)
        assert result.exit_code == 2 and "input file" in result.stderr, out
    assert {p: p.read_bytes() for p in snapshot} == snapshot


def test_inputs_are_never_changed(runner, tmp_path):
    """Read-only inputs load (no write access needed) and stay byte for byte as they were."""
    roster = tmp_path / "staff.csv"
    shutil.copy(EXAMPLE, roster)
    profiles = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, profiles)
    files = [roster, *profiles.rglob("*.yaml")]
    for f in files:
        f.chmod(0o444)
    stamps = {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in files}
    try:
        for cmd in (["analyze", roster, "-p", profiles], ["validate", roster, "-p", profiles]):
            result = run_cli(runner, *cmd)
            assert result.exit_code == 0, result.output
    finally:
        for f in files:
            f.chmod(0o644)
    assert {f: (f.stat().st_mtime_ns, f.read_bytes()) for f in files} == stamps
