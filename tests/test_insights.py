"""Insights: development effort, bench, key-person risk, category roll-up, build/buy/borrow."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest

from sscgap.engine import analyze, score_roles
from sscgap.engine.development import role_effort, shortfalls
from sscgap.insights import QUICK_LEVELS, compute
from sscgap.person import one_row
from sscgap.profiles import Requirement, Role, Text, load_profiles
from sscgap.roster import load_roster

from conftest import EXAMPLE, MINI_PROFILES, MINI_ROSTER, ROOT, run_cli

EXAMPLE_Q2 = ROOT / "examples" / "staff_q2.csv"
HEADER = "employee_id,name,department,site,tenure_years,employment_type,analysis,communication,leadership\n"


def _roster(tmp_path, rows: list[str], name: str = "r.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _analysis(pset, path):
    return analyze(pset, load_roster(path, pset))


# ---------------------------------------------------------------------------------------------
# Development effort: the greedy is exact
# ---------------------------------------------------------------------------------------------


def _brute_to_ready(role: Role, x: np.ndarray, ready_fit: float) -> int:
    """Fewest whole levels to add (capped at 5) so that the engine's rule says ready."""
    from sscgap.engine import EPS

    L = np.array([q.level for q in role.requirements], float)
    w = np.array([q.weight for q in role.requirements], float)
    crit = np.array([q.critical for q in role.requirements])
    best = None
    ranges = [range(0, max(0, int(L[j] - x[j])) + 1) for j in range(len(L))]
    for add in itertools.product(*ranges):
        y = x + np.array(add)
        fit = (np.minimum(y, L) / L) @ w / w.sum()
        if (y[crit] >= L[crit]).all() and fit >= ready_fit - EPS:
            total = sum(add)
            best = total if best is None else min(best, total)
    return best


@pytest.mark.parametrize("seed", range(6))
def test_levels_to_ready_is_minimal(seed):
    rng = np.random.default_rng(seed)
    for _ in range(60):
        m = int(rng.integers(1, 5))
        reqs = [
            Requirement(
                competency=f"c{j}",
                level=int(rng.integers(1, 6)),
                weight=float(rng.choice([0.5, 1, 1.5, 2, 3])),
                critical=bool(rng.random() < 0.3),
            )
            for j in range(m)
        ]
        role = Role(id="r", name=Text(en="R", zh="R"), requirements=reqs)
        x = rng.integers(0, 6, size=m).astype(float)
        ready_fit = float(rng.choice([0.7, 0.8, 0.85, 0.9, 1.0]))
        comp_index = {f"c{j}": j for j in range(m)}
        to_ready, to_full = role_effort(role, x[None, :].astype(np.float32), comp_index, ready_fit)
        assert to_ready[0] == _brute_to_ready(role, x, ready_fit)
        assert to_full[0] == sum(max(0, q.level - xi) for q, xi in zip(reqs, x, strict=True))
        # raising the competencies flagged "needed for ready" to their level makes the person ready
        gaps = shortfalls(role, x.astype(np.float32), comp_index, ready_fit)
        assert sum(g.levels_for_ready for g in gaps) == to_ready[0]
        y = x.copy()
        for g in gaps:  # exactly the levels on the shortest way make the person ready
            y[comp_index[g.competency]] += g.levels_for_ready
        assert _brute_to_ready(role, y, ready_fit) == 0
        y = x.copy()
        for g in gaps:
            if g.needed_for_ready:
                y[comp_index[g.competency]] = g.required
        assert _brute_to_ready(role, y, ready_fit) == 0


def test_effort_not_assessed_counts_as_zero(mini_profiles):
    roster = load_roster(MINI_ROSTER, mini_profiles)
    eve = one_row(roster, 4)  # 005: nothing assessed
    comp_index = {c: i for i, c in enumerate(roster.competency_ids)}
    role = mini_profiles.archetypes[1].roles[1]  # project_lead: analysis 3, communication 3
    to_ready, to_full = role_effort(role, eve.levels, comp_index, 0.9)
    assert (to_ready[0], to_full[0]) == (6, 6)
    gaps = shortfalls(role, eve.levels[0], comp_index, 0.9)
    assert [(g.competency, g.current, g.required) for g in gaps] == [("analysis", None, 3), ("communication", None, 3)]


