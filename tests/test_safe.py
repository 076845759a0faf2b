"""The shared escaping helpers: Markdown, HTML script data, CSV/Excel formula neutralising."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sscgap.report.safe import (
    md_cell,
    md_code,
    md_escape,
    needs_neutralising,
    neutralise_cell,
    neutralise_frame,
    neutralise_series,
    script_json,
)

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "a|b\nc",
    "`rm -rf /`",
    "``double``",
    "# heading",
    "- item",
    "1. first",
    "> quote",
    "[link](javascript:alert(1))",
    "![img](http://x/y.png)",
    "**bold** _em_ ~~strike~~",
    "&lt;script&gt;",
    "back\\slash",
    "crlf\r\nline",
    "tab\there",
    "u2028\u2028next",
    "<img src=x onerror=alert(1)>",
]


# ---------------------------------------------------------------------------- Markdown


def _md_to_html(text: str) -> str:
    """Render Markdown as a strict CommonMark renderer does (markdown-it, a dependency of Rich)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


@pytest.mark.parametrize("name", HOSTILE)
def test_md_escape_stays_on_one_line_and_opens_no_tag(name: str) -> None:
    out = md_escape(name)
    assert "\n" not in out and "\r" not in out and "\u2028" not in out
    assert "<" not in out and ">" not in out
    # every backtick and pipe is escaped: no code span, no table split
    assert out.count("`") == out.count("\\`")
    assert out.count("|") == out.count("\\|")


def test_md_escape_examples() -> None:
    assert md_escape("a|b\nc") == "a\\|b c"
    assert md_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert md_escape("`x`") == "\\`x\\`"
    assert md_escape("# h") == "\\# h"
    assert md_escape("  - x") == "  \\- x"
    assert md_escape("12. x") == "12\\. x"
    assert md_escape("&lt;") == "&amp;lt;"
    assert md_escape("R&D") == "R&D"  # a plain ampersand stays readable
    assert md_escape("data_analysis") == "data\\_analysis"
    assert md_escape("王小明") == "王小明"
    assert md_escape(None) == "" and md_escape(float("nan")) == "" and md_escape(pd.NA) == ""
    assert md_escape(3) == "3"


def test_md_cell_keeps_a_table_row_intact() -> None:
    row = "| " + " | ".join(md_cell(v) for v in ["a|b\nc", "`x`", "<b>", None, "  ok  "]) + " |"
    assert row == "| a\\|b c | \\`x\\` | &lt;b&gt; |  | ok |"


@pytest.mark.parametrize("name", HOSTILE)
def test_markdown_renders_hostile_text_literally(name: str) -> None:
    """Through a real CommonMark renderer: one table cell, no tags, the text shown as written."""
    table = f"| name | n |\n| --- | --- |\n| {md_cell(name)} | 1 |\n"
    html = _md_to_html(table)
    assert html.count("<td>") == 2  # the row did not split or end early
    assert "<script" not in html and "<img" not in html and "<code>" not in html
    assert "<a " not in html and "<strong>" not in html and "<em>" not in html
    para = _md_to_html(f"- {md_escape(name)}\n")
    assert "<h1>" not in para and "<blockquote>" not in para and "<ol>" not in para
    assert para.count("<li>") == 1


def test_md_code_holds_backticks() -> None:
    assert md_code("a`b") == "``a`b``"
    assert md_code("`a") == "`` `a ``"
    assert md_code("x|y") == "`x\\|y`"
    assert md_code("") == ""


# ---------------------------------------------------------------------------- HTML script data


def test_script_json_cannot_close_the_script_element() -> None:
    data = {"name": "</script><script>alert(1)</script>", "sep": "a\u2028b", "amp": "R&D"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


# ---------------------------------------------------------------------------- CSV / Excel


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\tx",
        "\r\nx",
        "=cmd|' /C calc'!A0",
        " =1+1",
        "＝1+1",
        "－2",
        "-",
        "+",
    ],
)
def test_formula_like_text_is_neutralised(value: str) -> None:
    assert neutralise_cell(value) == "'" + value


def test_a_lone_carriage_return_is_shown_so_it_starts_no_formula() -> None:
    # a CR alone is a control the cell policy shows (like the documents); shown, it is inert
    assert neutralise_cell("\rx") == "\u240dx"
    assert neutralise_cell("a\r\nb") == "a\r\nb"


@pytest.mark.parametrize(
    "value",
    [3, -3, 2.5, -2.5, np.float32(-1), None, "", "abc", "a=b", "-5", "+1.5", "-.5", "1e-3", "王"],
)
def test_ordinary_values_are_left_alone(value) -> None:
    out = neutralise_cell(value)
    assert out is value or out == value
    assert not needs_neutralising(value)


def test_neutralise_series_text_and_mixed_columns() -> None:
    s = pd.Series(["=1+1", "ok", None, "-5", "@x", "-x"], dtype="str")
    out = neutralise_series(s)
    assert out.tolist()[:2] == ["'=1+1", "ok"] and pd.isna(out.iloc[2])
    assert out.tolist()[3:] == ["-5", "'@x", "'-x"]
    assert out.dtype == s.dtype
    assert s.iloc[0] == "=1+1"  # the input is not modified

    mixed = pd.Series(["=A1", 4, -2.0, None], dtype=object)
    assert neutralise_series(mixed).tolist() == ["'=A1", 4, -2.0, None]


def test_neutralise_series_leaves_numbers_alone() -> None:
    for s in (
        pd.Series([-1, 2, -3]),
        pd.Series([-1.5, np.nan]),
        pd.Series([True, False]),
        pd.Series([1, 2], dtype=object),
        pd.Series([], dtype="str"),
    ):
        assert neutralise_series(s) is s


def test_neutralise_series_categorical() -> None:
    s = pd.Series(["=x", "a", "=x"], dtype="category")
    out = neutralise_series(s)
    assert out.tolist() == ["'=x", "a", "'=x"]
    assert isinstance(out.dtype, pd.CategoricalDtype)
    clash = pd.Series(["=x", "'=x"], dtype="category")
    assert neutralise_series(clash).tolist() == ["'=x", "'=x"]


def test_neutralise_frame_covers_headers_and_every_text_column() -> None:
    df = pd.DataFrame({"=head": ["=1", "x"], "n": [-1, 2], "d": ["+a", "b"]})
    out = neutralise_frame(df)
    assert list(out.columns) == ["'=head", "n", "d"]
    assert out["'=head"].tolist() == ["'=1", "x"]
    assert out["n"].tolist() == [-1, 2]
    assert out["d"].tolist() == ["'+a", "b"]
    assert list(df.columns) == ["=head", "n", "d"]


@given(
    st.lists(
        st.one_of(st.text(max_size=12), st.none(), st.integers(), st.floats(allow_nan=False)),
        max_size=20,
    )
)
def test_series_and_cell_agree(values) -> None:
    s = pd.Series(values, dtype=object)
    out = neutralise_series(s)
    assert out.tolist() == [neutralise_cell(v) for v in values]
    for v in out:
        assert not needs_neutralising(v)


@given(st.text(max_size=40))
def test_md_escape_never_leaves_line_breaks_or_tags(text: str) -> None:
    out = md_escape(text)
    assert not any(c in out for c in "\n\r<>\u2028\u2029\x85")


def test_dollar_signs_do_not_start_math_on_github():
    from sscgap.report.safe import md_cell, md_escape

    assert md_escape("cost $5 and $10") == r"cost \$5 and \$10"
    assert md_cell("$x$") == r"\$x\$"
