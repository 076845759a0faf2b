"""Coverage: ready and near counted per archetype, per competency and per group.

* ``target(A)`` = headcount or ceil(N / per_staff); ``coverage = ready / target``;
  ``gap = max(0, target - ready)``; ``coverage_index`` = mean of min(1, coverage) over
  archetypes with a target > 0.
* per competency: how many people meet each level some role asks for, the demand for it (an
  archetype's seats shared evenly among its roles), the mean assessed level, how many did not
  assess it, and how many near people it holds back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import UsageError
from ..profiles import ProfileSet, Role, suggest
from ..roster import Roster
from .development import held_back

STATUSES = ("covered", "thin", "missing", "no_target")


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


def _archetypes(pset: ProfileSet, n: int, ready_counts: np.ndarray, near_counts: np.ndarray) -> tuple[ArchetypeResult, ...]:
    return tuple(
        ArchetypeResult(
            id=a.id,
            index=i,
            target=a.target.resolve(n),
            ready=int(ready_counts[i]),
            near=int(near_counts[i]),
        )
        for i, a in enumerate(pset.archetypes)
    )


def summarize(pset: ProfileSet, ready: np.ndarray, near: np.ndarray) -> Summary:
    """The whole roster's summary from the (people x archetypes) ready and near arrays."""
    n = len(ready)
    any_ready = ready.any(axis=1)
    return Summary(
        staff=n,
        archetypes=_archetypes(pset, n, ready.sum(axis=0), near.sum(axis=0)),
        ready_people=int(any_ready.sum()),
        near_people=int((near.any(axis=1) & ~any_ready).sum()),
    )


def competencies(
    pset: ProfileSet,
    roster: Roster,
    summary: Summary,
    roles: Sequence[tuple[int, Role]],
    near: np.ndarray,
    best_role: np.ndarray,
) -> tuple[CompetencyResult, ...]:
    X = roster.levels
    # demand per (competency, level): the targets of the archetypes asking it, each archetype's
    # target shared evenly among its roles
    asks: dict[tuple[str, int], dict[int, list[str]]] = {}
    for ai, role in roles:
        for q in role.requirements:
            asks.setdefault((q.competency, q.level), {}).setdefault(ai, []).append(role.id)
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    blocking = np.zeros(len(roster.competency_ids), dtype=np.int64)
    for cid, rows, _ in held_back(roles, X, comp_index, near, best_role, summary.archetypes):
        blocking[comp_index[cid]] += len(rows)
    out = []
    for j, c in enumerate(pset.catalogue.competencies):
        col = X[:, j]  # one column at a time: no people x competencies temporaries
        valid = ~np.isnan(col)
        assessed = int(np.count_nonzero(valid))
        total = float(np.where(valid, col, np.float32(0.0)).sum(dtype=np.float64))
        levels = []
        for (cid, level), owners in sorted(asks.items(), key=lambda kv: kv[0][1]):
            if cid != c.id:
                continue
            # an archetype's seats are shared among its roles: a role asks its share of them
            demand = sum(
                math.ceil(summary.archetypes[ai].target * len(rs) / len(pset.archetypes[ai].roles))
                for ai, rs in owners.items()
            )
            levels.append(
                LevelSupply(
                    level=level,
                    meets=int(np.count_nonzero(col >= level)),
                    demand=demand,
                    required_by=tuple(r for rs in owners.values() for r in rs),
                )
            )
        out.append(
            CompetencyResult(
                id=c.id,
                index=j,
                category=c.category,
                assessed=assessed,
                not_assessed=len(col) - assessed,
                mean_level=total / assessed if assessed else None,
                levels=tuple(levels),
                blocking=int(blocking[j]),
            )
        )
    return tuple(out)


def group_values(roster: Roster, column: str) -> pd.Series:
    """The group of every person for ``--by COLUMN``: a standard column (by its English or
    Chinese header: ``--by 部门`` is ``--by department``), or any other column of the export,
    mapped or not, by its header (``--by "Cost Center"``); blank values form "(blank)"."""
    from ..profiles import normalise_header
    from ..roster import STANDARD_ALIASES

    people = roster.people
    extra = roster.extra if roster.extra is not None else pd.DataFrame(index=people.index)
    key = normalise_header(column)
    values: pd.Series | None = None
    if column in people.columns:
        values = people[column]
    elif column in extra.columns:
        values = extra[column]
    else:
        # the export's header of a mapped standard column ("Cost Center" -> department)
        for canon, header in roster.sources.items():
            if canon in people.columns and (header == column or normalise_header(header) == key):
                column, values = canon, people[canon]
                break
    if values is None:
        for canon, aliases in STANDARD_ALIASES.items():
            if key in {normalise_header(a) for a in aliases}:
                column, values = canon, people[canon]
                break
    if values is None:
        hits = [h for h in extra.columns if normalise_header(h) == key]
        if len(hits) == 1:
            column, values = hits[0], extra[hits[0]]
    if values is None:
        choices = [c for c in people.columns if c not in ("employee_id", "tenure_years")]
        choices += [str(h) for h in extra.columns]
        hint = suggest(column, choices)
        raise UsageError(
            f"--by {column!r}: no such column; use one of: "
            + ", ".join(choices[:30])
            + (f" ({hint})" if hint else "")
        )
    if values.isna().all():
        raise UsageError(f"--by {column!r}: the roster has no values in this column")
    return values.astype("str").fillna("(blank)").where(values.notna(), "(blank)")


def groups(pset: ProfileSet, roster: Roster, column: str, ready: np.ndarray, near: np.ndarray) -> tuple[GroupResult, ...]:
    """One summary per value of ``column`` (sorted), each against its own head count."""
    values = group_values(roster, column)
    codes, uniques = pd.factorize(values, sort=True)
    k = len(uniques)
    A = ready.shape[1]
    ready_counts = np.zeros((k, A), dtype=np.int64)
    near_counts = np.zeros((k, A), dtype=np.int64)
    if A:
        np.add.at(ready_counts, codes, ready)
        np.add.at(near_counts, codes, near)
    sizes = np.bincount(codes, minlength=k)
    any_ready = np.bincount(codes, weights=ready.any(axis=1), minlength=k) if A else np.zeros(k)
    any_near = np.bincount(codes, weights=near.any(axis=1) & ~ready.any(axis=1), minlength=k) if A else np.zeros(k)
    return tuple(
        GroupResult(
            column=column,
            value=str(uniques[g]),
            summary=Summary(
                staff=int(sizes[g]),
                archetypes=_archetypes(pset, int(sizes[g]), ready_counts[g], near_counts[g]),
                ready_people=int(any_ready[g]),
                near_people=int(any_near[g]),
            ),
        )
        for g in range(k)
    )
