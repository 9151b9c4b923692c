"""The circuit in words: gate by gate, operators as words, every wire by the app's name.

The neuron s = sig(a*x + b*y + c) at a=1, b=2, c=-3, x=-1, y=3 (the guide's numbers):
a*x = -1, b*y = 6, their sum 5, plus c gives 2, s = sig(2) = 0.880797. The sigmoid's local
gradient is s(1 - s) = 0.104994, which every wire below it gets times its local gradient:
to a: x * 0.104994 = -0.104994, to x: a * 0.104994 = 0.104994, to b: y * 0.104994 =
0.314981, to y: b * 0.104994 = 0.209987.
"""

from __future__ import annotations

import pytest

from nn101.plain import words
from nn101.plain.shell import Shell
from nn101.state.playground import Playground


def test_the_neuron_gate_by_gate() -> None:
    pg = Playground("neuron")
    n = pg.naming  # the names the app gives the inner wires, whatever they are
    ax, by, q1, q2, s = (n(g.out) for g in pg.circuit.gates)
    assert words.circuit_lines(pg)[1:] == [
        f"multiply gate {ax} = a times x: value -1, gradient 0.104994; to a: -0.104994, "
        "to x: 0.104994",
        f"multiply gate {by} = b times y: value 6, gradient 0.104994; to b: 0.314981, "
        "to y: 0.209987",
        f"add gate {q1} = {ax} plus {by}: value 5, gradient 0.104994; to {ax}: 0.104994, "
        f"to {by}: 0.104994",
        f"add gate {q2} = {q1} plus c: value 2, gradient 0.104994; to {q1}: 0.104994, "
        "to c: 0.104994",
        f"sigmoid gate {s} = sigmoid of {q2}: value 0.880797, gradient 1; to {q2}: 0.104994",
    ]


@pytest.mark.parametrize("formula", ["(a + b) / (c + d)", "-(x - 2) ** 3 + max(x, 1)",
                                     "exp(a) * 2 + log(b)"])
def test_every_wire_is_named_as_the_app_names_it(formula: str) -> None:
    pg = Playground(expression=formula)
    lines = words.circuit_lines(pg)[1:]
    for gate, line in zip(pg.circuit.gates, lines, strict=True):
        assert line.startswith(f"{gate.name} gate {pg.naming(gate.out)} = "), line
        for unit in gate.inputs:
            assert pg.naming(unit) in words.forward_words(gate, pg.naming)
    assert not any(sym in line for line in lines for sym in ("*", "/", "**"))


def test_a_constant_gets_no_gradient_and_an_operator_is_a_word() -> None:
    pg = Playground(expression="x * 2 - 1 / x @ x=4")
    lines = words.circuit_lines(pg)[1:]
    n = pg.naming
    multiply = next(g for g in pg.circuit.gates if g.name == "multiply")
    # x * 2 at x = 4: value 8; the gate sends 2 (times its gradient) to x and none to 2
    assert lines[pg.circuit.gates.index(multiply)].startswith(
        f"multiply gate {n(multiply.out)} = x times 2: value 8, gradient ")
    assert "to 2:" not in lines[pg.circuit.gates.index(multiply)]
    assert any("1 divided by x" in line or "divided by x" in line for line in lines)


def test_a_blocked_formula_says_so_and_computes_no_gradient() -> None:
    shell = Shell(Playground(expression="log(x - 2) @ x=1", hold=True))
    out = shell.handle("show")
    assert any(line.startswith("iteration 0, output") and "blocked:" in line for line in out)
    assert "gradients: not computed" in out
    assert shell.handle("step") == [f"no step taken: {words.status_line(shell.playground)}"]
    assert shell.handle("set x 5")[0] == "x = 5: the run starts again from here"
    assert "gradients: not computed" not in shell.handle("show")


def test_lesson_markdown_reads_as_words() -> None:
    assert words.prose("## One gate\n\nWe want f to go *up*: **f = x × y**, `m` cycles;"
                       " a*b stays\n") == [
        "One gate", "", "We want f to go up: f = x × y, m cycles; a*b stays"]
    assert words.say("a\x1b[31mred\x07") == [r"a\x1b[31mred\x07"]
