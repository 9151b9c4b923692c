"""Round three in the app: a lesson's title is outside text wherever it is shown (the
lesson pane's border title was read as markup: "a [/] b" ended the app with MarkupError,
and an OSC title escape reached the terminal), and an unreadable progress file is said
to be kept, never overwritten."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nn101.state.lesson import Progress, parse, tour
from nn101.tui import terminal, tuning
from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.path_prompt import PathPrompt
from nn101.tui.widgets.lesson_pane import LessonPane
from tests.tui.helpers import pane_text
from tests.tui.pty_app import ROOT, PtyApp, app_command, app_env
from tests.tui.test_learning_screen import Host, screen_of

SIZE = (150, 44)
"""Wide enough for the lesson pane beside the circuit, and for the learning screen."""


@pytest.mark.parametrize(("title", "shown"), [
    ("a [/] b", "a [/] b"),
    ("[b]bold[/b] [link=x]y", "[b]bold[/b] [link=x]y"),
    ("\u001b]0;pwn\u0007", "\\x1b]0;pwn\\x07"),
    ("two\nlines", "two\\nlines"),
])
async def test_a_lesson_title_is_shown_plain(tmp_path: Path, title: str, shown: str) -> None:
    quoted = json.dumps(title)  # a TOML basic string too: \u001b, \n
    lesson = parse(f'title = {quoted}\n[[step]]\ntitle = {quoted}\nscenario = "neuron"\n')
    assert lesson.title == title
    app = PlaygroundApp(lesson=lesson, progress=Progress(path=tmp_path / "p.json"),
                        cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        pane = app.screen.query_one(LessonPane)
        assert pane._border_title is not None and pane._border_title.plain == shown
        assert shown in pane_text(app.screen, "#lesson-head")
        await pilot.press("f2")
        await pilot.pause()
        assert app.is_running


async def test_an_unreadable_progress_file_is_said_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "lessons.json"
    path.write_text('{"lessons": ' + "[" * 2000 + "]" * 2000 + "}")
    before = path.read_bytes()
    app = PlaygroundApp(lesson=tour(), progress=Progress.load(path), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        feedback = pane_text(app.screen, "#lesson-feedback")
        assert "progress is not saved" in feedback and "nested 2,001 levels" in feedback
        await pilot.press("f4")  # the next step: progress is recorded (in memory only)
        await pilot.pause()
    assert path.read_bytes() == before


# --- the terminal and the environment -----------------------------------------------------


class _Stream:
    """A stand-in for a standard stream: a terminal or not."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.encoding = "utf-8"

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("stdin", "stdout", "refused"), [
    (True, True, None), (True, False, "stdout is not one"), (False, True, "stdin is not one"),
])
def test_stdin_and_stdout_must_be_terminals(stdin: bool, stdout: bool,
                                            refused: str | None) -> None:
    def check(environ: dict[str, str]) -> None:
        terminal.check_terminal(_Stream(stdin), _Stream(True), environ,  # type: ignore[arg-type]
                                output=_Stream(stdout))  # type: ignore[arg-type]

    if refused is None:
        check({})
    else:
        with pytest.raises(terminal.TerminalError, match=refused):
            check({})
    check({"TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"})  # serve: pipes


@pytest.mark.parametrize("redirect", ["file", "pipe"])
def test_the_app_with_stdout_not_a_terminal_is_refused_at_once(tmp_path: Path,
                                                               redirect: str) -> None:
    # `nn101-tui --scenario neuron > out.txt` drew a frame, then ignored every key (ctrl+c
    # too): rich measured stdout as 80 x 25 and the layout flipped on every frame.
    master, slave = pty.openpty()
    path = tmp_path / "out.txt"
    try:
        with path.open("wb") as file:
            out: Any = file if redirect == "file" else subprocess.PIPE
            done = subprocess.run(app_command("--scenario", "neuron"), stdin=slave,
                                  stdout=out, stderr=subprocess.PIPE, env=app_env(),
                                  cwd=ROOT, timeout=60, check=False)
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err.count("\n") == 1 and "stdout is not one" in err and "\x1b" not in err, err
    assert path.read_bytes() == b"" and not done.stdout


