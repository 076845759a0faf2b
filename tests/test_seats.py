"""Role seats, group shares and principles against plain brute force.

* ``filled``: every assignment of people to a role they are ready for (or none) is tried
  (itertools.product), the best seat count wins; also the reference's memoised search.
* ``--exclusive`` with role seats: the seats filled across all archetypes are the best over
  every assignment of people to one column of seats.
* group shares: the largest remainder from exact fractions, adding up to the centre's.
* boundary people: exactly at a required level, exactly at the ready threshold, exactly at a
  principle's level; one level below.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sscgap.engine import analyze, filled, largest_remainder
from sscgap.engine.allocation import exclusive
from sscgap.engine.seats import group_target
from sscgap.profiles import ProfileSet, Target
from sscgap.roster import load_roster

import reference


def brute_filled(ready: np.ndarray, seats: list[int]) -> int:
    n, R = ready.shape
    best = 0
    for choice in itertools.product(range(-1, R), repeat=n):
        if any(c >= 0 and not ready[i, c] for i, c in enumerate(choice)):
            continue
        taken = [sum(1 for c in choice if c == r) for r in range(R)]
        best = max(best, sum(min(t, s) for t, s in zip(taken, seats, strict=True)))
    return best


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(0, 6),
    R=st.integers(1, 3),
    data=st.data(),
)
def test_filled_is_the_best_assignment(n, R, data):
    ready = np.array(
        data.draw(st.lists(st.lists(st.booleans(), min_size=R, max_size=R), min_size=n, max_size=n)),
        dtype=bool,
    ).reshape(n, R)
    seats = data.draw(st.lists(st.integers(0, 4), min_size=R, max_size=R))
    want = brute_filled(ready, seats)
    assert filled(ready, np.array(seats)) == want
    choices = [[r for r in range(R) if ready[i, r]] for i in range(n)]
    assert reference.best_seating(choices, seats) == want


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 5), data=st.data())
def test_exclusive_role_seats_across_archetypes(n, data):
    """Two archetypes: one with two role seats, one with its own target; each person takes at
    most one seat anywhere. The allocation fills as many as the best assignment."""
    from sscgap.engine.coverage import ArchetypeResult, RoleSeats, Summary

    rr = np.array(data.draw(st.lists(st.lists(st.booleans(), min_size=3, max_size=3), min_size=n, max_size=n)), dtype=bool).reshape(n, 3)
    t0, t1, t2 = (data.draw(st.integers(0, 3)) for _ in range(3))
    ready = np.column_stack([rr[:, 0] | rr[:, 1], rr[:, 2]]) if n else np.zeros((0, 2), dtype=bool)
    fit = np.ones((n, 2), dtype=np.float32)
    a0 = ArchetypeResult(
        id="a", index=0, target=t0 + t1, ready=int(ready[:, 0].sum()), near=0,
        roles=(RoleSeats("r0", 0, t0, int(rr[:, 0].sum()), 0), RoleSeats("r1", 1, t1, int(rr[:, 1].sum()), 0)),
        filled=filled(rr[:, :2], np.array([t0, t1])),
    )
    a1 = ArchetypeResult(id="b", index=1, target=t2, ready=int(ready[:, 1].sum()), near=0)
    ex = exclusive(Summary(staff=n, archetypes=(a0, a1)), ready, fit, rr)
    assert ex.seats_filled == brute_filled(rr, [t0, t1, t2])
    assert sum(r[2] for r in ex.archetypes[0].roles) == ex.archetypes[0].assigned
    assert all(assigned <= target for _, target, assigned in ex.archetypes[0].roles)
    assert ex.archetypes[1].assigned <= t2


@settings(max_examples=200, deadline=None)
@given(total=st.integers(0, 40), sizes=st.lists(st.integers(0, 30), min_size=1, max_size=6))
def test_largest_remainder(total, sizes):
    got = largest_remainder(total, np.array(sizes))
    names = [f"g{i}" for i in range(len(sizes))]  # sorts in index order for < 10 groups
    want = reference.largest_remainder(total, dict(zip(names, sizes, strict=True)))
    assert got.tolist() == [want[g] for g in names]
    if sum(sizes):
        assert int(got.sum()) == total
        # each group within one of its exact quota
        for n, g in zip(sizes, got.tolist(), strict=True):
            assert abs(Fraction(total * n, sum(sizes)) - g) < 1


def test_largest_remainder_ties():
    # 3 seats for 2, 2, 2: one each
    assert largest_remainder(3, np.array([2, 2, 2])).tolist() == [1, 1, 1]
    # 1 seat for 2, 2: equal remainders, equal sizes: the first group
    assert largest_remainder(1, np.array([2, 2])).tolist() == [1, 0]
    # 2 seats for 3, 1, 3 (quotas 6/7, 2/7, 6/7): the two larger remainders
    assert largest_remainder(2, np.array([3, 1, 3])).tolist() == [1, 0, 1]
    # 1 seat for 1, 3 (1/4 and 3/4): the larger remainder, not the first
    assert largest_remainder(1, np.array([1, 3])).tolist() == [0, 1]
    # per_staff stays per group
    assert group_target(Target(per_staff=3), np.array([4, 3, 0])).tolist() == [2, 1, 0]


# --------------------------------------------------------------------------------------------
# boundary people through the whole engine, overall and per group
# --------------------------------------------------------------------------------------------


def _text(s: str) -> dict:
    return {"en": s, "zh": s}


PROFILE = {
    "competencies": ["serve", "improve", "lead"],
    "ready_fit": 0.9,
    "near_fit": 0.7,
    "archetypes": [
        {
            "id": "front",
            "target": None,
            "roles": [
                {
                    "id": "staff",
                    "requirements": [{"competency": "serve", "level": 3, "weight": 1, "critical": True}],
                    "attributes": {},
                    "target": {"per_staff": 2},
                },
                {
                    "id": "manager",
                    "requirements": [
                        {"competency": "serve", "level": 3, "weight": 1, "critical": False},
                        {"competency": "lead", "level": 4, "weight": 1, "critical": True},
                    ],
                    "attributes": {},
                    "target": {"headcount": 3},
                },
            ],
        },
        {
            "id": "improver",
            "target": {"headcount": 5},
            "roles": [
                {
                    "id": "improver_role",
                    "requirements": [{"competency": "improve", "level": 5, "weight": 1, "critical": False}],
                    "attributes": {},
                }
            ],
        },
    ],
    "principles": [
        {"id": "customer_service", "competencies": ["serve"], "level": 3},
        {"id": "continuous_improvement", "competencies": ["improve", "serve"], "level": 3},
    ],
}

# serve / improve / lead; department
PEOPLE = [
    ("E1", 3, 3, 4, "A"),  # exactly at every level: staff and manager ready, carries both
    ("E2", 2.99, 4, 4, "A"),  # just below the critical serve 3: not staff; a manager (fit > 0.9)
    ("E3", 3, 2, None, "A"),  # staff ready; lead not assessed: not a manager
    ("E4", 5, 4.5, 4, "B"),  # improve 4.5/5 = 0.9: exactly ready as an improver
    ("E5", 2.4, 5, 4, "B"),  # manager fit (0.8 + 1)/2 = 0.9: exactly ready
    ("E6", None, None, None, "B"),  # nothing assessed
    ("E7", 3, 3, 3.99, "C"),  # lead just below the critical 4
]


def _pset() -> ProfileSet:
    from test_engine_reference import to_profile_set

    return to_profile_set(PROFILE)


def _people() -> list[dict]:
    return [
        {
            "employee_id": e,
            "tenure_years": None,
            "employment_type": None,
            "department": d,
            "levels": {"serve": s, "improve": i, "lead": lead},
        }
        for e, s, i, lead, d in PEOPLE
    ]


@pytest.fixture
def boundary(tmp_path):
    from test_engine_reference import write_roster

    path = tmp_path / "boundary.csv"
    write_roster(path, PROFILE["competencies"], _people())
    pset = _pset()
    return analyze(pset, load_roster(path, pset), by="department")


def test_boundary_people_overall(boundary):
    from test_engine_reference import same_summary

    ref = reference.analyze(PROFILE, _people())
    same_summary(boundary.summary, ref)
    front = boundary.summary.archetypes[0]
    # staff: E1, E3, E4, E7 ready (serve >= 3); manager: E1, E2, E4, E5 ready
    assert [(r.id, r.target, r.ready) for r in front.roles] == [("staff", 4, 4), ("manager", 3, 4)]
    # 8 readiness counts but 6 people: E1 and E4 take one seat each, so 6 of 7 seats
    assert front.target == 7 and front.ready == 6 and front.filled == 6 and front.gap == 1
    # improve 4.5 of 5 is exactly 0.9: E4 is ready, with E5 (E2's 4 of 5 is not)
    assert boundary.summary.archetypes[1].ready == 2
    # serve >= 3: E1 E3 E4 E7; and improve >= 3: E1 E4 E7 (E3 improves at 2)
    assert [(p.id, p.carriers) for p in boundary.summary.principles] == [
        ("customer_service", 4),
        ("continuous_improvement", 3),
    ]


def test_boundary_people_per_group(boundary):
    from test_engine_reference import same_summary

    subs = reference.analyze_groups(PROFILE, _people(), "department")
    for g in boundary.groups:
        same_summary(g.summary, subs[g.value])
    # the manager headcount (3) shared among A (3), B (3), C (1): 9/7, 9/7, 3/7 -> 1, 1, 1;
    # the improver headcount (5): 15/7, 15/7, 5/7 -> 2, 2, 1
    assert [g.summary.archetypes[0].roles[1].target for g in boundary.groups] == [1, 1, 1]
    assert [g.summary.archetypes[1].target for g in boundary.groups] == [2, 2, 1]


def test_json_carries_role_seats_and_principles(boundary):
    """The JSON document: roles and filled per archetype, principles overall and per group,
    empty roles on the recommendations; it validates against the shipped schema."""
    import jsonschema

    from sscgap.report import RenderOptions
    from sscgap.report.json import to_dict
    from sscgap.schema import report_schema

    data = to_dict(boundary, RenderOptions())
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    front, improver = data["archetypes"]
    assert front["filled"] == 6 and front["target"] == 7 and front["gap"] == 1
    assert front["coverage"] == pytest.approx(6 / 7, abs=1e-4)
    assert [(r["id"], r["target"], r["ready"], r["gap"]) for r in front["roles"]] == [
        ("staff", 4, 4, 0),
        ("manager", 3, 4, 0),
    ]
    assert front["target_rule"] == {"roles": {"staff": {"per_staff": 2.0}, "manager": {"headcount": 3}}}
    assert improver["roles"] == [] and improver["filled"] is None
    assert [(p["id"], p["carriers"]) for p in data["principles"]] == [
        ("customer_service", 4),
        ("continuous_improvement", 3),
    ]
    assert [g["value"] for g in data["groups"]] == ["A", "B", "C"]
    assert [[p["carriers"] for p in g["principles"]] for g in data["groups"]] == [[2, 1], [1, 1], [1, 1]]


def test_empty_role_comes_first_in_recommendations(tmp_path):
    """A role with seats and nobody ready: its archetype's recommendation comes first and
    names the role."""
    from sscgap.insights import compute
    from test_engine_reference import to_profile_set, write_roster

    profile = {
        **PROFILE,
        "archetypes": [
            PROFILE["archetypes"][1],  # improver: a gap, nobody missing a role
            {
                **PROFILE["archetypes"][0],
                "roles": [
                    PROFILE["archetypes"][0]["roles"][0],
                    {**PROFILE["archetypes"][0]["roles"][1], "target": {"headcount": 2}},
                ],
            },
        ],
    }
    people = [p for p in _people() if p["employee_id"] in ("E3", "E7", "E6")]  # no manager ready
    path = tmp_path / "r.csv"
    write_roster(path, profile["competencies"], people)
    pset = to_profile_set(profile)
    a = analyze(pset, load_roster(path, pset))
    recs = compute(a).recommendations
    assert recs[0].archetype.id == "front" and recs[0].empty_roles == ("manager",)
    assert all(not r.empty_roles for r in recs[1:])
