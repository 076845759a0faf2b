"""Entry point: ``sscgap`` and ``python -m sscgap``."""

from __future__ import annotations

import sys


def main() -> None:
    # the guard for closed or broken streams and signals imports nothing heavy
    from .runtime import run_cli

    sys.exit(run_cli(_run))


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
