"""The circuit's backprop equations as the guide's "more on backprop" section writes them.

First the forward pass split into gates (`x1 = a * b + c = -1`), then the gradient given at
the output (`dx = 1`, settable: the dx field), then one line per wire into a gate, output
side first: `da = b * dx = 3 * 1 = 3`. A variable used twice gets `+=` and its sum at the
end. The numbers are the engine's at the current point, redrawn after every action.

During the backward walk the lines of the gate just walked are highlighted and the lines of
gates not reached yet are dim, so the equations read along with the walk. During the quiz
the backward lines are hidden: they are the answers.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll

from nn101.state.playground import Playground
from nn101.state.text import line
from nn101.tui.theme import Colours, colours
from nn101.tui.widgets.text_lines import TextLines

MAX_LINES = 400
"""Equations written for a huge formula; the rest are counted."""
HIGHLIGHT = "bold reverse"


def equations_text(pg: Playground, colours: Colours, *,
                   hide_gradients: bool = False) -> Text:
    """What the pane shows, as one rich Text (no markup: names come from typed formulas)."""
    eqs = pg.equations()
    if eqs is None:
        return Text(f"no equations: {line(pg.message)}", style="dim")
    text = Text()
    text.append("forward\n", style="dim")
    for forward in eqs.forward[:MAX_LINES]:
        text.append(line(forward) + "\n", style=colours.value)
    text.append("backward (the force on the output, given: ", style="dim")
    text.append(line(eqs.given), style=colours.grad)
    text.append(")\n", style="dim")
    if hide_gradients:
        text.append("hidden while a question is open: they are its answers", style="dim italic")
        return text
    walked = {s.index for s in pg.walk} if pg.walk_active else None
    current = pg.walk[-1].index if pg.walk_active and pg.walk else None
    for eq in eqs.lines[:MAX_LINES]:
        style = colours.grad
        if walked is not None and not walked.intersection(eq.gates):
            style = "dim"
        if current is not None and current in eq.gates:
            style = f"{colours.grad} {HIGHLIGHT}"
        text.append(line(eq.text), style=style)
        text.append("\n")
    if len(eqs.lines) > MAX_LINES:
        text.append(f"… {len(eqs.lines) - MAX_LINES} more lines\n", style="dim")
    if eqs.totals:
        text.append("gradients that add up\n", style="dim")
        for total in eqs.totals[:MAX_LINES]:
            text.append(line(total) + "\n", style=colours.grad)
    text.rstrip()
    return text


class EquationsPane(VerticalScroll):
    """A scrolling view of `equations_text`, only computed while the pane is shown."""

    _shown: object = None

    def compose(self) -> ComposeResult:
        self._text = TextLines(id="equations-text")
        yield self._text

    _last: tuple[Playground, bool] | None = None
    """What `show` was last asked for (shown when the pane comes into view: g, a resize)."""

    def on_show(self) -> None:
        if self._last is not None:
            self.show(self._last[0], hide_gradients=self._last[1])

    def show(self, pg: Playground, *, hide_gradients: bool = False) -> None:
        self._last = (pg, hide_gradients)
        if not self.display:
            self._shown = None
            return
        text = equations_text(pg, colours(self.app), hide_gradients=hide_gradients)
        key = (text.plain, tuple(text.spans))
        if key == self._shown:
            return
        self._shown = key
        self._text.update(text)  # new numbers: a re-layout only if the height changed
        if pg.walk_active and pg.walk:
            self.call_after_refresh(self._scroll_to_highlight, text)

    def _scroll_to_highlight(self, text: Text) -> None:
        """Keep the highlighted line in view (the neuron's lines overflow a short pane)."""
        for span in text.spans:
            if HIGHLIGHT in str(span.style):
                row = text.plain.count("\n", 0, span.start)
                self.scroll_to(y=max(0, row - 2), animate=False)
                return
