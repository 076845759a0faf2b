"""The report as data: the sections the Markdown and HTML renderers share, in plain values.

:func:`build` turns an :class:`~sscgap.engine.Analysis` into a :class:`Document`: every name is
already in the chosen language and every list that could grow with the roster is bounded
(``options.top`` entries plus a count of the rest), so a document costs the same for ten people or
a million. Texts are *not* escaped here: each renderer escapes for its own format.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from ..i18n import finding_line
from .common import insights_of, set_title, shown_people, t

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..engine import Analysis, ArchetypeResult, Summary
    from ..insights import Insights as InsightsResult
    from . import RenderOptions

MAX_GROUPS = 100  # groups listed in a breakdown; the rest are counted


class SeatRow(NamedTuple):
    """One role's seats (the archetype's target sits on its roles)."""

    id: str
    name: str
    target: int
    ready: int
    near: int
    coverage: float | None
    gap: int

    @property
    def empty(self) -> bool:
        return self.target > 0 and self.ready == 0


class CoverageRow(NamedTuple):
    number: int  # 1-based, profile order
    id: str
    name: str
    target: int
    ready: int
    near: int
    coverage: float | None
    gap: int
    status: str  # covered / thin / missing / no_target
    status_text: str
    roles: tuple[SeatRow, ...] = ()  # role seats, else empty
    filled: int | None = None  # role seats filled (a maximum matching), else None


class PrincipleRow(NamedTuple):
    id: str
    name: str
    description: str | None
    competencies: tuple[str, ...]  # names
    level: int
    carriers: int
    staff: int
    share: float | None


class GapRow(NamedTuple):
    id: str
    name: str
    category: str
    level: int
    demand: int
    supply: int
    shortfall: int
    blocking: int
    mean_level: float | None
    not_assessed: int
    top_level: int  # the highest level required of it, with its supply and demand (terminal)
    top_meets: int
    top_demand: int


class Lack(NamedTuple):
    competency: str  # name in the chosen language
    current: float | None  # None = not assessed
    required: int
    critical: bool

    def text(self) -> str:
        cur = "–" if self.current is None else f"{self.current:g}"
        return f"{self.competency} {cur}→{self.required}"


class PersonRef(NamedTuple):
    employee_id: str
    name: str | None
    fit: float
    lacks: tuple[Lack, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} ({self.employee_id})" if self.name else self.employee_id


class PeopleBlock(NamedTuple):
    archetype: CoverageRow
    ready: tuple[PersonRef, ...]
    ready_more: int
    near: tuple[PersonRef, ...]
    near_more: int


class GroupRow(NamedTuple):
    value: str
    staff: int
    coverage_index: float | None
    covered: int
    thin: int
    missing: int
    gap: int
    largest_gaps: tuple[tuple[str, int], ...]  # (archetype name, gap), largest first
    rows: tuple[CoverageRow, ...]
    principles: tuple[PrincipleRow, ...] = ()


class ActionItem(NamedTuple):
    number: int
    archetype: str  # name
    kind: str
    kind_text: str
    gap: int
    headline: str  # the plan in a sentence, without the people (they are listed apart)
    plan: tuple[str, ...]  # the plan in lines, naming the first people to develop (terminal)
    candidates: tuple[PersonRef, ...]
    more: int


class BenchRow(NamedTuple):
    number: int
    name: str
    target: int
    ready: int
    near: int
    depth: float | None  # (ready + near) per target seat
    strength: str  # deep / adequate / shallow / empty / no_target
    strength_text: str


class CategoryRow(NamedTuple):
    name: str
    competencies: int
    mean_level: float | None
    shortfall: int
    held_back: int
    levels_to_gain: float


class ExclusiveRow(NamedTuple):
    number: int
    name: str
    target: int
    ready: int
    ready_exclusive: int
    coverage: float | None
    coverage_exclusive: float | None
    gap_exclusive: int


class Insights(NamedTuple):
    """Bench and key-person risk, the category roll-up and (with --exclusive) the allocation."""

    bench: tuple[BenchRow, ...]
    risks: tuple[str, ...]  # one line per archetype at risk
    single_points: str  # the single points of failure, one line
    categories: tuple[CategoryRow, ...]
    exclusive: tuple[ExclusiveRow, ...]  # empty without --exclusive
    exclusive_verdict: str | None
    recommendations_exclusive: bool  # the actions are sized on the exclusive gaps


class Quality(NamedTuple):
    cells: int  # people x competencies that have a column
    not_assessed: int
    most_missing: tuple[tuple[str, int], ...]  # (competency name, count), largest first
    unknown_columns: tuple[str, ...]
    missing_competencies: tuple[str, ...]  # names
    rows_skipped: int
    warnings: tuple[str, ...]
    warnings_more: int
    # reading an HR system's export: "matched 27 of 30", the mapping, history and raters
    matched: str = ""
    reading: tuple[str, ...] = ()


class Document(NamedTuple):
    lang: str
    title: str
    generated: str | None
    roster: str
    layout: str
    staff: int
    profile_set: str
    profiles_source: str
    ready_fit: float
    near_fit: float
    by: str | None
    coverage_index: float | None
    covered: int
    thin: int
    missing: int
    no_target: int
    ready_people: int
    near_people: int
    total_gap: int
    coverage: tuple[CoverageRow, ...]
    gaps: tuple[GapRow, ...]
    gaps_more: int
    people: tuple[PeopleBlock, ...]
    groups: tuple[GroupRow, ...]
    groups_more: int
    actions: tuple[ActionItem, ...]
    quality: Quality
    top: int
    insights: Insights
    screen_title: str = ""  # the terminal's title: the set's own name for a custom set
    principles: tuple[PrincipleRow, ...] = ()  # who carries the profile set's principles

    def t(self, key: str, **kwargs: object) -> str:
        return t(key, self.lang, **kwargs)

    @property
    def colon(self) -> str:
        return t("punct.colon", self.lang)

    @property
    def sep(self) -> str:
        return t("punct.sep", self.lang)

    @property
    def semi(self) -> str:
        return t("punct.semi", self.lang)

    def paren(self, text: str) -> str:
        return t("punct.paren", self.lang, text=text)

    def join_names(self, names: Sequence[str]) -> str:
        """Names as a list: in Chinese, a name with a '、' of its own (有领导力、善沟通协调的管理者)
        would read as two, so such a list is separated by '；'."""
        sep = self.semi if self.lang == "zh" and any("、" in n for n in names) else self.sep
        return sep.join(names)

    @property
    def by_label(self) -> str:
        """The --by column as a reader knows it (standard columns are translated)."""
        return column_label(self.by, self.lang) if self.by else ""

    @property
    def archetype_count(self) -> int:
        return len(self.coverage)

    def names_with(self, status: str) -> list[str]:
        return [r.name for r in self.coverage if r.status == status]

    def actions_first(self) -> tuple[ActionItem, ...]:
        """The actions as the reports show them: the archetypes nobody fills (missing) or with a
        role seat nobody is ready for first, then in their own order."""
        missing = {r.number for r in self.coverage if r.status == "missing" or any(s.empty for s in r.roles)}
        return tuple(sorted(self.actions, key=lambda a: a.number not in missing))

    @property
    def seated(self) -> bool:
        """Some archetype counts its target in role seats."""
        return any(r.roles for r in self.coverage)

    @property
    def shares_note(self) -> str:
        """The one line that says how targets are shared among groups."""
        return t("groups.shares", self.lang)

    def principle_line(self, p: PrincipleRow) -> str:
        return t("principles.line", self.lang, name=p.name, carriers=p.carriers, staff=p.staff, share=_pct(p.share))


def cap(text: str) -> str:
    """First letter upper case (English headings from lower-case words; Chinese unchanged)."""
    return text[:1].upper() + text[1:]


def _by_header(analysis: Analysis) -> str | None:
    """The --by column as the roster spells it (``--by grade``, header ``Grade``: ``Grade``);
    a standard field by its standard name, which :func:`column_label` translates."""
    from ..engine import group_header

    return group_header(analysis.roster, analysis.by) if analysis.by else None


def group_label(analysis: Analysis, lang: str) -> str:
    """The --by column as the human-readable reports name it: ``Department`` for ``--by dept``,
    ``部门`` in Chinese, ``Grade`` for ``--by grade`` on a roster whose header is ``Grade``."""
    header = _by_header(analysis)
    return cap(column_label(header, lang)) if header else ""


def column_label(column: str, lang: str) -> str:
    from ..i18n import keys

    return t(f"col.{column}", lang) if f"col.{column}" in keys() else column


# ---------------------------------------------------------------------------------------------


def _coverage_rows(analysis: Analysis, summary: Summary, lang: str) -> tuple[CoverageRow, ...]:
    return tuple(_coverage_row(analysis, a, lang) for a in summary.archetypes)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def _seat_rows(analysis: Analysis, a: ArchetypeResult, lang: str) -> tuple[SeatRow, ...]:
    return tuple(
        SeatRow(
            id=r.id,
            name=analysis.roles[r.index][1].name.get(lang),
            target=r.target,
            ready=r.ready,
            near=r.near,
            coverage=r.coverage,
            gap=r.gap,
        )
        for r in a.roles
    )


def principle_rows(analysis: Analysis, summary: Summary, lang: str) -> tuple[PrincipleRow, ...]:
    pset = analysis.profiles
    out = []
    for pr in summary.principles:
        d = pset.principles[pr.index]
        out.append(
            PrincipleRow(
                id=pr.id,
                name=d.name.get(lang),
                description=d.description.get(lang) if d.description else None,
                competencies=tuple(pset.competency(c).name.get(lang) for c in d.competencies),
                level=d.level,
                carriers=pr.carriers,
                staff=pr.staff,
                share=pr.share,
            )
        )
    return tuple(out)


def _coverage_row(analysis: Analysis, a: ArchetypeResult, lang: str) -> CoverageRow:
    return CoverageRow(
        number=a.index + 1,
        id=a.id,
        name=analysis.archetype_def(a).name.get(lang),
        target=a.target,
        ready=a.ready,
        near=a.near,
        coverage=a.coverage,
        gap=a.gap,
        status=a.status,
        status_text=t(f"status.{a.status}", lang),
        roles=_seat_rows(analysis, a, lang),
        filled=a.filled,
    )


def gap_rows(analysis: Analysis, lang: str) -> list[GapRow]:
    """One row per competency that falls short of demand or holds near people back.

    The level shown is the one with the largest shortfall (ties: the highest level). Ordered as
    the terminal table orders them: by the near people each holds back (the gaps that stand
    between people and archetypes that are short), then by shortfall.
    """
    pset = analysis.profiles
    rows = []
    for c in analysis.competencies:
        if not c.levels or (c.shortfall <= 0 and c.blocking <= 0):
            continue
        ls = max(c.levels, key=lambda x: (x.shortfall, x.level))
        top = max(c.levels, key=lambda x: x.level)
        rows.append(
            GapRow(
                id=c.id,
                name=pset.competency(c.id).name.get(lang),
                category=pset.category(c.category).name.get(lang),
                level=ls.level,
                demand=ls.demand,
                supply=ls.meets,
                shortfall=ls.shortfall,
                blocking=c.blocking,
                mean_level=c.mean_level,
                not_assessed=c.not_assessed,
                top_level=top.level,
                top_meets=top.meets,
                top_demand=top.demand,
            )
        )
    order = sorted(range(len(rows)), key=lambda i: (-rows[i].blocking, -rows[i].shortfall, i))
    return [rows[i] for i in order]


def _lacks(analysis: Analysis, gaps: list, lang: str) -> tuple[Lack, ...]:
    return tuple(
        Lack(
            analysis.profiles.competency(g.competency).name.get(lang),
            g.current,
            g.required,
            g.critical,
        )
        for g in gaps
    )


def _people(
    analysis: Analysis, limit: int, lang: str
) -> list[tuple[tuple[PersonRef, ...], int, tuple[PersonRef, ...], int]]:
    """The first ``limit`` ready and near people of every archetype (ready, count of the rest,
    near, count of the rest)."""
    out: list[tuple[PersonRef, ...]] = []
    more: list[int] = []
    for shown in shown_people(analysis, limit, names=True):
        refs = []
        for r, pid, name in zip(shown.rows, shown.ids, shown.names, strict=True):
            lacks: tuple[Lack, ...] = ()
            if shown.kind == "near":
                role = int(analysis.best_role[r, shown.archetype])
                lacks = _lacks(analysis, analysis.gaps(int(r), role), lang)
            refs.append(
                PersonRef(
                    employee_id=pid,
                    name=None if _blank(name) else str(name),
                    fit=float(analysis.fit[r, shown.archetype]),
                    lacks=lacks,
                )
            )
        out.append(tuple(refs))
        more.append(max(0, analysis.count_for(shown.archetype, shown.kind) - limit))
    return [(out[i], more[i], out[i + 1], more[i + 1]) for i in range(0, len(out), 2)]


def _blank(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN / NA
    except TypeError:
        return False


def group_words(analysis: Analysis, lang: str) -> dict[str, str]:
    """Group values as the human-readable reports show them: the engine's "(blank)" group
    (people without a value) and, with ``--by employment_type``, the types (内部, 外部, 外包) in
    the report's language. JSON and CSV keep the values as they are."""
    from ..engine.coverage import BLANK_GROUP
    from ..profiles import EMPLOYMENT_TYPES

    words = {BLANK_GROUP: t("group.blank", lang)}
    if _by_header(analysis) == "employment_type":
        words.update({k: t(f"employment.{k}", lang) for k in EMPLOYMENT_TYPES})
    return words


