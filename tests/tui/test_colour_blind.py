"""A colour-blind-safe theme, switched from the palette, and meaning never carried by
colour alone: the map's classes are + and -, the picked point is in reverse video, the two
sides of the map differ in lightness (so NO_COLOR's greys keep them apart)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.color import Color

from nn101.tui import display
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.learning import LearningScreen
from nn101.tui.theme import COLOUR_BLIND, DEFAULTS
from nn101.tui.widgets.decision_map import LEVELS, DecisionMap, Palette, level_rgb


@pytest.fixture(autouse=True)
def default_colours() -> Iterator[None]:
    yield
    display.use_theme({})  # display's colours are module state: leave the defaults


async def test_the_palette_switches_to_the_colour_blind_theme() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        assert "nn101-colour-blind" in app.available_themes
        await pilot.press("ctrl+p")
        await pilot.press(*"theme", "enter")
        await pilot.pause()
        await pilot.press(*"colour-blind", "enter")
        await pilot.pause()
        assert app.theme == "nn101-colour-blind"
        await pilot.press("space")
        await pilot.pause()
        screen = app.export_screenshot()
    sky_blue = COLOUR_BLIND.variables["wire-value"].lstrip("#")
    value_style = display.VALUE  # read now: use_theme rebinds it
    assert value_style == f"bold #{sky_blue}"
    assert sky_blue in screen  # the circuit's values, the legend
    assert DEFAULTS["wire-value"].lstrip("#") not in screen  # no green value left


@pytest.mark.parametrize("variables", [DEFAULTS, COLOUR_BLIND.variables])
def test_the_two_sides_differ_in_grey(variables: dict[str, str]) -> None:
    palette = Palette.of(variables)

    def grey(level: int) -> float:
        return Color(*level_rgb(level, palette)).monochrome.r

    assert grey(-LEVELS) - grey(LEVELS) > 60  # orange light, blue dark, far from the edge
    assert grey(-1) - grey(1) > 10  # and a visible step at the boundary itself


async def test_points_are_drawn_as_their_labels_and_the_picked_one_reversed() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_learning("svm")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearningScreen)
        segments = [s for strip in screen.query_one(DecisionMap)._strips for s in strip]
    marks = [(s.text, bool(s.style and s.style.reverse)) for s in segments
             if s.text in ("+", "-")]
    assert sorted(text for text, _ in marks) == ["+", "+", "+", "-", "-", "-"]  # 6 points
    assert sum(reversed_ for _, reversed_ in marks) == 1  # the picked one


@pytest.mark.parametrize("name", ["NO_COLOR"])
async def test_no_color_draws_the_map(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The learning screen crashed under NO_COLOR (a segment with no style)."""
    monkeypatch.setenv(name, "1")
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_learning("net")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.return_code is None
