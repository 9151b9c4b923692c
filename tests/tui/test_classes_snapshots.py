"""Snapshots of the 3-class screen (fixed seeds): in colour, under the colour-blind theme
and with NO_COLOR (the map's glyphs and legend carry the classes), the compare view and
the walk through softmax with its `p - y`.

Plain `def` tests: the snapshot plugin runs its own event loop. Regenerate after a
deliberate change with `pytest tests/tui/test_classes_snapshots.py --snapshot-update`,
then look at the SVGs (add xml:space="preserve" to the <svg tag, rsvg-convert to PNG).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot

from nn101.state.class_learning import ClassLearning
from nn101.state.class_runs import compare_runs
from nn101.tui.screens.class_compare import ClassCompare
from nn101.tui.screens.classes import ClassScreen
from nn101.tui.theme import COLOUR_BLIND

SIZE = (130, 42)


def trained(iterations: int) -> ClassLearning:
    learning = ClassLearning()
    learning.run(iterations)
    return learning


class Host(App[None]):
    def __init__(self, learning: ClassLearning, colour_blind: bool = False) -> None:
        super().__init__()
        self.learning = learning
        self.colour_blind = colour_blind

    def on_mount(self) -> None:
        if self.colour_blind:
            self.register_theme(COLOUR_BLIND)
            self.theme = COLOUR_BLIND.name
        self.push_screen(ClassScreen(learning=self.learning, cursor_blink=False))


def stepped(keys: list[str]) -> Callable[[Pilot[None]], Any]:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_three_classes_mid_training(snap_compare: Any) -> None:
    assert snap_compare(Host(trained(149)), terminal_size=SIZE, press=["wait:200"],
                        run_before=stepped(["space"]))


def test_colour_blind_theme(snap_compare: Any) -> None:
    assert snap_compare(Host(trained(149), colour_blind=True), terminal_size=SIZE,
                        press=["wait:200"], run_before=stepped(["space"]))


def test_no_color_glyphs_and_legend(snap_compare: Any, monkeypatch: pytest.MonkeyPatch
                                    ) -> None:
    """With NO_COLOR the regions are greys: the glyphs tell the classes and the legend
    says so (no colour names)."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(Host(trained(149)), terminal_size=SIZE, press=["wait:200"],
                        run_before=stepped(["space"]))


def test_the_walk_through_softmax(snap_compare: Any) -> None:
    """Walked to the end: each logit's dz written out as p - y."""
    learning = trained(20)
    assert snap_compare(Host(learning), terminal_size=(160, 50), press=["wait:200"],
                        run_before=stepped(["b"] * 29))


class CompareHost(App[None]):
    def on_mount(self) -> None:
        learning = ClassLearning()
        setting, values, runs, table = compare_runs(learning.config, None,
                                                    "optimizer=sgd,adam", 100)
        self.push_screen(ClassScreen(learning=learning, cursor_blink=False))
        self.push_screen(ClassCompare(setting, values, runs, table))


def test_compare_view(snap_compare: Any) -> None:
    assert snap_compare(CompareHost(), terminal_size=SIZE, press=["wait:300"])
