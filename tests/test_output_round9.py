"""Round 9: outputs as users see them: colour into a pipe, the CSV option's help, ``person`` at
80 columns (Chinese words and headers whole)."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLE, ROOT, run_cli

Q2 = ROOT / "examples" / "staff_q2.csv"
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    "args",
    [("analyze", EXAMPLE), ("person", EXAMPLE, "000101", "--lang", "zh"), ("trend", EXAMPLE, Q2)],
    ids=["analyze", "person-zh", "trend"],
)
def test_force_color_into_a_pipe_pads_no_line(runner, monkeypatch, args):
    """FORCE_COLOR into a pipe (a CI log, ``| less -R``): Rich padded every row and title to the
    table's width with spaces inside the style codes; the same lines as without colour now."""
    plain = run_cli(runner, *args).stdout
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = run_cli(runner, *args).stdout
    assert SGR.search(coloured)
    assert [line for line in coloured.split("\n") if SGR.sub("", line).endswith(" ")] == []
    assert SGR.sub("", coloured) == plain


def _help(runner, command: str) -> str:
    return " ".join(run_cli(runner, command, "--help").stdout.split())


def test_csv_table_help_says_each_commands_default(runner):
    assert "CSV: people (one row per person; the default here)" in _help(runner, "analyze")
    assert "CSV: coverage (one row per archetype; the default here)" in _help(runner, "report")


# ---------------------------------------------------------------------------------------------
# Chinese words stay whole in a narrow table: notes, names and headers (report.fit.ZH_WORDS)
# ---------------------------------------------------------------------------------------------

WORDS = ("已就绪", "就绪", "所需", "级数", "分配后", "管理者", "管理", "席位", "用工类型", "内部", "外部",
         "人才", "团队", "经理", "顾问")  # fmt: skip


def _counts(text: str) -> dict[str, int]:
    return {w: text.count(w) for w in WORDS}


@pytest.mark.parametrize(
    "args",
    [("person", EXAMPLE, "000101"), ("analyze", EXAMPLE, "--exclusive"), ("profiles", "list")],
    ids=["person", "analyze-exclusive", "profiles-list"],
)
def test_zh_words_are_whole_at_80_columns(runner, monkeypatch, args):
    """At 80 columns the Note column broke 已就 / 绪20人 and 现为内 / 部, the header 就绪所 /
    需级数 and 已就绪 / （分配 / 后）, names 一线服务与担当型管 / 理团队: every word is as often on
    one line as at 200 columns, where nothing wraps."""
    monkeypatch.setenv("COLUMNS", "200")
    wide = run_cli(runner, *args, "--lang", "zh").stdout
    monkeypatch.setenv("COLUMNS", "80")
    narrow = run_cli(runner, *args, "--lang", "zh").stdout
    assert max(len(line) for line in narrow.split("\n")) <= 80
    assert _counts(narrow) == _counts(wide)


def test_person_zh_note_keeps_a_number_with_its_unit(runner, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    text = run_cli(runner, "person", EXAMPLE, "000101", "--lang", "zh").stdout
    lines = [line.strip() for line in text.split("\n")]
    assert not any(line.endswith(("已就", "就绪2", "席")) or line == "人" or line.startswith("绪") for line in lines)
    assert any(line.endswith("已就绪20人") for line in lines)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_keeps_names_and_levels_on_one_line(runner, monkeypatch, lang):
    """The actions' Plan column at 80 columns broke a person's name (``Liang`` / ``Mingxuan``,
    ``He`` / ``Yanping``) and a competency from its levels (``产品管理`` / ``≥4（关键）``)."""
    monkeypatch.setenv("COLUMNS", "80")
    text = run_cli(runner, "analyze", EXAMPLE, "--exclusive", "--lang", lang).stdout
    plan = text[text.index("建议行动" if lang == "zh" else "Recommended"):]
    lines = [line.strip() for line in plan.split("\n")]
    assert not [x for x in lines if re.match(r"(≥|[\d.]+→|–→)", x)]
    for name in ("Liang Mingxuan", "He Yanping", "Sun Zixuan", "Liu Hongwei"):
        assert name in plan, name
