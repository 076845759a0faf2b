"""Subtotal lines between groups (``财务部 小计``, ``Finance Subtotal``, ``小计``), as pivot-style HR
exports carry them: skipped with a warning wherever they are, on every read path, never a
person; a person whose id or name only looks like a totals word stays a person."""

from __future__ import annotations

import json

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pytest

from conftest import MINI_PROFILES, run_cli

HEADER = ["employee_id", "name", "department", "tenure_years", "employment_type", "leadership", "communication"]
# two departments, each closed by a subtotal line (Chinese, then English), a grand total under them
ROWS = [
    ["001", "甲", "财务部", 6, "internal", 4, 3],
    ["002", "乙", "财务部", 2, "internal", 3, 5],
    ["财务部 小计", "2人", None, 4, None, 3.5, 4],
    ["003", "丙", "IT", 3, "internal", 2, 4],
    ["004", "丁", "IT", 1, "internal", 3, 3],
    ["IT Subtotal", "2", None, 2, None, 2.5, 3.5],
    ["合计", "4", None, None, None, None, None],
]
# near misses: ids and names that only look like totals words
NEAR = [
    ["T0TAL1", "Totalis Wang", "IT", 3, "internal", 2, 4],
    ["SUM01", "Sum Wai Ling", "IT", 3, "internal", 2, 4],
    ["Totalis", "Mean Chan", "IT", 3, "internal", 2, 4],
    ["Sum-01", "Total Wang", "IT", 3, "internal", 2, 4],
]
SUBTOTAL = "read as a subtotal line inside the table, not as a person, and skipped"
FOOTER = "read as a total or footer line under the table, not as a person, and skipped"


def _csv(rows: list[list]) -> str:
    return "\n".join(",".join("" if v is None else str(v) for v in r) for r in [HEADER, *rows]) + "\n"


def _book(path, rows: list[list]):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in [HEADER, *rows]:
        ws.append(r)
    wb.save(path)
    return path


def _staff(result) -> int:
    return int(json.loads(result.stdout)["summary"]["staff"])


def _check_warnings(text: str, rows=(4, 7, 8)) -> None:
    text = " ".join(text.split())
    assert f"row {rows[0]}, column 'employee_id': the employee id column holds a totals label: {SUBTOTAL}" in text
    assert "(value '财务部 小计')" in text and "(value 'IT Subtotal')" in text, text
    assert f"row {rows[1]}, column 'employee_id'" in text and f"row {rows[2]}, column 'employee_id'" in text
    assert f"{FOOTER} (value '合计')" in text, text


