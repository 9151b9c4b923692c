"""A screen's compositor that draws, for a partial update, only the widgets it shows anew.

Why: Textual's partial update renders every widget that overlaps the *bounding box* of the
changed regions and then writes only the changed lines. One key on the circuit screen
changes the circuit, the progress figures, the form and the full-width status line, so
the box is the whole screen, and every widget in it (about 26 on the neuron, containers
included) was asked for its lines, to have all but four thrown away: half of the step
key's frame (benchmarks/key_anatomy.py; figures in benchmarks/README.md).

Here the widgets are visited front to back, as Textual composes them (the first widget to
draw a cell wins it), and one is rendered only if it draws part of a changed region that
no widget in front of it covers whole. A changed region is most often one widget's own
region, so the widget that changed is drawn and the containers behind it are not. What is
written is the same, cell for cell (tests/tui/test_compositing.py compares both updates
segment for segment).

The compositor also says when a frame is rendered (`on_frame`): the screen's after-frame
work (deferred.py) waits for it.

Written for Textual 8.2.8's `Compositor` (`render_update`, `render_partial_update`,
`_get_renders`, `visible_widgets`), the version pinned in pyproject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.console import RenderableType
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

Rect = tuple[int, int, int, int]
"""x, y, width, height."""


class SparseCompositor(Compositor):
    """Partial updates render what the changed regions show (see the module's docstring)."""

    def __init__(self, on_frame: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.on_frame = on_frame
        """Called as each frame (full or partial) is rendered."""
        self._changed: list[Rect] = []
        """The regions of the partial update being rendered (empty otherwise)."""

    def render_update(self, full: bool = False, screen_stack: list[Screen[Any]] | None = None,
                      simplify: bool = False) -> RenderableType | None:
        update = super().render_update(full, screen_stack, simplify)
        if update is not None and self.on_frame is not None:
            self.on_frame()
        return update

    def render_partial_update(self) -> ChopsUpdate | None:
        self._changed = [(r.x, r.y, r.width, r.height) for r in self._dirty_regions]
        try:
            return super().render_partial_update()
        finally:
            self._changed = []

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        uncovered = self._changed
        if not uncovered:  # a full update
            yield from super()._get_renders(crop)
            return
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            x, y, width, height = seen = region.intersection(clip)
            if not width or not height:
                continue
            right, bottom = x + width, y + height
            if not any(cx < right and x < cx + cw and cy < bottom and y < cy + ch
                       for cx, cy, cw, ch in uncovered):
                continue  # none of its cells in view would be written
            yield region, clip, widget.render_lines(
                Region(x - region.x, y - region.y, width, height) if seen != region
                else Region(0, 0, region.width, region.height))
            uncovered = [(cx, cy, cw, ch) for cx, cy, cw, ch in uncovered
                         if not (x <= cx and y <= cy and cx + cw <= right
                                 and cy + ch <= bottom)]  # what it covers whole is drawn
            if not uncovered:
                return
