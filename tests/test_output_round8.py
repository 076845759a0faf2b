"""Round 8: the terminal views as their users see them in a pipe, a file or a narrow terminal.

No line of piped output ends in spaces; ``COLUMNS`` sets the width of piped output; Chinese
cells and paragraphs break where a reader expects; headers wrap between words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import EXAMPLE, EXAMPLE_ZH, ROOT, run_cli

Q2 = ROOT / "examples" / "staff_q2.csv"


def _trailing(text: str) -> list[str]:
    return [line for line in text.split("\n") if line != line.rstrip()]


def _widest(text: str) -> int:
    return max(cell_len(line) for line in text.split("\n"))


# every command that prints a table, in both languages where the table differs
COMMANDS = [
    ("analyze", EXAMPLE),  # --by department: test_piped_output_honours_columns
    ("analyze", EXAMPLE, "--by", "site", "--exclusive"),
    ("analyze", EXAMPLE_ZH, "--lang", "zh", "--by", "部门"),
    ("person", EXAMPLE, "000101"),
    ("person", EXAMPLE, "000101", "--lang", "zh"),
    ("diff", EXAMPLE, Q2),
    ("diff", EXAMPLE, Q2, "--lang", "zh"),
    ("trend", EXAMPLE, Q2),
    ("profiles", "list"),
    ("profiles", "list", "--lang", "zh"),
    ("profiles", "show", "leader"),
    ("profiles", "show", "data_analysis", "--lang", "zh"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(str(x).replace(str(ROOT), "") for x in a))
def test_piped_output_has_no_trailing_whitespace(runner, args):
    result = run_cli(runner, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert _trailing(result.stdout) == []


def test_validate_table_has_no_trailing_whitespace(runner, tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_id,name,leadership\n1,a,9\n1,b,x\n", encoding="utf-8")
    for lang in ("en", "zh"):
        result = run_cli(runner, "validate", bad, "--lang", lang)
        assert result.exit_code == 2
        assert _trailing(result.stdout) == []


def test_a_table_written_to_a_file_has_no_trailing_whitespace(runner, tmp_path: Path):
    out = tmp_path / "out.txt"
    assert run_cli(runner, "analyze", EXAMPLE, "-f", "table", "-o", out).exit_code == 0
    assert _trailing(out.read_text(encoding="utf-8")) == []


def test_piped_output_is_100_columns_without_columns(runner):
    text = run_cli(runner, "analyze", EXAMPLE, "--by", "department").stdout
    assert 90 < _widest(text) <= 100


@pytest.mark.parametrize("columns", ["140", "72"])
def test_piped_output_honours_columns(runner, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    text = run_cli(runner, "analyze", EXAMPLE, "--by", "department").stdout
    assert int(columns) - 10 < _widest(text) <= int(columns)
    assert _trailing(text) == []


def test_a_table_file_honours_columns(runner, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("COLUMNS", "140")
    out = tmp_path / "out.txt"
    assert run_cli(runner, "analyze", EXAMPLE, "-f", "table", "-o", out).exit_code == 0
    assert 130 < _widest(out.read_text(encoding="utf-8")) <= 140


@pytest.mark.parametrize("columns", ["20", "x", ""])
def test_columns_too_narrow_or_not_a_number(runner, monkeypatch, columns):
    """Below 60 columns the views are drawn at 60 (as on a terminal); a COLUMNS that is not a
    number is ignored."""
    monkeypatch.setenv("COLUMNS", columns)
    text = run_cli(runner, "profiles", "list").stdout
    assert _widest(text) <= (60 if columns == "20" else 100)


# ---------------------------------------------------------------------------------------------
# validate --lang zh: its Problem column breaks as the reports' tables do
# ---------------------------------------------------------------------------------------------


def test_validate_zh_breaks_between_words_not_inside_them(runner, monkeypatch, tmp_path: Path):
    """Rich folded the Problem column at its width: ``…未评估的请留`` / ``空``, ``c`` /
    ``ommunication``; through the reports' line breaking a line ends between words (and after
    a phrase mark), never one character or a Latin fragment alone."""
    bad = tmp_path / "bad.csv"
    bad.write_text("employee_id,name,leadership,foo\n1,a,9,\n1,b,x,\nTotal,,,\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "60")
    text = run_cli(runner, "validate", bad, "--lang", "zh").stdout
    lines = [line.strip() for line in text.split("\n")]
    assert "已跳过" in text  # the totals line under the table, skipped
    assert "空" not in lines and not any(line.endswith("已跳") for line in lines)
    assert "communication," in text  # a Latin word whole on one line
    assert _widest(text.split("\n", 1)[1]) <= 60 and _trailing(text) == []  # under the file's name


# ---------------------------------------------------------------------------------------------
# 60 columns: English headers wrap between words (or take a short form), never inside a word
# ---------------------------------------------------------------------------------------------

HEADER_WORDS = ("Target", "Ready", "Coverage", "Change", "Required", "Demand", "Supply", "Shortfall",
                "assessed", "(excl.)", "Competencies", "Levels")  # fmt: skip


@pytest.mark.parametrize(
    ("columns", "args"),
    [("60", ("analyze", EXAMPLE, "--exclusive")), ("64", ("analyze", EXAMPLE, "--exclusive")),
     ("60", ("diff", EXAMPLE, Q2)), ("60", ("person", EXAMPLE, "000101"))],
    ids=["60-analyze", "64-analyze", "60-diff", "60-person"],
)  # fmt: skip
def test_narrow_headers_never_fold_inside_a_word(runner, monkeypatch, columns, args):
    monkeypatch.setenv("COLUMNS", columns)
    text = run_cli(runner, *args).stdout
    tokens = set(text.split())
    # a word folded leaves its start on one line: "Targ" / "et", "Requ" / "ired"
    pieces = {t for t in tokens for w in HEADER_WORDS if t != w and len(t) >= 3 and w.startswith(t)}
    assert pieces == set()
    assert _widest(text) <= int(columns)


def test_short_headers_only_where_needed(runner, monkeypatch):
    """At 100 columns every header is whole; at 60 the gaps table says ``Req.``."""
    full = run_cli(runner, "analyze", EXAMPLE).stdout
    assert "Req." not in full and "Required" in full
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run_cli(runner, "analyze", EXAMPLE).stdout
    assert "Req." in narrow


# ---------------------------------------------------------------------------------------------
# profiles show --lang zh: paragraphs run the full width
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80])
def test_profiles_show_zh_paragraphs_fill_the_width(runner, monkeypatch, columns):
    """A Chinese summary ended its lines at a phrase mark half-way (``…管理者。`` at 60 of 80
    columns, then ``…合作伙伴、`` at 72): every line of a paragraph but its last now runs to
    within a character (and a closing mark) of the width."""
    monkeypatch.setenv("COLUMNS", str(columns))
    for archetype in ("leader", "process_consultant"):
        text = run_cli(runner, "profiles", "show", archetype, "--lang", "zh").stdout
        lines = text.split("\n")
        summary = lines[1 : lines.index(next(x for x in lines if x.startswith("出处")))]
        assert len(summary) >= 2
        for line in summary[:-1]:
            assert columns - 3 <= cell_len(line) <= columns, line
        assert cell_len(summary[-1]) > 4  # never a character alone on the last line


# ---------------------------------------------------------------------------------------------
# the HTML report on paper: short tables and the verdict whole, long tables break with their header
# ---------------------------------------------------------------------------------------------


def test_print_keeps_short_tables_and_the_verdict_whole(runner, tmp_path: Path):
    """Printed (A4, in headless Chromium), the principles table of the example, two rows, was
    split over pages 2 and 3 (its header repeated above its second row). A short table (up to
    eight rows) and the verdict stay on one page; a long table still breaks between its rows, its
    header row repeated on the next page (a near-people list of ten)."""
    import os
    import shutil
    import subprocess

    from headless import Chromium

    executable = os.environ.get("SSCGAP_CHROMIUM") or shutil.which("chromium")
    pdftotext = shutil.which("pdftotext")
    if executable is None or pdftotext is None:
        pytest.skip("no Chromium or pdftotext (poppler-utils): print check skipped")
    page, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    assert run_cli(runner, "report", EXAMPLE, "-o", page).exit_code == 0
    # the heatmap (its own pages, thousands of cells) is left out: printed in a third of the time
    html = page.read_text(encoding="utf-8")
    start, end = html.index('<section id="heatmap"'), html.index('<section id="inputs"')
    page.write_text(html[:start] + html[end:], encoding="utf-8")
    browser = Chromium(executable)
    try:
        browser.pdf(page, pdf)
    finally:
        browser.close()
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    pages = [[" ".join(x.split()) for x in p.splitlines() if x.strip()] for p in text.split("\f")]

    def on(start: str) -> set[int]:
        return {n for n, lines in enumerate(pages) for x in lines if x.startswith(start)}

    assert len(on("Customer-service-centred 84 / 150") | on("Continuous improvement 35 / 150")) == 1
    assert len(on("Coverage index") | on("Seats to fill across all archetypes")) == 1
    header = "Person Fit Lacks (current → required)"
    assert any(lines[0] == header for lines in pages[1:] if lines), "no long table broke over a page"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_diff_keeps_a_persons_name_and_id_on_one_line(runner, monkeypatch, lang):
    """At 80 columns the diff's people broke inside a name (``Tang`` / ``Hao（000252）``) or
    between a name and its id (``Liu Siyuan`` / ``(000194)``)."""
    monkeypatch.setenv("COLUMNS", "80")
    text = run_cli(runner, "diff", EXAMPLE, Q2, "--lang", lang).stdout
    lines = text.split("\n")
    for name, eid in [("Tang Hao", "000252"), ("Liu Siyuan", "000194"), ("Huang Zhiyuan", "000213"),
                      ("Gao Haiyan", "000240"), ("Wang Hongmei", "000180")]:  # fmt: skip
        who = f"{name} ({eid})" if lang == "en" else f"{name}（{eid}）"
        assert any(who in line for line in lines), (who, [x for x in lines if eid in x])
