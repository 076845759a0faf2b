"""sscgap trend: many snapshots; each one exactly what analyze gives on it."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import sscgap
from sscgap.report import RenderOptions, TrendFormat, View, get_renderer

from conftest import EXAMPLE, ROOT, run_cli

EXAMPLE_Q2 = ROOT / "examples" / "staff_q2.csv"


@pytest.fixture(scope="module")
def q3(tmp_path_factory):
    """A third snapshot: staff_q2 without its first five people, technology application +1."""
    df = pd.read_csv(EXAMPLE_Q2, dtype=str)
    df = df.iloc[5:].copy()
    level = pd.to_numeric(df["technology_application"], errors="coerce").add(1).clip(upper=5)
    df["technology_application"] = level.astype("Int64").astype(str).replace("<NA>", "")
    path = tmp_path_factory.mktemp("trend") / "staff_q3.csv"
    df.to_csv(path, index=False)
    return path


def _json(runner, *args):
    result = run_cli(runner, "trend", *map(str, args), "-f", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), result


def test_every_snapshot_is_what_analyze_gives(runner, q3):
    doc, result = _json(runner, EXAMPLE, EXAMPLE_Q2, q3)
    assert result.exit_code == 0
    assert doc["schema_version"] == 1
    assert [s["label"] for s in doc["snapshots"]] == ["staff", "staff_q2", "staff_q3"]
    for snap, path in zip(doc["snapshots"], (EXAMPLE, EXAMPLE_Q2, q3), strict=True):
        expected = sscgap.analyze(path).to_dict()
        cli = json.loads(run_cli(runner, "analyze", str(path), "-f", "json").stdout)
        for key in expected:
            if key in ("schema_version", "tool"):
                continue
            assert snap[key] == expected[key] == cli[key], key
        assert snap["staff"] == expected["summary"]["staff"]
        assert snap["coverage_index"] == expected["summary"]["coverage_index"]
        ids = [a["id"] for a in snap["archetypes"]]
        assert ids == [a["id"] for a in expected["archetypes"]]
        assert {"id", "target", "ready", "near"} <= set(snap["archetypes"][0])


def test_json_shape_and_principles(runner, q3):
    doc, _ = _json(runner, EXAMPLE, EXAMPLE_Q2, q3)
    assert list(doc)[:2] == ["schema_version", "tool"]
    assert [p["id"] for p in doc["principles"]] == ["customer_service", "continuous_improvement"]
    first = doc["snapshots"][0]
    assert list(first)[:3] == ["label", "staff", "coverage_index"]
    # carriers: every listed competency at or above the level (not assessed: not met)
    pset = sscgap.load_profiles()
    people = sscgap.load_roster(EXAMPLE, pset)
    for p, got in zip(pset.principles, first["principles"], strict=True):
        cols = [people.competency_ids.index(c) for c in p.competencies]
        expected = int((people.levels[:, cols] >= p.level).all(axis=1).sum())
        assert (got["id"], got["carriers"], got["share"]) == (p.id, expected, round(expected / len(people), 4))


def test_labels_in_the_order_given(runner, q3):
    doc, _ = _json(runner, q3, EXAMPLE, "--labels", "Q3, Q1")
    assert [s["label"] for s in doc["snapshots"]] == ["Q3", "Q1"]
    assert doc["snapshots"][1]["staff"] == 150
    md = run_cli(runner, "trend", str(EXAMPLE), str(EXAMPLE_Q2), "--labels", "2026-Q1,2026-Q2", "-f", "markdown")
    assert "| # | Archetype | 2026-Q1 | 2026-Q2 | Ready change |" in md.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--labels", "a"], "--labels has 1 labels for 2 snapshots"),
        (["--labels", "a,a"], "two snapshots have the label 'a'"),
        (["--labels", "a,"], "a label is empty"),
    ],
)
def test_bad_labels_exit_2(runner, args, message):
    result = run_cli(runner, "trend", str(EXAMPLE), str(EXAMPLE_Q2), *args)
    assert result.exit_code == 2 and message in result.stderr


def test_one_snapshot_or_the_same_name_twice(runner, tmp_path):
    one = run_cli(runner, "trend", str(EXAMPLE))
    assert one.exit_code == 2 and "at least two" in one.stderr
    (tmp_path / "a").mkdir()
    copy = tmp_path / "a" / "staff.csv"
    copy.write_bytes(EXAMPLE.read_bytes())
    same = run_cli(runner, "trend", str(EXAMPLE), str(copy))
    assert same.exit_code == 2 and "--labels" in same.stderr


def test_fail_on_regression_mirrors_diff(runner, q3):
    # Q2 -> Q3: Experienced insider 15 -> 11 ready; the index is unchanged
    result = run_cli(runner, "trend", str(EXAMPLE), str(EXAMPLE_Q2), str(q3), "--fail-on-regression")
    assert result.exit_code == 1
    assert "FAIL: Experienced insider [experienced_insider]: ready fell from 15 to 11" in result.stderr
    assert "coverage index fell" not in result.stderr
    assert run_cli(runner, "trend", str(EXAMPLE), str(EXAMPLE_Q2), str(q3)).exit_code == 0
    # the last two are what counts, with diff's rule: the same regressions as diff on them
    pair = run_cli(runner, "trend", str(q3), str(EXAMPLE_Q2), "--fail-on-regression")
    diff = run_cli(runner, "diff", str(q3), str(EXAMPLE_Q2), "--fail-on-regression")
    assert pair.exit_code == diff.exit_code
    assert pair.stderr == diff.stderr
    ok = run_cli(runner, "trend", str(EXAMPLE_Q2), str(EXAMPLE_Q2), "--labels", "a,b", "--fail-on-regression")
    assert ok.exit_code == 0 and "No regression." in ok.stdout


def test_terminal_table(runner, q3):
    out = run_cli(runner, "trend", str(EXAMPLE), str(EXAMPLE_Q2), str(q3), "--labels", "Q1,Q2,Q3").stdout
    assert "Coverage over time" in out and "74.3%" in out and "72.2%" in out
    assert "Leader-communicator" in out and "3 / 4 (+25)" in out
    assert "Customer-service-centred" in out
    assert out.rstrip().splitlines()[-1] == "Coverage index 74.3% (Q1) → 72.2% (Q3) over 3 snapshots."
    zh = run_cli(runner, "trend", str(EXAMPLE), str(EXAMPLE_Q2), "--lang", "zh").stdout
    assert "覆盖率趋势" in zh and "以客户服务为中心" in zh


def test_html_line_chart_is_accessible_and_self_contained(runner, q3, tmp_path):
    out = tmp_path / "trend.html"
    result = run_cli(runner, "trend", str(EXAMPLE), str(EXAMPLE_Q2), str(q3), "--labels", "Q1,Q2,<b>Q3</b>",
                     "-f", "html", "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert '<title id="chart-title">' in html and '<desc id="chart-desc">Coverage index: Q1 74.3%' in html
    assert "<polyline" in html and 'viewBox="0 0 ' in html
    assert html.count("<caption") >= 4 and 'scope="col"' in html and 'scope="row"' in html
    assert "<b>Q3</b>" not in html and "&lt;b&gt;Q3&lt;/b&gt;" in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_renderers_through_the_factory(q3):
    from sscgap.trend import build

    analyses = [sscgap.analyze(p).analysis for p in (EXAMPLE, EXAMPLE_Q2, q3)]
    tr = build(analyses, ["a", "b", "c"])
    for fmt in TrendFormat:
        text = get_renderer(fmt.value, View.trend)(tr, RenderOptions())
        assert isinstance(text, str) and "a" in text
    with pytest.raises(ValueError, match="at least two"):
        build(analyses[:1], ["a"])
