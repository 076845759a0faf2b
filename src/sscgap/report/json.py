"""JSON: the versioned contract for scripts (``schema_version`` 1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import numpy as np

from .._version import __version__
from ..textsafe import for_json
from . import RenderOptions
from .common import insights_of, num, shown_people

if TYPE_CHECKING:
    from ..engine import Analysis, ArchetypeResult, Shortfall, Summary
    from ..insights import PersonRef
    from ..profiles import Target

SCHEMA_VERSION = 1


def _rule(t: Target) -> dict[str, Any]:
    return {"headcount": t.headcount} if t.headcount is not None else {"per_staff": t.per_staff}


def archetype_dict(analysis: Analysis, a: ArchetypeResult) -> dict[str, Any]:
    d = analysis.profiles.archetypes[a.index]
    if d.target is not None:
        rule: dict[str, Any] = _rule(d.target)
    else:  # seats per role
        rule = {"roles": {r.id: _rule(r.target) for r in d.roles if r.target is not None}}
    return {
        "id": a.id,
        "name": {"en": d.name.en, "zh": d.name.zh},
        "target": a.target,
        "target_rule": rule,
        "ready": a.ready,
        "near": a.near,
        "coverage": num(a.coverage),
        "gap": a.gap,
        "status": a.status,
        "depth": num(a.depth),
        # role seats (targets on the roles): per role, and the seats filled (a maximum matching,
        # each person in at most one seat of the archetype); [] and null otherwise
        "roles": [
            {
                "id": r.id,
                "target": r.target,
                "ready": r.ready,
                "near": r.near,
                "coverage": num(r.coverage),
                "gap": r.gap,
            }
            for r in a.roles
        ],
        "filled": a.filled,
    }


def principles_list(analysis: Analysis, summary: Summary) -> list[dict[str, Any]]:
    """Who carries the profile set's principles: every listed competency at or above the level."""
    defs = analysis.profiles.principles
    out = []
    for pr in summary.principles:
        d = defs[pr.index]
        out.append(
            {
                "id": pr.id,
                "name": {"en": d.name.en, "zh": d.name.zh},
                "competencies": list(d.competencies),
                "level": d.level,
                "carriers": pr.carriers,
                "share": num(pr.share),
            }
        )
    return out


def summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "staff": summary.staff,
        "coverage_index": num(summary.coverage_index),
        "covered": summary.count("covered"),
        "thin": summary.count("thin"),
        "missing": summary.count("missing"),
        "no_target": summary.count("no_target"),
        "ready_people": summary.ready_people,
        "near_people": summary.near_people,
        "total_gap": summary.total_gap,
    }


def add_people_ids(out: dict[str, Any], analysis: Analysis, options: RenderOptions) -> None:
    """Who is ready / near per archetype, best fit first.

    Bounded to ``options.top`` ids per list unless ``options.people`` is set (then complete), so
    the default output does not grow with the roster; ``ready`` / ``near`` keep the full counts.
    """
    limit = None if options.people else max(0, options.top)
    out["ids_limit"] = limit
    shown = shown_people(analysis, limit)
    for i, (entry, a) in enumerate(zip(out["archetypes"], analysis.archetypes, strict=True)):
        entry["sourcing"] = analysis.archetype_def(a).sourcing
        entry["ready_ids"] = shown[2 * i].ids
        entry["near_ids"] = shown[2 * i + 1].ids


