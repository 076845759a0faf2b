"""The HRIS exports of examples/hris through the command line and the API, with their mapping
files: the same numbers as the normalised example roster, overall and by a column the mapping
does not name; what cannot be read is exit 2 naming the file, key and line."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import sscgap
from sscgap.mapping import load_mapping

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
HRIS = ROOT / "examples" / "hris"
STAFF = ROOT / "examples" / "staff.csv"
EXPORTS = [
    ("workday_export.xlsx", "workday.yaml"),
    ("beisen_export.csv", "beisen.yaml"),
    ("skills_long.csv", "skills_long.yaml"),
]


def numbers(d: dict) -> dict:
    return {
        "summary": d["summary"],
        "archetypes": [(a["id"], a["ready"], a["near"]) for a in d["archetypes"]],
        "competencies": [
            (c["id"], c.get("assessed"), c["mean_level"]) for c in d["competencies"]
        ],
    }


@pytest.fixture(scope="module")
def expected() -> dict:
    return numbers(sscgap.analyze(STAFF).to_dict())


@pytest.mark.parametrize(("export", "mapping"), EXPORTS)
def test_cli_export_with_its_mapping_gives_the_example_numbers(runner, expected, export, mapping):
    result = run_cli(runner, "analyze", HRIS / export, "--mapping", HRIS / mapping, "-f", "json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert numbers(d) == expected
    assert d["data_quality"]["competencies_matched"] == {"matched": 30, "of": 30, "missing": []}
    assert d["schema_version"] == 1


def _grade(position: str) -> str:
    """As make_hris_examples.py derives the grade of a position."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mk", HRIS / "make_hris_examples.py")
    assert spec and spec.loader
    mk = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mk)
    return mk.grade(position)


def _groups(d: dict) -> dict:
    return {g["value"]: (g["summary"]["staff"], g["summary"]["ready_people"]) for g in d["groups"]}


@pytest.mark.parametrize(
    ("export", "mapping", "by"),
    [("workday_export.xlsx", "workday.yaml", "Management Level"), ("beisen_export.csv", "beisen.yaml", "职级")],
)
def test_by_an_unmapped_column(runner, export, mapping, by):
    staff = pd.read_csv(STAFF, dtype={"employee_id": str})
    staff["Grade"] = [_grade(p) for p in staff["position"]]
    want = _groups(sscgap.analyze(staff, by="Grade").to_dict())
    result = run_cli(runner, "report", HRIS / export, "--mapping", HRIS / mapping, "--by", by, "-f", "json")
    assert result.exit_code == 0, result.output
    got = _groups(json.loads(result.stdout))
    # the Beisen export writes grades as codes (M1, P2): the same groups under other names
    assert got == want if by != "职级" else sorted(got.values()) == sorted(want.values())


def test_by_a_mapped_column_by_its_header(runner):
    want = _groups(sscgap.analyze(STAFF, by="department").to_dict())
    result = run_cli(
        runner, "analyze", HRIS / "workday_export.xlsx", "--mapping", HRIS / "workday.yaml",
        "--by", "Cost Center", "-f", "json",
    )
    assert result.exit_code == 0, result.output
    assert _groups(json.loads(result.stdout)) == want


def test_api_mapping_and_as_of():
    r = sscgap.analyze(HRIS / "workday_export.xlsx", mapping=HRIS / "workday.yaml", as_of="2026-06-30")
    assert r.to_dict()["summary"] == sscgap.analyze(STAFF).to_dict()["summary"]


def test_validate_and_person_and_diff_take_the_mapping(runner):
    m = HRIS / "skills_long.yaml"
    result = run_cli(runner, "validate", HRIS / "skills_long.csv", "--mapping", m)
    assert result.exit_code == 0, result.output
    assert "matched 30 of 30 competencies" in result.stdout
    pid = pd.read_csv(STAFF, dtype={"employee_id": str})["employee_id"].iloc[0]
    result = run_cli(runner, "person", HRIS / "skills_long.csv", pid, "--mapping", m, "--as-of", "2026-06-30")
    assert result.exit_code == 0, result.output
    result = run_cli(
        runner, "diff", HRIS / "beisen_export.csv", HRIS / "beisen_export.csv",
        "--mapping", HRIS / "beisen.yaml", "-f", "json",
    )
    assert result.exit_code == 0, result.output


