"""``sscgap person``: one person's fit and development plan as a terminal table, Markdown or JSON."""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, NamedTuple

from rich import box
from rich.table import Table
from rich.text import Text

from .._version import __version__
from ..i18n import keys, t, years
from ..textsafe import for_json
from . import RenderOptions
from .common import console_text, pct, text_console
from .fit import fit_columns, flow, unbroken
from .json import SCHEMA_VERSION, shortfall_dict
from .markdown import gfm_table as md_table
from .safe import md_escape as escape

if TYPE_CHECKING:
    from ..engine import Shortfall
    from ..person import ArchetypeFit, AttributeIssue, PersonReport, RoleFit
    from ..profiles import ProfileSet

_KEYS = set(keys())


class PersonView(NamedTuple):
    """What the person renderers format: the profile set and one person's report."""

    profiles: ProfileSet
    report: PersonReport
    # role seats in the whole centre: role id -> (seats, people ready), for archetypes whose
    # target sits on their roles (None: not computed)
    seats: dict[str, tuple[int, int]] | None = None
STATUS_STYLE = {"ready": "green", "near": "yellow", "not": "dim"}


def _level(x: float | None) -> str:
    return "–" if x is None else f"{x:g}"


def _arch_name(pset: ProfileSet, a: ArchetypeFit, lang: str) -> str:
    return pset.archetypes[a.index].name.get(lang)


def _role_name(pset: ProfileSet, a: ArchetypeFit, role_id: str, lang: str) -> str:
    for r in pset.archetypes[a.index].roles:
        if r.id == role_id:
            return r.name.get(lang)
    return role_id


def _comp_name(pset: ProfileSet, cid: str, lang: str) -> str:
    return pset.competency(cid).name.get(lang)


def _employment(value: str, lang: str) -> str:
    key = f"employment.{value}"
    return t(key, lang) if key in _KEYS else value


def _heading(rep: PersonReport, lang: str) -> str:
    f = rep.fields
    parts = [str(f["name"]) + t("punct.paren", lang, text=rep.employee_id) if f.get("name") else rep.employee_id]
    for key in ("position", "department", "site"):
        if f.get(key):
            parts.append(str(f[key]))
    if f.get("tenure_years") is not None:
        tenure = float(f["tenure_years"])  # type: ignore[arg-type]
        parts.append(t("person.tenure", lang, years=years(tenure_shown(tenure), lang)))
    if f.get("employment_type"):
        parts.append(_employment(str(f["employment_type"]), lang))
    return " · ".join(parts)


def tenure_shown(value: float) -> str:
    """Years of service as a person reads them: one decimal, rounded down (a tenure counted from a
    hire date is 14.8775 years: shown 14.8, never rounded up to a minimum it does not meet)."""
    return f"{math.floor(value * 10 + 1e-9) / 10:g}"


def issue_text(issue: AttributeIssue, lang: str) -> str:
    required = issue.required
    actual = t("issue.not_given", lang) if issue.actual is None else issue.actual
    if issue.kind == "employment":
        required = "/".join(_employment(v, lang) for v in required.split("/"))
        if issue.actual is not None:
            actual = _employment(issue.actual, lang)
    elif issue.kind == "tenure":
        required = years(required, lang)
        if issue.actual is not None:
            actual = years(tenure_shown(float(issue.actual)), lang)
    return t(f"issue.{issue.kind}", lang, required=required, actual=actual)


def _levels(x: float) -> str:
    return f"{x:g}"


def _note(r: RoleFit, lang: str, seats: dict[str, tuple[int, int]] | None = None) -> str:
    parts = []
    if r.attribute_issues:
        issues = t("punct.semi", lang).join(issue_text(i, lang) for i in r.attribute_issues)
        parts.append(t("person.attributes", lang, issues=issues))
    if seats and r.role in seats:  # role seats: how the centre stands on this role
        target, ready = seats[r.role]
        key = ("person.seat" if target == 1 else "person.seats") + ("_empty" if target > 0 and ready == 0 else "")
        parts.append(t(key, lang, target=target, ready=ready))
    return t("punct.semi", lang).join(parts)


