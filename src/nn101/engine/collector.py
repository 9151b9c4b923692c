"""Python's cyclic garbage collector, paused while a large structure is wired.

Why: every gate and its output wire refer to each other (`unit.gate`, `gate.out`), and a
formula's syntax tree, a session's steps and a circuit's lists are all containers the
collector tracks. While such a structure grows, the collector's full passes walk all of it
again and again, so building 400,000 gates cost about 4x more per gate than building
25,000 (measured; see the README's scaling table). Nothing we wire is garbage until the
whole of it is dropped, so walking it mid-build finds nothing: pausing is pure saving.

`paused()` is the only place the engine touches the collector. It works as a `with` block
or as a decorator (`@paused()` on a function that builds), nests, and is safe across
threads: the first pause to begin records whether the collector was enabled and disables
it; the last one to end restores exactly that, so a program that disabled the collector
itself never finds it switched on by us, and one that had it on gets it back even when the
build raises. Objects made meanwhile are collected as usual afterwards: their cost is
one ordinary, linear pass.

`gc.freeze()` was considered and left out: it would stop later passes from walking a big
circuit, but a frozen circuit is never collected, so every formula a user replaces in the
app would leak its cycles for the life of the process.
"""

from __future__ import annotations

import gc
import threading
from contextlib import ContextDecorator
from types import TracebackType

__all__ = ["paused"]


class _Pause(ContextDecorator):
    """The collector off from the first `__enter__` to the matching last `__exit__`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.enable()


_PAUSE = _Pause()


def paused() -> _Pause:
    """Pause the cyclic collector for a `with` block (or a decorated call) that builds.

    Example: `with paused(): wire = ... many gate.forward(...) calls ...`. Reference
    counting still frees everything that is not part of a cycle, as always.
    """
    return _PAUSE
