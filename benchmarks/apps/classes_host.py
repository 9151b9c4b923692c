"""The 3-class screen on a bare host App, for the benchmarks: `classes_host.py [SPEED]`.

It opens `ClassScreen()` directly (the screen the picker's "3-class MLP" pushes), with
SPEED iterations per frame if given (0 is full speed).
"""

from __future__ import annotations

import sys

from nn101.tui.tuning import pace

pace()  # as `nn101-tui` does before Textual is imported (its frame rate)

from textual.app import App  # noqa: E402

from nn101.tui.screens.classes import ClassScreen  # noqa: E402


class ClassesHost(App[None]):
    def __init__(self, speed: int | None) -> None:
        super().__init__()
        self.speed = speed

    def on_mount(self) -> None:
        screen = ClassScreen()
        if self.speed is not None:
            screen.player.speed = self.speed
        self.push_screen(screen)


if __name__ == "__main__":
    ClassesHost(int(sys.argv[1]) if len(sys.argv) > 1 else None).run()
