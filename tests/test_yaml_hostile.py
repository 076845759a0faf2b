"""Hostile YAML in a profile or targets file: bounded work, exit-2 errors, never a traceback.

One test per class of attack. No timing bounds: an attack
that is not bounded would hang or crash the test instead of raising a ProfileError.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sscgap.errors import ExitCode, ProfileError
from sscgap.profiles import MAX_YAML_DEPTH, load_profiles

from conftest import FULL_MATRIX, MINI_PROFILES


@pytest.fixture
def profiles(tmp_path: Path) -> Path:
    dest = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, dest)
    return dest


def alias_bomb(levels: int, width: int = 9) -> str:
    """The 'billion laughs': each level is a list of `width` aliases to the level below."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def targets_error(profiles: Path, tmp_path: Path, text: str) -> ProfileError:
    targets = tmp_path / "targets.yaml"
    targets.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profiles(profiles, targets)
    assert info.value.exit_code == ExitCode.BAD_INPUT
    (f,) = info.value.findings
    assert f.file == str(targets)
    return info.value


def archetype_error(profiles: Path, text: str) -> ProfileError:
    path = profiles / "archetypes" / "01_analyst.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    try:
        with pytest.raises(ProfileError) as info:
            load_profiles(profiles)
    finally:
        path.write_text(before, encoding="utf-8")
    assert any(f.file == str(path) for f in info.value.findings)
    return info.value


def test_alias_bomb_is_refused_in_targets_and_profiles(profiles, tmp_path):
    # 7 levels of 9: 4.8 million values once expanded; the duplicate-key walk and the
    # validation would each visit all of them. The full 9-level, 468-byte bomb is refused too.
    for levels in (7, 9):
        bomb = alias_bomb(levels)
        err = targets_error(profiles, tmp_path, bomb)
        (f,) = err.findings
        assert f.message.startswith("too large: with its aliases (*name) expanded")
        assert f.place and f.place.startswith("line ")
        err = archetype_error(profiles, bomb)
        assert "too large" in err.findings[0].message
    assert len(alias_bomb(9).encode()) < 600


def test_aliases_within_reason_still_work(profiles, tmp_path):
    targets = tmp_path / "targets.yaml"
    targets.write_text("targets:\n  analyst: &t {headcount: 3}\n  manager: *t\n", encoding="utf-8")
    pset = load_profiles(profiles, targets)
    assert [a.target.headcount for a in pset.archetypes] == [3, 3]


@pytest.mark.parametrize("depth", [MAX_YAML_DEPTH + 1, pytest.param(1200, marks=FULL_MATRIX), 5000])
def test_deep_nesting_is_refused(profiles, tmp_path, depth):
    err = targets_error(profiles, tmp_path, "targets: " + "[" * depth + "]" * depth + "\n")
    assert f"nested more than {MAX_YAML_DEPTH} levels deep" in err.findings[0].message
    # unclosed brackets: libyaml rejects the file, and the pure-Python parser (recursive)
    # that words the error must not overflow the stack either
    err = targets_error(profiles, tmp_path, "targets: " + "[" * depth + "\n")
    assert "nested" in err.findings[0].message or "invalid YAML" in err.findings[0].message
    err = archetype_error(profiles, "id: " + "{a: " * depth + "1" + "}" * depth + "\n")
    assert "nested" in err.findings[0].message


@pytest.mark.parametrize(
    "text",
    ["? [a, b]\n: 1\n", "targets:\n  ? {x: 1}\n  : {headcount: 1}\n", "targets: {[a]: 1}\n"],
)
def test_complex_keys_are_refused(profiles, tmp_path, text):
    err = targets_error(profiles, tmp_path, text)
    (f,) = err.findings
    assert f.message == "a key must be a plain word, not a list or a mapping"
    assert f.place.startswith("line ")


@pytest.mark.parametrize(
    ("target", "place"),
    [
        ("headcount: 99999999999999999999999999", "headcount"),
        ("headcount: 10000001", "headcount"),
        ("per_staff: 1e-300", "per_staff"),
        ("per_staff: 0.5", "per_staff"),
        ("per_staff: 1e400", "per_staff"),
        ("per_staff: 1e300", "per_staff"),
    ],
)
def test_numbers_out_of_range(profiles, tmp_path, target, place):
    err = targets_error(profiles, tmp_path, f"targets:\n  analyst: {{{target}}}\n")
    (f,) = err.findings
    assert f.place.startswith(f"targets.analyst.{place}")
    assert f.hint and "10,000,000" in f.hint
    text = (MINI_PROFILES / "archetypes" / "01_analyst.yaml").read_text(encoding="utf-8")
    assert "target:\n  headcount: 2\n" in text
    err = archetype_error(profiles, text.replace("target:\n  headcount: 2\n", f"target:\n  {target}\n"))
    assert any(f.place.startswith(f"target.{place}") for f in err.findings)


def test_huge_weight_and_tenure_are_refused(profiles):
    text = (MINI_PROFILES / "archetypes" / "01_analyst.yaml").read_text(encoding="utf-8")
    assert "    weight: 2\n" in text
    err = archetype_error(profiles, text.replace("    weight: 2\n", "    weight: 1e308\n", 1))
    assert any("weight" in f.place and f.message == "must be 1000 or less" for f in err.findings)
    err = archetype_error(
        profiles, text + "  attributes: {min_tenure_years: 1e400}\n"
    )
    assert any("min_tenure_years" in f.place for f in err.findings)
