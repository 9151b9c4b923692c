"""What the app looks like: each scenario at its start and after one step, the backward
walk mid-way, the gradient check, an invalid input, the help screen, and 80x24.

Plain `def` tests: pytest-textual-snapshot runs its own event loop. Regenerate with
`pytest tests/tui/test_snapshots.py --snapshot-update` and look at the report.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from nn101.engine.scenarios import SCENARIOS
from nn101.state import controls
from nn101.tui.app import PlaygroundApp
from tests.tui.helpers import open_field

SIZE = (120, 36)
WAIT = "wait:200"


def app(scenario: str = "single-gate") -> PlaygroundApp:
    return PlaygroundApp(scenario=scenario, cursor_blink=False)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_scenario_at_start(snap_compare: Any, scenario: str) -> None:
    assert snap_compare(app(scenario), press=[WAIT], terminal_size=SIZE)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_scenario_after_one_step(snap_compare: Any, scenario: str) -> None:
    assert snap_compare(app(scenario), press=["space", WAIT], terminal_size=SIZE)


def test_backward_walk_midway(snap_compare: Any) -> None:
    assert snap_compare(app("neuron"), press=["b", "b", "b", WAIT], terminal_size=SIZE)


def test_gradient_check(snap_compare: Any) -> None:
    assert snap_compare(app("neuron"), press=["c", WAIT], terminal_size=SIZE)


def test_invalid_input(snap_compare: Any) -> None:
    async def type_bad(pilot: Pilot[int]) -> None:
        await pilot.pause()  # the input fields are composed after the first frame
        open_field(pilot.app, controls.input_control("x"))
        await pilot.press("end", "ctrl+u", "1", "e", "4", "0", "0", "x")
        await pilot.pause()

    assert snap_compare(app("two-gates"), run_before=type_bad, press=[WAIT],
                        terminal_size=SIZE)


def test_division_stopped_at_the_pole(snap_compare: Any) -> None:
    async def big_steps(pilot: Pilot[int]) -> None:
        await pilot.pause()  # the screen is mounted after the first frame
        playground = pilot.app.circuit.pg  # type: ignore[attr-defined]
        playground.edit(controls.STEP_SIZE, "1")
        playground.step(50)
        pilot.app.circuit.refresh_panes()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app("division"), run_before=big_steps, press=[WAIT],
                        terminal_size=SIZE)


def test_two_gates_diverged_at_step_size_1e9(snap_compare: Any) -> None:
    async def huge_steps(pilot: Pilot[int]) -> None:
        await pilot.pause()  # the input fields are composed after the first frame
        open_field(pilot.app, controls.STEP_SIZE)
        await pilot.press("end", "ctrl+u", "1", "e", "9", "enter", "escape")
        await pilot.press(*["space"] * 17)  # the 17th step leaves the floats: stopped at 16

    assert snap_compare(app("two-gates"), run_before=huge_steps, press=[WAIT],
                        terminal_size=SIZE)


def test_help_screen(snap_compare: Any) -> None:
    assert snap_compare(app(), press=["question_mark", WAIT], terminal_size=SIZE)


def test_narrow_80x24(snap_compare: Any) -> None:
    assert snap_compare(app("neuron"), press=["space", WAIT], terminal_size=(80, 24))
