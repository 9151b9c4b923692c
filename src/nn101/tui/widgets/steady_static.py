"""A Static whose new text re-lays out the screen only when its height changes.

`Static.update` re-lays out the whole screen by default (Textual cannot re-lay out one
widget alone): some 70 widgets, about 10 ms, more than everything else a step's frame
costs. A pane whose text is rewritten on every step (new numbers, same lines) rarely
changes height, so the text is wrapped first, as the Static will wrap it, and the layout
is asked for only when the number of lines differs from the last text's, or the width
differs from the one it was wrapped at (a resize laid the old text out again), or the
width is not known yet.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class SteadyStatic(Static):
    _shape = (-1, -1)
    """(width, rows) of the last text shown."""

    def write(self, text: Text) -> None:
        width = self.content_region.width
        shape = (width, len(text.wrap(self.app.console, width)) if width > 0 else -1)
        self.update(text, layout=shape != self._shape or width <= 0)
        self._shape = shape
