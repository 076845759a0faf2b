"""Escaping for every output format: data from a roster or a profile is text, never markup.

Names, departments and free text come from HR exports and hand-edited files. Whatever they hold,
a report must show them as written and must never let them act:

- Markdown: :func:`md_escape` for running text (paragraphs, list items, headings) and
  :func:`md_cell` for table cells. Markdown syntax (``* _ ` [ ] \\ ~ |``), HTML (``< > &``-entities)
  and line breaks are neutralised, so a name cannot start a heading, break a table row, open a
  code span or inject a ``<script>`` tag.
- HTML: Jinja2 with autoescape does the escaping of text and attributes; data that goes into a
  ``<script>`` block (chart data) must use :func:`script_json` (or Jinja's ``|tojson``), which
  escapes ``<``, ``>``, ``&`` and the JavaScript line separators.
- CSV / Excel: :func:`neutralise_cell` / :func:`neutralise_series` / :func:`neutralise_frame`
  prefix ``'`` to text that a spreadsheet would run as a formula (it starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return, or their full-width forms). Real numbers, and text
  that is exactly a plain number such as ``-5`` or ``+1.5``, are left alone: a spreadsheet reads
  them as numbers, not formulas.

Everything here is pure; nothing imports pandas until a ``*_series``/``*_frame`` helper is used.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import TYPE_CHECKING, Any

from ..textsafe import clean_cell, clean_cell_arrow, clean_cell_series, for_document

if TYPE_CHECKING:
    import pandas as pd

# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------

# Line breaks of every kind (a name must stay on its line: a table row, a list item, a heading).
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Other control characters are dropped (they render as nothing useful and confuse terminals).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# Inline Markdown syntax: backslash-escaped (CommonMark/GFM: any ASCII punctuation may be).
_MD_INLINE = re.compile(r"([\\`*_\[\]~|$])")
# An ``&`` that would start an HTML entity (``&lt;``, ``&#60;``, ``&#x3c;``) is shown literally.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Block syntax that only matters at the start of a line: headings, quotes, lists, rules, tables.
_MD_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def _text(value: Any) -> str:
    """Any value as display text; ``None`` and NaN become ``""``."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    pd = sys.modules.get("pandas")  # only when pandas is already in use
    if pd is not None and (value is pd.NA or value is pd.NaT):
        return ""
    return for_document(value if isinstance(value, str) else str(value))


def md_escape(text: Any) -> str:
    """``text`` as literal Markdown (GFM) inline text, on one line.

    Line breaks become spaces, control characters are dropped, Markdown punctuation is
    backslash-escaped, ``<`` and ``>`` become ``&lt;``/``&gt;`` (no HTML tag can open), an ``&``
    that would start an entity becomes ``&amp;``, and a leading ``#``, ``>``, ``-``, ``+``, ``=``
    or ``1.`` is escaped so the text cannot start a heading, quote or list.
    """
    s = _text(text)
    if not s:
        return ""
    s = _LINE_BREAKS.sub(" ", s)
    s = _CONTROLS.sub("", s).replace("\t", " ")
    s = _ENTITY.sub("&amp;", s)
    s = _MD_INLINE.sub(r"\\\1", s)
    s = s.replace("<", "&lt;").replace(">", "&gt;")
    m = _MD_BLOCK_START.match(s)
    if m:
        lead, mark = m.group(1), m.group(2)
        # "1." -> "1\.", "#" -> "\#"
        mark = mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark
        s = lead + mark + s[m.end() :]
    return s


def md_cell(text: Any) -> str:
    """``text`` for a GFM table cell: :func:`md_escape` (which escapes ``|`` and line breaks),
    trimmed; an empty value stays empty (the cell renders blank)."""
    return md_escape(text).strip()


def md_code(text: Any) -> str:
    """``text`` as an inline code span that holds any backticks it contains (for ids, paths)."""
    s = _CONTROLS.sub("", _LINE_BREAKS.sub(" ", _text(text)))
    if not s:
        return ""
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    # '|' still splits a GFM table row inside a code span; the escape is honoured there.
    return f"{fence}{pad}{s.replace('|', chr(92) + '|')}{pad}{fence}"


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def html_escape(text: Any) -> str:
    """``text`` escaped for HTML text and quoted attribute values (``& < > " '``)."""
    from html import escape

    return escape(_text(text), quote=True)


