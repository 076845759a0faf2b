"""The early read (:mod:`sscgap.prefetch`): taken only when it reads what the roster reader
would, and never changing the roster it gives.

Each test compares a roster loaded after ``prefetch.start`` with the same file loaded without it
(``min_bytes=0`` so that small files are read early too).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from sscgap import prefetch
from sscgap.profiles import load_profiles
from sscgap.roster import load_roster

from conftest import EXAMPLE, MINI_PROFILES, MINI_ROSTER, run_cli


@pytest.fixture(autouse=True)
def _no_leftover():
    prefetch._EARLY = None
    yield
    prefetch._EARLY = None


@pytest.fixture
def taken(monkeypatch):
    """Records what each ``take`` returned (True = the early read was used)."""
    seen: list[bool] = []
    original = prefetch.take

    def take(*args, **kwargs):
        early = original(*args, **kwargs)
        seen.append(early is not None)
        return early

    monkeypatch.setattr(prefetch, "take", take)
    return seen


def _same(a, b) -> None:
    assert a.people.astype(str).equals(b.people.astype(str))
    np.testing.assert_array_equal(a.levels, b.levels)
    assert [str(f) for f in a.findings] == [str(f) for f in b.findings]
    assert a.unknown_columns == b.unknown_columns


def _load(path: Path, profiles=None, early: bool = True):
    pset = load_profiles(profiles)
    if early:
        prefetch.start(["analyze", str(path)], min_bytes=0)
    return load_roster(path, pset)


def test_early_read_is_taken_and_gives_the_same_roster(taken):
    _same(_load(EXAMPLE), _load(EXAMPLE, early=False))
    assert taken == [True, False]


def test_other_profiles_and_unused_columns(taken):
    # the mini profiles know few of the example's columns: the early read has read the others
    # as levels, and the reader drops them
    early = _load(EXAMPLE, MINI_PROFILES)
    assert taken == [True]
    assert len(early.unknown_columns) > 20
    _same(early, _load(EXAMPLE, MINI_PROFILES, early=False))
    _same(_load(MINI_ROSTER, MINI_PROFILES), _load(MINI_ROSTER, MINI_PROFILES, early=False))


def test_text_in_a_column_it_took_for_levels_reads_again(tmp_path, taken):
    # the first 200 rows of "notes" are numbers, a later one is text: the early read fails on
    # a column the roster does not use, and the reader reads again without it
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    rows = [lines[0] + ",notes"] + [line + ",1" for line in lines[1:]]
    rows += [line.replace("000", "900", 1) + ",1" for line in lines[1:]]
    rows[-1] = rows[-1][: -len(",1")] + ",see HR"
    path = tmp_path / "notes.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    early = _load(path)
    assert taken == [True]
    _same(early, _load(path, early=False))
    assert early.unknown_columns == ["notes"]


def test_text_in_the_first_rows_means_no_early_read(tmp_path, taken):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "email.csv"
    path.write_text(
        "\n".join([lines[0] + ",email"] + [line + ",x@example.com" for line in lines[1:]]) + "\n",
        encoding="utf-8",
    )
    prefetch.start(["analyze", str(path)], min_bytes=0)
    assert prefetch._EARLY is None


def test_a_file_changed_since_is_read_again(tmp_path, taken):
    path = tmp_path / "staff.csv"
    path.write_bytes(EXAMPLE.read_bytes())
    pset = load_profiles(None)
    prefetch.start(["analyze", str(path)], min_bytes=0)
    prefetch._EARLY.result()
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-10]) + "\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    roster = load_roster(path, pset)
    assert taken == [False]
    assert len(roster) == len(lines) - 11


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", str(EXAMPLE)],
        ["analyze", "--help"],
        ["analyze", str(EXAMPLE), "--help"],
        ["analyze", "-f", "json", str(EXAMPLE)],  # only right after the command
        ["analyze", str(EXAMPLE.with_suffix(".xlsx"))],
        ["analyze", "missing.csv"],
        ["analyze"],
    ],
)
def test_nothing_is_read_early_for_other_command_lines(argv):
    prefetch.start(argv, min_bytes=0)
    assert prefetch._EARLY is None


def test_off_by_environment(monkeypatch):
    monkeypatch.setenv("SSCGAP_NO_PREFETCH", "1")
    prefetch.start(["analyze", str(EXAMPLE)], min_bytes=0)
    assert prefetch._EARLY is None


def test_cli_result_is_the_same_with_and_without(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    outs = []
    for early in (True, False):
        out = tmp_path / f"{early}.json"
        if early:
            prefetch.start(["analyze", str(EXAMPLE)], min_bytes=0)
            assert prefetch._EARLY is not None
        result = run_cli(runner, "analyze", str(EXAMPLE), "-f", "json", "-o", str(out), "--no-job-summary")
        assert result.exit_code == 0, result.stderr
        assert prefetch._EARLY is None  # taken (or dropped) by the read
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
