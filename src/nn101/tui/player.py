"""The one loop for continuous running, on every screen: play/pause, faster/slower.

A screen gives it two callables: `advance(count, deadline)` takes up to `count` steps of
its model, stopping at `deadline` (time.perf_counter) or when the model cannot go on, and
says how many it took; `frame()` shows the model. Each frame period the player advances
up to `speed` steps (FULL_SPEED: until the next frame is due) in SLICE-long slices with
the event loop served between them, then calls `frame()`. So a key waits at most a slice
for the model to let go, and the frames keep their pace however slow a step is (random
search with many tries steps fewer times per frame rather than freezing the screen).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable

from textual.dom import DOMNode
from textual.worker import Worker

from nn101.tui import tuning

FRAME = 1 / 20
"""Seconds between frames at a counted speed."""
FULL_FRAME = 1 / 22
"""Seconds between frames at full speed: 20 frames a second and a little more, so a late
frame never takes it under 20."""
FULL_SPEED = 0
"""The last speed: no count per frame, it steps all the time the frames leave."""
SPEEDS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, FULL_SPEED)
"""Steps per frame, at most (a frame's stepping stops when the next frame is due)."""
DEFAULT_SPEED = 5
SLICE = 0.001
"""Seconds of stepping at a time. Between slices the event loop answers keys and paints."""
YIELDS = 6
"""Turns of the event loop between two slices. A key travels from the terminal's reader
to the app, the screen and its binding in three turns: with one turn per slice it would
wait a slice per hop."""
MAX_SLICE_STEPS = 100_000
"""Steps asked of one slice at most (the slice's deadline ends it long before)."""

Advance = Callable[[int, float], int]


def speed_label(speed: int, unit: str = "step") -> str:
    if speed == FULL_SPEED:
        return "full speed"
    return f"{speed} {unit}{'' if speed == 1 else 's'} per frame"


class Player:
    """Plays a screen's model (see the module's docstring)."""

    def __init__(self, owner: DOMNode, advance: Advance, frame: Callable[[], None], *,
                 speed: int = DEFAULT_SPEED, unit: str = "step") -> None:
        self._owner = owner
        self.unit = unit
        """What one step of the model is called ("iteration" on the learning screen)."""
        self._advance = advance
        self._frame = frame
        self.speed = speed
        self.frames = 0
        """Frames shown since play started (panes that cost more redraw every few)."""
        self._worker: Worker[None] | None = None

    @property
    def playing(self) -> bool:
        return self._worker is not None

    def play(self) -> None:
        if self._worker is None and self._owner.is_attached:
            self.frames = 0
            self._worker = self._owner.run_worker(self._loop(), name="play", group="play",
                                                  exclusive=True)

    def pause(self) -> bool:
        """Stop playing; whether it was playing."""
        worker, self._worker = self._worker, None
        if worker is None:
            return False
        worker.cancel()
        return True

    def faster(self) -> str:
        return self._move(+1)

    def slower(self) -> str:
        return self._move(-1)

    def _move(self, delta: int) -> str:
        index = SPEEDS.index(self.speed) if self.speed in SPEEDS else 2
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, index + delta))]
        return self.label

    @property
    def label(self) -> str:
        return speed_label(self.speed, self.unit)

    async def _loop(self) -> None:
        with tuning.playing():
            due = time.perf_counter()
            while True:
                due += FRAME if self.speed != FULL_SPEED else FULL_FRAME
                left = self.speed if self.speed != FULL_SPEED else math.inf
                stuck = False
                while left > 0:  # one slice at least, even behind time: no frame without news
                    now = time.perf_counter()
                    taken = self._advance(int(min(left, MAX_SLICE_STEPS)),
                                          min(now + SLICE, max(due, now)))
                    if taken == 0:
                        stuck = True  # diverged, blocked: the frame says so, then stop
                        break
                    left -= taken
                    for _ in range(YIELDS):
                        await asyncio.sleep(0)
                    if time.perf_counter() >= due:
                        break
                if stuck:
                    self._worker = None
                self.frames += 1
                self._frame()
                if not self.playing:
                    return
                now = time.perf_counter()
                if now < due:
                    await asyncio.sleep(due - now)
                elif now - due > FRAME:
                    due = now  # far behind (a slow machine): never bunch frames to catch up
