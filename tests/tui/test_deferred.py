"""The after-frame mechanism (tui/deferred.py): requests before a frame are one run after
it, on a FrameHooked screen (every screen of the app) just after the frame is drawn."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from nn101.tui.deferred import FALLBACK, AfterFrame, FrameHooked


class Hooked(FrameHooked):
    def compose(self) -> ComposeResult:
        yield Static("x")


class One(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Hooked())


async def test_a_burst_of_requests_runs_the_work_once_after_the_frame() -> None:
    runs: list[int] = []
    app = One()
    async with app.run_test() as pilot:
        await pilot.pause()
        static = app.screen.query_one(Static)
        later = AfterFrame(static, lambda: runs.append(1))
        for _ in range(5):
            later.request()
        assert runs == [] and later.due  # not in the frame that asked
        static.update("y")  # a frame comes
        await pilot.pause(FALLBACK / 2)
        assert runs == [1] and not later.due  # after that frame, before the fallback
        later.request()
        static.update("z")
        await pilot.pause(FALLBACK / 2)
        assert runs == [1, 1]


async def test_work_runs_on_the_fallback_when_no_frame_comes() -> None:
    runs: list[int] = []
    app = One()
    async with app.run_test() as pilot:
        await pilot.pause()
        later = AfterFrame(app.screen.query_one(Static), lambda: runs.append(1))
        later.request()
        await pilot.pause(FALLBACK * 3)
        assert runs == [1]
