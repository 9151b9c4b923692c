"""Snapshots of tour steps in their column, at the sizes people use: the quiz of the two
gates at 80x24 (the inputs give the quiz their rows), the neuron at 120x36 (laid out as
at 84 columns beside the column), the neuron's equations asked at 160x50 (every gradient
`?` until the answer is typed).

Plain `def` tests: the snapshot plugin runs its own event loop. Regenerate after a
deliberate change with `pytest tests/tui/test_lesson_snapshots.py --snapshot-update`, then
look at the SVGs (add xml:space="preserve" to the <svg tag, rsvg-convert to PNG).
"""

from __future__ import annotations

from typing import Any

import pytest

from nn101.state.lesson import Progress, tour
from nn101.tui.app import PlaygroundApp

WAIT = "wait:300"


def at_step(title: str) -> PlaygroundApp:
    lesson = tour()
    index = next(i for i, s in enumerate(lesson.steps) if s.title == title)
    progress = Progress.load()
    progress.record(lesson, index, set())
    return PlaygroundApp(lesson=lesson, cursor_blink=False)


@pytest.mark.parametrize(("title", "size"), [
    ("Two gates: predict, then reveal", (80, 24)),
    ("A neuron, one step up", (120, 36)),
    ("The neuron's equations", (160, 50)),
])
def test_a_tour_step_in_its_column(snap_compare: Any, title: str,
                                   size: tuple[int, int]) -> None:
    assert snap_compare(at_step(title), press=[WAIT], terminal_size=size)
