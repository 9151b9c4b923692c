"""The circuit drawn left to right, as the guide draws it (layout: nn101.state.drawing).

Drawn with the line API: the layout is computed once per circuit, each `show` writes the
new numbers into a copy of its grid, and `render_line` turns one row of cells into a Strip
(kept until the next `show`, resize or style change). For the neuron, a `show` and all its
strips take under a millisecond; the first `show` of a circuit adds its layout (about 2 ms,
plus about 13 ms to import grandalf the first time). Values and gradients are drawn in the
theme's colours as every pane draws them (nn101.tui.theme.colours); the rest (wires, boxes,
names) from the component classes below. Without colour, values still read apart from
gradients: values above a wire, gradients below it with a `g` before them.

The caller decides between this and the tree: `show` answers False, and draws nothing,
when the circuit is too large or the drawing wider (or taller) than the room it is given.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from nn101.engine.circuit import Circuit
from nn101.engine.gates import Gate
from nn101.state.drawing import Drawing, Tag, fitting_layout
from nn101.tui.theme import Colours, colours

MEANING = {Tag.VALUE: "wire-value", Tag.GRAD: "wire-gradient"}
"""Tags drawn in a theme colour that carries meaning (the rest: component classes)."""


class Drawable(Protocol):
    """What the drawing reads: a Playground, or the learning screen's ModelCircuit."""

    @property
    def circuit(self) -> Circuit: ...
    @property
    def gradients_known(self) -> bool: ...
    @property
    def walk_gate(self) -> Gate | None: ...


class CircuitDrawing(Widget):
    """Gate boxes and wires, each wire's value above it and its gradient below."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"circuit-drawing--{tag.value}" for tag in Tag
        if tag is not Tag.BLANK and tag not in MEANING
    }

    DEFAULT_CSS = """
    CircuitDrawing {
        width: auto;
        height: auto;
    }
    CircuitDrawing > .circuit-drawing--wire { color: $foreground 55%; }
    CircuitDrawing > .circuit-drawing--box { color: $foreground 80%; }
    CircuitDrawing > .circuit-drawing--symbol { color: $foreground; text-style: bold; }
    CircuitDrawing > .circuit-drawing--name { color: $foreground; text-style: bold; }
    CircuitDrawing > .circuit-drawing--unknown { color: $foreground 50%; }
    CircuitDrawing > .circuit-drawing--walk {
        background: $warning 35%;
        color: $foreground;
        text-style: bold;
    }
    CircuitDrawing > .circuit-drawing--legend { color: $foreground 60%; }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.drawing: Drawing | None = None
        self._strips: dict[int, Strip] = {}
        self._styles: dict[Tag, Style] = {}
        self._colours: Colours | None = None
        """The colours the styles and strips were made with."""

    def show(self, pg: Drawable, width: int, height: int | None = None, *,
             hide_gradients: bool = False, gate: Gate | None = None,
             scroll: bool = False) -> bool:
        """Draw the playground's circuit in at most `width` x `height` cells (None: any
        height; with a height, the compact layout is used when the roomy one is too tall).
        False, and nothing drawn, when it does not fit: show the tree instead.
        `hide_gradients` writes every gradient as '?' (the quiz); `gate` is highlighted
        instead of the walk's. With `scroll`, a drawing too tall for `height` in either
        layout is drawn anyway (the roomy one, for a pane that scrolls): only the width
        sends it to the tree."""
        layout = fitting_layout(pg.circuit, width, height)
        if layout is None and scroll and height is not None:
            layout = fitting_layout(pg.circuit, width, None)
        if layout is None:
            self.clear()
            return False
        known = pg.gradients_known and not hide_gradients
        self._set(layout.render(known, gate or pg.walk_gate, width))
        return True

    def clear(self) -> None:
        """Draw nothing (the tree is shown). Already clear: nothing to do, not even a
        re-layout (the screen clears it on every step while the tree is shown)."""
        if self.drawing is not None:
            self._set(None)

    def _set(self, drawing: Drawing | None) -> None:
        old = self.drawing
        self.drawing = drawing
        self._strips.clear()
        same_shape = (old is not None and drawing is not None
                      and (old.width, old.height) == (drawing.width, drawing.height))
        self.refresh(layout=not same_shape)

    def on_resize(self) -> None:
        self._strips.clear()  # each strip is as wide as the widget

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.drawing.width if self.drawing is not None else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.drawing.height if self.drawing is not None else 0

    def _style(self, tag: Tag) -> Style:
        """The widget's own style with the tag's on top (kept until the styles change)."""
        style = self._styles.get(tag)
        if style is None:
            style = self.rich_style
            if tag in MEANING:
                style += Style.parse(colours(self.app).bold(MEANING[tag]))
            elif tag is not Tag.BLANK:
                style += self.get_component_rich_style(f"circuit-drawing--{tag.value}")
            self._styles[tag] = style
        return style

    def render_line(self, y: int) -> Strip:
        if colours(self.app) is not self._colours:  # a new theme
            self._colours = colours(self.app)
            self._styles.clear()
            self._strips.clear()
        drawing = self.drawing
        strip = self._strips.get(y)
        if strip is None:
            width = self.size.width
            base = self._style(Tag.BLANK)
            if drawing is None or y >= drawing.height:
                return Strip.blank(width, base)
            style = self._style
            segments = [Segment(text, style(tag)) for text, tag in drawing.runs(y)]
            strip = Strip(segments, drawing.width).crop_extend(0, width, base)
            self._strips[y] = strip
        return strip
