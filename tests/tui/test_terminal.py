"""The real app on a real pseudo-terminal: how it starts, and every way it ends.

Each test starts the app as a user would (`python -m nn101.cli`, or `make run`) on its own
pty and reads the bytes it writes. Deadlines are generous (a loaded machine) and only fail
when passed; the app normally answers in well under a second.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import optional
from tests.tui.pty_app import ROOT, PtyApp, app_command, app_env

ENDS_WITHIN = 2.0
"""The issue's promise: the terminal goes, the app is gone within two seconds."""
LOADED = 8.0
"""The deadline a test allows on a loaded 2-core machine before calling it a failure."""
ALT_SCREEN_OFF = b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"
ALT_SCREEN_ON = b"\x1b[?1049h"


@pytest.fixture
def started() -> Iterator[list[PtyApp]]:
    apps: list[PtyApp] = []
    yield apps
    for app in apps:
        app.kill()


def start(apps: list[PtyApp], *args: str, **env: str | None) -> PtyApp:
    app = PtyApp(app_command(*args), app_env(**env))
    apps.append(app)
    app.wait_for("Help")  # the footer: the first frame is drawn
    return app


def test_closing_the_terminal_ends_the_app(started: list[PtyApp]) -> None:
    """Textual alone read end-of-file forever at 100% of a core after the pty closed."""
    app = start(started)
    begun = time.monotonic()
    app.close_terminal()
    assert app.wait_exit(LOADED) == 129
    print(f"closed terminal to exit: {time.monotonic() - begun:.2f} s "
          f"(promised {ENDS_WITHIN} s; the deadline allows for a loaded machine)")


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_signal_ends_the_app_and_restores_the_terminal(
        started: list[PtyApp], signum: signal.Signals) -> None:
    """Killed by the signal, the app left the alternate screen and mouse reporting on."""
    app = start(started)
    drawn = len(app.output)
    app.signal(signum)
    assert app.wait_exit(LOADED) == 128 + signum
    after = app.output[drawn:]
    assert ALT_SCREEN_OFF in after and MOUSE_OFF in after, after[-300:]


def test_make_run_leaves_nothing_after_sighup(tmp_path: Path, started: list[PtyApp]) -> None:
    """The README's way in: a hang-up of `make run`'s process group (what closing the
    terminal window sends) ends make and the app, and leaves no process behind."""
    make = optional.program("make", "apt-get install make")
    script = Path(sys.executable).with_name("nn101-tui")
    if not script.exists():
        optional.missing("the nn101-tui script beside this Python", "make .venv/.installed")
    stamp = tmp_path / "installed"
    stamp.touch()  # newer than pyproject.toml: make installs nothing
    app = PtyApp([make, "-s", "run", f"BIN={script.parent}", f"STAMP={stamp}"], app_env())
    started.append(app)
    app.wait_for("Help")
    group = app.proc.pid  # make leads its own session and process group
    os.killpg(group, signal.SIGHUP)
    assert app.wait_exit(LOADED) is not None, "make run outlived the hang-up"
    assert not _group_alive(group, LOADED), "a process of make run outlived the hang-up"


def _group_alive(group: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.05)
    return True


def test_stdin_not_a_terminal_is_refused_before_drawing() -> None:
    """`echo | nn101-tui` drew full screen with no key working; now one line, exit 2."""
    done = subprocess.run(app_command(), input=b"\n", capture_output=True, env=app_env(),
                          cwd=ROOT, timeout=60)
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode()
    assert err.count("\n") == 1 and "stdin is not" in err and "\x1b" not in err, err


def test_an_encoding_that_cannot_draw_boxes_is_refused(started: list[PtyApp]) -> None:
    """PYTHONIOENCODING=ascii drew every box as a literal \\u2500; now one line, exit 2."""
    app = PtyApp(app_command(), app_env(PYTHONIOENCODING="ascii"))
    started.append(app)
    assert app.wait_exit(60) == 2
    assert ALT_SCREEN_ON not in app.output
    lines = app.text.strip().splitlines()
    assert len(lines) == 1 and "encoding 'ascii'" in lines[0], app.text


def test_an_unexpected_error_exits_non_zero_and_says_where_to_report(
        started: list[PtyApp]) -> None:
    """An error inside the app exited 0 after Textual's traceback; now 70, the traceback
    and one line saying it is a bug and where to report it, the terminal restored."""
    crash = ("import sys\n"
             "from nn101.tui.screens.circuit import CircuitScreen\n"
             "def boom(self): raise RuntimeError('planted by the test')\n"
             "CircuitScreen.action_step = boom\n"
             "from nn101.cli import main\n"
             "sys.exit(main([]))\n")
    app = PtyApp([sys.executable, "-c", crash], app_env())
    started.append(app)
    app.wait_for("Help")
    app.type(" ")  # space: step, which now raises
    assert app.wait_exit(LOADED * 2) == 70
    assert ALT_SCREEN_OFF in app.output
    assert "planted by the test" in app.text
    assert "this is a bug in nn101-tui" in app.text.splitlines()[-1]


# --- terminals people have: each variable, the app and the learning screen ----------------


@pytest.mark.parametrize(("name", "value"), [
    ("NO_COLOR", "1"), ("TERM", "xterm"), ("TERM", "linux"), ("TERM", "dumb"), ("LANG", "C"),
])
def test_the_app_works_on_this_terminal(started: list[PtyApp], name: str, value: str) -> None:
    """With NO_COLOR the decision map crashed the app (Textual's monochrome filter on a
    segment with no style) and the process still exited 0."""
    app = start(started, **{name: value})
    mark = len(app.output)
    app.type("\x10")  # ctrl+p: the command palette
    app.wait_for("Search", since=mark)
    mark = len(app.output)
    app.type("linear SVM")
    app.wait_for("linear SVM", since=mark)
    mark = len(app.output)
    app.type("\r")
    app.wait_for("picked", since=mark)  # the decision map's legend
    mark = len(app.output)
    app.type(" m")  # a step (the map redraws), then the net
    app.wait_for("2-layer", since=mark)
    mark = len(app.output)
    app.type("\x1b")  # back to the circuit (alone: escape then q would read as alt+q)
    app.wait_for("Back 1 gate", since=mark)
    app.type("q")
    assert app.wait_exit(LOADED * 2) == 0, app.text[-2000:]
    assert "Traceback" not in app.text


def test_a_dumb_term_is_drawn_as_an_xterm_and_nothing_else_changes() -> None:
    # Under TERM=dumb rich reported the console as 80 x 25 whatever the terminal's size,
    # and the app's layout flipped between the two sizes on every frame (a redraw loop:
    # 100 KB a second on a quiet screen, and the footer never drawn).
    from nn101.tui.terminal import adapt_environment

    environ = {"TERM": "dumb", "LANG": "C"}
    adapt_environment(environ)
    assert environ == {"TERM": "xterm", "LANG": "C"}
    environ = {"TERM": "screen-256color"}
    adapt_environment(environ)
    assert environ == {"TERM": "screen-256color"}
