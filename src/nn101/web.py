"""`nn101-tui serve`: the app in web browsers, one app process per tab (textual-serve).

textual-serve (the optional `web` extra) runs a command per browser connection and pipes
the terminal between the process and xterm.js in the page. Its `AppService` (one tab's
process) is used as it is; the web server around it is this module's, so that a room can
be served safely (issues 25 and 26):

- it listens on 127.0.0.1 unless told otherwise, and says where only once it listens;
- the app's arguments are checked before it listens (a typo is one line, exit 2);
- beyond loopback a token is required (web_access.py); `--max-sessions` caps the apps
  open at once, with a page saying so to the one over the cap; `--idle-minutes` closes a
  tab whose keyboard has been quiet that long;
- the page uses only relative URLs (it works under a reverse proxy's path prefix) and
  its font comes from this server, never from an outside font service;
- every client frame is read with bounds (web_frames.py): a malformed one is dropped with
  one log line, a size is clamped; nothing a client sends prints a traceback;
- a closed tab ends its process within seconds, whatever the process does. textual-serve
  asks the app to quit and then waits for it with no limit: an app that does not answer
  (a busy loop, a frozen event loop) would outlive its page for ever. Here the wait is
  bounded (QUIT_WAIT); then the app's stdin is closed, which tui/terminal.py notices
  (POLLHUP) and turns into an exit; then, after KILL_WAIT, the process is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import shlex
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nn101.engine.errors import InputError
from nn101.state.text import line

if TYPE_CHECKING:
    from nn101.web_access import Access

QUIT_WAIT = 2.0
"""Seconds a tab's app has to quit after its page went away."""
KILL_WAIT = 2.0
"""Seconds more, once its stdin is closed, before it is killed."""
SERVABLE = (None, "tour", "lesson")
"""What a tab may open: the app, the tour or a lesson (not a headless command)."""
MAX_SESSIONS = 40
"""Apps open at once by default: about 50 MiB each (README, A class)."""
IDLE_MINUTES = 60.0
"""Minutes without a key after which a tab is closed, by default."""
MAX_MINUTES = 7 * 24 * 60
PAGE = Path(__file__).parent / "webpage"
A11Y_HOOK = "scrollback:0,"
"""Where textual-serve 1.1's textual.js sets its xterm.js options: the screen-reader mode
is added there when the page asks for it (textual-serve has no option for it)."""
A11Y_OPTION = 'scrollback:0,screenReaderMode:e.dataset.screenReader==="on",'

log = logging.getLogger("nn101.serve")


@dataclass(frozen=True)
class Room:
    """How a room is served: who may open an app, how many at once, for how long."""

    access: Access
    max_sessions: int = MAX_SESSIONS
    idle_minutes: float = IDLE_MINUTES
    a11y: bool = False
    title: str = "nn101-tui"


def app_command(app_args: list[str]) -> str:
    """The shell command each tab runs: this Python, this package, the given arguments
    (checked here first, as the app checks them, so a typo is refused before the server
    starts)."""
    from nn101.cli import build_parser

    args = list(app_args)
    if args[:1] == ["--"]:
        args = args[1:]
    parsed = build_parser().parse_args(args)
    if parsed.command not in SERVABLE or getattr(parsed, "check", False):
        raise InputError(f"serve opens the app, the tour or a lesson, not "
                         f"{parsed.command!r}: e.g. nn101-tui serve tour")
    if parsed.command == "lesson":
        from nn101.state import lesson

        lesson.load(parsed.file)  # a bad file is refused now, not in every tab
    if parsed.command is None:
        check_app_start(parsed.scenario, parsed.expr, parsed.load)
    # exec: the shell becomes the app, so the process textual-serve holds is the app's.
    return "exec " + shlex.join([sys.executable, "-m", "nn101.cli", *args])


