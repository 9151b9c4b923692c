"""What the app shows on a terminal smaller than it can draw: how big to make it.

The app puts this screen on top when the terminal is smaller than MIN_WIDTH x MIN_HEIGHT
and takes it away when it grows (see PlaygroundApp.fit_terminal); whatever was under it
(the circuit, a learning screen, a dialog) is as it was. Only quit works meanwhile.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24
"""The smallest terminal the app draws on: 80 x 24, every terminal's default size.

Why this size: the smallest layout (under 100 columns) keeps only the circuit and the
inputs. The inputs pane needs 35 columns (a label, a number you can read and edit); the
circuit's tree needs about 45 (names, gate, value, gradient, the local gradient of the
walk) for the guide's neuron. Its 10 wires, the walk's two-line hint and the pane's
border take 14 rows, and the header, status line and footer 3 more; at 24 rows the inputs
(method, five inputs, step size) and the gradient check fit beside it. Smaller, panes were
a few columns wide and overlapped, and a number cut short reads as a different number.
"""


def too_small(size: Size) -> bool:
    return size.width < MIN_WIDTH or size.height < MIN_HEIGHT


def message(size: Size) -> str:
    return (f"Make the terminal at least {MIN_WIDTH} x {MIN_HEIGHT}.\n"
            f"It is {size.width} x {size.height} now.\n\n"
            "The app comes back as it was when the terminal is big enough. q quits.")


class TooSmallScreen(ModalScreen[None]):
    """A notice over everything: the terminal's size, the size needed."""

    BLOCKS_SCREENS: ClassVar[bool] = True
    """Nothing opens over it: no help, no command palette (PlaygroundApp.check_action)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", priority=True),
    ]
    def compose(self) -> ComposeResult:
        yield Static(message(self.app.size), id="too-small", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#too-small", Static).update(message(event.size))