def _groups(analysis: Analysis, lang: str) -> tuple[tuple[GroupRow, ...], int]:
    words = group_words(analysis, lang)
    out = []
    for g in analysis.groups[:MAX_GROUPS]:
        s = g.summary
        gaps = sorted(
            ((a.gap, a.index) for a in s.archetypes if a.gap > 0), key=lambda x: (-x[0], x[1])
        )
        out.append(
            GroupRow(
                # the engine's "(blank)" group (people without a value) in the report's language
                value=words.get(g.value, g.value),
                staff=s.staff,
                coverage_index=s.coverage_index,
                covered=s.count("covered"),
                thin=s.count("thin"),
                missing=s.count("missing"),
                gap=s.total_gap,
                largest_gaps=tuple(
                    (analysis.profiles.archetypes[i].name.get(lang), gap) for gap, i in gaps[:3]
                ),
                rows=_coverage_rows(analysis, s, lang),
                principles=principle_rows(analysis, s, lang),
            )
        )
    return tuple(out), max(0, len(analysis.groups) - MAX_GROUPS)


def _actions(
    analysis: Analysis, ins: InsightsResult, lang: str, limit: int
) -> tuple[ActionItem, ...]:
    """The build / buy / borrow recommendations (:mod:`sscgap.insights`, the one source of
    truth), as the report shows them: the plan in a sentence, then the people to develop."""
    from .texts import action_text, plan_lines

    out = []
    for rec in ins.recommendations:
        shown = rec.candidates[:limit]
        out.append(
            ActionItem(
                number=rec.archetype.index + 1,
                archetype=analysis.archetype_def(rec.archetype).name.get(lang),
                kind=rec.action,
                kind_text=action_text(rec, lang),
                gap=rec.gap,
                headline=t("punct.semi", lang).join(plan_lines(analysis, rec, lang, people=False)),
                plan=tuple(plan_lines(analysis, rec, lang)),
                candidates=tuple(
                    PersonRef(c.person.employee_id, c.person.name, c.person.fit, _lacks(analysis, list(c.develop), lang))
                    for c in shown
                ),
                more=max(0, rec.seats["build"] - len(shown)),
            )
        )
    return tuple(out)


