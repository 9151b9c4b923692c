"""A lesson in the app: opens each step on the screen it names, with the lesson's pane.

The driver holds the lesson (state/lesson.py) and the opened step (`StepState`); the
screens stay what they are. A circuit step hands its playground to the circuit screen (it
is kept there under "lesson:N", so the picker can wander off and come back); a learning
step pushes the learning screen with the step's settings. On either, the lesson pane is
docked to the right, and hidden or locked controls are applied to the screen's fields by
their control. The goal is checked on the model the screen shows. Progress (the step and
the goals met) is written to the user's data folder on every move and every goal met.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nn101.engine.errors import EngineError
from nn101.state.lesson import Command, Lesson, Progress, StepState
from nn101.tui.widgets.lesson_pane import LessonPane

if TYPE_CHECKING:
    from nn101.tui.app import PlaygroundApp
    from nn101.tui.screens.learning import LearningScreen

LESSON_KEY = "lesson:"
APPLY_TRIES = 20
"""Refreshes to wait for a new circuit's fields to be composed before hiding some."""


class LessonDriver:
    """Walks a lesson's steps in the app (see the module's docstring)."""

    def __init__(self, app: PlaygroundApp, lesson: Lesson, progress: Progress) -> None:
        self.app = app
        self.lesson = lesson
        self.progress = progress
        self.index = progress.position(lesson)
        self.done: set[int] = progress.done(lesson)
        self.state = StepState(lesson.steps[self.index])
        self.feedback = ""
        self.learning: LearningScreen | None = None

    # --- moving -------------------------------------------------------------------------

    def open(self, index: int | None = None) -> None:
        """Open step `index` (the current one if None) on its screen."""
        if index is not None and index != self.index:
            self.index = max(0, min(index, len(self.lesson.steps) - 1))
            self.state = StepState(self.lesson.steps[self.index])
            self.feedback = ""
        step = self.state.step
        self._leave_learning()
        if self.state.playground is not None:
            circuit = self.app.circuit
            circuit.open_session(f"{LESSON_KEY}{self.index}", self.state.playground)
            circuit.locked = frozenset(step.locked)
            circuit.hidden = frozenset(step.hidden)
        else:
            from nn101.state.learning import Learning
            from nn101.tui.screens.learning import LearningScreen

            self.app.circuit.stop_running()
            learning = Learning(step.learning["model"], config=dict(step.learning))
            screen = LearningScreen(learning=learning)
            self.state.training = learning.training  # the goal checks the run on screen
            screen.locked = frozenset(step.locked)
            screen.hidden = frozenset(step.hidden)
            self.learning = screen
            self.app.push_screen(screen)
        self.progress.record(self.lesson, self.index, self.done)
        self.app.call_after_refresh(self._dress, APPLY_TRIES)

    def _leave_learning(self) -> None:
        if self.learning is not None:
            screen, self.learning = self.learning, None
            screen.stop()
            if screen in self.app.screen_stack and self.app.screen is screen:
                self.app.pop_screen()
        self.app.circuit.locked = frozenset()
        self.app.circuit.hidden = frozenset()

    def next(self) -> None:
        if self.index + 1 >= len(self.lesson.steps):
            self.feedback = "that was the last step: the lesson is over" + (
                "" if len(self.done) == len(self.lesson.steps) else
                f" ({len(self.done)} of {len(self.lesson.steps)} goals met; F3 goes back)")
            self.show()
            return
        self.open(self.index + 1)

    def previous(self) -> None:
        if self.index == 0:
            self.feedback = "this is the first step"
            self.show()
            return
        self.open(self.index - 1)

    # --- the goal -----------------------------------------------------------------------

    def _sync(self) -> None:
        """Check what the learner sees: the learning screen rebuilds its run on a change."""
        if self.learning is not None:
            self.state.training = self.learning.training

    def check(self) -> bool:
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
        self.show()
        return verdict.met

    def answer(self, text: str) -> None:
        try:
            self.feedback = self.state.answer(text)
        except EngineError as err:
            self.feedback = f"{err}: type a number"
        self.show()
        if self.state.playground is not None:
            self.app.circuit.refresh_panes()

    def perform(self, command: Command) -> None:
        """Play one solution command on the screen the learner sees (tests, demos)."""
        if command.verb in ("quiz", "answer"):
            self.state.do(command)
        elif command.verb == "train" and self.learning is not None:
            self.learning.advance(command.count)
        elif command.verb == "set" and self.learning is not None:
            control = {c.key: c for c in self.state.controls()}[command.name]
            self.learning.apply({command.name: control.read(command.text)})
        else:
            self.state.do(command)
        self._sync()
        if self.learning is not None:
            self.learning.refresh_panes()
        else:
            self.app.circuit.refresh_panes()
        self.show()

    # --- drawing ------------------------------------------------------------------------

    def pane(self) -> LessonPane | None:
        """The pane on the screen on top, mounted there if it has none yet."""
        screen = self.app.screen
        from nn101.tui.screens.circuit import CircuitScreen
        from nn101.tui.screens.learning import LearningScreen

        if not isinstance(screen, (CircuitScreen, LearningScreen)):
            return None
        found = screen.query(LessonPane)
        if found:
            return found.first()
        pane = LessonPane(cursor_blink=self.app.cursor_blink)
        screen.mount(pane)
        return pane

    def show(self) -> None:
        pane = self.pane()
        if pane is None or not pane.is_mounted:
            return
        step = self.state.step
        total = len(self.lesson.steps)
        pane.border_title = self.lesson.title
        met = self.index in self.done
        head = f"step {step.number} of {total}: {step.title}"
        goal = step.goal.describe()
        quiz = self.state.quiz
        if quiz is not None and quiz.current is not None:
            goal += f"\n{quiz.given}; {quiz.current.prompt}"
        pane.show(head, step.text, goal, self.feedback,
                  asks=step.goal.kind in ("answer", "quiz"), met=met)

    def _dress(self, tries: int) -> None:
        """Mount the pane, hide and lock the step's controls (once the fields exist)."""
        pane = self.pane()
        if pane is not None and not pane.is_mounted and tries > 0:
            self.app.call_after_refresh(self._dress, tries - 1)
            return
        self.show()
        if pane is not None and self.state.step.goal.kind in ("answer", "quiz"):
            pane.query_one("#lesson-answer").focus()  # typing answers, the step's point
        if self.learning is not None and self.app.screen is self.learning:
            self._dress_learning(self.learning)
        elif self.state.playground is not None and not self._dress_circuit() and tries > 0:
            self.app.call_after_refresh(self._dress, tries - 1)

    def _dress_circuit(self) -> bool:
        """The circuit screen's form shows the step's hidden and locked controls (the
        screen's own `hidden` and `locked`, set in `open`)."""
        self.app.circuit.refresh_panes()
        return True

    def _dress_learning(self, screen: LearningScreen) -> None:
        """The learning screen's form shows the step's hidden and locked settings (the
        screen's own `hidden` and `locked`, set in `open`)."""
        screen.refresh_panes(curves=False, decision_map=False)
