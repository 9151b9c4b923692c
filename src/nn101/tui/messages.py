"""What the circuit screen and the panes it mounts after its first frame exchange.

Apart from the panes' widgets so that the screen can name them at class definition (its
`@on(...)` handlers) and build the picker's groups in `__init__` without importing the
widgets themselves, which load just after the first frame (screens/circuit.py,
`_later_panes`). The widgets import their messages from here. The messages are plain
classes, as Textual writes its own: a dataclass costs some 0.1 ms more to define, before
the first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from nn101.engine.methods import Method
    from nn101.state.controls import Control


@dataclass(frozen=True)
class PickerEntry:
    """One line of the scenario picker: its key is opaque to the picker (see Picked)."""

    key: str
    label: str


@dataclass(frozen=True)
class PickerGroup:
    """A titled group of the picker's entries: data, so the app can add groups."""

    title: str
    entries: tuple[PickerEntry, ...]


class Picked(Message):
    """An entry of the scenario picker was chosen: the screen decides what its key does."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__()


class ExpressionEntered(Message):
    """The picker's formula field was submitted."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class FieldEdited(Message):
    """The user typed a control's text or chose one of its choices (valid or not: the
    screen decides)."""

    def __init__(self, edited: Control, text: str) -> None:
        self.edited = edited
        self.text = text
        super().__init__()


class MethodChosen(Message):
    """The inputs pane's method row chose another method."""

    def __init__(self, method: Method) -> None:
        self.method = method
        super().__init__()


class Answered(Message):
    """The learner pressed enter in the quiz's answer field (the lesson pane has its own
    Answered, handled by the app)."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()
