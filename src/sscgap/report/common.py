"""Small helpers shared by the renderers: names in the chosen language, numbers as shown."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

if TYPE_CHECKING:
    import io

    from rich.console import Console

    from ..engine import Analysis, ArchetypeResult, CompetencyResult
    from ..insights import Insights
    from ..profiles import ProfileSet
    from . import RenderOptions


def grouped(value: object) -> object:
    """A count as running text shows it: 20,000 (a separator every three digits, in every
    language); anything else as given."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return f"{int(value):,}"
    return value


def count(value: int) -> str:
    """A count in a table cell of a human-readable report (terminal, Markdown, HTML), grouped as
    running text groups it: 4,571. The machine formats (JSON, CSV) keep plain numbers."""
    return f"{int(value):,}"


def amount(value: float) -> str:
    """A sum of levels in a table cell, as ``:g`` shows it but grouped and never in exponent
    notation: 2.5, 12,345.5, 1,234,567."""
    v = float(value)
    if v.is_integer():
        return f"{int(v):,}"
    return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.1f}"


def t(key: str, lang: str = "en", **kwargs: object) -> str:
    """``i18n.t`` for the reports' sentences: the counts grouped by thousands (20,000 people)."""
    from ..i18n import t as text

    return text(key, lang, **{k: grouped(v) for k, v in kwargs.items()})


def insights_of(analysis: Analysis) -> Insights:
    """The insights of an analysis (bench, risks, categories, build / buy / borrow): the one
    place the report layer asks for them."""
    from ..insights import compute

    return compute(analysis)


def num(x: float | None, digits: int = 4) -> float | None:
    """A number as the JSON documents carry it: rounded, ``None`` stays ``None``."""
    return None if x is None else round(float(x), digits)


class Shown(NamedTuple):
    """The people of one archetype's ready or near list that a report shows, best fit first."""

    archetype: int
    kind: str  # ready / near
    rows: np.ndarray  # roster rows
    ids: list[str]
    names: list[object]  # [] unless asked for; None / NaN = no name


def shown_people(analysis: Analysis, limit: int | None, names: bool = False) -> list[Shown]:
    """Every archetype's first ``limit`` ready and near people (``None``: all of them), in
    profile order, ready before near; ids (and names) looked up in one go for all lists:
    converting whole columns would grow with the roster, one lookup per list costs pandas'
    overhead twenty times."""
    lists = [
        (a.index, kind, analysis.people_for(a.index, kind, limit))
        for a in analysis.summary.archetypes
        for kind in ("ready", "near")
    ]
    rows = np.concatenate([r for _, _, r in lists]) if lists else np.zeros(0, dtype=np.intp)
    people = analysis.roster.people
    ids = [str(v) for v in people["employee_id"].take(rows).tolist()]
    shown_names = people["name"].take(rows).tolist() if names else []
    out, at = [], 0
    for archetype, kind, r in lists:
        end = at + len(r)
        out.append(Shown(archetype, kind, r, ids[at:end], shown_names[at:end]))
        at = end
    return out


def archetype_name(analysis: Analysis, a: ArchetypeResult, lang: str) -> str:
    return analysis.profiles.archetypes[a.index].name.get(lang)


def competency_name(analysis: Analysis, c: CompetencyResult | str, lang: str) -> str:
    cid = c if isinstance(c, str) else c.id
    return analysis.profiles.competency(cid).name.get(lang)


def category_name(analysis: Analysis, category: str, lang: str) -> str:
    return analysis.profiles.category(category).name.get(lang)


def pct(value: float | None, digits: int = 0) -> str:
    """A share as the human-readable reports show it, grouped as counts are: 75%, 1,600%."""
    return "–" if value is None else f"{100 * value:,.{digits}f}%"


def bar(value: float | None, width: int = 10) -> str:
    """A text bar for a coverage ratio, capped at 100%."""
    if value is None:
        return " " * width
    filled = round(min(1.0, max(0.0, value)) * width)
    return "█" * filled + "░" * (width - filled)


def text_console(options: RenderOptions) -> tuple[Console, io.StringIO]:
    """A Rich console that renders into a string: colour only when asked, names never markup."""
    import io

    from ..textsafe import terminal_console

    buf = io.StringIO()
    console = terminal_console(
        file=buf,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,  # names come from the roster and the profiles: "[/]" is text, not markup
        legacy_windows=False,
        ascii_only=options.ascii,  # stdout cannot show box-drawing characters: ASCII boxes
    )
    return console, buf


def console_text(buf: io.StringIO, options: RenderOptions) -> str:
    """What a :func:`text_console` printed, no line ending in spaces: Rich pads every table row
    and title to the table's width, which a file, a diff or ``grep`` does not want. In colour
    (a terminal, or ``FORCE_COLOR`` into a pipe or a CI log) the spaces before a line's closing
    style codes go too (the codes stay): the terminal styles no background, so they show nothing."""
    text = buf.getvalue()
    if options.color:
        return "\n".join(_STYLED_TAIL.sub(_codes_only, line) for line in text.split("\n"))
    return "\n".join(line.rstrip() for line in text.split("\n"))


_SGR = r"\x1b\[[0-9;]*m"
_STYLED_TAIL = re.compile(f"(?:[ ]|{_SGR})++$")  # possessive: no backtracking over a run of spaces


def _codes_only(m: re.Match[str]) -> str:
    return "".join(re.findall(_SGR, m.group()))


def is_default_set(pset: ProfileSet) -> bool:
    """The shipped ten SSC archetypes (or an unchanged copy of them, e.g. from ``init``)."""
    from ..profiles import default_profiles_dir

    try:
        if Path(pset.source).resolve() == default_profiles_dir().resolve():
            return True
        default = load_default_name()
    except Exception:  # no default profiles installed: every set is a custom one
        return False
    return pset.settings.name.en == default and len(pset.archetypes) == 10


@functools.lru_cache(maxsize=1)
def load_default_name() -> str:
    from ..profiles import default_profiles_dir, load_profiles

    return load_profiles(default_profiles_dir()).settings.name.en


def set_title(pset: ProfileSet, key: str, lang: str) -> str:
    """A title that names the profile set: "SSC talent coverage" for the default set; the set's
    own name for a custom one ("AP team — talent coverage")."""
    from ..i18n import t

    if is_default_set(pset):
        return t(key, lang)
    return t(f"{key}.custom", lang, name=pset.settings.name.get(lang))
