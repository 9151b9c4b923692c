"""TextLines (the status line's and the progress figures' widget) draws what a Static draws.

Textual's Static is the oracle: the same texts, side by side at the same width, must
compose to the same characters and styles, wrapped the same way; the height follows the
wrapped text and a change of text with the same line count does not lay out the screen
again.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import Static

from nn101.tui.widgets.text_lines import TextLines

TEXTS = [
    Text("iteration 3 · output 0.8825 · backprop"),
    Text.assemble(("▶ playing  ", "bold"), "iteration 12 · output -1.25e+08 · random search"),
    Text("STOPPED: the output is not a finite number any more after the step (r resets)"),
    Text("a\nb and more words that wrap around the narrow pane"),
    Text(""),
]


class SideBySide(App[None]):
    CSS = """
    Screen { layout: horizontal; }
    TextLines, Static { width: 23; height: auto; padding: 0 1; color: red; }
    """

    def compose(self) -> ComposeResult:
        yield TextLines(id="ours")
        yield Static(id="theirs")


def drawn(app: App[None], selector: str) -> list[Strip]:
    region = app.screen.query_one(selector).region
    composed = app.screen._compositor.render_strips()
    return [composed[y].crop(region.x, region.right).simplify()
            for y in range(region.y, region.bottom)]


def styles(strip: Strip) -> list[object]:
    """The style of every cell, padding included (a Static adds each cell's offset as
    meta, for text selection, which the app turns off)."""
    return [s.style.clear_meta_and_links() if s.style else None
            for s in strip for _ in s.text]


async def test_it_draws_what_a_static_draws() -> None:
    app = SideBySide()
    async with app.run_test(size=(60, 12)) as pilot:
        for text in TEXTS:
            app.query_one("#ours", TextLines).update(text)
            app.query_one("#theirs", Static).update(text)
            await pilot.pause()
            ours, theirs = drawn(app, "#ours"), drawn(app, "#theirs")
            assert len(ours) == len(theirs), text.plain  # the same height: wrapped alike
            for mine, static in zip(ours, theirs, strict=True):
                assert mine.text == static.text, text.plain
                assert styles(mine) == styles(static), text.plain


async def test_new_words_on_the_same_lines_only_repaint() -> None:
    app = SideBySide()
    async with app.run_test(size=(60, 12)) as pilot:
        lines = app.query_one("#ours", TextLines)
        lines.update(Text("one line"))
        await pilot.pause()
        layouts = []
        lines.refresh = lambda *a, **k: layouts.append(k.get("layout", False))  # type: ignore[method-assign]
        lines.update(Text("another line"))
        lines.update(Text("a text long enough to take two lines"))
        assert layouts == [False, True]