# ---------------------------------------------------------------------------------------------
# Bench, risk, categories
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    pset = load_profiles()
    return analyze(pset, load_roster(EXAMPLE, pset))


@pytest.fixture(scope="module")
def example_q2():
    pset = load_profiles()
    return analyze(pset, load_roster(EXAMPLE_Q2, pset))


def test_bench_matches_the_coverage(example):
    ins = compute(example)
    assert [b.archetype for b in ins.bench] == list(example.archetypes)
    for b in ins.bench:
        a = b.archetype
        assert b.depth == pytest.approx((a.ready + a.near) / a.target)
        assert len(b.ready_now) == min(a.ready, 25) and len(b.next_up) == min(a.near, 25)
        assert all(example.ready[p.row, a.index] for p in b.ready_now)
        assert all(example.near[p.row, a.index] for p in b.next_up)
        fits = [p.fit for p in b.next_up]
        assert fits == sorted(fits, reverse=True)
    strength = {b.archetype.id: b.strength for b in ins.bench}
    assert strength["service_frontline"] == "adequate"  # (53 + 90) / 88 = 1.6
    assert strength["tech_applier"] == "deep"


def test_key_person_risk_on_the_example(example, example_q2):
    ins = compute(example)
    risks = {r.archetype.id: r for r in ins.risks}
    assert set(risks) == {a.id for a in example.archetypes if a.target > 0 and a.ready <= 1}
    assert risks["product_cx"].kind == "single"
    assert risks["product_cx"].ready_person.employee_id == "000116"
    # a single point of failure is the only ready person of an archetype
    assert [(p.person.employee_id, p.archetypes) for p in ins.single_points] == [("000116", ("product_cx",))]
    # a quarter later the consultants have left (nobody ready, no backup) and 000116 too
    q2 = {r.archetype.id: r for r in compute(example_q2).risks}
    assert q2["ssc_consultant"].kind == "none_ready" and q2["ssc_consultant"].backup is None
    assert q2["product_cx"].ready_person.employee_id == "000119"


def test_single_points_computed_independently(example):
    ready = example.ready
    only = ready.sum(axis=0) == 1
    rows = {int(np.flatnonzero(ready[:, a])[0]) for a in np.flatnonzero(only) if example.archetypes[a].target > 0}
    assert {p.person.row for p in compute(example).single_points} == rows


@pytest.mark.parametrize("path", [EXAMPLE, EXAMPLE_Q2], ids=["example", "q2"])
def test_category_rollup(path):
    pset = load_profiles()
    example = analyze(pset, load_roster(path, pset))
    ins = compute(example)
    df = pd.read_csv(path, dtype={"employee_id": str})
    for c in ins.categories:
        cols = [x.id for x in pset.catalogue.competencies if x.category == c.id]
        assert list(c.competencies) == cols
        cells = df[cols].to_numpy(dtype=float)
        assert c.assessed == int((~np.isnan(cells)).sum())
        assert c.mean_level == pytest.approx(np.nanmean(cells))
        by_comp = {x.id: x for x in example.competencies}
        assert c.shortfall == sum(by_comp[x].shortfall for x in cols)
        assert 0 <= c.held_back <= int(example.near.any(axis=1).sum())
    assert {c.id for c in ins.categories} == {c.category for c in pset.catalogue.competencies}
    assert sum(c.levels_to_gain for c in ins.categories) > 0


def test_category_levels_to_gain_on_mini(mini_profiles):
    # analyst has a gap (target 2, ready 1); near: 002 (communication 2 -> 3) and 004
    # (analysis 3 -> 4): 2 people held back, 2 levels to gain in the one category
    ins = compute(analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles)))
    (core,) = ins.categories
    assert (core.held_back, core.levels_to_gain, core.required) == (2, 2.0, 3)


# ---------------------------------------------------------------------------------------------
# Recommendations
# ---------------------------------------------------------------------------------------------


