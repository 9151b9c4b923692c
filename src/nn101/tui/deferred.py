"""Work done after the frame that answers a key, once however often it was asked for.

A pane whose redraw costs more than its news is worth (a table refilled, a plot redrawn,
the decision map) asks for it here: the key's frame shows the cheap panes at once, and a
burst of steps (held keys, a playing run) costs one redraw after the burst's last frame.

One mechanism for every screen. A screen's `FrameHook` learns that a frame is out from the
screen's compositor (compositing.py: it says when it renders a frame), then runs what was
asked a moment later, so the terminal's writer sends the frame meanwhile.
(`call_after_refresh` ran such work before the frame when the screen went idle before the
panes' repaint requests reached it.) If no frame comes (nothing on screen changed), a
fallback timer runs it anyway.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer

from nn101.tui.compositing import SparseCompositor

LATER_DELAY = 0.004
"""Seconds from a frame to the work asked for after it."""
FALLBACK = 0.05
"""Seconds after a request at which the work runs even if no frame was drawn."""


class FrameHook:
    """A screen's queue of work for after its next frame (see the module's docstring)."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._work: dict[Callable[[], None], None] = {}
        """What to run, in the order first asked, each once (a dict keeps the order)."""
        self._timer: Timer | None = None
        self._after_frame = False

    def asked(self, work: Callable[[], None]) -> bool:
        """Whether `work` waits for the next frame."""
        return work in self._work

    def request(self, work: Callable[[], None]) -> None:
        self._work[work] = None
        if self._timer is None:
            self._timer = self._screen.set_timer(FALLBACK, self._run)

    def frame_out(self) -> None:
        """The screen is being drawn: what was asked runs just after this frame."""
        if self._work and not self._after_frame:
            self._after_frame = True
            if self._timer is not None:
                self._timer.stop()
            self._timer = self._screen.set_timer(LATER_DELAY, self._run)

    def _run(self) -> None:
        self._timer = None
        self._after_frame = False
        work, self._work = list(self._work), {}
        if not self._screen.is_attached:
            return
        for job in work:
            job()


class FrameHooked(Screen[None]):
    """A screen that tells its FrameHook when it is drawn (every screen of the app)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.frame_hook = FrameHook(self)
        self._compositor = SparseCompositor(on_frame=self.frame_hook.frame_out)


def hook_of(node: DOMNode) -> FrameHook:
    """The frame hook of the screen `node` is on. A screen that is not FrameHooked (a
    test's, a dialog's) gets one whose work runs on the fallback timer."""
    screen = node.screen
    hook: FrameHook | None = getattr(screen, "frame_hook", None)
    if hook is None:
        hook = FrameHook(screen)
        screen.frame_hook = hook  # type: ignore[attr-defined]
    return hook


class AfterFrame:
    """`request()` runs `work` after the next frame of `owner`'s screen; requests made
    before it has run are one request."""

    def __init__(self, owner: DOMNode, work: Callable[[], None]) -> None:
        self._owner = owner
        self._work = work

    @property
    def due(self) -> bool:
        return self._owner.is_attached and hook_of(self._owner).asked(self._work)

    def request(self) -> None:
        if self._owner.is_attached:
            hook_of(self._owner).request(self._work)