def _insight_rows(analysis: Analysis, ins: InsightsResult, lang: str) -> Insights:
    from .texts import exclusive_verdict, risk_lines, spof_line

    pset = analysis.profiles
    bench = tuple(
        BenchRow(
            number=b.archetype.index + 1,
            name=analysis.archetype_def(b.archetype).name.get(lang),
            target=b.archetype.target,
            ready=b.ready,
            near=b.near,
            depth=b.depth,
            strength=_strength(b.strength, b.ready, b.archetype.target),
            strength_text=t(f"bench.{_strength(b.strength, b.ready, b.archetype.target)}", lang),
        )
        for b in ins.bench
    )
    categories = tuple(
        CategoryRow(
            name=pset.category(c.id).name.get(lang),
            competencies=len(c.competencies),
            mean_level=c.mean_level,
            shortfall=c.shortfall,
            held_back=c.held_back,
            levels_to_gain=c.levels_to_gain,
        )
        for c in ins.categories
    )
    ex = analysis.exclusive
    rows: tuple[ExclusiveRow, ...] = ()
    if ex is not None:
        rows = tuple(
            ExclusiveRow(
                number=e.index + 1,
                name=pset.archetypes[e.index].name.get(lang),
                target=e.target,
                ready=e.ready,
                ready_exclusive=e.ready_exclusive,
                coverage=e.coverage,
                coverage_exclusive=e.coverage_exclusive,
                gap_exclusive=e.gap_exclusive,
            )
            for e in ex.archetypes
        )
    return Insights(
        bench=bench,
        risks=tuple(risk_lines(analysis, ins, lang)),
        single_points=spof_line(analysis, ins, lang),
        categories=categories,
        exclusive=rows,
        exclusive_verdict=exclusive_verdict(ex, lang) if ex is not None else None,
        recommendations_exclusive=ins.exclusive,
    )


