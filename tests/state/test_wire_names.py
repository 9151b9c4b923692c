"""One name per wire: every pane and the CLI's JSON name a wire the same way.

For each seed scenario and three typed formulas (a reused input, a chain of products, a
long sum with a sigmoid), the names each output uses are collected from its text and
compared with the one naming (`Naming.names()`): the tree, the walk, the quiz, the JSON
and the drawing's wire labels show every wire by that name; the equations, which take a
sum of products as one gate (as the guide does), show a subset, never another name.
"""

from __future__ import annotations

import json

import pytest
from textual.theme import BUILTIN_THEMES

from nn101.engine import SCENARIOS
from nn101.state.drawing import fitting_layout
from nn101.state.notation import Naming, chain_rule, equations, uses_of
from nn101.state.playground import Playground
from nn101.state.quiz import Quiz
from nn101.tui.theme import Colours
from nn101.tui.widgets.circuit_view import CircuitView
from tests.cli.helpers import cli

THEME = Colours.of(BUILTIN_THEMES["textual-dark"])
"""Any theme: the test reads the words."""

FORMULAS = ("x*y + x", "a*b*c + d", "sig(a*x + b*y + c) * w + 2")
CASES = [("scenario", n) for n in SCENARIOS] + [("expr", f) for f in FORMULAS]


def _playground(kind: str, name: str) -> Playground:
    return Playground(name) if kind == "scenario" else Playground(expression=name)


@pytest.mark.parametrize(("kind", "name"), CASES)
def test_every_pane_names_a_wire_the_same(kind: str, name: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    pg = _playground(kind, name)
    circuit = pg.circuit
    naming = Naming(circuit)
    every = set(naming.names())
    assert len(every) == len(circuit.inputs) + len(circuit.gates)  # one name each, no clash

    tree = CircuitView.render_circuit(pg, THEME)
    tree_names = set()
    for row in tree.rows[1:]:
        words = str(row.cells[0]).replace("├", " ").replace("└", " ").replace("│", " ")
        first = words.split()[0]
        if first != "Σ" and not first[0].isdigit() and not first.startswith("("):
            tree_names.add(first)
    assert tree_names == every

    uses = uses_of(circuit)
    walk = set()
    for step in circuit.backward_steps():
        for term in chain_rule(step, naming, uses):
            walk.add(term.output_name)
            if term.variable:
                walk.add(term.input_name)
    assert walk == every

    quiz = Quiz(circuit)
    assert {q.input_name for q in quiz.questions} | {q.output_name for q in quiz.questions} \
        == every

    eqs = equations(circuit)
    written = {e.input_name for e in eqs.lines} | {e.output_name for e in eqs.lines}
    assert written <= every and set(circuit.inputs) <= written
    assert {f.split(" = ")[0] for f in eqs.forward} <= every

    layout = fitting_layout(circuit, 200, 60)
    assert layout is not None
    drawn = "\n".join("".join(r) for r in layout.chars)
    lines = [line.rstrip() for line in drawn.splitlines()]
    assert any(line.endswith(f"─ {naming(circuit.output)}") for line in lines)  # the output
    for gate in circuit.gates[:-1]:  # every other gate's output wire carries its name
        assert f"├─ {naming(gate.out)} ─" in drawn

    args = [name] if kind == "scenario" else ["--expr", name]
    result = cli(capsys, "check", *args, "--json")
    data = json.loads(result.out)
    assert set(data["wire_names"]) == every
    outputs = {u["gate_output"] for w in data["wires"].values() for u in w["uses"]}
    assert outputs <= every
