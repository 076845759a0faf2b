"""Terminal tables that fit the console: each column's width, and where its cells break.

Rich wraps a cell at spaces only, so a Chinese cell (no spaces) is one long "word": it folds at
any character, and the English name before it is left alone on a line (``Qin`` over
``Yue（000251）：报表…``). Here a cell breaks where a reader expects it:

- at spaces and after Chinese phrase punctuation (``、，；：。``): the *words* of a cell;
- if a word is wider than its column: between two Chinese characters, after a hyphen
  (``Leader-`` / ``communicator``) or an ``_`` in an id;
- never inside a number, a Latin word or between a number and the Chinese beside it
  (``每40人1名``, ``培养达标+1``), never before closing punctuation (``）：、``) or after an
  opening one (``（``).

Each column kind gives way in its own order (:func:`fit_columns`): names and sentences wrap
first; the cells of a number column (right-aligned) or of a ``no_wrap`` column are never broken
while anything else can give way; the space between columns narrows before a word is broken.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Column, Table

OPEN = frozenset("（《「『【〔〈([{“‘")
CLOSE = frozenset("）》」』】〕〉)]}、，。；：！？,.;:!?%”’…·")  # never at the start of a line
PHRASE_END = frozenset("、，。；：！？")  # zh: a line ends here before inside a phrase
NBSP, JOINER = "\u00a0", "\u2060"  # no-break space; word joiner (no break on either side)
NAME_MIN = 10  # cells a name column keeps before its words fold: five Chinese characters
# break strengths: between words; between Chinese characters; inside a Latin word (after a
# hyphen, an id's "_"); between Latin and Chinese (only where nothing else fits, before a word is
# folded)
WORD, CJK, CLUSTER, MIXED = 3, 2, 1, 0
INNER = -1  # inside a Chinese word (ZH_WORDS): where nothing else fits, before the word is folded


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


# Chinese words a line does not break inside (就绪所 / 需级数, 已就 / 绪20人, 管 / 理团队): the
# words of the reports' headers, notes and the shipped profiles' names. A break inside one is
# kept as a last resort (strength INNER), before a word is folded.
_WORDS_TEXT = """
    已就绪 未就绪 就绪 所需 级数 需求 人数 达标 覆盖率 覆盖 缺口 缺失 匹配度 状态 备注 分配后 分配
    个席位 席位 中心 无人 现为 用工类型 用工 类型 须为 不满足 未填写 司龄 能力项 能力 等级 要求 提升 关键 当前 短缺
    受阻 平均 未评估 评估 类别 梯队 深度 招聘 培养 借用 外包 内部 外部 人才 人员 员工 编号 姓名 部门 地点
    岗位 角色 名称 来源 变化 合计 权重 原则 践行 花名册 行动 计划 指数 最接近者 接近者 后备 风险 离职
    新入职 快照 留任 不足 充足 尚可 分组 维度 待提升 管理者 管理 经理 顾问 骨干 团队 专家 专员 大使
    服务 客户 体验 产品 运营 共享 领导力 沟通 协调 业务 资深 技术 应用 报表 数据 分析师 分析 流程 优化
    负责人 项目 变革 一线 担当型 呼叫 战略 思维 方案 设计 洞察 治理 方法 视角 控制 意识 亲和力 复盘
    异常 处理 策划 培训 辅导 同理心 关系 网络 模式 应用型 营运 标准化 价值
