"""Scoring: fit, ready and near of every person for every role, and per archetype.

For a person p and a role R with requirements (c, L, w, critical), x_c = p's level (not
assessed counts as 0):

* ``fit(p,R) = sum(w * min(x_c, L) / L) / sum(w)``
* ``ready(p,R)`` = attributes ok, every critical x_c >= L, fit >= ready_fit
* ``near(p,R)`` = attributes ok, not ready, fit >= near_fit
* archetype: ready if ready for any role; near if not ready and near for any role; fit = the
  best role's.

One driver, :func:`score`, reads the level matrix in blocks of :data:`CHUNK` rows; within a
block each requirement is a few ufunc passes over one contiguous column, summed in float64 (so
e.g. 9/10 meets a 0.9 threshold exactly). The only Python loops run over blocks, roles and
requirements, never over people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..profiles import ProfileSet, Role, Thresholds
from ..roster import Roster
from ..roster.columns import codes

# fit is compared with a small tolerance so that e.g. 9/10 is not lost to rounding: levels are
# float32 (3.6 is kept as 3.5999999, and 3.6 of 4 would fall 2.4e-8 short of 0.9); a float32 level
# is within 6e-8 of its decimal relative to itself, so a fit within 1e-6 of a threshold meets it
EPS = 1e-6

# Rows per block: a block of one level column (float32) and its float64 accumulator stay in the
# CPU cache while all the requirements of a role are added up.
CHUNK = 1 << 16

# the preference among an archetype's roles for its "best role" (the role to develop towards):
# the fit, plus these where the role's attributes hold / where the person is ready
PREFER_ATTRIBUTES = 2.0
PREFER_READY = 4.0


@dataclass(frozen=True, eq=False)
class Scores:
    """The scoring of a roster against a profile set. Arrays are column-major.

    ``roles`` flattens the archetypes' roles in profile order: (archetype index, role).
    ``best_role[p, a]`` is the index into ``roles`` of person p's best role in archetype a:
    where ready, else the best fit among the roles whose attributes hold, else the best fit;
    ties: the first in profile order. ``role_fit`` is kept only when asked (:func:`score_roles`):
    a whole-roster analysis does not write it out; ``role_near`` (bool) is always kept."""

    roles: tuple[tuple[int, Role], ...]
    role_attrs_ok: np.ndarray  # bool (n, R)
    role_ready: np.ndarray  # bool (n, R)
    fit: np.ndarray  # float32 (n, A): the best role's fit
    ready: np.ndarray  # bool (n, A)
    near: np.ndarray  # bool (n, A)
    best_role: np.ndarray  # int16 (n, A)
    role_fit: np.ndarray | None = None  # float32 (n, R)
    role_near: np.ndarray | None = None  # bool (n, R)


def flat_roles(pset: ProfileSet) -> tuple[tuple[int, Role], ...]:
    """(archetype index, role) for every role, in profile order."""
    return tuple((ai, r) for ai, a in enumerate(pset.archetypes) for r in a.roles)


def _attribute_masks(roles: tuple[tuple[int, Role], ...], people: pd.DataFrame) -> list[np.ndarray | None]:
    """attributes_ok per role (None = the role has no attribute requirement), one column pass each.

    Employment types are turned into small integer codes once, so each role's test is an
    ``isin`` over integer codes rather than over strings.
    """
    n = len(people)
    tenure: np.ndarray | None = None
    et_codes: np.ndarray | None = None
    types = sorted({t for _, r in roles for t in (r.attributes.employment_types or ())})
    seen: dict[tuple, np.ndarray] = {}
    out: list[np.ndarray | None] = []
    for _, role in roles:
        a = role.attributes
        if a.empty:
            out.append(None)
            continue
        key = (a.min_tenure_years, tuple(a.employment_types or ()))
        if key not in seen:
            ok = np.ones(n, dtype=bool)
            if a.min_tenure_years is not None:
                if tenure is None:
                    tenure = people["tenure_years"].to_numpy(dtype=np.float64, na_value=np.nan)
                with np.errstate(invalid="ignore"):
                    ok &= tenure >= a.min_tenure_years  # NaN (missing) does not hold
            if a.employment_types is not None:
                if et_codes is None:  # each person's place among the types (-1: other, missing)
                    et_codes = codes(people["employment_type"], types)
                allowed = np.zeros(len(types) + 1, dtype=bool)  # the last slot: -1
                allowed[[types.index(t) for t in a.employment_types]] = True
                ok &= allowed[et_codes]
            seen[key] = ok
        out.append(seen[key])
    return out


def role_attributes(roles: tuple[tuple[int, Role], ...], roster: Roster) -> np.ndarray:
    """attributes_ok per (person, role), column-major."""
    attrs = np.ones((len(roster), len(roles)), dtype=bool, order="F")
    for r, m in enumerate(_attribute_masks(roles, roster.people)):
        if m is not None:
            attrs[:, r] = m
    return attrs


def _plans(roster: Roster, roles: tuple[tuple[int, Role], ...]) -> list[list[tuple]]:
    """Per role: (column, level, coefficient, critical) per requirement; the coefficient is
    weight / level / total weight, so that fit = sum(coef * min(level reached, level))."""
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    plans = []
    for _, role in roles:
        total = sum(q.weight for q in role.requirements)
        plans.append(
            [
                (comp_index[q.competency], np.float32(q.level), np.float64(q.weight / q.level / total), q.critical)
                for q in role.requirements
            ]
        )
    return plans


class _RoleKernel:
    """fit, ready and near of one role for a block of rows, in buffers reused from role to role."""

    def __init__(self, plans: list[list[tuple]], X: np.ndarray, attrs: np.ndarray, th: Thresholds, m: int):
        self.plans, self.X, self.attrs = plans, X, attrs
        self.ready_at, self.near_at = th.ready_fit - EPS, th.near_fit - EPS
        self.a32 = np.empty(m, dtype=np.float32)
        self.a64 = np.empty(m, dtype=np.float64)
        self.f = np.empty(m, dtype=np.float64)
        self.k = np.empty(m, dtype=bool)
        self.b = np.empty(m, dtype=bool)

    def role(self, r: int, s: int, e: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(fit in float64, ready, near) of role ``r`` for the rows s:e: views of the
        buffers, valid until the next call."""
        m = e - s
        a32, a64, f, k, b = self.a32[:m], self.a64[:m], self.f[:m], self.k[:m], self.b[:m]
        f[:] = 0.0
        k[:] = True
        for j, L, coef, critical in self.plans[r]:
            col = self.X[s:e, j]
            np.minimum(col, L, out=a32)  # not assessed (NaN) stays NaN ...
            np.fmax(a32, np.float32(0.0), out=a32)  # ... and counts as 0
            np.multiply(a32, coef, out=a64)
            f += a64
            if critical:
                np.greater_equal(col, L, out=b)  # NaN: not met
                k &= b
        att = self.attrs[s:e, r]
        k &= att  # ready: attributes, every critical requirement, and the fit
        np.greater_equal(f, self.ready_at, out=b)
        b &= k
        np.greater_equal(f, self.near_at, out=k)  # near: attributes, not ready, and the fit
        k &= att
        k &= ~b
        return f, b, k


