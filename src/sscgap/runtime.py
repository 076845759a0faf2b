"""Process-level guards for the command line: signals, closed or broken streams, encodings.

Only the entry point (``sscgap``, ``python -m sscgap``) calls :func:`run_cli`; importing this
module changes nothing, so a library user's interpreter is left alone. It imports only the
standard library and :mod:`sscgap.errors`, so any layer may use its small helpers
(:func:`read_bounded`, :func:`track_temporary`).

What :func:`run_cli` promises, whatever the environment:

=========================================  ==========================================  ====
situation                                  what the user sees                          exit
=========================================  ==========================================  ====
stdout cannot be written (``>/dev/full``,  ``error: cannot write to standard output:    1
closed with ``>&-``, an I/O error)         <reason>``
stdout's reader went away (``| head``)     nothing                                     1
stdout's encoding cannot show the report   ``error: standard output's encoding ...``   2
(``PYTHONIOENCODING=ascii --lang zh``)     with the fix (UTF-8, or ``-o FILE``)
stderr closed or failing                   the command runs; its messages are lost     as
                                                                                       usual
Ctrl-C (SIGINT)                            ``interrupted``                             130
SIGTERM / SIGHUP                           nothing                                     143 /
                                                                                       129
=========================================  ==========================================  ====

A signal the caller ignores stays ignored (``nohup``, a script's background job). On every way
out, the temporary files of writes still in progress and the spooled copies of standard input
(:func:`spool_stdin`) are removed.
"""

from __future__ import annotations

# Only modules the interpreter has loaded already at start-up: the guard must be in place within
# milliseconds (a Ctrl-C before it would print a traceback). The rest is imported when needed.
import codecs
import contextlib
import errno
import io
import os
import signal
import stat
import sys

TYPE_CHECKING = False  # typing itself takes milliseconds to import
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from types import FrameType
    from typing import Any

EXIT_WRITE_FAILED = 1  # the report could not be written to standard output
EXIT_USAGE = 2
KEY_FILE_LIMIT = 4096  # bytes: a secret key is short; /dev/zero is not a key
# bytes of a profile, targets or mapping file (YAML): the shipped catalogue is under 40 KB; more
# than this is the wrong file (or a device), and parsing it would cost seconds and memory
TEXT_FILE_LIMIT = 1 << 20
STDIN_NAME = "-"

