"""A plain-Python reference of the fixed meaning (docs/meaning.md): fit, ready, near, coverage.

Dicts, loops and exact fractions: slow and obviously correct, so the vectorised engine can be
checked against it on random rosters (tests/test_engine_reference.py). Numbers are Fractions
of the decimals as written (a threshold of 0.9 means 9/10), so no rounding is involved.

Inputs are plain data, not sscgap objects:

* ``profile``: ``{"ready_fit": "0.9", "near_fit": "0.7", "archetypes": [{"id", "target":
  {"headcount": n} | {"per_staff": k}, "roles": [{"id", "requirements": [{"competency",
  "level", "weight", "critical"}], "attributes": {"min_tenure_years"?, "employment_types"?}}]}]}``
* ``people``: ``[{"employee_id", "tenure_years": number | None, "employment_type": str | None,
  "levels": {competency: number | None}}]`` (None = blank / not assessed)

Role seats: an archetype may carry its target on every role instead (``"target"`` inside each
role, the archetype's ``"target"`` absent or None). Then the archetype's target is the sum, per
role target / ready / near / coverage / gap are reported, and ``filled`` is found by trying every
way of seating people (each in at most one seat of the archetype, of a role they are ready for).
Principles: ``profile["principles"] = [{"id", "competencies", "level"}]``.
Groups: :func:`analyze_groups` shares headcount targets by largest remainder.
"""

from __future__ import annotations

import math
from fractions import Fraction


def F(x) -> Fraction:
    """The decimal as written (repr of a float is the shortest decimal that round-trips)."""
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def level(person: dict, competency: str) -> Fraction:
    """x_c: the assessed level, 0 when not assessed."""
    x = person["levels"].get(competency)
    return Fraction(0) if x is None else F(x)


def role_fit(person: dict, role: dict) -> Fraction:
    """fit(p,R) = sum(w * min(x_c, L) / L) / sum(w)."""
    num = Fraction(0)
    den = Fraction(0)
    for q in role["requirements"]:
        w = F(q.get("weight", 1))
        L = F(q["level"])
        num += w * min(level(person, q["competency"]), L) / L
        den += w
    return num / den


def attributes_ok(person: dict, role: dict) -> bool:
    """Every attribute requirement holds; a missing value does not hold."""
    attrs = role.get("attributes") or {}
    tenure, types = attrs.get("min_tenure_years"), attrs.get("employment_types")
    if tenure is not None and (
        person["tenure_years"] is None or F(person["tenure_years"]) < F(tenure)
    ):
        return False
    # a missing employment type matches no list
    return types is None or person["employment_type"] in types


def role_ready(person: dict, role: dict, ready_fit: Fraction) -> bool:
    """attributes_ok and every critical x_c >= L and fit >= ready_fit."""
    critical_ok = all(
        level(person, q["competency"]) >= F(q["level"])
        for q in role["requirements"]
        if q.get("critical")
    )
    return attributes_ok(person, role) and critical_ok and role_fit(person, role) >= ready_fit


def role_near(person: dict, role: dict, ready_fit: Fraction, near_fit: Fraction) -> bool:
    """attributes_ok and not ready and fit >= near_fit."""
    return (
        attributes_ok(person, role)
        and not role_ready(person, role, ready_fit)
        and role_fit(person, role) >= near_fit
    )


def best_role(person: dict, archetype: dict, ready_fit: Fraction) -> int:
    """The role to develop towards, as an index into the archetype's roles: a role the person
    is ready for, else one whose attributes hold, else any; among those the best fit; ties:
    the first in profile order."""
    roles = archetype["roles"]

    def rank(r: dict) -> tuple:
        return (role_ready(person, r, ready_fit), attributes_ok(person, r), role_fit(person, r))

    best = 0
    for i in range(1, len(roles)):
        if rank(roles[i]) > rank(roles[best]):  # strictly: the first of equals stays
            best = i
    return best


def best_archetype(row: dict, archetype_ids: list[str]) -> int:
    """A person's best archetype (``row`` as in ``analyze()["people"]``): ready first, then
    near, then fit; ties: the first in profile order."""

    def rank(a: str) -> tuple:
        return (row[a]["ready"], row[a]["near"], row[a]["fit"])

    best = 0
    for i in range(1, len(archetype_ids)):
        if rank(archetype_ids[i]) > rank(archetype_ids[best]):
            best = i
    return best


def resolve(t: dict, population: int) -> int:
    if t.get("headcount") is not None:
        return int(t["headcount"])
    return math.ceil(Fraction(population) / F(t["per_staff"])) if population > 0 else 0


def seated(archetype: dict) -> bool:
    return archetype.get("target") is None


def target(archetype: dict, population: int) -> int:
    if seated(archetype):
        return sum(resolve(r["target"], population) for r in archetype["roles"])
    return resolve(archetype["target"], population)


def best_seating(choices: list[list[int]], seats: list[int]) -> int:
    """The most seats filled: person i takes one of ``choices[i]`` (role indices) or none, role r
    has ``seats[r]`` seats. Every way is tried (memoised on the seats still free)."""
    memo: dict[tuple[int, tuple[int, ...]], int] = {}

    def go(i: int, free: tuple[int, ...]) -> int:
        if i == len(choices):
            return 0
        key = (i, free)
        if key not in memo:
            best = go(i + 1, free)  # person i takes no seat
            for r in choices[i]:
                if free[r] > 0:
                    rest = (*free[:r], free[r] - 1, *free[r + 1 :])
                    best = max(best, 1 + go(i + 1, rest))
            memo[key] = best
        return memo[key]

    return go(0, tuple(seats))


