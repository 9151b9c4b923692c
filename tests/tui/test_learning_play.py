"""Playing the learning screen (the one player, tui/player.py): full speed past 1000 per
frame, training in slices that keys interrupt, the process tuned only while it plays, and a
key's frame that leaves the map for the frame after it."""

from __future__ import annotations

import gc
import itertools
import sys
from typing import Any

from nn101.tui.deferred import FALLBACK
from nn101.tui.player import FULL_SPEED, SPEEDS, speed_label
from nn101.tui.tuning import PLAYING_FULL_PASSES, SWITCH_INTERVAL
from nn101.tui.widgets.decision_map import DecisionMap
from nn101.tui.widgets.learn_step import LearnStepInfo
from tests.tui.test_learning_screen import SIZE, Host, pane_text, screen_of


def test_full_speed_is_the_last_and_the_counted_speeds_are_kept() -> None:
    assert SPEEDS == (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, FULL_SPEED)
    assert speed_label(FULL_SPEED) == "full speed"
    assert speed_label(1000, "iteration") == "1000 iterations per frame"
    assert speed_label(1) == "1 step per frame"


async def test_plus_past_1000_plays_at_full_speed_and_a_step_stops_it() -> None:
    thresholds, before = gc.get_threshold(), sys.getswitchinterval()
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.player.speed = 1000
        await pilot.press("plus")
        assert screen.player.speed == FULL_SPEED
        await pilot.press("plus")  # the last speed stays
        assert screen.player.speed == FULL_SPEED
        await pilot.press("p")
        assert screen.playing
        await pilot.pause(0.3)
        assert str(screen.query_one(LearnStepInfo).border_subtitle).endswith(
            "playing · full speed")
        assert gc.get_threshold()[2] == PLAYING_FULL_PASSES  # no full passes meanwhile
        assert sys.getswitchinterval() == min(before, SWITCH_INTERVAL)
        played = screen.training.iteration
        assert played > 1000  # more than a counted speed's frame would take
        await pilot.press("space")  # stops between two slices, then steps once
        assert not screen.playing
        stepped = screen.training.iteration
        await pilot.pause(0.2)
        assert screen.training.iteration == stepped  # nothing trains after the key
        assert gc.get_threshold() == thresholds  # the collector as it was
        assert sys.getswitchinterval() == before
        history = screen.training.history
        assert history[-1].iteration == stepped  # settled where it stopped
        assert f"iteration {stepped}" in pane_text(app, "#learn-step")
        await pilot.press("minus")
        assert screen.player.speed == 1000


async def test_a_counted_speed_trains_its_count_per_frame() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        screen.player.speed = 1000
        shown: list[int] = []
        show = screen.show_frame

        def counted() -> None:
            show()
            shown.append(screen.training.iteration)

        screen.player._frame = counted
        await pilot.press("p")
        await pilot.pause(0.4)
        await pilot.press("p")
    # every frame showed news, 1000 more when the machine kept up (a slow one may cut a
    # frame short), never more
    steps = [b - a for a, b in itertools.pairwise(shown)]
    assert steps and all(0 < s <= 1000 for s in steps) and 1000 in steps


async def test_the_step_keys_frame_leaves_the_map_for_the_next() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        drawn: list[int] = []
        decision_map = screen.query_one(DecisionMap)
        show = decision_map.show

        def counted(training: Any) -> None:
            drawn.append(training.iteration)
            show(training)

        decision_map.show = counted  # type: ignore[method-assign]
        screen.action_step()
        assert drawn == []  # the key's frame: step pane, parameters, command only
        assert "iteration 1" in pane_text(app, "#learn-step")
        await pilot.pause(FALLBACK * 2)
        assert drawn == [1]  # drawn once after that frame
        for _ in range(3):
            screen.action_step()  # a burst before the frame: one map after it
        await pilot.pause(FALLBACK * 2)
        assert drawn == [1, 4]


async def test_a_diverging_run_stops_playing_at_full_speed() -> None:
    app = Host("svm")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_of(app)
        assert screen.apply({"step_size": 1e50})
        screen.player.speed = FULL_SPEED
        await pilot.press("p")
        await pilot.pause(0.3)
        assert not screen.playing
        assert screen.training.status == "diverged"
        assert "diverged" in pane_text(app, "#learn-step")


