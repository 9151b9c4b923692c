"""Any line, in any order, gets an answer and never an exception or an escape; a refused
line leaves the state as it was (the inputs, the iteration and the output unchanged)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from nn101.plain.shell import COMMANDS, Shell
from nn101.state.lesson import tour
from nn101.state.playground import Playground
from tests.hostile_corpus import ESCAPES, MARKUP, assert_safe

WORDS = st.sampled_from([*COMMANDS, "x", "y", "method", "h", "step_size", "tries"])
ARGUMENTS = st.sampled_from(["", "1", "-2", "nan", "inf", "1e400", "0", "1e9", "abc",
                             "analytic", "\x1b[31m", "x 3", "method random", "h 0",
                             "tries 0", "= 5", "single-gate", "(a+b)*c", "log(", "svm"])
LINES = st.one_of(st.builds(lambda w, a: f"{w} {a}", WORDS, ARGUMENTS),
                  st.text(max_size=40),
                 st.sampled_from([*ESCAPES.values(), *MARKUP]),
                 st.builds(lambda w, e: f"{w} {e}", WORDS, st.sampled_from(list(ESCAPES.values()))))


def _snapshot(shell: Shell) -> tuple[object, ...]:
    pg = shell.playground
    if pg is None:
        return ("learning",)
    out = pg.output
    return (pg.name, pg.expression, pg.inputs(), pg.iteration,
            "nan" if math.isnan(out) else out)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=12))
def test_every_line_gets_answered_and_refusals_keep_the_state(lines: list[str]) -> None:
    shell = Shell(Playground("neuron"))
    for text in lines:
        if shell.finished:
            break
        before = _snapshot(shell)
        answer = shell.handle(text)
        assert answer, text
        assert all("\n" not in a for a in answer), answer
        for a in answer:
            assert_safe(a)
        first = answer[0]
        refused = first.startswith(("unknown command", "empty line", "line too long")) or \
            (": " in first and first.split(": ", 1)[0] in COMMANDS and
             any(k in first for k in ("not a number", "must be", "no input", "no scenario",
                                      "nan is", "too large", "infinity", "write set",
                                      "not allowed")))
        if refused:
            assert _snapshot(shell) == before, (text, answer)


@settings(max_examples=40, deadline=None)
@given(st.lists(LINES, max_size=8))
def test_a_lesson_survives_any_line(lines: list[str]) -> None:
    shell = Shell(lesson=tour())
    shell.start()
    for text in lines:
        if shell.finished:
            break
        answer = shell.handle(text)
        assert answer
        for a in answer:
            assert_safe(a)