def _rec(ins, aid):
    return next(r for r in ins.recommendations if r.archetype.id == aid)


def test_build_when_the_bench_closes_the_gap(mini_profiles):
    ins = compute(analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles)))
    (rec,) = ins.recommendations
    assert (rec.archetype.id, rec.action, rec.reason, rec.gap) == ("analyst", "build", "build_bench", 1)
    assert rec.seats == {"build": 1, "buy": 0, "borrow": 0} and rec.profile is None
    # the nearest: Bo needs one level of communication, Dan one of analysis; tie on effort,
    # Bo's fit (0.889) beats Dan's (0.833)
    (c,) = rec.candidates
    assert c.person.employee_id == "002" and c.levels_to_ready == 1
    assert [(g.competency, g.current, g.required) for g in c.develop] == [("communication", 2.0, 3)]
    assert rec.develop == (("communication", 1),)


def test_buy_when_nobody_is_near_with_interim(tmp_path, mini_profiles):
    path = _roster(tmp_path, ["1,A,F,D,5,internal,1,1,1", "2,B,F,D,5,internal,2,1,1"])
    ins = compute(_analysis(mini_profiles, path))
    rec = _rec(ins, "analyst")
    assert (rec.action, rec.reason, rec.seats["buy"], rec.interim) == ("buy", "buy_no_bench", 2, True)
    assert rec.profile.role == "analyst_role"
    assert rec.profile.requirements[0] == ("analysis", 4, True)  # critical first


def test_build_then_buy_when_the_bench_is_too_thin(tmp_path, mini_profiles):
    # analyst target 2: one near person (3,3 -> fit .83), nobody ready
    path = _roster(tmp_path, ["1,A,F,D,5,internal,3,3,1", "2,B,F,D,5,internal,1,1,1"])
    rec = _rec(compute(_analysis(mini_profiles, path)), "analyst")
    assert rec.reason == "build_then_buy" and rec.seats == {"build": 1, "buy": 1, "borrow": 0}
    assert rec.action == "build"  # tie on seats: build
    assert rec.interim and rec.candidates[0].person.employee_id == "1"


def test_borrow_by_sourcing_override(tmp_path, mini_profiles):
    targets = tmp_path / "t.yaml"
    targets.write_text("sourcing:\n  analyst: borrow\n", encoding="utf-8")
    pset = load_profiles(MINI_PROFILES, targets)
    rec = _rec(compute(analyze(pset, load_roster(MINI_ROSTER, pset))), "analyst")
    assert (rec.action, rec.reason, rec.seats["borrow"], rec.candidates) == ("borrow", "borrow_by_design", 1, ())
    assert rec.profile is not None


def test_buy_default_needs_quick_wins(tmp_path, mini_profiles):
    # manager defaults to buy. Person 1 is near the project lead role but QUICK_LEVELS + 1
    # levels away? Project lead asks analysis 3 + communication 3; (3, 1) gives fit .67 (not
    # near); (2, 3) gives .83 near with 1 level to ready: a quick win -> build.
    path = _roster(tmp_path, [f"{i},P{i},F,D,5,internal,1,1,1" for i in range(1, 6)] + ["9,Q,F,D,5,internal,2,3,1"])
    rec = _rec(compute(_analysis(mini_profiles, path)), "manager")
    assert rec.sourcing == "buy" and rec.seats["build"] == 1 and rec.reason == "build_then_buy"
    assert QUICK_LEVELS >= 1


def test_buy_default_skips_slow_near_people(tmp_path):
    # a near person more than QUICK_LEVELS levels from ready does not count for a buy archetype
    prof = tmp_path / "p"
    import shutil

    shutil.copytree(MINI_PROFILES, prof)
    (prof / "archetypes" / "02_manager.yaml").write_text(
        "id: manager\nname: {en: Manager, zh: 经理}\nsummary: {en: M, zh: M}\ntarget: {headcount: 1}\n"
        "sourcing: buy\nroles:\n- id: lead\n  name: {en: Lead, zh: L}\n  requirements:\n"
        "  - {competency: analysis, level: 5}\n  - {competency: communication, level: 5}\n"
        "  - {competency: leadership, level: 5}\n",
        encoding="utf-8",
    )
    pset = load_profiles(prof)
    # 5,5,1 -> fit .73: near, and 4 levels from ready (.9 needs leadership 4 of 5)
    path = _roster(tmp_path, ["1,A,F,D,5,internal,5,5,1"])
    an = _analysis(pset, path)
    assert an.near[0, 1]
    rec = _rec(compute(an), "manager")
    assert rec.reason == "buy_not_close" and rec.seats["buy"] == 1 and rec.eligible == 0


