"""One headless Chromium for many pages: the browser tests' driver.

Starting Chromium costs about a second, more on a busy machine; the HTML report's tests load some
twenty pages. This starts it once and talks to it over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: file descriptors 3 and 4, no port, no extra package), and does
what the command-line switches did, with the same results (checked when this was written: the
same PNG pixels, the same PDF bytes):

* :meth:`Page.dom`: ``--dump-dom`` (the DOM once the page has loaded, in the 780 x 437 px window
  ``--headless`` gives a page without ``--window-size``);
* :meth:`Page.screenshot`: ``--screenshot --window-size=W,H`` (a W x H px PNG);
* :meth:`Page.pdf`: ``--print-to-pdf --no-pdf-header-footer`` (backgrounds printed, the page's
  CSS ``@page`` size, no header or footer).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
DOM_WINDOW = (780, 437)  # the window of `chromium --headless --dump-dom` (no --window-size)


class ChromiumError(RuntimeError):
    pass


class Chromium:
    """A headless Chromium started once; :meth:`page` loads a page in a new tab."""

    def __init__(self, executable: str, timeout: float = 120) -> None:
        self.executable, self.timeout = executable, timeout
        self._profile = tempfile.TemporaryDirectory(prefix="sscgap-chromium-", ignore_cleanup_errors=True)
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        commands_in, self._commands = _pipe_above(4)  # Chromium reads commands on 3
        self._replies, replies_out = _pipe_above(4)  # ... and writes replies and events on 4
        argv = [self.executable, *FLAGS, f"--user-data-dir={self._profile.name}",
                "--remote-debugging-pipe", "about:blank"]  # fmt: skip
        try:  # posix_spawn: no code runs in the child (the xdist worker has threads)
            self._pid = os.posix_spawnp(
                self.executable,
                argv,
                dict(os.environ),
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_DUP2, self._log.fileno(), 1),
                    (os.POSIX_SPAWN_DUP2, self._log.fileno(), 2),
                    (os.POSIX_SPAWN_DUP2, commands_in, 3),  # a dup2 target is inherited ...
                    (os.POSIX_SPAWN_DUP2, replies_out, 4),  # ... our own descriptors are not
                ],
            )
        finally:
            os.close(commands_in)
            os.close(replies_out)
        self._status: int | None = None
        self._buffer = b""
        self._id = 0
        self._events: list[dict[str, Any]] = []
        self.version = self.send("Browser.getVersion")["product"]

    # -- the protocol ---------------------------------------------------------------------------

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._commands, data) :]
        except OSError as e:
            raise ChromiumError(f"{method}: Chromium is gone ({e})\n{self.log()}") from None
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._next(deadline, method)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise ChromiumError(f"{method}: {reply['error']}")
                return dict(reply["result"])
            self._events.append(reply)

    def wait_for(self, event: str, session: str) -> dict[str, Any]:
        for i, m in enumerate(self._events):
            if m.get("method") == event and m.get("sessionId") == session:
                return self._events.pop(i)
        deadline = time.monotonic() + self.timeout
        while True:
            m = self._next(deadline, event)
            if m.get("method") == event and m.get("sessionId") == session:
                return m
            self._events.append(m)

    def _next(self, deadline: float, what: str) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise ChromiumError(f"{what}: no answer from Chromium within {self.timeout:g} s\n{self.log()}")
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise ChromiumError(f"{what}: Chromium ended (status {self._wait(0)})\n{self.log()}")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(message))

    def log(self) -> str:
        """The end of what Chromium wrote on stdout and stderr."""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-2000:]

    # -- pages ----------------------------------------------------------------------------------

    @contextlib.contextmanager
    def page(self, url: str, window: tuple[int, int] = DOM_WINDOW) -> Iterator[Page]:
        """``url`` loaded (its load event fired) in a new tab whose window is ``window`` px."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        try:
            session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            self.send("Page.enable", session=session)
            width, height = window
            self.send("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                      session=session)  # fmt: skip
            self.send("Page.navigate", {"url": url}, session=session)
            self.wait_for("Page.loadEventFired", session)
            yield Page(self, session)
        finally:
            with contextlib.suppress(ChromiumError):
                self.send("Target.closeTarget", {"targetId": target})

    def dom(self, page: Path) -> str:
        """As ``chromium --headless --dump-dom``."""
        with self.page(page.as_uri()) as p:
            return p.dom()

    def screenshot(self, page: Path, png: Path, window: tuple[int, int]) -> Path:
        """As ``chromium --headless --screenshot=PNG --window-size=W,H``."""
        with self.page(page.as_uri(), window) as p:
            return p.screenshot(png)

    def pdf(self, page: Path, pdf: Path) -> Path:
        """As ``chromium --headless --print-to-pdf=PDF --no-pdf-header-footer``."""
        with self.page(page.as_uri()) as p:
            return p.pdf(pdf)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._commands)  # Chromium ends when its command pipe closes
        if self._wait(10) is None:
            os.kill(self._pid, signal.SIGKILL)
            self._wait(None)
        with contextlib.suppress(OSError):
            os.close(self._replies)
        self._log.close()
        self._profile.cleanup()


    def _wait(self, seconds: float | None) -> int | None:
        """Chromium's wait status once it has ended, waiting up to ``seconds`` (None: for ever)."""
        deadline = None if seconds is None else time.monotonic() + seconds
        while self._status is None:
            pid, status = os.waitpid(self._pid, 0 if seconds is None else os.WNOHANG)
            if pid:
                self._status = status
            elif deadline is not None and time.monotonic() >= deadline:
                break
            else:
                time.sleep(0.05)
        return self._status


class Page:
    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser, self.session = browser, session

    def evaluate(self, expression: str) -> Any:
        result = self.browser.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=self.session
        )
        if "exceptionDetails" in result:
            raise ChromiumError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def dom(self) -> str:
        """The doctype (as ``--dump-dom`` writes it) and the document's HTML."""
        return str(self.evaluate(
            "(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
            " + document.documentElement.outerHTML"
        ))  # fmt: skip

    def screenshot(self, png: Path, fast: bool = False) -> Path:
        """The window as a PNG; ``fast``: the same pixels, encoded for speed (bigger, quick to
        encode and to decode: no Paeth rows), for a test that reads the pixels, not the size."""
        params = {"format": "png", "optimizeForSpeed": fast}
        data = self.browser.send("Page.captureScreenshot", params, session=self.session)["data"]
        png.write_bytes(base64.b64decode(data))
        return png

    def pdf(self, pdf: Path) -> Path:
        params = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}
        data = self.browser.send("Page.printToPDF", params, session=self.session)["data"]
        pdf.write_bytes(base64.b64decode(data))
        return pdf


def _pipe_above(lowest: int) -> tuple[int, int]:
    """A pipe whose two descriptors are above ``lowest`` (so that wiring the child's 3 and 4
    cannot overwrite one of them first), neither inherited by other children."""
    import fcntl  # POSIX, as --remote-debugging-pipe's descriptors are

    ends = []
    for fd in os.pipe():
        ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, lowest + 1))
        os.close(fd)
    return ends[0], ends[1]
