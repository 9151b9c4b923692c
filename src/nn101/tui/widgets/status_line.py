"""The bottom line: what just happened, or why the run stopped."""

from __future__ import annotations

from rich.text import Text

from nn101.state.playground import Playground
from nn101.state.text import line
from nn101.tui.display import num
from nn101.tui.widgets.text_lines import TextLines


class StatusLine(TextLines):
    def show(self, pg: Playground, note: str = "", playing: bool = False) -> None:
        self.set_class(pg.status in ("diverged", "blocked"), "-diverged")
        if pg.status == "blocked":
            # A formula opened outside a gate's domain: the message names the gate.
            self.update(Text(f"BLOCKED: {line(pg.message)}. Change the inputs to bring "
                             "it back into the domain."))
            return
        if pg.status == "diverged":
            self.update(Text(f"STOPPED: {line(pg.message)} (r resets)"))  # may quote a file
            return
        text = Text()
        if playing:
            text.append("▶ playing  ", style="bold")
        text.append(f"iteration {pg.iteration} · output {num(pg.output)} · "
                    f"{pg.settings.method.label}")
        if note:
            text.append(f"  —  {note}")
        self.update(text)  # one line high (app.tcss) unless diverged
