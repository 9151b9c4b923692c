"""A real browser on `nn101-tui serve`: helpers shared by the test and the benchmark.

Debian's chromium (apt-get install chromium) driven by Playwright through
`executable_path` (Playwright's own browser download does not work on these machines),
with --no-sandbox when run as root. xterm.js draws on a canvas, so the screen is read from
its buffer: the page's textual.js is routed through a copy that keeps the terminal object
in `window.__xterm`. The page's web-font link is blocked (no network needed).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HOOK = "this.terminal.open(e),"
"""Where textual-serve 1.1's textual.js opens its xterm.js terminal."""
CHROMIUM_NAMES = ("chromium", "chromium-browser")
INSTALL_CHROMIUM = "apt-get install chromium fonts-symbola, as .ci/run does"
READY = "serving on"


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(f"no chromium: {INSTALL_CHROMIUM}")


def textual_js() -> str:
    """textual-serve's textual.js with the terminal kept in window.__xterm."""
    import textual_serve

    source = (Path(textual_serve.__file__).parent / "static/js/textual.js").read_text()
    if source.count(HOOK) != 1:
        raise RuntimeError("textual.js changed: the test's hook no longer fits")
    return source.replace(HOOK, HOOK + "window.__xterm=this.terminal,")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(*app_args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`nn101-tui serve` on a free loopback port; (process, url) once it listens."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    src = str(Path(__file__).parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.Popen([sys.executable, "-m", "nn101.cli", "serve", "--port", str(port),
                             "--", *app_args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if READY not in first:
            raise RuntimeError(f"the server did not start: {first}")
        yield proc, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (the tabs' apps of a server)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(entry))
    return found


def rss_kib(pid: int) -> int:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1])
    return 0


def launch(playwright: Any) -> Any:
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    return playwright.chromium.launch(executable_path=chromium(), args=args, headless=True)


def open_page(browser: Any, url: str, width: int = 1280, height: int = 800) -> Any:
    """A page on the app, textual.js hooked, web fonts blocked."""
    page = browser.new_page(viewport={"width": width, "height": height})
    script = textual_js()
    page.route(re.compile(r"https?://fonts\.(googleapis|gstatic)\.com/.*"),
               lambda route: route.abort())
    page.route(re.compile(r".*/static/js/textual\.js$"),
               lambda route: route.fulfill(body=script, content_type="text/javascript"))
    page.goto(url)
    return page


SCREEN_JS = """() => {
  const t = window.__xterm; if (!t) return "";
  const b = t.buffer.active, out = [];
  for (let i = 0; i < t.rows; i++) {
    const l = b.getLine(i); out.push(l ? l.translateToString(true) : "");
  }
  return out.join("\\n");
}"""


def screen(page: Any) -> str:
    """The terminal's text, row by row, as xterm.js holds it."""
    return str(page.evaluate(SCREEN_JS))


def wait_for_text(page: Any, text: str, timeout_ms: int = 30_000) -> None:
    page.wait_for_function(f"() => ({SCREEN_JS})().includes({text!r})", timeout=timeout_ms)


def wait_until(check: Any, seconds: float) -> bool:
    """Poll `check()` until true or `seconds` pass (a bound, not a measured assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())
