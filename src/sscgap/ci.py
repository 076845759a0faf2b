"""Running in CI: threshold checks with clear messages, the GitHub job summary, the report date.

Pure functions (the environment is passed in), so each is tested on its own; the CLI calls them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:
    from .engine import Summary
    from .profiles import ProfileSet


@dataclass(frozen=True)
class Requirement:
    """``--require ID`` (at least one ready person) or ``--require ID:N`` (at least N)."""

    archetype: str
    minimum: int = 1


def parse_requirements(values: Iterable[str], pset: ProfileSet) -> list[Requirement]:
    """Parse ``--require`` values: comma-separated ``id`` or ``id:N``; unknown ids are errors."""
    from .profiles import suggest

    known = [a.id for a in pset.archetypes]
    out: list[Requirement] = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            ident, _, num = part.partition(":")
            ident = ident.strip()
            if ident not in known:
                hint = suggest(ident, known)
                raise UsageError(
                    f"--require {part!r}: no archetype {ident!r}"
                    + (f"; {hint}" if hint else f"; use one of: {', '.join(known)}")
                )
            minimum = 1
            if num.strip():
                try:
                    minimum = int(num)
                except ValueError:
                    raise UsageError(
                        f"--require {part!r}: {num!r} is not a whole number of people"
                    ) from None
                if minimum < 1:
                    raise UsageError(f"--require {part!r}: the minimum must be at least 1")
            out.append(Requirement(ident, minimum))
    return out


def check_requirements(
    summary: Summary, requirements: Iterable[Requirement], names: Mapping[str, str] | None = None
) -> list[str]:
    """One failure message per required archetype with too few ready people; ``names``: the
    archetypes' display names by id (the message then reads ``Name [id]``)."""
    by_id = {a.id: a for a in summary.archetypes}
    out = []
    for req in requirements:
        a = by_id[req.archetype]
        if a.ready < req.minimum:
            people = "person" if a.ready == 1 else "people"
            label = f"{names[req.archetype]} [{req.archetype}]" if names and req.archetype in names else repr(req.archetype)
            out.append(
                f"required archetype {label} has {a.ready} ready {people}, needs at "
                f"least {req.minimum} (short by {req.minimum - a.ready}; {a.near} near)"
            )
    return out


def fail_under(coverage_index: float | None, percent: float | None) -> str | None:
    """The failure message when the coverage index is below ``percent`` (0-100), else None."""
    if percent is None:
        return None
    value = 100.0 * (coverage_index if coverage_index is not None else 1.0)
    # compare at the precision we print, so "74.9% < 75%" never reads "75.0% < 75%"
    if round(value, 1) < percent:
        return f"coverage index {value:.1f}% is below --fail-under {percent:g}%"
    return None


def check_fail_under(coverage_index: float | None, percent: float | None) -> str | None:
    """The ``--fail-under`` failure message with the shortfall in points, or None when met."""
    message = fail_under(coverage_index, percent)
    if message is None or percent is None:
        return message
    value = 100.0 * (coverage_index if coverage_index is not None else 1.0)
    return f"{message} (short by {percent - value:.1f} points)"


def job_summary_path(env: Mapping[str, str] | None = None) -> Path | None:
    """Where GitHub Actions collects the job summary, when running there; else None."""
    env = os.environ if env is None else env
    if env.get("GITHUB_ACTIONS") != "true":
        return None
    path = env.get("GITHUB_STEP_SUMMARY", "").strip()
    return Path(path) if path else None


def append_job_summary(
    path: Path, markdown: str, failures: Iterable[str] = (), inputs: Iterable[str | Path | None] = ()
) -> None:
    """Append the Markdown report (and the failed checks, if any) to the job summary file,
    checked like ``-o``: never one of ``inputs``, never replacing a device."""
    failures = list(failures)
    parts = []
    if failures:
        parts.append(
            "> [!CAUTION]\n> **sscgap: threshold not met**\n"
            + "".join(f"> - {f}\n" for f in failures)
        )
    parts.append(markdown.rstrip("\n") + "\n")
    from .output import append_summary

    append_summary(path, "\n".join(parts) + "\n", inputs)


def report_date(env: Mapping[str, str] | None = None, today: date | None = None) -> str:
    """The report's date: ``SOURCE_DATE_EPOCH`` (reproducible builds) if set, else today."""
    env = os.environ if env is None else env
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"SOURCE_DATE_EPOCH={epoch!r}: not a Unix timestamp (whole seconds)"
            ) from None
    return (today or date.today()).isoformat()
