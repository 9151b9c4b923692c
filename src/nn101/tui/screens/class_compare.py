"""Two runs compared: the same data and seed under two values of one setting (the 3-class
screen's `v`, as `train mlp --compare SETTING=A,B`): both runs' curves overlaid, and the
small table of final numbers the CLI prints. Escape goes back to the run on screen, which
the comparison never touched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from nn101.engine.learning.classify import ClassTraining
from nn101.tui import display
from nn101.tui.widgets.class_curves import ClassCurves

COLUMNS = ("iterations", "loss", "accuracy", "val_loss", "val_accuracy", "status")
HEADINGS = ("iterations", "loss", "accuracy", "val loss", "val accuracy", "status")


def table_text(setting: str, rows: Sequence[Mapping[str, Any]]) -> Text:
    """The final numbers, one row per value (plain text: a value is the user's)."""
    width = max(len(setting), *(len(str(r[setting])) for r in rows)) + 2
    text = Text(setting.ljust(width), style="bold")
    for heading in HEADINGS:
        text.append(heading.rjust(13), style="bold")
    for row in rows:
        text.append("\n" + str(row[setting])[:40].ljust(width))
        for key in COLUMNS:
            value = row[key]
            if value is None:
                shown = "-"
            elif key in ("accuracy", "val_accuracy"):
                shown = f"{value:.1%}"
            elif key in ("loss", "val_loss"):
                shown = display.num(value, 12).strip()
            else:
                shown = str(value)
            text.append(shown.rjust(13))
    return text


class ClassCompare(ModalScreen[None]):
    DEFAULT_CSS = """
    ClassCompare { align: center middle; }
    ClassCompare #compare-box {
        width: 96%; height: 90%; border: round $accent; padding: 0 1;
        background: $surface;
    }
    ClassCompare #compare-curves { height: 1fr; }
    ClassCompare #compare-table { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,v", "close", "Back", tooltip="back to the run (untouched)"),
    ]

    def __init__(self, setting: str, values: tuple[str, str], runs: Sequence[ClassTraining],
                 table: Sequence[Mapping[str, Any]]) -> None:
        super().__init__()
        self.setting, self.values, self.runs, self.table = setting, values, runs, table

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-box"):
            yield ClassCurves(id="compare-curves")
            yield Static(table_text(self.setting, self.table), id="compare-table")

    def on_mount(self) -> None:
        first, second = self.values
        box = self.query_one("#compare-box")
        box.border_title = (f"same seed and data, {self.setting} = {first} (A) vs "
                            f"{second} (B)")
        box.border_subtitle = "escape: back"
        self.query_one(ClassCurves).show(self.runs[0].history, self.runs[1].history,
                                         (f"A {first}", f"B {second}"))

    def action_close(self) -> None:
        self.dismiss(None)