def test_each_near_person_is_developed_for_one_archetype(example):
    ins = compute(example)
    named = [c.person.employee_id for r in ins.recommendations for c in r.candidates]
    assert len(named) == len(set(named))
    for r in ins.recommendations:
        assert sum(r.seats.values()) == r.gap
        assert len(r.candidates) == min(r.seats["build"], 25)
        for c in r.candidates:
            assert example.near[c.person.row, r.archetype.index]
            assert c.levels_to_ready > 0
        efforts = [c.levels_to_ready for c in r.candidates]
        assert efforts == sorted(efforts)


def test_recommendations_on_both_snapshots(example, example_q2):
    ins = compute(example)
    assert {r.archetype.id for r in ins.recommendations} == {a.id for a in example.archetypes if a.gap > 0}
    assert all(r.action == "build" for r in ins.recommendations)  # a deep bench everywhere
    q2 = compute(example_q2)
    consultant = _rec(q2, "ssc_consultant")
    assert (consultant.action, consultant.seats["borrow"]) == ("borrow", 1)
    assert consultant.profile.employment_types == ("external",)
    data = _rec(q2, "data_reporting")
    assert data.reason == "build_then_buy" and data.seats == {"build": 1, "buy": 2, "borrow": 0}
    assert data.action == "buy" and data.candidates[0].person.employee_id == "000250"


# ---------------------------------------------------------------------------------------------
# In the outputs
# ---------------------------------------------------------------------------------------------


