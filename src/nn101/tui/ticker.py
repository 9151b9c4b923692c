"""Continuous stepping's timer, one home for both screens: start, stop, and whether on."""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode
from textual.timer import Timer

TICK = 1 / 20
"""Seconds between batches while running: the event loop stays free in between."""


class Ticker:
    """Calls `tick` every TICK seconds on `owner`'s timer until stopped."""

    def __init__(self, owner: DOMNode, tick: Callable[[], None]) -> None:
        self._owner = owner
        self._tick = tick
        self._timer: Timer | None = None

    @property
    def running(self) -> bool:
        return self._timer is not None

    def start(self) -> None:
        if self._timer is None:
            self._timer = self._owner.set_interval(TICK, self._tick)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
