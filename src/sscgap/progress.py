"""Progress of a long command: reading, scoring, writing.

On a terminal a transient status line on stderr names the stage being worked on (and is gone
when the command ends); when stderr is not a terminal nothing is shown at all, so pipes, CI logs
and redirected output stay clean. With ``SSCGAP_TIMINGS=1`` in the environment the seconds spent
in each stage are written to stderr as one JSON line at the end (the benchmark reads it).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _interactive() -> bool:
    stream = sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        return False
    return tty and os.environ.get("TERM") != "dumb"


class Stages:
    """Time the stages of a command and show the current one on an interactive stderr."""

    def __init__(self, show: bool | None = None) -> None:
        self.show = _interactive() if show is None else show
        self.timings: dict[str, float] = {}
        self._status: Any = None

    @contextmanager
    def stage(self, key: str, label: str) -> Iterator[None]:
        if self.show:
            from rich.spinner import Spinner
            from rich.text import Text

            from .textsafe import for_terminal

            # the label holds a file name: plain text (no Rich markup), controls shown
            spinner = Spinner("dots", text=Text(for_terminal(label)), style="status.spinner")
            if self._status is None:
                from rich.console import Console
                from rich.live import Live

                self._status = Live(spinner, console=Console(stderr=True), transient=True)
                self._status.start(refresh=True)
            else:
                self._status.update(spinner, refresh=True)  # shown now, not at the next tick
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[key] = self.timings.get(key, 0.0) + time.perf_counter() - start

    def hide(self) -> None:
        """Remove the status line (before writing the report to the same terminal)."""
        self.show = False
        if self._status is not None:
            self._status.stop()
            self._status = None

    def close(self) -> None:
        self.hide()
        if os.environ.get("SSCGAP_TIMINGS") and self.timings:
            sys.stderr.write(
                json.dumps({"sscgap_timings": {k: round(v, 4) for k, v in self.timings.items()}})
                + "\n"
            )
            sys.stderr.flush()
            self.timings = {}

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
