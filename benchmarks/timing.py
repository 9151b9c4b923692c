"""Time one pass of a workload the way `timeit` does, without hiding garbage collection.

`timeit` switches the cyclic garbage collector off; micrograd leaves a reference cycle per
node (each node's `_backward` closure holds the node), so collecting them is part of what a
pass really costs, and switching the collector off would let memory grow without bound on
the big graphs. Each measurement starts from a fresh `gc.collect()` instead.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

REPEATS = 5
"""Repeats per measurement; the fastest is reported (the least disturbed by the machine)."""


def per_pass(run: Callable[[], object], budget: float = 0.15, repeats: int = REPEATS) -> float:
    """Seconds per call of `run`: the best of `repeats` batches of about `budget` s each."""
    gc.collect()
    start = time.perf_counter()
    run()
    first = time.perf_counter() - start
    loops = max(1, int(budget / first)) if first > 0 else 1000
    best = first
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        for _ in range(loops):
            run()
        best = min(best, (time.perf_counter() - start) / loops)
    return best


def once(run: Callable[[], T]) -> tuple[T, float]:
    """The result of a single call and its seconds (for work such as building a graph)."""
    gc.collect()
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def human(seconds: float) -> str:
    """A time with a unit people read at a glance: 3.2 us, 41.0 ms, 1.25 s."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"
