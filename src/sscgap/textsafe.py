"""Text from a roster or a profile, made safe for where it is shown: the one place for
character policies (pure functions; pandas only for the ``*_series`` variants).

Nothing is dropped silently: a character that must not reach its destination is replaced by a
visible stand-in, so a reader sees that something was there.

- :func:`for_terminal`: every control character (C0, DEL, C1) and every bidi or line-separator
  format character becomes visible: ``\\x1b`` shows as ``␛`` (the Unicode control pictures for
  C0 and DEL), a C1 control or a format character as ``\\x9b`` / ``\\u202e``. A terminal then
  cannot be told to set its title, clear the screen, hide text or reverse a line.
- :func:`for_document`: the same for Markdown and HTML, except that tab, line feed and CRLF
  stay (the Markdown/HTML escapers turn line breaks into spaces themselves); a carriage return
  alone is shown (``␍``). Bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C)
  and line separators can no longer reverse or break the rest of a line.
- :func:`clean_cell` / :func:`for_cell`: for CSV and spreadsheet cells, the same policy as the
  documents, plus what XML 1.0 cannot hold (U+FFFE/U+FFFF, lone surrogates; openpyxl raises on
  ``\\x01``, ``\\x0b`` and the like, which the policy already shows). Tab, LF and CRLF stay (a
  cell may hold them). Every cell the tool writes, CSV or workbook, goes through it.
  :func:`is_formula` tells text a spreadsheet would run (it starts with ``=``, ``+``, ``-``,
  ``@``, tab or CR, or their full-width forms, after blanks); :func:`for_cell` then prefixes
  ``'`` (CSV), a workbook sets the cell's quote prefix instead. Text that is exactly a plain
  number (``-5``, ``+1.5``) is a number to a spreadsheet, never a formula, and stays.

The ``*_series`` variants do the same over a pandas Series of text without a Python loop per
row (``str.contains`` to find the few values that need it, the one-value function on those only).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# --------------------------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------------------------

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LINE_SEPARATORS = "\u2028\u2029"
# First characters that make a spreadsheet read a cell as a formula (or a DDE call), ASCII and
# full-width (East Asian input methods produce ＝ ＋ － ＠, which Excel also accepts).
FORMULA_TRIGGERS = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"


def _picture(code: int) -> str:
    """The visible stand-in of one character: a control picture for C0 and DEL, else an
    escape (``\\x9b``, ``\\u202e``)."""
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _table(codes: list[int]) -> dict[int, str]:
    return {c: _picture(c) for c in codes}


_C0 = list(range(0x00, 0x20))
_C1 = list(range(0x80, 0xA0))
_FORMAT = [ord(c) for c in BIDI_CONTROLS + LINE_SEPARATORS]
_KEEP_IN_DOCUMENTS = [0x09, 0x0A, 0x0D]

TERMINAL_TABLE = _table([*_C0, 0x7F, *_C1, *_FORMAT])
DOCUMENT_TABLE = _table([*(c for c in _C0 if c not in _KEEP_IN_DOCUMENTS), 0x7F, *_C1, *_FORMAT])
# A cell gets the documents' policy (bidi controls and line separators too: a CSV opened in an
# editor or a terminal, or a cell shown by a spreadsheet, would otherwise reverse the text), plus
# what XML 1.0 cannot hold at all.
CELL_TABLE = {
    **DOCUMENT_TABLE,
    **_table([0xFFFE, 0xFFFF]),
    **{c: "\ufffd" for c in range(0xD800, 0xE000)},  # lone surrogates: not encodable anywhere
}
# A carriage return is kept only as part of a CRLF line break: alone it sends a terminal's
# cursor back to the start of the line (the rest of the text then hides what came before).
LONE_CR = "\u240d"
_LONE_CR_RE = re.compile(r"\r(?!\n)")


def _class(table: dict[int, str], re2: bool = False, lone_cr: bool = False) -> str:
    """A regex character class matching the keys of ``table`` (for the fast check): Python's
    ``re`` syntax, or RE2's (Arrow) with ``re2`` (no surrogates there: Arrow text is UTF-8).
    With ``lone_cr`` the pattern also matches a carriage return not followed by a line feed
    (RE2 has no look-ahead: ``\r`` then anything else or the end)."""
    esc = (lambda c: f"\\x{{{c:04x}}}") if re2 else (lambda c: f"\\u{c:04x}")
    out, codes, i = [], sorted(c for c in table if not (re2 and 0xD800 <= c < 0xE000)), 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = codes[i], codes[j]
        out.append(esc(lo) if lo == hi else f"{esc(lo)}-{esc(hi)}")
        i = j + 1
    chars = "[" + "".join(out) + "]"
    if not lone_cr:
        return chars
    return chars + ("|\\r(?:[^\\n]|$)" if re2 else "|\\r(?!\\n)")


_PATTERNS = {
    "terminal": (_class(TERMINAL_TABLE), _class(TERMINAL_TABLE, re2=True)),
    "document": (_class(DOCUMENT_TABLE, lone_cr=True), _class(DOCUMENT_TABLE, re2=True, lone_cr=True)),
    "cell": (_class(CELL_TABLE, lone_cr=True), _class(CELL_TABLE, re2=True, lone_cr=True)),
}
_TERMINAL_RE = re.compile(_PATTERNS["terminal"][0])
_DOCUMENT_RE = re.compile(_PATTERNS["document"][0])
_CELL_RE = re.compile(_PATTERNS["cell"][0])

_FORMULA_START = re.compile(r"^[ \u3000]*[" + re.escape(FORMULA_TRIGGERS) + "]")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
FORMULA_START_PATTERN = _FORMULA_START.pattern
PLAIN_NUMBER_PATTERN = _PLAIN_NUMBER.pattern


# --------------------------------------------------------------------------------------------
# One value
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _terminal_table(keep: str) -> dict[int, str]:
    return {c: v for c, v in TERMINAL_TABLE.items() if chr(c) not in keep}


def for_terminal(text: str, keep: str = "") -> str:
    """``text`` with every control and bidi/line-separator character made visible, except the
    characters in ``keep`` (``keep="\\n"`` for text that may span lines, such as a message)."""
    if not _TERMINAL_RE.search(text):
        return text
    return text.translate(_terminal_table(keep) if keep else TERMINAL_TABLE)


def _translate(text: str, table: dict[int, str]) -> str:
    """``text`` through ``table``, and a carriage return that does not start a CRLF shown."""
    text = text.translate(table)
    return _LONE_CR_RE.sub(LONE_CR, text) if "\r" in text else text


def for_document(text: str) -> str:
    """``text`` for Markdown or HTML (before their escaping): controls other than tab, LF and
    CRLF, and bidi controls and line separators, made visible."""
    return _translate(text, DOCUMENT_TABLE) if _DOCUMENT_RE.search(text) else text


def clean_cell(text: str) -> str:
    """``text`` for a CSV or spreadsheet (XML) cell: the documents' policy (:func:`for_document`:
    controls, bidi controls and line separators made visible; tab, LF and CRLF kept), and what
    XML cannot hold (U+FFFE, U+FFFF, lone surrogates) replaced. The one cleaner for every cell
    the tool writes, in CSV and in a workbook."""
    return _translate(text, CELL_TABLE) if _CELL_RE.search(text) else text


def is_formula(value: Any) -> bool:
    """True when ``value`` is text a spreadsheet would evaluate as a formula."""
    return (
        isinstance(value, str)
        and _FORMULA_START.match(value) is not None
        and _PLAIN_NUMBER.match(value) is None
    )


def for_cell(value: Any) -> Any:
    """``value`` for a CSV cell: text cleaned (:func:`clean_cell`), and a ``'`` before text a
    spreadsheet would run. Anything that is not text (numbers, ``None``) is returned as is."""
    if not isinstance(value, str):
        return value
    value = clean_cell(value)
    return "'" + value if is_formula(value) else value


def any_text(value: Any, policy: str = "document") -> Any:
    """Apply ``policy`` ("terminal", "document", "cell") to a value if it is text (for a
    template's ``finalize`` hook or a generic cell writer); other values pass unchanged."""
    if not isinstance(value, str):
        return value
    return {"terminal": for_terminal, "document": for_document, "cell": for_cell}[policy](value)


# --------------------------------------------------------------------------------------------
# A column at a time
# --------------------------------------------------------------------------------------------


def _is_text(series: pd.Series) -> bool:
    import pandas as pd

    dtype = series.dtype
    return bool(pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype))


