"""JSON: the versioned contract for scripts (``schema_version`` 1)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .. import __version__
from . import RenderOptions

if TYPE_CHECKING:
    from ..engine import Analysis, ArchetypeResult, Summary

SCHEMA_VERSION = 1


def _num(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(float(x), digits)


def archetype_dict(analysis: Analysis, a: ArchetypeResult) -> dict[str, Any]:
    d = analysis.profiles.archetypes[a.index]
    rule = {"headcount": d.target.headcount} if d.target.headcount is not None else {"per_staff": d.target.per_staff}
    return {
        "id": a.id,
        "name": {"en": d.name.en, "zh": d.name.zh},
        "target": a.target,
        "target_rule": rule,
        "ready": a.ready,
        "near": a.near,
        "coverage": _num(a.coverage),
        "gap": a.gap,
        "status": a.status,
        "depth": _num(a.depth),
    }


def summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "staff": summary.staff,
        "coverage_index": _num(summary.coverage_index),
        "covered": summary.count("covered"),
        "thin": summary.count("thin"),
        "missing": summary.count("missing"),
        "no_target": summary.count("no_target"),
        "ready_people": summary.ready_people,
        "near_people": summary.near_people,
        "total_gap": summary.total_gap,
    }


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
        "archetypes": [archetype_dict(analysis, a) for a in analysis.archetypes],
        "competencies": [
            {
                "id": c.id,
                "name": {"en": pset.competency(c.id).name.en, "zh": pset.competency(c.id).name.zh},
                "category": c.category,
                "assessed": c.assessed,
                "not_assessed": c.not_assessed,
                "mean_level": _num(c.mean_level, 3),
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
    from .insights import json_sections

    out.update(json_sections(analysis))
    if analysis.by:
        out["by"] = analysis.by
        out["groups"] = [
            {
                "column": g.column,
                "value": g.value,
                "summary": summary_dict(g.summary),
                "archetypes": [archetype_dict(analysis, a) for a in g.summary.archetypes],
            }
            for g in analysis.groups
        ]
    return out


def render(analysis: Analysis, options: RenderOptions) -> str:
    return json.dumps(to_dict(analysis, options), ensure_ascii=False, indent=2) + "\n"
