"""How a gate reads in the guide's notation, from its wires' labels: `q * z`, `1/(c + d)`.

Presentation, not math: the gates table and the CLI use it; the engine's gates only know
their symbol and name.
"""

from __future__ import annotations

from nn101.engine.gates import Gate, MaxGate, NegateGate, PowGate, ReciprocalGate
from nn101.engine.unit import Unit

_BINDING = {"+": (3, 3), "-": (3, 2), "*": (2, 2), "/": (2, 1), "**": (0, 0)}
"""How loosely each side of a binary operator may bind before it needs brackets."""


def name_of(unit: Unit) -> str:
    """A wire's label, or its value for an unlabelled constant."""
    return unit.label or f"{unit.value:g}"


def looseness(text: str) -> int:
    """How loosely a formula's outermost operator binds: 0 a name, number or call;
    1 a power; 2 a product, quotient or leading minus; 3 a sum or difference."""
    depth, level, previous = 0, 0, ""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch != " ":
            if ch in "+-" and previous not in ("", "(", "*", "/", "+", "-", "e"):
                level = 3
            elif ch in "+-":
                level = max(level, 2)
            elif text.startswith("**", i):
                level = max(level, 1)
                i += 1
            elif ch in "*/":
                level = max(level, 2)
        if ch != " ":
            previous = ch
        i += 1
    return level


def operand(unit: Unit, loosest: int = 0) -> str:
    """The wire's name as an operand: bracketed when its own outermost operator binds
    more loosely than `loosest` allows, so a gate fed by `c + d` reads `1/(c + d)`."""
    name = name_of(unit)
    return f"({name})" if looseness(name) > loosest else name


def gate_formula(gate: Gate) -> str:
    """The gate as the guide writes it, with brackets exactly where they are needed."""
    if isinstance(gate, NegateGate):
        return f"-{operand(gate.x, 1)}"
    if isinstance(gate, ReciprocalGate):
        return f"1/{operand(gate.x, 1)}"
    if isinstance(gate, PowGate):
        return f"{operand(gate.x)}**{gate.exponent:g}"
    if isinstance(gate, MaxGate):
        return f"max({name_of(gate.a)}, {name_of(gate.b)})"
    if gate.arity == 2:
        left, right = _BINDING.get(gate.symbol, (0, 0))
        return (f"{operand(gate.inputs[0], left)} {gate.symbol} "
                f"{operand(gate.inputs[1], right)}")
    return f"{gate.symbol}({name_of(gate.inputs[0])})"
