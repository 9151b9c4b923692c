"""Chapter 3's model: an MLP with one hidden layer and K logits, its loss built in.

    h_i = act(a_i * x + b_i * y + c_i)                    i = 1..H (the guide's neurons)
    z_k = d_k + w{k}_1 * h_1 + ... + w{k}_H * h_H          k = 0..K-1 (one logit a class)
    L   = cross-entropy(z, t)                             (softmax.py, gate by gate)

The circuit is built once for one point: its inputs are the point (x, y), the one-hot
target t0..t{K-1} and the parameters; setting them and running it gives that point's loss,
and backward gives every parameter's share of its gradient. A batch's gradient is the mean
of its points' (training.py of chapter 3: classify.py).

Initializations (`INITS`), weights only; biases start at 0 except in "guide":
- guide: every parameter uniform in [-0.5, 0.5), as the guide's 2-layer net starts;
- eureka: uniform(-1, 1) / sqrt(fan_in), EurekaLabsAI/micrograd's (PyTorch's default scale);
- zeros: every weight 0. Each hidden unit then computes the same thing and gets the same
  gradient, so they stay identical forever (symmetry): the net acts as if it had one unit;
- large: uniform(-1, 1) * LARGE: the hidden units start saturated (tanh and sigmoid flat);
- xavier: uniform(-1, 1) * sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio);
- he: uniform(-1, 1) * sqrt(6 / fan_in) (He et al., for ReLU).
Draws go in the order a1 b1 a2 b2 ... (hidden, x then y), then w0_1 .. w0_H, w1_1 ...,
neuron by neuron as micrograd's MLP draws them, from one stream's `random()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, Protocol

from nn101.engine.circuit import Circuit
from nn101.engine.errors import InputError
from nn101.engine.gates import AddGate, MultiplyGate
from nn101.engine.learning.datasets import Point
from nn101.engine.learning.models import ACTIVATION_GATES, ACTIVATIONS, MAX_HIDDEN, Activation
from nn101.engine.learning.softmax import cross_entropy
from nn101.engine.numerics import is_finite, sigmoid
from nn101.engine.text import quote
from nn101.engine.unit import Unit

Init = Literal["guide", "eureka", "zeros", "large", "xavier", "he"]
INITS: tuple[Init, ...] = ("guide", "eureka", "zeros", "large", "xavier", "he")
LARGE = 10.0
"""The "too large" start's scale: pre-activations of tens, where tanh' is ~e^-20."""


class Draw(Protocol):
    def random(self) -> float: ...


def _scale(init: str, fan_in: int, fan_out: int) -> float:
    if init == "eureka":
        return math.pow(fan_in, -0.5)  # micrograd: nin**-0.5
    if init == "large":
        return LARGE
    if init == "xavier":
        return math.sqrt(6.0 / (fan_in + fan_out))
    if init == "he":
        return math.sqrt(6.0 / fan_in)
    return 0.0  # zeros


class MLP:
    """The circuit of one point's loss, with named wires for the point, target and params."""

    def __init__(self, hidden: int, classes: int, activation: str, init: str,
                 rng: Draw) -> None:
        if activation not in ACTIVATIONS:
            raise InputError(f"unknown activation {quote(activation)} (one of: "
                             f"{', '.join(ACTIVATIONS)})")
        if init not in INITS:
            raise InputError(f"unknown initialization {quote(init)} (one of: "
                             f"{', '.join(INITS)})")
        if not 1 <= hidden <= MAX_HIDDEN:
            raise InputError(f"hidden width must be between 1 and {MAX_HIDDEN}, got {hidden}")
        if not 2 <= classes <= 8:
            raise InputError(f"classes must be between 2 and 8, got {classes}")
        self.hidden, self.classes = hidden, classes
        self.activation: Activation = ACTIVATIONS[ACTIVATIONS.index(activation)]
        self.init = init
        self.params: dict[str, Unit] = {}
        for i in range(1, hidden + 1):
            for name in (f"a{i}", f"b{i}"):
                self.params[name] = Unit(self._draw(rng, init, 2, hidden), label=name)
            self.params[f"c{i}"] = Unit(rng.random() - 0.5 if init == "guide" else 0.0,
                                        label=f"c{i}")
        for k in range(classes):
            for i in range(1, hidden + 1):
                name = f"w{k}_{i}"
                self.params[name] = Unit(self._draw(rng, init, hidden, classes), label=name)
            self.params[f"d{k}"] = Unit(rng.random() - 0.5 if init == "guide" else 0.0,
                                        label=f"d{k}")
        self.x, self.y = Unit(0.0, label="x"), Unit(0.0, label="y")
        self.targets = [Unit(0.0, label=f"t{k}") for k in range(classes)]
        gate = ACTIVATION_GATES[activation]
        self.units: list[Unit] = []
        """The hidden units' outputs h_1..h_H for the point last run."""
        for i in range(1, hidden + 1):
            p = self.params
            pre = AddGate().forward(AddGate().forward(
                MultiplyGate().forward(p[f"a{i}"], self.x),
                MultiplyGate().forward(p[f"b{i}"], self.y)), p[f"c{i}"])
            h = gate().forward(pre)
            h.label = f"h{i}"
            self.units.append(h)
        self.logits: list[Unit] = []
        for k in range(classes):
            z = self.params[f"d{k}"]
            for i, h in enumerate(self.units, 1):
                z = AddGate().forward(z, MultiplyGate().forward(self.params[f"w{k}_{i}"], h))
            z.label = f"z{k}"
            self.logits.append(z)
        self.loss = cross_entropy(self.logits, self.targets)
        named = {"x": self.x, "y": self.y, **{t.label: t for t in self.targets}, **self.params}
        self.circuit = Circuit(named, self.loss, f"cross-entropy(softmax(z), t), z = MLP "
                               f"2-{hidden}-{classes} {activation}")

    @staticmethod
    def _draw(rng: Draw, init: str, fan_in: int, fan_out: int) -> float:
        if init == "guide":
            return rng.random() - 0.5
        if init == "zeros":
            return 0.0
        return (-1.0 + 2.0 * rng.random()) * _scale(init, fan_in, fan_out)

    def set_point(self, point: Point) -> None:
        self.x.value, self.y.value = point.x, point.y
        for k, t in enumerate(self.targets):
            t.value = 1.0 if k == point.label else 0.0

    def loss_at(self, point: Point) -> float:
        """The point's cross-entropy: set its wires, run forward."""
        self.set_point(point)
        return self.circuit.forward()

    def param_values(self) -> dict[str, float]:
        return {name: unit.value for name, unit in self.params.items()}

    def set_params(self, values: Mapping[str, float]) -> None:
        for name, value in values.items():
            if name not in self.params:
                raise InputError(f"unknown parameter {quote(name)}")
            if not is_finite(float(value)):
                raise InputError(f"parameter {name} must be a finite number, got {value!r}")
        for name, value in values.items():
            self.params[name].value = float(value)

    def gradient(self, points: Sequence[Point]) -> tuple[float, dict[str, float]]:
        """Mean loss over `points` and its gradient: each point's backward, averaged."""
        grads = dict.fromkeys(self.params, 0.0)
        units = list(self.params.items())
        total = 0.0
        share = 1.0 / len(points)
        circuit = self.circuit
        for point in points:
            total += self.loss_at(point)
            circuit.backward(share)
            for name, unit in units:
                grads[name] += unit.grad
        return total / len(points), grads

    def scorer(self) -> LogitScorer:
        return LogitScorer(self.param_values(), self.hidden, self.classes, self.activation)


