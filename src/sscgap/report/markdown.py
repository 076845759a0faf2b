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
from .common import amount, bar, count, grouped, pct
from .document import CoverageRow, Document, Lack, PersonRef, build, cap
from .safe import html_escape
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
        text += doc.t("more.after_list") + doc.t("more.people.where", n=more)
    return text


def _inputs(doc: Document) -> list[str]:
    c = doc.colon
    layout = doc.t("input.layout." + doc.layout)
    source = "" if doc.profiles_source == "(built-in)" else doc.paren(escape(doc.profiles_source))
    lines = [
        f"- **{doc.t('input.roster')}**{c}{escape(doc.roster)}{doc.paren(layout)}",
        f"- **{doc.t('input.people')}**{c}{grouped(doc.staff)}",
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
        if names:  # a status marks its line only when some archetype has it: no alarm for none
            shown = doc.join_names([escape(n) for n in names])
            lines.append(f"- {STATUS_MARK[status]} {cap(doc.t('status.' + status))}{doc.colon}{shown}")
        else:
            lines.append(f"- {cap(doc.t('status.' + status))}{doc.colon}—")
    lines.append("- " + doc.t("verdict.people", ready=doc.ready_people, near=doc.near_people))
    lines.append("- " + doc.t("verdict.seats", gap=doc.total_gap))
    return lines


def _coverage_table(doc: Document, rows: Sequence[CoverageRow]) -> list[str]:
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
            count(r.target),
            count(r.ready),
            count(r.near),
            f"{pct(r.coverage)} `{bar(r.coverage)}`" if r.coverage is not None else "–",
            count(r.gap) if r.target else "–",
            f"{STATUS_MARK[r.status]} {r.status_text}",
        ]
        for r in rows
    ]
    with_seats: list[list[str]] = []
    for r, row in zip(rows, body, strict=True):
        with_seats.append(row)
        for seat in r.roles:  # role seats: a sub-row per role
            with_seats.append(
                [
                    "",
                    f"└ {escape(seat.name)}",
                    count(seat.target),
                    count(seat.ready),
                    count(seat.near),
                    f"{pct(seat.coverage)} `{bar(seat.coverage)}`" if seat.coverage is not None else "–",
                    count(seat.gap) if seat.target else "–",
                    f"{STATUS_MARK['missing']} {doc.t('seats.nobody')}" if seat.empty else "",
                ]
            )
    return table(headers, with_seats, [True, False, True, True, True, True, True, False])


def _seats_note(doc: Document, rows: Sequence[CoverageRow]) -> list[str]:
    seated = [r for r in rows if r.roles]
    if not seated:
        return []
    parts = [f"{escape(r.name)}{doc.colon}{doc.t('seats.filled', filled=r.filled, target=r.target)}" for r in seated]
    space = "" if doc.lang == "zh" else " "  # no space between Chinese sentences
    return ["", doc.t("seats.note") + space + doc.semi.join(parts)]


def _principles(doc: Document) -> list[str]:
    """Who carries the principles: one row each, with the competencies and the level."""
    headers = [doc.t("principles.col"), doc.t("principles.carriers"), doc.t("principles.share"),
               doc.t("principles.competencies")]
    body = [
        [
            escape(p.name),
            f"{count(p.carriers)} / {count(p.staff)}",
            pct(p.share),
            doc.sep.join(f"{escape(c)}{doc.paren(f'≥ {p.level}')}" for c in p.competencies),
        ]
        for p in doc.principles
    ]
    lines = table(headers, body, [False, True, True, False])
    described = [p for p in doc.principles if p.description]
    if described:
        lines.append("")
        lines += [f"- **{escape(p.name)}**{doc.colon}{escape(p.description or '')}" for p in described]
    return lines


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
            count(g.demand),
            count(g.supply),
            count(g.shortfall),
            count(g.blocking),
            "–" if g.mean_level is None else f"{g.mean_level:.1f}",
            count(g.not_assessed),
        ]
        for g in doc.gaps
    ]
    lines += table(headers, body, [False, False, True, True, True, True, True, True, True])
    if doc.gaps_more:
        lines += ["", doc.t("more.gaps.where", n=doc.gaps_more)]
    return lines


