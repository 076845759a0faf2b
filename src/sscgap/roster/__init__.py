"""Roster: read a staff roster (CSV, .xlsx or a pandas DataFrame; wide or long layout) into one
validated table.

The result is a :class:`Roster`: a DataFrame of the standard columns (``employee_id`` kept as
text), and a float32 matrix of competency levels (people x catalogue competencies, NaN = not
assessed). Headers may be competency ids, English or Chinese names; the standard columns accept
Chinese headers. Every problem becomes a :class:`~sscgap.errors.Finding`; errors raise a
:class:`~sscgap.errors.RosterError` listing them.

One job a module, imported in this order:

* :mod:`.findings`  where a problem is and how it is told (``Ctx``, ``format_errors``)
* :mod:`.headers`   the standard columns, their aliases, what a header means
* :mod:`.columns`   whole-column Arrow work: text cleaning, numbers, duplicates
* :mod:`.csv`, :mod:`.xlsx`, :mod:`.frame`   reading a CSV, a workbook, a DataFrame
* :mod:`.checks`    the checks of the cells; :mod:`.long` the long layout to one row a person
* :mod:`.load`      :func:`load_roster` / :func:`check_roster` and :class:`Roster`
"""

from __future__ import annotations

from .columns import arrow_strings, clean_text, codes, duplicated
from .findings import format_errors
from .headers import (
    EMPLOYMENT_ALIASES,
    LONG_ALIASES,
    STANDARD_ALIASES,
    STANDARD_COLUMNS,
    TEXT_COLUMNS,
    normalise_header,
)
from .load import Roster, RosterSource, check_roster, load_roster

__all__ = [
    "EMPLOYMENT_ALIASES",
    "LONG_ALIASES",
    "STANDARD_ALIASES",
    "STANDARD_COLUMNS",
    "TEXT_COLUMNS",
    "Roster",
    "RosterSource",
    "arrow_strings",
    "check_roster",
    "clean_text",
    "codes",
    "duplicated",
    "format_errors",
    "load_roster",
    "normalise_header",
]
