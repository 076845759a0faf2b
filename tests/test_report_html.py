"""HTML report: self-contained, escaped, charts present; rendered in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import (
    DATA,
    EXAMPLE,
    EXAMPLE_ZH,
    FULL_MATRIX,
    MINI_PROFILES,
    MINI_ROSTER,
    once_per_run,
    run_cli,
)
from headless import Chromium

HOSTILE = DATA / "hostile_roster.csv"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def _html(runner, tmp_path, *args: str, roster=MINI_ROSTER, profiles=MINI_PROFILES) -> str:
    out = tmp_path / "report.html"
    prof = ("-p", profiles) if profiles else ()
    result = run_cli(runner, "report", roster, *prof, "-o", out, *args)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def test_html_is_self_contained(runner, tmp_path):
    html = _html(runner, tmp_path, "--by", "department")
    assert html.startswith("<!DOCTYPE html>")
    lowered = html.lower()
    for needle in ("<script", "<link", "@import", "url(", "<iframe", "<img", "http://", "https://"):
        assert needle not in lowered, needle
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_html_sections_and_charts(runner, tmp_path):
    html = _html(runner, tmp_path, "--by", "department")
    for section in (
        "inputs",
        "verdict",
        "coverage",
        "gaps",
        "categories",
        "people",
        "bench",
        "groups",
        "actions",
        "heatmap",
        "quality",
    ):
        assert f'<section id="{section}"' in html, section
    # one bar per archetype, with the ready share drawn to scale (1 of 2 ready = 50% of 200% axis)
    bars = re.findall(r'<svg class="bar (\w+)"', html)
    assert bars == ["thin", "covered"]
    assert '<rect class="ready" x="0" y="3" width="130.0"' in html
    # the heatmap: one row per person, one cell per competency
    table = html.split('id="heatmap-table"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    assert body.count("<tr>") == 5
    assert body.count('<td class="l') + body.count('<td class="na"') == 5 * 3


def test_html_heatmap_aggregates_when_the_roster_is_large(mini_profiles):
    from sscgap.engine import analyze
    from sscgap.report import RenderOptions
    from sscgap.report.html import render
    from sscgap.roster import load_roster

    analysis = analyze(mini_profiles, load_roster(MINI_ROSTER, mini_profiles))
    html = render(analysis, RenderOptions(heatmap_limit=2))
    assert "Mean assessed level per department" in html
    body = html.split('id="heatmap-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
    assert body.count("<tr>") == 2  # Finance, HR
    assert 'data-v="4.5"' in body  # HR leadership: mean of 4 and 5
    # each group's row says how many people its means stand for; the heading is a word people read
    assert '>Finance<span class="n">n=2</span></th>' in body and '>HR<span class="n">n=3</span>' in body
    corner = html.split('<tr class="comps">')[1].split("</th>")[0]
    assert corner.endswith(">Department")
    # a shade per tenth of a level on the fixed 0-5 scale: 4.5 is half way from level 4 to 5
    from sscgap.report.palette import MEAN_COLOURS, MEAN_TEXT

    assert '<td class="m45" data-v="4.5">' in body
    assert f"td.m45 {{ background: {MEAN_COLOURS[45]}; color: {MEAN_TEXT[45]}; }}" in html
    assert 'id="heatmap-legend"' in html and "fixed 0–5 scale" in html


def test_heatmap_mean_shades_are_honest_and_readable():
    """Whole levels keep the level colours; every tenth of a level is a darker shade than the
    one below (the order of the means is the order of the shades); all text passes WCAG AA."""
    import itertools

    from sscgap.report.html import contrast, luminance
    from sscgap.report.palette import LEVEL_COLOURS, LEVEL_TEXT, MEAN_COLOURS, MEAN_TEXT, mean_shade

    assert len(MEAN_COLOURS) == 51
    assert [MEAN_COLOURS[10 * k] for k in range(6)] == list(LEVEL_COLOURS)
    assert [MEAN_TEXT[10 * k] for k in range(6)] == list(LEVEL_TEXT)
    lum = [luminance(c) for c in MEAN_COLOURS]
    assert all(a > b for a, b in itertools.pairwise(lum))
    assert min(contrast(f, b) for f, b in zip(MEAN_TEXT, MEAN_COLOURS, strict=True)) >= 4.5
    assert [mean_shade(x) for x in (-1, 0, 1.62, 1.65, 1.82, 4.96, 7)] == [0, 0, 16, 16, 18, 50, 50]


def test_html_escapes_everything(runner, tmp_path):
    html = _html(runner, tmp_path, "--by", "department", "--title", "<i>Q1</i>", roster=HOSTILE)
    assert "<script>" not in html and "<img src=x" not in html and "<i>Q1" not in html
    assert "Eve | &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;notes&lt;/b&gt;" in html
    assert "<title>&lt;i&gt;Q1&lt;/i&gt;</title>" in html


def test_html_in_chinese(runner, tmp_path):
    html = _html(runner, tmp_path, "--lang", "zh", "--by", "department")
    assert '<html lang="zh-CN">' in html
    for text in (
        "测试人才模型：人才盘点报告",  # a custom set: its own name
        "各类人才覆盖情况",
        "能力热力图",
        "按部门分组",
        "分析师",
    ):
        assert text in html
    assert "Noto Sans CJK SC" in html  # a CJK font in the stack


# ---------------------------------------------------------------------------------------------
# a real browser
# ---------------------------------------------------------------------------------------------


def _browser() -> str | None:
    env = os.environ.get("SSCGAP_CHROMIUM")
    if env:
        return env
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for the module's pages (tests/headless.py: each load, screenshot
    and PDF as the command line's --dump-dom, --screenshot and --print-to-pdf gave them)."""
    path = _browser()
    if path is None:
        if os.environ.get("CI") and not os.environ.get("SSCGAP_ALLOW_NO_BROWSER"):
            pytest.fail(
                "no Chromium in CI: .ci/run installs Debian's chromium for this test "
                "(set SSCGAP_ALLOW_NO_BROWSER=1 to skip it where none can be installed)"
            )
        pytest.skip("no Chromium found (apt-get install chromium): browser check skipped")
    chromium = Chromium(path)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def example_html(tmp_path_factory) -> Callable[..., tuple[Path, str]]:
    """The report of a roster rendered once for the run (several tests look at the same page, on
    either worker): ``example_html(roster, *options)`` is its file and its text."""
    import hashlib

    def render(roster: Path, *args: str) -> tuple[Path, str]:
        from typer.testing import CliRunner

        def make(folder: Path) -> str:
            _html(CliRunner(), folder, *args, roster=roster, profiles=None)
            return str(folder / "report.html")

        key = hashlib.sha256(repr((str(roster), *args)).encode()).hexdigest()[:16]
        page = Path(once_per_run(tmp_path_factory, f"report-{key}", make))
        return page, page.read_text(encoding="utf-8")

    return render


