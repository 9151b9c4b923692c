"""Save, load and export from the app, as a user does it: keys, a path dialog, enter.

Every test runs in its own temporary folder (the dialogs offer names in the current
folder). A refused file leaves the dialog open with the reason and the state untouched.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from nn101.state.controls import input_control
from nn101.state.playground import Playground
from nn101.state.session import Session
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.path_prompt import PathPrompt
from tests.tui.helpers import open_field, pane_text, wire_row

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make(scenario: str = "two-gates", session: Session | None = None) -> tuple[
        PlaygroundApp, list[tuple[str, str]]]:
    """The app, and the notifications it shows (message, severity)."""
    app = PlaygroundApp(scenario=scenario, session=session, cursor_blink=False)
    shown: list[tuple[str, str]] = []

    def notify(message: str, *, title: str = "", severity: str = "information",
               **_: object) -> None:
        shown.append((message, severity))

    app.notify = notify  # type: ignore[method-assign,assignment]
    return app, shown


async def answer(pilot: Pilot[int], text: str | None = None) -> PathPrompt:
    """Type `text` over the dialog's suggestion (or keep it) and press enter."""
    prompt = pilot.app.screen
    assert isinstance(prompt, PathPrompt)
    if text is not None:
        await pilot.press("end", "ctrl+u", *list(text))
    await pilot.press("enter")
    await pilot.pause()
    return prompt


async def test_save_and_load_work_while_a_field_has_focus(in_tmp: Path) -> None:
    app, shown = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "space")
        saved = app.circuit.pg.to_session().to_dict()
        open_field(app, input_control("x"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PathPrompt)
        assert app.screen.query_one("#prompt-path", Input).value == "nn101-session.json"
        await answer(pilot)
        assert not isinstance(app.screen, PathPrompt)
        path = in_tmp / "nn101-session.json"
        assert Session.load(path).steps == app.circuit.pg.history  # what is on screen, all 3 steps
        assert shown[-1] == (f"saved {Path('nn101-session.json')} (iteration 3)",
                             "information")

        await pilot.press("escape", "r")
        assert app.circuit.pg.iteration == 0 and wire_row(app, "f")[2] == "-12.00000"
        open_field(app, input_control("y"))
        await pilot.press("ctrl+o")
        await answer(pilot)
        assert app.circuit.pg.to_session().to_dict() == saved
        assert "iteration 3" in pane_text(app, "#status")
        assert shown[-1][0].startswith("loaded nn101-session.json: ")


async def test_a_refused_file_keeps_the_dialog_open_and_the_state(in_tmp: Path) -> None:
    good = Playground("two-gates")
    good.step(2)
    text = good.to_session().to_json()
    (in_tmp / "cut.json").write_text(text[: len(text) // 2])  # a save cut short
    app, shown = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        before, pg = app.circuit.pg.to_session().to_dict(), app.circuit.pg
        await pilot.press("ctrl+o")
        prompt = await answer(pilot, "cut.json")
        assert app.screen is prompt
        assert "ends too early (truncated?)" in prompt.error
        assert shown[-1][1] == "error" and "truncated" in shown[-1][0]
        prompt = await answer(pilot, "no-such-file.json")
        assert "cannot read no-such-file.json: No such file" in prompt.error
        await pilot.press("escape")
        assert not isinstance(app.screen, PathPrompt)
        assert app.circuit.pg is pg and app.circuit.pg.to_session().to_dict() == before


async def test_save_into_a_missing_folder_says_so_and_writes_nothing(in_tmp: Path) -> None:
    app, _ = make("mul")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        prompt = await answer(pilot, "nowhere/s.json")
        assert "folder nowhere does not exist" in prompt.error
        prompt = await answer(pilot, "   ")
        assert "type a file name" in prompt.error
        assert list(in_tmp.iterdir()) == []


async def test_loading_another_scenarios_session_switches_to_it(in_tmp: Path) -> None:
    other = Playground("neuron")
    other.step(4)
    other.to_session().save(in_tmp / "neuron.json")
    app, _ = make("single-gate")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await answer(pilot, "neuron.json")
        assert app.circuit.pg.name == "neuron" and app.circuit.pg.iteration == 4
        assert app.circuit.sessions["scenario:neuron"] is app.circuit.pg
        await pilot.press("space")
        pg = app.circuit.pg
        assert pg.iteration == 5 and pg.output > other.output  # backprop goes up


async def test_export_writes_the_trace_as_csv_and_json(in_tmp: Path) -> None:
    app, shown = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "space", "x")
        assert app.screen.query_one("#prompt-path", Input).value == "nn101-trace.csv"
        await answer(pilot, "run1")
        rows = list(csv.reader((in_tmp / "run1.csv").open()))
        data = json.loads((in_tmp / "run1.json").read_text())
    assert rows[0][:2] == ["iteration", "method"] and len(rows) == 1 + 1 + 2  # start + 2 steps
    # two-gates at the start: (x + y) * z = (-2 + 5) * -4 = -12
    assert float(rows[1][rows[0].index("output")]) == -12.0
    assert [s["iteration"] for s in data["steps"]] == [1, 2]
    assert data["scenario"] == "two-gates"
    assert shown[-1][0] == "trace of 2 steps written to run1.csv and run1.json"


async def test_the_app_opens_on_a_session(in_tmp: Path) -> None:
    pg = Playground(expression="a*b + c")
    pg.set_input("a", "3")
    pg.step(2)
    session = Session.load(pg.to_session().save(in_tmp / "e.json"))
    app, _ = make(session=session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.circuit.pg.to_session().to_dict() == pg.to_session().to_dict()
        assert "iteration 2" in pane_text(app, "#status")
        assert app.circuit.key == "expr:a*b + c"


async def test_a_slow_load_keeps_the_app_answering_and_escape_cancels_it(
        in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A legal 64 MiB session takes seconds to read and check: it runs in a thread, the
    # dialog says it is working, keys are still handled, escape drops the result.
    import threading

    from nn101.tui.screens.circuit import CircuitScreen

    release = threading.Event()
    loaded = Playground("neuron")

    def slow(self: CircuitScreen, text: str) -> object:
        release.wait(5)
        return lambda: self.open_session("scenario:neuron", loaded) or "loaded"

    monkeypatch.setattr(CircuitScreen, "prepare_load", slow)
    app, _ = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PathPrompt)
        from textual.widgets import Static

        keys = prompt.query_one("#prompt-keys", Static)
        assert "working" in str(keys.render())  # drawn while it works: the loop is free
        await pilot.press("escape")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, PathPrompt)
        assert app.circuit.pg.name == "two-gates"  # the cancelled load changed nothing


async def test_a_loaded_message_with_escapes_is_shown_with_them_visible(in_tmp: Path) -> None:
    # A session file's message reaches the status line: an OSC sequence in it set the
    # terminal's title; now it is written out as \x1b]2;...
    from nn101.state import controls

    pg = Playground("two-gates")
    pg.edit(controls.STEP_SIZE, "1e9")
    pg.step(30)
    session = pg.to_session()
    session.message = "diverged \x1b]2;pwned\x07 [b]bold[/b]"
    session.save(in_tmp / "evil.json")
    app, _ = make("two-gates")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await answer(pilot, "evil.json")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = pane_text(app, "#status")
        assert "\\x1b]2;pwned\\x07" in status and "\x1b" not in status
        assert "[b]bold[/b]" in status  # shown as typed, never read as markup
