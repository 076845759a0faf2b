"""CSV for spreadsheets: one row per person (default) or the coverage table.

UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Text cells that a
spreadsheet would evaluate as a formula are neutralised (see :mod:`sscgap.render.tables`).
Written by Arrow's CSV writer (text is quoted, numbers are not): a million rows in seconds.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from . import RenderOptions
from .tables import coverage_frame, people_frame

if TYPE_CHECKING:
    import pandas as pd

    from ..engine import Analysis

BOM = "\ufeff"
TABLES = ("people", "coverage")


def to_csv(df: pd.DataFrame) -> str:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    table = pa.Table.from_pandas(df, preserve_index=False)
    buf = io.BytesIO()
    pa_csv.write_csv(table, buf)
    return BOM + buf.getvalue().decode("utf-8")


def render(analysis: Analysis, options: RenderOptions) -> str:
    if options.csv_table == "coverage":
        df = coverage_frame(analysis, options.lang)
    elif options.csv_table == "people":
        df = people_frame(analysis, options.lang)
    else:  # pragma: no cover - the CLI only offers TABLES
        raise ValueError(f"unknown CSV table {options.csv_table!r}; use one of {', '.join(TABLES)}")
    return to_csv(df)