def people_list(analysis: Analysis) -> list[dict[str, Any]]:
    """One record per person: standard columns, best archetype and fit, ready/near, the gaps."""

    people = analysis.roster.people
    n = len(people)
    arch_ids = np.array([a.id for a in analysis.profiles.archetypes], dtype=object)
    cols: dict[str, list[Any]] = {}
    for c in ("employee_id", "name", "department", "site", "position", "employment_type"):
        col = people[c].astype(object)
        cols[c] = col.where(col.notna(), None).tolist()
    tenure = people["tenure_years"].astype("float64")
    cols["tenure_years"] = [None if v != v else v for v in tenure.tolist()]
    best = analysis.best_archetype
    cols["best_archetype"] = arch_ids[best].tolist() if len(arch_ids) else [None] * n
    cols["best_fit"] = np.round(analysis.best_fit.astype(np.float64), 4).tolist()
    fit = np.round(analysis.fit.astype(np.float64), 4)
    ready_lists: list[list[str]] = [[] for _ in range(n)]
    near_lists: list[list[str]] = [[] for _ in range(n)]
    for a, aid in enumerate(arch_ids):
        for i in np.flatnonzero(analysis.ready[:, a]).tolist():
            ready_lists[i].append(aid)
        for i in np.flatnonzero(analysis.near[:, a]).tolist():
            near_lists[i].append(aid)
    gaps: list[list[dict[str, Any]]] = [[] for _ in range(n)]
    if len(arch_ids):
        best_r = analysis.best_role[np.arange(n), best]
        comp_index = {c: j for j, c in enumerate(analysis.roster.competency_ids)}
        X = analysis.roster.levels
        for r, (_, role) in enumerate(analysis.roles):
            sel = np.flatnonzero(best_r == r)
            if not len(sel):
                continue
            for q in role.requirements:
                col = X[sel, comp_index[q.competency]]
                lacking = np.nan_to_num(col, nan=0.0) < q.level
                for i, v in zip(sel[lacking].tolist(), col[lacking].tolist(), strict=True):
                    gaps[i].append(
                        {
                            "competency": q.competency,
                            "current": None if v != v else v,
                            "required": q.level,
                            "critical": q.critical,
                        }
                    )
        for g in gaps:
            g.sort(key=lambda x: (not x["critical"], -(x["required"] - (x["current"] or 0.0)), x["competency"]))
    fit_rows = fit.tolist()
    out = []
    for i in range(n):
        out.append(
            {
                **{k: v[i] for k, v in cols.items()},
                "fit": dict(zip(arch_ids, fit_rows[i], strict=True)),
                "ready": ready_lists[i],
                "near": near_lists[i],
                "gaps": gaps[i],
            }
        )
    return out


def to_dict(analysis: Analysis, options: RenderOptions | None = None) -> dict[str, Any]:
    pset = analysis.profiles
    roster = analysis.roster
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "sscgap", "version": __version__},
        "inputs": {
            "roster": roster.source,
            "layout": roster.layout,
            "profiles": pset.source,
            "profile_set": {"en": pset.settings.name.en, "zh": pset.settings.name.zh},
        },
        "thresholds": {"ready_fit": analysis.thresholds.ready_fit, "near_fit": analysis.thresholds.near_fit},
        "summary": summary_dict(analysis.summary),
        "principles": principles_list(analysis, analysis.summary),
        "archetypes": [archetype_dict(analysis, a) for a in analysis.archetypes],
        "competencies": [
            {
                "id": c.id,
                "name": {"en": pset.competency(c.id).name.en, "zh": pset.competency(c.id).name.zh},
                "category": c.category,
                "assessed": c.assessed,
                "not_assessed": c.not_assessed,
                "mean_level": num(c.mean_level, 3),
                "blocking": c.blocking,
                "shortfall": c.shortfall,
                "levels": [
                    {
                        "level": ls.level,
                        "meets": ls.meets,
                        "demand": ls.demand,
                        "shortfall": ls.shortfall,
                        "required_by": list(ls.required_by),
                    }
                    for ls in c.levels
                ],
            }
            for c in analysis.competencies
        ],
        "data_quality": {
            "warnings": [f.to_dict() for f in roster.warnings],
            "unknown_columns": list(roster.unknown_columns),
            "missing_competencies": list(roster.missing_competencies),
        },
    }
    out["data_quality"]["rows_skipped"] = int(getattr(roster, "rows_skipped", 0) or 0)
    out["data_quality"].update(reading_quality(roster))
    add_people_ids(out, analysis, options or RenderOptions())
    if options is not None and options.people:
        out["people"] = people_list(analysis)
    out.update(insight_sections(analysis))
    if analysis.by:
        out["by"] = analysis.by
        out["groups"] = [
            {
                "column": g.column,
                "value": g.value,
                "summary": summary_dict(g.summary),
                "principles": principles_list(analysis, g.summary),
                "archetypes": [archetype_dict(analysis, a) for a in g.summary.archetypes],
            }
            for g in analysis.groups
        ]
    return out


def _person(p: PersonRef | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"employee_id": p.employee_id, "name": p.name, "fit": num(p.fit)}


def shortfall_dict(g: Shortfall) -> dict[str, Any]:
    return {
        "competency": g.competency,
        "current": g.current,
        "required": g.required,
        "critical": g.critical,
        "levels_to_gain": num(g.levels_to_gain, 3),
        "levels_for_ready": num(g.levels_for_ready, 3),
        "needed_for_ready": g.needed_for_ready,
    }


