"""Coverage: ready and near counted per archetype, per competency and per group.

* ``target(A)`` = headcount or ceil(N / per_staff); ``coverage = ready / target``;
  ``gap = max(0, target - ready)``; ``coverage_index`` = mean of min(1, coverage) over
  archetypes with a target > 0.
* with targets on the roles (role seats): ``target(A)`` = the sum of the roles' targets, per
  role ready / near / coverage / gap, and ``coverage = filled / target``, ``gap = target -
  filled`` with ``filled`` a maximum matching of people to seats (:mod:`.seats`).
* with groups, a headcount target is the centre's, shared among the groups by largest
  remainder; per_staff targets are per group.
* principles: how many carry each, overall and per group.
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
from ..profiles import ProfileSet, Role, Target, suggest
from ..roster import Roster
from .development import held_back
from .seats import PrincipleResult, filled, filled_by_group, group_target, principle_results

STATUSES = ("covered", "thin", "missing", "no_target")


@dataclass(frozen=True)
class RoleSeats:
    """One role's seats, when the archetype's target sits on its roles."""

    id: str
    index: int  # into the flattened roles (profile order)
    target: int
    ready: int  # people ready for this role
    near: int  # people near this role (attributes hold, not ready for it, fit >= near_fit)

    @property
    def coverage(self) -> float | None:
        return self.ready / self.target if self.target > 0 else None

    @property
    def gap(self) -> int:
        return max(0, self.target - self.ready)


@dataclass(frozen=True)
class ArchetypeResult:
    id: str
    index: int
    target: int
    ready: int
    near: int
    # with targets on the roles: the seats per role, and the most of them filled when each
    # person takes at most one seat of the archetype (a maximum matching)
    roles: tuple[RoleSeats, ...] = ()
    filled: int | None = None

    @property
    def seated(self) -> bool:
        """True when the target is counted in role seats."""
        return self.filled is not None

    @property
    def met(self) -> int:
        """What the target is measured against: the seats filled, or the ready people."""
        return self.filled if self.filled is not None else self.ready

    @property
    def coverage(self) -> float | None:
        return self.met / self.target if self.target > 0 else None

    @property
    def gap(self) -> int:
        return max(0, self.target - self.met)

    @property
    def status(self) -> str:
        if self.target <= 0:
            return "no_target"
        if self.met >= self.target:
            return "covered"
        return "thin" if self.met > 0 else "missing"

    @property
    def depth(self) -> float | None:
        """Bench depth: (ready + near) per target seat."""
        return (self.ready + self.near) / self.target if self.target > 0 else None

    @property
    def empty_roles(self) -> tuple[RoleSeats, ...]:
        """Roles with seats and nobody ready for them."""
        return tuple(r for r in self.roles if r.target > 0 and r.ready == 0)


@dataclass(frozen=True)
class Summary:
    staff: int
    archetypes: tuple[ArchetypeResult, ...]
    ready_people: int = 0  # people ready for at least one archetype
    near_people: int = 0  # people near (and ready for none) for at least one archetype
    principles: tuple[PrincipleResult, ...] = ()

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
class HeldBack:
    """A category's near people (archetypes with a gap) held back by one of its competencies on
    their best role, each counted once, and the levels they lack in it altogether."""

    people: int
    levels: float


@dataclass(frozen=True)
class GroupResult:
    column: str
    value: str
    summary: Summary


def _role_columns(pset: ProfileSet) -> list[list[int]]:
    """Per archetype: its columns in the flattened roles."""
    cols: list[list[int]] = [[] for _ in pset.archetypes]
    r = 0
    for ai, a in enumerate(pset.archetypes):
        for _ in a.roles:
            cols[ai].append(r)
            r += 1
    return cols


def targets(pset: ProfileSet, sizes: np.ndarray, whole: bool) -> tuple[np.ndarray, np.ndarray]:
    """(groups x archetypes, groups x roles) targets for populations of ``sizes``: for the
    whole roster (``whole``, one size) each target resolved on it; for groups a headcount is
    shared by largest remainder and per_staff is ceil(n_g / k). Role columns of archetypes
    whose target sits on the archetype are 0."""
    sizes = np.asarray(sizes, dtype=np.int64)
    k = len(sizes)
    cols = _role_columns(pset)
    R = sum(len(c) for c in cols)
    arch = np.zeros((k, len(pset.archetypes)), dtype=np.int64)
    role = np.zeros((k, R), dtype=np.int64)

    def one(t: Target) -> np.ndarray:
        if whole:
            return np.array([t.resolve(int(n)) for n in sizes.tolist()], dtype=np.int64)
        return group_target(t, sizes)

    for ai, a in enumerate(pset.archetypes):
        if a.target is not None:
            arch[:, ai] = one(a.target)
            continue
        for c, r in zip(cols[ai], a.roles, strict=True):
            if r.target is not None:
                role[:, c] = one(r.target)
        arch[:, ai] = role[:, cols[ai]].sum(axis=1)
    return arch, role


def _archetypes(
    pset: ProfileSet,
    arch_targets: np.ndarray,
    role_targets: np.ndarray,
    ready_counts: np.ndarray,
    near_counts: np.ndarray,
    role_ready_counts: np.ndarray,
    role_near_counts: np.ndarray,
    filled: dict[int, int],
) -> tuple[ArchetypeResult, ...]:
    cols = _role_columns(pset)
    out = []
    for i, a in enumerate(pset.archetypes):
        seated = a.target is None
        out.append(
            ArchetypeResult(
                id=a.id,
                index=i,
                target=int(arch_targets[i]),
                ready=int(ready_counts[i]),
                near=int(near_counts[i]),
                roles=tuple(
                    RoleSeats(
                        id=r.id,
                        index=c,
                        target=int(role_targets[c]),
                        ready=int(role_ready_counts[c]),
                        near=int(role_near_counts[c]),
                    )
                    for c, r in zip(cols[i], a.roles, strict=True)
                )
                if seated
                else (),
                filled=filled.get(i, 0) if seated else None,
            )
        )
    return tuple(out)


def summarize(
    pset: ProfileSet,
    ready: np.ndarray,
    near: np.ndarray,
    role_ready: np.ndarray | None = None,
    role_near: np.ndarray | None = None,
    carrying: np.ndarray | None = None,
) -> Summary:
    """The whole roster's summary from the (people x archetypes) ready and near arrays, the
    (people x roles) ready and near arrays (for role seats) and the (people x principles)
    carriers."""
    n = len(ready)
    any_ready = ready.any(axis=1)
    cols = _role_columns(pset)
    R = sum(len(c) for c in cols)
    if role_ready is None:
        role_ready = np.zeros((n, R), dtype=bool)
    if role_near is None:
        role_near = np.zeros((n, R), dtype=bool)
    arch_t, role_t = targets(pset, np.array([n]), whole=True)
    fills = {
        ai: filled(role_ready[:, cols[ai]], role_t[0, cols[ai]])
        for ai, a in enumerate(pset.archetypes)
        if a.target is None
    }
    principles = pset.principles
    if carrying is None:
        carrying = np.zeros((n, len(principles)), dtype=bool)
    return Summary(
        staff=n,
        archetypes=_archetypes(
            pset, arch_t[0], role_t[0], ready.sum(axis=0), near.sum(axis=0),
            role_ready.sum(axis=0), role_near.sum(axis=0), fills,
        ),
        ready_people=int(any_ready.sum()),
        near_people=int((near.any(axis=1) & ~any_ready).sum()),
        principles=principle_results(principles, carrying, n),
    )


def competencies(
    pset: ProfileSet,
    roster: Roster,
    summary: Summary,
    roles: Sequence[tuple[int, Role]],
    near: np.ndarray,
    best_role: np.ndarray,
) -> tuple[tuple[CompetencyResult, ...], dict[str, HeldBack]]:
    """Supply and demand per competency, and the near people held back per category."""
    X = roster.levels
    # demand per (competency, level): the targets of the archetypes asking it, each archetype's
    # target shared evenly among its roles
    asks: dict[tuple[str, int], dict[int, list[str]]] = {}
    for ai, role in roles:
        for q in role.requirements:
            asks.setdefault((q.competency, q.level), {}).setdefault(ai, []).append(role.id)
    seats = {rs.id: rs.target for a in summary.archetypes for rs in a.roles}
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    # near people of the archetypes with a gap, held back by a requirement of their best role:
    # per competency (people x requirement) and per category (each person once, levels summed)
    blocking = np.zeros(len(roster.competency_ids), dtype=np.int64)
    cat_of = {c.id: c.category for c in pset.catalogue.competencies}
    held = {c.id: np.zeros(len(roster), dtype=bool) for c in pset.catalogue.categories}
    lacking_levels = dict.fromkeys(held, 0.0)
    for cid, rows, lacking in held_back(roles, X, comp_index, near, best_role, summary.archetypes):
        blocking[comp_index[cid]] += len(rows)
        held[cat_of[cid]][rows] = True
        lacking_levels[cat_of[cid]] += float(lacking.sum())
    by_category = {c: HeldBack(int(m.sum()), lacking_levels[c]) for c, m in held.items()}
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
            # (with role seats: the role's own seats)
            demand = sum(
                sum(seats[r] for r in rs)
                if summary.archetypes[ai].seated
                else math.ceil(summary.archetypes[ai].target * len(rs) / len(pset.archetypes[ai].roles))
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
    return tuple(out), by_category


BLANK_GROUP = "(blank)"  # the group of the people without a value in the --by column


def group_values(roster: Roster, column: str) -> pd.Series:
    """The group of every person for ``--by COLUMN``: a standard column (by its English or
    Chinese header: ``--by 部门`` is ``--by department``), or any other column of the export,
    mapped or not, by its header (``--by "Cost Center"``); blank values form "(blank)"."""
    values = _group_column(roster, column)[1]
    return values.astype("str").fillna(BLANK_GROUP).where(values.notna(), BLANK_GROUP)


def group_header(roster: Roster, column: str) -> str:
    """The ``--by`` column as the reports name it: a standard field by its standard name (the
    reports translate it), any other column by its header as the roster spells it
    (``--by grade`` on a roster whose header is ``Grade``: ``Grade``), a mapped standard field
    named by its export header by that header (``--by "cost center"``: ``Cost Center``)."""
    return _group_column(roster, column)[0]


def _group_column(roster: Roster, column: str) -> tuple[str, pd.Series]:
    """(the column's name as reports show it, its values) for ``--by COLUMN``."""
    from ..profiles import normalise_header
    from ..roster import STANDARD_ALIASES

    people = roster.people
    extra = roster.extra if roster.extra is not None else pd.DataFrame(index=people.index)
    key = normalise_header(column)
    values: pd.Series | None = None
    label = column
    if column in people.columns:
        values = people[column]
    elif column in extra.columns:
        values = extra[column]
    else:
        # the export's header of a mapped standard column ("Cost Center" -> department)
        for canon, header in roster.sources.items():
            if canon in people.columns and (header == column or normalise_header(header) == key):
                standard = {normalise_header(a) for a in (canon, *STANDARD_ALIASES.get(canon, ()))}
                label = canon if normalise_header(header) in standard else header
                column, values = canon, people[canon]
                break
    if values is None:
        for canon, aliases in STANDARD_ALIASES.items():
            if key in {normalise_header(a) for a in aliases}:
                column, values, label = canon, people[canon], canon
                break
    if values is None:
        hits = [h for h in extra.columns if normalise_header(h) == key]
        if len(hits) == 1:
            column, values, label = hits[0], extra[hits[0]], str(hits[0])
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
    return label, values


def groups(
    pset: ProfileSet,
    roster: Roster,
    column: str,
    ready: np.ndarray,
    near: np.ndarray,
    role_ready: np.ndarray | None = None,
    role_near: np.ndarray | None = None,
    carrying: np.ndarray | None = None,
) -> tuple[GroupResult, ...]:
    """One summary per value of ``column`` (sorted). per_staff targets against the group's own
    head count; headcount targets are the centre's, shared among the groups by largest
    remainder (:func:`.seats.group_target`)."""
    values = group_values(roster, column)
    codes, uniques = pd.factorize(values, sort=True)
    n = len(ready)
    k = len(uniques)
    A = ready.shape[1]
    cols = _role_columns(pset)
    R = sum(len(c) for c in cols)
    if role_ready is None:
        role_ready = np.zeros((n, R), dtype=bool)
    if role_near is None:
        role_near = np.zeros((n, R), dtype=bool)
    P = len(pset.principles)
    if carrying is None:
        carrying = np.zeros((n, P), dtype=bool)

    def per_group(m: np.ndarray) -> np.ndarray:
        out = np.zeros((k, m.shape[1]), dtype=np.int64)
        if m.shape[1]:
            np.add.at(out, codes, m)
        return out

    ready_counts, near_counts = per_group(ready), per_group(near)
    role_ready_counts, role_near_counts = per_group(role_ready), per_group(role_near)
    carrier_counts = per_group(carrying)
    sizes = np.bincount(codes, minlength=k)
    arch_t, role_t = targets(pset, sizes, whole=False)
    fills = {
        ai: filled_by_group(role_ready[:, cols[ai]], codes, k, role_t[:, cols[ai]])
        for ai, a in enumerate(pset.archetypes)
        if a.target is None
    }
    any_ready = np.bincount(codes, weights=ready.any(axis=1), minlength=k) if A else np.zeros(k)
    any_near = np.bincount(codes, weights=near.any(axis=1) & ~ready.any(axis=1), minlength=k) if A else np.zeros(k)
    return tuple(
        GroupResult(
            column=column,
            value=str(uniques[g]),
            summary=Summary(
                staff=int(sizes[g]),
                archetypes=_archetypes(
                    pset, arch_t[g], role_t[g], ready_counts[g], near_counts[g],
                    role_ready_counts[g], role_near_counts[g],
                    {ai: int(f[g]) for ai, f in fills.items()},
                ),
                ready_people=int(any_ready[g]),
                near_people=int(any_near[g]),
                principles=tuple(
                    PrincipleResult(id=p.id, index=i, carriers=int(carrier_counts[g, i]), staff=int(sizes[g]))
                    for i, p in enumerate(pset.principles)
                ),
            ),
        )
        for g in range(k)
    )
