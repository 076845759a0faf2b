#!/usr/bin/env python3
"""`sscgap analyze ROSTER -f json` against the floor, as paired ratios.

Each repetition runs the floor (a fresh process: ``pd.read_csv(path, engine="pyarrow")``) and
``sscgap analyze`` side by side, alternating which goes first, and takes the ratio of the two.
A third process per repetition runs the floor without numpy's transparent huge pages
(``NUMPY_MADVISE_HUGEPAGE=0``): on the 2-core virtual machine measured, the floor (1 GB of fresh
memory at 1M people) ran up to 30% slower with them, while ``analyze`` changed by 3-7%, so that
ratio is printed beside the target's, as a stricter figure. The median of those ratios is the figure: on a machine shared with other jobs both
runs of a pair meet about the same load, so it holds where a ratio of two medians (``run.py``) can swing
by a third from one run to the next. The spread (min-max of the ratios) is printed with it.

    python benchmarks/paired.py                 # 100k and 1M people, 10 pairs each
    python benchmarks/paired.py --sizes 1000000 --pairs 20

Rosters come from ``gen_roster.py`` into ``--data`` (default /tmp/sscgap-bench), as in run.py.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import SRC, ensure_roster  # noqa: E402

TARGETS = {100_000: 2.0, 1_000_000: 1.5}  # time x floor (docs/performance.md)
TARGET_MEM = 1.5


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--pairs", type=int, default=10)
    ap.add_argument("--data", type=Path, default=Path("/tmp/sscgap-bench"))
    args = ap.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    # the code of this checkout, as installed: bytecode compiled once (pip does this at install;
    # with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile sscgap from source)
    compileall.compile_dir(str(SRC / "sscgap"), quiet=1)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    for k in ("SSCGAP_TIMINGS", "OPENBLAS_NUM_THREADS", "NUMPY_MADVISE_HUGEPAGE"):
        env.pop(k, None)
    py = sys.executable
    # the floor again without transparent huge pages, so that a machine where they are slow to
    # fault in does not flatter the command (see the docstring)
    same_env = dict(env, NUMPY_MADVISE_HUGEPAGE="0")
    ok = True
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(
        "| people | floor s | analyze s | time × floor (median of pairs) | min-max | memory × floor "
        "| floor, no huge pages s | time × that floor |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sorted(args.sizes):
        path = str(ensure_roster(n, args.data, None))
        floor = [py, "-c", f"import pandas as pd; pd.read_csv({path!r}, engine='pyarrow')"]
        analyze = [py, "-m", "sscgap", "analyze", path, "-f", "json", "-o", str(args.data / "paired.json")]
        jobs = [("floor", floor, env), ("same", floor, same_env), ("analyze", analyze, env)]
        got: dict[str, list[tuple[float, float]]] = {k: [] for k, _, _ in jobs}
        for i in range(args.pairs):
            k = i % len(jobs)  # rotate, and reverse every other time: each job takes every place
            order = jobs[k:] + jobs[:k]
            for name, cmd, job_env in order if i % 2 == 0 else order[::-1]:
                got[name].append(run(cmd, job_env))
        ratios = [a[0] / f[0] for a, f in zip(got["analyze"], got["floor"], strict=True)]
        same = [a[0] / f[0] for a, f in zip(got["analyze"], got["same"], strict=True)]
        mem = [a[1] / f[1] for a, f in zip(got["analyze"], got["floor"], strict=True)]
        ratio, mem_ratio = statistics.median(ratios), statistics.median(mem)
        target = TARGETS.get(n)
        mark = "" if target is None else (" ✓" if ratio <= target else " ✗")
        ok &= target is None or ratio <= target
        ok &= mem_ratio <= TARGET_MEM
        med = {name: statistics.median(t for t, _ in runs) for name, runs in got.items()}
        print(
            f"| {n:,} | {med['floor']:.2f} | {med['analyze']:.2f} | "
            f"{ratio:.2f}×{mark} | {min(ratios):.2f}-{max(ratios):.2f} | {mem_ratio:.2f}× "
            f"| {med['same']:.2f} | {statistics.median(same):.2f}× |"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
