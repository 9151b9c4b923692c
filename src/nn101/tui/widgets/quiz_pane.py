"""Predict, then reveal: the backward walk as a quiz (the model is nn101.state.quiz.Quiz).

Shown in the circuit pane while a quiz runs, with every gradient on screen hidden. It asks
for one wire at a time, output side first, in the field below the question: a right answer
(within the tolerance written above it) reveals the chain rule for that wire and moves on;
a wrong one shows the hint (the local gradient and the gradient from above) and asks again.
The answers found so far are listed (those given up marked as revealed); at the end, the score.

The pane only draws the quiz and reports what is typed (Answered); the screen asks the quiz.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from nn101.state.notation import number
from nn101.state.quiz import Feedback, Quiz
from nn101.state.text import line
from nn101.tui.messages import Answered
from nn101.tui.theme import colours
from nn101.tui.widgets.bounded_input import BoundedInput

ANSWER_LENGTH = 40
"""Characters an answer may have: a number never needs more."""
SHOWN_REVEALED = 3
"""Revealed answers listed above the question (the latest ones)."""


def tolerance_words(quiz: Quiz) -> str:
    """`within 0.001 or 1%`: the tolerance, short enough for the pane's first line."""
    t = quiz.tolerance
    return f"within {t.absolute:g} or {t.relative * 100:g}%"


class QuizAnswer(BoundedInput):
    """The answer field. `k` ends the quiz from any state (the README's promise): it is
    never part of a number, so it is not typed but passed on, up to the screen's binding,
    as if no field had focus."""

    PASSED_ON = frozenset("kK")

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Not `k`: the screen's binding is then left in the key's path (Textual drops
        the bindings of the keys a focused Input may consume)."""
        return character not in self.PASSED_ON and super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls each class's own handler down the MRO until one prevents the
        # default: Input's, next, would type the key and stop it.
        if event.character in self.PASSED_ON:
            event.prevent_default()


class QuizPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="quiz-text")
        yield QuizAnswer(placeholder="your answer, then enter (ctrl+g: give up, k: end)",
                         max_length=ANSWER_LENGTH, compact=True, id="quiz-answer")

    @on(Input.Submitted, "#quiz-answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(Answered(event.value))

    def show(self, quiz: Quiz, feedback: Feedback | None, note: str = "") -> None:
        """The quiz as it stands, the last feedback (hint or reveal) and a note."""
        theme = colours(self.app)
        text = Text()
        text.append("QUIZ", style="bold reverse")
        text.append(f" force given {quiz.given} · right {tolerance_words(quiz)}", style="dim")
        for q, given_up in quiz.history()[-SHOWN_REVEALED:]:
            # a revealed answer (ctrl+g) is not one the learner found: marked so
            text.append(("\n· revealed: " if given_up else "\n✓ ") + line(q.term.text),
                        style="dim" if given_up else theme.grad)
        if feedback is not None and feedback.hint is not None:
            hint = feedback.hint
            local = f"{hint.local_formula} = " if hint.local_formula else ""
            text.append("\n✗ not quite. hint: ", style="bold")
            text.append(line(f"local {local}{number(hint.local)}"), style=theme.local)
            text.append(" × ")
            text.append(line(f"upstream {hint.upstream_name} = {number(hint.upstream)}"),
                        style=theme.grad)
        if note:
            text.append("\n" + line(note), style="italic")
        question = quiz.current
        answer = self.query_one("#quiz-answer", BoundedInput)
        if question is None:
            text.append("\nscore: " + quiz.score().text, style="bold")
            text.append("\nk ends the quiz", style="dim")
            answer.display = False
        else:
            text.append(f"\nquestion {question.number + 1}/{len(quiz.questions)}: ",
                        style="bold")
            text.append(line(question.prompt))
            answer.display = True
        self.query_one("#quiz-text", Static).update(text)

    def focus_answer(self) -> None:
        answer = self.query_one("#quiz-answer", BoundedInput)
        answer.value = ""
        if answer.display:
            answer.focus()
