"""The HRIS exports of examples/hris, read through their mapping files, give the example roster.

Each export was generated from examples/staff.csv (make_hris_examples.py); read as the roster
reader will read it (pandas with the mapping's header_row and sheet, then apply_mapping), it
gives the same people, levels and employment types, and tenure within a day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sscgap.mapping import (
    CatalogueNames,
    Mapping,
    apply_mapping,
    check_readable,
    detect_header_row,
    draft_mapping,
    load_mapping,
    parse_mapping,
    required_attributes,
)
from sscgap.profiles import load_profiles
from sscgap.roster.mapped import read_export as roster_read_export

ROOT = Path(__file__).resolve().parents[1]
HRIS = ROOT / "examples" / "hris"
EXPORTS = [
    ("workday_export.xlsx", "workday.yaml"),
    ("beisen_export.csv", "beisen.yaml"),
    ("skills_long.csv", "skills_long.yaml"),
]


def read_export(path: Path, m: Mapping | None) -> pd.DataFrame:
    """How the roster reader reads an export before apply_mapping."""
    catalogue = CatalogueNames.from_profiles(load_profiles())
    return roster_read_export(path, catalogue, mapping=m if m is not None else Mapping())[0]


def keep_guesses(text: str) -> str:
    """What a user does with a draft whose guesses are right: uncomment them."""
    return "\n".join(
        line.replace("# ", "", 1) if line.endswith("# a guess") else line for line in text.splitlines()
    )


@pytest.fixture(scope="module")
def catalogue():
    from sscgap.profiles import load_profiles

    return CatalogueNames.from_profiles(load_profiles())


@pytest.fixture(scope="module")
def staff() -> pd.DataFrame:
    return pd.read_csv(ROOT / "examples" / "staff.csv", dtype={"employee_id": str})


def assert_same_roster(frame: pd.DataFrame, staff: pd.DataFrame, ids: list[str]) -> None:
    assert frame["employee_id"].tolist() == staff["employee_id"].tolist()
    assert frame["employment_type"].tolist() == staff["employment_type"].tolist()
    assert frame["name"].tolist() == staff["name"].tolist()
    tenure = frame["tenure_years"].to_numpy(float) - staff["tenure_years"].to_numpy(float)
    assert (tenure >= 0).all() and (tenure < 1 / 365.25 + 1e-9).all()  # never below a threshold
    for cid in ids:
        got = frame[cid].to_numpy(float) if cid in frame else np.full(len(frame), np.nan)
        np.testing.assert_array_equal(got, staff[cid].to_numpy(float), err_msg=cid)


@pytest.mark.parametrize(("export", "yaml_file"), EXPORTS)
def test_each_export_gives_the_example_roster(export, yaml_file, catalogue, staff):
    m = load_mapping(HRIS / yaml_file)
    out = apply_mapping(read_export(HRIS / export, m), m, catalogue, source=export)
    assert_same_roster(out.frame, staff, catalogue.ids)
    assert out.matched.found == catalogue.ids
    assert not out.findings


def test_unmapped_columns_are_kept_for_by(catalogue):
    m = load_mapping(HRIS / "workday.yaml")
    out = apply_mapping(read_export(HRIS / "workday_export.xlsx", m), m, catalogue)
    assert out.extra_columns == ["EmployeeCount", "Management Level"]
    assert set(out.frame["Management Level"]) == {"Executive", "Manager", "Individual Contributor"}
    m = load_mapping(HRIS / "beisen.yaml")
    out = apply_mapping(read_export(HRIS / "beisen_export.csv", m), m, catalogue)
    assert out.extra_columns == ["职级"]
    assert out.frame["department"][0] == "财务运营部"


def test_the_long_export_reports_its_rating_history_and_raters(catalogue):
    m = load_mapping(HRIS / "skills_long.yaml")
    out = apply_mapping(read_export(HRIS / "skills_long.csv", m), m, catalogue)
    q = out.quality
    assert q.by_rater == {"manager": q.ratings} and q.superseded > 0 and q.other_raters > 0
    assert q.stale > 0 and not q.stale_ignored and q.max_age_days == 730
    gaps = out.rater_gaps
    assert len(gaps) == len(catalogue.ids)
    assert (gaps["manager_minus_self"] <= 0).all()  # people rate themselves higher
    assert gaps["manager_minus_self"].abs().is_monotonic_decreasing


def test_the_examples_are_readable_for_the_default_profiles(catalogue):
    from sscgap.profiles import load_profiles

    tenure, employment = required_attributes(load_profiles())
    for export, yaml_file in EXPORTS:
        m = load_mapping(HRIS / yaml_file)
        out = apply_mapping(read_export(HRIS / export, m), m, catalogue)
        summary = check_readable(out.frame, catalogue.ids, tenure, employment, source=export)
        assert str(summary) == "matched 30 of 30 competencies"


def test_the_standard_frame_gives_the_same_analysis_as_the_example(tmp_path, catalogue):
    """Through today's roster reader and engine: the same numbers as examples/staff.csv."""
    from sscgap.engine import analyze
    from sscgap.profiles import load_profiles
    from sscgap.roster import load_roster

    pset = load_profiles()
    want = analyze(pset, load_roster(ROOT / "examples" / "staff.csv", pset))
    for export, yaml_file in EXPORTS:
        m = load_mapping(HRIS / yaml_file)
        out = apply_mapping(read_export(HRIS / export, m), m, catalogue)
        std = out.frame.drop(columns=out.extra_columns)
        path = tmp_path / f"{export}.csv"
        std.to_csv(path, index=False)
        got = analyze(pset, load_roster(path, pset))
        assert got.summary == want.summary, export
        np.testing.assert_array_equal(got.ready, want.ready)
        np.testing.assert_array_equal(got.role_attrs_ok, want.role_attrs_ok)


