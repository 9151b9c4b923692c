"""Reading what the app shows: a pane's text as a user would read it."""

from __future__ import annotations

import io
import re

from rich.console import Console
from textual.app import App
from textual.widgets import DataTable, Input, Static

from nn101.state.controls import Control
from nn101.tui.widgets.control_form import ControlForm, FormRow


def pane_text(app: App[object], selector: str) -> str:
    """The plain text of a Static pane (whatever renderable it holds), or of a line-API
    pane that keeps what it draws as `content` (the circuit's tree)."""
    widget = app.query_one(selector)
    assert isinstance(widget, Static) or hasattr(widget, "content"), widget
    console = Console(width=200, file=io.StringIO(), color_system=None, record=True)
    console.print(widget.content)
    return console.export_text()


def table_rows(app: App[object], selector: str) -> list[list[str]]:
    table: DataTable[object] = app.query_one(selector, DataTable)
    return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


def wire_row(app: App[object], wire: str) -> list[str]:
    """The circuit pane's row for one wire: [name, gate, value, gradient, (local)].

    Rows are the tree's: if the left-to-right drawing is shown, switch to the tree first,
    as the `d` key does (the switch draws the tree at once).
    """
    screen = getattr(app, "circuit", None)
    if screen is not None and screen.drawing_wanted:
        screen.drawing_wanted = False
        screen.show_circuit()
    rows = []
    for line in pane_text(app, "#circuit").splitlines():
        line = re.sub(r"\([0-9]+ wires added\)", "", line)
        cells = line.replace("├", " ").replace("└", " ").replace("│", " ").split()
        if cells[:2] == ["Σ", wire]:  # a reused input: its total, where its wires meet
            return cells[1:]
        if len(cells) >= 4 and cells[0] == wire and _is_number(cells[2]):
            rows.append(cells)
    if rows:
        return rows[0]
    raise AssertionError(f"no wire {wire!r} in the circuit pane")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def screen_text(app: App[object]) -> str:
    """Every line of the screen on top as the terminal shows it (the compositor's cells):
    what a learner can read, whichever pane it is in."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def open_field(app: App[object], control: Control, text: str | None = None) -> Input:
    """Open `control`'s row in the screen's form (as a click on the row does) and give its
    one field, focused, holding `text` (else the row's value)."""
    for form in app.screen.query(ControlForm):
        if form.row(control) is not None:
            box = form.edit(control, text)
            assert box is not None, f"{control.label} cannot be edited"
            return box
    raise AssertionError(f"no row for {control.label} on the screen")


def form_row(app: App[object], control: Control) -> FormRow:
    """What the screen's form shows for `control` (hidden, locked, asked, its text)."""
    for form in app.screen.query(ControlForm):
        row = form.row(control)
        if row is not None:
            return row
    raise AssertionError(f"no row for {control.label} on the screen")
