"""The circuit screen with the left-to-right drawing: every scenario of the guide, two
typed formulas (one with a shared input), the tree it falls back to when the pane is too
narrow, the equations pane along the walk, and the quiz after a wrong answer.

At 160 columns the circuit pane is about 90 cells wide: every scenario's drawing fits. At
120 the neuron's (89 cells) does not, and the tree is shown.

Plain `def` snapshot tests: pytest-textual-snapshot runs its own event loop. Regenerate with
`pytest tests/tui/test_drawing_in_app_snapshots.py --snapshot-update`, then look at every
picture (SVG to PNG: see DESIGN.md).
"""

from __future__ import annotations

from typing import Any

import pytest

from nn101.engine.scenarios import SCENARIOS
from nn101.tui.app import PlaygroundApp

WIDE = (160, 40)
WAIT = "wait:200"


def app(scenario: str | None = None, expression: str | None = None) -> PlaygroundApp:
    return PlaygroundApp(scenario=scenario, expression=expression, cursor_blink=False)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_scenario_drawn_in_the_app(snap_compare: Any, scenario: str) -> None:
    assert snap_compare(app(scenario), press=[WAIT], terminal_size=WIDE)


def test_formula_with_a_shared_input_in_the_app(snap_compare: Any) -> None:
    # x: 1·1 + 5·1 = 6 under the drawing
    assert snap_compare(app(expression="x*y + x @ x=3, y=5"), press=[WAIT],
                        terminal_size=WIDE)


def test_formula_with_a_division_in_the_app(snap_compare: Any) -> None:
    assert snap_compare(app(expression="(a - b) / (a + c) @ a=2, b=1, c=0.5"),
                        press=[WAIT], terminal_size=WIDE)


def test_tree_when_the_drawing_does_not_fit(snap_compare: Any) -> None:
    assert snap_compare(app("neuron"), press=[WAIT], terminal_size=(120, 36))


def test_equations_pane_along_the_walk(snap_compare: Any) -> None:
    assert snap_compare(app("square"), press=["g", "b", "b", WAIT], terminal_size=WIDE)


def test_quiz_after_a_wrong_answer(snap_compare: Any) -> None:
    assert snap_compare(app("neuron"), press=["k", "0", ".", "5", "enter", WAIT],
                        terminal_size=WIDE)