"""
ZH_WORDS = tuple(sorted(set(_WORDS_TEXT.split()), key=lambda w: (-len(w), w)))
_ZH_WORD = re.compile("|".join(ZH_WORDS))


def _inside_words(line: str) -> frozenset[int]:
    """The indexes of ``line`` inside a word of :data:`ZH_WORDS` (after its first character)."""
    if line.isascii():
        return frozenset()
    return frozenset(i for m in _ZH_WORD.finditer(line) for i in range(m.start() + 1, m.end()))


def breaks(line: str) -> tuple[tuple[int, int], ...]:
    """Where ``line`` (no newline) may break: ``(index, strength)``, the next line starting at
    ``index`` (spaces before it are dropped at the break)."""
    out: list[tuple[int, int]] = []
    n = len(line)
    start = len(line) - len(line.lstrip(" └"))  # an indent ("  └ " of a sub-row) never breaks
    # each character's width looked up once (ASCII is never wide)
    wide = [False] * n if line.isascii() else [_wide(c) for c in line]
    inner = _inside_words(line)
    i = start + 1
    while i < n:
        prev, ch = line[i - 1], line[i]
        if ch == " ":
            j = i
            while j < n and line[j] == " ":
                j += 1
            if j < n and line[j] not in CLOSE:
                out.append((j, WORD))
            i = j + 1
            continue
        if prev == " " or ch in CLOSE or prev in OPEN or JOINER in (prev, ch):
            pass
        elif prev in PHRASE_END and wide[i - 1]:
            out.append((i, WORD))
        elif prev == "-" and i >= 2 and line[i - 2].isalpha() and ch.isalpha():
            out.append((i, CLUSTER))  # Leader- / communicator
        elif wide[i - 1] and wide[i]:
            out.append((i, INNER if i in inner else CJK))  # between two Chinese characters
        elif prev == "_" and ch.isalnum():
            out.append((i, CLUSTER))  # an id: senior_business_ / specialist
        elif wide[i - 1] != wide[i]:
            # Yunfei / （000116）; a number and its unit (已就绪 / 20人, never 20 / 人) only as a last resort
            out.append((i, INNER if prev.isdigit() or ch.isdigit() else MIXED))
        i += 1
    return tuple(out)


def _pieces(line: str, strength: int) -> list[str]:
    """``line`` cut at every break of at least ``strength``, spaces trimmed."""
    cuts = [0, *(i for i, s in breaks(line) if s >= strength), len(line)]
    return [line[a:b].strip() for a, b in itertools.pairwise(cuts)]


def widest_piece(text: str, strength: int) -> int:
    """The widest thing in ``text`` that a line break at ``strength`` cannot split (``WORD``:
    its longest word; ``CJK``: the same, a Chinese character counting as a word; ``CLUSTER``:
    its longest unbreakable run)."""
    return max((cell_len(p) for ln in text.split("\n") for p in _pieces(ln, strength)), default=0)


def widest_pieces(text: str) -> tuple[int, int, int]:
    """:func:`widest_piece` at ``WORD``, ``CJK`` and ``CLUSTER`` at once: each line's breaks are
    found once (a table measures every cell at the three strengths)."""
    out = [0, 0, 0]
    for ln in text.split("\n"):
        points = breaks(ln)
        for k, strength in enumerate((WORD, CJK, CLUSTER)):
            cuts = [0, *(i for i, s in points if s >= strength), len(ln)]
            out[k] = max(out[k], *(cell_len(ln[a:b].strip()) for a, b in itertools.pairwise(cuts)))
    return out[0], out[1], out[2]


def wrap_line(line: str, width: int, fill: bool = False) -> list[tuple[int, int]]:
    """``line`` in lines of at most ``width`` cells: ``(start, end)`` slices. A line breaks at the
    last word break that fills at least half of it, else at the last break inside a word, else
    the word is folded (cut at the width). ``fill`` (a paragraph): at the last word break or
    break between two Chinese characters, so that Chinese lines run the full width (a phrase
    mark ends a line only where it falls there)."""
    out: list[tuple[int, int]] = []
    points = breaks(line)
    if fill:  # a paragraph runs the full width: it may break inside a Chinese word, as print does
        points = tuple((i, s if s != INNER else CJK if _wide(line[i - 1]) and _wide(line[i]) else MIXED)
                       for i, s in points)  # fmt: skip
    start, hang = 0, 0
    while cell_len(line[start:].rstrip()) + hang > width:
        room = width - hang
        best: dict[int, int] = {}
        inner: list[int] = []
        for i, s in points:
            if i <= start:
                continue
            used = cell_len(line[start:i].rstrip())
            if used > room:
                break
            best[s] = i
            inner += [i] if s == CJK else []
        word = best.get(WORD)
        inside = best.get(CJK, best.get(CLUSTER, best.get(MIXED)))
        if len(inner) > 1 and cell_len(line[inner[-1] :]) <= 2 and cell_len(line[start : inner[-2]]) >= 4:
            # no character alone on the last line (unless it would be alone on this one)
            inside = inner[-2]
        if fill and inner and len(inner) > 1 and cell_len(line[inner[-1] :].rstrip("".join(CLOSE))) <= 2:
            inner.pop()  # a paragraph's last line holds more than one character and its mark
        if fill and (word is not None or inner):
            end = max(word or 0, inner[-1] if inner else 0)
        elif word is not None and (inside is None or inside < word or 2 * cell_len(line[start:word].rstrip()) >= room):
            end = word
        elif inside is not None:
            end = inside
        elif INNER in best:  # inside a Chinese word, rather than cut at the width
            end = best[INNER]
        else:  # fold: as many characters as fit
            end, used = start, 0
            while end < len(line) and used + cell_len(line[end]) <= max(room, 1):
                used += cell_len(line[end])
                end += 1
            while start + 1 < end < len(line) and (line[end] in CLOSE or line[end - 1] in OPEN):
                end -= 1  # a closing mark stays with what it closes
            end = max(end, start + 1)
        out.append((start, len(line[:end].rstrip())))
        if not out[:-1]:  # the continuation of an indented sub-row ("  └ name") stays under the name
            lead = len(line) - len(line.lstrip(" └"))
            hang = min(lead, width // 3)
        start = end
        while start < len(line) and line[start] == " ":
            start += 1
    out.append((start, len(line)))
    return out


def wrap(cell: object, width: int, fill: bool = False) -> object:
    """A cell (``str`` or Rich ``Text``) with its lines broken to ``width`` cells, so Rich's own
    wrap (spaces only) has nothing left to do; anything else as given. A no-break space
    (``+1\u00a0joined``) holds two words together and is shown as a space."""
    plain = cell.plain if isinstance(cell, Text) else cell if isinstance(cell, str) else None
    if plain is None:
        return cell
    if all(cell_len(ln) <= width for ln in plain.split("\n")):
        return _spaced(cell)
    return _spaced(_wrapped(cell, plain, width, fill))


def flow(item: object, width: int, fill: bool = False) -> object:
    """A line of text (``str``, ``Text``, or a ``Padding`` around one) broken to the console's
    ``width`` where a reader expects (:func:`wrap_line`; ``fill``: a paragraph, its Chinese lines
    the full width): Rich breaks Chinese at spaces only, so a Chinese sentence folded anywhere,
    a number split from its unit."""
    from rich.padding import Padding

    if isinstance(item, Padding) and isinstance(item.renderable, (str, Text)):
        item.renderable = wrap(item.renderable, max(1, width - item.left - item.right), fill)  # type: ignore[assignment]
        return item
    return wrap(item, width, fill) if isinstance(item, (str, Text)) else item


def unbroken(text: str) -> str:
    """``text`` marked to stay on one line of a table cell where there is room (``+1 joined``,
    ``培养达标+1``): :func:`fit_columns` breaks it only if it is wider than its column."""
    return JOINER.join(text.replace(" ", NBSP))


def _spaced(cell: object) -> object:
    """No-break spaces shown as spaces and word joiners dropped, once the lines are broken."""
    if isinstance(cell, str):
        return cell.replace(NBSP, " ").replace(JOINER, "")
    if isinstance(cell, Text) and (NBSP in cell.plain or JOINER in cell.plain):
        cell = cell.copy()
        cell.plain = cell.plain.replace(NBSP, " ")
        if JOINER in cell.plain:  # a zero-width character: its spans move with the text
            cell = Text("").join(part for part in cell.split(JOINER, allow_blank=True))
    return cell


def _wrapped(cell: object, plain: str, width: int, fill: bool = False) -> object:
    text = cell if isinstance(cell, Text) else Text(plain)
    pieces: list[Text] = []
    offset = 0
    for ln in plain.split("\n"):
        spans = wrap_line(ln, width, fill)
        lead = len(ln) - len(ln.lstrip(" └"))
        for k, (a, b) in enumerate(spans):
            piece = text[offset + a : offset + b]
            if k and lead:
                piece = Text(" " * min(lead, width // 3)) + piece
            pieces.append(piece)
        offset += len(ln) + 1
    out = Text("\n").join(pieces)
    return out if isinstance(cell, Text) else out.plain


class _Col(NamedTuple):
    """What a column holds, measured once: its widest line, its widest body line and body word,
    its header's longest word and unbreakable run, its longest word and run overall."""

    kind: str  # keep (no_wrap), number (right-aligned), text (names and sentences)
    widest: int
    body: int
    body_word: int
    body_cjk: int
    head_word: int
    head_cjk: int
    head_run: int
    word: int
    run: int
    minimum: int
    head: tuple[int, ...]  # the header's lines' widths
    rows: tuple[tuple[int, ...], ...]  # each cell's lines' widths


