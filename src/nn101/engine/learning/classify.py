"""Chapter 3's training: an MLP learning K classes by cross-entropy, with an optimizer.

One iteration: take the batch (the whole training split, or `batch` points drawn without
replacement from the run's stream), average its points' gradients (each point's circuit
run forward and backward: mlp.py), and let the optimizer move every parameter. The run
records, every `every` iterations, the mean loss and accuracy on the training and the
validation split; record k is the state after k updates. A step that would leave finite
numbers stops the run as "diverged" with the last good parameters kept.

Everything random draws from one XorShift stream (rng.py): the weights, then the batches.
A run that also drew its data from that stream (the peer run: yin-yang, then the weights)
passes the stream as it stands after the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nn101.engine.errors import InputError
from nn101.engine.learning.classes import Split
from nn101.engine.learning.datasets import Dataset, Point
from nn101.engine.learning.mlp import MLP, predict
from nn101.engine.learning.optimizers import Optimizer, OptimizerSettings
from nn101.engine.learning.rng import XorShift
from nn101.engine.learning.softmax import cross_entropy_value
from nn101.engine.numerics import is_finite

PARAM_LIMIT = 1e100
MAX_ITERATIONS = 1_000_000


@dataclass(frozen=True)
class ClassSettings:
    """How to learn K classes; the defaults are the peer run's model (2-8-K tanh)."""

    optimizer: OptimizerSettings = field(default_factory=OptimizerSettings)
    hidden: int = 8
    activation: str = "tanh"
    init: str = "eureka"
    batch: int = 0
    """Points per step; 0 (or the split's size or more) is the full batch."""
    seed: int = 0
    every: int = 1

    def validate(self) -> None:
        self.optimizer.validate()
        if self.batch < 0:
            raise InputError(f"batch must be 0 (full) or more, got {self.batch}")
        if self.every < 1:
            raise InputError("every must be 1 or more")


@dataclass(frozen=True)
class ClassEvaluation:
    """The model on the two splits after `iteration` updates."""

    iteration: int
    loss: float
    """Mean cross-entropy on the training split."""
    accuracy: float
    val_loss: float | None
    val_accuracy: float | None


def measure(model: MLP, data: Dataset) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) over the points, from the logits in plain floats."""
    if not data.points:
        return 0.0, 0.0
    score = model.scorer()
    total, correct = 0.0, 0
    for p in data.points:
        z = score(p.x, p.y)
        total += cross_entropy_value(z, p.label)
        correct += predict(z) == p.label
    return total / len(data.points), correct / len(data.points)


@dataclass
class ClassTraining:
    split: Split
    settings: ClassSettings = field(default_factory=ClassSettings)
    stream: XorShift | None = None
    """The stream to draw the weights and batches from, as it stands (None: the seed's)."""
    model: MLP = field(init=False)
    optimizer: Optimizer = field(init=False)
    iteration: int = field(init=False, default=0)
    status: str = field(init=False, default="ok")
    message: str = field(init=False, default="")
    history: list[ClassEvaluation] = field(init=False, default_factory=list)
    last_batch: tuple[int, ...] = field(init=False, default=())
    last_gradient: dict[str, float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.settings.validate()
        if not self.split.train.points:
            raise InputError("the training split has no points")
        self._start = self.stream.copy() if self.stream else XorShift(self.settings.seed)
        self.reset()

    def reset(self) -> None:
        s = self.settings
        self.rng = self._start.copy()
        self.model = MLP(s.hidden, self.split.classes, s.activation, s.init, self.rng)
        self.optimizer = Optimizer(s.optimizer, list(self.model.params))
        self.iteration = 0
        self.status, self.message = "ok", ""
        self.last_batch, self.last_gradient = (), {}
        self.history = [self.evaluate()]

    def evaluate(self) -> ClassEvaluation:
        loss, acc = measure(self.model, self.split.train)
        if self.split.val.points:
            vl, va = measure(self.model, self.split.val)
            return ClassEvaluation(self.iteration, loss, acc, vl, va)
        return ClassEvaluation(self.iteration, loss, acc, None, None)

    def batch(self) -> tuple[int, ...]:
        """The indices of the next batch: all of them, or a partial shuffle's first B."""
        n = len(self.split.train.points)
        b = self.settings.batch
        if b == 0 or b >= n:
            return tuple(range(n))
        order = list(range(n))
        for i in range(b):
            j = i + self.rng.below(n - i)
            order[i], order[j] = order[j], order[i]
        return tuple(order[:b])

    def step(self) -> bool:
        """One update; False once diverged (the parameters stay the last good ones)."""
        if self.status == "diverged":
            return False
        picked = self.batch()
        pts: list[Point] = [self.split.train.points[i] for i in picked]
        iteration = self.iteration + 1
        loss, grads = self.model.gradient(pts)
        if not is_finite(loss, *grads.values()):
            return self._diverge(iteration, "the loss or a gradient is not finite")
        new = self.optimizer.step(self.model.param_values(), grads)
        if not all(is_finite(v) and abs(v) <= PARAM_LIMIT for v in new.values()):
            return self._diverge(iteration, "a parameter ran away past 1e100 (try a smaller "
                                 "step size)")
        self.model.set_params(new)
        self.iteration = iteration
        self.last_batch, self.last_gradient = picked, grads
        if iteration % self.settings.every == 0:
            self.history.append(self.evaluate())
        return True

    def _diverge(self, iteration: int, why: str) -> bool:
        self.status = "diverged"
        self.message = f"diverged at iteration {iteration}: {why}"
        return False

    def run(self, iterations: int) -> ClassTraining:
        if not 0 <= iterations <= MAX_ITERATIONS:
            raise InputError(f"iterations must be between 0 and {MAX_ITERATIONS}")
        for _ in range(iterations):
            if not self.step():
                break
        if self.history[-1].iteration != self.iteration:
            self.history.append(self.evaluate())
        return self

    @property
    def final(self) -> ClassEvaluation:
        last = self.history[-1]
        return last if last.iteration == self.iteration else self.evaluate()


EUREKA_SEED = 42


def eureka() -> ClassTraining:
    """The peer run: EurekaLabsAI/micrograd's `micrograd.py`, number for number.

    One XorShift(42) stream draws 100 yin-yang points (80/10/10), then the weights of a
    2-8-3 tanh MLP (uniform(-1, 1) / sqrt(fan_in), biases 0); AdamW lr 0.1, betas (0.9,
    0.95), eps 1e-8, weight decay 1e-4; full batch. Run it for 100 iterations.
    """
    from nn101.engine.learning.classes import make_classes

    stream = XorShift(EUREKA_SEED)
    data = make_classes("yinyang", 100, 0.0, EUREKA_SEED, rng=stream)
    settings = ClassSettings(OptimizerSettings("adamw", 0.1, beta1=0.9, beta2=0.95,
                                               eps=1e-8, weight_decay=1e-4),
                             hidden=8, activation="tanh", init="eureka", batch=0,
                             seed=EUREKA_SEED, every=1)
    return ClassTraining(data, settings, stream)
