"""How numbers read on screen: one format, in the theme's colours everywhere.

Values and gradients have a colour each (green and red, as in the CS231n notes' circuit
diagrams, so a glance tells which way a number flows); the colours are the running theme's,
passed in as `Colours` (nn101.tui.theme: a pane asks `colours(self.app)` when it draws).
Five decimals let 0.8825 (exactly 0.882550) read right where the guide truncates.
"""

from __future__ import annotations

import math

from rich.text import Text

from nn101.tui.theme import Colours

DIM = "dim"
DECIMALS = 5


def num(value: float | None, width: int = 0) -> str:
    """A number with five decimals, scientific when that would hide it; '?' when unknown."""
    if value is None:
        text = "?"
    elif not math.isfinite(value):
        text = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    elif value != 0.0 and (abs(value) >= 1e7 or abs(value) < 10.0 ** -DECIMALS):
        text = f"{value:.3e}"
    else:
        text = f"{value:.{DECIMALS}f}"
    return text.rjust(width)


def value_text(value: float | None, colours: Colours, width: int = 0) -> Text:
    return Text(num(value, width), style=colours.value if value is not None else DIM)


def grad_text(grad: float | None, colours: Colours, width: int = 0) -> Text:
    return Text(num(grad, width), style=colours.grad if grad is not None else DIM)


def local_text(local: float, colours: Colours, width: int = 0) -> Text:
    return Text(num(local, width), style=colours.local)


def short(value: float) -> str:
    """A setting as the user would type it (1e-4, 0.01, 100)."""
    return f"{value:g}"
