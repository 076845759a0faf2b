"""Golden files: compare rendered text with tests/golden/NAME; regenerate with SSCGAP_UPDATE_GOLDEN=1.

SSCGAP_UPDATE_GOLDEN=1 python -m pytest tests/test_report_markdown.py   # rewrite the golden files
git diff tests/golden/                                                 # review what changed
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SSCGAP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), (
        f"{path} is missing: run SSCGAP_UPDATE_GOLDEN=1 python -m pytest to create it"
    )
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile="actual",
            )
        )
        raise AssertionError(
            f"output differs from golden/{name} (if the change is intended: "
            f"SSCGAP_UPDATE_GOLDEN=1 python -m pytest, then review git diff)\n{diff}"
        )
