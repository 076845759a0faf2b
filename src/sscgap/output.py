"""Writing results: ``-`` is stdout; a file is written beside its target and renamed into place."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_output(data: str | bytes, path: str | Path | None, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` to ``path`` atomically (``None`` or ``-``: stdout).

    Parents are created. The data goes to a temporary file in the same folder, which is then
    ``os.replace``-d over the target, so a failure leaves no partial file and the previous one
    intact. Writing over one of ``inputs`` is refused.
    """
    if path is None or str(path) == "-":
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
            sys.stdout.flush()
        return
    target = Path(path)
    for src in inputs:
        if src is not None and (_same_file(target, Path(src)) or target.resolve() == Path(src).resolve()):
            raise UsageError(f"{target}: refusing to write the output over an input file")
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name for the output")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise UsageError(f"{target}: cannot write here ({e.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise UsageError(f"{target}: cannot write ({e.strerror})") from None
        raise
