"""Every parameter with its value and what the last step did to it.

The gradient on a parameter is the pull backprop brought (pull x d score / d param) plus the
regularization pull (-R x param, on weights only); the step moves the parameter by
step size x that sum. Values and gradients in the theme's colours, as everywhere in the app.

Drawn as one Text of fixed-width columns: a rich Table is re-measured for every line it
shows, which a net of 41 parameters redrawn 20 times a second cannot afford.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from nn101.engine.learning import Training
from nn101.tui.display import grad_text, value_text
from nn101.tui.theme import colours, on_theme_change
from nn101.tui.widgets.text_lines import TextLines

WIDTH = 10
HEADINGS = ("value", "backprop", "reg pull", "gradient")


class LearnParams(TextLines):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._training: Training | None = None

    _selected = ""
    _hide = False

    def on_mount(self) -> None:
        on_theme_change(self, self.on_resize)

    def on_resize(self) -> None:
        if self._training is not None:
            self.show(self._training, self._selected, hide_gradients=self._hide)

    def show(self, training: Training, selected: str = "", *,
             hide_gradients: bool = False) -> None:
        """All four columns when they fit; on a narrow pane the value and the gradient.
        The selected parameter (the one keys nudge) is marked with >. `hide_gradients`:
        a lesson asks them: `?` in their columns."""
        self._training = training
        self._selected = selected
        self._hide = hide_gradients
        last = training.last
        theme = colours(self.app)
        names = list(training.model.params)
        name_width = max(5, *(len(n) for n in names)) + 1
        full = self.size.width == 0 or self.size.width >= name_width + 4 * (WIDTH + 1)
        headings = HEADINGS if full else (HEADINGS[0], HEADINGS[-1])
        text = Text("param".ljust(name_width), style="bold")
        for heading in headings:
            text.append(heading.rjust(WIDTH + 1), style="bold")
        for name, value in training.model.param_values().items():
            mark = ">" if name == selected else " "
            text.append("\n")
            text.append(mark + name.ljust(name_width - 1) + " ",
                        style="bold reverse" if mark == ">" else "")
            text.append_text(value_text(value, theme, WIDTH))
            if last is None:
                text.append(("·".rjust(WIDTH + 1)) * (len(headings) - 1), style="dim")
                continue
            grads = ((last.score_gradient[name], last.regularization_pull[name],
                      last.gradient[name]) if full else (last.gradient[name],))
            for grad in grads:
                text.append(" ")
                if hide_gradients:
                    text.append("?".rjust(WIDTH))
                else:
                    text.append_text(grad_text(grad, theme, WIDTH))
        self.update(text)  # a re-layout only if its height changed
