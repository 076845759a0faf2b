"""Tables for spreadsheets (CSV and Excel): one row per person, one row per archetype.

Built column by column (numpy / pandas), never row by row, so a million people cost a few
vectorised passes. Text cells that a spreadsheet would run as a formula are neutralised by
:func:`neutralise`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..i18n import t
from .document import gap_rows
from .safe import neutralise_series

if TYPE_CHECKING:
    from ..engine import Analysis, Summary

PEOPLE_TEXT_COLUMNS = ("employee_id", "name", "department", "site", "position", "employment_type")


def neutralise(column: pd.Series) -> pd.Series:
    """Prefix ``'`` to text cells a spreadsheet would run as a formula (the shared policy of
    :func:`sscgap.render.safe.neutralise_series`: ``=``, ``+``, ``-``, ``@``, tab, CR, their
    full-width forms; plain numbers are left alone). Non-text columns are returned as they are.
    """
    if not (
        pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)
    ):
        return column
    # as Arrow strings the pattern match runs in C, not once per cell in Python
    return neutralise_series(column.astype("string[pyarrow]"))


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    return df.apply(neutralise) if len(df.columns) else df


def _join_ids(mask: np.ndarray, ids: list[str]) -> np.ndarray:
    """Per row, the ids whose column is True, joined with ';' (one pass per archetype)."""
    n = mask.shape[0]
    out = np.full(n, "", dtype=object)
    for j, aid in enumerate(ids):
        col = mask[:, j]
        if not col.any():
            continue
        sep = np.where(out[col] == "", "", ";")
        out[col] = out[col] + sep + aid
    return out


def people_frame(analysis: Analysis, lang: str = "en", safe: bool = True) -> pd.DataFrame:
    """One row per person: standard columns, best archetype and fit, ready/near ids, gaps."""
    people = analysis.roster.people
    arch = analysis.profiles.archetypes
    ids = [a.id for a in arch]
    names = np.array([a.name.get(lang) for a in arch], dtype=object)
    best = analysis.best_archetype.astype(np.intp)
    data: dict[str, object] = {}
    for c in (*PEOPLE_TEXT_COLUMNS[:5], "employment_type", "tenure_years"):
        data[t(f"col.{c}", lang)] = people[c].to_numpy()
    if ids:
        data[t("col.best_archetype", lang)] = np.array(ids, dtype=object)[best]
        data[t("col.best_archetype_name", lang)] = names[best]
    else:
        data[t("col.best_archetype", lang)] = np.full(len(people), "", dtype=object)
        data[t("col.best_archetype_name", lang)] = np.full(len(people), "", dtype=object)
    data[t("col.fit", lang)] = np.round(analysis.best_fit.astype(np.float64), 4)
    data[t("col.ready_for", lang)] = _join_ids(analysis.ready, ids)
    data[t("col.near_for", lang)] = _join_ids(analysis.near, ids)
    data[t("col.gaps", lang)] = analysis.gap_strings().to_numpy()
    df = pd.DataFrame(data)
    return neutralise_frame(df) if safe else df


def _coverage_block(
    analysis: Analysis, summary: Summary, lang: str, column: str, group: str
) -> pd.DataFrame:
    rows = summary.archetypes
    arch = analysis.profiles.archetypes
    ci = summary.coverage_index
    return pd.DataFrame(
        {
            t("col.group_column", lang): column,
            t("col.group", lang): group,
            t("col.staff", lang): summary.staff,
            t("col.coverage_index", lang): None if ci is None else round(ci, 4),
            t("col.archetype", lang): [a.id for a in rows],
            t("col.archetype_name", lang): [arch[a.index].name.get(lang) for a in rows],
            t("col.target", lang): [a.target for a in rows],
            t("col.ready", lang): [a.ready for a in rows],
            t("col.near", lang): [a.near for a in rows],
            t("col.coverage", lang): [
                None if a.coverage is None else round(a.coverage, 4) for a in rows
            ],
            t("col.gap", lang): [a.gap for a in rows],
            t("col.status", lang): [
                a.status if lang == "en" else t(f"status.{a.status}", lang) for a in rows
            ],
        }
    )


def coverage_frame(analysis: Analysis, lang: str = "en", safe: bool = True) -> pd.DataFrame:
    """One row per archetype for the whole roster, then per group with ``--by``."""
    blocks = [_coverage_block(analysis, analysis.summary, lang, "", t("group.all", lang))]
    for g in analysis.groups:
        blocks.append(_coverage_block(analysis, g.summary, lang, g.column, g.value))
    df = pd.concat(blocks, ignore_index=True)
    return neutralise_frame(df) if safe else df


def gaps_frame(analysis: Analysis, lang: str = "en", safe: bool = True) -> pd.DataFrame:
    """Every competency that falls short of demand or holds near people back."""
    rows = gap_rows(analysis, lang)
    df = pd.DataFrame(
        {
            t("competency", lang): [r.name for r in rows],
            "id": [r.id for r in rows],
            t("category", lang): [r.category for r in rows],
            t("required_level", lang): [r.level for r in rows],
            t("demand", lang): [r.demand for r in rows],
            t("supply", lang): [r.supply for r in rows],
            t("shortfall", lang): [r.shortfall for r in rows],
            t("blocking", lang): [r.blocking for r in rows],
            t("mean_level", lang): [
                None if r.mean_level is None else round(r.mean_level, 2) for r in rows
            ],
            t("not_assessed", lang): [r.not_assessed for r in rows],
        }
    )
    return neutralise_frame(df) if safe else df


def heatmap_matrix(
    analysis: Analysis, limit: int, lang: str = "en"
) -> tuple[list[str], np.ndarray, str | None]:
    """Rows of the people x competency heatmap: people when few, else group means.

    Returns (row labels, float matrix rows x competencies with NaN = not assessed, the column
    the rows are grouped by or None when each row is a person). Up to ``limit`` people are shown
    one by one (ordered by best archetype, then fit); above that, rows are the groups of the
    ``--by`` column, else of department, site, or best archetype.
    """
    X = analysis.roster.levels
    people = analysis.roster.people
    n = len(people)
    if n <= limit:
        order = np.lexsort((-analysis.best_fit, analysis.best_archetype)) if n else np.arange(0)
        ids = people["employee_id"].to_numpy()[order]
        names = people["name"].to_numpy()[order]
        labels = [
            f"{nm} ({i})" if isinstance(nm, str) and nm else str(i)
            for nm, i in zip(names, ids, strict=True)
        ]
        return labels, X[order], None
    column = None
    for c in (analysis.by, "department", "site"):
        if c and c in people.columns and people[c].notna().any():
            column = c
            break
    if column is not None:
        values = people[column].astype(object).where(people[column].notna(), "(blank)")
        codes, uniques = pd.factorize(values, sort=True)
        labels = [str(u) for u in uniques]
    else:
        codes = analysis.best_archetype.astype(np.intp)
        labels = [a.name.get(lang) for a in analysis.profiles.archetypes]
        column = "best_archetype"
    k = len(labels)
    sums = np.zeros((k, X.shape[1]))
    counts = np.zeros((k, X.shape[1]))
    for j in range(X.shape[1]):  # one vectorised pass per competency
        valid = ~np.isnan(X[:, j])
        sums[:, j] = np.bincount(codes[valid], weights=X[valid, j], minlength=k)
        counts[:, j] = np.bincount(codes[valid], minlength=k)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    keep = np.bincount(codes, minlength=k) > 0
    return [lab for lab, k_ in zip(labels, keep, strict=True) if k_], means[keep], column
