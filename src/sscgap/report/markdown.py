"""Markdown (GitHub-flavoured): a report a manager can read on its own, and a CI job summary.

Every text that comes from an input (names, ids, group values, file names, profile texts, the
title) goes through :func:`escape` (:func:`sscgap.report.safe.md_cell`, the shared policy), so a ``|``, a newline or HTML in a name can neither break a
table nor inject markup. Lists that grow with the roster are bounded (see ``document.build``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from . import RenderOptions
from .common import bar, pct
from .document import Document, Lack, PersonRef, build, cap
from .safe import md_cell as escape

if TYPE_CHECKING:
    from ..engine import Analysis

STATUS_MARK = {"covered": "✅", "thin": "⚠️", "missing": "❌", "no_target": "➖"}


def gfm_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    align: str | None = None,
    *,
    spaced: bool = True,
) -> str:
    """A GFM table. ``align``: one letter per column, 'l' or 'r' (default: left). Cells are used
    as given (stripped): escape input texts first; numbers need no escaping. ``spaced``: the
    separator row as ``| --- |`` (person and diff views) or ``|---|`` (the analyze report)."""
    align = align or "l" * len(headers)
    seps = ["---:" if a == "r" else "---" for a in align]
    sep = "| " + " | ".join(seps) + " |" if spaced else "|" + "|".join(seps) + "|"
    lines = ["| " + " | ".join(headers) + " |", sep]
    lines += ["| " + " | ".join(str(c).strip() for c in r) + " |" for r in rows]
    return "\n".join(lines)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], right: Sequence[bool]) -> list[str]:
    """A table of the analyze report; cells must already be escaped."""
    align = "".join("r" if r else "l" for r in right)
    return gfm_table(headers, rows, align, spaced=False).split("\n")


def _lack(lack: Lack) -> str:
    text = escape(lack.text())
    return f"**{text}**" if lack.critical else text


def _lacks(doc: Document, p: PersonRef) -> str:
    return doc.semi.join(_lack(x) for x in p.lacks) or "–"


def _person(doc: Document, p: PersonRef) -> str:
    return escape(p.name) + doc.paren(escape(p.employee_id)) if p.name else escape(p.employee_id)


def _people_line(doc: Document, people: tuple[PersonRef, ...], more: int) -> str:
    if not people:
        return doc.t("people.none")
    text = doc.sep.join(_person(doc, p) for p in people)
    if more:
        text += doc.sep + doc.t("more.people", n=more)
    return text


def _inputs(doc: Document) -> list[str]:
    c = doc.colon
    layout = doc.t("input.layout." + doc.layout)
    source = "" if doc.profiles_source == "(built-in)" else doc.paren(escape(doc.profiles_source))
    lines = [
        f"- **{doc.t('input.roster')}**{c}{escape(doc.roster)}{doc.paren(layout)}",
        f"- **{doc.t('input.people')}**{c}{doc.staff}",
        f"- **{doc.t('input.profiles')}**{c}{escape(doc.profile_set)}{source}",
        f"- **{doc.t('input.thresholds')}**{c}"
        + doc.t("input.thresholds.value", ready=pct(doc.ready_fit), near=pct(doc.near_fit)),
    ]
    if doc.by:
        lines.append(f"- **{doc.t('input.by')}**{c}{escape(doc.by_label)}")
    return lines


def _verdict(doc: Document) -> list[str]:
    if doc.coverage_index is None:
        return [doc.t("verdict.no_target")]
    lines = [
        f"**{doc.t('verdict.index')}{doc.colon}{pct(doc.coverage_index, 1)}** · "
        + doc.t(
            "verdict.archetypes",
            covered=doc.covered,
            total=doc.archetype_count - doc.no_target,
            thin=doc.thin,
            missing=doc.missing,
        ),
        "",
    ]
    for status in ("covered", "thin", "missing"):
        names = doc.names_with(status)
        shown = doc.sep.join(escape(n) for n in names) if names else "—"
        lines.append(f"- {STATUS_MARK[status]} {cap(doc.t('status.' + status))}{doc.colon}{shown}")
    lines.append("- " + doc.t("verdict.people", ready=doc.ready_people, near=doc.near_people))
    lines.append("- " + doc.t("verdict.seats", gap=doc.total_gap))
    return lines


def _coverage_table(doc: Document, rows) -> list[str]:
    headers = [
        "#",
        doc.t("archetype"),
        doc.t("target"),
        doc.t("ready"),
        doc.t("near"),
        doc.t("coverage"),
        doc.t("gap"),
        doc.t("status"),
    ]
    body = [
        [
            str(r.number),
            escape(r.name),
            str(r.target),
            str(r.ready),
            str(r.near),
            f"{pct(r.coverage)} `{bar(r.coverage)}`" if r.coverage is not None else "–",
            str(r.gap) if r.target else "–",
            f"{STATUS_MARK[r.status]} {r.status_text}",
        ]
        for r in rows
    ]
    return table(headers, body, [True, False, True, True, True, True, True, False])


def _gaps(doc: Document) -> list[str]:
    lines = [doc.t("gaps.intro"), ""]
    if not doc.gaps:
        return [*lines, doc.t("gaps.none")]
    headers = [
        doc.t("competency"),
        doc.t("category"),
        doc.t("required_level"),
        doc.t("demand"),
        doc.t("supply"),
        doc.t("shortfall"),
        doc.t("blocking"),
        doc.t("mean_level"),
        doc.t("not_assessed"),
    ]
    body = [
        [
            escape(g.name),
            escape(g.category),
            str(g.level),
            str(g.demand),
            str(g.supply),
            str(g.shortfall),
            str(g.blocking),
            "–" if g.mean_level is None else f"{g.mean_level:.1f}",
            str(g.not_assessed),
        ]
        for g in doc.gaps
    ]
    lines += table(headers, body, [False, False, True, True, True, True, True, True, True])
    if doc.gaps_more:
        lines += ["", doc.t("more.rows", n=doc.gaps_more)]
    return lines


def _people(doc: Document) -> list[str]:
    lines: list[str] = []
    for block in doc.people:
        r = block.archetype
        lines += [
            f"### {r.number}. {escape(r.name)}",
            "",
            f"{doc.t('target')} {r.target} · {doc.t('ready')} {r.ready} · "
            f"{doc.t('near')} {r.near} · "
            f"{STATUS_MARK[r.status]} {r.status_text}",
            "",
            f"- **{doc.t('people.ready')}{doc.paren(str(r.ready))}**{doc.colon}"
            + _people_line(doc, block.ready, block.ready_more),
        ]
        near = f"- **{doc.t('people.near')}{doc.paren(str(r.near))}**{doc.colon}"
        if not block.near:
            lines += [near + doc.t("people.none"), ""]
            continue
        lines += [near.rstrip(), ""]
        body = [[_person(doc, p), pct(p.fit), _lacks(doc, p)] for p in block.near]
        lines += [
            "  " + line
            for line in table(
                [doc.t("person"), doc.t("fit"), doc.t("people.lacks")], body, [False, True, False]
            )
        ]
        if block.near_more:
            lines += ["", f"  {doc.t('more.people', n=block.near_more)}"]
        lines.append("")
    return lines


def _groups(doc: Document) -> list[str]:
    headers = [
        cap(escape(doc.by_label or doc.t("group"))),
        doc.t("staff"),
        doc.t("verdict.index"),
        cap(doc.t("status.covered")),
        cap(doc.t("status.thin")),
        cap(doc.t("status.missing")),
        doc.t("gap"),
        doc.t("group.largest_gaps"),
    ]
    body = [
        [
            escape(g.value),
            str(g.staff),
            pct(g.coverage_index, 1),
            str(g.covered),
            str(g.thin),
            str(g.missing),
            str(g.gap),
            doc.sep.join(f"{escape(name)}{doc.paren(str(gap))}" for name, gap in g.largest_gaps)
            or "—",
        ]
        for g in doc.groups
    ]
    lines = table(headers, body, [False, True, True, True, True, True, True, False])
    if doc.groups_more:
        lines += ["", doc.t("more.rows", n=doc.groups_more)]
    if 0 < len(doc.groups) <= 8:
        # archetype x group matrix: ready / target per cell
        lines.append("")
        mheaders = [doc.t("archetype")] + [escape(g.value) for g in doc.groups]
        mbody = []
        for i, r in enumerate(doc.coverage):
            cells = [escape(r.name)]
            for g in doc.groups:
                gr = g.rows[i]
                cells.append(f"{gr.ready}/{gr.target} {STATUS_MARK[gr.status]}")
            mbody.append(cells)
        lines += table(mheaders, mbody, [False] + [True] * len(doc.groups))
    return lines


def _actions(doc: Document) -> list[str]:
    lines = [f"_{doc.t('actions.rule')}_", ""]
    if not doc.actions:
        return [*lines, doc.t("actions.none")]
    for i, a in enumerate(doc.actions, 1):
        label = doc.t("action.label", kind=a.kind_text, gap=a.gap)
        lines.append(
            f"{i}. **{escape(a.archetype)}**{doc.paren(label)}{doc.colon}{escape(a.headline)}"
        )
        for p in a.candidates:
            lines.append(f"   - {_person(doc, p)} · {pct(p.fit)}{doc.colon}{_lacks(doc, p)}")
        if a.more:
            lines.append(f"   - {doc.t('more.people', n=a.more)}")
    return lines


def _bench(doc: Document) -> list[str]:
    ins = doc.insights
    headers = ["#", doc.t("archetype"), doc.t("target"), doc.t("ready_now"), doc.t("near_soon"),
               doc.t("depth"), doc.t("bench")]
    body = [
        [str(b.number), escape(b.name), str(b.target), str(b.ready), str(b.near),
         "–" if b.depth is None else f"{b.depth:.1f}", b.strength_text]
        for b in ins.bench
    ]
    lines = table(headers, body, [True, False, True, True, True, True, False])
    lines.append("")
    if ins.risks:
        lines += [f"**{doc.t('risk')}**{doc.colon.rstrip()}", ""]
        lines += [f"- {escape(r)}" for r in ins.risks]
        lines.append("")
    lines += [escape(ins.single_points), "", f"_{doc.t('bench.note')}_"]
    return lines


def _categories(doc: Document) -> list[str]:
    headers = [doc.t("category"), doc.t("competencies"), doc.t("mean_level"), doc.t("shortfall"),
               doc.t("held_back"), doc.t("levels_to_gain")]
    body = [
        [escape(c.name), str(c.competencies), "–" if c.mean_level is None else f"{c.mean_level:.1f}",
         str(c.shortfall), str(c.held_back), f"{c.levels_to_gain:g}"]
        for c in doc.insights.categories
    ]
    return [*table(headers, body, [False, True, True, True, True, True]), "", f"_{doc.t('categories.note')}_"]


def _exclusive(doc: Document) -> list[str]:
    ins = doc.insights
    headers = ["#", doc.t("archetype"), doc.t("target"), doc.t("ready"), doc.t("ready_exclusive"),
               doc.t("coverage"), doc.t("coverage_exclusive"), doc.t("gap_exclusive")]
    body = [
        [str(e.number), escape(e.name), str(e.target), str(e.ready), str(e.ready_exclusive),
         pct(e.coverage), pct(e.coverage_exclusive), str(e.gap_exclusive) if e.target else "–"]
        for e in ins.exclusive
    ]
    return [*table(headers, body, [True, False, True, True, True, True, True, True]), "",
            escape(ins.exclusive_verdict or "")]


def _quality(doc: Document) -> list[str]:
    q = doc.quality
    none = doc.t("quality.none")
    share = pct(q.not_assessed / q.cells, 1) if q.cells else "–"
    c = doc.colon
    line = "- " + doc.t("quality.not_assessed", n=q.not_assessed, total=q.cells, pct=share)
    if q.most_missing:
        line += (
            doc.semi
            + doc.t("quality.most_missing")
            + c
            + doc.sep.join(f"{escape(n)}{doc.paren(str(k))}" for n, k in q.most_missing)
        )
    lines = [line]
    unknown = doc.sep.join(escape(x) for x in q.unknown_columns) or none
    lines.append(f"- {doc.t('quality.unknown')}{c}{unknown}")
    missing = doc.sep.join(escape(x) for x in q.missing_competencies) or none
    lines.append(f"- {doc.t('quality.missing_competencies')}{c}{missing}")
    lines.append(f"- {doc.t('quality.rows_skipped')}{c}{q.rows_skipped}")
    if q.warnings:
        lines.append(f"- {doc.t('quality.warnings')}{c.rstrip()}")
        lines += [f"  - {escape(w)}" for w in q.warnings]
        if q.warnings_more:
            lines.append(f"  - {doc.t('more.rows', n=q.warnings_more)}")
    else:
        lines.append(f"- {doc.t('quality.warnings')}{c}{none}")
    return lines


def render_document(doc: Document) -> str:
    out = [f"# {escape(doc.title)}", ""]
    out.append(
        doc.t("report.generated", date=doc.generated)
        if doc.generated
        else doc.t("report.generated.nodate")
    )
    out += ["", f"## {doc.t('section.inputs')}", "", *_inputs(doc)]
    out += ["", f"## {doc.t('section.verdict')}", "", *_verdict(doc)]
    out += [
        "",
        f"## {doc.t('section.coverage')}",
        "",
        *_coverage_table(doc, doc.coverage),
        "",
        doc.t("coverage.note"),
    ]
    if doc.insights.exclusive:
        out += ["", f"## {doc.t('title.exclusive')}", "", *_exclusive(doc)]
    out += ["", f"## {doc.t('section.gaps')}", "", *_gaps(doc)]
    out += ["", f"## {doc.t('title.categories')}", "", *_categories(doc)]
    out += ["", f"## {doc.t('section.people')}", "", *_people(doc)]
    out += [f"## {doc.t('title.bench')}", "", *_bench(doc), ""]
    if doc.by:
        out += [f"## {doc.t('section.groups', column=escape(doc.by_label))}", "", *_groups(doc), ""]
    actions_title = doc.t("section.actions")
    if doc.insights.recommendations_exclusive:
        actions_title = doc.t("title.recommendations.exclusive")
    out += [f"## {actions_title}", "", *_actions(doc)]
    out += ["", f"## {doc.t('section.quality')}", "", *_quality(doc)]
    out += [
        "",
        f"## {doc.t('section.how')}",
        "",
        doc.t("how.text", ready=pct(doc.ready_fit), near=pct(doc.near_fit)),
    ]
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.rstrip("\n") + "\n"


def render(analysis: Analysis, options: RenderOptions) -> str:
    return render_document(build(analysis, options))
