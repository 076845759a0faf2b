"""A roster from a pandas DataFrame reads as the same data in a CSV; a header line of any length
is read whole."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from sscgap.errors import RosterError
from sscgap.roster import check_roster, load_roster

from conftest import EXAMPLE, MINI_ROSTER


def same(a, b) -> None:
    pd.testing.assert_frame_equal(a.people, b.people)
    np.testing.assert_array_equal(a.levels, b.levels)
    assert a.competency_ids == b.competency_ids
    assert (a.layout, a.rows_skipped, a.unknown_columns, a.missing_competencies) == (
        b.layout, b.rows_skipped, b.unknown_columns, b.missing_competencies,
    )


@pytest.mark.parametrize("dtype", [str, None])
def test_a_dataframe_gives_the_roster_its_csv_gives(mini_profiles, dtype):
    """As text (every cell a string) or as pandas types it (numbers, NaN, ids as integers)."""
    from_csv = load_roster(MINI_ROSTER, mini_profiles)
    frame = pd.read_csv(MINI_ROSTER, dtype=dtype, keep_default_na=True)
    if dtype is None:  # ids typed as numbers: 001 reads as 1, so give them back as text
        frame["employee_id"] = pd.read_csv(MINI_ROSTER, dtype=str)["employee_id"]
    from_frame = load_roster(frame, mini_profiles)
    same(from_frame, from_csv)
    assert from_frame.source == "<DataFrame>"
    assert [f.message for f in from_frame.findings] == [f.message for f in from_csv.findings]


def test_a_dataframe_of_the_example_gives_its_roster(default_profiles):
    from_csv = load_roster(EXAMPLE, default_profiles)
    same(load_roster(pd.read_csv(EXAMPLE, dtype=str), default_profiles), from_csv)


def test_a_dataframe_with_numbers_as_ids_and_floats(mini_profiles):
    frame = pd.DataFrame(
        {"employee_id": [1001, 1002], "analysis": [4.0, np.nan], "Communication": ["3", " 2 "],
         "tenure_years": [4, 0.5], "employment_type": ["internal", "contractor"]}
    )
    roster = load_roster(frame, mini_profiles)
    assert roster.people["employee_id"].tolist() == ["1001", "1002"]
    assert roster.levels[:, 0].tolist()[0] == 4.0 and np.isnan(roster.levels[1, 0])


def test_a_dataframe_is_checked_as_a_csv_is(mini_profiles, tmp_path):
    text = "employee_id,analysis,shoe size\n1,9,40\n1,abc,41\n"
    path = tmp_path / "staff.csv"
    path.write_text(text, encoding="utf-8")
    _, want = check_roster(path, mini_profiles)
    roster, got = check_roster(pd.read_csv(io.StringIO(text), dtype=str), mini_profiles)
    assert roster is None
    key = [(f.severity, f.message, f.row, f.column, f.value, f.hint) for f in want]
    assert [(f.severity, f.message, f.row, f.column, f.value, f.hint) for f in got] == key
    assert all(f.file == "<DataFrame>" for f in got)
    with pytest.raises(RosterError, match=r"<DataFrame>: \d+ errors in the roster"):
        load_roster(pd.read_csv(io.StringIO(text), dtype=str), mini_profiles)


def test_something_else_is_refused_with_a_finding(mini_profiles):
    with pytest.raises(RosterError, match="DataFrame"):
        load_roster(pd.DataFrame(), mini_profiles)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_a_header_longer_than_the_first_look_is_read_whole(tmp_path, mini_profiles, encoding):
    """70,000+ characters of unknown columns before the known ones: none of them is lost."""
    filler = [f"extra_column_{i:05d}" for i in range(4000)]  # ~ 80 KiB of header
    header = ["employee_id", *filler, "analysis", "leadership", "tenure_years", "employment_type"]
    rows = [
        ["001", *[""] * len(filler), "4", "2", "5", "internal"],
        ["002", *[""] * len(filler), "3", "", "1", "external"],
    ]
    text = "\n".join(",".join(r) for r in [header, *rows]) + "\n"
    assert len(text.splitlines()[0]) > 1 << 16
    path = tmp_path / "wide.csv"
    path.write_bytes(text.encode(encoding))
    roster, found = check_roster(path, mini_profiles)
    assert roster is not None, [str(f) for f in found if f.severity == "error"]
    assert roster.people["employee_id"].tolist() == ["001", "002"]
    col = {c: j for j, c in enumerate(roster.competency_ids)}
    assert roster.levels[:, col["analysis"]].tolist() == [4.0, 3.0]
    assert roster.levels[0, col["leadership"]] == 2.0 and np.isnan(roster.levels[1, col["leadership"]])
    assert len(roster.unknown_columns) == len(filler)
