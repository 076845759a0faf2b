"""HR exports and usage as a new user meets them (round 6): two comments columns with one
header, snapshots whose ids lost their leading zeros, worker types as Chinese systems spell them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini_profiles"
HEADER = "employee_id,name,tenure_years,employment_type,analysis,communication,leadership"


def _summary(result) -> dict:
    return json.loads(result.stdout)["summary"]


def test_two_ignored_columns_with_one_header_are_a_warning_not_an_error(runner, tmp_path):
    """Exports carry two remark columns with one header (备注 for HR and for the manager): they
    are not read, so they are not ambiguous; the file was refused ("the header appears 2 times")."""
    export = tmp_path / "staff.csv"
    export.write_text(
        "employee_id,备注,name,tenure_years,employment_type,analysis,备注,communication,leadership\n"
        '001,"two\nlines",Ann,5,internal,4,x,3,4\n002,,Bo,1,internal,4,,2,\n',
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _summary(result)["staff"] == 2
    assert "'备注': unknown column ignored (columns B, G)" in result.stderr
    # the same in a workbook, and with --strict it is the unknown column's error
    book = openpyxl.Workbook()
    for line in export.read_text(encoding="utf-8").replace("\nlines", " lines").splitlines():
        book.active.append(line.split(","))
    book.save(tmp_path / "staff.xlsx")
    result = run_cli(runner, "validate", tmp_path / "staff.xlsx", "-p", MINI)
    assert result.exit_code == 0, result.output
    result = run_cli(runner, "validate", export, "-p", MINI, "--strict")
    assert result.exit_code == 2 and "appears" not in result.output
    assert "unknown column ignored (columns B, G)" in result.output


def test_a_column_read_twice_is_still_an_error(runner, tmp_path):
    export = tmp_path / "staff.csv"
    export.write_text(HEADER + ",analysis\n001,Ann,5,internal,4,3,4,2\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "-p", MINI)
    assert result.exit_code == 2
    assert "the header appears 2 times (columns E, H)" in result.output


def _snapshots(tmp_path: Path) -> tuple[Path, Path]:
    """Last quarter as text ids (CSV), this quarter from a workbook whose ids are number cells."""
    old = tmp_path / "q1.csv"
    old.write_text(
        HEADER + "\n000101,Ann,5,internal,4,3,4\n000102,Bo,1,internal,4,2,\n000103,Cai,4,internal,2,4,4\n",
        encoding="utf-8",
    )
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    for row in ([101, "Ann", 5, "internal", 4, 3, 4], [102, "Bo", 1, "internal", 4, 4, None],
                [104, "Dan", 2, "internal", 1, 1, 1]):  # fmt: skip
        book.active.append(row)
    new = tmp_path / "q2.xlsx"
    book.save(new)
    return old, new


def test_diff_matches_ids_that_lost_their_leading_zeros(runner, tmp_path):
    """A snapshot from a workbook whose ids are number cells (101) against one with text ids
    (000101): every person was a leaver and a joiner at once (3 left, 3 joined), and the people
    who developed were not seen."""
    old, new = _snapshots(tmp_path)
    result = run_cli(runner, "diff", old, new, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {k: doc["summary"][k] for k in ("joiners", "leavers", "stayers")} == {
        "joiners": 1, "leavers": 1, "stayers": 2,
    }  # fmt: skip
    assert [p["employee_id"] for p in doc["people"]["joiners"]] == ["000104"]  # padded like the others
    assert [p["employee_id"] for p in doc["people"]["leavers"]] == ["000103"]
    assert [p["employee_id"] for p in doc["people"]["became_ready"]] == ["000102"]
    assert "q2.xlsx, column 'employee_id': its employee ids are numbers without leading zeros (101)" in result.stderr
    # either way round, and with pseudonyms (the same person gets the same one)
    result = run_cli(runner, "diff", new, old, "-p", MINI, "-f", "json", "--anonymize")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["stayers"] == 2


def test_diff_leaves_ids_alone_when_they_are_not_lost_zeros(tmp_path, mini_profiles):
    from sscgap.diff import align_ids
    from sscgap.roster import load_roster

    def roster(name: str, ids: list[str]):
        path = tmp_path / name
        path.write_text(HEADER + "\n" + "".join(f"{i},A,5,internal,4,3,4\n" for i in ids), encoding="utf-8")
        return load_roster(path, mini_profiles)

    cases = [
        (["000101", "000102"], ["000101", "102"]),  # the newer one has zeros too: as written
        (["A101", "000102"], ["101", "102"]),  # not all digits
        (["0101", "00101"], ["101"]),  # two people once the zeros go: not one spelling
        (["000101"], ["999"]),  # nobody more matches
    ]
    for old_ids, new_ids in cases:
        before, after = roster("a.csv", old_ids), roster("b.csv", new_ids)
        got = align_ids(before, after)
        assert got[0] is before and got[1] is after, (old_ids, new_ids)


def test_worker_types_as_hr_systems_spell_them(runner, tmp_path):
    """全职 (full-time), Full-time, Regular and 派遣 (agency) were unknown employment types to the
    plain reader (a warning, and nobody of them could be ready for a role open to internal
    staff only), while a mapping file knew Regular; both know them all now."""
    export = tmp_path / "staff.csv"
    rows = [("001", "全职"), ("002", "Full-time"), ("003", "REGULAR"), ("004", "正式工"), ("005", "派遣")]
    export.write_text(
        HEADER + "\n" + "".join(f"{i},P{i},5,{kind},1,4,4\n" for i, kind in rows), encoding="gb18030"
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    assert "unknown employment_type" not in result.stderr
    people = json.loads(result.stdout)["people"]
    assert [p["employment_type"] for p in people] == ["internal"] * 4 + ["contractor"]
    # a people lead (a manager) is internal staff only: the four full-timers are ready for it
    assert [("manager" in p["ready"]) for p in people] == [True] * 4 + [False]


def _two_row_book(path: Path) -> Path:
    """A Chinese HR workbook with a two-row header (多级表头): the basic columns merged down over
    rows 1-2, 能力评估 merged across the competencies, whose names are in row 2."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["员工编号", "姓名", "司龄", "用工类型", "能力评估", None, None])
    ws.append([None, None, None, None, "分析", "沟通", "领导力"])
    for j in range(1, 5):
        ws.merge_cells(start_row=1, start_column=j, end_row=2, end_column=j)
    ws.merge_cells("E1:G1")
    ws.append(["001", "甲", 6, "内部", 4, 3, 2])
    ws.append(["002", "乙", 2, "内部", 5, 9, 4])  # row 4: a level out of range
    book.save(path)
    return path


