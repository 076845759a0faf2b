"""Small Markdown helpers: escaping user data (names, ids) and GitHub-flavoured tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~#])")


def escape(text: object) -> str:
    """Escape Markdown (and inline HTML) in a piece of user data; newlines become spaces."""
    s = " ".join(str(text).split()).replace("&", "&amp;")
    return _SPECIAL.sub(r"\\\1", s)


def code(text: object) -> str:
    """An inline code span (for paths): backticks in the text cannot close it early."""
    s = " ".join(str(text).split()).replace("`", "'")
    return f"`{s}`"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str | None = None) -> str:
    """A GFM table. ``align``: one letter per column, 'l' or 'r' (default: left). Cells are
    used as given: escape user data before."""
    align = align or "l" * len(headers)
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(sep) + " |"]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return "\n".join(lines)
