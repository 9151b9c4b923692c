"""Work done after the frame that answers a key, once however often it was asked for.

A pane whose redraw costs more than its news is worth (a DataTable refilled, a plot
redrawn) asks for it here: the key's frame shows the cheap panes at once, and a burst of
steps (held keys, continuous running) costs one redraw after the burst's last frame.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode


class AfterFrame:
    """`request()` runs `work` after the next refresh of `owner`; requests made before
    it has run are one request."""

    def __init__(self, owner: DOMNode, work: Callable[[], None]) -> None:
        self._owner = owner
        self._work = work
        self.due = False

    def request(self) -> None:
        if not self.due:
            self.due = True
            self._owner.call_after_refresh(self._run)

    def _run(self) -> None:
        self.due = False
        self._work()
