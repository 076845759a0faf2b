"""Every format renders; CSV and Excel: columns, BOM, formula neutralisation; JSON: the schema."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import DATA, EXAMPLE, MINI_PROFILES, MINI_ROSTER, run_cli

HOSTILE = DATA / "hostile_roster.csv"


def _analysis(roster=MINI_ROSTER, by=None):
    from sscgap.engine import analyze
    from sscgap.profiles import load_profiles
    from sscgap.roster import load_roster

    pset = load_profiles(MINI_PROFILES)
    return analyze(pset, load_roster(roster, pset), by=by)


def test_every_format_builds_a_renderer_and_renders_the_mini_example():
    from sscgap.report import Format, RenderOptions, get_renderer

    analysis = _analysis(by="department")
    for fmt in Format:
        out = get_renderer(fmt)(analysis, RenderOptions(generated="2025-01-01"))
        if fmt is Format.csv:  # text, already UTF-8 (with BOM): no second copy of a big file
            assert isinstance(out, bytes) and out.decode("utf-8").startswith("\ufeff"), fmt
        else:
            assert isinstance(out, bytes if fmt.binary else str), fmt
        assert len(out) > 100, fmt


def test_every_view_and_format_builds_a_renderer():
    from sscgap.report import RENDERERS, Format, View, ViewFormat, get_renderer

    assert set(RENDERERS) == set(View)
    assert set(RENDERERS[View.analysis]) == set(Format)  # the analysis has every format
    for view in (View.person, View.diff):  # the one-off views: the CLI's --format choices
        assert {f.value for f in RENDERERS[view]} == {f.value for f in ViewFormat}
    for view, formats in RENDERERS.items():
        for fmt in formats:
            assert callable(get_renderer(fmt, view)), (view, fmt)
    with pytest.raises(ValueError, match="no html renderer for the person view"):
        get_renderer("html", "person")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("r.md", "markdown"),
        ("R.MD", "markdown"),
        ("r.html", "html"),
        ("r.htm", "html"),
        ("r.json", "json"),
        ("r.csv", "csv"),
        ("dir.v2/r.xlsx", "xlsx"),
        ("r.pdf", None),
        ("noext", None),
    ],
)
def test_format_from_suffix(name, expected):
    from sscgap.report import Format

    got = Format.from_suffix(name)
    assert (got.value if got else None) == expected


# ---------------------------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_people_one_row_per_person(runner):
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert [r["employee_id"] for r in rows] == ["001", "002", "003", "004", "005"]
    bo = rows[1]
    assert bo["best_archetype"] == "analyst"
    assert bo["best_archetype_name"] == "Analyst"
    assert float(bo["fit"]) == pytest.approx(8 / 9, abs=1e-4)
    assert bo["ready_for"] == ""
    assert bo["near_for"] == "analyst;manager"
    assert bo["gaps_to_best"] == "communication 2→3"
    assert rows[0]["ready_for"] == "analyst;manager"
    assert rows[4]["gaps_to_best"] == "analysis –→4; communication –→3"


def test_csv_coverage_table_from_report_suffix(runner, tmp_path):
    out = tmp_path / "coverage.csv"
    result = run_cli(runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "-o", out, "--by", "site")
    assert result.exit_code == 0, result.stderr
    rows = _csv_rows(out.read_text(encoding="utf-8"))
    assert [(r["group"], r["archetype"], r["ready"], r["target"]) for r in rows] == [
        ("(all)", "analyst", "1", "2"),
        ("(all)", "manager", "3", "2"),
        ("Chengdu", "analyst", "0", "1"),  # the centre's headcount 2, shared by the groups
        ("Chengdu", "manager", "2", "1"),
        ("Dalian", "analyst", "1", "1"),
        ("Dalian", "manager", "1", "1"),
    ]
    assert rows[0]["status"] == "thin" and rows[0]["coverage"] == "0.5"
    assert rows[2]["group_column"] == "site"


def test_csv_chinese_headers_and_names(runner):
    result = run_cli(
        runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "csv", "--lang", "zh"
    )
    rows = _csv_rows(result.stdout)
    assert list(rows[0])[:2] == ["员工编号", "姓名"]
    assert rows[0]["最匹配人才类型名称"] == "分析师"
    # bytes: BOM + UTF-8, as Excel expects
    raw = result.stdout.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")


def test_csv_neutralises_formulas(runner):
    result = run_cli(runner, "analyze", HOSTILE, "-p", MINI_PROFILES, "-f", "csv")
    rows = _csv_rows(result.stdout)
    names = {r["employee_id"]: r["name"] for r in rows}
    assert names["0003"] == '\'=HYPERLINK("http://evil.example","click")'
    assert names["0004"].startswith("'+1-555")
    assert names["0005"].startswith("'@cmd")
    assert names["0001"].startswith("Eve")  # harmless text untouched
    assert {r["department"] for r in rows} >= {"'-dept"}
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_neutralise_leaves_numbers_alone():
    import pandas as pd

    from sscgap.report.safe import neutralise_series as neutralise

    assert neutralise(pd.Series([-1.5, 2.0])).tolist() == [-1.5, 2.0]
    out = neutralise(
        pd.Series(["=1+1", "-x", "ok", None, "\tx", "\rx", "a=b", "-5", "＝1"], dtype=object)
    )
    assert out.tolist()[:3] == ["'=1+1", "'-x", "ok"]
    assert pd.isna(out.iloc[3])
    assert out.tolist()[4:] == ["'\tx", "\u240dx", "a=b", "-5", "'＝1"]  # plain numbers stay; a lone CR shown


def test_people_frame_is_vectorised_on_many_people(mini_profiles, tmp_path):
    # 20,000 people: the table is built column by column (this would crawl row by row)
    import numpy as np
    import pandas as pd

    from sscgap.engine import analyze
    from sscgap.report.tables import people_frame
    from sscgap.roster import load_roster

    n = 20_000
    rng = np.random.default_rng(1)
    df = pd.DataFrame(
        {
            "employee_id": [f"{i:06d}" for i in range(n)],
            "name": [f"P{i}" for i in range(n)],
            "tenure_years": rng.integers(0, 10, n),
            "employment_type": "internal",
            "analysis": rng.integers(0, 6, n),
            "communication": rng.integers(0, 6, n),
            "leadership": rng.integers(0, 6, n),
        }
    )
    path = tmp_path / "big.csv"
    df.to_csv(path, index=False)
    analysis = analyze(mini_profiles, load_roster(path, mini_profiles))
    frame = people_frame(analysis)
    assert len(frame) == n
    ready = analysis.ready
    expected = np.where(ready[:, 0] & ready[:, 1], "analyst;manager",
                        np.where(ready[:, 0], "analyst", np.where(ready[:, 1], "manager", "")))  # fmt: skip
    assert (frame["ready_for"].to_numpy() == expected).all()


# ---------------------------------------------------------------------------------------------
# Excel
# ---------------------------------------------------------------------------------------------


def _workbook(path):
    from openpyxl import load_workbook

    return load_workbook(path)


def test_xlsx_workbook_sheets_and_content(runner, tmp_path):
    out = tmp_path / "report.xlsx"
    result = run_cli(
        runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "-o", out, "--by", "department"
    )
    assert result.exit_code == 0, result.stderr
    wb = _workbook(out)
    assert wb.sheetnames == ["Summary", "Coverage", "Competency gaps", "People", "Heatmap"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Coverage index"] == 0.75
    assert summary["People"] == 5
    coverage = list(wb["Coverage"].iter_rows(values_only=True))
    assert coverage[0][:5] == ("Grouped by", "Group", "Staff", "Coverage index", "Archetype")
    assert len(coverage) == 1 + 2 + 2 * 2  # header, all, two departments
    people = list(wb["People"].iter_rows(values_only=True))
    assert people[0][0] == "Employee ID" and len(people) == 6
    assert people[1][0] == "001"  # ids stay text
    heat = wb["Heatmap"]
    assert [c.value for c in heat[1]] == ["Person", "Analysis", "Communication", "Leadership"]
    rules = [r for cf in heat.conditional_formatting for r in cf.rules]
    assert rules and {r.type for r in rules} == {"cellIs"}  # the HTML's blue scale, level by level
    assert heat.freeze_panes == "B2"


def test_xlsx_neutralises_formulas(runner, tmp_path):
    out = tmp_path / "hostile.xlsx"
    result = run_cli(runner, "report", HOSTILE, "-p", MINI_PROFILES, "-o", out)
    assert result.exit_code == 0, result.stderr
    ws = _workbook(out)["People"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}
    formula = cells["0003"]
    assert formula.value == '=HYPERLINK("http://evil.example","click")'
    assert formula.data_type == "s" and formula.quotePrefix  # text, shown as typed, never run
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)


def test_xlsx_chinese_sheet_names(runner, tmp_path):
    out = tmp_path / "报告.xlsx"
    result = run_cli(runner, "report", MINI_ROSTER, "-p", MINI_PROFILES, "-o", out, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert _workbook(out).sheetnames == ["摘要", "覆盖情况", "能力缺口", "人员", "热力图"]


def test_xlsx_to_a_terminal_is_refused(runner, monkeypatch):
    monkeypatch.setattr("sscgap.cli._stdout_is_terminal", lambda: True)
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "xlsx")
    assert result.exit_code == 2
    assert "binary" in result.stderr


def test_heatmap_aggregates_large_rosters():
    from sscgap.report.tables import heatmap_matrix

    analysis = _analysis()
    labels, matrix, column = heatmap_matrix(analysis, limit=100)
    assert column is None and len(labels) == 5
    labels, matrix, column = heatmap_matrix(analysis, limit=3)
    assert column == "department" and labels == ["Finance", "HR"]
    # mean of assessed levels: Finance analysis (4, 4) -> 4; HR leadership (4, 5, blank) -> 4.5
    assert matrix[0, 0] == pytest.approx(4.0)
    assert matrix[1, 2] == pytest.approx(4.5)


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


def _validate(data):
    import jsonschema

    from sscgap.schema import report_schema

    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize(
    "extra",
    [(), ("--people",), ("--by", "department"), ("--by", "site", "--people", "--top", "1")],
)
def test_json_validates_against_the_shipped_schema(runner, extra):
    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    _validate(json.loads(result.stdout))


def test_json_hostile_roster_validates(runner):
    result = run_cli(runner, "analyze", HOSTILE, "-p", MINI_PROFILES, "-f", "json", "--people")
    data = json.loads(result.stdout)
    _validate(data)
    assert data["data_quality"]["unknown_columns"] == ["<b>notes</b>"]


def test_schema_rejects_a_broken_document(runner):
    import jsonschema

    result = run_cli(runner, "analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json")
    data = json.loads(result.stdout)
    data["archetypes"][0]["status"] = "fine"
    with pytest.raises(jsonschema.ValidationError):
        _validate(data)
    del data["summary"]
    with pytest.raises(jsonschema.ValidationError):
        _validate(data)


def test_json_ids_are_bounded_unless_people(runner):
    args = ("analyze", MINI_ROSTER, "-p", MINI_PROFILES, "-f", "json")
    data = json.loads(run_cli(runner, *args, "--top", "1").stdout)
    manager = data["archetypes"][1]
    assert data["ids_limit"] == 1
    assert manager["ready"] == 3 and manager["ready_ids"] == ["001"]  # best fit first, then order
    assert "people" not in data
    full = json.loads(run_cli(runner, *args, "--top", "1", "--people").stdout)
    assert full["ids_limit"] is None
    assert sorted(full["archetypes"][1]["ready_ids"]) == ["001", "003", "004"]
    people = {p["employee_id"]: p for p in full["people"]}
    assert len(people) == 5
    bo = people["002"]
    assert bo["best_archetype"] == "analyst" and bo["near"] == ["analyst", "manager"]
    assert bo["gaps"] == [
        {"competency": "communication", "current": 2.0, "required": 3, "critical": False}
    ]
    assert people["005"]["gaps"][0] == {
        "competency": "analysis",
        "current": None,
        "required": 4,
        "critical": True,
    }
    assert people["005"]["tenure_years"] is None


def test_default_json_size_does_not_grow_with_the_roster(mini_profiles, tmp_path):
    import pandas as pd

    from sscgap.engine import analyze
    from sscgap.report import RenderOptions
    from sscgap.report.json import render
    from sscgap.roster import load_roster

    sizes = []
    for n in (50, 5000):
        df = pd.DataFrame(
            {
                "employee_id": [f"{i:05d}" for i in range(n)],
                "tenure_years": 5,
                "employment_type": "internal",
                "analysis": 4,
                "communication": 4,
                "leadership": 4,
            }
        )
        path = tmp_path / f"r{n}.csv"
        df.to_csv(path, index=False)
        analysis = analyze(mini_profiles, load_roster(path, mini_profiles))
        sizes.append(len(render(analysis, RenderOptions(top=10))))
    assert sizes[1] - sizes[0] < 100  # only the digits of the counts differ


def test_xlsx_reads_like_the_report(runner, tmp_path):
    """Names where ids were, headers in the report's language, statuses coloured and marked
    like the HTML, print set-up on every sheet, frozen headers."""
    from sscgap.report.palette import LEVEL_COLOURS, STATUS_COLOURS

    out = tmp_path / "report.xlsx"
    assert run_cli(runner, "report", EXAMPLE, "-o", out).exit_code == 0
    wb = _workbook(out)
    people = list(wb["People"].iter_rows(values_only=True))
    head = people[0]
    assert head[:2] == ("Employee ID", "Name") and "Ready for" in head and "Gaps to the best archetype" in head
    row = dict(zip(head, people[1], strict=True))
    assert row["Ready for"] == "Experienced insider; Process consultant; Frontline and accountable managers"
    gaps = [dict(zip(head, r, strict=True))["Gaps to the best archetype"] for r in people[1:]]
    assert any(g and "Service orientation 3→4" in g for g in gaps) and not any(g and "_" in g for g in gaps)
    assert all(c is None or "_" not in str(c) for c in head)
    cov = wb["Coverage"]
    header = [c.value for c in cov[1]]
    assert "archetype" not in header and header[-1] == "Status"
    status = cov.cell(row=2, column=len(header))
    assert status.value == "◐ thin"
    assert status.fill.fgColor.rgb.endswith(STATUS_COLOURS["thin"].lstrip("#").upper())
    assert "_" not in " ".join(str(c.value) for c in wb["Competency gaps"][1])
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        # fit to one page wide (1 is the file format's default, so a writer may leave it out)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
        assert ws.page_setup.fitToHeight == 0  # as many pages tall as needed
        if ws.title != "Summary":
            assert ws.print_title_rows == "$1:$1" and ws.freeze_panes in ("A2", "B2")
    fills = {r.dxf.fill.fgColor.rgb[-6:] for cf in wb["Heatmap"].conditional_formatting for r in cf.rules}
    assert fills == {c.lstrip("#").upper() for c in LEVEL_COLOURS}
    zh = tmp_path / "zh.xlsx"
    assert run_cli(runner, "report", EXAMPLE, "-o", zh, "--lang", "zh").exit_code == 0
    zh_head = next(_workbook(zh)["人员"].iter_rows(values_only=True))
    assert zh_head[0] == "员工编号" and "已就绪类型" in zh_head


def test_xlsx_summary_has_the_data_quality_lines(runner, tmp_path):
    """The Summary sheet says what the Markdown report says about the data: ratings not
    assessed, competencies matched, stale ratings (a long export read through its mapping)."""
    hris = EXAMPLE.parent / "hris"
    args = ["report", hris / "skills_long.csv", "--mapping", hris / "skills_long.yaml"]
    assert run_cli(runner, *args, "-o", tmp_path / "r.xlsx").exit_code == 0
    assert run_cli(runner, *args, "-o", tmp_path / "r.md").exit_code == 0
    rows = list(_workbook(tmp_path / "r.xlsx")["Summary"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Data quality")
    lines = [r[1] for r in rows[start:] if r[0] in ("Data quality", None)]
    assert lines[0].startswith("Ratings not assessed: 365 of 4,500 (8.1%)")
    assert "Competencies matched: 30 of 30" in lines
    assert any(x.startswith("Ratings older than 730 days: ") for x in lines)
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8").replace("\\", "")
    for line in lines:
        assert line in markdown, line


def test_xlsx_heatmap_of_groups(monkeypatch):
    """Above the people shown one by one: group means with each group's size, under a heading
    in the report's language, in the HTML's shades (a tenth of a level each), with the scale
    stated under the table."""
    from sscgap.report import RenderOptions, xlsx
    from sscgap.report.palette import MEAN_COLOURS

    monkeypatch.setattr(xlsx, "HEATMAP_LIMIT_XLSX", 2)
    for lang, heading, label in (("en", "Department", "HR (n=3)"), ("zh", "部门", "HR（n=3）")):
        data = xlsx.render(_analysis(), RenderOptions(lang=lang, heatmap_limit=2))
        heat = _workbook(io.BytesIO(data)).worksheets[-1]
        rows = list(heat.iter_rows(values_only=True))
        assert rows[0][0] == heading and rows[2][0] == label and rows[2][3] == 4.5
        assert "0–5" in rows[4][0]  # the scale, stated
        rules = [r for cf in heat.conditional_formatting for r in cf.rules]
        fills = {r.dxf.fill.fgColor.rgb[-6:] for r in rules}
        assert fills <= {c.lstrip("#").upper() for c in MEAN_COLOURS}
        assert MEAN_COLOURS[45].lstrip("#").upper() in fills


@pytest.mark.parametrize(("typed", "lang", "label"), [("dept", "en", "Department"), ("部门", "en", "Department"), ("dept", "zh", "部门")])
def test_xlsx_names_the_group_column_as_the_other_reports_do(runner, tmp_path, typed, lang, label):
    """The Coverage sheet's "Grouped by" column showed --by as typed ("dept", "部门" in an
    English workbook); it now names the column as the HTML and Markdown reports do."""
    out = tmp_path / "report.xlsx"
    assert run_cli(runner, "report", EXAMPLE, "--by", typed, "--lang", lang, "-o", out).exit_code == 0
    rows = list(_workbook(out).worksheets[1].iter_rows(values_only=True))
    column = rows[0].index("Grouped by" if lang == "en" else "分组维度")
    values = {r[column] for r in rows[1:]}
    assert values == {None, label}, values  # the whole centre's rows have none
