"""`nn101-tui` with clocks on the step key's way to the screen: `anatomy_host.py OUT ARGS...`.

For benchmarks/key_anatomy.py. The app runs as the real command does (ARGS are its
arguments); three of Textual's and the screen's methods are wrapped to read the main
thread's CPU clock (time.thread_time: what this process spent, whatever else the machine
runs):

- the circuit screen's `action_step` (the step and every pane it refreshes),
- the next `Screen._compositor_refresh` (the key's frame: rendering and writing it),
- within that frame, `StylesCache.render_widget` per widget (what each widget cost, and
  whether it re-rendered its content or came from its cache).

At exit, the samples go to OUT as JSON.
"""

from __future__ import annotations

import atexit
import json
import sys
import time
from collections import defaultdict
from typing import Any

import textual._styles_cache as styles_cache
from textual.screen import Screen

from nn101.tui.screens import circuit

out = sys.argv[1]
steps: list[float] = []
frames: list[float] = []
widgets: dict[str, list[float]] = defaultdict(list)
state = {"in_key": False}
frame_widgets: dict[str, float] = {}
counts: list[int] = []
"""Widgets rendered in each key's frame."""
frame_count = [0]

original_step = circuit.CircuitScreen.action_step
original_refresh = Screen._compositor_refresh
original_render = styles_cache.StylesCache.render_widget


def step(self: circuit.CircuitScreen) -> None:
    start = time.thread_time()
    original_step(self)
    steps.append(time.thread_time() - start)
    state["in_key"] = True
    frame_widgets.clear()
    frame_count[0] = 0


def refresh(self: Screen[Any]) -> None:
    start = time.thread_time()
    original_refresh(self)
    if state["in_key"]:
        frames.append(time.thread_time() - start)
        state["in_key"] = False
        counts.append(frame_count[0])
        for name, spent in frame_widgets.items():
            widgets[name].append(spent)


def render_widget(self: styles_cache.StylesCache, widget: Any, crop: Any) -> Any:
    if not state["in_key"]:
        return original_render(self, widget, crop)
    dirty = bool(self._dirty_lines)
    frame_count[0] += 1
    start = time.thread_time()
    strips = original_render(self, widget, crop)
    name = f"{type(widget).__name__}{'#' + widget.id if widget.id else ''}"
    key = f"{name} (re-rendered)" if dirty else f"{name} (from cache)"
    frame_widgets[key] = frame_widgets.get(key, 0.0) + time.thread_time() - start
    return strips


circuit.CircuitScreen.action_step = step  # type: ignore[method-assign]
Screen._compositor_refresh = refresh  # type: ignore[method-assign]
styles_cache.StylesCache.render_widget = render_widget  # type: ignore[method-assign]


def dump() -> None:
    with open(out, "w") as file:
        json.dump({"steps": steps, "frames": frames, "widgets": widgets, "counts": counts},
                  file)


atexit.register(dump)
sys.argv = ["nn101-tui", *sys.argv[2:]]
from nn101.cli import main  # noqa: E402  (after the clocks are in place)

main()