def _people(doc: Document) -> list[str]:
    """One ``<details>`` per archetype (GitHub renders it folded): the summary line is HTML, so
    its names are HTML-escaped; the body is Markdown again after a blank line."""
    lines: list[str] = [doc.t("people.details"), ""]
    for block in doc.people:
        r = block.archetype
        summary = (
            f"<strong>{r.number}. {html_escape(r.name)}</strong> · {STATUS_MARK[r.status]} {r.status_text} · "
            f"{doc.t('target')} {grouped(r.target)} · {doc.t('ready')} {grouped(r.ready)} · {doc.t('near')} {grouped(r.near)}"
        )
        lines += [
            "<details>",
            f"<summary>{summary}</summary>",
            "",
            f"- **{doc.t('people.ready')}{doc.paren(str(grouped(r.ready)))}**{doc.colon}"
            + _people_line(doc, block.ready, block.ready_more),
        ]
        near = f"- **{doc.t('people.near')}{doc.paren(str(grouped(r.near)))}**{doc.colon}"
        if not block.near:
            lines += [near + doc.t("people.none"), "", "</details>", ""]
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
            lines += ["", f"  {doc.t('more.people.where', n=block.near_more)}"]
        lines += ["", "</details>", ""]
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
            count(g.staff),
            pct(g.coverage_index, 1),
            count(g.covered),
            count(g.thin),
            count(g.missing),
            count(g.gap),
            doc.sep.join(f"{escape(name)}{doc.paren(count(gap))}" for name, gap in g.largest_gaps)
            or "—",
        ]
        for g in doc.groups
    ]
    # three tables in a row: each says what it holds, as the HTML report's captions do
    column = escape(doc.by_label or doc.t("group"))
    lines = [f"_{doc.shares_note}_", "", f"**{doc.t('table.caption.groups', column=column)}**", ""]
    lines += table(headers, body, [False, True, True, True, True, True, True, False])
    if doc.groups_more:
        lines += ["", doc.t("more.groups.where", n=doc.groups_more)]
    if 0 < len(doc.groups) <= 8:
        # archetype x group matrix: ready / target per cell
        lines += ["", f"**{doc.t('table.caption.matrix', column=column)}**", ""]
        mheaders = [doc.t("archetype")] + [escape(g.value) for g in doc.groups]
        mbody = []
        for i, r in enumerate(doc.coverage):
            cells = [escape(r.name)]
            for g in doc.groups:
                gr = g.rows[i]
                met = gr.filled if gr.filled is not None else gr.ready
                cells.append(f"{count(met)}/{count(gr.target)} {STATUS_MARK[gr.status]}")
            mbody.append(cells)
        lines += table(mheaders, mbody, [False] + [True] * len(doc.groups))
    if doc.principles and 0 < len(doc.groups) <= 8:
        # principle x group: carriers / staff per cell
        lines += ["", f"**{doc.t('table.caption.principles.groups', column=column)}**", ""]
        pheaders = [doc.t("principles.col")] + [escape(g.value) for g in doc.groups]
        pbody = [
            [escape(p.name)] + [f"{count(g.principles[i].carriers)}/{count(g.staff)}" for g in doc.groups]
            for i, p in enumerate(doc.principles)
        ]
        lines += table(pheaders, pbody, [False] + [True] * len(doc.groups))
    return lines


def _actions(doc: Document) -> list[str]:
    lines = [f"_{doc.t('actions.rule')}_", ""]
    if not doc.actions:
        return [*lines, doc.t("actions.none")]
    lines += [doc.t("actions.seats", gap=doc.total_gap), ""]
    for i, a in enumerate(doc.actions_first(), 1):
        label = doc.t("action.label", kind=a.kind_text, gap=a.gap)
        lines.append(
            f"{i}. **{escape(a.archetype)}**{doc.paren(label)}{doc.colon}{escape(a.headline)}"
        )
        for p in a.candidates:
            lines.append(f"   - {_person(doc, p)} · {pct(p.fit)}{doc.colon}{_lacks(doc, p)}")
        if a.more:
            lines.append(f"   - {doc.t('more.people.where', n=a.more)}")
    return lines


