"""The Python API: ``sscgap.analyze(roster) -> Result``, the same analysis and reports as the CLI.

    import sscgap

    result = sscgap.analyze("examples/staff.csv")
    result.coverage_index      # 0-1, or None when no archetype has a target
    result.to_dict()           # == `sscgap analyze examples/staff.csv --format json`
    result.to_markdown(lang="zh")

A library call prints nothing, never exits, and leaves the interpreter as it found it (no
environment variables, no garbage-collector settings, no replaced modules). Problems with the
inputs raise :class:`sscgap.errors.SscgapError` subclasses; roster warnings are in
:attr:`Result.warnings`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .report import Format, RenderOptions, get_renderer

if TYPE_CHECKING:
    import pandas as pd

    from .engine import Analysis, Summary
    from .errors import Finding
    from .mapping import Mapping
    from .profiles import ProfileSet
    from .roster import Roster

__all__ = ["Result", "analyze"]


@dataclass(frozen=True)
class Result:
    """One analysis of a roster against a profile set, and its reports.

    ``to_dict()`` is the document ``sscgap analyze --format json`` prints (same keys, same
    values); ``to_markdown()``, ``to_html()``, ``to_text()``, ``to_csv()`` and ``to_xlsx()`` are
    the other formats. The engine's full result is :attr:`analysis`.
    """

    analysis: Analysis

    # -- figures ----------------------------------------------------------------------------

    @property
    def profiles(self) -> ProfileSet:
        return self.analysis.profiles

    @property
    def roster(self) -> Roster:
        return self.analysis.roster

    @property
    def summary(self) -> Summary:
        return self.analysis.summary

    @property
    def coverage_index(self) -> float | None:
        """The mean over archetypes with a target of min(100%, coverage), 0-1 (``None``: no
        archetype has a target). With ``exclusive=True``, see :attr:`coverage_index_exclusive`."""
        return self.analysis.summary.coverage_index

    @property
    def coverage_index_exclusive(self) -> float | None:
        """The allocation-aware index (each person in at most one seat); ``None`` unless the
        analysis ran with ``exclusive=True``."""
        ex = self.analysis.exclusive
        return None if ex is None else ex.coverage_index_exclusive

    @property
    def warnings(self) -> list[Finding]:
        """Warnings about the roster (unknown columns, values out of range, ...)."""
        return self.analysis.roster.warnings

    # -- reports ----------------------------------------------------------------------------

    def render(self, fmt: Format | str, **options: Any) -> str | bytes:
        """The report in ``fmt`` (``"table"``, ``"json"``, ``"markdown"``, ``"html"``, ``"csv"``,
        ``"xlsx"``); ``options`` are :class:`sscgap.report.RenderOptions` fields (``lang``,
        ``top``, ``people``, ``title``, ``generated``, ``width``, ``csv_table``)."""
        return get_renderer(Format(fmt))(self.analysis, RenderOptions(**options))

    def to_dict(self, *, top: int = 10, people: bool = False) -> dict[str, Any]:
        """The JSON document (``schema_version`` 1) as Python data: the CLI's ``--format json``
        with the same ``--top`` and ``--people``."""
        from .report.json import to_dict

        return to_dict(self.analysis, RenderOptions(top=top, people=people))

    def to_json(self, *, top: int = 10, people: bool = False, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text (UTF-8 characters kept, as the CLI writes it)."""
        from .textsafe import for_json

        text = json.dumps(self.to_dict(top=top, people=people), ensure_ascii=False, indent=indent)
        return for_json(text) + "\n"

    def to_markdown(
        self, *, lang: str = "en", top: int = 10, title: str | None = None, generated: str | None = None
    ) -> str:
        """The GitHub-flavoured Markdown report (``generated``: the date it shows, ISO)."""
        return str(self.render(Format.markdown, lang=lang, top=top, title=title, generated=generated))

    def to_html(
        self, *, lang: str = "en", top: int = 10, title: str | None = None, generated: str | None = None
    ) -> str:
        """The self-contained HTML report (inline SVG charts, no scripts, no network)."""
        return str(self.render(Format.html, lang=lang, top=top, title=title, generated=generated))

    def to_text(self, *, lang: str = "en", top: int = 10, width: int = 100, color: bool = False) -> str:
        """The terminal report as plain text (``color=True``: with ANSI colours)."""
        return str(self.render(Format.table, lang=lang, top=top, width=width, color=color))

    def to_csv(self, *, table: str = "people", lang: str = "en") -> bytes:
        """CSV (UTF-8 with a byte-order mark): one row per person (``table="people"``) or per
        archetype and group (``table="coverage"``). Formula-like text is neutralised."""
        data = self.render(Format.csv, lang=lang, csv_table=table)
        return data if isinstance(data, bytes) else data.encode("utf-8")

    def to_xlsx(self, *, lang: str = "en", top: int = 10) -> bytes:
        """The Excel workbook as bytes (write them to a ``.xlsx`` file)."""
        data = self.render(Format.xlsx, lang=lang, top=top)
        assert isinstance(data, bytes)
        return data

    def people(self) -> pd.DataFrame:
        """One row per person: standard columns, best archetype and fit, ready/near, gaps."""
        from .report.tables import people_frame

        return people_frame(self.analysis, safe=False)


def analyze(
    roster: str | Path | pd.DataFrame | Roster,
    profiles: str | Path | ProfileSet | None = None,
    *,
    by: str | None = None,
    targets: str | Path | None = None,
    exclusive: bool = False,
    sheet: str | None = None,
    strict: bool = False,
    mapping: str | Path | Mapping | None = None,
    as_of: date | str | None = None,
) -> Result:
    """Analyse a roster against the archetype profiles.

    ``roster``: a CSV or ``.xlsx`` file, a pandas DataFrame with the roster's columns, or a
    :class:`~sscgap.roster.Roster` already loaded. ``profiles``: a profile folder, a set from
    :func:`sscgap.load_profiles`, or ``None`` for the ten shipped SSC archetypes. ``targets``: a
    YAML file overriding targets and thresholds (only when the profiles are loaded here).
    ``by``: a roster column to break the coverage down by; ``exclusive``: also allocate each
    person to at most one seat. ``mapping``: a mapping file (or a loaded
    :class:`~sscgap.mapping.Mapping`) saying how to read an HR system's export; ``as_of``: the
    date hire dates and rating ages count to (default: the mapping's ``as_of``, else today).
    """
    import pandas as pd

    from .engine import analyze as run
    from .errors import UsageError
    from .profiles import ProfileSet, load_profiles
    from .roster import Roster, load_roster

    if isinstance(profiles, ProfileSet):
        if targets is not None:
            raise UsageError("targets apply when profiles are loaded: load_profiles(path, targets)")
        pset = profiles
    else:
        pset = load_profiles(profiles, targets)
    if isinstance(roster, Roster):
        loaded = roster
    elif not isinstance(roster, str | os.PathLike | pd.DataFrame):
        raise TypeError(f"roster: a file path, a pandas DataFrame or a Roster, not {type(roster).__name__}")
    else:
        if isinstance(as_of, str):
            from .mapping.cells import _parse_date_text

            stamp = _parse_date_text(as_of.strip())
            if stamp is None:
                raise UsageError(f"as_of {as_of!r}: not a date (write it as 2026-06-30)")
            as_of = stamp.date()
        loaded = load_roster(
            roster, pset, sheet=sheet, strict=strict, mapping=mapping, as_of=as_of,
            keep=(by,) if by else (),
        )
    return Result(run(pset, loaded, by=by, exclusive=exclusive))
