"""``sscgap profiles list / show``: the profile set as terminal text (archetypes, one archetype's
roles and requirements, one competency's 0-5 scale)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from ..i18n import t, years
from . import RenderOptions
from .common import console_text, text_console
from .fit import fit_columns, flow

if TYPE_CHECKING:
    from rich.console import Console

    from ..profiles import ProfileSet


def render_list(pset: ProfileSet, options: RenderOptions) -> str:
    """The archetypes, their roles and default targets, one row each."""
    L = options.lang
    n = len(pset.archetypes)
    count = t("profiles.count.one" if n == 1 else "profiles.count", L, n=n)
    title = f"{pset.settings.name.get(L)} · {count}"
    # the analysis tables' box: rules under the header only, room for the names
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAVY, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column(t("profiles.id", L), no_wrap=True)  # typed in YAML and --targets: kept whole
    for key in ("profiles.name", "profiles.roles", "profiles.target", "profiles.seed"):
        table.add_column(t(key, L))
    for i, a in enumerate(pset.archetypes, 1):
        # zh: the roles' names (an id is English); en: the ids, as YAML and --targets use them
        role = (lambda r: r.name.get(L)) if L == "zh" else (lambda r: r.id)
        seed = f"#{a.seed.point}" if a.seed else ""
        if a.target is not None:  # one target: the roles a line each, beside it
            table.add_row(str(i), a.id, a.name.get(L), "\n".join(map(role, a.roles)), target_text(a.target, L), seed)
            continue
        for k, r in enumerate(a.roles):  # role seats: a row per role, its target beside it
            first = k == 0
            table.add_row(
                str(i) if first else "",
                a.id if first else "",
                a.name.get(L) if first else "",
                role(r),
                target_text(r.target, L),
                seed if first else "",
            )
    console, buf = text_console(options)
    console.print(fit_columns(console, table))
    return console_text(buf, options)


def render_show(pset: ProfileSet, ident: str, options: RenderOptions) -> str | None:
    """One archetype (roles, requirements, target) or one competency (its scale); ``None``
    when ``ident`` is neither."""
    console, buf = text_console(options)  # markup off: names and texts come from YAML files
    if ident in (a.id for a in pset.archetypes):
        _archetype(console, pset, ident, options.lang)
    elif ident in pset.competency_ids:
        _competency(console, pset, ident, options.lang)
    else:
        return None
    return console_text(buf, options)


def _archetype(console: Console, pset: ProfileSet, ident: str, L: str) -> None:
    a = pset.archetype(ident)
    console.print(Text.assemble((a.name.get(L), "bold"), t("punct.paren", L, text=a.id)))
    console.print(flow(a.summary.get(L), console.width, fill=True))
    if a.seed:
        console.print(f"{t('profiles.source', L)}{t('punct.colon', L)}#{a.seed.point} {a.seed.title_zh}")
    if a.target is None:  # role seats: a target on every role
        console.print(f"{t('profiles.target', L)}{t('punct.colon', L)}{t('seats.per_role', L)}")
    for tg, who in [(a.target, "")] if a.target is not None else [(r.target, r.name.get(L)) for r in a.roles]:
        reason = tg.reasoning.get(L) if tg is not None and tg.reasoning else ""
        label = f"  {who}" if who else t("profiles.target", L)
        head = f"{label}{t('punct.colon', L)}{target_text(tg, L)}"
        if reason and L == "zh":  # its own line: a wrap never splits the number from its unit
            console.print(head)
            console.print(flow(reason, console.width, fill=True))
        else:
            console.print(flow(head + (f" — {reason}" if reason else ""), console.width, fill=True))
    for role in a.roles:
        table = Table(title=role.name.get(L) + t("punct.paren", L, text=role.id), title_justify="left")
        table.add_column(t("profiles.competency", L))
        table.add_column(t("profiles.level", L), justify="right")
        table.add_column(t("profiles.weight", L), justify="right")
        table.add_column(t("profiles.critical", L))
        for q in role.requirements:
            table.add_row(
                pset.competency(q.competency).name.get(L) + t("punct.paren", L, text=q.competency),
                str(q.level),
                f"{q.weight:g}",
                t("profiles.yes", L) if q.critical else "",
            )
        console.print(fit_columns(console, table))
        attrs = role.attributes
        if not attrs.empty:
            parts = []
            if attrs.min_tenure_years is not None:
                parts.append(t("profiles.tenure", L, years=years(attrs.min_tenure_years, L)))
            if attrs.employment_types:
                types = t("punct.sep", L).join(t(f"employment.{e}", L) for e in attrs.employment_types)
                parts.append(t("profiles.employment", L, types=types))
            console.print(flow(t("profiles.attributes", L, list=t("punct.semi", L).join(parts)), console.width))


def _competency(console: Console, pset: ProfileSet, ident: str, L: str) -> None:
    c = pset.competency(ident)
    category = pset.category(c.category).name.get(L)
    console.print(Text.assemble((c.name.get(L), "bold"), t("punct.paren", L, text=c.id) + f" · {category}"))
    console.print(flow(c.description.get(L), console.width, fill=True))
    table = Table(title_justify="left")
    table.add_column(t("profiles.level", L), justify="right")
    table.add_column("")
    table.add_column(t("profiles.behaviour", L))
    for s in pset.catalogue.scale:
        table.add_row(str(s.level), s.label.get(L), c.levels[s.level].get(L))
    console.print(fit_columns(console, table))


def target_text(target: object, L: str) -> str:
    """A target as the chosen language says it: "1 per 40 staff", "每 40 人 1 名"."""
    headcount = getattr(target, "headcount", None)
    if headcount is not None:
        return t("target.headcount", L, n=headcount)
    k = getattr(target, "per_staff", None)
    if k is None:
        return ""
    return t("target.per_staff", L, k=f"{k:g}")
