"""The reference for the app benchmarks: the smallest Textual app, one Label.

Space updates the label (the cheapest key-to-paint a Textual app can have); q quits. It
imports only what it shows, as the issue's "minimal Textual app that shows one label".
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Label


class MinimalApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("space", "press", "Press"), ("q", "quit", "Quit")]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Label("minimal app: presses 0")

    def action_press(self) -> None:
        self.presses += 1
        self.query_one(Label).update(f"minimal app: presses {self.presses}")


if __name__ == "__main__":
    MinimalApp().run()
