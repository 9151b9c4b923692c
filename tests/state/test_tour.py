"""The tour (issue 21): built on what teaches, every step checked headless, restartable.

The new goal kinds (walked, accumulated) and the engine's backward without reset are
tested on their own numbers; the tour itself is checked as `lesson --check` does.
"""

from __future__ import annotations

import pytest

from nn101 import cli
from nn101.engine import SCENARIOS
from nn101.state import lesson
from nn101.state.lesson import Progress, StepState, tour
from nn101.state.playground import Playground


def test_every_step_of_the_tour_passes_the_check() -> None:
    assert lesson.check(tour()) == []


def test_the_tour_shows_what_teaches() -> None:
    steps = tour().steps
    kinds = [s.goal.kind for s in steps]
    assert "walked" in kinds and "accumulated" in kinds and "quiz" in kinds
    assert any("equations" in s.shows for s in steps)
    assert any("drawing" in s.shows for s in steps)
    assert any(s.opens == "formula" and "x*y + x" in s.target for s in steps)  # reused x
    assert any("s(1 - s)" in s.title for s in steps)
    last = steps[-1]
    assert last.goal.kind == "none" and "learned" in last.title
    assert "--restart" in last.text


def test_the_tours_answers_are_the_engines() -> None:
    """Each answer goal equals what the engine computes at the step's start point."""
    by_title = {s.title: s for s in tour().steps}
    neuron = Playground("neuron")
    grads = neuron.gradients()
    assert grads is not None
    s = neuron.circuit.output.value
    assert by_title["The sigmoid's slope, s(1 - s)"].goal.value == pytest.approx(s * (1 - s),
                                                                               abs=1e-6)
    assert by_title["The neuron's equations"].goal.value == pytest.approx(grads["a"], abs=1e-6)
    reused = Playground(expression="x*y + x @ x=3, y=-2")
    assert by_title["A variable used twice: +="].goal.value == reused.gradients()["x"]  # type: ignore[index]
    square = Playground("square").gradients()
    assert by_title["Exercise: a square of a sum"].goal.value == square["a"]  # type: ignore[index]


def test_walked_is_met_only_after_the_last_gate() -> None:
    step = next(s for s in tour().steps if s.goal.kind == "walked")
    state = StepState(step)
    assert state.playground is not None
    assert not state.met() and "not started" in state.where()
    gates = len(state.playground.circuit.gates)
    for _ in range(gates - 1):
        state.playground.walk_step()
        assert not state.met()
    assert f"{gates - 1} of {gates} gates walked" in state.where()
    state.playground.walk_step()
    assert state.met()


def test_backward_without_reset_doubles_then_triples_the_inputs_gradients() -> None:
    circuit = SCENARIOS["single-gate"].circuit()
    once = circuit.backward()
    assert once == {"x": 3.0, "y": -2.0}  # df/dx = y, df/dy = x
    assert circuit.backward(accumulate=True) == {"x": 6.0, "y": -4.0}
    assert circuit.backward(accumulate=True) == {"x": 9.0, "y": -6.0}
    assert circuit.backward() == once  # reset: the right answer again
    # the gate outputs are not accumulated: only the inputs add up (a reused x sums its
    # wires each time, then doubles as a whole)
    reused = Playground(expression="x*y + x @ x=3, y=-2")
    reused.backward_without_reset()
    assert reused.gradients() == {"x": -2.0, "y": 6.0}  # 2 × (-1, 3)
    assert reused.unreset_passes == 1
    reused.step()
    assert reused.unreset_passes == 0


def test_accumulated_goal() -> None:
    step = next(s for s in tour().steps if s.goal.kind == "accumulated")
    state = StepState(step)
    assert not state.met()
    state.do(lesson.Command("backward"))
    assert state.met()


def test_new_goals_and_views_are_validated() -> None:
    base = 'title = "t"\n[[step]]\ntitle = "s"\nscenario = "single-gate"\n'
    with pytest.raises(lesson.LessonError, match="walked: must be true"):
        lesson.parse(base + "goal = { walked = 1 }\n")
    with pytest.raises(lesson.LessonError,
                       match="field show: unknown name 'plot' \\(names: equations"):
        lesson.parse(base + 'show = ["plot"]\n')
    with pytest.raises(lesson.LessonError, match="walk does not apply to a learning step"):
        lesson.parse('title = "t"\n[[step]]\ntitle = "s"\nlearning = {}\n'
                     'goal = { accuracy = 1 }\nsolution = ["walk"]\n')


def test_tour_restart_forgets_the_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    opened = tour()
    Progress.load().record(opened, 5, {0, 1, 2})
    assert Progress.load().position(opened) == 5
    seen: list[int] = []
    monkeypatch.setattr(cli, "_open_lesson", lambda o: seen.append(Progress.load().position(o))
                        or 0)
    assert cli.main(["tour"]) == 0 and seen == [5]  # resumed
    assert cli.main(["tour", "--restart"]) == 0 and seen == [5, 0]  # started over
    assert Progress.load().done(opened) == set()


def test_giving_up_in_a_lesson_quiz_reveals_without_a_point() -> None:
    step = next(s for s in tour().steps if s.goal.kind == "quiz")
    state = StepState(step)
    assert state.quiz is not None
    first = state.quiz.questions[0]
    said = state.give_up()
    assert said.startswith(f"the answer: {first.term.text}") and "next: " in said
    while state.quiz.current is not None:
        state.answer(repr(state.quiz.current.answer))
    score = state.quiz.score()
    assert (score.given_up, score.right) == (1, score.total - 1)
    assert not state.met()  # a revealed answer is not a predicted one
    assert state.give_up() == ""  # over: nothing to reveal
