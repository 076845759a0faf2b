"""sscgap diff: two roster snapshots compared (the example and the same centre a quarter later)."""

from __future__ import annotations

import csv
import importlib.util
import json

import numpy as np
import pytest

from sscgap.diff import compare
from sscgap.engine import analyze
from sscgap.profiles import load_profiles
from sscgap.roster import load_roster

from conftest import EXAMPLE, EXAMPLE_ZH, MINI_PROFILES, MINI_ROSTER, ROOT, run_cli

EXAMPLE_Q2 = ROOT / "examples" / "staff_q2.csv"


@pytest.fixture(scope="module")
def pair():
    pset = load_profiles()
    return analyze(pset, load_roster(EXAMPLE, pset)), analyze(pset, load_roster(EXAMPLE_Q2, pset))


def _ids(path):
    with open(path, encoding="utf-8") as fh:
        return [r["employee_id"] for r in csv.DictReader(fh)]


def test_people_matched_by_id(pair):
    d = compare(*pair)
    old, new = _ids(EXAMPLE), _ids(EXAMPLE_Q2)
    assert [p["employee_id"] for p in d.people("joiners")] == [i for i in new if i not in old]
    assert sorted(p["employee_id"] for p in d.people("leavers")) == sorted(set(old) - set(new))
    assert d.count("joiners") == 6 and d.count("leavers") == 11 and d.count("stayers") == len(set(old) & set(new))
    assert all(len(p["employee_id"]) == 6 for p in d.people("joiners"))  # leading zeros kept


def test_ready_change_decomposes(pair):
    d = compare(*pair)
    for x in d.archetypes:
        assert x.after.ready - x.before.ready == x.joined - x.left + x.developed - x.lost
    by = {x.id: x for x in d.archetypes}
    assert (by["tech_applier"].before.ready, by["tech_applier"].after.ready, by["tech_applier"].developed) == (4, 4, 1)
    assert (by["ssc_consultant"].left, by["ssc_consultant"].after.ready) == (2, 0)
    assert by["key_account_manager"].joined == 1 and by["key_account_manager"].developed == 1


def test_became_ready_and_lost(pair):
    d = compare(*pair)
    became = {p["employee_id"]: p["archetypes"] for p in d.people("became_ready")}
    assert became["000119"] == ["product_cx"]
    assert set(became) == {"000117", "000119", "000176", "000180"}
    assert d.people("lost_readiness") == [
        {"employee_id": "000114", "name": "Lin Yiming", "archetypes": ["experienced_insider", "process_consultant"]}
    ]


def test_competency_moves(pair):
    d = compare(*pair)
    by = {c.id: c for c in d.competencies}
    tech = by["technology_application"]
    # two stayers gained a level of technology application, nobody lost one
    assert tech.stayers_delta == pytest.approx(2 / tech.stayers)
    assert by["business_expertise"].stayers_delta == pytest.approx(0.0)  # +1 and -1
    assert tech.mean_after == pytest.approx(pair[1].competencies[tech_index(pair)].mean_level)
    moved = [c.moved for c in d.competencies]
    assert moved == sorted(moved, reverse=True)


def tech_index(pair):
    return pair[0].roster.competency_ids.index("technology_application")


def test_regressions(pair):
    d = compare(*pair)
    regs = {(r.kind, r.archetype) for r in d.regressions()}
    assert regs == {("coverage_index", None), ("ready", "experienced_insider"), ("ready", "ssc_consultant"),
                    ("ready", "data_reporting"), ("ready", "project_change")}
    assert d.coverage_after < d.coverage_before  # the index fell: an index regression
    back = compare(pair[1], pair[0])
    assert {(r.kind, r.archetype) for r in back.regressions()} == {
        ("ready", "key_account_manager"), ("ready", "leader"), ("ready", "process_consultant"), ("ready", "service_frontline")}
    assert back.count("joiners") == 11 and back.count("leavers") == 6


def test_same_snapshot_no_change(pair):
    d = compare(pair[0], pair[0])
    assert d.regressions() == [] and d.count("joiners") == d.count("leavers") == 0
    assert d.count("became_ready") == d.count("lost_readiness") == 0
    assert all(x.ready_delta == 0 and x.near_delta == 0 for x in d.archetypes)


