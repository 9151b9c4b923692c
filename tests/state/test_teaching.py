"""What a lesson step asks, hides and locks (state/teaching.py, `asks` and `hide_panes` in a
lesson file), and the quiz's question, as the model's state."""

from __future__ import annotations

import pytest

from nn101.state import controls
from nn101.state.lesson import LessonError, StepState, parse
from nn101.state.playground import Playground
from nn101.state.teaching import NOTHING, QUIZ, Teaching

HEAD = 'title = "t"\n[[step]]\ntitle = "s"\nscenario = "neuron"\n'


def step(extra: str) -> StepState:
    return StepState(parse(HEAD + extra).steps[0])


def test_an_answer_step_asks_the_gradients_until_it_is_answered_right() -> None:
    state = step("goal = { answer = 0.315, tolerance = 0.001 }\n")
    assert state.teaching.asks("gradients")
    state.answer("0.2")  # wrong: still asked
    assert state.teaching.asks("gradients")
    state.answer("0.315")
    assert not state.teaching.asks("gradients") and state.teaching == NOTHING


def test_reveal_lifts_the_question_and_says_the_answer() -> None:
    state = step("goal = { answer = 0.315 }\nlock = [\"a\"]\n")
    assert state.reveal() == "the answer is 0.315 (revealed)"
    teaching = state.teaching
    assert not teaching.asked and teaching.locked == frozenset({controls.input_control("a")})


def test_asks_and_hide_panes_are_read_and_checked() -> None:
    state = step('asks = "accuracy"\nhide_panes = ["about", "check"]\n'
                 'goal = { output_above = 0.9 }\n')
    assert state.teaching.asked == frozenset({"accuracy"})
    assert state.teaching.hides("about") and state.teaching.hides("check")
    assert not step('asks = []\ngoal = { answer = 1 }\n').teaching.asked
    assert not step("goal = { output_above = 0.9 }\n").teaching.asked  # nothing to ask
    with pytest.raises(LessonError, match=r"field asks: unknown name 'output' \(names: "):
        step('asks = "output"\n')
    with pytest.raises(LessonError, match="field hide_panes: unknown name 'circuit'"):
        step('hide_panes = ["circuit"]\n')


def test_the_quiz_asks_the_gradients_while_a_question_is_open() -> None:
    pg = Playground(scenario="neuron")
    assert pg.teaching == NOTHING
    pg.step_teaching = Teaching(hidden=frozenset({controls.METHOD}))
    quiz = pg.start_quiz()
    assert pg.quiz is quiz and pg.teaching == pg.step_teaching | QUIZ
    while not quiz.finished:
        quiz.give_up()
    assert pg.teaching == pg.step_teaching  # over: the gradients are shown again
    pg.start_quiz()
    assert pg.end_quiz() is not None and pg.quiz is None and not pg.quiz_open
