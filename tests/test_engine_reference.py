"""The fast path (Arrow reader + vectorised engine) agrees with the plain-Python reference.

Random profile sets and rosters (hypothesis) are written as a CSV, read by ``load_roster``
through the Arrow reader and through the forgiving fallback reader, scored by
``engine.analyze``, and compared with ``tests/reference.py`` computed from the same raw rows:
fit, ready and near per person and archetype, the counts and targets per archetype, the
coverage index, per-competency statistics, and per-group counts with ``by``. The scoring
kernel's block size is drawn small too, so block edges fall inside the random rosters.
"""

from __future__ import annotations

import csv
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sscgap import roster as roster_module
from sscgap.engine import CHUNK, analyze
from sscgap.engine import scoring as engine_module
from sscgap.errors import RosterError
from sscgap.profiles import ProfileSet
from sscgap.report.gaptext import gap_strings
from sscgap.roster import load_roster

import reference
from conftest import examples

# quarter steps, and 2.125 (exact in float32, but not on the quarter grid of the gap texts)
LEVELS = [0, 1, 2, 3, 4, 5, 0.5, 2.5, 3.5, 4.5, 1.25, 2.125, 3.6, 2.7, 0.3, 1.8]
WEIGHTS = [0.5, 1, 1.5, 2, 3]
THRESHOLDS = [0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0]
TYPES = ["internal", "external", "contractor"]


def _text(s: str) -> dict:
    return {"en": s, "zh": s}


