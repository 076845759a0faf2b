"""--lang zh: mistakes on the command line and with output files are told in Chinese.

These messages used to follow 错误： in English (``错误：no archetype or competency 'x'``): only the
roster's findings had Chinese patterns. Each case is one in-process run; the message must be the
Chinese one, with what the user typed quoted as typed."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLE, run_cli

CASES = [
    (["profiles", "show", "frontline_service"], "错误：没有编号为“frontline_service”的人才类型或能力项；是否要找“service_frontline”？"),
    (["profiles", "show", "xyz"], "错误：没有编号为“xyz”的人才类型或能力项；编号见 sscgap profiles list --lang zh"),
    (["analyze", EXAMPLE, "--by", "departmnt"], "错误：--by “departmnt”：花名册中没有该列；可用的列："),
    (["analyze", EXAMPLE, "--as-of", "2026-13-01"], "错误：--as-of “2026-13-01”：不是日期（请写成 2026-06-30 或 2026/06/30）"),
    (["analyze", EXAMPLE, "-o", EXAMPLE], "：这是输入文件，不会把输出写到它上面"),
    (["trend", EXAMPLE], "错误：trend 至少需要两份花名册快照（按时间从早到晚排列）"),
    (["analyze", EXAMPLE, "--anon-key-file", "k"], "错误：--anon-key-file 只能与 --anonymize 一起使用"),
    (["analyze", EXAMPLE, "--require", "leader:x"], "错误：--require “leader:x”：“x”不是整数人数"),
    (["analyze", EXAMPLE, "--require", "leadr"], "错误：--require “leadr”：没有编号为“leadr”的人才类型；是否要找“leader”？"),
    (["analyze", EXAMPLE, "--require", "leader:0"], "错误：--require “leader:0”：最低人数至少为1"),
    (["person", EXAMPLE, "000101", "-o", "r.xlsx"], "错误：r.xlsx：此命令不输出 xlsx 格式；请用 --format（table, markdown, json）"),
    (["report", EXAMPLE, "-o", "r.foo"], "错误：r.foo：无法从文件名判断输出格式；请使用后缀（"),
]


@pytest.mark.parametrize(("args", "want"), CASES, ids=[" ".join(map(str, a[:1] + a[2:])) for a, _ in CASES])
def test_usage_errors_in_chinese(runner, tmp_path, monkeypatch, args, want):
    monkeypatch.chdir(tmp_path)
    r = run_cli(runner, *args, "--lang", "zh")
    assert r.exit_code == 2, r.stderr
    line = r.stderr.strip()
    assert want in line, line
    # no English sentence left: at most ids, options and file names in Latin letters
    assert not re.search(r"\b(no|not|the|use|give|needs|only|cannot|refusing|did you)\b", line), line
    assert not (tmp_path / "r.xlsx").exists() and not (tmp_path / "r.foo").exists()


def test_same_words_in_another_order_are_suggested():
    from sscgap.profiles import suggest

    assert suggest("frontline_service", ["leader", "service_frontline"]) == "did you mean 'service_frontline'?"
    assert suggest("Service-Frontline", ["leader", "service_frontline"]) == "did you mean 'service_frontline'?"
    assert suggest("leadr", ["leader", "service_frontline"]) == "did you mean 'leader'?"
    assert suggest("zzz", ["leader"]) is None


ENGLISH = re.compile(r"\b(no|not|the|use|give|write|must|unknown|invalid|problems?|errors?|run|line|found)\b")


def test_targets_file_problems_in_chinese(runner, tmp_path):
    """A --targets file with several problems: the head, every problem with its place (the YAML
    key path and line), its message and its hint in Chinese; ids and values as written."""
    bad = tmp_path / "t.yaml"
    bad.write_text("targets:\n  data_reporting: -1\nthreshold:\n  ready_fit: 0.9\n", encoding="utf-8")
    r = run_cli(runner, "analyze", EXAMPLE, "--targets", bad, "--lang", "zh")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert lines[0] == f"错误：{bad}：需求人数文件有误，共2处问题"
    assert lines[1] == (
        f"  {bad}，targets.data_reporting.headcount（第2行）：须不小于0（值：“-1”）；"
        "headcount 是人数，为0到10,000,000的整数"
    )
    assert lines[2] == f"  {bad}，threshold（第3行）：未知的键；是否要找“thresholds”？"
    for line in lines:
        assert not ENGLISH.search(line.replace(str(bad), "")), line
    english = run_cli(runner, "analyze", EXAMPLE, "--targets", bad)
    assert english.stderr.startswith(f"error: {bad}: invalid targets file: 2 problems")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("targets:\n  leader: 5\n   tech_applier: 3\n", "第3行第16列：YAML 格式错误：此处不能出现“键: 值”；含有“: ”的值须加引号"),
        ("targets:\n\tleader: 5\n", "第2行第1列：YAML 格式错误：行首有制表符（Tab）；请用空格缩进"),
        ("just a sentence\n", "第1行：文件顶层应为“键: 值”结构，实际是一段文字；人才模型文件由“键: 值”行组成"),
        ("targets:\n  leadr: 5\n", "targets.leadr：未知的人才类型“leadr”；是否要找“leader”？"),
        ("thresholds: {ready_fit: 0.5, near_fit: 0.8}\n", "thresholds：near_fit（0.8）不能大于 ready_fit（0.5）"),
    ],
)
def test_one_targets_problem_in_chinese(runner, tmp_path, text, want):
    bad = tmp_path / "t.yaml"
    bad.write_text(text, encoding="utf-8")
    r = run_cli(runner, "analyze", EXAMPLE, "--targets", bad, "--lang", "zh")
    assert r.exit_code == 2 and want in r.stderr, r.stderr


def test_profiles_check_in_chinese(runner, tmp_path):
    """profiles check takes --lang, as the error message that points to it says."""
    r = run_cli(runner, "profiles", "check", tmp_path, "--lang", "zh")
    assert r.exit_code == 2
    assert "该文件夹中没有 catalogue.yaml（能力目录）" in r.stdout and "没有人才类型（应在 archetypes/*.yaml 中）" in r.stdout
    assert "请先修正上面的错误" in r.stdout
    hint = run_cli(runner, "analyze", EXAMPLE, "--profiles", tmp_path, "--lang", "zh").stderr
    assert hint.strip().splitlines()[-1] == f"完整列表：运行 `sscgap profiles check {tmp_path} --lang zh`"
    ok = run_cli(runner, "profiles", "check", "--lang", "zh")
    assert ok.exit_code == 0 and "：有效：10类人才，16个角色，30项能力；阈值：已就绪 ≥ 0.9，接近就绪 ≥ 0.7" in ok.stdout


CLICK_CASES = [
    (["analyze", EXAMPLE, "--fail-under", "120"], "错误：选项 --fail-under 的值无效：“120”不在0到100之间（百分比，如 70 或 70%）"),
    (["analyze", EXAMPLE, "--fial-under", "12"], "错误：没有选项 --fial-under（是否要找：--fail-under）"),
    (["analyse", EXAMPLE], "错误：没有命令“analyse”；是否要找“analyze”？"),
    (["analyze"], "错误：缺少参数 STAFF"),
    (["analyze", EXAMPLE, "--top", "x"], "错误：选项 --top 的值无效：须为整数"),
    (["analyze", EXAMPLE, "--top", "0"], "错误：选项 --top 的值无效：须不小于1"),
    (["analyze", EXAMPLE, "--format", "pdf"], "错误：选项 --format 的值无效：“pdf”不是可选值之一："),
    (["analyze", EXAMPLE, "extra"], "错误：多余的参数：extra"),
    (["profiles", "shw", "x"], "错误：没有命令“shw”；是否要找“show”？"),
]


@pytest.mark.parametrize(("args", "want"), CLICK_CASES, ids=[" ".join(map(str, a[:1] + a[2:])) for a, _ in CLICK_CASES])
def test_command_line_mistakes_in_chinese(runner, args, want):
    """A command line Click cannot parse, under --lang zh (read from the command line itself)."""
    r = run_cli(runner, *args, "--lang", "zh")
    assert r.exit_code == 2
    first, help_line = r.stderr.strip().splitlines()
    assert first.startswith(want), r.stderr
    assert help_line.startswith("帮助：sscgap ") and help_line.endswith(" -h --lang zh")
    assert not re.search(r"\b(Error|Invalid|Usage|Try|Input|should|Value)\b", r.stderr), r.stderr


def test_command_line_mistakes_in_english_unchanged_but_tidier(runner):
    r = run_cli(runner, "analyze", EXAMPLE, "--fail-under", "120", "--lang=en")
    assert r.exit_code == 2 and "Error: Invalid value for '--fail-under': '120' is not between 0 and 100" in r.stderr
    r = run_cli(runner, "report", EXAMPLE, "--lang", "fr")
    assert "Invalid value for '--lang': 'fr' is not one of 'en', 'zh'." in r.stderr  # no "Value error, "
    r = run_cli(runner, "analyze", EXAMPLE, "--top", "0", "--lang=zh")
    assert r.stderr.startswith("错误：选项 --top 的值无效：须不小于1")
