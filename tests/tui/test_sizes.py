"""The sizes people use, measured on the laid-out screen: what is in view, what is cut.

Each test reads the geometry Textual computed (regions, scroll extents), the same cells a
user sees: the footer's step, help and quit keys end left of the palette key and inside
the screen; the circuit's every wire is in view without scrolling; the gates table shows
all its columns; the inputs pane's fields are on the screen. Below 80 x 24 the app shows
the too-small notice, which goes when the terminal grows, whatever burst of resizes came
first.
"""

from __future__ import annotations

import pytest
from textual.events import Resize
from textual.geometry import Region, Size
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Static
from textual.widgets._footer import FooterKey

from nn101.state.controls import STEP_SIZE, input_control
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.circuit import CircuitScreen
from nn101.tui.screens.help import HelpScreen
from nn101.tui.screens.learning import LearningScreen
from nn101.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from nn101.tui.widgets.control_form import ControlForm
from nn101.tui.widgets.text_lines import TextLines

SIZES = [(80, 24), (100, 30), (120, 36), (160, 50), (200, 60)]
"""The issue's list: the sizes terminals open at (80x24 is every terminal's default)."""


def app(scenario: str = "neuron") -> PlaygroundApp:
    return PlaygroundApp(scenario=scenario, cursor_blink=False)


def footer_keys(pilot: Pilot[int]) -> dict[str, FooterKey]:
    return {key.action: key for key in pilot.app.screen.query(FooterKey)}


def assert_keys_shown(pilot: Pilot[int], actions: list[str]) -> None:
    """Each key is displayed, whole, left of the palette key (docked at the right, it
    covers whatever runs under it) and inside the screen."""
    keys = footer_keys(pilot)
    palette = keys["command_palette"].region
    width = pilot.app.size.width
    assert palette.right <= width
    for action in actions:
        key = keys[action]
        region = key.region
        assert key.display and region.width > 0, f"{action} hidden"
        assert region.right <= palette.x, f"{action} cut at {region} (palette {palette})"


def in_view(widget: Widget, screen: Region) -> bool:
    return widget.display and widget.region.width > 0 and screen.contains_region(
        widget.region)


@pytest.mark.parametrize("size", SIZES)
async def test_the_circuit_screen_fits(size: tuple[int, int]) -> None:
    async with app().run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f")  # the walk's longest hint: two lines at 120 columns
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CircuitScreen)
        assert_keys_shown(pilot, ["step", "help", "quit"])
        whole = Region(0, 0, *size)
        scroll = screen.query_one("#circuit-scroll")
        assert in_view(scroll, whole)
        # Every wire of the neuron is in view: nothing to scroll, across or down.
        assert scroll.max_scroll_y == 0, f"circuit cut: {scroll.virtual_size} in {scroll.size}"
        assert scroll.max_scroll_x == 0, f"circuit cut: {scroll.virtual_size} in {scroll.size}"
        assert scroll.size.width >= 40
        form = screen.query_one(ControlForm)
        for control in (*map(input_control, "abcxy"), STEP_SIZE):  # inputs, then step size
            row = form.row_region(control)
            assert row.width > 0 and whole.contains_region(row), f"{control} off-screen"
        assert in_view(screen.query_one("#check"), whole)
        gates = screen.query_one("#gates", DataTable)
        if size[0] >= 100:
            assert in_view(gates, whole)
            assert gates.max_scroll_x == 0, "the gates table lost a column"
        else:
            assert not gates.display


@pytest.mark.parametrize("size", SIZES)
async def test_the_learning_screen_shows_its_keys(size: tuple[int, int]) -> None:
    async with app().run_test(size=size) as pilot:
        await pilot.pause()
        pilot.app.open_learning("net")
        await pilot.pause()
        await pilot.pause()  # the footer's keys are laid out after the screen's first frame
        assert isinstance(pilot.app.screen, LearningScreen)
        assert_keys_shown(pilot, ["step", "toggle_play", "back", "help", "quit"])
        # The "same run" line wraps instead of being cut: every flag is on screen.
        command = pilot.app.screen.query_one("#learn-command", TextLines)
        lines = command.render_lines(Region(0, 0, command.size.width, command.size.height))
        shown = " ".join("".join(s.text for s in line).strip() for line in lines)
        assert "--iterations 0" in shown, shown


