"""Development: the proficiency levels that stand between people and a role (the one gaps
primitive of the engine).

Two measures per (person, role), both in levels of the 0-5 scale (not assessed counts as 0):

* ``to_full``: the levels to gain to meet every requirement of the role,
  ``sum(max(0, L - x))``.
* ``to_ready``: the fewest levels to gain to become ready on competencies (attribute
  requirements such as tenure cannot be developed and are reported apart). Every critical
  requirement must be met, then fit must reach ``ready_fit``. One level on requirement j adds
  ``w_j / (L_j * sum(w))`` to fit and every level costs the same, so taking levels from the
  requirements worth most per level first is optimal (a greedy that is exact here).

  Decimal levels: a step of development ends on a whole level of the scale (or the required
  level), so from 2.75 the first step costs 0.25 (to 3), the next ones 1 each. The first,
  cheaper steps break the greedy's exactness; for the people with a decimal level below a
  non-critical requirement, :func:`_exact_decimal` tries every set of such first steps (each
  followed by the greedy on whole levels), which is exact: 1.25 levels, not 1.5, when 2.75 -> 4
  on one requirement is enough.

Everything is vectorised over people: the only loops run over a role's requirements.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..profiles import Role

# the engine compares fit with this tolerance; effort uses the same one so that "ready after the
# plan" here means ready in the engine
from .scoring import EPS


@dataclass(frozen=True)
class Shortfall:
    """One requirement a person does not meet: current -> required, and whether it is on the
    shortest way to ready."""

    competency: str
    current: float | None  # None = not assessed
    required: int
    critical: bool
    weight: float
    levels_for_ready: float  # how many of the levels to gain are on the shortest way to ready

    @property
    def levels_to_gain(self) -> float:
        return self.required - (self.current or 0.0)

    @property
    def needed_for_ready(self) -> bool:
        return self.levels_for_ready > 0


def role_arrays(
    role: Role, comp_index: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    idx = np.array([comp_index[q.competency] for q in role.requirements], dtype=np.intp)
    L = np.array([q.level for q in role.requirements], dtype=np.float64)
    w = np.array([q.weight for q in role.requirements], dtype=np.float64)
    crit = np.array([q.critical for q in role.requirements], dtype=bool)
    return idx, L, w, crit


def role_effort(
    role: Role,
    X: np.ndarray,
    comp_index: dict[str, int],
    ready_fit: float,
    rows: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``(to_ready, to_full)`` for every row of the level matrix ``X`` (people x catalogue), or
    for the ``rows`` given (only the role's columns of those rows are read), in blocks of rows."""
    idx, L, w, crit = role_arrays(role, comp_index)
    rows = np.arange(len(X)) if rows is None else np.asarray(rows, dtype=np.intp)
    parts = []
    for s in range(0, max(1, len(rows)), BLOCK):
        at = rows[s : s + BLOCK]
        parts.append(effort_from_columns([X[:, j].take(at) for j in idx], L, w, crit, ready_fit, full=True))
    if len(parts) == 1:
        to_ready, to_full = parts[0]
    else:
        to_ready = np.concatenate([p[0] for p in parts])
        to_full = np.concatenate([p[1] for p in parts if p[1] is not None])
    assert to_full is not None
    return to_ready, to_full


BLOCK = 1 << 15  # rows per block: the per-requirement temporaries stay in the cache


def effort_from_columns(
    columns: list[np.ndarray],
    L: np.ndarray,
    w: np.ndarray,
    crit: np.ndarray,
    ready_fit: float,
    full: bool = False,
) -> tuple[np.ndarray, np.ndarray | None]:
    """``(to_ready, to_full)``, one level column per requirement (NaN = not assessed);
    ``to_full`` only when ``full``. Every step is a pass over one contiguous column."""
    m = len(columns[0]) if columns else 0
    W = float(w.sum())
    value = w / (L * W)  # fit gained per level, per requirement
    deficit = []
    for x, level in zip(columns, L, strict=True):
        d = np.subtract(level, x, dtype=np.float64)  # NaN (not assessed) counts as 0 ...
        np.fmin(d, level, out=d)  # ... so its deficit is the whole level
        np.maximum(d, 0.0, out=d)
        deficit.append(d)
    to_full = None
    if full:
        to_full = np.zeros(m)
        for d in deficit:
            to_full += d
    # 1. criticals are mandatory: they count in full, and are met afterwards
    crit_levels = np.zeros(m)
    fit = np.zeros(m)
    for j, d in enumerate(deficit):
        if crit[j]:
            crit_levels += d
            fit += w[j] / W
        else:  # min(x, L) / L = (L - deficit) / L
            fit += (L[j] - d) / L[j] * (w[j] / W)
    need = np.maximum(0.0, ready_fit - EPS - fit)  # fit still missing after the criticals
    # 2. non-critical levels, most valuable per level first (same order for everyone in a role);
    # whole-array operations, no masking, so it stays fast on a million rows
    extra = np.zeros(m)
    remaining = need
    take = np.empty(m)
    for j in (j for j in np.argsort(-value, kind="stable") if not crit[j]):
        d = deficit[j]
        # all of this requirement's levels, or (when that is more than needed) the whole
        # levels that close the rest, rounded up
        part = np.minimum(d, np.ceil(remaining / value[j] - 1e-9))
        np.copyto(take, np.where(d * value[j] <= remaining + 1e-12, d, part))
        take[remaining <= 1e-12] = 0.0
        extra += take
        remaining = np.maximum(0.0, remaining - take * value[j])
    # decimal levels below a non-critical requirement: the exact minimum for those rows only
    first = _first_steps(deficit, L, crit)
    if first is not None:
        rows = np.flatnonzero((need > 1e-12) & (first > 0).any(axis=0))
        if len(rows):
            sub_deficit = [d[rows] for d in deficit]
            total, _ = _exact_decimal(sub_deficit, first[:, rows], value, crit, need[rows])
            extra[rows] = total
    return crit_levels + extra, to_full


