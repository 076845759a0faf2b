"""Round 7 (second pass over HR exports): a title block above the header read without a mapping
file, first and last names in two columns, `diff` across two HR systems. The tests of a fix
failed on the code before it; the guards (what must stay an error) passed before and after."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from conftest import EXAMPLE, run_cli

BASE = EXAMPLE.read_text(encoding="utf-8")
ROWS = list(csv.reader(io.StringIO(BASE)))
HEADER = ROWS[0]
WIDTH = len(HEADER)
TITLE = "员工花名册（导出时间：2026-06-30）"


def _staff(result) -> int:
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["summary"]["staff"])


def _text(rows: list[list[str]], sep: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _flat(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# A title block above the header, without a mapping file
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "encoding", "sep"),
    [
        ([[TITLE], []], "utf-8", ","),  # the title, a blank row (the fast reader)
        ([[TITLE] + [""] * (WIDTH - 1), [""] * WIDTH], "utf-8-sig", ","),  # as Excel saves it
        ([[TITLE], []], "gb18030", ","),  # Chinese Excel's CSV
        ([[TITLE], []], "utf-16", "\t"),  # the forgiving reader (Arrow does not read UTF-16)
        ([[TITLE], ["导出人：HR Ops"], []], "utf-8", ";"),  # a title line holds no separator
    ],
)
def test_a_title_block_above_the_header_is_skipped_with_a_warning(runner, tmp_path, title, encoding, sep):
    roster = tmp_path / "staff.csv"
    roster.write_bytes(_text(title + ROWS, sep).encode(encoding))
    result = run_cli(runner, "analyze", roster, "-f", "json")
    # was exit 2: "no employee_id column ...; row 3 looks like the header: read the file through
    # a mapping file ... or delete the rows above it"
    assert _staff(result) == 150
    row = len(title) + 1
    rows = "row 1 above it, a title block, is" if row == 2 else f"rows 1-{row - 1} above it, a title block, are"
    assert f"the header is row {row}: {rows} not read" in _flat(result.stderr)
    assert TITLE[:10] in result.stderr
    assert "no header" not in result.stderr
    zh = run_cli(runner, "analyze", roster, "-f", "json", "--lang", "zh")
    assert f"表头在第{row}行：其上方的第1-{row - 1}行是标题，未读取" in zh.stderr, zh.stderr


def test_the_result_under_a_title_block_is_the_roster_s(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text(_text([[TITLE], []]) + BASE, encoding="utf-8")
    titled = json.loads(run_cli(runner, "analyze", roster, "-f", "json").stdout)
    plain = json.loads(run_cli(runner, "analyze", EXAMPLE, "-f", "json").stdout)
    assert titled["summary"]["coverage_index"] == plain["summary"]["coverage_index"]
    assert titled["archetypes"] == plain["archetypes"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_rows_under_a_title_block_are_named_as_in_the_sheet(runner, tmp_path, encoding):
    rows = [r[:] for r in ROWS]
    rows[2][HEADER.index("communication")] = "9"  # the header is row 3: this is row 5
    rows.insert(6, [])  # a blank row inside the table: row 9
    rows[8][HEADER.index("leadership")] = "7"  # after it: spreadsheet row 11
    rows[10] = rows[10][:5]  # a short row: 13 (forces the record-by-record scan)
    roster = tmp_path / "staff.csv"
    roster.write_bytes(_text([[TITLE], [], *rows], "," if encoding == "utf-8" else "\t").encode(encoding))
    result = run_cli(runner, "validate", roster, "-f", "json")
    assert result.exit_code == 2, result.output
    found = {(f["row"], f["column"]) for f in json.loads(result.stdout)["findings"]}
    assert (5, "communication") in found and (11, "leadership") in found
    assert any(row == 13 and column is None for row, column in found)
    assert (1, None) in found  # the title block's warning


def _workbook(tmp_path, above: list[list[object]], merged: bool = True, rows=ROWS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "花名册"
    for r in above:
        ws.append(r)
    if merged:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=WIDTH)
    for r in rows:
        ws.append(r)
    path = tmp_path / "staff.xlsx"
    wb.save(path)
    return path


def test_a_workbook_with_a_merged_title_cell_is_read_from_its_header(runner, tmp_path):
    book = _workbook(tmp_path, [[TITLE], []])
    result = run_cli(runner, "validate", book)
    assert result.exit_code == 0, result.output  # was exit 2, and "column B has no header"
    text = _flat(result.output)
    assert "150 people" in text and "the header is row 3" in text
    assert "no header and is ignored" not in text
    assert _staff(run_cli(runner, "analyze", book, "-f", "json")) == 150


def test_a_workbook_title_block_keeps_the_rows_of_its_findings(runner, tmp_path):
    rows = [r[:] for r in ROWS]
    rows[3][HEADER.index("empathy")] = "8"  # the header is row 4 (two title rows, a blank): row 7
    book = _workbook(tmp_path, [[TITLE], ["导出人：HR Ops"], []], rows=rows)
    result = run_cli(runner, "validate", book, "-f", "json")
    assert result.exit_code == 2
    found = {(f["row"], f["column"]) for f in json.loads(result.stdout)["findings"]}
    assert (7, "empathy") in found


def test_a_header_not_beyond_doubt_is_still_an_error(runner, tmp_path):
    # under the title, a row with the id and one known column: a key-value block, not a header
    rows = [[TITLE], ["工号", "HR-01", "姓名"], [], *ROWS]
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    result = run_cli(runner, "analyze", roster, "-f", "json", "-o", tmp_path / "out.json")
    assert result.exit_code == 2
    assert "row 2 looks like the header" in _flat(result.stderr)
    assert not (tmp_path / "out.json").exists()


def test_a_first_row_that_may_be_the_header_is_not_skipped(runner, tmp_path):
    # row 1 has known columns but its id column is misnamed: it may be the header itself
    rows = [["Employe No", "name", "department"], [], *ROWS]
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    result = run_cli(runner, "analyze", roster)
    assert result.exit_code == 2
    assert "no employee_id column" in _flat(result.stderr)


def test_a_merged_title_over_a_doubtful_header_says_only_what_is_wrong(runner, tmp_path):
    rows = [["工号", "姓名"]] + [[r[0], r[1]] for r in ROWS[1:]]  # the id and a name only
    book = _workbook(tmp_path, [[TITLE], []], rows=rows)
    result = run_cli(runner, "validate", book)
    assert result.exit_code == 2
    text = _flat(result.output)
    assert "row 3 looks like the header" in text
    assert "column B has no header" not in text  # the merged title cell: no noise


# ---------------------------------------------------------------------------------------------
# First and last name in two columns
# ---------------------------------------------------------------------------------------------


def _split_names(headers: tuple[str, str], chinese: bool = False) -> list[list[str]]:
    """The example with its name in two columns (family, given) instead of one."""
    out = [[HEADER[0], *headers, *HEADER[2:]]]
    for i, r in enumerate(ROWS[1:]):
        if chinese:
            family, given = "王李张刘陈"[i % 5], "小明" if i % 2 else "伟"
        else:
            given, _, family = r[1].partition(" ")
        out.append([r[0], family, given, *r[2:]])
    return out


def _name(result) -> str:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["person"]["name"]


@pytest.mark.parametrize("mapped", [False, True])
@pytest.mark.parametrize(
    ("headers", "chinese", "first"),
    [
        (("Last Name", "First Name"), False, "Zhu Meiling"),  # given name, a space, family name
        (("Family Name", "Given Name"), False, "Zhu Meiling"),
        (("姓", "名"), True, "王伟"),  # family name first, without a space
        (("姓氏", "名字"), True, "王伟"),  # 名字 beside 姓氏 is the given name
    ],
)
def test_a_name_in_two_columns_is_joined(runner, tmp_path, headers, chinese, first, mapped):
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(_split_names(headers, chinese)), encoding="utf-8")
    args = []
    if mapped:
        draft = tmp_path / "hris.yaml"
        assert run_cli(runner, "init", "--mapping", roster, "-o", draft).exit_code == 0
        assert "the name is joined from" in draft.read_text(encoding="utf-8")
        args = ["--mapping", draft]
    # was: no name at all (the two columns "unknown column ignored"; 名字 read as the whole name)
    assert _name(run_cli(runner, "person", roster, "000101", "-f", "json", *args)) == first
    result = run_cli(runner, "validate", roster, *args)
    assert result.exit_code == 0, result.output
    assert "the name is joined from" in _flat(result.output)
    zh = run_cli(runner, "validate", roster, "--lang", "zh", *args)
    assert "姓名由" in "".join(zh.output.split())


def test_a_name_in_two_columns_in_a_workbook_and_a_frame(runner, tmp_path):
    import pandas as pd

    from sscgap import load_profiles, load_roster

    rows = _split_names(("姓", "名"), chinese=True)
    rows[2][1], rows[3][2] = "", ""  # a blank part leaves the other alone
    book = _workbook(tmp_path, [], merged=False, rows=rows)
    pset = load_profiles()
    people = load_roster(book, pset).people
    assert people["name"].tolist()[:3] == ["王伟", "小明", "张"]
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    assert load_roster(frame, pset).people["name"].tolist()[:3] == ["王伟", "小明", "张"]


def test_a_whole_name_column_wins_over_its_parts(runner, tmp_path):
    rows = [[*r[:2], *(["First Name", "Last Name"] if i == 0 else ["X", "Y"]), *r[2:]] for i, r in enumerate(ROWS)]
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    assert _name(run_cli(runner, "person", roster, "000101", "-f", "json")) == "Zhu Meiling"
    rows = [[r[0], "名字" if i == 0 else r[1], *r[2:]] for i, r in enumerate(ROWS)]  # 名字 alone: the name
    roster.write_text(_text(rows), encoding="utf-8")
    assert _name(run_cli(runner, "person", roster, "000101", "-f", "json")) == "Zhu Meiling"


def test_joining_names_is_arrow_work():
    import pandas as pd

    from sscgap.mapping.cells import join_names

    given = pd.Series(["小明", "Mei", None, "", "Xiaoming", None, " Anna "], dtype="str")
    family = pd.Series(["王", "Chen", "李", "Li", "Wang", None, "  "], dtype="str")
    out = join_names(given, family)
    assert out.tolist()[:5] == ["王小明", "Mei Chen", "李", "Li", "Xiaoming Wang"]
    assert pd.isna(out.iloc[5]) and out.iloc[6] == "Anna"


def test_a_name_in_two_columns_in_the_long_layout(runner, tmp_path):
    from conftest import MINI_PROFILES

    roster = tmp_path / "long.csv"
    roster.write_text(
        "employee_id,姓,名,tenure_years,employment_type,competency,level\n"
        "001,王,伟,3,internal,leadership,3\n001,王,伟,3,internal,communication,4\n"
        "002,李,小明,3,internal,leadership,2\n",
        encoding="utf-8",
    )
    result = run_cli(runner, "person", roster, "002", "-p", MINI_PROFILES, "-f", "json")
    assert _name(result) == "李小明"


# ---------------------------------------------------------------------------------------------
# diff OLD NEW across two HR systems: a mapping file per side
# ---------------------------------------------------------------------------------------------


def _export(tmp_path, source, name: str, prefix: str, id_header: str):
    """``source`` as an HR system exports it: its own id header, the competencies as codes
    (``prefix`` + number) that only a mapping file can read; and that mapping file."""
    from conftest import ROOT

    rows = list(csv.reader(io.StringIO((ROOT / "examples" / source).read_text(encoding="utf-8"))))
    comps = rows[0][7:]
    rows[0] = [id_header, *rows[0][1:7], *(f"{prefix}{i + 1:02d}" for i in range(len(comps)))]
    path = tmp_path / f"{name}.csv"
    path.write_text(_text(rows), encoding="utf-8")
    mapping = tmp_path / f"{name}.yaml"
    mapping.write_text(
        f'columns:\n  employee_id: "{id_header}"\ncompetencies:\n'
        + "".join(f'  {c}: "{prefix}{i + 1:02d}"\n' for i, c in enumerate(comps)),
        encoding="utf-8",
    )
    return path, mapping


def test_diff_reads_each_snapshot_through_its_own_mapping(runner, tmp_path):
    old, old_map = _export(tmp_path, "staff.csv", "workday", "SKILL-", "Worker ID")
    new, new_map = _export(tmp_path, "staff_q2.csv", "beisen", "能力", "工号")
    result = run_cli(runner, "diff", old, new, "--mapping-old", old_map, "--mapping-new", new_map, "-f", "json")
    assert result.exit_code == 0, result.output  # was exit 2: no such option
    plain = run_cli(runner, "diff", EXAMPLE, EXAMPLE.with_name("staff_q2.csv"), "-f", "json")
    ours, theirs = json.loads(result.stdout), json.loads(plain.stdout)
    assert ours["archetypes"] == theirs["archetypes"]
    # --mapping still reads both; a side without its own reads through it
    result = run_cli(runner, "diff", old, new, "--mapping", old_map, "--mapping-new", new_map, "-f", "json")
    assert result.exit_code == 0, result.output
    # one mapping for two systems: the error names the file and the key it does not fit
    result = run_cli(runner, "diff", old, new, "--mapping", old_map)
    assert result.exit_code == 2
    assert "beisen.csv" in result.stderr and "Worker ID" in result.stderr
    assert "give each snapshot its own mapping file: --mapping-old FILE --mapping-new FILE" in _flat(result.stderr)
    zh = run_cli(runner, "diff", old, new, "--mapping", old_map, "--lang", "zh")
    assert "请分别指定映射文件" in zh.stderr
    # a data error is no sign of two systems: no such hint
    rows = list(csv.reader(io.StringIO(new.read_text(encoding="utf-8"))))
    rows[0][0] = "Worker ID"
    rows[0][7:] = [f"SKILL-{i + 1:02d}" for i in range(len(rows[0]) - 7)]
    rows[1][8] = "9"
    new.write_text(_text(rows), encoding="utf-8")
    result = run_cli(runner, "diff", old, new, "--mapping", old_map)
    assert result.exit_code == 2 and "--mapping-old" not in result.stderr


def test_diff_help_names_the_mapping_of_each_side(runner):
    text = _flat(run_cli(runner, "diff", "--help").output)
    assert "--mapping-old" in text and "--mapping-new" in text


# ---------------------------------------------------------------------------------------------
# Hire dates that give the month only; re-hired retirees (退休返聘)
# ---------------------------------------------------------------------------------------------

MONTHS = ["2019年3月", "2019-03", "Mar 2019", "03/2019", "2019/3", "March 2019", "2019.03", "2019年03月份"]


@pytest.mark.parametrize("mapped", [False, True])
def test_a_hire_date_that_gives_the_month_only_is_its_first_day(runner, tmp_path, mapped):
    rows = [[*HEADER[:5], "hire_date", *HEADER[6:]]]
    for i, r in enumerate(ROWS[1:]):
        rows.append([*r[:5], MONTHS[i % len(MONTHS)] if i < 40 else "2019-03-01", *r[6:]])
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    args = ["--as-of", "2026-06-30"]
    if mapped:
        draft = tmp_path / "hris.yaml"
        assert run_cli(runner, "init", "--mapping", roster, "-o", draft).exit_code == 0
        args += ["--mapping", draft]
    result = run_cli(runner, "person", roster, "000101", "-f", "json", *args)
    assert result.exit_code == 0, result.output  # was exit 2: "hire_date is not a date" on 40 rows
    data = json.loads(result.stdout)["person"]
    assert data["tenure_years"] == pytest.approx((2026 - 2019) + 121 / 365.25, abs=0.01)  # from 2019-03-01
    text = _flat(result.stderr)
    assert "40 hire dates give the month only (2019年3月, 2019-03, Mar 2019): read as the 1st of the month" in text
    zh = run_cli(runner, "validate", roster, "--lang", "zh", *args)
    assert "40个入职日期只写到月份" in "".join(zh.output.split())


@pytest.mark.parametrize("text", ["2019-13", "13/2019", "Foo 2019", "2019年13月", "Mar 19", "19-03"])
def test_a_month_that_is_no_month_is_still_not_a_date(runner, tmp_path, text):
    rows = [[*HEADER[:5], "hire_date", *HEADER[6:]]] + [[*r[:5], "2019-03-01", *r[6:]] for r in ROWS[1:]]
    rows[1][5] = text
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    result = run_cli(runner, "validate", roster, "--as-of", "2026-06-30")
    assert result.exit_code == 2 and "hire_date is not a date" in _flat(result.output)


def test_as_of_still_asks_for_a_day(runner):
    result = run_cli(runner, "analyze", EXAMPLE, "--as-of", "2026-06")
    assert result.exit_code == 2


def test_a_re_hired_retiree_is_internal(runner, tmp_path):
    rows = [r[:] for r in ROWS]
    kind, status = HEADER.index("employment_type"), len(HEADER)
    rows[0].append("员工状态")
    for r in rows[1:]:
        r.append("在职")
    rows[1][kind], rows[1][status] = "退休返聘", "退休返聘"  # 000101: an experienced insider
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    result = run_cli(runner, "person", roster, "000101", "-f", "json")
    # was: an unknown employment type, with a warning, and never ready as an experienced insider
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["person"]["employment_type"] == "internal"
    assert "experienced_insider" in data["ready_for"]
    assert "employment_type" not in result.stderr


def test_every_month_only_form_is_the_first_of_that_month(tmp_path):
    from datetime import date

    from sscgap import load_profiles, load_roster

    rows = [[*HEADER[:5], "hire_date", *HEADER[6:]]]
    rows += [[*r[:5], MONTHS[i], *r[6:]] for i, r in enumerate(ROWS[1 : len(MONTHS) + 1])]
    roster = tmp_path / "staff.csv"
    roster.write_text(_text(rows), encoding="utf-8")
    people = load_roster(roster, load_profiles(), as_of=date(2026, 6, 30)).people
    expected = (date(2026, 6, 30) - date(2019, 3, 1)).days / 365.25
    assert people["tenure_years"].tolist() == pytest.approx([expected] * len(MONTHS))  # 2019.03 is no serial
