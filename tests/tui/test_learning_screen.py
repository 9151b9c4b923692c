"""The learning screen driven by keys on a tiny host app, as the main app will push it.

Expected numbers are worked out by hand in the comments, or are what `nn101-tui train`
prints for the same flags (the screen shows that command and must agree with it).
"""

from __future__ import annotations

import io
import json
import shlex

import pytest
from rich.console import Console
from textual.app import App
from textual.widgets import Static

from nn101.cli import main
from nn101.engine import InputError
from nn101.state.controls import (
    ACTIVATION,
    HIDDEN,
    REGULARIZATION,
    TRAIN_SEED,
    TRAIN_STEP_SIZE,
)
from nn101.tui.screens.learning import CONTROLS, LearningScreen
from nn101.tui.widgets.learn_controls import LearnControls
from nn101.tui.widgets.text_lines import TextLines
from tests.tui.helpers import form_row, open_field

SIZE = (130, 42)


class Host(App[None]):
    def __init__(self, model: str = "svm") -> None:
        super().__init__()
        self.model = model

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("host screen", id="host")

    def on_mount(self) -> None:
        self.push_screen(LearningScreen(self.model))


def screen_of(app: App[None]) -> LearningScreen:
    assert isinstance(app.screen, LearningScreen)
    return app.screen


def pane_text(app: App[None], selector: str) -> str:
    """The plain text of a text pane (a Static, TextLines) on the learning screen, as a
    user would read it."""
    widget = screen_of(app).query_one(selector)
    assert isinstance(widget, (Static, TextLines)), widget
    console = Console(width=200, file=io.StringIO(), color_system=None, record=True)
    console.print(widget.content)
    return console.export_text()


