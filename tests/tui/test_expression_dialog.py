"""`e` opens your own formula in a dialog: the only way to type one at 80x24, where the
picker (and its field) is hidden. A refused formula says why and changes nothing."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.path_prompt import PathPrompt


async def test_e_opens_a_formula_at_80x24_and_a_bad_one_keeps_the_state() -> None:
    app = PlaygroundApp("neuron", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        app.screen.query_one("#prompt-path", Input).value = "lambda: 1"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)  # refused: the dialog stays, with why
        assert "lambda not allowed" in app.screen.error
        assert app.circuit.pg.name == "neuron"
        app.screen.query_one("#prompt-path", Input).value = "(a+b)*c"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert app.circuit.pg.scenario is None and app.circuit.pg.expression == "(a+b)*c"
        await pilot.press("space")  # at a=b=c=1: da = db = c = 1, dc = a + b = 2
        assert app.circuit.pg.iteration == 1
        # a, b += 0.01 * 1 and c += 0.01 * 2, so the output is (1.01 + 1.01) * 1.02
        assert app.circuit.pg.output == pytest.approx((1.01 + 1.01) * 1.02)
