"""What the circuit screen and the panes it mounts after its first frame exchange.

Apart from the panes' widgets so that the screen can name them at class definition (its
`@on(...)` handlers) and build the picker's groups in `__init__` without importing the
widgets themselves, which load just after the first frame (screens/circuit.py,
`_later_panes`). The widgets import their messages from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

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


@dataclass
class Picked(Message):
    """An entry of the scenario picker was chosen: the screen decides what its key does."""

    key: str


@dataclass
class ExpressionEntered(Message):
    """The picker's formula field was submitted."""

    text: str


@dataclass
class FieldEdited(Message):
    """The user changed a field's text (valid or not: the screen decides)."""

    edited: Control
    text: str


@dataclass
class MethodChosen(Message):
    """The inputs pane's method selector changed."""

    method: Method


@dataclass
class Answered(Message):
    """The learner pressed enter in the quiz's answer field (the lesson pane has its own
    Answered, handled by the app)."""

    text: str
