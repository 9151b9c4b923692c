"""Backprop from a wire, define by run: `loss.backward()`, as micrograd writes it.

A graph built anew every pass (`(a * x + b * y + c).sigmoid()`) is back-propagated once
and dropped. `backward(output)` orders the gates under the output (depth first, inputs left
to right: the order `Circuit` uses, so every wire's gradient terms add up in the same order
and the grads are the same to the bit), zeroes every wire it reached, and runs the chain
rule back in one loop, with no op list, no wire list and no dict of grads to make.

The loop restates `passes.backward`'s lines for the hot gates (multiply, add, sigmoid,
relu, max; exact types only) and calls any other gate's own `backward()`.
tests/engine/test_perf_equivalence.py checks both against the plain rule, bit for bit.

The order is found by a recursive walk, the fastest in CPython on the shallow graphs a
define-by-run loop builds. A graph deeper than Python's recursion limit allows (about
1,000, less the caller's own frames) raises RecursionError part way; the walk then starts
again with an explicit stack, so a chain of 1,000,000 gates is no problem. (Python 3.11
runs Python-to-Python calls without the C stack, so the recursive walk cannot crash.)
"""

from __future__ import annotations

from collections.abc import Iterator, Reversible

from nn101.engine.collector import paused
from nn101.engine.gates import AddGate, Gate, MaxGate, MultiplyGate, ReluGate, SigmoidGate
from nn101.engine.unit import Unit

_COLLECTOR_PAUSED = paused()


def order(output: Unit) -> list[Gate]:
    """Every gate the output depends on, each after the gates that feed it."""
    return list(_placed(output, zero=False))


def _placed(output: Unit, zero: bool) -> Reversible[Gate]:
    """The gates under `output` in topological order; with `zero`, every wire they read or
    write has grad 0 (zeroed as the walk passes, the cheapest moment)."""
    if output.gate is None:
        return ()
    placed: dict[Gate, None] = {}  # the order is the dict's (gates hash by identity)
    try:
        _visit(output.gate, placed, zero)
    except RecursionError:  # deep, or called from deep in the caller's stack
        return _deep(output.gate, zero)
    return placed


def _deep(root: Gate, zero: bool) -> list[Gate]:
    """`_placed` for a graph too deep to recurse: with a stack, the collector paused
    (collector.py: the stack holds a tuple per gate deep)."""
    gates: list[Gate] = []
    with _COLLECTOR_PAUSED:
        _walk(root, gates)
        if zero:
            for gate in gates:
                gate.out.grad = 0.0
                for wire in gate.inputs:
                    wire.grad = 0.0
    return gates


def _visit(gate: Gate, placed: dict[Gate, None], zero: bool) -> None:
    """Every gate under `gate`, then `gate`, into `placed`. A gate being visited is never
    reached again from below it (a graph wired by `forward` has no cycles), so the gates
    placed are all the walk needs to remember."""
    for wire in gate.inputs:
        child = wire.gate
        if child is None:
            if zero:
                wire.grad = 0.0
        elif child not in placed:
            _visit(child, placed, zero)
    if zero:
        gate.out.grad = 0.0
    placed[gate] = None


def _walk(root: Gate, gates: list[Gate]) -> None:
    """What `_visit` does, with a stack in place of recursion, for a deep graph."""
    # Each stack entry keeps an iterator over its gate's input wires, so a gate resumes
    # where it left off when its child is done.
    seen = {root}
    stack: list[tuple[Gate, Iterator[Unit]]] = [(root, iter(root.inputs))]
    push, pop, mark, place = stack.append, stack.pop, seen.add, gates.append
    while stack:
        gate, wires = stack[-1]
        for wire in wires:
            child = wire.gate
            if child is not None and child not in seen:
                mark(child)
                push((child, iter(child.inputs)))
                break
        else:
            pop()
            place(gate)


def backward(output: Unit, grad: float = 1.0) -> Reversible[Gate]:
    """Zero every wire under `output`, set its grad to `grad`, run the chain rule back to
    the leaves; returns the gates in the order found (topological)."""
    gate = output.gate
    if gate is None:
        gates: Reversible[Gate] = ()
    else:  # `_placed(output, zero=True)`, its common case inline: no call, no pause
        placed: dict[Gate, None] = {}
        gates = placed
        try:
            _visit(gate, placed, True)
        except RecursionError:  # a deep graph
            gates = _deep(gate, zero=True)
    output.grad = grad
    run_back(gates)
    return gates


def run_back(gates: Reversible[Gate]) -> None:
    """Each gate, last first, adds local gradient x its output's grad into its inputs.

    The lines of `passes.backward`, reading the gate's own attributes instead of an op.
    """
    for gate in reversed(gates):
        kind = type(gate)
        if kind is AddGate:
            a, b = gate.inputs
            g = gate.out.grad
            a.grad += g  # local gradients 1 and 1: 1.0 * g is g, bit for bit
            b.grad += g
        elif kind is MultiplyGate:
            a, b = gate.inputs
            g = gate.out.grad
            av, bv = a.value, b.value
            a.grad += bv * g
            b.grad += av * g
        elif kind is SigmoidGate:
            out = gate.out
            s = out.value
            gate.inputs[0].grad += s * (1.0 - s) * out.grad
        elif kind is ReluGate:
            x = gate.inputs[0]
            x.grad += (1.0 if x.value > 0.0 else 0.0) * gate.out.grad
        elif kind is MaxGate:
            a, b = gate.inputs
            g = gate.out.grad
            da, db = (1.0, 0.0) if a.value >= b.value else (0.0, 1.0)
            a.grad += da * g
            b.grad += db * g
        else:
            gate.backward()
