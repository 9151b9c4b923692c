"""The left-to-right drawing in a small app of its own: every scenario of the guide, two
typed formulas (each with a shared input), the backward walk's highlight, and the tree it
falls back to when the pane is too narrow.

Plain `def` snapshot tests: pytest-textual-snapshot runs its own event loop. Regenerate with
`pytest tests/tui/test_drawing_snapshots.py --snapshot-update`, then look at every picture.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.containers import Vertical

from nn101.engine.scenarios import SCENARIOS
from nn101.state.drawing import layout_of
from nn101.state.playground import Playground
from nn101.tui.theme import COLOUR_BLIND
from nn101.tui.widgets.circuit_drawing import CircuitDrawing
from nn101.tui.widgets.circuit_view import CircuitView

SIZE = (100, 22)
WAIT = "wait:200"


class Pane(Vertical):
    """The drawing where it fits, else the tree: what the circuit screen does."""

    DEFAULT_CSS = "Pane { padding: 0 1; }"

    def __init__(self, pg: Playground, fit_height: bool = False) -> None:
        super().__init__()
        self.pg = pg
        self.fit_height = fit_height

    def compose(self) -> ComposeResult:
        yield CircuitDrawing()
        yield CircuitView()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        drawing = self.query_one(CircuitDrawing)
        tree = self.query_one(CircuitView)
        height = self.content_size.height if self.fit_height else None
        drawn = drawing.show(self.pg, self.content_size.width, height)
        drawing.display = drawn
        tree.display = not drawn
        if not drawn:
            tree.show(self.pg)


class DrawingApp(App[None]):
    def __init__(self, pg: Playground, fit_height: bool = False) -> None:
        super().__init__()
        self.pg = pg
        self.fit_height = fit_height

    def compose(self) -> ComposeResult:
        yield Pane(self.pg, self.fit_height)


def playground(scenario: str | None = None, formula: str | None = None,
               **values: str) -> Playground:
    pg = Playground(scenario=scenario, expression=formula)
    for name, text in values.items():
        pg.set_input(name, text)
    return pg


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_scenario_drawn_left_to_right(snap_compare: Any, scenario: str) -> None:
    assert snap_compare(DrawingApp(playground(scenario)), press=[WAIT], terminal_size=SIZE)


def test_formula_with_a_shared_input(snap_compare: Any) -> None:
    pg = playground(formula="x*y + x", x="3", y="5")
    assert snap_compare(DrawingApp(pg), press=[WAIT], terminal_size=SIZE)


def test_formula_with_an_input_used_three_times(snap_compare: Any) -> None:
    pg = playground(formula="a*a + a", a="3")
    assert snap_compare(DrawingApp(pg), press=[WAIT], terminal_size=SIZE)


def test_backward_walk_highlights_its_gate(snap_compare: Any) -> None:
    pg = playground("neuron")
    for _ in range(3):
        pg.walk_step()
    assert snap_compare(DrawingApp(pg), press=[WAIT], terminal_size=SIZE)


class ColourBlindApp(DrawingApp):
    """The drawing under the app's colour-blind theme, chosen as the palette chooses it."""

    def on_mount(self) -> None:
        self.register_theme(COLOUR_BLIND)
        self.theme = COLOUR_BLIND.name


def test_colour_blind_theme_draws_the_drawing_blue_and_orange(snap_compare: Any) -> None:
    """Values sky blue, gradients orange, as the tree and the legend (the drawing kept
    Textual's green and pink under this theme)."""
    pg = playground("neuron")
    for _ in range(3):
        pg.walk_step()
    assert snap_compare(ColourBlindApp(pg), press=[WAIT], terminal_size=SIZE)


def test_a_short_pane_gets_the_compact_layout(snap_compare: Any) -> None:
    app = DrawingApp(playground("neuron"), fit_height=True)
    assert snap_compare(app, press=[WAIT], terminal_size=(100, 19))


def test_too_narrow_falls_back_to_the_tree(snap_compare: Any) -> None:
    assert snap_compare(DrawingApp(playground("neuron")), press=[WAIT], terminal_size=(60, 22))


async def test_the_widget_draws_the_layouts_cells_and_refuses_what_does_not_fit() -> None:
    pg = playground("neuron")
    app = DrawingApp(pg)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        drawing = app.query_one(CircuitDrawing)
        assert drawing.display and not app.query_one(CircuitView).display
        layout = layout_of(pg.circuit)
        assert layout is not None
        lines = [drawing.render_line(y).text.rstrip() for y in range(layout.height)]
        assert lines == [line.rstrip() for line in layout.render().lines()]
        assert drawing.size == (layout.width, layout.height)
        assert not drawing.show(pg, layout.width - 1)
        assert drawing.drawing is None
        await pilot.resize_terminal(60, 22)
        await pilot.pause()
        assert not drawing.display and app.query_one(CircuitView).display


async def test_a_step_redraws_the_neuron_in_well_under_a_few_milliseconds() -> None:
    pg = playground("neuron")
    app = DrawingApp(pg)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        drawing = app.query_one(CircuitDrawing)
        runs = 50
        start = time.perf_counter()
        for _ in range(runs):
            pg.step()
            drawing.show(pg, SIZE[0])
            for y in range(drawing.size.height):
                drawing.render_line(y)
        each = (time.perf_counter() - start) / runs
        assert each < 0.005, f"{each * 1000:.2f} ms per step and redraw"
