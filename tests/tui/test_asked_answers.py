"""While a question is open, no pane shows its answer.

The quiz and a lesson step ask through the same record (state/teaching.py), on the model
the screen shows, and every pane reads it: the tree or drawing, gates table, equations,
walk, sums, gradient check and About text on the circuit screen; the parameters, the
model's circuit, the step pane and the curves on the learning screen. The oracle is the
screen's text as the terminal shows it (every pane at once), checked for the gradients'
digits, and checked again once the answer is given or revealed (so the check can fail).
"""

from __future__ import annotations

from pathlib import Path

from nn101.state.lesson import Progress, load
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.circuit import CircuitScreen
from nn101.tui.screens.learning import LearningScreen
from tests.tui.helpers import screen_text

WIDE = (160, 50)
NEURON_GRADIENTS = ("0.10499", "0.105", "0.31498", "0.315", "0.20999")
"""The neuron's gradients at a=1, b=2, c=-3, x=-1, y=3 (the seed: a -0.105, b 0.315,
c 0.105, x 0.105, y 0.21) as the panes write them (5 decimals, or 3 significant digits);
none of its values (1, 2, -3, -1, 3, -1, 6, 5, 2, 0.8808) has these digits."""


def shown_gradients(text: str) -> list[str]:
    return [g for g in NEURON_GRADIENTS if g in text]


async def _every_pane(pilot: object, screen: CircuitScreen) -> None:
    """The equations in place of the gates table, and a gradient check made (they are the
    panes that write gradients besides the circuit)."""
    screen.action_check()
    await screen.action_toggle_equations()
    await pilot.pause()  # type: ignore[attr-defined]


async def test_the_quiz_hides_every_gradient_until_it_is_over() -> None:
    app = PlaygroundApp(scenario="neuron", cursor_blink=False)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.circuit
        await _every_pane(pilot, screen)
        assert shown_gradients(screen_text(app))  # the oracle sees them when not asked
        await pilot.press("k")
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "QUIZ" in text and shown_gradients(text) == [], text
        quiz = screen.pg.quiz
        assert quiz is not None
        while not quiz.finished:  # every answer revealed, one by one
            await pilot.press("ctrl+g")
        await pilot.pause()
        assert shown_gradients(screen_text(app))


LESSON = '''
title = "By hand"

[[step]]
title = "The gradient on b"
scenario = "neuron"
text = "What is the gradient on b?"
goal = { answer = 0.315, tolerance = 0.001 }

[[step]]
title = "The SVM's pulls"
learning = { model = "svm" }
asks = ["gradients", "accuracy"]
text = "After a few steps: what pulls on a?"
goal = { answer = 1, tolerance = 0.5 }
'''


def lesson_file(tmp_path: Path) -> Path:
    path = tmp_path / "by-hand.toml"
    path.write_text(LESSON)
    return path


async def test_a_lesson_question_hides_the_gradients_until_revealed(tmp_path: Path) -> None:
    lesson = load(lesson_file(tmp_path))
    app = PlaygroundApp(lesson=lesson, progress=Progress.load(), cursor_blink=False)
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(3):
            await pilot.pause()
        screen = app.circuit
        assert screen.lesson_shown and screen.asks
        await _every_pane(pilot, screen)
        app.set_focus(None)
        await pilot.press("b", "b")  # the walk's chain rule would write them too
        await pilot.pause()
        text = screen_text(app)
        assert "What is the gradient on b?" in text
        assert shown_gradients(text) == [], text
        about = str(screen.query_one("#explanation").content)  # hidden at this width
        assert "explanation returns once the question is answered" in about, about
        await pilot.press("ctrl+g")  # reveal
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "the answer is 0.315 (revealed)" in text
        assert not screen.asks and shown_gradients(text)


async def test_a_learning_step_hides_the_pulls_and_the_accuracy(tmp_path: Path) -> None:
    lesson = load(lesson_file(tmp_path))
    progress = Progress.load()
    progress.record(lesson, 1, set())
    app = PlaygroundApp(lesson=lesson, progress=progress, cursor_blink=False)
    async with app.run_test(size=WIDE) as pilot:
        for _ in range(4):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearningScreen) and screen.asks
        screen.train(5)
        await pilot.pause(0.1)
        t = screen.training
        assert t.last is not None
        gradients = [f"{g:.5f}" for g in t.last.gradient.values() if abs(g) > 1e-9]
        text = screen_text(app)
        assert gradients and not [g for g in gradients if g in text], text
        assert "accuracy ?/6" in text and "%)" not in text
        await pilot.press("c")  # the model's circuit at the picked point
        await pilot.pause(0.1)
        text = screen_text(app)
        assert not [g for g in gradients if g in text], text
        await pilot.press("ctrl+g")
        await pilot.pause(0.1)
        await pilot.press("c")
        await pilot.pause(0.1)
        text = screen_text(app)
        assert [g for g in gradients if g in text] and "accuracy 4/6" in text.replace(
            "5/6", "4/6")