def test_long_report_has_history_and_raters(runner):
    result = run_cli(
        runner, "report", HRIS / "skills_long.csv", "--mapping", HRIS / "skills_long.yaml", "-f", "markdown"
    )
    assert result.exit_code == 0, result.output
    assert "Ratings older than 730 days" in result.stdout
    assert "Self vs manager" in result.stdout
    result = run_cli(
        runner, "report", HRIS / "skills_long.csv", "--mapping", HRIS / "skills_long.yaml", "-f", "json"
    )
    dq = json.loads(result.stdout)["data_quality"]
    assert dq["ratings"]["stale"] > 0 and dq["rater_gaps"]


def test_a_header_not_in_the_file_is_exit_2_naming_key_and_line(runner, tmp_path):
    text = (HRIS / "workday.yaml").read_text(encoding="utf-8").replace('"Hire Date"', '"Hired On"')
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "Hired On" in s)
    result = run_cli(runner, "analyze", HRIS / "workday_export.xlsx", "--mapping", bad)
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr and "columns.hire_date" in result.stderr
    assert f"line {line}" in result.stderr or f":{line}" in result.stderr


def test_no_competency_read_is_exit_2(runner, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("Employee ID,Worker,Grade\n1,A,G5\n2,B,G6\n", encoding="utf-8")
    m = tmp_path / "m.yaml"
    m.write_text("columns:\n  employee_id: Employee ID\n", encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "--mapping", m)
    assert result.exit_code == 2
    assert "no competency of the catalogue can be read" in result.stderr
    assert "r.csv" in result.stderr


def test_a_required_attribute_missing_is_exit_2(runner, tmp_path):
    staff = pd.read_csv(STAFF, dtype={"employee_id": str}).drop(columns=["tenure_years"])
    roster = tmp_path / "r.csv"
    staff.to_csv(roster, index=False)
    m = tmp_path / "m.yaml"
    m.write_text("as_of: 2026-06-30\n", encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "--mapping", m)
    assert result.exit_code == 2
    assert "tenure_years" in result.stderr
    m.write_text("constants:\n  tenure_years: 5\n", encoding="utf-8")
    assert run_cli(runner, "analyze", roster, "--mapping", m).exit_code == 0


def test_bad_as_of_is_exit_2(runner):
    result = run_cli(runner, "analyze", STAFF, "--as-of", "yesterday")
    assert result.exit_code == 2
    assert "--as-of" in result.stderr


def test_mapping_file_loads(tmp_path):
    assert load_mapping(HRIS / "workday.yaml").columns.employee_id == "Employee ID"


@pytest.mark.parametrize(("export", "mapping"), EXPORTS)
def test_init_mapping_drafts_a_file_that_loads_back(runner, tmp_path, expected, export, mapping):
    out = tmp_path / "draft.yaml"
    result = run_cli(runner, "init", "--mapping", HRIS / export, "-o", out)
    assert result.exit_code == 0, result.output
    draft = load_mapping(out)
    assert draft.columns.employee_id is not None or draft.long is not None
    # the guesses, uncommented, and the exports' own rating texts read the example roster
    text = out.read_text(encoding="utf-8")
    text = "\n".join(
        line.replace("# ", "", 1) if line.rstrip().endswith("# a guess") else line
        for line in text.splitlines()
    )
    out.write_text(text + "\n", encoding="utf-8")
    assert load_mapping(out) is not None


def test_init_mapping_never_overwrites_the_export(runner, tmp_path):
    export = tmp_path / "e.csv"
    export.write_bytes((HRIS / "beisen_export.csv").read_bytes())
    result = run_cli(runner, "init", "--mapping", export, "-o", export)
    assert result.exit_code == 2
    assert export.read_bytes() == (HRIS / "beisen_export.csv").read_bytes()


def test_without_a_mapping_by_any_column_and_rating_texts(runner, tmp_path):
    staff = pd.read_csv(STAFF, dtype={"employee_id": str})
    staff["Grade"] = [_grade(p) for p in staff["position"]]
    want = _groups(sscgap.analyze(staff, by="Grade").to_dict())
    path = tmp_path / "staff_grade.csv"
    # camelCase and HRIS headers, ratings as texts: the same roster
    texts = {0: "0", 1: "1 - Basic", 2: "2（发展中）", 3: "3 - Proficient", 4: "4 - Advanced", 5: "5 - Expert"}
    out = staff.rename(columns={"employee_id": "EmployeeID", "department": "Cost Center"})
    out["leadership"] = out["leadership"].map(lambda v: "" if pd.isna(v) else texts[int(v)])
    out.to_csv(path, index=False)
    result = run_cli(runner, "analyze", path, "--by", "Grade", "-f", "json")
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert _groups(d) == want
    assert d["summary"] == sscgap.analyze(STAFF).to_dict()["summary"]
    plain = run_cli(runner, "analyze", path, "-f", "json")
    assert plain.exit_code == 0, plain.output
    assert json.loads(plain.stdout)["summary"] == d["summary"]


# ------------------------------------------------------------ an invalid mapping file (round 4)

BAD_MAPPINGS = [
    # (mapping text, words the message holds)
    ('values:\n  level: {"Expert": 7}\n', ['values.level."Expert" (line 2)', "level 7 is outside the scale 0-5"]),
    ('values:\n  level:\n    "3 - Good": -1\n', ['values.level."3 - Good" (line 3)', "level -1 is outside"]),
    ('values:\n  level: {"Expert": high}\n', ['values.level."Expert"', "write a level from 0 to 5", "'high'"]),
    ("values:\n  employment_type: {Emp: staff}\n", ['values.employment_type."Emp"', "internal, external or contractor"]),
    ("header_row: -1\n", ["header_row (line 1)", "must be 1 or more", "1-based row"]),
    ("header_row: two\n", ["header_row (line 1)", "write a whole number"]),
    ("header_row: yes\n", ["header_row (line 1)", "not true/false"]),
    ("columns:\n  grade: Grade\n", ["columns.grade (line 2)", "unknown key", "the standard fields are employee_id"]),
    ("columns: [a, b]\n", ["columns (line 1)", "write a mapping of keys", "got a list"]),
    ("columns:\n  name: 5\n", ["columns.name (line 2)", "write a word or a text"]),
    ("constants:\n  tenure_years: -2\n", ["constants.tenure_years (line 2)", "must be 0 or more"]),
    ("max_age_days: 0\n", ["max_age_days (line 1)", "must be above 0"]),
    ("stale: drop\n", ["stale (line 1)", "write 'ignore' or 'keep'"]),
    ("as_of: 5\n", ["as_of (line 1)", "not a date", "2026-06-30"]),
    ("long:\n  competency: Skill\n", ["long.level", "required key is missing", "`long:` needs"]),
    ("raters:\n  prefer: []\n", ["raters.prefer (line 2)", "list at least one"]),
    ("sheet: [1]\n", ["sheet (line 1)", "write a sheet name or its 0-based number"]),
]


@pytest.mark.parametrize(("text", "words"), BAD_MAPPINGS)
def test_an_invalid_mapping_file_is_a_mapping_error_not_a_roster_error(runner, tmp_path, text, words):
    m = tmp_path / "hris.yaml"
    m.write_text(text, encoding="utf-8")
    out = tmp_path / "report.md"
    r = run_cli(runner, "analyze", STAFF, "--mapping", m, "-o", out)
    assert r.exit_code == 2
    err = r.stderr
    assert err.startswith(f"error: {m}: invalid mapping file: 1 problem"), err
    assert "in the roster" not in err and "Traceback" not in err
    assert "Input should" not in err and "Value error" not in err  # pydantic's wording
    for w in words:
        assert w in err, err
    assert not out.exists()


def test_a_missing_mapping_file_is_one_line_naming_it(runner, tmp_path):
    m = tmp_path / "nope.yaml"
    r = run_cli(runner, "analyze", STAFF, "--mapping", m)
    assert r.exit_code == 2
    assert r.stderr.strip() == f"error: {m}: mapping file not found"


def test_init_mapping_speaks_the_language_asked(runner, tmp_path):
    out = tmp_path / "m.yaml"
    r = run_cli(runner, "init", "--mapping", ROOT / "examples" / "hris" / "beisen_export.csv", "-o", out, "--lang", "zh")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[0] == f"已创建：{out}"
    assert r.stdout.splitlines()[1].startswith("下一步：检查该文件，然后运行  sscgap validate ") and r.stdout.rstrip().endswith("--lang zh")
