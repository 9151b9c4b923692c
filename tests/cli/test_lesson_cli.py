"""`nn101-tui lesson FILE --check`, `tour` and `serve`'s refusals, as a teacher meets them."""

from __future__ import annotations

from pathlib import Path

import pytest

from nn101 import web
from nn101.engine.errors import InputError
from tests.cli.helpers import cli
from tests.state.test_lesson import BROKEN

ROOT = Path(__file__).parents[2]


def test_check_passes_on_the_tour_and_the_teachers_example(
        capsys: pytest.CaptureFixture[str]) -> None:
    for path in (ROOT / "src/nn101/state/tour.toml",
                 ROOT / "examples/lessons/neuron-class.toml"):
        result = cli(capsys, "lesson", str(path), "--check")
        assert result.code == 0 and result.err == ""
        assert "every goal is reached by its solution" in result.out


@pytest.mark.parametrize(("text", "message"), BROKEN[:8])
def test_check_refuses_a_broken_file_with_one_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text)
    result = cli(capsys, "lesson", str(path), "--check")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and message.removeprefix("my.toml: ") in result.err
    assert str(path) in result.err


def test_check_names_a_goal_its_solution_misses(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = tmp_path / "miss.toml"
    path.write_text("title='x'\n[[step]]\ntitle='up'\nscenario='neuron'\n"
                    "goal={output_above=0.95}\nsolution=['step']\n")
    result = cli(capsys, "lesson", str(path), "--check")
    assert result.code == 2
    assert "step 1 (up), field goal: not reached by the solution" in result.err


def test_a_missing_lesson_file_is_one_line(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    result = cli(capsys, "lesson", str(tmp_path / "nope.toml"), "--check")
    assert result.code == 2 and result.err.count("\n") == 1 and "nope.toml" in result.err


def test_serve_says_where_and_refuses_what_a_tab_cannot_open() -> None:
    assert "http://127.0.0.1:8000/ — this machine only" in web.where("127.0.0.1", 8000)
    assert "open to the network" in web.where("0.0.0.0", 8000)
    assert web.app_command(["tour"]).endswith("-m nn101.cli tour")
    assert web.app_command([]).startswith("exec ")
    for bad in (["train", "svm"], ["lesson", "x.toml", "--check"]):
        with pytest.raises(InputError, match="serve opens the app, the tour or a lesson"):
            web.app_command(bad)


def test_serve_refuses_a_bad_port(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "serve", "--port", "0")
    assert result.code == 2 and "--port must be between 1 and 65535" in result.err
