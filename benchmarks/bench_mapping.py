#!/usr/bin/env python3
"""Benchmark reading an HRIS export through a mapping file.

For N people x the default competencies it writes two CSV files of the same roster: the
standard one (standard headers, levels as numbers, tenure in years) and a Workday-style export
(its own headers, ratings as texts such as "3 - Proficient" or "Novice", hire dates, worker
types, an extra column). It then times:

* reading the standard CSV with pandas (the baseline: "the same roster with standard headers");
* reading the export with pandas as the roster reader will (``read_options``);
* ``apply_mapping`` on what was read (the cost the mapping adds).

Two exports: levels as numbers (only the headers, hire dates and worker types differ from the
standard file), and levels as texts (every rating cell is looked up once more, by its column's
distinct values).

Target: apply_mapping <= 10% of reading the CSV, at 100k and 1M people.

    PYTHONPATH=src python benchmarks/bench_mapping.py [N ...]   (default 100000 1000000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from sscgap.mapping import CatalogueNames, apply_mapping, parse_mapping, read_options
from sscgap.profiles import load_profiles

AS_OF = date(2026, 6, 30)
TEXTS = np.array(["Not Yet Demonstrated", "Novice", "2 - Developing", "3 - Proficient", "Advanced",
                  "Expert", ""], dtype=object)
TYPES = np.array(["Employee", "Contingent Worker", "Consultant"], dtype=object)


def write_files(
    n: int, folder: Path, cat: CatalogueNames, texts: bool = True
) -> tuple[Path, Path, str]:
    rng = np.random.default_rng(n)
    ids = np.char.zfill(np.arange(1, n + 1).astype(str), 8)
    tenure = np.round(rng.uniform(0, 30, n), 1)
    kind = rng.choice(3, n, p=[0.92, 0.05, 0.03])
    dept = rng.choice(["Finance", "HR", "Procurement", "Contact Centre"], n)
    site = rng.choice(["Dalian", "Chengdu", "Wuhan"], n)
    levels = rng.integers(0, 6, size=(n, len(cat.ids)))
    blank = rng.random((n, len(cat.ids))) < 0.06
    std = pd.DataFrame({
        "employee_id": ids, "name": [f"P{i}" for i in range(n)], "department": dept, "site": site,
        "position": "Analyst", "tenure_years": tenure,
        "employment_type": np.array(["internal", "contractor", "external"])[kind],
    })
    hired = pd.Timestamp(AS_OF) - pd.to_timedelta(np.ceil(tenure * 365.25), unit="D")
    export = pd.DataFrame({
        "Employee ID": ids, "Worker": std["name"], "Cost Center": dept, "Location": site,
        "Business Title": "Analyst", "Hire Date": hired.strftime("%Y-%m-%d"),
        "Worker Type": TYPES[kind], "Grade": rng.choice(["G5", "G6", "G7"], n),
    })
    for j, cid in enumerate(cat.ids):
        col = levels[:, j].astype(float)
        col[blank[:, j]] = np.nan
        std[cid] = col
        export[f"{cat.names[cid][0]} Skills"] = (
            TEXTS[np.where(blank[:, j], 6, levels[:, j])] if texts else col
        )
    std_path, export_path = folder / "standard.csv", folder / "export.csv"
    std.to_csv(std_path, index=False)
    export.to_csv(export_path, index=False)
    comps = "".join(f'  {cid}: "{cat.names[cid][0]} Skills"\n' for cid in cat.ids)
    mapping = (
        "as_of: 2026-06-30\ncolumns:\n  employee_id: \"Employee ID\"\n  name: Worker\n"
        "  department: \"Cost Center\"\n  site: Location\n  position: \"Business Title\"\n"
        "  hire_date: \"Hire Date\"\n  employment_type: \"Worker Type\"\n"
        "values:\n  employment_type: {Employee: internal, \"Contingent Worker\": contractor, "
        "Consultant: external}\n  level: {\"Not Yet Demonstrated\": 0, Novice: 1}\n"
        "competencies:\n" + comps
    )
    return std_path, export_path, mapping


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main(sizes: list[int]) -> None:
    cat = CatalogueNames.from_profiles(load_profiles())
    print(f"{'people':>9} {'ratings':>8} {'read standard':>14} {'read export':>12} "
          f"{'apply_mapping':>14} {'vs standard':>12} {'vs export':>10}")
    ends: list[tuple[int, bool, float, float]] = []
    for n, texts in [(n, t) for n in sizes for t in (False, True)]:
        with tempfile.TemporaryDirectory() as tmp:
            std_path, export_path, text = write_files(n, Path(tmp), cat, texts)
            m = parse_mapping(text, "bench.yaml")
            repeat = 3 if n <= 200_000 else 2
            t_std, _ = best(partial(pd.read_csv, std_path, dtype={"employee_id": str}), repeat)
            t_exp, raw = best(partial(pd.read_csv, export_path, **read_options(m)), repeat)
            t_map, out = best(partial(apply_mapping, raw, m, cat), repeat)
            assert len(out.frame) == n
            print(f"{n:>9,} {'texts' if texts else 'numbers':>8} {t_std:>13.2f}s {t_exp:>11.2f}s {t_map:>13.3f}s "
                  f"{t_map / t_std:>11.1%} {t_map / t_exp:>9.1%}")
            ends.append((n, texts, *end_to_end(std_path, export_path, m, repeat)))
    print("\nend to end: load_roster (the CLI's read) of the standard CSV vs the export with --mapping")
    print(f"{'people':>9} {'ratings':>8} {'standard':>10} {'--mapping':>10} {'ratio':>7}")
    for n, texts, t_std, t_map in ends:
        print(f"{n:>9,} {'texts' if texts else 'numbers':>8} {t_std:>9.2f}s {t_map:>9.2f}s {t_map / t_std:>6.2f}x")


def end_to_end(std_path: Path, export_path: Path, m, repeat: int) -> tuple[float, float]:
    from sscgap.roster import load_roster

    pset = load_profiles()
    t_std, a = best(partial(load_roster, std_path, pset), repeat)
    t_map, b = best(partial(load_roster, export_path, pset, mapping=m, as_of=AS_OF), repeat)
    assert len(a) == len(b)  # type: ignore[arg-type]
    return t_std, t_map


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
