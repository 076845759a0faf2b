"""Sentences the report formats share: who a person is, key-person risks, single points of
failure, the build / buy / borrow plan, the allocation verdict. Plain text, or Markdown-escaped
with ``md=True``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import years
from ..insights import QUICK_LEVELS
from .common import archetype_name, competency_name, grouped, pct, t
from .safe import md_escape as escape

if TYPE_CHECKING:
    from ..engine import Analysis, Exclusive
    from ..insights import Candidate, HireProfile, Insights, PersonRef, Recommendation

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
        parts.append(t("hire.tenure", lang, years=years(p.min_tenure_years, lang)))
    if p.employment_types:
        types = "/".join(t(f"employment.{e}", lang) for e in p.employment_types)
        parts.append(t("hire.employment", lang, types=types))
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
    if gaps and lang == "zh":  # 姓名（编号，能力 3→4）: one full-width colon per line, not two
        p = c.person
        head = p.name if p.name else p.employee_id
        inner = f"{p.employee_id}，{gaps}" if p.name else gaps
        return (escape(head) if md else head) + "（" + (escape(inner) if md and p.name else inner) + "）"
    return f"{who(c.person, md, lang)}{t('punct.colon', lang)}{gaps}" if gaps else who(c.person, md, lang)


def plan_lines(
    analysis: Analysis, rec: Recommendation, lang: str, md: bool = False, people: bool = True
) -> list[str]:
    """The recommendation in a few lines: the reason, who to develop (unless ``people`` is
    False: a report lists them apart), the profile to hire for, an interim."""
    s = rec.seats
    lines = [empty_roles_text(analysis, rec, lang, md)] if rec.empty_roles else []
    lines += [
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
        tail = ("" if lang == "zh" else " ") + t("more", lang, n=more) if more > 0 else ""
        lines.append(t("develop.who", lang) + t("punct.colon", lang) + t("punct.semi", lang).join(shown) + tail)
    if rec.profile is not None:
        key = "contract_for" if s["borrow"] else "hire_for"
        rname = role_name(analysis, rec.profile.role, lang)
        head = t(key, lang, role=escape(rname) if md else rname) + t("punct.colon", lang)
        lines.append(head + profile_text(analysis, rec.profile, lang, md))
    if rec.interim:
        lines.append(t("reason.interim", lang))
    return lines


def empty_roles_text(analysis: Analysis, rec: Recommendation, lang: str, md: bool = False) -> str:
    """The role seats nobody is ready for, with their seats."""
    seats = {rs.id: rs.target for rs in rec.archetype.roles}
    parts = []
    for rid in rec.empty_roles:
        name = role_name(analysis, rid, lang)
        name = escape(name) if md else name
        n = seats.get(rid, 0)
        parts.append(t("seats.role_seat", lang, role=name) if n == 1 else t("seats.role_seats", lang, role=name, n=n))
    return t("seats.empty_roles", lang, roles=t("punct.sep", lang).join(parts))


def action_text(rec: Recommendation, lang: str) -> str:
    # Chinese: the count and its unit after the word, no space (培养1人 + 招聘2人)
    form = "{word} {n}" if lang == "en" else "{word}{n}人"
    parts = [form.format(word=t("action." + k, lang), n=grouped(n)) for k, n in rec.seats.items() if n]
    return " + ".join(parts)


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
