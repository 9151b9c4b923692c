"""`serve` in a real browser with no network beyond this machine (issue 25): the page
renders, in the font this server serves, without one outside request; and `--a11y` turns
on xterm.js's screen-reader mode (issue 24), whose accessibility tree holds the screen's
text for a screen reader to read. Without chromium: a skip, or under CI a failure
(tests/optional.py).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from tests import optional
from tests.web.browser import (
    CHROMIUM_NAMES,
    INSTALL_CHROMIUM,
    launch,
    server,
    textual_js,
    wait_for_text,
)

LOOPBACK = ("127.0.0.1", "localhost")


def offline_page(browser: Any, url: str, outside: list[str], hook: bool = True) -> Any:
    """A page on `url` that may reach only this machine; every other request is refused
    and kept in `outside`. `hook`: textual.js keeps its terminal in window.__xterm."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})

    def only_here(route: Any) -> None:
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.fallback()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_here)
    if hook:
        script = textual_js()
        page.route(re.compile(r".*/static/js/textual\.js$"),
                   lambda route: route.fulfill(body=script, content_type="text/javascript"))
    page.goto(url)
    return page


def test_the_page_renders_in_its_own_font_with_no_outside_request() -> None:
    optional.program(CHROMIUM_NAMES, INSTALL_CHROMIUM)
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with server("--scenario", "neuron") as (_proc, url), sync_playwright() as pw:
        browser = launch(pw)
        try:
            page = offline_page(browser, url + "/", outside)
            wait_for_text(page, "0.88080")
            page.evaluate("() => document.fonts.ready")
            assert page.evaluate("() => document.fonts.check('16px \"Roboto Mono\"')")
            faces = page.evaluate("() => [...document.fonts].filter(f => f.family.includes("
                                  "'Roboto Mono')).map(f => f.status)")
            assert "loaded" in faces  # the face came from this server
            page.locator(".xterm-helper-textarea").focus()
            page.keyboard.press("Space")
            wait_for_text(page, "iteration 1 · output 0.88255")
        finally:
            browser.close()
    assert outside == []


def test_a11y_turns_on_xterms_screen_reader_mode() -> None:
    optional.program(CHROMIUM_NAMES, INSTALL_CHROMIUM)
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    tree = ".xterm-accessibility-tree"
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            with server("--scenario", "neuron", serve_args=["--a11y"]) as (_proc, url):
                page = offline_page(browser, url + "/", outside, hook=False)
                page.wait_for_function(
                    f"() => (document.querySelector({tree!r}) || {{}}).textContent?.includes("
                    "'0.88080')", timeout=30_000)
                # Its rows are what the terminal shows, for a screen reader to read.
                assert "neuron" in page.locator(tree).inner_text()
            with server("--scenario", "neuron") as (_proc, url):  # without --a11y: no tree
                page = offline_page(browser, url + "/", outside)
                wait_for_text(page, "0.88080")
                assert page.locator(tree).count() == 0
        finally:
            browser.close()
    assert outside == []