def _first_steps(deficit: list[np.ndarray], L: np.ndarray, crit: np.ndarray) -> np.ndarray | None:
    """Per non-critical requirement and row, the cost of the first step when the level is a
    decimal below the required one (2.75 -> 3: 0.25), else 0; ``None`` when there is none."""
    if not deficit:
        return None
    first = np.zeros((len(deficit), len(deficit[0])))
    for j, d in enumerate(deficit):
        if crit[j]:
            continue
        cur = L[j] - d
        frac = cur - np.floor(cur)
        step = 1.0 - frac
        first[j] = np.where((d > 1e-9) & (frac > 1e-6) & (frac < 1 - 1e-6), step, 0.0)
    return first if (first > 0).any() else None


def _exact_decimal(
    deficit: list[np.ndarray], first: np.ndarray, value: np.ndarray, crit: np.ndarray, need: np.ndarray
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The fewest levels of non-critical requirements that add ``need`` to fit, when a step ends
    on a whole level: ``(total, gains per requirement)`` per row.

    A requirement with a decimal level either stays where it is, or takes its cheaper first step
    (``first``) and then whole levels. Every set of first steps is tried (the requirements with
    a decimal level below their level are few); given the set, whole levels are taken from the
    requirements worth most per level first, which is exact because they all cost 1."""
    m = len(need)
    J = len(deficit)
    order = [j for j in np.argsort(-value, kind="stable") if not crit[j]]
    decimal = [j for j in order if (first[j] > 0).any()]
    best = np.full(m, np.inf)
    gains = [np.zeros(m) for _ in range(J)]
    for mask in range(1 << len(decimal)):
        chosen = {decimal[b] for b in range(len(decimal)) if mask >> b & 1}
        cost = np.zeros(m)
        remaining = need.copy()
        g = [np.zeros(m) for _ in range(J)]
        whole = []
        for j in order:
            f = first[j]
            has_first = f > 0
            if j in chosen:
                g[j] = np.where(has_first, f, 0.0)
                opened = np.ones(m, dtype=bool)
            else:  # not taken: a decimal level stays; a whole level opens at no cost
                opened = ~has_first
            cost += g[j]
            remaining = remaining - g[j] * value[j]
            # whole levels left above the first step
            whole.append((j, np.where(opened, np.round(deficit[j] - g[j]), 0.0)))
        for j, k in whole:
            units = np.where(remaining > 1e-12, np.minimum(k, np.ceil(remaining / value[j] - 1e-9)), 0.0)
            units = np.maximum(units, 0.0)
            g[j] = g[j] + units
            cost += units
            remaining = remaining - units * value[j]
        better = (remaining <= 1e-12) & (cost < best - 1e-9)
        if better.any():
            best = np.where(better, cost, best)
            for j in range(J):
                gains[j] = np.where(better, g[j], gains[j])
    return best, gains


def by_need(s: Shortfall) -> tuple:
    """The order of :func:`shortfalls`: critical first, then the levels on the shortest way to
    ready, then the largest, then the competency."""
    return (not s.critical, -s.levels_for_ready, -s.levels_to_gain, s.competency)


def by_size(s: Shortfall) -> tuple:
    """Critical first, then the largest, then the competency (the reports' people lists)."""
    return (not s.critical, -s.levels_to_gain, s.competency)


def shortfalls(
    role: Role, x: np.ndarray, comp_index: dict[str, int], ready_fit: float,
    order: Callable[[Shortfall], tuple] = by_need,
) -> list[Shortfall]:
    """The requirements one person (a row of levels) does not meet, sorted by ``order``
    (:func:`by_need`: critical first, then the ones on the shortest way to ready, then the
    largest; or :func:`by_size`)."""
    idx, L, w, crit = role_arrays(role, comp_index)
    sub = np.nan_to_num(x[idx].astype(np.float64), nan=0.0)
    deficit = np.maximum(0.0, L - sub)
    value = w / (L * w.sum())
    raised = np.where(crit, np.maximum(sub, L), sub)
    remaining = ready_fit - EPS - float((np.minimum(raised, L) / L) @ w / w.sum())
    for_ready = np.where(crit, deficit, 0.0)
    first = None
    if not np.array_equal(sub, np.floor(sub)):  # whole levels take no first step
        first = _first_steps([np.array([d]) for d in deficit], L, crit)
    if first is not None and remaining > 1e-12:  # a decimal level: the exact minimum
        _, gains = _exact_decimal([np.array([d]) for d in deficit], first, value, crit, np.array([remaining]))
        for j in range(len(deficit)):
            if not crit[j]:
                for_ready[j] = gains[j][0]
        remaining = 0.0
    for j in (j for j in np.argsort(-value, kind="stable") if not crit[j]):
        if remaining <= 1e-12:
            break
        if deficit[j] > 0:
            take = deficit[j] if deficit[j] * value[j] <= remaining + 1e-12 else min(
                deficit[j], math.ceil(remaining / value[j] - 1e-9)
            )
            for_ready[j] = take
            remaining -= take * value[j]
    out = []
    for j, q in enumerate(role.requirements):
        if deficit[j] <= 0:
            continue
        raw = x[idx[j]]
        out.append(
            Shortfall(
                competency=q.competency,
                current=None if np.isnan(raw) else float(raw),
                required=q.level,
                critical=q.critical,
                weight=q.weight,
                levels_for_ready=float(for_ready[j]),
            )
        )
    out.sort(key=order)
    return out


# ---------------------------------------------------------------------------------------------
# Many people at once
# ---------------------------------------------------------------------------------------------


class _Counted(Protocol):
    """What :func:`held_back` reads of an archetype's result."""

    @property
    def index(self) -> int: ...

    @property
    def near(self) -> int: ...

    @property
    def gap(self) -> int: ...


def held_back(
    roles: Sequence[tuple[int, Role]],
    X: np.ndarray,
    comp_index: dict[str, int],
    near: np.ndarray,
    best_role: np.ndarray,
    archetypes: Iterable[_Counted],
) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """The near people of the archetypes with a gap, held back by a requirement of their best
    role: ``(competency, rows lacking it, levels each lacks)`` per (archetype, role,
    requirement). Not assessed counts as 0, so it lacks the whole level."""
    for a in archetypes:
        if a.gap <= 0 or a.near == 0:
            continue
        rows = np.flatnonzero(near[:, a.index])
        br = best_role[rows, a.index]
        for r in np.unique(br):
            _, role = roles[int(r)]
            sel = rows[br == r]
            for q in role.requirements:
                x = np.nan_to_num(X[sel, comp_index[q.competency]], nan=0.0)
                lacking = x < q.level
                yield q.competency, sel[lacking], q.level - x[lacking]


@dataclass(frozen=True, eq=False)
class RequirementGaps:
    """For some people, each one's role and the requirements of it they fall short of.

    Slot k is the role's k-th requirement (roles shorter than the longest have empty slots).
    ``level[i, k]`` is person i's level there (NaN = not assessed) and ``short[i, k]`` whether it
    falls short of the level asked (not assessed falls short)."""

    role: np.ndarray  # intp (m,): index into the flattened roles
    level: np.ndarray  # float32 (m, slots)
    short: np.ndarray  # bool (m, slots)


def requirement_gaps(
    roles: Sequence[tuple[int, Role]], X: np.ndarray, comp_index: dict[str, int], rows: np.ndarray, role: np.ndarray
) -> RequirementGaps:
    """:class:`RequirementGaps` of the people ``rows`` towards the roles ``role`` (one per row)."""
    rows = np.asarray(rows, dtype=np.intp)
    role = np.asarray(role, dtype=np.intp)
    m = len(rows)
    slots = max((len(r.requirements) for _, r in roles), default=0)
    column = np.zeros((len(roles), slots), dtype=np.intp)
    asked = np.zeros((len(roles), slots), dtype=np.float32)  # 0: no such slot
    for r, (_, rl) in enumerate(roles):
        for k, q in enumerate(rl.requirements):
            column[r, k] = comp_index[q.competency]
            asked[r, k] = q.level
    level = np.empty((m, slots), dtype=np.float32)
    short = np.empty((m, slots), dtype=bool)
    for k in range(slots):
        x = X[rows, column[role, k]] if m else np.zeros(0, dtype=np.float32)
        want = asked[role, k]
        level[:, k] = x
        short[:, k] = (want > 0) & ~(x >= want)
    return RequirementGaps(role, level, short)