def _screenshot(browser: Chromium, page: Path, png: Path) -> Path:
    browser.screenshot(page, png, (1280, 2000))
    assert png.exists()
    return png


def _scroll_width(browser: Chromium, page_html: str, width: int, folder: Path) -> tuple[int, int]:
    """The report's (scrollWidth, clientWidth) in a frame ``width`` px wide. Headless Chromium
    keeps its window at least 500 px wide, so the report goes into an iframe (``srcdoc``, same
    origin) of that width; the outer page measures it and writes the figures into its DOM."""
    from html import escape

    outer = folder / f"measure_{width}.html"
    outer.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" style="border:0;width:{width}px;height:800px" '
        f'srcdoc="{escape(page_html, quote=True)}"></iframe>'
        '<script>var f = document.getElementById("f"); f.addEventListener("load", function () {'
        "var e = f.contentDocument.documentElement;"
        'document.body.setAttribute("data-width", e.scrollWidth + " " + e.clientWidth);});'
        "</script></body></html>",
        encoding="utf-8",
    )
    found = re.search(r'data-width="(\d+) (\d+)"', browser.dom(outer))
    assert found, browser.log()
    return int(found.group(1)), int(found.group(2))


@pytest.fixture(scope="module")
def blank_size(browser, tmp_path_factory) -> int:
    """The size of a screenshot of an empty page, to tell a blank page from a report."""
    folder = tmp_path_factory.mktemp("blank")
    page = folder / "blank.html"
    page.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    return _screenshot(browser, page, folder / "blank.png").stat().st_size


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_html_renders_in_headless_chromium(runner, tmp_path, browser, blank_size, example_html, lang):
    roster = EXAMPLE if lang == "en" else EXAMPLE.with_name("staff_zh.csv")
    if roster.exists():
        page, html_text = example_html(roster, "--lang", lang, "--by", "site")
    else:  # the bundled example is not there: the mini one shows the same
        html_text = _html(runner, tmp_path, "--lang", lang, "--by", "site")
        page = tmp_path / "report.html"
    n_archetypes = html_text.count('<svg class="bar ')
    assert n_archetypes >= 2

    # the DOM as the browser built it: the charts are there
    text = browser.dom(page)
    assert text.count('<svg class="bar ') == n_archetypes
    assert text.count('<rect class="ready"') == n_archetypes
    assert 'id="heatmap-table"' in text

    # a screenshot: the page is not blank (a blank page of the same size compresses to a few KB)
    shot = _screenshot(browser, page, tmp_path / "report.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10 * blank_size

    # any screen: at 390 px the page does not scroll sideways (tables scroll in their own box)
    width, client = _scroll_width(browser, html_text, 390, tmp_path)
    assert width <= client <= 390, (width, client)

    # printable: it prints to a multi-page PDF, small enough to mail (flat fills, no hatching)
    pdf = tmp_path / "report.pdf"
    browser.pdf(page, pdf)
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size <= 3_000_000, pdf.stat().st_size
    keep = os.environ.get("SSCGAP_KEEP_SCREENSHOTS")
    if keep:  # for a person to look at: SSCGAP_KEEP_SCREENSHOTS=/tmp/shots pytest -k chromium
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / f"report_{lang}.png")
        shutil.copy(pdf, Path(keep) / f"report_{lang}.pdf")


