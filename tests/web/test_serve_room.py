"""`serve` for one room (issues 25 and 26), over HTTP and websockets as a browser talks to
it, against a real `nn101-tui serve` on a loopback port: the token, the cap on sessions,
idle tabs closed, the app's arguments checked before it listens, and clients' frames and
sizes read with bounds. Every refusal is one line or one page, never a traceback.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from nn101 import web
from nn101.web_access import Access
from tests.cli.helpers import cli
from tests.web.browser import children, server, wait_until

TOKEN = "board-word-42"


async def read_until(ws: Any, text: bytes, seconds: float = 30) -> bytes:
    """The app's output until `text` shows in it (or `seconds` pass)."""
    got = b""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while text not in got and loop.time() < end:
        try:
            message = await ws.receive(timeout=1)
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            got += message.data
        elif message.type != aiohttp.WSMsgType.TEXT:
            break
    return got


def environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


@pytest.mark.parametrize("app_args, message", [
    (["--scenario", "nope"], "unknown scenario 'nope'"),
    (["--expr", "(("], "not a formula"),
    (["--load", "missing.json"], "cannot read missing.json"),
])
def test_serve_checks_the_apps_arguments_before_it_listens(
        capsys: pytest.CaptureFixture[str], app_args: list[str], message: str) -> None:
    result = cli(capsys, "serve", "--port", "8", "--", *app_args)
    assert result.code == 2 and result.err.count("\n") == 1 and message in result.err
    assert result.out == ""  # never "serving on"


