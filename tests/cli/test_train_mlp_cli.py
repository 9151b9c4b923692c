"""`nn101-tui train mlp`: the peer run from the CLI, --compare, own CSV, bad input exit 2."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from nn101.cli import EXIT_DIVERGED, EXIT_OK, EXIT_USAGE
from nn101.engine.learning.classify import eureka
from nn101.state import controls
from nn101.state.class_learning import ClassLearning
from nn101.state.class_runs import COMPARABLE, EUREKA
from tests.cli.helpers import cli
from tests.engine.test_peer_run import printed


def test_the_eureka_preset_prints_the_peers_losses(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "mlp", "--preset", "eureka", "--every", "1", "--json")
    assert result.code == EXIT_OK and result.err == ""
    data = result.json()
    assert (data["model"], data["preset"], data["dataset"], data["classes"]) == (
        "mlp", "eureka", "yinyang", 3)
    assert data["points"] == {"train": 80, "val": 10, "test": 10}
    assert data["optimizer"] == {"name": "adamw", "step_size": 0.1, "momentum": 0.9,
                                 "beta1": 0.9, "beta2": 0.95, "eps": 1e-8,
                                 "weight_decay": 1e-4}
    history = data["history"]
    assert [h["iteration"] for h in history] == list(range(101))
    train, val = printed()
    for step, theirs in train.items():  # their step k printed the loss after k - 1 updates
        assert f"{history[step - 1]['loss']:.6g}" == f"{theirs:.6g}"
    for step, theirs in val.items():
        assert f"{history[step - 1]['val_loss']:.6f}" == f"{theirs:.6f}"
    assert data["optimizer_state"]["t"] == 100
    assert set(data["optimizer_state"]["per_parameter"]["a1"]) == {"m", "v", "step"}
    assert len(data["params"]) == 8 * 3 + 3 * 9  # 8 hidden (a, b, c), 3 logits (8 w + d)


def test_compare_runs_both_values_from_the_same_start(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    result = cli(capsys, "train", "mlp", "--preset", "eureka", "--iterations", "20",
                 "--compare", "optimizer=adamw,sgd", "--json")
    assert result.code == EXIT_OK
    data = result.json()
    assert data["compare"] == {"setting": "optimizer", "values": ["adamw", "sgd"]}
    first, second = data["runs"]
    assert first["history"][0] == second["history"][0]  # same data, same weights
    assert first["history"][20]["loss"] == eureka().run(20).history[20].loss
    assert [row["optimizer"] for row in data["table"]] == ["adamw", "sgd"]
    assert data["table"][1]["loss"] == second["final"]["loss"]
    assert second["final"]["loss"] > first["final"]["loss"]  # sgd at 0.1 is slower here


def test_compare_table_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "mlp", "--dataset", "blobs3", "--points", "60",
                 "--iterations", "10", "--compare", "init=zeros,xavier")
    assert result.code == EXIT_OK
    assert "init changed" in result.out
    assert "zeros" in result.out and "xavier" in result.out


def test_own_points_with_class_labels(capsys: pytest.CaptureFixture[str], tmp_path: Path
                                      ) -> None:
    rows = ["x,y,label"] + [f"{i % 4 - 1.5},{(i // 4) % 3 - 1.0},{i % 4}" for i in range(40)]
    path = tmp_path / "four.csv"
    path.write_text("\n".join(rows) + "\n")
    data = cli(capsys, "train", "mlp", "--data", str(path), "--iterations", "5",
               "--json").json()
    assert (data["dataset"], data["classes"]) == ("own", 4)
    assert data["points"] == {"train": 32, "val": 4, "test": 4}


@pytest.mark.parametrize(("args", "says"), [
    (["mlp", "--compare", "optimizer=adam"], "expected SETTING=A,B"),
    (["mlp", "--compare", "colour=red,blue"], "unknown setting 'colour'"),
    (["mlp", "--compare", "step_size=0.1,-1"], "step size: must be greater than 0"),
    (["mlp", "--optimizer", "rmsprop"], "expected one of sgd, momentum, adam, adamw"),
    (["mlp", "--beta2", "1"], "must be between 0 and 0.999999"),
    (["mlp", "--dataset", "moons"], "has two classes"),
    (["svm", "--dataset", "yinyang"], "has three classes"),
    (["svm", "--optimizer", "adam"], "--optimizer applies to mlp only"),
    (["mlp", "--preset", "eureka", "--points", "40"], "drop --points"),
    (["mlp", "--preset", "eureka", "--seed", "1"], "drop --seed"),
    (["mlp", "--regularization", "0.5"], "use --weight-decay"),
    (["mlp", "--iterations", "1000000", "--batch", "0"], "over the limit"),
])
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], args: list[str],
                                         says: str) -> None:
    result = cli(capsys, "train", *args)
    assert result.code == EXIT_USAGE and result.out == ""
    assert result.err.count("\n") == 1 and says in result.err, result.err


def test_a_bad_class_label_in_a_file_names_its_line(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("0,0,0\n1,1,1\n2,2,9\n")
    result = cli(capsys, "train", "mlp", "--data", str(path))
    assert result.code == EXIT_USAGE
    assert "line 3: the label must be a class 0 to 7" in result.err


def test_a_huge_step_diverges_with_exit_3(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "mlp", "--dataset", "blobs3", "--points", "30",
                 "--optimizer", "sgd", "--step-size", "1e200", "--init", "large",
                 "--iterations", "5", "--json")
    assert result.code == EXIT_DIVERGED
    assert result.json()["status"] == "diverged"


@pytest.mark.parametrize("edits", [
    {},  # the preset as it is
    {"optimizer": "momentum", "step_size": "0.05"},  # the preset's data and stream, kept
    {"dataset": "spiral3", "batch": "16", "init": "xavier"},  # no preset any more
])
def test_the_same_run_line_repeats_the_screens_run_exactly(
        capsys: pytest.CaptureFixture[str], edits: dict[str, str]) -> None:
    learning = ClassLearning(EUREKA)
    for key, text in edits.items():
        assert learning.edit(COMPARABLE.get(key) or controls.CLASS_DATASET, text)
    learning.run(6)
    words = shlex.split(learning.command())
    assert words[:3] == ["nn101-tui", "train", "mlp"]
    data = cli(capsys, *words[1:], "--json").json()
    assert data["params"] == learning.training.model.param_values()
    assert data["preset"] == learning.config.preset
    assert data["history"][-1]["loss"] == learning.training.history[-1].loss