# ---------------------------------------------------------------------------------------------
# reading order, contents, where the full lists are
# ---------------------------------------------------------------------------------------------


def test_html_decisions_first_and_people_last(runner, tmp_path):
    html = _html(runner, tmp_path, "--by", "department")
    ids = re.findall(r'<section id="([\w-]+)"', html)
    assert ids.index("verdict") < ids.index("actions") < ids.index("coverage") < ids.index("people")
    assert ids[-1] == "people"
    # every table-of-contents link lands on a section, and every section is in the contents
    nav = html.split('<nav id="toc"')[1].split("</nav>")[0]
    links = re.findall(r'<a href="#([\w-]+)">', nav)
    assert links == ids
    # the people are folded per archetype
    people = html.split('<section id="people">')[1]
    assert people.count("<details") == people.count("</details>") == 2


def test_html_more_lines_say_where_the_full_list_is(runner, tmp_path):
    html = _html(runner, tmp_path, "--top", "1")
    # the option is kept on one line (a narrow page broke the line after its "--")
    assert 'and 2 more (every name: the xlsx report, or the JSON with <span class="nw">--people</span>)' in html
    assert "and 1 more (every row: the xlsx report or the JSON)" in html


# ---------------------------------------------------------------------------------------------
# any eye: marks with colours, contrast, captions, scope, a described chart
# ---------------------------------------------------------------------------------------------


def test_every_text_colour_pair_meets_wcag_aa():
    from sscgap.report.html import TEXT_PAIRS, contrast

    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the known AA grey
    low = {
        name: round(contrast(fg, bg), 2)
        for name, fg, bg, large in TEXT_PAIRS
        if contrast(fg, bg) < (3.0 if large else 4.5)
    }
    assert not low, low


def test_the_page_draws_only_tested_colour_pairs(runner, tmp_path):
    from sscgap.report.html import LEVEL_COLOURS, LEVEL_TEXT, STATUS_STYLE, TEXT_PAIRS

    html = _html(runner, tmp_path, "--by", "department")
    css = html.split("<style>")[1].split("</style>")[0]
    tested = {fg.lower() for _, fg, _, _ in TEXT_PAIRS}
    for colour in re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", css):
        assert colour.lower() in tested, colour
    for i, c in enumerate(LEVEL_COLOURS):
        assert f"td.l{i} {{ background: {c}; color: {LEVEL_TEXT[i]}; }}" in css
    for k, st in STATUS_STYLE.items():
        assert f"--{k}-bg: {st.bg}; --{k}-fg: {st.fg};" in css


def test_statuses_never_rely_on_colour_alone(runner, tmp_path):
    from sscgap.report.html import STATUS_MARKS

    html = _html(runner, tmp_path, "--by", "department")
    badges = re.findall(r'<span class="status (\w+)"[^>]*><span aria-hidden="true">(.)</span>', html)
    assert badges and all(mark == STATUS_MARKS[status] for status, mark in badges)
    assert len(set(STATUS_MARKS.values())) == len(STATUS_MARKS)
    # the legend explains every status, the near part, the target line and the »
    legend = html.split('id="chart-legend"')[1].split("</div>")[0]
    for status in ("covered", "thin", "missing", "no_target"):
        assert f'class="status {status}"' in legend
    assert "near" in legend and "target = 100%" in legend and "»" in legend