def check_app_start(scenario: str | None, expr: str | None, load: Path | None) -> None:
    """What `nn101-tui` checks before it opens the app (cli.cmd_app), without opening it."""
    if scenario is not None and expr is not None:
        raise InputError("give --scenario or --expr, not both")
    if load is not None:
        if scenario is not None or expr is not None:
            raise InputError("give --load alone: the session names its own circuit")
        from nn101.state.learning import Learning, is_learning_file
        from nn101.state.session import Session

        if is_learning_file(load):
            Learning.load(load)
        else:
            Session.load(load)
    if scenario is not None:
        from nn101.engine.scenarios import get

        get(scenario)
    if expr is not None:
        from nn101.state.start import open_formula

        open_formula(expr)


def check_room(max_sessions: int, idle_minutes: float) -> None:
    if not 1 <= max_sessions <= 10_000:
        raise InputError(f"--max-sessions must be between 1 and 10000, got {max_sessions}")
    if not 0 < idle_minutes <= MAX_MINUTES:
        raise InputError(f"--idle-minutes must be above 0 and at most {MAX_MINUTES} "
                         "(a week)")


def serve(host: str, port: int, app_args: list[str], *, token: str | None = None,
          max_sessions: int = MAX_SESSIONS, idle_minutes: float = IDLE_MINUTES,
          public_url: str | None = None, unix_socket: str | None = None,
          a11y: bool = False) -> int:
    """Serve until ctrl+c or SIGTERM; 0 when stopped, InputError for a bad start (exit 2).
    With `unix_socket`, listen on that socket instead of host:port (jupyter-server-proxy)."""
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        raise InputError("serving to browsers needs the web extra: pip install "
                         "'nn101-tui[web]'") from None
    if unix_socket is None and not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535, got {port}")
    from nn101.web_access import Access

    check_room(max_sessions, idle_minutes)
    if public_url is not None and not public_url.startswith(("http://", "https://")):
        raise InputError("--public-url must start with http:// or https://")
    command = app_command(app_args)
    access = Access.decide(None if unix_socket else host, token,
                           None if unix_socket else port)
    room = Room(access, max_sessions, idle_minutes, a11y)
    script = a11y_script() if a11y else None
    _plain_logging()
    if unix_socket is not None:
        shown = public_url or f"the Unix socket {unix_socket}"
        where_line = f"nn101-tui: serving on {line(shown)}; ctrl+c stops"
    else:
        where_line = where(host, port, access.token, public_url)
    return asyncio.run(_serve(command, room, script, host, port, unix_socket, where_line))


async def _serve(command: str, room: Room, script: str | None, host: str, port: int,
                 unix_socket: str | None, where_line: str) -> int:
    from aiohttp import web

    app = make_app(command, room, script)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    site: web.BaseSite
    if unix_socket is not None:
        site = web.UnixSite(runner, unix_socket)
    else:
        site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as err:
        await runner.cleanup()
        place = unix_socket or f"{host}:{port}"
        why = os.strerror(err.errno) if err.errno else str(err)
        raise InputError(f"cannot listen on {line(place)}: {line(why)}") from None
    print(where_line, flush=True)  # only now: it listens
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
    return 0


def where(host: str, port: int, token: str | None = None,
          public_url: str | None = None) -> str:
    """The line the server prints once it listens: where, and who can reach it."""
    from nn101.web_access import is_loopback

    url = line(public_url.rstrip("/")) if public_url else f"http://{host}:{port}"
    url += "/" + (f"?token={token}" if token else "")
    if is_loopback(host):
        locked = " (with its token)" if token else ""
        return (f"nn101-tui: serving on {url} — this machine only{locked} (--host 0.0.0.0 "
                "serves the network); ctrl+c stops")
    return (f"nn101-tui: serving on {url} — open to the network, for those given this "
            "address with its token; ctrl+c stops")


def a11y_script() -> str:
    """textual-serve's textual.js with xterm.js's screen-reader mode turned on by the
    page's `data-screen-reader` (a refused start if that textual.js no longer fits)."""
    import textual_serve

    source = (Path(textual_serve.__file__).parent / "static/js/textual.js").read_text()
    if source.count(A11Y_HOOK) != 1:
        raise InputError("--a11y does not fit this textual-serve's textual.js (made for "
                         "textual-serve 1.1)")
    return source.replace(A11Y_HOOK, A11Y_OPTION)


