"""Time one pass of a workload as `timeit` would, made fair for a shared machine.

- CPU time (`time.process_time`), not wall time: on a machine shared with other jobs the
  wall clock also counts the time spent waiting for a core, which is noise here.
- Interleaved rounds: each round times a batch of every contender in turn, so a burst of
  load elsewhere hits them alike; the best round of each is reported (the least disturbed).
- Garbage collection stays on (`timeit` switches it off): micrograd leaves a reference
  cycle per node (each node's `_backward` closure holds the node), and collecting those is
  part of what its pass really costs; without it memory would grow without bound on the
  big graphs. Each batch starts from a fresh `gc.collect()` instead.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

ROUNDS = 5
clock = time.process_time


def _batch(run: Callable[[], object], loops: int) -> float:
    gc.collect()
    start = clock()
    for _ in range(loops):
        run()
    return (clock() - start) / loops


def per_pass(
    runs: Sequence[Callable[[], object]], budget: float = 0.15, rounds: int = ROUNDS
) -> list[float]:
    """CPU seconds per call of each of `runs`: best of `rounds` interleaved batches of
    about `budget` seconds each."""
    loops = []
    best = []
    for run in runs:  # one call each to size the batches (and to warm up)
        first = _batch(run, 1)
        loops.append(max(1, int(budget / first)) if first > 0 else 1000)
        best.append(first)
    for _ in range(rounds):
        for i, run in enumerate(runs):
            best[i] = min(best[i], _batch(run, loops[i]))
    return best


def once(run: Callable[[], T]) -> tuple[T, float]:
    """The result of a single call and its CPU seconds (for work such as building a graph)."""
    gc.collect()
    start = clock()
    result = run()
    return result, clock() - start


def human(seconds: float) -> str:
    """A time with a unit people read at a glance: 3.2 us, 41.0 ms, 1.25 s."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"
