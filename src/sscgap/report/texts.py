"""Insights sections for the analyze renderers: bench and key-person risk, category roll-up,
build/buy/borrow recommendations and allocation-aware coverage (terminal, JSON, Markdown)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import t
from ..insights import QUICK_LEVELS
from .common import archetype_name, category_name, competency_name, pct
from .grid import Column, Grid, Line, text_column
from .mdtext import escape
from .mdtext import table as md_table

if TYPE_CHECKING:
    from ..engine import Analysis
    from ..exclusive import Exclusive
    from ..insights import Candidate, HireProfile, Insights, PersonRef, Recommendation

ACTION_STYLE = {"build": "green", "buy": "yellow", "borrow": "cyan"}
SHOWN = 3  # people named per cell in the terminal / Markdown (JSON carries more)


# ---------------------------------------------------------------------------------------------
# Text pieces shared by the formats
# ---------------------------------------------------------------------------------------------


def who(p: PersonRef, md: bool = False, lang: str = "en") -> str:
    text = p.name + t("punct.paren", lang, text=p.employee_id) if p.name else p.employee_id
    return escape(text) if md else text


def level(x: float | None) -> str:
    return "–" if x is None else f"{x:g}"


def risk_text(analysis: Analysis, ins: Insights, index: int, lang: str, md: bool = False) -> str:
    for r in ins.risks:
        if r.archetype.index != index:
            continue
        head = (
            t("risk.single", lang, person=who(r.ready_person, md, lang))
            if r.ready_person
            else t("risk.none_ready", lang)
        )
        tail = t("risk.backup", lang, person=who(r.backup, md, lang)) if r.backup else t("risk.no_backup", lang)
        return head + t("punct.semi", lang) + tail
    return ""


def profile_text(analysis: Analysis, p: HireProfile, lang: str, md: bool = False) -> str:
    def req(c: str, lv: int, crit: bool) -> str:
        name = competency_name(analysis, c, lang)
        return f"{escape(name) if md else name} ≥{lv}" + (t("critical_mark", lang) if crit else "")

    parts = [t("punct.sep", lang).join(req(*q) for q in p.requirements)]
    if p.min_tenure_years is not None:
        parts.append(("司龄 ≥ " if lang == "zh" else "tenure ≥ ") + f"{p.min_tenure_years:g}")
    if p.employment_types:
        types = "/".join(t(f"employment.{e}", lang) for e in p.employment_types)
        parts.append(("用工类型：" if lang == "zh" else "employment: ") + types)
    return t("punct.semi", lang).join(parts)


def role_name(analysis: Analysis, role_id: str, lang: str) -> str:
    for _, role in analysis.roles:
        if role.id == role_id:
            return role.name.get(lang)
    return role_id


def candidate_text(analysis: Analysis, c: Candidate, lang: str, md: bool = False) -> str:
    def name(cid: str) -> str:
        text = competency_name(analysis, cid, lang)
        return escape(text) if md else text

    gaps = t("punct.sep", lang).join(f"{name(g.competency)} {level(g.current)}→{g.required}" for g in c.develop)
    return f"{who(c.person, md, lang)}{t('punct.colon', lang)}{gaps}" if gaps else who(c.person, md, lang)


def plan_lines(
    analysis: Analysis, rec: Recommendation, lang: str, md: bool = False, people: bool = True
) -> list[str]:
    """The recommendation in a few lines: the reason, who to develop (unless ``people`` is
    False: a report lists them apart), the profile to hire for, an interim."""
    s = rec.seats
    lines = [
        t(
            f"reason.{rec.reason}",
            lang,
            near=rec.near,
            gap=rec.gap,
            build=s["build"],
            buy=s["buy"],
            borrow=s["borrow"],
            quick=QUICK_LEVELS,
        )
    ]
    if rec.candidates and people:
        shown = [candidate_text(analysis, c, lang, md) for c in rec.candidates[:SHOWN]]
        more = s["build"] - len(shown)
        tail = f" {t('more', lang, n=more)}" if more > 0 else ""
        lines.append(t("develop.who", lang) + t("punct.colon", lang) + t("punct.semi", lang).join(shown) + tail)
    if rec.profile is not None:
        key = "contract_for" if s["borrow"] else "hire_for"
        rname = role_name(analysis, rec.profile.role, lang)
        head = t(key, lang, role=escape(rname) if md else rname) + t("punct.colon", lang)
        lines.append(head + profile_text(analysis, rec.profile, lang, md))
    if rec.interim:
        lines.append(t("reason.interim", lang))
    return lines


def action_text(rec: Recommendation, lang: str) -> str:
    parts = [f"{t('action.' + k, lang)} {n}" for k, n in rec.seats.items() if n]
    return " + ".join(parts)


# ---------------------------------------------------------------------------------------------
# Terminal (render/grid.py: laid out as Rich would, without its per-cell cost)
# ---------------------------------------------------------------------------------------------


def _table(title: str, *columns: Column) -> Grid:
    return Grid(title, list(columns))


def bench_table(analysis: Analysis, ins: Insights, lang: str) -> Grid:
    table = _table(
        t("title.bench", lang),
        Column("#", "right", style="dim"),
        text_column(t("archetype", lang), lang),
        Column(t("target", lang), "right"),
        Column(t("ready_now", lang), "right"),
        Column(t("near_soon", lang), "right"),
        Column(t("depth", lang), "right"),
        text_column(t("bench", lang), lang),
    )
    style = {"deep": "green", "adequate": "green", "shallow": "yellow", "empty": "bold red", "no_target": "dim"}
    for b in ins.bench:
        a = b.archetype
        table.add_row(
            str(a.index + 1),
            archetype_name(analysis, a, lang),
            str(a.target),
            str(b.ready),
            str(b.near),
            "–" if b.depth is None else f"{b.depth:.1f}",
            ((t(f"bench.{b.strength}", lang), style[b.strength]),),
        )
    return table


def risk_lines(analysis: Analysis, ins: Insights, lang: str, md: bool = False) -> list[str]:
    """One line per archetype at risk, then the single points of failure."""
    out = []
    for r in ins.risks:
        name = archetype_name(analysis, r.archetype, lang)
        text = risk_text(analysis, ins, r.archetype.index, lang, md)
        out.append(f"{escape(name) if md else name}{t('punct.colon', lang)}{text}")
    return out


def spof_line(analysis: Analysis, ins: Insights, lang: str, md: bool = False) -> str:
    if not ins.single_points:
        return t("spof.none", lang)
    names = {a.id: archetype_name(analysis, a, lang) for a in analysis.archetypes}
    sep = t("punct.sep", lang)
    parts = [f"{who(p.person, md, lang)} → {sep.join(names[i] for i in p.archetypes)}" for p in ins.single_points]
    return t("spof", lang) + t("punct.colon", lang) + t("punct.semi", lang).join(parts)


def categories_table(analysis: Analysis, ins: Insights, lang: str) -> Grid:
    table = _table(
        t("title.categories", lang),
        text_column(t("category", lang), lang),
        Column(t("competencies", lang), "right"),
        Column(t("mean_level", lang), "right"),
        Column(t("shortfall", lang), "right"),
        Column(t("held_back", lang), "right"),
        Column(t("levels_to_gain", lang), "right"),
    )
    for c in ins.categories:
        table.add_row(
            category_name(analysis, c.id, lang),
            str(len(c.competencies)),
            "–" if c.mean_level is None else f"{c.mean_level:.1f}",
            str(c.shortfall),
            str(c.held_back),
            f"{c.levels_to_gain:g}",
        )
    return table


def recommendations_table(analysis: Analysis, ins: Insights, lang: str) -> Grid | Line:
    title = t("title.recommendations.exclusive" if ins.exclusive else "title.recommendations", lang)
    if not ins.recommendations:
        return Line(title + t("punct.colon", lang) + t("no_recommendations", lang))
    table = _table(
        title,
        Column("#", "right", style="dim"),
        text_column(t("archetype", lang), lang),
        Column(t("gap", lang), "right"),
        Column(t("action", lang), no_wrap=True),
        text_column(t("plan", lang), lang),
    )
    for rec in ins.recommendations:
        a = rec.archetype
        table.add_row(
            str(a.index + 1),
            archetype_name(analysis, a, lang),
            str(rec.gap),
            ((action_text(rec, lang), ACTION_STYLE[rec.action]),),
            "\n".join(plan_lines(analysis, rec, lang)),
        )
    return table


def _two_lines(header: str) -> str:
    """'Ready (excl.)' -> 'Ready' over '(excl.)', so narrow number columns stay narrow."""
    return header.replace(" (", "\n(").replace("（", "\n（")


def exclusive_table(analysis: Analysis, ex: Exclusive, lang: str) -> Grid:
    table = _table(
        t("title.exclusive", lang),
        Column("#", "right", style="dim"),
        text_column(t("archetype", lang), lang, min_width=20),
        Column(t("target", lang), "right"),
        Column(t("ready", lang), "right"),
        Column(_two_lines(t("ready_exclusive", lang)), "right"),
        Column(t("coverage", lang), "right"),
        Column(_two_lines(t("coverage_exclusive", lang)), "right"),
        Column(_two_lines(t("gap_exclusive", lang)), "right"),
    )
    for e, a in zip(ex.archetypes, analysis.archetypes, strict=True):
        table.add_row(
            str(e.index + 1),
            archetype_name(analysis, a, lang),
            str(e.target),
            str(e.ready),
            str(e.ready_exclusive),
            pct(e.coverage),
            pct(e.coverage_exclusive),
            str(e.gap_exclusive) if e.target else "–",
        )
    return table


def exclusive_verdict(ex: Exclusive, lang: str) -> str:
    return t(
        "exclusive.verdict",
        lang,
        index=pct(ex.coverage_index, 1),
        exclusive=pct(ex.coverage_index_exclusive, 1),
        multi=ex.multi_ready_people,
        filled=ex.seats_filled,
        seats=ex.seats_total,
    )


def table_sections(analysis: Analysis, lang: str) -> list[Grid | Line]:
    """The terminal report's insight sections, in order."""
    ins = analysis.insights
    out: list[Grid | Line] = [bench_table(analysis, ins, lang)]
    risks = risk_lines(analysis, ins, lang)
    if risks:
        out.append(Line(t("risk", lang) + t("punct.colon", lang).rstrip()))
        out += [Line(f"  {line}") for line in risks]
    out += [Line(spof_line(analysis, ins, lang)), Line("")]
    out.append(categories_table(analysis, ins, lang))
    ex = analysis.exclusive
    if ex is not None:
        out += [exclusive_table(analysis, ex, lang), Line(exclusive_verdict(ex, lang)), Line("")]
    out.append(recommendations_table(analysis, ins, lang))
    return out