class _OneLine(logging.Formatter):
    """A log record as one plain line: an exception as its type and message, never a
    traceback (what a client sends must not flood the console)."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            err = record.exc_info[1]
            text += f": {type(err).__name__}: {err}"
        return "nn101-tui serve: " + line(text)


def _plain_logging() -> None:
    """One plain line per event on stdout: no rich tracebacks with locals (textual-serve
    logs to 'textual-serve'; its 'Application failed to start' stays one line; aiohttp's
    own 'Error handling request' for a malformed request too)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_OneLine())
    for name in ("nn101.serve", "textual-serve", "aiohttp"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False


def make_app(command: str, room: Room, script: str | None = None) -> Any:
    """The aiohttp application: the page, its static files and the terminal's websocket."""
    import aiohttp_jinja2
    import jinja2
    import textual_serve
    from aiohttp import web

    rooms = _Sessions(command, room)
    app = web.Application()
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE), autoescape=True)
    app.router.add_get("/", rooms.handle_index)
    app.router.add_get("/ws", rooms.handle_websocket)
    if script is not None:
        async def textual_js(request: web.Request) -> web.Response:
            return web.Response(text=script, content_type="text/javascript")

        app.router.add_get("/a11y/textual.js", textual_js)
    app.router.add_static("/static", Path(textual_serve.__file__).parent / "static")
    app.on_shutdown.append(rooms.on_shutdown)
    return app


class _Sessions:
    """The open tabs of one server, and the handlers that open and close them."""

    def __init__(self, command: str, room: Room) -> None:
        from textual_serve.download_manager import DownloadManager

        self.command = command
        self.room = room
        self.open = 0
        self.sockets: set[Any] = set()
        self.downloads = DownloadManager()

    async def on_shutdown(self, app: Any) -> None:
        for websocket in list(self.sockets):
            with contextlib.suppress(Exception):
                await websocket.close()

    def allowed(self, request: Any) -> bool:
        return self.room.access.allows(request.query.get("token"),
                                       request.cookies.get(self.room.access.cookie))

    def message(self, request: Any, status: int, text: str, ask_token: bool = False) -> Any:
        import aiohttp_jinja2

        return aiohttp_jinja2.render_template(
            "message.html", request, {"title": self.room.title, "message": text,
                                      "ask_token": ask_token}, status=status)

    async def handle_index(self, request: Any) -> Any:
        import aiohttp_jinja2

        if not self.allowed(request):
            given = "token" in request.query
            return self.message(request, 403, (
                "That token is not this room's: ask your teacher for the address or token."
                if given else "This room needs a token: open the address your teacher "
                "gave, or type the token here."), ask_token=True)
        if self.open >= self.room.max_sessions:
            return self.full(request)
        minutes = f"{self.room.idle_minutes:g}"
        response = aiohttp_jinja2.render_template("app_index.html", request, {
            "title": self.room.title,
            "font_size": query_size_font(request.query.get("fontsize")),
            "script": "a11y/textual.js" if self.room.a11y else "static/js/textual.js",
            "a11y": self.room.a11y,
            "ended": f"Session ended (a tab left without a key for {minutes} minutes is "
                     "closed to make room).",
        })
        if self.room.access.token is not None:
            response.set_cookie(self.room.access.cookie, self.room.access.digest(),
                                path="", httponly=True, samesite="Strict")  # the page's path
        response.headers["Cache-Control"] = "no-store"
        return response

    def full(self, request: Any) -> Any:
        cap = self.room.max_sessions
        return self.message(request, 503, (
            f"This room is full: {cap} of {cap} apps are open (--max-sessions {cap}). Close a "
            "tab you no longer use, or try again in a minute."))

    async def handle_websocket(self, request: Any) -> Any:
        from aiohttp import web

        if not self.allowed(request):
            log.info("refused a terminal without the room's token from %s",
                     line(str(request.remote)))
            return web.Response(status=403, text="nn101-tui: this room needs its token\n")
        if self.open >= self.room.max_sessions:
            log.info("refused a terminal: the room is full (%d apps)", self.open)
            return web.Response(status=503, text=f"nn101-tui: this room is full "
                                f"({self.room.max_sessions} apps)\n")
        from nn101.web_frames import query_size

        width, height = query_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 20)
        if not websocket.can_prepare(request).ok:
            return web.Response(status=400, text="nn101-tui: /ws is the terminal's websocket\n")
        self.open += 1
        service: Any = None
        idle: asyncio.Task[None] | None = None
        try:
            await websocket.prepare(request)
            self.sockets.add(websocket)
            service = bounded_service(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                close=websocket.close, download_manager=self.downloads)
            await service.start(width, height)
            tab = _Tab(websocket, service, str(request.remote))
            idle = asyncio.create_task(tab.close_when_idle(self.room.idle_minutes * 60))
            await tab.read()
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
        except Exception as err:  # one line, never a traceback with locals
            log.warning("a tab ended on an error: %s", line(f"{type(err).__name__}: {err}"))
        finally:
            if idle is not None:
                idle.cancel()
            if service is not None:
                await service.stop()
            self.sockets.discard(websocket)
            self.open -= 1
        return websocket


