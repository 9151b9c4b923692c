"""Chapter 3's run as a screen holds it: settings by control, the run, rewind, the picked
point's probabilities and its walk through softmax and the loss.

The learning screen's `Learning` (learning.py) is built around the guide's pulls (its
history, its random generator, its step detail); the mlp's run differs in each, so it has
this model of its own, with the same shape of API (`edit`, `apply`, `reset`, `step`, `run`,
`go_to`, `errors`, `note`), for a screen to hold one or the other. Settings are read by the
controls (`CLASS_SETTINGS_CONTROLS`), so a field, a `train mlp` flag and a compare accept
the same values; a refused value is kept in `errors` and the run is left as it was.

Rewind keeps, for every iteration of the current line, the parameters, the optimizer's
state, the gradient that made the step and the stream's state (a few hundred floats an
iteration for the README's 2-16-3 net), at most REWIND_FLOATS in all; past that the oldest
quarter is dropped. Going back and stepping drops the later iterations: a new branch.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from nn101.engine.circuit import BackwardStep
from nn101.engine.errors import EngineError
from nn101.engine.learning.classes import MAX_CLASSES
from nn101.engine.learning.classify import ClassEvaluation, ClassTraining
from nn101.engine.learning.datasets import Point
from nn101.engine.learning.mlp import class_grid, predict
from nn101.engine.learning.softmax import softmax
from nn101.engine.numerics import is_finite
from nn101.state import controls
from nn101.state.class_config import ClassConfig
from nn101.state.class_diagnosis import diagnose_classes
from nn101.state.class_runs import (
    PRESET_FIXED,
    class_command,
    class_summary,
    make_data,
    make_run,
)
from nn101.state.diagnosis import Finding
from nn101.state.learning import REFUSED, read_setting
from nn101.state.own_points import MAX_DATA_POINTS, OwnPoints
from nn101.state.teaching import NOTHING, Teaching
from nn101.state.text import line

CLASS_SETTINGS_CONTROLS: tuple[controls.Control, ...] = (
    controls.CLASS_DATASET, *controls.CLASS_FIELDS, controls.POINTS, controls.NOISE,
    controls.DATA_SEED)
"""What an mlp form shows (the model select above them, as the learning screen's)."""
REWIND_FLOATS = 2_000_000


@dataclass(frozen=True)
class Snapshot:
    iteration: int
    params: tuple[float, ...]
    state: tuple[tuple[float, ...], ...]
    """The optimizer's per-parameter state, in parameter order, its keys' order."""
    t: int
    rng: int
    gradient: tuple[float, ...]
    batch: tuple[int, ...]


@dataclass(frozen=True)
class LogitGradient:
    """One logit's gradient at the picked point, as the walk found it: p - y."""

    k: int
    p: float
    y: float
    parts: tuple[tuple[str, float], ...]
    """(gate name, what its backward added to z_k) for every gate z_k feeds."""

    @property
    def total(self) -> float:
        return sum(a for _, a in self.parts)


class ClassLearning(OwnPoints):
    CLASSES = True

    def __init__(self, config: ClassConfig | None = None,
                 points: Sequence[tuple[float, float, int]] | None = None) -> None:
        self.config = config or ClassConfig(every=1)
        self.points = None if points is None else tuple(points)
        self.errors: dict[str, str] = {}
        self.note = ""
        self.picked = 0
        """The training point whose probabilities and walk are shown."""
        self.step_teaching: Teaching = NOTHING
        """What the lesson step showing this run asks, hides and locks (state/teaching.py)."""
        self.training = self._build(self.config, self.points)
        self.restart(self.training)

    @staticmethod
    def _build(config: ClassConfig, points: Sequence[tuple[float, float, int]] | None
               ) -> ClassTraining:
        return make_run(config, make_data(config, points) if config.preset is None else None)

    def restart(self, training: ClassTraining) -> None:
        self.training = training
        self.picked = min(self.picked, len(training.split.train) - 1)
        self._line: list[Snapshot] = [self._snapshot()]
        self._head_history: list[ClassEvaluation] = training.history

    # --- settings ---------------------------------------------------------------------

    def text(self, key: str) -> str:
        value = getattr(self.config, key)
        return value if isinstance(value, str) else repr(value)

    def edit(self, control: controls.Control, text: str) -> bool:
        """Apply a typed value; False (and `errors[key]` says why) when refused."""
        value = read_setting(self, control, text)
        return value is not REFUSED and self.apply({control.key: value})

    def apply(self, changes: Mapping[str, Any], points: Any = ...) -> bool:
        """Rebuild from iteration 0 with `changes` (and your own `points`, when given; None
        goes back to the named data set); on refusal keep the run as it is. A preset keeps
        its data and stream unless they change."""
        new_points = self.points if points is ... else (
            None if points is None else tuple(points))
        try:
            keeps = not set(changes) & PRESET_FIXED and new_points is None
            config = replace(self.config, **changes,
                             preset=self.config.preset if keeps else None)
            training = self._build(config, new_points)
        except (EngineError, TypeError) as err:
            self.errors["settings"] = line(str(err))
            return False
        self.errors.pop("settings", None)
        self.config = config
        self.points = new_points
        self.restart(training)
        self.note = "settings applied: back to iteration 0"
        return True

    def reset(self) -> None:
        self.errors.clear()
        self.restart(self._build(self.config, self.points))
        self.note = f"reset: iteration 0, seed {self.config.seed}"

    # --- your own points (labels 0..7) ---------------------------------------------------

    def current_points(self) -> list[tuple[float, float, int]]:
        """Every point of the split (training, validation, test), as a file lists them."""
        split = self.training.split
        return [(p.x, p.y, p.label)
                for part in (split.train, split.val, split.test) for p in part.points]

    def add_point(self, x: float, y: float, label: int) -> bool:
        if not is_finite(x, y) or not 0 <= label < MAX_CLASSES:
            self.errors["data"] = f"a point needs finite x, y and a class 0 to {MAX_CLASSES - 1}"
            return False
        points = self.current_points()
        if len(points) >= MAX_DATA_POINTS:
            self.errors["data"] = f"at most {MAX_DATA_POINTS:,} points"
            return False
        ok = self.apply({}, points=[*points, (x, y, label)])
        if ok:
            self.errors.pop("data", None)
            self.note = f"point ({x:.3g}, {y:.3g}) class {label} added: back to iteration 0"
        return ok

    def remove_point(self, index: int) -> bool:
        points = self.current_points()
        if not 0 <= index < len(points):
            self.errors["data"] = "no point there"
            return False
        x, y, label = points.pop(index)
        ok = self.apply({}, points=points)
        if ok:
            self.errors.pop("data", None)
            self.note = f"point ({x:.3g}, {y:.3g}) class {label} removed: back to iteration 0"
        return ok

    # --- the run and its line ---------------------------------------------------------

    @property
    def iteration(self) -> int:
        return self.training.iteration

    @property
    def head(self) -> int:
        return self._line[-1].iteration

    def _snapshot(self) -> Snapshot:
        t = self.training
        names = list(t.model.params)
        state = t.optimizer.state
        return Snapshot(t.iteration, tuple(t.model.params[n].value for n in names),
                        tuple(tuple(state[n].values()) for n in names), t.optimizer.t,
                        t.rng.state, tuple(t.last_gradient.get(n, 0.0) for n in names),
                        t.last_batch)

    def step(self) -> bool:
        """One update from where the view is (from a past iteration: a new branch)."""
        if self.iteration < self.head:
            self._line = [s for s in self._line if s.iteration <= self.iteration]
            self._head_history = [e for e in self._head_history
                                  if e.iteration <= self.iteration]
            self.note = f"new branch from iteration {self.iteration}"
        if not self.training.step():
            return False
        self._line.append(self._snapshot())
        width = 3 * len(self.training.model.params) + 4
        if len(self._line) * width > REWIND_FLOATS:
            del self._line[1: len(self._line) // 4]  # the start stays: reset needs none
        self._head_history = self.training.history  # the same list: no copy a step
        return True

    def run(self, iterations: int) -> None:
        for _ in range(iterations):
            if not self.step():
                break

    def settle(self) -> None:
        """Nothing to settle after a batch of steps: each step records its own history
        (the learning screen's model evaluates a big data set once a batch, here)."""

    def advance(self, count: int, deadline: float) -> int:
        """Up to `count` updates, none begun after `deadline` (time.perf_counter), at
        least one unless the run cannot go on (diverged); how many were taken (a player's
        slice between frames)."""
        for done in range(1, count + 1):
            if not self.step():
                return done - 1
            if time.perf_counter() > deadline:
                return done
        return count

    @property
    def rewound(self) -> bool:
        return self.iteration < self.head

    def back(self, count: int = 1) -> bool:
        """`count` iterations back (negative: forward along the kept line)."""
        target = max(0, min(self.head, self.iteration - count))
        return self.go_to(target)

    def rewind_note(self) -> str:
        first = self._line[1].iteration if len(self._line) > 1 else 0
        return (f"rewind keeps iterations {first:,} to {self.head:,} of this run (and "
                f"iteration 0), within {REWIND_FLOATS:,} numbers; now at {self.iteration:,}")

    def go_to(self, iteration: int) -> bool:
        """Show the run as it stood after `iteration` updates (the nearest kept one)."""
        kept = [s for s in self._line if s.iteration <= iteration] or self._line[:1]
        snap = kept[-1]
        if snap.iteration == self.iteration:
            return False
        t = self.training
        names = list(t.model.params)
        t.model.set_params(dict(zip(names, snap.params, strict=True)))
        for name, values in zip(names, snap.state, strict=True):
            st = t.optimizer.state[name]
            for key, value in zip(list(st), values, strict=True):
                st[key] = value
        t.optimizer.t = snap.t
        t.rng.state = snap.rng
        t.iteration, t.status, t.message = snap.iteration, "ok", ""
        t.last_gradient = dict(zip(names, snap.gradient, strict=True)) if snap.batch else {}
        t.last_batch = snap.batch
        t.history = [e for e in self._head_history if e.iteration <= snap.iteration]
        return True

    # --- what the panes show ----------------------------------------------------------

    @property
    def point(self) -> Point:
        return self.training.split.train.points[self.picked]

    def pick(self, index: int) -> None:
        n = len(self.training.split.train)
        self.picked = max(0, min(n - 1, index))

    def probabilities(self) -> list[float]:
        """The picked point's class probabilities, softmax of its logits."""
        p = self.point
        return softmax(self.training.model.scorer()(p.x, p.y))

    def predicted(self) -> int:
        p = self.point
        return predict(self.training.model.scorer()(p.x, p.y))

    def walk(self) -> list[BackwardStep]:
        """The picked point's backward pass through the loss, softmax and the net, gate by
        gate (the circuit's own walk: the wires hold its values and grads afterwards)."""
        model = self.training.model
        model.loss_at(self.point)
        return list(model.circuit.backward_steps())

    def logit_gradients(self) -> list[LogitGradient]:
        """Each logit's p - y, written out as the walk's contributions to its wire."""
        model = self.training.model
        steps = self.walk()
        probs = self.probabilities()
        out = []
        for k, z in enumerate(model.logits):
            parts = tuple((s.gate.name, c.added) for s in steps for c in s.contributions
                          if c.unit is z)
            out.append(LogitGradient(k, probs[k], 1.0 if self.point.label == k else 0.0,
                                     parts))
        return out

    def grid(self, bounds: tuple[float, float, float, float], cols: int, rows: int
             ) -> list[list[tuple[int, float]]]:
        return class_grid(self.training.model.scorer(), bounds, cols, rows)

    def optimizer_rows(self) -> list[tuple[str, float, float, dict[str, float]]]:
        """(name, value, last gradient, optimizer state) for every parameter."""
        t = self.training
        return [(n, u.value, t.last_gradient.get(n, 0.0), dict(t.optimizer.state[n]))
                for n, u in t.model.params.items()]

    def diagnoses(self) -> list[Finding]:
        return diagnose_classes(self.training)

    def command(self) -> str:
        """The "same run" line: the CLI command that repeats this run to this iteration."""
        text = class_command(self.config, self.iteration, self.points is not None)
        return text + ("   (FILE.csv: your points)" if self.points is not None else "")

    def summary(self) -> dict[str, Any]:
        return class_summary(self.training, self.config, self.points is not None)
