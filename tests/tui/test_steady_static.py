"""SteadyStatic skips the screen's re-layout when a new text keeps its height: its height
must still always be the one Textual's own layout measures for the text shown."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from nn101.tui.widgets.steady_static import SteadyStatic


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield SteadyStatic(id="s")


def words(n: int, width: int = 7) -> Text:
    return Text(" ".join("x" * width for _ in range(n)))


def assert_height_is_textuals(app: Host) -> int:
    s = app.query_one(SteadyStatic)
    measured = s.get_content_height(app.size, app.size, s.content_region.width)
    assert s.size.height == measured
    return measured


async def test_height_follows_new_wrapping_and_resizes() -> None:
    app = Host()
    async with app.run_test(size=(40, 20)) as pilot:
        s = app.query_one(SteadyStatic)
        seen = []
        # 10 words of 8 cells wrap to 2 lines at 40; 20 to 4; 3 to 1; same-height texts too.
        for n in (10, 10, 20, 3, 4, 20):
            s.write(words(n))
            await pilot.pause()
            seen.append(assert_height_is_textuals(app))
        assert seen == [2, 2, 4, 1, 1, 4]
        # Narrower: Textual re-lays out the old text (20 words: 10 lines at 20 cells); a new
        # text of the old height at the old width must still get the new width's height.
        await pilot.resize_terminal(20, 20)
        await pilot.pause()
        s.write(words(8))  # 4 lines at 20 columns: as many as the last text had at 40
        await pilot.pause()
        assert assert_height_is_textuals(app) == 4
