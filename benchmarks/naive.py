#!/usr/bin/env python3
"""The naive baseline: the script an analyst would write first, row by row with ``apply``.

It reads the roster with pandas, the profiles with PyYAML, and for every person (``apply``
over rows) scores every role with the documented formulas (docs/meaning.md), then counts ready / near people per
archetype and prints the coverage index and counts as JSON (the benchmark runner checks that
they agree with ``sscgap analyze``). Only for comparison: no validation, no aliases, no options.

    python benchmarks/naive.py /tmp/roster_100k.csv [PROFILE_DIR]
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]


def load(profile_dir: Path) -> tuple[list[dict], dict]:
    settings = yaml.safe_load((profile_dir / "settings.yaml").read_text(encoding="utf-8"))
    archetypes = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((profile_dir / "archetypes").glob("*.yaml"))
    ]
    return archetypes, settings.get("thresholds", {"ready_fit": 0.9, "near_fit": 0.7})


def main() -> None:
    roster_path = Path(sys.argv[1])
    profile_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "profiles"
    archetypes, th = load(profile_dir)
    df = pd.read_csv(roster_path, dtype={"employee_id": str})

    def score(row: pd.Series) -> pd.Series:
        out = {}
        for a in archetypes:
            ready = near = False
            for role in a["roles"]:
                total = sum(q.get("weight", 1) for q in role["requirements"])
                fit = 0.0
                critical_ok = True
                for q in role["requirements"]:
                    x = row[q["competency"]]
                    x = 0 if pd.isna(x) else x
                    fit += q.get("weight", 1) * min(x, q["level"]) / q["level"]
                    if q.get("critical") and x < q["level"]:
                        critical_ok = False
                fit /= total
                attrs = role.get("attributes") or {}
                ok = True
                if "min_tenure_years" in attrs:
                    ok = (
                        ok
                        and not pd.isna(row["tenure_years"])
                        and row["tenure_years"] >= attrs["min_tenure_years"]
                    )
                if "employment_types" in attrs:
                    ok = ok and row["employment_type"] in attrs["employment_types"]
                is_ready = ok and critical_ok and fit >= th["ready_fit"] - 1e-9
                ready = ready or is_ready
                near = near or (ok and not is_ready and fit >= th["near_fit"] - 1e-9)
            out[a["id"] + "_ready"] = ready
            out[a["id"] + "_near"] = near and not ready
        return pd.Series(out)

    flags = df.apply(score, axis=1)
    n = len(df)
    result = {"staff": n, "archetypes": []}
    scored = []
    for a in archetypes:
        t = a["target"]
        target = t["headcount"] if "headcount" in t else math.ceil(n / t["per_staff"])
        ready = int(flags[a["id"] + "_ready"].sum())
        near = int(flags[a["id"] + "_near"].sum())
        result["archetypes"].append({"id": a["id"], "target": target, "ready": ready, "near": near})
        if target > 0:
            scored.append(min(1.0, ready / target))
    result["coverage_index"] = round(sum(scored) / len(scored), 4) if scored else None
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