def _measure_column(c: Column) -> _Col:
    def plain(cell: object) -> str:
        return cell.plain if isinstance(cell, Text) else cell if isinstance(cell, str) else ""

    head = plain(c.header)
    body = [plain(x) for x in c.cells]
    every = [head, *body]
    widest = max((cell_len(ln) for x in every for ln in x.split("\n")), default=1) or 1
    head_word, head_cjk, head_run = widest_pieces(head)
    if c.max_width:  # a column capped by its max_width: its cells wrap at the cap
        widest = min(widest, max(c.max_width, head_run))
    pieces = [widest_pieces(x) for x in body]  # (word, cjk, run) of every cell
    kind = "keep" if c.no_wrap else "number" if c.justify == "right" else "text"
    return _Col(
        kind=kind,
        widest=widest,
        body=max((cell_len(ln) for x in body for ln in x.split("\n")), default=0),
        body_word=max((p[0] for p in pieces), default=0),
        body_cjk=max((p[1] for p in pieces), default=0),
        head_word=head_word,
        head_cjk=head_cjk,
        head_run=head_run,
        word=max([head_cjk, *(p[1] for p in pieces)]),
        run=max([head_run, *(p[2] for p in pieces)]),
        minimum=c.min_width or 0,
        head=tuple(cell_len(ln) for ln in head.split("\n")),
        rows=tuple(tuple(cell_len(ln) for ln in x.split("\n")) for x in body),
    )