def test_a_header_over_two_rows_is_read_as_one(runner, tmp_path):
    """The competencies' names in row 2 under a merged 能力评估 were not read: "no competency of
    the catalogue can be read", with a mapping file too (its draft found none)."""
    book = _two_row_book(tmp_path / "盘点 表.xlsx")
    result = run_cli(runner, "analyze", book, "-p", MINI)
    assert result.exit_code == 2
    assert "row 4, column '沟通': level out of range" in result.stderr  # the row in the sheet
    assert "no competency" not in result.stderr
    result = run_cli(runner, "validate", book, "-p", MINI)
    assert "the headers take two rows (1 and 2)" in " ".join(result.output.split())
    ws = openpyxl.load_workbook(book).active
    ws["F4"] = 5
    ws.parent.save(book)
    result = run_cli(runner, "analyze", book, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["summary"]["staff"] == 2 and doc["data_quality"]["missing_competencies"] == []
    # through a mapping file: the draft finds the competencies of row 2, and reads as above
    mapping = tmp_path / "hris.yaml"
    assert run_cli(runner, "init", "--mapping", book, "-p", MINI, "-o", mapping).exit_code == 0
    assert '"分析"' in mapping.read_text(encoding="utf-8")
    mapped = run_cli(runner, "analyze", book, "-p", MINI, "--mapping", mapping, "-f", "json")
    assert mapped.exit_code == 0, mapped.output
    assert json.loads(mapped.stdout)["summary"] == doc["summary"]


def test_a_second_row_of_data_is_no_header(runner, tmp_path):
    """Records under a one-row header stay records (an id in the id column; or text levels)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["员工编号", "姓名", "司龄", "用工类型", "分析", "沟通", "领导力"])
    ws.append(["001", "甲", 6, "内部", "4", "3", "2"])
    ws.append(["002", "乙", 2, "内部", 5, 4, 4])
    book.save(tmp_path / "staff.xlsx")
    result = run_cli(runner, "analyze", tmp_path / "staff.xlsx", "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["staff"] == 2
    assert "two rows" not in result.stderr


def test_validate_in_chinese_explains_a_workbook_in_chinese(runner, tmp_path):
    """validate --lang zh showed a title-block workbook's findings in English: the sheet read,
    the column without a header, the missing id column and where the header is, the place."""
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["填表说明"])
    ws = book.create_sheet("花名册")
    ws.append(["2026年人才盘点", None, "导出人：张三"])
    ws.append([])
    # the id and a name only: not beyond doubt the header (with more known columns it is read)
    ws.append(["员工编号", "姓名"])
    ws.append(["001", "甲"])
    book.save(tmp_path / "盘点.xlsx")
    result = run_cli(runner, "validate", tmp_path / "盘点.xlsx", "-p", MINI, "--lang", "zh")
    assert result.exit_code == 2
    text = "".join(result.output.split())  # a table wraps Chinese anywhere
    for zh in ("工作表“花名册”", "第B列没有表头，已忽略", "没有员工编号列", "第3行像是表头：请通过映射文件读取",
               "读取的是工作表“花名册”；工作表'说明'有数据，但没有员工编号表头"):  # fmt: skip
        assert zh in text, zh
    for en in ("sheet'", "hasnoheader", "noemployee_idcolumn", "looksliketheheader", "readingsheet"):
        assert en not in text, en
    result = run_cli(runner, "validate", _two_row_book(tmp_path / "two.xlsx"), "-p", MINI, "--lang", "zh")
    assert "表头占两行（第1、2行）：每列以第2行的单元格为列名" in "".join(result.output.split())


def test_ids_in_scientific_notation_say_what_happened(runner, tmp_path):
    """Excel shows a 12-digit id as 2.02301E+11 and saves its CSV so: every person after the first
    was "duplicate employee_id; the same id is on row 2", which does not say why. Each such id is
    now one error that says Excel dropped the digits, in the wide and the long layout."""
    export = tmp_path / "staff.csv"
    export.write_text(
        HEADER + "\n2.02301E+11,Ann,5,internal,4,3,4\n2.02301E+11,Bo,1,internal,4,2,\n"
        "202301000777,Cai,4,internal,2,4,4\n",
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", export, "-p", MINI)
    assert result.exit_code == 2
    assert result.stderr.count("in scientific notation: Excel dropped its last digits") == 2
    assert "row 3, column 'employee_id'" in result.stderr and "duplicate" not in result.stderr
    assert "read the workbook (.xlsx) instead of its CSV" in result.stderr
    long = tmp_path / "long.csv"
    long.write_text(
        "employee_id,competency,level\n2.02301E+11,analysis,3\n2.02301E+11,analysis,4\n1.5E+11,analysis,2\n",
        encoding="utf-8",
    )
    result = run_cli(runner, "validate", long, "-p", MINI, "-f", "json")
    assert result.exit_code == 2
    found = [(f["row"], f["message"]) for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert [r for r, m in found if "scientific" in m] == [2, 4], found
    assert not any("earlier row" in m for _, m in found), found
    result = run_cli(runner, "validate", export, "-p", MINI, "--lang", "zh")
    assert "员工编号成了科学计数法" in "".join(result.output.split())


def test_fail_under_refuses_a_fraction(runner, tmp_path):
    """--fail-under 0.8, copied from the JSON's coverage_index (0.7425), was a gate at 0.8% that
    never failed: exit 0 for a centre at 74%. It is a usage error now; 0.8% is taken as written."""
    roster = ROOT / "examples" / "staff.csv"
    result = run_cli(runner, "analyze", roster, "--fail-under", "0.8")
    assert result.exit_code == 2
    assert "would be 0.8%" in result.output and "write 80" in result.output
    assert "Traceback" not in result.output
    assert run_cli(runner, "analyze", roster, "--fail-under", "0.8%").exit_code == 0
    assert run_cli(runner, "analyze", roster, "--fail-under", "80").exit_code == 1
    assert run_cli(runner, "analyze", roster, "--fail-under", "0").exit_code == 0


def test_report_into_a_folder_says_so(runner, tmp_path):
    """report -o out/ said "cannot tell the format from the file name; use a suffix": the
    user named a folder, and the message now says so and shows a file name in it."""
    roster = ROOT / "examples" / "staff.csv"
    (tmp_path / "out").mkdir()
    for target in (tmp_path / "out", f"{tmp_path / 'out'}/", f"{tmp_path / '新 目录'}/"):
        result = run_cli(runner, "report", roster, "-o", target)
        assert result.exit_code == 2
        assert "names a folder; give a file name for the output, e.g. " in result.output
        assert "report.html" in result.output and "cannot tell the format" not in result.output
    assert not (tmp_path / "新 目录").exists() and list((tmp_path / "out").iterdir()) == []


def test_ids_shown_with_leading_zeros_keep_them(runner, tmp_path):
    """An id typed as a number and shown with its zeros by a number format (000000, "E"00000)
    read as 101: `person BOOK 000101` said "did you mean 101?", and the reports named people by
    ids the HR system does not use. The id is the text the sheet shows, as its CSV holds it."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER.split(","))
    for number, fmt in ((101, "000000"), (102, "000000"), (103, '"E"00000'), (104, "General")):
        ws.append([number, f"P{number}", 5, "internal", 4, 4, 4])
        ws.cell(ws.max_row, 1).number_format = fmt
        ws.cell(ws.max_row, 5).number_format = "0.0"  # a level shown with a decimal stays a number
    book.save(tmp_path / "staff.xlsx")
    result = run_cli(runner, "analyze", tmp_path / "staff.xlsx", "-p", MINI, "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)["people"]
    assert [p["employee_id"] for p in people] == ["000101", "000102", "E00103", "104"]
    result = run_cli(runner, "person", tmp_path / "staff.xlsx", "000101", "-p", MINI)
    assert result.exit_code == 0, result.output
    assert "P101 (000101)" in result.stdout


def test_chinese_lists_are_joined_with_the_chinese_comma(runner, tmp_path):
    """person --lang zh listed the archetypes a person is ready for with an English comma
    ("已就绪：一线服务与担当型管理团队, 产品与客户体验人才"); so did the trend chart's description."""
    zh = ROOT / "examples" / "staff_zh.csv"
    for fmt in ("table", "markdown"):
        result = run_cli(runner, "person", zh, "000116", "--lang", "zh", "-f", fmt)
        assert result.exit_code == 0, result.output
        assert "已就绪：一线服务与担当型管理团队、产品与客户体验人才" in result.stdout, fmt
    out = tmp_path / "trend.html"
    result = run_cli(runner, "trend", zh, ROOT / "examples" / "staff_q2.csv", "--lang", "zh", "-o", out)
    assert result.exit_code == 0, result.output
    desc = out.read_text(encoding="utf-8").split('<desc id="chart-desc">')[1].split("</desc>")[0]
    assert "staff_zh 74.3%、staff_q2 70.0%" in desc and ", " not in desc


def test_a_chinese_excel_report_speaks_chinese(runner, tmp_path):
    """The Chinese Excel report's People sheet showed employment types as codes (internal,
    external) and the heatmap named people 冯婉婷 (000141) (the other reports: 冯婉婷（000141）);
    a heatmap of groups named the people without a value (blank)."""
    zh = ROOT / "examples" / "staff_zh.csv"
    out = tmp_path / "报告.xlsx"
    assert run_cli(runner, "report", zh, "--lang", "zh", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["人员"].iter_rows(values_only=True))
    column = rows[0].index("用工类型")
    assert {r[column] for r in rows[1:]} == {"内部", "外部", "外包"}
    labels = [r[0] for r in book["热力图"].iter_rows(min_row=2, max_row=3, values_only=True)]
    assert labels == ["冯婉婷（000141）", "朱美玲（000101）"]
    english = tmp_path / "report.xlsx"  # the English report keeps its words
    assert run_cli(runner, "report", ROOT / "examples" / "staff.csv", "-o", english).exit_code == 0
    rows = list(openpyxl.load_workbook(english, read_only=True)["People"].iter_rows(values_only=True))
    column = rows[0].index("Employment type")
    assert {r[column] for r in rows[1:]} == {"internal", "external", "contractor"}


def test_a_heatmap_of_groups_names_the_blank_group_in_the_reports_language(mini_profiles):
    from sscgap.engine import analyze
    from sscgap.report.tables import heatmap_rows
    from sscgap.roster import load_roster

    analysis = analyze(mini_profiles, load_roster(ROOT / "tests" / "data" / "mini_roster.csv", mini_profiles))
    people = analysis.roster.people
    people.loc[0, "department"] = None
    labels, *_ = heatmap_rows(analysis, limit=2, lang="zh")
    assert "（空白）" in labels and "(blank)" not in labels


def test_a_wide_export_lists_its_unknown_columns_once(runner, tmp_path):
    """A 200-column export (every field of the HR system) gave one warning row per unknown
    column in validate (163 rows before the first real problem); the first 20 are listed, the
    rest in one line with their count, and the JSON still names every one."""
    extra = [f"field_{i}" for i in range(150)]
    export = tmp_path / "wide.csv"
    export.write_text(
        HEADER + "," + ",".join(extra) + "\n001,Ann,5,internal,4,3,4" + ",x" * 150 + "\n", encoding="utf-8"
    )
    result = run_cli(runner, "validate", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["warnings"] == 150 and len(doc["findings"]) == 21
    assert doc["findings"][-1]["message"].startswith("130 more unknown columns ignored: 'field_20', 'field_21'")
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
    assert json.loads(result.stdout)["data_quality"]["unknown_columns"] == extra
    result = run_cli(runner, "validate", export, "-p", MINI, "--lang", "zh")
    assert "另有130个未知列已忽略" in "".join(result.output.split())


def test_rows_hidden_by_a_filter_are_read_and_said_so(runner, tmp_path):
    """A sheet filtered down to the people to analyse (the others hidden) was read whole without
    a word: the leavers a manager filtered out counted. They are still read (a filter is a view,
    not the data), with a warning naming the hidden rows, plainly and through a mapping file."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADER.split(","))
    for i in range(1, 6):
        ws.append([f"00{i}", f"P{i}", 5, "internal", 4, 4, 4])
    ws.auto_filter.ref = "A1:G6"
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[5].hidden = True
    book.save(tmp_path / "staff.xlsx")
    result = run_cli(runner, "analyze", tmp_path / "staff.xlsx", "-p", MINI, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["staff"] == 5
    assert "2 rows hidden in the workbook (rows 3, 5; a filter?) are read like the others" in result.stderr
    mapping = tmp_path / "hris.yaml"
    assert run_cli(runner, "init", "--mapping", tmp_path / "staff.xlsx", "-p", MINI, "-o", mapping).exit_code == 0
    result = run_cli(runner, "analyze", tmp_path / "staff.xlsx", "-p", MINI, "--mapping", mapping, "-f", "json")
    assert result.exit_code == 0, result.output
    assert "(rows 3, 5; a filter?)" in result.stderr
    result = run_cli(runner, "validate", tmp_path / "staff.xlsx", "-p", MINI, "--lang", "zh")
    assert "工作簿中有2行被隐藏（第3,5行；是否用了筛选？）" in "".join(result.output.split())
    ws.row_dimensions[3].hidden = False
    book.save(tmp_path / "staff.xlsx")
    result = run_cli(runner, "analyze", tmp_path / "staff.xlsx", "-p", MINI, "-f", "json")
    assert "1 row hidden in the workbook (row 5; a filter?) is read like the others" in result.stderr
    result = run_cli(runner, "validate", tmp_path / "staff.xlsx", "-p", MINI, "--lang", "zh")
    assert "工作簿中有1行被隐藏（第5行；" in "".join(result.output.split())


def test_by_employment_type_names_the_types_in_the_reports_language(runner, tmp_path):
    """--by 用工类型 --lang zh headed its groups contractor / external / internal (the codes) in
    the terminal, Markdown, HTML and Excel reports, while the rest of the report says 外包 / 外部 /
    内部. The JSON and the CSV keep the codes."""
    zh = ROOT / "examples" / "staff_zh.csv"
    for fmt in ("table", "markdown"):
        result = run_cli(runner, "analyze", zh, "--by", "用工类型", "--lang", "zh", "-f", fmt)
        assert result.exit_code == 0, result.output
        assert "外包" in result.stdout and "contractor" not in result.stdout, fmt
    html = tmp_path / "r.html"
    assert run_cli(runner, "report", zh, "--by", "用工类型", "--lang", "zh", "-o", html).exit_code == 0
    assert "<td>内部</td>" in html.read_text(encoding="utf-8")
    book = tmp_path / "r.xlsx"
    assert run_cli(runner, "report", zh, "--by", "用工类型", "--lang", "zh", "-o", book).exit_code == 0
    groups = {r[1] for r in openpyxl.load_workbook(book, read_only=True)["覆盖情况"].iter_rows(min_row=2, values_only=True)}
    assert groups == {"（全部）", "内部", "外部", "外包"}
    result = run_cli(runner, "analyze", zh, "--by", "用工类型", "-f", "json")
    assert [g["value"] for g in json.loads(result.stdout)["groups"]] == ["contractor", "external", "internal"]
    result = run_cli(runner, "analyze", ROOT / "examples" / "staff.csv", "--by", "employment_type", "-f", "markdown")
    assert "| internal |" in result.stdout  # English: the words are the codes


def test_rating_words_point_to_a_mapping_file(runner, tmp_path):
    """Levels written as words (合格, 良好, Meets Expectations) were "level is not a number; use a
    number from 0 (none) to 5 (expert)" on every cell: the way to read them, a mapping file with
    values.level, was not named. NaN and other non-ratings keep the number hint."""
    export = tmp_path / "staff.csv"
    export.write_text(HEADER + "\n001,Ann,5,internal,合格,良好,3\n002,Bo,1,internal,4,NaN,\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "-p", MINI, "-f", "json")
    assert result.exit_code == 2
    hints = {f["column"]: f["hint"] for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"}
    assert "a mapping file that gives each word its level under values.level" in hints["analysis"]
    assert hints["communication"].startswith("a rating word")  # 良好 beside a NaN: the words decide
    export.write_text(HEADER + "\n001,Ann,5,internal,NaN,#N/A,3\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "-p", MINI, "-f", "json")
    hints = {f["column"]: f["hint"] for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"}
    assert hints == {"analysis": "use a number from 0 (none) to 5 (expert); leave the cell blank if not assessed",
                     "communication": "use a number from 0 (none) to 5 (expert); leave the cell blank if not assessed"}
    export.write_text(HEADER + "\n001,Ann,5,internal,合格,3,3\n", encoding="utf-8")
    result = run_cli(runner, "validate", export, "-p", MINI, "--lang", "zh")
    assert "这是评价用语：请通过映射文件读取导出文件" in "".join(result.output.split())


def test_hire_dates_with_the_month_by_name(runner, tmp_path):
    """English Excel and HR systems write dates with the month's name (5-Mar-2019, 5 March 2019,
    Mar 5, 2019): "hire_date is not a date" on every row. They are one date whatever the order,
    and are read; a year of two digits (5-Mar-19) stays an error whose hint says why."""
    export = tmp_path / "staff.csv"
    dates = ["5-Mar-2019", "05 March 2019", '"Mar 5, 2019"', "Sept 5 2019", '"March 5, 2019 12:00 AM"']
    export.write_text(
        "employee_id,name,hire_date,employment_type,analysis,communication,leadership\n"
        + "".join(f"00{i},P{i},{d},internal,4,3,4\n" for i, d in enumerate(dates, 1)),
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "--as-of", "2026-03-05", "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    tenure = [round(p["tenure_years"], 3) for p in json.loads(result.stdout)["people"]]
    assert tenure == [7.001, 7.001, 7.001, 6.497, 7.001]
    export.write_text(
        "employee_id,name,hire_date,employment_type,analysis,communication,leadership\n"
        "001,A,5-Mar-19,internal,4,3,4\n",
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "--as-of", "2026-03-05")
    assert result.exit_code == 2
    assert "hire_date is not a date (value '5-Mar-19'); write the year with four digits" in result.stderr


def test_cells_merged_down_hold_their_value_on_every_row(runner, tmp_path):
    """A Chinese workbook merges 员工编号 and 姓名 over a person's rows of a long export, and 部门
    over its people: Excel shows the value on every row, the reader saw it on the first only
    ("employee_id is blank" on each other row; the department of one person in each)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["员工编号", "姓名", "司龄", "用工类型", "能力项", "等级"])
    for first, (pid, name) in zip((2, 5), (("001", "甲"), ("002", "乙")), strict=True):
        for k, (comp, level) in enumerate((("分析", 4), ("沟通", 4), ("领导力", 4))):
            ws.append([pid, name, 5, "内部", comp, level] if k == 0 else [None, None, None, None, comp, level])
        for col in range(1, 5):
            ws.merge_cells(start_row=first, start_column=col, end_row=first + 2, end_column=col)
    ws.merge_cells("F7:F3000")  # a merge far below the data stops where the data does
    book.save(tmp_path / "long.xlsx")
    result = run_cli(runner, "analyze", tmp_path / "long.xlsx", "-p", MINI, "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)["people"]
    assert [(p["employee_id"], p["name"], p["tenure_years"]) for p in people] == [("001", "甲", 5), ("002", "乙", 5)]
    assert all(set(p["ready"]) == {"analyst", "manager"} for p in people)

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["员工编号", "姓名", "部门", "司龄", "用工类型", "分析", "沟通", "领导力"])
    for i, dept in enumerate(["财务部", None, None, "人事部", None], start=1):
        ws.append([f"00{i}", f"P{i}", dept, 5, "内部", 4, 4, 4])
    ws.merge_cells("C2:C4")
    ws.merge_cells("C5:C6")
    book.save(tmp_path / "wide.xlsx")
    result = run_cli(runner, "analyze", tmp_path / "wide.xlsx", "-p", MINI, "-f", "json", "--by", "部门")
    assert result.exit_code == 0, result.output
    groups = {g["value"]: g["summary"]["staff"] for g in json.loads(result.stdout)["groups"]}
    assert groups == {"财务部": 3, "人事部": 2}


def test_a_file_named_xls_is_read_for_what_it_is(runner, tmp_path):
    """HR systems' "Export to Excel" often writes tab-separated text (GBK or UTF-16) or a web page
    and names it .xls; every .xls was "old .xls workbooks are not supported; save it as .xlsx",
    also an .xlsx with the wrong name. Text is read as CSV (with a warning saying so), through a
    mapping file too; a web page, an .xlsx or a real old workbook is an error naming which it is."""
    text = HEADER.replace(",", "\t") + "\n" + "001\t甲\t5\t内部\t4\t4\t4\n"
    for encoding in ("gbk", "utf-16"):
        export = tmp_path / f"导出_{encoding}.xls"
        export.write_bytes(text.encode(encoding))
        result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json")
        assert result.exit_code == 0, result.output
        assert _summary(result)["staff"] == 1
        assert "a text file with an .xls name" in result.stderr and "read as CSV" in result.stderr
    mapping = tmp_path / "hris.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-p", MINI, "-o", mapping).exit_code == 0
    assert run_cli(runner, "analyze", export, "-p", MINI, "--mapping", mapping).exit_code == 0
    book = openpyxl.Workbook()
    book.active.append(HEADER.split(","))
    book.save(tmp_path / "book.xls")
    (tmp_path / "page.xls").write_text("\ufeff<html><table><tr><td>员工编号</td></tr></table></html>", encoding="utf-8")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))
    for name, said in (("book.xls", "this is an .xlsx workbook with an .xls name; rename it to .xlsx"),
                       ("page.xls", "this is a web page (HTML) with an .xls name"),
                       ("old.xls", "old .xls workbooks are not supported")):  # fmt: skip
        for args in (("analyze", tmp_path / name), ("init", "--mapping", tmp_path / name, "-o", tmp_path / "m.yaml")):
            result = run_cli(runner, *args, "-p", MINI)
            assert result.exit_code == 2 and said in result.stderr, (name, args, result.output)
            assert "Traceback" not in result.output
    assert not (tmp_path / "m.yaml").exists()


