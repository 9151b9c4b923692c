"""nn101 in JupyterLab's launcher, under any Jupyter server (jupyter-server-proxy, issue 25).

Installed with the `jupyter` extra, the `jupyter_serverproxy_servers` entry point below
puts "nn101" with its icon in JupyterLab's launcher of every Jupyter server that has
jupyter-server-proxy: a JupyterHub user's server, Binder, a laptop's JupyterLab. Opening
it starts `nn101-tui serve` once for that server (each tab then gets its own app process,
as with `serve` itself), reached at `<the server's prefix>/nn101/` through the server's
own authentication. `serve` listens on a Unix socket in a folder only that user can open
(jupyter-server-proxy makes it), so no other user of a shared machine can reach it, and
it needs no token of its own. It runs in the user's home (`$HOME`), so files saved from
the app and the tour's progress (in `$XDG_DATA_HOME`, by default under the home) are the
user's own.

`NN101_JUPYTER_ARGS` in the server's environment says what each tab opens, as `serve`'s
arguments (e.g. `tour`, `lesson /srv/class/monday.toml` or `--scenario neuron`); by
default the playground. JupyterHub sets it for everyone with
`c.Spawner.environment = {"NN101_JUPYTER_ARGS": "tour"}`.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import Any

ICON = Path(__file__).parent / "webpage" / "nn101.svg"
MAX_SESSIONS = 8
"""Tabs one user may have open at once: each is an app process of about 50 MiB."""
IDLE_MINUTES = 60


def setup_nn101() -> dict[str, Any]:
    """jupyter-server-proxy's description of the nn101 server (its ServerProcess traits)."""
    app_args = shlex.split(os.environ.get("NN101_JUPYTER_ARGS", ""))
    return {
        # In the user's home, whatever folder the Jupyter server was started in.
        "command": ["sh", "-c", 'cd "$HOME" && exec "$@"', "nn101-tui",
                    sys.executable, "-m", "nn101.cli", "serve",
                    "--unix-socket", "{unix_socket}",
                    "--max-sessions", str(MAX_SESSIONS),
                    "--idle-minutes", str(IDLE_MINUTES),
                    "--", *app_args],
        "unix_socket": True,
        "timeout": 30,
        "new_browser_tab": True,
        "launcher_entry": {"title": "nn101", "icon_path": str(ICON), "category": "Other"},
    }