def query_size_font(value: str | None) -> int:
    """The page's font size (`?fontsize=`): 6 to 64, 16 by default."""
    try:
        return max(6, min(64, int(value or "16")))
    except ValueError:
        return 16


class _Tab:
    """One tab's websocket: its frames read with bounds, its last key remembered."""

    def __init__(self, websocket: Any, service: Any, peer: str) -> None:
        self.websocket = websocket
        self.service = service
        self.peer = line(peer)
        self.last_key = time.monotonic()
        self.dropped = 0

    async def read(self) -> None:
        from aiohttp import WSMsgType

        from nn101.web_frames import BadFrame, read_frame

        async for message in self.websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                frame = read_frame(message.data)
            except BadFrame as err:
                self.drop(str(err))
                continue
            if frame.kind == "stdin":
                self.last_key = time.monotonic()
                await self.service.send_bytes(frame.keys.encode("utf-8", "replace"))
            elif frame.kind == "resize":
                await self.service.set_terminal_size(*frame.size)
            elif frame.kind == "ping":
                await self.websocket.send_json(["pong", frame.ping])
            elif frame.kind == "blur":
                await self.service.blur()
            elif frame.kind == "focus":
                await self.service.focus()
        if self.dropped > 1:
            log.info("%d malformed frames in all from %s", self.dropped, self.peer)

    def drop(self, why: str) -> None:
        """Count a malformed frame; log the first of a tab's (a flood is one line)."""
        self.dropped += 1
        if self.dropped == 1:
            log.info("ignored a malformed frame from %s: %s", self.peer, line(why))

    async def close_when_idle(self, seconds: float) -> None:
        while True:
            left = self.last_key + seconds - time.monotonic()
            if left <= 0:
                break
            await asyncio.sleep(left)
        log.info("closed a tab left without a key for %g minutes (%s)", seconds / 60,
                 self.peer)
        await self.websocket.close()


@functools.cache
def _bounded_service_class() -> Any:
    from textual_serve.app_service import AppService

    class Bounded(AppService):
        """textual-serve's AppService whose stop ends the process within seconds."""

        _ended = False

        async def stop(self) -> None:
            if self._ended:
                return
            self._ended = True
            process = self._process
            with contextlib.suppress(TimeoutError, asyncio.CancelledError, ConnectionError):
                await asyncio.wait_for(super().stop(), QUIT_WAIT)
            if process is None or process.returncode is not None:
                return
            with contextlib.suppress(Exception):
                if process.stdin is not None:
                    process.stdin.close()  # the app sees its terminal hang up
            try:
                await asyncio.wait_for(process.wait(), KILL_WAIT)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()

    return Bounded


def bounded_service(command: str, **kwargs: Any) -> Any:
    """A bounded AppService (textual-serve imported only when serving)."""
    return _bounded_service_class()(command, **kwargs)