def test_validate_in_chinese_names_an_xls_file_for_what_it_is(runner, tmp_path):
    (tmp_path / "page.xls").write_text("<html><table></table></html>", encoding="utf-8")
    (tmp_path / "text.xls").write_text(HEADER + "\n001,甲,5,内部,4,4,4\n", encoding="utf-8")
    page = run_cli(runner, "validate", tmp_path / "page.xls", "-p", MINI, "--lang", "zh")
    text = run_cli(runner, "validate", tmp_path / "text.xls", "-p", MINI, "--lang", "zh")
    assert "这是扩展名为.xls的网页（HTML）" in "".join(page.output.split())
    assert "扩展名为.xls的文本文件（人事系统“导出Excel”常见）：按CSV读取" in "".join(text.output.split())


def test_the_chinese_diff_table_says_where_the_change_came_from_on_one_line(runner):
    """diff --lang zh wrote "+1 新入职、+1 培养达标" and the table broke it after each "+1"
    (新入职 / +1、培养达标 / +1 on three lines); the Chinese reads 新入职+1、培养达标+1, on one
    line at 100 columns. English keeps "+1 joined, +1 developed"."""
    zh, q2 = ROOT / "examples" / "staff_zh.csv", ROOT / "examples" / "staff_q2.csv"
    result = run_cli(runner, "diff", zh, q2, "--lang", "zh")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "大客户经理" in line)
    assert row.rstrip().endswith("新入职+1、培养达标+1"), row
    result = run_cli(runner, "diff", ROOT / "examples" / "staff.csv", q2)
    row = next(line for line in result.stdout.splitlines() if "Key account manager" in line)
    assert "+1 joined" in row


