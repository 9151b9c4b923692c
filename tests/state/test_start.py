"""Start values with a formula: `log(x - 2) @ x=5, y=2`, and formulas that open outside
a gate's domain."""

from __future__ import annotations

import math

import pytest

from nn101.engine.errors import ExpressionError, InputError
from nn101.state.playground import Playground
from nn101.state.start import open_formula, split_start


def test_split_reads_the_formula_and_its_values() -> None:
    start = split_start(" log(x - 2) @ x=5, y = -2.5 ")
    assert start.formula == "log(x - 2)"
    assert start.values == {"x": 5.0, "y": -2.5}
    assert split_start("a*b").values == {}


@pytest.mark.parametrize(("text", "message"), [
    ("x @ x=1 @ y=2", "more than one @"),
    ("x @ ", "nothing after @"),
    ("x @ x=1,,", "start value 2 is empty"),
    ("x @ x", "is not name=number"),
    ("x @ 2x=1", "is not a variable name"),
    ("x @ x=1, x=2", "x is given twice"),
    ("x @ x=abc", "x: not a number"),
    ("x @ x=nan", "x: nan is not a number"),
    ("x @ x=1e999", "too large"),
    ("x @ " + "x=1, " * 30_000, "too long"),
])
def test_bad_start_values_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        split_start(text)


def test_a_name_the_formula_lacks_is_refused_with_the_names_it_has() -> None:
    with pytest.raises(InputError, match=r"z is not a variable of x \* y \(it has: x, y\)"):
        open_formula("x * y @ z=1")
    with pytest.raises(ExpressionError):
        open_formula("x * @ x=1")


def test_variables_not_given_start_at_1() -> None:
    circuit, point = open_formula("log(x - 2) + y*z @ z=3, x=5")
    assert point == {"x": 5.0, "y": 1.0, "z": 3.0}
    assert circuit.input_values() == point


def test_a_formula_opens_at_its_start_values() -> None:
    pg = Playground(expression="log(x - 2) @ x=5")
    assert pg.status == "ok" and pg.problem is None
    assert pg.output == pytest.approx(math.log(3))
    assert pg.gradients() == pytest.approx({"x": 1 / 3})
    pg.step()
    pg.reset()  # back to the formula's own start values, not to 1
    assert pg.inputs() == {"x": 5.0}


def test_outside_the_domain_is_refused_by_default_naming_the_gate() -> None:
    pg = Playground("neuron")
    with pytest.raises(InputError, match=r"log\(x - 2\) cannot be computed .*x - 2 = -1"):
        pg.load_expression("log(x - 2)")
    assert pg.name == "neuron"  # kept


def test_outside_the_domain_opens_held_until_the_inputs_are_fixed() -> None:
    pg = Playground(expression="log(x - 2) * y @ y=3", hold=True)
    assert pg.status == "blocked"
    assert pg.problem is not None and "log(x - 2)" in pg.problem
    assert "log of a non-positive number (-1)" in pg.message
    assert pg.gradients() is None and pg.wires() is None and pg.equations() is None
    assert pg.step() == [] and pg.iteration == 0
    assert pg.walk_step() is None
    assert math.isnan(pg.forward())
    with pytest.raises(InputError, match="log"):
        pg.gradient_check()
    with pytest.raises(InputError, match="log"):
        pg.start_quiz()
    assert all(r.output is None and "log" in r.message for r in pg.compare())
    pg.set_input("x", "1.5")  # still outside: accepted, still held, the message follows
    assert pg.status == "blocked" and "(-0.5)" in pg.message
    pg.set_input("x", "3")
    assert pg.status == "ok" and pg.problem is None
    assert pg.output == 0.0 and pg.gradients() == pytest.approx({"x": 3.0, "y": 0.0})
    assert len(pg.step()) == 1
    pg.reset()  # the start point was outside: held again
    assert pg.status == "blocked" and pg.inputs() == {"x": 1.0, "y": 3.0}


def test_a_held_division_by_zero_names_the_divisor() -> None:
    pg = Playground(expression="x / (x - 1)", hold=True)
    assert pg.status == "blocked" and "division by zero" in pg.message
    assert "1/(x - 1)" in pg.message


def test_an_overflowing_start_keeps_its_message() -> None:
    with pytest.raises(InputError, match="not a finite number with every variable at 1"):
        Playground(expression="9**9**9 * x")