def test_serve_says_it_serves_only_once_it_listens(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli(capsys, "serve", "--port", str(port))
    assert result.code == 2 and result.out == ""
    assert result.err == f"nn101-tui: error: cannot listen on 127.0.0.1:{port}: " \
                         "Address already in use\n"


@pytest.mark.parametrize("flags, message", [
    (["--max-sessions", "0"], "--max-sessions must be between 1 and 10000, got 0"),
    (["--idle-minutes", "-1"], "--idle-minutes must be above 0"),
    (["--idle-minutes", "nan"], "--idle-minutes must be above 0"),
    (["--token", "short"], "--token must be 8 to 256 characters"),
    (["--public-url", "school.example/nn101"], "--public-url must start with http://"),
])
def test_serve_refuses_bad_room_flags(capsys: pytest.CaptureFixture[str], flags: list[str],
                                      message: str) -> None:
    result = cli(capsys, "serve", *flags)
    assert result.code == 2 and result.err.count("\n") == 1 and message in result.err


def test_beyond_loopback_a_token_is_made_up_and_printed() -> None:
    open_room = Access.decide("0.0.0.0", None, 8000)
    assert open_room.token is not None and len(open_room.token) >= 20
    assert Access.decide("0.0.0.0", None, 8000).token != open_room.token  # fresh each time
    assert f"http://0.0.0.0:8000/?token={open_room.token}" in web.where(
        "0.0.0.0", 8000, open_room.token)
    assert Access.decide("127.0.0.1", None, 8000).token is None  # this machine only
    assert Access.decide(None, None, None).token is None  # a Unix socket (its folder's mode)
    # Behind a reverse proxy, the address printed is the public one.
    assert web.where("127.0.0.1", 8000, "t" * 8, "https://school.example/nn101/").startswith(
        "nn101-tui: serving on https://school.example/nn101/?token=tttttttt")


async def test_without_the_token_no_app_is_opened() -> None:
    log: list[str] = []
    with server("--scenario", "neuron", serve_args=["--token", TOKEN], log=log) as (proc, url):
        assert f"?token={TOKEN}" in log[0]
        # unsafe: a jar that keeps cookies from an IP address (127.0.0.1), as browsers do.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with session.get(url + "/") as page:
                assert page.status == 403
                text = await page.text()
                assert "This room needs a token" in text and 'name="token"' in text
            async with session.get(url + "/?token=wrong-word-00") as page:
                assert page.status == 403 and "That token is not this room" in await page.text()
            async with session.get(url + "/ws") as refused:
                assert refused.status == 403
                assert await refused.text() == "nn101-tui: this room needs its token\n"
            assert not children(proc.pid)
            async with session.get(url + f"/?token={TOKEN}") as page:
                assert page.status == 200 and 'id="terminal"' in await page.text()
            # The cookie the page left opens the terminal, without the token in its URL.
            async with session.ws_connect(url + "/ws?width=80&height=24") as ws:
                assert b"0.88080" in await read_until(ws, b"0.88080")
                assert len(children(proc.pid)) == 1
    assert not any("Traceback" in row for row in log)


async def test_the_one_over_the_cap_gets_a_page_saying_so() -> None:
    with server("--scenario", "neuron", serve_args=["--max-sessions", "1"]) as (proc, url):
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(url + "/ws") as first:
                await read_until(first, b"0.88080")
                async with session.get(url + "/") as page:
                    assert page.status == 503
                    assert "This room is full: 1 of 1 apps are open" in await page.text()
                async with session.get(url + "/ws") as refused:
                    assert refused.status == 503
                    assert await refused.text() == "nn101-tui: this room is full (1 apps)\n"
                assert len(children(proc.pid)) == 1
            # The first tab closed: its place is free again.
            assert wait_until(lambda: not children(proc.pid), 15)
            async with session.get(url + "/") as page:
                assert page.status == 200


async def test_a_tab_left_without_a_key_is_closed_and_its_app_ends() -> None:
    log: list[str] = []
    # 0.05 minutes: 3 s without a key.
    with server("--scenario", "neuron", serve_args=["--idle-minutes", "0.05"], log=log) as (
            proc, url):
        async with aiohttp.ClientSession() as session, session.ws_connect(url + "/ws") as ws:
            await read_until(ws, b"0.88080")
            assert len(children(proc.pid)) == 1
            await read_until(ws, b"never shown", seconds=20)  # returns when the tab closes
            assert ws.closed
        assert wait_until(lambda: not children(proc.pid), 15)
        assert wait_until(lambda: any("left without a key for 0.05 minutes" in row
                                      for row in log), 5)


async def test_malformed_frames_are_one_log_line_and_the_app_goes_on() -> None:
    log: list[str] = []
    with server("--scenario", "neuron", log=log) as (proc, url):
        async with aiohttp.ClientSession() as session, \
                session.ws_connect(url + "/ws?width=6000&height=6000") as ws:
            await read_until(ws, b"0.88080")
            [app] = children(proc.pid)
            # A tab may ask for any size: the app gets one it can draw.
            assert (environ(app)["COLUMNS"], environ(app)["ROWS"]) == ("400", "200")
            for frame in ("not json", '["stdin",5]', "[]", '{"a": 1}', '["nope"]',
                          '["resize",{"width":-5,"height":-5}]',
                          '["resize",{"width":"abc","height":24}]', "[" * 100_000):
                await ws.send_str(frame)
            # -5 x -5 became the smallest size (20 x 8), where the app says it needs
            # more room; back to a sane size, one step: the app is still there.
            await read_until(ws, b"q quits")
            await ws.send_str('["resize",{"width":120,"height":36}]')
            await ws.send_str('["stdin"," "]')
            assert b"iteration 1" in await read_until(ws, b"iteration 1")
            assert children(proc.pid) == [app]
        assert wait_until(lambda: any("malformed frames in all" in row for row in log), 15)
    dropped = [row for row in log if "malformed" in row]
    assert dropped[0] == "nn101-tui serve: ignored a malformed frame from 127.0.0.1: " \
                         "not JSON\n"
    # "abc" is refused; -5 is clamped (not malformed): 7 of the 8 frames were dropped.
    assert dropped[1] == "nn101-tui serve: 7 malformed frames in all from 127.0.0.1\n"
    assert len(dropped) == 2 and not any("Traceback" in row for row in log)


async def test_the_page_uses_only_relative_urls() -> None:
    """So a reverse proxy may serve it under any path prefix."""
    with server("--scenario", "neuron") as (_proc, url):
        async with aiohttp.ClientSession() as session, session.get(url + "/") as page:
            text = await page.text()
    assert 'href="static/css/xterm.css"' in text and 'src="static/js/textual.js"' in text
    assert "static/fonts/RobotoMono-VariableFont_wght.ttf" in text
    assert "http://" not in text and "https://" not in text and "ws://" not in text


async def test_malformed_requests_are_one_log_line_each() -> None:
    log: list[str] = []
    with server("--scenario", "neuron", log=log) as (proc, url):
        async with aiohttp.ClientSession() as session:
            async with session.get(url + "/ws") as plain:  # no websocket upgrade
                assert plain.status == 400
                assert await plain.text() == "nn101-tui: /ws is the terminal's websocket\n"
            async with session.get(url + "/?" + "a" * 9000) as long:  # past aiohttp's bound
                assert long.status == 400
            async with session.get(url + "/?fontsize=1e999") as page:
                assert page.status == 200 and 'data-font-size="16"' in await page.text()
        assert wait_until(lambda: any("LineTooLong" in row for row in log), 5)
        assert not children(proc.pid)
    assert not any("Traceback" in row for row in log)
    assert all(row.startswith("nn101-tui") and len(row) < 400 for row in log)
