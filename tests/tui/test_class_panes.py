"""Chapter 3's panes (not yet on a screen): the K-class map, the probabilities and p - y,
the optimizer's state, each drawn from a ClassLearning in a bare host app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.theme import BUILTIN_THEMES

from nn101.state.class_config import ClassConfig
from nn101.state.class_learning import ClassLearning
from nn101.tui.theme import Colours
from nn101.tui.widgets.class_map import GLYPHS, ClassMap, legend, level
from nn101.tui.widgets.class_probs import ClassProbs, probability_text
from nn101.tui.widgets.optimizer_state import OptimizerState, state_text

THEME = Colours.of(BUILTIN_THEMES["textual-dark"])
"""The colours of the app's default theme (any would do: the tests read the words)."""


def learning() -> ClassLearning:
    run = ClassLearning(ClassConfig(dataset="blobs3", points=60, hidden=4, batch=0, every=1))
    run.run(40)
    return run


class Host(App[None]):
    def compose(self) -> ComposeResult:
        yield ClassMap(id="map")
        yield ClassProbs(id="probs")
        yield OptimizerState(id="state")

    CSS = "#map { height: 12; } #probs { height: auto; } #state { height: auto; }"


async def test_the_map_draws_every_class_glyph_and_reverses_the_picked_point() -> None:
    run = learning()
    app = Host()
    async with app.run_test(size=(60, 40)) as pilot:
        m = app.query_one(ClassMap)
        m.show(run)
        await pilot.pause()
        lines = [m.render_line(y) for y in range(m.size.height)]
        text = "".join(seg.text for strip in lines for seg in strip)
        for k in range(3):
            assert GLYPHS[k] in text
        picked = [seg for strip in lines for seg in strip
                  if seg.style is not None and seg.style.reverse]
        assert len(picked) == 1
        assert picked[0].text == GLYPHS[run.point.label]


def test_a_toss_up_is_faint_and_certainty_full() -> None:
    assert level(1 / 3, 3) == 1
    assert level(1.0, 3) == 8
    assert legend(3) == "● 0 blue  ▲ 1 orange  ■ 2 green"


def test_probabilities_write_p_minus_y_for_each_class() -> None:
    run = learning()
    text = probability_text(run, THEME).plain
    label = run.point.label
    for g in run.logit_gradients():
        assert f"dz{g.k} = p - y = {g.p:.5f} - {g.y:g} = {g.total:.5f}" in text
    assert f"class {label} {GLYPHS[label]}" in text


def row_of(text: str, n: int) -> list[str]:
    return text.splitlines()[n].split()


def test_optimizer_state_shows_adams_moments_and_steps() -> None:
    run = learning()
    text = state_text(run, THEME).plain
    assert text.startswith("adam, t = 40\n")
    heading = text.splitlines()[1].split()
    assert heading == ["param", "value", "grad", "m", "v", "step"]
    name, value, grad, state = run.optimizer_rows()[0]
    assert float(row_of(text, 2)[2]) == round(grad, 5)
    row = text.splitlines()[2].split()
    assert row[0] == name and float(row[1]) == round(value, 5)
    assert float(row[-1]) == round(state["step"], 5)
    assert "... 2 more" in state_text(run, THEME, limit=len(run.optimizer_rows()) - 2).plain


async def test_the_text_panes_mount_and_show() -> None:
    run = learning()
    app = Host()
    async with app.run_test(size=(100, 60)) as pilot:
        app.query_one(ClassProbs).show(run)
        app.query_one(OptimizerState).show(run)
        await pilot.pause()
        assert app.query_one(ClassProbs).size.height == 4  # a title and 3 classes


async def test_curves_overlay_validation_and_a_compared_run() -> None:
    from nn101.tui.widgets.class_curves import ClassCurves, curves
    from nn101.tui.widgets.exact_plot import ExactPlot

    run = learning()
    alone = curves(run.training.history)
    assert alone["loss"].label == "training"
    (val,) = alone["loss"].more
    assert val.label == "validation"
    assert val.ys == [e.val_loss for e in run.training.history]
    other = ClassLearning(ClassConfig(dataset="blobs3", points=60, hidden=4, batch=0,
                                      every=1, optimizer="sgd"))
    other.run(40)
    both = curves(run.training.history, other.training.history, ("adam", "sgd"))
    assert (both["loss"].label, both["loss"].more[0].label) == ("adam", "sgd")
    assert both["accuracy"].more[0].ys[-1] == 100.0 * other.training.history[-1].val_accuracy

    class CurvesHost(App[None]):
        def compose(self) -> ComposeResult:
            yield ClassCurves()

    app = CurvesHost()
    async with app.run_test(size=(100, 20)) as pilot:
        app.query_one(ClassCurves).show(run.training.history, later=False)
        await pilot.pause()
        plot = app.query_one("#class-loss-plot", ExactPlot)
        drawn = plot.render()
        assert "validation" in str(drawn) and "training" in str(drawn)  # the legend
