"""The lesson's column: the step's text, its goal, a box for answers, what the check said.

It draws the StepView its screen keeps (state/lesson.py) and posts one message up:
`Answered`, when enter is pressed in the answer box. The screen gives it room beside its
own panes (screens/base.py); it is never laid over them. The step's text came from a
lesson file, so it is shown as Markdown with control characters made visible (Markdown
is not Textual markup: a `[b]` in it stays two brackets and a b), and every other line
from the file is plain Content.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Markdown, Static

from nn101.state.lesson import StepView
from nn101.state.text import visible
from nn101.tui.widgets.bounded_input import BoundedInput

MAX_ANSWER = 100
"""Characters of a typed answer: a number is far shorter."""


@dataclass
class Answered(Message):
    """Enter in the lesson's answer box."""

    text: str


class LessonPane(Vertical):
    """One step of a lesson, in the lesson column of the screen the step opens."""

    def __init__(self, *, cursor_blink: bool = True) -> None:
        super().__init__(id="lesson-pane")
        self.cursor_blink = cursor_blink
        self._text = ""

    def compose(self) -> ComposeResult:
        yield Static(id="lesson-head")
        with VerticalScroll(id="lesson-scroll"):
            yield Markdown(id="lesson-text")
        yield Static(id="lesson-goal")
        answer = BoundedInput(placeholder="your answer, then enter", max_length=MAX_ANSWER,
                              id="lesson-answer")
        answer.cursor_blink = self.cursor_blink
        yield answer
        yield Static(id="lesson-feedback")
        yield Static(Content("F2 check · F3 back · F4 next · F6 hide"), id="lesson-keys")

    def show(self, view: StepView) -> None:
        """Draw a step: the answer box if it asks a number, the goal marked when met."""
        head, text, goal, feedback = view.head, view.text, view.goal, view.feedback
        asks, met = view.answer_box, view.met
        self.border_title = Content(visible(view.lesson_title))  # a file's text: plain
        self.query_one("#lesson-head", Static).update(Content(visible(head)))
        if text != self._text:
            self._text = text
            self.query_one("#lesson-text", Markdown).update(visible(text, newlines=True))
            self.query_one("#lesson-scroll").scroll_home(animate=False)
        self.query_one("#lesson-goal", Static).update(
            Content(("✔ " if met else "goal: ") + visible(goal, newlines=True)))
        self.set_class(met, "-met")
        self.query_one("#lesson-feedback", Static).update(
            Content(visible(feedback, newlines=True)))
        box = self.query_one("#lesson-answer", Input)
        box.display = asks
        if not asks and box.has_focus:
            self.screen.set_focus(None)

    def focus_answer(self) -> None:
        box = self.query_one("#lesson-answer", Input)
        if box.display:
            box.focus()

    def say(self, feedback: str) -> None:
        self.query_one("#lesson-feedback", Static).update(
            Content(visible(feedback, newlines=True)))

    @on(Input.Submitted, "#lesson-answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Answered(event.value))
        event.input.value = ""
