"""One person: fit for every archetype and role, and a development plan towards the closest ones.

Only the person's row is scored (the engine's :func:`~sscgap.engine.score_roles` on a one-row
roster), so this never depends on the per-role arrays of a whole-roster analysis and costs the
same for 10 or 1,000,000 people (apart from reading the file).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .engine import score_roles
from .engine.development import Shortfall, role_effort, shortfalls
from .errors import UsageError
from .mapping.headers import has_left
from .profiles import ProfileSet, Role
from .roster import Roster

POOL = 5000  # ids compared by similarity at most
PLAN_SIZE = 3  # archetypes in the development plan
STANDARD_FIELDS = ("name", "department", "site", "position", "tenure_years", "employment_type")


@dataclass(frozen=True)
class AttributeIssue:
    """An attribute requirement the person does not meet (it cannot be developed)."""

    kind: str  # tenure / employment
    required: str  # "3" (years, a minimum) or "internal/external"
    actual: str | None  # None = not given in the roster


@dataclass(frozen=True)
class RoleFit:
    archetype: str
    role: str
    role_index: int  # index into the flattened roles of the profile set
    fit: float
    ready: bool
    near: bool
    attributes_ok: bool
    attribute_issues: tuple[AttributeIssue, ...]
    levels_to_ready: float  # fewest levels to gain to be ready (competencies only)
    levels_to_full: float  # levels to gain to meet every requirement
    shortfalls: tuple[Shortfall, ...]  # critical first, then the ones needed for ready

    @property
    def status(self) -> str:
        return "ready" if self.ready else "near" if self.near else "not"


@dataclass(frozen=True)
class ArchetypeFit:
    id: str
    index: int
    fit: float  # best fit over the roles
    status: str  # ready / near / not
    roles: tuple[RoleFit, ...]
    target_role: RoleFit  # where the person is ready, else the least effort among roles they may hold

    @property
    def levels_to_ready(self) -> float:
        return 0.0 if self.status == "ready" else self.target_role.levels_to_ready

    @property
    def attributes_ok(self) -> bool:
        return any(r.attributes_ok for r in self.roles)


@dataclass(frozen=True)
class PersonReport:
    employee_id: str
    row: int  # 0-based row in the roster
    fields: dict[str, object]  # name, department, ... (None when blank)
    archetypes: tuple[ArchetypeFit, ...]  # profile order
    plan: tuple[ArchetypeFit, ...]  # up to three archetypes not yet ready, least effort first
    ready_fit: float
    near_fit: float

    @property
    def name(self) -> str | None:
        value = self.fields.get("name")
        return None if value is None else str(value)

    @property
    def ready_for(self) -> tuple[ArchetypeFit, ...]:
        return tuple(a for a in self.archetypes if a.status == "ready")

    @property
    def best(self) -> ArchetypeFit:
        """Best archetype with the engine's rule: ready first, then near, then fit; ties: profile order."""
        rank = {"ready": 2, "near": 1, "not": 0}
        return max(self.archetypes, key=lambda a: (rank[a.status], a.fit, -a.index))


# ---------------------------------------------------------------------------------------------
# Finding the person
# ---------------------------------------------------------------------------------------------


def closest_ids(ids: np.ndarray, query: str, n: int = 3) -> list[str]:
    """The ids closest to ``query``: same id but for case / leading zeros first, then by
    similarity. Candidates are narrowed by length and prefix first, so this stays quick on a
    million ids."""
    ids = np.asarray(ids, dtype=object)
    q = query.strip()
    exactish = [str(i) for i in ids[_normalised(ids) == _normalise(q)]][:n]
    import pandas as pd

    lengths = pd.Series(ids, dtype="str").str.len().to_numpy(dtype=np.int64)
    pool = ids[np.abs(lengths - len(q)) <= 2].astype(str)
    if len(pool) > POOL:
        # keep the ids sharing the longest prefix, and those sharing the longest suffix, with q
        pool = np.union1d(_narrow(pool, q, np.char.startswith), _narrow(pool, q, np.char.endswith))
    similar = _ranked(q, pool, n)
    out = list(dict.fromkeys(exactish + similar))
    return out[:n]


def _ranked(q: str, pool: np.ndarray, n: int, cutoff: float = 0.5) -> list[str]:
    """The ``n`` most similar ids: by similarity ratio, then the longest common prefix, then the
    closest length, then the id."""
    scored = []
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(q)
    for c in pool:
        c = str(c)
        matcher.set_seq1(c)
        if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
            continue
        r = matcher.ratio()
        if r >= cutoff:
            prefix = next((k for k, (x, y) in enumerate(zip(q, c, strict=False)) if x != y), min(len(q), len(c)))
            scored.append((-r, -prefix, abs(len(c) - len(q)), c))
    return [c for *_, c in sorted(scored)[:n]]


def _narrow(pool: np.ndarray, q: str, match: Callable[[np.ndarray, str], np.ndarray]) -> np.ndarray:
    for k in range(1, len(q) + 1):
        part = q[:k] if match is np.char.startswith else q[-k:]
        narrowed = pool[match(pool, part)]
        if len(narrowed) == 0:
            break
        pool = narrowed
        if len(pool) <= POOL:
            break
    return pool[:POOL]


def _normalise(text: str) -> str:
    return text.strip().casefold().lstrip("0") or "0"


