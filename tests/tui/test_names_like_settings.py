"""Variables named like the playground's settings and state are ordinary inputs.

`nn101-tui --expr 'h*x'` crashed the app (two widgets with the id 'err-set-h': inputs and
settings shared one id namespace, a field's name packed into its id). Fields are typed
controls now; every name below is an input in the CLI and in the app, beside the setting
of the same name where there is one.
"""

from __future__ import annotations

import json

import pytest

from nn101.cli import main
from nn101.state import controls
from nn101.tui.app import PlaygroundApp
from tests.tui.helpers import open_field

NAMES = ("h", "tries", "tweak", "step_size", "method", "seed", "output", "iteration", "dx")


@pytest.mark.parametrize("name", NAMES)
def test_the_cli_runs_a_formula_with_the_name(capsys: pytest.CaptureFixture[str],
                                              name: str) -> None:
    # f = name * x at name = 3, x = 2: df/dname = x = 2, df/dx = name = 3
    code = main(["check", "--expr", f"{name}*x", "--set", f"{name}=3", "--set", "x=2",
                 "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["analytic"] == {name: 2.0, "x": 3.0}


@pytest.mark.parametrize("name", NAMES)
async def test_the_app_opens_and_edits_a_formula_with_the_name(name: str) -> None:
    app = PlaygroundApp(expression=f"{name}*x + 1", cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        box = open_field(app, controls.input_control(name))
        box.value = "3"
        await pilot.press("enter")
        await pilot.pause()
        pg = app.circuit.pg
        assert pg.inputs()[name] == 3.0 and pg.output == 3.0 * 1.0 + 1.0
        # the setting of the same name (where there is one) is untouched
        assert pg.settings.h == 1e-4 and pg.settings.tries == 100
