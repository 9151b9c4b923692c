"""Work-around 2 of textual_fixes: a click drawn before the palette's list was refilled (it
refills on every key) names an option that no longer exists: it must do nothing, not crash."""

from __future__ import annotations

from rich.style import Style
from textual import events
from textual.app import App, ComposeResult
from textual.command import CommandList

from nn101.tui import textual_fixes


class Lists(App[None]):
    def compose(self) -> ComposeResult:
        yield CommandList("one", "two", "three")


async def test_a_click_on_an_option_that_is_gone_does_nothing() -> None:
    textual_fixes.apply()
    app = Lists()
    async with app.run_test() as pilot:
        listing = app.query_one(CommandList)
        stale = Style.from_meta({"option": 16})  # the 17th row of the list as drawn before
        listing.post_message(events.Click(listing, 1, 0, 0, 0, 1, False, False, False,
                                          style=stale))
        await pilot.pause()
        assert app.return_code is None and app.is_running
        live = Style.from_meta({"option": 1})
        listing.post_message(events.Click(listing, 1, 1, 0, 0, 1, False, False, False,
                                          style=live))
        await pilot.pause()
        assert listing.highlighted == 1  # a click on a real option still selects it
