"""The chain rule written out: the guide's backprop equations, generated from the circuit.

GUIDE holds the equations of the seed's "More on Backpropagation" section, copied from
it with the errata fixed (`x2Â²` is `x2**2`). Each scenario's generated equations must be
the same set, in an order backprop can run (every d<wire> used after it is written), with
numbers that agree with the engine's backward pass.
"""

from __future__ import annotations

import re

import pytest

from nn101.engine import SCENARIOS, parse
from nn101.engine.wires import wire_gradients
from nn101.state.notation import (
    Naming,
    chain_rule,
    equations,
    gradients_of,
    local_formula,
    sum_text,
    uses_of,
)
from tests.engine.oracle import from_text

GUIDE = {
    "mul": ("x = a * b", ["da = b * dx", "db = a * dx"]),
    "add": ("x = a + b", ["da = 1.0 * dx", "db = 1.0 * dx"]),
    "add3": ("x = a + b + c", ["da = 1.0 * dx", "db = 1.0 * dx", "dc = 1.0 * dx"]),
    "mul-add": ("x = a * b + c", ["da = b * dx", "db = a * dx", "dc = 1.0 * dx"]),
    "square": (
        "x1 = a * b + c; x2 = x1 * d; x = x2**2",
        ["dx2 = 2 * x2 * dx", "dd = x1 * dx2", "dx1 = d * dx2", "da = b * dx1",
         "db = a * dx1", "dc = 1.0 * dx1"],
    ),
    "division": (
        "x1 = a + b; x2 = c + d; x3 = 1.0 / x2; x = x1 * x3",
        ["dx1 = x3 * dx", "dx3 = x1 * dx", "dx2 = (-1.0 / x2**2) * dx3", "da = 1.0 * dx1",
         "db = 1.0 * dx1", "dc = 1.0 * dx2", "dd = 1.0 * dx2"],
    ),
}


def _lhs_rhs(line: str) -> tuple[str, set[str]]:
    left, _, right = line.partition("=")
    return left.strip(" +"), set(re.findall(r"\bd[A-Za-z0-9_]+", right))


@pytest.mark.parametrize("name", list(GUIDE))
@pytest.mark.parametrize("dx", [1.0, -0.5])
def test_equations_are_the_guides(name: str, dx: float) -> None:
    circuit = SCENARIOS[name].circuit()
    eqs = equations(circuit, dx)
    forward, backward = GUIDE[name]
    assert [f.rsplit(" = ", 1)[0] for f in eqs.forward] == forward.split("; ")
    assert sorted(e.formula for e in eqs.lines) == sorted(backward)
    # in an order backprop can run: each d<wire> on the right is already known
    known = {eqs.given.split(" = ")[0]}
    for e in eqs.lines:
        target, needs = _lhs_rhs(e.formula)
        assert needs <= known, (e.formula, known)
        known.add(target)
    assert eqs.given == f"dx = {dx:g}"
    # the numbers agree with the engine: each line's value is local x upstream, and each
    # input's lines add up to backprop's gradient from dx
    engine = circuit.backward(dx)
    assert gradients_of(eqs, engine) == pytest.approx(engine, rel=1e-12)
    for e in eqs.lines:
        assert e.value == e.local * e.upstream
        assert e.text.startswith(e.formula + " = ")


def test_square_numbers_by_hand() -> None:
    eqs = equations(SCENARIOS["square"].circuit())
    texts = [e.text for e in eqs.lines]
    # x1 = 1*2 - 3 = -1, x2 = x1 * d = 1, x = 1: dx2 = 2, dx1 = d*dx2 = -2, dd = x1*dx2 = -2
    assert texts[0] == "dx2 = 2 * x2 * dx = 2 * 1 = 2"
    assert "da = b * dx1 = 2 * (-2) = -4" in texts
    assert eqs.forward == ("x1 = a * b + c = -1", "x2 = x1 * d = 1", "x = x2**2 = 1")


def test_division_numbers_agree_with_sympy() -> None:
    circuit = SCENARIOS["division"].circuit()
    eqs = equations(circuit, 2.0)
    oracle = from_text("(a + b) / (c + d)", list(circuit.inputs))
    want = {n: 2.0 * g for n, g in oracle.gradient(circuit.input_values()).items()}
    assert gradients_of(eqs, want) == pytest.approx(want, rel=1e-12)
    line = next(e for e in eqs.lines if e.input_name == "x2")
    assert line.local == pytest.approx(-1 / 9) and line.upstream == pytest.approx(2 * 3.0)


