"""The 3-class screen (screens/classes.py) as a user drives it: keys step, rewind, play,
change the optimizer and data, add points, walk the circuit through softmax to `p - y`,
save and load; the picker opens it and leaving keeps its run; a lesson question hides its
answer. Numbers are checked against a ClassLearning run the same way (same seed)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList

from nn101.engine.learning.softmax import softmax
from nn101.state import class_files, controls
from nn101.state.class_learning import ClassLearning
from nn101.state.teaching import Teaching
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.class_compare import ClassCompare
from nn101.tui.screens.classes import ClassScreen
from nn101.tui.screens.path_prompt import PathPrompt
from nn101.tui.widgets.class_controls import ClassControls
from nn101.tui.widgets.class_map import ClassMap

from .helpers import pane_text as app_pane_text

SIZE = (120, 36)


class Host(App[None]):
    def __init__(self, learning: ClassLearning | None = None) -> None:
        super().__init__()
        self.learning = learning

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.push_screen(ClassScreen(learning=self.learning, cursor_blink=False))


def pane_text(app: App[None], selector: str) -> str:
    """A pane's text on the screen on top (pushed over the default screen here)."""
    return app_pane_text(app.screen, selector)  # type: ignore[arg-type]


def screen_of(app: App[None]) -> ClassScreen:
    assert isinstance(app.screen, ClassScreen)
    return app.screen


async def test_space_steps_and_rewind_goes_back_exactly() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        s = screen_of(app)
        await pilot.press("space", "space", "space")
        await pilot.pause()
        assert s.learning.iteration == 3
        reference = ClassLearning()
        reference.run(2)
        await pilot.press("comma")
        await pilot.pause()
        assert s.learning.iteration == 2
        assert s.learning.training.model.param_values() == \
            reference.training.model.param_values()
        assert "rewound: 2 of 3" in pane_text(app, "#class-status")
        await pilot.press("full_stop")
        assert s.learning.iteration == 3
        await pilot.press("r")
        assert s.learning.iteration == 0


async def test_play_trains_and_pauses() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        s = screen_of(app)
        await pilot.press("p")
        await pilot.pause(0.3)
        await pilot.press("p")
        await pilot.pause()
        assert not s.playing
        assert s.learning.iteration > 0
        assert "paused" in pane_text(app, "#class-status")


async def test_o_and_d_change_the_optimizer_and_the_data_from_iteration_zero() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        s = screen_of(app)
        await pilot.press("space", "o")
        await pilot.pause()
        # the default optimizer is adam; the next in the engine's list follows it
        assert s.learning.config.optimizer == "adamw"
        assert s.learning.iteration == 0
        await pilot.press("d")
        await pilot.pause()
        assert s.learning.config.dataset == "spiral3"  # after yinyang in CLASS_DATASETS
        assert "train mlp" in s.command() and "--dataset spiral3" in s.command()
        assert "--optimizer adamw" in pane_text(app, "#class-command")


async def test_a_typed_setting_applies_and_a_bad_one_is_refused_and_kept() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        s = screen_of(app)
        pane = app.screen.query_one(ClassControls)
        pane.form_of(controls.TRAIN_STEP_SIZE).edit(controls.TRAIN_STEP_SIZE, "0.5")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert s.learning.config.step_size == 0.5
        pane.form_of(controls.TRAIN_STEP_SIZE).edit(controls.TRAIN_STEP_SIZE, "-1")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert s.learning.config.step_size == 0.5  # the last good value kept
        assert "step_size" in s.learning.errors
        assert "kept 0.5" in pane.error_of(controls.TRAIN_STEP_SIZE)
        # a choice row: right steps to the next optimizer (adam -> adamw), from iteration 0
        form = pane.form_of(controls.OPTIMIZER)
        form.focus()
        form.cursor = 0
        await pilot.press("right")
        await pilot.pause()
        assert s.learning.config.optimizer == "adamw"
        # momentum is momentum's: locked (drawn dim) for adamw
        row = pane.form_of(controls.MOMENTUM).row(controls.MOMENTUM)
        assert row is not None and row.locked


async def test_the_walk_through_softmax_writes_p_minus_y() -> None:
    app = Host()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        s = screen_of(app)
        await pilot.press("space", "space")
        await pilot.press("b")
        await pilot.pause()
        assert s.circuit_shown
        assert s.view is not None
        for _ in range(len(s.view.circuit.gates) - 1):
            await pilot.press("b")
        await pilot.pause()
        assert s.view.walk_complete
        point = s.learning.point
        p = softmax(s.learning.training.model.scorer()(point.x, point.y))
        text = pane_text(app, "#learn-circuit-walk")
        for k, pk in enumerate(p):
            y = 1.0 if k == point.label else 0.0
            line = next(t for t in text.splitlines() if t.startswith(f"dz{k} = "))
            written = float(line.rsplit("= ", 1)[1])
            assert abs(written - (pk - y)) < 1e-5, line


