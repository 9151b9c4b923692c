"""Snapshots of the learning screen mid-training, both models, fixed seeds.

Plain `def` tests: the snapshot plugin runs its own event loop. Regenerate after a
deliberate change with `pytest tests/tui/test_learning_snapshots.py --snapshot-update`,
then look at the SVGs (add xml:space="preserve" to the <svg tag, rsvg-convert to PNG).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from nn101.tui.screens.learning import LearningScreen

SIZE = (130, 42)


class Host(App[None]):
    def __init__(self, model: str) -> None:
        super().__init__()
        self.model = model

    def on_mount(self) -> None:
        self.push_screen(LearningScreen(self.model))


def trained(iterations: int, **changes: Any) -> Callable[[Pilot[None]], Any]:
    """Apply settings, train to one step short of `iterations`, then step once by key,
    so the last step (its point, pull and gradients) is on screen."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LearningScreen)
        if changes:
            assert screen.apply(changes)
        screen.train(iterations - 1)
        await pilot.press("space")

    return run_before


def test_svm_on_the_guides_data_mid_training(snap_compare: Any) -> None:
    assert snap_compare(Host("svm"), terminal_size=SIZE, press=["wait:200"],
                        run_before=trained(150))


def test_no_color_map_in_greys_and_its_legend_in_shades(
        snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR Textual draws every colour as its grey: the map's legend names the
    dark and the light shade (it said "dark blue ... light orange")."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(Host("svm"), terminal_size=SIZE, press=["wait:200"],
                        run_before=trained(150))


def test_net_on_moons_mid_training(snap_compare: Any) -> None:
    assert snap_compare(Host("net"), terminal_size=SIZE, press=["wait:200"],
                        run_before=trained(1500, dataset="moons", hidden=10, step_size=0.03,
                                           regularization=0.001))


def test_net_on_xor_after_training(snap_compare: Any) -> None:
    assert snap_compare(Host("net"), terminal_size=SIZE, press=["wait:200"],
                        run_before=trained(3000, dataset="xor", hidden=10, step_size=0.03,
                                           regularization=0.001))


def test_net_narrow_80x24(snap_compare: Any) -> None:
    """Below 110 columns the right column narrows and the parameters drop to value and
    gradient; below 34 rows the curves and the explanation make room for the map."""
    assert snap_compare(Host("net"), terminal_size=(80, 24), press=["wait:200"],
                        run_before=trained(300))


def rewound_and_own(pilot_keys: list[str], iterations: int) -> Callable[[Pilot[None]], Any]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LearningScreen)
        screen.train(iterations)
        await pilot.press(*pilot_keys)

    return run_before


def test_svm_rewound_with_a_parameter_selected(snap_compare: Any) -> None:
    # 150 iterations, 25 + 1 back: iteration 124 as the run had it, b selected (w)
    assert snap_compare(Host("svm"), terminal_size=SIZE, press=["wait:200"],
                        run_before=rewound_and_own(["less_than_sign", "comma", "w"], 150))


def test_svm_on_own_points_added_by_keys(snap_compare: Any) -> None:
    # two points added at the cursor (a: +1, z: -1), then 100 iterations
    keys = ["right", "right", "right", "right", "a", "up", "up", "up", "z",
            *["space"] * 3]
    assert snap_compare(Host("svm"), terminal_size=SIZE, press=["wait:200"],
                        run_before=rewound_and_own(keys, 0))


def walked(iterations: int, gates: int, *keys: str, **changes: Any
           ) -> Callable[[Pilot[None]], Any]:
    """Train to `iterations` (the last by key), show the circuit and walk `gates` gates."""
    train_first = trained(iterations, **changes)

    async def run_before(pilot: Pilot[None]) -> None:
        await train_first(pilot)
        await pilot.press("c", *keys, *(["b"] * gates))
        await pilot.pause()

    return run_before


def test_svm_circuit_walked_two_gates(snap_compare: Any) -> None:
    assert snap_compare(Host("svm"), terminal_size=(120, 36), press=["wait:200"],
                        run_before=walked(1, 2))


def test_net_neuron_circuit_walked(snap_compare: Any) -> None:
    assert snap_compare(Host("net"), terminal_size=(160, 50), press=["wait:200"],
                        run_before=walked(40, 3))


def test_net_circuit_listed_on_a_narrow_terminal(snap_compare: Any) -> None:
    assert snap_compare(Host("net"), terminal_size=(100, 30), press=["wait:200"],
                        run_before=walked(40, 0, "k"))


def test_a_diagnostic_on_the_guides_net(snap_compare: Any) -> None:
    assert snap_compare(Host("net"), terminal_size=SIZE, press=["wait:200"],
                        run_before=trained(400, dataset="moons"))
