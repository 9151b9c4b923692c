"""Under the circuit: what the backward walk just did, written as the chain rule.

At each gate, one line per input: `dx = y × ds = 5 × 1 = 5`, the local gradient (with its
formula where the gate has one: `s * (1 - s)`, `b`, `-1.0 / x**2`) times the gradient
arriving from above. An input used more than once gets `+=`: its gradient adds up (the
sums are written out under the circuit). The colours are the legend's (the theme's local
gradient and gradient colours).
"""

from __future__ import annotations

from rich.text import Text

from nn101.state.notation import number
from nn101.state.playground import Playground
from nn101.state.text import line
from nn101.tui.display import num
from nn101.tui.theme import colours
from nn101.tui.widgets.text_lines import TextLines

MAX_TERMS = 4
"""Inputs written out per gate (every gate of the engine has at most two)."""


class WalkBanner(TextLines):
    _shown: object = None

    def _set(self, text: Text) -> None:
        """Repaint only when the banner changes (most steps leave it as it is)."""
        key = (text.plain, str(text.style), text.spans)
        if key != self._shown:
            self._shown = key
            self.update(text)  # a re-layout only if its height changed

    def show(self, pg: Playground, *, hide_gradients: bool = False) -> None:
        """The walk's last gate; while the gradients are asked (a lesson's question), only
        that they are hidden: the chain rule's numbers are the answers."""
        if hide_gradients:
            self._set(Text("gradients: ? until the question is answered",
                           style="dim italic"))  # one line beside a lesson at 80x24
            return
        if not pg.walk_active or not pg.walk:
            if not pg.gradients_known:
                self._set(Text("forward pass done: gradients unknown until the backward "
                               "pass (b walks it gate by gate)", style="italic"))
            else:
                # One line at 120 columns: the rows above are the circuit's.
                self._set(Text("b: walk back a gate · f: forward · k: quiz",
                               style="dim italic"))
            return
        last = pg.walk[-1]
        text = Text()
        theme = colours(self.app)
        done = len(pg.walk)
        text.append(f"backward {done}/{len(pg.circuit)} ", style="bold")
        text.append(f"{last.gate.name}: ")
        text.append("d<input> = ")
        text.append("local", style=theme.local)
        text.append(" × ")
        text.append("upstream", style=theme.grad)
        if pg.walk_complete:
            text.append("  (done: every input has its gradient)", style="bold")
        for term in pg.chain_rule()[:MAX_TERMS]:
            text.append("\n  ")
            sign = "+=" if term.uses > 1 else "="
            local = term.local_formula or num(term.local)
            text.append(f"d{line(term.input_name)} {sign} {line(local)} × "
                        f"d{line(term.output_name)} = ")
            text.append(number(term.local), style=theme.local)
            text.append(" × ")
            text.append(number(term.upstream), style=theme.grad)
            text.append(" = ")
            text.append(number(term.product), style=theme.grad)
        self._set(text)
