"""The lesson is a column the screen makes room for, never a layer over its panes.

At every size people use, a tour step keeps the step's circuit readable (every wire in view
without scrolling, as the playground shows it at that size), the header, the status line
and the footer's step, help and quit keys in view; f6 folds the column and the panes take
the room back. Measured on the laid-out screen, as tests/tui/test_sizes.py measures the
playground.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Header

from nn101.state.lesson import Progress, tour
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.base import lesson_width
from nn101.tui.screens.circuit import CircuitScreen
from tests.tui.test_sizes import assert_keys_shown, in_view

SIZES = [(80, 24), (100, 30), (120, 36), (140, 40), (160, 50)]
STEPS = {"Two gates: predict, then reveal": "quiz", "A neuron, one step up": "drawing",
         "The neuron's gradients, by hand": "quiz", "The neuron's equations": "equations",
         "A variable used twice: +=": "tree"}
"""Tour steps by title (the tour may be reordered): the quiz steps, the neuron drawn, its
equations asked, a reused input's tree."""


def step_index(title: str) -> int:
    return next(i for i, s in enumerate(tour().steps) if s.title == title)


def app_at(title: str) -> PlaygroundApp:
    lesson = tour()
    progress = Progress.load()
    progress.record(lesson, step_index(title), set())
    return PlaygroundApp(lesson=lesson, cursor_blink=False)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("title", list(STEPS))
async def test_a_tour_step_keeps_the_circuit_header_status_and_keys(
        size: tuple[int, int], title: str) -> None:
    async with app_at(title).run_test(size=size) as pilot:
        for _ in range(4):
            await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CircuitScreen) and screen.lesson_shown
        whole = Region(0, 0, *size)
        column = screen.query_one("#lesson-column")
        assert in_view(column, whole) and column.region.width == lesson_width(size[0])
        scroll = screen.query_one("#circuit-scroll")
        assert in_view(scroll, whole)
        assert not scroll.region.overlaps(column.region)  # beside it, not under it
        # every wire in view, as the playground shows it: nothing to scroll to
        assert scroll.max_scroll_y == 0, f"circuit cut: {scroll.virtual_size} in {scroll.size}"
        assert scroll.max_scroll_x == 0, f"circuit cut: {scroll.virtual_size} in {scroll.size}"
        assert in_view(screen.query_one(Header), whole)
        assert in_view(screen.query_one("#status"), whole)
        assert_keys_shown(pilot, ["step", "help", "quit"])


async def test_f6_folds_the_column_and_the_panes_take_the_room_back() -> None:
    async with app_at("A neuron, one step up").run_test(size=(120, 36)) as pilot:
        for _ in range(3):
            await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, CircuitScreen)
        width = screen.query_one("#circuit-scroll").region.width
        assert screen.has_class("-narrow")  # 84 columns of room: laid out as at 84
        await pilot.press("f6")
        await pilot.pause()
        assert not screen.lesson_shown and not screen.query_one("#lesson-column").display
        assert screen.has_class("-wide")  # the whole 120 again
        assert screen.query_one("#circuit-scroll").region.width > width
        await pilot.press("f6")
        await pilot.pause()
        assert screen.lesson_shown and screen.has_class("-narrow")
        assert pilot.app.lesson is not None and pilot.app.lesson.index == step_index(
            "A neuron, one step up")  # folding never moved the lesson


async def test_a_step_hides_whole_panes_by_name_and_gives_them_back(tmp_path: object) -> None:
    from pathlib import Path

    from nn101.state.lesson import load

    path = Path(str(tmp_path)) / "panes.toml"
    path.write_text('title = "t"\n[[step]]\ntitle = "one"\nscenario = "neuron"\n'
                    'hide_panes = ["check", "compare"]\n'
                    '[[step]]\ntitle = "two"\nscenario = "neuron"\n')
    app = PlaygroundApp(lesson=load(path), progress=Progress.load(), cursor_blink=False)
    async with app.run_test(size=(200, 50)) as pilot:
        for _ in range(3):
            await pilot.pause()
        screen = app.circuit
        assert not screen.query_one("#check").display
        assert not screen.query_one("#compare").display
        assert screen.query_one("#gates").display  # not named: shown
        await pilot.press("f4")
        for _ in range(2):
            await pilot.pause()
        assert screen.query_one("#check").display and screen.query_one("#compare").display