def test_every_table_has_a_caption_and_scoped_headers(runner, tmp_path):
    html = _html(runner, tmp_path, "--by", "department", "--exclusive")
    tables = re.findall(r"<table\b.*?</table>", html, flags=re.S)
    assert len(tables) >= 8
    for table in tables:
        assert re.search(r"<table[^>]*>\s*<caption[^>]*>\S", table), table[:200]
    headers = re.findall(r"<th\b[^>]*>", html)
    assert headers and all("scope=" in th for th in headers)
    assert "<thead>" in html and 'scope="col"ead' not in html
    # every table scrolls in its own box, not the page
    assert html.count('<div class="table-wrap"') + html.count('<div class="heatmap-wrap"') == len(tables)


def test_the_chart_is_described_and_has_a_table(runner, tmp_path):
    html = _html(runner, tmp_path, "--by", "department")
    chart = html.split('id="coverage-chart"')[1].split("</figure>")[0]
    assert "<figcaption>" in chart and 'aria-describedby="chart-desc"' in html
    bars = re.findall(r'<svg class="bar[^"]*" viewBox="0 0 520 22"[^>]*>(.*?)</svg>', html, re.S)
    assert len(bars) == 2
    for bar in bars:
        assert re.search(r"<title [^>]*>[^<]+</title>", bar)
        assert re.search(r"<desc [^>]*>[^<]+</desc>", bar)
    assert 'width="' not in html.split('<svg class="bar')[1].split(">")[0]  # fluid: no fixed width
    assert 'id="coverage-table"' in html  # the same figures as a table
    # the near count is printed beside every bar
    assert "Near 2" in chart and "Near 1" in chart


def test_missing_stands_out_and_the_bench_does_not_call_it_deep():
    from sscgap.report.document import _strength

    # nobody ready but near people enough for a "deep" bench: the bench says so
    assert _strength("deep", 0, 5) == "none_ready"
    assert _strength("adequate", 0, 2) == "none_ready"
    assert _strength("empty", 0, 2) == "empty"
    assert _strength("deep", 3, 1) == "deep"
    assert _strength("no_target", 0, 0) == "no_target"


