"""Round three in the app: a lesson's title is outside text wherever it is shown (the
lesson pane's border title was read as markup: "a [/] b" ended the app with MarkupError,
and an OSC title escape reached the terminal), and an unreadable progress file is said
to be kept, never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nn101.state.lesson import Progress, parse, tour
from nn101.tui.app import PlaygroundApp
from nn101.tui.widgets.lesson_pane import LessonPane
from tests.tui.helpers import pane_text

SIZE = (150, 44)


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