def score(pset: ProfileSet, roster: Roster, *, keep_roles: bool = False) -> Scores:
    """Score every person for every role and reduce the roles of each archetype, block by block.

    Per archetype: fit (of the best role), ready (for any role), near (for some role, ready
    for none) and the best role (see :class:`Scores`). Per role, ``ready``, ``near`` and
    ``attributes_ok`` are always kept; ``fit`` only with ``keep_roles``.
    """
    roles = flat_roles(pset)
    n, A, R = len(roster), len(pset.archetypes), len(roles)
    attrs = role_attributes(roles, roster)
    plans = _plans(roster, roles)
    role_ready = np.empty((n, R), dtype=bool, order="F")
    role_fit = np.empty((n, R), dtype=np.float32, order="F") if keep_roles else None
    role_near = np.empty((n, R), dtype=bool, order="F")  # always: role seats count it
    fit = np.empty((n, A), dtype=np.float32, order="F")
    ready = np.empty((n, A), dtype=bool, order="F")
    near = np.empty((n, A), dtype=bool, order="F")
    best = np.empty((n, A), dtype=np.int16, order="F")
    cols_of = [[r for r, (ai, _) in enumerate(roles) if ai == a] for a in range(A)]

    for s in range(0, n, CHUNK):
        e = min(n, s + CHUNK)
        m = e - s
        kernel = _RoleKernel(plans, roster.levels, attrs, pset.thresholds, m)
        f32 = np.empty(m, dtype=np.float32)
        pref = np.empty(m, dtype=np.float64)
        best_pref = np.empty(m, dtype=np.float64)
        better = np.empty(m, dtype=bool)
        for a, cols in enumerate(cols_of):
            fa, ra, na, ba = fit[s:e, a], ready[s:e, a], near[s:e, a], best[s:e, a]
            for i, c in enumerate(cols):
                f, rdy, nr = kernel.role(c, s, e)
                role_ready[s:e, c] = rdy
                np.copyto(f32, f, casting="same_kind")  # the fit as reported (float32)
                role_near[s:e, c] = nr
                if role_fit is not None:
                    role_fit[s:e, c] = f32
                if len(cols) > 1:  # the preference among the archetype's roles
                    target = best_pref if i == 0 else pref
                    np.add(f32, attrs[s:e, c] * PREFER_ATTRIBUTES, out=target)
                    target += rdy * PREFER_READY
                if i == 0:
                    fa[:] = f32
                    ra[:] = rdy
                    na[:] = nr
                    ba[:] = c
                    continue
                np.maximum(fa, f32, out=fa)
                ra |= rdy
                na |= nr
                # strictly, by more than the tolerance: the first of equals wins (a fit from a
                # decimal level, 2.7 of 3, is 0.90000002 in float32, no more than 0.9 from 4.5 of 5)
                np.greater(pref - EPS, best_pref, out=better)
                ba[better] = c
                np.maximum(best_pref, pref, out=best_pref)
            if len(cols) > 1:
                na &= ~ra  # near for some role, ready for none
    return Scores(roles, attrs, role_ready, fit, ready, near, best, role_fit, role_near)


def score_roles(pset: ProfileSet, roster: Roster) -> Scores:
    """:func:`score`, keeping fit and near per (person, role) too (``role_fit``, ``role_near``)."""
    return score(pset, roster, keep_roles=True)


def best_archetype(fit: np.ndarray, ready: np.ndarray, near: np.ndarray) -> np.ndarray:
    """Index of each person's best-fitting archetype (int16): ready first, then near, then fit;
    ties: profile order."""
    n, A = fit.shape
    out = np.zeros(n, dtype=np.int16)
    best = np.full(n, -np.inf)
    for a in range(A):  # one contiguous column at a time
        rank = fit[:, a] + ready[:, a] * 2.0 + near[:, a] * 1.0
        out[rank - EPS > best] = a  # strictly, beyond the tolerance: the first of equals wins
        np.maximum(best, rank, out=best)
    return out