def test_the_example_missing_row_stands_out(runner, tmp_path):
    if not EXAMPLE.exists():
        pytest.skip("the bundled example is not there")
    # a quarter later (staff_q2) the external consultants have left: nobody is ready for them
    html = _html(runner, tmp_path, roster=EXAMPLE.parent / "staff_q2.csv", profiles=None)
    rows = re.findall(r'<tr class="missing">.*?</tr>', html, flags=re.S)
    assert rows  # the q2 example has an archetype nobody is ready for
    assert '<div class="row missing">' in html
    bench = html.split('id="cap-bench"')[1].split("</table>")[0]
    empty = 0
    for row in re.findall(r"<tr>.*?</tr>", bench, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        if cells and cells[3] == "0" and cells[2] != "0":  # target > 0, nobody ready
            assert cells[-1] in ("none ready", "empty")  # empty: nobody near either
            empty += 1
    assert empty == len(rows)
    # the actions name the archetypes nobody is ready for first
    actions = html.split('<ol class="actions">')[1].split("</ol>")[0]
    classes = re.findall(r'<li class="(\w+)"><strong>', actions)
    assert classes and classes == sorted(classes, key=lambda c: c != "missing")  # (borrowed by design: no action)


# ---------------------------------------------------------------------------------------------
# what a reader sees: one scale for every bar, nothing cut, no squeezed columns, print pages
# ---------------------------------------------------------------------------------------------

_LAYOUT_JS = (
    "var d = f.contentDocument, out = {};"
    "var r = function (e) { var b = e.getBoundingClientRect(); return [Math.round(b.left), Math.round(b.width)]; };"
    "var bars = Array.prototype.map.call(d.querySelectorAll('#coverage-chart svg.bar'), r);"
    "out.bars = bars.map(String).filter(function (v, i, a) { return a.indexOf(v) === i; });"
    "out.axis = r(d.querySelector('#coverage-chart .axis'));"
    "var ticks = Array.prototype.map.call(d.querySelectorAll('#coverage-chart .axis span'), function (e) { return e.getBoundingClientRect(); });"
    "out.ticks_overlap = ticks.filter(function (b, i) { return i > 0 && b.left < ticks[i - 1].right + 4; }).length;"
    "var fig = d.getElementById('coverage-chart').getBoundingClientRect();"
    "out.cut = Array.prototype.filter.call(d.querySelectorAll('#coverage-chart .value, #coverage-chart .label'),"
    " function (v) { var b = v.getBoundingClientRect(); return v.scrollWidth > v.clientWidth + 1 || b.right > fig.right + 1; }).length;"
    "out.squeezed = Array.prototype.filter.call(d.querySelectorAll('table:not(.heatmap) td:not(.num), table:not(.heatmap) th:not(.num)'),"
    " function (c) { var b = c.getBoundingClientRect(); return c.textContent.trim().length > 4 && b.width > 0"
    " && b.width < 3.5 * parseFloat(getComputedStyle(c).fontSize); }).length;"
    "out.labels_cut = Array.prototype.filter.call(d.querySelectorAll('th.row-label'),"
    " function (c) { return c.scrollWidth > c.clientWidth + 1; }).length;"
    "out.tall_groups = Array.prototype.filter.call(d.querySelectorAll('table.groups tbody tr'),"
    " function (r) { return r.getBoundingClientRect().height > 4.5 * parseFloat(getComputedStyle(r.cells[0]).lineHeight); }).length;"
    "out.captions_cut = Array.prototype.filter.call(d.querySelectorAll('.table-wrap caption, .heatmap-wrap caption'),"
    " function (c) { var w = c.closest('.table-wrap, .heatmap-wrap'), g = d.createRange(); g.selectNodeContents(c);"
    " return Array.prototype.some.call(g.getClientRects(), function (x) {"
    " return x.right > w.getBoundingClientRect().left + w.clientWidth + 1; }); }).map(function (c) { return c.id; });"
    # an option named in a sentence (--people) on one line: every one there, none broken
    "out.options = Array.prototype.map.call(d.querySelectorAll('.nw'), function (e) { return e.getClientRects().length; });"
    # scrolled both ways, the heatmap's corner still covers what slides under it
    "var w = d.querySelector('.heatmap-wrap'); w.scrollIntoView(); w.scrollTop = 400; w.scrollLeft = 300;"
    "var c = d.querySelector('tr.comps th.corner'), cb = c.getBoundingClientRect();"
    "out.corner_on_top = c.contains(d.elementFromPoint(cb.left + cb.width / 2, cb.top + cb.height / 2));"
)


def _frame_page(page_html: str, width: int, folder: Path, script: str, name: str) -> Path:
    """A page holding the report in a frame ``width`` px wide, that runs ``script`` (which fills
    ``out``, with ``d`` the frame's document) once the frame has loaded and writes ``out`` into
    its own DOM (:func:`_figures`)."""
    from html import escape

    outer = folder / f"{name}_{width}.html"
    outer.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" style="border:0;width:{width}px;height:800px" '
        f'srcdoc="{escape(page_html, quote=True)}"></iframe>'
        '<script>var f = document.getElementById("f"); f.addEventListener("load", function () {'
        + script
        + f'document.body.setAttribute("data-{name}", JSON.stringify(out));}});'
        "</script></body></html>",
        encoding="utf-8",
    )
    return outer


def _figures(dom: str, name: str) -> dict:
    """What the script of :func:`_frame_page` wrote into the page."""
    import json
    from html import unescape

    found = re.search(f'data-{name}="([^"]*)"', dom)
    assert found, dom[-2000:]
    return json.loads(unescape(found.group(1)))


def _layout(browser: Chromium, page_html: str, width: int, folder: Path) -> dict:
    """Figures of the report laid out in a frame ``width`` px wide (as ``_scroll_width``)."""
    return _figures(browser.dom(_frame_page(page_html, width, folder, _LAYOUT_JS, "layout")), "layout")


@pytest.mark.parametrize("lang", ["en", pytest.param("zh", marks=FULL_MATRIX)])  # zh under ci
def test_bars_share_one_scale_and_nothing_is_cut(tmp_path, browser, example_html, lang):
    """At 390 px the bars were as wide as each row's figures left them: every bar had its own
    scale, none matched the axis. One grid now: every bar starts and ends where the axis does,
    the figures are never cut, a Chinese name column is not one character wide, the heatmap's
    row names wrap instead of being cut."""
    if not EXAMPLE.exists():
        pytest.skip("the bundled example is not there")
    roster = EXAMPLE if lang == "en" else EXAMPLE.with_name("staff_zh.csv")
    _, html_text = example_html(roster, "--lang", lang, "--by", "site")
    for width in (390, 720, 1280):
        got = _layout(browser, html_text, width, tmp_path)
        assert len(got["bars"]) == 1, (width, got["bars"])  # one left edge and width for all
        assert got["bars"][0] == ",".join(map(str, got["axis"])), (width, got)
        assert got["cut"] == 0, (width, got)
        assert got["squeezed"] == 0, (width, got)
        assert got["labels_cut"] == 0, (width, got)
        assert got["corner_on_top"], (width, got)
        assert got["tall_groups"] == 0, (width, got)  # at 390 px each group's row ran 8-10 lines
        assert got["captions_cut"] == [], (width, got)  # a caption ran under the table's edge
        assert got["ticks_overlap"] == 0 and got["axis"][1] >= 240, (width, got)  # at 720 px: 95 px
        assert got["options"] and set(got["options"]) == {1}, (width, got["options"])  # "--" ended a line


