"""The circuit's forward and backward loops, with the hot gates' formulas unrolled inline.

A pass calls one method per gate in the plain rule (`Gate.rerun`, `Gate.backward`), which
in turn calls `compute` or `local_gradients` and builds a tuple. The gates a network is
made of (multiply, add, sigmoid, relu, max) are instead run here, their two formulas
restated in one loop with no call at all: about twice as fast on the guide's circuits and
on 100,000-gate chains. Any other gate, and any subclass (whose formulas may differ), takes
the plain rule. tests/engine/test_perf_equivalence.py checks, gate by gate and bit for bit,
that these lines give what `compute` and `local_gradients` say.
"""

from __future__ import annotations

from collections.abc import Sequence

from nn101.engine.gates import AddGate, Gate, MaxGate, MultiplyGate, ReluGate, SigmoidGate
from nn101.engine.numerics import sigmoid
from nn101.engine.unit import Unit

OTHER, MULTIPLY, ADD, SIGMOID, RELU, MAX = range(6)
KIND: dict[type[Gate], int] = {MultiplyGate: MULTIPLY, AddGate: ADD, SigmoidGate: SIGMOID,
                               ReluGate: RELU, MaxGate: MAX}

Op = tuple[int, Unit, Unit, Unit, Gate]
"""(kind, first input, second input (the first again for one-input gates), output, gate)."""


def op(gate: Gate) -> Op:
    """The gate as an op; exact types only, so a subclass of MultiplyGate with its own
    formula is run by its own methods."""
    inputs = gate.inputs
    first = inputs[0] if inputs else gate.out
    second = inputs[1] if len(inputs) > 1 else first
    return KIND.get(type(gate), OTHER), first, second, gate.out, gate


def compile_ops(gates: Sequence[Gate]) -> list[Op]:
    """One op per gate, in the given (topological) order."""
    return [op(gate) for gate in gates]


def forward(ops: Sequence[Op]) -> None:
    """Re-run every gate from its inputs' current values."""
    for kind, a, b, out, gate in ops:
        if kind == MULTIPLY:
            out.value = a.value * b.value
        elif kind == ADD:
            out.value = a.value + b.value
        elif kind == SIGMOID:
            out.value = sigmoid(a.value)
        elif kind == RELU:
            x = a.value
            out.value = x if x > 0.0 else 0.0
        elif kind == MAX:
            x, y = a.value, b.value
            out.value = x if x >= y else y
        else:
            gate.rerun()


def backward(ops: Sequence[Op]) -> None:
    """Chain rule from the output back: every gate adds local x out.grad into its inputs.

    Each line multiplies exactly as `Gate.backward` does (even by a local gradient of 0 or
    1, where 0 * inf is nan and 1.0 * g is g), so the grads are the same to the bit.
    """
    for kind, a, b, out, gate in reversed(ops):
        g = out.grad
        if kind == MULTIPLY:
            av, bv = a.value, b.value
            a.grad += bv * g
            b.grad += av * g
        elif kind == ADD:
            a.grad += g  # local gradients 1 and 1: 1.0 * g is g, bit for bit
            b.grad += g
        elif kind == SIGMOID:
            s = out.value
            a.grad += s * (1.0 - s) * g
        elif kind == RELU:
            a.grad += (1.0 if a.value > 0.0 else 0.0) * g
        elif kind == MAX:
            da, db = (1.0, 0.0) if a.value >= b.value else (0.0, 1.0)
            a.grad += da * g
            b.grad += db * g
        else:
            gate.backward()


def zero(ops: Sequence[Op]) -> None:
    """Every grad the ops touch set to 0: each gate's inputs and output (and the wires
    reaching it if it is the circuit's output)."""
    for kind, a, b, out, gate in ops:
        a.grad = b.grad = out.grad = 0.0
        if kind == OTHER:
            for wire in gate.inputs:
                wire.grad = 0.0
