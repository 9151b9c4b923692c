"""The help of whichever screen is open, made from that screen's own bindings.

The footer, the command palette and this screen all read the same `BINDINGS`, so a key
cannot be added, changed or dropped in one place and not the others. A binding's tooltip
is its help line; priority bindings are the ones that still work while a field has focus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from nn101.state.controls import Control
from nn101.tui.theme import COLOUR_BLIND, Colours, colours

HelpRow = tuple[str, str]


def bindings_of(node_type: type, app: App[object] | None = None) -> list[Binding]:
    """The class's bindings (BINDINGS as declared, each key of "a,b" kept together)."""
    found: list[Binding] = []
    for item in getattr(node_type, "BINDINGS", []):
        if isinstance(item, Binding):
            found.append(item)
        elif isinstance(item, tuple):
            found.append(Binding(*item))
    return found


def key_names(binding: Binding) -> str:
    """How the keys read, as typed: "space  n", "ctrl+s", "[", ",", "<" (Textual names
    them `comma`, `less_than_sign`: a learner types the character)."""
    return "  ".join(shown_key(k.strip()) for k in binding.key.split(","))


def shown_key(key: str) -> str:
    """One key as typed: `full_stop` is ".", `ctrl+comma` is "ctrl+,"; `space` and
    `escape` stay words (the character is blank or invisible)."""
    *modifiers, name = key.split("+")
    if name not in ("space", "escape", "tab", "enter"):
        name = format_key(name)
    return "+".join([*modifiers, name])


def help_rows(bindings: Iterable[Binding], *, in_field: bool) -> list[HelpRow]:
    """One row per binding with a tooltip; `in_field` picks those that work in a field."""
    return [(key_names(b), b.tooltip or b.description) for b in bindings
            if bool(b.priority) == in_field and (b.tooltip or b.description)]


def key_table(rows: Sequence[HelpRow]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, does in rows:
        table.add_row(key, does)
    return table


def field_rows(controls: Sequence[Control]) -> list[HelpRow]:
    """One row per field of the screen, from the same Control the field and the CLI read."""
    return [(c.label, c.describe()) for c in controls]


WIRES = (("wire-value", "value"), ("wire-gradient", "gradient"),
         ("wire-local", "local gradient"))


def colour_note(theme: Colours) -> Text:
    """How values and gradients look here, in the words of what is drawn: hues in colour;
    under NO_COLOR, where they are (greys or no colour cannot tell them apart)."""
    note = Text("A wire shows ")
    for i, (variable, what) in enumerate(WIRES):
        note.append(("" if i == 0 else ", " if i < len(WIRES) - 1 else " and ") + what + " ")
        note.append("like this", style=theme.bold(variable))
        hue = theme.hue(variable)
        if hue is not None:
            note.append(f" ({hue})")
    if theme.mode != "colour":
        note.append(". NO_COLOR is set: colours are drawn as "
                    + ("greys" if theme.mode == "grey" else "the terminal's text colour")
                    + ", so they are told apart by place: the tree's value and grad columns;"
                    " in the drawing, values above a wire and gradients below it, after a g.")
        return note
    other = Colours.of(COLOUR_BLIND)
    if theme.theme != other.theme:
        hues = ", ".join(f"{what}s {other.hue(variable)}" for variable, what in WIRES)
        note.append(f". The palette's Theme command switches colours: {other.theme} draws "
                    f"{hues}.")
    else:
        note.append(". The palette's Theme command switches colours back.")
    return note


def help_content(keys: Sequence[HelpRow], in_field: Sequence[HelpRow], notes: str,
                 fields: Sequence[HelpRow] = (), *, theme: Colours) -> Group:
    parts: list[Text | Table] = [Text("Keys", style="bold underline"), key_table(keys)]
    if in_field:
        parts += [Text(""), Text("In a field (letters and space type text)",
                                 style="bold underline"), key_table(in_field)]
    if fields:
        parts += [Text(""), Text("Fields (enter or leaving a field applies it)",
                                 style="bold underline"), key_table(fields)]
    parts += [Text(""), colour_note(theme)]
    if notes:
        parts += [Text(""), Text(notes)]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close", priority=True),
    ]

    def __init__(self, keys: Sequence[HelpRow], in_field: Sequence[HelpRow],
                 notes: str = "", fields: Sequence[HelpRow] = ()) -> None:
        super().__init__()
        self._rows = (keys, in_field, notes, fields)
        self._content: Group | None = None
        """What the screen shows (made when composed: its colour note is the theme's)."""

    def compose(self) -> ComposeResult:
        self._content = help_content(*self._rows, theme=colours(self.app))
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help"
            yield Static(self._content)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
