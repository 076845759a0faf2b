"""HR exports as a new user has them (round 4): a totals line under the table,
US-style hire dates, a 1-4 scale."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini_profiles"


def _people(result) -> int:
    return int(json.loads(result.stdout)["summary"]["staff"])


def test_a_totals_line_with_means_beside_it_is_no_person_in_a_workbook(runner, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["员工编号", "姓名", "司龄", "用工类型", "领导力", "沟通能力"])
    ws.append(["001", "甲", 6, "内部", 4, 3])
    ws.append(["002", "乙", 2, "外包", 3, 5])
    ws.append(["合计", "2人", 4, None, 3.5, 4])  # a totals row as Excel keeps it: label, count, means
    export = tmp_path / "staff.xlsx"
    book.save(export)
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _people(result) == 2
    assert "totals label" in result.stderr and "合计" in result.stderr


def test_a_total_line_under_a_plain_csv_is_no_person(runner, tmp_path):
    export = tmp_path / "staff.csv"
    export.write_text(
        "employee_id,name,tenure_years,employment_type,leadership,communication\n"
        "001,A,6,internal,4,3\n002,B,2,internal,3,5\nTotal: 2,,,,,\n",
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _people(result) == 2


def test_a_totals_line_through_a_mapping_is_no_person(runner, tmp_path):
    export = tmp_path / "wd.csv"
    export.write_text(
        "Employee ID,Worker,Leadership,Communication\nW1,A,3 - Proficient,4\nW2,B,2,5\n"
        "Grand Total,2 workers,2.5,4.5\n",
        encoding="utf-8",
    )
    m = tmp_path / "m.yaml"
    m.write_text("columns:\n  employee_id: Employee ID\nconstants:\n  employment_type: internal\n  tenure_years: 6\n", encoding="utf-8")
    result = run_cli(runner, "analyze", export, "--mapping", m, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _people(result) == 2


def test_an_id_that_only_starts_like_a_totals_word_is_a_person(runner, tmp_path):
    export = tmp_path / "staff.csv"
    export.write_text(
        "employee_id,name,tenure_years,employment_type,leadership,communication\n"
        "001,A,6,internal,4,3\nSUM01,B,2,internal,3,5\n", encoding="utf-8"
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _people(result) == 2


US_DATES = (
    "Employee ID,Worker,Hire Date,Worker Type,Leadership,Communication\n"
    "W1,A,03/27/2015,Employee,3 - Proficient,4\n"
    "W2,B,4/9/2020 12:00:00 AM,Employee,2,5\n"
)


def test_us_hire_dates_read_with_date_order_and_the_draft_sets_it(runner, tmp_path):
    from sscgap import load_profiles
    from sscgap.roster import load_roster

    export = tmp_path / "wd.csv"
    export.write_text(US_DATES, encoding="utf-8")
    out = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", out).exit_code == 0
    assert "date_order: MDY" in out.read_text(encoding="utf-8")
    m = tmp_path / "m2.yaml"
    m.write_text("as_of: 2025-03-27\ndate_order: mdy\ncolumns:\n  hire_date: Hire Date\n", encoding="utf-8")
    roster = load_roster(export, load_profiles(MINI), mapping=m)
    tenure = dict(zip(roster.people["employee_id"], roster.people["tenure_years"], strict=True))
    assert abs(tenure["W1"] - 3653 / 365.25) < 1e-9  # 2015-03-27 to 2025-03-27
    m.write_text("as_of: 2025-03-27\ndate_order: DMY\ncolumns:\n  hire_date: Hire Date\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "--mapping", m, "-p", MINI)
    assert result.exit_code == 2 and "03/27/2015" in result.output  # no 27th month


def test_us_hire_dates_without_date_order_say_which_key_to_set(runner, tmp_path):
    export = tmp_path / "wd.csv"
    export.write_text(US_DATES, encoding="utf-8")
    m = tmp_path / "m.yaml"
    m.write_text("as_of: 2025-03-27\ncolumns:\n  hire_date: Hire Date\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "--mapping", m, "-p", MINI, "-f", "json")
    assert result.exit_code == 2
    hints = [f.get("hint") or "" for f in json.loads(result.stdout)["findings"]]
    assert any("date_order: MDY" in h for h in hints), hints


def test_a_long_export_with_rater_and_rater_type_is_read_by_the_type(runner, tmp_path):
    export = tmp_path / "long.csv"
    export.write_text(
        "Employee ID,Skill,Proficiency,Assessed On,Rater,Rater Type\n"
        "1,Leadership,3,2026-03-01,mgr01,Manager\n"
        "1,Leadership,4,2026-02-20,1,Self\n"
        "2,Leadership,2,2026-03-01,mgr01,Manager\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'rater: "Rater Type"' in text
    assert "mgr01" not in text  # rater ids are not rater types
    assert "employment_type: \"Rater Type\"" not in text


SF = (
    "User ID,First Name,Last Name,Hire Date,Employee Class,Leadership,Communication\n"
    "u1,Li,Wei,2020-01-01,Regular,4 - Exceeds Expectations,3 - Meets Expectations\n"
    "u2,Ma,Lin,2021-01-01,Contractor,2 - Partially Meets,4\n"
    "u3,Xu,Fan,2022-01-01,Consultant,1 - Below Expectations,\n"
)


def test_a_1_4_scale_mapped_by_its_numbers_holds_for_ratings_with_a_label(tmp_path):
    from sscgap import load_profiles
    from sscgap.roster import load_roster

    export = tmp_path / "sf.csv"
    export.write_text(SF, encoding="utf-8")
    m = tmp_path / "m.yaml"
    m.write_text(
        'as_of: 2025-01-01\ncolumns:\n  employee_id: User ID\nvalues:\n  level: {"4": 5, "3": 4}\n',
        encoding="utf-8",
    )
    roster = load_roster(export, load_profiles(MINI), mapping=m)
    ids = list(roster.competency_ids)
    lead, comm = ids.index("leadership"), ids.index("communication")
    assert roster.levels[0, lead] == 5  # "4 - Exceeds Expectations" is 4 on the export's scale
    assert roster.levels[0, comm] == 4  # "3 - Meets Expectations"
    assert roster.levels[1, comm] == 5  # a bare 4
    assert roster.levels[1, lead] == 2 and roster.levels[2, lead] == 1



def test_draft_reads_employee_class_as_the_worker_type_not_a_name(runner, tmp_path):
    export = tmp_path / "sf.csv"
    export.write_text(SF, encoding="utf-8")
    out = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'employment_type: "Employee Class"' in text
    assert 'name: "Employee Class"' not in text


def test_person_shows_a_tenure_from_a_hire_date_to_one_decimal(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text(
        "employee_id,name,hire_date,employment_type,leadership,communication\n"
        "001,A,2012-02-01,internal,4,3\n002,B,2023-08-21,internal,3,5\n",
        encoding="utf-8",
    )
    for lang, shown in (("en", "tenure 14.8 years"), ("zh", "司龄14.8年")):
        result = run_cli(runner, "person", roster, "001", "-p", MINI, "--as-of", "2026-12-01", "--lang", lang)
        assert result.exit_code == 0, result.output
        assert shown in result.stdout, result.stdout  # 14.8323 years counted from the hire date
    result = run_cli(runner, "person", roster, "002", "-p", MINI, "--as-of", "2026-12-01", "-f", "markdown")
    assert "3.2854" not in result.stdout and "3.2 years" in result.stdout, result.stdout


def test_zh_says_target_as_the_glossary_does_and_puts_chinese_colons(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text(
        "employee_id,name,tenure_years,employment_type,leadership\n001,A,6,internal,4\n002,B,2,internal,3\n",
        encoding="utf-8",
    )
    m = tmp_path / "m.yaml"
    m.write_text("columns:\n  employee_id: employee_id\n", encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "-p", MINI, "--mapping", m, "--lang", "zh", "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "读取所用的映射文件：" in result.stdout and "；缺少：" in result.stdout, result.stdout
    trend = run_cli(runner, "trend", roster, roster, "-p", MINI, "--lang", "zh", "--labels", "Q2,Q3")
    assert trend.exit_code == 0, trend.output
    assert "需求人数" in trend.stdout and "目标" not in trend.stdout
    book = tmp_path / "r.xlsx"
    assert run_cli(runner, "report", roster, "-p", MINI, "--lang", "zh", "-o", book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    headers = [c.value for ws in wb.worksheets for c in ws[1]]
    assert "需求人数" in headers and "目标" not in headers


def test_validate_in_chinese_explains_total_lines_and_month_first_dates(runner, tmp_path):
    export = tmp_path / "wd.csv"
    export.write_text(US_DATES + "合计,2人,,,,\n", encoding="utf-8")
    m = tmp_path / "m.yaml"
    m.write_text("as_of: 2025-03-27\ncolumns:\n  hire_date: Hire Date\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "--mapping", m, "-p", MINI, "--lang", "zh")
    assert result.exit_code == 2
    text = " ".join(result.stdout.split())
    assert "不是日期" in text and "date_order: MDY（月在前" in text, text
    assert "合计行" in text, text
    export.write_text("工号,司龄,用工类型,领导力\n001,5,正式员工,4分\n002,3,正式员工,未评估\n", encoding="utf-8")
    m.write_text("{}\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "--mapping", m, "-p", MINI, "--lang", "zh")
    text = " ".join(result.stdout.split())
    assert "不是0-5的等级" in text and "values.level 下加上这段文字" in text, text


def test_ratings_in_points_read_as_written_never_cut_at_the_decimal_point():
    import pandas as pd

    from sscgap.mapping import parse_levels

    levels, bad = parse_levels(pd.Series(["4分", "3.5分", "3.5 分", "3. Proficient", "3.5-Good", "2.5"]), {})
    assert levels.tolist() == [4.0, 3.5, 3.5, 3.0, 3.5, 2.5]
    assert not bad.any()
    levels, bad = parse_levels(pd.Series(["3.5x"]), {})
    assert bad.tolist() == [True]  # was read as 3: the number cut at its decimal point


def test_validate_in_chinese_words_a_long_export_summary(runner, tmp_path):
    export = tmp_path / "ratings.csv"
    export.write_text(
        "employee_id,tenure_years,employment_type,competency,level\n"
        "1,6,internal,leadership,3\n1,6,internal,communication,4\n2,2,internal,leadership,2\n",
        encoding="utf-8",
    )
    zh = run_cli(runner, "validate", export, "-p", MINI, "--lang", "zh")
    assert zh.exit_code == 0, zh.output
    assert "已匹配的能力：" in zh.stdout and "长表" in zh.stdout, zh.stdout
    assert "matched" not in zh.stdout and "long" not in zh.stdout, zh.stdout
    en = run_cli(runner, "validate", export, "-p", MINI)
    assert "long layout" in en.stdout and "matched" in en.stdout


def test_draft_guesses_not_rated_texts_as_not_assessed(runner, tmp_path):
    export = tmp_path / "bs.csv"
    export.write_text("工号,领导力,沟通能力\n001,精通,未评估\n002,Not Rated,熟练\n", encoding="utf-8")
    out = tmp_path / "m.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert '# "未评估": null   # a guess' in text and '# "Not Rated": null   # a guess' in text, text


def test_a_totals_line_labelled_in_the_name_column_is_no_person(runner, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["员工编号", "姓名", "司龄", "用工类型", "领导力", "沟通能力"])
    ws.append([101, "甲", 6, "内部", 4, 3])
    ws.append([102, "乙", 2, "外包", 3, 5])
    ws.append([2, "合计", 4, None, 3.5, 4])  # a count of ids under the id column, the label beside it
    export = tmp_path / "staff.xlsx"
    book.save(export)
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _people(result) == 2
    assert "name column holds a totals label" in result.stderr
    m = tmp_path / "m.yaml"
    m.write_text("columns:\n  employee_id: 员工编号\n", encoding="utf-8")
    result = run_cli(runner, "analyze", export, "--mapping", m, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _people(result) == 2