@pytest.mark.parametrize("size", [(60, 20), (79, 24), (80, 23), (40, 12), (1, 1)])
async def test_a_small_terminal_gets_the_notice_and_only_quit(size: tuple[int, int]) -> None:
    async with app().run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, TooSmallScreen)
        text = str(pilot.app.screen.query_one("#too-small", Static).content)
        assert f"at least {MIN_WIDTH} x {MIN_HEIGHT}" in text
        assert f"{size[0]} x {size[1]} now" in text
        await pilot.press("space", "question_mark", "ctrl+p")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TooSmallScreen)
        assert pilot.app.circuit.pg.iteration == 0  # type: ignore[attr-defined]
        await pilot.press("q")
        await pilot.pause()
    assert pilot.app.return_code == 0


async def test_the_notice_follows_the_size_and_goes_when_it_grows() -> None:
    async with app().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert isinstance(pilot.app.screen, TooSmallScreen)
        text = str(pilot.app.screen.query_one("#too-small", Static).content)
        assert "70 x 30 now" in text
        await pilot.resize_terminal(75, 30)
        await pilot.pause()
        text = str(pilot.app.screen.query_one("#too-small", Static).content)
        assert "75 x 30 now" in text
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert isinstance(pilot.app.screen, CircuitScreen)
        assert pilot.app.screen.has_class("-medium") and pilot.app.screen.has_class("-short")
        assert pilot.app.circuit.pg.iteration == 1  # type: ignore[attr-defined]


async def test_a_dialog_under_the_notice_is_there_after_it() -> None:
    async with app().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.resize_terminal(50, 20)
        assert isinstance(pilot.app.screen, TooSmallScreen)
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)


STORM = [(40, 12), (200, 60), (79, 24), (80, 24), (100, 30), (80, 23), (160, 50),
         (1, 1), (120, 36), (99, 33), (100, 34)]


@pytest.mark.parametrize(("last", "small"), [((100, 30), False), ((60, 20), True),
                                              ((200, 60), False)])
async def test_a_resize_storm_leaves_a_working_app(last: tuple[int, int],
                                                   small: bool) -> None:
    """Hundreds of resizes in a burst, no pause between them (a window dragged by its
    corner), ending at `last`: one notice or none, the right layout, keys answering."""
    async with app().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for round_ in range(30):
            for size in STORM[round_ % 3:]:
                pilot.app.post_message(Resize(Size(*size), Size(*size)))
                pilot.app.screen.post_message(Resize(Size(*size), Size(*size)))
        driver = pilot.app._driver
        await pilot.resize_terminal(*last)
        await pilot.pause()
        await pilot.pause()
        assert driver is pilot.app._driver
        notices = [s for s in pilot.app.screen_stack if isinstance(s, TooSmallScreen)]
        assert len(notices) == (1 if small else 0), pilot.app.screen_stack
        if small:
            assert isinstance(pilot.app.screen, TooSmallScreen)
            await pilot.resize_terminal(120, 36)
            await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CircuitScreen)
        await pilot.press("space")
        await pilot.pause()
        assert pilot.app.circuit.pg.iteration == 1  # type: ignore[attr-defined]
        assert_keys_shown(pilot, ["step", "help", "quit"])
        assert screen.query_one("#circuit-scroll").max_scroll_y == 0


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_keys_work_after_help_closes_on_a_small_layout(size: tuple[int, int]) -> None:
    """Closing help focused the first focusable widget: the picker's field, hidden under
    120 columns, which then swallowed every key (space typed into it, nothing stepped)."""
    async with app().run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.focused is None
        await pilot.press("space")
        await pilot.pause()
        assert pilot.app.circuit.pg.iteration == 1  # type: ignore[attr-defined]