def _printed_pages(browser: Chromium, pdftotext: str, page: Path, pdf: Path) -> list[list[str]]:
    """The page printed by Chromium (A4, as the report's @page asks) to ``pdf``: each PDF
    page's lines of text, blanks dropped, runs of spaces made one."""
    browser.pdf(page, pdf)
    assert pdf.exists()
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = [
        [" ".join(line.split()) for line in p.splitlines() if line.strip()]
        for p in text.split("\f")
    ]
    while pages and not pages[-1]:  # the text ends with a form feed
        pages.pop()
    return pages


def test_print_pages_have_no_lone_heading_or_lone_line(runner, tmp_path, browser):
    """Printed: no page ends with a table's caption or an archetype's heading, and no page holds
    only a 'more' line or the footer."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None or not EXAMPLE.exists():
        pytest.skip("pdftotext (poppler-utils) or the bundled example is not there")
    roster = EXAMPLE.with_name("staff_q2.csv")
    html_text = _html(runner, tmp_path, "--lang", "zh", roster=roster, profiles=None)
    pages = _printed_pages(browser, pdftotext, tmp_path / "report.html", tmp_path / "report.pdf")
    assert len(pages) > 3
    captions = {
        " ".join(c.split())
        for c in re.findall(r"<(?:caption|h2|h3)[^>]*>(.*?)</(?:caption|h2|h3)>", html_text)
        if "<" not in c
    }
    for number, lines in enumerate(pages, 1):
        assert lines, f"page {number} is empty"
        assert lines[-1] not in captions, (number, lines[-1])
        assert len(lines) > 1, (number, lines)  # a page of one line: a 'more' line or the footer


@pytest.mark.parametrize("lang", [pytest.param("en", marks=FULL_MATRIX), "zh"])  # en under ci
def test_print_keeps_a_people_block_heading_with_its_first_rows(tmp_path, browser, example_html, lang):
    """Printed, a people block split right after its 'Ready (N): ...' line: the 'Near (N):' line
    and its table began the next page, away from the archetype they belong to. The heading, the
    ready line, the near line and the table's first rows now share a page."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None or not EXAMPLE.exists():
        pytest.skip("pdftotext (poppler-utils) or the bundled example is not there")
    roster = EXAMPLE if lang == "en" else EXAMPLE.with_name("staff_zh.csv")
    page, html_text = example_html(roster, "--lang", lang)
    ready, near = ("Ready (", "Near (") if lang == "en" else ("已就绪（", "接近就绪（")
    summary = "· Near " if lang == "en" else "· 接近就绪 "  # "Target 4 · Ready 3 · Near 25"
    pages = _printed_pages(browser, pdftotext, page, tmp_path / "report.pdf")
    seen = 0
    for number, lines in enumerate(pages, 1):
        for i, line in enumerate(lines):
            if line.startswith(ready):  # the archetype's heading is on the same page above it
                assert any(summary in x for x in lines[:i]), (number, lines[: i + 1])
            if line.startswith(near) and line.endswith(("):", "）：")):  # the near line
                seen += 1  # ... so are the ready line, and below: caption, header, a first row
                assert any(x.startswith(ready) for x in lines[:i]), (number, lines[: i + 1])
                assert len(lines) > i + 3, (number, lines[i:])
    assert seen >= 5  # most archetypes of the example have near people
    # paper cannot unfold: the screen's 'open an archetype to see ...' line is not printed
    hint = "Open an archetype" if lang == "en" else "展开各类人才"
    assert hint in html_text and not any(hint in x for lines in pages for x in lines)


