"""The learning screen on a bare host App, for the benchmarks: `learning_host.py MODEL [SPEED]`.

It opens `LearningScreen(MODEL)` directly (the same screen the app's picker pushes), with
SPEED iterations per frame if given (0 is full speed, the last of SPEEDS), so the benchmark
does not depend on the picker's layout to reach it.
"""

from __future__ import annotations

import sys

try:  # as `nn101-tui` does before Textual is imported (its frame rate)
    from nn101.tui.tuning import pace
except ImportError:  # an earlier nn101 (run.py --before)
    try:
        from nn101.tui.startup import pace  # type: ignore[no-redef]
    except ImportError:  # earlier still: it ran at Textual's default
        pace = None  # type: ignore[assignment]
if pace is not None:
    pace()

from textual.app import App

from nn101.tui.screens.learning import LearningScreen


class LearningHost(App[None]):
    def __init__(self, model: str, speed: int | None) -> None:
        super().__init__()
        self.model, self.speed = model, speed

    def on_mount(self) -> None:
        screen = LearningScreen(self.model)
        if self.speed is not None:  # the one player's, or an earlier nn101's own
            target = getattr(screen, "player", screen)
            target.speed = self.speed
        self.push_screen(screen)


if __name__ == "__main__":
    model = sys.argv[1] if len(sys.argv) > 1 else "svm"
    speed = int(sys.argv[2]) if len(sys.argv) > 2 else None
    LearningHost(model, speed).run()
