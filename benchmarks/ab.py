#!/usr/bin/env python3
"""A/B of the start-up and exit "speed tricks": end-to-end wall time with and without each one.

Each trick is switched off in a fresh ``sscgap analyze ROSTER -f json -o FILE`` process (for the
terminal table, ``-f table``), by a small driver that patches the code under test before
``sscgap.__main__.main`` runs; the "with" arm goes through the same driver with nothing patched.
Per repetition every arm runs once, in an order that rotates between repetitions, so that a
busy machine slows all arms alike; the table gives the median times and the median over the
repetitions of the ratio without / with (each repetition's two runs side by side).

The tricks were measured on the code before they were removed, so point ``--src`` at
a checkout of that code:

    git worktree add /tmp/sscgap-before 489cd21
    python benchmarks/ab.py --src /tmp/sscgap-before/src
    python benchmarks/ab.py --src /tmp/sscgap-before/src --sizes 10000 100000 --repeat 5

Arms (``off:`` = the trick switched off):

* ``prefetch``  the early CSV parse started from argv (``SSCGAP_NO_PREFETCH=1``)
* ``lazy``      pandas imported when the roster reader is, not by ``_lazy`` during the parse
* ``gc``        the cyclic garbage collector left on
* ``exit``      a normal interpreter exit instead of ``os._exit``
* ``openblas``  ``OPENBLAS_NUM_THREADS`` not set to 1
* ``all``       all five above off at once (what a plain program does)
* ``grid``      terminal tables drawn by Rich instead of ``render/grid.py`` (``-f table``)

A trick is worth keeping when switching it off costs at least 10% at some size.

On the code after the change (``--lean``), where the tricks are gone, the driver can put the
ones that make sense without the removed modules back instead (``+gc``: ``gc.disable()``,
``+exit``: ``os._exit`` after the command, ``+openblas``: ``OPENBLAS_NUM_THREADS=1``, ``+all``),
and the table compares the plain code (without) with the trick added (with). ``serial`` goes
the other way: the lean code spreads the roster's and the reports' column work over the cores
(``sscgap.parallel``), and this arm runs it on one thread (without) against the code as it is
(with); ``+nohuge`` runs numpy without transparent huge pages (``NUMPY_MADVISE_HUGEPAGE=0``) on
code from before round 9, and ``hugepages`` switches them back on (``NUMPY_MADVISE_HUGEPAGE=1``)
on the code since, where ``__main__`` turns them off:

    python benchmarks/ab.py --src src --lean
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Runs, ensure_roster, measure  # noqa: E402

TRICKS = ("prefetch", "lazy", "gc", "exit", "openblas")
ADDED = ("+gc", "+exit", "+openblas", "serial", "hugepages")
KEEP_BAR = 1.10

# Runs in the child: argv = [driver, "off1,off2", sscgap args...]
DRIVER = r'''
import os, sys
arms = set(filter(None, sys.argv[1].split(",")))
off = {a for a in arms if not a.startswith("+")}
on = arms - off
sys.argv = ["sscgap"] + sys.argv[2:]
if "+openblas" in on:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
if "openblas" in off:
    os.environ.pop("OPENBLAS_NUM_THREADS", None)
if "+nohuge" in on:
    # numpy asks for no transparent huge pages (on code from before round 9, which did not)
    os.environ["NUMPY_MADVISE_HUGEPAGE"] = "0"
if "hugepages" in off:
    # the code of round 9 on turns them off in the sscgap process unless the user set them
    os.environ["NUMPY_MADVISE_HUGEPAGE"] = "1"
if "prefetch" in off:
    os.environ["SSCGAP_NO_PREFETCH"] = "1"
import sscgap.__main__ as m
if "lazy" in off:
    import importlib
    from sscgap import _lazy
    _lazy.lazy_import = importlib.import_module
if "gc" in off or "openblas" in off:
    quiet = m._quiet_runtime
    def _quiet():
        had = os.environ.get("OPENBLAS_NUM_THREADS")
        quiet()
        if "gc" in off:
            import gc
            gc.enable()
        if "openblas" in off and had is None:
            os.environ.pop("OPENBLAS_NUM_THREADS", None)
    m._quiet_runtime = _quiet
if "exit" in off:
    def _leave(code):
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            code = code or 1
        sys.exit(code)
    m._leave = _leave
if "grid" in off:
    from sscgap.render import grid
    def render_lines(items, width, color=False):
        from rich import box
        from rich.table import Table
        from rich.text import Text
        from sscgap.render import RenderOptions
        from sscgap.render.common import text_console
        console, buf = text_console(RenderOptions(width=width, color=color))
        for item in items:
            if isinstance(item, grid.Line):
                console.print(Text(item.text, style=item.style or ""))
                continue
            table = Table(title=item.title, box=box.SIMPLE_HEAVY, title_justify="left",
                          pad_edge=False)
            for c in item.columns:
                table.add_column(c.header, justify=c.justify, no_wrap=c.no_wrap,
                                 overflow=c.overflow, min_width=c.min_width, style=c.style)
            for row in item.rows:
                table.add_row(*(c if isinstance(c, str) else Text.assemble(*c) for c in row))
            console.print(table)
        return buf.getvalue()
    grid.render_lines = render_lines
if "serial" in arms:
    # the roster's and the reports' column work on one thread instead of all cores
    from sscgap import parallel
    parallel.threads = lambda: 1
if "+gc" in on:
    import gc
    gc.disable()
if "+exit" in on:
    try:
        m.main()
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1
    os._exit(code)
m.main()
'''


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, required=True, help="the src/ folder of the code to measure")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=7, help="repetitions below 1M people")
    ap.add_argument("--repeat-1m", type=int, default=3, help="repetitions at 1M people and more")
    ap.add_argument("--data", type=Path, default=Path("/tmp/sscgap-bench"))
    ap.add_argument("--arms", nargs="+", help="default: every trick (with --lean: +gc +exit +openblas serial hugepages +all)")
    ap.add_argument("--lean", action="store_true", help="measure tricks added to the lean code")
    args = ap.parse_args(argv)
    if args.arms is None:
        args.arms = [*ADDED, "+all"] if args.lean else [*TRICKS, "all", "grid"]

    args.data.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(args.src.resolve())
    for k in ("SSCGAP_TIMINGS", "SSCGAP_NO_PREFETCH", "OPENBLAS_NUM_THREADS", "NUMPY_MADVISE_HUGEPAGE"):
        env.pop(k, None)
    # as installed: bytecode compiled once (see run.py)
    compileall.compile_dir(str(args.src / "sscgap"), quiet=1)
    py = sys.executable
    driver = args.data / "ab_driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    out = args.data / "ab_out"

    def cmd(path: Path, fmt: str, off: str) -> list[str]:
        return [py, str(driver), off, "analyze", str(path), "--format", fmt, "-o", f"{out}.{fmt}"]

    # (name, format, driver argument); the first two are the baselines
    arms: list[tuple[str, str, str]] = [("base", "json", "")]
    if "grid" in args.arms:
        arms.append(("base table", "table", ""))
    for a in args.arms:
        code = {"all": ",".join(TRICKS), "+all": ",".join(x for x in ADDED if x[0] == "+")}.get(a, a)
        arms.append((a, "table" if a == "grid" else "json", code))
    rows = []
    for n in sorted(args.sizes):
        path = ensure_roster(n, args.data, None)
        reps = args.repeat_1m if n >= 1_000_000 else args.repeat
        runs = {name: Runs() for name, _, _ in arms}
        floor = Runs()
        jobs = [*arms, ("floor", "", "")]
        for rep in range(reps):
            k = rep % len(jobs)
            order = jobs[k:] + jobs[:k]  # rotate: each arm takes every place in turn
            if rep % 2:
                order.reverse()
            for name, fmt, off in order:
                if name == "floor":
                    code = f"import pandas as pd; pd.read_csv({str(path)!r}, engine='pyarrow')"
                    measure([py, "-c", code], env, floor)
                else:
                    measure(cmd(path, fmt, off), env, runs[name])
            print(f"  {n:,}: repetition {rep + 1}/{reps} done", file=sys.stderr)
        for name, fmt, _ in arms:
            if name.startswith("base"):
                continue
            base = runs["base table" if fmt == "table" else "base"]
            with_, without = (runs[name], base) if name.startswith("+") else (base, runs[name])
            # each repetition ran both arms: the median of their ratios cancels slow spells
            paired = statistics.median(
                b / a for a, b in zip(with_.wall, without.wall, strict=True)
            )
            rows.append(
                (n, name.lstrip("+-"), fmt, with_.time, without.time, paired, floor.time, reps)
            )
        print(
            f"  {n:,}: base {runs['base'].time:.2f} s / {runs['base'].mem:.0f} MB, floor "
            f"{floor.time:.2f} s / {floor.mem:.0f} MB",
            file=sys.stderr,
        )

    lines = [
        "| people | trick | format | with s | without s | without / with (paired) | verdict "
        "| floor s | runs |",
        "|---:|---|---|---:|---:|---:|---|---:|---:|",
    ]
    for n, trick, fmt, a, b, ratio, fl, reps in rows:
        verdict = "saves ≥ 10%" if ratio >= KEEP_BAR else "< 10%"
        lines.append(
            f"| {n:,} | {trick} | {fmt} | {a:.2f} | {b:.2f} | {ratio:.3f} | {verdict} "
            f"| {fl:.2f} | {reps} |"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
