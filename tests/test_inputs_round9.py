"""Round 9: rosters as HR people have them.

Rosters saved in Big5, as Excel's "CSV" on Traditional Chinese Windows writes them
(Taiwan; Big5-HKSCS in Hong Kong). Every Big5 byte pair is also a valid GB18030 pair, so such a
file used to be read as GB18030 without an error, into the wrong characters: no header was found
and every name was garbled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sscgap.roster.csv import _looks_big5

from conftest import run_cli

HEADER = "員工編號,姓名,部門,地點,崗位,司齡,用工類型,領導力,溝通能力,協調能力,同理心,團隊管理,業務功底,內部人脈"
ROWS = [
    "0001,陳美玲,財務共享中心,台北,經理,8.5,內部,4,4,4,3,4,4,4",
    "0002,林志豪,應付帳款組,台中,專員,2,內部,2,3,2,3,1,3,2",
    "0003,黃淑芬,總帳組,高雄,主管,5,外部,3,4,3,4,3,4,3",
    "0004,張家豪,費用報銷組,台北,專員,1.5,外包,1,2,2,3,1,2,1",
]


def _write(path: Path, rows: list[str], encoding: str) -> Path:
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding))
    return path


def _json(runner, path: Path, out: Path) -> dict:
    result = run_cli(runner, "analyze", path, "-f", "json", "-o", out)
    assert result.exit_code == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("encoding", ["cp950", "big5hkscs"])
def test_a_big5_roster_reads_as_the_same_roster_in_utf8(runner, tmp_path, encoding):
    rows = list(ROWS)
    if encoding == "big5hkscs":  # a Hong Kong name: 嘢 is in HKSCS, not in plain Big5
        rows[3] = rows[3].replace("張家豪", "張嘢")
    big5 = _json(runner, _write(tmp_path / "tw.csv", rows, encoding), tmp_path / "a.json")
    utf8 = _json(runner, _write(tmp_path / "tw_utf8.csv", rows, "utf-8"), tmp_path / "b.json")
    assert big5["summary"] == utf8["summary"]
    assert big5["summary"]["staff"] == 4
    assert big5["archetypes"] == utf8["archetypes"]
    # the names and the values as written, in Traditional characters
    out = run_cli(runner, "person", tmp_path / "tw.csv", "0004" if encoding == "big5hkscs" else "0001", "--lang", "zh")
    assert out.exit_code == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert first.startswith("張嘢（0004）" if encoding == "big5hkscs" else "陳美玲（0001） · 經理 · 財務共享中心 · 台北")


def test_validate_finds_the_big5_headers(runner, tmp_path):
    path = _write(tmp_path / "tw.csv", ROWS, "cp950")
    result = run_cli(runner, "validate", path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
    assert "unknown column" not in result.stdout


def test_a_gbk_roster_with_rare_name_characters_stays_gb18030(runner, tmp_path):
    """Simplified Chinese in GBK, with names in GBK's extension (喆 堃 珺, whose second byte
    may be below 0xA1 as in Big5): still GB18030."""
    rows = [
        "员工编号,姓名,部门,司龄,用工类型,领导力,沟通能力",
        "1,王喆,财务部,3,内部,3,4",
        "2,李堃,财务部,5,内部,2,3",
        "3,张珺,人力资源部,2,外包,4,4",
        "4,刘伟,人力资源部,7,内部,1,2",
    ]
    path = tmp_path / "gbk.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("gb18030"))
    assert not _looks_big5(path.read_bytes())
    result = run_cli(runner, "person", path, "2", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("李堃（2）")


def test_the_big5_screen_on_the_shipped_chinese_example():
    examples = Path(__file__).resolve().parent.parent / "examples"
    assert not _looks_big5((examples / "staff_zh.csv").read_bytes()[:65536])
    assert _looks_big5(("\r\n".join([HEADER, *ROWS])).encode("cp950"))
    assert not _looks_big5(b"employee_id,name\n1,Ann\n")  # no pair at all


# Scores out of 100 (百分制), as appraisal systems export them: each cell is out of range 0-5,
# and the hint says what the column holds and how to convert it.


def _scores(tmp_path: Path, cells: list[str]) -> Path:
    rows = ["员工编号,姓名,部门,司龄,用工类型,领导力,沟通能力"]
    rows += [f"{i},员工{i},财务部,3,内部,{c},3" for i, c in enumerate(cells, start=1)]
    path = tmp_path / "scores.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lang", "hint"),
    [("en", "these look like scores out of 100, not levels"), ("zh", "这些看起来是百分制分数，不是等级")],
)
def test_scores_out_of_100_are_named_as_such(runner, tmp_path, lang, hint):
    path = _scores(tmp_path, ["85", "60", "92", "78"])
    result = run_cli(runner, "analyze", path, "--lang", lang)
    assert result.exit_code == 2
    assert hint in result.stderr
    assert ("divided by 20" if lang == "en" else "分数除以20") in result.stderr


@pytest.mark.parametrize("cells", [["3", "45", "2", "4"], ["7", "9", "6", "8"]])
def test_a_level_typed_wrong_or_a_scale_of_ten_keeps_the_plain_hint(runner, tmp_path, cells):
    path = _scores(tmp_path, cells)
    result = run_cli(runner, "analyze", path)
    assert result.exit_code == 2
    assert f"level out of range 0-5 (value '{cells[1]}')" in result.stderr
    assert "use a number from 0 (none) to 5 (expert)" in result.stderr
    assert "scores out of 100" not in result.stderr
