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
