"""sscgap person: one person's fit for every archetype and role, and a development plan."""

from __future__ import annotations

import json

import numpy as np
import pytest

from sscgap.engine import analyze
from sscgap.errors import UsageError
from sscgap.person import closest_ids, person_report
from sscgap.roster import load_roster

from conftest import EXAMPLE, EXAMPLE_ZH, MINI_PROFILES, MINI_ROSTER, ROOT, run_cli

EXAMPLE_Q2 = ROOT / "examples" / "staff_q2.csv"


@pytest.fixture(scope="module")
def example(request):
    from sscgap.profiles import load_profiles

    pset = load_profiles()
    roster = load_roster(EXAMPLE, pset)
    return pset, roster, analyze(pset, roster)


def test_agrees_with_the_whole_roster_analysis(example):
    # scoring one row gives the same fit / status as the engine on the whole roster
    pset, roster, an = example
    for row in range(0, len(roster), 7):
        rep = person_report(pset, roster, roster.people["employee_id"].iloc[row])
        assert rep.row == row
        for a in rep.archetypes:
            assert a.fit == pytest.approx(float(an.fit[row, a.index]), abs=1e-6)
            expected = "ready" if an.ready[row, a.index] else "near" if an.near[row, a.index] else "not"
            assert a.status == expected
        assert rep.best.index == int(an.best_archetype[row])


def test_plan_is_least_effort_first_and_reaches_ready(example):
    pset, roster, _ = example
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    from sscgap.engine import score_roles
    from sscgap.person import one_row

    for pid in ("000119", "000164", "000101", "000250"):
        rep = person_report(pset, roster, pid)
        assert len(rep.plan) <= 3
        efforts = [a.levels_to_ready for a in rep.plan]
        assert efforts == sorted(efforts)
        others = [a for a in rep.archetypes if a.status != "ready" and a.attributes_ok and a not in rep.plan]
        assert all(o.levels_to_ready >= efforts[-1] for o in others)
        for a in rep.plan:
            assert a.status != "ready" and a.levels_to_ready > 0
            gaps = a.target_role.shortfalls
            assert sum(g.levels_for_ready for g in gaps) == a.levels_to_ready
            crit = [g.critical for g in gaps]
            assert crit == sorted(crit, reverse=True)  # critical ones first
            # apply the plan to the person's row: they become ready for that role
            single = one_row(roster, rep.row)
            for g in gaps:
                single.levels[0, comp_index[g.competency]] = (g.current or 0.0) + g.levels_for_ready
            ready = score_roles(pset, single).role_ready
            assert ready[0, a.target_role.role_index]


def test_yuan_fang_worked_example(example):
    pset, roster, _ = example
    rep = person_report(pset, roster, "000119")
    assert rep.name == "Yuan Fang" and [a.id for a in rep.ready_for] == ["service_frontline"]
    first = rep.plan[0]
    assert (first.id, first.target_role.role, first.levels_to_ready) == ("product_cx", "call_centre_manager", 1)
    (gap,) = first.target_role.shortfalls
    assert (gap.competency, gap.current, gap.required, gap.critical) == ("call_centre_operations", 3.0, 4, True)
    # the external consultant role is not open to an internal employee: never in the plan
    consultant = next(a for a in rep.archetypes if a.id == "ssc_consultant")
    assert not consultant.attributes_ok and consultant not in rep.plan
    (issue,) = consultant.roles[0].attribute_issues
    assert (issue.kind, issue.required, issue.actual) == ("employment", "external", "internal")


def test_ready_after_the_quarter(example):
    # in the second snapshot Yuan Fang developed call-centre operations and is ready
    pset, _, _ = example
    rep = person_report(pset, load_roster(EXAMPLE_Q2, pset), "000119")
    assert {a.id for a in rep.ready_for} == {"service_frontline", "product_cx"}


def test_tenure_issue(mini_profiles):
    rep = person_report(mini_profiles, load_roster(MINI_ROSTER, mini_profiles), "002")
    lead = rep.archetypes[1].roles[0]
    assert lead.role == "people_lead" and not lead.attributes_ok
    assert [(i.kind, i.required, i.actual) for i in lead.attribute_issues] == [("tenure", "3", "1")]
    assert rep.archetypes[1].target_role.role == "project_lead"  # the open role
    eve = person_report(mini_profiles, load_roster(MINI_ROSTER, mini_profiles), "005")
    assert eve.archetypes[1].roles[0].attribute_issues[0].actual is None  # tenure not given


def test_unknown_id_suggests_the_closest(example):
    pset, roster, _ = example
    with pytest.raises(UsageError) as e:
        person_report(pset, roster, "119")
    assert "no employee_id '119'" in e.value.message and "000119" in e.value.message
    ids = roster.people["employee_id"].to_numpy(dtype=object)
    assert closest_ids(ids, "000191")[0] in {"000191", "000119", "000190", "000192"}
    assert closest_ids(ids, "zzzz") == []


def test_closest_ids_narrows_a_large_pool():
    ids = np.array([f"E{i:07d}" for i in range(200_000)], dtype=object)
    assert closest_ids(ids, "E0123456 ")[0] == "E0123456"
    assert all(c.startswith("E012345") for c in closest_ids(ids, "E012345"))
    assert closest_ids(ids, "e0000042")[0] == "E0000042"


def test_cli_formats(runner):
    table = run_cli(runner, "person", EXAMPLE, "000119")
    assert table.exit_code == 0
    assert "Yuan Fang (000119)" in table.stdout and "Development plan" in table.stdout
    assert "Call-centre operations" in table.stdout
    data = json.loads(run_cli(runner, "person", EXAMPLE, "000119", "--format", "json").stdout)
    assert data["schema_version"] == 1 and data["person"]["employee_id"] == "000119"
    assert data["plan"][0]["archetype"] == "product_cx"
    assert data["plan"][0]["gaps"][0] == {
        "competency": "call_centre_operations", "current": 3.0, "required": 4, "critical": True,
        "levels_to_gain": 1.0, "levels_for_ready": 1.0, "needed_for_ready": True,
    }
    assert len(data["archetypes"]) == 10 and sum(len(a["roles"]) for a in data["archetypes"]) >= 14
    md = run_cli(runner, "person", EXAMPLE, "000119", "--format", "markdown").stdout
    assert md.startswith("# Yuan Fang (000119) · Team Lead")
    assert "| --- |" in md and "### 1. Product and CX talent" in md


def test_cli_chinese_roster_and_lang(runner):
    out = run_cli(runner, "person", EXAMPLE_ZH, "000119", "--lang", "zh").stdout
    assert "发展计划" in out and "呼叫中心运营" in out and "内部" in out


def test_cli_unknown_id_exit_2(runner):
    result = run_cli(runner, "person", EXAMPLE, "119")
    assert result.exit_code == 2
    assert "did you mean 000119" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_cli_output_file(runner, tmp_path):
    out = tmp_path / "p.md"
    result = run_cli(runner, "person", MINI_ROSTER, "002", "--profiles", MINI_PROFILES, "-f", "markdown", "-o", out)
    assert result.exit_code == 0 and "Bo (002)" in out.read_text(encoding="utf-8")


def test_help(runner):
    for cmd in ("person", "diff"):
        result = run_cli(runner, cmd, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout
    assert "--exclusive" in run_cli(runner, "analyze", "--help").stdout
    assert "--fail-on-regression" in run_cli(runner, "diff", "--help").stdout
