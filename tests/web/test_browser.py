"""The app served to a real browser: step the neuron with space, read the terminal back,
close the page and see its app process end. Runs in `make test` where chromium is found
(.ci/run installs it); without it the test is skipped, saying how to install it, except
under CI, where that is a failure (tests/optional.py).

NN101_BROWSER_SHOT=path/to.png keeps a screenshot of the page (README, "In a browser").
"""

from __future__ import annotations

import os

from tests import optional
from tests.web.browser import (
    CHROMIUM_NAMES,
    INSTALL_CHROMIUM,
    children,
    launch,
    open_page,
    screen,
    server,
    wait_for_text,
    wait_until,
)


def test_a_browser_tab_steps_the_neuron_and_closing_it_ends_its_app() -> None:
    optional.program(CHROMIUM_NAMES, INSTALL_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with server("--scenario", "neuron") as (proc, url), sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = open_page(browser, url)
            wait_for_text(page, "0.88080")  # the neuron's start, first frame drawn
            apps = children(proc.pid)
            assert len(apps) == 1  # this tab's own app process
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("Space")
            # One backprop step: the seed's number on the status line (the methods pane
            # shows 0.88255 from the start, as the step each method would take).
            wait_for_text(page, "iteration 1 · output 0.88255")
            assert "iteration 0" not in screen(page)
            shot = os.environ.get("NN101_BROWSER_SHOT")
            if shot:
                page.screenshot(path=shot)
            second = open_page(browser, url)
            wait_for_text(second, "0.88080")
            assert len(children(proc.pid)) == 2  # each tab its own process
            page.close()
            assert wait_until(lambda: apps[0] not in children(proc.pid), 15), \
                "the closed tab's app process is still running"
            assert len(children(proc.pid)) == 1
            second.close()
            assert wait_until(lambda: not children(proc.pid), 15)
        finally:
            browser.close()
