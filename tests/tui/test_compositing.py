"""The sparse compositor (tui/compositing.py) writes what Textual's own would, cell for cell.

Every partial update of a session is rendered twice from the same changed regions: by
Textual's stock rule (every widget under the regions' bounding box) and by ours (only what
the regions show), and the bytes each would send to the terminal are compared. The session
goes through the updates that matter: steps, the walk, the drawing and the equations
swapped in, the quiz, a field typed into, a notification over the panes (a layer in
front), the learning screen playing, a resize.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from rich.console import Console
from textual._compositor import Compositor

from nn101.tui.app import PlaygroundApp
from nn101.tui.compositing import SparseCompositor

IDLE_MOVE = re.compile(r"\x1b\[\d+;\d+H(?=\x1b\[\d+;\d+H|\n|$)")
"""A cursor move with nothing written after it. Textual's stock update writes one for a
chop that starts where a changed span ends (its strip is cut to nothing): it moves the
cursor and writes no cell, so it changes nothing on screen. Ours never renders the widget
there, so it has no such move; both are compared without them."""


def written(update: Any, console: Console) -> str:
    return IDLE_MOVE.sub("", update.render_segments(console))


class Compared:
    def __init__(self) -> None:
        self.updates = 0
        self.widgets_ours = 0
        self.widgets_stock = 0
        self.different: list[str] = []


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> Compared:
    seen = Compared()
    console = Console(width=200, force_terminal=True, color_system="truecolor")
    ours = SparseCompositor.render_partial_update
    renders = SparseCompositor._get_renders

    def counted(self: SparseCompositor, crop: Any = None) -> Any:
        for render in renders(self, crop):
            if self._changed:
                seen.widgets_ours += 1
            else:
                seen.widgets_stock += 1
            yield render

    def both(self: SparseCompositor) -> Any:
        regions = set(self._dirty_regions)
        stock = Compositor.render_partial_update(self)  # _changed empty: the stock rule
        self._dirty_regions.update(regions)
        update = ours(self)
        if stock is None or update is None:
            assert stock is update
            return update
        seen.updates += 1
        expected, got = written(stock, console), written(update, console)
        if expected != got:
            seen.different.append(f"regions {sorted(regions)}")
        return update

    monkeypatch.setattr(SparseCompositor, "render_partial_update", both)
    monkeypatch.setattr(SparseCompositor, "_get_renders", counted)
    return seen


async def test_partial_updates_write_what_textuals_own_would(compared: Compared) -> None:
    app = PlaygroundApp(scenario="neuron", cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        for keys in (["space"] * 3, ["b"] * 3, ["d", "space"], ["g", "space", "g"],
                     ["k"], ["escape"], ["c"], ["f6"]):
            for key in keys:
                await pilot.press(key)
                await pilot.pause(0.05)
        app.notify("a toast over the panes")  # a layer in front of the panes
        await pilot.press("space")
        await pilot.pause(0.1)
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.2)
        await pilot.press("space", "space")
        await pilot.pause(0.1)
    assert compared.updates >= 15, compared.updates
    assert not compared.different, compared.different[:3]
    # and it is sparser: far fewer widgets asked for their lines than the stock rule asks
    assert compared.widgets_ours * 3 < compared.widgets_stock, (
        compared.widgets_ours, compared.widgets_stock)


async def test_the_learning_screen_playing_is_written_the_same(compared: Compared) -> None:
    app = PlaygroundApp(scenario="neuron", cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.3)
        app.open_learning("svm")
        await pilot.pause(0.3)
        for key in ("space", "space", "c", "space", "b", "c", "p"):
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(0.5)  # playing: frames of new numbers, curves and the map
        await pilot.press("p")
        await pilot.pause(0.1)
    assert compared.updates >= 10, compared.updates
    assert not compared.different, compared.different[:3]