def _floor(m: _Col, step: int) -> int:
    """How narrow a column may get at each step of giving way (:data:`STEPS`):
    0: names and sentences wrap between words (Chinese between characters), never narrower
       than ``NAME_MIN``; Latin headers between words, Chinese ones in half (需求 / 人数);
    1: ids break after an ``_``, names after a hyphen;
    2: the cells of a number column wrap between words (``160% →`` over ``150%``);
    3: the headers fold;
    4: names fold inside a word, down to ``NAME_MIN``;
    5: anything but a ``no_wrap`` cell folds (the last resort)."""
    head = max(m.head_cjk, _half(m.head_word)) if step < 1 else max(m.head_run, _half(m.head_word)) if step < 3 else 1
    # a Chinese name may break between any two characters: it keeps NAME_MIN (five characters)
    name = min(m.widest, NAME_MIN) if m.body_cjk < m.body_word or step >= 4 else 0
    if m.kind == "keep":
        f = max(m.body, head)
    elif m.kind == "number":
        f = max(m.body if step < 2 else m.body_word if step < 5 else 3, head)
    elif step < 1:
        f = max(m.body_cjk, head, name)
    elif step < 4:
        f = max(m.run, head, name)
    else:
        f = name if step < 5 else 3
    return min(m.widest, max(f, m.minimum))


