"""The hostile corpus typed (or pasted) into the app's fields: each shows its message next
to the field, and the last good state stays in use.

Number fields (inputs and settings) read text with the engine's strict `parse_number`;
the expression field goes through the safe parser. Messages are the engine's own, so the
fragments here are the ones the CLI corpus (tests/cli/test_hostile.py) checks too, except
where the app says more (a formula that is not finite at its start point).
"""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from nn101.state import controls
from nn101.tui.app import PlaygroundApp
from nn101.tui.widgets.inputs_pane import InputsPane
from tests.cli.test_hostile import DEEP, LONG, NODES
from tests.tui.helpers import open_field, pane_text, wire_row

SIZE = (120, 36)

NUMBERS: list[tuple[str, str, str]] = [
    ("a word", "abc", "not a number: 'abc'"),
    ("nan", "nan", "nan is not a number you can step with"),
    ("NaN", "NaN", "nan is not a number you can step with"),
    ("inf", "inf", "infinity is not allowed: use a finite number"),
    ("-inf", "-inf", "infinity is not allowed: use a finite number"),
    ("Infinity", "Infinity", "infinity is not allowed"),
    ("1e400", "1e400", "too large: 1e400 overflows a float"),
    ("-1e400", "-1e400", "too large: -1e400 overflows a float"),
    ("empty", "", "empty: type a number"),
    ("whitespace", "   ", "empty: type a number"),
    ("unicode digits", "٣٤", "not a number: '٣٤' (use ASCII digits)"),
    ("fullwidth digit", "１", "(use ASCII digits)"),
    ("underscore", "1_000", "not a number: '1_000'"),
    ("hex", "0x10", "not a number: '0x10'"),
    ("a formula", "9**9**9", "not a number: '9**9**9'"),
    ("code", "__import__('os')", "not a number"),
    ("two numbers", "1 2", "not a number: '1 2'"),
    # Shown as typed, never read as Textual markup (it crashed the app before).
    ("markup", "[b]x[/c]", "not a number: '[b]x[/c]'"),
]

# (what, text, fragment of the message shown under the expression field)
EXPRESSIONS: list[tuple[str, str, str]] = [
    ("empty", "", "empty expression"),
    ("whitespace", "   ", "empty expression"),
    ("unicode digit", "x + ٣", "only ASCII letters"),
    ("not a formula", "x +* ", "not a formula at column"),
    ("2,001 characters", LONG, "expression too long: 2001 characters (at most 2000)"),
    # 10,002 nodes need over 5,000 characters: the length limit answers first.
    ("10,001 nodes", NODES, "expression too long: 5001 characters"),
    ("201 levels of parentheses", DEEP, "too deeply nested: 201 levels"),
    ("import", "__import__('os')", "unknown function '__import__'"),
    ("import by name", "__import__", "bad name '__import__'"),
    ("attribute", "x.__class__", "attribute access (a.b) not allowed"),
    ("method call", "open('f').read()", "only the functions"),
    ("lambda", "lambda: x", "lambda not allowed"),
    ("list comprehension", "[x for x in y]", "comprehensions not allowed"),
    ("dict comprehension", "{x: x for x in y}", "comprehensions not allowed"),
    ("generator", "sum(x for x in y)", "unknown function 'sum'"),
    ("9**9**9", "9**9**9", "overflows a float"),
    ("9**9**9 times x", "9**9**9 * x",
     "the formula is not a finite number with every variable at 1"),
    ("1/0", "1/0", "division by zero"),
    ("log of a negative number", "log(-1)", "log of a non-positive number (-1)"),
    # x/(x-1) and log(x - 3), outside the domain with x at 1, open blocked instead (the
    # inputs fix them): tests/tui/test_chain_rule_in_app.py
    ("unknown name", "nan * x", "nan is not a finite number"),
    ("unknown function", "foo(x)", "unknown function 'foo'"),
    ("print", "print(x)", "unknown function 'print'"),
    ("a string", "'rm -rf'", "only numbers and names are allowed"),
    ("statement", "x; import os", "not a formula"),
    ("markup", "x[/b]", "not a formula"),
]


def make(scenario: str) -> PlaygroundApp:
    return PlaygroundApp(scenario=scenario, cursor_blink=False)


async def enter_text(pilot: Pilot[int], where: str | controls.Control, text: str) -> None:
    """Put `text` in the field (a control's row, or a selector's field) as a paste (one
    event, as a user pastes), then enter."""
    if isinstance(where, str):
        box = pilot.app.query_one(where, Input)
        box.focus()
    else:
        box = open_field(pilot.app, where)
    box.value = ""
    if text:
        box.post_message(events.Paste(text))
    await pilot.pause()
    assert box.value == text
    await pilot.press("enter")


async def test_number_fields_refuse_hostile_text() -> None:
    app = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")  # a run to keep: iteration 1
        before = app.circuit.pg.to_session().to_dict()
        shown = wire_row(app, "x")[2]
        pane = app.query_one(InputsPane)
        for what, text, fragment in NUMBERS:
            for control in (controls.input_control("x"), controls.STEP_SIZE):
                await enter_text(pilot, control, text)
                error = pane.error_of(control)
                assert error.startswith("✗ ") and fragment in error, (what, control, error)
                # inputs, settings, the history:
                assert app.circuit.pg.to_session().to_dict() == before, what
                assert wire_row(app, "x")[2] == shown, what
                assert f"{control.label}: " in pane_text(app, "#status"), what  # says why
        await pilot.press("escape", "space")  # the last good values still step
        assert app.circuit.pg.iteration == 2


async def test_settings_refuse_values_no_step_can_use() -> None:
    app = make("single-gate")  # random search: tries and tweak are shown
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(InputsPane)
        for text, fragment in (("2.5", "tries: not a whole number: '2.5'"),
                               ("0", "tries: must be between 1 and 1000000"),
                               ("1e7", "tries: must be between 1 and 1000000")):
            await enter_text(pilot, controls.TRIES, text)
            assert fragment in pane.error_of(controls.TRIES)
            assert app.circuit.pg.settings.tries == 100
        await enter_text(pilot, controls.TWEAK, "-1")
        assert "tweak: must be 0 or more" in pane.error_of(controls.TWEAK)
        assert app.circuit.pg.settings.tweak == 0.01
        await pilot.press("escape", "m")  # the numerical gradient: the h field shows
        for text in ("0", "-1e-4"):
            await enter_text(pilot, controls.H, text)
            assert "h: must be greater than 0" in pane.error_of(controls.H)
            assert app.circuit.pg.settings.h == 1e-4


async def test_the_expression_field_refuses_hostile_text() -> None:
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        pg, before = app.circuit.pg, app.circuit.pg.to_session().to_dict()
        for what, text, fragment in EXPRESSIONS:
            await enter_text(pilot, "#expression", text)
            error = pane_text(app, "#expression-error")
            assert error.startswith("✗ ") and fragment in error, (what, error)
            assert app.circuit.pg is pg and app.circuit.pg.to_session().to_dict() == before, what
            assert app.circuit.key == "scenario:neuron", what
            assert wire_row(app, "s")[2] == "0.88255", what  # one step on (seed: 0.8825)
        # A good formula afterwards is taken, and the error goes away.
        await enter_text(pilot, "#expression", "x*y")
        assert pane_text(app, "#expression-error").strip() == ""
        assert app.circuit.key == "expr:x*y"
