"""The allocation's min-cost flow (numpy) gives the integer programme's optimum (scipy/HiGHS).

The flow answers the default analysis without importing scipy (half a second); the integer
programme stays for very large problems. Both stages are compared: the seats filled, and the
total class-mean fit among the allocations that fill that many.
"""

from __future__ import annotations

import numpy as np
import pytest

from sscgap.engine.allocation import _solve_flow, _solve_milp

from conftest import examples

PROBLEMS = examples(400)  # random problems per seed: 400 under the ci profile, 100 by default


def _feasible(x, sets, sizes, targets):
    allowed = sets & (targets[None, :] > 0)
    return (x >= 0).all() and (x.sum(1) <= sizes).all() and (x.sum(0) <= targets).all() and (
        x[~allowed] == 0
    ).all()


@pytest.mark.parametrize("seed", range(4))
def test_flow_matches_the_integer_programme(seed):
    rng = np.random.default_rng(seed)
    identical = 0
    for _ in range(PROBLEMS):
        C, A = int(rng.integers(1, 12)), int(rng.integers(1, 6))
        sets = rng.random((C, A)) < rng.uniform(0.2, 0.9)
        sizes = rng.integers(1, 7, C)
        targets = rng.integers(0, 9, A)
        mean_fit = np.round(rng.random((C, A)), int(rng.integers(1, 4)))  # some ties
        flow = _solve_flow(sets, sizes, mean_fit, targets)
        milp = _solve_milp(sets, sizes, mean_fit, targets)
        assert _feasible(flow, sets, sizes, targets)
        assert flow.sum() == milp.sum()  # stage 1: the most seats
        assert (flow * mean_fit).sum() == pytest.approx((milp * mean_fit).sum(), abs=1e-9)
        identical += bool((flow == milp).all())
    assert identical > 0.75 * PROBLEMS  # where the optimum is unique the two agree cell by cell


def test_flow_on_large_classes():
    rng = np.random.default_rng(9)
    C, A = 300, 10
    sets = rng.random((C, A)) < 0.4
    sizes = rng.integers(1, 5000, C)
    targets = rng.integers(0, sizes.sum() // A, A)
    mean_fit = 0.7 + 0.3 * rng.random((C, A))
    flow = _solve_flow(sets, sizes, mean_fit, targets)
    milp = _solve_milp(sets, sizes, mean_fit, targets)
    assert _feasible(flow, sets, sizes, targets)
    assert flow.sum() == milp.sum()
    assert (flow * mean_fit).sum() == pytest.approx((milp * mean_fit).sum(), rel=1e-12)



def test_without_scipy_large_problems_ask_for_the_extra(monkeypatch):
    """scipy is an optional extra: below FLOW_LIMIT the flow needs none; above it, without
    scipy, the error says what to install."""
    from sscgap.engine import allocation
    from sscgap.errors import UsageError

    rng = np.random.default_rng(3)
    C, A = 40, 6
    sets = rng.random((C, A)) < 0.5
    sizes = rng.integers(1, 50, C)
    targets = rng.integers(0, 200, A)
    mean_fit = rng.random((C, A))
    monkeypatch.setattr(allocation, "_has_scipy", lambda: False)
    x = allocation._solve(sets, sizes, mean_fit, targets)
    assert (x == _solve_flow(sets, sizes, mean_fit, targets)).all()
    monkeypatch.setattr(allocation, "FLOW_LIMIT", 0)
    with pytest.raises(UsageError, match=r"sscgap\[scipy\]"):
        allocation._solve(sets, sizes, mean_fit, targets)
