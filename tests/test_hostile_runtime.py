"""A hostile environment for the installed command: closed or full streams, odd encodings,
signals in the middle of a write. One line on stderr, a documented exit code, never a
traceback, never a temporary file left behind.

Exit codes: 1 when the report cannot be written to standard output (full, closed, I/O error;
silently when the reader went away), 2 for bad usage or input (also an encoding of standard
output that cannot show the report), 130 after Ctrl-C, 128 + N after SIGTERM (143) or SIGHUP
(129).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sscgap import runtime
from sscgap.errors import UsageError

from conftest import EXAMPLE, FULL_MATRIX, ROOT, once_per_run

SSCGAP = Path(sys.executable).with_name("sscgap")
pytestmark = pytest.mark.skipif(
    not SSCGAP.exists() or os.name != "posix", reason="needs the installed sscgap command on POSIX"
)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SSCGAP_", "GITHUB_"))}
    env.update(NO_COLOR="1", COLUMNS="100", **extra)
    return env


def _sh(script: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``script`` in bash with ``$S`` the installed command; stderr of the command is
    captured in the file ``err`` when the script redirects it there."""
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**(env or _env()), "S": str(SSCGAP), "EX": str(EXAMPLE)},
        timeout=120,
    )


def _one_line(text: str) -> str:
    assert "Traceback" not in text, text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def test_closed_stdout():
    r = _sh('"$S" analyze "$EX" >&-')
    assert r.returncode == 1
    assert _one_line(r.stderr) == "error: cannot write to standard output: standard output is closed"
    r = _sh('"$S" --version >&-')
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_closed_stdout_with_a_file_output(tmp_path):
    r = _sh(f'"$S" analyze "$EX" -o {tmp_path / "r.md"} >&-')
    assert r.returncode == 0 and r.stderr == "" and (tmp_path / "r.md").stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_full_stdout():
    # each way to standard output (output._write_stdout): text (table; json and markdown take
    # the same write), bytes (csv); validate writes its own
    for fmt in ("table", "csv"):
        r = _sh(f'"$S" analyze "$EX" -f {fmt} >/dev/full')
        assert r.returncode == 1, fmt
        assert _one_line(r.stderr) == "error: cannot write to standard output: No space left on device"
    r = _sh('"$S" validate "$EX" >/dev/full')
    assert r.returncode == 1 and "No space left" in _one_line(r.stderr)


def test_a_reader_that_goes_away_is_not_an_error_to_tell():
    r = _sh('"$S" analyze "$EX" -f json --people | head -c 10 >/dev/null; echo "rc=${PIPESTATUS[0]}" >&2')
    assert "Traceback" not in r.stderr and "error" not in r.stderr
    assert r.stderr.strip().splitlines()[-1] in ("rc=0", "rc=1")


def test_closed_stderr_keeps_the_exit_codes(tmp_path):
    r = _sh(f'"$S" analyze {tmp_path / "missing.csv"} 2>&-')
    assert r.returncode == 2 and r.stdout == ""
    r = _sh('"$S" analyze "$EX" 2>&- >/dev/null')
    assert r.returncode == 0
    r = _sh('"$S" analyze "$EX" --fail-under 100 2>&- >/dev/null')
    assert r.returncode == 1
    if Path("/dev/full").exists():
        r = _sh(f'"$S" analyze {tmp_path / "missing.csv"} 2>/dev/full')
        assert r.returncode == 2


def test_closed_stdin_is_no_problem():
    r = _sh('"$S" analyze "$EX" <&- >/dev/null')
    assert r.returncode == 0 and r.stderr == ""


