"""The whole tour, and a lesson file, taken in plain mode through a pipe.

What is typed comes from each lesson's own solutions (tests/plain/helpers.py), so the test
follows the tour as it is rewritten: every `check` must answer "goal met", the last `next`
must count every goal met, and the progress file must hold every step done.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from nn101.state import lesson
from tests.plain.helpers import ROOT, plain, solution_lines

EXAMPLE = ROOT / "examples" / "lessons" / "neuron-class.toml"


def _answers_to_checks(out: list[str], steps: int) -> list[str]:
    """The first line after each step's goal check: the lines that start a verdict."""
    verdicts = [line for line in out if line.startswith(("goal met", "not yet"))]
    assert len(verdicts) == steps, out
    return verdicts


@pytest.mark.parametrize("which", ["tour", "example"])
def test_a_whole_lesson_is_taken_through_a_pipe(which: str, tmp_path: Path) -> None:
    opened = lesson.tour() if which == "tour" else lesson.load(EXAMPLE)
    args = ("tour",) if which == "tour" else ("lesson", str(EXAMPLE))
    typed = solution_lines(opened)
    result = plain(*args, lines=typed, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout.splitlines()
    total = len(opened.steps)
    for verdict, step in zip(_answers_to_checks(out, total), opened.steps, strict=True):
        assert verdict.startswith("goal met"), (step.title, verdict)
    for step in opened.steps:  # every step was opened, announced by its number and title
        assert f"step {step.number} of {total}: {step.title}" in out
    assert out[-2] == (f"that was the last step: the lesson is over ({total} of {total} "
                       "goals met)")
    assert out[-1] == "end of input: bye"
    assert not [line for line in out if line.startswith(("unknown command", "set:", "step:",
                                                          "train:", "answer:"))]
    saved = json.loads((Path(os.environ["XDG_DATA_HOME"]) / "nn101-tui" / "lessons.json")
                       .read_text())
    key = "tour" if which == "tour" else str(EXAMPLE.resolve())
    assert saved["lessons"][key]["done"] == list(range(total))


LESSON = """
title = "Two steps"
[[step]]
title = "Push it up"
scenario = "single-gate"
lock = ["method"]
hide = ["tries"]
text = "Take a step of **random search**."
goal = { output_above = -5.99 }
hints = ["step takes one", "random search tries 100 nudges"]
solution = ["step"]
[[step]]
title = "Read on"
scenario = "neuron"
"""


def test_a_goal_not_reached_gives_one_more_hint_each_time_and_progress_resumes(
        tmp_path: Path) -> None:
    path = tmp_path / "two.toml"
    path.write_text(LESSON)
    out = plain("lesson", str(path), lines=["check", "check", "next", "quit"]
                ).stdout.splitlines()
    at = out.index("not yet: the output is -6")
    assert out[at:at + 5] == [
        "not yet: the output is -6", "hint: step takes one",
        "not yet: the output is -6", "hint: step takes one",
        "hint: random search tries 100 nudges"]
    assert "Take a step of random search." in out  # Markdown's emphasis dropped
    assert "step 2 of 2: Read on" in out
    again = plain("lesson", str(path), lines=["quit"]).stdout.splitlines()
    assert "step 2 of 2: Read on" in again  # resumed where it was left
    assert "step 1 of 2: Push it up" not in again


def test_locked_and_hidden_controls_are_refused_with_the_state_kept(tmp_path: Path) -> None:
    path = tmp_path / "two.toml"
    path.write_text(LESSON)
    out = plain("lesson", str(path), lines=["show", "set method analytic", "set tries 5",
                                            "show"]).stdout.splitlines()
    shown = out.index("step 1 of 2: Push it up; goal: make the output rise above -5.99")
    refused = out.index("set: method is locked in this step")
    assert out[refused + 1] == "set: tries is hidden in this step"
    assert out[shown:refused] == out[refused + 2:-1]  # the second show: nothing changed
    assert "settings: method random local search, tweak 0.01" in out  # tries not shown
