"""Gradient check: backprop against the numerical gradient, input by input."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from nn101.state.playground import Playground
from nn101.state.text import line
from nn101.tui.display import grad_text, num, short
from nn101.tui.theme import colours


class CheckPane(Static):
    _shown: object = ()
    """The check on screen (None for the prompt): an unchanged pane is not repainted."""

    def show(self, pg: Playground, *, hide_gradients: bool = False) -> None:
        check = pg.check
        stale = pg.check_stale
        theme = colours(self.app)
        if (check, stale, hide_gradients, theme) == self._shown:
            return
        self._shown = (check, stale, hide_gradients, theme)
        if hide_gradients and check is not None:
            self.update(Text("hidden during the quiz (it shows the gradients)", style="dim"))
            return
        if check is None:
            self.update(Text("Press c to compare backprop with the numerical gradient "
                             "(nudge each input by h) at the current point.", style="dim"))
            return
        table = Table(box=None, padding=(0, 1), pad_edge=False, collapse_padding=True,
                      show_edge=False, header_style="bold")
        table.add_column("input", no_wrap=True, overflow="ellipsis", max_width=8)
        table.add_column("analytic", justify="right", no_wrap=True)
        table.add_column("numeric", justify="right", no_wrap=True)
        table.add_column("rel err", justify="right", no_wrap=True)
        table.add_column("", no_wrap=True)
        for name, analytic in check.analytic.items():
            err = check.relative_error[name]
            ok = err <= check.tolerance
            numerical = Text(num(check.numerical[name]), style=theme.grad)
            table.add_row(line(name), grad_text(analytic, theme), numerical,
                          f"{err:.0e}", Text("✓" if ok else "✗",
                                             style=theme.ok if ok else theme.fail))
        verdict = Text("PASS" if check.ok else "FAIL",
                       style=f"{theme.ok if check.ok else theme.fail} reverse")
        summary = Text.assemble(
            verdict, f"  max rel. error {check.max_relative_error:.1e} ≤ {check.tolerance:g}"
            if check.ok else f"  max rel. error {check.max_relative_error:.1e} > "
            f"{check.tolerance:g}",
            f"\nh = {short(check.h)}, {check.difference} differences", style="")
        for name, why in check.explained().items():
            # A failure at a kink (relu at 0, max at a tie) is the math, not a bug.
            summary.append(f"\n{line(name)} at a kink: ", style="bold")
            summary.append(line(why))
        if stale:
            # A step or a new h moved on since: the numbers above are of another point.
            summary.append("\nSTALE: made at an earlier point or h; press c to redo",
                           style="bold reverse")
            table.style = "dim"
        self.update(Group(table, summary))
