"""The start-up pause of the cyclic collector (nn101/tui/tuning.py): the CLI turns it off
before it imports the app, the app turns it back on once its start-up is done, and the
headless commands never run without it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from nn101 import cli
from nn101.cli import main
from nn101.tui import tuning
from nn101.tui.app import PlaygroundApp


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """Whatever a test does, the rest of the session runs with the collector on and
    nothing frozen."""
    yield
    tuning.resume(freeze=False)
    gc.unfreeze()
    gc.enable()


def test_pause_then_resume_freezes_what_was_made_and_turns_the_collector_on() -> None:
    tuning.pause()
    assert not gc.isenabled() and tuning.paused()
    tuning.resume()
    assert gc.isenabled() and not tuning.paused()
    assert gc.get_freeze_count() > 0


def test_resume_without_a_pause_changes_nothing() -> None:
    gc.disable()  # a program that keeps the collector off itself
    tuning.pause()  # already off: not ours to turn back on
    tuning.resume()
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_a_headless_command_runs_with_the_collector_on(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []

    def listing(args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setitem(cli.COMMANDS, "list", listing)
    assert main(["list"]) == 0
    assert seen == [True] and gc.isenabled() and gc.get_freeze_count() == 0


async def test_the_app_ends_the_pause_once_it_has_started() -> None:
    tuning.pause()
    app = PlaygroundApp()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert gc.isenabled() and not tuning.paused()
        assert gc.get_freeze_count() > 0


PACED = """
import os, sys
os.environ.pop("TEXTUAL_FPS", None)
{setup}
import nn101.cli
assert "textual" not in sys.modules, "the CLI imported Textual before main() could pace it"
from nn101.tui import tuning
tuning.pace()
from textual import constants
print(constants.MAX_FPS)
"""


@pytest.mark.parametrize(("setup", "fps"), [("", tuning.FPS),
                                            ("os.environ['TEXTUAL_FPS'] = '30'", 30)])
def test_the_app_lets_textual_paint_at_its_pace_unless_the_user_set_one(setup: str,
                                                                        fps: int) -> None:
    """Textual reads TEXTUAL_FPS when it is imported: the CLI must set it before any
    import of Textual, and leave a user's own value alone."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", PACED.format(setup=setup)],
                          capture_output=True, text=True, check=True)
    assert int(done.stdout) == fps
