"""Findings about a roster file: where a problem is (row, column, sheet) and how it is told."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from ..errors import Finding, FindingList, RosterError
from ..i18n import finding_line

MAX_VALUE_SHOWN = 200  # a finding keeps at most this much of a cell (a cell may be megabytes)
CELLS_LISTED = 20  # per column and problem; the rest are counted
ERRORS_IN_MESSAGE = 5  # analyze/report list this many errors; validate lists them all


def fatal(path: Path, message: str, **kw: Any) -> RosterError:
    """A problem that stops reading the file: one finding, raised."""
    f = Finding("error", str(path), message, **kw)
    return RosterError(str(f), [f], zh=finding_line(f, "zh"))


def shown(value: object) -> str | None:
    """A cell as a finding quotes it (numbers typed as 9 are not shown as 9.0; long cells cut)."""
    if value is None or (not isinstance(value, str) and pd.isna(cast(Any, value))):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a level read as 9.0 was typed as 9
    text = str(value)
    return text if len(text) <= MAX_VALUE_SHOWN else text[: MAX_VALUE_SHOWN - 3] + "..."


def short(e: Exception) -> str:
    """The first line of an error message, at most 300 characters."""
    return str(e).strip().splitlines()[0][:300] if str(e).strip() else type(e).__name__


@dataclass
class Ctx:
    """Where findings go, and which spreadsheet row a row of the DataFrame came from."""

    path: Path
    fl: FindingList
    base: int  # spreadsheet row of the first data row
    place: str | None = None  # "sheet 'Staff'" for workbooks
    # Lazily: the spreadsheet row of every data record, when blank lines may shift them (CSV).
    resolve: Callable[[], np.ndarray | None] | None = None
    # canonical column name -> the header as written in the file ("analysis" -> "分析")
    headers: dict[str, str] = field(default_factory=dict)
    _rows: np.ndarray | None = None
    _resolved: bool = False

    def add(self, severity: str, message: str, **kw: Any) -> None:
        column = kw.pop("column", None)
        if column is not None:
            column = self.headers.get(column, column)
        self.fl.add(
            Finding(severity, str(self.path), message, place=self.place, column=column, **kw)
        )

    def row(self, pos: int) -> int:
        """The spreadsheet row of data record ``pos`` (0-based, as read)."""
        if not self._resolved:
            self._resolved = True
            self._rows = self.resolve() if self.resolve is not None else None
        if self._rows is not None and 0 <= pos < len(self._rows):
            return int(self._rows[pos])
        return pos + self.base

    def cells(
        self,
        column: str,
        mask: pd.Series | np.ndarray,
        raw: pd.Series,
        pos: np.ndarray,
        message: str,
        *,
        severity: str = "error",
        hint: str | None = None,
    ) -> None:
        """One finding per offending cell (the first few), then a count of the rest."""
        idx = np.flatnonzero(np.asarray(mask, dtype=bool))
        for i in idx[:CELLS_LISTED]:
            self.add(
                severity,
                message,
                row=self.row(int(pos[i])),
                column=column,
                value=shown(raw.iloc[i]),
                hint=hint,
            )
        if len(idx) > CELLS_LISTED:
            more = len(idx) - CELLS_LISTED
            self.add(severity, f"{more} more cells like this", column=column, count=more)


@dataclass
class Table:
    """A file as read: its data under the raw headers, and what the headers mean."""

    df: pd.DataFrame
    mapping: dict[str, str]  # raw header -> canonical name
    unknown: list[str]
    ctx: Ctx
    header: list[str]  # every raw header, for hints
    head_rows: list[list[str]]  # the first rows of the file, for hints
    # a level column as written (canonical name -> its cells as text, as read), when the
    # reader read it as numbers: a finding quotes the cells that are not plain levels
    text_of: Callable[[str], pd.Series | None] | None = None


def format_errors(file: str, errors: list[Finding], what: str, command: str, lang: str = "en") -> str:
    """'FILE: N errors in the roster' + the first few + where to see them all (``what``:
    ``roster`` or ``export``; ``lang="zh"``: in Chinese)."""
    zh = lang == "zh"
    n = sum(f.count for f in errors)
    if n == 1 and errors[0].file == file and not errors[0].row and not errors[0].place:
        return finding_line(errors[0], lang)  # one problem with the whole file: one line says it
    if zh:
        lines = [f"{file}：{WHAT_ZH.get(what, what)}中有{n}项错误"]
    else:
        lines = [f"{file}: {n} error{'s' if n != 1 else ''} in the {what}"]
    hints: set[str] = set()
    for f in sorted(errors, key=row_order)[:ERRORS_IN_MESSAGE]:
        if f.hint in hints:  # the same advice once is enough
            f = replace(f, hint=None)
        hints.add(f.hint or "")
        lines.append("  " + finding_line(f, lang, file))
    if len(errors) > ERRORS_IN_MESSAGE:
        more = n - ERRORS_IN_MESSAGE
        lines.append(f"  ……另有{more}项" if zh else f"  ... and {more} more")
    if n > 1:
        lines.append(f"完整列表：运行 `{command} --lang zh`" if zh else f"run `{command}` for the full list")
    return "\n".join(lines)


WHAT_ZH = {"roster": "花名册", "export": "导出文件"}


def row_order(f: Finding) -> tuple[int, int]:
    """Findings in the order of the file: header first, rows in order, file-wide last."""
    return (0, f.row) if f.row is not None else (1, 0)
