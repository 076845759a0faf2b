#!/usr/bin/env python3
"""Benchmark runner: ``sscgap analyze`` against the CSV-read floor, side by side.

The floor is what pandas needs just to read the roster: a Python process that imports pandas
and reads the same CSV with ``engine="pyarrow"``. Every measurement is a whole process (wall
time, and peak memory = max RSS from ``wait4``); floor and analyze are interleaved within each
repetition, and the table shows medians, so the ratios hold on a busy machine too.

    python benchmarks/run.py                       # 100k and 1M people, 5 repetitions
    python benchmarks/run.py --sizes 100000 --repeat 3 --no-naive

Rosters are generated (``gen_roster.py``) into ``--data`` (default /tmp/sscgap-bench) and
reused. The per-stage breakdown comes from the CLI itself (``SSCGAP_TIMINGS=1``).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The targets (docs/performance.md): analyze -f json against the floor.
TARGET_TIME_1M = 1.5
TARGET_TIME_100K = 2.0
TARGET_MEM = 1.5
TARGET_LINEAR = 10.5
TARGET_CSV = 2.0
TARGET_VERSION = 0.15
TARGET_HELP = 0.3


@dataclass
class Runs:
    wall: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)  # MB
    stages: list[dict[str, float]] = field(default_factory=list)

    @property
    def time(self) -> float:
        return statistics.median(self.wall)

    @property
    def mem(self) -> float:
        return statistics.median(self.rss)

    def stage(self, key: str) -> float | None:
        values = [s[key] for s in self.stages if key in s]
        return statistics.median(values) if values else None


def measure(cmd: list[str], env: dict[str, str], runs: Runs, stdout=subprocess.DEVNULL) -> str:
    """Run one process; record its wall time and max RSS (and stage timings if it prints them)."""
    # output to temporary files, not pipes: a child writing more than a pipe holds would
    # otherwise wait for a reader while we wait for it
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=out_f if stdout is subprocess.PIPE else stdout,
            stderr=err_f,
            cwd=ROOT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read(), err_f.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode(errors='replace')}"
        )
    runs.wall.append(wall)
    runs.rss.append(usage.ru_maxrss / 1024)
    for line in err.decode(errors="replace").splitlines():
        if line.startswith('{"sscgap_timings"'):
            runs.stages.append(json.loads(line)["sscgap_timings"])
    return out.decode(errors="replace")


def ensure_roster(n: int, data: Path, profiles: str | None) -> Path:
    path = data / f"roster_{n}.csv"
    if not path.exists():
        from gen_roster import competency_ids, generate, write

        write(generate(n, competency_ids(profiles)), path)
    return path


def imported(cmd: list[str], env: dict[str, str]) -> set[str]:
    """Top-level packages a command imports (from ``-X importtime``)."""
    proc = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]], env=env, capture_output=True, text=True, cwd=ROOT
    )
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def formats() -> list[str]:
    from sscgap.report import Format

    order = ["json", "markdown", "table", "csv"]
    available = [f.value for f in Format]
    return [f for f in order if f in available]


def fmt_ratio(x: float, limit: float) -> str:
    return f"{x:.2f}× {'✓' if x <= limit else '✗'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=5, help="repetitions (medians are reported)")
    ap.add_argument("--data", type=Path, default=Path("/tmp/sscgap-bench"))
    ap.add_argument("--profiles", help="profile folder (default: the shipped ten archetypes)")
    ap.add_argument(
        "--no-naive", dest="naive", action="store_false", help="skip the naive baseline"
    )
    ap.add_argument("--naive-size", type=int, default=100_000)
    ap.add_argument("--naive-repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)

    args.data.mkdir(parents=True, exist_ok=True)
    # as installed: bytecode compiled once (pip does this; PYTHONDONTWRITEBYTECODE would
    # otherwise make every run compile sscgap from source)
    compileall.compile_dir(str(SRC / "sscgap"), quiet=1)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    for k in ("SSCGAP_TIMINGS", "OPENBLAS_NUM_THREADS", "NUMPY_MADVISE_HUGEPAGE"):
        env.pop(k, None)  # the command's own settings, not the caller's
    timed_env = dict(env, SSCGAP_TIMINGS="1")
    py = sys.executable
    prof = ["--profiles", args.profiles] if args.profiles else []
    fmts = formats()
    out_file = args.data / "out"

    sizes = sorted(args.sizes)
    rosters = {n: ensure_roster(n, args.data, args.profiles) for n in sizes}
    tiny = ensure_roster(10, args.data, args.profiles)

    def analyze_cmd(path: Path, fmt: str) -> list[str]:
        return [
            py,
            "-m",
            "sscgap",
            "analyze",
            str(path),
            *prof,
            "--format",
            fmt,
            "-o",
            f"{out_file}.{fmt}",
        ]

    def floor_cmd(path: Path) -> list[str]:
        return [py, "-c", f"import pandas as pd; pd.read_csv({str(path)!r}, engine='pyarrow')"]

    floor = {n: Runs() for n in sizes}
    analyze = {(n, f): Runs() for n in sizes for f in fmts}
    startup = {k: Runs() for k in ("version", "help", "tiny")}
    print(
        f"running: sizes {', '.join(f'{n:,}' for n in sizes)}, {args.repeat} repetitions",
        file=sys.stderr,
    )
    for rep in range(args.repeat):
        measure([py, "-m", "sscgap", "--version"], env, startup["version"])
        measure([py, "-m", "sscgap", "--help"], env, startup["help"])
        for _ in range(3):  # the start-up is subtracted from every size: measure it well
            measure(analyze_cmd(tiny, "json"), timed_env, startup["tiny"])
        for n in sizes:
            # floor and analyze side by side; the order alternates between repetitions
            jobs = [("floor", None), *((None, f) for f in fmts)]
            if rep % 2:
                jobs.reverse()
            for kind, f in jobs:
                if kind == "floor":
                    measure(floor_cmd(rosters[n]), env, floor[n])
                else:
                    measure(analyze_cmd(rosters[n], f), timed_env, analyze[(n, f)])
        print(f"  repetition {rep + 1}/{args.repeat} done", file=sys.stderr)

    naive: Runs | None = None
    naive_fast: Runs | None = None
    agree = None
    if args.naive:
        path = ensure_roster(args.naive_size, args.data, args.profiles)
        naive, naive_fast = Runs(), Runs()
        profile_dir = args.profiles or str(ROOT / "profiles")
        for _ in range(args.naive_repeat):
            out = measure(
                [py, str(ROOT / "benchmarks" / "naive.py"), str(path), profile_dir],
                env,
                naive,
                stdout=subprocess.PIPE,
            )
            fast = measure(
                [py, "-m", "sscgap", "analyze", str(path), *prof, "--format", "json", "-o", "-"],
                env,
                naive_fast,
                stdout=subprocess.PIPE,
            )
        a, b = json.loads(out), json.loads(fast)
        agree = a["coverage_index"] == b["summary"]["coverage_index"] and [
            (x["id"], x["ready"], x["near"]) for x in a["archetypes"]
        ] == [(x["id"], x["ready"], x["near"]) for x in b["archetypes"]]

    # ---- report -------------------------------------------------------------------------
    cores = os.cpu_count()
    today = dt.date.today().isoformat()
    lines = [
        f"sscgap benchmark · {today} · {cores} cores · {platform.python_implementation()} "
        f"{platform.python_version()} · median of {args.repeat} runs",
        "",
        "| people | floor s | floor MB | analyze s | analyze MB | time × floor | memory × floor "
        "| read s | score s | render s | write s | other s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    results: dict = {
        "date": today,
        "cores": cores,
        "python": platform.python_version(),
        "repeat": args.repeat,
    }
    results["sizes"] = {}
    ok = True
    for n in sizes:
        fl, an = floor[n], analyze[(n, "json")]
        t_ratio, m_ratio = an.time / fl.time, an.mem / fl.mem
        t_limit = TARGET_TIME_1M if n >= 1_000_000 else TARGET_TIME_100K
        ok &= t_ratio <= t_limit and m_ratio <= TARGET_MEM
        st = {k: an.stage(k) or 0.0 for k in ("read", "score", "render", "write")}
        other = an.time - sum(st.values())
        lines.append(
            f"| {n:,} | {fl.time:.2f} | {fl.mem:.0f} | {an.time:.2f} | {an.mem:.0f} "
            f"| {fmt_ratio(t_ratio, t_limit)} | {fmt_ratio(m_ratio, TARGET_MEM)} "
            f"| {st['read']:.2f} | {st['score']:.2f} | {st['render']:.2f} | {st['write']:.2f} "
            f"| {other:.2f} |"
        )
        results["sizes"][n] = {
            "floor_s": fl.time,
            "floor_mb": fl.mem,
            "analyze_s": an.time,
            "analyze_mb": an.mem,
            "stages_s": st,
            "formats": {f: {"s": analyze[(n, f)].time, "mb": analyze[(n, f)].mem} for f in fmts},
        }
    lines += ["", "`other` = interpreter start-up, imports and exit.", ""]
    big = sizes[-1]
    lines += [
        f"| format ({big:,} people) | s | MB | render + write s | vs json | time × floor |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    base = analyze[(big, "json")]

    def output_cost(r: Runs) -> float:
        return (r.stage("render") or 0.0) + (r.stage("write") or 0.0)

    # markdown and table summarise: their output costs no more than json's. The formats share
    # everything up to rendering, so their render + write stages are compared, repetition by
    # repetition (each repetition runs every format once, side by side): the median of the
    # differences must not be above zero by more than this run can resolve, two standard errors
    # of that median (from the spread of the differences themselves)
    base_costs = [s.get("render", 0.0) + s.get("write", 0.0) for s in base.stages]
    resolutions: dict[str, float] = {}
    for f in fmts:
        r = analyze[(big, f)]
        vs_floor = r.time / floor[big].time
        costs = [s.get("render", 0.0) + s.get("write", 0.0) for s in r.stages]
        diffs = [c - b for c, b in zip(costs, base_costs, strict=True)]
        extra = statistics.median(diffs)
        mad = statistics.median(abs(d - extra) for d in diffs)
        resolution = resolutions[f] = 2 * 1.253 * 1.4826 * mad / math.sqrt(len(diffs))
        if f == "csv":
            check = fmt_ratio(vs_floor, TARGET_CSV)
            ok &= vs_floor <= TARGET_CSV
            json_cell = f"{extra:+.3f} s"
        else:
            check = f"{vs_floor:.2f}×"
            within = f == "json" or extra <= resolution
            ok &= within
            json_cell = f"{extra:+.3f} s ± {resolution:.3f} {'✓' if within else '✗'}" if f != "json" else "–"
        lines.append(
            f"| {f} | {r.time:.2f} | {r.mem:.0f} | {output_cost(r):.2f} | {json_cell} | {check} |"
        )
    lines += [
        "",
        "`vs json`: the median over the repetitions of (render + write of the format) − (render +"
        " write of json in the same repetition) ± this run's resolution (two standard errors of"
        " that median, from the spread of the differences); ✓ when it is at most the resolution.",
    ]
    results["format_resolution_s"] = resolutions
    tiny_t = startup["tiny"].time
    v, h = startup["version"].time, startup["help"].time
    # start-up is judged by what it imports (below); the times depend on the machine's load
    lines += [
        "",
        f"Start-up: `sscgap --version` {v:.3f} s (idle machine: ≤ {TARGET_VERSION}), "
        f"`sscgap --help` {h:.3f} s (idle: ≤ {TARGET_HELP}), "
        f"`analyze` of 10 people {tiny_t:.2f} s.",
    ]
    results["startup_s"] = {"version": v, "help": h, "analyze_10": tiny_t}
    # --version imports neither pandas nor numpy; --help does not import pandas
    v_mods = imported([py, "-m", "sscgap", "--version"], env) & {"pandas", "numpy"}
    h_mods = imported([py, "-m", "sscgap", "--help"], env) & {"pandas"}
    ok &= not v_mods and not h_mods
    lines.append(
        f"Imports: `--version` loads {', '.join(sorted(v_mods)) or 'neither pandas nor numpy'} "
        f"{'✗' if v_mods else '✓'}, `--help` loads {', '.join(sorted(h_mods)) or 'no pandas'} "
        f"{'✗' if h_mods else '✓'}."
    )
    results["imports"] = {"version": sorted(v_mods), "help": sorted(h_mods)}
    if len(sizes) >= 2:
        lo, hi = sizes[0], sizes[-1]
        growth = (analyze[(hi, "json")].time - tiny_t) / (analyze[(lo, "json")].time - tiny_t)
        expected = hi / lo
        limit = TARGET_LINEAR * expected / 10
        ok &= growth <= limit
        lines.append(
            f"Growth: time beyond start-up grows {growth:.1f}× from {lo:,} to {hi:,} people "
            f"({expected:.0f}× the people; limit {limit:.1f}×) {'✓' if growth <= limit else '✗'}."
        )
        results["growth"] = growth
    if naive is not None and naive_fast is not None:
        factor = naive.time / naive_fast.time
        lines.append(
            f"Naive row-by-row pandas (`apply(axis=1)`), {args.naive_size:,} people: "
            f"{naive.time:.1f} s, "
            f"{naive.mem:.0f} MB; `sscgap analyze` {naive_fast.time:.2f} s: {factor:.0f}× faster "
            f"(same counts: {'yes' if agree else 'NO'})."
        )
        results["naive"] = {
            "size": args.naive_size,
            "s": naive.time,
            "mb": naive.mem,
            "sscgap_s": naive_fast.time,
            "factor": factor,
            "agree": agree,
        }
    lines.append("")
    lines.append("All targets met." if ok else "Some targets NOT met (✗).")
    results["all_met"] = ok
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
