"""A formula with its start values: `log(x - 2) @ x=5, y=2`.

The part before `@` is the formula (nn101.engine.expression reads it); after it come
`name=number` pairs separated by commas. A variable not given starts at 1. Errors say
which pair is wrong and why: a pair without `=`, a bad number, a name given twice, a name
the formula does not have.

Where a start point is outside a gate's domain (log of a negative number, a division by 0),
`domain_problem` says which gate and why, so a screen can open the formula anyway and ask
for other inputs instead of refusing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nn101.engine.circuit import Circuit
from nn101.engine.errors import DomainError, InputError
from nn101.engine.expression import parse
from nn101.engine.numerics import is_finite, parse_number
from nn101.state.formulas import gate_formula

SEPARATOR = "@"
DEFAULT_START = 1.0
"""Where a variable starts when the text does not say (as `parse` wires it)."""
MAX_ASSIGNMENTS = 10_000
MAX_LENGTH = 100_000
"""The whole text, start values included (the formula alone has the parser's limit)."""
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class StartFormula:
    formula: str
    """The formula alone (the text before `@`, stripped)."""
    values: dict[str, float]
    """The start values the text gives, in its order."""


def split_start(text: str) -> StartFormula:
    """Split `formula @ a=1, b=2` into the formula and its values (InputError if malformed).

    Names are checked for form here and against the formula by `open_formula`.
    """
    if not isinstance(text, str):
        raise InputError("a formula must be text")
    if len(text) > MAX_LENGTH:
        raise InputError(f"too long: {len(text)} characters (at most {MAX_LENGTH})")
    if "#" in text.partition(SEPARATOR)[0]:
        return StartFormula(text, {})  # an @ inside a comment is part of the comment
    formula, sep, rest = text.partition(SEPARATOR)
    if SEPARATOR in rest:
        raise InputError(f"more than one {SEPARATOR}: write formula {SEPARATOR} a=1, b=2")
    values: dict[str, float] = {}
    if sep:
        pairs = [p.strip() for p in rest.split(",")]
        if pairs == [""]:
            raise InputError(f"nothing after {SEPARATOR}: give start values such as x=5, y=2")
        if len(pairs) > MAX_ASSIGNMENTS:
            raise InputError(f"too many start values: {len(pairs)} (at most {MAX_ASSIGNMENTS})")
        for i, pair in enumerate(pairs, 1):
            if not pair:
                raise InputError(f"start value {i} is empty (two commas in a row?)")
            name, eq, number = pair.partition("=")
            name = name.strip()
            if not eq:
                raise InputError(f"start value {i} ({pair!r}) is not name=number")
            if not _NAME.match(name):
                raise InputError(f"start value {i}: {name!r} is not a variable name")
            if name in values:
                raise InputError(f"{name} is given twice after {SEPARATOR}")
            try:
                values[name] = parse_number(number)
            except InputError as err:
                raise InputError(f"{name}: {err}") from None
    return StartFormula(formula.strip(), values)


def open_formula(text: str) -> tuple[Circuit, dict[str, float]]:
    """The circuit of `formula @ values`, its inputs set (every other one at 1), not yet run.

    Returns the circuit and the full start point. ExpressionError for a bad formula,
    InputError for bad start values (a name the formula does not have is refused, with
    the names it has).
    """
    start = split_start(text)
    circuit = parse(start.formula)
    unknown = [n for n in start.values if n not in circuit.inputs]
    if unknown:
        have = ", ".join(circuit.inputs)
        raise InputError(f"{unknown[0]} is not a variable of {start.formula} (it has: {have})")
    point = dict.fromkeys(circuit.inputs, DEFAULT_START)
    point.update(start.values)
    circuit.set_inputs(point)
    return circuit, point


def domain_problem(circuit: Circuit) -> str | None:
    """Run the circuit forward gate by gate; None if every gate can compute, else which
    gate cannot and why (the first one, in forward order). A non-finite output (an
    overflow) is a problem too."""
    for gate in circuit.gates:
        try:
            gate.rerun()
        except DomainError as err:
            inputs = ", ".join(f"{u.label or '?'} = {u.value:g}" for u in gate.inputs)
            return (f"{gate_formula(gate)} cannot be computed at this point ({inputs}): {err}. "
                    "Change the inputs to bring it back into its domain.")
    if not is_finite(circuit.output.value):
        return ("the output is not a finite number at this point (a value overflowed a "
                "float): change the inputs")
    return None


START_CANDIDATES = (1.0, 2.0, 3.0, 0.5, 5.0, 10.0, -1.0, -2.0, 0.1)
"""Values tried, in order, for a start point the formula can be computed at."""


def suggest_start(circuit: Circuit) -> dict[str, float] | None:
    """A start point near the current one where every gate computes a finite number: one
    input moved to a candidate value (the others kept), else all of them together; None
    if none of the candidates works. The circuit is left at its current point."""
    current = {name: u.value for name, u in circuit.inputs.items()}
    tries = [{name: v} for name in current for v in START_CANDIDATES]
    tries += [dict.fromkeys(current, v) for v in START_CANDIDATES]
    found = None
    for change in tries:
        circuit.set_inputs({**current, **change})
        if domain_problem(circuit) is None:
            found = {**current, **change}
            break
    circuit.set_inputs(current)
    return found


def start_text(point: dict[str, float]) -> str:
    """`x=3, y=1`: a start point as the formula's `@` part is written."""
    return ", ".join(f"{name}={value:g}" for name, value in point.items())
