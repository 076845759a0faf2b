"""Writing results: ``-`` is stdout; a file is written beside its target and renamed into place.

What a path given with ``-o`` (or ``$GITHUB_STEP_SUMMARY``) may be, and what happens to it:

- missing: created atomically (a temporary file in the same folder, renamed into place). Its
  mode honours the umask, as any file a command creates.
- a regular file (also behind a symlink): replaced atomically; the file keeps its mode (a
  ``600`` report stays ``600``). A symlink stays a symlink: the file it points to is replaced.
- a character device or a FIFO the user named (``/dev/null``, a pipe), or a standard stream
  (``/dev/stdout``, ``/dev/fd/3``): written through, never replaced.
- anything else (a folder, a block device, a socket): refused.
- one of the command's inputs (roster, profiles, targets, key file; by path, link or inode):
  refused.

A temporary file is removed when the write fails or is interrupted; it is also recorded with
:func:`sscgap.runtime.track_temporary`, so the CLI's signal guard removes it whatever the moment
a signal arrives.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError
from .runtime import signals_deferred, track_temporary, untrack_temporary

# standard streams named as files: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N
_STREAM_PATH = re.compile(r"^/(?:dev/(?:std(in|out|err)|fd/(\d+))|proc/(?:self|\d+)/fd/(\d+))$")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _is_input(target: Path, src: Path) -> bool:
    """``target`` is the input ``src`` (by path, link or inode), or a file inside an input folder
    (a profile folder: its YAML files are inputs too)."""
    if _same_file(target, src) or target.resolve() == src.resolve():
        return True
    if src.is_dir() and target.exists():
        try:
            target.resolve().relative_to(src.resolve())
            return True
        except ValueError:
            return False
    return False


def check_not_input(path: str | Path, inputs: Iterable[str | Path | None], what: str = "the output") -> None:
    """Refuse (:class:`UsageError`, exit 2) when ``path`` is one of ``inputs`` or inside an
    input folder, by path, symlink or hard link. ``None`` inputs are skipped."""
    target = Path(path)
    for src in inputs:
        if src is None or str(src) == "-":
            continue
        try:
            clash = _is_input(target, Path(src))
        except (OSError, RuntimeError):  # a symlink loop: not an input we can read either
            clash = False
        if clash:
            raise UsageError(f"{target}: refusing to write {what} over an input file")


def _stream_fd(path: Path) -> int | None:
    """The descriptor a path such as ``/dev/stdout`` or ``/dev/fd/3`` names, else None."""
    m = _STREAM_PATH.match(str(path))
    if m is None:
        return None
    if m.group(1):
        return {"in": 0, "out": 1, "err": 2}[m.group(1)]
    fd = int(m.group(2) or m.group(3))
    if m.group(3) is not None and not str(path).startswith(("/proc/self/", f"/proc/{os.getpid()}/")):
        return None  # another process's descriptor: a path like any other
    return fd


def _kind(path: Path) -> tuple[str, os.stat_result | None]:
    """("missing" | "file" | "through" | "folder" | "other", stat of what the path names)."""
    try:
        st = os.stat(path)  # follows symlinks
    except FileNotFoundError:  # also a dangling link: the file it names is created
        return "missing", None
    except OSError as e:
        raise UsageError(f"{path}: cannot write here ({e.strerror})") from None
    if stat.S_ISREG(st.st_mode):
        return "file", st
    if stat.S_ISDIR(st.st_mode):
        return "folder", st
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return "through", st
    return "other", st


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _write_stdout(data: str | bytes) -> None:
    if isinstance(data, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
        sys.stdout.flush()


def _open_through(path: Path, extra: int = 0) -> int:
    """A descriptor to write to the device or FIFO ``path``. A FIFO is opened without blocking,
    and again every few milliseconds while it has no reader (``ENXIO``), for at most
    :data:`~sscgap.runtime.FIFO_WAIT` seconds: a blocking open would wait for ever."""
    import time

    from . import runtime

    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) | extra
    if not stat.S_ISFIFO(os.stat(path).st_mode):
        return os.open(path, flags)
    deadline = time.monotonic() + runtime.FIFO_WAIT
    while True:
        try:
            fd = os.open(path, flags | os.O_NONBLOCK)
        except OSError as e:
            if e.errno != errno.ENXIO:
                raise
            if time.monotonic() >= deadline:
                raise OSError(
                    errno.ETIMEDOUT, f"a named pipe that nothing read from within {runtime.FIFO_WAIT:g} s"
                ) from None
            time.sleep(0.02)
            continue
        os.set_blocking(fd, True)
        return fd


def _write_through(path: Path, data: bytes) -> None:
    """Write to a device or FIFO the user named: opened for writing, never truncated or replaced."""
    try:
        fd = _open_through(path)
    except OSError as e:
        raise UsageError(f"{path}: cannot write ({e.strerror})") from None
    try:
        _write_all(fd, data)
    except OSError as e:
        raise UsageError(f"{path}: cannot write ({e.strerror})") from None
    finally:
        os.close(fd)


def _create_temporary(folder: Path, name: str, mode: int) -> tuple[int, str]:
    """A new file ``.NAME.RANDOM.tmp`` in ``folder`` (``mode``, less the umask), recorded in
    :func:`~sscgap.runtime.track_temporary` until it is renamed or removed."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = str(folder / f".{name}.{secrets.token_hex(4)}.tmp")
        with signals_deferred():
            try:
                fd = os.open(tmp, flags, mode)
            except FileExistsError:
                continue
            track_temporary(tmp)
        return fd, tmp
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    untrack_temporary(tmp)


