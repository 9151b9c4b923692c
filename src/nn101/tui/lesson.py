"""A lesson in the app: opens each step on the screen it names, in that screen's lesson column.

The driver holds the lesson (state/lesson.py) and the opened step (`StepState`). It touches
no widget: it hands each screen its model and what the step asks, hides and locks (the
model's `step_teaching`, state/teaching.py), and the step's `StepView` for the lesson
column (`ModelScreen.show_lesson`); the screens' panes read both when they are shown. A
circuit step hands its playground to the circuit screen (kept there under "lesson:N", so
the picker can wander off and come back); a learning step pushes a learning screen with
the step's settings. The goal is checked on the model the screen shows. Progress (the step
and the goals met) is written to the user's data folder on every move and every goal met.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nn101.engine.errors import EngineError
from nn101.state.lesson import Command, Lesson, Progress, StepState, step_view
from nn101.state.teaching import NOTHING

if TYPE_CHECKING:
    from nn101.tui.app import PlaygroundApp
    from nn101.tui.screens.base import ModelScreen
    from nn101.tui.screens.classes import ClassScreen
    from nn101.tui.screens.learning import LearningScreen

LESSON_KEY = "lesson:"


class LessonDriver:
    """Walks a lesson's steps in the app (see the module's docstring)."""

    def __init__(self, app: PlaygroundApp, lesson: Lesson, progress: Progress) -> None:
        self.app = app
        self.lesson = lesson
        self.progress = progress
        self.index = progress.position(lesson)
        self.done: set[int] = progress.done(lesson)
        self.state = StepState(lesson.steps[self.index])
        self.feedback = progress.problem
        """What the column says under the goal: at first, a progress file that could not
        be read (it is kept as it is, never overwritten)."""
        self.learning: LearningScreen | ClassScreen | None = None

    # --- moving -------------------------------------------------------------------------

    @property
    def screen(self) -> ModelScreen:
        """The screen the step is on."""
        return self.learning if self.learning is not None else self.app.circuit

    async def open(self, index: int | None = None) -> None:
        """Open step `index` (the current one if None) on its screen."""
        if index is not None and index != self.index:
            self.index = max(0, min(index, len(self.lesson.steps) - 1))
            self.state = StepState(self.lesson.steps[self.index])
            self.feedback = ""
        step = self.state.step
        await self._leave_learning()
        if self.state.playground is not None:
            self.state.playground.step_teaching = self.state.teaching
            self.app.circuit.open_session(f"{LESSON_KEY}{self.index}", self.state.playground)
            await self.app.circuit.show_views(step.shows)
        elif self.state.classes is not None:  # chapter 3: the step's own run on its screen
            from nn101.tui.screens.classes import ClassScreen

            self.app.circuit.stop()
            self.state.classes.step_teaching = self.state.teaching
            self.learning = ClassScreen(learning=self.state.classes,
                                        cursor_blink=self.app.cursor_blink)
            await self.app.push_screen(self.learning)
        else:
            from nn101.state.learning import Learning
            from nn101.tui.screens.learning import LearningScreen

            self.app.circuit.stop()
            learning = Learning(step.learning["model"], config=dict(step.learning))
            learning.step_teaching = self.state.teaching
            screen = LearningScreen(learning=learning, cursor_blink=self.app.cursor_blink)
            self.state.training = learning.training  # the goal checks the run on screen
            self.learning = screen
            await self.app.push_screen(screen)
        self.progress.record(self.lesson, self.index, self.done)
        await self.show()
        if step.goal.kind == "answer":
            self.screen.focus_lesson_answer()  # typing the answer is the step's point

    async def _leave_learning(self) -> None:
        if self.learning is not None:
            screen, self.learning = self.learning, None
            screen.stop()
            if self.app.screen is screen:
                await self.app.pop_screen()

    async def next(self) -> None:
        if self.index + 1 >= len(self.lesson.steps):
            self.feedback = "that was the last step: the lesson is over" + (
                "" if len(self.done) == len(self.lesson.steps) else
                f" ({len(self.done)} of {len(self.lesson.steps)} goals met; F3 goes back)")
            await self.show()
            return
        await self.open(self.index + 1)

    async def previous(self) -> None:
        if self.index == 0:
            self.feedback = "this is the first step"
            await self.show()
            return
        await self.open(self.index - 1)

    async def close(self) -> None:
        """End the lesson: its column goes, nothing stays asked, hidden or locked."""
        await self._leave_learning()
        if self.state.playground is not None:
            self.state.playground.step_teaching = NOTHING
        await self.app.circuit.show_lesson(None)

    # --- the goal -----------------------------------------------------------------------

    def _sync(self) -> None:
        """Check what the learner sees: the learning screen rebuilds its run on a change."""
        from nn101.tui.screens.learning import LearningScreen

        if isinstance(self.learning, LearningScreen):
            self.state.training = self.learning.training
        elif self.learning is not None:  # the 3-class screen (a loaded run replaces it)
            self.state.classes = self.learning.learning

    async def check(self) -> bool:
        self._sync()
        verdict = self.state.check()
        if verdict.met:
            self.done.add(self.index)
            self.progress.record(self.lesson, self.index, self.done)
            more = " — F4 for the next step" if self.index + 1 < len(self.lesson.steps) \
                else " — that was the last step"
            self.feedback = verdict.text + more
        else:
            self.feedback = verdict.text
        await self.show()
        return verdict.met

    async def answer(self, text: str) -> None:
        try:
            self.feedback = self.state.answer(text)
        except EngineError as err:
            self.feedback = f"{err}: type a number"
        await self.show()

    async def reveal(self) -> None:
        self.feedback = self.state.reveal()
        await self.show()

    async def perform(self, command: Command) -> None:
        """Play one solution command on the screen the learner sees (tests, demos)."""
        from nn101.tui.screens.learning import LearningScreen

        if self.learning is not None and not isinstance(self.learning, LearningScreen):
            self._sync()
            self.state.do(command)  # the 3-class screen shows the state's own run
            self.learning.refresh_panes()
        elif command.verb == "train" and self.learning is not None:
            self.learning.train(command.count)
        elif command.verb == "set" and self.learning is not None:
            control = {c.key: c for c in self.state.controls()}[command.name]
            self.learning.apply({command.name: control.read(command.text)})
        else:
            self.state.do(command)
        self._sync()
        await self.show()

    # --- showing ------------------------------------------------------------------------

    async def show(self) -> None:
        """The step's state to its screen: what it asks, hides and locks, and its view."""
        teaching = self.state.teaching
        if self.state.playground is not None:
            self.state.playground.step_teaching = teaching
        if self.learning is not None:
            self.learning.learning.step_teaching = teaching
        await self.screen.show_lesson(step_view(self.lesson, self.index, self.done,
                                                self.state, self.feedback))