async def test_own_points_by_keys_and_the_nearest_removed() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        s = screen_of(app)
        before = len(s.learning.current_points())
        await pilot.press("2")  # first: the cursor appears
        await pilot.press("2")
        await pilot.pause()
        assert s.learning.points is not None
        assert len(s.learning.current_points()) == before + 1
        at = app.screen.query_one(ClassMap).cursor_point()
        assert at is not None
        added = [p for p in s.learning.current_points() if p[:2] == at]
        assert added and added[0][2] == 2
        await pilot.press("delete")
        await pilot.pause()
        assert len(s.learning.current_points()) == before


async def test_save_and_load_give_back_the_run(tmp_path: Path) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        s = screen_of(app)
        await pilot.press("space", "space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        app.screen.query_one(Input).value = str(tmp_path / "run.json")
        await pilot.press("enter")
        await pilot.pause()
        saved = json.loads((tmp_path / "run.json").read_text())
        assert saved["format"] == "nn101-classes" and saved["iteration"] == 2
        params = s.learning.training.model.param_values()
        await pilot.press("r", "ctrl+o")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "run.json")
        await pilot.press("enter")
        await pilot.pause()
        s = screen_of(app)
        assert s.learning.iteration == 2
        assert s.learning.training.model.param_values() == params


async def test_compare_shows_both_runs_final_numbers() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one(Input).value = "optimizer=sgd,adam"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ClassCompare)
        runs = app.screen.runs
        assert [r.settings.optimizer.name for r in runs] == ["sgd", "adam"]
        assert [r.iteration for r in runs] == [100, 100]
        table = pane_text(app, "#compare-table")
        for run in runs:
            assert f"{run.final.accuracy:.1%}" in table
        await pilot.press("escape")
        await pilot.pause()
        assert screen_of(app).learning.iteration == 0  # the run on screen untouched


async def test_a_lesson_question_hides_its_answer() -> None:
    learning = ClassLearning()
    learning.step_teaching = Teaching(asked=frozenset({"gradients", "accuracy"}))
    app = Host(learning)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        status = pane_text(app, "#class-status")
        assert "accuracy ?" in status and "%" not in status
        assert "p - y" not in pane_text(app, "#class-probs")
        assert "?" in pane_text(app, "#class-opt")
        assert app.screen.query_one("#class-curves").has_class("-asked")


async def test_picker_opens_it_and_leaving_keeps_the_run() -> None:
    app = PlaygroundApp("neuron", cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = app.query_one("#scenario-list", OptionList)
        listing.focus()
        listing.highlighted = listing.get_option_index("learn:mlp")
        await pilot.press("enter")
        await pilot.pause()
        s = screen_of(app)  # type: ignore[arg-type]
        await pilot.press("space", "space")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ClassScreen)
        app.open_classes()
        await pilot.pause()
        assert app.screen is s and s.learning.iteration == 2


async def test_load_of_a_classes_file_opens_its_screen(tmp_path: Path) -> None:
    learning = ClassLearning()
    learning.run(3)
    class_files.save(learning, tmp_path / "run.json")
    loaded = class_files.load(tmp_path / "run.json")
    app = PlaygroundApp(learning=loaded, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert screen_of(app).learning.iteration == 3  # type: ignore[arg-type]


async def test_a_lesson_step_opens_the_screen_and_its_answer_brings_the_gradients_back(
        tmp_path: Path) -> None:
    """A classes step asking the gradients: `?` in the probabilities until the answer (the
    sum of p - y over the classes, 0) is typed; the goal reads the run on screen."""
    from nn101.state import lesson as lessons
    from nn101.state.lesson import Progress

    steps = lessons.parse(
        "title='x'\n[[step]]\ntitle='sum'\nclasses={}\nasks='gradients'\n"
        "goal={answer=0, tolerance=1e-6}\nsolution=['answer 0']\n"
        "[[step]]\ntitle='train'\nclasses={}\ngoal={val_accuracy_above=0.9}\n"
        "solution=['train 400']")
    app = PlaygroundApp(lesson=steps, progress=Progress(path=tmp_path / "p.json"),
                        cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(app.screen, ClassScreen)
        assert "p - y" not in pane_text(app, "#class-probs")  # type: ignore[arg-type]
        app.screen.query_one("#lesson-answer").focus()
        await pilot.press("0", "enter", "f2")
        await pilot.pause()
        assert "goal met" in pane_text(app, "#lesson-feedback")  # type: ignore[arg-type]
        assert "p - y" in pane_text(app, "#class-probs")  # type: ignore[arg-type]
        await pilot.press("f4")
        for _ in range(4):
            await pilot.pause()
        s = screen_of(app)  # type: ignore[arg-type]
        assert app.lesson is not None
        s.learning.run(400)  # what playing would do, at once
        await pilot.press("f2")
        await pilot.pause()
        assert "goal met" in pane_text(app, "#lesson-feedback")  # type: ignore[arg-type]