def cli_json(capsys: pytest.CaptureFixture[str], command: str) -> dict[str, object]:
    argv = shlex.split(command)
    assert argv[0] == "nn101-tui"
    capsys.readouterr()
    assert main([*argv[1:], "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


async def type_into(pilot: object, screen: LearningScreen, field: str, text: str) -> None:
    box = open_field(screen.app, CONTROLS[field])
    box.cursor_blink = False
    box.value = text
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def test_stepping_shows_the_point_the_pull_and_every_gradient() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no step yet" in pane_text(app, "#learn-step")
        await pilot.press("space")
        step = pane_text(app, "#learn-step")
        # seed 0 picks point 3, (-0.1, -1.0) label -1: score -0.1 + 2 - 1 = 0.9 > -1
        assert "iteration 1" in step
        assert "picked point 3: (-0.10, -1.00) label -1, score 0.90000" in step
        assert "pull down (-1)" in step
        rows = {line.split()[0].lstrip(">"): line.split()[1:] for line in
                pane_text(app, "#learn-params").splitlines() if line.strip()}
        # value after, backprop pull*(x, y, 1), reg pull (-a, -b, 0), their sum
        assert rows["a"] == ["0.99100", "0.10000", "-1.00000", "-0.90000"]
        assert rows["b"] == ["-1.97000", "1.00000", "2.00000", "3.00000"]
        assert rows["c"] == ["-1.01000", "-1.00000", "0.00000", "-1.00000"]


async def test_the_screens_svm_for_seed_0_is_the_clis(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(399)
        await pilot.press("space")
        assert screen.training.iteration == 400
        command = pane_text(app, "#learn-command").split("same run:")[1].strip()
        assert command == ("nn101-tui train svm --dataset guide --step-size 0.01 "
                           "--regularization 1.0 --seed 0 --iterations 400")
        params = screen.training.model.param_values()
        shown = pane_text(app, "#learn-step")
    data = cli_json(capsys, command)
    assert data["params"] == params
    plain = cli_json(capsys, "nn101-tui train svm --seed 0")
    assert plain["params"] == params  # the CLI's defaults are the screen's
    final = data["final"]
    assert isinstance(final, dict)
    assert f"accuracy {final['correct']}/6" in shown  # 5/6, not the guide's 6/6


async def test_net_matches_the_cli_after_changing_settings(capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    app = Host("net")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await type_into(pilot, screen, "hidden", "4")
        await type_into(pilot, screen, "seed", "7")
        screen.train(250)
        command = screen.command()
        assert "--hidden 4" in command and "--seed 7" in command
        params = screen.training.model.param_values()
    assert cli_json(capsys, command)["params"] == params


async def test_play_trains_in_batches_and_keys_still_answer() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("p")
        assert screen.playing
        await pilot.pause(0.2)
        await pilot.press("plus")  # answered while playing: 5 -> 10 per frame
        assert screen.player.speed == 10
        await pilot.press("p")
        assert not screen.playing
        stopped_at = screen.training.iteration
        assert stopped_at > 0
        await pilot.pause(0.2)
        assert screen.training.iteration == stopped_at  # paused means paused
        assert f"iteration {stopped_at}" in pane_text(app, "#learn-step")
        await pilot.press("minus", "minus", "minus")
        assert screen.player.speed == 1


async def test_reset_returns_to_the_start() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(30)
        await pilot.press("r")
        assert screen.training.iteration == 0
        assert screen.training.model.param_values() == {"a": 1.0, "b": -2.0, "c": -1.0}
        # the start, by hand: x - 2y - 1 gets 4 of the 6 guide points right
        assert "accuracy 4/6" in pane_text(app, "#learn-step")


async def test_a_bad_value_is_refused_and_the_run_kept() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(20)
        await type_into(pilot, screen, "step_size", "abc")
        assert screen.training.iteration == 20
        assert screen.config["step_size"] == 0.01
        pane = screen.query_one(LearnControls)
        assert pane.error_of(TRAIN_STEP_SIZE).startswith("✗ step size: not a number")
        await type_into(pilot, screen, "regularization", "-1")
        assert pane.error_of(REGULARIZATION) == (
            "✗ regularization: must be 0 or more, got -1 (kept 1.0)")
        await type_into(pilot, screen, "seed", "1.5")
        assert "whole number" in pane.error_of(TRAIN_SEED)
        assert pane.error_of(TRAIN_STEP_SIZE)  # each refusal under its own row
        assert pane_text(app, "#learn-error").strip() == ""  # the run's other refusals
        assert screen.training.iteration == 20


async def test_no_regularization_reaches_six_of_six_on_screen() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(10)
        await type_into(pilot, screen, "regularization", "0")
        assert screen.training.iteration == 0  # new settings start again
        assert screen.config["regularization"] == 0.0
        await pilot.press("escape")  # leave the field, then keys train again
        screen.train(399)
        await pilot.press("space")
        assert "accuracy 6/6" in pane_text(app, "#learn-step")
        assert "--regularization 0.0 " in screen.command()


async def test_model_and_dataset_keys_rebuild_the_run() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("m")
        assert screen.training.model.kind == "net"
        assert "a3" in pane_text(app, "#learn-params")  # three hidden neurons by default
        assert "2-layer net" in pane_text(app, "#learn-explain")
        await pilot.press("d")
        assert screen.config["dataset"] == "circle"
        assert len(screen.training.dataset) == 100
        assert not form_row(app, HIDDEN).locked and open_field(app, HIDDEN)
        await pilot.press("escape", "m")
        assert form_row(app, HIDDEN).locked  # no hidden layer in an SVM
        assert form_row(app, ACTIVATION).locked


async def test_divergence_stops_play_and_says_so() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await type_into(pilot, screen, "step_size", "1000")
        await pilot.press("escape", "p")
        for _ in range(40):
            await pilot.pause(0.05)
            if screen.training.status == "diverged":
                break
        await pilot.pause(0.1)
        assert screen.training.status == "diverged"
        assert not screen.playing
        assert "diverged at iteration" in pane_text(app, "#learn-step")
        params = screen.training.model.param_values()
        await pilot.press("space")
        assert screen.training.model.param_values() == params


async def test_escape_leaves_a_field_first_then_goes_back() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen_of(app)
        open_field(app, TRAIN_SEED)
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, LearningScreen)
        assert app.focused is None
        await pilot.press("escape")
        assert not isinstance(app.screen, LearningScreen)
        assert app.query_one("#host", Static)


def test_unknown_model_is_refused() -> None:
    with pytest.raises(InputError, match="expected one of svm, net"):
        LearningScreen("tree")


async def test_a_field_applies_when_you_leave_it_and_r_puts_the_fields_back() -> None:
    # The circuit screen's rule: a field applies on enter AND on leaving it. Before, tab
    # left "0" in the regularization field while the model kept 1 (and the "same run"
    # line said --regularization 1).
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        box = open_field(app, REGULARIZATION)
        box.value = "0"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.config["regularization"] == 0.0
        assert "--regularization 0.0 " in screen.command()
        # r: the model back to iteration 0 and a half-typed field back to the setting
        box = open_field(app, TRAIN_STEP_SIZE)
        box.value = "0.5"
        await pilot.press("escape")  # leaving by escape applies too
        await pilot.pause()
        assert screen.config["step_size"] == 0.5
        box = open_field(app, TRAIN_STEP_SIZE)
        box.value = "9"
        screen.action_reset()
        await pilot.pause()
        # the field closed unapplied: the row shows the setting in force
        assert not box.display and screen.config["step_size"] == 0.5
        assert screen.query_one(LearnControls).form.text_of(TRAIN_STEP_SIZE) == "0.5"
        assert screen.training.iteration == 0
