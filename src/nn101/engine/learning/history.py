"""A run's history of evaluations, kept as five columns of numbers.

Why not a list of `Evaluation` objects: the app records an evaluation every iteration on
small data sets, tens of thousands a second at full speed. As objects each took about
250 bytes, and Python's cyclic collector walked all of them again every time they grew by
a quarter: pauses of 100 ms and more while the learning screen played, about a tenth of
its time (measured). Numbers in arrays are 40 bytes an evaluation and nothing for the
collector to walk. Reading it gives `Evaluation` objects made on the spot, so the rest
of the code reads a history as it would read the list.

Bounded: at full speed the app records some 80,000 evaluations a second (3 MB a second,
about 190 MB a minute, and a saved file with all of them). A history keeps at most LIMIT
evaluations (8 MB): when it reaches LIMIT, every second one of its older half is dropped,
so the newest half is always kept exactly (the curves' last steps, the "loss rising"
diagnosis) and the older part grows sparser the longer the run (the curves' shape, from
the first evaluation on). Thinning the older half again and again costs a copy of LIMIT
numbers every LIMIT / 4 appends: constant time per evaluation, on average.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from nn101.engine.learning.loss import Evaluation

LIMIT = 200_000
"""Most evaluations a history keeps (40 bytes each: 8 MB)."""


class History(Sequence[Evaluation]):
    """Evaluations in the order they were recorded (iterations going up)."""

    __slots__ = ("_correct", "_data_loss", "_iteration", "_regularization_loss", "_total",
                 "limit")

    def __init__(self, evaluations: Iterable[Evaluation] = (), limit: int = LIMIT) -> None:
        if limit < 4:
            raise ValueError("a history keeps 4 evaluations or more")
        self.limit = limit
        self._iteration: array[int] = array("q")
        self._correct: array[int] = array("q")
        self._total: array[int] = array("q")
        self._data_loss: array[float] = array("d")
        self._regularization_loss: array[float] = array("d")
        for e in evaluations:
            self.append(e)

    def append(self, e: Evaluation) -> None:
        self._iteration.append(e.iteration)
        self._correct.append(e.correct)
        self._total.append(e.total)
        self._data_loss.append(e.data_loss)
        self._regularization_loss.append(e.regularization_loss)
        if len(self._iteration) >= self.limit:
            self._thin()

    def _thin(self) -> None:
        """Drop every second evaluation of the older half (the first one stays)."""
        half = len(self._iteration) // 2
        for name in ("_iteration", "_correct", "_total", "_data_loss",
                     "_regularization_loss"):
            column = getattr(self, name)
            setattr(self, name, column[:half:2] + column[half:])

    def __len__(self) -> int:
        return len(self._iteration)

    def _at(self, i: int) -> Evaluation:
        return Evaluation(self._iteration[i], self._correct[i], self._total[i],
                          self._data_loss[i], self._regularization_loss[i])

    @overload
    def __getitem__(self, index: int) -> Evaluation: ...

    @overload
    def __getitem__(self, index: slice) -> list[Evaluation]: ...

    def __getitem__(self, index: int | slice) -> Evaluation | list[Evaluation]:
        if isinstance(index, slice):
            return [self._at(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("history index out of range")
        return self._at(index)

    def __iter__(self) -> Iterator[Evaluation]:
        for i in range(len(self)):
            yield self._at(i)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other,
                                                                      strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"History({list(self)!r})"

    def until(self, iteration: int) -> History:
        """A copy of the evaluations recorded at `iteration` or before."""
        kept = History(limit=self.limit)
        end = bisect_right(self._iteration, iteration)
        kept._iteration = self._iteration[:end]
        kept._correct = self._correct[:end]
        kept._total = self._total[:end]
        kept._data_loss = self._data_loss[:end]
        kept._regularization_loss = self._regularization_loss[:end]
        return kept
