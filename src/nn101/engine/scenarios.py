"""The guide's circuits, by name: what each teaches, its inputs and where they start.

The first three are wired by hand from the gate classes, exactly as the guide does; the
backprop exercises go through the expression parser, which makes the same gates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from nn101.engine.circuit import Circuit
from nn101.engine.errors import InputError
from nn101.engine.expression import parse
from nn101.engine.gates import AddGate, MultiplyGate, SigmoidGate
from nn101.engine.methods import Method
from nn101.engine.text import quote
from nn101.engine.unit import Unit

SINGLE_GATE = "single gate"
MULTIPLE_GATES = "multiple gates"
SINGLE_NEURON = "single neuron"
MORE_BACKPROP = "more on backprop"
GROUPS = (SINGLE_GATE, MULTIPLE_GATES, SINGLE_NEURON, MORE_BACKPROP)


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    group: str
    explanation: str
    expression: str
    defaults: Mapping[str, float]
    methods: tuple[Method, ...]
    """The methods the scenario is about; the first is the one it starts with."""
    build: Callable[[], Circuit]

    def circuit(self, values: Mapping[str, float] | None = None) -> Circuit:
        """A fresh circuit at the defaults (overridden by `values`), already run forward."""
        circuit = self.build()
        circuit.set_inputs(self.defaults)
        if values:
            circuit.set_inputs(values)
        circuit.forward()
        return circuit


def _single_gate() -> Circuit:
    x, y = Unit(-2.0, label="x"), Unit(3.0, label="y")
    f = MultiplyGate().forward(x, y)
    f.label = "f"
    return Circuit([x, y], f, expression="x * y")


def _two_gates() -> Circuit:
    x, y, z = Unit(-2.0, label="x"), Unit(5.0, label="y"), Unit(-4.0, label="z")
    q = AddGate().forward(x, y)
    q.label = "q"
    f = MultiplyGate().forward(q, z)
    f.label = "f"
    return Circuit([x, y, z], f, expression="(x + y) * z")


def _neuron() -> Circuit:
    """The guide's single neuron, gate by gate as in its forwardNeuron()."""
    a, b, c = Unit(1.0, label="a"), Unit(2.0, label="b"), Unit(-3.0, label="c")
    x, y = Unit(-1.0, label="x"), Unit(3.0, label="y")
    ax = MultiplyGate().forward(a, x)
    by = MultiplyGate().forward(b, y)
    axpby = AddGate().forward(ax, by)
    axpbypc = AddGate().forward(axpby, c)
    s = SigmoidGate().forward(axpbypc)
    for wire, label in ((ax, "ax"), (by, "by"), (axpby, "ax+by"), (axpbypc, "ax+by+c"),
                        (s, "s")):
        wire.label = label
    return Circuit([a, b, c, x, y], s, expression="sig(a*x + b*y + c)")


def _parsed(expression: str) -> Callable[[], Circuit]:
    return lambda: parse(expression)


ALL = Method.RANDOM, Method.NUMERICAL, Method.ANALYTIC
BACKPROP = (Method.ANALYTIC, Method.NUMERICAL)

