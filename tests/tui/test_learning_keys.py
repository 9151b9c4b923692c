"""The learning screen's new keys on its model: rewind, parameters by hand, own points,
CSV files, save / load / export, and `--load` of a learning file (issues 9 and 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from nn101.cli import main
from nn101.state.learning import Learning
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.learning import LearningScreen
from nn101.tui.screens.path_prompt import PathPrompt
from nn101.tui.widgets.decision_map import CURSOR, DecisionMap
from tests.tui.test_learning_screen import SIZE, Host, pane_text, screen_of


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def answer(pilot: Pilot[None], text: str) -> None:
    assert isinstance(pilot.app.screen, PathPrompt)
    await pilot.press("end", "ctrl+u", *list(text), "enter")
    await pilot.pause()


def fresh_at(k: int, model: str = "svm") -> Learning:
    learning = Learning(model)
    learning.run(k)
    return learning


async def test_rewind_keys_show_the_run_stopped_there_and_space_branches() -> None:
    app = Host("net")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(30)
        await pilot.press("comma", "comma", "less_than_sign")  # 30 -> 29 -> 28 -> 3
        assert screen.training.iteration == 3
        stopped = fresh_at(3, "net").training
        assert screen.training.model.param_values() == stopped.model.param_values()
        assert screen.training.last == stopped.last
        assert "rewound: 3 of 30" in str(screen.query_one("#learn-step").border_subtitle)
        assert "rewound to iteration 3 of 30" in pane_text(app, "#learn-step")
        await pilot.press("full_stop")
        assert screen.training.iteration == 4
        await pilot.press("space")  # a new branch from 4
        assert screen.learning.head == 5 and not screen.learning.rewound
        assert screen.training.model.param_values() == fresh_at(5, "net").training \
            .model.param_values()


async def test_a_parameter_nudged_and_typed_moves_the_map_and_the_loss() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        map_before = list(screen.query_one(DecisionMap)._strips)
        loss_before = screen.training.final.loss
        await pilot.press("w")  # a -> b
        assert screen.selected_name == "b"
        assert ">b" in pane_text(app, "#learn-params")
        await pilot.press("u")
        assert screen.training.model.params["b"].value == pytest.approx(-1.9)
        assert screen.training.final.loss != loss_before
        assert screen.query_one(DecisionMap)._strips != map_before
        await pilot.press("e")
        await answer(pilot, "0.5")
        assert screen.training.model.params["b"].value == 0.5
        await pilot.press("space")  # training continues from b = 0.5
        last = screen.training.last
        assert last is not None and last.params_before["b"] == 0.5
        assert "edited by hand" in pane_text(app, "#learn-command")


async def test_own_points_by_keys_and_a_click() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("right")  # the cursor appears at the map's centre
        decision_map = screen.query_one(DecisionMap)
        assert decision_map.cursor is not None
        assert any(CURSOR in seg.text for strip in decision_map._strips for seg in strip)
        await pilot.press("right", "right", "a")
        assert len(screen.training.dataset) == 7
        assert screen.config["dataset"] == "own"
        x, y, label = screen.learning.current_points()[-1]
        assert label == 1
        await pilot.press("z")
        assert screen.learning.current_points()[-1] == (x, y, -1)
        await pilot.press("delete")
        assert len(screen.training.dataset) == 7
        await pilot.click(DecisionMap, offset=(2, 2))
        assert decision_map.cursor == (2, 2)
        await pilot.press("a")
        assert len(screen.training.dataset) == 8
        assert "--data FILE.csv" in pane_text(app, "#learn-command")


async def test_points_from_csv_and_a_bad_file_refused_naming_its_line(in_tmp: Path) -> None:
    (in_tmp / "bad.csv").write_text("x,y,label\n1,2,1\n1,2,3\n")
    (in_tmp / "good.csv").write_text("1,1,1\n-1,-1,-1\n2,2,1\n")
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        await pilot.press("l")
        await answer(pilot, "bad.csv")
        prompt = app.screen
        assert isinstance(prompt, PathPrompt)  # refused: the dialog stays, nothing loaded
        assert "line 3" in str(prompt.query_one("#prompt-error").render())
        assert len(screen.training.dataset) == 6
        await pilot.press("end", "ctrl+u", *"good.csv", "enter")
        await pilot.pause()
        assert app.screen is screen and len(screen.training.dataset) == 3


async def test_save_load_and_export_on_the_screen(in_tmp: Path) -> None:
    app = Host("net")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(40)
        params = screen.training.model.param_values()
        await pilot.press("ctrl+s")
        await answer(pilot, "run.json")
        assert json.loads((in_tmp / "run.json").read_text())["format"] == "nn101-learning"
        await pilot.press("r")
        assert screen.training.iteration == 0
        await pilot.press("ctrl+o")
        await answer(pilot, "run.json")
        assert screen.training.iteration == 40
        assert screen.training.model.param_values() == params
        await pilot.press("x")
        await answer(pilot, "out")
        summary = json.loads((in_tmp / "out.json").read_text())
        assert summary["params"] == params and summary["iterations"] == 40
        assert (in_tmp / "out.csv").read_text().startswith("x,y,label\n")


async def test_the_app_opens_a_learning_file_on_the_learning_screen(in_tmp: Path) -> None:
    learning = fresh_at(12, "net")
    learning.save(in_tmp / "run.json")
    loaded = Learning.load(in_tmp / "run.json")
    app = PlaygroundApp(learning=loaded, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LearningScreen)
        assert app.screen.training.iteration == 12
        await pilot.press("escape")  # back to the circuits below it
        assert not isinstance(app.screen, LearningScreen)


def test_a_bad_learning_file_exits_2_naming_where(in_tmp: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(fresh_at(3).to_json())
    data["settings"]["step_size"] = 0
    (in_tmp / "bad.json").write_text(json.dumps(data))
    assert main(["--load", "bad.json"]) == 2
    assert "settings.step_size" in capsys.readouterr().err


def test_train_data_reads_points_and_refuses_a_bad_row(
        in_tmp: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (in_tmp / "p.csv").write_text("x,y,label\n1.2,0.7,1\n-0.3,-0.5,-1\n3.0,0.1,1\n")
    assert main(["train", "svm", "--data", "p.csv", "--iterations", "5", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["points"] == 3 and result["dataset"] == "own"
    (in_tmp / "bad.csv").write_text("1,2,1\n\n3,four,-1\n")
    assert main(["train", "svm", "--data", "bad.csv"]) == 2
    err = capsys.readouterr().err
    assert "bad.csv: line 3" in err and err.count("\n") == 1
