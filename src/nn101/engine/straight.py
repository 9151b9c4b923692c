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

Passes = tuple[Callable[[], float], Callable[[float], dict[str, float]]]
"""forward() -> the output's value, and backward(grad) -> the inputs' grads by name."""


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
    for k, (kind, a, b, out, _gate) in enumerate(ops):
        o, x, y = w(out), w(a), w(b)
        if kind == passes.MULTIPLY:
            fwd.append(f"{o}.value = {x}.value * {y}.value")
        elif kind == passes.ADD:
            fwd.append(f"{o}.value = {x}.value + {y}.value")
        elif kind == passes.SIGMOID:
            fwd.append(f"v = {x}.value\n"  # numerics.sigmoid, inline
                       f"if v >= 0.0: {o}.value = 1.0 / (1.0 + exp(-v))\n"
                       f"else: e = exp(v); {o}.value = e / (1.0 + e)")
        elif kind == passes.RELU:
            fwd.append(f"v = {x}.value; {o}.value = v if v > 0.0 else 0.0")
        elif kind == passes.MAX:
            fwd.append(f"v, u = {x}.value, {y}.value; {o}.value = v if v >= u else u")
        else:
            fwd.append(f"g{k}.rerun()")
    bwd, assigned = _backward_lines(ops, output, w)
    fwd.append(f"return {w(output)}.value")
    names = list(inputs)
    zero = " = ".join(w(u) + ".grad" for u in wires if id(u) not in assigned and u is not output)
    grads = ", ".join(f"n{j}: {w(inputs[n])}.grad" for j, n in enumerate(names))
    params = ", ".join([*(f"w{i}" for i in range(len(wires))),
                        *(f"g{k}" for k in range(len(ops))),
                        *(f"n{j}" for j in range(len(names)))])
    source = "\n".join([
        f"def make({params}):",
        "    def forward():",
        *(f"        {line}" for lines in fwd or ["pass"] for line in lines.split("\n")),
        "    def backward(grad):",
        f"        {zero} = 0.0" if zero else "        pass",
        f"        {w(output)}.grad = grad",
        *(f"        {line}" for line in bwd),
        f"        return {{{grads}}}",
        "    return forward, backward",
    ])
    scope: dict[str, object] = {"exp": math.exp}
    exec(compile(source, "<nn101 circuit passes>", "exec"), scope)  # our own statements
    make = scope["make"]
    assert callable(make)
    made: Passes = make(*wires, *(op[4] for op in ops), *names)
    return made


def _backward_lines(ops: Sequence[passes.Op], output: Unit,
                    w: Callable[[Unit], str]) -> tuple[list[str], set[int]]:
    """The backward statements, output side first, and the wires (by id) they assign: all
    others are zeroed first.

    The loops zero every wire, then add each contribution (`grad += ...`). Here a wire's
    first contribution is written `grad = 0.0 + ...`, the same addition to the same 0.0,
    so only wires that get none (or that a gate's own `backward` adds into) are zeroed.
    """
    zeroed = {id(u) for kind, *_, gate in ops if kind == passes.OTHER for u in gate.inputs}
    assigned: set[int] = set()

    def add(unit: Unit, term: str) -> str:
        if id(unit) in zeroed or id(unit) in assigned:
            return f"{w(unit)}.grad += {term}"
        assigned.add(id(unit))
        return f"{w(unit)}.grad = 0.0 + {term}"

    lines = []
    for k in range(len(ops) - 1, -1, -1):
        kind, a, b, out, _gate = ops[k]
        if out is not output and id(out) not in assigned:
            zeroed.add(id(out))  # read before anything was added to it: 0
        o = w(out)
        if kind == passes.MULTIPLY:
            lines.append(f"g = {o}.grad; av, bv = {w(a)}.value, {w(b)}.value; "
                         f"{add(a, 'bv * g')}; {add(b, 'av * g')}")
        elif kind == passes.ADD:
            lines.append(f"g = {o}.grad; {add(a, 'g')}; {add(b, 'g')}")
        elif kind == passes.SIGMOID:
            lines.append(f"g = {o}.grad; s = {o}.value; {add(a, 's * (1.0 - s) * g')}")
        elif kind == passes.RELU:
            lines.append(f"g = {o}.grad; "
                         f"{add(a, f'(1.0 if {w(a)}.value > 0.0 else 0.0) * g')}")
        elif kind == passes.MAX:
            lines.append(f"g = {o}.grad; da, db = (1.0, 0.0) if {w(a)}.value >= {w(b)}.value "
                         f"else (0.0, 1.0); {add(a, 'da * g')}; {add(b, 'db * g')}")
        else:
            lines.append(f"g{k}.backward()")
    return lines, assigned
