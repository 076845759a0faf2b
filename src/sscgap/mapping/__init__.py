"""Mapping: read an HR system's export as it comes, through a small YAML file.

An HRIS export (Workday, SuccessFactors, Beisen/北森, an Excel sheet with a title block) has its
own headers, rating texts, hire dates, worker types and, in a long layout, a rating history with
raters. A **mapping file** says once per HRIS how to read it; this module holds its model
(:class:`Mapping`, loaded by :func:`load_mapping`) and pure functions over pandas DataFrames:

* :func:`apply_mapping` turns the export as read (``raw``, under its own headers) into the
  standard wide layout the roster reader understands, plus every column it did not use;
* :func:`parse_levels`, :func:`parse_dates` and :func:`match_headers` are the pieces, usable
  without a mapping file;
* :func:`check_readable` and :func:`matched_summary` make a roster that cannot be analysed loud;
* :func:`draft_mapping` writes the first draft of a mapping file from an export.

Modules: ``headers`` (header matching, synonyms, the catalogue's names), ``cells`` (levels and
dates), ``model`` (the file), ``apply`` (the transform and the checks), ``draft``.

No I/O here besides loading the mapping file: the roster reader reads the export (with
``header_row`` and ``sheet``, by the same readers as a roster with standard headers; only an
empty cell is blank, so that a cell reading ``NA`` is reported instead of silently becoming
"not assessed"); :func:`number_headers` tells it which columns to read as numbers.
"""

from .apply import (
    LEVEL_HINT,
    Mapped,
    MatchSummary,
    RatingQuality,
    apply_mapping,
    check_readable,
    matched_summary,
    number_headers,
    required_attributes,
)
from .cells import NULL_WORDS, parse_dates, parse_levels
from .draft import draft_mapping
from .headers import (
    EMPLOYMENT_SYNONYMS,
    HEADER_SYNONYMS,
    LONG_SYNONYMS,
    RATER_SYNONYMS,
    STANDARD_FIELDS,
    CatalogueNames,
    detect_header_row,
    guess_id_column,
    match_headers,
    match_long_headers,
    normalise_header,
)
from .model import Mapping, load_mapping, parse_mapping

__all__ = [
    "EMPLOYMENT_SYNONYMS",
    "HEADER_SYNONYMS",
    "LEVEL_HINT",
    "LONG_SYNONYMS",
    "NULL_WORDS",
    "RATER_SYNONYMS",
    "STANDARD_FIELDS",
    "CatalogueNames",
    "Mapped",
    "Mapping",
    "MatchSummary",
    "RatingQuality",
    "apply_mapping",
    "check_readable",
    "detect_header_row",
    "draft_mapping",
    "guess_id_column",
    "load_mapping",
    "match_headers",
    "match_long_headers",
    "matched_summary",
    "normalise_header",
    "number_headers",
    "parse_dates",
    "parse_levels",
    "parse_mapping",
    "required_attributes",
]
