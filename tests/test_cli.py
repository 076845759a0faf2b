"""The command line as a user runs it: exit codes, stdout/stderr, options."""

from __future__ import annotations

import json

from conftest import EXAMPLE, MINI_PROFILES, MINI_ROSTER, run_cli


def test_version(runner):
    from sscgap import __version__

    result = run_cli(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"sscgap {__version__}"


def test_every_command_has_help(runner):
    for args in (["--help"], ["analyze", "--help"], ["init", "--help"], ["profiles", "--help"],
                 ["profiles", "list", "--help"], ["profiles", "show", "--help"], ["profiles", "check", "--help"]):
        result = run_cli(runner, *args)
        assert result.exit_code == 0, args
        assert "Usage" in result.stdout


def test_analyze_table_plain(runner):
    result = run_cli(runner, "analyze", MINI_ROSTER, "--profiles", MINI_PROFILES)
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b[" not in out  # NO_COLOR: no escape codes
    assert "Analyst" in out and "Manager" in out
    assert "Coverage index 75.0%" in out
    assert "1 covered, 1 thin, 0 missing" in out
    # identical output on identical input
    assert run_cli(runner, "analyze", MINI_ROSTER, "--profiles", MINI_PROFILES).stdout == out


def test_analyze_zh(runner):
    result = run_cli(runner, "analyze", MINI_ROSTER, "--profiles", MINI_PROFILES, "--lang", "zh")
    assert result.exit_code == 0
    assert "分析师" in result.stdout and "覆盖指数75.0%" in result.stdout


def test_fail_under_exit_codes(runner):
    ok = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--fail-under", "75")
    assert ok.exit_code == 0
    low = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--fail-under", "80")
    assert low.exit_code == 1
    assert "coverage index 75.0% is below --fail-under 80%" in low.stderr
    assert "coverage index" not in low.stdout  # the report stays clean


def test_json_contract(runner):
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["summary"]["staff"] == 5
    assert data["summary"]["coverage_index"] == 0.75
    assert [a["id"] for a in data["archetypes"]] == ["analyst", "manager"]  # profile order
    analyst = data["archetypes"][0]
    assert {k: analyst[k] for k in ("target", "ready", "near", "coverage", "gap")} == {
        "target": 2, "ready": 1, "near": 2, "coverage": 0.5, "gap": 1
    }
    assert "groups" not in data


def test_json_groups(runner):
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json", "--by", "department")
    data = json.loads(result.stdout)
    groups = {g["value"]: g for g in data["groups"]}
    assert set(groups) == {"Finance", "HR"}
    assert groups["Finance"]["summary"]["staff"] == 2
    assert [a["id"] for a in groups["HR"]["archetypes"]] == ["analyst", "manager"]
    # HR: Cai, Dan, Eve -> manager target ceil(3/3) = 1; ready Cai, Dan
    assert groups["HR"]["archetypes"][1]["target"] == 1 and groups["HR"]["archetypes"][1]["ready"] == 2


def test_output_file(runner, tmp_path):
    out = tmp_path / "sub" / "report.json"
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["schema_version"] == 1
    assert not [p for p in out.parent.iterdir() if p.name != "report.json"]  # no temp files left


def test_bad_input_exit_2_without_traceback(runner, tmp_path):
    missing = run_cli(runner, "analyze", tmp_path / "nope.csv")
    assert missing.exit_code == 2
    assert "nope.csv: file not found" in missing.stderr
    assert "Traceback" not in missing.output
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_id,analysis\n1,7\n")
    result = run_cli(runner, "analyze", bad, "-p", MINI_PROFILES)
    assert result.exit_code == 2
    assert "row 2" in result.stderr and "'analysis'" in result.stderr and "out of range" in result.stderr


def test_bad_usage_exit_2(runner):
    result = run_cli(runner, "analyze", MINI_ROSTER, "--format", "pdf")
    assert result.exit_code == 2
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--by", "departmnt")
    assert result.exit_code == 2 and "did you mean 'department'" in result.stderr


def test_refuses_to_overwrite_input(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_bytes(MINI_ROSTER.read_bytes())
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-o", roster)
    assert result.exit_code == 2 and "input file" in result.stderr
    assert roster.read_bytes() == MINI_ROSTER.read_bytes()


def test_targets_override(runner, tmp_path):
    targets = tmp_path / "t.yaml"
    targets.write_text("thresholds: {ready_fit: 0.85}\ntargets:\n  analyst: {per_staff: 1}\n")
    data = json.loads(
        run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-t", targets, "-f", "json").stdout
    )
    analyst = data["archetypes"][0]
    assert analyst["target"] == 5 and data["thresholds"]["ready_fit"] == 0.85
    # Bo's fit .889 clears .85 now
    assert analyst["ready"] == 2


def test_targets_unknown_archetype(runner, tmp_path):
    targets = tmp_path / "t.yaml"
    targets.write_text("targets:\n  analyts: {headcount: 1}\n")
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-t", targets)
    assert result.exit_code == 2
    assert "unknown archetype 'analyts'" in result.stderr and "did you mean 'analyst'" in result.stderr


def test_profiles_commands(runner):
    listed = run_cli(runner, "profiles", "list")
    assert listed.exit_code == 0
    for aid in ("leader", "experienced_insider", "ssc_consultant", "product_cx"):
        assert aid in listed.stdout
    shown = run_cli(runner, "profiles", "show", "experienced_insider", "--lang", "zh")
    assert shown.exit_code == 0 and "internal" in shown.stdout
    comp = run_cli(runner, "profiles", "show", "data_analysis")
    assert comp.exit_code == 0 and "Expert" in comp.stdout
    unknown = run_cli(runner, "profiles", "show", "leadr")
    assert unknown.exit_code == 2 and "did you mean 'leader'" in unknown.stderr
    check = run_cli(runner, "profiles", "check")
    assert check.exit_code == 0 and "10 archetypes" in check.stdout


def test_init_creates_a_working_starter(runner, tmp_path):
    dest = tmp_path / "start"
    result = run_cli(runner, "init", dest)
    assert result.exit_code == 0, result.stderr
    assert (dest / "profiles" / "catalogue.yaml").is_file()
    header = (dest / "roster_template.csv").read_text(encoding="utf-8-sig").strip().split(",")
    assert header[0] == "employee_id" and "data_analysis" in header
    check = run_cli(runner, "profiles", "check", dest / "profiles", "--targets", dest / "targets.yaml")
    assert check.exit_code == 0, check.stderr
    again = run_cli(runner, "init", dest)
    assert again.exit_code == 2 and "--force" in again.stderr
    zh = run_cli(runner, "init", dest, "--lang", "zh")
    assert zh.exit_code == 2  # profiles/ already there
    zh = run_cli(runner, "init", tmp_path / "zh", "--lang", "zh")
    assert "员工编号" in (tmp_path / "zh" / "roster_template_zh.csv").read_text(encoding="utf-8-sig")


def test_example_runs(runner):
    result = run_cli(runner, "analyze", EXAMPLE, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["archetypes"]) == 10
    assert 80 <= data["summary"]["staff"] <= 200


def test_by_accepts_the_chinese_header(runner):
    en = json.loads(run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json", "--by", "department").stdout)
    zh = json.loads(run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json", "--by", "部门").stdout)
    assert [g["archetypes"] for g in zh["groups"]] == [g["archetypes"] for g in en["groups"]]
    assert [g["value"] for g in zh["groups"]] == ["Finance", "HR"]


def test_init_targets_file_names_every_target_and_keeps_the_figures(runner, tmp_path):
    """The starter targets file names each archetype (role) and its target in the chosen
    language beside the id, and changes nothing: analysing with it gives the shipped figures.
    Under --lang zh the messages are Chinese and the next command carries --lang zh."""
    zh = run_cli(runner, "init", tmp_path / "zh", "--lang", "zh")
    assert zh.exit_code == 0 and zh.stdout.startswith("已创建：") and "下一步：填写花名册" in zh.stdout
    assert zh.stdout.rstrip().endswith("--lang zh")
    text = (tmp_path / "zh" / "targets.yaml").read_text(encoding="utf-8")
    assert "  leader: {per_staff: 40}  # 有领导力、善沟通协调的管理者：每40人1名" in text
    assert "  call_centre_manager: {headcount: 1}  # 产品与客户体验人才 › 呼叫中心运营经理：1名" in text
    en = run_cli(runner, "init", tmp_path / "en")
    assert en.stdout.startswith("created ")
    en_text = (tmp_path / "en" / "targets.yaml").read_text(encoding="utf-8")
    assert "  leader: {per_staff: 40}  # Leader-communicator: 1 per 40 staff" in en_text
    plain = json.loads(run_cli(runner, "analyze", EXAMPLE, "-f", "json").stdout)
    for folder in ("zh", "en"):
        got = json.loads(run_cli(runner, "analyze", EXAMPLE, "-f", "json", "--targets", tmp_path / folder / "targets.yaml").stdout)
        assert got["archetypes"] == plain["archetypes"] and got["summary"] == plain["summary"]
