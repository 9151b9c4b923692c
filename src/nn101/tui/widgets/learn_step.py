"""What the last iteration did, in the guide's words: the point, its score, the pull."""

from __future__ import annotations

from rich.text import Text

from nn101.engine.learning import Training
from nn101.tui.display import num, value_text
from nn101.tui.theme import colours, on_theme_change
from nn101.tui.widgets.text_lines import TextLines


def pull_reason(label: int, score: float, pull: float) -> str:
    """Why the point pulls; the score as the panes write numbers (at most 12 characters,
    scientific when large: a diverging run's scores have a hundred digits)."""
    if pull > 0:
        return f"label +1 but score {num(score)} < 1: pull up (+1)"
    if pull < 0:
        return f"label -1 but score {num(score)} > -1: pull down (-1)"
    side = ">= 1" if label == 1 else "<= -1"
    return f"right with a margin (score {side}): no pull (0)"


class LearnStepInfo(TextLines):
    _last: tuple[Training, str, str, bool] | None = None
    """What `show` was last asked for: drawn again in a new theme's colours."""

    def on_mount(self) -> None:
        on_theme_change(self, self._redraw)

    def _redraw(self) -> None:
        if self._last is not None:
            self.show(*self._last[:3], hide_accuracy=self._last[3])

    def show(self, training: Training, note: str = "", why: str = "", *,
             hide_accuracy: bool = False) -> None:
        """`why`: the "why isn't it learning?" line (state/diagnosis.py), if one holds.
        `hide_accuracy`: a lesson asks it: `?` for it (and no line that would tell it)."""
        self._last = (training, note, why, hide_accuracy)
        theme = colours(self.app)
        text = Text()
        ev = training.history[-1] if training.history[-1].iteration == training.iteration \
            else None
        text.append(f"iteration {training.iteration}", style="bold")
        if ev is not None and hide_accuracy:
            text.append(f"   accuracy ?/{ev.total}   loss ?")
        elif ev is not None:
            text.append(f"   accuracy {ev.correct}/{ev.total} ({ev.accuracy:.0%})"
                        f"   loss {num(ev.loss)}")
        last = training.last
        if last is None:
            text.append("\nno step yet: press space to step once, p to play")
        else:
            p = last.point
            text.append(f"\npicked point {last.index}: ({p.x:.2f}, {p.y:.2f}) "
                        f"label {p.label:+d}, score ")
            text.append_text(value_text(last.score, theme))
            text.append(f"\n{pull_reason(p.label, last.score, last.pull)}")
        if training.status == "diverged":
            text.append(f"\n{training.message}", style=theme.fail)
        if why and not hide_accuracy:
            text.append("\nwhy isn't it learning? ", style="bold")
            text.append(why)
        if note:
            text.append(f"\n{note}", style="italic")
        self.update(text)  # a re-layout only if its height changed