@st.composite
def profiles(draw) -> dict:
    k = draw(st.integers(1, 5))
    comps = [f"c{i}" for i in range(k)]
    near, ready = sorted(draw(st.lists(st.sampled_from(THRESHOLDS), min_size=2, max_size=2)))
    archetypes = []
    for a in range(draw(st.integers(1, 3))):
        roles = []
        for r in range(draw(st.integers(1, 3))):
            chosen = draw(
                st.lists(st.sampled_from(comps), min_size=1, max_size=min(4, k), unique=True)
            )
            reqs = [
                {
                    "competency": c,
                    "level": draw(st.integers(1, 5)),
                    "weight": draw(st.sampled_from(WEIGHTS)),
                    "critical": draw(st.booleans()),
                }
                for c in chosen
            ]
            attrs = {}
            if draw(st.booleans()):
                attrs["min_tenure_years"] = draw(st.sampled_from([0, 2, 5.5]))
            if draw(st.booleans()):
                attrs["employment_types"] = draw(
                    st.lists(st.sampled_from(TYPES), min_size=1, max_size=3, unique=True)
                )
            roles.append({"id": f"a{a}_r{r}", "requirements": reqs, "attributes": attrs})
        if draw(st.booleans()):  # role seats: a target on every role
            for role in roles:
                role["target"] = draw(targets())
            tgt = None
        else:
            tgt = draw(targets())
        archetypes.append({"id": f"a{a}", "target": tgt, "roles": roles})
    principles = [
        {
            "id": f"p{i}",
            "competencies": draw(st.lists(st.sampled_from(comps), min_size=1, max_size=k, unique=True)),
            "level": draw(st.integers(1, 5)),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    return {
        "competencies": comps,
        "ready_fit": ready,
        "near_fit": near,
        "archetypes": archetypes,
        "principles": principles,
    }


def targets() -> st.SearchStrategy[dict]:
    return st.one_of(
        st.builds(lambda n: {"headcount": n}, st.integers(0, 6)),
        st.builds(lambda k: {"per_staff": k}, st.sampled_from([1, 2, 3.5, 10])),
    )


@st.composite
def rosters(draw, comps: list[str]) -> list[dict]:
    n = draw(st.integers(1, 40))
    people = []
    for i in range(n):
        people.append(
            {
                "employee_id": f"E{i:03d}",
                "tenure_years": draw(st.one_of(st.none(), st.sampled_from([0, 1, 2, 5.5, 6, 12]))),
                "employment_type": draw(st.one_of(st.none(), st.sampled_from(TYPES))),
                "department": draw(st.sampled_from(["Finance", "HR", "IT", None])),
                "levels": {c: draw(st.one_of(st.none(), st.sampled_from(LEVELS))) for c in comps},
            }
        )
    return people


def to_profile_set(p: dict) -> ProfileSet:
    scale = [
        {"level": i, "label": _text(f"L{i}"), "descriptor": _text(f"level {i}")} for i in range(6)
    ]
    catalogue = {
        "scale": scale,
        "categories": [{"id": "core", "name": _text("Core")}],
        "competencies": [
            {
                "id": c,
                "name": _text(f"Competency {c}"),
                "category": "core",
                "description": _text(c),
                "levels": {i: _text(f"{c} {i}") for i in range(6)},
            }
            for c in p["competencies"]
        ],
    }
    archetypes = [
        {
            "id": a["id"],
            "name": _text(a["id"]),
            "summary": _text(a["id"]),
            "target": a["target"],
            "roles": [
                {
                    "id": r["id"],
                    "name": _text(r["id"]),
                    "requirements": r["requirements"],
                    "attributes": r["attributes"],
                    "target": r.get("target"),
                }
                for r in a["roles"]
            ],
        }
        for a in p["archetypes"]
    ]
    return ProfileSet.model_validate(
        {
            "source": "generated",
            "settings": {
                "thresholds": {"ready_fit": p["ready_fit"], "near_fit": p["near_fit"]},
                "principles": [
                    {"id": pr["id"], "name": _text(pr["id"]), "competencies": pr["competencies"], "level": pr["level"]}
                    for pr in p.get("principles", [])
                ],
            },
            "catalogue": catalogue,
            "archetypes": archetypes,
        }
    )


def write_roster(path: Path, comps: list[str], people: list[dict]) -> None:
    def cell(v) -> str:
        return "" if v is None else f"{v:g}" if isinstance(v, float) else str(v)

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["employee_id", "department", "tenure_years", "employment_type", *comps])
        for p in people:
            w.writerow(
                [
                    p["employee_id"],
                    cell(p["department"]),
                    cell(p["tenure_years"]),
                    cell(p["employment_type"]),
                ]
                + [cell(p["levels"][c]) for c in comps]
            )


def refusal(profile: dict, people: list[dict]) -> str | None:
    """Why the roster is refused, if it is: no level at all, or an attribute some role requires
    that nobody has (the loader's rule, restated)."""
    if all(v is None for p in people for v in p["levels"].values()):
        return "hold no level at all"
    roles = [r for a in profile["archetypes"] for r in a["roles"]]
    for attr, key in (("min_tenure_years", "tenure_years"), ("employment_types", "employment_type")):
        if any(attr in r["attributes"] for r in roles) and all(p[key] is None for p in people):
            return f"roles require {key}"
    return None


def check(profile: dict, people: list[dict], tmp: Path, reader: str, monkeypatch) -> None:
    pset = to_profile_set(profile)
    path = tmp / "roster.csv"
    write_roster(path, profile["competencies"], people)
    if reader == "fallback":
        monkeypatch.setattr(roster_module.csv, "read_csv_typed", lambda *a, **k: None)
    refused = refusal(profile, people)
    if refused:  # a roster that cannot be analysed is an error, never a silent 0%
        with pytest.raises(RosterError, match=refused):
            load_roster(path, pset)
        return
    roster = load_roster(path, pset)
    by = (
        "department" if any(p["department"] for p in people) else None
    )  # an all-blank column is refused
    result = analyze(pset, roster, by=by)
    ref = reference.analyze(profile, people)

    assert roster.people["employee_id"].tolist() == [p["employee_id"] for p in people]
    for ai, a in enumerate(profile["archetypes"]):
        want_fit = np.array([float(row[a["id"]]["fit"]) for row in ref["people"]])
        np.testing.assert_allclose(result.fit[:, ai], want_fit, rtol=0, atol=1e-6)
        assert result.ready[:, ai].tolist() == [row[a["id"]]["ready"] for row in ref["people"]]
        assert result.near[:, ai].tolist() == [row[a["id"]]["near"] for row in ref["people"]]
        # the best role, from the reference's own rule (not the engine's), as a flat role index
        first = sum(len(b["roles"]) for b in profile["archetypes"][:ai])
        want_role = [first + row[a["id"]]["best_role"] for row in ref["people"]]
        assert result.best_role[:, ai].tolist() == want_role
    ids = [a["id"] for a in profile["archetypes"]]
    want_best = [reference.best_archetype(row, ids) for row in ref["people"]]
    assert result.best_archetype.tolist() == want_best
    same_summary(result.summary, ref)
    for c in result.competencies:
        w = ref["competencies"][c.id]
        assert (c.assessed, c.not_assessed) == (w["assessed"], w["not_assessed"])
        if w["mean_level"] is None:
            assert c.mean_level is None
        else:
            assert c.mean_level == pytest.approx(float(w["mean_level"]), abs=1e-6)
        assert {ls.level: ls.meets for ls in c.levels} == w["meets"]

    # the gaps of each person to the best role of their best archetype, as text
    assert gap_strings(result).tolist() == gap_strings_plain(result)
    some = np.arange(len(people))[::2]
    assert gap_strings(result, some).tolist() == [gap_strings_plain(result)[i] for i in some]

    # --by department: each group is the same formulas over its own people (blank = "(blank)")
    if by is None:
        return
    groups = {g.value: g for g in result.groups}
    by_value: dict[str, list[dict]] = {}
    for p in people:
        by_value.setdefault(p["department"] or "(blank)", []).append(p)
    assert sorted(groups) == sorted(by_value)
    subs = reference.analyze_groups(profile, people, "department")
    for value, members in by_value.items():
        g = groups[value].summary
        assert g.staff == len(members)
        same_summary(g, subs[value])
    # the groups' targets add up to the centre's headcounts
    for ai, a in enumerate(profile["archetypes"]):
        t = a["target"]
        if t is not None and t.get("headcount") is not None:
            assert sum(g.summary.archetypes[ai].target for g in result.groups) == t["headcount"]


def same_summary(summary, ref: dict) -> None:
    """An engine summary agrees exactly with the reference: per archetype target, ready, near,
    coverage, gap; role seats (per role, and filled); the coverage index; the principles."""
    got = [(a.id, a.target, a.ready, a.near, a.gap, a.filled) for a in summary.archetypes]
    want = [(a["id"], a["target"], a["ready"], a["near"], a["gap"], a["filled"]) for a in ref["archetypes"]]
    assert got == want
    for a, w in zip(summary.archetypes, ref["archetypes"], strict=True):
        assert (a.coverage is None) == (w["coverage"] is None)
        if a.coverage is not None:
            assert Fraction(a.met, a.target) == w["coverage"]
            assert a.coverage == pytest.approx(float(w["coverage"]), abs=1e-12)
        roles = [(r.id, r.target, r.ready, r.near, r.gap) for r in a.roles]
        assert roles == [(r["id"], r["target"], r["ready"], r["near"], r["gap"]) for r in w["roles"]]
        for r, wr in zip(a.roles, w["roles"], strict=True):
            assert (r.coverage is None) == (wr["coverage"] is None)
            if r.coverage is not None:
                assert r.coverage == pytest.approx(float(wr["coverage"]), abs=1e-12)
    if ref["coverage_index"] is None:
        assert summary.coverage_index is None
    else:
        assert summary.coverage_index == pytest.approx(float(ref["coverage_index"]), abs=1e-12)
    assert [(p.id, p.carriers) for p in summary.principles] == [
        (p["id"], p["carriers"]) for p in ref["principles"]
    ]
    for p, w in zip(summary.principles, ref["principles"], strict=True):
        assert (p.share is None) == (w["share"] is None)
        if p.share is not None:
            assert Fraction(p.carriers, p.staff) == w["share"]


def gap_strings_plain(result) -> list[str]:
    """Person by person: 'comp current→required' for each requirement of the best role of the
    best archetype that the person's level does not meet, joined with '; '."""
    out = []
    comp = {c: j for j, c in enumerate(result.roster.competency_ids)}
    for p in range(len(result.fit)):
        a = int(result.best_archetype[p])
        _, role = result.roles[int(result.best_role[p, a])]
        parts = []
        for q in role.requirements:
            x = float(result.roster.levels[p, comp[q.competency]])
            if math.isnan(x) or x < q.level:
                parts.append(f"{q.competency} {'–' if math.isnan(x) else f'{x:g}'}→{q.level}")
        out.append("; ".join(parts))
    return out


@pytest.mark.parametrize("reader", ["arrow", "fallback"])
@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_engine_matches_reference(data, reader, tmp_path, monkeypatch):
    profile = data.draw(profiles())
    people = data.draw(rosters(profile["competencies"]))
    # small blocks of the scoring kernel, so that block edges fall inside the roster
    chunk = data.draw(st.sampled_from([3, 8, CHUNK]))
    with monkeypatch.context() as mp:
        mp.setattr(engine_module, "CHUNK", chunk)
        check(profile, people, tmp_path, reader, mp)


def test_reference_meaning_of_thresholds():
    """The reference reads thresholds as decimals: 9/10 meets a ready_fit of 0.9."""
    role = {"requirements": [{"competency": "c", "level": 5, "weight": 1}] * 2}
    person = {"levels": {"c": 4.5}, "tenure_years": None, "employment_type": None}
    assert reference.role_fit(person, role) == Fraction(9, 10)
    assert reference.role_ready(person, role, reference.F(0.9))
    assert math.isclose(float(reference.role_fit(person, role)), 0.9)


@pytest.mark.parametrize("levels", [[0, 1, 2, 3, 4, 5, None], [0, 1.5, 2.125, 3, None]])
def test_gap_texts_of_long_roles(tmp_path, monkeypatch, levels):
    """Roles with many requirements (the per-person number would overflow an int64), on the
    quarter grid and off it: the gap texts are still the plain person-by-person ones."""
    rng = np.random.default_rng(11)
    comps = [f"c{i}" for i in range(15)]
    reqs = [{"competency": c, "level": 1 + i % 5, "weight": 1, "critical": False} for i, c in enumerate(comps)]
    profile = {
        "competencies": comps,
        "ready_fit": 0.9,
        "near_fit": 0.7,
        "archetypes": [
            {"id": "a0", "target": {"headcount": 1}, "roles": [{"id": "a0_r0", "requirements": reqs, "attributes": {}}]},
            {"id": "a1", "target": {"headcount": 1}, "roles": [{"id": "a1_r0", "requirements": reqs[:3], "attributes": {}}]},
        ],
    }
    people = [
        {
            "employee_id": f"E{i:03d}",
            "tenure_years": None,
            "employment_type": None,
            "department": None,
            "levels": {c: levels[int(rng.integers(len(levels)))] for c in comps},
        }
        for i in range(60)
    ]
    pset = to_profile_set(profile)
    path = tmp_path / "roster.csv"
    write_roster(path, comps, people)
    result = analyze(pset, load_roster(path, pset))
    assert gap_strings(result).tolist() == gap_strings_plain(result)


def test_best_role_rule_and_its_tie_break(tmp_path):
    """The best role of an archetype, person by person, against the reference's rule: ready
    first, then attributes, then fit; equal roles: the first in profile order."""
    same = [{"competency": "c0", "level": 3, "weight": 1, "critical": False},
            {"competency": "c1", "level": 3, "weight": 1, "critical": False}]  # fmt: skip
    critical = [{"competency": "c0", "level": 5, "weight": 1, "critical": True},
                {"competency": "c1", "level": 1, "weight": 1, "critical": False}]  # fmt: skip
    easy = [{"competency": "c1", "level": 2, "weight": 1, "critical": False}]
    profile = {
        "competencies": ["c0", "c1"],
        "ready_fit": 0.9,
        "near_fit": 0.5,
        "archetypes": [
            # two identical roles: every person ties, the first must win
            {"id": "twins", "target": {"headcount": 1}, "roles": [
                {"id": "twin_a", "requirements": same, "attributes": {}},
                {"id": "twin_b", "requirements": same, "attributes": {}}]},
            # a better fit that is not ready loses to a ready role; a role whose attributes
            # fail loses to one whose attributes hold
            {"id": "mixed", "target": {"headcount": 1}, "roles": [
                {"id": "strict", "requirements": critical, "attributes": {}},
                {"id": "senior", "requirements": easy, "attributes": {"min_tenure_years": 5}},
                {"id": "plain", "requirements": easy, "attributes": {}}]},
        ],
    }  # fmt: skip
    levels = [(3, 3), (1, 1), (None, None), (4, 2), (2, 5), (5, 1)]
    people = [
        {"employee_id": f"E{i}{t}", "tenure_years": t, "employment_type": None, "department": None,
         "levels": {"c0": x0, "c1": x1}}
        for i, (x0, x1) in enumerate(levels)
        for t in (1, 9)
    ]  # fmt: skip
    pset = to_profile_set(profile)
    path = tmp_path / "roster.csv"
    write_roster(path, profile["competencies"], people)
    result = analyze(pset, load_roster(path, pset))
    ref = reference.analyze(profile, people)
    assert result.best_role[:, 0].tolist() == [0] * len(people)  # twins: always the first
    assert result.best_role[:, 1].tolist() == [2 + row["mixed"]["best_role"] for row in ref["people"]]
    assert {int(r) for r in result.best_role[:, 1]} == {2, 3, 4}  # each rule decides somewhere



@pytest.mark.parametrize("reader", ["arrow", "fallback"])
@pytest.mark.parametrize("kind", ["ready_fit", "near_fit"])
@pytest.mark.parametrize(
    "level, required, fit", [(3.6, 4, 0.9), (2.7, 3, 0.9), (0.7, 1, 0.7), (1.4, 2, 0.7), (3.5, 5, 0.7), (4.2, 5, 0.84)]
)
def test_a_decimal_level_on_the_threshold_meets_it(tmp_path, monkeypatch, reader, kind, level, required, fit):
    """Levels are kept as float32, where 3.6 is 3.5999999: 3.6 of 4 is still exactly 0.9, and
    meets a threshold of 0.9, as the reference (exact fractions of the decimals) says."""
    assert Fraction(repr(level)) / required == Fraction(repr(fit))
    thresholds = {"ready_fit": 1.0, "near_fit": fit} if kind == "near_fit" else {"ready_fit": fit, "near_fit": 0.5}
    profile = {
        "competencies": ["c0", "c1"],
        **thresholds,
        "archetypes": [
            {
                "id": "a0",
                "target": {"headcount": 1},
                "roles": [
                    {
                        "id": "a0_r0",
                        "requirements": [{"competency": "c0", "level": required, "weight": 1, "critical": False}],
                        "attributes": {},
                    }
                ],
            }
        ],
    }
    people = [
        {"employee_id": "E1", "department": "D", "tenure_years": 1, "employment_type": "internal", "levels": {"c0": level, "c1": 2}}
    ]
    with monkeypatch.context() as mp:
        check(profile, people, tmp_path, reader, mp)


@pytest.mark.parametrize("reader", ["arrow", "fallback"])
def test_equal_fits_from_decimal_levels_keep_the_first(tmp_path, monkeypatch, reader):
    """4.5 of 5 and 2.7 of 3 are both a fit of 0.9; in float32 the second comes out 4e-8 higher.
    Equal fits keep the first archetype (and the first role), as the reference says: found by
    hypothesis once decimal levels such as 2.7 were drawn."""

    def role(rid: str, comp: str, level: int) -> dict:
        return {"id": rid, "requirements": [{"competency": comp, "level": level, "weight": 1, "critical": False}], "attributes": {}}

    profile = {
        "competencies": ["c0", "c1", "c2"],
        "ready_fit": 1.0,
        "near_fit": 0.95,
        "archetypes": [
            {"id": "a0", "target": {"headcount": 1}, "roles": [role("a0_r0", "c0", 5)]},
            {"id": "a1", "target": {"headcount": 1}, "roles": [role("a1_r0", "c2", 3)]},
            {"id": "a2", "target": {"headcount": 1}, "roles": [role("a2_r0", "c0", 5), role("a2_r1", "c2", 3)]},
        ],
    }
    people = [
        {"employee_id": "E1", "department": "D", "tenure_years": 1, "employment_type": "internal",
         "levels": {"c0": 4.5, "c1": None, "c2": 2.7}},
        {"employee_id": "E2", "department": "D", "tenure_years": 1, "employment_type": "internal",
         "levels": {"c0": 1.8, "c1": 1, "c2": 1.08}},
    ]  # fmt: skip
    with monkeypatch.context() as mp:
        check(profile, people, tmp_path, reader, mp)
