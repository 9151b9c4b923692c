"""Stochastic gradient descent with the guide's pulls, one random point per iteration.

One iteration, as in the guide's `learnFrom`: pick a point, run the model's circuit forward,
set the output's grad to the pull and run it backward, add the regularization pull -R*w to
every multiplicative parameter's grad, then move every parameter by step_size * grad.
Every iteration is reported in a `StepDetail` so the app can show which point was picked
and what each parameter felt. A step that would leave finite numbers stops the run as
"diverged" and keeps the last good parameters.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal

from nn101.engine.errors import InputError
from nn101.engine.learning.datasets import Dataset, Point, make_dataset
from nn101.engine.learning.history import History
from nn101.engine.learning.loss import Evaluation, evaluate, pull
from nn101.engine.learning.models import HIDDEN, Model, make_model
from nn101.engine.numerics import is_finite

STEP_SIZE = 0.01
REGULARIZATION = 1.0
"""The guide's strength: its regularization pull on a weight a is exactly -a."""
ITERATIONS = 400
EVERY = 25
"""The guide prints the training accuracy every 25 iterations."""
PARAM_LIMIT = 1e100
"""Past this a parameter has run away; stopping here keeps every loss a finite float."""
MAX_ITERATIONS = 10_000_000


@dataclass(frozen=True)
class TrainSettings:
    """How to learn; the defaults are the guide's."""

    step_size: float = STEP_SIZE
    regularization: float = REGULARIZATION
    seed: int | None = 0
    """Seeds the net's starting parameters and the choice of points; None = fresh entropy."""
    every: int = EVERY
    """Record accuracy and loss on the whole data set every this many iterations."""

    def validate(self) -> None:
        if not is_finite(self.step_size) or self.step_size <= 0.0:
            raise InputError("step size must be a finite number greater than 0")
        if not is_finite(self.regularization) or self.regularization < 0.0:
            raise InputError("regularization must be a finite number, 0 or more")
        if self.every < 1:
            raise InputError("every must be 1 or more")


@dataclass(frozen=True)
class StepDetail:
    """One iteration, everything the app shows about it."""

    iteration: int
    index: int
    """Which point of the data set was picked."""
    point: Point
    score: float
    pull: float
    score_gradient: dict[str, float]
    """What backprop put on each parameter: pull * d(score)/d(param)."""
    regularization_pull: dict[str, float]
    """-R * param on the multiplicative parameters, 0 on the biases."""
    gradient: dict[str, float]
    """The sum of the two: the direction each parameter moves."""
    params_before: dict[str, float]
    params: dict[str, float]
    """After the update."""


@dataclass
class Training:
    """A model learning a data set: its state, the last step and the history so far."""

    model_kind: str
    dataset: Dataset
    settings: TrainSettings = field(default_factory=TrainSettings)
    hidden: int = HIDDEN
    activation: str = "relu"
    """The net's hidden gate: relu, tanh or sigmoid (the SVM has none)."""
    model: Model = field(init=False)
    iteration: int = field(init=False, default=0)
    status: Literal["ok", "diverged"] = field(init=False, default="ok")
    message: str = field(init=False, default="")
    history: History = field(init=False, default_factory=History)
    """Kept as columns of numbers (history.py): tens of thousands a second at full speed."""
    last: StepDetail | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.settings.validate()
        if not self.dataset.points:
            raise InputError("the data set has no points")
        self.reset()

    def reset(self) -> None:
        """Back to the start: the same seed gives the same parameters and the same picks."""
        self.rng = random.Random(self.settings.seed)
        self.model = make_model(self.model_kind, self.hidden, self.rng, self.activation)
        self.iteration = 0
        self.status, self.message = "ok", ""
        self.last = None
        self.history = History([self.evaluate()])

    def evaluate(self) -> Evaluation:
        """Accuracy and loss of the current parameters on the whole data set."""
        return evaluate(self.model, self.dataset, self.settings.regularization, self.iteration)

    def step(self) -> StepDetail | None:
        """One iteration; None once diverged (the parameters stay at the last good ones)."""
        if self.status == "diverged":
            return None
        model, reg, size = self.model, self.settings.regularization, self.settings.step_size
        index = self.rng.randrange(len(self.dataset.points))
        point = self.dataset.points[index]
        score = model.score(point.x, point.y)
        iteration = self.iteration + 1
        if not is_finite(score):
            self._diverge(iteration, f"the score of point {index} is not finite")
            return None
        p = pull(point.label, score)
        from_score = model.backward(p)
        before = model.param_values()
        reg_pull = {n: (-reg * before[n] if n in model.multiplicative else 0.0)
                    for n in before}
        gradient = {n: from_score[n] + reg_pull[n] for n in before}
        after = {n: before[n] + size * gradient[n] for n in before}
        if not all(is_finite(v) and abs(v) <= PARAM_LIMIT for v in after.values()):
            self._diverge(iteration, "a parameter ran away past 1e100 or left the finite "
                          "numbers (try a smaller step size)")
            return None
        for n, v in after.items():
            model.params[n].value = v
        self.iteration = iteration
        self.last = StepDetail(iteration, index, point, score, p, from_score, reg_pull,
                               gradient, before, after)
        if iteration % self.settings.every == 0:
            self.history.append(self.evaluate())
        return self.last

    def _diverge(self, iteration: int, why: str) -> None:
        self.status = "diverged"
        self.message = f"diverged at iteration {iteration}: {why}"

    def run(self, iterations: int) -> Training:
        """Take up to `iterations` steps; the history ends with the state where it stopped."""
        if not 0 <= iterations <= MAX_ITERATIONS:
            raise InputError(f"iterations must be between 0 and {MAX_ITERATIONS}")
        for _ in range(iterations):
            if self.step() is None:
                break
        if self.history[-1].iteration != self.iteration:
            self.history.append(self.evaluate())
        return self

    @property
    def final(self) -> Evaluation:
        """Accuracy and loss where the run stands now."""
        last = self.history[-1]
        return last if last.iteration == self.iteration else self.evaluate()


def train(
    model: str = "svm",
    dataset: str | Dataset = "guide",
    iterations: int = ITERATIONS,
    settings: TrainSettings | None = None,
    hidden: int = HIDDEN,
    activation: str = "relu",
) -> Training:
    """Train from the start for `iterations` steps: what the CLI's `train` runs."""
    data = make_dataset(dataset) if isinstance(dataset, str) else dataset
    return Training(model, data, settings or TrainSettings(), hidden, activation).run(
        iterations)
