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

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .errors import UsageError
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
    demand: int  # sum of targets of archetypes with a role asking this level
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
    role_fit: np.ndarray  # float32 (n, R)
    role_ready: np.ndarray  # bool (n, R)
    role_near: np.ndarray  # bool (n, R)
    role_attrs_ok: np.ndarray  # bool (n, R)
    fit: np.ndarray  # float32 (n, A)
    ready: np.ndarray  # bool (n, A)
    near: np.ndarray  # bool (n, A)
    best_role: np.ndarray  # int16 (n, A): index into ``roles`` of each archetype's best role
    by: str | None = None
    groups: list[GroupResult] = field(default_factory=list)
    exclusive: Any = None  # sscgap.exclusive.Exclusive when analysed with exclusive=True

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
        if self.fit.shape[1] == 0:
            return np.zeros(len(self.fit), dtype=np.int16)
        score = self.fit.astype(np.float64) + self.ready * 2.0 + self.near * 1.0
        return score.argmax(axis=1).astype(np.int16)

    @cached_property
    def best_fit(self) -> np.ndarray:
        if self.fit.shape[1] == 0:
            return np.zeros(len(self.fit), dtype=np.float32)
        return np.take_along_axis(self.fit, self.best_archetype[:, None].astype(np.intp), axis=1)[:, 0]

    @cached_property
    def insights(self) -> Any:
        """Bench, key-person risk, category roll-up and build/buy/borrow recommendations
        (:class:`sscgap.insights.Insights`); sized on the exclusive gaps when allocated."""
        from .insights import compute

        if self.exclusive is None:
            return compute(self)
        return compute(self, self.exclusive.gaps(), self.exclusive.allocation.seat)

    def people_for(self, archetype: int, kind: str) -> np.ndarray:
        """Row indices of the people ready / near for an archetype, best fit first."""
        mask = (self.ready if kind == "ready" else self.near)[:, archetype]
        idx = np.flatnonzero(mask)
        order = np.argsort(-self.fit[idx, archetype], kind="stable")
        return idx[order]

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
        """For each person, the gaps to their best archetype as 'comp current→required; ...'.

        Built column by column over the requirements (no per-person Python loop).
        """
        n = len(self.fit)
        rows = np.arange(n) if rows is None else rows
        best_a = self.best_archetype[rows]
        best_r = self.best_role[rows, best_a] if len(rows) else np.zeros(0, dtype=np.int16)
        x = self.roster.levels[rows]
        comp_index = {c: i for i, c in enumerate(self.roster.competency_ids)}
        out = pd.Series("", index=np.arange(len(rows)), dtype=object)
        for r, (_, role) in enumerate(self.roles):
            sel = best_r == r
            if not sel.any():
                continue
            for req in role.requirements:
                col = x[sel, comp_index[req.competency]]
                lacking = np.nan_to_num(col, nan=0.0) < req.level
                if not lacking.any():
                    continue
                vals = col[lacking]
                cur = np.where(np.isnan(vals), "–", np.char.mod("%g", np.nan_to_num(vals)))
                text = np.char.add(np.char.add(req.competency + " ", cur), f"→{req.level}")
                target_idx = np.flatnonzero(sel)[lacking]
                prev = out.iloc[target_idx].to_numpy()
                sep = np.where(prev == "", "", "; ")
                out.iloc[target_idx] = prev + sep + text.astype(object)
        return out


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def _attrs_ok(role: Role, people: pd.DataFrame) -> np.ndarray:
    n = len(people)
    ok = np.ones(n, dtype=bool)
    a = role.attributes
    if a.min_tenure_years is not None:
        tenure = people["tenure_years"].to_numpy(dtype=np.float64, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            ok &= tenure >= a.min_tenure_years  # NaN (missing) does not hold
    if a.employment_types is not None:
        et = people["employment_type"]
        ok &= et.isin(a.employment_types).to_numpy(dtype=bool, na_value=False)
    return ok


def score_roles(
    pset: ProfileSet, roster: Roster
) -> tuple[list[tuple[int, Role]], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """fit, ready, near and attributes_ok for every (person, role)."""
    th = pset.thresholds
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    roles = [(ai, r) for ai, a in enumerate(pset.archetypes) for r in a.roles]
    n = len(roster)
    fit = np.empty((n, len(roles)), dtype=np.float32)
    ready = np.empty((n, len(roles)), dtype=bool)
    near = np.empty((n, len(roles)), dtype=bool)
    attrs = np.empty((n, len(roles)), dtype=bool)
    X = roster.levels
    for r, (_, role) in enumerate(roles):
        idx = np.array([comp_index[q.competency] for q in role.requirements], dtype=np.intp)
        L = np.array([q.level for q in role.requirements], dtype=np.float64)
        w = np.array([q.weight for q in role.requirements], dtype=np.float64)
        crit = np.array([q.critical for q in role.requirements], dtype=bool)
        sub = np.nan_to_num(X[:, idx].astype(np.float64), nan=0.0)
        f = (np.minimum(sub, L) / L) @ w / w.sum()
        crit_ok = (sub[:, crit] >= L[crit]).all(axis=1) if crit.any() else np.ones(n, dtype=bool)
        a_ok = _attrs_ok(role, roster.people)
        rdy = a_ok & crit_ok & (f >= th.ready_fit - EPS)
        fit[:, r] = f
        ready[:, r] = rdy
        near[:, r] = a_ok & ~rdy & (f >= th.near_fit - EPS)
        attrs[:, r] = a_ok
    return roles, fit, ready, near, attrs


def _per_archetype(
    pset: ProfileSet,
    roles: list[tuple[int, Role]],
    role_fit: np.ndarray,
    role_ready: np.ndarray,
    role_near: np.ndarray,
    role_attrs: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    n = role_fit.shape[0]
    A = len(pset.archetypes)
    fit = np.zeros((n, A), dtype=np.float32)
    ready = np.zeros((n, A), dtype=bool)
    near_any = np.zeros((n, A), dtype=bool)
    best = np.zeros((n, A), dtype=np.int16)
    owner = np.array([ai for ai, _ in roles])
    for a in range(A):
        cols = np.flatnonzero(owner == a)
        f = role_fit[:, cols]
        fit[:, a] = f.max(axis=1)
        ready[:, a] = role_ready[:, cols].any(axis=1)
        near_any[:, a] = role_near[:, cols].any(axis=1)
        # the role to develop towards: where the person is ready, else the best fit among roles
        # whose attributes hold, else the best fit
        pref = f.astype(np.float64) + role_attrs[:, cols] * 2.0 + role_ready[:, cols] * 4.0
        best[:, a] = cols[pref.argmax(axis=1)]
    near = near_any & ~ready
    return fit, ready, near, best


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
    assessed = (~np.isnan(X)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        sums = np.nansum(X.astype(np.float64), axis=0)
        means = np.where(assessed > 0, sums / np.maximum(assessed, 1), np.nan)
    # demand per (competency, level): sum of targets of archetypes asking it (each archetype once)
    asks: dict[tuple[str, int], dict[int, list[str]]] = {}
    for ai, role in roles:
        for q in role.requirements:
            asks.setdefault((q.competency, q.level), {}).setdefault(ai, []).append(role.id)
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
                blocking[j] += int((np.nan_to_num(X[sel, j], nan=0.0) < q.level).sum())
    out = []
    for j, c in enumerate(pset.catalogue.competencies):
        col = X[:, j]
        levels = []
        for (cid, level), owners in sorted(asks.items(), key=lambda kv: kv[0][1]):
            if cid != c.id:
                continue
            meets = int((col >= level).sum())
            demand = sum(summary.archetypes[ai].target for ai in owners)
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
    roles, role_fit, role_ready, role_near, role_attrs = score_roles(pset, roster)
    fit, ready, near, best_role = _per_archetype(pset, roles, role_fit, role_ready, role_near, role_attrs)
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
        role_fit=role_fit,
        role_ready=role_ready,
        role_near=role_near,
        role_attrs_ok=role_attrs,
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