@pytest.mark.parametrize(("asked", "used"), [
    (None, str(tuning.FPS)), ("100000000", str(tuning.MAX_FPS)), ("241", "240"),
    ("240", "240"), ("30", "30"), ("fast", "fast"),
])
def test_textual_fps_is_capped(monkeypatch: pytest.MonkeyPatch, asked: str | None,
                               used: str) -> None:
    if asked is None:
        monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    else:
        monkeypatch.setenv("TEXTUAL_FPS", asked)
    tuning.pace()
    assert os.environ["TEXTUAL_FPS"] == used


@pytest.mark.parametrize(("columns", "lines", "used"), [
    ("5000", "5000", ("1000", "500")), ("1001", "501", ("1000", "500")),
    ("120", "40", ("120", "40")), ("wide", "-3", ("wide", "-3")),
])
def test_columns_and_lines_are_capped(columns: str, lines: str,
                                      used: tuple[str, str]) -> None:
    environ = {"COLUMNS": columns, "LINES": lines, "TERM": "xterm"}
    terminal.adapt_environment(environ)
    assert (environ["COLUMNS"], environ["LINES"]) == used
    assert (terminal.MAX_COLUMNS, terminal.MAX_LINES) == (1000, 500)


def test_a_huge_fps_still_answers_q() -> None:
    # TEXTUAL_FPS=100000000: a core busy and every key ignored, ctrl+q too
    app = PtyApp(app_command("--scenario", "neuron"), app_env(TEXTUAL_FPS="100000000"))
    try:
        app.wait_for("Help")
        app.type("q")
        assert app.wait_exit(30) == 0, app.text[-2000:]
    finally:
        app.kill()


# --- a refused load on the learning screen changes nothing ---------------------------------


@pytest.mark.parametrize(("content", "said"), [
    ("x,y,label\r1,2,1\r-1,-2,-1\r1,3,1\r", None),  # old Mac line endings: read (3 points)
    ("x,y,label\n1,2\r,1\n", "line 2"),  # a lone CR: _csv.Error ended the app (exit 70)
    ("x,y,label\n1," + "2" * 140_000 + ",1\n", "field limit"),
    ("x,y,label\n1e7,1e7,1\n-1e7,-1e7,-1\n", "±1,000,000"),  # applied, then escape: 70
    ("x,y,label\n1e308,1,1\n-1e308,-1,-1\n", "±1,000,000"),
], ids=["cr-endings", "lone-cr", "long-field", "1e7", "1e308"])
async def test_points_the_screen_cannot_take_are_refused_before_they_apply(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str,
        said: str | None) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.csv").write_text(content, newline="")
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.train(5)
        before = (screen.learning.iteration, screen.learning.current_points())
        await pilot.press("l")
        await pilot.press("end", "ctrl+u", *"p.csv", "enter")
        await pilot.pause()
        if said is None:
            assert app.screen is screen and len(screen.training.dataset) == 3
            return
        prompt = app.screen
        assert isinstance(prompt, PathPrompt) and said in prompt.error
        assert (screen.learning.iteration, screen.learning.current_points()) == before
        await pilot.press("escape")  # the dialog goes; the screen draws as before
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert screen.learning.iteration == before[0] + 1


@pytest.mark.parametrize("driver", ["foo", "textual.drivers.web_driver", ":X", "os:path",
                                    "textual.app:App", "x\x1b]0;pwn\x07"])
def test_a_textual_driver_that_is_not_one_is_refused(driver: str) -> None:
    # TEXTUAL_DRIVER=foo: Textual's import failed inside the app (traceback, exit 70)
    with pytest.raises(terminal.TerminalError, match="is not a Textual driver") as refused:
        terminal.check_terminal(_Stream(False), _Stream(True),  # type: ignore[arg-type]
                                {"TEXTUAL_DRIVER": driver}, output=_Stream(False))  # type: ignore[arg-type]
    assert "\x1b" not in str(refused.value)
