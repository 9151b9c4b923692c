"""Predict, then reveal: a scripted quiz through the neuron, and a quiz on every circuit."""

from __future__ import annotations

import pytest

from nn101.engine import SCENARIOS, parse
from nn101.engine.errors import InputError
from nn101.state.playground import Playground
from nn101.state.quiz import Quiz, Tolerance

DQ = 0.8807970779778823 * (1 - 0.8807970779778823)  # s(1 - s) at s = sig(1)


def test_a_neuron_playthrough_with_right_and_wrong_answers() -> None:
    pg = Playground("neuron")
    quiz = pg.start_quiz()
    assert quiz.given == "ds = 1"
    assert [(q.gate_name, q.input_name) for q in quiz.questions] == [
        ("sigmoid", "q"), ("add", "axpby"), ("add", "c"), ("add", "ax"), ("add", "by"),
        ("multiply", "b"), ("multiply", "y"), ("multiply", "a"), ("multiply", "x")]
    assert quiz.revealed() == {}

    first = quiz.answer("0.105")  # s(1-s) = 0.104994: within 0.001
    assert first.correct and first.revealed == pytest.approx(DQ)
    assert first.text.startswith("right: dq = (s * (1 - s)) × ds = 0.104994 × 1")

    wrong = quiz.answer("1")  # the + gate: 1 × dq, not 1
    assert not wrong.correct and wrong.revealed is None and wrong.hint is not None
    assert wrong.hint.local == 1.0 and wrong.hint.local_formula == "1.0"
    assert wrong.hint.upstream == pytest.approx(DQ) and wrong.hint.upstream_name == "dq"
    assert "the gradient from above, dq, is 0.104994" in wrong.text
    assert quiz.current is not None and quiz.current.input_name == "axpby"  # asked again
    assert quiz.answer(str(DQ)).correct

    given = quiz.give_up()  # dc
    assert given.revealed == pytest.approx(DQ) and "dc = 1.0 × dq" in given.text

    with pytest.raises(InputError):
        quiz.answer("abc")  # not a number: refused, not counted
    assert quiz.answer("0.105").correct  # dax
    assert quiz.answer("0.105").correct  # dby
    assert quiz.answer("0.315").correct  # db = y × dby = 3 × 0.105
    assert quiz.answer("0.21").correct   # dy = b × dby = 2 × 0.105

    sign = quiz.answer("0.105")  # da = x × dax = -1 × 0.105: the sign is wrong
    assert not sign.correct and sign.hint is not None
    assert sign.hint.local == -1.0 and sign.hint.local_formula == "x"
    assert "local gradient of a is x = -1" in sign.text
    assert quiz.answer("-0.105").correct
    assert quiz.answer("0.105").correct  # dx = a × dax
    assert quiz.finished and quiz.current is None
    score = quiz.score()
    assert (score.right_first_time, score.right, score.given_up, score.total,
            score.wrong_attempts) == (6, 8, 1, 9, 2)
    assert score.text == "6/9 right first time, 8/9 in the end, 1 given up, 2 wrong answers"
    assert quiz.attempts(7) == [0.105, -0.105]
    assert len(quiz.revealed()) == 9
    with pytest.raises(InputError):
        quiz.answer("1")


def test_the_tolerance_is_visible_and_means_what_it_says() -> None:
    t = Tolerance()
    assert t.describe() == "within 0.001 or 1% of the answer, whichever is larger"
    assert t.accepts(0.105, DQ) and not t.accepts(0.1, DQ)
    assert t.accepts(101.0, 100.0) and not t.accepts(101.5, 100.0)
    assert Tolerance(0.1, 0.0).accepts(0.5, 0.41)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_every_scenario_can_be_played_right_through(name: str) -> None:
    pg = Playground(name)
    quiz = pg.start_quiz()
    while quiz.current is not None:
        assert quiz.answer(repr(quiz.current.answer)).correct
    assert quiz.score().right_first_time == quiz.score().total > 0
    # the answers are backprop's: what each input's wires bring adds up to its gradient
    totals = dict.fromkeys(pg.circuit.inputs, 0.0)
    for q in quiz.questions:
        if q.input_name in totals:
            totals[q.input_name] += q.answer
    assert totals == pytest.approx(pg.gradients())


@pytest.mark.parametrize("text", ["x*x", "x*y + x", "log(x - 2) * exp(-x) @ x=5",
                                  "max(a, 2*b) - relu(c)/2"])
def test_typed_formulas_and_dx_work_too(text: str) -> None:
    pg = Playground(expression=text)
    pg.set_upstream("-2")
    quiz = pg.start_quiz()
    assert quiz.given.endswith("= -2")
    while quiz.current is not None:
        assert quiz.answer(repr(quiz.current.answer)).correct
    totals = dict.fromkeys(pg.circuit.inputs, 0.0)
    for q in quiz.questions:
        if q.input_name in totals:
            totals[q.input_name] += q.answer
    assert totals == pytest.approx(pg.gradients())


def test_constants_are_not_asked() -> None:
    quiz = Quiz(parse("2*x + 3"))
    assert [q.input_name for q in quiz.questions] == ["q1", "x"]
