"""What a notebook shows for the engine's objects and for a Stepper (nn101.notebook)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from nn101.engine import Circuit, MultiplyGate, Unit
from nn101.notebook import Drawing, Stepper, circuit_of, draw, mimebundle, use_palette
from nn101.state.svg import PALETTES

NS = "{http://www.w3.org/2000/svg}"


def _neuron() -> tuple[Circuit, Unit, list[Unit]]:
    a, b, c, x, y = (Unit(v, label=n) for n, v in zip("abcxy", (1.0, 2.0, -3.0, -1.0, 3.0),
                                                      strict=True))
    s = (a * x + b * y + c).sigmoid()
    return Circuit([a, b, c, x, y], s), s, [a, b, c, x, y]


def test_a_circuit_answers_the_display_protocol_with_svg_and_text() -> None:
    circuit, _, _ = _neuron()
    circuit.backward()
    bundle = circuit._repr_mimebundle_()
    root = ET.fromstring(bundle["image/svg+xml"])
    assert len([g for g in root.iter(f"{NS}g") if g.get("class") == "gate"]) == 5
    text = bundle["text/plain"]
    assert "0.8808" in text and "g-0.10499" in text  # the terminal's drawing, as text
    assert "┤ sig ├" in text


def test_a_unit_draws_the_graph_that_computes_it() -> None:
    circuit, s, _ = _neuron()
    circuit.backward()
    graph = circuit_of(s)
    assert list(graph.inputs) == ["a", "x", "b", "y", "c"]  # in the order the walk meets them
    assert graph.gates == circuit.gates
    assert s._repr_mimebundle_()["image/svg+xml"] == mimebundle(graph)["image/svg+xml"]


def test_a_number_in_a_formula_is_a_constant_not_an_input() -> None:
    x = Unit(3.0, label="x")
    graph = circuit_of(x * 2 + 1)
    assert list(graph.inputs) == ["x"]
    assert graph.forward() == 7.0


def test_a_leaf_alone_shows_as_text() -> None:
    bundle = Unit(2.0, label="x")._repr_mimebundle_()
    assert "image/svg+xml" not in bundle  # nothing to lay out: no gate
    assert bundle["text/plain"].startswith("0 gates")


def test_palettes_and_their_refusal() -> None:
    circuit, _, _ = _neuron()
    assert PALETTES["colour-blind"].value in draw(circuit, palette="colour-blind").svg  # type: ignore[operator]
    with pytest.raises(ValueError, match="unknown palette 'pink'"):
        use_palette("pink")
    use_palette("colour-blind")
    try:
        assert Drawing(circuit).palette == "colour-blind"
        assert PALETTES["colour-blind"].grad in circuit._repr_mimebundle_()["image/svg+xml"]
    finally:
        use_palette("default")


def test_the_stepper_walks_one_gate_at_a_time_and_lights_it() -> None:
    stepper = Stepper("neuron")
    first = stepper.walk()
    # the sigmoid first: ds = 1, local s(1 - s) at s = sig(2) = 0.880797: 0.104994
    assert first == "dq = (s * (1 - s)) × ds = 0.104994 × 1 = 0.104994"
    root = ET.fromstring(stepper._repr_mimebundle_()["image/svg+xml"])
    lit = [g.get("data-gate") for g in root.iter(f"{NS}g") if "walked" in g.get("class", "")]
    assert lit == ["sigmoid"]
    for _ in range(4):
        assert stepper.walk() is not None
    assert stepper.gradients() == pytest.approx(
        {"a": -0.104994, "b": 0.314981, "c": 0.104994, "x": 0.104994, "y": 0.209987}, abs=1e-6)


def test_the_stepper_steps_and_resets_as_the_app() -> None:
    stepper = Stepper("neuron")
    record = stepper.step()[0]
    assert round(record.output, 4) == 0.8826  # the guide's 0.8825 (0.882550...)
    assert stepper.output == record.output
    stepper.reset()
    assert stepper.inputs() == {"a": 1.0, "b": 2.0, "c": -3.0, "x": -1.0, "y": 3.0}
    stepper.use("numerical")
    assert stepper.settings.method == "numerical"
    from nn101.engine.errors import InputError

    with pytest.raises(InputError):
        stepper.use("guess")
    assert stepper.settings.method == "numerical"  # the last good setting kept


def test_the_stepper_shows_unknown_gradients_after_a_bare_forward_pass() -> None:
    stepper = Stepper(expression="x * y")
    stepper.set_inputs({"x": -2.0, "y": 3.0})
    assert stepper.forward() == -6.0
    root = ET.fromstring(stepper._repr_mimebundle_()["image/svg+xml"])
    unknown = [t.text for t in root.iter(f"{NS}text") if t.get("class") == "unknown"]
    assert unknown == ["g?", "g?", "g?"]


def test_a_multiply_gate_wired_by_hand_draws_too() -> None:
    x, y = Unit(-2.0, label="x"), Unit(3.0, label="y")
    q = MultiplyGate().forward(x, y)
    assert "-6" in q._repr_mimebundle_()["text/plain"]


def test_a_stepper_refuses_bad_input_with_the_apps_message_and_keeps_its_state() -> None:
    from nn101.engine.errors import InputError

    with pytest.raises(InputError, match="unknown scenario 'nope'"):
        Stepper("nope")
    stepper = Stepper(expression="x * y")
    stepper.set_inputs({"x": 4.0})
    with pytest.raises(InputError, match="not a number"):
        stepper.set_inputs({"x": "abc"})  # type: ignore[dict-item]
    assert stepper.inputs()["x"] == 4.0  # the last good value


def test_a_circuit_too_big_to_draw_shows_its_first_gates_as_text() -> None:
    # 60 gates: past the drawing's 40; the text lists 40 and counts the other 20.
    x = Unit(1.0, label="x")
    wire = x
    for _ in range(60):
        wire = wire * x
    bundle = wire._repr_mimebundle_()
    assert "image/svg+xml" not in bundle
    lines = bundle["text/plain"].splitlines()
    assert lines[0] == "60 gates, too many to draw:"
    assert lines[1] == "q1 = x * x = 1"  # notation.Naming: q1, q2, ... as x is taken
    assert lines[-1] == "... and 20 more" and len(lines) == 1 + 40 + 1
