"""The long layout (one row per person and competency) turned into one row per person."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..mapping import CatalogueNames
from ..mapping.cells import LONG_DIFFERS_HINT, LONG_DIFFERS_MESSAGE, differs_from_first
from ..mapping.headers import competency_value, match_long_headers
from ..profiles import ProfileSet, suggest
from .checks import blank_rows, column_levels, scientific_ids
from .findings import Ctx, shown
from .headers import STANDARD_COLUMNS, competency_keys, normalise_header

UNKNOWN_LISTED = 10


def _twice_hint(header: list[str] | None) -> str:
    """The hint on a person and competency rated twice: with a rater or a rating date column in
    the export (``Rater``, ``Assessment Date``, 评价人, 评估时间), a mapping file reads them."""
    roles = match_long_headers(header or [])
    found = [roles[r] for r in ("rater", "date") if r in roles]
    if not found:
        return "keep one level per person and competency"
    return (
        "one rating per rater or date (" + ", ".join(map(repr, found)) + "): read the export through a "
        "mapping file with long.rater and long.date, which takes each rater's latest rating and the "
        "rater you prefer (sscgap init --mapping EXPORT drafts one)"
    )


def long_to_wide(
    df: pd.DataFrame,
    clean: dict[str, pd.Series],
    ctx: Ctx,
    pset: ProfileSet,
    pos: np.ndarray,
    check_ids: bool = True,
    text_of: Callable[[str], pd.Series | None] | None = None,
    header: list[str] | None = None,
) -> tuple[pd.DataFrame, dict[str, pd.Series], np.ndarray, np.ndarray]:
    """(people as first seen, their cleaned text columns, level matrix, record of each person).

    ``clean`` holds the cleaned text columns of ``df``. Each distinct competency name is looked
    up once; levels are spread into the matrix with one fancy-indexed assignment.
    """
    aliases = competency_keys(pset)
    comp_ids = pset.competency_ids
    keep = ~blank_rows(df, clean["employee_id"])
    if not keep.all():
        df = df.loc[keep].reset_index(drop=True)
        clean = {c: s[keep].reset_index(drop=True) for c, s in clean.items()}
        pos = pos[keep]
    names = clean["competency"]
    codes, uniques = pd.factorize(names)
    mapped = np.array([competency_value(u, aliases.get) for u in uniques] + [None], dtype=object)
    key = pd.Series(mapped[codes], index=df.index, dtype=object)  # code -1 -> None
    unknown = names.notna() & key.isna()
    if unknown.any():
        bad_names = sorted(set(names[unknown]))
        for name in bad_names[:UNKNOWN_LISTED]:
            at = int(np.flatnonzero((names == name).to_numpy(dtype=bool, na_value=False))[0])
            ctx.add(
                "warning",
                "unknown competency ignored",
                row=ctx.row(int(pos[at])),
                column="competency",
                value=shown(name),
                hint=suggest(normalise_header(name), list(aliases)),
            )
        if len(bad_names) > UNKNOWN_LISTED:
            more = len(bad_names) - UNKNOWN_LISTED
            ctx.add("warning", f"{more} more unknown competencies", column="competency", count=more)
    arr = np.empty(len(df), dtype=np.float32)
    labels = CatalogueNames.from_profiles(pset).scale_labels
    column_levels(arr, df["level"], "level", ctx, pos, labels, text_of)
    ids = clean["employee_id"]
    if check_ids and ids.isna().any():
        ctx.cells("employee_id", ids.isna(), df["employee_id"], pos, "employee_id is blank")
    sci = scientific_ids(ids, df["employee_id"], None, pos)  # reported per person, below
    pairs = pd.DataFrame({"employee_id": ids.mask(sci) if sci.any() else ids, "competency": key})
    dup = (pairs.notna().all(axis=1) & pairs.duplicated(keep="first")).to_numpy()
    if dup.any():
        ctx.cells(
            "competency",
            dup,
            df["competency"],
            pos,
            "the same person and competency appear on an earlier row too",
            hint=_twice_hint(header),
        )
    # one row per person: standard columns from the first row of each person
    std = [c for c in (*STANDARD_COLUMNS, "hire_date") if c in df.columns]
    first = (~ids.duplicated(keep="first") & ids.notna()).to_numpy()
    wide = df.loc[first, std].reset_index(drop=True)
    wide_clean = {c: s[first].reset_index(drop=True) for c, s in clean.items() if c in std}
    rows = pd.Index(wide_clean["employee_id"]).get_indexer(pd.Index(ids))
    # a person's rows that disagree on a standard column: the first row's value is read, said so
    first_at = np.where(rows >= 0, np.flatnonzero(first)[np.maximum(rows, 0)], -1)
    for c in std:
        if c != "employee_id":
            differ = differs_from_first(clean.get(c, df[c]), first_at)
            if differ.any():
                ctx.cells(c, differ, df[c], pos, LONG_DIFFERS_MESSAGE, severity="warning", hint=LONG_DIFFERS_HINT)
    cols = pd.Index(comp_ids).get_indexer(pd.Index(key))
    ok = (rows >= 0) & (cols >= 0) & ~np.isnan(arr) & ~dup
    levels = np.full((len(wide), len(comp_ids)), np.nan, dtype=np.float32, order="F")
    levels[rows[ok], cols[ok]] = arr[ok]
    return wide, wide_clean, levels, pos[first]