_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(obj: Any, **kwargs: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (``</script>`` cannot close it)."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, **kwargs)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


# --------------------------------------------------------------------------------------------
# CSV / Excel
# --------------------------------------------------------------------------------------------

# First characters that make a spreadsheet read a cell as a formula (or a DDE call), ASCII and
# full-width (East Asian input methods produce ＝ ＋ － ＠, which Excel also accepts).
FORMULA_TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
_TRIGGER_RE = "[" + re.escape(FORMULA_TRIGGERS) + "]"
# Leading spaces do not stop LibreOffice from evaluating " =1+1".
_FORMULA_START = re.compile(r"^[ \u3000]*" + _TRIGGER_RE)
# Text that is exactly a plain number is read as a number, never as a formula.
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_FORMULA_START_PATTERN = _FORMULA_START.pattern
_PLAIN_NUMBER_PATTERN = _PLAIN_NUMBER.pattern


def needs_neutralising(value: Any) -> bool:
    """True when ``value`` is text a spreadsheet would evaluate as a formula."""
    return (
        isinstance(value, str)
        and _FORMULA_START.match(value) is not None
        and _PLAIN_NUMBER.match(value) is None
    )


def neutralise_cell(value: Any) -> Any:
    """``value`` for a CSV/Excel cell: formula-like text gets a leading ``'``; anything else
    (numbers, ``None``, ordinary text) is returned unchanged."""
    value = clean_cell(value) if isinstance(value, str) else value
    return "'" + value if needs_neutralising(value) else value


def neutralise_series(series: pd.Series) -> pd.Series:
    """:func:`neutralise_cell` over a whole column, vectorised. Numeric, boolean and datetime
    columns are returned as they are; in text (or mixed object) columns only strings change."""
    import pandas as pd

    series = clean_cell_series(series)
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = dtype.categories
        if not (
            pd.api.types.is_object_dtype(cats.dtype) or pd.api.types.is_string_dtype(cats.dtype)
        ):
            return series
        new = neutralise_series(pd.Series(cats, dtype=cats.dtype))
        if new.equals(pd.Series(cats, dtype=cats.dtype)):
            return series
        if new.nunique(dropna=False) == len(new):
            return series.cat.rename_categories(list(new))
        return neutralise_series(series.astype(cats.dtype))  # "=x" and "'=x" would collide
    if not (pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)):
        return series
    if len(series) == 0:
        return series
    try:  # in a mixed object column, .str gives NaN for the values that are not strings
        start = series.str.match(_FORMULA_START_PATTERN)
        number = series.str.match(_PLAIN_NUMBER_PATTERN)
    except AttributeError:  # an object column without a single string
        return series
    mask = (start.fillna(False).astype(bool) & ~number.fillna(False).astype(bool)).to_numpy()
    if not mask.any():
        return series
    out = series.copy()
    out[mask] = "'" + series[mask].astype(str)
    return out


# The same two patterns for Arrow's RE2 engine: Python's ``\d`` is any Unicode decimal digit
# (RE2: ``\p{Nd}``) and its ``$`` also matches before a final newline (RE2: ``\n?$``).
_FORMULA_START_RE2 = "^[ \u3000]*[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20]"
_PLAIN_NUMBER_RE2 = r"^[+-]?(?:\p{Nd}+(?:\.\p{Nd}*)?|\.\p{Nd}+)(?:[eE][+-]?\p{Nd}+)?\n?$"


def neutralise_arrow(values: Any) -> Any:
    """:func:`neutralise_cell` over an Arrow string array (or chunked array), in C: formula-like
    text gets a leading ``'``; nulls and other text are unchanged."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(values) == 0 or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return values
    values = clean_cell_arrow(values)
    start = pc.match_substring_regex(values, _FORMULA_START_RE2)
    if not pc.any(start).as_py():
        return values
    mask = pc.and_kleene(start, pc.invert(pc.match_substring_regex(values, _PLAIN_NUMBER_RE2)))
    quoted = pc.binary_join_element_wise(pa.scalar("'", values.type), values, pa.scalar("", values.type))
    return pc.if_else(pc.fill_null(mask, False), quoted, values)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text column neutralised (column headers too)."""
    out = frame.copy()
    for i in range(out.shape[1]):
        out.isetitem(i, neutralise_series(out.iloc[:, i]).array)
    out.columns = [neutralise_cell(c) for c in out.columns]
    return out
