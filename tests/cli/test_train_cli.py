"""`nn101-tui train`: the JSON contract, the guide's numbers, bad values exit 2 on one line."""

from __future__ import annotations

import pytest

from nn101.cli import EXIT_DIVERGED, EXIT_OK, EXIT_USAGE
from nn101.engine.learning import TrainSettings, make_dataset, train
from tests.cli.helpers import cli, shell

CONTRACT_KEYS = {"model", "dataset", "seed", "params", "history", "final"}


def test_svm_seed_0_json_is_the_guides_run(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "svm", "--seed", "0", "--json")
    assert result.code == EXIT_OK and result.err == ""
    data = result.json()
    assert set(data) >= CONTRACT_KEYS
    assert (data["model"], data["dataset"], data["seed"]) == ("svm", "guide", 0)
    assert list(data["params"]) == ["a", "b", "c"]
    # defaults are the guide's: 400 iterations, accuracy every 25, step 0.01, R = 1
    assert [h["iteration"] for h in data["history"]] == list(range(0, 401, 25))
    assert set(data["history"][0]) == {"iteration", "accuracy", "loss"}
    assert data["history"][0]["accuracy"] == pytest.approx(4 / 6)  # the start: 4 of 6
    # the start's loss by hand: mean hinge 4.8/6 = 0.8 plus (1 + 4)/2 = 2.5
    assert data["history"][0]["loss"] == pytest.approx(3.3)
    assert data["final"]["accuracy"] == pytest.approx(5 / 6)  # not the guide's 100%
    expected = train("svm", "guide", 400, TrainSettings(seed=0))
    assert data["params"] == expected.model.param_values()
    assert data["final"]["loss"] == expected.final.loss
    assert (data["step_size"], data["regularization"], data["status"]) == (0.01, 1.0, "ok")


def test_no_regularization_reaches_six_of_six(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "train", "svm", "--regularization", "0", "--json").json()
    assert data["final"]["accuracy"] == 1.0
    assert data["history"][0]["loss"] == pytest.approx(0.8)  # no regularization term


def test_net_on_moons_with_the_readme_settings(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "net", "--dataset", "moons", "--hidden", "10",
                 "--step-size", "0.03", "--regularization", "0.001", "--iterations", "3000",
                 "--every", "1000", "--json")
    data = result.json()
    assert [h["iteration"] for h in data["history"]] == [0, 1000, 2000, 3000]
    assert len(data["params"]) == 4 * 10 + 1  # a, b, c, w per neuron, and d
    assert data["final"]["accuracy"] >= 0.97
    assert (data["hidden"], data["points"]) == (10, 100)


def test_dataset_flags_reach_the_generator(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "train", "svm", "--dataset", "gauss", "--points", "40", "--noise",
               "0.2", "--data-seed", "4", "--iterations", "50", "--json").json()
    assert (data["points"], data["noise"], data["data_seed"]) == (40, 0.2, 4)
    expected = train("svm", make_dataset("gauss", 40, 0.2, 4), 50, TrainSettings())
    assert data["params"] == expected.model.param_values()


def test_last_history_row_is_the_final_iteration(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "train", "svm", "--iterations", "60", "--every", "25", "--json").json()
    assert [h["iteration"] for h in data["history"]] == [0, 25, 50, 60]
    assert data["final"]["loss"] == data["history"][-1]["loss"]


def test_divergence_prints_json_and_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "svm", "--step-size", "1000", "--json")
    assert result.code == EXIT_DIVERGED
    data = result.json()  # allow_nan=False: every number in it is finite
    assert data["status"] == "diverged"
    assert data["message"].startswith("diverged at iteration")
    assert data["iterations"] < 400


def test_table_output_names_the_model_and_the_result(capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    result = cli(capsys, "train", "svm")
    assert result.code == EXIT_OK
    assert "linear SVM on guide" in result.out
    assert "final: 5/6 correct" in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ["train"],
        ["train", "tree"],
        ["train", "svm", "--dataset", "iris"],
        ["train", "svm", "--iterations", "-1"],
        ["train", "svm", "--iterations", "1.5"],
        ["train", "svm", "--step-size", "0"],
        ["train", "svm", "--step-size", "nan"],
        ["train", "svm", "--regularization", "-1"],
        ["train", "svm", "--regularization", "inf"],
        ["train", "net", "--hidden", "0"],
        ["train", "net", "--hidden", "65"],
        ["train", "svm", "--every", "0"],
        ["train", "svm", "--seed", "x"],
        ["train", "svm", "--noise", "-0.5", "--dataset", "xor"],
        ["train", "svm", "--points", "1"],
        ["train", "svm", "--bogus"],
    ],
)
def test_bad_flags_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str]
                                        ) -> None:
    result = cli(capsys, *argv)
    assert result.code == EXIT_USAGE
    assert result.out == ""
    assert result.err.startswith("nn101-tui: error: ")
    assert result.err.count("\n") == 1


def test_installed_command_agrees_with_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    outside = shell("train", "svm", "--seed", "3", "--iterations", "100", "--json")
    inside = cli(capsys, "train", "svm", "--seed", "3", "--iterations", "100", "--json")
    assert outside.code == inside.code == EXIT_OK
    assert outside.json() == inside.json()


def test_activation_flag_and_the_last_steps_detail(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "net", "--dataset", "xor", "--activation", "tanh",
                 "--iterations", "30", "--json")
    assert result.code == EXIT_OK
    data = result.json()
    assert data["activation"] == "tanh"
    expected = train("net", "xor", 30, TrainSettings(every=25), 3, "tanh")
    assert data["params"] == expected.model.param_values()
    last = data["last_step"]
    assert expected.last is not None
    assert last["backprop"] == expected.last.score_gradient
    assert last["gradient"] == expected.last.gradient
    assert last["iteration"] == 30 and last["pull"] == expected.last.pull
    bad = cli(capsys, "train", "net", "--activation", "softmax")
    assert bad.code == EXIT_USAGE and "--activation" in bad.err
    assert cli(capsys, "train", "svm", "--iterations", "0", "--json").json()["last_step"] \
        is None
