"""One exception base for every user-facing error, plus findings and exit codes.

Loaders and the engine raise :class:`SscgapError` subclasses; the CLI catches the base once,
prints the message on stderr and exits with :data:`ExitCode.BAD_INPUT`. Validation problems are
data (:class:`Finding`), so they can be listed, counted and dumped as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    THRESHOLD = 1  # a --fail-under / --require / --fail-on-regression threshold was not met
    BAD_INPUT = 2  # bad usage, bad roster, bad profiles


@dataclass(frozen=True)
class Finding:
    """One problem found in an input file."""

    severity: str  # "error" | "warning"
    file: str
    message: str
    row: int | None = None  # as a spreadsheet numbers it (header = row 1)
    column: str | None = None
    value: str | None = None
    hint: str | None = None
    place: str | None = None  # YAML key path or line:column
    count: int = 1  # how many problems this stands for ("20 more cells like this": 20)

    def where(self) -> str:
        parts = [self.file]
        if self.place:
            parts.append(self.place)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return self.describe()

    def describe(self, file: str | None = None) -> str:
        """The finding as one line; without the file name when it is ``file`` (said above)."""
        where = self.where()
        if file is not None and self.file == file:
            where = where[len(self.file) :].lstrip(", ")
        text = f"{where}: {self.message}" if where else self.message
        if self.value is not None:
            shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
            text += f" (value {shown!r})"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def to_dict(self) -> dict:
        return asdict(self)


class SscgapError(Exception):
    """Base of every error the user can cause. The CLI turns it into one message and exit 2."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, message: str, findings: list[Finding] | None = None, *, zh: str | None = None):
        super().__init__(message)
        self.message = message
        self.findings: list[Finding] = list(findings or [])
        self.zh = zh  # the message in Chinese, where the raiser wrote one (--lang zh)


class ProfileError(SscgapError):
    """A profile folder, catalogue, archetype or targets file is invalid."""


class RosterError(SscgapError):
    """A staff roster cannot be read or is invalid."""


class MappingError(SscgapError):
    """A mapping file (how to read an HR system's export) is invalid or does not fit the export."""


class UsageError(SscgapError):
    """Options that do not make sense together, an unknown id, an unwritable output..."""


@dataclass
class FindingList:
    """Collects findings; raises once with all of them."""

    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def raise_if_errors(self, cls: type[SscgapError], what: str, limit: int = 5) -> None:
        errors = self.errors
        if not errors:
            return
        lines = [str(f) for f in errors[:limit]]
        more = len(errors) - limit
        head = f"{what}: {len(errors)} problem{'s' if len(errors) != 1 else ''}"
        text = head + "\n  " + "\n  ".join(lines)
        if more > 0:
            text += f"\n  ... and {more} more"
        raise cls(text, self.findings)