def _normalised(ids: np.ndarray) -> np.ndarray:
    import pandas as pd

    s = pd.Series(ids, dtype="str").str.strip().str.casefold().str.lstrip("0")
    return s.where(s.str.len() > 0, "0").to_numpy(dtype=object)


def find_row(roster: Roster, employee_id: str) -> int:
    """The roster row of an employee id (compared as text, surrounding spaces ignored)."""
    column = roster.people["employee_id"]
    hits = np.flatnonzero((column == employee_id.strip()).to_numpy(dtype=bool, na_value=False))
    if len(hits):
        return int(hits[0])
    status = roster.left.get(employee_id.strip()) if roster.left is not None else None
    if status is not None:  # skipped as a leaver (or not joined yet): say so, not "no such id"
        what = "has left" if has_left(status) else "has not joined yet"
        raise UsageError(f"{roster.source}: employee_id {employee_id.strip()!r} {what} (status {status!r}): not in the analysis")
    near = closest_ids(column.to_numpy(dtype=object), employee_id)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise UsageError(f"{roster.source}: no employee_id {employee_id!r}{hint}")


# ---------------------------------------------------------------------------------------------
# Scoring one row
# ---------------------------------------------------------------------------------------------


def one_row(roster: Roster, row: int) -> Roster:
    """A one-person roster (same columns) for scoring a single row."""
    people = roster.people.iloc[[row]].reset_index(drop=True)
    return replace(roster, people=people, levels=roster.levels[[row]], findings=[])


def _attribute_issues(role: Role, fields: dict[str, object]) -> tuple[AttributeIssue, ...]:
    a = role.attributes
    out = []
    if a.min_tenure_years is not None:
        tenure = fields.get("tenure_years")
        if tenure is None or float(tenure) < a.min_tenure_years:  # type: ignore[arg-type]
            actual = None if tenure is None else f"{float(tenure):g}"  # type: ignore[arg-type]
            out.append(AttributeIssue("tenure", f"{a.min_tenure_years:g}", actual))
    if a.employment_types is not None:
        et = fields.get("employment_type")
        if et not in a.employment_types:
            out.append(AttributeIssue("employment", "/".join(a.employment_types), None if et is None else str(et)))
    return tuple(out)


def _fields(roster: Roster, row: int) -> dict[str, object]:
    rec = roster.people.iloc[row]
    out: dict[str, object] = {}
    for c in STANDARD_FIELDS:
        v = rec.get(c)
        if _isna(v):
            out[c] = None
        else:
            out[c] = float(v) if c == "tenure_years" else str(v)  # type: ignore[arg-type]
    return out


def _isna(v: object) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(v))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def person_report(pset: ProfileSet, roster: Roster, employee_id: str) -> PersonReport:
    """Fit, status and development gaps of one person for every archetype and role."""
    row = find_row(roster, employee_id)
    single = one_row(roster, row)
    sc = score_roles(pset, single)
    roles, fit, ready, near, attrs = sc.roles, sc.role_fit, sc.role_ready, sc.role_near, sc.role_attrs_ok
    assert fit is not None and near is not None
    fields = _fields(roster, row)
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    th = pset.thresholds
    X = single.levels
    role_fits: list[RoleFit] = []
    for r, (ai, role) in enumerate(roles):
        to_ready, to_full = role_effort(role, X, comp_index, th.ready_fit)
        role_fits.append(
            RoleFit(
                archetype=pset.archetypes[ai].id,
                role=role.id,
                role_index=r,
                fit=float(fit[0, r]),
                ready=bool(ready[0, r]),
                near=bool(near[0, r]),
                attributes_ok=bool(attrs[0, r]),
                attribute_issues=() if attrs[0, r] else _attribute_issues(role, fields),
                levels_to_ready=0.0 if ready[0, r] else float(to_ready[0]),
                levels_to_full=float(to_full[0]),
                shortfalls=tuple(shortfalls(role, X[0], comp_index, th.ready_fit)),
            )
        )
    archetypes = []
    for ai, a in enumerate(pset.archetypes):
        mine = tuple(rf for rf, (owner, _) in zip(role_fits, roles, strict=True) if owner == ai)
        is_ready = any(r.ready for r in mine)
        is_near = not is_ready and any(r.near for r in mine)
        # the role to aim for: a ready one; else the least effort among roles whose attributes
        # hold (else among all); ties: higher fit, then profile order
        pool = [r for r in mine if r.ready] or [r for r in mine if r.attributes_ok] or list(mine)
        target = min(pool, key=lambda r: (r.levels_to_ready, -r.fit, r.role_index))
        archetypes.append(
            ArchetypeFit(
                id=a.id,
                index=ai,
                fit=max(r.fit for r in mine),
                status="ready" if is_ready else "near" if is_near else "not",
                roles=mine,
                target_role=target,
            )
        )
    candidates = [a for a in archetypes if a.status != "ready" and a.attributes_ok]
    candidates.sort(key=lambda a: (a.levels_to_ready, a.target_role.levels_to_full, -a.fit, a.index))
    return PersonReport(
        employee_id=str(roster.people["employee_id"].iloc[row]),
        row=row,
        fields=fields,
        archetypes=tuple(archetypes),
        plan=tuple(candidates[:PLAN_SIZE]),
        ready_fit=th.ready_fit,
        near_fit=th.near_fit,
    )
