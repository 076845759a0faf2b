"""--lang zh is also the language of what the commands say on stderr: the roster's errors (exit
2) and warnings in Chinese, with the file, ids and values as they are; English without it."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLE, ROOT, run_cli

BAD = "employee_id,name,leadership,communication\n1,A,7,3\n2,B,x,3\n2,C,3,3\n"
LATIN = re.compile(r"\b(?:row|column|value|error|warning|errors in the roster)\b")


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    return path


@pytest.fixture
def subtotals(tmp_path):
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    width = lines[0].count(",")
    path = tmp_path / "sub.csv"
    path.write_text("\n".join([*lines[:41], "财务部 小计" + "," * width, *lines[41:]]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_roster_errors_in_chinese(runner, bad, command):
    r = run_cli(runner, command, bad, "--lang", "zh")
    assert r.exit_code == 2
    err = r.stderr
    assert err.startswith(f"错误：{bad}：花名册中有5项错误\n"), err
    assert "  第2行，“leadership”列：等级超出0-5的范围（值：“7”）；请填写0（无）到5（专家）" in err
    assert "  第4行，“employee_id”列：员工编号重复（值：“2”）；同一编号已出现在第3行" in err
    assert "要求 tenure_years，但花名册中没有该列" in err
    assert f"完整列表：运行 `sscgap validate {bad} --lang zh`" in err
    assert not LATIN.search(err.replace(str(bad), "")), err
    assert "Traceback" not in err


def test_roster_errors_stay_english_without_lang(runner, bad):
    r = run_cli(runner, "analyze", bad)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"error: {bad}: 5 errors in the roster\n")
    assert "  row 2, column 'leadership': level out of range 0-5 (value '7')" in r.stderr
    assert not re.search("[\u4e00-\u9fff]", r.stderr)


def test_a_file_that_cannot_be_read_in_chinese(runner, tmp_path):
    missing = tmp_path / "nowhere.csv"
    r = run_cli(runner, "analyze", missing, "--lang", "zh")
    assert r.exit_code == 2
    assert r.stderr.strip() == f"错误：{missing}：找不到该文件"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_warnings_in_the_commands_language(runner, subtotals, lang):
    r = run_cli(runner, "analyze", subtotals, "--lang", lang, "-f", "json")
    assert r.exit_code == 0, r.stderr
    if lang == "zh":
        assert r.stderr.startswith(f"警告：{subtotals}，第42行，“employee_id”列：员工编号列是合计字样")
        assert "（值：“财务部 小计”）" in r.stderr and "warning:" not in r.stderr
    else:
        assert r.stderr.startswith(f"warning: {subtotals}, row 42, column 'employee_id': ")


def test_person_diff_and_trend_speak_chinese_too(runner, subtotals):
    r = run_cli(runner, "person", subtotals, "nobody", "--lang", "zh")
    assert r.exit_code == 2
    assert r.stderr.startswith("警告：") and f"\n错误：{subtotals}：没有员工编号“nobody”" in r.stderr
    r = run_cli(runner, "diff", EXAMPLE, subtotals, "--lang", "zh")
    assert r.exit_code in (0, 1) and r.stderr.startswith("警告："), r.stderr
    r = run_cli(runner, "trend", EXAMPLE, subtotals, "--lang", "zh")
    assert r.exit_code in (0, 1) and r.stderr.startswith(f"警告：{subtotals.name}：{subtotals}，第42行"), r.stderr


def test_many_warnings_point_to_validate_in_chinese(runner, tmp_path):
    lines = (ROOT / "examples" / "staff.csv").read_text(encoding="utf-8").splitlines()
    head = lines[0] + "".join(f",extra{i}" for i in range(7))
    path = tmp_path / "wide.csv"
    path.write_text("\n".join([head, *(line + "," * 7 for line in lines[1:])]) + "\n", encoding="utf-8")
    r = run_cli(runner, "analyze", path, "--lang", "zh", "-f", "json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.count("警告：") == 6 and "……另有2条警告（完整列表：sscgap validate --lang zh）" in r.stderr


@pytest.mark.parametrize("suffix", [".md", ".html", ".xlsx"])
def test_report_data_quality_warnings_in_the_reports_language(runner, subtotals, tmp_path, suffix):
    """The report's data-quality section lists the roster's warnings as stderr says them: in
    Chinese under --lang zh (it listed them in English), in English without it."""
    import pandas as pd

    def quality_text(lang: list[str]) -> str:
        out = tmp_path / f"r{len(lang)}{suffix}"
        r = run_cli(runner, "report", subtotals, "-o", out, *lang)
        assert r.exit_code == 0, r.stderr
        if suffix == ".xlsx":
            sheets = pd.read_excel(out, sheet_name=None, header=None)
            return "\n".join(str(v) for df in sheets.values() for v in df.to_numpy().ravel())
        return out.read_text(encoding="utf-8")

    zh = quality_text(["--lang", "zh"])
    assert "视为表格中间的小计行，不计为人员，已跳过" in zh
    assert "read as a subtotal line inside the table" not in zh
    en = quality_text([])
    assert "read as a subtotal line inside the table, not as a person, and skipped" in en