def largest_remainder(total: int, sizes: dict[str, int]) -> dict[str, int]:
    """``total`` shared among groups in proportion to their sizes: everyone gets the whole part
    of their quota, then the seats left go to the largest remainders (ties: the larger group,
    then the group that sorts first)."""
    N = sum(sizes.values())
    if N == 0:
        return dict.fromkeys(sizes, 0)
    quota = {g: Fraction(total * n, N) for g, n in sizes.items()}
    out = {g: math.floor(q) for g, q in quota.items()}
    left = total - sum(out.values())
    ranked = sorted(sizes, key=lambda g: (-(quota[g] - out[g]), -sizes[g], g))
    for g in ranked[:left]:
        out[g] += 1
    return out


def carries(person: dict, principle: dict) -> bool:
    return all(level(person, c) >= F(principle["level"]) for c in principle["competencies"])


def analyze_groups(profile: dict, people: list[dict], column: str) -> dict[str, dict]:
    """:func:`analyze` per group of ``column`` (None = "(blank)"), headcount targets shared."""
    members: dict[str, list[dict]] = {}
    for p in people:
        v = p.get(column)
        members.setdefault("(blank)" if v is None else str(v), []).append(p)
    sizes = {g: len(m) for g, m in members.items()}
    shared: dict[tuple[str, str], dict[str, int]] = {}
    for a in profile["archetypes"]:
        if not seated(a) and a["target"].get("headcount") is not None:
            shared[(a["id"], "")] = largest_remainder(int(a["target"]["headcount"]), sizes)
        for r in a["roles"] if seated(a) else ():
            if r["target"].get("headcount") is not None:
                shared[(a["id"], r["id"])] = largest_remainder(int(r["target"]["headcount"]), sizes)
    return {
        g: analyze(profile, m, shares={k: v[g] for k, v in shared.items()})
        for g, m in members.items()
    }


def analyze(profile: dict, people: list[dict], shares: dict | None = None) -> dict:
    """Per person and archetype: fit, ready, near; per archetype: counts, target, coverage, gap;
    the coverage index; per competency: assessed, not assessed, mean level, people meeting each
    level some role asks for."""
    ready_fit, near_fit = F(profile["ready_fit"]), F(profile["near_fit"])
    per_person = []
    for p in people:
        row = {}
        for a in profile["archetypes"]:
            fits = [role_fit(p, r) for r in a["roles"]]
            ready = any(role_ready(p, r, ready_fit) for r in a["roles"])
            near = not ready and any(role_near(p, r, ready_fit, near_fit) for r in a["roles"])
            row[a["id"]] = {
                "fit": max(fits),
                "ready": ready,
                "near": near,
                "best_role": best_role(p, a, ready_fit),
            }
        per_person.append(row)

    n = len(people)
    shares = shares or {}

    def tgt(t: dict, key: tuple[str, str]) -> int:
        return shares[key] if key in shares else resolve(t, n)

    archetypes = []
    scored = []
    for a in profile["archetypes"]:
        ready = sum(1 for row in per_person if row[a["id"]]["ready"])
        near = sum(1 for row in per_person if row[a["id"]]["near"])
        roles = []
        filled = None
        if seated(a):
            for r in a["roles"]:
                rt = tgt(r["target"], (a["id"], r["id"]))
                rr = sum(1 for p in people if role_ready(p, r, ready_fit))
                rn = sum(1 for p in people if role_near(p, r, ready_fit, near_fit))
                roles.append(
                    {
                        "id": r["id"],
                        "target": rt,
                        "ready": rr,
                        "near": rn,
                        "coverage": Fraction(rr, rt) if rt > 0 else None,
                        "gap": max(0, rt - rr),
                    }
                )
            choices = [
                [i for i, r in enumerate(a["roles"]) if role_ready(p, r, ready_fit)] for p in people
            ]
            filled = best_seating(choices, [r["target"] for r in roles])
            t = sum(r["target"] for r in roles)
            met = filled
        else:
            t = tgt(a["target"], (a["id"], ""))
            met = ready
        coverage = Fraction(met, t) if t > 0 else None
        if coverage is not None:
            scored.append(min(Fraction(1), coverage))
        archetypes.append(
            {
                "id": a["id"],
                "target": t,
                "ready": ready,
                "near": near,
                "coverage": coverage,
                "gap": max(0, t - met),
                "roles": roles,
                "filled": filled,
            }
        )
    principles = [
        {
            "id": pr["id"],
            "carriers": sum(1 for p in people if carries(p, pr)),
            "share": Fraction(sum(1 for p in people if carries(p, pr)), n) if n else None,
        }
        for pr in profile.get("principles", [])
    ]
    coverage_index = sum(scored) / len(scored) if scored else None

    competencies = {}
    asked: dict[str, set[int]] = {}
    for a in profile["archetypes"]:
        for r in a["roles"]:
            for q in r["requirements"]:
                asked.setdefault(q["competency"], set()).add(int(q["level"]))
    for c in profile["competencies"]:
        values = [F(p["levels"][c]) for p in people if p["levels"].get(c) is not None]
        competencies[c] = {
            "assessed": len(values),
            "not_assessed": n - len(values),
            "mean_level": sum(values) / len(values) if values else None,
            "meets": {lv: sum(1 for v in values if v >= lv) for lv in sorted(asked.get(c, ()))},
        }
    return {
        "people": per_person,
        "archetypes": archetypes,
        "coverage_index": coverage_index,
        "competencies": competencies,
        "principles": principles,
    }
