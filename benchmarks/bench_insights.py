#!/usr/bin/env python3
"""Benchmark the issue-6 insights on a synthetic roster (default profiles), in memory.

Times, for N people: the engine (analyze), the insights (bench, risk, categories,
recommendations), the exclusive allocation, one person's report, and a diff of two snapshots.
Reading the CSV is left out on purpose: it is measured by the main benchmark.

    PYTHONPATH=src python benchmarks/bench_insights.py [N]   (default 1,000,000)
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from sscgap.diff import compare
from sscgap.engine import analyze, exclusive
from sscgap.insights import compute
from sscgap.person import person_report
from sscgap.profiles import load_profiles
from sscgap.roster import Roster


def synthetic(pset, n: int, seed: int) -> Roster:
    rng = np.random.default_rng(seed)
    m = len(pset.competency_ids)
    # a few strong people per competency, most people 1-3: many near, some ready
    base = rng.integers(1, 4, size=(n, m)).astype(np.float32)
    boost = (rng.random((n, m)) < 0.25) * rng.integers(1, 3, size=(n, m))
    levels = np.minimum(5, base + boost).astype(np.float32)
    levels[rng.random((n, m)) < 0.03] = np.nan
    people = pd.DataFrame(
        {
            "employee_id": pd.array([f"{i:08d}" for i in range(n)], dtype="str"),
            "name": pd.array([f"P{i}" for i in range(n)], dtype="str"),
            "department": pd.array(rng.choice(["Finance", "HR", "Procurement"], n), dtype="str"),
            "site": pd.array(rng.choice(["Dalian", "Chengdu", "Wuhan"], n), dtype="str"),
            "position": pd.array(["Staff"] * n, dtype="str"),
            "tenure_years": rng.uniform(0, 15, n).round(1),
            "employment_type": pd.array(rng.choice(["internal", "external", "contractor"], n, p=[0.9, 0.05, 0.05]), dtype="str"),
        }
    )
    return Roster(source=f"synthetic-{seed}", people=people, levels=levels, competency_ids=pset.competency_ids)


def timed(label: str, fn):
    t = time.perf_counter()
    out = fn()
    print(f"{label:<34} {time.perf_counter() - t:7.2f} s")
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    pset = load_profiles()
    roster = synthetic(pset, n, 1)
    print(f"{n:,} people, {len(pset.archetypes)} archetypes, {len(pset.competency_ids)} competencies")
    an = timed("analyze (engine)", lambda: analyze(pset, roster))
    ins = timed("insights (bench/risk/cat/recs)", lambda: compute(an))
    ex = timed("exclusive allocation", lambda: exclusive(an.summary, an.ready, an.fit))
    timed("insights on exclusive gaps", lambda: compute(an, ex.gaps(), ex.allocation.seat))
    timed("person (one id)", lambda: person_report(pset, roster, f"{n // 2:08d}"))
    # second snapshot: 5% leave, 5% join, levels move a little
    rng = np.random.default_rng(2)
    keep = rng.random(n) > 0.05
    new = synthetic(pset, int(n * 0.05), 3)
    new.people["employee_id"] = pd.array([f"J{i:08d}" for i in range(len(new))], dtype="str")
    moved = roster.levels[keep] + (rng.random((int(keep.sum()), roster.levels.shape[1])) < 0.05)
    after = Roster(
        source="after",
        people=pd.concat([roster.people[keep], new.people], ignore_index=True),
        levels=np.vstack([np.minimum(5, moved), new.levels]).astype(np.float32),
        competency_ids=pset.competency_ids,
    )
    an2 = timed("analyze second snapshot", lambda: analyze(pset, after))
    d = timed("diff (compare)", lambda: compare(an, an2))
    print(f"classes {ex.classes}, seats {ex.seats_filled}/{ex.seats_total}, "
          f"index {ex.coverage_index:.3f} -> exclusive {ex.coverage_index_exclusive:.3f}; "
          f"recommendations {[(r.archetype.id, r.action) for r in ins.recommendations]}; "
          f"joiners {d.count('joiners')}, leavers {d.count('leavers')}, became ready {d.count('became_ready')}")


if __name__ == "__main__":
    main()
