"""The terminal report's tables, laid out without Rich's per-cell machinery.

A :class:`Grid` is drawn exactly as Rich draws ``Table(box=box.SIMPLE_HEAVY, pad_edge=False,
title_justify="left")`` with the same columns: the same column widths (measured, then
collapsed to fit the way Rich collapses them), the same word wrapping, ellipses, padding and
alignment, and character widths from ``rich.cells``, so CJK names line up. Rich spends about
75 µs a cell measuring, wrapping and padding through its general renderables, which is 20 ms
or more for the five tables of a report; this does the same in well under a millisecond. The
tests check the output against Rich's own on random tables (``tests/test_grid.py``).

Colour, when asked for, is plain SGR codes: bold headers, italic titles and the styles the
report gives to columns and cells (``"green"``, ``"bold red"``, ``"dim"``...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from rich.cells import cell_len, chop_cells, set_cell_size

Justify = Literal["left", "right"]
Overflow = Literal["ellipsis", "fold"]
Span = tuple[str, "str | None"]
Cell = "str | tuple[Span, ...]"
"""A cell: text, or styled pieces of text (``(("█████░░░░░", "green"), (" 50%", None))``)."""

# what Rich strips from text (bell, backspace, vertical tab, form feed, carriage return); a tab
# is shown as one space (Rich would expand it to the next tab stop)
_STRIP = {7: None, 8: None, 9: " ", 11: None, 12: None, 13: None}
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")

_SGR = {"bold": 1, "dim": 2, "italic": 3, "underline": 4, "reverse": 7, "strike": 9}
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_SGR.update({c: 30 + i for i, c in enumerate(_COLOURS)})
_SGR.update({f"bright_{c}": 90 + i for i, c in enumerate(_COLOURS)})

HEADER_STYLE = "bold"
TITLE_STYLE = "italic"
_RULE = "━"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    justify: Justify = "left"
    style: str | None = None
    no_wrap: bool = False
    overflow: Overflow = "ellipsis"
    min_width: int | None = None


def text_column(header: str, lang: str, **options) -> Column:
    """A column of names or sentences. Chinese has no spaces to wrap at, so in Chinese a name
    too long for its column wraps between characters (Rich's ``overflow="fold"``) instead of
    ending in an ellipsis."""
    return Column(header, overflow="fold" if lang == "zh" else "ellipsis", **options)


@dataclass(slots=True)
class Grid:
    """A titled table: columns, then rows of cells (one per column)."""

    title: str | None
    columns: list[Column]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"a row of {len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(cells)

    def lines(self, width: int, color: bool = False) -> list[str]:
        """The table as lines of text (no newlines) for a console ``width`` cells wide."""
        return _layout(self, width, color)


@dataclass(frozen=True, slots=True)
class Line:
    """Text printed on its own, wrapped at the console width (a Rich ``Text`` printed alone)."""

    text: str
    style: str | None = None

    def lines(self, width: int, color: bool = False) -> list[str]:
        return [
            _paint(_crop(p, width), color) for p in _text_lines(self.text, self.style, width, color)
        ]


def render_lines(items: list[Grid | Line], width: int, color: bool = False) -> str:
    """Everything printed in order, one newline after each line (as ``Console.print`` does)."""
    out: list[str] = []
    for item in items:
        out += item.lines(width, color)
    return "".join(f"{line}\n" for line in out)


# ---------------------------------------------------------------------------------------------
# A piece of text on its way to the screen: its characters and, with colour, one style each.
# ---------------------------------------------------------------------------------------------

_Piece = tuple[str, "list[str | None] | None"]


def _cell_text(cell: Cell, style: str | None, color: bool) -> _Piece:
    if isinstance(cell, str):
        text = cell.translate(_STRIP)
        return text, ([style] * len(text) if color else None)
    text = "".join(t for t, _ in cell).translate(_STRIP)
    if not color:
        return text, None
    styles: list[str | None] = []
    for t, s in cell:
        n = len(t.translate(_STRIP))
        styles += [_join(style, s)] * n
    return text, styles


def _join(a: str | None, b: str | None) -> str | None:
    return b if not a else a if not b else f"{a} {b}"


def _split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line between newlines, blank lines kept."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _divide(text: str, width: int, fold: bool) -> list[int]:
    """Where to break a line of text to fit ``width`` cells (Rich's ``divide_line``)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        word_length = cell_len(word.rstrip())
        if width - offset >= word_length:
            offset += cell_len(word)
        elif word_length > width:
            if fold:
                folded = chop_cells(word, width)
                for i, line in enumerate(folded):
                    if start:
                        breaks.append(start)
                    if i == len(folded) - 1:
                        offset = cell_len(line)
                    else:
                        start += len(line)
            else:
                if start:
                    breaks.append(start)
                offset = cell_len(word)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _wrap_line(text: str, styles, s: int, e: int, width: int, overflow: Overflow) -> list[_Piece]:
    """The pieces of ``text[s:e]`` word-wrapped at ``width``, with over-long trailing space cut."""
    line = text[s:e]
    cuts = [0, *_divide(line, width, overflow == "fold"), len(line)]
    out = []
    for a, b in pairwise(cuts):
        piece = line[a:b]
        if len(piece) > width and (m := _TRAILING_SPACE.search(piece)):
            b -= min(len(m.group(0)), len(piece) - width)
        out.append((line[a:b], None if styles is None else styles[s + a : s + b]))
    return out


def _resize(piece: _Piece, size: int) -> _Piece:
    """Crop or pad to ``size`` cells (``rich.cells.set_cell_size``); styles follow the text."""
    text, styles = piece
    new = set_cell_size(text, size)
    if styles is None:
        return new, None
    keep = 0
    for keep, (x, y) in enumerate(zip(new, text, strict=False)):  # noqa: B007
        if x != y:
            break
    else:
        keep = min(len(new), len(text))
    fill = styles[keep] if keep < len(styles) and len(new) <= len(text) else None
    return new, styles[:keep] + [fill] * (len(new) - keep)


def _truncate(piece: _Piece, width: int, overflow: Overflow, pad: bool) -> _Piece:
    text, styles = piece
    length = cell_len(text)
    if length > width:
        if overflow == "ellipsis":
            text, cut = _resize(piece, width - 1)
            last = (
                None
                if styles is None
                else (styles[len(text)] if len(text) < len(styles) else styles[-1])
            )
            piece = (text + "…", None if cut is None else [*cut, last])
        else:
            piece = _resize(piece, width)
    if pad and length < width:
        text, styles = piece
        piece = (
            text + " " * (width - length),
            None if styles is None else styles + [None] * (width - length),
        )
    return piece


def _text_lines(
    text: str, style: str | None, width: int, color: bool, pad: bool = False
) -> list[_Piece]:
    """Text on its own (a line, a title) word-wrapped at ``width``, long words folded."""
    plain = text.translate(_STRIP)
    styles = [style] * len(plain) if color else None
    out = []
    for s, e in _split_lines(plain):
        for piece in _wrap_line(plain, styles, s, e, width, "fold"):
            if pad:
                piece = _truncate(piece, width, "fold", pad=True)
            out.append(_truncate(piece, width, "fold", pad=False))
    return out


def _crop(piece: _Piece, width: int) -> _Piece:
    """Cut a line that is wider than the console (``Console.print`` crops, never pads)."""
    return _resize(piece, width) if cell_len(piece[0]) > width else piece


def _cell_lines(piece: _Piece, width: int, column: Column) -> list[_Piece]:
    """A cell's text as lines exactly ``width`` cells wide (Rich's ``Text`` in a table cell)."""
    if width < 1:  # Rich renders nothing where there is no room
        return []
    text, styles = piece
    out: list[_Piece] = []
    for s, e in _split_lines(text):
        if column.no_wrap:
            pieces = [(text[s:e], None if styles is None else styles[s:e])]
        else:
            pieces = _wrap_line(text, styles, s, e, width, column.overflow)
        for p in pieces:
            if column.justify == "left":
                p = _truncate(p, width, column.overflow, pad=True)
            else:
                t, st = p
                t2 = t.rstrip()
                p = _truncate(
                    (t2, None if st is None else st[: len(t2)]), width, column.overflow, pad=False
                )
                gap = width - cell_len(p[0])
                if gap > 0:
                    p = (" " * gap + p[0], None if p[1] is None else [None] * gap + p[1])
            p = _truncate(p, width, column.overflow, pad=False)
            out.append(_resize(p, width) if cell_len(p[0]) != width else p)
    return out


# ---------------------------------------------------------------------------------------------
# Column widths, the way Rich's Table computes them
# ---------------------------------------------------------------------------------------------


def _measure_text(text: str) -> tuple[int, int]:
    lines = text.splitlines()
    longest = max(cell_len(line) for line in lines) if lines else 0
    words = text.split()
    shortest = max(cell_len(word) for word in words) if words else longest
    return shortest, longest


def _normalize(lo: int, hi: int) -> tuple[int, int]:
    lo = min(max(0, lo), hi)
    return max(0, lo), max(0, max(lo, hi))


def _measure_cell(size: tuple[int, int], extra: int, max_width: int) -> tuple[int, int]:
    """A padded cell's (minimum, maximum) width within ``max_width`` (Rich's ``Measurement``)."""
    if max_width < 1:
        return 0, 0
    if max_width - extra < 1:
        lo = hi = max_width
    else:
        lo, hi = _normalize(*size)
        lo, hi = min(lo, max_width), min(hi, max_width)
        if hi < 1:
            lo = hi = 0
        else:
            lo, hi = _normalize(lo, hi)
        lo, hi = min(lo + extra, max_width), min(hi + extra, max_width)
    lo, hi = _normalize(lo, hi)
    lo, hi = min(lo, max_width), min(hi, max_width)
    return (0, 0) if hi < 1 else _normalize(lo, hi)


def _measure_column(
    sizes: list[tuple[int, int]], column: Column, extra: int, max_width: int
) -> int:
    if max_width < 1:
        return 0
    measured = [_measure_cell(size, extra, max_width) for size in sizes]
    lo = max(m[0] for m in measured) if measured else 1
    hi = max(m[1] for m in measured) if measured else max_width
    lo, hi = min(lo, max_width), min(hi, max_width)
    if column.min_width is not None:
        floor = max(0, column.min_width + extra)
        lo, hi = max(lo, floor), max(hi, floor)
    return hi


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            given = min(maximum, round(ratio * remaining / total_ratio))
            out.append(value - given)
            remaining -= given
            total_ratio -= ratio
        else:
            out.append(value)
    return out


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
            second = max(
                w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True)
            )
            ratios = [
                1 if (w == widest and ok) else 0 for w, ok in zip(widths, wrapable, strict=True)
            ]
            if not any(ratios) or not widest - second:
                break
            widths = _ratio_reduce(
                excess, ratios, [min(excess, widest - second)] * len(widths), widths
            )
            total = sum(widths)
            excess = total - max_width
    return widths


def _widths(
    sizes: list[list[tuple[int, int]]], columns: list[Column], pads: list[int], max_width: int
) -> list[int]:
    widths = [
        _measure_column(s, c, p, max_width) or 1
        for s, c, p in zip(sizes, columns, pads, strict=True)
    ]
    if sum(widths) > max_width:
        widths = _collapse(widths, [not c.no_wrap for c in columns], max_width)
        if sum(widths) > max_width:  # the last resort: every column gives up the same share
            widths = _ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        widths = [
            _measure_column(s, c, p, w)
            for s, c, p, w in zip(sizes, columns, pads, widths, strict=True)
        ]
    return widths


# ---------------------------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------------------------


def _layout(grid: Grid, console_width: int, color: bool) -> list[str]:
    columns = grid.columns
    n = len(columns)
    if not n:
        return [""]
    left = [0] + [1] * (n - 1)  # pad_edge=False: no padding on the outer side of the edge columns
    right = [1] * (n - 1) + [0]
    pads = [a + b for a, b in zip(left, right, strict=True)]
    extra = 2 + (n - 1)  # the two edges and the dividers

    cells = [[_cell_text(c.header, HEADER_STYLE if color else None, color)] for c in columns]
    for row in grid.rows:
        for i, (cell, column) in enumerate(zip(row, columns, strict=True)):
            cells[i].append(_cell_text(cell, column.style, color))
    sizes = [[_measure_text(text) for text, _ in column_cells] for column_cells in cells]
    widths = _widths(sizes, columns, pads, console_width - extra)
    table_width = sum(widths) + extra

    out: list[_Piece] = []
    if grid.title:  # left-justified: padded to the table's width
        out += _text_lines(grid.title, TITLE_STYLE, table_width, color, pad=True)
    blank = (" " * table_width, [None] * table_width if color else None)
    out.append(blank)  # SIMPLE_HEAVY's top edge is blank

    rendered = [
        [_padded(piece, width, column, lpad, rpad) for piece in column_cells]
        for column_cells, width, column, lpad, rpad in zip(
            cells, widths, columns, left, right, strict=True
        )
    ]
    for r in range(len(grid.rows) + 1):
        row = [rendered[i][r] for i in range(n)]
        height = max(1, *(len(c) for c in row))
        for i, c in enumerate(row):
            if len(c) < height:
                filler = (" " * widths[i], [None] * widths[i] if color else None)
                # the header sits at the bottom of its row, a body cell at the top
                row[i] = (
                    [filler] * (height - len(c)) + c if r == 0 else c + [filler] * (height - len(c))
                )
        for k in range(height):
            out.append(_row_line([c[k] for c in row], color))
        if r == 0:
            rule = " " + _RULE * (table_width - 2) + " "
            out.append((rule, [None] * len(rule) if color else None))
    out.append(blank)  # and so is its bottom edge
    return [_paint(_crop(p, console_width), color) for p in out]


def _padded(piece: _Piece, width: int, column: Column, lpad: int, rpad: int) -> list[_Piece]:
    lines = _cell_lines(piece, max(0, width - lpad - rpad), column)
    if lpad or rpad:
        lp, rp = " " * lpad, " " * rpad
        if piece[1] is None:
            lines = [(lp + t + rp, None) for t, _ in lines]
        else:
            lines = [(lp + t + rp, [None] * lpad + st + [None] * rpad) for t, st in lines]
    return [p if cell_len(p[0]) == width else _resize(p, width) for p in lines]


def _row_line(parts: list[_Piece], color: bool) -> _Piece:
    text = " " + " ".join(t for t, _ in parts) + " "
    if not color:
        return text, None
    styles: list[str | None] = [None]
    for i, (_, st) in enumerate(parts):
        if i:
            styles.append(None)
        styles += st
    styles.append(None)
    return text, styles


def _sgr(style: str) -> str:
    codes = sorted({_SGR[w] for w in style.split() if w in _SGR}, key=lambda c: (c >= 30, c))
    return ";".join(map(str, codes))


def _paint(piece: _Piece, color: bool) -> str:
    text, styles = piece
    if not color or styles is None:
        return text
    out, i, n = [], 0, len(text)
    while i < n:
        style = styles[i] if i < len(styles) else None
        j = i + 1
        while j < n and (styles[j] if j < len(styles) else None) == style:
            j += 1
        codes = _sgr(style) if style else ""
        out.append(f"\x1b[{codes}m{text[i:j]}\x1b[0m" if codes else text[i:j])
        i = j
    return "".join(out)
