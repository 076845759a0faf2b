"""Entry point: ``sscgap`` and ``python -m sscgap``.

Three settings apply to the ``sscgap`` process only, never to a program that imports the library
(docs/performance.md has the A/B figures: each saves 10-20% end to end at 1,000,000 people on a
2-core machine, the first two at 100,000 too):

* OpenBLAS keeps one thread (unless the user set ``OPENBLAS_NUM_THREADS``): its idle threads
  spin after every matrix product and take a core from the rest of the run;
* numpy does not ask for transparent huge pages (unless the user set
  ``NUMPY_MADVISE_HUGEPAGE``): on a virtual machine the kernel clears each fresh 2 MB page of
  the level matrix and the score arrays on first touch, slower than the run reads them;
* the process ends with ``os._exit`` once the command is done, everything flushed and every
  temporary file removed: tearing down pandas, pyarrow and numpy takes 0.1-0.3 s.
"""

from __future__ import annotations

import contextlib
import os
import sys


def main() -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # both before numpy loads
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
    # the guard for closed or broken streams and signals imports nothing heavy
    from .runtime import run_cli

    code = run_cli(_run)  # output files are closed and temporary files removed by now
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            if stream is not None:
                stream.flush()
    os._exit(code)


def _run() -> None:
    # fast path: answer --version without importing typer, rich, numpy or pandas
    if sys.argv[1:] == ["--version"]:
        from ._version import __version__

        sys.stdout.write(f"sscgap {__version__}\n")
        return
    from .cli import app

    app(prog_name="sscgap")


if __name__ == "__main__":
    main()
