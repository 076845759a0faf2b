"""Shared fixtures: the mini profile set, the example roster, a CLI runner at a fixed width.

Hypothesis profiles: `default` keeps the suite quick (the README's test command); `ci` runs
more examples. Choose with SSCGAP_HYPOTHESIS_PROFILE=ci. A test that sets its own
`max_examples` keeps it under both, unless it asks `examples(n)` below.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

HYPOTHESIS_PROFILE = os.environ.get("SSCGAP_HYPOTHESIS_PROFILE", "default")
# No deadline: the suite runs in parallel on machines that are busy with other work, and a
# slow example is not a failure.
settings.register_profile("default", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None)
settings.load_profile(HYPOTHESIS_PROFILE)
# The roster fuzz tests read their number of examples from the environment (150 under `ci`).
if HYPOTHESIS_PROFILE != "ci":
    os.environ.setdefault("SSCGAP_FUZZ_EXAMPLES", "25")


# Typer's CliRunner builds the app's click command anew on every invoke (about 50 ms with its
# pydantic coercion, a third of an in-process `analyze` of the example): built once per app and
# worker here, as the installed `sscgap` builds it once per process. Same command, same code path;
# where a Typer release renames the hook, the runner simply builds it every time again.
_COMMANDS: dict[typer.Typer, Any] = {}


def _command_once(app: typer.Typer) -> Any:
    if app not in _COMMANDS:
        _COMMANDS[app] = typer.main.get_command(app)
    return _COMMANDS[app]


if hasattr(typer.testing, "_get_command"):
    typer.testing._get_command = _command_once  # type: ignore[attr-defined]


# Most tests run a command on a profile set (the shipped one, the mini one), and the CLI parses
# it on every call (YAML and pydantic: about 60 ms for the shipped set, a third of an in-process
# `analyze -f json` of the example). Here a set is parsed once per worker for the same files, the
# same bytes in them and the same targets file: the models are frozen, the parse is the one the
# command would make. A set that fails to load is parsed (and fails) every time; a test module's
# own `from sscgap.profiles import load_profiles` calls the parser itself.
_PARSED: dict[tuple, Any] = {}


class _NotCached(Exception):
    """Something the parser must see for itself: a device, a pipe, a huge or unreadable file."""


def _small_file(path: Path) -> bytes:
    st = path.lstat()
    if not stat.S_ISREG(st.st_mode) or st.st_size > 1 << 18:
        raise _NotCached(path)
    return path.read_bytes()


def _contents(path: Path) -> tuple:
    """The bytes of a profile folder's YAML files (or of one file), as the cache's key."""
    if path.is_symlink() or not path.exists():
        raise _NotCached(path)
    if not path.is_dir():
        return (str(path), _small_file(path))
    files = []
    for folder, dirs, names in os.walk(path):  # links are not followed
        dirs.sort()
        files += [(os.path.join(folder, n), _small_file(Path(folder, n))) for n in sorted(names) if n.endswith(".yaml")]
    return tuple(files)


@pytest.fixture(autouse=True)
def _profile_sets_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import sscgap.profiles as profiles

    real = profiles.load_profiles

    def load(directory: Any = None, targets: Any = None) -> Any:
        root = Path(directory) if directory is not None else profiles.default_profiles_dir()
        try:
            key = (str(directory), _contents(root), str(targets), _contents(Path(targets)) if targets else None)
        except (OSError, _NotCached):  # the parser says what is wrong with it
            return real(directory, targets)
        if key not in _PARSED:
            _PARSED[key] = real(directory, targets)
        return _PARSED[key]

    monkeypatch.setattr(profiles, "load_profiles", load)


# A few matrices check one behaviour over equivalent variants (every signal; both sample rosters
# in every format). By default each behaviour keeps at least one variant; the further ones carry
# this mark and run under the `ci` profile only (`.ci/run`); the summary lists them as skipped.
FULL_MATRIX = pytest.mark.skipif(
    HYPOTHESIS_PROFILE != "ci",
    reason="a further variant of a matrix: the ci profile runs it (SSCGAP_HYPOTHESIS_PROFILE=ci)",
)


def examples(n: int) -> int:
    """`max_examples` for a test that sets its own: n under the `ci` profile, a quarter (at
    least 10) by default, e.g. ``@settings(max_examples=examples(200))``."""
    return n if HYPOTHESIS_PROFILE == "ci" else max(10, n // 4)


ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINI_PROFILES = DATA / "mini_profiles"
MINI_ROSTER = DATA / "mini_roster.csv"
EXAMPLE = ROOT / "examples" / "staff.csv"
EXAMPLE_ZH = ROOT / "examples" / "staff_zh.csv"


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Any]) -> Any:
    """``make(folder)``'s value (JSON data), made once per test run: the first pytest-xdist worker
    that asks makes it in ``folder`` (kept for the run), the others wait for it and read it. A
    module-scoped fixture alone runs once per worker that the module's tests are spread over."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # shared by the workers of this run
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "w") as lock:
        with contextlib.suppress(ImportError):
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        value = folder / "value.json"
        if value.exists():
            return json.loads(value.read_text(encoding="utf-8"))
        folder.mkdir(exist_ok=True)
        made = make(folder)
        value.write_text(json.dumps(made), encoding="utf-8")
        return made


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stable output: no colour, the default width (a pipe's: 100 columns), no CI side effects
    from the host environment. The developer's ``COLUMNS`` / ``LINES`` do not reach the tests
    (piped output honours ``COLUMNS``): a test that needs a width sets them itself."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
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


def without_attributes(pset):
    """A profile set with every role's attribute requirements dropped (tenure, employment type).

    A roster that lacks a column a role requires is an error (exit 2); tests about reading cells
    use this set so that their small rosters need no tenure_years or employment_type column.
    """
    from sscgap.profiles import Attributes

    archetypes = [
        a.model_copy(update={"roles": [r.model_copy(update={"attributes": Attributes()}) for r in a.roles]})
        for a in pset.archetypes
    ]
    return pset.model_copy(update={"archetypes": archetypes})


@pytest.fixture
def reading_profiles():
    """The mini set without attribute requirements (see :func:`without_attributes`)."""
    from sscgap.profiles import load_profiles

    return without_attributes(load_profiles(MINI_PROFILES))


@pytest.fixture
def default_profiles():
    from sscgap.profiles import load_profiles

    return load_profiles()


def run_cli(runner: CliRunner, *args: str):
    """Invoke the CLI; stdout and stderr separately (Click >= 8.2 keeps them apart)."""
    from sscgap.cli import app

    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def make_book(path: Path, rows: list[list], *, hidden_first: list[list] | None = None, far: bool = False) -> Path:
    """A workbook of ``rows`` on a sheet "Staff" (after a hidden sheet "Old" holding
    ``hidden_first``), with a stray cell at the sheet's far corner when ``far``."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden_first is not None:
        ws.title = "Old"
        for row in hidden_first:
            ws.append(row)
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("Staff")
    else:
        ws.title = "Staff"
    for row in rows:
        ws.append(row)
    if far:
        ws["XFD1048576"] = "stray"
    wb.save(path)
    return path
