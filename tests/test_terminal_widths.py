"""Terminal tables at any width: cells wrap or fold, nothing is cut off with "…" or cropped at
the right edge (Rich's own layout cut "Leader-co…" at 80 columns and dropped the person
table's note column when a column had a minimum width)."""

from __future__ import annotations

from collections import Counter

import pytest

import sscgap
from sscgap.engine import analyze as run
from sscgap.person import person_report
from sscgap.profiles import load_profiles
from sscgap.report import Format, RenderOptions, get_renderer
from sscgap.report.catalogue import render_list
from sscgap.report.common import count, pct
from sscgap.report.document import build, cap
from sscgap.report.person import PersonView
from sscgap.report.person import render_table as person_table
from sscgap.roster import load_roster

from conftest import EXAMPLE

BOX = set("━─│┃┏┓┗┛┡┩╇┳┻╋┣┫┠┨")


BARS = set("█░")


def _chars(text: str, drop: set[str] = BOX) -> Counter:
    """What a reader can read: every character but spaces and the tables' rules."""
    return Counter(ch for ch in text if not ch.isspace() and ch not in drop)


@pytest.fixture(scope="module")
def analysis():
    return sscgap.analyze(EXAMPLE, by="department").analysis


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_the_analysis_table_loses_nothing(analysis, lang, width, monkeypatch):
    # the English headers' short forms at 60 columns (Req., Cov.) aside: test_output_round8
    monkeypatch.setattr("sscgap.i18n.SHORT_HEADERS", {})
    render = get_renderer(Format.table)
    whole = render(analysis, RenderOptions(lang=lang, width=400))
    narrow = render(analysis, RenderOptions(lang=lang, width=width))
    assert max(len(line.rstrip()) for line in narrow.splitlines()) <= width
    doc = build(analysis, RenderOptions(lang=lang))
    title, note = doc.t("section.groups", column=doc.by_label), doc.shares_note[:8]

    def split(text: str) -> tuple[str, str]:
        """(the report without its group breakdown, the breakdown)"""
        start, end = text.index(title), text.index(note)
        return text[:start] + text[end:], text[start:end]

    rest_whole, groups_whole = split(whole)
    rest_narrow, groups_narrow = split(narrow)
    # the coverage bars are a picture of the share printed beside them: too narrow a terminal
    # for both (60 columns) shows the shares alone
    assert _chars(rest_narrow, BOX | BARS) == _chars(rest_whole, BOX | BARS)
    assert width < 80 or _chars(rest_narrow) == _chars(rest_whole)
    if doc.t("groups.key", n=10)[:5] in groups_narrow:  # the same layout: every cell, wrapped
        assert _chars(groups_narrow) == _chars(groups_whole)
    else:  # too narrow for a column per archetype: each group's largest gaps by name
        assert width < 100
        cells = [title, doc.t("groups.key.narrow"), cap(doc.by_label), doc.t("staff"),
                 doc.t("verdict.index"), doc.t("gap"), doc.t("group.largest_gaps")]  # fmt: skip
        for g in doc.groups:
            gaps = doc.sep.join(f"{name}{doc.paren(count(gap))}" for name, gap in g.largest_gaps)
            cells += [g.value, count(g.staff), pct(g.coverage_index, 1), count(g.gap), gaps]
        assert _chars(groups_narrow) == _chars("".join(cells))


@pytest.fixture(scope="module")
def views():
    pset = load_profiles()
    roster = load_roster(EXAMPLE, pset)
    seats = {r.id: (r.target, r.ready) for a in run(pset, roster).archetypes for r in a.roles}
    ids = roster.people["employee_id"].tolist()[:6]
    return [PersonView(pset, person_report(pset, roster, i), seats) for i in ids]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 80, 100])
def test_the_person_table_loses_nothing(views, lang, width):
    for view in views:
        whole = person_table(view, RenderOptions(lang=lang, width=400))
        narrow = person_table(view, RenderOptions(lang=lang, width=width))
        assert _chars(narrow) == _chars(whole), view.report.employee_id


def test_names_wrap_between_words_where_there_is_room(views):
    text = person_table(views[0], RenderOptions(lang="en", width=100))
    assert "Leader-communicator" in text  # not "Leader-communicat" / "or"
    assert "Customer-experience" in text


@pytest.mark.parametrize("width", [60, 100])
def test_profile_ids_are_never_broken(width):
    text = render_list(load_profiles(), RenderOptions(width=width))
    for ident in ("experienced_insider", "key_account_manager", "ssc_consultant"):
        assert ident in text


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 100])
def test_a_wrapped_principle_line_keeps_its_indent(analysis, lang, width):
    text = get_renderer(Format.table)(analysis, RenderOptions(lang=lang, width=width))
    doc = build(analysis, RenderOptions(lang=lang))
    block = text.split(doc.t("principles.title"), 1)[1].split("\n\n", 1)[0].strip("\n").splitlines()
    assert width > 60 or len(block) > 2 * len(doc.principles)  # the rules wrap at 60 columns
    assert all(line.startswith("  ") for line in block)
    assert all(line.startswith("    ") for line in block if doc.t("principles.rule", level=2, list="")[:6] in line)