def _relu(v: float) -> float:
    return v if v > 0.0 else 0.0


class LogitScorer:
    """The logits for frozen parameters in plain floats, in the circuit's order of
    operations (a decision map scores thousands of points a frame)."""

    def __init__(self, params: Mapping[str, float], hidden: int, classes: int,
                 activation: str) -> None:
        self.neurons = [(params[f"a{i}"], params[f"b{i}"], params[f"c{i}"])
                        for i in range(1, hidden + 1)]
        self.rows = [(params[f"d{k}"], [params[f"w{k}_{i}"] for i in range(1, hidden + 1)])
                     for k in range(classes)]
        self.act: Callable[[float], float] = {"tanh": math.tanh, "sigmoid": sigmoid}.get(
            activation, _relu)

    def __call__(self, x: float, y: float) -> list[float]:
        act = self.act
        hs = [act(a * x + b * y + c) for a, b, c in self.neurons]
        out = []
        for d, ws in self.rows:
            z = d
            for w, h in zip(ws, hs, strict=True):
                z = z + w * h
            out.append(z)
        return out

    def hidden(self, x: float, y: float) -> list[float]:
        """The hidden units' outputs at (x, y)."""
        return [self.act(a * x + b * y + c) for a, b, c in self.neurons]


def predict(logits: Sequence[float]) -> int:
    """The class with the largest logit (the first of a tie)."""
    best = 0
    for k in range(1, len(logits)):
        if logits[k] > logits[best]:
            best = k
    return best


MAX_CELLS = 1_000_000


def class_grid(scorer: LogitScorer, bounds: tuple[float, float, float, float], cols: int,
               rows: int) -> list[list[tuple[int, float]]]:
    """rows x cols (class, its probability) at pixel centres, row 0 at the top: the K-class
    decision map's pixels (the class the model says, and how sure it is)."""
    from nn101.engine.learning.softmax import softmax

    x0, x1, y0, y1 = bounds
    if not is_finite(x0, x1, y0, y1) or x1 <= x0 or y1 <= y0:
        raise InputError(f"bounds must be finite with x0 < x1 and y0 < y1, got {bounds}")
    if cols < 1 or rows < 1 or cols * rows > MAX_CELLS:
        raise InputError(f"a grid needs 1 to {MAX_CELLS} cells, got {cols}x{rows}")
    dx, dy = (x1 - x0) / cols, (y1 - y0) / rows
    xs = [x0 + (i + 0.5) * dx for i in range(cols)]
    grid = []
    for j in range(rows):
        y = y1 - (j + 0.5) * dy
        row = []
        for x in xs:
            z = scorer(x, y)
            k = predict(z)
            row.append((k, softmax(z)[k] if is_finite(*z) else 0.0))
        grid.append(row)
    return grid
