"""Many roster snapshots over time: the coverage index, each archetype's ready / near / target
and the principles' carriers, one point per snapshot.

Every snapshot is analysed on its own with the same profiles (``per_staff`` targets resolve
against its own head count), exactly as ``sscgap analyze`` would. A *regression* follows the
rule of ``sscgap diff --fail-on-regression``, applied to the last two snapshots: the coverage
index fell, or an archetype's ready count fell.

A principle's *carriers* are the people at or above its level in every competency it lists (a
competency not assessed does not count as met).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .engine import Analysis

TOLERANCE = 1e-9  # as diff: a fall of the coverage index smaller than this is no fall


@dataclass(frozen=True)
class PrincipleCount:
    id: str
    carriers: int
    share: float | None  # carriers / staff (None: nobody on the roster)


@dataclass(frozen=True, eq=False)
class Snapshot:
    label: str
    analysis: Analysis
    principles: tuple[PrincipleCount, ...]

    @property
    def staff(self) -> int:
        return self.analysis.summary.staff

    @property
    def coverage_index(self) -> float | None:
        return self.analysis.summary.coverage_index


@dataclass(frozen=True)
class Drop:
    """A regression between the last two snapshots (``diff``'s rule)."""

    kind: str  # coverage_index / ready
    archetype: str | None
    before: float
    after: float


@dataclass(frozen=True, eq=False)
class Trend:
    snapshots: tuple[Snapshot, ...]  # in the order given (oldest first)

    @property
    def labels(self) -> list[str]:
        return [s.label for s in self.snapshots]

    @property
    def archetype_ids(self) -> list[str]:
        return [a.id for a in self.snapshots[0].analysis.archetypes]

    def regressions(self) -> list[Drop]:
        """What fell from the last but one snapshot to the last: the coverage index, and
        every archetype whose ready count fell."""
        before, after = self.snapshots[-2].analysis, self.snapshots[-1].analysis
        out = []
        b, a = before.summary.coverage_index, after.summary.coverage_index
        if b is not None and a is not None and a < b - TOLERANCE:
            out.append(Drop("coverage_index", None, b, a))
        for x, y in zip(before.archetypes, after.archetypes, strict=True):
            if y.ready < x.ready:
                out.append(Drop("ready", x.id, x.ready, y.ready))
        return out


def principle_counts(analysis: Analysis) -> tuple[PrincipleCount, ...]:
    """For every principle of the profiles: how many people carry it (the engine's count)."""
    return tuple(PrincipleCount(pr.id, pr.carriers, pr.share) for pr in analysis.summary.principles)


def default_labels(paths: Sequence[str | Path]) -> list[str]:
    """A label per snapshot file: its name without the suffix (``staff_q2.csv`` -> ``staff_q2``)."""
    return [Path(p).stem for p in paths]


def parse_labels(text: str | None, n: int, paths: Sequence[str | Path]) -> list[str]:
    """``--labels a,b,c`` (one per snapshot, in order) or, without it, the file names."""
    if text is None:
        labels = default_labels(paths)
    else:
        labels = [part.strip() for part in text.split(",")]
        if len(labels) != n:
            raise ValueError(f"--labels has {len(labels)} labels for {n} snapshots: give one per snapshot")
        if any(not label for label in labels):
            raise ValueError("--labels: a label is empty")
    twice = sorted({label for label in labels if labels.count(label) > 1})
    if twice:
        hint = "" if text is not None else "; name them with --labels"
        raise ValueError(f"two snapshots have the label {twice[0]!r}{hint}")
    return labels


def build(analyses: Sequence[Analysis], labels: Sequence[str]) -> Trend:
    """The trend of two or more analyses (oldest first) of the same profile set."""
    if len(analyses) < 2:
        raise ValueError("a trend needs at least two snapshots")
    if len(labels) != len(analyses):
        raise ValueError("one label per snapshot")
    first = [a.id for a in analyses[0].archetypes]
    if any([a.id for a in an.archetypes] != first for an in analyses):
        raise ValueError("every snapshot must be analysed with the same profiles")
    return Trend(
        tuple(
            Snapshot(label, an, principle_counts(an))
            for label, an in zip(labels, analyses, strict=True)
        )
    )
