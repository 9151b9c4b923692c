"""A real JupyterHub on this machine, loopback only: shared by the class test and the load
benchmark (benchmarks/class_bench.py).

JupyterHub 6 from PyPI (the `class-test` extra) with its DummyAuthenticator (any user name,
the password below), SimpleLocalProcessSpawner (each user's server a local process with
its own home folder, no system users needed) and the Python port of
configurable-http-proxy; each user's server is `jupyterhub-singleuser` from this
environment, where jupyter-server-proxy finds nn101's entry point (nn101/jupyter.py).
An admin service's API token stops a user's server.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.web.browser import free_port

PASSWORD = "class-password"
APP_ARGS = "--scenario neuron"
"""What each user's nn101 opens (NN101_JUPYTER_ARGS, as a teacher would set it)."""
START_SECONDS = 60


@dataclass(frozen=True)
class Hub:
    url: str
    api_token: str
    homes: Path
    proc: subprocess.Popen[bytes]

    def api(self, method: str, path: str) -> int:
        request = urllib.request.Request(f"{self.url}/hub/api{path}", method=method,
                                         headers={"Authorization": f"token {self.api_token}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as err:
            return int(err.code)

    def user_server(self, name: str) -> dict[str, object] | None:
        request = urllib.request.Request(f"{self.url}/hub/api/users/{name}",
                                         headers={"Authorization": f"token {self.api_token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            servers = json.loads(response.read())["servers"]
        found = servers.get("")
        return found if isinstance(found, dict) else None


def config(folder: Path, port: int, api_token: str) -> str:
    bindir = Path(sys.executable).parent
    return f"""
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(bindir / "configurable-http-proxy")!r}]
c.JupyterHub.db_url = "sqlite:///{folder}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.JupyterHub.pid_file = "{folder}/hub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{folder}/home/{{username}}"
c.Spawner.cmd = [{str(bindir / "jupyterhub-singleuser")!r}]
c.Spawner.args = {["--allow-root"] if os.geteuid() == 0 else []!r}
c.Spawner.default_url = "/nn101/"
c.Spawner.start_timeout = {START_SECONDS}
c.Spawner.http_timeout = {START_SECONDS}
c.Spawner.environment = {{"NN101_JUPYTER_ARGS": {APP_ARGS!r}}}
c.JupyterHub.services = [{{"name": "class-test", "api_token": {api_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "class-test", "services": ["class-test"],
                             "scopes": ["admin:servers", "admin:users", "tokens"]}}]
"""


@contextmanager
def hub(folder: Path) -> Iterator[Hub]:
    """A JupyterHub on a free loopback port, until the block ends (servers stopped)."""
    if shutil.which("configurable-http-proxy", path=str(Path(sys.executable).parent)) is None:
        raise RuntimeError("no configurable-http-proxy: pip install -e '.[class-test]' "
                           "(make test-class)")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    api_token = secrets.token_hex(16)
    (folder / "jupyterhub_config.py").write_text(config(folder, port, api_token))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
                                 f"{os.environ.get('PATH', '')}"}
    log = (folder / "hub.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f",
                             str(folder / "jupyterhub_config.py")], cwd=folder, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    the_hub = Hub(f"http://127.0.0.1:{port}", api_token, folder / "home", proc)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{the_hub.url}/hub/api/", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterHub did not start: see "
                                       f"{folder / 'hub.log'}") from None
                time.sleep(0.5)
        yield the_hub
    finally:
        proc.terminate()  # cleanup_servers: the hub stops its users' servers first
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        log.close()


def log_in(context: Any, the_hub: Hub, name: str) -> Any:
    """Log `name` in (DummyAuthenticator's form) in a browser context: the hub starts
    their server and opens its default URL, nn101 (c.Spawner.default_url); that page."""
    page = context.new_page()
    page.goto(f"{the_hub.url}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"**/user/{name}/nn101/", timeout=START_SECONDS * 1000)
    return page
