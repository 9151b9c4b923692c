"""What the last iteration did, in the guide's words: the point, its score, the pull."""

from __future__ import annotations

from rich.text import Text

from nn101.engine.learning import Training
from nn101.tui.display import num, value_text
from nn101.tui.widgets.steady_static import SteadyStatic


def pull_reason(label: int, score: float, pull: float) -> str:
    """Why the point pulls; the score as the panes write numbers (at most 12 characters,
    scientific when large: a diverging run's scores have a hundred digits)."""
    if pull > 0:
        return f"label +1 but score {num(score)} < 1: pull up (+1)"
    if pull < 0:
        return f"label -1 but score {num(score)} > -1: pull down (-1)"
    side = ">= 1" if label == 1 else "<= -1"
    return f"right with a margin (score {side}): no pull (0)"


class LearnStepInfo(SteadyStatic):
    def show(self, training: Training, note: str = "", why: str = "") -> None:
        """`why`: the "why isn't it learning?" line (state/diagnosis.py), if one holds."""
        text = Text()
        ev = training.history[-1] if training.history[-1].iteration == training.iteration \
            else None
        text.append(f"iteration {training.iteration}", style="bold")
        if ev is not None:
            text.append(f"   accuracy {ev.correct}/{ev.total} ({ev.accuracy:.0%})"
                        f"   loss {num(ev.loss)}")
        last = training.last
        if last is None:
            text.append("\nno step yet: press space to step once, p to play")
        else:
            p = last.point
            text.append(f"\npicked point {last.index}: ({p.x:.2f}, {p.y:.2f}) "
                        f"label {p.label:+d}, score ")
            text.append_text(value_text(last.score))
            text.append(f"\n{pull_reason(p.label, last.score, last.pull)}")
        if training.status == "diverged":
            text.append(f"\n{training.message}", style="bold red")
        if why:
            text.append("\nwhy isn't it learning? ", style="bold")
            text.append(why)
        if note:
            text.append(f"\n{note}", style="italic")
        self.write(text)  # a re-layout only if its height changed
