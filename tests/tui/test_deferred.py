"""AfterFrame: any number of requests before the next frame are one run after it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from nn101.tui.deferred import AfterFrame


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("x")


async def test_a_burst_of_requests_runs_the_work_once_after_the_frame() -> None:
    runs: list[int] = []
    app = One()
    async with app.run_test() as pilot:
        later = AfterFrame(app.query_one(Static), lambda: runs.append(1))
        for _ in range(5):
            later.request()
        assert runs == [] and later.due  # not in the frame that asked
        await pilot.pause()
        assert runs == [1] and not later.due
        later.request()
        await pilot.pause()
        assert runs == [1, 1]