SCENARIOS: dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario(
            "single-gate", "One multiply gate", SINGLE_GATE,
            "f = x * y starts at -6. Three ways to push it up: try 100 random nudges and keep "
            "the best (100 forward passes), nudge each input by h to measure its slope "
            "(about one pass per input), or use calculus: df/dx = y, df/dy = x (one pass). "
            "All three reach about -5.87 to -5.95 after one step of 0.01.",
            "x * y", {"x": -2.0, "y": 3.0}, ALL, _single_gate,
        ),
        Scenario(
            "two-gates", "Two gates: (x + y) * z", MULTIPLE_GATES,
            "q = x + y feeds f = q * z. The * gate tells q its gradient is z = -4; the + gate "
            "passes that on unchanged to x and y (its local gradient is 1). That is the chain "
            "rule: gradients (-4, -4, 3), and one step of 0.01 lifts f from -12 to -11.59.",
            "(x + y) * z", {"x": -2.0, "y": 5.0, "z": -4.0}, BACKPROP, _two_gates,
        ),
        Scenario(
            "neuron", "A sigmoid neuron", SINGLE_NEURON,
            "s = sig(a*x + b*y + c) is two multiplies, two adds and a sigmoid. The sigmoid's "
            "local gradient is s(1 - s); backprop walks sigmoid, add, add, multiply, multiply "
            "and hands every input its share. From 0.8808, one step of 0.01 gives 0.8825.",
            "sig(a*x + b*y + c)", {"a": 1.0, "b": 2.0, "c": -3.0, "x": -1.0, "y": 3.0},
            BACKPROP, _neuron,
        ),
        Scenario(
            "mul", "Backprop: a * b", MORE_BACKPROP,
            "The * gate swaps its inputs: da = b * dx and db = a * dx. A large input gives "
            "the other input a large gradient.",
            "a * b", {"a": -2.0, "b": 3.0}, BACKPROP, _parsed("a * b"),
        ),
        Scenario(
            "add", "Backprop: a + b", MORE_BACKPROP,
            "The + gate's local gradient is 1 for both inputs: it hands the gradient from "
            "above to each of them unchanged. So one step of 0.01 nudges a and b up by the "
            "same amount, whatever their values.",
            "a + b", {"a": -2.0, "b": 5.0}, BACKPROP, _parsed("a + b"),
        ),
        Scenario(
            "add3", "Backprop: a + b + c", MORE_BACKPROP,
            "Three numbers add as two + gates; every input still gets the gradient from above "
            "times 1. A chain of + gates is a pipe: the gradient flows through unchanged, "
            "however long it is.",
            "a + b + c", {"a": -2.0, "b": 5.0, "c": -4.0}, BACKPROP, _parsed("a + b + c"),
        ),
        Scenario(
            "mul-add", "Backprop: a * b + c", MORE_BACKPROP,
            "A * then a +: c gets 1 * dx, while a and b get each other's value times dx. "
            "The + in the middle changes nothing on the way back, so da = b and db = a as "
            "for the * gate alone.",
            "a * b + c", {"a": -2.0, "b": 3.0, "c": 4.0}, BACKPROP, _parsed("a * b + c"),
        ),
        Scenario(
            "square", "Backprop: ((a*b + c) * d)**2", MORE_BACKPROP,
            "Split it: x1 = a*b + c, x2 = x1 * d, x = x2**2. Going back: dx2 = 2 x2 dx, "
            "dd = x1 dx2, dx1 = d dx2, then da = b dx1, db = a dx1, dc = dx1. The inputs are "
            "the neuron's a, b, c with d = -1, so x1 = -1, x2 = 1 and the gradients are easy "
            "to check by hand: (-4, -2, -2, -2).",
            "((a*b + c)*d)**2", {"a": 1.0, "b": 2.0, "c": -3.0, "d": -1.0}, BACKPROP,
            _parsed("((a*b + c)*d)**2"),
        ),
        Scenario(
            "division", "Backprop: (a + b) / (c + d)", MORE_BACKPROP,
            "Division is a multiply by 1/x2, whose local gradient is -1/x2**2. It starts at "
            "3/3 = 1 so every gradient is +-1/3. Pushing the output up drives c + d towards 0, "
            "where 1/x2 explodes: the gradient grows, so do the steps, until one step jumps "
            "across the pole. With step size 0.01 the output climbs to about 9.9 by step 130; "
            "step 131 would land near -116 on the other side, so the run stops there.",
            "(a + b) / (c + d)", {"a": 1.0, "b": 2.0, "c": 2.0, "d": 1.0}, BACKPROP,
            _parsed("(a + b) / (c + d)"),
        ),
    )
}


def get(name: str) -> Scenario:
    """The scenario called `name`, or InputError listing the names there are."""
    try:
        return SCENARIOS[name]
    except KeyError:
        raise InputError(
            f"unknown scenario {quote(name)} (scenarios: {', '.join(SCENARIOS)})"
        ) from None
