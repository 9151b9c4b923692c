"""`nn101-tui plain` through a pipe: every line of the answer checked.

The single gate f = x * y at x = -2, y = 3 (the guide's first circuit): f = -6, and the
gate sends df/dx = y = 3 to x and df/dy = x = -2 to y. One analytic step of size 0.01
moves x to -2 + 0.01 * 3 = -1.97 and y to 3 + 0.01 * (-2) = 2.98, so f = -1.97 * 2.98 =
-5.8706, for 1 forward and 1 backward pass. The walk and the quiz then find the new local
gradients y = 2.98 and x = -1.97.
"""

from __future__ import annotations

from tests.plain.helpers import plain

START = [
    "nn101-tui plain mode: type a command and press enter; help lists the commands, quit "
    "leaves.",
    "single-gate: One multiply gate",
    "iteration 0, output f = -6",
    "settings: method random local search, tries 100, tweak 0.01",
    "inputs: x = -2, y = 3",
    "gradients: x 3, y -2",
    "circuit: 1 gate, from the inputs to the output f",
    "multiply gate f = x times y: value -6, gradient 1; to x: 3, to y: -2",
]


def test_a_session_through_a_pipe_answers_every_command_in_words() -> None:
    result = plain("--scenario", "single-gate", lines=[
        "set method analytic", "step", "walk", "quiz", "2.98", "5", "-1.97", "quit",
        "show"])  # after quit nothing more is read
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        *START,
        "method = analytic",
        "settings: method analytic gradient (backprop), step size 0.01",
        "iteration 1, analytic gradient (backprop): output f = -5.8706, was -6",
        "cost: 1 forward and 1 backward pass",
        "inputs: x = -1.97, y = 2.98",
        "walk, gate 1 of 1: multiply gate f = x times y, gradient arriving 1",
        "to x: local gradient 2.98 (y) times 1 = 2.98",
        "to y: local gradient -1.97 (x) times 1 = -1.97",
        "walk complete: every gradient is known (walk again starts over)",
        "quiz: predict the gradient each gate sends down each input wire, output side "
        "first; within 0.001 or 1% of the answer, whichever is larger is right; hint and "
        "giveup help",
        "question 1 of 2, df = 1: dx from x * y (input 1 of multiply): ? (type the number)",
        "right: dx = y × df = 2.98 × 1 = 2.98",
        "question 2 of 2, df = 1: dy from x * y (input 2 of multiply): ? (type the number)",
        "not quite: 5 is not within 0.001 or 1% of the answer, whichever is larger. hint: "
        "the local gradient of y is x = -1.97; the gradient from above, df, is 1: multiply "
        "them",
        "question 2 of 2, df = 1: dy from x * y (input 2 of multiply): ? (type the number)",
        "right: dy = x × df = -1.97 × 1 = -1.97",
        # question 1 right first time, question 2 after one wrong answer
        "quiz over: 1/2 right first time, 2/2 in the end, 0 given up, 1 wrong answer",
        "bye",
    ]


def test_bad_lines_get_one_line_each_and_the_state_is_kept() -> None:
    bad = ["foo", "", "   ", "set x nan", "set x 1e400", "set y abc", "set h -1",
           "set nope 1", "set x", "step 0", "step 1e9", "step -3", "train 3", "next",
           "\x1b]0;pwn\x07", "\x1b[2J", "5", "answer 3", "giveup", "open nowhere",
           "expr log(", "x" * 20_000]
    result = plain("--scenario", "single-gate", lines=[*bad, "show"])
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[:len(START)] == START
    answers = out[len(START):]
    assert len(answers) == len(bad) + len(START) - 1 + 1  # one line each, show, end of input
    refusals = answers[:len(bad)]
    assert refusals[0] == "unknown command 'foo': help lists the commands"
    assert refusals[1] == refusals[2] == "empty line: type a command (help lists them)"
    assert refusals[3] == "set: x: nan is not a number you can step with"
    assert refusals[4] == "set: x: too large: 1e400 overflows a float (limit about 1.8e308)"
    assert refusals[5] == "set: y: not a number: 'abc'"
    assert refusals[6] == "set: h: must be greater than 0, got -1"
    assert refusals[7].startswith("set: no input or setting 'nope' (inputs: x, y;")
    assert refusals[8] == "set: write set NAME VALUE, e.g. set x 3 or set method numerical"
    assert refusals[9] == "step: must be between 1 and 10000, got 0"
    assert refusals[10] == "step: must be between 1 and 10000, got 1000000000"
    assert refusals[11] == "step: must be between 1 and 10000, got -3"
    assert refusals[12].startswith("train: no learning run is open")
    assert refusals[13].startswith("next: no lesson is open")
    assert refusals[14] == r"unknown command '\x1b]0;pwn\x07': help lists the commands"
    assert refusals[15] == r"unknown command '\x1b[2J': help lists the commands"
    assert refusals[16].startswith("5: no question is asked now")
    assert refusals[17].startswith("answer: no question is asked now")
    assert refusals[18].startswith("giveup: no question is asked now")
    assert refusals[19].startswith("open: no scenario 'nowhere'")
    assert refusals[20].startswith("expr: ")
    assert refusals[21] == "line too long: over 10,000 characters (a formula is at most 2,000)"
    # Nothing moved: show answers as at the start, and no byte of an escape was printed.
    assert answers[len(bad):-1] == START[1:]
    assert answers[-1] == "end of input: bye"
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_bytes_that_are_not_utf8_are_refused_not_fatal() -> None:
    import subprocess
    import sys

    from tests.plain.helpers import ROOT

    proc = subprocess.run([sys.executable, "-m", "nn101", "plain"], input=b"\xff\xfe\n",
                          capture_output=True, env={"PYTHONPATH": str(ROOT / "src"),
                                                    "PATH": "/usr/bin:/bin"},
                          timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert lines[-2] == r"unknown command '\udcff\udcfe': help lists the commands"
    assert lines[-1] == "end of input: bye"
