"""The terminal tables (render/grid.py) against Rich drawing the same tables.

``render.grid`` re-implements the layout of ``rich.table.Table(box=SIMPLE_HEAVY, pad_edge=False,
title_justify="left")`` because Rich's general machinery costs ~75 µs a cell. Rich itself is the
reference: for random tables (English, CJK, long words, blank cells, multi-line cells, narrow
and wide consoles) the text must be the same character for character.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich import box
from rich.table import Table
from rich.text import Text

from sscgap.report import RenderOptions
from sscgap.report.common import text_console
from sscgap.report.grid import Column, Grid, Line, render_lines, text_column

from conftest import EXAMPLE_ZH

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def rich_text(items: list[Grid | Line], width: int) -> str:
    """What Rich prints for the same items on a console of ``width`` without colour."""
    console, buf = text_console(RenderOptions(width=width))  # what the other terminal views use
    for item in items:
        if isinstance(item, Line):
            console.print(Text(item.text))
            continue
        table = Table(title=item.title, box=box.SIMPLE_HEAVY, title_justify="left", pad_edge=False)
        for c in item.columns:
            table.add_column(
                c.header,
                justify=c.justify,
                no_wrap=c.no_wrap,
                overflow=c.overflow,
                min_width=c.min_width,
            )
        for row in item.rows:
            table.add_row(*(c if isinstance(c, str) else Text.assemble(*c) for c in row))
        console.print(table)
    return buf.getvalue()


WORDS = st.text(
    alphabet=st.sampled_from(
        list("abcdefgh XYZ0123456789-–.,:()→█░…") + list("人才共享服务中心缺口") + ["\n", "\r"]
    ),
    max_size=40,
)
CELL = st.one_of(
    WORDS,
    st.tuples(st.tuples(WORDS, st.sampled_from(["green", "bold red", None]))).map(tuple),
    st.tuples(st.tuples(WORDS, st.just("green")), st.tuples(WORDS, st.none())).map(tuple),
)
COLUMN = st.builds(
    Column,
    header=WORDS,
    justify=st.sampled_from(["left", "right"]),
    style=st.sampled_from([None, "dim"]),
    no_wrap=st.booleans(),
    overflow=st.sampled_from(["ellipsis", "fold"]),
    min_width=st.one_of(st.none(), st.integers(1, 25)),
)


@st.composite
def grids(draw) -> Grid:
    columns = draw(st.lists(COLUMN, min_size=1, max_size=8))
    grid = Grid(draw(st.one_of(st.none(), WORDS)), columns)
    for _ in range(draw(st.integers(0, 6))):
        grid.add_row(*(draw(CELL) for _ in columns))
    return grid


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(st.one_of(grids(), st.builds(Line, WORDS)), min_size=1, max_size=3),
    width=st.integers(8, 170),
)
def test_same_text_as_rich(items, width):
    assert render_lines(items, width) == rich_text(items, width)


@settings(max_examples=100, deadline=None)
@given(
    items=st.lists(
        st.one_of(grids(), st.builds(Line, WORDS, st.just("bold"))), min_size=1, max_size=3
    )
)
def test_colour_changes_only_the_escape_codes(items):
    plain = render_lines(items, 100)
    coloured = render_lines(items, 100, color=True)
    assert ANSI.sub("", coloured) == plain


def example() -> Grid:
    grid = Grid(
        "Coverage", [Column("#", "right", style="dim"), Column("Archetype"), Column("Status")]
    )
    grid.add_row("1", "Leader-communicator", (("covered", "green"),))
    grid.add_row("2", "Experienced insider", (("missing", "bold red"),))
    return grid


def test_colour_codes():
    out = render_lines([example()], 80, color=True)
    assert "\x1b[3mCoverage\x1b[0m" in out  # italic title
    assert "\x1b[1mArchetype\x1b[0m" in out  # bold header
    assert "\x1b[32mcovered\x1b[0m" in out
    assert "\x1b[1;31mmissing\x1b[0m" in out
    assert "\x1b[2m1\x1b[0m" in out  # the dim number column
    assert "\x1b" not in render_lines([example()], 80)


def test_known_layout():
    assert render_lines([example()], 80).splitlines() == [
        "Coverage                           ",
        "                                   ",
        " #   Archetype             Status  ",
        " ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ ",
        " 1   Leader-communicator   covered ",
        " 2   Experienced insider   missing ",
        "                                   ",
    ]


def test_narrow_console_wraps_the_text_column():
    lines = render_lines([example()], 30).splitlines()
    assert max(map(len, lines)) == 30
    # words wrap; a word longer than the column ends in an ellipsis; numbers and status stay whole
    assert lines[4:7] == [
        " 1   Leader-commun…   covered ",
        " 2   Experienced      missing ",
        "     insider                  ",
    ]
    assert rich_text([example()], 30).splitlines() == lines


def test_row_of_the_wrong_length():
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        example().add_row("3", "x")


def test_chinese_names_wrap_between_characters():
    grid = Grid(None, [text_column("人才类型", "zh"), Column("目标", "right")])
    grid.add_row("资深内部业务骨干", "10")
    lines = render_lines([grid], 16).splitlines()
    assert lines[4:7] == [" 资深内      10 ", " 部业务         ", " 骨干           "]
    # in English a word too long for its column still ends in an ellipsis
    grid = Grid(None, [text_column("Archetype", "en"), Column("Target", "right")])
    grid.add_row("Leader-communicator", "10")
    assert " Leade…      10 " in render_lines([grid], 16).splitlines()


def test_chinese_report_at_80_columns_shows_whole_names():
    from sscgap.engine import analyze
    from sscgap.profiles import load_profiles
    from sscgap.report import RenderOptions
    from sscgap.report.table import render
    from sscgap.roster import load_roster

    pset = load_profiles(None)
    analysis = analyze(pset, load_roster(EXAMPLE_ZH, pset))
    text = render(analysis, RenderOptions(lang="zh", width=80))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "━" in line) + 1
    rows = lines[start : next(i for i in range(start, len(lines)) if not lines[i].strip())]
    assert len(rows) > len(pset.archetypes) and not any("…" in row for row in rows)
    column = ""  # the archetype column, line after line
    for row in rows:
        fields = re.split(r"\s{2,}", row.strip())
        column += fields[1] if fields[0].isdigit() else fields[0]
    for a in pset.archetypes:
        assert a.name.zh in column
