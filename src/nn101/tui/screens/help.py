"""The keys, and which of them still work while a field has focus."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from nn101.tui import display

KEYS = (
    ("space  n", "one step of the current method"),
    ("p", "run / pause continuous stepping (stops by itself if the run diverges)"),
    ("b", "backward pass one gate at a time: the gate is highlighted, its local "
          "gradients shown"),
    ("f", "forward pass only: gradients unknown until you walk back"),
    ("r", "reset to the scenario's start values and settings"),
    ("m", "cycle the method: random search → numerical gradient → backprop"),
    ("c", "gradient check: backprop vs the numerical gradient, input by input"),
    ("]  [", "next / previous scenario"),
    ("ctrl+s  ctrl+o", "save / load the session: circuit, inputs, settings, every step"),
    ("x", "export this run's trace as CSV and JSON"),
    ("e", "type your own expression (also the picker's field, on a wide screen)"),
    ("?  F1", "this help (escape closes it)"),
    ("q", "quit"),
    ("ctrl+p", "command palette: every scenario and action by name"),
    ("tab", "move between panes and fields; enter in a field applies it"),
)

IN_A_FIELD = (
    ("escape", "leave the field (applies it); the plain keys work again"),
    ("ctrl+n", "step"),
    ("ctrl+b", "one gate of the backward walk"),
    ("ctrl+r", "reset"),
    ("ctrl+s  ctrl+o", "save / load the session"),
    ("F1", "help"),
    ("ctrl+q", "quit"),
)

NOTES = (
    "A bad value in a field says why beside it and changes nothing: the last good value "
    "stays in use. Editing an input starts a new run from there; a setting (method, step "
    "size, h, tries, tweak) applies from the next step. Each scenario keeps its state when "
    "you switch away and back; r starts it over. Random search is seeded (seed 1), so a "
    "run can be replayed. Below 100 columns the scenario list, gates table, progress and "
    "comparison hide: [ ] and ctrl+p still switch scenarios."
)


def key_table(rows: tuple[tuple[str, str], ...]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold #d29922", no_wrap=True)
    table.add_column()
    for key, does in rows:
        table.add_row(key, does)
    return table


def help_content() -> Group:
    colours = Text.assemble(
        "On a wire the value comes first, ", ("like this", display.VALUE), ", then its "
        "gradient, ", ("like this", display.GRAD), "; a gate's local gradient reads ",
        ("like this", display.LOCAL), ". The palette's Theme command switches colours: "
        "nn101-colour-blind uses blue and orange instead of green and red.")
    return Group(
        Text("Keys", style="bold underline"), key_table(KEYS), Text(""),
        Text("In a field (letters and space type text)", style="bold underline"),
        key_table(IN_A_FIELD), Text(""), colours, Text(""), Text(NOTES),
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            yield Static(help_content())

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
