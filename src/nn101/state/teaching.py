"""What a lesson step or the quiz asks of the learner, and what it hides and locks.

It is the model's state, not the widgets': a screen hands its model to every pane, and
each pane that could give an answer away writes `?` where the asked quantity would be.
The quiz and a lesson step go through the same record: the quiz asks the gradients while
it runs; a lesson step asks what its goal is about until the goal is met or the answer is
revealed. A lesson step may also hide or lock controls and hide whole panes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from nn101.state.controls import Control

Asked = Literal["gradients", "accuracy"]
ASKABLE: tuple[Asked, ...] = ("gradients", "accuracy")
"""What a question can be about: every wire's gradient (the tree, drawing, gates table,
equations, walk, sums, gradient check, the About text's numbers, the learning screen's
parameter gradients and circuit); the learning run's accuracy (the step pane, the
curves, the explanation's comparison)."""
PANES: tuple[str, ...] = ("about", "gates", "equations", "progress", "compare", "check",
                          "inputs", "picker", "params", "curves", "explain", "command")
"""Panes a lesson step may hide by name (the circuit screen's, then the learning
screen's); the circuit itself and the lesson are never hidden."""


@dataclass(frozen=True)
class Teaching:
    """What is asked (shown as `?`), which controls are hidden or locked, which panes are
    hidden. Frozen: a step or the quiz replaces it whole, so no pane sees half a change."""

    asked: frozenset[Asked] = frozenset()
    hidden: frozenset[Control] = frozenset()
    locked: frozenset[Control] = frozenset()
    hidden_panes: frozenset[str] = frozenset()

    def asks(self, what: Asked) -> bool:
        return what in self.asked

    def hides(self, pane: str) -> bool:
        return pane in self.hidden_panes

    def answered(self) -> Teaching:
        """The same step once its question is answered or revealed: nothing asked."""
        return replace(self, asked=frozenset())

    def __or__(self, other: Teaching) -> Teaching:
        return Teaching(self.asked | other.asked, self.hidden | other.hidden,
                        self.locked | other.locked, self.hidden_panes | other.hidden_panes)


NOTHING = Teaching()
QUIZ = Teaching(asked=frozenset({"gradients"}))
"""The quiz while a question is open: every gradient is what it asks."""
