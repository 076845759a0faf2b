"""Markdown pieces for the insights, person and diff views: a GFM table builder, and the
escaping helpers of :mod:`sscgap.report.safe` under short names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .safe import md_code as code
from .safe import md_escape as escape

__all__ = ["code", "escape", "table"]


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str | None = None) -> str:
    """A GFM table. ``align``: one letter per column, 'l' or 'r' (default: left). Cells are
    used as given: escape user data (names, ids) before; numbers need no escaping."""
    align = align or "l" * len(headers)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(sep) + " |"]
    for r in rows:
        lines.append("| " + " | ".join(str(c).strip() for c in r) + " |")
    return "\n".join(lines)
