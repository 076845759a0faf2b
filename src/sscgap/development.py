"""Development effort: the proficiency levels that stand between people and a role.

Two measures per (person, role), both in levels of the 0-5 scale (not assessed counts as 0):

* ``to_full``: the levels to gain to meet every requirement of the role,
  ``sum(max(0, L - x))``.
* ``to_ready``: the fewest levels to gain to become ready on competencies (attribute
  requirements such as tenure cannot be developed and are reported apart). Every critical
  requirement must be met, then fit must reach ``ready_fit``. One level on requirement j adds
  ``w_j / (L_j * sum(w))`` to fit and every level costs the same, so taking levels from the
  requirements worth most per level first is optimal (a greedy that is exact here).

Everything is vectorised over people: the only loops run over a role's requirements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# the engine compares fit with this tolerance; effort uses the same one so that "ready after the
# plan" here means ready in the engine
from .engine import EPS
from .profiles import Role


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


def role_arrays(role: Role, comp_index: dict[str, int]):
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
    for the ``rows`` given (only the role's columns of those rows are read). Large inputs are
    worked in blocks of rows on all cores."""
    from .parallel import map_threads

    idx, L, w, crit = role_arrays(role, comp_index)
    rows = np.arange(len(X)) if rows is None else np.asarray(rows, dtype=np.intp)

    def part(s: int) -> tuple[np.ndarray, np.ndarray]:
        at = rows[s : s + BLOCK]
        return effort_from_columns([X[:, j].take(at) for j in idx], L, w, crit, ready_fit, full=True)

    if len(rows) <= BLOCK:
        return part(0)
    parts = map_threads(part, range(0, len(rows), BLOCK))
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


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
    return crit_levels + extra, to_full


def shortfalls(role: Role, x: np.ndarray, comp_index: dict[str, int], ready_fit: float) -> list[Shortfall]:
    """The requirements one person (a row of levels) does not meet, critical first, then the
    ones on the shortest way to ready, then the largest."""
    idx, L, w, crit = role_arrays(role, comp_index)
    sub = np.nan_to_num(x[idx].astype(np.float64), nan=0.0)
    deficit = np.maximum(0.0, L - sub)
    value = w / (L * w.sum())
    raised = np.where(crit, np.maximum(sub, L), sub)
    remaining = ready_fit - EPS - float((np.minimum(raised, L) / L) @ w / w.sum())
    for_ready = np.where(crit, deficit, 0.0)
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
    out.sort(key=lambda s: (not s.critical, -s.levels_for_ready, -s.levels_to_gain, s.competency))
    return out
