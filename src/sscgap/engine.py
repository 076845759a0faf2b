"""Engine: the brief's formulas over whole columns. No I/O, no printing.

For a person p and a role R with requirements (c, L, w, critical), x_c = p's level (not assessed
counts as 0):

* ``fit(p,R) = sum(w * min(x_c, L) / L) / sum(w)``
* ``ready(p,R)`` = attributes ok, every critical x_c >= L, fit >= ready_fit
* ``near(p,R)`` = attributes ok, not ready, fit >= near_fit
* archetype: ready if ready for any role; near if not ready and near for any role; fit = best role
* ``target(A)`` = headcount or ceil(N / per_staff); ``coverage = ready / target``;
  ``gap = max(0, target - ready)``; ``coverage_index`` = mean of min(1, coverage) over
  archetypes with a target > 0.

Everything is computed with numpy on the (people x competencies) level matrix: the only Python
loops run over roles, requirements, archetypes and competencies, never over people.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .errors import UsageError
from .parallel import map_threads, run_blocks
from .profiles import Archetype, ProfileSet, Role, Thresholds, suggest
from .roster import Roster

# fit is compared with a small tolerance so that e.g. 9/10 is not lost to float rounding
EPS = 1e-9
STATUSES = ("covered", "thin", "missing", "no_target")


# ---------------------------------------------------------------------------------------------
# Result objects
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArchetypeResult:
    id: str
    index: int
    target: int
    ready: int
    near: int

    @property
    def coverage(self) -> float | None:
        return self.ready / self.target if self.target > 0 else None

    @property
    def gap(self) -> int:
        return max(0, self.target - self.ready)

    @property
    def status(self) -> str:
        if self.target <= 0:
            return "no_target"
        if self.ready >= self.target:
            return "covered"
        return "thin" if self.ready > 0 else "missing"

    @property
    def depth(self) -> float | None:
        """Bench depth: (ready + near) per target seat."""
        return (self.ready + self.near) / self.target if self.target > 0 else None


@dataclass(frozen=True)
class Summary:
    staff: int
    archetypes: tuple[ArchetypeResult, ...]
    ready_people: int = 0  # people ready for at least one archetype
    near_people: int = 0  # people near (and ready for none) for at least one archetype

    @property
    def coverage_index(self) -> float | None:
        scored = [min(1.0, a.coverage) for a in self.archetypes if a.coverage is not None]
        return sum(scored) / len(scored) if scored else None

    def count(self, status: str) -> int:
        return sum(1 for a in self.archetypes if a.status == status)

    @property
    def total_gap(self) -> int:
        return sum(a.gap for a in self.archetypes)


@dataclass(frozen=True)
class LevelSupply:
    level: int
    meets: int  # people with x_c >= level
    demand: int  # seats whose role asks this level: ceil(target x roles asking / roles), summed
    required_by: tuple[str, ...]  # role ids

    @property
    def shortfall(self) -> int:
        return max(0, self.demand - self.meets)


@dataclass(frozen=True)
class CompetencyResult:
    id: str
    index: int
    category: str
    assessed: int
    not_assessed: int
    mean_level: float | None  # mean over assessed people
    levels: tuple[LevelSupply, ...]  # one per level some role asks for, ascending
    blocking: int  # near people (archetypes with a gap) held back by this competency

    @property
    def shortfall(self) -> int:
        return max((ls.shortfall for ls in self.levels), default=0)

    @property
    def required(self) -> bool:
        return bool(self.levels)


@dataclass(frozen=True)
class GroupResult:
    column: str
    value: str
    summary: Summary


@dataclass(frozen=True)
class Gap:
    """A competency between a person and a role: current -> required."""

    competency: str
    current: float | None  # None = not assessed
    required: int
    critical: bool

    @property
    def levels_to_gain(self) -> float:
        return self.required - (self.current or 0.0)


@dataclass
class Analysis:
    """Everything the renderers need. Arrays are (people x archetypes) or (people x roles)."""

    profiles: ProfileSet
    roster: Roster
    thresholds: Thresholds
    summary: Summary
    competencies: list[CompetencyResult]
    roles: list[tuple[int, Role]]  # (archetype index, role), flattened in profile order
    role_ready: np.ndarray  # bool (n, R)
    role_attrs_ok: np.ndarray  # bool (n, R)
    fit: np.ndarray  # float32 (n, A)
    ready: np.ndarray  # bool (n, A)
    near: np.ndarray  # bool (n, A)
    best_role: np.ndarray  # int16 (n, A): index into ``roles`` of each archetype's best role
    by: str | None = None
    groups: list[GroupResult] = field(default_factory=list)
    exclusive: Any = None  # sscgap.exclusive.Exclusive when analysed with exclusive=True

    @property
    def role_fit(self) -> np.ndarray:
        """float32 (n, R): fit per (person, role). Not kept by :func:`analyze` (it reduces the
        roles per archetype as it scores): computed again on first use."""
        return self._per_role[0]

    @property
    def role_near(self) -> np.ndarray:
        """bool (n, R): near per (person, role); computed again on first use, as ``role_fit``."""
        return self._per_role[1]

    @cached_property
    def _per_role(self) -> tuple[np.ndarray, np.ndarray]:
        _, fit, _, near, _ = score_roles(self.profiles, self.roster)
        return fit, near

    @property
    def archetypes(self) -> tuple[ArchetypeResult, ...]:
        return self.summary.archetypes

    @property
    def staff(self) -> int:
        return self.summary.staff

    def archetype_def(self, a: ArchetypeResult | int) -> Archetype:
        return self.profiles.archetypes[a if isinstance(a, int) else a.index]

    @cached_property
    def best_archetype(self) -> np.ndarray:
        """Index of each person's best-fitting archetype (ready first, then fit; ties: profile order)."""
        n = len(self.fit)
        out = np.zeros(n, dtype=np.int16)
        if self.fit.shape[1] == 0:
            return out

        def block(s: int, e: int) -> None:
            score = self.fit[s:e].astype(np.float64) + self.ready[s:e] * 2.0 + self.near[s:e] * 1.0
            out[s:e] = score.argmax(axis=1)

        _run_blocks(n, block)
        return out

    @cached_property
    def best_fit(self) -> np.ndarray:
        if self.fit.shape[1] == 0:
            return np.zeros(len(self.fit), dtype=np.float32)
        return np.take_along_axis(self.fit, self.best_archetype[:, None].astype(np.intp), axis=1)[:, 0]

    @cached_property
    def insights(self) -> Any:
        """Bench, key-person risk, category roll-up and build/buy/borrow recommendations
        (:class:`sscgap.insights.Insights`); sized on the exclusive gaps when allocated.
        Waits for the computation :meth:`start_insights` started, if any."""
        started = self.__dict__.pop("_insights_started", None)
        if started is not None:
            return started.result()
        return self._compute_insights()

    def _insight_gaps(self) -> tuple[dict[str, int] | None, np.ndarray | None]:
        """The gaps and the people kept out of the build pool: the exclusive allocation's, if any."""
        if self.exclusive is None:
            return None, None
        return self.exclusive.gaps(), self.exclusive.allocation.seat

    def _compute_insights(self) -> Any:
        from .insights import compute

        return compute(self, *self._insight_gaps())

    def start_insights(self) -> None:
        """Start computing :attr:`insights` on worker threads, so that a renderer can lay out
        the sections that do not need them meanwhile (the computation is numpy work that
        releases the GIL). The recommendations, the longest part, get a worker of their own:
        :attr:`insights` is there as soon as the bench, risks and categories are, and its
        ``recommendations`` wait for the rest. The people lists are ranked first, here, so the
        renderer and the workers do not both rank them."""
        if "insights" in self.__dict__ or "_insights_started" in self.__dict__:
            return
        from concurrent.futures import ThreadPoolExecutor

        from .insights import compute, recommend

        self.rank_people(PEOPLE_LIST_MIN)
        gaps, exclude = self._insight_gaps()
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sscgap-insights")
        recs = pool.submit(recommend, self, gaps, exclude)
        self.__dict__["_insights_started"] = pool.submit(compute, self, gaps, exclude, recs)
        pool.shutdown(wait=False)

    def people_for(self, archetype: int, kind: str, limit: int | None = None) -> np.ndarray:
        """Row indices of the people ready / near for an archetype, best fit first (ties in
        roster order); only the first ``limit`` when given, found without sorting everyone.
        The full count is ``count_for``."""
        # reports and insights ask for the same lists with different lengths: keep the longest
        # asked so far per (archetype, kind), and answer shorter ones from its head
        cache = self.__dict__.setdefault("_people_for_cache", {})
        have = cache.get((archetype, kind))
        if have is None or not (have[0] is None or (limit is not None and limit <= have[0])):
            # a short list costs as much as a few dozen: rank that many, for the next asker
            want = None if limit is None else max(limit, PEOPLE_LIST_MIN)
            mask = (self.ready if kind == "ready" else self.near)[:, archetype]
            have = cache[(archetype, kind)] = (want, _rank(mask, self.fit[:, archetype], want))
        return have[1][:limit].copy()

    def rank_people(self, limit: int | None) -> None:
        """Rank the ready and near people of every archetype (:meth:`people_for`) at once, the
        lists side by side on all cores; reports ask for all of them."""
        cache = self.__dict__.setdefault("_people_for_cache", {})
        want = None if limit is None else max(limit, PEOPLE_LIST_MIN)
        todo = [
            (a, kind)
            for a in range(self.fit.shape[1])
            for kind in ("ready", "near")
            if not ((have := cache.get((a, kind))) and (have[0] is None or (want is not None and want <= have[0])))
        ]

        def rank(job: tuple[int, str]) -> np.ndarray:
            a, kind = job
            return _rank((self.ready if kind == "ready" else self.near)[:, a], self.fit[:, a], want)

        for job, rows in zip(todo, map_threads(rank, todo), strict=True):
            cache[job] = (want, rows)

    def count_for(self, archetype: int, kind: str) -> int:
        """How many people are ready / near for an archetype."""
        a = self.summary.archetypes[archetype]
        return a.ready if kind == "ready" else a.near

    def gaps(self, person: int, role_index: int) -> list[Gap]:
        """The competencies between one person and one role, critical first, then largest."""
        _, role = self.roles[role_index]
        comp_index = {c: i for i, c in enumerate(self.roster.competency_ids)}
        out = []
        for req in role.requirements:
            x = self.roster.levels[person, comp_index[req.competency]]
            current = None if np.isnan(x) else float(x)
            if (current or 0.0) < req.level:
                out.append(Gap(req.competency, current, req.level, req.critical))
        out.sort(key=lambda g: (not g.critical, -g.levels_to_gain, g.competency))
        return out

    def gap_strings(self, rows: np.ndarray | None = None) -> pd.Series:
        """For each person, the gaps to their best archetype as 'comp current→required; ...'
        (empty when none), as pandas text. See :meth:`gap_text`."""
        return pd.Series(pd.array(self.gap_text(rows), dtype="str"), copy=False)

    def gap_text(self, rows: np.ndarray | None = None) -> pa.Array:
        """For each person (or each of ``rows``), the competencies between them and the best
        role of their best archetype, as 'comp current→required; ...' in the role's order
        ('–' = not assessed; '' = no gap), as an Arrow string array."""
        import pyarrow.compute as pc

        codes, texts = self.gap_codes(rows)
        return pc.take(pa.array(texts, type=pa.string()), pa.array(codes))

    def gap_codes(self, rows: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
        """The texts of :meth:`gap_text` as (one index per person, the distinct texts).

        No per-person Python: each requirement slot gives every person a small integer (the
        level they have, if it falls short of their best role's requirement there); the role and
        these integers make one number per person, whose text is written once per distinct
        number.
        """
        X = self.roster.levels
        m = len(self.fit) if rows is None else len(rows)
        if m == 0 or not self.roles:
            return np.zeros(m, dtype=np.int64), [""]
        people = np.arange(m) if rows is None else np.asarray(rows, dtype=np.intp)
        n = len(self.fit)
        comp_index = {c: i for i, c in enumerate(self.roster.competency_ids)}
        slots = max(len(role.requirements) for _, role in self.roles)
        # per (role, slot): the competency column and the level asked (-1: no such slot)
        column = np.zeros((len(self.roles), slots), dtype=np.intp)
        level = np.full((len(self.roles), slots), -1.0, dtype=np.float32)
        for r, (_, role) in enumerate(self.roles):
            for k, q in enumerate(role.requirements):
                column[r, k] = comp_index[q.competency]
                level[r, k] = q.level
        # element (i, j) of a column-major array is element j * n + i of its data
        flat_role = self.best_role.reshape(-1, order="F") if self.best_role.flags.f_contiguous else None
        flat_x = X.reshape(-1, order="F") if X.flags.f_contiguous else None

        def best_roles(p: np.ndarray) -> np.ndarray:
            a = self.best_archetype[p].astype(np.intp)
            if flat_role is not None:
                return flat_role[a * n + p].astype(np.intp)
            return self.best_role[p, a].astype(np.intp)

        def slot(p: np.ndarray, br: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
            """The level each person has in slot ``k`` of their best role, and where it falls
            short (not assessed (NaN) falls short too)."""
            asked = level[:, k][br]
            j = column[:, k][br]
            x = flat_x[j * n + p] if flat_x is not None else X[p, j]
            return x, (asked > 0) & ~(x >= asked)

        # one number per person = (best role, every slot's code: 0 = no gap there, else the
        # level the person has); the text of each number that occurs is written once, then
        # spread to everyone who has it. Levels on the quarter grid (the usual case) are coded
        # arithmetically, block by block on all cores; other levels through np.unique.
        radix = len(QUARTER_LABELS) + 1
        fits = len(self.roles) * float(radix) ** slots < 2.0**62  # the number fits an int64
        key = np.empty(m, dtype=np.int64)
        off_grid = np.zeros(1, dtype=bool)

        def block(s: int, e: int) -> None:
            p = people[s:e]
            br = best_roles(p)
            kb = br.astype(np.int64)
            for k in range(slots):
                x, lacking = slot(p, br, k)
                with np.errstate(invalid="ignore"):
                    q = x * 4
                    code = np.rint(q)
                    on_grid = ((code == q) & (code >= 0) & (code <= 20)) | np.isnan(q)
                    if not on_grid[lacking].all():
                        off_grid[0] = True
                    code = np.where(np.isnan(q), radix - 1, code + 1)
                kb *= radix
                kb += np.where(lacking, code, 0).astype(np.int64)
            key[s:e] = kb

        if fits:
            _run_blocks(m, block)
        if fits and not off_grid[0]:
            labels = [QUARTER_LABELS] * slots
            inverse, uniq = pd.factorize(key)
            combos = []
            for u in uniq.tolist():
                digits = [0] * slots
                for k in range(slots - 1, -1, -1):
                    u, digits[k] = divmod(u, radix)
                combos.append((u, digits))
        else:  # levels off the quarter grid, or very long roles: distinct levels per slot
            best_r = best_roles(people)
            codes = np.zeros((slots, m), dtype=np.int64)
            labels = []
            for k in range(slots):
                x, lacking = slot(people, best_r, k)
                names, code = _level_labels(x, lacking) if lacking.any() else ([], None)
                labels.append(names)
                if code is not None:
                    codes[k] = np.where(lacking, code + 1, 0)
            # combine slot by slot, renumbering as we go, so the number never overflows
            inverse = pd.factorize(best_r)[0]
            for k in range(slots):
                inverse = pd.factorize(inverse.astype(np.int64) * (len(labels[k]) + 1) + codes[k])[0]
            # the first person with each combination (factorize numbers them as they appear)
            seen = np.maximum.accumulate(np.concatenate([[-1], inverse[:-1]]))
            first = np.flatnonzero(inverse > seen)
            combos = [(int(best_r[i]), [int(c) for c in codes[:, i]]) for i in first]
        pieces: dict[tuple[int, int, int], str] = {}
        texts = []
        for r, digits in combos:
            parts = []
            for k, c in enumerate(digits):
                if c:
                    piece = pieces.get((r, k, c))
                    if piece is None:
                        q = self.roles[r][1].requirements[k]
                        piece = pieces[(r, k, c)] = f"{q.competency} {labels[k][c - 1]}→{q.level}"
                    parts.append(piece)
            texts.append("; ".join(parts))
        return np.asarray(inverse, dtype=np.int64).ravel(), texts


PEOPLE_LIST_MIN = 32  # people ranked at least, per list (reports show 10, the bench 25)


def _rank(mask: np.ndarray, fit: np.ndarray, limit: int | None) -> np.ndarray:
    """Rows where ``mask`` holds, highest ``fit`` first (ties in row order); the first
    ``limit`` only, found without sorting everyone."""
    idx = np.flatnonzero(mask)
    fit = fit[idx]
    if limit is not None and limit < len(idx):
        if limit <= 0:
            return idx[:0]
        # everyone at least as fit as the limit-th best (ties included), then a stable sort
        kth = np.partition(fit, len(fit) - limit)[len(fit) - limit]
        keep = fit >= kth
        idx, fit = idx[keep], fit[keep]
        return idx[np.argsort(-fit, kind="stable")][:limit]
    return idx[np.argsort(-fit, kind="stable")]


# the levels on the quarter grid (0, 0.25, ... 5) as shown, then not assessed
QUARTER_LABELS = [f"{i / 4:g}" for i in range(21)] + ["–"]


def _level_labels(x: np.ndarray, where: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The distinct levels among ``x[where]`` as shown ('%g', '–' = not assessed), and for every
    element of ``x`` its index among them (meaningful where ``where`` holds).

    Levels on the usual quarter steps are coded arithmetically; anything else through
    ``np.unique``.
    """
    values = x[where]
    present = values[~np.isnan(values)]
    q = present * 4
    if len(present) == 0 or ((q == np.rint(q)).all() and q.min() >= 0 and q.max() <= 20):
        with np.errstate(invalid="ignore"):
            code = np.where(np.isnan(x), 21, np.rint(x * 4)).astype(np.int64)
        return QUARTER_LABELS, code
    uniq = np.unique(present)
    code = np.where(np.isnan(x), len(uniq), np.searchsorted(uniq, x)).astype(np.int64)
    return [f"{float(u):g}" for u in uniq] + ["–"], code


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


# Rows per block of the scoring kernel: a block of one level column (float32) and its float64
# accumulator stay in the CPU cache while all the requirements of a role are added up.
CHUNK = 1 << 16


def _run_blocks(n: int, fn: Callable[[int, int], None]) -> None:
    """``fn(start, end)`` on every block of :data:`CHUNK` rows, on all cores (see parallel)."""
    run_blocks(n, CHUNK, fn)


def _attribute_masks(roles: list[tuple[int, Role]], people: pd.DataFrame) -> list[np.ndarray | None]:
    """attributes_ok per role (None = the role has no attribute requirement), one column pass each.

    Employment types are turned into small integer codes once, so each role's test is an
    ``isin`` over int8 codes rather than over strings.
    """
    from .roster import codes

    n = len(people)
    tenure: np.ndarray | None = None
    et_codes: np.ndarray | None = None
    types = sorted({t for _, r in roles for t in (r.attributes.employment_types or ())})
    cache: dict[tuple, np.ndarray] = {}
    out: list[np.ndarray | None] = []
    for _, role in roles:
        a = role.attributes
        if a.empty:
            out.append(None)
            continue
        key = (a.min_tenure_years, tuple(a.employment_types or ()))
        if key not in cache:
            ok = np.ones(n, dtype=bool)
            if a.min_tenure_years is not None:
                if tenure is None:
                    tenure = people["tenure_years"].to_numpy(dtype=np.float64, na_value=np.nan)
                with np.errstate(invalid="ignore"):
                    ok &= tenure >= a.min_tenure_years  # NaN (missing) does not hold
            if a.employment_types is not None:
                if et_codes is None:
                    et_codes = codes(people["employment_type"], types)
                allowed = [types.index(t) for t in a.employment_types]
                ok &= np.isin(et_codes, allowed)  # missing (-1) does not hold
            cache[key] = ok
        out.append(cache[key])
    return out


def _plans(pset: ProfileSet, roster: Roster, roles: list[tuple[int, Role]]) -> list[list[tuple]]:
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


def _role_attrs(roles: list[tuple[int, Role]], roster: Roster) -> np.ndarray:
    """attributes_ok per (person, role)."""
    attrs = np.ones((len(roster), len(roles)), dtype=bool, order="F")
    for r, m in enumerate(_attribute_masks(roles, roster.people)):
        if m is not None:
            attrs[:, r] = m
    return attrs


class _RoleKernel:
    """fit, ready and near of one role for a block of rows (see :func:`score_roles`).

    One instance per block: the buffers are the block's own, so blocks run side by side."""

    def __init__(self, plans: list[list[tuple]], X: np.ndarray, attrs: np.ndarray, th: Thresholds, m: int):
        self.plans, self.X, self.attrs = plans, X, attrs
        self.ready_at, self.near_at = th.ready_fit - EPS, th.near_fit - EPS
        self.a32 = np.empty(m, dtype=np.float32)
        self.a64 = np.empty(m, dtype=np.float64)
        self.f = np.empty(m, dtype=np.float64)
        self.k = np.empty(m, dtype=bool)
        self.b = np.empty(m, dtype=bool)

    def role(self, r: int, s: int, e: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(fit in float64, ready, near) of role ``r`` for the rows s:e: views of the block's
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


def score_roles(
    pset: ProfileSet, roster: Roster
) -> tuple[list[tuple[int, Role]], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """fit, ready, near and attributes_ok for every (person, role).

    The level matrix is read in blocks of :data:`CHUNK` rows; within a block each requirement
    is a few ufunc passes over one contiguous column, summed in float64 (so e.g. 9/10 meets a
    0.9 threshold exactly). Results are column-major: one contiguous column per role.
    :func:`analyze` runs the same kernel but keeps only the per-archetype results (:func:`_score`).
    """
    roles = [(ai, r) for ai, a in enumerate(pset.archetypes) for r in a.roles]
    n, R = len(roster), len(roles)
    fit = np.empty((n, R), dtype=np.float32, order="F")
    ready = np.empty((n, R), dtype=bool, order="F")
    near = np.empty((n, R), dtype=bool, order="F")
    attrs = _role_attrs(roles, roster)
    plans = _plans(pset, roster, roles)

    def block(s: int, e: int) -> None:
        kernel = _RoleKernel(plans, roster.levels, attrs, pset.thresholds, e - s)
        for r in range(R):
            fit[s:e, r], ready[s:e, r], near[s:e, r] = kernel.role(r, s, e)

    _run_blocks(n, block)
    return roles, fit, ready, near, attrs


@dataclass
class _Scores:
    roles: list[tuple[int, Role]]
    attrs: np.ndarray  # bool (n, R)
    role_ready: np.ndarray  # bool (n, R)
    fit: np.ndarray  # float32 (n, A)
    ready: np.ndarray  # bool (n, A)
    near: np.ndarray  # bool (n, A)
    best_role: np.ndarray  # int16 (n, A)


def _score(pset: ProfileSet, roster: Roster) -> _Scores:
    """The per-archetype results of every person in one pass over the level matrix.

    Each block of rows scores every role (:class:`_RoleKernel`) and reduces the roles of each
    archetype there and then: fit (of the best role), ready (for any role), near (for some
    role, ready for none) and the role to develop towards (where ready, else the best fit
    among the roles whose attributes hold, else the best fit; the first of equals). Per role
    only ``ready`` is kept for the whole roster: fit and near per role are recomputed on demand
    (:attr:`Analysis.role_fit`), which keeps a million-row run from writing them out.
    """
    roles = [(ai, r) for ai, a in enumerate(pset.archetypes) for r in a.roles]
    n, A = len(roster), len(pset.archetypes)
    attrs = _role_attrs(roles, roster)
    plans = _plans(pset, roster, roles)
    role_ready = np.empty((n, len(roles)), dtype=bool, order="F")
    fit = np.empty((n, A), dtype=np.float32, order="F")
    ready = np.empty((n, A), dtype=bool, order="F")
    near = np.empty((n, A), dtype=bool, order="F")
    best = np.empty((n, A), dtype=np.int16, order="F")
    cols_of = [[r for r, (ai, _) in enumerate(roles) if ai == a] for a in range(A)]

    def block(s: int, e: int) -> None:
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
                # the preference among the roles: the fit, +2 where the role's attributes
                # hold, +4 where ready
                target = best_pref if i == 0 else pref
                np.add(f32, attrs[s:e, c] * 2.0, out=target)
                target += rdy * 4.0
                if i == 0:
                    fa[:] = f32
                    ra[:] = rdy
                    na[:] = nr
                    ba[:] = c
                    continue
                np.maximum(fa, f32, out=fa)
                ra |= rdy
                na |= nr
                np.greater(pref, best_pref, out=better)  # strictly: the first of equals wins
                ba[better] = c
                np.maximum(best_pref, pref, out=best_pref)
            if len(cols) > 1:
                na &= ~ra  # near for some role, ready for none

    _run_blocks(n, block)
    return _Scores(roles, attrs, role_ready, fit, ready, near, best)


def _summary(pset: ProfileSet, n: int, ready: np.ndarray, near: np.ndarray) -> Summary:
    ready_counts = ready.sum(axis=0) if n else np.zeros(len(pset.archetypes), dtype=int)
    near_counts = near.sum(axis=0) if n else np.zeros(len(pset.archetypes), dtype=int)
    arch = tuple(
        ArchetypeResult(
            id=a.id,
            index=i,
            target=a.target.resolve(n),
            ready=int(ready_counts[i]),
            near=int(near_counts[i]),
        )
        for i, a in enumerate(pset.archetypes)
    )
    any_ready = ready.any(axis=1)
    return Summary(
        staff=n,
        archetypes=arch,
        ready_people=int(any_ready.sum()),
        near_people=int((near.any(axis=1) & ~any_ready).sum()),
    )


def _competencies(
    pset: ProfileSet,
    roster: Roster,
    summary: Summary,
    roles: list[tuple[int, Role]],
    near: np.ndarray,
    best_role: np.ndarray,
) -> list[CompetencyResult]:
    X = roster.levels
    # demand per (competency, level): the targets of the archetypes asking it, each archetype's
    # target shared evenly among its roles (see README, 'The meaning')
    asks: dict[tuple[str, int], dict[int, list[str]]] = {}
    for ai, role in roles:
        for q in role.requirements:
            asks.setdefault((q.competency, q.level), {}).setdefault(ai, []).append(role.id)
    asked: dict[str, list[int]] = {}
    for cid, level in asks:
        asked.setdefault(cid, []).append(level)

    # one column at a time (no people x competencies temporaries), the columns on all cores
    def column(j: int) -> tuple[int, float, dict[int, int]]:
        col = X[:, j]
        valid = ~np.isnan(col)
        total = float(np.where(valid, col, np.float32(0.0)).sum(dtype=np.float64))
        meets = {lv: int(np.count_nonzero(col >= lv)) for lv in asked.get(roster.competency_ids[j], ())}
        return int(np.count_nonzero(valid)), total, meets

    stats = map_threads(column, range(X.shape[1]))
    assessed = np.array([a for a, _, _ in stats], dtype=np.int64)
    sums = np.array([t for _, t, _ in stats], dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(assessed > 0, sums / np.maximum(assessed, 1), np.nan)
    # blocking: near people of archetypes with a gap, lacking c on their best role
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    blocking = np.zeros(len(roster.competency_ids), dtype=np.int64)
    for a in summary.archetypes:
        if a.gap <= 0 or a.near == 0:
            continue
        rows = np.flatnonzero(near[:, a.index])
        br = best_role[rows, a.index]
        for r in np.unique(br):
            _, role = roles[int(r)]
            sel = rows[br == r]
            for q in role.requirements:
                j = comp_index[q.competency]
                blocking[j] += int(np.count_nonzero(~(X[sel, j] >= q.level)))  # NaN: lacking
    out = []
    for j, c in enumerate(pset.catalogue.competencies):
        col = X[:, j]
        levels = []
        for (cid, level), owners in sorted(asks.items(), key=lambda kv: kv[0][1]):
            if cid != c.id:
                continue
            meets = stats[j][2][level]
            # an archetype's seats are shared among its roles: a role asks its share of them
            demand = sum(
                math.ceil(summary.archetypes[ai].target * len(rs) / len(pset.archetypes[ai].roles))
                for ai, rs in owners.items()
            )
            levels.append(
                LevelSupply(
                    level=level,
                    meets=meets,
                    demand=demand,
                    required_by=tuple(r for rs in owners.values() for r in rs),
                )
            )
        out.append(
            CompetencyResult(
                id=c.id,
                index=j,
                category=c.category,
                assessed=int(assessed[j]),
                not_assessed=int(len(col) - assessed[j]),
                mean_level=None if np.isnan(means[j]) else float(means[j]),
                levels=tuple(levels),
                blocking=int(blocking[j]),
            )
        )
    return out


def group_values(roster: Roster, column: str) -> pd.Series:
    """The group of every person for ``--by COLUMN`` (a standard column, by its English or
    Chinese header: ``--by 部门`` is ``--by department``); blank values form "(blank)"."""
    from .profiles import normalise_header
    from .roster import STANDARD_ALIASES

    people = roster.people
    key = normalise_header(column)
    for canon, aliases in STANDARD_ALIASES.items():
        if column not in people.columns and key in {normalise_header(a) for a in aliases}:
            column = canon
    if column not in people.columns:
        raise UsageError(
            f"--by {column!r}: no such column; use one of: "
            + ", ".join(c for c in people.columns if c not in ("employee_id", "tenure_years"))
            + (f" ({suggest(column, list(people.columns))})" if suggest(column, list(people.columns)) else "")
        )
    values = people[column]
    if values.isna().all():
        raise UsageError(f"--by {column!r}: the roster has no values in this column")
    return values.astype("str").fillna("(blank)").where(values.notna(), "(blank)")


def _groups(pset: ProfileSet, roster: Roster, column: str, ready: np.ndarray, near: np.ndarray) -> list[GroupResult]:
    values = group_values(roster, column)
    codes, uniques = pd.factorize(values, sort=True)
    out = []
    k = len(uniques)
    A = ready.shape[1]
    ready_counts = np.zeros((k, A), dtype=np.int64)
    near_counts = np.zeros((k, A), dtype=np.int64)
    np.add.at(ready_counts, codes, ready) if A else None
    np.add.at(near_counts, codes, near) if A else None
    sizes = np.bincount(codes, minlength=k)
    any_ready = np.bincount(codes, weights=ready.any(axis=1), minlength=k) if A else np.zeros(k)
    any_near = (
        np.bincount(codes, weights=near.any(axis=1) & ~ready.any(axis=1), minlength=k) if A else np.zeros(k)
    )
    for g in range(k):
        n = int(sizes[g])
        arch = tuple(
            ArchetypeResult(
                id=a.id,
                index=i,
                target=a.target.resolve(n),
                ready=int(ready_counts[g, i]),
                near=int(near_counts[g, i]),
            )
            for i, a in enumerate(pset.archetypes)
        )
        out.append(
            GroupResult(
                column=column,
                value=str(uniques[g]),
                summary=Summary(
                    staff=n, archetypes=arch, ready_people=int(any_ready[g]), near_people=int(any_near[g])
                ),
            )
        )
    return out


def analyze(pset: ProfileSet, roster: Roster, by: str | None = None, exclusive: bool = False) -> Analysis:
    """Score a roster against a profile set; optionally break it down by a column, and
    allocate each person to at most one seat (``exclusive``, see :mod:`sscgap.exclusive`)."""
    if roster.competency_ids != pset.competency_ids:
        raise UsageError("the roster was loaded against another profile set")
    sc = _score(pset, roster)
    roles, fit, ready, near, best_role = sc.roles, sc.fit, sc.ready, sc.near, sc.best_role
    summary = _summary(pset, len(roster), ready, near)
    comps = _competencies(pset, roster, summary, roles, near, best_role)
    groups = _groups(pset, roster, by, ready, near) if by else []
    analysis = Analysis(
        profiles=pset,
        roster=roster,
        thresholds=pset.thresholds,
        summary=summary,
        competencies=comps,
        roles=roles,
        role_ready=sc.role_ready,
        role_attrs_ok=sc.attrs,
        fit=fit,
        ready=ready,
        near=near,
        best_role=best_role,
        by=by,
        groups=groups,
    )
    if exclusive:
        from .exclusive import exclusive as allocate

        analysis.exclusive = allocate(analysis)
    return analysis


def fail_under(coverage_index: float | None, percent: float | None) -> str | None:
    """The failure message when the coverage index is below ``percent`` (0-100), else None."""
    if percent is None:
        return None
    value = 100.0 * (coverage_index if coverage_index is not None else 1.0)
    # compare at the precision we print, so "74.9% < 75%" never reads "75.0% < 75%"
    if round(value, 1) < percent:
        return f"coverage index {value:.1f}% is below --fail-under {percent:g}%"
    return None
