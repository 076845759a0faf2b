"""Renderers: one module per output format, behind one interface.

Every renderer is a pure function ``render(subject, options) -> str | bytes``: the subject is an
analysis (terminal, Markdown, HTML, JSON, CSV, Excel), one person or a diff of two snapshots
(terminal, Markdown, JSON). The CLI and :class:`sscgap.Result` pick one with :func:`get_renderer`;
the CLI writes the result with :func:`sscgap.output.write_output`.

The analysis formats share one model, :class:`~sscgap.report.document.Document`, built once
per report: terminal, Markdown and HTML only format it. JSON (:mod:`.json`) is the versioned
data contract and the spreadsheets (:mod:`.tables`) are whole columns; both read the analysis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from importlib import import_module
from typing import Any


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
    ascii: bool = False  # terminal views: stdout cannot show box-drawing characters (ASCII boxes)

    def __post_init__(self) -> None:
        # a library caller's typo fails here, not as an English report asked for in "fr"
        if self.lang not in ("en", "zh"):
            raise ValueError(f"lang {self.lang!r}: use 'en' or 'zh'")
        if isinstance(self.top, bool) or not isinstance(self.top, int) or self.top < 1:
            raise ValueError(f"top {self.top!r}: a whole number, 1 or more")


class View(str, Enum):
    """What a report is about: a roster's analysis, one person, or two snapshots compared."""

    analysis = "analysis"
    person = "person"  # subject: person.PersonView
    diff = "diff"  # subject: sscgap.diff.SnapshotDiff
    trend = "trend"  # subject: sscgap.trend.Trend


class ViewFormat(str, Enum):
    """The formats of the person and diff views (a subset of :class:`Format`)."""

    table = "table"
    markdown = "markdown"
    json = "json"


class TrendFormat(str, Enum):
    """The formats of the trend view: the person and diff formats, and HTML (a line chart)."""

    table = "table"
    markdown = "markdown"
    json = "json"
    html = "html"


Renderer = Callable[[Any, RenderOptions], "str | bytes"]
"""``render(subject, options) -> str | bytes``: pure, nothing written anywhere."""

# (view, format) -> (module, function): every pair a view offers has a renderer (a test builds
# each one, so a new Format or View without its renderer fails)
RENDERERS: dict[View, dict[Format, tuple[str, str]]] = {
    View.analysis: {
        Format.table: ("terminal", "render"),
        Format.json: ("json", "render"),
        Format.markdown: ("markdown", "render"),
        Format.html: ("html", "render"),
        Format.csv: ("csv", "render"),
        Format.xlsx: ("xlsx", "render"),
    },
    View.person: {Format(f.value): ("person", f"render_{f.value}") for f in ViewFormat},
    View.diff: {Format(f.value): ("diff", f"render_{f.value}") for f in ViewFormat},
    View.trend: {Format(f.value): ("trend", f"render_{f.value}") for f in TrendFormat},
}


def get_renderer(fmt: Format | str, view: View | str = View.analysis) -> Renderer:
    """The renderer of ``view`` (default: the analysis) in ``fmt``."""
    fmt, view = Format(fmt), View(view)
    try:
        module, function = RENDERERS[view][fmt]
    except KeyError:
        raise ValueError(f"no {fmt.value} renderer for the {view.value} view") from None
    renderer: Renderer = getattr(import_module(f".{module}", __name__), function)
    return renderer