def test_an_ascii_stdout_and_a_chinese_report():
    r = _sh('"$S" analyze "$EX" --lang zh >/dev/null', env=_env(PYTHONIOENCODING="ascii"))
    assert r.returncode == 2
    line = _one_line(r.stderr)
    assert line.startswith("error: standard output's encoding (ascii) cannot show") and "-o" in line
    # an error handler the user chose is theirs
    r = _sh('"$S" analyze "$EX" --lang zh -f json', env=_env(PYTHONIOENCODING="ascii:backslashreplace"))
    assert r.returncode == 0 and "\\u" in r.stdout


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_the_c_locale_stdout(fmt):
    """LC_ALL=C without UTF-8 mode: stdout is ASCII with "surrogateescape", which raises on any
    other character like "strict" does: the same one-line message, not a traceback. (The table
    is drawn for an ASCII stdout; json stands for the text documents, markdown writes the same
    way.)"""
    env = _env(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    env.pop("PYTHONIOENCODING", None)
    r = _sh(f'"$S" analyze "$EX" --lang zh -f {fmt} >/dev/null', env=env)
    assert r.returncode == 2
    assert _one_line(r.stderr).startswith("error: standard output's encoding (ascii) cannot show")


def test_a_non_utf8_anonymisation_key():
    env = _env()
    r = subprocess.run(
        [str(SSCGAP), "analyze", str(EXAMPLE), "--anonymize"],
        capture_output=True,
        env={**{k: v for k, v in env.items()}, "SSCGAP_ANON_KEY": os.fsdecode(b"\xff\xfe-key")},
        timeout=120,
    )
    assert r.returncode == 2
    assert _one_line(r.stderr.decode()).startswith("error: SSCGAP_ANON_KEY is not UTF-8 text")


def test_a_key_file_that_never_ends(tmp_path):
    r = _sh('timeout 20 "$S" analyze "$EX" --anonymize --anon-key-file /dev/zero >/dev/null')
    assert r.returncode == 2 and "longer than 4,096 bytes" in _one_line(r.stderr)


# ---------------------------------------------------------------------------------------------
# Signals
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory) -> Path:
    def make(folder: Path) -> str:
        path = folder / "big.csv"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "gen_roster.py"), "200000", str(path)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return str(path)

    return Path(once_per_run(tmp_path_factory, "big-roster", make))


