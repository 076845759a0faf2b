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


def target(archetype: dict, population: int) -> int:
    t = archetype["target"]
    if t.get("headcount") is not None:
        return int(t["headcount"])
    return math.ceil(Fraction(population) / F(t["per_staff"])) if population > 0 else 0


def analyze(profile: dict, people: list[dict]) -> dict:
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
    archetypes = []
    scored = []
    for a in profile["archetypes"]:
        ready = sum(1 for row in per_person if row[a["id"]]["ready"])
        near = sum(1 for row in per_person if row[a["id"]]["near"])
        t = target(a, n)
        coverage = Fraction(ready, t) if t > 0 else None
        if coverage is not None:
            scored.append(min(Fraction(1), coverage))
        archetypes.append(
            {
                "id": a["id"],
                "target": t,
                "ready": ready,
                "near": near,
                "coverage": coverage,
                "gap": max(0, t - ready),
            }
        )
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
    }