def test_the_draft_of_the_beisen_export_reads_it_as_it_is(catalogue, staff):
    """Every header of the Beisen-style export is recognised or guessed right."""
    raw = read_export(HRIS / "beisen_export.csv", None)
    text = draft_mapping(raw, catalogue, export_name="beisen_export.csv", as_of=date(2026, 6, 30))
    assert "# not found" not in text
    # the user checks the guesses and keeps them
    m = parse_mapping(keep_guesses(text), "draft.yaml")
    out = apply_mapping(raw, m, catalogue)
    assert_same_roster(out.frame, staff, catalogue.ids)


def test_the_draft_of_the_workday_export(catalogue):
    m0 = load_mapping(HRIS / "workday.yaml")
    raw = read_export(HRIS / "workday_export.xlsx", m0)
    text = draft_mapping(raw, catalogue, export_name="workday_export.xlsx", header_row=4,
                         sheet="Workers", as_of=date(2026, 6, 30))
    m = parse_mapping(text, "draft.yaml")
    assert m.columns == m0.columns
    assert m.competencies == {}  # guesses stay comments until the user keeps them
    kept = parse_mapping(keep_guesses(text), "draft.yaml")
    assert kept.competencies == m0.competencies
    assert '"Novice": ?' in text and '"Not Yet Demonstrated": ?' in text
    assert '"Employee": internal' in text and '"Contingent Worker": contractor' in text


def test_the_draft_of_the_long_export(catalogue):
    raw = read_export(HRIS / "skills_long.csv", None)
    text = draft_mapping(raw, catalogue, export_name="skills_long.csv", as_of=date(2026, 6, 30))
    m = parse_mapping(text, "draft.yaml")
    assert m.long is not None and m.long.date == "Assessment Date" and m.long.rater == "Rater"
    assert m.columns.employee_id == "Person Number"
    assert '"hr_skill_level_advanced": 4   # a guess' in text
    assert m.raters is not None and m.raters.prefer == ["Manager", "360", "Self"]


def test_the_examples_are_reproducible(tmp_path):
    """make_hris_examples.py writes exactly the committed files."""
    import shutil
    import subprocess
    import sys

    work = tmp_path / "examples"
    (work / "hris").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "staff.csv", work / "staff.csv")
    shutil.copy(HRIS / "make_hris_examples.py", work / "hris")
    (tmp_path / "profiles").mkdir()
    shutil.copy(ROOT / "profiles" / "catalogue.yaml", tmp_path / "profiles")
    subprocess.run([sys.executable, str(work / "hris" / "make_hris_examples.py")], check=True,
                   capture_output=True)
    for name in ("workday_export.xlsx", "beisen_export.csv", "skills_long.csv"):
        assert (work / "hris" / name).read_bytes() == (HRIS / name).read_bytes(), name


def test_object_columns_read_the_same(catalogue, staff):
    """Text read as plain Python objects (pandas 2, or a caller's own reading) gives the same."""
    for export, yaml_file in EXPORTS[1:]:
        m = load_mapping(HRIS / yaml_file)
        raw = read_export(HRIS / export, m).astype(object)
        out = apply_mapping(raw, m, catalogue)
        assert_same_roster(out.frame, staff, catalogue.ids)


def test_long_ids_with_spaces_are_one_person(catalogue):
    m = load_mapping(HRIS / "skills_long.yaml")
    raw = read_export(HRIS / "skills_long.csv", m)
    raw.loc[1, "Person Number"] = " " + raw.loc[1, "Person Number"] + " "
    out = apply_mapping(raw, m, catalogue)
    assert len(out.frame) == 150


def test_the_header_row_is_found_under_a_title_block(catalogue):
    rows = pd.read_excel(HRIS / "workday_export.xlsx", sheet_name="Workers", header=None, nrows=30)
    assert detect_header_row(rows.values.tolist(), catalogue) == 4
    rows = pd.read_csv(HRIS / "beisen_export.csv", encoding="gb18030", header=None, nrows=30, dtype=str)
    assert detect_header_row(rows.values.tolist(), catalogue) == 1
    assert detect_header_row([["Report"], ["a", "b"]], catalogue) is None


def test_the_reader_recipe(catalogue, staff):
    """The calls the roster reader makes, in order, for a workbook whose mapping has no
    header_row (detected) and a CSV (read by the Arrow reader, ids as text)."""
    m = load_mapping(HRIS / "workday.yaml").model_copy(update={"header_row": None})
    raw, row, _sheet = roster_read_export(HRIS / "workday_export.xlsx", catalogue, mapping=m)
    assert row == 4  # detected under the title block
    out = apply_mapping(raw, m, catalogue, date(2026, 6, 30), source="x.xlsx", first_row=row + 1)
    assert_same_roster(out.frame, staff, catalogue.ids)

    path = HRIS / "beisen_export.csv"
    m = load_mapping(HRIS / "beisen.yaml")
    raw, row, _sheet = roster_read_export(path, catalogue, mapping=m)
    out = apply_mapping(raw, m, catalogue, source=str(path))
    check_readable(out.frame, catalogue.ids, source=str(path))
    assert_same_roster(out.frame, staff, catalogue.ids)
