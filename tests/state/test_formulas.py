"""gate_formula() reads as the guide writes a gate, with brackets exactly where needed.

Oracle: a formula built from sub-expression labels is itself a formula over the same
variables, so parsing it again and evaluating it must give the gate's own output value.
"""

from __future__ import annotations

import pytest

from nn101.engine import SCENARIOS, parse
from nn101.state.formulas import gate_formula

VALUES = {"a": 1.5, "b": -2.0, "c": 3.0, "d": 0.5, "x": -1.25, "y": 2.0, "z": 0.75}
EXPRESSIONS = [
    "(a+b)/(c+d)", "((a*b + c)*d)**2", "-(x+y)", "x-(y-z)", "x/(y*z)", "(x**2)**3",
    "-x*y", "x*-y", "a - b - c", "a - (b + c)", "a/b/c", "a/(b/c)", "(a-b)**2",
    "sig(a*x + b*y + c)", "max(a*b, c-d)", "exp(x)*log(y)", "2**(x+y)", "-(a**2)",
    "(-a)**2", "a*b + c*d", "(a+b)*(c-d)/x",
]


@pytest.mark.parametrize("text", EXPRESSIONS)
def test_each_gates_formula_evaluates_to_its_output(text: str) -> None:
    circuit = parse(text)
    circuit.set_inputs({n: VALUES[n] for n in circuit.inputs})
    circuit.forward()
    for gate in circuit.gates:
        again = parse(gate_formula(gate))
        again.set_inputs({n: VALUES[n] for n in again.inputs})
        assert again.forward() == pytest.approx(gate.out.value, rel=1e-12), gate_formula(gate)


def test_the_guides_division_reads_with_its_brackets() -> None:
    gates = SCENARIOS["division"].circuit().gates
    assert [gate_formula(g) for g in gates] == [
        "a + b", "c + d", "1/(c + d)", "(a + b) * 1/(c + d)"]


def test_brackets_only_where_needed() -> None:
    formulas = [gate_formula(g) for g in parse("((a*b + c)*d)**2").gates]
    assert formulas == ["a * b", "a*b + c", "(a*b + c) * d", "((a*b + c)*d)**2"]
