"""The mlp's settings (CLASS_SETTINGS_CONTROLS) as two ControlForms side by side: the
optimizer's on the left, the model's and the data's on the right, so the 3-class screen's
right column holds sixteen settings in eight rows. A line under them says what the run
refused otherwise (a point, a loaded file).

The pane only reports what was typed or chosen: each form sends `FieldEdited(control,
text)` up (the control itself, never a widget id); the screen hands it to the run's model,
which reads it with the control and keeps a refusal in `errors`, drawn under its row at
the next `show`. Settings only some optimizers read are drawn locked for the others.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal

from nn101.state import controls
from nn101.state.class_learning import CLASS_SETTINGS_CONTROLS, ClassLearning
from nn101.state.controls import Control
from nn101.state.teaching import Teaching
from nn101.tui.widgets.control_form import ControlForm, FormRow
from nn101.tui.widgets.settings_pane import SettingsPane

OPTIMIZER_ONLY: dict[Control, tuple[str, ...]] = {
    controls.MOMENTUM: ("momentum",), controls.BETA1: ("adam", "adamw"),
    controls.BETA2: ("adam", "adamw"), controls.EPS: ("adam", "adamw")}
"""Settings only an optimizer reads: locked for the others."""
LEFT: tuple[Control, ...] = (controls.OPTIMIZER, controls.TRAIN_STEP_SIZE, controls.MOMENTUM,
                             controls.BETA1, controls.BETA2, controls.EPS,
                             controls.WEIGHT_DECAY, controls.BATCH)
"""The optimizer's column; the rest of CLASS_SETTINGS_CONTROLS, in their order, right."""


class ClassControls(SettingsPane):
    ERROR_ID = "class-error"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__((ControlForm(label_width=14, id="class-fields-left"),
                          ControlForm(label_width=14, id="class-fields-right")), **kwargs)

    def compose(self) -> ComposeResult:
        with Horizontal(id="class-fields"):
            yield from self.forms
        yield self.error_line()

    def show(self, learning: ClassLearning, teaching: Teaching) -> None:
        """Draw the settings in force and each refusal under its row (a row being typed in
        keeps its text); what the lesson step hides, locks and asks, from `teaching`."""
        optimizer = learning.config.optimizer
        rows = {c: FormRow(c, learning.text(c.key), learning.errors.get(c.key, ""),
                           hidden=c in teaching.hidden,
                           locked=c in teaching.locked or optimizer not in
                           OPTIMIZER_ONLY.get(c, (optimizer,)))
                for c in CLASS_SETTINGS_CONTROLS}
        self.forms[0].show([rows[c] for c in LEFT])
        self.forms[1].show([rows[c] for c in CLASS_SETTINGS_CONTROLS if c not in LEFT])
        self.show_refusals(learning.errors, CLASS_SETTINGS_CONTROLS)

    def form_of(self, control: Control) -> ControlForm:
        return self.forms[0] if control in LEFT else self.forms[1]
