"""The learning screen's engine and widgets survive every setting its fields accept.

Regularization 1e308 made the loss inf at the start; a few steps then play crashed the app
in the curves (plotext: `ValueError: cannot convert float NaN to integer`). Here each
extreme setting trains, and the map, the last-step pane, the parameters and both curves
are drawn from it, with no exception, and the numbers that are not finite read as inf/nan.
"""

from __future__ import annotations

import math

import plotext
import pytest
from textual.app import App, ComposeResult

from nn101.engine.learning import Training, TrainSettings, make_dataset
from nn101.engine.learning.loss import Evaluation
from nn101.tui.widgets.decision_map import DecisionMap
from nn101.tui.widgets.exact_plot import plottable
from nn101.tui.widgets.learn_curves import LearnCurves
from nn101.tui.widgets.learn_params import LearnParams
from nn101.tui.widgets.learn_step import LearnStepInfo

TINY = 5e-324
HUGE = 1.7976931348623157e308
# (step size, regularization): every one is accepted by the screen's fields
SETTINGS = [
    (0.01, HUGE), (0.01, 1e308), (HUGE, 1.0), (HUGE, 0.0), (1e308, 1e308), (TINY, TINY),
    (TINY, HUGE), (1e-308, 0.0), (0.5, 0.0), (10.0, 0.0), (1e150, 1e-150), (3.0, 1e3),
]
MODELS = [("svm", 3), ("net", 3), ("net", 64)]
DATASETS = ["guide", "spiral", "xor"]

NASTY = [math.inf, -math.inf, math.nan, HUGE, -HUGE, TINY, -TINY, 1e308, 0.0, 1.0]


def trainings() -> list[Training]:
    runs = []
    for model, hidden in MODELS:
        for step, reg in SETTINGS:
            for name in DATASETS:
                data = make_dataset(name)
                runs.append(Training(model, data, TrainSettings(step, reg, 0, 1), hidden))
    return runs


def test_training_never_raises_on_extreme_settings() -> None:
    for training in trainings():
        training.run(40)
        assert training.status in ("ok", "diverged")
        for value in training.model.param_values().values():
            assert math.isfinite(value)  # the last good parameters are kept
        assert 0.0 <= training.final.accuracy <= 1.0


@pytest.mark.parametrize("values", [
    NASTY, [math.inf] * 3, [math.nan], [HUGE, -HUGE], [TINY, 0.0, 1e-320], [1e308, -1e308, 0.0],
])
def test_plotext_draws_whatever_the_loss_is(values: list[float]) -> None:
    xs = list(range(len(values)))
    px, py = plottable(xs, values)
    assert all(math.isfinite(y) for y in py)
    plotext.clear_figure()
    plotext.clear_data()
    if px:
        plotext.plot(px, py)
    plotext.plotsize(40, 10)
    plotext.build()  # raised ValueError / OverflowError before plottable


class Panes(App[None]):
    CSS = """
    DecisionMap { height: 12; }
    LearnStepInfo, LearnParams { height: auto; }
    LearnCurves { height: 14; }
    """

    def compose(self) -> ComposeResult:
        yield DecisionMap(id="map")
        yield LearnStepInfo(id="step")
        yield LearnParams(id="params")
        yield LearnCurves(id="curves")

    def show(self, training: Training) -> None:
        self.query_one(DecisionMap).show(training)
        self.query_one(LearnStepInfo).show(training)
        self.query_one(LearnParams).show(training)
        self.query_one(LearnCurves).show(training.history)


async def test_every_pane_draws_extreme_runs() -> None:
    app = Panes()
    async with app.run_test(size=(120, 60)) as pilot:
        for training in trainings()[::3]:
            for _ in range(4):  # steps, then a "play" batch
                training.run(1)
                app.show(training)
                await pilot.pause()
            training.run(200)
            app.show(training)
            await pilot.pause()
        # a history whose loss is inf and nan (a diverged net), as the curves get it
        training = trainings()[0]
        training.history = [Evaluation(i, 3, 6, loss, 0.0) for i, loss in enumerate(NASTY)]
        app.show(training)
        await pilot.pause()
        await pilot.pause()
