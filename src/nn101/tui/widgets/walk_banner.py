"""One line under the circuit saying what the backward walk just did, in the guide's terms."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from nn101.state.playground import Playground
from nn101.tui import display
from nn101.tui.display import num


class WalkBanner(Static):
    _shown: object = None

    def _set(self, text: Text) -> None:
        """Repaint only when the banner changes (most steps leave it as it is)."""
        key = (text.plain, str(text.style), text.spans)
        if key != self._shown:
            self._shown = key
            self.update(text)

    def show(self, pg: Playground) -> None:
        if not pg.walk_active or not pg.walk:
            if not pg.gradients_known:
                self._set(Text("forward pass done: gradients unknown until the backward "
                               "pass (b walks it gate by gate)", style="italic"))
            else:
                self._set(Text("b: backward one gate at a time · f: forward only",
                               style="dim italic"))
            return
        last = pg.walk[-1]
        gate = last.gate
        text = Text()
        done = len(pg.walk)
        text.append(f"backward {done}/{len(pg.circuit)} ", style="bold")
        if pg.walk_complete:
            text.append("done: every input has its gradient", style="bold")
            self._set(text)
            return
        text.append(f"{gate.name}: ")
        text.append("grad in ", style=display.GRAD)
        text.append(num(last.out_grad), style=display.GRAD)
        text.append(" × ")
        text.append("local", style=display.LOCAL)
        text.append(" → inputs")
        self._set(text)
