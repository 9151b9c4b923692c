"""Every process-wide setting the app changes, in one place, each with why it is needed.

- `pause()` / `resume()`: the cyclic collector off during the start-up, then what the
  start-up built frozen (the start-up rows of `make bench`: first frame and settled).
- `pace()`: Textual's frame ceiling (TEXTUAL_FPS; the "keys while playing" rows).
- `playing()`: while a screen's player runs, the collector's full passes are held back
  and threads switch sooner (the "keys while playing" and "training at full speed" rows).

The engine's `nn101.engine.collector.paused()` is not process-wide tuning: it pauses the
collector around one build and restores it exactly, wherever the engine is used.

The start-up. Why: starting the app imports some 300 modules and builds some 80 widgets,
each with its styles, reactives and message queue: hundreds of thousands of container
objects, nearly all alive until the app exits. While they pile up, the collector's
passes walk them again and again and find nothing to free (measured: about a fifth of
the time to the settled first screen). So the CLI pauses the collector before it imports
the app, and the app, once its start-up work is done, freezes what exists (`gc.freeze`:
the permanent generation, which later passes skip) and turns the collector back on.

What is frozen was made during the start-up: modules, the app, its screens and widgets,
the first circuit's playground, all kept for the life of the process anyway (the
playground stays in the screen's sessions). Everything made afterwards is collected as
usual. (The engine's own `nn101.engine.collector.paused()` leaves the collector as it
found it, so a build during the start-up does not turn it back on early.)

No Textual here: the CLI calls `pause()` before the app is imported, and `pace()`, whose
setting Textual reads when it is imported.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

FPS = 120
"""Most frames a second Textual may paint (its TEXTUAL_FPS; Textual's default is 60)."""
MAX_FPS = 240
"""The most a user's TEXTUAL_FPS may ask for: at 100,000,000 every frame was due at once,
a core stayed busy and no key (ctrl+q neither) was read."""


def pace() -> None:
    """Let Textual paint up to FPS frames a second, unless the user set TEXTUAL_FPS.

    Why: Textual paints a changed screen on the next tick of a 1/FPS grid, and after a
    frame waits for the tick after next. A key that comes just after a frame waits 17-33
    ms at 60 (the learning screen paints every 45-50 ms while it plays: about half its
    keys; measured medians 11-15 ms, p90 36-39 ms) and half that at 120 (6-10 ms, p90
    15-24 ms). It is a ceiling, not a rate: an idle screen paints nothing, a playing one
    its 20-22 frames a second. Call it before Textual is imported (later has no effect).
    A TEXTUAL_FPS over MAX_FPS is lowered to it.
    """
    try:
        asked = int(os.environ["TEXTUAL_FPS"])
    except KeyError:
        os.environ["TEXTUAL_FPS"] = str(FPS)
        return
    except ValueError:
        return  # not a number: Textual uses its default
    if asked > MAX_FPS:
        os.environ["TEXTUAL_FPS"] = str(MAX_FPS)

_paused = False


def pause() -> None:
    """Turn the collector off until `resume()`; nothing if it is already off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume(*, freeze: bool = True) -> None:
    """End the pause: freeze the objects made so far (unless `freeze` is False) and turn
    the collector back on. Nothing if `pause()` did not turn it off (an app made by a
    test, or a program that keeps the collector off itself)."""
    global _paused
    if not _paused:
        return
    _paused = False
    if freeze:
        gc.freeze()
    gc.enable()


def paused() -> bool:
    """Whether the start-up pause is on."""
    return _paused


PLAYING_FULL_PASSES = 1_000_000
"""The collector's third threshold while a player runs: its full passes wait until the
middle generation has been collected this many times (Python's default is 10).

Why: a playing run makes garbage fast, and each full pass walks every object the app holds
(its widgets, styles and caches, some 80,000), holding keys and frames for several frames'
time, four or five times in a few seconds of play. The young generations are still
collected, so what training drops is freed as ever; the full passes come back when the
player stops. (`gc.freeze()` did the same job before, but its `unfreeze()` also released
what the start-up froze: Python has one permanent generation.)"""
SWITCH_INTERVAL = 0.0005
"""Seconds a thread waits for the interpreter at most while a player runs (Python's
default is 5 ms). The terminal's reader and writer are threads: behind the training a key
reached the app late, and behind a redraw a frame waited to be written."""

_playing = 0
_saved: tuple[tuple[int, ...], float] | None = None


@contextmanager
def playing() -> Iterator[None]:
    """The process tuned for a running player, restored when the last one stops (they
    nest: two screens' players never restore each other's settings half-way)."""
    global _playing, _saved
    if _playing == 0:
        _saved = (gc.get_threshold(), sys.getswitchinterval())
        first, second, _ = _saved[0]
        gc.set_threshold(first, second, PLAYING_FULL_PASSES)
        sys.setswitchinterval(min(_saved[1], SWITCH_INTERVAL))
    _playing += 1
    try:
        yield
    finally:
        _playing -= 1
        if _playing == 0 and _saved is not None:
            thresholds, interval = _saved
            gc.set_threshold(*thresholds)
            sys.setswitchinterval(interval)
            _saved = None
