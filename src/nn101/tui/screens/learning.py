"""Learning from data: the guide's SVM or 2-layer net trained live on a decision map.

The screen owns a `Learning` (state/learning.py), the model that holds the settings, the
run, its rewind line and its files; keys ask it to step, rewind, edit or save, and the
registered panes draw what it answers (what a lesson step asks, hides and locks included:
the model's `step_teaching`). It is built, as the 3-class screen is, on TrainingScreen
(screens/training_screen.py, on the one screen base): the keys, dialogs and cursor both
share live there; the player trains in slices between frames, so keys keep answering. The
"same run" line under the panes is `state.commands.train_command`, with exact values,
wrapped rather than cut (y copies it).
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll

from nn101.engine.learning import DATASETS, Training
from nn101.state.controls import DATASET, MODEL, Control
from nn101.state.diagnosis import why as why_text
from nn101.state.files import FileError
from nn101.state.learning import NUDGE, SETTINGS_CONTROLS, Learning, record_every
from nn101.state.model_circuit import ModelCircuit
from nn101.tui.player import FULL_SPEED, speed_label
from nn101.tui.screens.training_screen import TrainingScreen, wrap_groups
from nn101.tui.screens.training_words import RunWords, run_bindings
from nn101.tui.widgets.decision_map import DecisionMap
from nn101.tui.widgets.learn_circuit import LearnCircuit
from nn101.tui.widgets.learn_controls import LearnControls
from nn101.tui.widgets.learn_curves import LearnCurves
from nn101.tui.widgets.learn_explain import LearnExplain
from nn101.tui.widgets.learn_params import LearnParams
from nn101.tui.widgets.learn_step import LearnStepInfo
from nn101.tui.widgets.text_lines import TextLines

__all__ = ["FULL_SPEED", "LearningScreen", "record_every", "speed_label", "wrap_groups"]

CURVE_EVERY = 6
"""Redraw the curves every this many frames while playing (0.3 s): two plots cost about
as much as the rest of a frame together."""
MAP_EVERY = 2
"""Redraw the decision map every this many frames while playing (it is the costliest pane
of a playing frame); a key, a pause or a change of settings redraws it at once."""


CONTROLS = {c.key: c for c in SETTINGS_CONTROLS}


class LearningScreen(TrainingScreen[Learning]):
    """Train the guide's classifiers and watch the decision map, the pulls and the curves."""

    CSS_PATH = "../learning.tcss"
    TITLE = "nn101 — learning from data"
    HELP_FIELDS = SETTINGS_CONTROLS
    """The fields the help describes, from their controls."""
    HELP_NOTES = (
        "Every iteration is kept for rewinding (, and .), within 2,000,000 parameter values "
        "(16 MB): the SVM's last 666,666 iterations, the 3-neuron net's 153,846. Stepping "
        "from a rewound iteration starts a new branch. Parameters set by hand (w selects, "
        "u/j nudge, e types) and your own points (arrows or a click place the cursor, a/z "
        "add, delete removes) cannot be repeated by `train` from flags: the same-run line "
        "says so, and x exports the points for `train --data`.")
    TITLES: ClassVar[dict[str, str]] = {
              "#learn-map": "Data and decision map", "#learn-step": "Last step",
              "#learn-curves": "Accuracy and loss", "#learn-controls": "Settings",
              "#learn-params-scroll": "Parameters and gradients",
              "#learn-explain-scroll": "The guide vs what happens",
              "#learn-circuit": "The model's circuit at the picked point"}
    LOCKABLE: ClassVar[dict[str, Control]] = {"toggle_model": MODEL, "next_dataset": DATASET}
    COMMAND_ID = "learn-command"
    FILE = "learning.json"
    WORDS = RunWords(
        step="one iteration (from a rewound one: a new branch from there)",
        one="one iteration", back="one iteration back (every iteration is kept, within the "
        "bound help names)", labels_tip="", labels="+1 or -1",
        saved_tip="settings, data, parameters, history",
        saved="Settings, data, parameters and history", train="train",
        cursor="a adds +1, z adds -1", add="a/z add a point there",
        circuit="the model's circuit at the point the last step picked, in place of the map "
        "(c again: the map)", walk="walk the model's circuit backward one gate, from the "
        "pull on the score (shows the circuit)", neuron="the net: draw the next neuron (else "
        "the one the last step changed most)")

    BINDINGS: ClassVar[list[BindingType]] = run_bindings(
        WORDS,
        Binding("m", "toggle_model", "SVM/Net",
                tooltip="switch between the linear SVM and the 2-layer net"),
        picks=(Binding("w", "select_param(1)", "Param", show=False, tooltip="select the "
                       "next parameter (marked > in the table)"),
               Binding("W", "select_param(-1)", "Prev param", show=False,
                       tooltip="select the previous parameter"),
               Binding("u", "nudge(1)", "Nudge +", show=False, tooltip=f"the selected "
                       f"parameter up by {NUDGE:g}; training continues from it"),
               Binding("j", "nudge(-1)", "Nudge -", show=False,
                       tooltip=f"the selected parameter down by {NUDGE:g}"),
               Binding("e", "type_param", "Set param", show=False,
                       tooltip="type a value for the selected parameter")),
        adds=(Binding("a", "add_point(1)", "Add +1", show=False, tooltip="add a +1 point at "
                      "the cursor (your own data: back to iteration 0)"),
              Binding("z", "add_point(-1)", "Add -1", show=False,
                      tooltip="add a -1 point at the cursor")),
        more=(Binding("K", "pick_neuron(0)", "Neuron changed most", show=False,
                      tooltip="the net: draw the neuron the last step changed most again"),))

    def __init__(self, model: str = "svm", *, learning: Learning | None = None,
                 cursor_blink: bool = True, **kwargs: Any) -> None:
        super().__init__(learning if learning is not None else Learning(model), cursor_blink)
        self.selected = 0
        """Index of the selected parameter (w / W move it)."""
        self.neuron: int | None = None
        """The neuron the learner picked (k); None: the one the last step changed most."""
        self.view: ModelCircuit | None = None
        """The model's circuit at the last step's point, while the circuit is shown."""
        self._view_of: object = None
        self.why = ""
        """The "why isn't it learning?" line (empty when nothing holds)."""

    # --- layout -------------------------------------------------------------------------

    def compose_main(self) -> ComposeResult:
        with Horizontal(id="learn-body"):
            with Vertical(id="learn-left"):
                yield DecisionMap(id="learn-map", classes="learn-pane")
                yield LearnStepInfo(id="learn-step", classes="learn-pane")
                yield LearnCurves(id="learn-curves", classes="learn-pane")
            with Vertical(id="learn-right"):
                yield LearnControls(id="learn-controls", classes="learn-pane")
                with VerticalScroll(id="learn-params-scroll", classes="learn-pane"):
                    yield LearnParams(id="learn-params")
                with VerticalScroll(id="learn-explain-scroll", classes="learn-pane"):
                    yield LearnExplain(id="learn-explain")
        yield LearnCircuit(id="learn-circuit", classes="learn-pane")

    def compose_bottom(self) -> ComposeResult:
        yield TextLines(id="learn-command")

    def register_panes(self) -> None:
        """Every pane and how the run is shown in it (see tui/panes.py): the map (or the
        model's circuit) and the curves cost most, so a key draws them after its frame
        and a playing run every few frames."""
        add = self.panes.add
        add("learn-map", self._draw_map, later=True, every=MAP_EVERY)
        add("learn-circuit", self._draw_map_circuit, later=True, every=MAP_EVERY)
        add("learn-curves", self._draw_curves, later=True, every=CURVE_EVERY,
            lesson_name="curves")
        add("learn-step", self._show_step)
        add("learn-params-scroll", self._show_params, lesson_name="params")
        add("learn-explain-scroll", lambda: self.query_one(LearnExplain).show(
            self.config["model"]), lesson_name="explain")
        add("learn-controls", self._show_controls)
        add("learn-command", self._show_command, lesson_name="command")

    # --- state --------------------------------------------------------------------------

    @property
    def config(self) -> dict[str, Any]:
        return self.learning.config

    @property
    def training(self) -> Training:
        return self.learning.training

    @property
    def note(self) -> str:
        return self.learning.note

    @note.setter
    def note(self, text: str) -> None:
        self.learning.note = text

    def _subtitle(self) -> str:
        """Names the model and data in the header (the app's own names the circuit)."""
        model = ("linear SVM" if self.config["model"] == "svm" else
                 f"2-layer {self.config.get('activation', 'relu')} net")
        return f"{model} on the {self.config['dataset']} data"

    def apply(self, changes: dict[str, Any]) -> bool:
        """Rebuild the run with `changes`; on refusal keep the current run and say why."""
        self.stop()
        done = self.learning.apply(changes)
        self._after_change()
        return done

    def _after_change(self) -> None:
        self.sub_title = self._subtitle()
        if self.training.model.kind != "net" or (self.neuron or 0) > self.training.model.hidden:
            self.neuron = None
        self.selected = min(self.selected, len(self.training.model.params) - 1)
        self.refresh_panes()

    def train(self, iterations: int, show: bool = True) -> None:
        """Train `iterations` more steps at once (stops early if the run diverges)."""
        self.learning.run(iterations)
        if show:
            self.refresh_panes()

    # --- showing ------------------------------------------------------------------------

    @property
    def selected_name(self) -> str:
        names = list(self.training.model.params)
        return names[self.selected % len(names)]

    def _show_step(self) -> None:
        step = self.query_one(LearnStepInfo)
        step.show(self.training, self.note, self.why,
                  hide_accuracy=self.teaching.asks("accuracy"))
        where = (f"rewound: {self.training.iteration} of {self.learning.head} · "
                 if self.learning.rewound else "")
        step.border_subtitle = (where + f"{'playing' if self.playing else 'paused'} · " +
                                self.player.label)

    def _show_params(self) -> None:
        self.query_one(LearnParams).show(self.training, self.selected_name,
                                         hide_gradients=self.asks)

    def _show_controls(self) -> None:
        self.query_one(LearnControls).show(self.learning, hidden=self.teaching.hidden,
                                           locked=self.teaching.locked)

    def _draw_curves(self) -> None:
        """The curves and the "why isn't it learning?" line measured with them (it scores
        every point)."""
        why = why_text(self.training)
        if why != self.why:
            self.why = why
            self._show_step()
        curves = self.query_one(LearnCurves)
        curves.display = not self.teaching.asks("accuracy")
        curves.show(self.training.history, later=False)

    def _draw_map(self) -> None:
        if not self.circuit_shown:
            self.query_one(DecisionMap).show(self.training)

    def _draw_map_circuit(self) -> None:
        if self.circuit_shown:
            self._show_circuit()

    def _show_circuit(self) -> None:
        """The circuit of the last step (rebuilt when the step or the neuron changed; a
        walk in progress is kept while they do not)."""
        t = self.training
        key = (id(t), t.last, self.neuron, t.model.activation)
        if key != self._view_of:
            self._view_of = key
            self.view = ModelCircuit(t, self.neuron) if t.last is not None else None
        self.show_view(self.view)

    def action_walk(self) -> None:
        self.stop()
        if not self.circuit_shown:
            self.set_class(True, "-circuit")
            self.refresh_panes()
        if self.view is None:
            self.app.bell()
            self.say("no step yet: space steps once, then b walks its circuit")
            return
        self.view.walk_step()
        self.refresh_panes()
        self.call_after_refresh(self.refresh_panes)

    def action_pick_neuron(self, delta: int) -> None:
        model = self.training.model
        if model.kind != "net":
            self.app.bell()
            self.say("the SVM is one circuit: it is drawn whole")
            return
        if delta == 0:
            self.neuron = None
        else:
            shown = self.view.neuron if self.view is not None else 0
            self.neuron = shown % model.hidden + 1
        if not self.circuit_shown:
            self.set_class(True, "-circuit")
        self.say(f"drawing neuron {self.neuron}" if self.neuron else
                 "drawing the neuron the last step changed most")
        self.call_after_refresh(self.refresh_panes)

    # --- keys ---------------------------------------------------------------------------

    def action_toggle_model(self) -> None:
        self.apply({"model": "net" if self.config["model"] == "svm" else "svm"})

    def action_next_dataset(self) -> None:
        names = list(DATASETS)
        current = self.config["dataset"]
        index = names.index(current) if current in names else -1
        self.stop()
        self.learning.edit(CONTROLS["dataset"], names[(index + 1) % len(names)])
        self._after_change()

    # --- rewind and parameters ----------------------------------------------------------

    def action_select_param(self, delta: int) -> None:
        self.selected = (self.selected + delta) % len(self.training.model.params)
        self.say(f"selected {self.selected_name}: u/j nudge it, e types a value")

    def action_nudge(self, sign: int) -> None:
        self.learning.nudge(self.selected_name, sign * NUDGE)
        self.refresh_panes(later=True)

    def action_type_param(self) -> None:
        name = self.selected_name
        value = repr(self.training.model.params[name].value)

        def attempt(text: str) -> str:
            if not self.learning.set_param(name, text):
                raise FileError(self.learning.errors.pop("param"))
            self.refresh_panes()
            return self.note

        self._ask(f"Set parameter {name}", "A finite number; training continues from it.",
                  value, attempt)

    # --- its points and files ----------------------------------------------------------

    def data_bounds(self) -> tuple[float, float, float, float]:
        return self.training.dataset.bounds()

    def save_run(self, path: str | os.PathLike[str]) -> str:
        return self.learning.save(path)

    def load_run(self, path: str | os.PathLike[str], name: str) -> tuple[Learning, str]:
        loaded = Learning.load(path)
        return loaded, loaded.note

    @staticmethod
    def _read(field: str, text: str) -> Any:
        """A field's value read by its control (InputError says what is wrong)."""
        return CONTROLS[field].read(text)

