"""``sscgap profiles list / show``: the profile set as terminal text (archetypes, one archetype's
roles and requirements, one competency's 0-5 scale)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..i18n import t
from . import RenderOptions
from .common import text_console

if TYPE_CHECKING:
    from rich.console import Console

    from ..profiles import ProfileSet


def render_list(pset: ProfileSet, options: RenderOptions) -> str:
    """The archetypes, their roles and default targets, one row each."""
    L = options.lang
    table = Table(title=pset.settings.name.get(L), title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("id")
    for key in ("profiles.name", "profiles.roles", "profiles.target", "profiles.seed"):
        table.add_column(t(key, L))
    for i, a in enumerate(pset.archetypes, 1):
        table.add_row(
            str(i),
            a.id,
            a.name.get(L),
            ", ".join(r.id for r in a.roles),
            a.target.describe(),
            f"#{a.seed.point}" if a.seed else "",
        )
    console, buf = text_console(options)
    console.print(table)
    return buf.getvalue()


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
    return buf.getvalue()


def _archetype(console: Console, pset: ProfileSet, ident: str, L: str) -> None:
    a = pset.archetype(ident)
    console.print(Text.assemble((a.name.get(L), "bold"), f" ({a.id})"))
    console.print(a.summary.get(L))
    if a.seed:
        console.print(f"{t('profiles.source', L)}: #{a.seed.point} {a.seed.title_zh}")
    reason = f" — {a.target.reasoning.get(L)}" if a.target.reasoning else ""
    console.print(f"{t('profiles.target', L)}: {a.target.describe()}{reason}")
    for role in a.roles:
        table = Table(title=f"{role.name.get(L)} ({role.id})", title_justify="left")
        table.add_column(t("profiles.competency", L))
        table.add_column(t("profiles.level", L), justify="right")
        table.add_column(t("profiles.weight", L), justify="right")
        table.add_column(t("profiles.critical", L))
        for q in role.requirements:
            table.add_row(
                f"{pset.competency(q.competency).name.get(L)} ({q.competency})",
                str(q.level),
                f"{q.weight:g}",
                t("profiles.yes", L) if q.critical else "",
            )
        console.print(table)
        attrs = role.attributes
        if not attrs.empty:
            parts = []
            if attrs.min_tenure_years is not None:
                parts.append(t("profiles.tenure", L, years=f"{attrs.min_tenure_years:g}"))
            if attrs.employment_types:
                parts.append(t("profiles.employment", L, types=", ".join(attrs.employment_types)))
            console.print(t("profiles.attributes", L, list="; ".join(parts)))


def _competency(console: Console, pset: ProfileSet, ident: str, L: str) -> None:
    c = pset.competency(ident)
    category = pset.category(c.category).name.get(L)
    console.print(Text.assemble((c.name.get(L), "bold"), f" ({c.id}) · {category}"))
    console.print(c.description.get(L))
    table = Table(title_justify="left")
    table.add_column(t("profiles.level", L), justify="right")
    table.add_column("")
    table.add_column(t("profiles.behaviour", L))
    for s in pset.catalogue.scale:
        table.add_row(str(s.level), s.label.get(L), c.levels[s.level].get(L))
    console.print(table)
