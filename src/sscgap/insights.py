"""From coverage to decisions: bench depth, key-person risk, category roll-up, build/buy/borrow.

A layer above the engine: :func:`compute` takes an :class:`~sscgap.engine.Analysis` and returns
:class:`Insights`, small frozen dataclasses; renderers only format them. Whoever needs them
calls :func:`compute` once (the engine does not). Computations are vectorised over people; the
Python loops run over archetypes, roles and categories, and over the few people named in the
output (bounded by :data:`NAMED`), never over the roster.

What it relies on from the analysis: the summary, the per-competency results, ``roles`` and
the (people x archetypes) arrays ``fit``, ``ready``, ``near`` and ``best_role``, and the
(people x roles) ``role_ready`` / ``role_attrs_ok``.

Recommendation rules (documented in the README, "Recommendations: build, buy or borrow"), for every archetype with a gap:

1. ``borrow`` when the archetype's profile says ``sourcing: borrow`` (external by design, like
   the SSC consultant, or a time-boxed project need): contract the gap, with the profile to
   contract for.
2. Otherwise the **build pool** is the near people; when the profile's default is to hire
   (``sourcing: buy``) only those within :data:`QUICK_LEVELS` levels of ready. Each person is
   developed for at most one archetype: near people are allocated to build seats like
   ``--exclusive`` allocates ready people (as many seats as possible; ties: fewer levels to
   ready). With ``--exclusive``, people who already fill a seat are not in the pool.
3. ``build`` when the pool closes the whole gap (name the people and what to develop);
   ``build`` + ``buy`` when it closes part; ``buy`` when it closes none (hire, with the profile
   to hire for); when nobody is ready today, bridge with an interim until the hire starts.
   The headline action is the one with more seats (ties: build).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine import Analysis, ArchetypeResult, allocate
from .engine.development import Shortfall, effort_from_columns, role_arrays, shortfalls
from .profiles import Role

NAMED = 25  # people named per archetype (build candidates, ready now, next up)
QUICK_LEVELS = 2  # "close": at most this many levels to ready (for archetypes that default to hiring)
ACTIONS = ("build", "buy", "borrow")


# ---------------------------------------------------------------------------------------------
# Result objects
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonRef:
    row: int
    employee_id: str
    name: str | None
    fit: float


@dataclass(frozen=True)
class Bench:
    archetype: ArchetypeResult
    ready_now: tuple[PersonRef, ...]  # best fit first, at most NAMED
    next_up: tuple[PersonRef, ...]  # near people, best fit first, at most NAMED

    @property
    def ready(self) -> int:
        return self.archetype.ready

    @property
    def near(self) -> int:
        return self.archetype.near

    @property
    def depth(self) -> float | None:
        return self.archetype.depth

    @property
    def strength(self) -> str:
        """deep (>= 2 per seat), adequate (>= 1), shallow (> 0), empty, or no_target."""
        d = self.depth
        if d is None:
            return "no_target"
        if d >= 2:
            return "deep"
        if d >= 1:
            return "adequate"
        return "shallow" if d > 0 else "empty"


@dataclass(frozen=True)
class ArchetypeRisk:
    """An archetype (with a target) that has at most one ready person."""

    archetype: ArchetypeResult
    ready_person: PersonRef | None  # the only ready person, or None when nobody is ready
    backup: PersonRef | None  # the best near person: the successor to develop

    @property
    def kind(self) -> str:
        return "single" if self.ready_person is not None else "none_ready"


@dataclass(frozen=True)
class SinglePoint:
    """A person who is the only ready person for one or more archetypes."""

    person: PersonRef
    archetypes: tuple[str, ...]


@dataclass(frozen=True)
class CategoryResult:
    id: str
    competencies: tuple[str, ...]
    required: int  # competencies of the category some role asks for
    assessed: int  # assessed (person, competency) cells
    mean_level: float | None  # over the assessed cells
    shortfall: int  # sum of the competencies' shortfalls (seats short of people at the level)
    held_back: int  # near people (archetypes with a gap) held back by a competency of the category
    levels_to_gain: float  # levels those near people lack in this category, on their best role


@dataclass(frozen=True)
class Candidate:
    person: PersonRef
    role: str
    levels_to_ready: float
    develop: tuple[Shortfall, ...]  # the shortfalls on the shortest way to ready, critical first


@dataclass(frozen=True)
class HireProfile:
    role: str
    requirements: tuple[tuple[str, int, bool], ...]  # (competency, level, critical), critical first
    min_tenure_years: float | None
    employment_types: tuple[str, ...] | None


@dataclass(frozen=True)
class Recommendation:
    archetype: ArchetypeResult
    gap: int  # seats to fill (the exclusive gap when computed with an allocation)
    action: str  # headline: build / buy / borrow
    reason: str  # borrow_by_design / build_bench / buy_no_bench / build_then_buy
    seats: dict[str, int]  # seats per action
    sourcing: str  # the profile's default
    candidates: tuple[Candidate, ...]  # for build: least effort first, at most NAMED
    develop: tuple[tuple[str, int], ...]  # competencies to develop: (id, candidates needing it)
    profile: HireProfile | None  # for buy / borrow
    interim: bool  # nobody ready today: bridge with an interim while hiring
    near: int  # near people for the archetype
    eligible: int  # of them, those who count for its build seats (before sharing)
    empty_roles: tuple[str, ...] = ()  # role seats with nobody ready (role ids, profile order)


@dataclass(frozen=True)
class Insights:
    bench: tuple[Bench, ...]
    risks: tuple[ArchetypeRisk, ...]
    single_points: tuple[SinglePoint, ...]
    categories: tuple[CategoryResult, ...]
    recommendations: tuple[Recommendation, ...]
    exclusive: bool = False  # recommendations sized on the exclusive gaps


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _refs(analysis: Analysis, rows: np.ndarray, archetype: int) -> tuple[PersonRef, ...]:
    return _refs_of(analysis, [(rows, archetype)])[0]


def _refs_of(analysis: Analysis, lists: list[tuple[np.ndarray, int]]) -> list[tuple[PersonRef, ...]]:
    """:func:`_refs` of several ``(rows, archetype)`` lists, their people looked up together."""
    arrays = [np.asarray(rows, dtype=np.intp) for rows, _ in lists]
    every = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.intp)
    if len(every) == 0:
        return [() for _ in lists]
    # only the rows, in one take per column: never a whole column
    people = analysis.roster.people
    ids = list(people["employee_id"].array.take(every))
    names = list(people["name"].array.take(every))
    out, at = [], 0
    for rows, (_, archetype) in zip(arrays, lists, strict=True):
        end = at + len(rows)
        fits = analysis.fit[rows, archetype]
        out.append(
            tuple(
                PersonRef(int(r), str(i), None if _blank(n) else str(n), float(f))
                for r, i, n, f in zip(rows, ids[at:end], names[at:end], fits, strict=True)
            )
        )
        at = end
    return out


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or str(v) in ("", "<NA>", "nan")


EFFORT_BLOCK = 1 << 15  # rows per block of the effort computation


def _efforts(
    analysis: Analysis, rows: np.ndarray, archetypes: list[int], needed: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """For some people and some archetypes: the fewest levels to ready, and the role (index into
    ``analysis.roles``) it is measured on: the least effort among the archetype's roles whose
    attributes hold (a role whose attributes fail cannot be developed into; it only counts when
    none holds). ``needed`` (rows x archetypes, bool) limits the work to the entries that
    matter; the others stay infinite."""
    pset = analysis.profiles
    # the whole roster's arrays, read only where needed (rows and the role's columns)
    roles, ready, attrs = analysis.roles, analysis.role_ready, analysis.role_attrs_ok
    levels, base = analysis.roster.levels, np.asarray(rows, dtype=np.intp)
    comp_index = {c: i for i, c in enumerate(analysis.roster.competency_ids)}
    # column-major: each archetype's column is contiguous
    effort = np.full((len(rows), len(archetypes)), np.inf, order="F")
    role_of = np.full((len(rows), len(archetypes)), -1, dtype=np.int16, order="F")
    column = {a: j for j, a in enumerate(archetypes)}
    open_roles = _open_roles(analysis)
    plans = [
        (r, column[ai], role_arrays(role, comp_index))
        for r, (ai, role) in enumerate(roles)
        if ai in column and r in open_roles
    ]
    ready_fit = pset.thresholds.ready_fit

    for s in range(0, len(rows), EFFORT_BLOCK):
        e = min(len(rows), s + EFFORT_BLOCK)
        # every role for the rows s:e
        for r, j, (idx, L, w, crit) in plans:
            sel = s + (np.arange(e - s) if needed is None else np.flatnonzero(needed[s:e, j]))
            at = base[sel]
            to_ready, _ = effort_from_columns([levels[:, c].take(at) for c in idx], L, w, crit, ready_fit)
            to_ready[ready[:, r].take(at)] = 0.0
            to_ready[~attrs[:, r].take(at)] += 1e6
            col, roles_col = effort[:, j], role_of[:, j]
            better = to_ready < col[sel]
            col[sel[better]] = to_ready[better]
            roles_col[sel[better]] = r
    np.subtract(effort, 1e6, out=effort, where=effort >= 1e6)
    return effort, role_of


def _open_roles(analysis: Analysis) -> set[int]:
    """The roles people are developed towards: every role, except that an archetype with role
    seats develops only towards roles with seats still open (fewer ready than seats), when it
    has any (empty roles are among them)."""
    out = set(range(len(analysis.roles)))
    for a in analysis.archetypes:
        if not a.roles:
            continue
        short = {rs.index for rs in a.roles if rs.gap > 0}
        if short:
            out -= {rs.index for rs in a.roles} - short
    return out


def _role(analysis: Analysis, r: int) -> Role:
    return analysis.roles[r][1]


# ---------------------------------------------------------------------------------------------
# Bench and risk
# ---------------------------------------------------------------------------------------------


def bench(analysis: Analysis) -> tuple[Bench, ...]:
    lists = [(analysis.people_for(a.index, kind, NAMED), a.index) for a in analysis.archetypes for kind in ("ready", "near")]
    refs = _refs_of(analysis, lists)  # every archetype's people looked up together
    return tuple(
        Bench(archetype=a, ready_now=refs[2 * k], next_up=refs[2 * k + 1]) for k, a in enumerate(analysis.archetypes)
    )


def risks(analysis: Analysis) -> tuple[tuple[ArchetypeRisk, ...], tuple[SinglePoint, ...]]:
    """Archetypes with at most one ready person, and the people who are the only ready one."""
    out = []
    single: dict[int, list[str]] = {}
    for a in analysis.archetypes:
        if a.target <= 0 or a.ready > 1:
            continue
        ready_rows = analysis.people_for(a.index, "ready", 1)
        near_rows = analysis.people_for(a.index, "near", 1)
        person = _refs(analysis, ready_rows, a.index)
        out.append(
            ArchetypeRisk(
                archetype=a,
                ready_person=person[0] if person else None,
                backup=(_refs(analysis, near_rows, a.index) or (None,))[0],
            )
        )
        if person:
            single.setdefault(int(ready_rows[0]), []).append(a.id)
    index = {a.id: a.index for a in analysis.archetypes}
    points = []
    for row, ids in single.items():
        ref = _refs(analysis, np.array([row]), index[ids[0]])[0]
        points.append(SinglePoint(person=ref, archetypes=tuple(ids)))
    points.sort(key=lambda p: (-len(p.archetypes), p.person.employee_id))
    return tuple(out), tuple(points)


# ---------------------------------------------------------------------------------------------
# Category roll-up
# ---------------------------------------------------------------------------------------------


def categories(analysis: Analysis) -> tuple[CategoryResult, ...]:
    pset = analysis.profiles
    cat_ids = [c.id for c in pset.catalogue.categories]
    out = []
    by_comp = {c.id: c for c in analysis.competencies}
    for cid in cat_ids:
        comps = [c.id for c in pset.catalogue.competencies if c.category == cid]
        if not comps:
            continue
        results = [by_comp[c] for c in comps]
        assessed = sum(c.assessed for c in results)
        total = sum((c.mean_level or 0.0) * c.assessed for c in results)
        out.append(
            CategoryResult(
                id=cid,
                competencies=tuple(comps),
                required=sum(1 for c in results if c.required),
                assessed=assessed,
                mean_level=total / assessed if assessed else None,
                shortfall=sum(c.shortfall for c in results),
                held_back=analysis.held_back[cid].people,
                levels_to_gain=analysis.held_back[cid].levels,
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Recommendations: build, buy or borrow
# ---------------------------------------------------------------------------------------------


def hire_profile(analysis: Analysis, archetype: ArchetypeResult) -> HireProfile:
    """The role to hire (or contract) for: the archetype's role with the fewest ready people
    (ties: profile order), its requirements critical first, then by level."""
    owned = [r for r, (ai, _) in enumerate(analysis.roles) if ai == archetype.index]
    if len(owned) > 1:
        counts = analysis.role_ready[:, owned].sum(axis=0)
        r = owned[int(np.argmin(counts))]
    else:
        r = owned[0]
    role = _role(analysis, r)
    reqs = sorted(role.requirements, key=lambda q: (not q.critical, -q.level, -q.weight))
    at = role.attributes
    return HireProfile(
        role=role.id,
        requirements=tuple((q.competency, q.level, q.critical) for q in reqs),
        min_tenure_years=at.min_tenure_years,
        employment_types=tuple(at.employment_types) if at.employment_types else None,
    )


@dataclass(frozen=True, eq=False)
class _BuildPlan:
    """Who is developed for which archetype: each near person for at most one."""

    rows: dict[int, np.ndarray]  # archetype index -> rows: the first NAMED least effort first
    effort: dict[int, np.ndarray]  # levels to ready, aligned with rows
    role: dict[int, np.ndarray]  # role index, aligned with rows
    eligible: dict[int, int]  # near people who count for the archetype's build seats
    free: dict[int, int]  # near people not filling a seat elsewhere (the exclusive allocation)


def _build_plan(analysis: Analysis, gaps: dict[int, int], exclude: np.ndarray | None) -> _BuildPlan:
    """Allocate near people to the build seats of the archetypes with a gap (not borrow ones).

    Eligible: near for the archetype, and, when the profile's default is to hire
    (``sourcing: buy``), within :data:`QUICK_LEVELS` levels of ready. Each person is developed
    for at most one archetype; as many seats as possible are filled (the same allocation as
    ``--exclusive``), ties: fewer levels to ready, then higher fit.
    """
    archs = [a for a, g in gaps.items() if g > 0 and analysis.archetype_def(a).sourcing != "borrow"]
    if not archs:
        return _BuildPlan({}, {}, {}, {}, {})
    near = analysis.near[:, archs]
    if exclude is not None:
        near = near & ~exclude[:, None]
    free = {a: int(near[:, j].sum()) for j, a in enumerate(archs)}
    rows = np.flatnonzero(near.any(axis=1))
    if len(rows) == 0:
        return _BuildPlan({}, {}, {}, dict.fromkeys(archs, 0), free)
    near = np.asfortranarray(near[rows])
    effort, role_of = _efforts(analysis, rows, archs, near)
    # column by column (each a contiguous pass): eligible, and the score that breaks ties
    eligible = np.empty_like(near, order="F")
    score = np.empty(near.shape, order="F")
    for j, a in enumerate(archs):
        if analysis.archetype_def(a).sourcing == "buy":
            np.logical_and(near[:, j], effort[:, j] <= QUICK_LEVELS, out=eligible[:, j])
        else:
            eligible[:, j] = near[:, j]
        sc = score[:, j]  # 10 - min(effort, 9) + fit / 100, and 0 where not eligible
        np.divide(analysis.fit[:, a].take(rows), 100.0, out=sc, dtype=np.float64)
        sc += 10.0
        sc -= np.minimum(effort[:, j], 9.0)
        sc[~eligible[:, j]] = 0.0
    alloc = allocate(eligible, score, np.array([gaps[a] for a in archs]))
    plan = _BuildPlan({}, {}, {}, {a: int(eligible[:, j].sum()) for j, a in enumerate(archs)}, free)
    for j, a in enumerate(archs):
        k = np.flatnonzero(alloc.seat & (alloc.assignment == j))
        # the first NAMED in order (fewest levels, then higher fit, then roster order), then the
        # rest as they come: only the first are shown, the others are counted
        e = effort[k, j]
        if len(k) > NAMED:
            head = np.flatnonzero(e <= np.partition(e, NAMED - 1)[NAMED - 1])
        else:
            head = np.arange(len(k))
        head = head[np.lexsort((rows[k[head]], -analysis.fit[rows[k[head]], a], e[head]))][:NAMED]
        rest = np.ones(len(k), dtype=bool)
        rest[head] = False
        order = np.concatenate([k[head], k[rest]])
        plan.rows[a] = rows[order]
        plan.effort[a] = effort[order, j]
        plan.role[a] = role_of[order, j]
    return plan


def _candidates(analysis: Analysis, a: ArchetypeResult, plan: _BuildPlan) -> tuple[Candidate, ...]:
    if a.index not in plan.rows:
        return ()
    comp_index = {c: i for i, c in enumerate(analysis.roster.competency_ids)}
    ready_fit = analysis.thresholds.ready_fit
    out = []
    named = (plan.rows[a.index][:NAMED], plan.effort[a.index][:NAMED], plan.role[a.index][:NAMED])
    people = _refs(analysis, named[0], a.index)  # looked up together
    for person, row, effort, r in zip(people, *named, strict=True):
        role = _role(analysis, int(r))
        gaps = shortfalls(role, analysis.roster.levels[row], comp_index, ready_fit)
        out.append(
            Candidate(
                person=person,
                role=role.id,
                levels_to_ready=float(effort),
                develop=tuple(g for g in gaps if g.needed_for_ready),
            )
        )
    return tuple(out)


def recommend(
    analysis: Analysis, gaps: dict[str, int] | None = None, exclude: np.ndarray | None = None
) -> tuple[Recommendation, ...]:
    """One recommendation per archetype with a gap. ``gaps`` overrides the gap per archetype id
    and ``exclude`` (bool per person) keeps people out of the build pool: both come from the
    exclusive allocation when there is one (people filling a seat are not developed away)."""
    gap_of = {a.index: (a.gap if gaps is None else gaps.get(a.id, a.gap)) for a in analysis.archetypes}
    plan = _build_plan(analysis, gap_of, exclude)
    out = []
    for a in analysis.archetypes:
        gap = gap_of[a.index]
        if gap <= 0:
            continue
        d = analysis.archetype_def(a)
        seats = dict.fromkeys(ACTIONS, 0)
        build = len(plan.rows.get(a.index, ()))
        if d.sourcing == "borrow":
            reason = "borrow_by_design"
            seats["borrow"] = gap
        else:
            seats["build"] = build
            seats["buy"] = gap - build
            if build == gap:
                reason = "build_bench"
            elif build > 0:
                reason = "build_then_buy"
            elif a.near == 0:
                reason = "buy_no_bench"
            elif plan.free.get(a.index, 0) == 0:
                reason = "buy_bench_busy"  # every near person already fills another seat
            elif plan.eligible.get(a.index, 0) == 0:
                reason = "buy_not_close"  # hiring is the default and nobody near is a quick win
            else:
                reason = "buy_bench_taken"  # the near people are developed for other archetypes
        action = max(ACTIONS, key=lambda k: (seats[k], -ACTIONS.index(k)))
        candidates = _candidates(analysis, a, plan)
        develop: dict[str, int] = {}
        for c in candidates:
            for g in c.develop:
                develop[g.competency] = develop.get(g.competency, 0) + 1
        out.append(
            Recommendation(
                archetype=a,
                gap=gap,
                action=action,
                reason=reason,
                seats=seats,
                sourcing=d.sourcing,
                candidates=candidates,
                develop=tuple(sorted(develop.items(), key=lambda kv: (-kv[1], kv[0]))),
                profile=hire_profile(analysis, a) if seats["buy"] or seats["borrow"] else None,
                interim=seats["buy"] > 0 and a.ready == 0,
                near=a.near,
                eligible=plan.eligible.get(a.index, 0),
                empty_roles=tuple(rs.id for rs in a.empty_roles),
            )
        )
    # archetypes with a role nobody is ready for come first (then profile order)
    return tuple(sorted(out, key=lambda r: not r.empty_roles))


def compute(
    analysis: Analysis, gaps: dict[str, int] | None = None, exclude: np.ndarray | None = None
) -> Insights:
    """Bench, key-person risk, category roll-up and recommendations for a whole roster.

    The recommendations are sized on the exclusive allocation's gaps when the analysis has one
    (``analyze(..., exclusive=True)``), and the people filling a seat are kept out of the build
    pool; ``gaps`` / ``exclude`` override that."""
    if gaps is None and exclude is None and analysis.exclusive is not None:
        gaps, exclude = analysis.exclusive.gaps(), analysis.exclusive.allocation.seat
    risk, points = risks(analysis)
    return Insights(
        bench=bench(analysis),
        risks=risk,
        single_points=points,
        categories=categories(analysis),
        recommendations=recommend(analysis, gaps, exclude),
        exclusive=gaps is not None,
    )
