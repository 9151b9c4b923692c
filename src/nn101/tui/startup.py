"""The app's start-up with Python's cyclic collector paused, then what it built frozen.

Why: starting the app imports some 300 modules and builds some 80 widgets, each with its
styles, reactives and message queue: hundreds of thousands of container objects, nearly
all alive until the app exits. While they pile up, the collector's passes walk them again
and again and find nothing to free (measured: about a fifth of the time to the settled
first screen). So the CLI pauses the collector before it imports the app, and the app,
once its start-up work is done, freezes what exists (`gc.freeze`: the permanent
generation, which later passes skip) and turns the collector back on.

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