def test_chinese_copy_same_as_english(runner):
    result = run_cli(runner, "diff", EXAMPLE, EXAMPLE_ZH, "--format", "json", "--fail-on-regression")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["summary"]["joiners"] == data["summary"]["leavers"] == 0 and data["regressions"] == []


def test_cli_table_and_exit_codes(runner):
    result = run_cli(runner, "diff", EXAMPLE, EXAMPLE_Q2)
    assert result.exit_code == 0  # regressions only fail with the flag
    out = result.stdout
    assert "Snapshot comparison" in out and "+1 developed" in out and "-2 left" in out
    assert "Lin Yiming (000114): Experienced insider, Process consultant" in out
    assert out.rstrip().splitlines()[-1].startswith("Coverage index 74.3% → 70.0%")
    failed = run_cli(runner, "diff", EXAMPLE, EXAMPLE_Q2, "--fail-on-regression")
    assert failed.exit_code == 1 and "External SSC consultant [ssc_consultant]: ready fell from 2 to 0" in failed.stderr
    zh = run_cli(runner, "diff", EXAMPLE, EXAMPLE_Q2, "--lang", "zh").stdout
    assert "快照对比" in zh and "共享服务外部顾问：就绪人数从2降至" in zh.replace("\n", "")


def test_cli_markdown_and_json(runner):
    md = run_cli(runner, "diff", EXAMPLE, EXAMPLE_Q2, "--format", "markdown", "--top", "3").stdout
    assert md.startswith("# Snapshot comparison")
    assert "| 3 | External SSC consultant | 1 → 1 | 2 → 0 | -2 |" in md
    assert "… and 8 more" in md  # 11 leavers, 3 shown
    data = json.loads(run_cli(runner, "diff", EXAMPLE, EXAMPLE_Q2, "--format", "json").stdout)
    assert data["schema_version"] == 1
    assert data["before"]["staff"] == 150 and data["after"]["staff"] == 145
    assert len(data["people"]["leavers"]) == 11  # JSON lists everyone
    tech = next(a for a in data["archetypes"] if a["id"] == "tech_applier")
    assert tech["before"]["ready"] == 4 and tech["after"]["ready"] == 4 and tech["developed"] == 1
    assert {r["archetype"] for r in data["regressions"]} == {
        None, "experienced_insider", "ssc_consultant", "data_reporting", "project_change"}


def test_cli_bad_input(runner, tmp_path):
    missing = run_cli(runner, "diff", EXAMPLE, tmp_path / "nope.csv")
    assert missing.exit_code == 2 and "not found" in missing.stderr and missing.stdout == ""
    mini = run_cli(runner, "diff", MINI_ROSTER, MINI_ROSTER, "--profiles", MINI_PROFILES, "--fail-on-regression")
    assert mini.exit_code == 0


def test_snapshot_generator_is_deterministic(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("make_snapshot_q2", ROOT / "examples" / "make_snapshot_q2.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "TARGET", tmp_path / "q2.csv")
    module.main()
    assert (tmp_path / "q2.csv").read_bytes() == EXAMPLE_Q2.read_bytes()


def test_q2_is_a_valid_roster(pair):
    assert pair[1].roster.warnings == []
    assert np.isfinite(pair[1].fit).all()


def test_verdict_change_is_the_change_of_the_figures_shown(pair):
    """74.3% → 70.0% is -4.3 points: the change is worked out from the two figures as shown
    (the exact ratios differ by 4.2 points), to the same tenth, and said in Chinese in words."""
    from sscgap.report.diff import verdict

    d = compare(*pair)
    assert f"{100 * d.coverage_delta:.1f}" == "-4.2"  # the exact change would read -4.2
    assert "74.3% → 70.0% (-4.3 pp)" in verdict(d, "en")
    assert "74.3% → 70.0%（-4.3个百分点）" in verdict(d, "zh")
    same = compare(pair[0], pair[0])
    assert "74.3% → 74.3% (0)" in verdict(same, "en")
