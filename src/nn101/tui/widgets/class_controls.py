"""The mlp's settings: one field per control of CLASS_SETTINGS_CONTROLS, labelled by it.

The pane only reports what was typed or chosen, as `FieldEdited(control, text)` (the
control itself, never a widget id); the screen hands it to the run's model, which reads
it with the control and keeps a refused value's reason in `errors` (shown here by
`show_error`). A choice is a Select of the control's choices, anything else an Input.
Enter or leaving a changed field applies it.

The simplest pane: the shared line-API ControlForm (tui/widgets/control_form.py) is to
take its place once it is in main.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from nn101.state.class_learning import CLASS_SETTINGS_CONTROLS
from nn101.state.controls import Control
from nn101.state.teaching import Teaching
from nn101.tui.messages import FieldEdited

OPTIMIZER_ONLY = {"momentum": ("momentum",), "beta1": ("adam", "adamw"),
                  "beta2": ("adam", "adamw"), "eps": ("adam", "adamw")}
"""Settings only an optimizer reads: disabled for the others."""


class ClassControls(Vertical):
    def __init__(self, values: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._values = dict(values)
        self._error = ""
        self._teaching: object = None
        self._fields: dict[Widget, Control] = {}
        self._widgets: dict[str, tuple[Label, Widget]] = {}

    def compose(self) -> ComposeResult:
        with Grid(id="class-fields"):
            for control in CLASS_SETTINGS_CONTROLS:
                label = Label(control.label)
                label.tooltip = control.help
                field: Widget
                if control.kind == "choice":
                    field = Select([(c, c) for c in control.choices],
                                   value=self._values[control.key], allow_blank=False)
                else:
                    field = Input(self._values[control.key], select_on_focus=False)
                field.tooltip = control.help
                self._fields[field] = control
                self._widgets[control.key] = (label, field)
                yield label
                yield field
        yield Static("", id="class-error")

    def set_values(self, values: Mapping[str, str]) -> None:
        """Show the settings in force (a field being typed in keeps its text)."""
        self._values = dict(values)
        for key, (_, field) in self._widgets.items():
            if isinstance(field, Input):
                if field.value != values[key] and not field.has_focus:
                    field.value = values[key]
            elif isinstance(field, Select) and field.value != values[key]:
                field.value = values[key]
        optimizer = values.get("optimizer", "")
        for key, used_by in OPTIMIZER_ONLY.items():
            self._widgets[key][1].disabled = optimizer not in used_by

    def put_back(self) -> None:
        """Every field shows the setting in force again, even one being typed in (reset)."""
        for key, (_, field) in self._widgets.items():
            if isinstance(field, Input):
                field.value = self._values[key]
        self.show_error("")

    def apply_teaching(self, teaching: Teaching) -> None:
        """Hide and lock what a lesson step hides and locks."""
        shown = (teaching.hidden, teaching.locked)
        if shown == self._teaching:
            return
        self._teaching = shown
        for field, control in self._fields.items():
            label = self._widgets[control.key][0]
            if control in teaching.locked:
                field.disabled = True
            field.display = label.display = control not in teaching.hidden

    def show_error(self, text: str) -> None:
        if text == self._error:
            return
        self._error = text
        self.query_one("#class-error", Static).update(text)
        self.set_class(bool(text), "-error")

    def _edited(self, field: Widget, text: str) -> None:
        control = self._fields.get(field)
        if control is not None:
            self.post_message(FieldEdited(control, text))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._edited(event.input, event.value)

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        control = self._fields.get(event.input)
        if (control is not None and event.input.is_attached
                and event.value != self._values.get(control.key)):
            self._edited(event.input, event.value)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        control = self._fields.get(event.select)
        if (control is not None and isinstance(event.value, str)
                and event.value != self._values.get(control.key)):
            self._edited(event.select, event.value)
