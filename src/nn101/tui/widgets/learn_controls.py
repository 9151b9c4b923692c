"""The settings of a run: model, data set, step size, regularization, seed, hidden width,
the net's activation, as one ControlForm, and a line for the run's other refusals.

The pane only reports what was typed or chosen (a FieldEdited carrying the setting's
Control goes up from the form); the screen asks the run whether it is valid, and `show`
draws the run's settings, each refusal under its row, and what the run refused otherwise
(a loaded file, a point, a parameter) on the line under the form. The hidden width and the
activation are the net's: drawn locked for the SVM.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from nn101.state import controls
from nn101.state.controls import Control
from nn101.state.learning import OWN, SETTINGS_CONTROLS, Learning
from nn101.tui.widgets.control_form import ControlForm, FormRow
from nn101.tui.widgets.settings_pane import SettingsPane

MODEL_NAMES = (("svm", "linear SVM"), ("net", "2-layer net"))
NET_ONLY = frozenset({controls.HIDDEN, controls.ACTIVATION})
NO_CONTROLS: frozenset[Control] = frozenset()


class LearnControls(SettingsPane):
    ERROR_ID = "learn-error"

    def __init__(self, **kwargs: Any) -> None:
        self.form = ControlForm(label_width=16, id="learn-fields")
        super().__init__((self.form,), **kwargs)

    def compose(self) -> ComposeResult:
        yield self.form
        yield self.error_line()

    def show(self, learning: Learning, *, hidden: frozenset[Control] = NO_CONTROLS,
             locked: frozenset[Control] = NO_CONTROLS,
             asked: frozenset[Control] = NO_CONTROLS) -> None:
        """Draw the settings in force and the refusals (a row being typed in keeps its
        text); `hidden`, `locked` and `asked` are the screen's (a lesson's)."""
        net = learning.config["model"] == "net"
        rows = []
        for control in SETTINGS_CONTROLS:
            choices: tuple[tuple[str, str], ...] = ()
            if control == controls.MODEL:
                choices = MODEL_NAMES
            elif control == controls.DATASET and learning.config["dataset"] == OWN:
                choices = (*((d, d) for d in controls.DATASET.choices), (OWN, OWN))
            rows.append(FormRow(
                control, learning.text(control.key), learning.errors.get(control.key, ""),
                hidden=control in hidden,
                locked=control in locked or (control in NET_ONLY and not net),
                asked=control in asked, choices=choices))
        self.form.show(rows)
        self.show_refusals(learning.errors, SETTINGS_CONTROLS)
