"""Two roster snapshots compared: coverage before -> after, and where the change came from.

People are matched by ``employee_id`` (as text). Both snapshots are analysed with the same
profiles; ``per_staff`` targets resolve against each snapshot's own head count. Per archetype
the change in ready people decomposes exactly:

``ready_after - ready_before = joined - left + developed - lost``

where *joined* / *left* are joiners / leavers ready for it, *developed* are people in both
snapshots who became ready for it and *lost* those who no longer are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .engine import Analysis, ArchetypeResult
from .errors import Finding
from .roster import Roster

TOLERANCE = 1e-9


@dataclass(frozen=True)
class ArchetypeDelta:
    id: str
    index: int
    before: ArchetypeResult
    after: ArchetypeResult
    joined: int  # joiners ready for it
    left: int  # leavers who were ready for it
    developed: int  # stayers who became ready for it
    lost: int  # stayers who are no longer ready for it

    @property
    def ready_delta(self) -> int:
        return self.after.ready - self.before.ready

    @property
    def near_delta(self) -> int:
        return self.after.near - self.before.near

    @property
    def coverage_delta(self) -> float | None:
        if self.before.coverage is None or self.after.coverage is None:
            return None
        return self.after.coverage - self.before.coverage


@dataclass(frozen=True)
class CompetencyDelta:
    id: str
    category: str
    mean_before: float | None
    mean_after: float | None
    stayers: int  # people in both snapshots assessed in both
    stayers_delta: float | None  # mean change among them: development, without turnover

    @property
    def delta(self) -> float | None:
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before

    @property
    def moved(self) -> float:
        """How far the level moved: the larger of the change of the mean and the stayers' change."""
        return max(abs(self.delta or 0.0), abs(self.stayers_delta or 0.0))


@dataclass(frozen=True, eq=False)
class SnapshotDiff:
    before: Analysis
    after: Analysis
    archetypes: tuple[ArchetypeDelta, ...]
    competencies: tuple[CompetencyDelta, ...]  # moved most first
    joiners: np.ndarray  # rows of ``after``
    leavers: np.ndarray  # rows of ``before``
    stayers_after: np.ndarray  # rows of ``after`` present in both
    stayers_before: np.ndarray  # the same people's rows in ``before``
    gained: np.ndarray  # bool (stayers, A): became ready
    lost: np.ndarray  # bool (stayers, A): no longer ready

    @property
    def coverage_before(self) -> float | None:
        return self.before.summary.coverage_index

    @property
    def coverage_after(self) -> float | None:
        return self.after.summary.coverage_index

    @property
    def coverage_delta(self) -> float | None:
        if self.coverage_before is None or self.coverage_after is None:
            return None
        return self.coverage_after - self.coverage_before

    def people(self, kind: str, limit: int | None = None) -> list[dict]:
        """joiners / leavers: ``[{employee_id, name, ready_for}]``; became_ready / lost_readiness:
        ``[{employee_id, name, archetypes}]``, in roster order (of the newer snapshot for stayers)."""
        ids = [a.id for a in self.after.archetypes]
        if kind in ("joiners", "leavers"):
            an, rows = (self.after, self.joiners) if kind == "joiners" else (self.before, self.leavers)
            rows = rows[:limit]
            key, flags = "ready_for", an.ready[rows]
        else:
            mask = self.gained if kind == "became_ready" else self.lost
            which = np.flatnonzero(mask.any(axis=1))[:limit]
            an, rows = self.after, self.stayers_after[which]
            key, flags = "archetypes", mask[which]
        who = _who(an, rows)
        return [{**w, key: [ids[a] for a in np.flatnonzero(f)]} for w, f in zip(who, flags, strict=True)]

    def count(self, kind: str) -> int:
        return {
            "joiners": len(self.joiners),
            "leavers": len(self.leavers),
            "stayers": len(self.stayers_after),
            "became_ready": int(self.gained.any(axis=1).sum()),
            "lost_readiness": int(self.lost.any(axis=1).sum()),
        }[kind]

    def regressions(self) -> list[Regression]:
        """What fell: the coverage index, and every archetype whose ready count fell."""
        out = []
        b, a = self.coverage_before, self.coverage_after
        if b is not None and a is not None and a < b - TOLERANCE:
            out.append(Regression("coverage_index", None, b, a))
        for d in self.archetypes:
            if d.ready_delta < 0:
                out.append(Regression("ready", d.id, d.before.ready, d.after.ready))
        return out


@dataclass(frozen=True)
class Regression:
    kind: str  # coverage_index / ready
    archetype: str | None
    before: float
    after: float

    def __str__(self) -> str:
        if self.kind == "coverage_index":
            return f"coverage index fell from {100 * self.before:.1f}% to {100 * self.after:.1f}%"
        return f"{self.archetype}: ready fell from {self.before:g} to {self.after:g}"


def _who(analysis: Analysis, rows: np.ndarray) -> list[dict]:
    """``[{employee_id, name}]`` for some rows (only those rows are converted)."""
    people = analysis.roster.people
    rows = np.asarray(rows, dtype=np.intp)
    ids = people["employee_id"].iloc[rows].to_numpy(dtype=object)
    names = people["name"].iloc[rows].to_numpy(dtype=object)
    return [
        {"employee_id": str(i), "name": None if pd.isna(n) else str(n)} for i, n in zip(ids, names, strict=True)
    ]


