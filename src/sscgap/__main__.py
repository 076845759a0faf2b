"""Entry point: ``sscgap`` and ``python -m sscgap``."""

from __future__ import annotations

import contextlib
import os
import sys


def _leave(code: int) -> None:
    """Exit now, skipping the interpreter's teardown once pandas or pyarrow is loaded.

    Tearing down those modules (their thread pools, allocators and thousands of objects) takes
    0.1-0.3 s after the work is done, as long as reading a 100,000-person roster. Everything
    the command wrote is flushed first; output files are already closed and renamed into place
    by then. A process measured by coverage.py (which saves its data at exit) exits normally.
    """
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # the reader went away (``| head``) or stdout is closed
        code = code or 1
    with contextlib.suppress(BrokenPipeError, ValueError):
        sys.stderr.flush()
    # pyarrow alone: an early read (sscgap.prefetch) may still be running, e.g. after a wrong
    # option, and Arrow would finish it before letting the process go
    if ("pandas" in sys.modules or "pyarrow" in sys.modules) and "coverage" not in sys.modules:
        os._exit(code)
    sys.exit(code)


def _quiet_runtime() -> None:
    """Settings for a short command-line run, made before numpy, pydantic or pandas load.

    * OpenBLAS keeps one thread: its idle threads spin after every matrix product, taking a
      core from the work the command spreads over the cores itself (``sscgap.parallel``).
    * pydantic does not scan the installed packages for plugins (it would at the first model).
    * No cyclic garbage collection: the command allocates many objects and few cycles, and
      exits within seconds; the collector would walk the imported modules again and again.

    A variable the user has set is left as it is.
    """
    import gc

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.disable()


def main() -> None:
    from .runtime import run_cli

    _leave(run_cli(_run))


def _run() -> None:
    # fast path: answer --version without importing typer, rich or pandas
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"sscgap {__version__}\n")
        return
    _quiet_runtime()
    from .prefetch import start

    start(sys.argv[1:])  # a large roster starts being read while the rest starts up
    from .cli import app

    app(prog_name="sscgap")


if __name__ == "__main__":
    main()
