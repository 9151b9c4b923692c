"""The learning screen's "same run" line: exact values, and it reproduces the run."""

from __future__ import annotations

import json
import shlex

import pytest

from nn101.cli import main
from nn101.engine.learning import Training, TrainSettings, make_dataset
from nn101.state.commands import exact, train_command

BASE = {"model": "svm", "dataset": "guide", "step_size": 0.01, "regularization": 1.0,
        "seed": 0, "hidden": 3}


def test_values_are_exact_not_rounded() -> None:
    config = {**BASE, "step_size": 0.0123456789, "regularization": 1e-05, "seed": -5}
    line = train_command(config, 7)
    assert "--step-size 0.0123456789" in line  # :g gave 0.0123457 before
    assert "--regularization 1e-05" in line and "--seed=-5" in line
    assert line.endswith("--iterations 7")
    assert exact(0.1 + 0.2) == "0.30000000000000004"
    assert exact(5e-324) == "5e-324" and exact(1.7976931348623157e308) == "1.7976931348623157e+308"


@pytest.mark.parametrize("config", [
    {**BASE, "step_size": 0.0123456789},
    {**BASE, "model": "net", "hidden": 5, "step_size": 0.030000000000000002,
     "regularization": 0.001, "seed": -12345678901},
    {**BASE, "dataset": "moons", "regularization": 0.1 + 0.2},
])
def test_the_command_reproduces_the_run(capsys: pytest.CaptureFixture[str],
                                        config: dict[str, object]) -> None:
    data = make_dataset(str(config["dataset"]))
    training = Training(str(config["model"]), data,
                        TrainSettings(float(config["step_size"]),  # type: ignore[arg-type]
                                      float(config["regularization"]),  # type: ignore[arg-type]
                                      int(config["seed"]), 25),  # type: ignore[call-overload]
                        int(config["hidden"]))  # type: ignore[call-overload]
    training.run(60)
    argv = shlex.split(train_command(config, training.iteration))
    assert argv[:2] == ["nn101-tui", "train"]
    capsys.readouterr()
    assert main([*argv[1:], "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["params"] == training.model.param_values()  # bit for bit