def _half(width: int) -> int:
    """Half of a Chinese header's width, in whole characters (two cells each); a header of two
    or three characters stays whole."""
    return width if width <= 6 else 2 * -(-(width // 2) // 2)


def _room(console: Console, table: Table) -> int:
    """The cells' share of the console: its width less the table's padding and edges."""
    from rich.measure import Measurement

    kept = [(c.width, c.min_width, c.max_width) for c in table.columns]
    for c in table.columns:
        c.width, c.min_width, c.max_width = 1, None, None
    room = console.width - (Measurement.get(console, console.options, table).maximum - len(table.columns))
    for c, (width, low, high) in zip(table.columns, kept, strict=True):
        c.width, c.min_width, c.max_width = width, low, high
    return room


Spacing = tuple[tuple[int, int, int, int], bool]  # cell padding, edges shown


def _spacings(table: Table) -> list[Spacing]:
    """The spacings to try, widest first: a table whose columns are divided by spaces only
    (no rules) may close up to two spaces between columns, then one without its edges."""
    pad, edge = table.padding, table.show_edge
    b = table.box
    ruled = b is not None and any(v.strip() for v in (b.head_vertical, b.mid_vertical, b.foot_vertical))
    if ruled or pad != (0, 1, 0, 1):
        return [(pad, edge)]
    return [(pad, edge), ((0, 1, 0, 0), edge), ((0, 0, 0, 0), False)]


def _space(table: Table, spacing: Spacing) -> None:
    table.padding, table.show_edge = spacing


# (padding index, floor step): the order in which a table gives way
STEPS = ((0, 0), (1, 0), (1, 1), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5))


def _widths(console: Console, table: Table, measured: list[_Col]) -> tuple[list[int], Spacing]:
    paddings = _spacings(table)
    rooms: dict[int, int] = {}
    w = [m.widest for m in measured]
    fitted: list[tuple[int, int, list[int]]] = []  # (height, spacing, widths)
    for k, (pad_at, step) in enumerate(STEPS):
        pad_at = min(pad_at, len(paddings) - 1)
        if pad_at not in rooms:
            _space(table, paddings[pad_at])
            rooms[pad_at] = _room(console, table)
        w = [m.widest for m in measured]
        floor = [_floor(m, step) for m in measured]
        if _shrink(w, floor, sum(w) - rooms[pad_at], measured) <= 0:
            fitted.append((_height(measured, w), pad_at, w))
        if fitted and (k + 1 == len(STEPS) or STEPS[k + 1][1] != step):
            break  # the first step that fits; of its spacings, the one with the fewest lines
    if fitted:
        _, pad_at, w = min(fitted)
        return w, paddings[pad_at]
    return w, paddings[-1]


def _height(measured: list[_Col], w: list[int]) -> int:
    """About how many lines the table takes with these column widths."""
    head = max(_lines(m.head, x) for m, x in zip(measured, w, strict=True))
    rows = zip(*(m.rows for m in measured), strict=True)
    return head + sum(max(_lines(c, x) for c, x in zip(r, w, strict=True)) for r in rows)


def _lines(widths: tuple[int, ...], width: int) -> int:
    """About how many lines a cell of lines this wide takes in a column this wide."""
    return sum(-(-n // width) or 1 for n in widths)


# how far a column is tried narrower in one go: every cell first, then in growing leaps
_SPANS = (1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 64, 80, 100, 128, 160)


def _shrink(w: list[int], floor: list[int], excess: int, measured: list[_Col]) -> int:
    """Narrow the columns ``w`` (in place) by ``excess`` cells, none below its ``floor``, so
    that the table grows the fewest lines: a row is as tall as its tallest cell, so a column of
    names that already wrap gives way before one whose cells would wrap now; at equal cost the
    widest gives way first. What is left of ``excess``."""
    n = len(w)
    if excess <= 0 or n == 0:
        return excess
    nrows = len(measured[0].rows)

    known: dict[tuple[int, int], tuple[int, list[int]]] = {}

    def column(j: int, width: int) -> tuple[int, list[int]]:
        if (j, width) not in known:
            m = measured[j]
            known[j, width] = _lines(m.head, width), [_lines(r, width) for r in m.rows]
        return known[j, width]

    cols = [column(j, w[j]) for j in range(n)]
    while excess > 0:
        can = [j for j in range(n) if w[j] > floor[j]]
        if not can:
            break
        best: tuple[float, int, int, int] | None = None  # (cost per cell, -width, -cells, column)
        for j in can:
            others = [c for i, c in enumerate(cols) if i != j]
            head = max((c[0] for c in others), default=1)
            tall = [max((c[1][r] for c in others), default=1) for r in range(nrows)]
            now = max(head, cols[j][0]) + sum(max(t, x) for t, x in zip(tall, cols[j][1], strict=True))
            most = min(excess, w[j] - floor[j])
            for k in sorted({*_SPANS[: next((i for i, x in enumerate(_SPANS) if x >= most), len(_SPANS))], most}):
                h, rows = column(j, w[j] - k)
                grown = max(head, h) + sum(max(t, x) for t, x in zip(tall, rows, strict=True)) - now
                key = (grown / k, -w[j], -k, j)
                if best is None or key < best:
                    best = key
        assert best is not None
        j, k = best[3], -best[2]
        w[j] -= k
        excess -= k
        cols[j] = column(j, w[j])
    return excess


def fit_columns(console: Console, table: Table) -> Table:
    """Give each column of ``table`` a width (and the table its padding) so that it fits the
    console, break its cells where a reader expects (:func:`wrap`), and return it.

    Each column gets its widest cell where there is room. Where there is not, the widest columns
    give way first, each down to a floor that depends on what it holds (:func:`_floor`): names
    wrap between words, number and ``no_wrap`` cells stay whole, the space between columns
    narrows, and only then do words fold. Nothing is ever cut off with "…" (Rich's own layout
    cuts cells, and crops a column that a ``min_width`` pushed past the edge); a column's
    ``min_width`` is a floor it keeps."""
    if not table.columns:
        return table
    measured = [_measure_column(c) for c in table.columns]  # once, unless a header is shortened
    if not fits(console, table, 2, measured):
        _shorten_headers(console, table)
        measured = [_measure_column(c) for c in table.columns]
    widths, spacing = _widths(console, table, measured)
    _space(table, spacing)
    for c, width in zip(table.columns, widths, strict=True):
        c.width, c.min_width, c.max_width = width, None, None  # floors and caps are in the width
        c.header = wrap(c.header, width)  # type: ignore[assignment]
        if not c.no_wrap:
            c._cells = [wrap(x, width) for x in c._cells]  # type: ignore[misc]
            c.overflow = "fold"
    return table


def _shorten_headers(console: Console, table: Table) -> None:
    """A table too wide for its headers' words (a narrow terminal): the headers that have a short
    form (:data:`~sscgap.i18n.SHORT_HEADERS`, ``Coverage`` -> ``Cov.``) take it, those saving
    most first, until every header word fits whole (or none is left): a header is shortened
    rather than folded inside a word."""
    from ..i18n import SHORT_HEADERS

    shorter: list[tuple[int, int, str]] = []  # (cells saved, column, short form)
    for k, c in enumerate(table.columns):
        head = c.header.plain if isinstance(c.header, Text) else c.header if isinstance(c.header, str) else ""
        short = SHORT_HEADERS.get(" ".join(head.split()))
        if short is None:
            continue
        before = _floor(_measure_column(c), 2)
        c.header, full = short, c.header
        saved = before - _floor(_measure_column(c), 2)
        c.header = full
        if saved > 0:
            shorter.append((saved, k, short))
    for _, k, short in sorted(shorter, key=lambda x: (-x[0], x[1])):
        table.columns[k].header = short
        if fits(console, table, 2):
            return


def keep_whole(console: Console, table: Table, columns: list[int]) -> None:
    """The short cells of ``columns`` (a place, a column name, a value beside a long message)
    stay on one line where the table still fits with no word broken: each gets its widest cell
    (up to its ``max_width``) as a floor; where the terminal is too narrow for that, none does."""
    for k in columns:
        m = _measure_column(table.columns[k])
        table.columns[k].min_width = max(min(m.body, m.widest), 1)
    if not fits(console, table, 0):
        for k in columns:
            table.columns[k].min_width = None


def fits(console: Console, table: Table, step: int = 0, measured: list[_Col] | None = None) -> bool:
    """Does ``table`` fit the console by the floors of ``step`` (:func:`_floor`; 0: no word
    broken and every number whole, the columns closed up if need be)? ``measured``: its
    columns as :func:`_measure_column` found them, where the caller has them already."""
    if not table.columns:
        return True
    if measured is None:
        measured = [_measure_column(c) for c in table.columns]
    need = sum(_floor(m, step) for m in measured)
    spacings = _spacings(table)
    fit = False
    for spacing in spacings[: 2 if step == 0 else 3]:
        _space(table, spacing)
        fit = fit or need <= _room(console, table)
    _space(table, spacings[0])
    return fit


def fits_between_words(console: Console, table: Table) -> bool:
    """Does ``table`` fit the console with no word broken and every number whole (what
    :func:`fit_columns` does when there is room enough, the columns closed up if need be)?"""
    return fits(console, table, 0)
