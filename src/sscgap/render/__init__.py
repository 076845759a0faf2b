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

    @property
    def binary(self) -> bool:
        return False


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "en"
    width: int = 100
    color: bool = False
    top: int = 10  # rows in bounded sections (competency gaps, people per archetype)
    people: bool = False  # per-person detail where the format supports it
    title: str | None = None


Renderer = Callable[["Analysis", RenderOptions], "str | bytes"]


def get_renderer(fmt: Format | str) -> Renderer:
    """The renderer for a format. Exhaustive: a new Format without a renderer fails a test."""
    fmt = Format(fmt)
    if fmt is Format.table:
        from .table import render
    elif fmt is Format.json:
        from .json import render
    else:  # pragma: no cover - guarded by test_every_format_has_a_renderer
        raise ValueError(f"no renderer for {fmt}")
    return render
