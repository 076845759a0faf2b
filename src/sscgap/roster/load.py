"""Reading and validating a roster: a file (CSV, .xlsx) or a DataFrame in, a :class:`Roster` out."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Finding, RosterError
from ..profiles import ProfileSet
from .checks import blank_rows, levels_matrix, standard_columns
from .columns import clean_texts
from .csv import read_csv
from .findings import Table, fatal, format_errors, row_order
from .frame import SOURCE, read_frame
from .headers import STANDARD_ALIASES, id_column_hint, is_text
from .long import long_to_wide
from .xlsx import read_xlsx

RosterSource = str | Path | pd.DataFrame


@dataclass
class Roster:
    """A validated roster: standard columns + a level matrix aligned with the catalogue."""

    source: str
    people: pd.DataFrame  # employee_id (str), name, department, site, position, tenure_years, employment_type
    levels: np.ndarray  # float32 (n_people, n_competencies), NaN = not assessed
    competency_ids: list[str]
    findings: list[Finding] = field(default_factory=list)
    layout: str = "wide"
    unknown_columns: list[str] = field(default_factory=list)
    missing_competencies: list[str] = field(default_factory=list)
    rows_skipped: int = 0

    def __len__(self) -> int:
        return len(self.people)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def check_roster(
    source: RosterSource, pset: ProfileSet, *, sheet: str | None = None, strict: bool = False
) -> tuple[Roster | None, list[Finding]]:
    """Read and validate a roster; return it (``None`` when it has errors) and every finding.

    ``source`` is a file (CSV or .xlsx) or a pandas DataFrame. Nothing is raised for a problem
    in the data: :func:`load_roster` and ``sscgap validate`` both call this, one to stop at the
    errors, the other to list them all.
    """
    try:
        table = _read(source, pset, sheet, strict)
    except RosterError as e:
        name = SOURCE if isinstance(source, pd.DataFrame) else str(Path(source))
        return None, e.findings or [Finding("error", name, e.message)]
    roster = _validate(table, pset)
    findings = sorted(table.ctx.fl.findings, key=row_order)  # in the order of the file
    if roster is not None:
        roster.findings = findings
    if any(f.severity == "error" for f in findings):
        return None, findings
    return roster, findings


def load_roster(
    source: RosterSource, pset: ProfileSet, *, sheet: str | None = None, strict: bool = False
) -> Roster:
    """Read and validate a roster (a file or a DataFrame) against a profile set; raise on the
    first few errors."""
    roster, findings = check_roster(source, pset, sheet=sheet, strict=strict)
    errors = [f for f in findings if f.severity == "error"]
    if roster is None or errors:
        name = SOURCE if isinstance(source, pd.DataFrame) else str(source)
        raise RosterError(format_errors(name, errors, "roster", f"sscgap validate {name}"), findings)
    return roster


def _read(source: RosterSource, pset: ProfileSet, sheet: str | None, strict: bool) -> Table:
    if isinstance(source, pd.DataFrame):
        if sheet is not None:
            raise fatal(Path(SOURCE), "--sheet only applies to .xlsx workbooks")
        return read_frame(source, pset, strict)
    p = Path(source)
    if p.is_dir():
        raise fatal(p, "is a folder, not a roster file")
    if not p.exists():
        raise fatal(p, "file not found")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(p, pset, sheet, strict)
    if suffix == ".xls":
        raise fatal(p, "old .xls workbooks are not supported", hint="save it as .xlsx or CSV")
    if sheet is not None:
        raise fatal(p, "--sheet only applies to .xlsx workbooks")
    return read_csv(p, pset, strict)


def _validate(table: Table, pset: ProfileSet) -> Roster | None:
    """Every check on the data as read; findings go to ``table.ctx``."""
    ctx = table.ctx
    df = table.df.rename(columns=table.mapping)
    ctx.headers = {canon: raw for raw, canon in table.mapping.items()}
    pos = np.arange(len(df))  # the record each row came from, as read
    canon = set(df.columns)
    comp_ids = pset.competency_ids
    if "employee_id" not in canon:
        ctx.add(
            "error",
            "no employee_id column (accepted headers: "
            + ", ".join(STANDARD_ALIASES["employee_id"][:3])
            + ")",
            row=ctx.base - 1,
            hint=id_column_hint(table.header, table.head_rows, ctx.base - 1),
        )
        df = df.assign(employee_id=pd.Series("?", index=df.index, dtype="str"))
        no_ids = True
    else:
        no_ids = False
    # the text columns cleaned once, side by side (NFKC, trimmed, blank = missing)
    clean = clean_texts(df, [c for c in df.columns if is_text(c)])

    layout = "long" if {"competency", "level"} <= canon else "wide"
    rows_skipped = 0
    if layout == "long":
        df, clean, levels, pos = long_to_wide(df, clean, ctx, pset, pos, check_ids=not no_ids)
    else:
        for c in ("competency", "level"):
            if c in canon:
                ctx.add(
                    "warning",
                    f"column {c!r} ignored (a long layout needs both competency and level)",
                    column=c,
                )
        # empty rows (Excel exports, trailing separators, cells holding a space) are not people
        blank = blank_rows(df, clean["employee_id"])
        rows_skipped = int(blank.sum())
        if rows_skipped:
            df = df.loc[~blank].reset_index(drop=True)
            clean = {c: s[~blank].reset_index(drop=True) for c, s in clean.items()}
            pos = pos[~blank]
        levels = levels_matrix(df, ctx, comp_ids, pos)

    people = standard_columns(df, clean, ctx, pos, check_ids=not no_ids)
    if len(people) == 0 and not no_ids:
        ctx.add("error", "the roster has a header but no people (no data rows)", row=ctx.base - 1)
    present = set(df.columns)
    missing = [c for c in comp_ids if c not in present] if layout == "wide" else []
    if missing and len(missing) < len(comp_ids):
        ctx.add(
            "warning",
            (
                f"{len(missing)} competencies have no column and count as not assessed: "
                if len(missing) > 1
                else "1 competency has no column and counts as not assessed: "
            )
            + ", ".join(missing[:8])
            + (" ..." if len(missing) > 8 else ""),
        )
    elif layout == "wide" and len(missing) == len(comp_ids):
        ctx.add("warning", "no competency columns found: every level counts as not assessed")
    if any(f.severity == "error" for f in ctx.fl.findings):
        return None
    return Roster(
        source=str(ctx.path),
        people=people,
        levels=levels,
        competency_ids=comp_ids,
        findings=ctx.fl.findings,
        layout=layout,
        unknown_columns=table.unknown,
        missing_competencies=missing,
        rows_skipped=rows_skipped,
    )