def _strength(strength: str, ready: int, target: int) -> str:
    """A bench of near people only is no "deep" bench: nobody is ready."""
    return "none_ready" if target > 0 and ready == 0 and strength != "empty" else strength


def _quality(analysis: Analysis, lang: str) -> Quality:
    roster = analysis.roster
    pset = analysis.profiles
    missing = set(roster.missing_competencies) if roster.layout == "wide" else set()
    present = np.array([cid not in missing for cid in roster.competency_ids], dtype=bool)
    # not assessed per competency: counted once by the engine (no pass over the level matrix)
    counts = np.array([c.not_assessed for c in analysis.competencies], dtype=np.int64)
    counts = np.where(present, counts, 0)
    order = np.argsort(-counts, kind="stable")
    most = tuple(
        (pset.competency(roster.competency_ids[j]).name.get(lang), int(counts[j]))
        for j in order[:5]
        if counts[j] > 0
    )
    # in the report's language, as the command says them on stderr
    warnings = [finding_line(f, lang) for f in roster.warnings if not f.message.startswith("unknown column")]
    return Quality(
        cells=int(present.sum()) * len(roster),
        not_assessed=int(counts.sum()),
        most_missing=most,
        unknown_columns=tuple(roster.unknown_columns),
        missing_competencies=tuple(
            pset.competency(c).name.get(lang) for c in roster.missing_competencies
        ),
        rows_skipped=int(getattr(roster, "rows_skipped", 0) or 0),
        warnings=tuple(warnings[:10]),
        warnings_more=max(0, len(warnings) - 10),
        **_reading(analysis, lang),
    )


