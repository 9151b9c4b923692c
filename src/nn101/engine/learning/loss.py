"""The guide's hinge loss, and how well a model does on a data set.

The pulls of the guide are the (negative) gradient of a hinge loss: for a point with
label y and score s, the pull is y when y*s < 1 and 0 otherwise, which is exactly
-d/ds max(0, 1 - y*s); the regularization pull -R*w is -d/dw (R/2) w**2. So a step on one
random point descends, on average over the points, the objective

    mean_i max(0, 1 - y_i s_i) + (R/2) * sum of the multiplicative parameters squared,

and that is the "loss" training reports. `hinge_loss` is the guide's own formula (a sum
over points plus alpha * (w0**2 + w1**2)), kept for its worked example.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nn101.engine.errors import InputError
from nn101.engine.learning.datasets import Dataset
from nn101.engine.learning.models import Model


@dataclass(frozen=True)
class HingeLoss:
    scores: tuple[float, ...]
    costs: tuple[float, ...]
    """max(0, -y_i * score_i + 1) for each point."""
    regularization: float
    total: float


def hinge_loss(
    xs: Sequence[tuple[float, float]],
    labels: Sequence[int],
    w: tuple[float, float, float],
    alpha: float,
) -> HingeLoss:
    """The guide's SVM cost: sum_i max(0, -y_i (w0 x_i0 + w1 x_i1 + w2) + 1)
    + alpha (w0**2 + w1**2); the bias w2 is not regularized."""
    if len(xs) != len(labels):
        raise InputError(f"{len(xs)} points but {len(labels)} labels")
    scores = tuple(w[0] * x0 + w[1] * x1 + w[2] for x0, x1 in xs)
    costs = tuple(max(0.0, -yi * s + 1.0) for yi, s in zip(labels, scores, strict=True))
    reg = alpha * (w[0] * w[0] + w[1] * w[1])
    return HingeLoss(scores, costs, reg, sum(costs) + reg)


def pull(label: int, score: float) -> float:
    """The guide's pull: up (+1) on a positive scored below 1, down (-1) on a negative
    scored above -1, otherwise leave it (0) — it is already right with a margin."""
    if label == 1 and score < 1.0:
        return 1.0
    if label == -1 and score > -1.0:
        return -1.0
    return 0.0


def predict(score: float) -> int:
    """The guide's prediction: +1 if the score is positive, else -1 (a score of 0 is -1)."""
    return 1 if score > 0.0 else -1


@dataclass(frozen=True)
class Evaluation:
    """A model on a whole data set at one iteration."""

    iteration: int
    correct: int
    total: int
    data_loss: float
    """Mean hinge cost over the points."""
    regularization_loss: float
    """(R/2) * sum of the multiplicative parameters squared."""

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def loss(self) -> float:
        return self.data_loss + self.regularization_loss


def evaluate(model: Model, dataset: Dataset, regularization: float, iteration: int = 0
             ) -> Evaluation:
    """Accuracy and the loss the pulls descend, over every point.

    Scores come from the model's fast scorer (equal to its circuit's, bit for bit): the
    app re-evaluates a hundred points many times a second while it trains.
    """
    score = model.fast_scorer()
    correct = 0
    cost = 0.0
    for p in dataset.points:
        s = score(p.x, p.y)
        correct += predict(s) == p.label
        cost += max(0.0, 1.0 - p.label * s)
    reg = 0.5 * regularization * sum(model.params[n].value ** 2 for n in model.multiplicative)
    n = len(dataset.points)
    return Evaluation(iteration, correct, n, cost / n if n else 0.0, reg)
