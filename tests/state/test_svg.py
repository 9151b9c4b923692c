"""The circuit as SVG (nn101.state.svg), read back as XML: for every seed scenario it is
well formed, holds one group per gate and per input or constant (a shared input once), and
writes every number the engine computed where the terminal drawing writes it: each wire's
value and its gradient with the `g` before it, in the same cells."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from nn101.engine.circuit import Circuit
from nn101.engine.expression import parse
from nn101.engine.scenarios import SCENARIOS
from nn101.engine.unit import Unit
from nn101.state import notation
from nn101.state.drawing import ROOMY, Tag, layout_of, number
from nn101.state.factory import build_circuit
from nn101.state.svg import CELL_W, MARGIN, PALETTES, circuit_svg

NS = "{http://www.w3.org/2000/svg}"


def _svg(circuit: Circuit, **options: object) -> ET.Element:
    text = circuit_svg(circuit, **options)  # type: ignore[arg-type]
    assert text is not None
    return ET.fromstring(text)  # raises on XML that is not well formed


def _groups(root: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{NS}g") if kind in g.get("class", "").split()]


def _texts(root: ET.Element, tag: Tag) -> list[tuple[float, str]]:
    return [(float(t.get("x", "0")), t.text or "") for t in root.iter(f"{NS}text")
            if t.get("class") == tag.value]


def _ran(name: str) -> Circuit:
    circuit = build_circuit(name)
    circuit.backward()
    return circuit


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_scenario_has_one_group_per_gate_and_per_leaf(name: str) -> None:
    circuit = _ran(name)
    root = _svg(circuit)
    gates = _groups(root, "gate")
    assert [g.get("data-gate") for g in gates] == [g.name for g in circuit.gates]
    used = {id(u) for g in circuit.gates for u in g.inputs if u.gate is None}
    inputs = [u for u in circuit.inputs.values() if id(u) in used]
    assert len(_groups(root, "input")) == len(inputs)
    constants = {id(u) for g in circuit.gates for u in g.inputs
                 if u.gate is None and all(u is not v for v in circuit.inputs.values())}
    assert len(_groups(root, "constant")) == len(constants)
    names = notation.Naming(circuit)
    assert [g.get("data-name") for g in _groups(root, "input")] == [names(u) for u in inputs]


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_scenario_writes_the_values_and_gradients_the_terminal_does(name: str) -> None:
    circuit = _ran(name)
    root = _svg(circuit)
    layout = layout_of(circuit, ROOMY)
    assert layout is not None
    drawing = layout.render()
    for tag in (Tag.VALUE, Tag.GRAD):
        expected = sorted((MARGIN + x * CELL_W, text) for y in range(drawing.height)
                          for x, text in _runs_at(drawing, y, tag))
        got = sorted(_texts(root, tag))
        assert [t for _, t in got] == [t for _, t in expected]
        assert all(abs(a - b) < 0.05 for (a, _), (b, _) in zip(got, expected, strict=True))
    values = [t for _, t in _texts(root, Tag.VALUE)]
    grads = [t for _, t in _texts(root, Tag.GRAD)]
    for gate in circuit.gates:  # every gate's output: its value and its gradient
        assert number(gate.out.value) in values
        assert "g" + number(gate.out.grad) in grads
    for unit in circuit.inputs.values():
        assert number(unit.value) in values
        assert "g" + number(unit.grad) in grads


def _runs_at(drawing: object, y: int, tag: Tag) -> list[tuple[int, str]]:
    found = []
    x = 0
    for text, run_tag in drawing.runs(y):  # type: ignore[attr-defined]
        if run_tag is tag and text.strip():
            found.append((x + len(text) - len(text.lstrip()), text.strip()))
        x += len(text)
    return found


def test_the_neuron_shows_the_guides_numbers_and_names() -> None:
    root = _svg(_ran("neuron"))
    values = [t for _, t in _texts(root, Tag.VALUE)]
    grads = [t for _, t in _texts(root, Tag.GRAD)]
    assert "0.8808" in values  # sig(1*-1 + 2*3 - 3) = sig(2)
    for g in ("g-0.10499", "g0.31498", "g0.10499", "g0.20999", "g1"):
        assert g in grads  # a, b, c and x, y and the output (DESIGN.md's seed)
    wire_names = [t.text for t in root.iter(f"{NS}text") if t.get("font-style") == "italic"]
    circuit = _ran("neuron")
    naming = notation.Naming(circuit)
    inner = [naming(g.out) for g in circuit.gates[:-1]]  # the output's is "s", drawn
    assert wire_names == inner == ["ax", "by", "axpby", "q"]  # Naming's, as every pane


def test_a_shared_input_is_drawn_once() -> None:
    circuit = parse("a*a + a")
    circuit.set_inputs({"a": 3.0})
    circuit.forward()
    circuit.backward()  # d/da (a^2 + a) = 2a + 1 = 7
    root = _svg(circuit)
    assert len(_groups(root, "input")) == 1
    assert "g7" in [t for _, t in _texts(root, Tag.GRAD)]


def test_before_a_backward_pass_gradients_show_as_unknown() -> None:
    circuit = build_circuit("two-gates")
    root = _svg(circuit, gradients_known=False)
    assert [t for _, t in _texts(root, Tag.GRAD)] == ["g gradient"]  # the legend only
    assert {t for _, t in _texts(root, Tag.UNKNOWN)} == {"g?"}


def test_the_colour_blind_palette_colours_values_and_gradients() -> None:
    circuit = _ran("single-gate")
    for name, palette in PALETTES.items():
        root = _svg(circuit, palette=name)
        fills = {t.get("class"): t.get("fill") for t in root.iter(f"{NS}text")}
        assert fills["value"] == palette.value and fills["grad"] == palette.grad
    assert PALETTES["colour-blind"].value != PALETTES["default"].value


def test_names_from_outside_are_text_not_markup() -> None:
    odd = Unit(2.0, label='<b x="1">&amp;')
    y = Unit(3.0, label="y")
    from nn101.engine.gates import MultiplyGate

    circuit = Circuit({'<b x="1">&amp;': odd, "y": y}, MultiplyGate().forward(odd, y))
    circuit.backward()
    root = _svg(circuit)  # parses: nothing was read as markup
    names = [g.get("data-name") for g in _groups(root, "input")]
    assert names == ['<b x="1">&amp;', "y"]
    assert not any(el.tag == f"{NS}b" for el in root.iter())


def test_a_circuit_too_big_to_lay_out_has_no_svg() -> None:
    formula = " + ".join(f"x{i}*y{i}" for i in range(25))  # 49 gates, past MAX_GATES
    assert circuit_svg(parse(formula)) is None


def test_control_characters_in_a_name_are_shown_as_escapes_and_the_xml_stays_valid() -> None:
    # XML 1.0 cannot hold \x1b even escaped: the name is written as the app writes it.
    from nn101.engine.gates import MultiplyGate

    odd, y = Unit(2.0, label="\x1b[31m"), Unit(3.0, label="y")
    circuit = Circuit({"\x1b[31m": odd, "y": y}, MultiplyGate().forward(odd, y))
    circuit.backward()
    root = _svg(circuit)
    assert [g.get("data-name") for g in _groups(root, "input")] == ["\\x1b[31m", "y"]
    assert "\x1b" not in circuit_svg(circuit)  # type: ignore[operator]
