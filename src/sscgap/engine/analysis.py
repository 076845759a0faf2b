"""The analysis: a roster scored against a profile set, as one frozen result.

:func:`analyze` runs the pipeline's engine stages (scoring, coverage, optionally the groups and
the exclusive allocation) and returns an :class:`Analysis`. It starts no threads, keeps no
caches and writes no text: reports are built from it by the layers above.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from ..errors import UsageError
from ..profiles import Archetype, ProfileSet, Role, Thresholds
from ..roster import Roster
from . import allocation
from .allocation import Exclusive
from .coverage import (
    ArchetypeResult,
    CompetencyResult,
    GroupResult,
    HeldBack,
    Summary,
    competencies,
    groups,
    summarize,
)
from .development import Shortfall, by_size, shortfalls
from .scoring import best_archetype, score
from .seats import carriers


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything the reports need. Arrays are (people x archetypes) or (people x roles)."""

    profiles: ProfileSet
    roster: Roster
    summary: Summary
    competencies: tuple[CompetencyResult, ...]
    roles: tuple[tuple[int, Role], ...]  # (archetype index, role), flattened in profile order
    role_ready: np.ndarray  # bool (n, R)
    role_attrs_ok: np.ndarray  # bool (n, R)
    role_near: np.ndarray  # bool (n, R): near this role (attributes hold, not ready for it)
    carrying: np.ndarray  # bool (n, P): carries each of the profile set's principles
    fit: np.ndarray  # float32 (n, A)
    ready: np.ndarray  # bool (n, A)
    near: np.ndarray  # bool (n, A)
    best_role: np.ndarray  # int16 (n, A): index into ``roles`` of each archetype's best role
    best_archetype: np.ndarray  # int16 (n,): ready first, then near, then fit; ties: profile order
    best_fit: np.ndarray  # float32 (n,): the fit for the best archetype
    by: str | None = None
    groups: tuple[GroupResult, ...] = ()
    exclusive: Exclusive | None = None  # with analyze(..., exclusive=True)
    held_back: Mapping[str, HeldBack] = field(default_factory=dict)  # per category

    @property
    def thresholds(self) -> Thresholds:
        return self.profiles.thresholds

    @property
    def archetypes(self) -> tuple[ArchetypeResult, ...]:
        return self.summary.archetypes

    @property
    def staff(self) -> int:
        return self.summary.staff

    def archetype_def(self, a: ArchetypeResult | int) -> Archetype:
        return self.profiles.archetypes[a if isinstance(a, int) else a.index]

    def people_for(self, archetype: int, kind: str, limit: int | None = None) -> np.ndarray:
        """Row indices of the people ready / near for an archetype, best fit first (ties in
        roster order); only the first ``limit`` when given, found without sorting everyone.
        The full count is :meth:`count_for`."""
        mask = (self.ready if kind == "ready" else self.near)[:, archetype]
        return rank(mask, self.fit[:, archetype], limit)

    def count_for(self, archetype: int, kind: str) -> int:
        """How many people are ready / near for an archetype."""
        a = self.summary.archetypes[archetype]
        return a.ready if kind == "ready" else a.near

    def gaps(self, person: int, role_index: int) -> list[Shortfall]:
        """The requirements of one role one person falls short of: critical first, then the
        largest (:func:`~sscgap.engine.development.by_size`)."""
        _, role = self.roles[role_index]
        comp_index = {c: i for i, c in enumerate(self.roster.competency_ids)}
        x = self.roster.levels[person]
        return shortfalls(role, x, comp_index, self.thresholds.ready_fit, order=by_size)


def rank(mask: np.ndarray, fit: np.ndarray, limit: int | None) -> np.ndarray:
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


def analyze(pset: ProfileSet, roster: Roster, by: str | None = None, exclusive: bool = False) -> Analysis:
    """Score a roster against a profile set; optionally break it down by a column, and
    allocate each person to at most one seat (``exclusive``, see :mod:`.allocation`)."""
    if roster.competency_ids != pset.competency_ids:
        raise UsageError("the roster was loaded against another profile set")
    sc = score(pset, roster)
    assert sc.role_near is not None
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    carrying = carriers(pset.principles, roster.levels, comp_index)
    summary = summarize(pset, sc.ready, sc.near, sc.role_ready, sc.role_near, carrying)
    best = best_archetype(sc.fit, sc.ready, sc.near)
    if sc.fit.shape[1]:
        best_fit = np.take_along_axis(sc.fit, best[:, None].astype(np.intp), axis=1)[:, 0]
    else:
        best_fit = np.zeros(len(roster), dtype=np.float32)
    comps, held = competencies(pset, roster, summary, sc.roles, sc.near, sc.best_role)
    return Analysis(
        profiles=pset,
        roster=roster,
        summary=summary,
        competencies=comps,
        roles=sc.roles,
        role_ready=sc.role_ready,
        role_attrs_ok=sc.role_attrs_ok,
        role_near=sc.role_near,
        carrying=carrying,
        fit=sc.fit,
        ready=sc.ready,
        near=sc.near,
        best_role=sc.best_role,
        best_archetype=best,
        best_fit=best_fit,
        by=by,
        groups=groups(pset, roster, by, sc.ready, sc.near, sc.role_ready, sc.role_near, carrying) if by else (),
        exclusive=allocation.exclusive(summary, sc.ready, sc.fit, sc.role_ready) if exclusive else None,
        held_back=held,
    )

