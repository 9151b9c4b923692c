"""nn101 on a real JupyterHub (issue 25): two users log in through Chromium, each opens
nn101 from their own server (jupyter-server-proxy, nn101/jupyter.py), presses space and
reads the neuron's first step; each user's app is their own process, in their own home;
stopping a user's server ends their app and leaves the other's running.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from tests import optional
from tests.classroom.hub import hub, log_in
from tests.web.browser import (
    CHROMIUM_NAMES,
    INSTALL_CHROMIUM,
    launch,
    screen,
    textual_js,
    wait_for_text,
    wait_until,
)

USERS = ("alice", "bob")


def nn101_processes() -> dict[int, tuple[str, str, str]]:
    """Running nn101 processes: pid -> ("serve" or "app", their HOME, their folder)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            argv = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            if b"nn101.cli" not in argv:
                continue
            env = dict(item.decode().split("=", 1) for item in
                       Path(f"/proc/{entry}/environ").read_bytes().split(b"\0") if b"=" in item)
            cwd = os.readlink(f"/proc/{entry}/cwd")
        except OSError:
            continue
        kind = "serve" if b"serve" in argv else "app"
        found[int(entry)] = (kind, env.get("HOME", ""), cwd)
    return found


def test_two_users_each_step_the_neuron_in_their_own_app(tmp_path: Path) -> None:
    optional.program(CHROMIUM_NAMES, INSTALL_CHROMIUM)
    from playwright.sync_api import sync_playwright

    script = textual_js()
    with hub(tmp_path / "hub") as the_hub, sync_playwright() as pw:
        browser = launch(pw)
        try:
            pages = {}
            for name in USERS:
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                # Only this machine: every other host refused.
                context.route("**/*", lambda route: route.fallback()
                              if urlsplit(route.request.url).hostname == "127.0.0.1"
                              else route.abort())
                context.route("**/nn101/static/js/textual.js",
                              lambda route: route.fulfill(body=script,
                                                          content_type="text/javascript"))
                page = log_in(context, the_hub, name)  # lands on their nn101
                wait_for_text(page, "0.88080", timeout_ms=60_000)
                page.locator(".xterm-helper-textarea").focus()
                page.keyboard.press("Space")
                wait_for_text(page, "iteration 1 · output 0.88255")
                assert "iteration 0" not in screen(page)
                pages[name] = page
            # The launcher's entry: nn101, with its icon, in each user's server.
            user = f"{the_hub.url}/user/alice"
            info = pages["alice"].request.get(f"{user}/server-proxy/servers-info")
            assert info.ok, info.status
            [entry] = [s for s in info.json()["server_processes"] if s["name"] == "nn101"]
            assert entry["launcher_entry"]["title"] == "nn101"
            assert entry["launcher_entry"]["icon_url"] == "/user/alice/server-proxy/icon/nn101"
            icon = pages["alice"].request.get(f"{user}/server-proxy/icon/nn101")
            assert icon.ok and b"<svg" in icon.body()

            homes = {name: str(the_hub.homes / name) for name in USERS}
            running = nn101_processes()
            apps = {name: [pid for pid, (kind, home, _) in running.items()
                           if kind == "app" and home == homes[name]] for name in USERS}
            assert len(apps["alice"]) == 1 and len(apps["bob"]) == 1  # one app each
            for name in USERS:  # in their own home: saved files and progress are theirs
                [(_, _, cwd)] = [running[pid] for pid in apps[name]]
                assert cwd == homes[name]

            assert the_hub.api("DELETE", "/users/alice/server") in (202, 204)
            assert wait_until(lambda: not any(
                home == homes["alice"] for _, home, _ in nn101_processes().values()), 60), \
                "alice's nn101 outlived her server"
            assert apps["bob"][0] in nn101_processes()  # bob's goes on
            pages["bob"].keyboard.press("Space")
            wait_for_text(pages["bob"], "iteration 2")
        finally:
            browser.close()
    assert not [pid for pid, (_, home, _) in nn101_processes().items()
                if home.startswith(str(the_hub.homes))], "nn101 processes outlived the hub"
