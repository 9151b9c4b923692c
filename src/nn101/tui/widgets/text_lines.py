"""A few lines of text rewritten on every step, drawn with the line API.

Why not a Static: a Static's new text goes through Textual's visual pipeline (the text
made a Content, wrapped, formatted, its links styled) on every repaint, about as much as
the whole circuit tree costs, for a line or two: the status line and the progress figures
were a quarter of the step key's frame (benchmarks/key_anatomy.py). Here the text is
wrapped once per width with rich's own `wrap` (Static's rule: words, then characters) and
each line is a Strip on the widget's style.

The height follows the wrapped text where the CSS lets it (`height: auto`); a change of
the number of lines re-lays out the screen, new words on the same lines only repaint.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class TextLines(Widget):
    """Text on the widget's style, wrapped to its width (see the module's docstring)."""

    DEFAULT_CSS = """
    TextLines { height: auto; }
    """

    def __init__(self, text: Text | str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.content = Text(text) if isinstance(text, str) else text
        """The text shown (as given: tests and the screen reader read it)."""
        self._lines: tuple[int, list[Text]] | None = None
        """The text wrapped for a width."""
        self._strips: dict[int, Strip] = {}

    def update(self, text: Text) -> None:
        """Show `text`; the screen is laid out again only if its line count changed."""
        before = len(self._wrapped(self.size.width)) if self._lines is not None else None
        self.content = text
        self._lines = None
        self._strips.clear()
        after = len(self._wrapped(self.size.width))
        self.refresh(layout=before != after)

    def _wrapped(self, width: int) -> list[Text]:
        if self._lines is None or self._lines[0] != width:
            lines = (list(self.content.wrap(self.app.console, width)) if width > 0
                     else [])
            for line in lines:
                line.rstrip()  # the space a line breaks at is padding, as in a Static
            self._lines = (width, lines)
            self._strips.clear()
        return self._lines[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((line.cell_len for line in self.content.split()), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._wrapped(width)
        strip = self._strips.get(y)
        if strip is None:
            base = self.visual_style.rich_style
            blank = Style(bgcolor=base.bgcolor)  # a Static pads with the background alone
            if y < len(lines):
                line, console = lines[y], self.app.console
                # a Text's own style is not in its rendered segments: it goes under them
                own = console.get_style(line.style) if line.style else None
                segments = Segment.apply_style(line.render(console, end=""),
                                               base + own if own else base)
                strip = Strip(segments).adjust_cell_length(width, blank)
            else:
                strip = Strip.blank(width, blank)
            self._strips[y] = strip
        return strip
