"""The reports as their readers see them: the decisions before the background, names that read
as one name, and the HTML report on a phone (390 px) and on paper.

Each test failed on the reports before: the principles (two paragraphs of background) came
between the verdict and the recommended actions; "有领导力、善沟通协调的管理者、大客户经理" read as three
names; on a phone the Chinese coverage table's figure headers kept their width (需求人数 on one
line) and squeezed the archetype names to four characters a line, the table running 174 px past
the screen with nothing to say so; a role's "└" was left alone on a line above its name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sscgap
from sscgap.report import Format, RenderOptions, get_renderer
from sscgap.report.document import build
from sscgap.report.html import toc

from conftest import EXAMPLE

PHONE = (390, 844)


@pytest.fixture(scope="module")
def analysis():
    return sscgap.analyze(EXAMPLE, by="department").analysis


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_actions_come_right_after_the_verdict(analysis, lang):
    md = get_renderer(Format.markdown)(analysis, RenderOptions(lang=lang))
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    doc_toc = [key for key, _ in toc(build(analysis, RenderOptions(lang=lang)))]
    assert doc_toc[:3] == ["verdict", "actions", "principles"]
    actions = {"en": "Recommended next actions", "zh": "建议行动"}[lang]
    assert headings.index(actions) == 1
    html = get_renderer(Format.html)(analysis, RenderOptions(lang=lang))
    assert html.index('<section id="actions">') < html.index('<section id="principles">')


def test_chinese_names_that_hold_a_comma_are_listed_with_semicolons(analysis):
    md = get_renderer(Format.markdown)(analysis, RenderOptions(lang="zh"))
    thin = next(line for line in md.splitlines() if line.startswith("- ⚠️ 覆盖不足："))
    assert "有领导力、善沟通协调的管理者；大客户经理；" in thin
    html = get_renderer(Format.html)(analysis, RenderOptions(lang="zh"))
    assert "有领导力、善沟通协调的管理者；大客户经理；" in html
    en = get_renderer(Format.markdown)(analysis, RenderOptions(lang="en"))
    assert "Leader-communicator, Key account manager, " in en  # English lists keep their commas


def test_a_role_keeps_its_mark(analysis):
    html = get_renderer(Format.html)(analysis, RenderOptions(lang="en"))
    assert "└&nbsp;Process owner" in html and "└ Process owner" not in html


# ---------------------------------------------------------------------------------------------
# a phone, in headless Chromium
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from test_report_html import _browser

    from headless import Chromium

    path = _browser()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium): browser check skipped")
    chromium = Chromium(path)
    yield chromium
    chromium.close()


MEASURE = """(() => {
  const wrap = document.querySelector('[aria-labelledby="cap-coverage"]');
  const heads = [...document.querySelectorAll('#coverage-table thead th.num')].map(t => {
    const cs = getComputedStyle(t);
    return [t.textContent, t.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
            parseFloat(cs.fontSize)];
  });
  const names = [...document.querySelectorAll('#coverage-table tbody th[scope=row]')].map(t => t.clientWidth);
  const bg = getComputedStyle(wrap).backgroundImage;
  return {table: wrap.scrollWidth, shown: wrap.clientWidth, heads, name: Math.min(...names), bg};
})()"""


def test_the_chinese_coverage_table_on_a_phone(analysis, browser, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(get_renderer(Format.html)(analysis, RenderOptions(lang="zh")), encoding="utf-8")
    with browser.page(Path(page).as_uri(), PHONE) as p:
        m = p.evaluate(MEASURE)
    assert m["table"] <= 1.2 * m["shown"], m  # was 540 px in 366: the status column off screen
    for text, width, font in m["heads"]:
        if re.search(r"[\u4e00-\u9fff]", text):
            assert width >= 2 * font - 1, (text, width)  # 需求 / 人数, never a character a line
    assert m["name"] >= 6 * 14  # six characters of a name a line at least
    assert "gradient" in m["bg"]  # a shadow at the edge the table scrolls under


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_group_tables_say_what_they_hold(analysis, lang):
    """Three tables in a row under the group breakdown: the second and third (ready / target per
    archetype and group, carriers per principle and group) followed the first with no word."""
    md = get_renderer(Format.markdown)(analysis, RenderOptions(lang=lang))
    doc = build(analysis, RenderOptions(lang=lang))
    for key in ("table.caption.groups", "table.caption.matrix", "table.caption.principles.groups"):
        caption = f"**{doc.t(key, column=doc.by_label)}**"
        assert f"\n{caption}\n\n|" in md, caption


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_heatmap_shows_its_groups(analysis, lang):
    """"One row per person, grouped by best archetype": the groups could not be seen (one long
    run of names); each group now opens with its archetype and how many people it holds."""
    html = get_renderer(Format.html)(analysis, RenderOptions(lang=lang))
    body = html.split('id="heatmap-table"')[1].split("</table>")[0]
    headings = re.findall(r'<tr class="group"><th scope="rowgroup" colspan="\d+">([^<]+)</th>', body)
    best = analysis.best_archetype
    assert len(headings) == len(set(best.tolist()))
    first = {"en": "1. Leader-communicator: ", "zh": "1. 有领导力、善沟通协调的管理者："}[lang]
    assert headings[0].startswith(first)
    assert sum(int(re.search(r"(\d+)(?: best fit|人)", h).group(1)) for h in headings) == len(best)
