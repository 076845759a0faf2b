"""Tables for spreadsheets (CSV and Excel): one row per person, one row per archetype.

Built column by column (numpy / pandas), never row by row, so a million people cost a few
vectorised passes. Text cells that a spreadsheet would run as a formula are neutralised by
:func:`sscgap.report.safe.neutralise_frame` (one policy for every format).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from ..i18n import t
from ..parallel import map_threads
from .document import gap_rows
from .gaptext import gap_codes
from .safe import neutralise_arrow, neutralise_cell, neutralise_frame

if TYPE_CHECKING:
    from ..engine import Analysis, Summary

PEOPLE_TEXT_COLUMNS = ("employee_id", "name", "department", "site", "position", "employment_type")


def _dictionary(codes: np.ndarray, texts: list[str], safe: bool) -> pa.DictionaryArray:
    """A text column as (one index per row, the distinct texts): Arrow writes it as text, and
    the texts are made (and neutralised) once each, not once per row."""
    values = [neutralise_cell(x) for x in texts] if safe else texts
    return pa.DictionaryArray.from_arrays(
        pa.array(np.asarray(codes, dtype=np.int32)), pa.array(values, type=pa.string())
    )


def _join_ids(mask: np.ndarray, ids: list[str], safe: bool = False) -> pa.DictionaryArray:
    """Per row, the ids whose column is True, joined with ';' ('' for none): each row's pattern
    of flags is one integer, and the text of each pattern that occurs is written once."""
    n, k = mask.shape
    if k == 0:
        return _dictionary(np.zeros(n), [""], safe)
    if k <= 62:
        code = np.zeros(n, dtype=np.int64)
        for j in range(k):
            code |= mask[:, j].astype(np.int64) << j
        inverse, patterns = pd.factorize(code)
        texts = [";".join(ids[j] for j in range(k) if int(p) >> j & 1) for p in patterns]
    else:  # pragma: no cover - more archetypes than bits in an int64
        rows, inverse = np.unique(mask, axis=0, return_inverse=True)
        texts = [";".join(i for i, f in zip(ids, row, strict=True) if f) for row in rows]
    return _dictionary(np.asarray(inverse).ravel(), texts, safe)


def people_table(analysis: Analysis, lang: str = "en", safe: bool = True) -> pa.Table:
    """One row per person as an Arrow table: standard columns, best archetype and fit,
    ready/near ids, gaps. Built from whole columns (the roster's text stays in Arrow; derived
    text is dictionary-encoded), so a million people cost a few passes in C. Formula-like text
    is neutralised when ``safe``."""
    from ..roster import arrow_strings

    people = analysis.roster.people
    n = len(people)
    ids = [a.id for a in analysis.profiles.archetypes]
    names = [a.name.get(lang) for a in analysis.profiles.archetypes]
    best = analysis.best_archetype if ids else np.zeros(n, dtype=np.int16)
    fit = analysis.best_fit

    def text(c: str) -> Callable[[], pa.ChunkedArray]:
        return lambda: neutralise_arrow(arrow_strings(people[c])) if safe else arrow_strings(people[c])

    def tenure() -> pa.Array:
        return pa.array(people["tenure_years"].to_numpy(dtype=np.float64, na_value=np.nan), from_pandas=True)

    # (column, how to make it); the columns are independent, so they are made on all cores
    # (Arrow and numpy release the GIL), the slowest first
    columns: list[tuple[str, Callable[[], pa.Array | pa.ChunkedArray]]] = [
        ("gaps", lambda: _dictionary(*gap_codes(analysis), safe)),
        ("ready_for", lambda: _join_ids(analysis.ready, ids, safe)),
        ("near_for", lambda: _join_ids(analysis.near, ids, safe)),
        *((c, text(c)) for c in (*PEOPLE_TEXT_COLUMNS[:5], "employment_type")),
        ("tenure_years", tenure),
        ("best_archetype", lambda: _dictionary(best, ids or [""], safe)),
        ("best_archetype_name", lambda: _dictionary(best, names or [""], safe)),
        ("fit", lambda: pa.array(np.round(fit.astype(np.float64), 4))),
    ]
    made = dict(zip((c for c, _ in columns), map_threads(lambda c: c[1](), columns), strict=True))
    order = (*PEOPLE_TEXT_COLUMNS[:5], "employment_type", "tenure_years", "best_archetype",
             "best_archetype_name", "fit", "ready_for", "near_for", "gaps")  # fmt: skip
    return pa.table({t(f"col.{c}", lang): made[c] for c in order})


def people_frame(analysis: Analysis, lang: str = "en", safe: bool = True) -> pd.DataFrame:
    """One row per person: standard columns, best archetype and fit, ready/near ids, gaps."""
    table = people_table(analysis, lang, safe)
    decoded = [
        c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns
    ]
    return pa.table(decoded, names=table.column_names).to_pandas()


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
    labels, matrix, column, _ = heatmap_rows(analysis, limit, lang)
    return labels, matrix, column


def heatmap_heading(column: str, lang: str) -> tuple[str, str]:
    """The grouping column of a heatmap as a reader knows it: (heading, in a sentence), e.g.
    ("Department", "department"), ("部门", "部门"), ("Best archetype", "best archetype"); a
    column of the roster's own keeps its name."""
    from ..i18n import keys

    key = "xlsx.col.best_archetype_name" if column == "best_archetype" else f"xlsx.col.{column}"
    if key not in keys():
        return column, column
    heading = t(key, lang)
    return heading, heading if lang == "zh" else heading[:1].lower() + heading[1:]


def heatmap_rows(
    analysis: Analysis, limit: int, lang: str = "en"
) -> tuple[list[str], np.ndarray, str | None, list[int]]:
    """:func:`heatmap_matrix` and, per row, how many people it stands for (1 for a person;
    a group's size for a group mean)."""
    X = analysis.roster.levels
    people = analysis.roster.people
    n = len(people)
    if n <= limit:
        order = np.lexsort((-analysis.best_fit, analysis.best_archetype)) if n else np.arange(0)
        ids = people["employee_id"].to_numpy()[order]
        names = people["name"].to_numpy()[order]
        labels = [  # 冯婉婷（000141） in Chinese, as the other reports write a person
            f"{nm}{t('punct.paren', lang, text=i)}" if isinstance(nm, str) and nm else str(i)
            for nm, i in zip(names, ids, strict=True)
        ]
        return labels, X[order], None, [1] * len(labels)
    column = None
    for c in (analysis.by, "department", "site"):
        if c and c in people.columns and people[c].notna().any():
            column = c
            break
    if column is not None:
        values = people[column].astype(object).where(people[column].notna(), t("group.blank", lang))
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
    sizes = np.bincount(codes, minlength=k)
    keep = sizes > 0
    kept = [lab for lab, k_ in zip(labels, keep, strict=True) if k_]
    return kept, means[keep], column, [int(x) for x in sizes[keep]]
