"""Small words users read: the palette names each command once, a speed of one iteration
says "iteration"."""

from __future__ import annotations

from collections import Counter

from nn101.tui.app import PlaygroundApp
from nn101.tui.player import SPEEDS, speed_label
from nn101.tui.screens.learning import LearningScreen
from nn101.tui.widgets.learn_step import LearnStepInfo


async def test_the_palette_lists_each_command_once() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)):
        titles = Counter(c.title for c in app.get_system_commands(app.screen))
    assert [t for t, n in titles.items() if n > 1] == []  # "Keys" was listed twice
    assert "Help" in titles and "Theme" in titles


def test_speed_labels() -> None:
    assert speed_label(1, "iteration") == "1 iteration per frame"
    assert speed_label(5, "iteration") == "5 iterations per frame"
    assert speed_label(1) == "1 step per frame"


async def test_the_slowest_speed_reads_one_iteration() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_learning("svm")
        await pilot.pause()
        for _ in SPEEDS:
            await pilot.press("minus")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearningScreen) and screen.player.speed == 1
        subtitle = str(screen.query_one(LearnStepInfo).border_subtitle)
        assert subtitle.endswith("· 1 iteration per frame"), subtitle