def _reading(analysis: Analysis, lang: str) -> dict[str, Any]:
    """The lines on how the roster was read: competencies matched, the mapping file, a long
    export's rating history and raters (stale ratings, self vs manager)."""
    roster = analysis.roster
    pset = analysis.profiles
    matched = getattr(roster, "matched", None)
    if matched is None:
        return {}
    sep = t("punct.sep", lang)
    line = t("quality.matched", lang, found=len(matched.found), total=matched.total)
    if matched.missing:
        names = [pset.competency(c).name.get(lang) for c in matched.missing]
        line += t("punct.semi", lang) + t("quality.matched_missing", lang) + t("punct.colon", lang) + sep.join(names[:10])
        if len(names) > 10:
            line += f" ... ({len(names)})"
    lines: list[str] = []
    if getattr(roster, "mapping", None):
        lines.append(f"{t('quality.mapping', lang)}{t('punct.colon', lang)}{roster.mapping}")
    q = getattr(roster, "quality", None)
    if q is not None:
        lines.append(t("quality.ratings", lang, n=q.ratings, superseded=q.superseded, other=q.other_raters))
        if q.max_age_days is not None:
            how = t("quality.stale_ignored" if q.stale_ignored else "quality.stale_kept", lang)
            lines.append(t("quality.stale", lang, days=q.max_age_days, n=q.stale, how=how))
    gaps = getattr(roster, "rater_gaps", None)
    if gaps is not None and len(gaps):
        parts = [
            f"{pset.competency(str(r.competency)).name.get(lang)} {r.manager_minus_self:+.2f} ({int(r.people)})"
            for r in gaps.head(5).itertuples()
        ]
        lines.append(t("quality.rater_gaps", lang) + ": " + sep.join(parts))
    return {"matched": line, "reading": tuple(lines)}


