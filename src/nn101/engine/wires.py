"""Gradients wire by wire: a unit used twice gets two contributions, and they add up.

In `x*y + x` the unit x feeds two wires: the * gate's first input (local gradient y) and
the + gate's second (local gradient 1). Each wire carries its own share, local x upstream;
x's gradient is their sum, `5*1 + 1*1 = 6`. That sum is the guide's rule for a wire used
more than once, and `wire_gradients` lists every term of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from nn101.engine.circuit import Circuit
from nn101.engine.gates import Gate


@dataclass(frozen=True)
class WireUse:
    """One wire out of a unit: into `gate`'s input number `slot`."""

    gate_index: int
    """The gate's position in topological order (circuit.gates[gate_index])."""
    gate: Gate
    slot: int
    local: float
    """d(gate output)/d(this input), at the current values."""
    upstream: float
    """The gate output's grad (the gradient arriving from above)."""
    product: float
    """local x upstream: what this wire adds to the unit's grad."""


@dataclass(frozen=True)
class WireGradient:
    """One input's gradient as the sum of what each of its wires brings."""

    name: str
    uses: tuple[WireUse, ...]
    """Output side first, in the order the backward pass adds them."""
    total: float
    """The unit's grad after the backward pass: the products added in the order listed."""


def wire_gradients(circuit: Circuit, out_grad: float = 1.0) -> dict[str, WireGradient]:
    """For each input, every wire it feeds with its local gradient, upstream gradient and
    product, and the total. Runs forward and a backward pass from `out_grad` (the guide's
    dx); afterwards every wire's grad is as after `circuit.backward(out_grad)`.

    An input no gate reads (none today; kept general) gets no uses and total 0.
    """
    circuit.forward()
    uses: dict[int, list[WireUse]] = {id(u): [] for u in circuit.inputs.values()}
    for step in circuit.backward_steps(out_grad):
        for c in step.contributions:
            if c.unit is not None and id(c.unit) in uses:
                uses[id(c.unit)].append(
                    WireUse(step.index, step.gate, c.slot, c.local_gradient, c.upstream,
                            c.added))
    return {
        name: WireGradient(name, tuple(uses[id(unit)]), unit.grad)
        for name, unit in circuit.inputs.items()
    }
