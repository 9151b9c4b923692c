"""What the two learning screens' settings panes share: their forms, a refusal under each
row, and a line for what the run refused otherwise (a point, a loaded file, a parameter).

The learning screen's pane (learn_controls.py) draws one ControlForm, chapter 3's
(class_controls.py) two side by side; both report only what was typed (FieldEdited, from
the form) and draw what the run answers. The refusal line, the look-up of a row's message
and closing a field being typed in (reset, load) are the same for both: they live here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from textual.containers import Vertical
from textual.widgets import Static

from nn101.state.controls import Control
from nn101.state.text import plain
from nn101.tui.widgets.control_form import ControlForm


class SettingsPane(Vertical):
    """A run's settings as one or more ControlForms and the run's other refusals."""

    ERROR_ID: ClassVar[str] = "settings-error"
    """The id of the refusal line (its CSS shows it only with the pane's `-error`)."""

    def __init__(self, forms: tuple[ControlForm, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.forms = forms
        self._error = ""

    def error_line(self) -> Static:
        """The line for what the run refused outside the forms (composed by the pane)."""
        return Static("", id=self.ERROR_ID)

    def show_refusals(self, errors: Mapping[str, str], shown: Iterable[Control]) -> None:
        """The run's refusals that belong to no row of the forms, one a line."""
        keys = {c.key for c in shown}
        text = "\n".join(message for key, message in errors.items() if key not in keys)
        if text == self._error:
            return
        self._error = text
        # it may quote typed text or a file's: never markup
        self.query_one(f"#{self.ERROR_ID}", Static).update(plain(text))
        self.set_class(bool(text), "-error")

    def form_of(self, control: Control) -> ControlForm:
        """The form that draws `control`'s row."""
        return self.forms[0]

    def error_of(self, control: Control) -> str:
        """The message under a setting's row ('' when it is valid)."""
        return self.form_of(control).error_of(control)

    def put_back(self) -> None:
        """Close a field being typed in without applying it (reset, load): every row shows
        the setting in force at the next `show`."""
        for form in self.forms:
            form.discard()
