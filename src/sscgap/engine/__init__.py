"""The engine: the product's fixed meaning (fit, ready, near, coverage) over whole columns.

Pure numpy/pandas, no I/O, no text, no threads: it returns frozen results.

* :mod:`.scoring` - fit / ready / near per (person, role) and per archetype (one driver)
* :mod:`.coverage` - the summary, the competencies, the groups
* :mod:`.development` - the levels between people and a role (the one gaps primitive)
* :mod:`.allocation` - each person in at most one seat (``--exclusive``)
* :mod:`.analysis` - :func:`analyze` ties them together into an :class:`Analysis`
"""

from __future__ import annotations

from .allocation import Allocation, Exclusive, ExclusiveArchetype, allocate, exclusive
from .analysis import Analysis, analyze, rank
from .coverage import (
    STATUSES,
    ArchetypeResult,
    CompetencyResult,
    GroupResult,
    LevelSupply,
    Summary,
    group_values,
)
from .development import RequirementGaps, Shortfall, requirement_gaps, role_effort, shortfalls
from .scoring import CHUNK, EPS, Scores, best_archetype, score, score_roles

__all__ = [
    "CHUNK",
    "EPS",
    "STATUSES",
    "Allocation",
    "Analysis",
    "ArchetypeResult",
    "CompetencyResult",
    "Exclusive",
    "ExclusiveArchetype",
    "GroupResult",
    "LevelSupply",
    "RequirementGaps",
    "Scores",
    "Shortfall",
    "Summary",
    "allocate",
    "analyze",
    "best_archetype",
    "exclusive",
    "group_values",
    "rank",
    "requirement_gaps",
    "role_effort",
    "score",
    "score_roles",
    "shortfalls",
]
