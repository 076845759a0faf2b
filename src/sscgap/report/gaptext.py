"""The people table's "gaps" column: for each person, the requirements of the best role of their
best archetype they fall short of, as 'comp current→required; ...' in the role's order
('–' = not assessed; '' = no gap).

No per-person Python: every person gets one code per requirement slot (0 = no gap there, else
the level they have); the role and these codes are combined into one number per person, and
the text of each distinct number is written once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from ..engine import requirement_gaps

if TYPE_CHECKING:
    from ..engine import Analysis

# the levels on the quarter grid (0, 0.25, ... 5) as shown, then not assessed
QUARTER_LABELS = [f"{i / 4:g}" for i in range(21)] + ["–"]


def _level_labels(x: np.ndarray, where: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The distinct levels among ``x[where]`` as shown ('%g', '–' = not assessed), and for every
    element of ``x`` its index among them (meaningful where ``where`` holds)."""
    values = x[where]
    present = values[~np.isnan(values)]
    q = present * 4
    if len(present) == 0 or ((q == np.rint(q)).all() and q.min() >= 0 and q.max() <= 20):
        with np.errstate(invalid="ignore"):
            code = np.where(np.isnan(x), 21, np.rint(x * 4)).astype(np.int64)
        return QUARTER_LABELS, code
    uniq = np.unique(present)
    code = np.where(np.isnan(x), len(uniq), np.searchsorted(uniq, x)).astype(np.int64)
    return [f"{float(u):g}" for u in uniq] + ["–"], code


def gap_codes(analysis: Analysis, rows: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
    """The gap texts of every person (or of ``rows``) as (one index per person, the distinct
    texts)."""
    m = len(analysis.fit) if rows is None else len(rows)
    if m == 0 or not analysis.roles:
        return np.zeros(m, dtype=np.int64), [""]
    people = np.arange(m) if rows is None else np.asarray(rows, dtype=np.intp)
    best = analysis.best_archetype[people].astype(np.intp)
    role = analysis.best_role[people, best].astype(np.intp)
    comp_index = {c: i for i, c in enumerate(analysis.roster.competency_ids)}
    g = requirement_gaps(analysis.roles, analysis.roster.levels, comp_index, people, role)
    slots = g.level.shape[1]
    inverse = pd.factorize(g.role)[0].astype(np.int64)
    labels: list[list[str]] = []
    codes = np.zeros((slots, m), dtype=np.int32)  # per slot: 0, or 1 + the level's label
    for k in range(slots):
        short = g.short[:, k]
        names, code = _level_labels(g.level[:, k], short) if short.any() else ([], None)
        labels.append(names)
        if code is not None:
            codes[k] = np.where(short, code + 1, 0)
        # combine slot by slot, renumbering as we go, so the number never overflows
        inverse = pd.factorize(inverse * (len(names) + 1) + codes[k])[0].astype(np.int64)
    # the first person with each combination (factorize numbers them as they appear)
    seen = np.maximum.accumulate(np.concatenate([[-1], inverse[:-1]]))
    first = np.flatnonzero(inverse > seen)
    texts = []
    for i in first:
        r = int(g.role[i])
        reqs = analysis.roles[r][1].requirements
        texts.append(
            "; ".join(
                f"{reqs[k].competency} {labels[k][int(codes[k, i]) - 1]}→{reqs[k].level}"
                for k in range(slots)
                if codes[k, i]
            )
        )
    return inverse, texts


def gap_text(analysis: Analysis, rows: np.ndarray | None = None) -> pa.Array:
    """:func:`gap_codes` as an Arrow string array, one text per person."""
    import pyarrow.compute as pc

    codes, texts = gap_codes(analysis, rows)
    return pc.take(pa.array(texts, type=pa.string()), pa.array(codes))


def gap_strings(analysis: Analysis, rows: np.ndarray | None = None) -> pd.Series:
    """:func:`gap_codes` as pandas text, one per person."""
    return pd.Series(pd.array(gap_text(analysis, rows), dtype="str"), copy=False)
