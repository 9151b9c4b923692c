"""`nn101-tui plain` at a terminal (a real pty): a `> ` prompt, readline's history (the up
arrow recalls the last line, and the history is kept for the next run), and not one
escape sequence in what it writes: no colour, no cursor movement, no bracketed paste."""

from __future__ import annotations

import os
from pathlib import Path

from tests.tui.pty_app import PtyApp, app_command, app_env


def test_at_a_terminal_lines_are_edited_with_history_and_nothing_is_drawn() -> None:
    app = PtyApp(app_command("plain", "--scenario", "single-gate"), app_env())
    try:
        app.wait_for("\r\n> ")
        at = len(app.output)
        app.type("step\r")
        app.wait_for("iteration 1, random local search: output f = -5.95289", since=at)
        at = len(app.output)
        app.type("\x1b[A\r")  # the up arrow: the line before, entered again
        app.wait_for("step\r\niteration 2, random local search", since=at)
        app.type("quit\r")
        assert app.wait_exit(30) == 0
    finally:
        app.kill()
    assert b"\x1b" not in app.output and b"\x07" not in app.output
    history = Path(os.environ["XDG_DATA_HOME"]) / "nn101-tui" / "plain_history"
    # Python's readline keeps a line repeated right after itself once.
    assert history.read_text().splitlines() == ["step", "quit"]
