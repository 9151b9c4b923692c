"""The circuit pane's rows are drawn without a rich Table (a Table costs most of a step's
frame); here every character and its style is checked against the Table they replace,
for every scenario at the start, after a step, after a forward pass and at each gate of
the backward walk."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rich.console import Console, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.theme import BUILTIN_THEMES

from nn101.engine.scenarios import SCENARIOS
from nn101.state.playground import Playground
from nn101.tui.theme import Colours
from nn101.tui.widgets.circuit_view import (
    GATE,
    NUMBER,
    WIRE,
    CircuitView,
    Column,
    Row,
    Rows,
)

COLOURS = Colours.of(BUILTIN_THEMES["textual-dark"])


def as_table(rows: Rows) -> Table:
    """The rich Table the pane used to draw: no box, one space between columns."""
    table = Table(box=None, padding=(0, 1), collapse_padding=True, pad_edge=False,
                  expand=False, show_edge=False, show_header=False)
    for c in rows.columns:
        table.add_column(justify=c.justify, no_wrap=True, overflow="ellipsis",
                         min_width=c.min_width or None, max_width=c.max_width,
                         style=c.style or None)
    for row in rows.rows:
        table.add_row(*row.cells, style=row.style or None)
    return table


def cells(renderable: RenderableType, width: int) -> list[list[tuple[str, Style | None]]]:
    """Each line as (character, style) pairs, the unstyled blanks at its end dropped."""
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    lines = []
    for segments in console.render_lines(renderable, console.options, pad=False):
        line = [(ch, s.style or None) for s in segments for ch in s.text]
        while line and line[-1][0] == " " and not line[-1][1]:
            line.pop()
        lines.append(line)
    return lines


def states(name: str) -> Iterator[tuple[str, Rows]]:
    pg = Playground(scenario=name)
    yield "start", CircuitView.render_circuit(pg, COLOURS)
    pg.step()
    yield "after a step", CircuitView.render_circuit(pg, COLOURS)
    pg.forward()
    yield "after a forward pass", CircuitView.render_circuit(pg, COLOURS)
    while pg.walk_step():
        yield f"walk {len(pg.walk)}", CircuitView.render_circuit(pg, COLOURS)
        if pg.walk_complete:
            break


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_rows_draw_what_the_rich_table_drew(name: str) -> None:
    checked = 0
    for label, rows in states(name):
        needed = sum(rows.natural_widths()) + len(rows.columns) - 1
        for width in (needed, needed + 7, 120):
            assert cells(rows, width) == cells(as_table(rows), width), (label, width)
            checked += 1
    assert checked >= 9  # start, step, forward, and at least one gate walked, 3 widths each


def test_a_walk_row_is_highlighted_across_all_its_cells() -> None:
    pg = Playground(scenario="neuron")
    pg.walk_step()  # the first gate walked is the output's (the sigmoid)
    rows = CircuitView.render_circuit(pg, COLOURS)
    walked = [row for row in rows.rows if row.style]
    assert len(walked) == 1 and walked[0].cells[1].plain == "sig"
    line = cells(rows, 80)[1]  # under the header row
    assert all(style is not None and style.bgcolor is not None for _, style in line)


def test_a_narrow_pane_cuts_names_first_and_never_numbers() -> None:
    rows = Rows([WIRE, GATE, Column("right", min_width=NUMBER)],
                [Row([Text("a_rather_long_wire_name"), Text("*"), Text("-1.00000")])])
    # Natural width: 23 + 1 + 1 + 1 + 8 = 34; in 20 columns the name keeps 20 - 11 = 9
    # cells, its last one an ellipsis; the number keeps all 8.
    (line,) = cells(rows, 20)
    assert "".join(ch for ch, _ in line) == "a_rather… * -1.00000"


def test_a_row_with_fewer_cells_leaves_the_rest_blank() -> None:
    rows = Rows([WIRE, GATE], [Row([Text("x"), Text("+")]), Row([Text("… more wires")])])
    assert cells(rows, 40) == cells(as_table(rows), 40)