def _summary_lines(pset: ProfileSet, rep: PersonReport, lang: str) -> list[str]:
    ready = t("punct.sep", lang).join(_arch_name(pset, a, lang) for a in rep.ready_for) or t("person.none", lang)
    best = rep.best
    return [
        t("person.ready_for", lang, list=ready),
        t(
            "person.best",
            lang,
            archetype=_arch_name(pset, best, lang),
            fit=pct(best.fit),
            status=t("status." + best.status, lang),
        ),
    ]


def _plan_head(pset: ProfileSet, a: ArchetypeFit, lang: str) -> str:
    r = a.target_role
    return t(
        "person.plan_line",
        lang,
        archetype=_arch_name(pset, a, lang),
        role=_role_name(pset, a, r.role, lang),
        fit=pct(r.fit),
        status=t("status." + r.status, lang),
        levels=_levels(r.levels_to_ready),
        full=_levels(r.levels_to_full),
    )


def _gap_cells(pset: ProfileSet, g: Shortfall, lang: str) -> list[str]:
    return [
        _comp_name(pset, g.competency, lang),
        _level(g.current),
        str(g.required),
        f"+{g.levels_to_gain:g}",
        t("yes", lang) if g.critical else "",
        f"+{g.levels_for_ready:g}" if g.needed_for_ready else "",
    ]


def _gap_headers(lang: str) -> list[str]:
    return [t("competency", lang), t("current", lang), t("required_level", lang), t("gain", lang),
            t("critical", lang), t("for_ready", lang)]


# ---------------------------------------------------------------------------------------------


