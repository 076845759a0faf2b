"""The fast paths behave like the plain ones: start-up imports, progress, exit, Arrow reading.

No timings are asserted here (speed is measured by ``benchmarks/run.py``); these tests pin what
the fast paths must not change: which modules ``--version`` and ``--help`` import, that nothing
extra is printed off a terminal, exit codes and output of ``python -m sscgap``, and that the
Arrow reader and its text cleaning give the same roster as the forgiving reader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sscgap import roster as roster_module
from sscgap.profiles import load_profiles
from sscgap.roster import clean_text, duplicated, load_roster

from conftest import MINI_PROFILES, MINI_ROSTER, run_cli

SRC = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("pandas", "numpy", "pyarrow")


def _env(**extra: str) -> dict[str, str]:
    # this source tree, compiled once for all the runs (PYTHONDONTWRITEBYTECODE off)
    env = {k: v for k, v in os.environ.items() if k not in ("SSCGAP_TIMINGS", "PYTHONDONTWRITEBYTECODE")}
    env.update(PYTHONPATH=str(SRC), **extra)
    return env


def _imported(*args: str) -> set[str]:
    """Top-level packages imported by ``python -m sscgap ARGS`` (from ``-X importtime``)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sscgap", *args],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "sscgap" in names
    return names


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["analyze", "--help"], ["profiles", "--help"], ["analyze", "--help", "--lang", "zh"]]
)
def test_help_and_version_import_neither_pandas_nor_numpy(args):
    names = _imported(*args)
    assert not names & set(HEAVY), sorted(names & set(HEAVY))


def test_version_fast_path_imports_no_cli_framework():
    names = _imported("--version")
    assert not names & {"typer", "rich", "pydantic", "yaml"}


def test_no_progress_output_off_a_terminal(runner):
    result = run_cli(
        runner, "analyze", MINI_ROSTER, "--profiles", MINI_PROFILES, "--format", "json"
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    json.loads(result.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a Linux pseudo-terminal")
def test_progress_on_a_terminal_is_shown_and_cleared(tmp_path):
    import pty

    master, slave = pty.openpty()
    out = tmp_path / "out.json"
    env = _env(TERM="xterm")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "sscgap", "analyze", str(MINI_ROSTER), "--profiles",
         str(MINI_PROFILES), "--format", "json", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env=env,
    )  # fmt: skip
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait() == 0
    text = seen.decode("utf-8", "replace")
    for stage in ("reading mini_roster.csv", "scoring 5 people", "rendering json", "writing"):
        assert stage in text
    assert text.rstrip().endswith("\x1b[2K")  # the status line is erased at the end
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_stage_timings_on_request():
    proc = subprocess.run(
        [sys.executable, "-m", "sscgap", "analyze", str(MINI_ROSTER), "--profiles",
         str(MINI_PROFILES), "--format", "json"],
        capture_output=True,
        text=True,
        env=_env(SSCGAP_TIMINGS="1"),
        check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith('{"sscgap_timings"')]
    assert len(lines) == 1
    assert set(json.loads(lines[0])["sscgap_timings"]) == {"read", "score", "render", "write"}
    json.loads(proc.stdout)


def test_entry_point_keeps_exit_codes_and_output():
    """``python -m sscgap``: output and exit codes as the CLI gives them."""
    base = [
        sys.executable,
        "-m",
        "sscgap",
        "analyze",
        str(MINI_ROSTER),
        "--profiles",
        str(MINI_PROFILES),
    ]
    ok = subprocess.run([*base, "--format", "json"], capture_output=True, text=True, env=_env())
    assert ok.returncode == 0 and json.loads(ok.stdout)["summary"]["staff"] == 5
    below = subprocess.run(
        [*base, "--format", "json", "--fail-under", "99"],
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert below.returncode == 1
    assert json.loads(below.stdout)["schema_version"] == 1
    assert "below --fail-under 99%" in below.stderr
    bad = subprocess.run(
        [*base[:4], str(MINI_ROSTER.with_name("missing.csv")), "--profiles", str(MINI_PROFILES)],
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert bad.returncode == 2 and "file not found" in bad.stderr and "Traceback" not in bad.stderr


# --------------------------------------------------------------------------------------------
# Arrow reading and cleaning = the plain pandas meaning
# --------------------------------------------------------------------------------------------


def _clean_text_plain(s: pd.Series) -> pd.Series:
    """The straightforward pandas version of the roster's text cleaning."""
    s = s.astype(object).where(s.notna(), None).astype("str")
    s = s.str.normalize("NFKC").str.strip()
    return s.where(s.str.len() > 0)


PIECES = [*"aZ09 _-\t", "\u3000", "Ａ", "１", "张", "三", "é", "e\u0301", "\x1f", "\u00a0", "ﬁ"]
TEXT = st.one_of(st.none(), st.lists(st.sampled_from(PIECES), max_size=6).map("".join))


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXT, max_size=30))
def test_clean_text_is_nfkc_strip_blank_as_missing(values):
    s = pd.Series(values, dtype=object, index=np.arange(len(values)) + 7)
    got = clean_text(s)
    want = _clean_text_plain(s)
    pd.testing.assert_series_equal(got, want)
    for v, g in zip(values, got, strict=True):
        expected = unicodedata.normalize("NFKC", v).strip() if v is not None else ""
        assert (g if isinstance(g, str) else "") == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.sampled_from(["1", "01", "001", "7", "A1", "a1", "+1", "１"])),
        max_size=12,
    )
)
def test_duplicated_is_pandas_duplicated_keep_false(values):
    s = pd.Series(values, dtype="str")
    want = s.notna() & s.duplicated(keep=False)
    assert duplicated(s).tolist() == want.tolist()


