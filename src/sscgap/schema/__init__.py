"""JSON Schema of the ``--format json`` output (``schema_version`` 1), shipped with the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

REPORT_SCHEMA = "report.schema.json"


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every JSON report validates against."""
    return json.loads(resources.files(__name__).joinpath(REPORT_SCHEMA).read_text(encoding="utf-8"))
