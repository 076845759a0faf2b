"""Property tests: whatever a file holds, the roster loader fails only with its own error.

``load_roster`` may raise :class:`RosterError` and nothing else; ``check_roster`` raises nothing
and says "error" exactly when it returns no roster. A roster that loads is consistent: one row
per person, unique non-blank ids, levels within 0-5 or NaN.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sscgap.errors import RosterError
from sscgap.profiles import load_profiles
from sscgap.roster import check_roster, load_roster

from conftest import MINI_PROFILES, without_attributes

PSET = load_profiles(MINI_PROFILES)
READING = without_attributes(PSET)  # no tenure_years / employment_type column needed
HEADERS = [
    "employee_id", "工号", "name", "姓名", "department", "tenure_years", "司龄", "employment_type",
    "analysis", "Analysis", "分析", "communication", "leadership", "领导力", "competency", "level",
    "notes", "", " employee_id ", "analysys",
]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(["", " ", "001", "1", "3", "５", "-1", "6", "2.5", "3,5", "x", "NA", "internal",
                     "外包", "analysis", "沟通", "=1+1", '"', "a,b", "\t", "王小明"]),
    st.text(max_size=8),
)  # fmt: skip
FUZZ = settings(
    max_examples=int(os.environ.get("SSCGAP_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _check_outcome(path: Path) -> None:
    roster, findings = check_roster(path, PSET)
    errors = [f for f in findings if f.severity == "error"]
    assert (roster is None) == bool(errors)
    for f in findings:
        assert f.file and f.message and f.severity in ("error", "warning")
        assert f.row is None or f.row >= 1
    try:
        loaded = load_roster(path, PSET)
    except RosterError as e:
        assert errors and e.message
        return
    # a roster that loads is consistent
    ids = loaded.people["employee_id"]
    assert ids.notna().all() and ids.is_unique and len(ids) > 0
    assert loaded.levels.shape == (len(loaded), len(PSET.competency_ids))
    levels = loaded.levels[~np.isnan(loaded.levels)]
    assert ((levels >= 0) & (levels <= 5)).all()


@FUZZ
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".tsv"]))
def test_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"staff{suffix}"
        path.write_bytes(data)
        _check_outcome(path)


@st.composite
def tables(draw) -> tuple[bytes, str]:
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    width = len(header)
    rows = draw(
        st.lists(
            st.lists(CELLS, min_size=max(0, width - 1), max_size=width + 1),  # ragged sometimes
            max_size=8,
        )
    )
    sep = draw(st.sampled_from([",", ";", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    blank_lines = draw(st.booleans())
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if blank_lines:
            buf.write("\n")
    text = buf.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    return data, sep


@FUZZ
@given(table=tables())
def test_arbitrary_small_tables(table: tuple[bytes, str]) -> None:
    data, _ = table
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "staff.csv"
        path.write_bytes(data)
        _check_outcome(path)


@FUZZ
@given(
    rows=st.lists(
        st.lists(st.one_of(CELLS, st.integers(-10, 10), st.floats(allow_nan=True), st.none(),
                           st.booleans()), max_size=5),
        max_size=6,
    ),
    header=st.lists(st.one_of(st.sampled_from(HEADERS), st.none(), st.integers()), min_size=1,
                    max_size=5),
)  # fmt: skip
def test_arbitrary_small_workbooks(rows, header) -> None:
    import openpyxl

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "staff.xlsx"
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(header)
        for row in rows:
            ws.append([_xlsx_safe(v) for v in row])
        wb.save(path)
        _check_outcome(path)


def _xlsx_safe(v):
    """openpyxl refuses control characters and treats '=...' as a formula: both are fine here."""
    if isinstance(v, str):
        return "".join(c for c in v if c >= " " or c in "\t\n\r")
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return None
    return v


@pytest.mark.parametrize("size", [1, 3, 65535, 65536, 65537])
def test_block_boundaries(tmp_path: Path, size: int) -> None:
    """A multi-byte character cut at the end of the first block is not a decoding error."""
    prefix = "employee_id,analysis,name\n001,3,"
    pad = max(0, size - len(prefix.encode()))
    text = prefix + "a" * pad + "王\n"
    for encoding in ("utf-8", "gb18030"):
        path = tmp_path / "s.csv"
        path.write_bytes(text.encode(encoding))
        roster = load_roster(path, READING)
        assert roster.people["name"].iloc[0].endswith("王")