_ENCODING_HANDLER = "sscgap.stdout"
_ENCODING_HANDLER_ESCAPING = "sscgap.stdout.surrogateescape"
# files to remove on the way out: temporary files of writes in progress, spooled inputs
_TEMPORARY: set[str] = set()
_SPOOL_DIRS: set[str] = set()
# signals that arrived inside :func:`signals_deferred` (raised when it ends)
_DEFER_DEPTH = 0
_STDIN_READ = False  # standard input was spooled once already in this process
_DEFERRED: list[int] = []
_HAS_ALARM = hasattr(signal, "setitimer")


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived (a ``BaseException``: ``except Exception`` does not stop it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class StdoutError(OSError):
    """Writing to standard output failed (the disk is full, it is closed, the reader left)."""


class Unencodable(Exception):
    """Standard output's encoding cannot represent a character of the report."""

    def __init__(self, encoding: str, text: str):
        super().__init__(encoding, text)
        self.encoding, self.text = encoding, text


# ---------------------------------------------------------------------------------------------
# Temporary files (used by sscgap.output)
# ---------------------------------------------------------------------------------------------


def track_temporary(path: str) -> None:
    """Remember a temporary file being written (removed if a signal ends the command)."""
    _TEMPORARY.add(path)


def untrack_temporary(path: str) -> None:
    _TEMPORARY.discard(path)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Within this block the CLI's SIGINT/SIGTERM/SIGHUP handlers only note the signal; it is
    raised when the block ends (so a temporary file is created *and* tracked, or neither).
    Without :func:`run_cli` (a library user) it changes nothing."""
    global _DEFER_DEPTH
    _DEFER_DEPTH += 1
    try:
        yield
    finally:
        _DEFER_DEPTH -= 1
        if _DEFER_DEPTH == 0 and _DEFERRED:
            signum = _DEFERRED.pop()
            _DEFERRED.clear()
            if signum == signal.SIGINT:
                raise KeyboardInterrupt
            raise Terminated(signum)


def remove_temporary() -> None:
    """Remove the tracked temporary files and spooled inputs that are still there."""
    for path in list(_TEMPORARY):
        with contextlib.suppress(OSError):
            os.unlink(path)
        _TEMPORARY.discard(path)
    for folder in list(_SPOOL_DIRS):
        with contextlib.suppress(OSError):
            for name in os.listdir(folder):
                os.unlink(os.path.join(folder, name))
            os.rmdir(folder)
        _SPOOL_DIRS.discard(folder)


# ---------------------------------------------------------------------------------------------
# Inputs: standard input, FIFOs, bounded reads
# ---------------------------------------------------------------------------------------------


class InputTooLarge(OSError):
    """A small input file (a key, a profile, a mapping) holds more than its limit."""

    def __init__(self, limit: int):
        super().__init__(errno.EFBIG, f"longer than {limit:,} bytes; is it the right file?")
        self.limit = limit


class NoWriter(OSError):
    """A named pipe got no writer (or no data) in time."""

    def __init__(self, wait: float):
        super().__init__(errno.ETIMEDOUT, f"a named pipe that nothing wrote to within {wait:g} s")


def read_limited(path: str | Path, limit: int, wait: float | None = None) -> bytes:
    """The bytes of a small input file, never more than ``limit`` read: the one way every
    input other than the roster is read (key file, profile and targets YAML, mapping file).

    ``/dev/zero`` or a huge file ends at once (:class:`InputTooLarge`); a named pipe is read
    once, but only if something writes to it within ``wait`` seconds (:class:`NoWriter`; opening
    it would otherwise block for ever). Both are :class:`OSError`, like a missing file
    (``FileNotFoundError``) or a folder (``IsADirectoryError``): a caller's ``except OSError``
    turns them into its own message."""
    wait = FIFO_WAIT if wait is None else wait
    try:
        fifo = stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        fifo = False  # open() says what is wrong
    if fifo:
        fd = _open_fifo(path, wait)
        fh: Any = os.fdopen(fd, "rb")
    else:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    with fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(limit)
    return bytes(data)


def read_text_limited(path: str | Path, limit: int = TEXT_FILE_LIMIT) -> str:
    """:func:`read_limited` as text, as ``Path.read_text(encoding="utf-8-sig")`` gives it (a
    byte-order mark dropped, line breaks as ``\\n``); not UTF-8: ``UnicodeDecodeError``."""
    text = read_limited(path, limit).decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def read_bounded(path: str | Path, limit: int = KEY_FILE_LIMIT, what: str = "the file") -> bytes:
    """The bytes of ``path`` (:func:`read_limited`), every problem a :class:`UsageError` that
    names ``what``: more than ``limit`` bytes (``/dev/zero``), a named pipe nobody writes to,
    a folder, a missing or unreadable file."""
    from pathlib import Path

    from .errors import UsageError

    p = Path(path)
    try:
        return read_limited(p, limit)
    except FileNotFoundError:
        raise UsageError(f"{p}: {what} not found") from None
    except IsADirectoryError:
        raise UsageError(f"{p}: {what} is a folder, not a file") from None
    except (InputTooLarge, NoWriter) as e:
        raise UsageError(f"{p}: {what} is {e.strerror}" if isinstance(e, InputTooLarge)
                         else f"{p}: {what}: {e.strerror}") from None  # fmt: skip
    except OSError as e:
        raise UsageError(f"{p}: cannot read {what} ({e.strerror})") from None


def _suffix_for(head: bytes) -> str:
    """The suffix the roster reader needs to pick its parser: a zip is a workbook."""
    return ".xlsx" if head.startswith(b"PK\x03\x04") else ".csv"


def spool_stdin(source: Any = None, name: str = "stdin", label: str = STDIN_NAME) -> Path:
    """Copy standard input (or the binary file object ``source``) to a private temporary file
    (folder ``700``, file ``600``) and return its path; it is removed when :func:`run_cli`
    ends (or by :func:`remove_temporary`). ``.xlsx`` when the data is a zip, else ``.csv``."""
    import tempfile
    from pathlib import Path

    from .errors import UsageError

    global _STDIN_READ
    stream = source if source is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise UsageError("-: standard input is closed; give a roster file")
    if source is None and stream.isatty():
        raise UsageError("-: standard input is a terminal; pipe a roster in (cat staff.csv | sscgap analyze -)")
    folder = tempfile.mkdtemp(prefix="sscgap-")  # mode 700
    _SPOOL_DIRS.add(folder)
    try:
        head = stream.read(4)
        if not head and source is None and _STDIN_READ:  # diff - -: read once, by the first
            raise UsageError(f"{label}: standard input was read already for an earlier '-'; give this roster as a file")
        if not head:
            raise UsageError(f"{label}: nothing to read (empty input); pipe a roster in (cat staff.csv | sscgap analyze -)")
        path = Path(folder) / (name + _suffix_for(head))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(head)
            while chunk := stream.read(1 << 20):
                out.write(chunk)
    except OSError as e:
        remove_spooled(folder)
        raise UsageError(f"{label}: cannot read ({e.strerror})") from None
    except BaseException:
        remove_spooled(folder)
        raise
    if source is None:
        _STDIN_READ = True
    return path


def remove_spooled(folder: str | Path) -> None:
    folder = str(folder)
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            os.unlink(os.path.join(folder, name))
        os.rmdir(folder)
    _SPOOL_DIRS.discard(folder)


def input_path(path: Path) -> Path:
    """The path the roster reader should open for the roster argument ``path``:

    - ``-``: standard input, spooled to a private temporary file (read once);
    - a FIFO (a named pipe, ``<(...)``): read once, spooled the same way;
    - anything else: ``path`` itself (the reader reports a missing file or a folder).
    """
    from pathlib import Path

    from .errors import UsageError

    if str(path) == STDIN_NAME:
        return spool_stdin()
    try:
        st = os.stat(path)
    except OSError:
        return path
    if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
        if stat.S_ISCHR(st.st_mode):
            raise UsageError(f"{path}: a device, not a roster file")
        return _spool_fifo(Path(path))
    return path


FIFO_WAIT = 10.0  # seconds a named pipe may take to get a writer and its first bytes


def _spool_fifo(path: Path, wait: float = FIFO_WAIT) -> Path:
    """Read a named pipe once into a private file; refuse one that gets no data within
    ``wait`` seconds (opening it would otherwise block until a writer comes, maybe never)."""
    from .errors import UsageError

    try:
        fd = _open_fifo(path, wait)
    except NoWriter as e:
        raise UsageError(f"{path}: {e.strerror}; give a roster file") from None
    except OSError as e:
        raise UsageError(f"{path}: cannot read ({e.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        return spool_stdin(fh, name=path.stem or "pipe", label=str(path))


def _open_fifo(path: str | Path, wait: float) -> int:
    """A blocking descriptor of the named pipe ``path`` once it has data (or its writer closed
    it); :class:`NoWriter` after ``wait`` seconds without."""
    import select

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if not poller.poll(int(wait * 1000)):
            raise NoWriter(wait)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


# ---------------------------------------------------------------------------------------------
# Streams
# ---------------------------------------------------------------------------------------------


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _occupy(fd: int, flags: int) -> None:
    """Put /dev/null on a closed standard descriptor, so that no file this command opens lands
    there (a report written to "stdout" would go into it)."""
    new = os.open(os.devnull, flags)
    if new != fd:
        os.dup2(new, fd)
        os.close(new)


class _Stdout(io.FileIO):
    """Descriptor 1, whose write errors are :class:`StdoutError` (so they are told apart)."""

    closed_by_user = False

    def write(self, b: Any) -> int:
        try:
            return super().write(b)
        except OSError as e:
            if self.closed_by_user:
                raise StdoutError(errno.EBADF, "standard output is closed") from None
            raise StdoutError(e.errno, e.strerror) from None


class _Stderr(io.FileIO):
    """Descriptor 2, whose write errors are ignored: there is nowhere left to say them."""

    def write(self, b: Any) -> int:
        try:
            n = super().write(b)
        except OSError:
            return len(memoryview(b))
        return len(memoryview(b)) if n is None else n


def _unencodable(exc: UnicodeError) -> tuple[str, int]:
    if isinstance(exc, UnicodeEncodeError):
        raise Unencodable(exc.encoding, exc.object[exc.start : exc.end])
    raise exc


def _unencodable_escaping(exc: UnicodeError) -> tuple[str | bytes, int]:
    """As ``surrogateescape`` (the C/POSIX locale's stdout: a file name's undecodable bytes go
    out as they came in), and :class:`Unencodable` for any other character."""
    try:
        return codecs.lookup_error("surrogateescape")(exc)
    except UnicodeError:
        return _unencodable(exc)


def _text_stream(raw: io.FileIO, old: Any, errors: str, line_buffering: bool) -> io.TextIOWrapper:
    encoding = getattr(old, "encoding", None) or "utf-8"
    return io.TextIOWrapper(
        io.BufferedWriter(raw), encoding=encoding, errors=errors, line_buffering=line_buffering
    )


class _Guard:
    """The state :func:`run_cli` installs and puts back."""

    def __init__(self) -> None:
        self.streams = (sys.stdout, sys.stderr)
        self.handlers: dict[int, Any] = {}
        self.stopping = False
        self.unraisable_hook = sys.unraisablehook
        self.alarm_installed = False  # SIGALRM is ours: a signal had to be delivered again
        self.alarm_handler: Any = None  # ... and this was its handler before
        self.pending = 0
        self.in_hook = False

    def install(self) -> None:
        # the handlers first: from here on a signal ends the command quietly; a signal the
        # caller ignores stays ignored (``nohup sscgap ...``, a background job of a script)
        sys.unraisablehook = self._unraisable
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            signum = getattr(signal, name, None)
            if signum is None or signal.getsignal(signum) == signal.SIG_IGN:
                continue
            on_signal = self._interrupt if name == "SIGINT" else self._terminate
            self.handlers[signum] = signal.signal(signum, on_signal)
        closed = {fd: not _is_open(fd) for fd in (0, 1, 2)}
        if closed[0]:
            _occupy(0, os.O_RDONLY)  # sys.stdin stays None: "-" says standard input is closed
        if closed[1]:
            _occupy(1, os.O_RDONLY)  # writing fails (EBADF): said once, exit 1
        if closed[2]:
            _occupy(2, os.O_WRONLY)
        old_out, old_err = self.streams
        for old in (old_out, old_err):
            with contextlib.suppress(Exception):
                old.flush()
        for name, handler in (
            (_ENCODING_HANDLER, _unencodable),
            (_ENCODING_HANDLER_ESCAPING, _unencodable_escaping),
        ):
            try:
                codecs.lookup_error(name)
            except LookupError:
                codecs.register_error(name, handler)
        out_raw = _Stdout(1, "w", closefd=False)
        out_raw.closed_by_user = closed[1]
        errors = getattr(old_out, "errors", None) or "strict"
        tty = not closed[1] and os.isatty(1)
        # the errors that would raise UnicodeEncodeError mid-report become one message instead
        # ("surrogateescape" too: the C locale's default, it only passes file names' bytes)
        errors = {"strict": _ENCODING_HANDLER, "surrogateescape": _ENCODING_HANDLER_ESCAPING}.get(errors, errors)
        sys.stdout = _text_stream(out_raw, old_out, errors, tty)
        sys.stderr = _text_stream(_Stderr(2, "w", closefd=False), old_err, "backslashreplace", True)

    def _terminate(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            return  # already on the way out: let the clean-up finish
        if _DEFER_DEPTH:
            _DEFERRED.append(signum)
            return
        self.stopping = True
        raise Terminated(signum)

    def _interrupt(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            return
        if _DEFER_DEPTH:
            _DEFERRED.append(signum)
            return
        self.stopping = True
        raise KeyboardInterrupt

    def _unraisable(self, unraisable: Any) -> None:
        """A signal's exception raised where Python cannot pass it on (a weak reference's
        callback, ``__del__``: importlib's module locks have such callbacks) would be printed as
        "Exception ignored ..." with a traceback, and the command would go on as if no signal had
        come. Deliver the signal again instead, a millisecond later, outside this context: any
        signal handled here would be checked for at once, inside this hook."""
        exc = unraisable.exc_value
        signum = signal.SIGINT if isinstance(exc, KeyboardInterrupt) else getattr(exc, "signum", None)
        if signum is None or not isinstance(exc, (KeyboardInterrupt, Terminated)) or not _HAS_ALARM:
            self.unraisable_hook(unraisable)
            return
        self.in_hook = True  # the alarm may come before this hook is left (a busy machine)
        self.stopping = False
        self.pending = signum
        if not self.alarm_installed:
            self.alarm_handler = signal.signal(signal.SIGALRM, self._redeliver)
            self.alarm_installed = True
        signal.setitimer(signal.ITIMER_REAL, 0.001)
        self.in_hook = False  # nothing after this checks for signals before the hook returns

    def _redeliver(self, _signum: int, frame: FrameType | None) -> None:
        if self.in_hook:  # still inside the hook: raising here would be "ignored" again
            signal.setitimer(signal.ITIMER_REAL, 0.001)
            return
        signum, self.pending = self.pending, 0
        if signum == signal.SIGINT:
            self._interrupt(signum, frame)
        elif signum:
            self._terminate(signum, frame)

    def restore(self) -> None:
        sys.unraisablehook = self.unraisable_hook
        if self.alarm_installed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            with contextlib.suppress(ValueError, TypeError):  # None: a handler set outside Python
                signal.signal(signal.SIGALRM, self.alarm_handler)
        for signum, handler in self.handlers.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(signum, handler)
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        # back to the interpreter's own streams (a closed one stays guarded: None would break
        # every later print)
        old_out, old_err = self.streams
        if old_out is not None:
            sys.stdout = old_out
        if old_err is not None:
            sys.stderr = old_err


def _say(message: str) -> None:
    with contextlib.suppress(Exception):
        sys.stderr.write(message.rstrip("\n") + "\n")
        sys.stderr.flush()


def _silence_stdout() -> None:
    """After stdout failed: drop what is still buffered, so no later flush fails again."""
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _code(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    _say(str(value))
    return 1


def run_cli(main: Callable[[], Any]) -> int:
    """Run ``main`` (the whole command) under the guards described in the module docstring and
    return the exit code; it never raises for a signal, a broken stream or an encoding."""
    guard = _Guard()
    code = 0
    try:
        try:
            guard.install()
            main()
        except SystemExit as e:
            code = _code(e.code)
        sys.stdout.flush()
    except Terminated as e:
        guard.stopping = True
        code = 128 + e.signum
    except KeyboardInterrupt:
        guard.stopping = True
        _say("interrupted")
        code = 130
    except StdoutError as e:
        _silence_stdout()
        if e.errno != errno.EPIPE:  # a reader that went away (| head) is not an error to tell
            _say(f"error: cannot write to standard output: {e.strerror}")
        code = code or EXIT_WRITE_FAILED
    except Unencodable as e:
        _silence_stdout()
        _say(
            f"error: standard output's encoding ({e.encoding}) cannot show {e.text[:10]!r}; "
            "set PYTHONIOENCODING=utf-8 (or PYTHONUTF8=1), or write the report to a file with -o"
        )
        code = EXIT_USAGE
    finally:
        guard.stopping = True
        remove_temporary()
        guard.restore()
    return code
