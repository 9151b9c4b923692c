"""The app driven by keys, as a user drives it; numbers read back from the panes.

Expected numbers come from the seed (the guide's digest) or are worked out by hand in the
comments.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from nn101.engine.methods import Method
from nn101.state import controls
from nn101.state.controls import Control
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.help import HelpScreen
from nn101.tui.widgets.inputs_pane import InputsPane
from tests.tui.helpers import open_field, pane_text, table_rows, wire_row

SIZE = (120, 36)


def make(scenario: str | None = None, expression: str | None = None) -> PlaygroundApp:
    return PlaygroundApp(scenario=scenario, expression=expression, cursor_blink=False)


async def type_into(
    pilot: Pilot[int], app: PlaygroundApp, where: str | Control, text: str, *,
    enter: bool = False
) -> None:
    """Open a control's field (or focus a selector's), clear it and type `text` key by key,
    then enter if asked."""
    if isinstance(where, str):
        app.query_one(where, Input).focus()
    else:
        open_field(app, where)
    await pilot.press("end", "ctrl+u", *list(text))
    if enter:
        await pilot.press("enter")
    await pilot.pause()


async def test_single_gate_three_methods_side_by_side() -> None:
    app = make("single-gate")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert wire_row(app, "f")[2] == "-6.00000"
        compared = pane_text(app, "#compare")
        rows = [[t for t in line.split() if t != "▸"] for line in compared.splitlines()]
        lines = {row[0]: row for row in rows if row}
        # seed: random search about -5.95 (100 passes), numerical -5.87 (N+1 = 3), backprop
        # -5.87 (1 forward + 1 backward)
        assert lines["random"][1].startswith("-5.95") and lines["random"][2] == "100"
        assert lines["numerical"][1] == "-5.87060" and lines["numerical"][2] == "3"
        assert lines["backprop"][1] == "-5.87060" and lines["backprop"][2] == "1"

        assert app.circuit.pg.settings.method is Method.RANDOM
        await pilot.press("space")
        assert wire_row(app, "f")[2].startswith("-5.95")
        await pilot.press("r", "m", "n")  # reset, numerical gradient, step
        assert app.circuit.pg.settings.method is Method.NUMERICAL
        assert wire_row(app, "f")[2] == "-5.87060"
        await pilot.press("r", "m", "m", "space")  # reset, analytic, step
        assert app.circuit.pg.settings.method is Method.ANALYTIC
        # x, y = -2 + 0.01*3, 3 + 0.01*(-2) = -1.97, 2.98; f = -5.8706
        assert wire_row(app, "x")[2] == "-1.97000" and wire_row(app, "y")[2] == "2.98000"
        assert wire_row(app, "f")[2] == "-5.87060"
        assert "fwd passes: random 0 · numerical 0 · backprop 1" in pane_text(
            app, "#progress-stats")


async def test_two_gates_gradients_step_and_check() -> None:
    app = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert wire_row(app, "f")[2:4] == ["-12.00000", "1.00000"]
        # df/dx = df/dy = z = -4, df/dz = x + y = 3
        assert [wire_row(app, w)[3] for w in "xyz"] == ["-4.00000", "-4.00000", "3.00000"]
        await pilot.press("space")
        # (x+y)*z at (-2.04, 4.96, -3.97) = 2.92 * -3.97 = -11.5924
        assert wire_row(app, "f")[2] == "-11.59240"
        await pilot.press("c")
        check = pane_text(app, "#check")
        assert "PASS" in check and check.count("✓") == 3 and "STALE" not in check
        # a step moves the point: the check on screen is of the old one, and says so
        await pilot.press("space")
        assert "STALE" in pane_text(app, "#check")
        await pilot.press("c")
        assert "STALE" not in pane_text(app, "#check")


async def test_neuron_numbers_and_walk_order() -> None:
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert wire_row(app, "s")[2] == "0.88080"
        # seed: a -0.105, b 0.315, c 0.105, x 0.105, y 0.21 (5 decimals of the exact values)
        grads = {w: wire_row(app, w)[3] for w in "abcxy"}
        assert grads == {"a": "-0.10499", "b": "0.31498", "c": "0.10499", "x": "0.10499",
                         "y": "0.20999"}
        order, marked = [], []
        for _ in range(5):
            await pilot.press("b")
            banner = pane_text(app, "#walk").split()
            order.append(banner[2].rstrip(":"))
            marked += [row[0] for row in table_rows(app, "#gates") if row[0].startswith("▶")]
        # the guide: sigmoid -> add -> add -> multiply -> multiply
        assert order == ["sigmoid", "add", "add", "multiply", "multiply"]
        assert "done: every input has its gradient" in pane_text(app, "#walk")
        assert marked == ["▶ s = sig(q)", "▶ q = axpby + c", "▶ axpby = ax + by", "▶ by = b * y",
                          "▶ ax = a * x"]
        await pilot.press("space")
        assert wire_row(app, "s")[2] == "0.88255"  # seed: 0.8825 (exactly 0.882550)


async def test_walk_midway_shows_local_gradients() -> None:
    app = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        # the * gate first: local gradients (z, q) = (-4, 3), times grad in 1
        assert wire_row(app, "q")[4] == "-4.00000"
        assert wire_row(app, "z")[4] == "3.00000"
        assert wire_row(app, "x")[3] == "0.00000"  # the + gate is not walked yet


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("mul", {"a": "3.00000", "b": "-2.00000"}),  # da = b = 3, db = a = -2
        ("add", {"a": "1.00000", "b": "1.00000"}),
        ("add3", {"a": "1.00000", "b": "1.00000", "c": "1.00000"}),
        ("mul-add", {"a": "3.00000", "b": "-2.00000", "c": "1.00000"}),  # a=-2, b=3, c=4
        # x1 = 1*2 - 3 = -1, x2 = x1*d = 1, dx2 = 2*x2 = 2, dd = x1*dx2 = -2,
        # dx1 = d*dx2 = -2, da = b*dx1 = -4, db = a*dx1 = -2, dc = dx1 = -2
        ("square", {"a": "-4.00000", "b": "-2.00000", "c": "-2.00000", "d": "-2.00000"}),
        # x = (a+b)/(c+d) = 3/3; da = db = 1/(c+d) = 1/3; dc = dd = -(a+b)/(c+d)**2 = -1/3
        ("division", {"a": "0.33333", "b": "0.33333", "c": "-0.33333", "d": "-0.33333"}),
    ],
)
async def test_backprop_exercises_show_their_gradients(
    scenario: str, expected: dict[str, str]
) -> None:
    app = make(scenario)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {w: wire_row(app, w)[3] for w in expected} == expected


async def test_division_zero_divisor_and_pole_give_clear_messages() -> None:
    app = make("division")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        c = controls.input_control("c")
        await type_into(pilot, app, c, "-1", enter=True)  # c + d = -1 + 1 = 0
        assert "division by zero" in app.query_one(InputsPane).error_of(controls.input_control("c"))
        assert app.circuit.pg.inputs()["c"] == 2.0
        assert wire_row(app, "c")[2] == "2.00000"
        await type_into(pilot, app, controls.input_control("c"), "2", enter=True)
        assert app.query_one(InputsPane).error_of(controls.input_control("c")) == ""
        await type_into(pilot, app, controls.STEP_SIZE, "1", enter=True)
        assert app.circuit.pg.settings.step_size == 1.0
        await pilot.press("escape")
        for _ in range(60):
            if app.circuit.pg.status == "diverged":
                break
            await pilot.press("space")
        status = pane_text(app, "#status")
        assert "STOPPED" in status and "c + d" in status
        await pilot.press("r")
        assert "STOPPED" not in pane_text(app, "#status")
        assert wire_row(app, "c")[2] == "2.00000"


async def test_bad_input_keeps_the_last_good_value() -> None:
    app = make("single-gate")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # typed key by key: "1e40" on the way to "1e400" must not be applied either
        for bad in ("abc", "nan", "inf", "1e400", ""):
            await type_into(pilot, app, controls.input_control("x"), bad, enter=True)
            error = app.query_one(InputsPane).error_of(controls.input_control("x"))
            assert error.startswith("✗ "), bad
            assert app.circuit.pg.inputs()["x"] == -2.0
            assert wire_row(app, "f")[2] == "-6.00000"
            await type_into(pilot, app, controls.TRIES, bad, enter=True)
            assert app.query_one(InputsPane).error_of(controls.TRIES), bad
            assert app.circuit.pg.settings.tries == 100
        await type_into(pilot, app, controls.input_control("x"), "-3", enter=True)
        assert app.query_one(InputsPane).error_of(controls.input_control("x")) == ""
        assert wire_row(app, "f")[2] == "-9.00000"  # -3 * 3


async def test_keys_inside_a_field_and_escape() -> None:
    app = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = open_field(app, controls.input_control("x"))
        await pilot.press("n")  # typed into the field, not a step
        assert app.circuit.pg.iteration == 0 and box.value.endswith("n")
        await pilot.press("ctrl+n")  # steps even in a field
        assert app.circuit.pg.iteration == 1
        await pilot.press("escape", "n")
        assert app.focused is None and app.circuit.pg.iteration == 2


async def test_switching_scenarios_keeps_each_ones_state() -> None:
    app = make("single-gate")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert app.circuit.pg.name == "two-gates"
        await pilot.press("space", "space")
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert app.circuit.pg.name == "two-gates" and app.circuit.pg.iteration == 2
        assert "iteration 2" in pane_text(app, "#progress-stats")
        await pilot.press("r")
        assert app.circuit.pg.iteration == 0 and wire_row(app, "f")[2] == "-12.00000"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.circuit.pg.name == "division"  # wraps around


async def test_own_expression_and_a_bad_one() -> None:
    app = make("single-gate")
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, app, "#expression", "(a+b)*c")
        await pilot.press("enter")
        assert app.circuit.pg.name is None and set(app.circuit.pg.inputs()) == {"a", "b", "c"}
        # every variable starts at 1: f = (1+1)*1 = 2, df/dc = a + b = 2
        assert wire_row(app, "c")[3] == "2.00000"
        await type_into(pilot, app, "#expression", "a +")
        await pilot.press("enter")
        assert "✗" in pane_text(app, "#expression-error")
        assert set(app.circuit.pg.inputs()) == {"a", "b", "c"}


async def test_opens_on_an_expression() -> None:
    app = make(expression="x*x")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert wire_row(app, "x")[3] == "2.00000"  # d(x*x)/dx = 2x = 2


async def test_help_screen_and_continuous_run() -> None:
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("p")
        assert app.circuit.playing
        for _ in range(100):
            if app.circuit.pg.iteration > 0:
                break
            await pilot.pause(0.02)
        await pilot.press("p")
        assert not app.circuit.playing and app.circuit.pg.iteration > 0
        assert app.circuit.pg.output > 0.8808  # every backprop step on the neuron goes up


async def test_usable_at_80x24() -> None:
    app = make("neuron")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        assert wire_row(app, "s")[2] == "0.88255"
        assert "iteration 1" in pane_text(app, "#status")


async def test_a_big_formula_stays_bounded() -> None:
    terms = "+".join(f"x{i}*x{i}" for i in range(150))  # 150 inputs, 299 gates
    app = make(expression=terms)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # every input has a row (the pane scrolls), then the method, 4 settings and dx;
        # one field for all of them, and the expression field
        assert len(app.query_one(InputsPane).form.rows) == 150 + 1 + 4 + 1
        assert len(app.query(Input)) == 2
        assert len(pane_text(app, "#circuit").splitlines()) <= 125
        await pilot.press("space")
        # d/dx_i of sum x_i**2 is 2 x_i = 2 at the start; one step of 0.01 makes each
        # x_i 1.02, so the output is 150 * 1.02**2 = 156.06
        assert app.circuit.pg.output == pytest.approx(156.06)


async def test_picker_opens_scenarios_and_takes_more_groups() -> None:
    app = make("single-gate")
    called: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one("#scenario-list", OptionList)
        listing.focus()
        listing.highlighted = listing.get_option_index("scenario:neuron")
        await pilot.press("enter")
        assert app.circuit.pg.name == "neuron" and wire_row(app, "s")[2] == "0.88080"
        app.circuit.add_picker_group("more", [("extra:demo", "demo",
                                                lambda: called.append("demo"))])
        await pilot.pause()
        listing.highlighted = listing.get_option_index("extra:demo")
        await pilot.press("enter")
        assert called == ["demo"] and app.circuit.pg.name == "neuron"


def _rendered(screen: object) -> str:
    import io

    from rich.console import Console

    console = Console(width=300, file=io.StringIO(), color_system=None, record=True)
    console.print(screen._content)  # type: ignore[attr-defined]
    return " ".join(console.export_text().split())


async def test_help_lists_this_screens_keys_and_fields_from_their_one_description() -> None:
    # The keys come from the screen's bindings and the fields from their controls, so a
    # limit or a key cannot differ between the help, the fields and the CLI.
    from nn101.state import controls
    from nn101.tui.screens.help import HelpScreen

    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = _rendered(app.screen)
        for control in (controls.TRIES, controls.H):
            assert control.describe() in text
        assert "one step of the current method" in text
        await pilot.press("escape")
        app.open_learning("svm")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = _rendered(app.screen)
        assert controls.REGULARIZATION.describe() in text
        assert "one step of the current method" not in text  # not the circuit's keys
