"""The formulas of docs/meaning.md, checked on hand-computed cases and by properties."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sscgap.ci import fail_under
from sscgap.engine import analyze, score_roles
from sscgap.errors import RosterError
from sscgap.roster import load_roster

from conftest import MINI_ROSTER

HEADER = ["employee_id", "tenure_years", "employment_type", "analysis", "communication", "leadership"]


def roster_from_rows(path, pset, rows, header=HEADER):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return load_roster(path, pset)


def arch(analysis, aid):
    return next(a for a in analysis.archetypes if a.id == aid)


def test_mini_example_by_hand(mini_profiles):
    # analyst: analysis L4 w2 critical, communication L3 w1; ready_fit .9, near_fit .7
    # Ann (4,3) fit 1 ready; Bo (4,2) fit (2+2/3)/3=.889 near; Cai (2,4) .667 none; Dan (3,3) .833 near
    # manager/people_lead: leadership 4 critical, communication 4; tenure >= 3, internal
    # manager/project_lead: communication 3, analysis 3 -> Ann, Dan ready; Bo .833 near; Cai ready (people_lead)
    a = analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles))
    analyst, manager = a.archetypes
    assert (analyst.target, analyst.ready, analyst.near, analyst.gap) == (2, 1, 2, 1)
    assert analyst.coverage == 0.5 and analyst.status == "thin"
    assert manager.target == math.ceil(5 / 3) == 2
    assert (manager.ready, manager.near, manager.gap) == (3, 1, 0)
    assert manager.coverage == 1.5 and manager.status == "covered"
    assert a.summary.coverage_index == pytest.approx((0.5 + 1.0) / 2)
    fit = dict(zip(a.roster.people["employee_id"], a.fit[:, 0].tolist(), strict=True))
    assert fit["001"] == pytest.approx(1.0)
    assert fit["002"] == pytest.approx((2 + 2 / 3) / 3, abs=1e-6)
    assert fit["003"] == pytest.approx(2 / 3, abs=1e-6)
    # a person may count for several archetypes: Ann is ready for both
    assert a.ready[0].tolist() == [True, True]
    assert a.summary.ready_people == 3  # Ann, Cai, Dan


def test_critical_requirement_unmet_blocks_ready(tmp_path, mini_profiles):
    # analysis 3 < 4 (critical), but communication 5 -> fit = (2*.75 + 1)/3 = .833; with a lower bar
    # of .8 the fit clears ready_fit and only the critical requirement holds it back
    from sscgap.profiles import Thresholds

    pset = mini_profiles.model_copy(
        update={"settings": mini_profiles.settings.model_copy(update={"thresholds": Thresholds(ready_fit=0.8, near_fit=0.5)})}
    )
    r = roster_from_rows(tmp_path / "r.csv", pset, [["1", "1", "internal", "3", "5", ""], ["2", "1", "internal", "4", "1", ""]])
    a = analyze(pset, r)
    # person 1: fit .833 >= .8 but critical analysis 3 < 4 -> not ready, near
    assert a.fit[0, 0] == pytest.approx(2.5 / 3, abs=1e-6)
    assert not a.ready[0, 0] and a.near[0, 0]
    # person 2: analysis 4 meets the critical; communication 1 -> fit (2 + 1/3)/3 = .778 < .8 -> near
    assert not a.ready[1, 0] and a.near[1, 0]


def test_attribute_requirements(tmp_path, mini_profiles):
    # people_lead needs tenure >= 3 and internal; a missing value does not hold
    rows = [
        ["1", "3", "internal", "0", "4", "4"],  # ok (tenure exactly 3)
        ["2", "2.9", "internal", "0", "4", "4"],  # tenure too short
        ["3", "9", "contractor", "0", "4", "4"],  # wrong employment type
        ["4", "", "internal", "0", "4", "4"],  # tenure missing
        ["5", "9", "", "0", "4", "4"],  # employment type missing
    ]
    a = analyze(mini_profiles, roster_from_rows(tmp_path / "r.csv", mini_profiles, rows))
    people_lead = next(i for i, (_, r) in enumerate(a.roles) if r.id == "people_lead")
    per_role = score_roles(a.profiles, a.roster)
    assert per_role.role_fit[:, people_lead].tolist() == [1.0] * 5
    assert a.role_attrs_ok[:, people_lead].tolist() == [True, False, False, False, False]
    assert a.role_ready[:, people_lead].tolist() == [True, False, False, False, False]
    # attributes unmet: not near either, even with a perfect fit
    assert not per_role.role_near[:, people_lead].any()
    # project_lead (comm 3, analysis 3): fit (1 + 0)/2 = .5 -> nobody; so manager ready = person 1 only
    assert a.ready[:, 1].tolist() == [True, False, False, False, False]


def test_ready_through_any_role_and_fit_is_best_role(tmp_path, mini_profiles):
    rows = [["1", "0", "external", "3", "3", "0"]]  # project_lead fit 1; people_lead attrs fail
    a = analyze(mini_profiles, roster_from_rows(tmp_path / "r.csv", mini_profiles, rows))
    assert a.ready[0, 1] and a.fit[0, 1] == pytest.approx(1.0)


def test_blank_ratings_count_as_zero_and_are_reported(tmp_path, mini_profiles):
    rows = [["1", "5", "internal", "4", "", "1"], ["2", "5", "internal", "", "", ""]]
    a = analyze(mini_profiles, roster_from_rows(tmp_path / "r.csv", mini_profiles, rows))
    # analyst: analysis 4 (2/3 of weight) + communication blank = 0 -> fit 2/3
    assert a.fit[0, 0] == pytest.approx(2 / 3, abs=1e-6)
    comm = next(c for c in a.competencies if c.id == "communication")
    analysis_c = next(c for c in a.competencies if c.id == "analysis")
    assert (comm.assessed, comm.not_assessed, comm.mean_level) == (0, 2, None)
    assert (analysis_c.assessed, analysis_c.not_assessed, analysis_c.mean_level) == (1, 1, 4.0)


def test_ratio_targets_and_groups(tmp_path, mini_profiles):
    rows = [[str(i), "5", "internal", "3", "3", "1"] for i in range(7)]
    header = [*HEADER, "department"]
    rows = [[*r, "A" if i < 4 else "B"] for i, r in enumerate(rows)]
    a = analyze(mini_profiles, roster_from_rows(tmp_path / "r.csv", mini_profiles, rows, header), by="department")
    assert arch(a, "manager").target == math.ceil(7 / 3) == 3
    assert arch(a, "manager").ready == 7  # project_lead fit 1
    groups = {g.value: g.summary for g in a.groups}
    assert set(groups) == {"A", "B"}
    assert groups["A"].staff == 4 and groups["B"].staff == 3
    assert groups["A"].archetypes[1].target == 2  # ceil(4/3)
    assert groups["B"].archetypes[1].target == 1  # ceil(3/3)
    assert groups["A"].archetypes[1].ready == 4 and groups["B"].archetypes[1].ready == 3
    # the analyst target is a headcount (2): the centre's, shared by largest remainder
    # (8/7 and 6/7: 1 each, then the larger remainder takes the seat left)
    assert groups["A"].archetypes[0].target == groups["B"].archetypes[0].target == 1


def test_coverage_index_ignores_zero_targets(tmp_path, mini_profiles, monkeypatch):
    from sscgap.profiles import Target

    arch0 = mini_profiles.archetypes[0].model_copy(update={"target": Target(headcount=0)})
    pset = mini_profiles.model_copy(update={"archetypes": [arch0, mini_profiles.archetypes[1]]})
    a = analyze(pset, load_roster(MINI_ROSTER, pset))
    assert a.archetypes[0].status == "no_target" and a.archetypes[0].coverage is None
    assert a.summary.coverage_index == 1.0  # manager covered (capped at 1)


def test_fail_under():
    assert fail_under(0.75, None) is None
    assert fail_under(0.75, 75) is None
    assert fail_under(0.75, 80) == "coverage index 75.0% is below --fail-under 80%"
    assert fail_under(0.7499, 75) is None  # compared as printed, 75.0%
    assert fail_under(0.7449, 75) is not None


def test_competency_supply_and_demand(mini_profiles):
    a = analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles))
    comm = next(c for c in a.competencies if c.id == "communication")
    by_level = {ls.level: ls for ls in comm.levels}
    assert set(by_level) == {3, 4}
    # level 3 asked by analyst (1 role, target 2) and project_lead (1 of manager's 2 roles,
    # target 2 -> a share of 1): demand 3
    assert by_level[3].demand == 2 + 1 and by_level[3].meets == 3  # Ann 3, Cai 4, Dan 3
    # level 4 asked by people_lead only: half of manager's 2 seats
    assert by_level[4].demand == 1 and by_level[4].meets == 1  # Cai
    assert by_level[3].shortfall == 0 and comm.shortfall == 0
    analysis_c = next(c for c in a.competencies if c.id == "analysis")
    assert {ls.level: ls.demand for ls in analysis_c.levels} == {3: 1, 4: 2}


# ---------------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------------

level = st.one_of(st.none(), st.integers(0, 5))
person = st.tuples(st.floats(0, 20).map(lambda x: round(x, 1)), st.sampled_from(["internal", "external"]), level, level, level)


def _write(tmp_path, people, name="p.csv"):
    path = tmp_path / name
    rows = [
        [f"{i:03d}", t, e, *("" if x is None else x for x in lv)] for i, (t, e, *lv) in enumerate(people)
    ]
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _no_level(people) -> bool:
    return all(x is None for _t, _e, *lv in people for x in lv)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person, min_size=1, max_size=12))
def test_properties(tmp_path, mini_profiles, people):
    if _no_level(people):  # nothing to analyse is exit 2, never a silent 0%
        with pytest.raises(RosterError, match="hold no level at all"):
            load_roster(_write(tmp_path, people), mini_profiles)
        return
    a = analyze(mini_profiles, load_roster(_write(tmp_path, people), mini_profiles))
    assert np.all((a.fit >= 0) & (a.fit <= 1 + 1e-6))
    assert not np.any(a.ready & a.near)
    assert not np.any(a.role_ready & score_roles(a.profiles, a.roster).role_near)
    for ar in a.archetypes:
        assert ar.ready == int(a.ready[:, ar.index].sum())
        assert ar.gap == max(0, ar.target - ar.ready)
    assert 0 <= (a.summary.coverage_index or 0) <= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person, min_size=1, max_size=8), who=st.integers(0, 7), comp=st.integers(0, 2))
def test_raising_a_level_never_lowers_fit_or_readiness(tmp_path, mini_profiles, people, who, comp):
    who %= len(people)
    assume(not _no_level(people))  # a roster without a single level is refused (above)
    before = analyze(mini_profiles, load_roster(_write(tmp_path, people, "a.csv"), mini_profiles))
    t, e, *lv = people[who]
    lv[comp] = min(5, (lv[comp] or 0) + 1)
    raised = [*people[:who], (t, e, *lv), *people[who + 1 :]]
    after = analyze(mini_profiles, load_roster(_write(tmp_path, raised, "b.csv"), mini_profiles))
    fit_after = score_roles(after.profiles, after.roster).role_fit
    fit_before = score_roles(before.profiles, before.roster).role_fit
    assert np.all(fit_after[who] >= fit_before[who] - 1e-6)
    assert np.all(after.ready[who] >= before.ready[who])  # ready stays ready


def _imported(path) -> set[str]:
    """The sscgap modules a file imports (at the top or inside functions), as dotted names."""
    import ast

    from conftest import ROOT

    # the package a relative import starts from (for an __init__ too: the package itself)
    package = path.relative_to(ROOT / "src").with_suffix("").parts[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [f"{module}.{a.name}" for a in node.names] if not node.module else [module]
            out.update(n for n in names if n.startswith("sscgap"))
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("sscgap"))
    return out


def test_the_engine_imports_only_what_lies_below_it():
    """profiles -> roster -> engine -> insights (person, diff): imports go downward only,
    counting imports inside functions."""
    from conftest import ROOT

    src = ROOT / "src" / "sscgap"
    below = ("sscgap.profiles", "sscgap.roster", "sscgap.errors", "sscgap.engine")
    for path in sorted((src / "engine").glob("*.py")):
        bad = {m for m in _imported(path) if not m.startswith(below)}
        assert not bad, f"{path.name} imports {sorted(bad)}"
    above = ("sscgap.render", "sscgap.cli", "sscgap.ci", "sscgap.api", "sscgap.report")
    for name in ("insights.py", "person.py", "diff.py"):
        bad = {m for m in _imported(src / name) if m.startswith(above)}
        assert not bad, f"{name} imports {sorted(bad)}"