def _replace_atomically(target: Path, data: bytes, existing: os.stat_result | None) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over ``target``.

    A new file gets ``0o666`` less the umask (the kernel applies it); a replaced file keeps its
    permission bits (and, where allowed, its owner and group)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(target.parent, target.name, 0o666 if existing is None else 0o600)
    except OSError as e:
        raise UsageError(f"{target}: cannot write here ({e.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if existing is not None:
                with contextlib.suppress(OSError):  # e.g. a file of another user: keep ours
                    os.fchown(fd, existing.st_uid, existing.st_gid)
                os.fchmod(fd, stat.S_IMODE(existing.st_mode) & 0o777)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        untrack_temporary(tmp)
    except BaseException as e:
        _discard(tmp)
        if isinstance(e, OSError):
            raise UsageError(f"{target}: cannot write ({e.strerror})") from None
        raise


def write_output(data: str | bytes, path: str | Path | None, *, inputs: Iterable[str | Path | None] = ()) -> None:
    """Write ``data`` to ``path`` (``None`` or ``-``: stdout); see the module docstring.

    Parents are created. A regular file is written atomically, so a failure leaves no partial
    file and the previous one intact. Writing over one of ``inputs`` is refused.
    """
    if path is None or str(path) == "-":
        _write_stdout(data)
        return
    target = Path(path)
    check_not_input(target, inputs)
    fd = _stream_fd(target)
    if fd == 1:
        _write_stdout(data)
        return
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    if fd is not None:
        if fd == 2:
            with contextlib.suppress(AttributeError, ValueError, OSError):
                sys.stderr.flush()
        try:
            _write_all(fd, raw)
        except OSError as e:
            raise UsageError(f"{target}: cannot write ({e.strerror})") from None
        return
    kind, st = _kind(target)
    if kind == "folder":
        raise UsageError(f"{target}: is a folder; give a file name for the output")
    if kind == "other":
        raise UsageError(
            f"{target}: not a regular file, a character device or a pipe; refusing to write there"
        )
    if kind == "through":
        _write_through(target, raw)
        return
    real = Path(os.path.realpath(target)) if kind == "file" or os.path.islink(target) else target
    _replace_atomically(real, raw, st)


def append_summary(path: str | Path, text: str, inputs: Iterable[str | Path | None] = ()) -> None:
    """Append ``text`` (UTF-8) to ``path`` (the CI job summary): checked like ``-o`` (never an
    input, never a folder, block device or socket), created with the umask's mode if missing.

    Raises :class:`UsageError` when ``path`` is an input (exit 2: inputs are never written),
    :class:`OSError` when it cannot be appended to (a folder, a socket, a full disk: the caller
    turns that into a warning, as the report itself was written)."""
    target = Path(path)
    check_not_input(target, inputs, what="the job summary")
    kind, _ = _kind(target)
    if kind == "folder":
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
    if kind == "other":
        raise OSError(errno.EINVAL, "not a regular file, a character device or a pipe", str(target))
    if kind == "through":  # a device or a FIFO (one nobody reads from: not for ever)
        fd = _open_through(target, os.O_APPEND)
    else:
        flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(target, flags | (os.O_CREAT if kind == "missing" else 0), 0o666)
    try:
        _write_all(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
