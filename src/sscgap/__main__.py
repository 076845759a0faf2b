"""Entry point: ``sscgap`` and ``python -m sscgap``.

Two settings apply to the ``sscgap`` process only, never to a program that imports the library
(docs/performance.md has the A/B figures: each saves 11-20% end to end at 100,000 and 1,000,000
people on a quiet 2-core machine):

* OpenBLAS keeps one thread (unless the user set ``OPENBLAS_NUM_THREADS``): its idle threads
  spin after every matrix product and take a core from the rest of the run;
* the process ends with ``os._exit`` once the command is done, everything flushed and every
  temporary file removed: tearing down pandas, pyarrow and numpy takes 0.1-0.3 s.
"""

from __future__ import annotations

import contextlib
import os
import sys


def main() -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads
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