def test_print_heatmap_follows_on_a_page_with_room(tmp_path, browser, example_html):
    """Printed, the heatmap began a page of its own: the page before it held one two-row table
    (the principles per department) on 17% of its height. It now follows on that page, its
    heading, legend and first rows together."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None or not EXAMPLE.exists():
        pytest.skip("pdftotext (poppler-utils) or the bundled example is not there")
    page, _ = example_html(EXAMPLE, "--lang", "zh", "--by", "department")
    pages = _printed_pages(browser, pdftotext, page, tmp_path / "report.pdf")
    at = [(n, i) for n, lines in enumerate(pages) for i, x in enumerate(lines) if x == "能力热力图"]
    assert len(at) == 1, at
    n, i = at[0]
    assert i > 0, "the heatmap began a page of its own"
    assert len(pages[n]) > i + 5  # its legend, caption, header and first rows below it


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB bytes) of an 8-bit, non-interlaced PNG (as Chromium writes)."""
    import struct
    import zlib

    data = path.read_bytes()
    pos, idat, width = 8, b"", 0
    height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and not interlace, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    import numpy as np

    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if kind in (0, 1, 2):  # none, sub, up: whole rows at once (the loop below gives the same)
            cur = np.frombuffer(bytes(line), dtype=np.uint8).astype(np.int64)
            if kind == 1:  # each byte plus the same channel of the pixel to its left, decoded
                cur = np.cumsum(cur.reshape(width, channels), axis=0).reshape(-1)
            elif kind == 2:
                cur = cur + np.frombuffer(bytes(prev), dtype=np.uint8)
            line = bytearray((cur & 255).astype(np.uint8).tobytes())
            rows.append(bytes(line) if channels == 3 else bytes(line[j] for j in range(stride) if j % channels < 3))
            prev = line
            continue
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line[j] for j in range(stride) if j % channels < 3))
        prev = line
    return width, height, rows


_STICKY_JS = (
    "var d = f.contentDocument, w = d.querySelector('.heatmap-wrap');"
    "w.scrollIntoView(); w.scrollTop = 403; w.scrollLeft = 157;"
    "var r = function (e) { var b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };"
    "var out = {wrap: r(w), inner: [w.clientWidth, w.clientHeight],"
    " corner: r(d.querySelector('tr.comps th.corner'))};"
)


@pytest.mark.parametrize("lang", ["en", pytest.param("zh", marks=FULL_MATRIX)])  # zh under ci
def test_the_heatmap_header_is_opaque_when_scrolled(tmp_path, browser, example_html, lang):
    """Scrolled, a strip of cell colour showed above and under the sticky competency row, and
    beside the sticky names (collapsed borders stay behind a sticky cell). Every pixel of the
    header row, its borders included, and of the names column is now the header's own."""
    from sscgap.report.palette import LEVEL_COLOURS, MEAN_COLOURS

    if not EXAMPLE.exists():
        pytest.skip("the bundled example is not there")
    roster = EXAMPLE if lang == "en" else EXAMPLE.with_name("staff_zh.csv")
    _, html_text = example_html(roster, "--lang", lang)
    cells = {bytes.fromhex(c[1:]) for c in (*LEVEL_COLOURS, *MEAN_COLOURS)}
    cells -= {bytes.fromhex(c) for c in ("ffffff", "f6f8fa", "d1d9e0")}
    for width in (390, 1440):
        outer = _frame_page(html_text, width, tmp_path, _STICKY_JS, "sticky")
        png = tmp_path / f"sticky_{width}.png"
        # the figures and the pixels of one load (the same as two loads: checked when written)
        with browser.page(outer.as_uri(), (max(width, 500), 800)) as page:
            got = _figures(page.dom(), "sticky")
            page.screenshot(png, fast=True)
        _, size_y, rows = _png_pixels(png)
        left, top = round(got["wrap"][0]), round(got["wrap"][1])
        right, bottom = left + got["inner"][0], min(top + got["inner"][1], size_y, 800)
        head_bottom, corner_right = round(got["corner"][3]), round(got["corner"][2])
        assert 0 <= top < head_bottom - 100 < bottom - 200, got
        header = [(x, y) for y in range(top, head_bottom) for x in range(corner_right, right)]
        names = [(x, y) for y in range(head_bottom, bottom) for x in range(left, corner_right)]
        leaks = [(x, y) for x, y in header + names if rows[y][3 * x : 3 * x + 3] in cells]
        assert not leaks, (width, got, leaks[:10], len(leaks))


def test_print_keeps_short_lists_whole_and_intros_with_what_they_introduce(
    runner, tmp_path, browser
):
    """Printed, a 20,000-person report split its Inputs after the roster line (the rest on the
    next page), and once that was kept whole, left 'Ready and near people' and its one-line
    intro alone at the foot of a page. Short lists of facts stay whole; a section's intro line
    stays with what follows it (its table, or the first archetype's people)."""
    import subprocess as sp
    import sys

    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not there")
    roster = tmp_path / "r20k.csv"
    gen = Path(__file__).resolve().parents[1] / "benchmarks" / "gen_roster.py"
    sp.run([sys.executable, str(gen), "20000", str(roster)], check=True, capture_output=True)
    html_text = _html(runner, tmp_path, roster=roster, profiles=None)
    intros = [
        " ".join(t.split())
        for t in re.findall(r'</h2>\s*<p class="muted small[^"]*">([^<]*)</p>', html_text)
        if len(t.strip()) > 10
    ]
    assert intros
    pages = _printed_pages(browser, pdftotext, tmp_path / "report.html", tmp_path / "report.pdf")
    facts = ("Roster ", "Thresholds ")  # the first and the last line of Inputs
    inputs = [n for n, lines in enumerate(pages, 1) for x in lines if x.startswith(facts)]
    assert len(inputs) == 2 and inputs[0] == inputs[1], inputs
    for number, lines in enumerate(pages, 1):
        last = lines[-1]
        assert not any(t.endswith(last) for t in intros), (number, lines[-3:])