def test_ids_written_as_excel_text_formulas(runner, tmp_path):
    """HR systems export ids as ="000101" so that Excel keeps the zeros; the reader kept the
    formula's text: reports named people ="000101", `person FILE 000101` found nobody and a
    diff against the last export matched nobody. The text inside is the id (wide, long, and
    through a mapping file); a cell that is more than the formula stays as written."""
    export = tmp_path / "staff.csv"
    export.write_text(
        HEADER + '\n="000101",Ann,5,internal,4,3,4\n"=""000102""",Bo,5,internal,4,3,4\n'
        '"=""A""B""",Cai,5,internal,4,3,4\n',
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", export, "-p", MINI, "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    assert [p["employee_id"] for p in json.loads(result.stdout)["people"]] == ["000101", "000102", '="A"B"']
    assert run_cli(runner, "person", export, "000101", "-p", MINI).exit_code == 0
    mapping = tmp_path / "hris.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-p", MINI, "-o", mapping).exit_code == 0
    mapped = run_cli(runner, "analyze", export, "-p", MINI, "--mapping", mapping, "-f", "json", "--people")
    assert [p["employee_id"] for p in json.loads(mapped.stdout)["people"]][:2] == ["000101", "000102"]
    long = tmp_path / "long.csv"
    long.write_text(
        'employee_id,competency,level,tenure_years,employment_type\n="000101",analysis,4,5,internal\n'
        '="000101",leadership,3,5,internal\n',
        encoding="utf-8",
    )
    result = run_cli(runner, "analyze", long, "-p", MINI, "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    assert [p["employee_id"] for p in json.loads(result.stdout)["people"]] == ["000101"]


def test_decimal_commas_through_a_mapping_file(runner, tmp_path):
    """A European export (semicolons, decimal commas: 3,5 and 12,4) read fine without a mapping
    file but through one every such cell was an error ("not a level 0-5", "not a number of
    years"): 200 errors for the example. Both readers read 3,5 as 3.5 now."""
    export = tmp_path / "export.csv"
    export.write_text(
        "Worker ID;Name;Years of Service;Worker Type;Analysis;Communication;Leadership\r\n"
        "001;Ann;12,4;Regular;3,5;4;4\r\n002;Bo;2,0;Regular;4;4,5;3\r\n",
        encoding="utf-8-sig",
    )
    mapping = tmp_path / "hris.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-p", MINI, "-o", mapping).exit_code == 0
    result = run_cli(runner, "analyze", export, "-p", MINI, "--mapping", mapping, "-f", "json", "--people")
    assert result.exit_code == 0, result.output
    people = json.loads(result.stdout)["people"]
    assert [p["tenure_years"] for p in people] == [12.4, 2.0]
    from sscgap import load_profiles
    from sscgap.roster import load_roster

    roster = load_roster(export, load_profiles(MINI), mapping=mapping)
    assert roster.levels.tolist() == [[3.5, 4, 4], [4, 4.5, 3]]


def test_an_excel_separator_line_is_named(runner, tmp_path):
    """A CSV whose first line is Excel's `sep=;` said "row 2 looks like the header ... under a
    title block": the line is named for what it is; through a mapping file the file is read."""
    export = tmp_path / "staff.csv"
    export.write_text("sep=;\r\n" + HEADER.replace(",", ";") + "\r\n001;Ann;5;internal;3,5;4;4\r\n", encoding="utf-8")
    result = run_cli(runner, "analyze", export, "-p", MINI)
    assert result.exit_code == 2
    assert "the first line (sep=...) is Excel's separator line, not the header: delete it" in result.stderr
    mapping = tmp_path / "hris.yaml"
    assert run_cli(runner, "init", "--mapping", export, "-p", MINI, "-o", mapping).exit_code == 0
    result = run_cli(runner, "analyze", export, "-p", MINI, "--mapping", mapping, "-f", "json")
    assert result.exit_code == 0, result.output
    assert _summary(result)["staff"] == 1
    result = run_cli(runner, "validate", export, "-p", MINI, "--lang", "zh")
    assert "是Excel的分隔符声明行" in "".join(result.output.split())
