"""One line under the circuit saying what the backward walk just did, in the guide's terms."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from nn101.engine.playground import Playground
from nn101.tui.display import GRAD, LOCAL, num


class WalkBanner(Static):
    def show(self, pg: Playground) -> None:
        if not pg.walk_active or not pg.walk:
            if not pg.gradients_known:
                self.update(Text("forward pass done: gradients unknown until the backward "
                                 "pass (b walks it gate by gate)", style="italic"))
            else:
                self.update(Text("b walks the backward pass gate by gate; f runs forward only",
                                 style="dim italic"))
            return
        last = pg.walk[-1]
        gate = last.gate
        text = Text()
        done = len(pg.walk)
        text.append(f"backward {done}/{len(pg.circuit)}: ", style="bold")
        text.append(f"{gate.name} gate, grad in ")
        text.append(num(last.out_grad), style=GRAD)
        if pg.walk_complete:
            text.append("; done: every input has its gradient", style="bold")
            self.update(text)
            return
        text.append("; each input gets ")
        text.append("local", style=LOCAL)
        text.append(" × ")
        text.append("grad in", style=GRAD)
        self.update(text)