def insight_sections(analysis: Analysis) -> dict[str, Any]:
    """Bench, risks, categories, recommendations (and with --exclusive the allocation):
    additive top-level keys, ``schema_version`` stays 1."""
    ins = insights_of(analysis)
    out: dict[str, Any] = {
        "bench": [
            {
                "id": b.archetype.id,
                "target": b.archetype.target,
                "ready": b.ready,
                "near": b.near,
                "depth": num(b.depth),
                "strength": b.strength,
                "ready_now": [_person(p) for p in b.ready_now],
                "next_up": [_person(p) for p in b.next_up],
            }
            for b in ins.bench
        ],
        "risks": {
            "archetypes": [
                {
                    "id": r.archetype.id,
                    "kind": r.kind,
                    "ready": r.archetype.ready,
                    "target": r.archetype.target,
                    "ready_person": _person(r.ready_person),
                    "backup": _person(r.backup),
                }
                for r in ins.risks
            ],
            "single_points": [
                {**(_person(p.person) or {}), "archetypes": list(p.archetypes)} for p in ins.single_points
            ],
        },
        "categories": [
            {
                "id": c.id,
                "name": {
                    "en": analysis.profiles.category(c.id).name.en,
                    "zh": analysis.profiles.category(c.id).name.zh,
                },
                "competencies": list(c.competencies),
                "required": c.required,
                "assessed": c.assessed,
                "mean_level": num(c.mean_level, 3),
                "shortfall": c.shortfall,
                "held_back": c.held_back,
                "levels_to_gain": num(c.levels_to_gain, 3),
            }
            for c in ins.categories
        ],
        "recommendations": [
            {
                "id": r.archetype.id,
                "gap": r.gap,
                "action": r.action,
                "reason": r.reason,
                "seats": dict(r.seats),
                "sourcing": r.sourcing,
                "near": r.near,
                "interim": r.interim,
                "empty_roles": list(r.empty_roles),
                "candidates": [
                    {
                        **(_person(c.person) or {}),
                        "role": c.role,
                        "levels_to_ready": num(c.levels_to_ready, 3),
                        "develop": [shortfall_dict(g) for g in c.develop],
                    }
                    for c in r.candidates
                ],
                "develop": [{"competency": cid, "candidates": n} for cid, n in r.develop],
                "profile": None
                if r.profile is None
                else {
                    "role": r.profile.role,
                    "requirements": [
                        {"competency": c, "level": lv, "critical": crit} for c, lv, crit in r.profile.requirements
                    ],
                    "min_tenure_years": r.profile.min_tenure_years,
                    "employment_types": list(r.profile.employment_types) if r.profile.employment_types else None,
                },
            }
            for r in ins.recommendations
        ],
        "recommendations_basis": "exclusive" if ins.exclusive else "default",
    }
    ex = analysis.exclusive
    if ex is not None:
        out["exclusive"] = {
            "coverage_index": num(ex.coverage_index),
            "coverage_index_exclusive": num(ex.coverage_index_exclusive),
            "seats_total": ex.seats_total,
            "seats_filled": ex.seats_filled,
            "ready_people": ex.ready_people,
            "multi_ready_people": ex.multi_ready_people,
            "classes": ex.classes,
            "archetypes": [
                {
                    "id": e.id,
                    "target": e.target,
                    "ready": e.ready,
                    "ready_exclusive": e.ready_exclusive,
                    "assigned": e.assigned,
                    "surplus": e.surplus,
                    "coverage": num(e.coverage),
                    "coverage_exclusive": num(e.coverage_exclusive),
                    "gap_exclusive": e.gap_exclusive,
                    "filled": e.filled,
                    "roles": [{"id": rid, "target": t, "assigned": n} for rid, t, n in e.roles],
                }
                for e in ex.archetypes
            ],
        }
    return out


def render(analysis: Analysis, options: RenderOptions) -> str:
    return for_json(json.dumps(to_dict(analysis, options), ensure_ascii=False, indent=2)) + "\n"


def reading_quality(roster: Any) -> dict[str, Any]:
    """How the roster was read (added keys): competencies matched, the mapping file, a long
    export's rating history and the self-vs-manager differences."""
    out: dict[str, Any] = {}
    matched = getattr(roster, "matched", None)
    if matched is not None:
        out["competencies_matched"] = {
            "matched": len(matched.found), "of": matched.total, "missing": list(matched.missing)
        }
    if getattr(roster, "mapping", None):
        out["mapping"] = roster.mapping
    q = getattr(roster, "quality", None)
    if q is not None:
        out["ratings"] = {
            "counted": q.ratings,
            "superseded": q.superseded,
            "other_raters": q.other_raters,
            "stale": q.stale,
            "stale_ignored": q.stale_ignored,
            "max_age_days": q.max_age_days,
            "by_rater": dict(q.by_rater),
        }
    gaps = getattr(roster, "rater_gaps", None)
    if gaps is not None:
        out["rater_gaps"] = [
            {"competency": str(r.competency), "people": int(r.people),
             "manager_minus_self": round(float(r.manager_minus_self), 3)}
            for r in gaps.itertuples()
        ]
    return out
