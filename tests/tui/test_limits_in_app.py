"""The app at its limits: a step size that overflows, and the largest formulas the parser
admits. Nothing raises; the run stops where it was last finite; no pane draws thousands
of rows."""

from __future__ import annotations

import math

import pytest
from textual.widgets import Input

from nn101.state import controls
from nn101.tui.app import PlaygroundApp
from nn101.tui.widgets.gates_table import GatesTable
from nn101.tui.widgets.inputs_pane import InputsPane
from tests.tui.helpers import open_field, pane_text, wire_row

SIZE = (120, 36)


async def test_step_size_1e9_diverges_visibly_and_r_brings_the_scenario_back() -> None:
    app = PlaygroundApp(scenario="two-gates", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        open_field(app, controls.STEP_SIZE)
        await pilot.press("end", "ctrl+u", *"1e9", "enter", "escape")
        assert app.circuit.pg.settings.step_size == 1e9
        for _ in range(40):
            if app.circuit.pg.status == "diverged":
                break
            await pilot.press("space")
        # x+y and z each set the other's gradient, so with a step of 1e9 both grow about
        # 1e9-fold a step: x is about 3.8e146 after 16 steps, and at step 17 the output
        # (x+y)*z, about 1e155 * 1e155, passes the float limit 1.8e308.
        assert app.circuit.pg.status == "diverged" and app.circuit.pg.iteration == 16
        status = pane_text(app, "#status")
        assert status.startswith("STOPPED: diverged at iteration 17") and "(r resets)" in status
        assert math.isfinite(app.circuit.pg.output)
        pg = app.circuit.pg
        assert pg.history[-1].output == pg.output  # the last finite step is shown
        assert float(wire_row(app, "f")[2]) == pytest.approx(app.circuit.pg.output, rel=1e-3)
        await pilot.press("space", "p")  # neither steps nor starts a diverged run
        assert app.circuit.pg.iteration == 16 and not app.circuit.playing
        await pilot.press("r")
        assert app.circuit.pg.status == "ok" and app.circuit.pg.iteration == 0
        assert app.circuit.pg.settings.step_size == 0.01  # reset brings the scenario's settings
        assert wire_row(app, "f")[2] == "-12.00000"  # (-2 + 5) * -4
        assert "STOPPED" not in pane_text(app, "#status")
        await pilot.press("space")
        assert wire_row(app, "f")[2] == "-11.59240"  # the seed's one step: -11.59


BIG = [
    # The guide's "flat sum": 900 terms, 899 add gates, one input used 900 times.
    # f = 900 x, df/dx = 900: one step of 0.01 takes x to 1 + 9 = 10 and f to 9000.
    ("sum of 900", "+".join(["x"] * 900), 899, "ok", 9000.0),
    # x**1000: the gradient 1000 would take x to 11, and 11**1000 overflows: stopped at
    # once, at the start value 1.
    ("product of 1000", "*".join(["x"] * 1000), 999, "diverged", 1.0),
    # The deepest chain 2,000 characters allow: an odd count of minus signs, f = -x,
    # df/dx = -1: x goes to 0.99 and f to -0.99.
    ("1999 negations", "-" * 1999 + "x", 1999, "ok", -0.99),
    # Only checked to go up: sig of sig ... of x has a gradient too small to see here.
    ("200 nested sigmoids", "sig(" * 200 + "x" + ")" * 200, 200, "ok", None),
]


@pytest.mark.parametrize(("text", "gates", "status", "after"), [b[1:] for b in BIG],
                         ids=[b[0] for b in BIG])
async def test_the_largest_formulas_open_step_and_stay_bounded(
    text: str, gates: int, status: str, after: float | None
) -> None:
    app = PlaygroundApp(expression=text, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(app.circuit.pg.circuit.gates) == gates
        start = app.circuit.pg.output
        await pilot.press("space", "b", "b", "c")
        assert app.circuit.pg.status == status
        assert app.circuit.pg.iteration == (1 if status == "ok" else 0)
        assert app.circuit.pg.output >= start  # backprop goes up (or stays where it was)
        if after is not None:
            assert app.circuit.pg.output == pytest.approx(after)
        assert len(pane_text(app, "#circuit").splitlines()) <= 121  # 120 wires + "… more"
        # 400 gates + "… N more" + the sum row of the shared x
        assert app.query_one(GatesTable).row_count <= 402
        assert len(app.query_one(InputsPane).query(Input)) == 1  # the form's one field
        assert len(pane_text(app, "#check").splitlines()) < 40
        assert app.return_code is None
