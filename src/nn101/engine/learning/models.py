"""The guide's two classifiers, each built once as a circuit of the engine's gates.

A model's circuit has two kinds of input wires: the point (`x`, `y`), set afresh for every
point it scores, and the parameters, which learning moves. Because the score is a Circuit,
its gradients come from the same gates and the same backward pass as every other scenario.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Literal

from nn101.engine.circuit import Circuit
from nn101.engine.errors import InputError
from nn101.engine.gates import AddGate, MultiplyGate, ReluGate, SigmoidGate, TanhGate, UnaryGate
from nn101.engine.numerics import is_finite, sigmoid
from nn101.engine.text import quote
from nn101.engine.unit import Unit

ModelKind = Literal["svm", "net"]
MODELS: tuple[ModelKind, ...] = ("svm", "net")
Activation = Literal["relu", "tanh", "sigmoid"]
ACTIVATIONS: tuple[Activation, ...] = ("relu", "tanh", "sigmoid")
"""The net's hidden gate: the guide's ReLU, or tanh or the sigmoid of chapter 1."""
ACTIVATION_GATES: dict[str, type[UnaryGate]] = {
    "relu": ReluGate, "tanh": TanhGate, "sigmoid": SigmoidGate}
HIDDEN = 3
MAX_HIDDEN = 64
SVM_START = {"a": 1.0, "b": -2.0, "c": -1.0}
"""The guide's starting SVM: score = x - 2y - 1."""


class Model:
    """A score circuit over a point (x, y) with named parameter wires.

    `multiplicative` names the parameters that multiply something (the weights), the only
    ones the guide's regularization pulls towards zero; biases are left free.
    """

    def __init__(
        self,
        kind: ModelKind,
        x: Unit,
        y: Unit,
        params: dict[str, Unit],
        score: Unit,
        multiplicative: tuple[str, ...],
        formula: str,
        activation: Activation = "relu",
    ) -> None:
        self.kind: ModelKind = kind
        self.activation: Activation = activation
        """The net's hidden gate (the SVM has none; it keeps the default)."""
        self.x = x
        self.y = y
        self.params = params
        self.multiplicative = multiplicative
        self.circuit = Circuit({"x": x, "y": y, **params}, score, formula)
        self.formula = formula

    @property
    def output(self) -> Unit:
        return self.circuit.output

    def score(self, x: float, y: float) -> float:
        """Set the point's wires and run the circuit forward."""
        self.x.value = x
        self.y.value = y
        return self.circuit.forward()

    def backward(self, pull: float) -> dict[str, float]:
        """Backprop from the output with grad `pull` (the guide's `backward(pull)`);
        returns d(score)/d(param) * pull for every parameter. Grads are zeroed first."""
        self.circuit.backward(pull)
        return {name: unit.grad for name, unit in self.params.items()}

    def param_values(self) -> dict[str, float]:
        return {name: unit.value for name, unit in self.params.items()}

    def set_params(self, values: Mapping[str, float]) -> None:
        """Set some parameters by name; refuses unknown names and non-finite values."""
        for name, value in values.items():
            if name not in self.params:
                raise InputError(f"unknown parameter {quote(name)} (parameters: "
                                 f"{', '.join(self.params)})")
            if not is_finite(float(value)):
                raise InputError(f"parameter {name} must be a finite number, got {value!r}")
        for name, value in values.items():
            self.params[name].value = float(value)

    def fast_scorer(self) -> Scorer:
        """The score with the parameters frozen as they are now, as plain arithmetic.

        A decision map scores thousands of points per frame; walking the gate objects for
        each would cost about ten times more. The test suite checks it against the circuit.
        """
        return Scorer(self.kind, self.param_values(), self.hidden, self.activation)

    @property
    def hidden(self) -> int:
        return sum(1 for name in self.params if name.startswith("w"))


