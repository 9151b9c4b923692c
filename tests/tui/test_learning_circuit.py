"""The learning screen's circuit (issue 12): the model at the picked point, walked gate by
gate with `b`; its gradients checked against `train --json` (the SVM) and against the
numerical gradient of the loss (a neuron of the net); `k` picks another neuron."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout

from nn101.cli import main
from nn101.engine.learning import pull
from nn101.tui.widgets.circuit_drawing import CircuitDrawing
from nn101.tui.widgets.control_form import ControlForm
from nn101.tui.widgets.learn_circuit import LearnCircuit
from tests.tui.test_learning_screen import Host, pane_text, screen_of

WIDE = (160, 50)


def train_json(*args: str) -> dict[str, object]:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["train", *args, "--json"]) == 0
    data = json.loads(out.getvalue())
    assert isinstance(data, dict)
    return data


def drawn_text(app: Host) -> str:
    drawing = screen_of(app).query_one(CircuitDrawing).drawing
    assert drawing is not None
    return "\n".join(drawing.lines())


async def test_walking_the_svm_reads_the_gradients_train_json_reports() -> None:
    reported = train_json("svm", "--seed", "0", "--iterations", "1")
    last = reported["last_step"]
    assert isinstance(last, dict)
    app = Host("svm")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("space")  # the guide's data, seed 0: the step picks a point
        assert screen.training.last is not None
        assert screen.training.last.index == last["index"]
        await pilot.press("b")  # shows the circuit and walks its first gate
        await pilot.pause()
        assert screen.circuit_shown
        view = screen.view
        assert view is not None
        assert "walk: gate 1 of 4" in pane_text(app, "#learn-circuit-walk")
        for _ in range(3):
            await pilot.press("b")
        await pilot.pause()
        assert view.walk_complete
        walk = pane_text(app, "#learn-circuit-walk")
        assert "complete" in walk
        # the circuit's gradients are what train --json reports for that step, exactly
        assert view.gradients() == last["backprop"]
        for name in "abc":
            assert name in drawn_text(app)
        # the regularization pull is added at each weight, giving the step's gradient
        for p in view.param_lines():
            assert p.gradient == last["gradient"][p.name]
            assert p.regularization_pull == last["regularization_pull"][p.name]
            assert p.text in walk
        assert "backprop column is exactly these circuit gradients" in walk
        # the table's backprop column is the step's score_gradient: the same numbers
        assert screen.training.last.score_gradient == view.gradients()
        # the pull is the gradient entering the top
        assert view.circuit.output.grad == last["pull"]
        await pilot.press("c")  # back to the map
        assert not screen.circuit_shown


async def test_a_neuron_of_the_net_matches_the_numerical_gradient_of_the_loss() -> None:
    app = Host("net")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(40)
        await pilot.press("space", "c")
        await pilot.pause()
        view = screen.view
        assert view is not None and view.kind == "net"
        for _ in range(len(view.circuit.gates)):
            await pilot.press("b")
        await pilot.pause()
        assert view.walk_complete
        last = screen.training.last
        assert last is not None
        # the numerical gradient of the point's hinge loss max(0, 1 - label*score) at the
        # parameters the step saw; its negative is the pull's gradient on each parameter
        model = screen.training.model
        point = last.point
        h = 1e-6

        def cost(params: dict[str, float]) -> float:
            model.set_params(params)
            return max(0.0, 1.0 - point.label * model.score(point.x, point.y))

        before = dict(last.params_before)
        assert pull(point.label, last.score) == last.pull != 0.0
        for name, grad in view.gradients().items():
            up = cost({**before, name: before[name] + h})
            down = cost({**before, name: before[name] - h})
            numerical = -(up - down) / (2 * h)
            assert abs(numerical - grad) <= 1e-6 * max(1.0, abs(grad)), name
            assert grad == last.score_gradient[name]  # and the table's column, exactly
        model.set_params(last.params)
        shown = view.neuron
        await pilot.press("k")
        await pilot.pause()
        assert screen.view is not None and screen.view.neuron == shown % 3 + 1
        assert f"neuron {shown % 3 + 1} of 3 (picked)" in pane_text(app, "#learn-circuit-title")
        await pilot.press("K")
        await pilot.pause()
        assert screen.view is not None and screen.view.neuron == shown
        assert "changed most" in pane_text(app, "#learn-circuit-title")


async def test_a_narrow_terminal_lists_the_wires_instead_of_drawing() -> None:
    app = Host("net")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("space", "c")
        await pilot.pause()
        await pilot.pause()
        pane = screen_of(app).query_one(LearnCircuit)
        assert not pane.drawn
        wires = pane_text(app, "#learn-circuit-wires")
        assert "too narrow to draw" in wires and "score" in wires and "w" in wires


async def test_before_any_step_the_pane_says_what_to_do() -> None:
    app = Host("svm")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert "no step yet" in pane_text(app, "#learn-circuit-title")


async def test_the_activation_chosen_in_the_settings_is_the_gate_drawn() -> None:
    app = Host("net")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        form = screen.query_one(ControlForm)
        form.focus()
        for _ in range(6):  # down to the last row, the activation
            await pilot.press("down")
        await pilot.press("right")  # relu -> tanh
        await pilot.pause()
        assert screen.training.model.activation == "tanh"
        assert "--activation tanh" in screen.command()
        await pilot.press("space", "c")
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one(LearnCircuit).drawn
        assert "tanh" in drawn_text(app) and "relu" not in drawn_text(app)
