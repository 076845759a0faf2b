"""CSV for spreadsheets: one row per person (default) or the coverage table.

UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Text cells that a
spreadsheet would evaluate as a formula are neutralised (see :mod:`sscgap.render.tables`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import RenderOptions
from .tables import coverage_frame, people_frame

if TYPE_CHECKING:
    from ..engine import Analysis

BOM = "\ufeff"
TABLES = ("people", "coverage")


def render(analysis: Analysis, options: RenderOptions) -> str:
    if options.csv_table == "coverage":
        df = coverage_frame(analysis, options.lang)
    elif options.csv_table == "people":
        df = people_frame(analysis, options.lang)
    else:  # pragma: no cover - the CLI only offers TABLES
        raise ValueError(f"unknown CSV table {options.csv_table!r}; use one of {', '.join(TABLES)}")
    return BOM + df.to_csv(index=False, lineterminator="\n")