def test_json_carries_the_insights(runner):
    result = run_cli(runner, "analyze", EXAMPLE_Q2, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert [b["id"] for b in data["bench"]] == [a["id"] for a in data["archetypes"]]
    risk = {r["id"]: r for r in data["risks"]["archetypes"]}
    assert risk["ssc_consultant"] == {
        "id": "ssc_consultant", "kind": "none_ready", "ready": 0, "target": 1, "ready_person": None, "backup": None,
    }
    assert data["risks"]["single_points"][0]["employee_id"] == "000119"
    recs = {r["id"]: r for r in data["recommendations"]}
    assert recs["data_reporting"]["seats"] == {"build": 1, "buy": 2, "borrow": 0}
    assert recs["data_reporting"]["candidates"][0]["employee_id"] == "000250"
    assert recs["data_reporting"]["profile"]["requirements"][0]["critical"] is True
    assert recs["ssc_consultant"]["action"] == "borrow"
    assert [c["id"] for c in data["categories"]] == [
        "leadership_collaboration", "business_operations", "technology_data", "process_change", "service_experience"
    ]
    assert all(c["mean_level"] is not None and c["name"]["zh"] for c in data["categories"])
    assert data["recommendations_basis"] == "default" and "exclusive" not in data


def test_terminal_shows_the_sections(runner):
    out = run_cli(runner, "analyze", EXAMPLE_Q2).stdout
    for heading in ("Bench and key-person risk", "Competency categories", "Recommended actions"):
        assert heading in out
    assert "External SSC consultant: nobody ready; no backup" in out
    assert "build 1 + buy 2" in out and "borrow 1" in out
    assert out.rstrip().splitlines()[-1].startswith("Coverage index")  # the verdict stays last
    zh = run_cli(runner, "analyze", EXAMPLE_Q2, "--lang", "zh").stdout
    assert "人才梯队与关键人员风险" in zh and "培养1人 + 招聘2人" in zh and "借用1人" in zh


def test_markdown_sections_escape_names(tmp_path, mini_profiles):
    from sscgap.report import RenderOptions
    from sscgap.report.markdown import render

    path = _roster(tmp_path, ["1,A|*x*,F,D,5,internal,3,3,1", "2,<b>B</b>,F,D,5,internal,1,1,1"])
    md = render(_analysis(mini_profiles, path), RenderOptions())
    assert "A\\|\\*x\\*" in md and "<b>" not in md
    assert "## Recommended next actions" in md and "## Bench and key-person risk" in md


def test_one_row_scoring_matches_the_whole_roster(example):
    # the person view and the build plan rescore rows; they must agree with the engine
    one = score_roles(example.profiles, one_row(example.roster, 17))
    whole = score_roles(example.profiles, example.roster)
    np.testing.assert_allclose(one.role_fit[0], whole.role_fit[17], rtol=1e-6)
    np.testing.assert_array_equal(one.role_ready[0], example.role_ready[17])


def test_report_sections_escape_hostile_names(runner, tmp_path):
    # the only ready analyst has a hostile name: the risk lines and actions must stay inert
    path = _roster(tmp_path, ["1,<script>x</script> | *A*,F,D,5,internal,4,3,1", "2,B,F,D,5,internal,3,3,1"])
    md = run_cli(runner, "report", path, "--profiles", MINI_PROFILES).stdout
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\| \\*A\\*" in md
    bench = md.split("## Bench and key-person risk")[1].split("## ")[0]
    assert "- Analyst: only &lt;script&gt;x&lt;/script&gt; \\| \\*A\\* (1); backup: B (2)" in bench
    out = tmp_path / "r.html"
    assert run_cli(runner, "report", path, "--profiles", MINI_PROFILES, "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<section id="bench">' in html and '<section id="categories">' in html


def test_report_actions_in_chinese(runner):
    md = run_cli(runner, "report", EXAMPLE_Q2, "--lang", "zh").stdout
    assert "**报表与数据分析人才**（培养1人 + 招聘2人，缺口3人）：梯队不足" in md
    assert "招聘要求（报表与数据分析师）：数据分析 ≥4（关键）" in md
    assert "- 共享服务外部顾问：无人就绪；无后备人选" in md


def test_report_exclusive(runner):
    md = run_cli(runner, "report", EXAMPLE, "--exclusive").stdout
    assert "## Allocation-aware coverage (each person fills at most one seat)" in md
    assert "## Recommended actions: build, buy or borrow (gaps after allocation)" in md
    assert "Coverage index 74.3% → 59.0% when each person fills one seat" in md


@pytest.mark.parametrize("extra", [(), ("--exclusive",), ("--exclusive", "--by", "site")])
@pytest.mark.parametrize("path", [EXAMPLE, EXAMPLE_Q2], ids=["example", "q2"])
def test_json_insights_validate_against_the_schema(runner, path, extra):
    jsonschema = pytest.importorskip("jsonschema")
    from sscgap.schema import report_schema

    data = json.loads(run_cli(runner, "analyze", path, "--format", "json", *extra).stdout)
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert ("exclusive" in data) == ("--exclusive" in extra)
    broken = json.loads(json.dumps(data))
    broken["recommendations"][0]["action"] = "rent"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(report_schema()).validate(broken)


def test_terminal_names_are_not_rich_markup(runner, tmp_path):
    # a name like "[/]" or "[bold]" is text: it must neither crash Rich nor style the output
    path = _roster(tmp_path, ["1,[/] [bold]Ann,F,D,5,internal,4,3,1", "2,B [red],F,D,5,internal,3,3,1"])
    result = run_cli(runner, "analyze", path, "--profiles", MINI_PROFILES)
    assert result.exit_code == 0, result.output
    assert "only [/] [bold]Ann (1); backup: B [red] (2)" in result.stdout
    assert "nearest: B [red] (2): Analysis 3→4" in result.stdout
    for cmd in (("person", path, "1"), ("diff", path, path)):
        out = run_cli(runner, *cmd, "--profiles", MINI_PROFILES)
        assert out.exit_code == 0, out.output
    assert "[/] [bold]Ann (1)" in run_cli(runner, "person", path, "1", "--profiles", MINI_PROFILES).stdout