def test_subtotal_lines_in_a_csv_are_no_people(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text(_csv(ROWS), encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 4  # was 6, the two subtotal lines counted as people
    _check_warnings(result.stderr)


def test_subtotal_lines_in_a_csv_read_by_the_forgiving_reader(runner, tmp_path):
    # a subtotal line of fewer cells than the header: the Arrow reader refuses the file
    rows = [*ROWS[:2], ["财务部 小计", "2人"], *ROWS[3:5], ["IT Subtotal", "2"], ["合计", "4"]]
    roster = tmp_path / "staff.csv"
    roster.write_text("\n".join(",".join("" if v is None else str(v) for v in r) for r in [HEADER, *rows]) + "\n")
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert "the missing cells count as blank" in result.stderr  # the forgiving reader read it
    assert _staff(result) == 4
    listed = run_cli(runner, "validate", roster, "-p", MINI_PROFILES)  # all the warnings
    assert listed.exit_code == 0, listed.output
    text = " ".join(listed.stdout.split())
    assert text.count(SUBTOTAL) == 2 and text.count(FOOTER) == 1, text
    assert "IT Subtotal" in text and "4 people" in text, text


def test_subtotal_lines_in_a_workbook_are_no_people(runner, tmp_path):
    book = _book(tmp_path / "staff.xlsx", ROWS)
    result = run_cli(runner, "analyze", book, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 4
    _check_warnings(result.stderr)


def test_subtotal_lines_through_a_mapping_are_no_people(runner, tmp_path):
    header = ["工号", "姓名", "部门", "司龄", "用工类型", "领导力", "沟通能力"]
    rows = [[r[0], r[1], r[2], r[3], "内部" if r[4] else None, r[5], r[6]] for r in ROWS]
    export = tmp_path / "export.csv"
    export.write_text(
        "员工能力报表\n\n" + "\n".join(",".join("" if v is None else str(v) for v in r) for r in [header, *rows]) + "\n",
        encoding="utf-8",
    )
    m = tmp_path / "m.yaml"
    m.write_text("columns:\n  employee_id: 工号\n", encoding="utf-8")
    result = run_cli(runner, "analyze", export, "--mapping", m, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 4
    text = " ".join(result.stderr.split())
    assert f"row 6, column '工号': the employee id column holds a totals label: {SUBTOTAL} (value '财务部 小计')" in text
    assert "row 9, column '工号'" in text and "(value 'IT Subtotal')" in text, text
    assert "row 10, column '工号'" in text and FOOTER in text, text
    book = tmp_path / "export.xlsx"
    wb = openpyxl.Workbook()
    for r in [header, *rows]:
        wb.active.append(r)
    wb.save(book)
    result = run_cli(runner, "analyze", book, "--mapping", m, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 4
    assert "(value '财务部 小计')" in result.stderr and "(value 'IT Subtotal')" in result.stderr


def test_subtotal_lines_in_a_dataframe_are_no_people():
    import sscgap

    df = pd.DataFrame(ROWS, columns=HEADER)
    result = sscgap.analyze(df, MINI_PROFILES)
    assert result.to_dict()["summary"]["staff"] == 4
    said = [(w.row, w.value, w.message) for w in result.roster.warnings if w.row is not None]
    assert (4, "财务部 小计", f"the employee id column holds a totals label: {SUBTOTAL}") in said
    assert (7, "IT Subtotal", f"the employee id column holds a totals label: {SUBTOTAL}") in said
    assert (8, "合计", f"the employee id column holds a totals label: {FOOTER}") in said


def test_validate_lists_the_subtotal_lines_as_warnings_in_english_and_chinese(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text(_csv(ROWS), encoding="utf-8")
    en = run_cli(runner, "validate", roster, "-p", MINI_PROFILES)
    assert en.exit_code == 0, en.output
    text = " ".join(en.stdout.split())
    assert "4 people" in text and "subtotal line inside the table" in text and "IT Subtotal" in text, text
    zh = run_cli(runner, "validate", roster, "-p", MINI_PROFILES, "--lang", "zh")
    assert zh.exit_code == 0, zh.output
    text = " ".join(zh.stdout.split())
    assert "员工编号列是合计字样：视为表格中间的小计行，不计为人员，已跳过" in text, text
    assert "视为表格下方的合计行" in text and "4人" in text, text


def test_ids_and_names_that_only_look_like_totals_words_are_people(runner, tmp_path):
    rows = [*ROWS[:3], *NEAR]  # "Sum-01" / "Total Wang" last: a person under a subtotal line
    roster = tmp_path / "staff.csv"
    roster.write_text(_csv(rows), encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 6
    assert result.stderr.count("totals label") == 1, result.stderr  # 财务部 小计 only
    book = _book(tmp_path / "staff.xlsx", rows)
    result = run_cli(runner, "analyze", book, "-p", MINI_PROFILES, "-f", "json")
    assert _staff(result) == 6, result.stderr
    import sscgap

    assert sscgap.analyze(pd.DataFrame(rows, columns=HEADER), MINI_PROFILES).to_dict()["summary"]["staff"] == 6


def test_a_label_in_the_name_cell_beside_a_blank_id_is_a_subtotal_line(runner, tmp_path):
    rows = [
        ["001", "Sum Wai Ling", "财务部", 6, "internal", 4, 3],
        [None, "小计", "财务部", 6, None, 4, 3],
        ["002", "Total Wang", "IT", 3, "internal", 2, 4],
        [None, "Subtotal: IT", None, 3, None, 2, 4],
        ["003", "丙", "IT", 3, "internal", 2, 4],
    ]
    roster = tmp_path / "staff.csv"
    roster.write_text(_csv(rows), encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output  # was an error: employee_id is blank
    assert _staff(result) == 3
    text = " ".join(result.stderr.split())
    assert f"row 3, column 'name': the name column holds a totals label: {SUBTOTAL} (value '小计')" in text
    assert "row 5, column 'name'" in text and "(value 'Subtotal: IT')" in text, text


def test_many_subtotal_lines_list_five_then_count_the_rest(runner, tmp_path):
    rows = []
    for g in range(8):
        rows += [[f"{g}01", "甲", f"D{g}", 6, "internal", 4, 3], [f"D{g} 小计", "1", None, 6, None, 4, 3]]
    roster = tmp_path / "staff.csv"
    roster.write_text(_csv(rows), encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 8
    assert result.stderr.count("totals label") == 5
    en = run_cli(runner, "validate", roster, "-p", MINI_PROFILES)
    assert "3 more total or subtotal lines like this, skipped" in " ".join(en.stdout.split()), en.stdout
    zh = run_cli(runner, "validate", roster, "-p", MINI_PROFILES, "--lang", "zh")
    assert "另有3行合计或小计行，已跳过" in " ".join(zh.stdout.split()), zh.stdout


def test_subtotal_lines_in_a_long_export_are_no_people(runner, tmp_path):
    roster = tmp_path / "ratings.csv"
    roster.write_text(
        "employee_id,tenure_years,employment_type,competency,level\n"
        "1,6,internal,leadership,3\n1,6,internal,communication,4\n小计,,,,\n"
        "2,2,internal,leadership,2\nSubtotal: 1,,,,\n3,2,internal,leadership,2\n",
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 3  # was 5
    assert result.stderr.count(SUBTOTAL) == 2, result.stderr
    m = tmp_path / "m.yaml"
    m.write_text("long:\n  employee_id: employee_id\n  competency: competency\n  level: level\n", encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "--mapping", m, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _staff(result) == 3
    assert result.stderr.count(SUBTOTAL) == 2, result.stderr


# ---------------------------------------------------------------------------------------------
# the labels, cell by cell and column by column
# ---------------------------------------------------------------------------------------------

LABELS = [
    "小计", "财务部 小计", "财务部小计", "Subtotal", "Finance Subtotal", "Sub-total: 38", "合计", "总计",
    "Total", "TOTAL", "Grand Total", "Total: 260", "合计：12人", "小计 38", "Subtotal: Finance",
    "小计：财务部", "Finance Total", "财务部 汇总", "Finance Average", "财务部 平均值", "Total (38)",
    "总计：200人", "Ｔｏｔａｌ", "Sum", "Average: 3.5", "合计38人", "Sub total", "SUBTOTALS",
]
NOT_LABELS = [
    "Totalis", "T0TAL1", "SUM01", "Sumner", "Sum Wai Ling", "Mean Chan", "Count Basie", "TOTAL-1",
    "Total1", "subtotal_2", "E1001", "王均", "Lin Jie", "张平", "Totally Wang", "Accountant", "",
]


def test_subtotal_labels_cell_by_cell():
    from sscgap.mapping.cells import is_subtotal_label

    assert [t for t in LABELS if not is_subtotal_label(t)] == []
    assert [t for t in NOT_LABELS if is_subtotal_label(t)] == []


@pytest.mark.parametrize("dtype", ["str", object])
def test_subtotal_labels_on_a_whole_column(dtype):
    from sscgap.mapping.cells import subtotal_labels

    s = pd.Series([*LABELS, *NOT_LABELS, None], dtype=dtype)
    assert subtotal_labels(s).tolist() == [True] * len(LABELS) + [False] * (len(NOT_LABELS) + 1)
    many = pd.Series(["王小明长长长长", "E1", "财务部 小计", "Sumner"] * 100, dtype=dtype)
    assert subtotal_labels(many).tolist() == [False, False, True, False] * 100
    assert not subtotal_labels(pd.Series([1001, 1002])).any()


def test_subtotal_labels_on_chunked_and_sliced_arrow_text():
    from sscgap.mapping.cells import subtotal_labels

    chunks = pa.chunked_array([pa.array(["张三三三", "Total"]), pa.array(["x", "合计：2人", "y"])])
    s = pd.Series(pd.arrays.ArrowExtensionArray(chunks))
    assert subtotal_labels(s).tolist() == [False, True, False, True, False]
    sliced = pd.Series(["a", "小计", "b", "IT Subtotal"], dtype="str").iloc[1:]
    assert subtotal_labels(sliced).tolist() == [True, False, True]


def test_a_roster_without_totals_words_is_never_looked_at_row_by_row(monkeypatch):
    """The screen is one pass of Arrow over the column's text: no cell is matched in Python."""
    from sscgap.mapping import cells

    def refuse(text):
        raise AssertionError(f"matched one by one: {text!r}")

    monkeypatch.setattr(cells, "is_subtotal_label", refuse)
    n = 20_000
    for ids in (np.arange(n).astype(str), np.char.add("E-", np.arange(n).astype(str))):
        assert not cells.subtotal_labels(pd.Series(ids, dtype="str")).any()


def test_ids_holding_the_letters_of_a_totals_word_are_ids(monkeypatch):
    from sscgap.mapping import cells

    s = pd.Series(["GZ-AU-0001", "GZ-AU-0002", "IT Subtotal", "SUM01", "T0TAL1"], dtype="str")
    assert cells.subtotal_labels(s).tolist() == [False, False, True, False, False]
    # an id scheme that spells a totals word in every id is not matched id by id in Python
    monkeypatch.setattr(cells, "is_subtotal_label", lambda text: pytest.fail(f"one by one: {text!r}"))
    ids = pd.Series(np.char.add("ACCOUNT-", np.arange(5_000).astype(str)), dtype="str")
    assert not cells.subtotal_labels(ids).any()


def test_two_subtotal_lines_labelled_alike_are_no_duplicate_ids(runner, tmp_path):
    rows = [ROWS[0], ["小计", "1", None, 6, None, 4, 3], ROWS[3], ["小计", "1", None, 3, None, 2, 4], ROWS[4]]
    roster = tmp_path / "staff.csv"
    roster.write_text(_csv(rows), encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "-p", MINI_PROFILES, "-f", "json")
    assert result.exit_code == 0, result.output  # was exit 2: duplicate employee_id
    assert _staff(result) == 3
    assert "duplicate employee_id" not in result.stderr, result.stderr
    assert result.stderr.count(SUBTOTAL) == 2, result.stderr
