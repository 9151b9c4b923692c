"""A Static whose new text re-lays out the screen only when its height changes.

`Static.update` re-lays out the whole screen by default (Textual cannot re-lay out one
widget alone): every widget, about 10-15 ms, more than everything else a step's frame
costs. A pane whose text is rewritten on every step or every playing frame (new numbers,
same lines) rarely changes height. So the new text is measured as Textual measures a
`height: auto` widget (its own wrapping at the pane's width), and the layout is asked
for only when that height differs from the last text's, or the width differs from the
one it was measured at (a resize laid the old text out again), or the width is not known
yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


class SteadyStatic(Static):
    _shape: tuple[int, int | None] = (-1, None)
    """(width, height) of the last text shown."""

    def write(self, text: Text) -> None:
        self.update(text, layout=False)
        width = self.content_size.width
        # Textual measures `height: auto` this way, with the styles as the rules map.
        height = (self.visual.get_height(cast("RulesMap", self.styles), width)
                  if width > 0 else None)
        shape = (width, height)
        if height is None or shape != self._shape:
            self.refresh(layout=True)
        self._shape = shape