ROSTER = """\
employee_id,name,department,tenure_years,employment_type,analysis,communication,leadership
007,Ann,Finance,5,internal,4,3,1
0007, Bo ,Finance,NA,External,4,,
A-9,Ｃａｉ,HR,4.5,外部,2,4,4
10,Dan,,10,contractor,3.5,3,5
"""


@pytest.mark.parametrize("text", [ROSTER, "\ufeff" + ROSTER, ROSTER.replace(",", ";")])
def test_arrow_reader_and_fallback_give_the_same_roster(tmp_path, monkeypatch, text):
    pset = load_profiles(MINI_PROFILES)
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    fast = load_roster(path, pset)
    with monkeypatch.context() as mp:
        mp.setattr(roster_module.csv, "read_csv_typed", lambda *a, **k: None)
        slow = load_roster(path, pset)
    pd.testing.assert_frame_equal(fast.people, slow.people)
    np.testing.assert_array_equal(fast.levels, slow.levels)
    assert fast.levels.flags.f_contiguous
    assert fast.people["employee_id"].tolist() == ["007", "0007", "A-9", "10"]
    assert fast.people["employment_type"].tolist() == [
        "internal",
        "external",
        "external",
        "contractor",
    ]
    assert fast.people["name"].tolist() == ["Ann", "Bo", "Cai", "Dan"]
    assert [f.message for f in fast.findings] == [f.message for f in slow.findings]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("abc", "not a number"),
        ("7", "out of range"),
        ("-1", "out of range"),
        ("inf", "out of range"),
    ],
)
def test_bad_levels_are_reported_with_row_and_column(tmp_path, cell, message):
    from sscgap.errors import RosterError

    pset = load_profiles(MINI_PROFILES)
    path = tmp_path / "roster.csv"
    path.write_text(f"employee_id,analysis\n1,3\n2,{cell}\n", encoding="utf-8")
    with pytest.raises(RosterError) as info:
        load_roster(path, pset)
    bad = (
        [f for f in info.value.findings if f.severity == "error"]
        if hasattr(info.value, "findings")
        else []
    )
    text = str(info.value) + " ".join(str(f) for f in bad)
    assert message in text
    assert "analysis" in text and "3" in text  # column and row (header is row 1)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([0.5, 0.7, 0.7, 0.9, 1.0]), min_size=0, max_size=40),
    st.integers(0, 45),
)
def test_people_for_with_a_limit_is_the_head_of_the_full_list(fits, limit):
    """The top-k path (partition, then a stable sort of the few) = the full stable sort, cut."""
    from types import SimpleNamespace

    from sscgap.engine import Analysis

    n = len(fits)
    fit = np.array(fits, dtype=np.float32).reshape(n, 1)
    ready = (np.arange(n) % 3 != 0).reshape(n, 1)
    fake = SimpleNamespace(fit=fit, ready=ready, near=~ready)
    for kind in ("ready", "near"):
        full = Analysis.people_for(fake, 0, kind)
        assert Analysis.people_for(fake, 0, kind, limit).tolist() == full[:limit].tolist()


def test_reading_a_roster_leaves_the_interpreter_as_it_was():
    """No start-up tricks: the collector stays on, pandas is the real module, no variable set."""
    code = f"""
import gc, importlib.util, os, sys
before = dict(os.environ)
from sscgap.profiles import load_profiles
from sscgap.roster import load_roster
roster = load_roster({str(MINI_ROSTER)!r}, load_profiles({str(MINI_PROFILES)!r}))
assert len(roster) == 5
assert gc.isenabled()
assert not isinstance(sys.modules["pandas"].__spec__.loader, importlib.util.LazyLoader)
assert type(sys.modules["pandas"]).__name__ == "module"
assert dict(os.environ) == before
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env())
    assert proc.stdout.strip() == "ok", proc.stderr[-2000:]



# What each setting of the command is seen as: OpenBLAS's threads from the environment; numpy's
# huge pages from numpy itself (it reads its variable when it loads).
SEEN = {
    "OPENBLAS_NUM_THREADS": 'os.environ.get("OPENBLAS_NUM_THREADS")',
    "NUMPY_MADVISE_HUGEPAGE": "__import__('numpy')._core.multiarray._get_madvise_hugepage()",
}


@pytest.mark.parametrize(
    ("variable", "user", "seen"),
    [
        ("OPENBLAS_NUM_THREADS", None, "1"),  # one thread: idle ones spin and take a core
        ("OPENBLAS_NUM_THREADS", "2", "2"),
        ("NUMPY_MADVISE_HUGEPAGE", None, "False"),  # no transparent huge pages
        ("NUMPY_MADVISE_HUGEPAGE", "1", "True"),
    ],
)
def test_the_commands_settings_unless_the_user_set_them(variable, user, seen):
    """`sscgap` (and only the command: the test above checks that the library leaves the
    environment as it was) runs with one OpenBLAS thread and numpy without transparent huge
    pages; a value the user set wins."""
    code = f"""
import os
import sscgap.runtime
def run_cli(command):
    print({SEEN[variable]})
    return 0
sscgap.runtime.run_cli = run_cli
from sscgap.__main__ import main
main()
"""
    env = {k: v for k, v in _env().items() if k != variable}
    if user is not None:
        env[variable] = user
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == [seen]
