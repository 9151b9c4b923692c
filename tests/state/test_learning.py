"""The learning screen's model (state/learning.py): settings through the controls, rewind,
parameters by hand, own points and CSV files, and the nn101-learning file format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nn101.engine.learning import train
from nn101.engine.learning.datasets import from_points
from nn101.engine.learning.training import TrainSettings
from nn101.state import controls
from nn101.state.files import FileError
from nn101.state.learning import (
    REWIND_FLOATS,
    Learning,
    from_json,
    parse_points,
    read_points,
)
from nn101.state.session import SessionError


def fresh(model: str, iterations: int, **config: object) -> Learning:
    learning = Learning(model, config)
    learning.run(iterations)
    return learning


@pytest.mark.parametrize("model", ["svm", "net"])
@pytest.mark.parametrize("k", [0, 1, 7, 255, 256, 257, 300])
def test_rewound_state_equals_a_fresh_run_stopped_there(model: str, k: int) -> None:
    learning = fresh(model, 400)
    assert learning.go_to(k) or k == 400
    stopped = fresh(model, k)
    t, s = learning.training, stopped.training
    assert t.iteration == s.iteration == k
    assert t.model.param_values() == s.model.param_values()  # bit for bit
    assert t.rng.getstate() == s.rng.getstate()
    assert t.last == s.last
    assert t.final == s.final


def test_forward_again_and_branch_on_step() -> None:
    learning = fresh("svm", 50)
    at_50 = learning.training.model.param_values()
    learning.back(20)
    assert learning.rewound and learning.iteration == 30
    learning.forward(20)
    assert not learning.rewound and learning.training.model.param_values() == at_50
    learning.go_to(10)
    learning.step()  # a new branch: iterations 11..50 are dropped
    assert learning.head == 11 and not learning.rewound
    assert "new branch" in learning.note
    assert learning.training.model.param_values() == fresh("svm", 11).training.model \
        .param_values()


def test_rewind_is_bounded_and_says_so() -> None:
    learning = Learning("svm")
    assert f"{REWIND_FLOATS // 3:,}" in learning.rewind_note()


def test_settings_are_read_by_the_controls_and_errors_kept() -> None:
    learning = Learning("svm")
    assert not learning.edit(controls.TRAIN_STEP_SIZE, "-1")
    assert "step size" in learning.errors["step_size"]
    assert "kept 0.01" in learning.errors["step_size"]
    assert learning.edit(controls.TRAIN_STEP_SIZE, "0.0123456789")
    assert "step_size" not in learning.errors
    assert learning.text("step_size") == "0.0123456789"  # exact, not :g
    assert "--step-size 0.0123456789" in learning.command()


def test_editing_a_parameter_changes_loss_and_training_continues() -> None:
    learning = fresh("svm", 10)
    before = learning.training.final.loss
    assert learning.set_param("a", "3")
    assert learning.training.model.params["a"].value == 3.0
    assert learning.training.final.loss != before
    assert learning.training.history[-1].iteration == 10
    learning.step()
    assert learning.iteration == 11
    # the step started from a = 3: a moved from 3 by step_size * gradient
    last = learning.training.last
    assert last is not None and last.params_before["a"] == 3.0
    assert "edited by hand" in learning.command()
    assert not learning.set_param("a", "nan")
    assert "a:" in learning.errors["param"]
    assert learning.nudge("b", 0.1)


def test_own_points_by_add_and_remove() -> None:
    learning = Learning("svm")
    assert learning.add_point(0.5, 0.5, -1)
    assert learning.config["dataset"] == "own" and len(learning.training.dataset) == 7
    index = learning.nearest_point(0.5, 0.5, 0.1)
    assert index == 6
    assert learning.remove_point(index)
    assert len(learning.training.dataset) == 6
    assert "--data FILE.csv" in learning.command()


def test_csv_points_and_bad_rows_name_their_line(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("x,y,label\n1.2,0.7,1\n# a comment\n\n-0.3,-0.5,-1\n")
    assert read_points(good) == [(1.2, 0.7, 1), (-0.3, -0.5, -1)]
    for text, where in [("1,2,1\n3,4\n", "line 2"), ("1,2,1\n1,2,1\nx,2,1\n", "line 3"),
                        ("x,y,label\n1,2,0\n", "line 2"), ("1,nan,1\n", "line 1")]:
        with pytest.raises(FileError, match=where):
            parse_points(text)
    learning = Learning("net")
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,1\n3,4,5\n")
    with pytest.raises(FileError, match="line 2"):
        learning.load_data(bad)
    assert learning.config["dataset"] == "guide"  # nothing loaded
    learning.load_data(good)
    assert len(learning.training.dataset) == 2


def test_save_and_load_give_the_same_state_and_continue_the_same(tmp_path: Path) -> None:
    learning = fresh("net", 123, seed=5, regularization=0.001)
    learning.add_point(0.1, 0.2, 1)
    learning.run(77)
    path = tmp_path / "run.json"
    learning.save(path)
    data = json.loads(path.read_text())
    assert data["format"] == "nn101-learning" and data["version"] == 1
    loaded = Learning.load(path)
    assert loaded.config == learning.config and loaded.points == learning.points
    assert loaded.training.model.param_values() == learning.training.model.param_values()
    assert loaded.training.history == learning.training.history
    learning.run(50)
    loaded.run(50)
    assert loaded.training.model.param_values() == learning.training.model.param_values()


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d.update(format="nn101-session"), "format"),
    (lambda d: d.update(version=2), "newer"),
    (lambda d: d["settings"].update(step_size=-1), "settings.step_size"),
    (lambda d: d["settings"].update(model="tree"), "settings.model"),
    (lambda d: d["params"].pop("a"), "params"),
    (lambda d: d["data"].append([1, 2, 0]), "data"),
    (lambda d: d.update(extra=1), "unknown key"),
    (lambda d: d["history"].append([0, 1, 6, 0.5, 0.0]), "history"),
])
def test_a_bad_file_is_refused_saying_where(change: object, where: str) -> None:
    data = json.loads(fresh("svm", 30).to_json())
    change(data)  # type: ignore[operator]
    with pytest.raises(SessionError, match=where):
        from_json(json.dumps(data))


def test_summary_matches_train_json_keys() -> None:
    learning = fresh("svm", 40)
    run = train("svm", "guide", 40, TrainSettings(every=1))
    summary = learning.summary()
    assert summary["params"] == run.model.param_values()
    assert summary["final"]["loss"] == run.final.loss
    assert from_points([(1.0, 2.0, 1)]).name == "custom"


def test_the_activation_is_a_setting_saved_compatibly(tmp_path: Path) -> None:
    from nn101.state import controls
    from nn101.state.commands import train_command

    learning = fresh("net", 20)
    assert learning.edit(controls.ACTIVATION, "tanh")
    assert learning.training.model.activation == "tanh"
    assert not learning.edit(controls.ACTIVATION, "softmax")
    assert "activation" in learning.errors["activation"]
    learning.run(30)
    data = json.loads(learning.to_json())
    assert data["version"] == 1 and data["settings"]["activation"] == "tanh"
    loaded = from_json(learning.to_json())
    assert loaded.config["activation"] == "tanh"
    assert loaded.training.model.param_values() == learning.training.model.param_values()
    assert "--activation tanh" in train_command(learning.config, 30)
    # a relu run is written as before (older readers load it), and an old file loads as relu
    relu = json.loads(fresh("net", 5).to_json())
    assert "activation" not in relu["settings"]
    assert from_json(json.dumps(relu)).config["activation"] == "relu"
    assert "--activation" not in fresh("net", 5).command()
