#!/usr/bin/env python3
"""Synthetic roster generator for the benchmark: N people x the default competencies.

The levels are realistic rather than uniform noise: every person has a general ability, a
department whose work shapes their strengths, and a seniority that grows with tenure; levels
are correlated through these and rounded to the 0-5 scale. About 6% of cells are blank (not
assessed), about 3% of people are external consultants and 5% contractors, and employee ids keep
their leading zeros. Deterministic for a given N and seed.

    python benchmarks/gen_roster.py 1000000 /tmp/roster_1m.csv
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DEPARTMENTS = [
    ("SSC Leadership", 0.01),
    ("Finance Operations", 0.30),
    ("HR Operations", 0.16),
    ("Procurement Operations", 0.12),
    ("Contact Centre", 0.20),
    ("Process Excellence", 0.06),
    ("Data & Reporting", 0.08),
    ("IT Support", 0.07),
]
SITES = [("Dalian", 0.4), ("Chengdu", 0.3), ("Wuhan", 0.2), ("Kraków", 0.06), ("Manila", 0.04)]
POSITIONS = ["Associate", "Specialist", "Senior Specialist", "Team Lead", "Manager", "Director"]
SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Luo",
    "Gao",
]
GIVEN = [
    "Wei",
    "Fang",
    "Na",
    "Min",
    "Jing",
    "Li",
    "Qiang",
    "Lei",
    "Jun",
    "Yang",
    "Yong",
    "Yan",
    "Jie",
    "Tao",
    "Ming",
    "Chao",
    "Xiu",
    "Xia",
    "Hua",
    "Ping",
]
# Which competencies (by id fragment) each department is strong in.
STRENGTHS = {
    "SSC Leadership": ("leader", "strateg", "team", "change", "ssc", "network", "communic"),
    "Finance Operations": ("business", "risk", "process", "end_to_end", "exception", "owner"),
    "HR Operations": ("business", "empathy", "service", "approach", "communic", "coach"),
    "Procurement Operations": ("business", "coordinat", "risk", "customer", "network"),
    "Contact Centre": ("service", "approach", "call_centre", "exception", "empathy", "communic"),
    "Process Excellence": ("process", "end_to_end", "project", "change", "solution", "retrospect"),
    "Data & Reporting": ("data", "report", "technology", "analysis"),
    "IT Support": ("technology", "product", "solution", "project", "data"),
}


def competency_ids(profiles: str | None) -> list[str]:
    from sscgap.profiles import load_profiles

    return load_profiles(profiles).competency_ids


def generate(n: int, comp_ids: list[str], seed: int = 7) -> pa.Table:
    rng = np.random.default_rng(seed)
    dept_names = [d for d, _ in DEPARTMENTS]
    dept_p = np.array([p for _, p in DEPARTMENTS])
    dept = rng.choice(len(dept_names), size=n, p=dept_p / dept_p.sum())
    site_p = np.array([p for _, p in SITES])
    site = rng.choice(len(SITES), size=n, p=site_p / site_p.sum())
    tenure = np.round(rng.gamma(2.0, 2.5, size=n), 1)
    ability = rng.normal(0.0, 0.8, size=n)
    seniority = np.clip(
        tenure / 6.0 + ability * 0.8 + rng.normal(0, 0.6, size=n), 0, len(POSITIONS) - 1
    )
    position = seniority.astype(np.int8)
    emp = rng.choice(3, size=n, p=[0.92, 0.03, 0.05])  # internal, external, contractor

    affinity = np.zeros((len(dept_names), len(comp_ids)), dtype=np.float32)
    for d, name in enumerate(dept_names):
        for j, cid in enumerate(comp_ids):
            if any(frag in cid for frag in STRENGTHS[name]):
                affinity[d, j] = 1.2
    base = 1.4 + ability + seniority * 0.35 + np.where(emp == 1, 0.8, 0.0)

    cols: dict[str, pa.Array] = {}
    ids = pc.utf8_lpad(pa.array(np.arange(1, n + 1), pa.int64()).cast(pa.string()), 7, "0")
    cols["employee_id"] = ids
    surname = pa.array(np.array(SURNAMES, dtype=object))
    given = pa.array(np.array(GIVEN, dtype=object))
    cols["name"] = pc.binary_join_element_wise(
        pc.take(surname, pa.array(rng.integers(0, len(SURNAMES), size=n))),
        pc.take(given, pa.array(rng.integers(0, len(GIVEN), size=n))),
        " ",
    )
    cols["department"] = pc.take(pa.array(dept_names), pa.array(dept))
    cols["site"] = pc.take(pa.array([s for s, _ in SITES]), pa.array(site))
    cols["position"] = pc.take(pa.array(POSITIONS), pa.array(position))
    cols["tenure_years"] = pa.array(tenure)
    cols["employment_type"] = pc.take(
        pa.array(["internal", "external", "contractor"]), pa.array(emp)
    )
    for j, cid in enumerate(comp_ids):
        x = base + affinity[dept, j] + rng.normal(0.0, 0.7, size=n)
        level = np.clip(np.rint(x), 0, 5).astype(np.int8)
        blank = rng.random(n) < 0.06
        cols[cid] = pa.array(level, mask=blank)
    return pa.table(cols)


def write(table: pa.Table, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    # plain, unquoted cells and header, as a roster comes out of an HR system or Excel
    with pa.OSFile(str(tmp), "wb") as sink:
        sink.write((",".join(table.column_names) + "\n").encode())
        pacsv.write_csv(table, sink, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    tmp.replace(path)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of people")
    ap.add_argument("output", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profiles", help="profile folder (default: the shipped ten archetypes)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    table = generate(args.n, competency_ids(args.profiles), args.seed)
    write(table, args.output)
    size = args.output.stat().st_size / 1e6
    print(
        f"{args.output}: {args.n:,} people, {size:.0f} MB in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
