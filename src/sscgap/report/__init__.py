"""Renderers: one module per output format, behind one interface.

Every renderer is a pure function ``render(analysis, options) -> str | bytes``; the CLI picks one
with :func:`get_renderer` and writes the result with :func:`sscgap.output.write_output`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import Analysis


class Format(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"
    csv = "csv"
    xlsx = "xlsx"

    @property
    def binary(self) -> bool:
        return self is Format.xlsx

    @property
    def shows_insights(self) -> bool:
        """Whether the format has the bench, risk and build / buy / borrow sections."""
        return self in (Format.table, Format.json, Format.markdown, Format.html)

    @classmethod
    def from_suffix(cls, path: str) -> Format | None:
        """The format a file name asks for (``.md``, ``.html``, ``.json``, ``.csv``, ``.xlsx``)."""
        suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
        return SUFFIXES.get(suffix)


SUFFIXES: dict[str, Format] = {
    "md": Format.markdown,
    "markdown": Format.markdown,
    "html": Format.html,
    "htm": Format.html,
    "json": Format.json,
    "csv": Format.csv,
    "xlsx": Format.xlsx,
    "txt": Format.table,
}


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    width: int = 100
    color: bool = False
    top: int = 10  # rows in bounded sections (competency gaps, people per archetype)
    people: bool = False  # per-person detail where the format supports it
    title: str | None = None
    generated: str | None = None  # report date (ISO), injected so output is reproducible
    csv_table: str = "people"  # csv: "people" (one row per person) or "coverage"
    heatmap_limit: int = 200  # html/xlsx heatmap: above this many people, aggregate by group


Renderer = Callable[["Analysis", RenderOptions], "str | bytes"]


def get_renderer(fmt: Format | str) -> Renderer:
    """The renderer for a format. Exhaustive: a new Format without a renderer fails a test."""
    fmt = Format(fmt)
    if fmt is Format.table:
        from .terminal import render
    elif fmt is Format.json:
        from .json import render
    elif fmt is Format.markdown:
        from .markdown import render
    elif fmt is Format.html:
        from .html import render
    elif fmt is Format.csv:
        from .csv import render
    elif fmt is Format.xlsx:
        from .xlsx import render
    else:  # pragma: no cover - guarded by test_every_format_has_a_renderer
        raise ValueError(f"no renderer for {fmt}")
    return render
