"""The picked point's class probabilities, and each logit's gradient as the walk found it.

One line a class: its glyph, p_k as a number and a bar, the target y_k, and the logit's
gradient written out as the walk's two contributions, `p - y = 0.24467 - 0 = 0.24467`
(the subtraction z_k - m brought p_k, the target's pick -y_k; the max's share, 0 up to
rounding, is in the total). Values green, gradients red, as everywhere in the app.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from nn101.state.class_learning import ClassLearning
from nn101.tui import display
from nn101.tui.theme import Colours, colours
from nn101.tui.widgets.class_map import GLYPHS
from nn101.tui.widgets.text_lines import TextLines

BAR = 6
"""The probability bar's cells: short, so a class's line (with p - y written out) fits
the 3-class screen's right column on one line."""


def probability_text(learning: ClassLearning, theme: Colours) -> Text:
    point = learning.point
    text = Text(f"point {learning.picked}: ({point.x:.3f}, {point.y:.3f}), class "
                f"{point.label} {GLYPHS[point.label]}; says {learning.predicted()}",
                style="bold")
    for g in learning.logit_gradients():
        filled = round(g.p * BAR)
        text.append(f"\n{GLYPHS[g.k]} {g.k}  p ")
        text.append_text(display.value_text(g.p, theme, 8))
        text.append(" " + "█" * filled + "·" * (BAR - filled) + f"  y {g.y:g}  dz{g.k} = p - y"
                    " = ")
        text.append_text(display.value_text(g.p, theme))
        text.append(f" - {g.y:g} = ")
        text.append_text(display.grad_text(g.total, theme))
    return text


class ClassProbs(TextLines):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    def show(self, learning: ClassLearning) -> None:
        self.update(probability_text(learning, colours(self.app)))