def _bench(doc: Document) -> list[str]:
    ins = doc.insights
    headers = ["#", doc.t("archetype"), doc.t("target"), doc.t("ready_now"), doc.t("near_soon"),
               doc.t("depth"), doc.t("bench")]
    body = [
        [str(b.number), escape(b.name), count(b.target), count(b.ready), count(b.near),
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
        [escape(c.name), count(c.competencies), "–" if c.mean_level is None else f"{c.mean_level:.1f}",
         count(c.shortfall), count(c.held_back), amount(c.levels_to_gain)]
        for c in doc.insights.categories
    ]
    return [*table(headers, body, [False, True, True, True, True, True]), "", f"_{doc.t('categories.note')}_"]


def _exclusive(doc: Document) -> list[str]:
    ins = doc.insights
    headers = ["#", doc.t("archetype"), doc.t("target"), doc.t("ready"), doc.t("ready_exclusive"),
               doc.t("coverage"), doc.t("coverage_exclusive"), doc.t("gap_exclusive")]
    body = [
        [str(e.number), escape(e.name), count(e.target), count(e.ready), count(e.ready_exclusive),
         pct(e.coverage), pct(e.coverage_exclusive), count(e.gap_exclusive) if e.target else "–"]
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
            + doc.sep.join(f"{escape(n)}{doc.paren(str(grouped(k)))}" for n, k in q.most_missing)
        )
    lines = [line]
    if q.matched:
        lines.append(f"- {escape(q.matched)}")
    lines += [f"- {escape(x)}" for x in q.reading]
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


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def sections(doc: Document) -> list[tuple[str, list[str]]]:
    """The sections in reading order, decisions first: verdict, actions, coverage, the analysis,
    the inputs and the data quality, and the people (long lists, folded) last."""
    actions_title = doc.t("section.actions")
    if doc.insights.recommendations_exclusive:
        actions_title = doc.t("title.recommendations.exclusive")
    out: list[tuple[str, list[str]]] = [(doc.t("section.verdict"), _verdict(doc)), (actions_title, _actions(doc))]
    if doc.principles:  # who carries the principles, under the decisions
        out.append((doc.t("principles.title"), _principles(doc)))
    out += [
        (
            doc.t("section.coverage"),
            [*_coverage_table(doc, doc.coverage), *_seats_note(doc, doc.coverage), "", doc.t("coverage.note")],
        ),
    ]
    if doc.insights.exclusive:
        out.append((doc.t("title.exclusive"), _exclusive(doc)))
    out += [
        (doc.t("section.gaps"), _gaps(doc)),
        (doc.t("title.categories"), _categories(doc)),
        (doc.t("title.bench"), _bench(doc)),
    ]
    if doc.by:
        out.append((doc.t("section.groups", column=escape(doc.by_label)), _groups(doc)))
    out += [
        (doc.t("section.inputs"), _inputs(doc)),
        (doc.t("section.quality"), _quality(doc)),
        (doc.t("section.how"), [doc.t("how.text", ready=pct(doc.ready_fit), near=pct(doc.near_fit))]),
        (doc.t("section.people"), _people(doc)),
    ]
    return out


def render_document(doc: Document) -> str:
    out = [f"# {escape(doc.title)}", ""]
    out.append(
        doc.t("report.generated", date=doc.generated)
        if doc.generated
        else doc.t("report.generated.nodate")
    )
    parts = sections(doc)
    out += ["", f"**{doc.t('toc')}**{doc.colon.rstrip()}", ""]
    out += [f"{i}. [{title}](#{slug(title)})" for i, (title, _) in enumerate(parts, 1)]
    for title, body in parts:
        out += ["", f"## {title}", "", *body]
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.rstrip("\n") + "\n"


def render(analysis: Analysis, options: RenderOptions) -> str:
    return render_document(build(analysis, options))