def _fit_table(view: PersonView, lang: str) -> Table:
    """The fit per archetype and role."""
    pset, rep = view.profiles, view.report
    table = Table(title=t("title.person", lang), box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column(t("archetype", lang))
    table.add_column(t("role", lang))
    table.add_column(t("fit", lang), justify="right")
    table.add_column(t("status", lang))
    table.add_column(t("levels_to_ready", lang), justify="right")
    table.add_column(t("note", lang))
    for a in rep.archetypes:
        for k, r in enumerate(a.roles):
            table.add_row(
                str(a.index + 1) if k == 0 else "",
                _arch_name(pset, a, lang) if k == 0 else "",
                _role_name(pset, a, r.role, lang),
                pct(r.fit),
                Text(unbroken(t("status." + r.status, lang)), style=STATUS_STYLE[r.status]),  # not yet, whole
                _levels(r.levels_to_ready),
                _note(r, lang, view.seats),
            )
    return table


def render_table(view: PersonView, options: RenderOptions) -> str:
    pset, rep = view.profiles, view.report
    lang = options.lang
    console, buf = text_console(options)
    console.print(flow(Text(_heading(rep, lang), style="bold"), console.width))
    for line in _summary_lines(pset, rep, lang):
        console.print(flow(line, console.width))
    console.print()
    console.print(fit_columns(console, _fit_table(view, lang)))
    console.print(Text(t("title.plan", lang), style="bold"))
    if not rep.plan:
        console.print(t("person.no_plan", lang))
    for i, a in enumerate(rep.plan, 1):
        console.print(flow(f"{i}. {_plan_head(pset, a, lang)}", console.width))
        gaps = Table(box=box.SIMPLE, pad_edge=False, show_edge=False)
        for h, just in zip(_gap_headers(lang), "lrrrlr", strict=True):
            gaps.add_column(h, justify="right" if just == "r" else "left")
        for g in a.target_role.shortfalls:
            gaps.add_row(*_gap_cells(pset, g, lang))
        console.print(fit_columns(console, gaps))
    console.print(flow(Text(t("person.note", lang, ready=pct(rep.ready_fit)), style="dim"), console.width))
    return console_text(buf, options)


def render_markdown(view: PersonView, options: RenderOptions) -> str:
    pset, rep = view.profiles, view.report
    lang = options.lang
    out = [f"# {escape(_heading(rep, lang))}", ""]
    out += [escape(line) + "  " for line in _summary_lines(pset, rep, lang)]
    out += ["", f"## {t('title.person', lang)}", ""]
    rows = []
    for a in rep.archetypes:
        for k, r in enumerate(a.roles):
            rows.append(
                [
                    a.index + 1 if k == 0 else "",
                    escape(_arch_name(pset, a, lang)) if k == 0 else "",
                    escape(_role_name(pset, a, r.role, lang)),
                    pct(r.fit),
                    t("status." + r.status, lang),
                    _levels(r.levels_to_ready),
                    escape(_note(r, lang, view.seats)),
                ]
            )
    out.append(
        md_table(
            ["#", t("archetype", lang), t("role", lang), t("fit", lang), t("status", lang),
             t("levels_to_ready", lang), t("note", lang)],
            rows,
            "rllrlrl",
        )
    )
    out += ["", f"## {t('title.plan', lang)}", ""]
    if not rep.plan:
        out += [t("person.no_plan", lang), ""]
    for i, a in enumerate(rep.plan, 1):
        out += [f"### {i}. {escape(_plan_head(pset, a, lang))}", ""]
        out.append(
            md_table(
                _gap_headers(lang),
                [[escape(c) if k == 0 else c for k, c in enumerate(_gap_cells(pset, g, lang))]
                 for g in a.target_role.shortfalls],
                "lrrrlr",
            )
        )
        out.append("")
    out += [f"_{t('person.note', lang, ready=pct(rep.ready_fit))}_", ""]
    return "\n".join(out)


def _role(r: RoleFit, seats: dict[str, tuple[int, int]] | None = None) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if seats and r.role in seats:
        extra["seats"] = {"target": seats[r.role][0], "ready": seats[r.role][1]}
    return extra | {
        "id": r.role,
        "fit": round(r.fit, 4),
        "status": r.status,
        "attributes_ok": r.attributes_ok,
        "attribute_issues": [
            {"kind": i.kind, "required": i.required, "actual": i.actual} for i in r.attribute_issues
        ],
        "levels_to_ready": round(r.levels_to_ready, 3),
        "levels_to_full": round(r.levels_to_full, 3),
        "gaps": [shortfall_dict(g) for g in r.shortfalls],
    }


def to_dict(pset: ProfileSet, rep: PersonReport, seats: dict[str, tuple[int, int]] | None = None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "sscgap", "version": __version__},
        "thresholds": {"ready_fit": rep.ready_fit, "near_fit": rep.near_fit},
        "person": {"employee_id": rep.employee_id, **rep.fields},
        "ready_for": [a.id for a in rep.ready_for],
        "best_archetype": rep.best.id,
        "archetypes": [
            {
                "id": a.id,
                "name": {"en": pset.archetypes[a.index].name.en, "zh": pset.archetypes[a.index].name.zh},
                "fit": round(a.fit, 4),
                "status": a.status,
                "target_role": a.target_role.role,
                "levels_to_ready": round(a.levels_to_ready, 3),
                "roles": [_role(r, seats) for r in a.roles],
            }
            for a in rep.archetypes
        ],
        "plan": [
            {
                "archetype": a.id,
                "role": a.target_role.role,
                "fit": round(a.target_role.fit, 4),
                "status": a.status,
                "levels_to_ready": round(a.levels_to_ready, 3),
                "levels_to_full": round(a.target_role.levels_to_full, 3),
                "gaps": [shortfall_dict(g) for g in a.target_role.shortfalls],
            }
            for a in rep.plan
        ],
    }


def render_json(view: PersonView, options: RenderOptions) -> str:
    pset, rep = view.profiles, view.report
    return for_json(json.dumps(to_dict(pset, rep, view.seats), ensure_ascii=False, indent=2)) + "\n"