def build(analysis: Analysis, options: RenderOptions, *, people_lists: bool = True) -> Document:
    """The document of ``analysis``; without ``people_lists`` (the terminal, which shows no
    ready and near people) ``people`` is empty and their shortfalls are not looked up."""
    lang = options.lang
    top = max(1, options.top)
    s = analysis.summary
    coverage = _coverage_rows(analysis, s, lang)
    gaps = gap_rows(analysis, lang)
    people = []
    if people_lists:
        for row, lists in zip(coverage, _people(analysis, top, lang), strict=True):
            people.append(PeopleBlock(row, *lists))
    groups, groups_more = _groups(analysis, lang)
    ins = insights_of(analysis)  # computed once per document
    pset = analysis.profiles
    return Document(
        lang=lang,
        title=options.title or set_title(analysis.profiles, "report.title", lang),
        generated=options.generated,
        roster=analysis.roster.source,
        layout=analysis.roster.layout,
        staff=s.staff,
        profile_set=pset.settings.name.get(lang),
        profiles_source=_short_source(pset.source),
        ready_fit=analysis.thresholds.ready_fit,
        near_fit=analysis.thresholds.near_fit,
        by=_by_header(analysis),
        coverage_index=s.coverage_index,
        covered=s.count("covered"),
        thin=s.count("thin"),
        missing=s.count("missing"),
        no_target=s.count("no_target"),
        ready_people=s.ready_people,
        near_people=s.near_people,
        total_gap=s.total_gap,
        coverage=coverage,
        gaps=tuple(gaps[:top]),
        gaps_more=max(0, len(gaps) - top),
        people=tuple(people),
        groups=groups,
        groups_more=groups_more,
        actions=_actions(analysis, ins, lang, top),
        quality=_quality(analysis, lang),
        top=top,
        insights=_insight_rows(analysis, ins, lang),
        screen_title=set_title(pset, "title.coverage", lang),
        principles=principle_rows(analysis, s, lang),
    )


def _short_source(source: str) -> str:
    """The profile folder as shown: the shipped defaults by name, a user's folder as given."""
    from ..profiles import default_profiles_dir

    try:
        if Path(source).resolve() == default_profiles_dir().resolve():
            return "(built-in)"
    except Exception:  # no default profiles installed: show the path
        pass
    return source
