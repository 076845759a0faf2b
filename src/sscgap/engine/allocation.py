"""Allocation-aware coverage: each person fills at most one seat.

By default a person counts for every archetype they are ready for, which overstates coverage
when the same few people are ready for many. Here each person is assigned to at most one
archetype so that the number of seats filled (``sum min(assigned, target)``) is as large as
possible.

It stays small at any roster size: people ready for the same set of archetypes are
interchangeable for the seat count, so the problem is a transportation problem between at most
``2^A`` classes (A archetypes; 1,023 with the ten defaults) and the archetypes with a target:

* stage 1: maximise the seats filled, ``x[c, a]`` people of class c on archetype a, with
  ``sum_a x[c, a] <= size(c)`` and ``sum_c x[c, a] <= target(a)``; the constraint matrix is
  totally unimodular;
* stage 2 (ties: higher fit): among the allocations filling that many seats, maximise
  ``sum x[c, a] * mean fit of class c for a``;
* both stages at once as a min-cost max-flow (successive shortest paths, in numpy), exact; very
  large problems (more than :data:`FLOW_LIMIT` class-archetype pairs) as an integer programme
  (scipy / HiGHS), which is the optional extra ``pip install 'sscgap[scipy]'``: with ten
  archetypes or fewer there are at most 1,023 classes and the flow always answers;
* within a class, each archetype takes, in profile order, the people with the largest fit
  advantage for it over the class's other archetypes still to be served (ties: higher fit).
  This within-class choice is a documented tie-break: the seat count is exact, the fit total
  is optimal at class level.

People ready for something but not needed for any seat (every archetype they are ready for is
full) count for the archetype they fit best, as surplus: ``ready_exclusive = assigned +
surplus``, and the sum over archetypes equals the people ready for at least one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..errors import UsageError

if TYPE_CHECKING:  # the coverage module counts role seats with this module's flow
    from .coverage import Summary


@dataclass(frozen=True)
class ExclusiveArchetype:
    id: str
    index: int
    target: int
    ready: int  # the default count: everyone ready for the archetype
    assigned: int  # seats filled by the allocation (<= target)
    surplus: int  # ready people assigned here beyond the target
    # with role seats: the seats filled without the allocation (a maximum matching within the
    # archetype), and the seats the allocation filled per role: (role id, target, assigned)
    filled: int | None = None
    roles: tuple[tuple[str, int, int], ...] = ()

    @property
    def ready_exclusive(self) -> int:
        return self.assigned + self.surplus

    @property
    def coverage(self) -> float | None:
        met = self.filled if self.filled is not None else self.ready
        return met / self.target if self.target > 0 else None

    @property
    def coverage_exclusive(self) -> float | None:
        # role seats: a surplus person is ready only for full roles, so only seats count
        met = self.assigned if self.filled is not None else self.ready_exclusive
        return met / self.target if self.target > 0 else None

    @property
    def gap_exclusive(self) -> int:
        return max(0, self.target - self.assigned)


@dataclass(frozen=True, eq=False)
class Allocation:
    """The raw allocation: ``assignment[p]`` = archetype index or -1, ``seat[p]`` = fills a seat."""

    assignment: np.ndarray  # int16 (n,)
    seat: np.ndarray  # bool (n,)
    classes: int  # distinct non-empty ready sets


@dataclass(frozen=True, eq=False)
class Exclusive:
    archetypes: tuple[ExclusiveArchetype, ...]
    allocation: Allocation
    staff: int
    ready_people: int  # people ready for at least one archetype
    multi_ready_people: int  # people ready for two or more

    @property
    def classes(self) -> int:
        return self.allocation.classes

    @property
    def seats_total(self) -> int:
        return sum(a.target for a in self.archetypes if a.target > 0)

    @property
    def seats_filled(self) -> int:
        return sum(a.assigned for a in self.archetypes)

    @staticmethod
    def _index(values: list[float | None]) -> float | None:
        scored = [min(1.0, v) for v in values if v is not None]
        return sum(scored) / len(scored) if scored else None

    @property
    def coverage_index(self) -> float | None:
        return self._index([a.coverage for a in self.archetypes])

    @property
    def coverage_index_exclusive(self) -> float | None:
        return self._index([a.coverage_exclusive for a in self.archetypes])

    def gaps(self) -> dict[str, int]:
        return {a.id: a.gap_exclusive for a in self.archetypes}


# ---------------------------------------------------------------------------------------------
# The allocation
# ---------------------------------------------------------------------------------------------


def class_codes(ready: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(unique ready sets as bool rows, class of every person)."""
    A = ready.shape[1]
    if A <= 20:  # few archetypes: count the 2^A possible sets (no sort of a million codes)
        codes = np.zeros(len(ready), dtype=np.int64)
        for a in range(A):
            codes |= ready[:, a].astype(np.int64) << a
        present = np.bincount(codes, minlength=1 << A) > 0
        uniq = np.flatnonzero(present).astype(np.int64)
        lookup = np.cumsum(present) - 1
        inverse = lookup[codes]
        sets = ((uniq[:, None] >> np.arange(A, dtype=np.int64)) & 1).astype(bool)
        return sets, inverse
    if A <= 62:
        codes = ready.astype(np.int64) @ (np.int64(1) << np.arange(A, dtype=np.int64))
        uniq, inverse = np.unique(codes, return_inverse=True)
        sets = ((uniq[:, None] >> np.arange(A, dtype=np.int64)) & 1).astype(bool)
        return sets, inverse.reshape(-1)
    sets, inverse = np.unique(ready, axis=0, return_inverse=True)
    return sets, inverse.reshape(-1)


