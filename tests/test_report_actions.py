"""Recommended next actions: the documented rule (develop / develop and hire / hire / borrow)."""

from __future__ import annotations

import shutil

import pytest

from conftest import MINI_PROFILES, MINI_ROSTER


def _run(profiles, roster=MINI_ROSTER, targets=None):
    from sscgap.actions import recommend
    from sscgap.engine import analyze
    from sscgap.profiles import load_profiles
    from sscgap.roster import load_roster

    pset = load_profiles(profiles, targets)
    analysis = analyze(pset, load_roster(roster, pset))
    return analysis, recommend(analysis, limit=5)


def _targets(tmp_path, analyst: int, manager: int):
    path = tmp_path / "targets.yaml"
    path.write_text(
        f"targets:\n  analyst: {{headcount: {analyst}}}\n  manager: {{headcount: {manager}}}\n",
        encoding="utf-8",
    )
    return path


def test_develop_the_near_people(tmp_path):
    _, actions = _run(MINI_PROFILES)
    assert [(a.archetype, a.kind, a.gap, a.hire) for a in actions] == [("analyst", "develop", 1, 0)]
    cands = actions[0].candidates
    assert [c.employee_id for c in cands] == ["002", "004"]  # best fit first
    assert [(g.competency, g.current, g.required) for g in cands[1].lacks] == [("analysis", 3.0, 4)]
    assert set(actions[0].focus) == {"analysis", "communication"}


def test_develop_and_hire_when_too_few_are_near(tmp_path):
    _, actions = _run(MINI_PROFILES, targets=_targets(tmp_path, analyst=5, manager=2))
    (a,) = actions
    assert (a.kind, a.gap, a.near, a.hire) == ("develop_and_hire", 4, 2, 2)


def test_hire_when_nobody_is_near(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(
        "employee_id,name,tenure_years,employment_type,analysis,communication,leadership\n"
        "1,A,5,internal,1,1,1\n2,B,5,internal,0,0,0\n",
        encoding="utf-8",
    )
    _, actions = _run(MINI_PROFILES, roster=roster)
    assert [(a.archetype, a.kind, a.hire, a.candidates) for a in actions] == [
        ("analyst", "hire", 2, ()),
        ("manager", "hire", 1, ()),
    ]


def test_borrow_for_archetypes_sourced_by_borrowing(tmp_path):
    prof = tmp_path / "profiles"
    shutil.copytree(MINI_PROFILES, prof)
    f = prof / "archetypes" / "01_analyst.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("target:", "sourcing: borrow\ntarget:"),
        encoding="utf-8",
    )
    _, actions = _run(prof)
    (a,) = actions
    assert (a.kind, a.hire) == ("borrow", 1)
    assert [c.employee_id for c in a.candidates] == ["002", "004"]  # named to work alongside


def test_no_action_without_a_gap(tmp_path):
    _, actions = _run(MINI_PROFILES, targets=_targets(tmp_path, analyst=1, manager=1))
    assert actions == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headline_reads_in_both_languages(tmp_path, lang):
    from sscgap.actions import headline

    analysis, actions = _run(MINI_PROFILES, targets=_targets(tmp_path, analyst=5, manager=2))
    text = headline(actions[0], analysis, lang)
    if lang == "en":
        assert text.startswith("Develop the 2 near people and hire 2 more to close a gap of 4.")
        assert "Focus on: " in text
    else:
        assert text.startswith("培养 2 名接近就绪的员工，并招聘 2 人，补足 4 人的缺口。")
        assert "重点提升：" in text and "、" in text