def align_ids(before: Roster, after: Roster) -> tuple[Roster, Roster]:
    """The two snapshots with one spelling of each id, when one of them lost the leading zeros.

    An id typed into a number cell (Excel, a CSV opened and saved in Excel) loses its leading
    zeros: ``000101`` comes back as ``101``. When every id of both snapshots is digits, one
    snapshot's ids have leading zeros and none of the other's do, and the other's match more
    people once the zeros are ignored, the other's ids take the first's spelling (people in
    only one snapshot are padded to its width when all its ids have one), with a warning on
    it. Otherwise nothing changes: people are matched by ``employee_id`` as written."""
    old = before.people["employee_id"].astype(str)
    new = after.people["employee_id"].astype(str)
    if old.empty or new.empty:
        return before, after
    digits = r"[0-9]+"
    if not (old.str.fullmatch(digits).all() and new.str.fullmatch(digits).all()):
        return before, after
    padded_old, padded_new = (old.str.len().gt(1) & old.str.startswith("0")), (
        new.str.len().gt(1) & new.str.startswith("0")
    )
    if padded_old.any() and not padded_new.any():
        keep, lost, lost_is_new = old, new, True
    elif padded_new.any() and not padded_old.any():
        keep, lost, lost_is_new = new, old, False
    else:
        return before, after
    stripped = keep.str.lstrip("0").replace("", "0")
    if not stripped.is_unique:  # 0101 and 00101 in one snapshot: not one person each
        return before, after
    spelling = pd.Series(keep.to_numpy(), index=stripped.to_numpy())
    matched = lost.map(spelling)
    exact = int(pd.Index(keep).isin(lost).sum())
    if int(matched.notna().sum()) <= exact:
        return before, after
    widths = keep.str.len()
    width = int(widths.iloc[0])
    rest = lost.str.zfill(width) if (widths == width).all() else lost
    fixed = matched.fillna(rest)
    example = int(np.flatnonzero(matched.notna().to_numpy())[0])
    changed, other = (after, before) if lost_is_new else (before, after)
    note = Finding(
        "warning",
        changed.source,
        f"its employee ids are numbers without leading zeros ({lost.iloc[example]}) and those of "
        f"{other.source} have them ({fixed.iloc[example]}): people are matched with the zeros "
        f"({int(matched.notna().sum()):,} of {len(lost):,})",
        column="employee_id",
        hint="keep employee_id as text in the export (a number cell drops the zeros)",
    )
    people = changed.people.copy()
    people["employee_id"] = pd.Series(fixed.to_numpy(), index=people.index, dtype=people["employee_id"].dtype)
    changed = replace(changed, people=people, findings=[*changed.findings, note])
    return (before, changed) if lost_is_new else (changed, after)


def compare(before: Analysis, after: Analysis) -> SnapshotDiff:
    """Compare two analyses of the same profile set (older first)."""
    if [a.id for a in before.archetypes] != [a.id for a in after.archetypes] or (
        before.roster.competency_ids != after.roster.competency_ids
    ):
        raise ValueError("both snapshots must be analysed with the same profiles")
    old_ids = pd.Index(before.roster.people["employee_id"].astype(str))
    new_ids = pd.Index(after.roster.people["employee_id"].astype(str))
    where_old = old_ids.get_indexer(new_ids)  # for every new row: its old row, or -1
    stay_new = np.flatnonzero(where_old >= 0)
    stay_old = where_old[stay_new]
    joiners = np.flatnonzero(where_old < 0)
    in_new = np.zeros(len(old_ids), dtype=bool)
    in_new[stay_old] = True
    leavers = np.flatnonzero(~in_new)

    r_old = before.ready[stay_old]
    r_new = after.ready[stay_new]
    gained = r_new & ~r_old
    lost = r_old & ~r_new
    deltas = tuple(
        ArchetypeDelta(
            id=b.id,
            index=b.index,
            before=b,
            after=a,
            joined=int(after.ready[joiners, b.index].sum()),
            left=int(before.ready[leavers, b.index].sum()),
            developed=int(gained[:, b.index].sum()),
            lost=int(lost[:, b.index].sum()),
        )
        for b, a in zip(before.archetypes, after.archetypes, strict=True)
    )

    # NaN (not assessed) in either snapshot makes the difference NaN: only people assessed in
    # both count; levels are whole or tenths, so float32 differences sum exactly enough
    step = after.roster.levels[stay_new] - before.roster.levels[stay_old]
    n_both = (~np.isnan(step)).sum(axis=0)
    change = np.asarray(np.nansum(step, axis=0, dtype=np.float64))
    comps = []
    for j, (cb, ca) in enumerate(zip(before.competencies, after.competencies, strict=True)):
        comps.append(
            CompetencyDelta(
                id=cb.id,
                category=cb.category,
                mean_before=cb.mean_level,
                mean_after=ca.mean_level,
                stayers=int(n_both[j]),
                stayers_delta=float(change[j] / n_both[j]) if n_both[j] else None,
            )
        )
    comps.sort(key=lambda c: (-c.moved, c.id))
    return SnapshotDiff(
        before=before,
        after=after,
        archetypes=deltas,
        competencies=tuple(comps),
        joiners=joiners,
        leavers=leavers,
        stayers_after=stay_new,
        stayers_before=stay_old,
        gained=gained,
        lost=lost,
    )
