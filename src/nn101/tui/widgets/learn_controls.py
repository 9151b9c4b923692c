"""The settings of a run: model, data set, step size, regularization, seed, hidden width,
the net's activation.

The pane only reports what was typed or chosen (a `Changed` message going up); the screen
asks the engine whether it is valid and shows the answer with `show_error`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from nn101.engine.learning import ACTIVATIONS, DATASETS
from nn101.state.learning import OWN, SETTINGS_CONTROLS
from nn101.state.teaching import Teaching

NET_ONLY = frozenset({"hidden", "activation"})

FIELDS = ("step_size", "regularization", "seed", "hidden")
LABELS = {"step_size": "step size", "regularization": "regularization", "seed": "seed",
          "hidden": "hidden width"}


class LearnControls(Vertical):
    @dataclass
    class Changed(Message):
        field: str
        """model, dataset, step_size, regularization, seed or hidden."""
        text: str

    def __init__(self, values: dict[str, str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._values = values
        self._shown = False
        self._error = ""

    def compose(self) -> ComposeResult:
        with Grid(id="learn-fields"):
            yield Label("model", id="learn-label-model")
            yield Select([("linear SVM", "svm"), ("2-layer net", "net")],
                         value=self._values["model"], allow_blank=False, id="learn-model")
            yield Label("data set", id="learn-label-dataset")
            yield Select([(d, d) for d in (*DATASETS, OWN)], value=self._values["dataset"],
                         allow_blank=False, id="learn-dataset")
            for name in FIELDS:
                yield Label(LABELS[name], id=f"learn-label-{name}")
                yield Input(self._values[name], id=f"learn-{name}", select_on_focus=False)
            yield Label("activation", id="learn-label-activation")
            yield Select([(a, a) for a in ACTIVATIONS], value=self._values["activation"],
                         allow_blank=False, id="learn-activation")
        yield Static("", id="learn-error")

    def set_values(self, values: dict[str, str]) -> None:
        """Show the settings in force (after a reset or a refused value)."""
        if values == self._values and self._shown:
            return
        self._values = values
        self._shown = True
        for name in FIELDS:
            box = self.query_one(f"#learn-{name}", Input)
            if box.value != values[name] and not box.has_focus:
                box.value = values[name]
        for name in ("model", "dataset", "activation"):
            select: Select[str] = self.query_one(f"#learn-{name}", Select)
            if select.value != values[name]:
                select.value = values[name]
        self.query_one("#learn-hidden", Input).disabled = values["model"] != "net"
        self.query_one("#learn-activation", Select).disabled = values["model"] != "net"

    _teaching: object = None

    def apply_teaching(self, teaching: Teaching, model: str) -> None:
        """Hide and lock the settings a lesson step hides and locks (the hidden width and
        the activation are the net's: locked for the SVM)."""
        shown = (teaching.hidden, teaching.locked, model)
        if shown == self._teaching:
            return
        self._teaching = shown
        for control in SETTINGS_CONTROLS:
            found = self.query(f"#learn-{control.key}")
            if not found:
                continue
            widget = found.first()
            widget.disabled = control in teaching.locked or (
                control.key in NET_ONLY and model != "net")
            widget.display = control not in teaching.hidden
            label = self.query(f"#learn-label-{control.key}")
            if label:
                label.first().display = widget.display

    def show_error(self, text: str) -> None:
        if text == self._error:
            return
        self._error = text
        self.query_one("#learn-error", Static).update(text)
        self.set_class(bool(text), "-error")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("learn-")
        self.post_message(self.Changed(field, event.value))

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        """Leaving a field applies it, as on the circuit screen (unless it is unchanged)."""
        field = (event.input.id or "").removeprefix("learn-")
        if event.input.is_attached and event.value != self._values.get(field):
            self.post_message(self.Changed(field, event.value))

    def put_back(self) -> None:
        """Every field shows the setting in force again, even one being typed in (reset)."""
        for name in FIELDS:
            self.query_one(f"#learn-{name}", Input).value = self._values[name]
        self.show_error("")

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        field = (event.select.id or "").removeprefix("learn-")
        if isinstance(event.value, str) and event.value != self._values.get(field):
            self.post_message(self.Changed(field, event.value))
