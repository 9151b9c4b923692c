"""How numbers read on screen: one format and two colours everywhere.

Values are green and gradients red, as in the CS231n notes' circuit diagrams, so a glance
tells which way a number flows; the colours are the theme's (nn101.tui.theme: the
colour-blind-safe theme makes them blue and orange), set by `use_theme` when the app starts
and whenever its theme changes. Read them as `display.VALUE` at draw time, never import
the names (an imported name keeps the colour of the theme at import). Five decimals let
0.8825 (exactly 0.882550) read right where the guide truncates.
"""

from __future__ import annotations

import math

from rich.text import Text

VALUE = "bold #3fb950"
GRAD = "bold #f85149"
LOCAL = "bold #d29922"


def use_theme(theme_variables: dict[str, str]) -> None:
    """Take the value, gradient and local-gradient colours from the running theme."""
    from nn101.tui.theme import variables

    global VALUE, GRAD, LOCAL
    colours = variables(theme_variables)
    VALUE = f"bold {colours['wire-value']}"
    GRAD = f"bold {colours['wire-gradient']}"
    LOCAL = f"bold {colours['wire-local']}"

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


def value_text(value: float | None, width: int = 0) -> Text:
    return Text(num(value, width), style=VALUE if value is not None else DIM)


def grad_text(grad: float | None, width: int = 0) -> Text:
    return Text(num(grad, width), style=GRAD if grad is not None else DIM)


def local_text(local: float, width: int = 0) -> Text:
    return Text(num(local, width), style=LOCAL)


def short(value: float) -> str:
    """A setting as the user would type it (1e-4, 0.01, 100)."""
    return f"{value:g}"
