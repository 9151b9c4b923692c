"""A small circuit's passes as straight-line Python: the loops of `passes.py`, unrolled.

`passes.forward` and `passes.backward` still pay, per gate, a loop turn, a tuple unpack and
a chain of `kind ==` tests. For a circuit of a few gates that is most of a pass. A circuit
that is run again and again (the app's steps, a training loop) has its passes written out
once as plain statements, one or two per gate, with every wire a local name, and compiled
with `compile()`: no loop, no dispatch, no lookups.

The statements are exactly the lines of `passes.py` (the same float operations in the same
order; a gate that is not one of the hot ones calls its own `rerun` / `backward`), so the
numbers are the same to the bit: tests/engine/test_perf_equivalence.py runs both on random
circuits and compares. Nothing from outside reaches the source: wires are `w0, w1, ...`
and inputs' names are passed in as values, never written into the code.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from nn101.engine import passes
from nn101.engine.unit import Unit

MAX_GATES = 64
"""Larger circuits keep the loops: their code would take longer to compile than to run,
and a pass over many gates spends little of its time on the loop itself."""

Passes = tuple[Callable[[], None], Callable[[float], dict[str, float]]]
"""forward() and backward(grad) -> the inputs' grads by name."""


def compile_passes(ops: Sequence[passes.Op], wires: Sequence[Unit], inputs: dict[str, Unit],
                   output: Unit) -> Passes:
    """forward and backward as straight-line functions over these wires and ops.

    backward zeroes every wire of `wires`, sets the output's grad and walks the ops back,
    as `Circuit.backward` does with the loops.
    """
    index = {id(w): i for i, w in enumerate(wires)}

    def w(unit: Unit) -> str:
        return f"w{index[id(unit)]}"

    fwd: list[str] = []
    bwd: list[str] = []
    for k, (kind, a, b, out, _gate) in enumerate(ops):
        o, x, y = w(out), w(a), w(b)
        if kind == passes.MULTIPLY:
            fwd.append(f"{o}.value = {x}.value * {y}.value")
            bwd.append(f"g = {o}.grad; av, bv = {x}.value, {y}.value; "
                       f"{x}.grad += bv * g; {y}.grad += av * g")
        elif kind == passes.ADD:
            fwd.append(f"{o}.value = {x}.value + {y}.value")
            bwd.append(f"g = {o}.grad; {x}.grad += g; {y}.grad += g")
        elif kind == passes.SIGMOID:
            fwd.append(f"v = {x}.value\n"  # numerics.sigmoid, inline
                       f"if v >= 0.0: {o}.value = 1.0 / (1.0 + exp(-v))\n"
                       f"else: e = exp(v); {o}.value = e / (1.0 + e)")
            bwd.append(f"g = {o}.grad; s = {o}.value; {x}.grad += s * (1.0 - s) * g")
        elif kind == passes.RELU:
            fwd.append(f"v = {x}.value; {o}.value = v if v > 0.0 else 0.0")
            bwd.append(f"g = {o}.grad; {x}.grad += (1.0 if {x}.value > 0.0 else 0.0) * g")
        elif kind == passes.MAX:
            fwd.append(f"v, u = {x}.value, {y}.value; {o}.value = v if v >= u else u")
            bwd.append(f"g = {o}.grad; da, db = (1.0, 0.0) if {x}.value >= {y}.value "
                       f"else (0.0, 1.0); {x}.grad += da * g; {y}.grad += db * g")
        else:
            fwd.append(f"g{k}.rerun()")
            bwd.append(f"g{k}.backward()")
    names = list(inputs)
    zero = " = ".join(f"w{i}.grad" for i in range(len(wires)))
    grads = ", ".join(f"n{j}: {w(inputs[n])}.grad" for j, n in enumerate(names))
    params = ", ".join([*(f"w{i}" for i in range(len(wires))),
                        *(f"g{k}" for k in range(len(ops))),
                        *(f"n{j}" for j in range(len(names)))])
    source = "\n".join([
        f"def make({params}):",
        "    def forward():",
        *(f"        {line}" for lines in fwd or ["pass"] for line in lines.split("\n")),
        "    def backward(grad):",
        f"        {zero} = 0.0" if wires else "        pass",
        f"        {w(output)}.grad = grad",
        *(f"        {line}" for line in reversed(bwd)),
        f"        return {{{grads}}}",
        "    return forward, backward",
    ])
    scope: dict[str, object] = {"exp": math.exp}
    exec(compile(source, "<nn101 circuit passes>", "exec"), scope)  # our own statements
    make = scope["make"]
    assert callable(make)
    made: Passes = make(*wires, *(op[4] for op in ops), *names)
    return made
