"""Whole-column work on all cores: numpy and Arrow release the GIL inside their loops, so plain
threads run blocks of rows (or columns) side by side. Each task writes only its own part of the
output, so the order the tasks run in changes nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")


def threads() -> int:
    """Worker threads to use: the cores this process may run on (at most 8)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def map_threads(fn: Callable[[_T], _R], items: Iterable[_T]) -> list[_R]:
    """``[fn(x) for x in items]``, on all cores; the first error of a task is raised here."""
    items = list(items)
    workers = min(threads(), len(items))
    if workers <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sscgap") as pool:
        return list(pool.map(fn, items))


def run_blocks(n: int, size: int, fn: Callable[[int, int], None]) -> None:
    """Call ``fn(start, end)`` on every block of ``size`` rows of ``n``, on all cores."""
    map_threads(lambda b: fn(*b), [(s, min(n, s + size)) for s in range(0, n, size)])
