"""The bundled examples: the Chinese Excel copy gives the same results as the UTF-8 one."""

from __future__ import annotations

import numpy as np

from sscgap.engine import analyze
from sscgap.roster import load_roster

from conftest import EXAMPLE, EXAMPLE_ZH, ROOT


def test_gb18030_copy_is_really_gb18030_with_chinese_headers():
    raw = EXAMPLE_ZH.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    try:
        raw.decode("utf-8")
        is_utf8 = True
    except UnicodeDecodeError:
        is_utf8 = False
    assert not is_utf8
    header = raw.decode("gb18030").splitlines()[0]
    assert header.startswith("员工编号,姓名,部门")


def test_chinese_copy_gives_identical_results(default_profiles):
    en = analyze(default_profiles, load_roster(EXAMPLE, default_profiles))
    zh = analyze(default_profiles, load_roster(EXAMPLE_ZH, default_profiles))
    assert en.summary == zh.summary
    assert en.competencies == zh.competencies
    assert en.roster.people["employee_id"].tolist() == zh.roster.people["employee_id"].tolist()
    np.testing.assert_array_equal(en.roster.levels, zh.roster.levels)
    np.testing.assert_array_equal(en.ready, zh.ready)
    assert zh.roster.people["employment_type"].tolist() == en.roster.people["employment_type"].tolist()
    assert not zh.roster.unknown_columns


def test_leading_zeros_survive(default_profiles):
    ids = load_roster(EXAMPLE, default_profiles).people["employee_id"]
    assert ids.str.startswith("0").any()


def test_example_tells_a_story(default_profiles):
    a = analyze(default_profiles, load_roster(EXAMPLE, default_profiles))
    statuses = {ar.status for ar in a.archetypes}
    assert "covered" in statuses and "thin" in statuses
    assert all(ar.target > 0 for ar in a.archetypes)
    # the external consultants cover archetype 3, and nobody internal can
    consultant = next(ar for ar in a.archetypes if ar.id == "ssc_consultant")
    external = (a.roster.people["employment_type"] == "external").to_numpy()
    assert consultant.ready >= 1 and not np.any(a.ready[:, consultant.index] & ~external)


def test_custom_targets_example(default_profiles):
    from sscgap.profiles import load_profiles

    pset = load_profiles(targets=ROOT / "examples" / "targets.yaml")
    assert pset.thresholds.ready_fit != default_profiles.thresholds.ready_fit or any(
        a.target != b.target for a, b in zip(pset.archetypes, default_profiles.archetypes, strict=True)
    )
