"""The reports read right: no alarm for nothing missing, a caption never repeats a heading or the
sentence above its table, the group heatmap says it shows means, counts in sentences are grouped
by thousands (20,000) in every format and language."""

from __future__ import annotations

import html as htmllib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLE, FULL_MATRIX, MINI_PROFILES, MINI_ROSTER, ROOT, run_cli

Q2 = EXAMPLE.parent / "staff_q2.csv"  # a quarter later: nobody is ready for one archetype


def _report(runner, tmp_path: Path, roster: Path, *args: str, name: str = "r.html") -> str:
    out = tmp_path / name
    result = run_cli(runner, "report", roster, "-o", out, *args)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def _cards(page: str) -> dict[str, str]:
    """The verdict cards: status -> the card's class."""
    return dict(
        (status, cls)
        for cls, status in re.findall(r'<div class="card ([\w ]+)" data-status="(\w+)">', page)
    )


# ---------------------------------------------------------------------------------------------
# 1. "missing" alarms only when something is missing
# ---------------------------------------------------------------------------------------------


def test_html_missing_card_is_plain_when_nothing_is_missing(runner, tmp_path):
    page = _report(runner, tmp_path, MINI_ROSTER, "-p", MINI_PROFILES)  # 1 covered, 1 thin, 0 missing
    assert _cards(page) == {"covered": "covered", "thin": "thin", "missing": "none"}
    assert 'class="card missing"' not in page
    # the plain card draws its number in the body colour, not the red of "missing"
    css = page.split("<style>")[1].split("</style>")[0]
    assert ".card.none .big { color: var(--fg); }" in css


def test_html_missing_card_alarms_when_an_archetype_is_missing(runner, tmp_path):
    if not Q2.exists():
        pytest.skip("the bundled example is not there")
    page = _report(runner, tmp_path, Q2)
    assert _cards(page)["missing"] == "missing"
    card = page.split('data-status="missing">')[1].split("</div></div>")[0]
    assert '<div class="big">0</div>' not in card


def test_markdown_marks_a_status_only_when_some_archetype_has_it(runner, tmp_path):
    md = _report(runner, tmp_path, MINI_ROSTER, "-p", MINI_PROFILES, name="r.md")
    verdict = md.split("## Verdict")[1].split("\n## ")[0]
    assert "- Missing: —" in verdict and "❌" not in verdict
    assert "- ✅ Covered: Manager" in verdict and "- ⚠️ Thin: Analyst" in verdict
    zh = _report(runner, tmp_path, MINI_ROSTER, "-p", MINI_PROFILES, "--lang", "zh", name="zh.md")
    assert "- 缺失：—" in zh and "❌" not in zh.split("## 结论")[1].split("\n## ")[0]
    if Q2.exists():
        q2 = _report(runner, tmp_path, Q2, name="q2.md")
        assert re.search(r"^- ❌ Missing: \S", q2, flags=re.M)


def test_terminal_verdict_has_no_alarm_style_when_nothing_is_missing(mini_profiles):
    from rich.text import Text

    from sscgap.engine import analyze
    from sscgap.report import RenderOptions
    from sscgap.report.document import build
    from sscgap.report.terminal import renderables
    from sscgap.roster import load_roster

    doc = build(analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles)), RenderOptions())
    assert doc.missing == 0
    last = renderables(doc, "t")[-1]
    assert isinstance(last, Text) and "0 missing" in last.plain
    assert "red" not in str(last.style) and not last.spans


# ---------------------------------------------------------------------------------------------
# 2. a caption says what its table holds; it never repeats the heading or the sentence above
# ---------------------------------------------------------------------------------------------


