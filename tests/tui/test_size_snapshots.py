"""What the app looks like at the sizes people use, and below the smallest.

The circuit screen (the neuron mid-walk: its tree is the tallest of the guide's circuits)
and the learning screen (the net) at 80x24, 100x30, 120x36, 160x50 and 200x60, and the
too-small notice. test_sizes.py measures the same layouts; these pictures are for the
eye. Plain `def` tests: the snapshot plugin runs its own event loop. Regenerate with
`pytest tests/tui/test_size_snapshots.py --snapshot-update`, then look at the PNGs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from nn101.tui.app import PlaygroundApp

SIZES = [(80, 24), (100, 30), (120, 36), (160, 50), (200, 60)]
WAIT = "wait:200"


def app() -> PlaygroundApp:
    return PlaygroundApp(scenario="neuron", cursor_blink=False)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_circuit_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app(), press=["b", "b", WAIT], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_learning_screen(snap_compare: Any, size: tuple[int, int]) -> None:
    async def open_net(pilot: Pilot[int]) -> None:
        await pilot.pause()
        pilot.app.open_learning("net")  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app(), run_before=open_net, press=["space", WAIT],
                        terminal_size=size)


def test_too_small(snap_compare: Any) -> None:
    assert snap_compare(app(), press=[WAIT], terminal_size=(60, 20))
