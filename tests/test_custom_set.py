"""A profile set of one's own: `init --blank`, titles that name the set, plurals."""

from __future__ import annotations

import re

from conftest import EXAMPLE, MINI_PROFILES, MINI_ROSTER, run_cli


def test_init_blank_passes_profiles_check(runner, tmp_path):
    d = tmp_path / "mine"
    r = run_cli(runner, "init", "--blank", d)
    assert r.exit_code == 0, r.stderr
    assert (d / "settings.yaml").is_file() and (d / "catalogue.yaml").is_file()
    assert (d / "archetypes" / "01_example.yaml").is_file()
    r = run_cli(runner, "profiles", "check", d)
    assert r.exit_code == 0, r.stdout + r.stderr
    assert "OK: 1 archetype, 1 role, 3 competencies" in r.stdout
    # it never overwrites
    r = run_cli(runner, "init", "--blank", d)
    assert r.exit_code == 2 and "exists already" in r.stderr
    # and the skeleton analyses a roster
    roster = tmp_path / "staff.csv"
    roster.write_text(
        "employee_id,service_orientation,process_knowledge,communication\n1,3,3,2\n2,1,1,1\n", encoding="utf-8"
    )
    r = run_cli(runner, "analyze", roster, "--profiles", d)
    assert r.exit_code == 0, r.stderr
    assert "My centre's talent profiles — talent coverage" in r.stdout


def test_a_custom_set_is_titled_with_its_own_name(runner):
    args = ("--profiles", MINI_PROFILES)
    table = run_cli(runner, "analyze", MINI_ROSTER, *args).stdout
    assert table.startswith("Mini test profiles — talent coverage")
    md = run_cli(runner, "analyze", MINI_ROSTER, *args, "-f", "markdown").stdout
    assert md.startswith("# Mini test profiles — talent coverage report")
    html = run_cli(runner, "analyze", MINI_ROSTER, *args, "-f", "html").stdout
    assert "<h1>Mini test profiles — talent coverage report</h1>" in html
    assert "<title>Mini test profiles — talent coverage report</title>" in html
    zh = run_cli(runner, "analyze", MINI_ROSTER, *args, "-f", "markdown", "--lang", "zh").stdout
    assert zh.startswith("# 测试人才模型：人才盘点报告")
    listing = run_cli(runner, "profiles", "list", *args).stdout
    assert listing.startswith("Mini test profiles · 2 archetypes")
    for text in (table, md, html, zh, listing):
        assert "SSC talent coverage" not in text and "ten" not in text.lower().split()
        assert "共享服务中心" not in text


def test_the_default_set_keeps_its_titles(runner):
    assert run_cli(runner, "analyze", EXAMPLE).stdout.startswith("SSC talent coverage")
    md = run_cli(runner, "analyze", EXAMPLE, "-f", "markdown").stdout
    assert md.startswith("# SSC talent coverage report")
    assert run_cli(runner, "profiles", "list").stdout.startswith("SSC ten talents (default) · 10 archetypes")


def test_help_does_not_promise_ten_archetypes(runner):
    for args in (("--help",), ("analyze", "--help")):
        out = re.sub(r"\s+", " ", run_cli(runner, *args).stdout)
        assert "the ten talent archetypes" not in out
        assert "default: the ten" in out


def test_tenure_reads_one_year(runner):
    en = run_cli(runner, "person", MINI_ROSTER, "002", "--profiles", MINI_PROFILES).stdout
    assert "tenure 1 year ·" in en and "1 years" not in en
    assert "tenure ≥ 3 years (has 1 year)" in re.sub(r"\s+", " ", en)
    zh = run_cli(runner, "person", MINI_ROSTER, "002", "--profiles", MINI_PROFILES, "--lang", "zh").stdout
    assert "司龄1年" in zh and "司龄须≥3年（现为1年）" in re.sub(r"\s+", "", zh)