class _Sections(HTMLParser):
    """Per section: its headings, its captions, and its other visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict[str, list[str]]] = []
        self._in: str | None = None
        self._buf = ""
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.append({"headings": [], "captions": [], "text": []})
        elif tag in ("style", "svg"):
            self._skip += 1
        elif tag in ("h2", "h3", "caption") and self.sections:
            self._in, self._buf = tag, ""

    def handle_endtag(self, tag):
        if tag in ("style", "svg"):
            self._skip -= 1
        elif tag == self._in:
            text = " ".join(self._buf.split())
            self.sections[-1]["captions" if tag == "caption" else "headings"].append(text)
            self._in = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._in:
            self._buf += data
        elif self.sections:
            self.sections[-1]["text"].append(data)


def _doubled(page: str) -> list[str]:
    parser = _Sections()
    parser.feed(page)
    found = []
    for s in parser.sections:
        text = " ".join(" ".join(s["text"]).split()).casefold()
        headings = [h.casefold() for h in s["headings"]]
        for caption in s["captions"]:
            c = caption.casefold()
            assert c, "an empty caption"
            if any(c == h or c in h or h in c for h in headings):
                found.append(f"caption repeats a heading: {caption}")
            elif c in text:
                found.append(f"caption repeats the text above: {caption}")
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_caption_repeats_its_heading_or_sentence(runner, tmp_path, lang):
    roster = EXAMPLE if EXAMPLE.exists() else MINI_ROSTER
    prof = () if roster == EXAMPLE else ("-p", MINI_PROFILES)
    page = _report(runner, tmp_path, roster, *prof, "--by", "site" if roster == EXAMPLE else "department",
                   "--exclusive", "--lang", lang)
    assert page.count("<caption") >= 8
    assert _doubled(page) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_group_heatmap_caption_says_it_shows_means(mini_profiles, lang):
    from sscgap.engine import analyze
    from sscgap.report import RenderOptions
    from sscgap.report.html import render
    from sscgap.roster import load_roster

    analysis = analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles))
    page = render(analysis, RenderOptions(heatmap_limit=2, lang=lang))
    caption = page.split('<caption id="cap-heatmap">')[1].split("</caption>")[0]
    expected = {
        "en": "Mean assessed level per department and competency",
        "zh": "按部门统计的各项能力平均评估等级",
    }[lang]
    assert caption == expected
    assert _doubled(page) == []
    # one person per row: the caption says so
    page = render(analysis, RenderOptions(lang=lang))
    caption = page.split('<caption id="cap-heatmap">')[1].split("</caption>")[0]
    assert caption == {"en": "Assessed level per person and competency", "zh": "每位员工各项能力的评估等级"}[lang]


# ---------------------------------------------------------------------------------------------
# 3. counts in running text: 20,000, not 20000
# ---------------------------------------------------------------------------------------------

# a run of four or more digits that is not an id (leading zero), a year, a decimal or a percentage
UNGROUPED = re.compile(r"(?<![\d.,:/\-\w])(?!0)(?!20[0-9]{2}\b)\d{4,}(?![\d.,:\-%])")


def _sentences_html(page: str) -> list[str]:
    page = re.sub(r"<(style|svg|table)\b.*?</\1>", " ", page, flags=re.S)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "\n", page))
    return [" ".join(x.split()) for x in text.splitlines() if x.strip()]


def _sentences_md(md: str) -> list[str]:
    return [x for x in md.splitlines() if not x.lstrip().startswith("|")]  # tables are not sentences


def _generated(tmp_path_factory, n: int) -> Path:
    """A roster of ``n`` people from the benchmark's generator."""
    path = tmp_path_factory.mktemp(f"gen{n}") / f"r{n}.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "gen_roster.py"), str(n), str(path)],
        check=True, capture_output=True,
    )
    return path


@pytest.fixture(scope="module")
def big_roster(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, 1200)


def test_grouped_counts():
    import numpy as np

    from sscgap.report.common import grouped, t

    assert [grouped(x) for x in (7, 1200, 20000, np.int64(1234567))] == ["7", "1,200", "20,000", "1,234,567"]
    assert grouped(True) is True and grouped("20000") == "20000" and grouped(2.5) == 2.5
    assert t("verdict.seats", "zh", gap=10417) == "各类人才合计缺口：10,417人。"


@pytest.mark.parametrize("lang", ["en", pytest.param("zh", marks=FULL_MATRIX)])  # zh under ci
def test_counts_in_sentences_are_grouped_in_every_format(runner, tmp_path, big_roster, lang):
    page = _report(runner, tmp_path, big_roster, "--by", "department", "--lang", lang)
    md = _report(runner, tmp_path, big_roster, "--by", "department", "--lang", lang, name="r.md")
    people = {"en": "1,200 people are too many", "zh": "共1,200人"}[lang]
    assert people in page  # the sentence above the heatmap
    assert "1,200" in md.split("## " + {"en": "Inputs", "zh": "输入数据"}[lang])[1]
    for name, lines in (("html", _sentences_html(page)), ("markdown", _sentences_md(md))):
        bad = [line for line in lines if UNGROUPED.search(line)]
        assert bad == [], (name, bad[:5])
    terminal = run_cli(runner, "analyze", big_roster, "--lang", lang)
    assert terminal.exit_code == 0
    verdict = terminal.stdout.strip().splitlines()[-1]
    assert {"en": "1,200 staff", "zh": "共1,200人"}[lang] in verdict


