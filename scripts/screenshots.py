"""Write SVG and PNG pictures of the app's main states to screenshots/.

    make screenshots        (or: .venv/bin/python scripts/screenshots.py)

Each state is reached by pressing keys in a headless app of a fixed size, exactly as a
user would; PNGs are made from the SVGs with rsvg-convert (Debian: librsvg2-bin) when it
is installed, and skipped with a note when it is not.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nn101.state import controls
from nn101.tui.app import PlaygroundApp

OUT = Path(__file__).resolve().parent.parent / "screenshots"


@dataclass(frozen=True)
class Shot:
    name: str
    scenario: str
    keys: tuple[str, ...]
    size: tuple[int, int] = (120, 36)
    what: str = ""
    learning: dict[str, Any] = field(default_factory=dict)
    """Settings for the learning screen (model, dataset, ...); empty for the circuits."""
    iterations: int = 0


SHOTS = (
    Shot("single-gate", "single-gate", ("space",),
         what="one multiply gate after a random-search step; the three methods compared"),
    Shot("two-gates", "two-gates", ("space", "c"),
         what="(x + y) * z after one backprop step, gradient check passing"),
    Shot("neuron-walk", "neuron", ("b", "b", "b"),
         what="the neuron's backward pass walked gate by gate, mid-way"),
    Shot("neuron-run", "neuron", ("space",) * 40,
         what="the neuron after 40 backprop steps: the output climbing"),
    Shot("division-stopped", "division", (), what="division stopped before c + d crosses 0"),
    Shot("help", "single-gate", ("question_mark",), what="the keys"),
    Shot("narrow-80x24", "neuron", ("space",), (80, 24), what="an 80x24 terminal"),
    Shot("medium-100x30", "neuron", ("b", "b"), (100, 30), what="a 100x30 terminal"),
    Shot("large-160x50", "neuron", ("b", "b"), (160, 50), what="a 160x50 terminal"),
    Shot("huge-200x60", "neuron", ("b", "b"), (200, 60), what="a 200x60 terminal"),
    Shot("too-small-60x20", "neuron", (), (60, 20), what="under 80x24: the size to make it"),
    Shot("two-gates-diverged", "two-gates", (), what="step size 1e9: the run stops, diverged"),
    Shot("drawing", "neuron", ("b", "b"), (160, 40),
         what="the neuron drawn left to right as the guide draws it, mid-walk"),
    Shot("equations", "square", ("g", "b", "b"), (160, 40),
         what="the guide's backprop equations with the numbers, highlighted with the walk"),
    Shot("quiz", "neuron", ("k", "0", ".", "5", "enter"), (160, 40),
         what="the quiz: a wrong answer and its hint"),
    Shot("learning-svm", "single-gate", (), (120, 40), "the guide's SVM at iteration 300",
         {"model": "svm"}, 300),
    Shot("learning-net-moons", "single-gate", (), (120, 40),
         "the 2-layer net learning the moons",
         {"model": "net", "dataset": "moons", "hidden": 10, "step_size": 0.03,
          "regularization": 0.001}, 1500),
    Shot("learning-svm-rewound", "single-gate", ("less_than_sign", "comma", "w"), (120, 40),
         "the SVM rewound from iteration 150 to 124, parameter b selected", {"model": "svm"},
         150),
    Shot("learning-net-circuit", "single-gate", ("c", "b", "b", "b"), (160, 50),
         "the net's neuron the last step changed most, walked three gates from the pull",
         {"model": "net", "dataset": "moons", "hidden": 10, "step_size": 0.03,
          "regularization": 0.001}, 1405),
    Shot("classes-yinyang", "single-gate", (), (130, 42),
         "chapter 3: the 2-16-3 MLP on yin-yang with Adam, iteration 400",
         {"model": "mlp"}, 400),
    Shot("classes-walk", "single-gate", ("b",) * 29, (160, 50),
         "chapter 3: the picked point's circuit walked through softmax to p - y",
         {"model": "mlp"}, 400),
)


async def take(shot: Shot) -> Path:
    app = PlaygroundApp(scenario=shot.scenario, cursor_blink=False)
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        if shot.name == "division-stopped":
            app.circuit.pg.edit(controls.STEP_SIZE, "1")
            app.circuit.pg.step(50)
            app.circuit.refresh_panes()
        if shot.name == "two-gates-diverged":
            app.circuit.pg.edit(controls.STEP_SIZE, "1e9")
            app.circuit.pg.step(50)
            app.circuit.refresh_panes()
        if shot.learning:
            await open_learning(app, pilot, shot)
        for key in shot.keys:
            await pilot.press(key)
        await pilot.pause(0.3)
        path = OUT / f"{shot.name}.svg"
        app.save_screenshot(filename=path.name, path=str(OUT))
    return path


async def open_learning(app: PlaygroundApp, pilot: Any, shot: Shot) -> None:
    from nn101.tui.screens.learning import LearningScreen

    if shot.learning["model"] == "mlp":  # chapter 3's screen, its default run
        from nn101.tui.screens.classes import ClassScreen

        app.open_classes()
        await pilot.pause()
        classes = app.screen
        assert isinstance(classes, ClassScreen)
        classes.learning.run(shot.iterations)
        classes.refresh_panes()
        await pilot.pause(0.5)
        return
    app.open_learning(shot.learning["model"])
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, LearningScreen)
    screen.apply({k: v for k, v in shot.learning.items() if k != "model"})
    screen.train(shot.iterations)
    screen.say("")  # the picture shows the run, not the note that settings were applied
    await pilot.pause(0.5)


def to_png(svg: Path) -> Path | None:
    tool = shutil.which("rsvg-convert")
    if tool is None:
        return None
    fixed = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    png = svg.with_suffix(".png")
    subprocess.run([tool, "-o", str(png)], input=fixed.encode("utf-8"), check=True)
    return png


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for shot in SHOTS:
        svg = asyncio.run(take(shot))
        png = to_png(svg)
        made = f"{svg.name} + {png.name}" if png else f"{svg.name} (no rsvg-convert: no PNG)"
        print(f"{made:45} {shot.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
