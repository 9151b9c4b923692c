"""The "learning from data" group of the main app: it opens the learning screen, the
circuit's keys leave the hidden circuit alone while it is up, and escape comes back."""

from __future__ import annotations

from textual.widgets import OptionList

from nn101.tui.app import LEARNING_GROUP, PlaygroundApp
from nn101.tui.screens.learning import LearningScreen

SIZE = (120, 36)


async def test_picker_opens_each_model_and_escape_comes_back() -> None:
    app = PlaygroundApp("neuron", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert LEARNING_GROUP in [g.title for g in app.circuit.picker_groups]
        for model in ("svm", "net"):
            listing = app.query_one("#scenario-list", OptionList)
            listing.focus()
            listing.highlighted = listing.get_option_index(f"learn:{model}")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, LearningScreen)
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert not isinstance(app.screen, LearningScreen)
        assert app.circuit.pg.name == "neuron"


async def test_circuit_keys_do_not_touch_the_hidden_circuit() -> None:
    app = PlaygroundApp("neuron", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pg = app.circuit.pg
        before = (pg.name, pg.iteration, pg.inputs(), pg.check)
        app.open_learning("svm")
        await pilot.pause()
        # keys the circuit screen binds (some with priority, for use inside fields)
        await pilot.press("b", "f", "c", "m", "right_square_bracket", "ctrl+n", "ctrl+b",
                          "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, LearningScreen)
        assert (pg.name, pg.iteration, pg.inputs(), pg.check) == before
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("space")  # back on the circuit, the keys work again
        assert app.circuit.pg.iteration == 1
