"""Hostile names through the real renderers: shown as written, never acted on.

A roster and a profile set full of names that are markup, formulas or code go through every
output format; each format is then read the way its consumer reads it (a Markdown renderer, an
HTML parser, a spreadsheet's formula rules, Rich) and must show the text without running it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from sscgap.report import Format
from sscgap.report.safe import FORMULA_TRIGGERS

from conftest import MINI_PROFILES, run_cli

HOSTILE_IDS = ["=1+1", "@SUM(A1)", "-2+3", "+7", "-cmd", "004", "007"]
HOSTILE_NAMES = [
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "a|b\nc",
    "x`y``z",
    "[/]",
    "[link=http://evil]click[/link]",
    "<img src=x onerror=alert(1)>",
]
HOSTILE_GROUPS = ["a|b\nc", "[/]", "<b>HR</b>", '=HYPERLINK("http://evil")', "# heading", "-1", "`x`"]
EVIL_ARCHETYPE = "<script>alert(2)</script> `x` | [/] *y*"
EVIL_ROLE = '=HYPERLINK("http://evil","click") <img src=x onerror=alert(3)>'


def _write_inputs(tmp_path: Path, benign: bool) -> tuple[Path, Path]:
    """A roster where every name is hostile, and profiles whose names are hostile too; or the
    same files with harmless names (``benign``), to compare the shape of the outputs."""
    def safe(text: str, i: int) -> str:
        return f"name{i}" if benign else text

    roster = tmp_path / ("benign.csv" if benign else "staff.csv")
    with roster.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["employee_id", "name", "department", "site", "tenure_years",
                    "employment_type", "analysis", "communication", "leadership"])  # fmt: skip
        for i, (pid, name, group) in enumerate(
            zip(HOSTILE_IDS, HOSTILE_NAMES, HOSTILE_GROUPS, strict=True)
        ):
            levels = [4, 3, 5] if i % 2 == 0 else [3, 3, 3]  # ready and near people
            w.writerow([safe(pid, i), safe(name, 10 + i), safe(group, 20 + i),
                        safe(group, 20 + i), 5, "internal", *levels])  # fmt: skip
    profiles = tmp_path / ("benign_profiles" if benign else "profiles")
    shutil.copytree(MINI_PROFILES, profiles)
    arch = profiles / "archetypes" / "01_analyst.yaml"
    text = arch.read_text(encoding="utf-8")
    archetype, role = safe(EVIL_ARCHETYPE, 30), safe(EVIL_ROLE, 31)
    text = text.replace("  en: Analyst\n  zh: 分析师\nsummary", f"  en: {json.dumps(archetype)}\n"
                        f"  zh: {json.dumps(archetype)}\nsummary", 1)  # fmt: skip
    text = text.replace("    en: Analyst\n", f"    en: {json.dumps(role)}\n", 1)
    arch.write_text(text, encoding="utf-8")
    return roster, profiles


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    return _write_inputs(tmp_path, benign=False)


@pytest.fixture
def benign(tmp_path: Path) -> tuple[Path, Path]:
    return _write_inputs(tmp_path, benign=True)


def _run(runner, hostile, fmt: str, tmp_path: Path, *extra: str) -> bytes:
    if fmt not in Format.__members__:
        pytest.skip(f"no {fmt} renderer on this branch")
    roster, profiles = hostile
    out = tmp_path / f"out.{fmt}"
    command = "report" if fmt in ("markdown", "html") and _has_report(runner) else "analyze"
    args = [command, roster, "-p", profiles, "-f", fmt, "-o", out, "--by", "department", *extra]
    result = run_cli(runner, *args)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    return out.read_bytes()


def _has_report(runner) -> bool:
    return run_cli(runner, "report", "--help").exit_code == 0


# ---------------------------------------------------------------------------------------------
# Terminal
# ---------------------------------------------------------------------------------------------


def test_terminal_table_shows_markup_as_text(runner, hostile):
    roster, profiles = hostile
    result = run_cli(runner, "analyze", roster, "-p", profiles, "--by", "department")
    assert result.exit_code in (0, 1), result.output
    out = result.stdout
    assert re.search(r"^ \[/\] +\d", out, re.M)  # the group as written: not a crash, not swallowed
    assert "<script>alert(2)</script> `x` | [/]" in out  # the archetype name as written
    result = run_cli(runner, "profiles", "show", "analyst", "-p", profiles)
    assert result.exit_code == 0 and "<script>alert(2)</script> `x` | [/] *y*" in result.stdout
    assert run_cli(runner, "profiles", "list", "-p", profiles).exit_code == 0


def test_validate_shows_markup_as_text(runner, tmp_path):
    roster = tmp_path / "staff.csv"
    roster.write_text(
        "employee_id,[/],[bold]x,analysis,tenure_years,employment_type\n001,1,2,3,5,internal\n", encoding="utf-8"
    )
    result = run_cli(runner, "validate", roster, "-p", MINI_PROFILES)
    assert result.exit_code == 0, result.output
    assert "[/]" in result.stdout and "[bold]x" in result.stdout


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Every tag and attribute of an HTML document, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.rows: list[tuple[int, int]] = []  # (table number, cells) per <tr>
        self._table = 0
        self._cells: int | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        if tag == "table":
            self._table += 1
        elif tag == "tr":
            self._cells = 0
        elif tag in ("td", "th") and self._cells is not None:
            self._cells += 1

    def handle_endtag(self, tag):
        if tag == "tr" and self._cells is not None:
            self.rows.append((self._table, self._cells))
            self._cells = None

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    return p


def _assert_inert(doc: _Tags, reference: _Tags) -> None:
    """No element, attribute or script came from the data: the hostile document has exactly
    the tags of the same document with harmless names, and no event handler or script URL."""
    assert sorted(t for t, _ in doc.tags) == sorted(t for t, _ in reference.tags)
    assert "script" not in [t for t, _ in doc.tags]
    for tag, attrs in doc.tags:
        for key, value in attrs:
            assert not key.startswith("on"), (tag, key)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, key)


def _assert_tables_intact(doc: _Tags, reference: _Tags) -> None:
    """Every table row has as many cells as with harmless names: no name split a row."""
    assert doc.rows == reference.rows


def _markdown_html(text: str) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def test_markdown_escapes_names(runner, hostile, benign, tmp_path):
    text = _run(runner, hostile, "markdown", tmp_path).decode("utf-8")
    reference = _parse(_markdown_html(_run(runner, benign, "markdown", tmp_path).decode()))
    doc = _parse(_markdown_html(text))
    _assert_inert(doc, reference)
    _assert_tables_intact(doc, reference)
    shown = "".join(doc.text)
    assert "<script>alert(2)</script> `x` | [/] *y*" in shown  # the archetype, as written
    for group in ("<b>HR</b>", '=HYPERLINK("http://evil")', "# heading", "`x`"):
        assert group in shown, group
    names_shown = [n for n in HOSTILE_NAMES if n.replace("\n", " ") in shown]
    if "Ready" in shown or "ready" in shown:
        assert names_shown, "the people lists name people, escaped"
    # no line of a table was broken by a name: every table line starts and ends with a pipe
    for line in text.splitlines():
        if line.startswith("|"):
            assert line.rstrip().endswith("|"), line


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


def test_html_escapes_everything(runner, hostile, benign, tmp_path):
    html = _run(runner, hostile, "html", tmp_path).decode("utf-8")
    doc = _parse(html)
    reference = _parse(_run(runner, benign, "html", tmp_path).decode("utf-8"))
    _assert_inert(doc, reference)
    _assert_tables_intact(doc, reference)
    shown = "".join(doc.text)
    assert "<script>alert(2)</script> `x` | [/] *y*" in shown
    for group in ("<b>HR</b>", '=HYPERLINK("http://evil")', "a|b"):
        assert group in shown, group
    # nothing from the data opened a tag: the only tags are the template's
    assert not re.search(r"<\s*script", html, re.I)


# ---------------------------------------------------------------------------------------------
# CSV and Excel
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def _formula_like(cell: str) -> bool:
    return bool(cell) and cell.lstrip(" \u3000")[:1] in FORMULA_TRIGGERS and not _NUMBER.match(cell)


@pytest.mark.parametrize("extra", [(), ("--csv-table", "coverage")])
def test_csv_neutralises_formulas(runner, hostile, tmp_path, extra):
    if extra and run_cli(runner, "analyze", "--help").stdout.find("--csv-table") < 0:
        pytest.skip("no --csv-table on this branch")
    data = _run(runner, hostile, "csv", tmp_path, *extra).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data, newline="")))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if _formula_like(c)]
    if not extra:  # the people table: every hostile id and name is there, neutralised
        for value in HOSTILE_IDS + HOSTILE_NAMES:
            if _formula_like(value):
                assert "'" + value in cells, value
            else:  # a plain number such as "+7" may stay as it is or be quoted: both are text
                assert value in cells or "'" + value in cells, value


def test_xlsx_has_no_formulas(runner, hostile, tmp_path):
    import openpyxl

    data = _run(runner, hostile, "xlsx", tmp_path)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = openpyxl.load_workbook(io.BytesIO(data))
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    seen.add(cell.value.removeprefix("'"))
                    assert cell.data_type != "f", (ws.title, cell.coordinate)
                    if _formula_like(cell.value):
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    assert '=HYPERLINK("http://evil")' in seen  # shown as text, not dropped


# ---------------------------------------------------------------------------------------------
# JSON: data for scripts, exactly as given
# ---------------------------------------------------------------------------------------------


def test_json_keeps_values_exactly(runner, hostile, tmp_path):
    data = json.loads(_run(runner, hostile, "json", tmp_path))
    text = json.dumps(data, ensure_ascii=False)
    assert EVIL_ARCHETYPE in text
    groups = {g["value"] for g in data["groups"]}
    assert {"a|b\nc", "[/]", "<b>HR</b>"} <= groups


# ---------------------------------------------------------------------------------------------
# person and diff
# ---------------------------------------------------------------------------------------------


def _command_formats(runner, command: str) -> list[str]:
    result = run_cli(runner, command, "--help")
    if result.exit_code != 0:
        pytest.skip(f"no `{command}` on this branch")
    return [f for f in ("table", "markdown", "json") if f in result.stdout]


def _check_view(fmt: str, text: str, reference: str) -> None:
    if fmt == "markdown":
        doc, ref = _parse(_markdown_html(text)), _parse(_markdown_html(reference))
        _assert_inert(doc, ref)
        _assert_tables_intact(doc, ref)
    elif fmt == "json":
        json.loads(text)


def test_person_view_with_hostile_names(runner, hostile, benign):
    for fmt in _command_formats(runner, "person"):
        outs = []
        for (roster, profiles), pid in ((hostile, "@SUM(A1)"), (benign, "name1")):
            result = run_cli(runner, "person", roster, pid, "-p", profiles, "-f", fmt)
            assert result.exit_code == 0, result.output
            outs.append(result.stdout)
        _check_view(fmt, *outs)
        if fmt != "json":
            assert "<script>alert(1)</script>" in outs[0] or "&lt;script&gt;" in outs[0]


def test_diff_view_with_hostile_names(runner, hostile, benign, tmp_path):
    for fmt in _command_formats(runner, "diff"):
        outs = []
        for roster, profiles in (hostile, benign):
            # the second snapshot: everyone but the first person (a leaver)
            lines = roster.read_text(encoding="utf-8").splitlines(keepends=True)
            newer = roster.with_name("new_" + roster.name)
            newer.write_text(lines[0] + "".join(lines[2:]), encoding="utf-8")
            result = run_cli(runner, "diff", roster, newer, "-p", profiles, "-f", fmt)
            assert result.exit_code in (0, 1), result.output
            outs.append(result.stdout)
        _check_view(fmt, *outs)
