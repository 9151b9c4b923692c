"""TextLines (every pane of text rewritten on each step) draws what a Static draws.

Textual's Static is the oracle: the same texts, side by side at the same width, must
compose to the same characters and styles, wrapped the same way. Its height is always the
one Textual's own layout measures for the text shown, although a new text of the same
height does not lay out the screen again (test_repaint_in_place checks that part).
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
    Text.assemble("same run: ", ("--seed 0", "bold"), style="dim"),  # the Text's own style
    Text("a title in bold over words that wrap", style="bold italic"),
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


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield TextLines(id="s")


def words(n: int, width: int = 7) -> Text:
    return Text(" ".join("x" * width for _ in range(n)))


def laid_out_height(app: Host) -> int:
    s = app.query_one(TextLines)
    measured = s.get_content_height(app.size, app.size, s.content_region.width)
    assert s.size.height == measured
    return measured


async def test_height_follows_new_wrapping_and_resizes() -> None:
    app = Host()
    async with app.run_test(size=(40, 20)) as pilot:
        s = app.query_one(TextLines)
        seen = []
        # 10 words of 8 cells wrap to 2 lines at 40; 20 to 4; 3 to 1; same-height texts too.
        for n in (10, 10, 20, 3, 4, 20):
            s.update(words(n))
            await pilot.pause()
            seen.append(laid_out_height(app))
        assert seen == [2, 2, 4, 1, 1, 4]
        # Narrower: Textual re-lays out the old text (20 words: 10 lines at 20 cells); a new
        # text of the old height at the old width must still get the new width's height.
        await pilot.resize_terminal(20, 20)
        await pilot.pause()
        s.update(words(8))  # 4 lines at 20 columns: as many as the last text had at 40
        await pilot.pause()
        assert laid_out_height(app) == 4
