#!/usr/bin/env python3
"""Benchmark: reading a roster through a mapping file vs the same roster with standard headers.

For each size N it generates the standard roster (``gen_roster.py N``: standard headers, levels
as numbers) and writes **the same roster with renamed headers** (``Employee ID``, ``Worker``,
``Cost Center``, ``Years of Service``, ``Worker Type``, ``<competency name> Skills``, ...: the
cells are byte for byte the same) with a mapping file that maps every header back. It then times
``load_roster`` (the read every command does) of the standard file and of the export with
``mapping=``, in pairs, alternating which goes first, and prints the medians and the median of
the per-pair ratios (``ratio``: the figure the target is checked on; the ratio of the medians is
printed next to it).

Target (issue "Real HR exports in, as they come"): the mapped read costs at most 10% more time
than the standard one (ratio <= 1.10), at 100k and 1M people.

``--hris`` adds a Workday-style export of the same people, for information: ratings as texts
(``3 - Proficient``, ``Novice``), hire dates instead of tenure, worker types, an extra column.

    python benchmarks/bench_mapping.py [N ...] [--repeat R] [--hris]   (default 100000 1000000)

The machine may be shared: compare the ratios of one run, not times across runs.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sscgap.mapping import CatalogueNames, parse_mapping  # noqa: E402
from sscgap.profiles import load_profiles  # noqa: E402
from sscgap.roster import load_roster  # noqa: E402

AS_OF = date(2026, 6, 30)
RENAMED = {
    "employee_id": "Employee ID",
    "name": "Worker",
    "department": "Cost Center",
    "site": "Location",
    "position": "Business Title",
    "tenure_years": "Years of Service",
    "employment_type": "Worker Type",
}


def renamed_export(std_path: Path, folder: Path, cat: CatalogueNames) -> tuple[Path, str]:
    """The standard roster with the export's headers (only the header line changes), and the
    mapping file that reads it."""
    headers = {**RENAMED, **{cid: f"{cat.names[cid][0]} Skills" for cid in cat.ids}}
    out = folder / f"renamed_{std_path.stem}.csv"
    with std_path.open("rb") as src, out.open("wb") as dst:
        first = src.readline().decode("utf-8").rstrip("\r\n").split(",")
        dst.write((",".join(f'"{headers.get(h, h)}"' for h in first) + "\n").encode("utf-8"))
        while block := src.read(1 << 24):
            dst.write(block)
    lines = ["columns:"]
    lines += [f'  {k}: "{v}"' for k, v in RENAMED.items()]
    lines += ["competencies:"]
    lines += [f'  {cid}: "{headers[cid]}"' for cid in cat.ids]
    return out, "\n".join(lines) + "\n"


TEXTS = np.array(["Not Yet Demonstrated", "Novice", "2 - Developing", "3 - Proficient", "Advanced",
                  "Expert", ""], dtype=object)  # fmt: skip
TYPES = {"internal": "Employee", "contractor": "Contingent Worker", "external": "Consultant"}


def hris_export(std_path: Path, folder: Path, cat: CatalogueNames) -> tuple[Path, str]:
    """A Workday-style export of the same people: rating texts, hire dates, worker types."""
    std = pd.read_csv(std_path, dtype={"employee_id": str})
    n = len(std)
    hired = pd.Timestamp(AS_OF) - pd.to_timedelta(np.ceil(std["tenure_years"] * 365.25), unit="D")
    export = pd.DataFrame({
        "Employee ID": std["employee_id"], "Worker": std["name"], "Cost Center": std["department"],
        "Location": std["site"], "Business Title": std["position"],
        "Hire Date": hired.dt.strftime("%Y-%m-%d"), "Worker Type": std["employment_type"].map(TYPES),
        "Grade": np.random.default_rng(n).choice(["G5", "G6", "G7"], n),
    })  # fmt: skip
    for cid in cat.ids:
        lv = std[cid].to_numpy(dtype=np.float64, na_value=np.nan)
        export[f"{cat.names[cid][0]} Skills"] = TEXTS[np.where(np.isnan(lv), 6, np.nan_to_num(lv)).astype(int)]
    out = folder / f"hris_{std_path.stem}.csv"
    export.to_csv(out, index=False)
    comps = "".join(f'  {cid}: "{cat.names[cid][0]} Skills"\n' for cid in cat.ids)
    mapping = (
        "as_of: 2026-06-30\ncolumns:\n  employee_id: \"Employee ID\"\n  name: Worker\n"
        "  department: \"Cost Center\"\n  site: Location\n  position: \"Business Title\"\n"
        "  hire_date: \"Hire Date\"\n  employment_type: \"Worker Type\"\n"
        "values:\n  employment_type: {Employee: internal, \"Contingent Worker\": contractor, "
        "Consultant: external}\n  level: {\"Not Yet Demonstrated\": 0, Novice: 1}\n"
        "competencies:\n" + comps
    )
    return out, mapping


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t = time.perf_counter()
    out = fn()
    elapsed = time.perf_counter() - t
    del out
    return elapsed


def paired(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median time of ``a``, of ``b``, and median of the per-pair ratios b / a; the order
    alternates (a b, b a, a b, ...) so that a drift in the machine's load hits both alike."""
    ta, tb = [], []
    for i in range(repeat):
        if i % 2 == 0:
            ta.append(timed(a))
            tb.append(timed(b))
        else:
            tb.append(timed(b))
            ta.append(timed(a))
    ratios = [y / x for x, y in zip(ta, tb, strict=True)]
    return statistics.median(ta), statistics.median(tb), statistics.median(ratios)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=0, help="pairs per size (default: 7 up to 200k, else 5)")
    ap.add_argument("--data", type=Path, default=Path("/tmp/sscgap-bench"), help="where the rosters go")
    ap.add_argument("--hris", action="store_true", help="also a Workday-style export (texts, dates)")
    args = ap.parse_args(argv)
    pset = load_profiles()
    cat = CatalogueNames.from_profiles(pset)
    args.data.mkdir(parents=True, exist_ok=True)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    print(f"{'people':>9} {'export':>8} {'standard':>9} {'mapped':>9} {'ratio':>6} {'of medians':>10}  target <= 1.10")
    ok = True
    for n in args.sizes:
        std_path = args.data / f"roster_{n}.csv"
        if not std_path.exists():
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_roster.py"), str(n), str(std_path)], check=True)
        repeat = args.repeat or (7 if n <= 200_000 else 5)
        kinds = [("renamed", renamed_export)] + ([("hris", hris_export)] if args.hris else [])
        for kind, make in kinds:
            path, text = make(std_path, args.data, cat)
            m = parse_mapping(text, "bench.yaml")
            a, b = load_roster(std_path, pset), load_roster(path, pset, mapping=m, as_of=AS_OF)
            assert len(a) == len(b) == n
            if kind == "renamed":  # the same roster: the same levels
                assert np.array_equal(a.levels, b.levels, equal_nan=True)
            del a, b
            t_std, t_map, ratio = paired(
                partial(load_roster, std_path, pset),
                partial(load_roster, path, pset, mapping=m, as_of=AS_OF),
                repeat,
            )
            mark = "" if kind != "renamed" else (" ✓" if ratio <= 1.10 else " ✗")
            ok &= kind != "renamed" or ratio <= 1.10
            print(f"{n:>9,} {kind:>8} {t_std:>8.3f}s {t_map:>8.3f}s {ratio:>6.3f} {t_map / t_std:>10.3f}{mark}",
                  flush=True)
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
