"""Work in slices of time: a batch of steps that stops once its time is up.

Continuous stepping (the circuit screen's run, the learning screen's play) takes a batch
per timer tick; a batch that held the event loop for long would delay every key. One rule
for both: at least one step, at most `count`, and no new step once `seconds` have gone.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def steps_within(step: Callable[[], bool], count: int, seconds: float,
                 check_every: int = 1) -> int:
    """Call `step` up to `count` times, until it returns False or `seconds` have passed
    (the clock is read every `check_every` steps: cheap steps need not pay for it).
    Returns how many steps it took."""
    deadline = time.perf_counter() + seconds
    done = 0
    while done < count:
        if not step():
            break
        done += 1
        if done % check_every == 0 and time.perf_counter() > deadline:
            break
    return done