# ---------------------------------------------------------------------------------------------
# 4. counts in table cells: 4,571 as in the sentences and the chart (round 4); JSON stays plain
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def roster_3000(tmp_path_factory) -> Path:
    return _generated(tmp_path_factory, 3000)


GROUPED = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")


def _cells_ungrouped(cells: list[str]) -> list[str]:
    return [c for c in cells if UNGROUPED.search(c)]


@pytest.mark.parametrize("lang", [pytest.param("en", marks=FULL_MATRIX), "zh"])  # en under ci
def test_counts_in_table_cells_are_grouped_in_every_human_format(runner, tmp_path, roster_3000, lang):
    args = ("--by", "department", "--exclusive", "--lang", lang)
    page = _report(runner, tmp_path, roster_3000, *args)
    md = _report(runner, tmp_path, roster_3000, *args, name="r.md")
    html_cells = [htmllib.unescape(re.sub(r"<[^>]+>", " ", c))
                  for c in re.findall(r'<td class="num">(.*?)</td>', page, flags=re.S)]
    md_cells = [c.strip() for line in md.splitlines() if line.lstrip().startswith("|") for c in line.split("|")]
    terminal = run_cli(runner, "analyze", roster_3000, *args)
    assert terminal.exit_code == 0, terminal.stderr
    term_cells = terminal.stdout.split()
    for name, cells in (("html", html_cells), ("markdown", md_cells), ("terminal", term_cells)):
        assert _cells_ungrouped(cells) == [], (name, _cells_ungrouped(cells)[:5])
        assert any(GROUPED.search(c) for c in cells), name  # there are counts of 1,000 or more
    # the gaps table's demand of the end-to-end view (about 2,200 of 3,000) as an example
    data = json.loads(run_cli(runner, "analyze", roster_3000, "-f", "json").stdout)
    demands = [lv["demand"] for c in data["competencies"] for lv in c.get("levels", [])]
    assert max(demands) >= 1000 and all(isinstance(d, int) for d in demands)  # JSON: plain numbers


def test_shares_of_a_thousand_percent_or_more_are_grouped(runner, tmp_path):
    """16 ready for a target of 1: the coverage reads 1,600% (was 1600%), as counts are grouped."""
    targets = tmp_path / "targets.yaml"
    targets.write_text("targets:\n  experienced_insider: {headcount: 1}\n", encoding="utf-8")
    outputs = [
        run_cli(runner, "analyze", EXAMPLE, "--targets", targets, *more).stdout
        for more in ((), ("--lang", "zh"), ("-f", "markdown"))
    ]
    html = tmp_path / "r.html"
    assert run_cli(runner, "report", EXAMPLE, "--targets", targets, "-o", html).exit_code == 0
    outputs.append(html.read_text(encoding="utf-8"))
    for out in outputs:
        assert "1,600%" in out and "1600%" not in out


def test_amount_is_grouped_and_never_in_exponent_notation():
    from sscgap.report.common import amount, count

    assert [count(x) for x in (7, 4571, 20000)] == ["7", "4,571", "20,000"]
    assert [amount(x) for x in (2.5, 1.25, 3.0, 12345.67, 1234567.0)] == ["2.5", "1.25", "3", "12,345.7", "1,234,567"]


def test_counts_in_the_diff_tables_are_grouped(runner, tmp_path, roster_3000):
    fewer = tmp_path / "r2000.csv"
    fewer.write_text("\n".join(roster_3000.read_text(encoding="utf-8").splitlines()[:2001]) + "\n", encoding="utf-8")
    md = run_cli(runner, "diff", roster_3000, fewer, "-f", "markdown")
    assert md.exit_code == 0, md.stderr
    cells = [c.strip() for line in md.stdout.splitlines() if line.startswith("|") for c in line.split("|")]
    assert _cells_ungrouped(cells) == [] and "1,000" in cells  # 1,000 leavers
    term = run_cli(runner, "diff", roster_3000, fewer)
    assert _cells_ungrouped(term.stdout.split()) == [] and "1,000" in term.stdout.split()
