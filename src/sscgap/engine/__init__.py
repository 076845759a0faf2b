"""The engine: the product's fixed meaning (fit, ready, near, coverage) over whole columns.

Pure numpy/pandas, no I/O, no text, no threads: it returns frozen results.

* :mod:`.scoring` - fit / ready / near per (person, role) and per archetype (one driver)
* :mod:`.coverage` - the summary, the competencies, the groups
* :mod:`.seats` - role seats (a maximum matching), group shares, principles
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
    RoleSeats,
    Summary,
    group_header,
    group_values,
)
from .development import RequirementGaps, Shortfall, requirement_gaps, role_effort, shortfalls
from .scoring import CHUNK, EPS, Scores, best_archetype, score, score_roles
from .seats import PrincipleResult, filled, largest_remainder

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
    "PrincipleResult",
    "RequirementGaps",
    "RoleSeats",
    "Scores",
    "Shortfall",
    "Summary",
    "allocate",
    "analyze",
    "best_archetype",
    "exclusive",
    "filled",
    "group_header",
    "group_values",
    "largest_remainder",
    "rank",
    "requirement_gaps",
    "role_effort",
    "score",
    "score_roles",
    "shortfalls",
]
