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
from sscgap.report.person import PersonView
from sscgap.report.person import render_table as person_table
from sscgap.roster import load_roster

from conftest import EXAMPLE

BOX = set("━─│┃┏┓┗┛┡┩╇┳┻╋┣┫┠┨")


def _chars(text: str) -> Counter:
    """What a reader can read: every character but spaces and the tables' rules."""
    return Counter(ch for ch in text if not ch.isspace() and ch not in BOX)


@pytest.fixture(scope="module")
def analysis():
    return sscgap.analyze(EXAMPLE, by="department").analysis


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_the_analysis_table_loses_nothing(analysis, lang, width):
    render = get_renderer(Format.table)
    whole = render(analysis, RenderOptions(lang=lang, width=400))
    narrow = render(analysis, RenderOptions(lang=lang, width=width))
    assert _chars(narrow) == _chars(whole)
    assert max(len(line.rstrip()) for line in narrow.splitlines()) <= width


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
