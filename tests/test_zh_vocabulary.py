"""One Chinese vocabulary: every command and format with --lang zh uses the glossary's words
(docs/glossary.md), Chinese punctuation, and never cuts a name or a number."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from sscgap.i18n import _TEXT, BANNED, GLOSSARY, banned_in

from conftest import EXAMPLE, EXAMPLE_ZH, MINI_PROFILES, MINI_ROSTER, ROOT, once_per_run, run_cli

EXAMPLE_Q2 = ROOT / "examples" / "staff_q2.csv"
CJK = "\u4e00-\u9fff"


def _zh_outputs(runner, tmp: Path) -> dict[str, str]:
    """Every zh output of the CLI on the examples (and the mini set, a custom one)."""
    out: dict[str, str] = {}

    def cli(name: str, *args: object, ok: tuple[int, ...] = (0,)) -> None:
        r = run_cli(runner, *args)
        assert r.exit_code in ok, (name, r.exit_code, r.stdout, r.stderr)
        out[name] = r.stdout

    for fmt in ("table", "markdown", "html", "json"):
        cli(f"analyze {fmt}", "analyze", EXAMPLE, "--lang", "zh", "-f", fmt)
    cli("analyze by department", "analyze", EXAMPLE, "--lang", "zh", "--by", "department")
    cli("analyze md by department", "analyze", EXAMPLE, "--lang", "zh", "--by", "department", "-f", "markdown")
    cli("analyze exclusive", "analyze", EXAMPLE, "--lang", "zh", "--exclusive")
    cli("analyze zh roster", "analyze", EXAMPLE_ZH, "--lang", "zh", "-f", "markdown", "--by", "部门")
    cli("analyze mini", "analyze", MINI_ROSTER, "--profiles", MINI_PROFILES, "--lang", "zh")
    cli("report", "report", EXAMPLE, "--lang", "zh")
    csv_path = tmp / "people.csv"
    run_cli(runner, "analyze", EXAMPLE, "--lang", "zh", "-f", "csv", "--csv-table", "people", "-o", csv_path)
    out["csv people"] = csv_path.read_text(encoding="utf-8-sig")
    for who in ("000164", "000116", "000101"):
        cli(f"person {who}", "person", EXAMPLE, who, "--lang", "zh")
        cli(f"person {who} md", "person", EXAMPLE, who, "--lang", "zh", "-f", "markdown")
    cli("diff", "diff", EXAMPLE, EXAMPLE_Q2, "--lang", "zh")
    cli("diff md", "diff", EXAMPLE, EXAMPLE_Q2, "--lang", "zh", "-f", "markdown")
    for fmt in ("table", "markdown", "html"):
        cli(f"trend {fmt}", "trend", EXAMPLE, EXAMPLE_Q2, "--lang", "zh", "-f", fmt)
    cli("validate", "validate", EXAMPLE, "--lang", "zh")
    bad = tmp / "bad.csv"
    bad.write_text("employee_id,name,leadership\n1,张伟,7\n1,李娜,x\n", encoding="utf-8")
    cli("validate bad", "validate", bad, "--lang", "zh", ok=(2,))
    cli("profiles list", "profiles", "list", "--lang", "zh")
    cli("profiles list mini", "profiles", "list", "--profiles", MINI_PROFILES, "--lang", "zh")
    for ident in ("leader", "service_frontline", "product_cx", "ssc_consultant", "leadership"):
        cli(f"profiles show {ident}", "profiles", "show", ident, "--lang", "zh")
    cli("init", "init", tmp / "start", "--lang", "zh")
    out["init roster"] = (tmp / "start" / "roster_template_zh.csv").read_text(encoding="utf-8-sig")
    return out


@pytest.fixture(scope="module")
def zh_outputs(tmp_path_factory) -> dict[str, str]:
    from typer.testing import CliRunner

    mp = pytest.MonkeyPatch()
    mp.setenv("NO_COLOR", "1")
    mp.setenv("COLUMNS", "100")
    try:
        return once_per_run(tmp_path_factory, "zh-outputs", lambda folder: _zh_outputs(CliRunner(), folder))
    finally:
        mp.undo()


def _free_text(name: str, text: str) -> str:
    """The JSON document's string values (keys and ids are contract, not prose)."""
    if "json" not in name:
        return text
    strings: list[str] = []

    def walk(x: object) -> None:
        if isinstance(x, str):
            strings.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(json.loads(text))
    return "\n".join(strings)


def test_glossary_texts_use_no_banned_synonym():
    for key, (_, zh) in _TEXT.items():
        assert not banned_in(zh), (key, zh)
    for term in GLOSSARY.values():
        assert not banned_in(term)
    assert {"画像", "原型", "胜任"} <= set(BANNED)


def test_no_banned_synonym_in_any_zh_output(zh_outputs):
    assert len(zh_outputs) > 25
    for name, text in zh_outputs.items():
        found = banned_in(_free_text(name, text))
        assert not found, f"{name}: {found}"