class Scorer:
    """The same score as a model's circuit, for fixed parameters, in a few float operations
    done in the circuit's order, so it equals the circuit's score exactly."""

    def __init__(self, kind: ModelKind, params: Mapping[str, float], hidden: int,
                 activation: Activation = "relu") -> None:
        self.kind = kind
        self.activation = activation
        if kind == "svm":
            self._linear = (params["a"], params["b"], params["c"])
            self._neurons: tuple[tuple[float, float, float, float], ...] = ()
            self._bias = 0.0
        else:
            self._linear = (0.0, 0.0, 0.0)
            # last neuron first: the circuit adds w_H n_H + d first, then the others onto
            # it, and the same order of additions gives the same float, bit for bit
            self._neurons = tuple(
                (params[f"a{i}"], params[f"b{i}"], params[f"c{i}"], params[f"w{i}"])
                for i in range(hidden, 0, -1)
            )
            self._bias = params["d"]

    def __call__(self, x: float, y: float) -> float:
        if self.kind == "svm":
            a, b, c = self._linear
            return a * x + b * y + c
        total = self._bias
        if self.activation == "tanh":
            for a, b, c, w in self._neurons:
                total = w * math.tanh(a * x + b * y + c) + total
        elif self.activation == "sigmoid":
            for a, b, c, w in self._neurons:
                total = w * sigmoid(a * x + b * y + c) + total
        else:
            for a, b, c, w in self._neurons:
                n = a * x + b * y + c
                total = w * (n if n > 0.0 else 0.0) + total
        return total


def _affine(a: Unit, b: Unit, c: Unit, x: Unit, y: Unit) -> Unit:
    """a*x + b*y + c, gate by gate as in the guide's neuron."""
    ax = MultiplyGate().forward(a, x)
    by = MultiplyGate().forward(b, y)
    return AddGate().forward(AddGate().forward(ax, by), c)


def linear_svm(start: Mapping[str, float] | None = None) -> Model:
    """score = a*x + b*y + c, starting where the guide starts (a=1, b=-2, c=-1)."""
    values = {**SVM_START, **(start or {})}
    x, y = Unit(0.0, label="x"), Unit(0.0, label="y")
    params = {name: Unit(values[name], label=name) for name in ("a", "b", "c")}
    score = _affine(params["a"], params["b"], params["c"], x, y)
    return Model("svm", x, y, params, score, ("a", "b"), "a*x + b*y + c")


def two_layer_net(hidden: int = HIDDEN, rng: random.Random | None = None,
                  activation: str = "relu") -> Model:
    """score = sum_i w_i * act(a_i*x + b_i*y + c_i) + d, every parameter drawn uniform
    in [-0.5, 0.5) from `rng` in the order a1 b1 c1 a2 ... w1 ... d (the guide's start).
    `act` is the guide's ReLU, max(0, .), unless `activation` names tanh or sigmoid: the
    same parameters and draws, only the hidden gate differs."""
    if activation not in ACTIVATION_GATES:
        raise InputError(f"unknown activation {quote(activation)} (one of: "
                         f"{', '.join(ACTIVATIONS)})")
    act: Activation = "tanh" if activation == "tanh" else (
        "sigmoid" if activation == "sigmoid" else "relu")
    gate = ACTIVATION_GATES[act]
    if not 1 <= hidden <= MAX_HIDDEN:
        raise InputError(f"hidden width must be between 1 and {MAX_HIDDEN}, got {hidden}")
    draw = rng or random.Random(0)
    x, y = Unit(0.0, label="x"), Unit(0.0, label="y")
    params: dict[str, Unit] = {}
    for i in range(1, hidden + 1):
        for p in "abc":
            params[f"{p}{i}"] = Unit(draw.random() - 0.5, label=f"{p}{i}")
    for i in range(1, hidden + 1):
        params[f"w{i}"] = Unit(draw.random() - 0.5, label=f"w{i}")
    params["d"] = Unit(draw.random() - 0.5, label="d")
    score = params["d"]
    for i in range(hidden, 0, -1):
        pre = _affine(params[f"a{i}"], params[f"b{i}"], params[f"c{i}"], x, y)
        neuron = gate().forward(pre)
        neuron.label = f"n{i}"
        weighted = MultiplyGate().forward(params[f"w{i}"], neuron)
        score = AddGate().forward(weighted, score)
    multiplicative = tuple(n for n in params if n[0] in "abw")
    shape = "max(0, {})" if act == "relu" else ("sig({})" if act == "sigmoid" else "tanh({})")
    formula = " + ".join(f"w{i}*" + shape.format(f"a{i}*x + b{i}*y + c{i}")
                         for i in range(1, hidden + 1))
    return Model("net", x, y, params, score, multiplicative, f"{formula} + d", act)


def make_model(kind: str, hidden: int = HIDDEN, rng: random.Random | None = None,
               activation: str = "relu") -> Model:
    if kind == "svm":
        return linear_svm()
    if kind == "net":
        return two_layer_net(hidden, rng, activation)
    raise InputError(f"unknown model {quote(kind)} (one of: {', '.join(MODELS)})")
