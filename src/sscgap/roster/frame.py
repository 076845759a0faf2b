"""A roster given as a pandas DataFrame (the Python API): read as the same data in a CSV is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import FindingList
from ..profiles import ProfileSet
from .columns import typed_text
from .findings import Ctx, Table, fatal
from .headers import is_text, map_headers

SOURCE = "<DataFrame>"


def read_frame(frame: pd.DataFrame, pset: ProfileSet, strict: bool = False) -> Table:
    """The known columns of ``frame`` under their headers, and what the headers mean.

    Headers are read as a CSV's are (trimmed, matched by name); text columns become text (a
    number typed in an id column is its digits); levels and tenure keep their values and go
    through the same checks as a CSV's.
    """
    path = Path(SOURCE)
    if not isinstance(frame, pd.DataFrame):
        raise fatal(path, f"a roster is a file path or a pandas DataFrame, not {type(frame).__name__}")
    ctx = Ctx(path, FindingList(), base=2)  # as a CSV: the header is row 1
    header = [str(c).strip() for c in frame.columns]
    if not header:
        raise fatal(path, "the DataFrame has no columns (no header row)")
    mapping, unknown = map_headers(header, pset, ctx, strict)
    first_pos: dict[str, int] = {}
    for j, h in enumerate(header):
        if h in mapping and h not in first_pos:
            first_pos[h] = j
    df = pd.DataFrame(
        {h: frame.iloc[:, first_pos[h]].reset_index(drop=True) for h in mapping},
        index=pd.RangeIndex(len(frame)),
    )
    for h, canon in mapping.items():
        if is_text(canon):
            df[h] = typed_text(df[h])
    head_rows = [header] + [
        ["" if pd.isna(v) else str(v) for v in r] for r in frame.head(29).to_numpy()
    ]
    return Table(df, mapping, unknown, ctx, header, head_rows)
