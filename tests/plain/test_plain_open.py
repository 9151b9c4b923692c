"""What `nn101-tui plain` opens, as the app opens it: a scenario, a formula, a saved
session or learning run; and its arguments refused with exit 2 and one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from nn101.plain.shell import Shell
from nn101.state.learning import Learning
from nn101.state.playground import Playground
from tests.cli.helpers import cli
from tests.plain.helpers import plain


def test_a_saved_session_opens_where_it_was_left(tmp_path: Path) -> None:
    pg = Playground("two-gates")
    pg.step(3)
    path = tmp_path / "run.json"
    pg.to_session().save(path)
    out = plain("--load", str(path), lines=[]).stdout.splitlines()
    assert f"iteration 3, output {pg.naming(pg.circuit.output)} = " \
           f"{pg.output:.6g}" in out


def test_a_learning_run_trains_and_its_settings_apply(tmp_path: Path) -> None:
    saved = Learning("svm")
    saved.run(10)
    path = tmp_path / "svm.json"
    saved.save(path)
    shell = Shell(learning=Learning.load(path))
    shown = shell.start()
    # The guide's SVM starts 4 of 6 right (a=1, b=-2, c=-1); ten iterations later:
    final = saved.training.final
    assert f"iteration 10: {final.correct} of 6 right ({final.accuracy:.0%}), loss " \
           f"{final.loss:.4g}" in shown
    assert shell.handle("set regularization 0")[0] == \
        "regularization = 0.0: back to iteration 0"
    assert shell.handle("set regularization -1")[0].startswith("set: regularization: ")
    twin = Learning("svm", {"regularization": 0.0})
    twin.run(300)
    assert shell.handle("train 300")[0].startswith(
        f"iteration 300: {twin.training.final.correct} of 6 right")
    assert shell.handle("step")[0] == "step: no circuit is open here (this is a learning run)"


def test_a_formula_and_its_start_values() -> None:
    out = plain("--expr", "log(x - 2) @ x=5", lines=[]).stdout.splitlines()
    # log(5 - 2) = log 3 = 1.09861; d/dx = 1/(x - 2) = 1/3
    assert "inputs: x = 5" in out
    assert "gradients: x 0.333333" in out
    assert any(line.startswith("log gate") and "value 1.09861" in line for line in out)


@pytest.mark.parametrize(("argv", "says"), [
    (["plain", "--scenario", "nowhere"], "unknown scenario"),
    (["plain", "--expr", "log("], "error"),
    (["plain", "--scenario", "neuron", "tour"], "give one of"),
    (["plain", "tour", "again"], "write plain tour, or plain lesson FILE"),
    (["plain", "lesson"], "write plain tour, or plain lesson FILE"),
    (["plain", "walk"], "expected tour or lesson FILE"),
    (["plain", "lesson", "/nonexistent/lesson.toml"], "lesson.toml"),
    (["plain", "--load", "/nonexistent/run.json"], "run.json"),
])
def test_bad_arguments_exit_2_with_one_line(capsys: pytest.CaptureFixture[str],
                                            argv: list[str], says: str) -> None:
    result = cli(capsys, *argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("nn101-tui: error: ")
    assert says in result.err


def test_an_input_named_like_a_setting_is_reached_as_input_colon_name() -> None:
    shell = Shell(Playground(expression="h * x"))
    assert shell.handle("set h 1e-3")[0] == "h = 0.001"  # the setting, as a lesson reads it
    assert shell.playground is not None
    assert shell.playground.settings.h == 1e-3
    assert shell.playground.inputs() == {"h": 1.0, "x": 1.0}
    assert shell.handle("set input:h 7")[:2] == ["h = 7: the run starts again from here",
                                                 "iteration 0, output f = 7"]  # 7 * 1
    assert shell.playground.settings.h == 1e-3
