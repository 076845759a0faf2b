"""Terminal tables as a reader sees them at 60-160 columns: names wrap between words (or, in
Chinese, between characters, never inside a number or before a closing mark), numbers stay
whole, nothing is cut with "…", ids are folded only where they must be.

Each test failed on the layout that gave all the excess to the widest column and let Rich wrap
Chinese at spaces only (``Lea`` / ``der``, ``培养`` / ``达标+1``, ``需求人…``, ``Qin`` alone over
``Yue（000251）：…``, ``senior_business_spe`` / ``cialist`` at 100 columns)."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

import sscgap
from sscgap.diff import compare
from sscgap.engine import analyze
from sscgap.profiles import load_profiles
from sscgap.report import Format, RenderOptions, get_renderer
from sscgap.report.catalogue import render_list
from sscgap.report.diff import render_table as diff_table
from sscgap.report.document import build
from sscgap.report.fit import CLOSE, OPEN, wrap_line
from sscgap.report.trend import render_table as trend_table
from sscgap.roster import load_roster
from sscgap.trend import build as trend

from conftest import EXAMPLE, ROOT

EXAMPLE_Q2 = ROOT / "examples" / "staff_q2.csv"


@pytest.fixture(scope="module")
def analysis():
    return sscgap.analyze(EXAMPLE).analysis


@pytest.fixture(scope="module")
def pair():
    pset = load_profiles()
    return analyze(pset, load_roster(EXAMPLE, pset)), analyze(pset, load_roster(EXAMPLE_Q2, pset))


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines()]


@pytest.mark.parametrize("width", [60, 80])
def test_archetype_names_wrap_between_words(analysis, width):
    text = get_renderer(Format.table)(analysis, RenderOptions(lang="en", width=width))
    doc = build(analysis, RenderOptions())
    coverage = text.split(doc.t("seats.note"))[0]  # the coverage table
    words = {w for r in doc.coverage for w in re.split(r"[ -]", r.name)}
    cells = set(re.split(r"[\s-]+", coverage))
    assert words <= cells


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", [60, 80, 100])
def test_diff_cuts_nothing(pair, lang, width):
    text = diff_table(compare(*pair), RenderOptions(lang=lang, width=width))
    assert "…" not in text.replace("… ", "")  # "… and 1 more" says more are left out
    assert max(len(ln) for ln in text.splitlines()) <= width or lang == "zh"


@pytest.mark.parametrize("width", [60, 80, 100])
def test_diff_why_keeps_each_part_whole(pair, width):
    """"新入职+1、培养达标+1" breaks after the "、", never inside "培养达标+1"."""
    d = compare(*pair)
    whole = diff_table(d, RenderOptions(lang="zh", width=400))
    text = diff_table(d, RenderOptions(lang="zh", width=width))
    for part in ("培养达标+1", "离职-2", "新入职+4", "不再就绪-1"):
        assert text.count(part) == whole.count(part), part


def test_a_latin_name_is_not_left_alone_before_chinese(pair):
    """Rich wrapped "Qin Yue（000251）：报表…" as "Qin" over the rest: Chinese breaks between
    characters, so the line is filled."""
    text = diff_table(compare(*pair), RenderOptions(lang="zh", width=80))
    people = text.split("人员变动", 1)[1].split("平均等级变化", 1)[0].splitlines()
    header = next(ln for ln in people if "人员（人才类型）" in ln)
    at = cell_len(header[: header.index("人员（人才类型）")])  # where the people column starts

    def column(line: str) -> str:  # the line from that cell on (a Chinese character is 2 cells)
        i = next((k for k in range(len(line) + 1) if cell_len(line[:k]) >= at), len(line))
        return line[i:].strip()

    cells = [column(ln) for ln in people]
    assert "Qin Yue（000251）" in "".join(people)
    assert not [c for c in cells if re.fullmatch(r"[A-Za-z]+", c)]  # "Yuan" alone over "Yunfei（…"


@pytest.mark.parametrize("width", [60, 80])
def test_trend_numbers_stay_whole(pair, width):
    tr = trend(list(pair), ["Q1", "Q2"])
    text = trend_table(tr, RenderOptions(lang="en", width=width))
    assert "16 / 10 (+34)" in text


def test_role_ids_whole_at_100_columns_with_their_targets():
    text = render_list(load_profiles(), RenderOptions(lang="en", width=100))
    for role, target in [("senior_business_specialist", "1 per 15 staff"),
                         ("process_improvement_consultant", "1 per 50 staff"),
                         ("process_owner", "1 per 15 staff"), ("call_centre_manager", "headcount 1")]:  # fmt: skip
        assert any(role in ln and target in ln for ln in text.splitlines()), role


def test_chinese_profile_names_break_between_characters_not_alone():
    text = render_list(load_profiles(), RenderOptions(lang="zh", width=80))
    assert "有领导力、" in text  # after the enumeration comma
    for ln in _lines(text):
        assert len(ln) != 1, ln  # no character alone on a line


@pytest.mark.parametrize(
    ("line", "width", "lines"),
    [
        ("新入职+1、培养达标+1", 12, ["新入职+1、", "培养达标+1"]),
        ("有领导力、善沟通协调的管理者", 12, ["有领导力、", "善沟通协调的", "管理者"]),
        ("Leader-communicator", 12, ["Leader-", "communicator"]),
        ("senior_business_specialist", 19, ["senior_business_", "specialist"]),
        ("中心：3个席位，已就绪2人", 10, ["中心：", "3个席位，", "已就绪2人"]),
        ("Yunfei（000116）：一线", 16, ["Yunfei", "（000116）：一线"]),
    ],
)
def test_wrap_line(line, width, lines):
    assert [line[a:b] for a, b in wrap_line(line, width)] == lines


@pytest.mark.parametrize("width", range(4, 30))
def test_wrap_line_keeps_numbers_and_marks(width):
    line = "Yuan Yunfei（000116）：一线服务与担当型管理团队、产品与客户体验人才；每40人1名，覆盖指数74.3%"
    parts = [line[a:b] for a, b in wrap_line(line, width)]
    assert "".join(parts).replace(" ", "") == line.replace(" ", "")
    for p in parts[1:]:
        assert p[0] not in CLOSE or width < 6
    for p in parts[:-1]:
        assert p[-1] not in OPEN
    if width >= 12:
        assert any("每40人1名" in p for p in parts)
        assert any("74.3%" in p for p in parts)
