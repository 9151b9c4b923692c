"""The circuit screen's first frame: the circuit and the status line; the side columns,
the gates table and the progress pane are mounted just after it (on a terminal; at once
when headless). Keys typed before they are there run once they are, in order: none is
lost and none finds a pane missing."""

from __future__ import annotations

import pytest
from textual import events

from nn101.engine.scenarios import SCENARIOS
from nn101.state.controls import input_control
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.circuit import CircuitScreen
from nn101.tui.widgets.control_form import ControlForm
from nn101.tui.widgets.equations_pane import EquationsPane
from nn101.tui.widgets.gates_table import GatesTable
from nn101.tui.widgets.inputs_pane import InputsPane
from nn101.tui.widgets.scenario_picker import ScenarioPicker
from tests.tui.helpers import pane_text

SIZE = (120, 40)


def type_as_it_mounts(monkeypatch: pytest.MonkeyPatch, *keys: tuple[str, str]) -> None:
    """Keys the app receives as it mounts: before its first frame."""
    mounted = PlaygroundApp.on_mount

    def on_mount(self: PlaygroundApp) -> None:
        mounted(self)
        for key, character in keys:
            self.post_message(events.Key(key, character))

    monkeypatch.setattr(PlaygroundApp, "on_mount", on_mount)


@pytest.fixture
def as_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Panes after the first frame, as on a terminal; records each action the circuit
    screen ran and whether its panes were there yet."""
    monkeypatch.setattr(CircuitScreen, "PANES_AT_ONCE", False)
    seen: list[tuple[str, bool]] = []
    for name in ("action_step", "action_next_scenario", "action_toggle_equations"):
        real = getattr(CircuitScreen, name)

        def spy(self: CircuitScreen, _real=real, _name=name):  # type: ignore[no-untyped-def]
            seen.append((_name, self.panes_ready))
            return _real(self)

        monkeypatch.setattr(CircuitScreen, name, spy)
    return seen


async def settle(pilot: object) -> None:
    for _ in range(6):
        await pilot.pause()  # type: ignore[attr-defined]


async def test_the_panes_come_after_the_first_frame(
        as_on_a_terminal: list[tuple[str, bool]]) -> None:
    app = PlaygroundApp()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.circuit
        # what the first frame has: the circuit and the status line
        assert screen.query("#drawing") and screen.query("#status")
        await settle(pilot)
        assert screen.panes_ready
        first = next(iter(SCENARIOS.values()))
        rows = {r.control for r in screen.query_one(ControlForm).rows}
        assert {input_control(name) for name in first.defaults} <= rows
        assert screen.query_one(GatesTable).row_count == len(screen.pg.circuit.gates)
        assert first.title in pane_text(app, "#explanation")
        await pilot.press("space")
        assert screen.pg.iteration == 1


async def test_keys_typed_before_the_panes_exist_run_once_they_do(
        as_on_a_terminal: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch) -> None:
    type_as_it_mounts(monkeypatch, ("space", " "), ("right_square_bracket", "]"), ("g", "g"))
    app = PlaygroundApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.circuit
        assert screen.panes_ready and app.is_running
        # each key ran (in order); the step and the switch did not wait for the panes
        assert [name for name, _ in as_on_a_terminal][:3] == [
            "action_step", "action_next_scenario", "action_toggle_equations"]
        assert as_on_a_terminal[0] == ("action_step", False)
        names = list(SCENARIOS)
        assert screen.sessions["scenario:" + names[0]].iteration == 1  # the step
        assert screen.pg.name == names[1]  # the switch
        second = SCENARIOS[names[1]]
        assert {r.control for r in screen.query_one(InputsPane).form.rows} >= {
            input_control(name) for name in second.defaults}
        assert second.title in pane_text(app, "#explanation")
        assert screen.query_one(ScenarioPicker).display
        # the equations key (typed before the gates table existed) took effect after it
        assert screen.query_one(EquationsPane).display
        assert not screen.query_one(GatesTable).display
