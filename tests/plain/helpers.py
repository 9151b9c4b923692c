"""Driving `nn101-tui plain` as a script would: lines on its standard input, its answers
read back; and a lesson's own solutions turned into the lines a learner would type."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nn101.state.lesson import Lesson, StepState

ROOT = Path(__file__).parents[2]


def plain(*args: str, lines: list[str], cwd: Path | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m nn101 plain ARGS` with `lines` piped in (each ended by a newline)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "nn101", "plain", *args],
                          input="".join(line + "\n" for line in lines), text=True,
                          capture_output=True, env=env, cwd=cwd, timeout=timeout,
                          check=False)


def solution_lines(lesson: Lesson) -> list[str]:
    """What a learner types to take `lesson` in plain mode, from each step's own solution
    (as `lesson --check` replays them): `step N`, `set NAME VALUE`, `train N`, `answer V`,
    `reset`; a `quiz` becomes the quiz's answers, computed on a copy of the step played
    the same way up to there. Then `check` and `next`, step after step."""
    typed: list[str] = []
    for step in lesson.steps:
        state = StepState(step)
        for command in step.solution:
            if command.verb == "quiz":
                quiz = state.quiz or state.start_quiz()
                typed.append("quiz")
                while quiz.current is not None:
                    answer = repr(quiz.current.answer)
                    typed.append(answer)
                    quiz.answer(answer)
                continue
            state.do(command)
            typed.append({"step": f"step {command.count}", "train": f"train {command.count}",
                          "set": f"set {command.name} {command.text}",
                          "answer": f"answer {command.text}",
                          "reset": "reset", "backward": "backward",
                          "walk": f"walk {command.count or step_gates(state)}"
                          if command.verb == "walk" else "",
                          }[command.verb])
        typed += ["check", "next"]
    return typed


def step_gates(state: StepState) -> int:
    """The gates of the step's circuit (a `walk` with no count walks all of them)."""
    assert state.playground is not None
    return len(state.playground.circuit.gates)
