"""nn101's jupyter-server-proxy entry (nn101/jupyter.py): registered, and the `serve` it
describes answers on its Unix socket. The whole path through a real JupyterHub is
tests/classroom (make test-class)."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import aiohttp
import pytest

from tests.web.browser import wait_until


def test_the_entry_point_describes_serve_on_a_unix_socket_in_the_home(
        monkeypatch: pytest.MonkeyPatch) -> None:
    [entry] = [e for e in entry_points(group="jupyter_serverproxy_servers")
               if e.name == "nn101"]
    monkeypatch.setenv("NN101_JUPYTER_ARGS", "--scenario neuron")
    spec = entry.load()()
    assert spec["unix_socket"] is True and spec["new_browser_tab"] is True
    command = spec["command"]
    assert command[:3] == ["sh", "-c", 'cd "$HOME" && exec "$@"']
    assert command[command.index("--unix-socket") + 1] == "{unix_socket}"
    assert command[-3:] == ["--", "--scenario", "neuron"]
    icon = Path(spec["launcher_entry"]["icon_path"])
    assert icon.read_text().lstrip().startswith("<svg")


async def test_serve_on_a_unix_socket_needs_no_token(tmp_path: Path) -> None:
    sock = tmp_path / "nn101.sock"
    src = str(Path(__file__).parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "nn101.cli", "serve", "--unix-socket",
                             str(sock), "--", "--scenario", "neuron"], env=env,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == (f"nn101-tui: serving on the Unix socket {sock}; "
                                          "ctrl+c stops\n")
        assert wait_until(sock.exists, 5)
        async with aiohttp.ClientSession(connector=aiohttp.UnixConnector(str(sock))) as s, \
                s.get("http://nn101/") as page:
            assert page.status == 200 and 'id="terminal"' in await page.text()
    finally:
        proc.terminate()
        proc.wait(10)
    assert proc.returncode == 0  # SIGTERM: stopped cleanly
