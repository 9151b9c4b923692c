"""The backward walk, one gate at a time: the circuit screen's playground and the learning
screen's model circuit both walk their circuit this way (`b`), so the bookkeeping is here.
"""

from __future__ import annotations

from collections.abc import Iterator

from nn101.engine.circuit import BackwardStep, Circuit
from nn101.engine.gates import Gate
from nn101.state import notation


class Walking:
    """Mixed into a model that has a `circuit`: `walk` holds the gates walked so far,
    output side first; `next_gate(out_grad)` takes one more."""

    circuit: Circuit

    def __init__(self) -> None:
        self.walk: list[BackwardStep] = []
        """The gates processed so far in the backward walk, output side first."""
        self._walk_iter: Iterator[BackwardStep] | None = None

    def next_gate(self, out_grad: float) -> BackwardStep | None:
        """One gate of the backward pass from `out_grad` at the output; None when the walk
        is complete. The first call (and the one after the last gate) starts a new walk:
        every grad 0, the output's `out_grad` (see `walk_starts`)."""
        if self._walk_iter is None or self.walk_complete:
            self.walk_starts()
            self.walk = []
            self._walk_iter = self.circuit.backward_steps(out_grad)
        taken = next(self._walk_iter, None)
        if taken is not None:
            self.walk.append(taken)
        return taken

    def walk_starts(self) -> None:
        """Called as a new walk starts (a model may run its circuit forward first)."""

    def end_walk(self) -> None:
        self._walk_iter = None
        self.walk = []

    @property
    def walk_active(self) -> bool:
        """A backward walk is shown (in progress or just completed)."""
        return self._walk_iter is not None

    @property
    def walk_complete(self) -> bool:
        return self.walk_active and len(self.walk) == len(self.circuit.gates)

    @property
    def walk_gate(self) -> Gate | None:
        """The gate the walk processed last (the one to highlight)."""
        return self.walk[-1].gate if self.walk_active and self.walk else None

    def walk_lines(self, start: str, naming: notation.Naming) -> list[str]:
        """What a pane writes under the drawing of a model's circuit: `start` (how a walk
        starts) before one, else the walk's place and its last gate's chain rule."""
        if not self.walk_active:
            return [start]
        done = len(self.walk)
        head = f"walk: gate {done} of {len(self.circuit.gates)}"
        if done == 0:
            return [head]
        if self.walk_complete:
            head += " (complete: b starts again)"
        return [head, *(t.text for t in notation.chain_rule(self.walk[-1], naming)
                        if t.variable)]
