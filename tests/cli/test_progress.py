"""A long CLI run shows progress on a terminal's stderr and stops cleanly on ctrl+c."""

from __future__ import annotations

import io
import os
import signal

import pytest

from nn101 import cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 0.0)
    monkeypatch.setattr(cli, "PROGRESS_EVERY", 0.0)
    done = [0]

    def advance(n: int) -> bool:
        done[0] += n
        return True

    assert cli._drive("run", 1000, advance, lambda: done[0]) == 1000
    text = err.getvalue()
    assert "\rrun: " in text and "/1,000 (" in text and "ctrl+c stops" in text
    assert text.endswith("\r\x1b[K")  # the line is cleared: the output stays clean


def test_no_progress_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(cli, "PROGRESS_AFTER", 0.0)
    done = [0]

    def advance(n: int) -> bool:
        done[0] += n
        return True

    cli._drive("run", 500, advance, lambda: done[0])
    assert err.getvalue() == ""


def test_ctrl_c_stops_after_the_current_batch(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from nn101.engine import methods

    real = methods.Run.run
    calls = [0]

    def run(self: methods.Run, n: int) -> methods.Run:
        calls[0] += 1
        if calls[0] == 3:
            os.kill(os.getpid(), signal.SIGINT)  # as if ctrl+c came during this batch
        return real(self, n)

    monkeypatch.setattr(methods.Run, "run", run)
    code = cli.main(["run", "neuron", "--steps", "100000", "--json"])
    out = capsys.readouterr().out
    assert code == cli.EXIT_INTERRUPTED
    import json

    data = json.loads(out)
    assert data["status"] == "interrupted" and 0 < len(data["steps"]) < 100_000
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


def test_ctrl_c_in_train_keeps_a_consistent_history(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from nn101.engine.learning import training

    real = training.Training.step
    calls = [0]

    def step(self: training.Training) -> object:
        calls[0] += 1
        if calls[0] == 500:
            os.kill(os.getpid(), signal.SIGINT)
        return real(self)

    monkeypatch.setattr(training.Training, "step", step)
    code = cli.main(["train", "svm", "--iterations", "100000", "--json"])
    import json

    data = json.loads(capsys.readouterr().out)
    assert code == 130 and data["status"] == "interrupted"
    assert data["history"][-1]["iteration"] == data["iterations"] < 100_000
