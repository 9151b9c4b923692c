"""The built-in tour, end to end in the app, driven by its own scripted solutions.

Keys a learner presses are pressed (space to step, answers typed in the lesson box or the
quiz's box by the circuit, F2 to check, F4 for the next step); settings and long training
runs go through the screen the learner sees (the same calls its fields and play key make).
"""

from __future__ import annotations

import pytest

from nn101.state import controls
from nn101.state.lesson import Progress, tour
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.learning import LearningScreen
from nn101.tui.widgets.control_form import ControlForm
from nn101.tui.widgets.lesson_pane import LessonPane
from tests.tui.helpers import form_row, open_field, pane_text

SIZE = (150, 44)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_tour_runs_end_to_end_on_its_own_solutions(size: tuple[int, int]) -> None:
    lesson = tour()
    app = PlaygroundApp(lesson=lesson, cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        driver = app.lesson
        assert driver is not None
        for index, step in enumerate(lesson.steps):
            for _ in range(4):  # a pushed screen, then its pane mounted after a refresh
                await pilot.pause()
            assert driver.index == index
            assert app.screen.query(LessonPane), step.name
            head = pane_text(app.screen, "#lesson-head")
            assert f"step {index + 1} of {len(lesson.steps)}" in head
            on_learning = isinstance(app.screen, LearningScreen)
            assert on_learning == (step.opens == "learning"), step.name
            if step.goal.kind != "none":  # the closing summary: nothing to do
                await pilot.press("f2")  # not met yet: a hint
                assert "not yet" in pane_text(app.screen, "#lesson-feedback"), step.name
            for command in step.solution:
                if command.verb == "step":
                    app.set_focus(None)
                    await pilot.press(*["space"] * command.count)
                elif command.verb == "walk":  # b, gate by gate (0: the whole walk)
                    app.set_focus(None)
                    gates = len(app.circuit.pg.circuit.gates)
                    await pilot.press(*["b"] * (command.count or gates))
                elif command.verb == "backward":  # a: once more, without a reset
                    app.set_focus(None)
                    await pilot.press("a")
                elif command.verb == "answer":
                    await _type(pilot, command.text)
                elif command.verb == "quiz":
                    quiz = driver.state.quiz
                    assert quiz is not None
                    while quiz.current is not None:
                        await _type(pilot, repr(quiz.current.answer), "#quiz-answer")
                else:
                    await driver.perform(command)
                await pilot.pause()
            await pilot.press("f2")
            assert "goal met" in pane_text(app.screen, "#lesson-feedback"), (
                step.name, pane_text(app.screen, "#lesson-feedback"))
            await pilot.press("f4")
        assert driver.done == set(range(len(lesson.steps)))
        assert "last step" in pane_text(app.screen, "#lesson-feedback")
    saved = Progress.load()
    assert saved.done(lesson) == set(range(len(lesson.steps)))


async def _type(pilot: object, text: str, box: str = "#lesson-answer") -> None:
    app = pilot.app  # type: ignore[attr-defined]
    app.screen.query_one(box).focus()
    await pilot.press(*text, "enter")  # type: ignore[attr-defined]


async def test_hidden_and_locked_controls_and_resuming_where_the_user_left() -> None:
    lesson = tour()
    progress = Progress.load()
    progress.record(lesson, 1, {0})  # step 2: tries and tweak hidden
    app = PlaygroundApp(lesson=lesson, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.lesson is not None and app.lesson.index == 1
        assert form_row(app, controls.TRIES).hidden and form_row(app, controls.TWEAK).hidden
        assert form_row(app, controls.H).hidden  # random search still: h does not apply
        assert app.screen.query_one(ControlForm).row_region(controls.TRIES).area == 0
        app.set_focus(None)
        await pilot.press("m")  # the numerical gradient: h shows, tries stay hidden
        assert not form_row(app, controls.H).hidden and form_row(app, controls.TRIES).hidden
        await pilot.press(*["f4"] * 7)  # step 9: the neuron, inputs locked
        await pilot.pause()
        await pilot.pause()
        assert lesson.steps[app.lesson.index].locked  # the step the test means
        assert all(form_row(app, controls.input_control(n)).locked for n in "abcxy")
        assert not form_row(app, controls.STEP_SIZE).locked
        assert open_field(app, controls.STEP_SIZE) is not None  # editable, unlike a locked row
        assert app.screen.query_one(ControlForm).edit(controls.input_control("x")) is None
        await pilot.press(*["f3"] * 8)  # step 1: method locked, m is off
        await pilot.pause()
        await pilot.pause()
        assert controls.METHOD in app.circuit.teaching.locked
        before = app.circuit.pg.settings.method
        app.set_focus(None)
        await pilot.press("m")
        assert app.circuit.pg.settings.method == before
    assert Progress.load().position(lesson) == 0


async def test_the_picker_opens_the_guided_tour() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        assert app.lesson is None
        app.circuit.picker_actions["lesson:tour"]()
        await pilot.pause()
        await pilot.pause()
        assert app.lesson is not None
        assert "step 1 of" in pane_text(app.screen, "#lesson-head")
