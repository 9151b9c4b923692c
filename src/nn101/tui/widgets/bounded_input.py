"""An Input that refuses text past its limit at once, naming the limit, without a bell.

Textual's Input re-measures and re-renders its whole value on every key, so typing (or a
paste that arrives as keys, in a terminal without bracketed paste) costs time that grows
with the square of the length: 5,000 characters took 2 s, 20,000 took 13 s. A limit keeps
each key's cost bounded, so any paste costs time linear in its length: the keys past the
limit are refused in constant time (Textual's own `max_length` check), and instead of one
terminal bell per refused key (100,000 bells for a 100 KB paste) the field posts one
`Refused` message naming the limit, until its text gets shorter again.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.widgets import Input


class BoundedInput(Input):
    """`Input(max_length=...)` whose refusals are one message, not a bell per key."""

    class Refused(Message):
        """Text was refused because the field is at its limit."""

        def __init__(self, field: BoundedInput, limit: int) -> None:
            super().__init__()
            self.field = field
            self.limit = limit

        @property
        def control(self) -> BoundedInput:
            return self.field

        @property
        def reason(self) -> str:
            return (f"at most {self.limit:,} characters fit here: the text past them was "
                    "refused")

    def __init__(self, value: str | None = None, *, max_length: int, **kwargs: Any) -> None:
        if max_length < 1:
            raise ValueError("a BoundedInput needs a limit of 1 or more")
        self._told = False  # before Input's __init__, which sets the value (and watches it)
        super().__init__(value, max_length=max_length, **kwargs)

    def restricted(self) -> None:
        """A key or a paste did not fit: say so once (no bell)."""
        if not self._told:
            self._told = True
            self.post_message(self.Refused(self, self.max_length or 0))

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        if self._told and len(value) < (self.max_length or 0):
            self._told = False  # room again: the next refusal is news
