"""Drive a real headless Chromium from tests and benchmarks, with no extra Python package.

Chromium speaks the DevTools protocol over a pipe (``--remote-debugging-pipe``: it reads
commands on file descriptor 3 and writes replies and events on 4, each message JSON
ended by a NUL byte), so neither a websocket library nor a browser download is needed.

    with Browser() as browser:
        page = browser.open(Path("graph.html"))
        page.wait_for("window.__kgReady")
        page.evaluate("document.title")
        page.requests, page.errors, page.dialogs   # what the page fetched, logged, popped up

Notes:
    Chrome DevTools Protocol, https://chromedevtools.github.io/devtools-protocol/
    (domains Target, Page, Runtime, Log, Network, Input, Emulation).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

__all__ = ["Browser", "BrowserError", "Page", "find_chromium"]

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class BrowserError(RuntimeError):
    """Chromium did not start, did not answer, or a command failed."""


def find_chromium() -> str | None:
    """The Chromium binary: ``$KG_CHROMIUM`` or the first of `CANDIDATES` on PATH."""
    configured = os.environ.get("KG_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless Chromium process, driven over the DevTools pipe."""

    def __init__(self, binary: str | None = None, *, timeout: float = 30.0) -> None:
        self.binary = binary or find_chromium()
        if not self.binary:
            raise BrowserError("no Chromium binary (install Debian's `chromium` or set KG_CHROMIUM)")
        self.timeout = timeout
        self._profile = tempfile.mkdtemp(prefix="kg-chromium-")
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self._pages: dict[str, Page] = {}
        self._closed = False

        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        # Out of the way of 3 and 4 before the child moves them there.
        high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
        os.close(to_child_r)
        os.close(from_child_w)

        def to_3_and_4() -> None:
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        args = [
            self.binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--metrics-recording-only",
            "--mute-audio",
            "--hide-scrollbars",
            f"--user-data-dir={self._profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        self._proc = subprocess.Popen(  # noqa: S603  (a fixed argument list)
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=to_3_and_4,  # noqa: PLW1509
            pass_fds=(3, 4),
            start_new_session=True,
        )
        os.close(high_r)
        os.close(high_w)
        self._write = os.fdopen(to_child_w, "wb", buffering=0)
        self._read = os.fdopen(from_child_r, "rb", buffering=0)
        self._reader = threading.Thread(target=self._read_loop, name="chromium-devtools", daemon=True)
        self._reader.start()
        try:
            self.version = self.send("Browser.getVersion")
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ protocol

    def _read_loop(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = self._read.read(1 << 16)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                with self._changed:
                    self._closed = True
                    self._changed.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                with self._changed:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self._events.append(message)
                        page = self._pages.get(message.get("sessionId", ""))
                        if page is not None:
                            page._on_event(message)
                    self._changed.notify_all()

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None,
             timeout: float | None = None) -> dict[str, Any]:
        """Send one command and wait for its reply's ``result``."""
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self._write.write(json.dumps(message).encode() + b"\0")
        except OSError as exc:
            raise BrowserError(f"Chromium is gone ({method}): {exc}") from exc
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._changed:
            while message_id not in self._replies:
                left = deadline - time.monotonic()
                if self._closed:
                    raise BrowserError(f"Chromium closed the pipe while waiting for {method}")
                if left <= 0:
                    raise BrowserError(f"no reply to {method} in {timeout or self.timeout} s")
                self._changed.wait(left)
            reply = self._replies.pop(message_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')} {reply['error'].get('data', '')}")
        return reply.get("result", {})

    def wait_until(self, predicate: Any, *, timeout: float | None = None, what: str = "condition") -> None:
        """Block until ``predicate()`` holds (checked whenever a message arrives)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._changed:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"timed out after {timeout or self.timeout} s waiting for {what}")
                if self._closed:
                    raise BrowserError(f"Chromium closed the pipe while waiting for {what}")
                self._changed.wait(min(left, 0.25))

    # ------------------------------------------------------------------ pages

    def open(self, url: str | Path, *, width: int = 1200, height: int = 800, wait_load: bool = True) -> Page:
        """A new tab showing ``url`` (a path becomes a ``file://`` URL), its events recorded from the start."""
        if isinstance(url, Path):
            url = url.resolve().as_uri()
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        with self._changed:
            self._pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        page.navigate(url, wait_load=wait_load)
        return page

    def close(self) -> None:
        """Stop Chromium (only the process this object started) and remove its profile."""
        if self._proc.poll() is None:
            try:
                self.send("Browser.close", timeout=5)
            except BrowserError:
                pass
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=5)
        for stream in (self._write, self._read):
            try:
                stream.close()
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab: evaluate script, take screenshots, and see what it requested, logged and popped up.

    Attributes:
        requests: Every URL the page asked for (``Network.requestWillBeSent``).
        errors: Uncaught exceptions, ``console.error`` calls and error log entries, as text.
        dialogs: Messages of ``alert``/``confirm``/``prompt`` dialogs (each dismissed at once).
        loaded: True once the load event fired.
    """

    def __init__(self, browser: Browser, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.contexts: list[dict[str, Any]] = []
        self.loaded = False

    def _on_event(self, message: dict[str, Any]) -> None:
        method, params = message["method"], message.get("params", {})
        if method == "Runtime.executionContextCreated":
            self.contexts.append(params["context"])
        elif method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text", "")
            self.errors.append(f"exception: {text}")
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.console.append(f"{params['type']}: {text}")
            if params["type"] in ("error", "assert"):
                self.errors.append(f"console.{params['type']}: {text}")
        elif method == "Log.entryAdded":
            entry = params["entry"]
            if entry.get("level") == "error":
                self.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            # Answer from another thread: this one is the reader the reply must come back on.
            threading.Thread(
                target=self._dismiss_dialog, name="chromium-dialog", daemon=True
            ).start()
        elif method == "Page.loadEventFired":
            self.loaded = True

    def _dismiss_dialog(self) -> None:
        try:
            self.send("Page.handleJavaScriptDialog", {"accept": False})
        except BrowserError:
            pass

    def send(self, method: str, params: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session, **kwargs)

    def navigate(self, url: str, *, wait_load: bool = True, timeout: float | None = None) -> None:
        self.loaded = False
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"cannot open {url}: {result['errorText']}")
        if wait_load:
            self.browser.wait_until(lambda: self.loaded, timeout=timeout, what=f"load of {url}")

    def evaluate(self, expression: str, *, timeout: float | None = None, context: int | None = None) -> Any:
        """The value of a JavaScript expression (promises awaited), or BrowserError if it threw.

        ``context`` (from `frame_context`) evaluates it inside an inner frame instead.
        """
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        if context is not None:
            params["contextId"] = context
        result = self.send("Runtime.evaluate", params, timeout=timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float | None = None, interval: float = 0.02) -> Any:
        """Poll ``expression`` until it is truthy; return its value."""
        deadline = time.monotonic() + (timeout or self.browser.timeout)
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression!r}; errors: {self.errors}")
            time.sleep(interval)

    def mouse_move(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def click(self, x: float, y: float) -> None:
        """A left click (press and release) at page position (x, y)."""
        self.mouse_move(x, y)
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def drag(self, start: tuple[float, float], end: tuple[float, float], *, steps: int = 5) -> None:
        """Press the left button at ``start``, move to ``end`` in steps, release."""
        self.mouse_move(*start)
        self.send("Input.dispatchMouseEvent", {"type": "mousePressed", "x": start[0], "y": start[1], "button": "left",
                                               "buttons": 1, "clickCount": 1})
        for i in range(1, steps + 1):
            x = start[0] + (end[0] - start[0]) * i / steps
            y = start[1] + (end[1] - start[1]) * i / steps
            self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y, "button": "left", "buttons": 1})
        self.send("Input.dispatchMouseEvent", {"type": "mouseReleased", "x": end[0], "y": end[1], "button": "left",
                                               "buttons": 0, "clickCount": 1})

    def tap(self, x: float, y: float) -> None:
        """A finger tap at page position (x, y), as a touch screen sends it."""
        self.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1})
        self.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        self.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    def key(self, key: str, *, code: str | None = None, key_code: int = 0) -> None:
        """Press and release one key (``"Escape"``, ``"Enter"``, ``"Tab"``) in the focused element."""
        params = {"key": key, "code": code or key, "windowsVirtualKeyCode": key_code}
        text = {"Enter": "\r"}.get(key)
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **params, **({"text": text} if text else {})})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **params})

    def screenshot(self, path: Path | None = None) -> bytes:
        """A PNG of the viewport; also written to ``path`` if given."""
        png = base64.b64decode(self.send("Page.captureScreenshot", {"format": "png"})["data"])
        if path is not None:
            Path(path).write_bytes(png)
        return png

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