def test_glossary_terms_are_the_ones_shown(zh_outputs):
    table = zh_outputs["analyze table"]
    for term in ("人才类型", "需求人数", "已就绪", "接近就绪", "覆盖率", "缺口", "达标人数", "覆盖不足"):
        assert term in table, term
    assert "人才模型" in zh_outputs["analyze markdown"]
    assert "熟练" in zh_outputs["profiles show leadership"]


def test_chinese_punctuation(zh_outputs):
    for name, text in zh_outputs.items():
        if "json" in name or "csv" in name or "init" in name:
            continue
        if "html" in name:  # one line per element
            text = re.sub("<[^>]*>", "\n", text)
        for line in text.splitlines():
            # a half-width colon right after Chinese text (URLs, times and `a: b` code are not)
            assert not re.search(f"[{CJK}]:(?!//)", line), (name, line)
            assert "：：" not in line and ":：" not in line, (name, line)
            # one colon per clause: `最接近者：张伟（000176）：领导力` reads as two
            for clause in re.split("[；;]", line):
                assert not re.search("：[^：]*）：", clause), (name, line)
            # a cut list of names says 甲、乙等，另有6人未列出; a cut list of entries joined by
            # ；says …；另有6人未列出 (an 等 there would read as part of the last entry:
            # 报表与数据分析人才等 / 服务意识 3→4等)
            assert not re.search("(?<!等)[、，…]另有 ?\\d+ ?[人项]未列出", line), (name, line)
            assert not re.search("(\\d|人才|团队)等，另有", line), (name, line)
            assert "……另有" not in line, (name, line)
            # a number and the Chinese beside it, without a space (the reports' rule, and the
            # diagnostics' since round 8: 第2行, 另有3行)
            assert not re.search(r"第 \d|另有 \d|\d (?:行|项错误|条警告)", line), (name, line)
            assert not re.search("(部门|地点|岗位|分组) = ", line), (name, line)  # 部门：IT支持部
            assert not re.search("仅 \\S", line), (name, line)  # no spaces around a name
            # full-width brackets beside Chinese text and figures: 3 / 4（+25）, 84（56%）
            assert not re.search(f"[{CJK}\\d%] ?\\(", line), (name, line)


def test_names_and_numbers_are_never_cut(zh_outputs):
    for name, text in zh_outputs.items():
        for line in text.splitlines():
            assert not re.search(f"[{CJK}] ?…", line), (name, line)
    for name in ("person 000164", "person 000116", "person 000101"):
        joined = re.sub(r"\s+", "", zh_outputs[name])
        for m in re.finditer("司龄须≥", joined):
            assert re.match(r"司龄须≥\d+(\.\d+)?年", joined[m.start():]), joined[m.start():m.start() + 30]


def test_profiles_list_zh_has_no_english_left(zh_outputs):
    text = zh_outputs["profiles list"]
    body = text.split("\n", 1)[1]
    for word in (" per ", "staff", "headcount", "ssc_leader", "call_centre_manager"):
        assert word not in body, word
    # a long name wraps in its cell (a role a line in the roles and targets), whole, never cut
    from rich.cells import cell_len

    lines = body.splitlines()
    header = next(line for line in lines if "名称" in line and "角色" in line)
    start, end = cell_len(header[: header.index("名称")]), cell_len(header[: header.index("角色")])

    def cells(line: str, a: int, b: int) -> str:  # the characters in display columns a..b
        out, at = [], 0
        for ch in line:
            if a <= at < b:
                out.append(ch)
            at += cell_len(ch)
        return "".join(out).strip()

    names = "".join(cells(line, start, end) for line in lines[lines.index(header) + 2 :])
    assert "每40人1名" in body and "一线服务与担当型管理团队" in names
    assert "有领导力、善沟通协调的管理者" in names  # no longer two characters a line
    assert max(len(cells(line, start, end)) for line in lines if line.strip()) >= 6
    assert "…" not in body


def test_group_line_and_verdict_read_naturally(zh_outputs):
    by = zh_outputs["analyze by department"]
    assert "按部门分组" in by and "部门 = " not in by and "department" not in by
    md = zh_outputs["analyze markdown"]
    assert "覆盖不足" in md and "至少在一类人才类型中已就绪" in md


def test_validate_findings_in_chinese(zh_outputs):
    bad = zh_outputs["validate bad"]
    for phrase in ("错误", "等级超出0-5的范围", "等级不是数字", "员工编号重复", "同一编号已出现在第2行", "请先修正"):
        assert phrase in bad, phrase
    assert "error" not in bad and "fix the errors" not in bad
    assert "150人" in zh_outputs["validate"]


def test_csv_people_headers_in_chinese(zh_outputs):
    header = next(csv.reader(io.StringIO(zh_outputs["csv people"])))
    assert "最匹配人才类型" in header
