"""Recommended next actions per archetype gap: one simple, documented rule.

For every archetype with a gap (fewer ready people than its target):

* **borrow** - the archetype's profile says ``sourcing: borrow`` (e.g. the external SSC
  consultant): bring in a consultant or partner for the gap; near people, if any, are named as
  the ones to work alongside them.
* **develop** - there are near people: develop them, naming the first few and the competencies
  (current -> required level) that stand between each of them and the archetype's best role.
  When there are fewer near people than the gap, the rest is to be hired (``develop_and_hire``).
* **hire** - nobody is near: recruit (or transfer in) people who are ready; for
  ``sourcing: build`` archetypes, also start developing a wider pool.

Archetypes without a gap get no action. :func:`recommend` is the one entry point the Markdown and
HTML reports read; a richer build/buy/borrow engine can replace it without touching them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .i18n import t

if TYPE_CHECKING:
    from .engine import Analysis, Gap

KINDS = ("develop", "develop_and_hire", "hire", "borrow")


@dataclass(frozen=True)
class Candidate:
    """A near person to develop: who they are and what they lack for the archetype."""

    row: int
    employee_id: str
    name: str | None
    fit: float
    lacks: tuple[Gap, ...]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.employee_id})" if self.name else self.employee_id


@dataclass(frozen=True)
class Action:
    archetype: str  # archetype id
    index: int  # archetype index in profile order
    kind: str  # one of KINDS
    gap: int
    near: int
    hire: int  # seats to fill from outside (gap not covered by near people)
    candidates: tuple[Candidate, ...]  # the first near people, best fit first
    more: int  # near people not listed
    focus: tuple[str, ...]  # competencies most often lacking among the near people (ids)


def candidates(analysis: Analysis, archetype: int, limit: int) -> tuple[tuple[Candidate, ...], int]:
    """The first ``limit`` near people of an archetype (best fit first) and how many more."""
    rows = analysis.people_for(archetype, "near")
    people = analysis.roster.people
    ids = people["employee_id"]
    names = people["name"]
    out = []
    for r in rows[:limit]:
        r = int(r)
        name = names.iloc[r]
        out.append(
            Candidate(
                row=r,
                employee_id=str(ids.iloc[r]),
                name=None if pd.isna(name) else str(name),
                fit=float(analysis.fit[r, archetype]),
                lacks=tuple(analysis.gaps(r, int(analysis.best_role[r, archetype]))),
            )
        )
    return tuple(out), max(0, len(rows) - limit)


def recommend(analysis: Analysis, limit: int = 5) -> list[Action]:
    """One action per archetype with a gap, in profile order."""
    out = []
    for a in analysis.archetypes:
        if a.gap <= 0:
            continue
        sourcing = analysis.archetype_def(a).sourcing
        cands, more = candidates(analysis, a.index, limit) if a.near else ((), 0)
        if sourcing == "borrow":
            kind = "borrow"
        elif a.near == 0:
            kind = "hire"
        elif a.near < a.gap:
            kind = "develop_and_hire"
        else:
            kind = "develop"
        focus = Counter(g.competency for c in cands for g in c.lacks)
        out.append(
            Action(
                archetype=a.id,
                index=a.index,
                kind=kind,
                gap=a.gap,
                near=a.near,
                hire=a.gap if kind in ("hire", "borrow") else max(0, a.gap - a.near),
                candidates=cands,
                more=more,
                focus=tuple(
                    cid for cid, _ in sorted(focus.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
                ),
            )
        )
    return out


def headline(action: Action, analysis: Analysis, lang: str) -> str:
    """One sentence: what to do about this archetype's gap."""
    d = analysis.archetype_def(action.index)
    focus = t("punct.sep", lang).join(
        analysis.profiles.competency(c).name.get(lang) for c in action.focus
    )
    key = f"action.{action.kind}"
    text = t(key, lang, gap=action.gap, near=action.near, hire=action.hire)
    if action.kind == "hire" and d.sourcing == "build":
        text += t("action.hire.build", lang)
    if focus and action.kind != "hire":
        text += t("action.focus", lang, focus=focus)
    return text