# Above this many (class, archetype) pairs the allocation goes to scipy's HiGHS (sparse), when
# installed; below, the flow in numpy is exact and needs no scipy import (half a second). With up
# to ten archetypes there are at most 1,023 classes: always the flow.
FLOW_LIMIT = 200_000


def _has_scipy() -> bool:
    from importlib.util import find_spec

    return find_spec("scipy") is not None


def _solve(sets: np.ndarray, sizes: np.ndarray, mean_fit: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """x[c, a]: how many of class c take archetype a: the most seats, then the highest total
    (class mean) fit among the allocations filling that many."""
    if sets.size <= FLOW_LIMIT:
        return solve_flow(sets, sizes, mean_fit, targets)
    if not _has_scipy():
        # the flow is exact at any size but slow here (e.g. 100,000 classes with 20 archetypes
        # on a million people): say what to install rather than run for a long time
        raise UsageError(
            f"--exclusive: {len(sets):,} distinct sets of ready archetypes are too many for the "
            "built-in solver; install the solver for large allocations: pip install 'sscgap[scipy]'"
        )
    return _solve_milp(sets, sizes, mean_fit, targets)


def solve_flow(
    sets: np.ndarray, sizes: np.ndarray, mean_fit: np.ndarray, targets: np.ndarray
) -> np.ndarray:
    """The allocation as a min-cost max-flow, by successive shortest paths.

    Source -> class c (capacity: its size) -> archetype a (where the class may take it; cost:
    minus the class's mean fit for a) -> sink (capacity: the target). Augmenting along a
    cheapest path each time gives, once no path is left, the largest flow (the most seats) of
    the least cost (the highest total fit); capacities are integers, so is the flow. A shortest
    path visits each archetype at most once, so the Bellman-Ford rounds (forward edges class ->
    archetype, backward edges along the flow) are few, each a whole-matrix numpy step.
    """
    C, A = sets.shape
    sizes = np.asarray(sizes, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    allowed = sets & (targets[None, :] > 0)
    x = np.zeros((C, A), dtype=np.int64)
    if not allowed.any():
        return x
    cost = np.where(allowed, -np.asarray(mean_fit, dtype=np.float64), np.inf)
    out_c = np.zeros(C, dtype=np.int64)  # flow source -> class
    in_a = np.zeros(A, dtype=np.int64)  # flow archetype -> sink
    rows, cols = np.arange(C), np.arange(A)
    eps = 1e-12
    while True:
        dist_c = np.where(out_c < sizes, 0.0, np.inf)
        from_a = np.full(C, -1, dtype=np.int64)  # class reached from this archetype (-1: source)
        dist_a = np.full(A, np.inf)
        from_c = np.full(A, -1, dtype=np.int64)  # archetype reached from this class
        for _ in range(C + A + 2):
            forward = dist_c[:, None] + cost
            j = forward.argmin(axis=0)
            d = forward[j, cols]
            better = d < dist_a - eps
            changed = bool(better.any())
            dist_a = np.where(better, d, dist_a)
            from_c = np.where(better, j, from_c)
            with np.errstate(invalid="ignore"):
                backward = np.where(x > 0, dist_a[None, :] - cost, np.inf)
            i = backward.argmin(axis=1)
            d = backward[rows, i]
            better = d < dist_c - eps
            if better.any():
                changed = True
                dist_c = np.where(better, d, dist_c)
                from_a = np.where(better, i, from_a)
            if not changed:
                break
        end = np.where(in_a < targets, dist_a, np.inf)
        a = int(end.argmin())
        if not np.isfinite(end[a]):
            return x
        # back along the path: a <- c <- a' <- c' ... <- source; the flow is its bottleneck
        path: list[tuple[int, int, int]] = []  # (class, archetype, +1 forward / -1 backward)
        flow = int(targets[a] - in_a[a])
        b = a
        while True:
            c = int(from_c[b])
            path.append((c, b, 1))
            prev = int(from_a[c])
            if prev < 0:
                start = c
                flow = min(flow, int(sizes[start] - out_c[start]))
                break
            path.append((c, prev, -1))
            flow = min(flow, int(x[c, prev]))
            b = prev
        for c, b, sign in path:
            x[c, b] += sign * flow
        out_c[start] += flow
        in_a[a] += flow


def _solve_milp(
    sets: np.ndarray, sizes: np.ndarray, mean_fit: np.ndarray, targets: np.ndarray
) -> np.ndarray:
    """The same allocation as a two-stage exact integer programme (scipy / HiGHS, sparse)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    C, A = sets.shape
    allowed = sets & (targets[None, :] > 0)
    cs, as_ = np.nonzero(allowed)
    x = np.zeros((C, A), dtype=np.int64)
    if len(cs) == 0:
        return x
    k = len(cs)
    var = np.arange(k)
    rows = np.concatenate([cs, C + as_])
    cols = np.concatenate([var, var])
    M = coo_matrix((np.ones(2 * k), (rows, cols)), shape=(C + A, k)).tocsr()
    ub = np.concatenate([sizes, targets]).astype(np.float64)
    cap = LinearConstraint(M, -np.inf, ub)
    bounds = Bounds(np.zeros(k), np.minimum(sizes[cs], targets[as_]).astype(np.float64))
    opts = {"mip_rel_gap": 0.0, "presolve": True}
    first = milp(-np.ones(k), constraints=[cap], bounds=bounds, integrality=np.ones(k), options=opts)
    if not first.success:  # pragma: no cover - a feasible bounded problem always solves
        raise RuntimeError(f"allocation failed: {first.message}")
    seats = round(-first.fun)
    total = LinearConstraint(np.ones((1, k)), seats, seats)
    second = milp(
        -mean_fit[cs, as_].astype(np.float64),
        constraints=[cap, total],
        bounds=bounds,
        integrality=np.ones(k),
        options={"mip_rel_gap": 1e-9, "presolve": True},
    )
    sol = second.x if second.success else first.x
    x[cs, as_] = np.rint(sol).astype(np.int64)
    return x


def allocate(ready: np.ndarray, fit: np.ndarray, targets: np.ndarray) -> Allocation:
    """Assign each person to at most one archetype they are ready for, filling as many seats
    (``targets[a]`` per archetype) as possible; ties: higher fit. See the module docstring."""
    ready = np.asarray(ready, dtype=bool)
    n, A = ready.shape
    targets = np.asarray(targets, dtype=np.int64)
    assignment = np.full(n, -1, dtype=np.int16)
    seat = np.zeros(n, dtype=bool)
    if n == 0 or A == 0:
        return Allocation(assignment, seat, 0)
    sets, inverse = class_codes(ready)
    C = len(sets)
    sizes = np.bincount(inverse, minlength=C)
    fit64 = np.asarray(fit, dtype=np.float64)
    mean_fit = np.zeros((C, A))
    for a in range(A):
        mean_fit[:, a] = np.bincount(inverse, weights=fit64[:, a], minlength=C) / np.maximum(sizes, 1)
    x = _solve(sets, sizes, mean_fit, targets)
    # within each class: who takes which seat
    # members of each class, in roster order (small integer keys: a linear-time stable sort)
    order = np.argsort(inverse.astype(np.int16) if C < 2**15 else inverse, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    for c in np.flatnonzero(x.sum(axis=1) > 0).tolist():
        members = order[bounds[c] : bounds[c + 1]]
        quota = x[c].copy()
        free = np.ones(len(members), dtype=bool)
        for a in np.flatnonzero(quota > 0).tolist():
            others = [b for b in np.flatnonzero(quota > 0) if b != a]
            f = fit64[members, a]
            adv = f - (fit64[members][:, others].max(axis=1) if others else 0.0)
            cand = np.flatnonzero(free)
            q = int(quota[a])
            if q < len(cand):  # the best q: sort only those that can be among them
                key = -adv[cand]
                cand = cand[key <= np.partition(key, q - 1)[q - 1]]
                cand = cand[np.lexsort((members[cand], -f[cand], -adv[cand]))[:q]]
            pick = cand
            assignment[members[pick]] = a
            seat[members[pick]] = True
            free[pick] = False
            quota[a] = 0
    # surplus: ready but no seat left for them -> their best-fitting ready archetype
    spare = np.flatnonzero(~seat & ready.any(axis=1))
    if len(spare):
        masked = np.where(ready[spare], fit64[spare], -np.inf)
        assignment[spare] = masked.argmax(axis=1)
    return Allocation(assignment, seat, int((sets.any(axis=1)).sum()))


def exclusive(
    summary: Summary, ready: np.ndarray, fit: np.ndarray, role_ready: np.ndarray | None = None
) -> Exclusive:
    """The allocation-aware figures of an analysis (its summary and the (people x archetypes)
    ``ready`` and ``fit``), beside the default ones. An archetype whose target sits on its roles
    offers one column of seats per role (people ready for that role, ``role_ready`` (people x
    flattened roles)); the others one column of seats; people are allocated across all columns."""
    A = len(summary.archetypes)
    owner: list[int] = []  # the archetype of every column
    role_of: list[int] = []  # the role seats of the column (index into its archetype's roles), -1
    cols_ready: list[np.ndarray] = []
    cols_fit: list[np.ndarray] = []
    col_targets: list[int] = []
    for a in summary.archetypes:
        if a.seated and role_ready is not None:
            for k, rs in enumerate(a.roles):
                owner.append(a.index)
                role_of.append(k)
                cols_ready.append(role_ready[:, rs.index])
                cols_fit.append(fit[:, a.index])
                col_targets.append(rs.target)
        else:
            owner.append(a.index)
            role_of.append(-1)
            cols_ready.append(ready[:, a.index])
            cols_fit.append(fit[:, a.index])
            col_targets.append(a.target)
    n = len(ready)
    if cols_ready:
        R = np.column_stack(cols_ready)
        Fm = np.column_stack(cols_fit)
    else:
        R, Fm = np.zeros((n, 0), dtype=bool), np.zeros((n, 0), dtype=np.float32)
    col_alloc = allocate(R, Fm, np.array(col_targets, dtype=np.int64))
    own = np.array([*owner, -1], dtype=np.int16)  # -1 -> -1
    alloc = Allocation(own[col_alloc.assignment], col_alloc.seat, col_alloc.classes)
    K = len(owner)
    valid = alloc.assignment >= 0
    assigned = np.bincount(alloc.assignment[alloc.seat], minlength=A) if A else np.zeros(0, int)
    total = np.bincount(alloc.assignment[valid], minlength=A) if A else np.zeros(0, int)
    col_assigned = np.bincount(col_alloc.assignment[col_alloc.seat], minlength=K) if K else np.zeros(0, int)
    per_person = ready.sum(axis=1)
    return Exclusive(
        archetypes=tuple(
            ExclusiveArchetype(
                id=a.id,
                index=a.index,
                target=a.target,
                ready=a.ready,
                assigned=int(assigned[a.index]),
                surplus=int(total[a.index] - assigned[a.index]),
                filled=a.filled,
                roles=tuple(
                    (a.roles[role_of[c]].id, a.roles[role_of[c]].target, int(col_assigned[c]))
                    for c in range(K)
                    if owner[c] == a.index and role_of[c] >= 0
                ),
            )
            for a in summary.archetypes
        ),
        allocation=alloc,
        staff=summary.staff,
        ready_people=int((per_person > 0).sum()),
        multi_ready_people=int((per_person > 1).sum()),
    )


# the former private names
_class_codes = class_codes
_solve_flow = solve_flow
