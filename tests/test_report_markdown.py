"""Markdown report: golden files, escaping of hostile names, bounded sections."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, ROOT, run_cli
from goldtest import check_golden

MINI = ("tests/data/mini_roster.csv", "--profiles", "tests/data/mini_profiles")
HOSTILE = ("tests/data/hostile_roster.csv", "--profiles", "tests/data/mini_profiles")


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    # relative paths in the report, and a fixed date: golden files stay stable
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01


def _report(runner, *args: str) -> str:
    result = run_cli(runner, "report", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("mini_en.md", MINI),
        ("mini_zh.md", (*MINI, "--lang", "zh")),
        ("mini_by_department_en.md", (*MINI, "--by", "department")),
        ("mini_by_department_zh.md", (*MINI, "--by", "department", "--lang", "zh")),
        ("hostile_en.md", (*HOSTILE, "--by", "department", "--title", "Q1 | <b>review</b>")),
    ],
)
def test_markdown_golden(runner, name, args):
    check_golden(name, _report(runner, *args))


def test_the_date_comes_from_source_date_epoch(runner):
    assert "Generated on 2025-01-01 by sscgap." in _report(runner, *MINI)


def test_markdown_sections_in_order(runner):
    text = _report(runner, *MINI, "--by", "department")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Verdict",
        "## Recommended next actions",
        "## Coverage per archetype",
        "## Competency gaps",
        "## Competency categories",
        "## Bench and key-person risk",
        "## Breakdown by department",
        "## Inputs",
        "## Data quality",
        "## How to read this report",
        "## Ready and near people",
    ]
    # a table of contents whose links are the anchors GitHub gives the headings
    from sscgap.report.markdown import slug

    toc = re.findall(r"^\d+\. \[(.+)\]\(#(.+)\)$", text, flags=re.M)
    assert [f"## {title}" for title, _ in toc] == headings
    assert all(anchor == slug(title) for title, anchor in toc)
    assert slug("Breakdown by department") == "breakdown-by-department"
    # the people are folded, one <details> per archetype
    people = text.split("## Ready and near people")[1]
    assert people.count("<details>") == people.count("</details>") == 2


def test_markdown_content_of_the_mini_example(runner):
    text = _report(runner, *MINI)
    assert "**Coverage index: 75.0%**" in text
    assert "| 1 | Analyst | 2 | 1 | 2 | 50% `█████░░░░░` | 1 | ⚠️ thin |" in text
    # the near people and what they lack; critical gaps in bold
    assert "| Dan (004) | 83% | **Analysis 3→4** |" in text
    assert "| Bo (002) | 89% | Communication 2→3 |" in text
    # the recommended action (build / buy / borrow) names the nearest one
    assert "1. **Analyst** (build 1, gap 1): 2 near people can close the gap of 1: develop 1" in text
    assert "   - Bo (002) · 89%: Communication 2→3" in text
    assert "Ratings not assessed: 4 of 15 (26.7%)" in text


def test_people_lists_are_bounded(runner):
    text = _report(runner, *MINI, "--top", "1")
    where = "(every name: the xlsx report, or the JSON with --people)"
    assert f"- **Ready (3)**: Ann (001), and 2 more {where}" in text
    assert f"  and 1 more {where}" in text  # near people of the analyst archetype
    assert "Dan (004)" not in text.split("## Ready and near people")[1].split("<strong>2. ")[0]
    assert "… and 1 more (every row: the xlsx report or the JSON)" in text  # competency gaps


# ---------------------------------------------------------------------------------------------
# escaping
# ---------------------------------------------------------------------------------------------


def test_escape_neutralises_markdown_and_html():
    from sscgap.report.markdown import escape

    assert escape("a|b") == r"a\|b"
    assert escape("line\nbreak\r\nx") == "line break x"
    assert escape("<script>") == "&lt;script&gt;"
    assert escape("*b* _i_ [l](u) `c` ~s~") == r"\*b\* \_i\_ \[l\](u) \`c\` \~s\~"
    assert escape("# heading") == r"\# heading"  # cannot start a heading
    assert escape("&amp; R&D") == "&amp;amp; R&D"
    assert escape("back\\slash") == r"back\\slash"


def _html_of(markdown: str) -> tuple[str, list]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return md.render(markdown), md.parse(markdown)


def test_hostile_names_cannot_inject_or_break_tables(runner):
    text = _report(runner, *HOSTILE, "--by", "department", "--title", "Q1 | <b>review</b>")
    html, tokens = _html_of(text)
    # nothing from the roster became HTML
    ours = html.replace('<a href="#', "")  # the table of contents links to the headings
    for tag in ("<script", "<img", "<b>", "<a "):
        assert tag not in ours, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # every table row has as many cells as its header
    widths: list[int] = []
    cells = 0
    header = None
    for tok in tokens:
        if tok.type == "thead_open":
            header, cells = None, 0
        elif tok.type in ("th_open", "td_open"):
            cells += 1
        elif tok.type == "tr_close":
            if header is None:
                header = cells
            widths.append(cells - header)
            cells = 0
    assert widths and all(w == 0 for w in widths)
    # a newline inside a name did not start a new line of the document
    assert "Line Break \\*bold\\*" in text


def test_names_are_listed_verbatim_after_escaping(runner):
    from markdown_it import MarkdownIt

    text = _report(runner, *HOSTILE)
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "Eve | &lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert '=HYPERLINK("http://evil.example","click")' in rendered.replace("&quot;", '"')


def test_unknown_columns_are_escaped_in_data_quality(runner):
    text = _report(runner, *HOSTILE)
    assert "Unknown columns ignored: &lt;b&gt;notes&lt;/b&gt;" in text


def test_markdown_renderer_is_pure(mini_profiles):
    from sscgap.engine import analyze
    from sscgap.report import Format, RenderOptions, get_renderer
    from sscgap.roster import load_roster

    analysis = analyze(mini_profiles, load_roster(DATA / "mini_roster.csv", mini_profiles))
    render = get_renderer(Format.markdown)
    options = RenderOptions(generated="2030-12-31")
    assert render(analysis, options) == render(analysis, options)
    assert "Generated on 2030-12-31" in render(analysis, options)
    assert "Generated by sscgap." in render(analysis, RenderOptions())