def test_a_competencys_levels_stay_on_its_line(runner, tmp_path):
    """On a phone 'Internal network 3→4' broke before '3→4', which began a line of its own: the
    space before the levels does not break."""
    html = _html(runner, tmp_path)
    levels = re.findall(r"(.)(?:[\d.]+|–)→\d", html)
    assert levels and all(c == "\u00a0" for c in levels), sorted(set(levels))


_PRINCIPLES_JS = (
    "var d = f.contentDocument, w = d.querySelector('#principles .table-wrap');"
    "var out = {scroll: w.scrollWidth, client: w.clientWidth,"
    " lines: Array.prototype.map.call(d.querySelectorAll('table.principles td.of'),"
    " function (c) { var s = c.querySelectorAll('span');"
    " return s[1].getBoundingClientRect().top > s[0].getBoundingClientRect().top + 1 ? 2 : 1; })};"
)


@pytest.mark.parametrize("lang", [pytest.param("en", marks=FULL_MATRIX), "zh"])  # en under ci
def test_the_principles_table_fits_a_phone_with_a_large_roster(runner, tmp_path_factory, browser, lang):
    """At 390 px the principles table of a 20,000-person roster scrolled 8 px sideways in its
    box: '7,441 / 20,000' never broke. It breaks after its slash where the screen is narrow and
    stays on one line where there is room; a level ('≥ 2') stays whole."""
    import subprocess as sp
    import sys

    def make(folder: Path) -> str:
        roster = folder / "r20k.csv"
        gen = Path(__file__).resolve().parents[1] / "benchmarks" / "gen_roster.py"
        sp.run([sys.executable, str(gen), "20000", str(roster)], check=True, capture_output=True)
        return str(roster)

    roster = Path(once_per_run(tmp_path_factory, "r20k", make))
    folder = tmp_path_factory.mktemp("principles")
    html_text = _html(runner, folder, "--lang", lang, roster=roster, profiles=None)
    assert re.search(r"\d{1,3}(,\d{3})* /</span> <span class=\"nw\">20,000<", html_text)
    assert "(≥\u00a02)" in html_text or "（≥\u00a02）" in html_text
    for width in (390, 1440):
        outer = _frame_page(html_text, width, folder, _PRINCIPLES_JS, "principles")
        got = _figures(browser.dom(outer), "principles")
        assert got["scroll"] <= got["client"], (width, got)
        assert got["lines"] == ([2, 2] if width == 390 else [1, 1]), (width, got)


def test_a_chinese_trend_page_keeps_names_readable_on_a_phone(runner, tmp_path, browser):
    """At 390 px the Chinese trend page's archetype names were two characters a line (有领 / 导 /
    力、...): Chinese may break anywhere and the figures took the room. A name keeps room for
    six characters a line (the table scrolls in its box), as in the analyze report."""
    if not EXAMPLE.exists():
        pytest.skip("the bundled example is not there")
    out = tmp_path / "trend.html"
    result = run_cli(runner, "trend", EXAMPLE_ZH, EXAMPLE.with_name("staff_q2.csv"), "--lang", "zh", "-o", out)
    assert result.exit_code == 0, result.output
    script = (
        "var d = f.contentDocument, out = {}, fs = parseFloat(getComputedStyle(d.body).fontSize);"
        "out.widths = Array.prototype.map.call(d.querySelectorAll('tbody th[scope=row]'),"
        " function (c) { return c.getBoundingClientRect().width / fs; });"
        "out.page = [d.documentElement.scrollWidth, d.documentElement.clientWidth];"
    )
    got = _figures(browser.dom(_frame_page(out.read_text(encoding="utf-8"), 390, tmp_path, script, "trend")), "trend")
    assert got["widths"] and min(got["widths"]) >= 6, got
    assert got["page"][0] <= got["page"][1], got  # the page itself does not scroll sideways
