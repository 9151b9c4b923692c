"""The keys, and which of them still work while a field has focus."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Keys

| key | does |
|---|---|
| `space` or `n` | one step of the current method |
| `p` | run / pause continuous stepping (stops by itself if the run diverges) |
| `b` | backward pass, one gate at a time (the gate is highlighted with its local gradient) |
| `f` | forward pass only (gradients unknown until you walk back) |
| `r` | reset to the scenario's start values and settings |
| `m` | cycle the method: random search → numerical → backprop |
| `c` | gradient check: backprop vs numerical, input by input |
| `]` / `[` | next / previous scenario |
| `?` or `F1` | this help |
| `q` | quit |
| `ctrl+p` | command palette: every scenario and action by name |

**In a field** letters and space type text. There `ctrl+n` steps, `ctrl+b` walks one
gate, `ctrl+r` resets, `F1` opens help and `ctrl+q` quits; `escape` leaves the field so
the plain keys work again. `tab` moves between fields and panes.

# What you see

Values are **green**, gradients **red**; a local gradient (the gate's own slope) is
**yellow**. A bad value in a field says why beside it and changes nothing: the last good
value stays in use until you type a valid one.

Editing an input starts a new run from there; a setting (method, step size, h, tries,
tweak) applies from the next step. Each scenario keeps its own state when you switch away
and back; `r` starts it over. Random search is seeded, so a run can be replayed.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