# ---------------------------------------------------------------------------------------------
# JSON (additive top-level keys; schema_version stays 1)
# ---------------------------------------------------------------------------------------------


def _num(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(float(x), digits)


def _person(p: PersonRef | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"employee_id": p.employee_id, "name": p.name, "fit": _num(p.fit)}


def _shortfall(g) -> dict[str, Any]:
    return {
        "competency": g.competency,
        "current": g.current,
        "required": g.required,
        "critical": g.critical,
        "levels_to_gain": _num(g.levels_to_gain, 3),
        "levels_for_ready": round(g.levels_for_ready, 3),
        "needed_for_ready": g.needed_for_ready,
    }


def json_sections(analysis: Analysis) -> dict[str, Any]:
    ins = analysis.insights
    out: dict[str, Any] = {
        "bench": [
            {
                "id": b.archetype.id,
                "target": b.archetype.target,
                "ready": b.ready,
                "near": b.near,
                "depth": _num(b.depth),
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
                "mean_level": _num(c.mean_level, 3),
                "shortfall": c.shortfall,
                "held_back": c.held_back,
                "levels_to_gain": _num(c.levels_to_gain, 3),
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
                "candidates": [
                    {
                        **(_person(c.person) or {}),
                        "role": c.role,
                        "levels_to_ready": _num(c.levels_to_ready, 3),
                        "develop": [_shortfall(g) for g in c.develop],
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
            "coverage_index": _num(ex.coverage_index),
            "coverage_index_exclusive": _num(ex.coverage_index_exclusive),
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
                    "coverage": _num(e.coverage),
                    "coverage_exclusive": _num(e.coverage_exclusive),
                    "gap_exclusive": e.gap_exclusive,
                }
                for e in ex.archetypes
            ],
        }
    return out


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------


def markdown_sections(analysis: Analysis, lang: str, level: int = 2) -> str:
    """Bench & risk, categories, (exclusive coverage,) recommendations as Markdown sections."""
    ins = analysis.insights
    h = "#" * level
    parts = [f"{h} {t('title.bench', lang)}", ""]
    rows = []
    for b in ins.bench:
        a = b.archetype
        rows.append(
            [
                a.index + 1,
                escape(archetype_name(analysis, a, lang)),
                a.target,
                b.ready,
                b.near,
                "–" if b.depth is None else f"{b.depth:.1f}",
                t(f"bench.{b.strength}", lang),
            ]
        )
    parts.append(
        md_table(
            ["#", t("archetype", lang), t("target", lang), t("ready_now", lang), t("near_soon", lang),
             t("depth", lang), t("bench", lang)],
            rows,
            "rlrrrrl",
        )
    )
    parts.append("")
    risks = risk_lines(analysis, ins, lang, md=True)
    if risks:
        parts += [f"**{t('risk', lang)}**", ""] + [f"- {line}" for line in risks] + [""]
    parts += [spof_line(analysis, ins, lang, md=True), "", f"_{t('bench.note', lang)}_", ""]

    parts += [f"{h} {t('title.categories', lang)}", ""]
    parts.append(
        md_table(
            [t("category", lang), t("competencies", lang), t("mean_level", lang), t("shortfall", lang),
             t("held_back", lang), t("levels_to_gain", lang)],
            [
                [
                    escape(category_name(analysis, c.id, lang)),
                    len(c.competencies),
                    "–" if c.mean_level is None else f"{c.mean_level:.1f}",
                    c.shortfall,
                    c.held_back,
                    f"{c.levels_to_gain:g}",
                ]
                for c in ins.categories
            ],
            "lrrrrr",
        )
    )
    parts += ["", f"_{t('categories.note', lang)}_", ""]

    ex = analysis.exclusive
    if ex is not None:
        parts += [f"{h} {t('title.exclusive', lang)}", ""]
        parts.append(
            md_table(
                ["#", t("archetype", lang), t("target", lang), t("ready", lang), t("ready_exclusive", lang),
                 t("coverage", lang), t("coverage_exclusive", lang), t("gap_exclusive", lang)],
                [
                    [e.index + 1, escape(archetype_name(analysis, a, lang)), e.target, e.ready,
                     e.ready_exclusive, pct(e.coverage), pct(e.coverage_exclusive),
                     e.gap_exclusive if e.target else "–"]
                    for e, a in zip(ex.archetypes, analysis.archetypes, strict=True)
                ],
                "rlrrrrrr",
            )
        )
        parts += ["", exclusive_verdict(ex, lang), ""]

    title = t("title.recommendations.exclusive" if ins.exclusive else "title.recommendations", lang)
    parts += [f"{h} {title}", ""]
    if not ins.recommendations:
        parts += [t("no_recommendations", lang), ""]
    for rec in ins.recommendations:
        a = rec.archetype
        name = escape(archetype_name(analysis, a, lang))
        parts.append(f"- **{name}** — {t('gap', lang)} {rec.gap} · **{action_text(rec, lang)}**")
        parts += [f"  - {line}" for line in plan_lines(analysis, rec, lang, md=True)]
    parts.append("")
    return "\n".join(parts)
