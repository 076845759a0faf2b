"""Allocation-aware coverage: each person fills at most one seat."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from sscgap.engine import allocate, analyze
from sscgap.insights import compute
from sscgap.roster import load_roster

from conftest import EXAMPLE, MINI_ROSTER, run_cli


def _brute(ready: np.ndarray, fit: np.ndarray, targets: np.ndarray) -> tuple[int, float]:
    """(max seats filled, best total fit among the allocations filling that many)."""
    n, A = ready.shape
    best = (0, 0.0)
    options = [[-1, *np.flatnonzero(ready[p])] for p in range(n)]
    for combo in itertools.product(*options):
        used = np.bincount([c for c in combo if c >= 0], minlength=A)
        if (used > targets).any():
            continue
        total = float(sum(fit[p, c] for p, c in enumerate(combo) if c >= 0))
        best = max(best, (int(used.sum()), total))
    return best


def _check(ready, fit, targets, alloc):
    A = ready.shape[1]
    seat = alloc.seat
    a = alloc.assignment
    assert ((a >= 0) | ~seat).all()
    # every assignment is to an archetype the person is ready for
    assigned = np.flatnonzero(a >= 0)
    assert ready[assigned, a[assigned]].all()
    # seats per archetype never exceed the target
    used = np.bincount(a[seat], minlength=A)
    assert (used <= targets).all()
    # everyone ready for something is assigned somewhere (a seat or surplus), nobody else is
    np.testing.assert_array_equal(a >= 0, ready.any(axis=1))
    # surplus only where the archetype is full
    surplus = np.flatnonzero((a >= 0) & ~seat)
    assert (used[a[surplus]] == targets[a[surplus]]).all()


@pytest.mark.parametrize("seed", range(8))
def test_matches_brute_force_on_small_random_cases(seed):
    rng = np.random.default_rng(seed)
    compared_fit = 0
    for _ in range(60):
        n = int(rng.integers(1, 8))
        A = int(rng.integers(1, 4))
        ready = rng.random((n, A)) < rng.uniform(0.2, 0.8)
        fit = np.where(ready, 0.9 + 0.1 * rng.random((n, A)), 0.89 * rng.random((n, A)))
        targets = rng.integers(0, 4, size=A)
        alloc = allocate(ready, fit, targets)
        _check(ready, fit, targets, alloc)
        seats, best_fit = _brute(ready, fit, targets)
        assert int(alloc.seat.sum()) == seats
        # ties: higher fit. Exact when no two people share a ready set (classes of one)
        sets = [tuple(r) for r in ready if r.any()]
        if len(set(sets)) == len(sets):
            compared_fit += 1
            got = float(sum(fit[p, alloc.assignment[p]] for p in np.flatnonzero(alloc.seat)))
            assert got == pytest.approx(best_fit)
    assert compared_fit > 10


def test_people_with_one_option_go_there_first():
    # three people ready for A and B, one only for A; targets A=1, B=3: the one-option person
    # takes A so that all four seats fill (a greedy by fit would fill only three)
    ready = np.array([[1, 1], [1, 1], [1, 1], [1, 0]], dtype=bool)
    fit = np.array([[1.0, 0.9], [1.0, 0.9], [1.0, 0.9], [0.9, 0.0]])
    alloc = allocate(ready, fit, np.array([1, 3]))
    assert alloc.seat.all()
    assert alloc.assignment.tolist() == [1, 1, 1, 0]


def test_within_a_class_the_higher_fit_takes_the_seat():
    ready = np.ones((3, 1), dtype=bool)
    fit = np.array([[0.91], [0.99], [0.95]])
    alloc = allocate(ready, fit, np.array([2]))
    assert alloc.seat.tolist() == [False, True, True]
    assert alloc.assignment.tolist() == [0, 0, 0]  # the third is surplus on the same archetype


def test_many_archetypes_fall_back_to_row_classes():
    rng = np.random.default_rng(3)
    ready = rng.random((40, 70)) < 0.05
    fit = rng.random((40, 70))
    targets = rng.integers(0, 2, size=70)
    alloc = allocate(ready, fit, targets)
    _check(ready, fit, targets, alloc)


def test_empty_inputs():
    alloc = allocate(np.zeros((0, 3), dtype=bool), np.zeros((0, 3)), np.array([1, 1, 1]))
    assert alloc.classes == 0 and len(alloc.assignment) == 0
    alloc = allocate(np.zeros((4, 2), dtype=bool), np.zeros((4, 2)), np.array([1, 1]))
    assert not alloc.seat.any() and (alloc.assignment == -1).all()


def test_example_both_figures(default_profiles):
    an = analyze(default_profiles, load_roster(EXAMPLE, default_profiles), exclusive=True)
    ex = an.exclusive
    assert sum(e.ready_exclusive for e in ex.archetypes) == ex.ready_people <= an.staff
    assert ex.ready_people == int(an.ready.any(axis=1).sum())
    for e, a in zip(ex.archetypes, an.archetypes, strict=True):
        assert e.ready == a.ready and e.target == a.target
        assert e.assigned <= min(e.target, e.ready) and e.ready_exclusive <= e.ready
    assert ex.coverage_index == pytest.approx(an.summary.coverage_index)
    assert ex.coverage_index_exclusive < ex.coverage_index  # the same people were counted twice
    assert ex.multi_ready_people == int((an.ready.sum(axis=1) > 1).sum()) > 0
    # the recommendations are sized on the exclusive gaps
    gaps = {e.id: e.gap_exclusive for e in ex.archetypes}
    assert {r.archetype.id: r.gap for r in compute(an).recommendations} == {k: v for k, v in gaps.items() if v}


def test_cli_exclusive(runner):
    plain = run_cli(runner, "analyze", EXAMPLE, "--format", "json")
    data = json.loads(run_cli(runner, "analyze", EXAMPLE, "--format", "json", "--exclusive").stdout)
    assert "exclusive" not in json.loads(plain.stdout)
    ex = data["exclusive"]
    assert ex["coverage_index"] == data["summary"]["coverage_index"]
    assert ex["coverage_index_exclusive"] < ex["coverage_index"]
    assert sum(a["ready_exclusive"] for a in ex["archetypes"]) <= data["summary"]["staff"]
    assert data["recommendations_basis"] == "exclusive"
    out = run_cli(runner, "analyze", EXAMPLE, "--exclusive").stdout
    assert "each person fills at most one seat" in out and "when each person fills one seat" in out


def test_fail_under_uses_the_exclusive_index(runner):
    # the example: 74.3% by default, 59.0% when each person fills one seat
    assert run_cli(runner, "analyze", EXAMPLE, "--fail-under", "60").exit_code == 0
    result = run_cli(runner, "analyze", EXAMPLE, "--fail-under", "60", "--exclusive")
    assert result.exit_code == 1 and "59.0%" in result.stderr


def test_mini_exclusive(mini_profiles):
    # Ann (001) is ready for both analyst and manager; with one seat each she counts once
    an = analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles), exclusive=True)
    (analyst, manager) = an.exclusive.archetypes
    assert (analyst.ready, analyst.ready_exclusive, analyst.assigned) == (1, 1, 1)
    assert manager.ready == 3 and manager.assigned == 2 and manager.ready_exclusive == 2
    assert an.exclusive.allocation.assignment[0] == 0  # Ann takes the analyst seat nobody else can



def test_exclusive_build_pool_leaves_seat_holders_in_place(default_profiles):
    from conftest import ROOT

    an = analyze(default_profiles, load_roster(ROOT / "examples" / "staff_q2.csv", default_profiles), exclusive=True)
    seat = an.exclusive.allocation.seat
    recs = {r.archetype.id: r for r in compute(an).recommendations}
    for r in recs.values():
        assert not any(seat[c.person.row] for c in r.candidates)
    # where every near person fills another seat, the gap is hired (the default profiles on this
    # example leave someone free in every near pool, so the build pool is used throughout)
    for r in recs.values():
        near = an.near[:, r.archetype.index]
        if r.gap and near.any() and seat[near].all():
            assert r.reason == "buy_bench_busy" and r.seats["buy"] == r.gap
    assert recs["leader"].near > 0 and recs["leader"].reason == "build_bench"