def _uses_arrow(series: pd.Series) -> bool:
    import pandas as pd

    dtype = series.dtype
    return (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow") or "pyarrow" in str(dtype)


def _translate_series(series: pd.Series, policy: str, table: dict[int, str]) -> pd.Series:
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = pd.Series(series.dtype.categories)
        new = _translate_series(cats, policy, table)
        if new.equals(cats):
            return series
        if new.nunique(dropna=False) == len(new):
            return series.cat.rename_categories(list(new))
        return _translate_series(series.astype(cats.dtype), policy, table)
    if not _is_text(series) or len(series) == 0:
        return series
    pattern = _PATTERNS[policy][1 if _uses_arrow(series) else 0]
    try:  # in a mixed object column .str gives NaN for values that are not text
        hit = series.str.contains(pattern, regex=True)
    except (AttributeError, TypeError):
        return series
    mask = hit.fillna(False).astype(bool).to_numpy()
    if not mask.any():
        return series
    out = series.copy()
    # only the few values that need it, one at a time (pandas' str.translate is a Python loop too)
    one = _ONE[policy]
    out[mask] = [v if not isinstance(v, str) else one(v) for v in series[mask]]
    return out


_ONE = {"terminal": for_terminal, "document": for_document, "cell": clean_cell}


def for_terminal_series(series: pd.Series) -> pd.Series:
    """:func:`for_terminal` over a column (only the values that need it are touched)."""
    return _translate_series(series, "terminal", TERMINAL_TABLE)


def for_document_series(series: pd.Series) -> pd.Series:
    """:func:`for_document` over a column."""
    return _translate_series(series, "document", DOCUMENT_TABLE)


def clean_cell_series(series: pd.Series) -> pd.Series:
    """:func:`clean_cell` over a column."""
    return _translate_series(series, "cell", CELL_TABLE)


def formula_mask(series: pd.Series) -> Any:
    """A boolean numpy array: which values of a text column :func:`is_formula`."""
    import numpy as np

    if not _is_text(series) or len(series) == 0:
        return np.zeros(len(series), dtype=bool)
    try:
        start = series.str.match(FORMULA_START_PATTERN)
        number = series.str.match(PLAIN_NUMBER_PATTERN)
    except (AttributeError, TypeError):
        return np.zeros(len(series), dtype=bool)
    return (start.fillna(False).astype(bool) & ~number.fillna(False).astype(bool)).to_numpy()


def for_cell_series(series: pd.Series) -> pd.Series:
    """:func:`for_cell` over a column: cleaned, and ``'`` before formula-like text."""
    out = clean_cell_series(series)
    if isinstance(out.dtype, __import__("pandas").CategoricalDtype):
        out = out.astype(out.dtype.categories.dtype)
    mask = formula_mask(out)
    if not mask.any():
        return out
    out = out.copy() if out is series else out
    out[mask] = "'" + out[mask].astype(str)
    return out


def clean_cell_arrow(values: Any) -> Any:
    """:func:`clean_cell` over an Arrow string array (or chunked array): found in C (RE2);
    only when some value holds such a character are the values translated."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(values) == 0 or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return values
    if not pc.any(pc.match_substring_regex(values, _PATTERNS["cell"][1])).as_py():
        return values
    cleaned = [None if v is None else clean_cell(v) for v in values.to_pylist()]  # rare: a bad file
    return pa.array(cleaned, type=values.type)


# C1 controls, DEL, bidi controls and line separators, as JSON escapes: ``json.dumps`` with
# ``ensure_ascii=False`` escapes only C0, and a raw U+009B is a CSI to some terminals.
JSON_TABLE = {c: f"\\u{c:04x}" for c in [0x7F, *_C1, *_FORMAT]}
_JSON_RE = re.compile(_class(JSON_TABLE))


def for_json(text: str) -> str:
    """Serialised JSON with the characters above written as ``\\uXXXX`` escapes: the same
    values for a JSON parser, nothing raw for a terminal or an editor. (Outside strings JSON
    holds only ASCII, so this can only change string contents, losslessly.)"""
    return text.translate(JSON_TABLE) if _JSON_RE.search(text) else text


# --------------------------------------------------------------------------------------------
# A Rich console that never lets a control character through
# --------------------------------------------------------------------------------------------


# An ASCII-only standard output (PYTHONIOENCODING=ascii, LC_ALL=C): the terminal reports' own
# symbols as ASCII stand-ins. In a text Rich has measured (a Text in a table cell, or a cell Rich
# cut with an ellipsis) one character stands for one: the columns stay aligned; a plain string is
# replaced before Rich measures it, so it may take several ("->", ">=").
ASCII_STANDINS_1 = str.maketrans({
    "█": "#", "░": ".", "━": "-", "─": "-", "└": "-", "→": ">", "←": "<", "–": "-", "—": "-",
    "\u2212": "-", "≥": ">", "≤": "<", "·": "|", "…": ".", "×": "x", "✓": "+", "✗": "x", "•": "*",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
})  # fmt: skip
ASCII_STANDINS = str.maketrans({
    **{chr(k): v for k, v in ASCII_STANDINS_1.items()},
    "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "…": "...", "—": "--", "✓": "OK", "✗": "X",
})  # fmt: skip


def ascii_box(box: Any) -> Any:
    """A Rich box drawn with ASCII (``-``, ``|``, ``+``) in the same layout."""
    import unicodedata

    from rich.box import Box

    def char(c: str) -> str:
        if c.isascii():
            return c
        name = unicodedata.name(c, "")
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        return "+"

    return Box("".join(char(c) for c in str(box)), ascii=True)


def terminal_console(*, ascii_only: bool = False, **kwargs: Any) -> Any:
    """A :class:`rich.console.Console` (``kwargs`` as for it) whose text goes through
    :func:`for_terminal` wherever it comes from: plain strings before layout (so widths are
    right), and every text segment it renders, ``Text`` objects and table cells included (Rich
    itself drops only a few controls; ``ESC`` would pass). Rich's own control segments (colour,
    cursor) are left alone: they are Rich's, not the data's.

    ``ascii_only`` (standard output cannot show box-drawing characters): tables are drawn with
    ASCII boxes and the reports' own symbols with ASCII stand-ins (``#`` for a bar, ``->``);
    anything else that is not ASCII (a Chinese name) is left for the writer to refuse."""
    from rich.console import Console
    from rich.segment import Segment
    from rich.table import Table
    from rich.text import Text

    class _Console(Console):
        def render_str(self, text: str, **kw: Any) -> Any:
            text = for_terminal(text, keep="\n")
            if ascii_only:
                text = text.translate(ASCII_STANDINS)
            return super().render_str(text, **kw)

        def print(self, *objects: Any, **kw: Any) -> None:
            if ascii_only:  # a Text printed on its own is laid out as it is: any stand-in fits
                objects = tuple(
                    Text(o.plain.translate(ASCII_STANDINS), style=o.style, justify=o.justify, end=o.end)
                    if isinstance(o, Text) and not o.spans else o
                    for o in objects
                )
            super().print(*objects, **kw)

        def render(self, renderable: Any, options: Any = None) -> Any:
            if ascii_only:
                if isinstance(renderable, Table) and renderable.box is not None and not renderable.box.ascii:
                    renderable.box = ascii_box(renderable.box)
                elif isinstance(renderable, Text) and not renderable.plain.isascii():
                    renderable = renderable.copy()  # measured already: one character for one
                    renderable.plain = renderable.plain.translate(ASCII_STANDINS_1)
            for seg in super().render(renderable, options):
                if seg.control or not _TERMINAL_RE.search(seg.text.replace("\n", "")):
                    if ascii_only and not seg.control and not seg.text.isascii():
                        seg = Segment(seg.text.translate(ASCII_STANDINS_1), seg.style, seg.control)
                    yield seg
                else:
                    text = for_terminal(seg.text, keep="\n")
                    yield Segment(text.translate(ASCII_STANDINS_1) if ascii_only else text, seg.style, seg.control)

    return _Console(**kwargs)