@pytest.mark.parametrize(
    "signame, code",
    [("SIGTERM", 143), pytest.param("SIGHUP", 129, marks=FULL_MATRIX), pytest.param("SIGINT", 130, marks=FULL_MATRIX)],
)
def test_a_signal_during_a_large_write_leaves_nothing(tmp_path, big_roster, signame, code):
    work = tmp_path / "out"
    work.mkdir()
    (work / "report.csv").write_text("the previous report\n")
    # the signal at its default disposition, even where the tests run with it ignored (under
    # nohup, or as a background job): the command keeps an ignored signal ignored
    launch = f"import os, signal, sys; signal.signal(signal.{signame}, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
    proc = subprocess.Popen(
        [sys.executable, "-c", launch, str(SSCGAP), "analyze", str(big_roster), "-f", "csv", "--people", "-o", "report.csv"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    sent = False
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        if any(p.name.endswith(".tmp") for p in work.iterdir()):
            proc.send_signal(getattr(signal, signame))
            sent = True
            break
        time.sleep(0.002)
    _, err = proc.communicate(timeout=120)
    if not sent:
        pytest.skip("the write was over before the signal could be sent")
    assert proc.returncode == code, err
    assert "Traceback" not in err
    assert err.strip() in ("", "interrupted")
    assert sorted(p.name for p in work.iterdir()) == ["report.csv"]
    assert (work / "report.csv").read_text() == "the previous report\n"


def _guard_installed(pid: int) -> bool:
    """The process catches SIGTERM: :func:`sscgap.runtime.run_cli` is in place (Python itself
    only catches SIGINT)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(int(line.split()[1], 16) for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(caught & (1 << (signal.SIGTERM - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.1, 0.2, 0.3])
def test_ctrl_c_at_start_up_is_quiet(delay):
    """From the moment the entry point's guard is in place (the first milliseconds after the
    interpreter has started), Ctrl-C ends the command with 130 and one word, no traceback."""
    proc = subprocess.Popen(
        [str(SSCGAP), "analyze", str(EXAMPLE)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    deadline = time.monotonic() + 30
    while not _guard_installed(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert proc.returncode in (130, 0), (proc.returncode, err)  # 0: it was done already
    if proc.returncode == 130:  # Typer ends quietly when it is interrupted parsing the options
        assert err.strip() in ("", "interrupted")


_SIGNAL_IN_A_CALLBACK = """
import signal, sys, time, weakref
import sscgap.runtime
from sscgap.runtime import run_cli

# the signals as a command started from a terminal has them, also where the tests run as a
# background job (SIGINT ignored) or under nohup: the guard keeps an ignored signal ignored
signal.signal(signal.SIGINT, signal.default_int_handler)
signal.signal(signal.SIGTERM, signal.SIG_DFL)

if {slow}:  # a busy machine: the alarm comes before the hook that armed it is left
    arm = signal.setitimer
    def slow_arm(which, seconds, *rest):
        out = arm(which, seconds, *rest)
        if seconds and not getattr(slow_arm, "done", False):
            slow_arm.done = True
            start = time.perf_counter()
            while time.perf_counter() - start < 0.005:
                pass
        return out
    sscgap.runtime.signal.setitimer = slow_arm

class Thing:
    pass

def main():
    thing = Thing()
    # the signal's exception is raised inside a weak reference's callback, as inside importlib's
    # module-lock callbacks while modules load: Python can only report it as "ignored"
    ref = weakref.ref(thing, lambda _: signal.raise_signal(signal.{signame}))
    del thing
    for _ in range(2000):
        time.sleep(0.001)
    print("went on as if no signal had come")

sys.exit(run_cli(main))
"""


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")
@pytest.mark.parametrize("slow", [False, True])
@pytest.mark.parametrize("signame, code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_a_signal_inside_a_callback_still_ends_the_command(signame, code, slow):
    """CI once printed "Exception ignored in: <function _get_module_lock.<locals>.cb>" with a
    KeyboardInterrupt traceback: Ctrl-C had come while importlib ran a weak reference callback.
    The guard delivers such a signal again outside the callback: 130 (143), no traceback."""
    r = subprocess.run(
        [sys.executable, "-c", _SIGNAL_IN_A_CALLBACK.format(signame=signame, slow=slow)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert "Traceback" not in r.stderr and "ignored" not in r.stderr, r.stderr
    assert "went on" not in r.stdout
    assert r.returncode == code, r.stderr
    assert r.stderr.strip() == ("interrupted" if signame == "SIGINT" else "")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
@pytest.mark.parametrize("signame", [pytest.param("SIGHUP", marks=FULL_MATRIX), "SIGINT"])
def test_a_signal_the_caller_ignores_stays_ignored(tmp_path, signame):
    """``nohup sscgap ...`` (SIGHUP ignored) or a background job of a script (SIGINT ignored):
    the guard does not take the signal back; the command runs to its end."""
    signum = getattr(signal, signame)
    proc = subprocess.Popen(
        [str(SSCGAP), "report", str(EXAMPLE), "-o", "r.md"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        preexec_fn=lambda: signal.signal(signum, signal.SIG_IGN),
    )
    deadline = time.monotonic() + 30
    while not _guard_installed(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    if proc.poll() is None:
        proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("#")


# ---------------------------------------------------------------------------------------------
# Standard input and FIFOs as the roster; bounded reads
# ---------------------------------------------------------------------------------------------


def test_spool_stdin_is_private_and_removed(tmp_path):
    import io

    path = runtime.spool_stdin(io.BytesIO(EXAMPLE.read_bytes()))
    try:
        assert path.suffix == ".csv" and path.read_bytes() == EXAMPLE.read_bytes()
        assert (path.stat().st_mode & 0o777) == 0o600 and (path.parent.stat().st_mode & 0o777) == 0o700
    finally:
        runtime.remove_temporary()
    assert not path.exists() and not path.parent.exists()
    xlsx = runtime.spool_stdin(io.BytesIO(b"PK\x03\x04rest"))
    assert xlsx.suffix == ".xlsx"
    runtime.remove_temporary()
    with pytest.raises(UsageError, match="nothing to read"):
        runtime.spool_stdin(io.BytesIO(b""))


def test_a_fifo_roster_is_read_once(tmp_path):
    import threading

    fifo = tmp_path / "staff.csv"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(EXAMPLE.read_bytes()))
    writer.start()
    try:
        path = runtime.input_path(fifo)
        writer.join(10)
        assert path != fifo and path.read_bytes() == EXAMPLE.read_bytes()
    finally:
        runtime.remove_temporary()
    assert runtime.input_path(EXAMPLE) == EXAMPLE
    lonely = tmp_path / "nobody-writes.csv"
    os.mkfifo(lonely)
    start = time.monotonic()
    with pytest.raises(UsageError, match="nothing wrote to within"):
        runtime._spool_fifo(lonely, wait=0.2)
    assert time.monotonic() - start < 5
    with pytest.raises(UsageError, match="a device"):
        runtime.input_path(Path("/dev/zero"))


def test_read_bounded(tmp_path):
    key = tmp_path / "key"
    key.write_bytes(b"k" * 4096)
    assert runtime.read_bounded(key) == b"k" * 4096
    key.write_bytes(b"k" * 4097)
    with pytest.raises(UsageError, match="longer than"):
        runtime.read_bounded(key)
    with pytest.raises(UsageError, match="longer than"):
        runtime.read_bounded("/dev/zero")
    with pytest.raises(UsageError, match="not found"):
        runtime.read_bounded(tmp_path / "nope")
    with pytest.raises(UsageError, match="is a folder"):
        runtime.read_bounded(tmp_path)


def test_read_limited_bounds_every_small_input(tmp_path, monkeypatch):
    """The one reader of keys, profiles, targets and mapping files: a size bound, a named pipe
    read once or refused after a wait, the usual errors as OSError."""
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 1\n" * 300_000)
    with pytest.raises(runtime.InputTooLarge):
        runtime.read_limited(big, runtime.TEXT_FILE_LIMIT)
    with pytest.raises(runtime.InputTooLarge):
        runtime.read_limited("/dev/zero", 10)
    assert runtime.read_text_limited(_write(tmp_path / "t.yaml", b"\xef\xbb\xbfa: 1\r\nb: 2\r")) == "a: 1\nb: 2\n"
    lonely = tmp_path / "pipe.yaml"
    os.mkfifo(lonely)
    start = time.monotonic()
    with pytest.raises(runtime.NoWriter):
        runtime.read_limited(lonely, 100, wait=0.2)
    assert time.monotonic() - start < 5
    with pytest.raises(FileNotFoundError):
        runtime.read_limited(tmp_path / "nope", 10)
    with pytest.raises(IsADirectoryError):
        runtime.read_limited(tmp_path, 10)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("where", ["archetype", "targets", "mapping"])
@pytest.mark.parametrize("special", ["/dev/zero", "big", "fifo"])
def test_profiles_targets_and_mappings_are_read_bounded(tmp_path, where, special, monkeypatch):
    """A profile (or a symlink in the folder), a targets or a mapping file that is /dev/zero,
    huge, or a named pipe nobody writes to: exit 2 with one message, quickly, no traceback."""
    from sscgap.errors import MappingError, ProfileError
    from sscgap.mapping import load_mapping
    from sscgap.profiles import default_profiles_dir, load_profiles, load_targets_file

    monkeypatch.setattr(runtime, "FIFO_WAIT", 0.2)
    target = tmp_path / "x.yaml"
    if special == "/dev/zero":
        target.symlink_to("/dev/zero")
    elif special == "big":
        target.write_bytes(b"# " + b"x" * runtime.TEXT_FILE_LIMIT + b"\n")
    else:
        os.mkfifo(target)
    start = time.monotonic()
    if where == "archetype":
        profiles = tmp_path / "profiles"
        shutil.copytree(default_profiles_dir(), profiles)
        first = sorted((profiles / "archetypes").glob("*.yaml"))[0]
        first.unlink()
        target.rename(first)
        with pytest.raises(ProfileError) as info:
            load_profiles(profiles)
        assert any("cannot read" in f.message for f in info.value.findings)
    elif where == "targets":
        with pytest.raises(ProfileError):
            load_targets_file(target)
    else:
        with pytest.raises(MappingError, match="cannot read"):
            load_mapping(target)
    assert time.monotonic() - start < 10


def _cli_reads_stdin() -> bool:
    """True once the CLI hook (``staff = runtime.input_path(staff)``) is wired in."""
    import inspect

    from sscgap import cli

    return "input_path" in inspect.getsource(cli)


@pytest.mark.skipif(not _cli_reads_stdin(), reason="the CLI hook for '-' is not wired in yet")
def test_dash_reads_the_roster_from_stdin(tmp_path):
    # (the same command on the file itself exits 0: test_closed_stdin_is_no_problem)
    piped = _sh('cat "$EX" | "$S" analyze - -f json')
    assert piped.returncode == 0, piped.stderr
    assert '"staff": ' in piped.stdout
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    r = _sh(f'cat "$EX" > {fifo} & timeout 60 "$S" analyze {fifo} -f json; wait')
    assert r.returncode == 0 and '"staff": ' in r.stdout, r.stderr
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("sscgap-*/stdin.csv"))


@pytest.mark.parametrize("command", ['trend "$EX" /dev/zero', "init --mapping /dev/zero", 'diff /dev/zero "$EX"'])
def test_every_roster_argument_is_guarded(command):
    """trend's snapshots and init --mapping's export go through the same guard as analyze's
    roster: a device is refused at once (it was read until memory ran out)."""
    r = _sh(f'timeout 60 "$S" {command}')
    assert r.returncode == 2 and "a device, not a roster file" in _one_line(r.stderr)


def test_trend_reads_a_snapshot_from_stdin():
    """The guard lets standard input through (once per command, above: not for each of the
    arguments checked there)."""
    r = _sh('cat "$EX" | timeout 60 "$S" trend - "$EX" -f json')
    assert r.returncode == 0 and '"snapshots"' in r.stdout, r.stderr


def test_dash_twice_says_standard_input_is_read_once():
    r = _sh('cat "$EX" | "$S" diff - -')
    assert r.returncode == 2
    assert "read already for an earlier '-'" in _one_line(r.stderr)
    r = _sh('cat "$EX" | "$S" diff - "$EX" >/dev/null')
    assert r.returncode == 0, r.stderr


def test_run_cli_in_process_puts_the_interpreter_back():
    before = (sys.stdout, sys.stderr, signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT))

    def command() -> None:
        raise SystemExit(2)

    assert runtime.run_cli(command) == 2
    assert (sys.stdout, sys.stderr, signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    shutil.disk_usage(".")  # nothing else to check: the interpreter is usable


# An ASCII-only stdout and an English report (round 4): ASCII boxes and stand-ins, not an error.
# Each command's ASCII view is checked in-process (the Typer app writing to an ASCII stream, which
# raises on any other character); the installed command, under each of the two environments
# that make stdout ASCII, writes the same bytes for analyze (with its content checks): the
# detection (``_ascii_only``, the stream's encoding) is one for all commands.

ASCII_COMMANDS = {
    "analyze": ["analyze", "$EX", "--by", "department", "--exclusive"],
    "person": ["person", "$EX", "000212"],
    "diff": ["diff", "$EX", "$Q2"],
    "trend": ["trend", "$EX", "$Q2"],
    "validate": ["validate", "$EX"],
    "profiles": ["profiles", "list"],
}
ASCII_ENVS = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "LC_ALL=C": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


def _ascii_args(command: str) -> list[str]:
    paths = {"$EX": str(EXAMPLE), "$Q2": str(ROOT / "examples" / "staff_q2.csv")}
    return [paths.get(a, a) for a in ASCII_COMMANDS[command]]


def _check_ascii_report(command: str, stdout: str) -> None:
    assert stdout.isascii() and stdout.strip()
    if command == "analyze":
        assert "Coverage index 74.3% | 3 covered, 7 thin, 0 missing | 150 staff" in stdout
        assert " ########.. " in stdout and "\n ----------" in stdout  # bars and the header rule
        assert "->" in stdout and ">=4" in stdout  # the plan's "2→4", "≥4"


def _ascii_in_process(command: str):
    from typer.testing import CliRunner

    from conftest import run_cli

    return run_cli(CliRunner(charset="ascii"), *_ascii_args(command))


@pytest.mark.parametrize("command", list(ASCII_COMMANDS))
def test_an_ascii_stdout_shows_an_english_report_in_ascii(command):
    r = _ascii_in_process(command)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""
    _check_ascii_report(command, r.stdout)


@pytest.mark.parametrize(
    "env", [pytest.param(e, marks=FULL_MATRIX) if e.startswith("PYTHONIOENCODING") else e for e in ASCII_ENVS]
)
def test_the_installed_command_on_an_ascii_stdout(env):
    e = _env(**ASCII_ENVS[env])
    if "LC_ALL" in ASCII_ENVS[env]:
        e.pop("PYTHONIOENCODING", None)
    r = subprocess.run([str(SSCGAP), *_ascii_args("analyze")], capture_output=True, env=e, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stderr == b"" and r.stdout.isascii()
    _check_ascii_report("analyze", r.stdout.decode("ascii"))
    assert r.stdout == _ascii_in_process("analyze").stdout_bytes


def test_the_ascii_table_is_the_unicode_table_character_for_character():
    """The stand-ins take one cell each in a table: the columns stay where they were."""
    from sscgap import analyze
    from sscgap.report import RenderOptions
    from sscgap.report.terminal import render
    from sscgap.textsafe import ASCII_STANDINS_1

    analysis = analyze(EXAMPLE).analysis
    wide = render(analysis, RenderOptions())
    narrow = render(analysis, RenderOptions(ascii=True))
    assert narrow.isascii() and not wide.isascii()
    table = wide.split("\n\n\n")[0].splitlines()[:30]  # the coverage table: no sentences
    assert narrow.splitlines()[:30] == [line.translate(ASCII_STANDINS_1) for line in table]
