"""Every parameter with its value, the last gradient and the optimizer's state for it.

SGD keeps nothing; momentum its velocity v; Adam and AdamW the moments m and v. The last
column is the step the optimizer took (new value - old), so a learner sees Adam move every
parameter by about the step size whatever its gradient's size. One Text of fixed-width
columns (a rich Table is re-measured for every line: too slow for a playing run).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from nn101.state.class_learning import ClassLearning
from nn101.tui import display
from nn101.tui.theme import Colours, colours
from nn101.tui.widgets.text_lines import TextLines

WIDTH = 10
STATE_NAMES = {"velocity": "velocity", "m": "m", "v": "v"}


def state_text(learning: ClassLearning, theme: Colours, limit: int = 0, *,
               hide_gradients: bool = False) -> Text:
    """The table; `limit` rows at most (0: all), the rest counted on a last line.
    `hide_gradients`: a lesson asks them, so the gradient column and the moments made
    from it are `?`."""
    rows = learning.optimizer_rows()
    keys = [k for k in rows[0][3] if k != "step"] if rows else []
    opt = learning.training.optimizer
    text = Text(f"{opt.settings.name}, t = {opt.t}\n", style="bold")
    width = max(5, *(len(r[0]) for r in rows)) + 1 if rows else 6
    text.append("param".ljust(width), style="bold")
    for heading in ("value", "grad", *(STATE_NAMES[k] for k in keys), "step"):
        text.append(heading.rjust(WIDTH + 1), style="bold")
    shown = rows if not limit else rows[:limit]
    for name, value, grad, state in shown:
        text.append("\n" + name.ljust(width))
        text.append(" ")
        text.append_text(display.value_text(value, theme, WIDTH))
        text.append(" ")
        if hide_gradients:
            text.append("?".rjust(WIDTH) + ("?".rjust(WIDTH + 1) * len(keys)))
        else:
            text.append_text(display.grad_text(grad, theme, WIDTH))
            for k in keys:
                text.append(" " + display.num(state[k], WIDTH))
        text.append(" " + display.num(state["step"], WIDTH))
    if len(shown) < len(rows):
        text.append(f"\n... {len(rows) - len(shown)} more", style="dim")
    return text


class OptimizerState(TextLines):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    def show(self, learning: ClassLearning, *, hide_gradients: bool = False,
             limit: int = 0) -> None:
        self.update(state_text(learning, colours(self.app), limit,
                              hide_gradients=hide_gradients))
