"""The mapping file and the pure transforms of an HRIS export, on small frames."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from sscgap.errors import MappingError, RosterError, SscgapError
from sscgap.mapping import (
    CatalogueNames,
    Mapping,
    apply_mapping,
    check_readable,
    draft_mapping,
    guess_id_column,
    match_headers,
    matched_summary,
    normalise_header,
    parse_dates,
    parse_levels,
    parse_mapping,
    required_attributes,
)

CAT = CatalogueNames(
    {
        "leadership": ("Leadership", "领导力"),
        "team_management": ("Team management", "团队管理"),
        "data_analysis": ("Data analysis", "数据分析"),
    },
    {"None": 0, "Basic": 1, "Developing": 2, "Proficient": 3, "Advanced": 4, "Expert": 5,
     "无": 0, "入门": 1, "发展中": 2, "胜任": 3, "精通": 4, "专家": 5},
)
AS_OF = date(2026, 6, 30)


def mapping(text: str) -> Mapping:
    return parse_mapping(text, "hris.yaml")


def levels(values: list[object], **kw) -> tuple[list[float], list[bool]]:
    out, bad = parse_levels(pd.Series(values, dtype=object), CAT.scale_labels, **kw)
    return out.tolist(), bad.tolist()


# --------------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("a", "b"),
    [("EmployeeID", "employee_id"), ("TeamManagement", "Team Management"),
     ("team-management", "TEAM_MANAGEMENT"), ("ＥｍｐｌｏｙｅｅＩＤ", "employee id")],
)
def test_headers_match_ignoring_case_spaces_dashes_underscores_and_camel_case(a, b):
    assert normalise_header(a) == normalise_header(b)


@pytest.mark.parametrize(
    ("header", "field"),
    [("Employee Number", "employee_id"), ("Worker ID", "employee_id"),
     ("Personnel Number", "employee_id"), ("Person Number", "employee_id"), ("工号", "employee_id"),
     ("员工编号", "employee_id"), ("EmployeeID", "employee_id"), ("入职日期", "hire_date"),
     ("Hire Date", "hire_date"), ("Worker Type", "employment_type"), ("员工类型", "employment_type"),
     ("用工类型", "employment_type"), ("Cost Center", "department"), ("Location", "site"),
     ("工作地点", "site"), ("Business Title", "position"), ("职位", "position"),
     ("JobRole", "position"), ("YearsAtCompany", "tenure_years"), ("Worker", "name"),
     ("TeamManagement", "team_management"), ("数据分析", "data_analysis")],
)
def test_hris_synonyms_of_the_standard_fields(header, field):
    assert match_headers([header], CAT) == {header: field}


def test_the_better_synonym_wins_and_the_other_stays_unmatched():
    got = match_headers(["Cost Center", "Department", "Employee ID"], CAT)
    assert got == {"Department": "department", "Employee ID": "employee_id"}


def test_the_id_hint_prefers_a_column_of_unique_values():
    raw = pd.DataFrame({"EmployeeCount": [1, 1, 1], "EmployeeNumber": [11, 12, 13], "Age": [30, 40, 50]})
    assert guess_id_column(raw) == "EmployeeNumber"
    raw = pd.DataFrame({"EmployeeCount": [1, 1, 1], "Badge No": ["a", "b", "c"]})
    assert guess_id_column(raw) == "Badge No"


# --------------------------------------------------------------------------------- levels


def test_ratings_as_exports_write_them():
    got, bad = levels(["3 - Proficient", "4（精通）", "4 (Expert)", "2", " 1 ", "３", "Proficient",
                       "精通", "expert", "2.5", 4, 0.0])
    assert got == [3, 4, 4, 2, 1, 3, 3, 4, 5, 2.5, 4, 0]
    assert not any(bad)


def test_blank_is_not_assessed_but_null_words_are_errors():
    got, bad = levels([None, np.nan, "", "  ", "NaN", "nan", "NA", "None", "null", "#N/A"])
    assert all(math.isnan(v) for v in got)
    assert bad == [False] * 4 + [True] * 6


def test_out_of_range_is_one_rule_for_numbers_and_texts():
    # the plain reader's rule: a level is compared as it is kept (float32), 5.00000001 is 5
    got, bad = levels(["5.00000001", 5.00000001, "6 - Guru", -1, "5", 5, "5.0001", 1e400])
    assert bad == [False, False, True, True, False, False, True, True]
    assert np.float32(got[0]) == 5 and np.float32(got[1]) == 5
    out, bad = parse_levels(pd.Series([5.00000001, 5.0, np.nan, -0.5]))
    assert bad.tolist() == [False, False, False, True]
    assert np.float32(out[0]) == 5 and out[1] == 5


def test_unknown_texts_are_bad_until_mapped():
    _, bad = levels(["Novice", "hr_skill_level_advanced", "Level three", "3/5"])
    assert bad == [True, True, True, True]
    got, bad = levels(["Novice", "hr_skill_level_advanced", "Not rated"],
                      value_map={"novice": 1, "hr_skill_level_advanced": 4, "Not rated": None})
    assert got[:2] == [1, 4] and math.isnan(got[2]) and not any(bad)


def test_a_value_map_rescales_a_numeric_1_to_4_scale():
    got, bad = parse_levels(pd.Series([1, 2, 3, 4, np.nan]), None, {"1": 1, "2": 2, "3": 4, "4": 5})
    assert got.tolist()[:4] == [1, 2, 4, 5] and not bad.any()


def test_categorical_columns_are_read_by_their_categories():
    s = pd.Series(["3 - Proficient", None, "Expert", "3 - Proficient"], dtype="category")
    got, bad = parse_levels(s, CAT.scale_labels)
    assert got.tolist()[0] == 3 and math.isnan(got.tolist()[1]) and got.tolist()[2] == 5
    assert not bad.any()


# --------------------------------------------------------------------------------- dates


def test_dates_as_exports_write_them():
    s = pd.Series(["2019-03-04", "2019/03/04", "2019-03-04 00:00:00", datetime(2019, 3, 4, 9),
                   date(2019, 3, 4), 43528, 43528.0, "2019年3月4日", "", None], dtype=object)
    got, bad = parse_dates(s)
    assert not bad.any()
    assert (got[:8] == pd.Timestamp("2019-03-04")).all()
    assert got[8:].isna().all()


def test_excel_serials_and_datetime_columns():
    got, bad = parse_dates(pd.Series([43528.0, np.nan]))
    assert got[0] == pd.Timestamp("2019-03-04") and pd.isna(got[1]) and not bad.any()
    got, bad = parse_dates(pd.Series(pd.to_datetime(["2019-03-04 10:30", None])))
    assert got[0] == pd.Timestamp("2019-03-04") and not bad.any()


def test_bad_dates():
    _, bad = parse_dates(pd.Series(["04/03/2019", "2019-02-30", "soon", "NA", True], dtype=object))
    assert bad.all()


# --------------------------------------------------------------------------------- the file


def test_a_full_mapping_loads(tmp_path):
    from sscgap.mapping import load_mapping

    p = tmp_path / "m.yaml"
    p.write_text(
        "header_row: 4\nsheet: Staff\ncolumns:\n  employee_id: \"Employee ID\"\n  name: Worker\n"
        "  hire_date: \"Hire Date\"\nconstants:\n  employment_type: internal\n"
        "competencies:\n  leadership: \"Leadership Skills\"\n"
        "values:\n  employment_type: {\"Employee\": internal}\n  level: {\"Novice\": 1, 3: 4}\n"
        "long:\n  competency: Skill\n  level: \"Proficiency Level\"\n  date: \"Assessment Date\"\n"
        "  rater: Rater\nraters:\n  prefer: [manager, 360, self]\nas_of: 2026/06/30\n"
        "max_age_days: 730\nstale: ignore\n",
        encoding="utf-8",
    )
    m = load_mapping(p)
    assert m.header_row == 4 and m.columns.name == "Worker" and m.as_of == AS_OF
    assert m.values.level == {"Novice": 1, "3": 4} and m.raters.prefer == ["manager", "360", "self"]
    assert m.source == str(p)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("columns:\n  employee_id: ID\n  nmae: Worker\n", ["columns.nmae (line 3)", "unknown key", "did you mean 'name'"]),
        ("values:\n  level:\n    Novice: 1\n    Guru: 6\n", ['values.level."Guru" (line 4)', "level 6 is outside the scale 0-5"]),
        ("as_of: 2026-13-01\n", ["as_of (line 1)"]),
        ("as_of: someday\n", ["as_of (line 1)", "not a date"]),
        ("stale: drop\n", ["stale (line 1)"]),
        ("columns:\n  name: A\n  name: B\n", ["duplicate key 'name'", "line 3"]),
        ("columns: [\n", ["invalid YAML", "line"]),
        ("", ["empty"]),
        ("constants:\n  employment_type: freelancer\n", ["constants.employment_type (line 2)"]),
        ("foo: 1\n", ["foo (line 1)", "unknown key"]),
        ("x: !!python/object:os.system {}\n", ["plain data only"]),
    ],
)
def test_a_broken_mapping_names_file_key_and_line(text, words):
    with pytest.raises(MappingError) as e:
        mapping(text)
    msg = str(e.value)
    assert "hris.yaml" in msg
    for w in words:
        assert w in msg, msg
    assert isinstance(e.value, SscgapError)


def test_a_missing_mapping_file(tmp_path):
    from sscgap.mapping import load_mapping

    with pytest.raises(MappingError, match="not found"):
        load_mapping(tmp_path / "nope.yaml")


# --------------------------------------------------------------------------------- wide


def wide_raw() -> pd.DataFrame:
    return pd.DataFrame({
        "Employee ID": ["007", "008", "009"],
        "Worker": ["Ann", "Bo", "Cy"],
        "Cost Center": ["Fin", "HR", "Fin"],
        "Hire Date": [datetime(2016, 6, 30), "2024/06/30", 43281],
        "Worker Type": ["Employee", "Contingent Worker", "Consultant"],
        "Leadership Skills": ["3 - Proficient", "Novice", None],
        "TeamManagement": [4, None, 2],
        "Grade": ["G7", "G5", "G6"],
    })


WIDE = (
    "columns:\n  employee_id: \"Employee ID\"\n  name: Worker\n  department: \"Cost Center\"\n"
    "  hire_date: \"Hire Date\"\n  employment_type: \"Worker Type\"\n"
    "competencies:\n  leadership: \"Leadership Skills\"\nvalues:\n  level: {\"Novice\": 1}\n"
)


def test_apply_mapping_gives_the_standard_wide_layout():
    out = apply_mapping(wide_raw(), mapping(WIDE), CAT, AS_OF)
    f = out.frame
    assert list(f.columns) == [
        "employee_id", "name", "department", "site", "position", "tenure_years",
        "employment_type", "leadership", "team_management", "Grade",
    ]
    assert f["employee_id"].tolist() == ["007", "008", "009"]
    assert f["employment_type"].tolist() == ["internal", "contractor", "external"]
    days = [(pd.Timestamp(AS_OF) - pd.Timestamp(d)).days for d in ("2016-06-30", "2024-06-30", "2018-06-30")]
    assert f["tenure_years"].tolist() == pytest.approx([d / 365.25 for d in days])
    assert f["leadership"].tolist()[:2] == [3, 1] and math.isnan(f["leadership"][2])
    assert f["team_management"].tolist()[0] == 4
    assert f["Grade"].tolist() == ["G7", "G5", "G6"]  # unmapped columns are kept as they are
    assert out.extra_columns == ["Grade"]
    assert str(out.matched) == "matched 2 of 3 competencies; missing: data_analysis"
    assert out.sources["department"] == "Cost Center"


def test_as_of_comes_from_the_argument_then_the_mapping_then_today():
    m = mapping(WIDE + "as_of: 2025-06-30\n")
    a = apply_mapping(wide_raw(), m, CAT).frame["tenure_years"][1]
    b = apply_mapping(wide_raw(), m, CAT, AS_OF).frame["tenure_years"][1]
    assert a == pytest.approx(365 / 365.25) and b == pytest.approx(730 / 365.25)


def test_without_a_mapping_the_headers_are_recognised():
    out = apply_mapping(wide_raw().drop(columns=["Leadership Skills"]), None, CAT, AS_OF)
    assert out.sources["employee_id"] == "Employee ID" and out.sources["name"] == "Worker"
    assert out.frame["employment_type"].tolist() == ["internal", "contractor", "external"]


def test_a_header_the_export_lacks_is_an_error_listing_the_headers():
    m = mapping(WIDE.replace("name: Worker", "name: \"Worker Name\""))
    with pytest.raises(MappingError) as e:
        apply_mapping(wide_raw(), m, CAT, AS_OF)
    msg = str(e.value)
    assert "hris.yaml" in msg and "columns.name (line 3)" in msg and "'Worker Name'" in msg
    assert "did you mean 'Worker'" in msg and "'Cost Center'" in msg


def test_a_header_matches_by_its_normalised_form():
    m = mapping(WIDE.replace('"Cost Center"', "cost_center"))
    assert apply_mapping(wide_raw(), m, CAT, AS_OF).sources["department"] == "Cost Center"


def test_a_competency_not_in_the_catalogue():
    m = mapping(WIDE.replace("  leadership:", "  leadrship:"))
    with pytest.raises(MappingError, match=r"competencies.leadrship \(line 8\).*did you mean 'leadership'"):
        apply_mapping(wide_raw(), m, CAT, AS_OF)


def test_a_rating_text_that_is_no_level_names_row_column_and_value():
    m = mapping(WIDE.replace('values:\n  level: {"Novice": 1}\n', ""))
    with pytest.raises(RosterError) as e:
        apply_mapping(wide_raw(), m, CAT, AS_OF, source="export.csv", first_row=5)
    f = e.value.findings[0]
    assert (f.row, f.column, f.value) == (6, "Leadership Skills", "Novice")
    assert "values.level" in f.hint and "export.csv" in str(e.value)


def test_bad_and_future_hire_dates_are_errors():
    raw = wide_raw()
    raw["Hire Date"] = ["2016-06-31", "2027-01-01", None]
    with pytest.raises(RosterError) as e:
        apply_mapping(raw, mapping(WIDE), CAT, AS_OF)
    msgs = [(f.row, f.message) for f in e.value.findings]
    assert (2, "not a date") in msgs and any(r == 3 and "after the as-of date" in m for r, m in msgs)


def test_constants_fill_a_field_the_export_lacks():
    raw = wide_raw().drop(columns=["Worker Type"])
    m = mapping(WIDE.replace('  employment_type: "Worker Type"\n', "") + "constants:\n  employment_type: internal\n  site: Dalian\n")
    f = apply_mapping(raw, m, CAT, AS_OF).frame
    assert set(f["employment_type"]) == {"internal"} and set(f["site"]) == {"Dalian"}


def test_a_column_and_a_constant_for_one_field_is_an_error():
    with pytest.raises(MappingError, match=r"constants\.employment_type"):
        apply_mapping(wide_raw(), mapping(WIDE + "constants:\n  employment_type: internal\n"), CAT, AS_OF)


def test_no_id_column_points_at_the_likely_one():
    raw = pd.DataFrame({"EmployeeCount": [1, 1], "EmployeeNumber": [5, 6], "JobRole": ["a", "b"],
                        "Leadership": [1, 2]})
    out = apply_mapping(raw, None, CAT, AS_OF)  # EmployeeNumber is a synonym
    assert out.frame["employee_id"].tolist() == ["5", "6"]
    raw = raw.rename(columns={"EmployeeNumber": "Badge No"})
    with pytest.raises(MappingError, match="Badge No"):
        apply_mapping(raw, None, CAT, AS_OF)


def test_unknown_worker_types_are_a_warning():
    raw = wide_raw()
    raw["Worker Type"] = ["Employee", "Intern", "Employee"]
    out = apply_mapping(raw, mapping(WIDE), CAT, AS_OF)
    assert any("Intern" in f.message and f.severity == "warning" for f in out.findings)


def test_blank_rows_are_not_people():
    raw = pd.concat([wide_raw(), pd.DataFrame([[None] * 8], columns=wide_raw().columns)])
    assert len(apply_mapping(raw, mapping(WIDE), CAT, AS_OF).frame) == 3


# --------------------------------------------------------------------------------- long


def long_raw() -> pd.DataFrame:
    rows = [
        # id, skill, level, date, rater
        ("1", "Leadership", "3", "2026-01-10", "Manager"),
        ("1", "Leadership", "2", "2024-01-10", "Manager"),  # history: older
        ("1", "Leadership", "4", "2026-02-01", "Self"),
        ("1", "Data Analysis", "2", "2023-01-01", "Manager"),  # stale (> 730 days)
        ("1", "Data Analysis", "4", "2026-03-01", "Self"),
        ("2", "leadership", "1", "2026-05-01", "Self"),
        ("2", "Leadership", "3", "2026-04-01", "Manager"),
        ("2", "Knitting", "5", "2026-04-01", "Manager"),
    ]
    return pd.DataFrame(rows, columns=["Person Number", "Skill", "Proficiency Level", "Assessment Date", "Rater"])


LONG = (
    "columns:\n  employee_id: \"Person Number\"\nlong:\n  competency: Skill\n  level: \"Proficiency Level\"\n"
    "  date: \"Assessment Date\"\n  rater: Rater\n"
)


def test_long_latest_rating_of_the_preferred_rater_counts():
    out = apply_mapping(long_raw(), mapping(LONG + "raters:\n  prefer: [manager, self]\n"), CAT, AS_OF)
    f = out.frame.set_index("employee_id")
    assert f.loc["1", "leadership"] == 3 and f.loc["2", "leadership"] == 3
    assert f.loc["1", "data_analysis"] == 2  # the manager's, although older than the self rating
    assert out.layout == "long"
    q = out.quality
    assert (q.superseded, q.ratings, q.other_raters, q.stale) == (1, 3, 3, 0)
    assert q.by_rater == {"manager": 3}
    assert any("Knitting" in w.message for w in out.findings)


def test_stale_ignore_counts_old_ratings_as_not_assessed():
    m = mapping(LONG + "raters:\n  prefer: [manager, self]\nmax_age_days: 730\nstale: ignore\n")
    out = apply_mapping(long_raw(), m, CAT, AS_OF)
    f = out.frame.set_index("employee_id")
    assert f.loc["1", "data_analysis"] == 4  # the stale manager rating is gone: self counts
    assert out.quality.stale == 1 and out.quality.stale_ignored
    m = mapping(LONG + "raters:\n  prefer: [manager]\nmax_age_days: 730\nstale: ignore\n")
    f = apply_mapping(long_raw(), m, CAT, AS_OF).frame.set_index("employee_id")
    assert math.isnan(f.loc["1", "data_analysis"])


def test_several_raters_without_prefer_is_an_error():
    with pytest.raises(MappingError, match=r"raters\.prefer"):
        apply_mapping(long_raw(), mapping(LONG), CAT, AS_OF)


def test_without_a_date_a_repeated_rating_is_an_error():
    raw = long_raw().drop(columns=["Assessment Date"])
    m = mapping(LONG.replace('  date: "Assessment Date"\n', "") + "raters:\n  prefer: [manager]\n")
    with pytest.raises(RosterError) as e:
        apply_mapping(raw, m, CAT, AS_OF)
    errors = [f for f in e.value.findings if f.severity == "error"]
    assert errors[0].row == 3 and "long.date" in errors[0].hint


def test_self_versus_manager():
    out = apply_mapping(long_raw(), mapping(LONG + "raters:\n  prefer: [manager, self]\n"), CAT, AS_OF)
    g = out.rater_gaps.set_index("competency")
    # leadership: person 1 manager 3 - self 4, person 2 manager 3 - self 1 -> mean 0.5
    assert g.loc["leadership", "people"] == 2 and g.loc["leadership", "manager_minus_self"] == 0.5
    assert g.loc["data_analysis", "manager_minus_self"] == -2
    assert out.rater_gaps["competency"].tolist() == ["data_analysis", "leadership"]


def test_long_without_a_mapping_is_recognised():
    raw = long_raw()[long_raw()["Rater"] == "Manager"].drop(columns=["Rater"])
    raw = raw.rename(columns={"Proficiency Level": "Level"})
    out = apply_mapping(raw, None, CAT, AS_OF)
    assert out.layout == "long" and out.quality.superseded == 1


# --------------------------------------------------------------------------------- loud


def test_check_readable():
    ok = pd.DataFrame({"employee_id": ["1"], "leadership": [3.0], "tenure_years": [np.nan],
                       "employment_type": ["internal"]})
    assert check_readable(ok, CAT.ids).found == ["leadership"]
    with pytest.raises(RosterError, match="no competency of the catalogue"):
        check_readable(ok.drop(columns=["leadership"]), CAT.ids)
    with pytest.raises(RosterError, match="hold no level"):
        check_readable(ok.assign(leadership=np.nan), CAT.ids)
    with pytest.raises(RosterError, match=r"require tenure_years \(insider\).*hire_date"):
        check_readable(ok, CAT.ids, roles_need_tenure=["insider"])
    with pytest.raises(RosterError, match="employment_type"):
        check_readable(ok.drop(columns=["employment_type"]), CAT.ids, roles_need_employment_type=["x"])
    check_readable(ok, CAT.ids, roles_need_employment_type=["x"])


def test_matched_summary():
    s = matched_summary(["leadership", "x"], CAT.ids)
    assert str(s) == "matched 1 of 3 competencies; missing: team_management, data_analysis"


def test_required_attributes_of_the_default_profiles(default_profiles):
    tenure, employment = required_attributes(default_profiles)
    assert tenure and employment


# --------------------------------------------------------------------------------- draft


def test_the_draft_loads_back_and_names_what_it_found():
    raw = wide_raw().rename(columns={"Employee ID": "EmployeeNumber"})
    raw["Data Analysis Skills"] = ["Needs Work", "3", None]
    text = draft_mapping(raw, CAT, export_name="export.xlsx", header_row=4, sheet="Staff", as_of=AS_OF)
    m = parse_mapping(text, "draft.yaml")
    assert m.header_row == 4 and m.sheet == "Staff" and m.as_of == AS_OF
    assert m.columns.employee_id == "EmployeeNumber" and m.columns.hire_date == "Hire Date"
    assert "data_analysis" not in m.competencies  # a guess stays a comment
    assert '  # data_analysis: "Data Analysis Skills"   # a guess' in text
    assert m.values.employment_type == {"Employee": "internal", "Contingent Worker": "contractor",
                                        "Consultant": "external"}
    assert '"Novice": ?' in text and '"Needs Work": ?' in text
    assert "# not found" not in text or "team_management" not in text.split("# not found")[1]


def test_the_draft_of_a_long_export_loads_back():
    text = draft_mapping(long_raw(), CAT, as_of=AS_OF)
    m = parse_mapping(text, "draft.yaml")
    assert m.long is not None and m.long.rater == "Rater" and m.raters is not None
    assert '"Knitting"' in text