def test_the_neuron_reads_as_in_the_guide() -> None:
    eqs = equations(SCENARIOS["neuron"].circuit())
    # the guide: q = a*x + b*y + c; f = sig(q); dq = (f * (1-f)) * df; da = x * dq ...
    assert [f.rsplit(" = ", 1)[0] for f in eqs.forward] == ["q = a * x + b * y + c",
                                                            "s = sig(q)"]
    assert sorted(e.formula for e in eqs.lines) == sorted([
        "dq = (s * (1 - s)) * ds", "da = x * dq", "dx = a * dq", "dy = b * dq",
        "db = y * dq", "dc = 1.0 * dq"])


def test_a_reused_input_accumulates_and_shows_its_sum() -> None:
    c = parse("a*a + a")
    c.set_inputs({"a": 3.0})
    eqs = equations(c)
    assert [e.formula for e in eqs.lines] == ["da = a * dx", "da += a * dx", "da += 1.0 * dx"]
    assert eqs.totals == ("a: 3·1 + 3·1 + 1·1 = 7",)
    assert "a: 3·1 + 3·1 + 1·1 = 7" in eqs.text()


def test_constants_get_no_equation() -> None:
    c = parse("2*x + 3")
    eqs = equations(c)
    assert [e.formula for e in eqs.lines] == ["dx = 2 * df"]


@pytest.mark.parametrize(("text", "slot", "formula"), [
    ("sig(q)", 0, "s * (1 - s)"),
    ("1/x", 0, "-1.0 / x**2"),
    ("x**2", 0, "2 * x"),
    ("x**3", 0, "3 * x**2"),
    ("x**0.5", 0, "0.5 * x**-0.5"),
    ("a*b", 0, "b"),
    ("a*b", 1, "a"),
    ("a - b", 1, "-1.0"),
    ("log(x)", 0, "1.0 / x"),
    ("tanh(x)", 0, "1 - f**2"),
    ("exp(x)", 0, "f"),
    ("relu(x)", 0, "1 if x > 0 else 0"),
    ("max(a, b)", 1, "1 if a < b else 0"),
    ("a**b", 1, "f * log(a)"),
])
def test_local_formulas_come_from_the_gate_classes(text: str, slot: int, formula: str) -> None:
    c = parse(text)
    if text == "sig(q)":
        c.output.label = "s"
    else:
        c.output.label = "f"
    naming = Naming(c)
    assert local_formula(c.gates[-1], slot, naming) == formula


def test_every_gate_class_declares_its_formulas() -> None:
    from nn101.engine import gates

    for cls in vars(gates).values():
        if isinstance(cls, type) and issubclass(cls, gates.Gate) and cls.arity and \
                cls not in (gates.UnaryGate, gates.BinaryGate):
            assert len(cls.local_formulas) == cls.arity, cls


def test_the_walk_writes_the_chain_rule_gate_by_gate() -> None:
    c = SCENARIOS["two-gates"].circuit()
    naming = Naming(c)
    steps = list(c.backward_steps())
    first = [t.text for t in chain_rule(steps[0], naming)]
    assert first == ["dq = z × df = -4 × 1 = -4", "dz = q × df = 3 × 1 = 3"]
    second = [t.text for t in chain_rule(steps[1], naming)]
    assert second == ["dx = 1.0 × dq = 1 × -4 = -4", "dy = 1.0 × dq = 1 × -4 = -4"]


def test_the_walk_of_the_neuron_names_the_sigmoid_formula() -> None:
    c = SCENARIOS["neuron"].circuit()
    terms = chain_rule(next(c.backward_steps()), Naming(c))
    assert terms[0].local_formula == "s * (1 - s)"
    assert terms[0].text.startswith("dq = (s * (1 - s)) × ds = 0.104994 × 1 = 0.104994")


def test_a_reused_wire_in_the_walk_says_it_adds() -> None:
    c = parse("x*y + x")
    c.set_inputs({"x": 3.0, "y": 5.0})
    naming, uses = Naming(c), uses_of(c)
    texts = [t.text for s in c.backward_steps() for t in chain_rule(s, naming, uses)]
    # the inner wire x*y is xy (as the guide names a*x `ax`), the output f (x is an input)
    assert texts == ["dxy = 1.0 × df = 1 × 1 = 1", "dx += 1.0 × df = 1 × 1 = 1",
                     "dx += y × dxy = 5 × 1 = 5", "dy = x × dxy = 3 × 1 = 3"]
    assert sum_text(wire_gradients(c)["x"]) == "x: 1·1 + 5·1 = 6"


def test_a_constant_in_the_walk_is_marked() -> None:
    c = parse("2*x")
    terms = chain_rule(next(c.backward_steps()), Naming(c))
    assert [t.variable for t in terms] == [False, True]
    assert terms[0].input_name == "2"
