"""`nn101-tui serve`: the app in web browsers, one app process per tab (textual-serve).

textual-serve (the optional `web` extra) runs a command per browser connection and pipes
the terminal between the process and xterm.js in the page. Two things are added here:

- it listens on 127.0.0.1 unless told otherwise, and says where, and how to open it up;
- a closed tab ends its process within seconds, whatever the process does. textual-serve
  asks the app to quit and then waits for it with no limit: an app that does not answer
  (a busy loop, a frozen event loop) would outlive its page for ever. Here the wait is
  bounded (QUIT_WAIT); then the app's stdin is closed, which tui/terminal.py notices
  (POLLHUP) and turns into an exit; then, after KILL_WAIT, the process is killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import sys
from typing import Any

from nn101.engine.errors import InputError

QUIT_WAIT = 2.0
"""Seconds a tab's app has to quit after its page went away."""
KILL_WAIT = 2.0
"""Seconds more, once its stdin is closed, before it is killed."""
SERVABLE = (None, "tour", "lesson")
"""What a tab may open: the app, the tour or a lesson (not a headless command)."""


def app_command(app_args: list[str]) -> str:
    """The shell command each tab runs: this Python, this package, the given arguments
    (checked here first, so a typo is refused before the server starts)."""
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
    # exec: the shell becomes the app, so the process textual-serve holds is the app's.
    return "exec " + shlex.join([sys.executable, "-m", "nn101.cli", *args])


def serve(host: str, port: int, app_args: list[str]) -> int:
    """Serve until ctrl+c; 0 when stopped, InputError for a bad start (exit 2)."""
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InputError("serving to browsers needs the web extra: pip install "
                         "'nn101-tui[web]'") from None
    if not 0 < port < 65536:
        raise InputError(f"--port must be between 1 and 65535, got {port}")
    command = app_command(app_args)
    server = make_server(Server, command, host, port)
    try:
        server.serve()
    except OSError as err:
        raise InputError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    return 0


def where(host: str, port: int) -> str:
    """The line the server prints when it starts: where, and who can reach it."""
    url = f"http://{host}:{port}"
    if host in ("127.0.0.1", "localhost", "::1"):
        return (f"nn101-tui: serving on {url} — this machine only (--host 0.0.0.0 serves "
                "the network); ctrl+c stops")
    return (f"nn101-tui: serving on {url} — open to the network: anyone who can reach "
            "this machine can open the app; ctrl+c stops")


def make_server(server_class: Any, command: str, host: str, port: int) -> Any:
    """A textual-serve Server whose tabs' processes end when their page goes."""
    from aiohttp import web
    from textual_serve.app_service import AppService

    class BoundedAppService(AppService):
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

    class NnServer(server_class):  # type: ignore[misc]
        async def on_startup(self, app: web.Application) -> None:
            print(where(host, port), flush=True)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            # textual-serve 1.1's own, with the bounded AppService above.
            from textual_serve.server import log, to_int

            websocket = web.WebSocketResponse(heartbeat=15)
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            service: BoundedAppService | None = None
            try:
                await websocket.prepare(request)
                service = BoundedAppService(
                    self.command, write_bytes=websocket.send_bytes,
                    write_str=websocket.send_str,
                    close=websocket.close,  # type: ignore[arg-type]
                    download_manager=self.download_manager, debug=self.debug)
                await service.start(width, height)
                try:
                    await self._process_messages(websocket, service)
                finally:
                    await service.stop()
            except asyncio.CancelledError:
                await websocket.close()
            except Exception as error:
                log.exception(error)
            finally:
                if service is not None:
                    await service.stop()
            return websocket

    return NnServer(command, host=host, port=port, title="nn101-tui")
