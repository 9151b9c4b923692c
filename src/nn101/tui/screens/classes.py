"""Chapter 3: three classes (or up to eight), softmax and cross-entropy, the optimizers.

The screen owns a `ClassLearning` (state/class_learning.py): the settings, the run, its
rewind line, the picked point. Keys ask it to step, rewind, edit or save, and the
registered panes draw what it answers: the K-class decision map, the picked point's
probabilities with each logit's `p - y`, the optimizer's per-parameter state, training and
validation curves, the settings and the "same run" line. `c` shows the model's circuit at
the picked point (one hidden neuron through softmax and the loss, state/class_circuit.py)
in the learning screen's circuit pane, and `b` walks it gate by gate. `v` compares two
runs. Built, as the learning screen is, on TrainingScreen (screens/training_screen.py, on
the one screen base): the keys, dialogs and cursor both share live there; the player
trains in slices between frames, so keys keep answering while it trains.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen

from nn101.engine.learning.classes import CLASS_DATASETS, MAX_CLASSES
from nn101.engine.learning.optimizers import OPTIMIZERS
from nn101.state import class_files, controls
from nn101.state.class_circuit import ClassCircuit
from nn101.state.class_learning import CLASS_SETTINGS_CONTROLS, ClassLearning
from nn101.state.class_runs import compare_runs
from nn101.state.text import line
from nn101.tui.screens.training_screen import TrainingScreen
from nn101.tui.screens.training_words import RunWords, run_bindings
from nn101.tui.widgets.class_controls import ClassControls
from nn101.tui.widgets.class_curves import ClassCurves
from nn101.tui.widgets.class_map import ClassMap
from nn101.tui.widgets.class_probs import ClassProbs
from nn101.tui.widgets.learn_circuit import LearnCircuit
from nn101.tui.widgets.optimizer_state import OptimizerState
from nn101.tui.widgets.text_lines import TextLines

CURVE_EVERY = 6
"""Redraw the curves every this many frames while playing (as the learning screen)."""
MAP_EVERY = 6
"""Redraw the map every this many frames while playing: its grid asks the 2-16-3 net for
every pixel, as much as several updates (benchmarks/run.py --only classes)."""
TABLE_EVERY = 6
"""Redraw the optimizer's table (a hundred parameters) every this many frames while
playing; paused, every key redraws it."""
COMPARE_LEAST = 100
"""A comparison runs at least this many iterations (else as many as the run on screen)."""

class ClassScreen(TrainingScreen[ClassLearning]):
    """Train an MLP on K classes and watch its map, probabilities, optimizer and curves."""

    CSS_PATH = "../classes.tcss"
    TITLE = "nn101 — three classes"
    HELP_FIELDS = CLASS_SETTINGS_CONTROLS
    HELP_NOTES = (
        "Every iteration is kept for rewinding (, and .) within 2,000,000 numbers; past "
        "that the oldest quarter is dropped. Stepping from a rewound iteration starts a new "
        "branch. Your own points (arrows or a click place the cursor, 0 to 7 add a point of "
        "that class, delete removes the nearest) cannot be repeated from flags: x exports "
        "them for `train mlp --data`. v compares two runs: type SETTING=A,B, e.g. "
        "optimizer=sgd,adam or step_size=0.01,0.1.")
    TITLES: ClassVar[dict[str, str]] = {
        "#class-map": "Data and decision map",
        "#class-curves": "Loss and accuracy: training and validation",
        "#class-controls": "Settings", "#class-probs": "The picked point (reversed on the map)",
        "#class-opt-scroll": "Parameters and the optimizer's state",
        "#class-circuit": "The model's circuit at the picked point"}
    LOCKABLE: ClassVar[dict[str, controls.Control]] = {
        "next_optimizer": controls.OPTIMIZER, "next_dataset": controls.CLASS_DATASET}
    COMMAND_ID = "class-command"
    FILE = "classes.json"
    WORDS = RunWords(
        step="one update (from a rewound iteration: a new branch from there)", one="one "
        "update", back="one iteration back", labels_tip="labels 0 to 7; ", labels="0 to 7",
        saved_tip="settings, points, parameters, optimizer state, history",
        saved="Settings, points, parameters, optimizer state and history",
        train="train mlp", cursor="0 to 7 add a point of that class",
        add="0 to 7 add a point", circuit="the model's circuit at the picked point, through "
        "softmax and the loss, in place of the panes", walk="walk the circuit backward one "
        "gate, from dL = 1 (shows the circuit): each logit gets p - y",
        neuron="draw the next hidden neuron in the circuit")

    BINDINGS: ClassVar[list[BindingType]] = run_bindings(
        WORDS,
        Binding("o", "next_optimizer", "Optimizer",
                tooltip="the next optimizer (sgd, momentum, adam, adamw)"),
        adds=[Binding(str(k), f"add_point({k})", f"Add class {k}", show=False,
                      tooltip=f"add a class-{k} point at the cursor (your own data: back to "
                      "iteration 0)") for k in range(MAX_CLASSES)],
        picks=(Binding("i", "pick(1)", "Next point", show=False, tooltip="pick the next "
                       "training point (its probabilities and circuit are shown)"),
               Binding("I", "pick(-1)", "Prev point", show=False,
                       tooltip="pick the previous training point"),
               Binding("v", "compare", "Compare", tooltip="two runs, same seed and data, one "
                       "setting changed (SETTING=A,B): curves overlaid and final numbers")))

    def __init__(self, *, learning: ClassLearning | None = None, cursor_blink: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(learning if learning is not None else ClassLearning(), cursor_blink)
        self.neuron = 1
        """The hidden neuron the circuit draws (k: the next)."""
        self.view: ClassCircuit | None = None
        self._view_of: object = None

    # --- layout -------------------------------------------------------------------------

    def compose_main(self) -> ComposeResult:
        with Horizontal(id="class-body"):
            with Vertical(id="class-left"):
                yield ClassMap(id="class-map", classes="class-pane")
                yield ClassCurves(id="class-curves", classes="class-pane")
            with Vertical(id="class-right"):
                yield ClassControls(id="class-controls", classes="class-pane")
                yield ClassProbs(id="class-probs", classes="class-pane")
                with VerticalScroll(id="class-opt-scroll", classes="class-pane"):
                    yield OptimizerState(id="class-opt")
        yield LearnCircuit(id="class-circuit", classes="class-pane")

    def compose_bottom(self) -> ComposeResult:
        yield TextLines(id="class-status")
        yield TextLines(id="class-command")

    def register_panes(self) -> None:
        """Every pane and how the run is shown in it (tui/panes.py): the map, the circuit
        and the curves cost most, so a key draws them after its frame and a playing run
        every few frames."""
        add = self.panes.add
        add("class-map", self._draw_map, later=True, every=MAP_EVERY)
        add("class-circuit", self._draw_circuit, later=True, every=MAP_EVERY)
        add("class-curves", self._draw_curves, later=True, every=CURVE_EVERY,
            lesson_name="curves")
        add("class-probs", self._show_probs, every=2)
        add("class-opt-scroll", self._show_optimizer, lesson_name="params",
            every=TABLE_EVERY)
        add("class-controls", self._show_controls)
        add("class-status", self._show_status)
        add("class-command", self._show_command, lesson_name="command")

    # --- state --------------------------------------------------------------------------

    def _subtitle(self) -> str:
        c = self.learning.config
        data = "your points" if self.learning.points is not None else f"the {c.dataset} data"
        return (f"MLP 2-{c.hidden}-{self.learning.training.split.classes} {c.activation}, "
                f"{c.optimizer}, on {data}")

    def _after_change(self) -> None:
        self.sub_title = self._subtitle()
        self.neuron = min(self.neuron, self.learning.training.model.hidden)
        self.refresh_panes()

    # --- showing ------------------------------------------------------------------------

    def _draw_map(self) -> None:
        if not self.circuit_shown:
            self.query_one(ClassMap).show(self.learning)

    def _draw_curves(self) -> None:
        curves = self.query_one(ClassCurves)
        # A class, not `display`: an inline style would beat the stylesheet's -short rule.
        curves.set_class(self.teaching.asks("accuracy"), "-asked")
        curves.show(self.learning.training.history, later=False)

    def _show_probs(self) -> None:
        probs = self.query_one(ClassProbs)
        if self.asks:
            probs.update(Text(f"point {self.learning.picked}: its probabilities and each "
                             "logit's gradient: ? (the question asks them)"))
        else:
            probs.show(self.learning)

    def _show_optimizer(self) -> None:
        # While playing only the rows in view (the rest would be laid out and never seen).
        rows = self.query_one("#class-opt-scroll").content_size.height
        self.query_one(OptimizerState).show(self.learning, hide_gradients=self.asks,
                                            limit=rows if self.playing and rows else 0)

    def _show_controls(self) -> None:
        self.query_one(ClassControls).show(self.learning, self.teaching)

    def _show_status(self) -> None:
        """Iteration, the last loss and accuracy (or `?` while a lesson asks them), the
        run's state and the note, and the first diagnosis that holds."""
        t = self.learning.training
        last = t.history[-1]
        hide = self.teaching.asks("accuracy")
        where = (f"rewound: {t.iteration} of {self.learning.head}" if self.learning.rewound
                 else f"iteration {t.iteration}")
        text = Text(f"{where} · loss {last.loss:.4g} · ", style="bold")
        text.append("accuracy ?" if hide else f"accuracy {last.accuracy:.1%}")
        if last.val_accuracy is not None:
            text.append(" · validation ?" if hide else
                        f" · validation {last.val_accuracy:.1%}")
        text.append(f" · {'playing' if self.playing else 'paused'} · {self.player.label}",
                    style="dim")
        if t.status == "diverged":
            text.append("\n" + line(t.message))
        elif self.learning.note:
            text.append("\n" + self.learning.note)
        found = self.learning.diagnoses()
        if found:
            text.append("\nwhy: " + found[0].text, style="italic")
        self.query_one("#class-status", TextLines).update(text)

    # --- the circuit ----------------------------------------------------------------------

    def _draw_circuit(self) -> None:
        if not self.circuit_shown:
            return
        learning = self.learning
        t = learning.training
        key = (id(t), t.iteration, learning.picked, self.neuron, id(t.split))
        if key != self._view_of:
            self._view_of = key
            self.view = ClassCircuit(t, learning.point, learning.picked, self.neuron)
        pane = self.show_view(self.view)
        walking = self.view is not None and self.view.walk_active
        if walking and not pane.drawn:  # the walk is under the wire list: in view
            pane.call_after_refresh(pane.scroll_end, animate=False)

    def action_walk(self) -> None:
        self.stop()
        if not self.circuit_shown:
            self.set_class(True, "-circuit")
        self._draw_circuit()
        if self.view is not None:
            self.view.walk_step()
        self.refresh_panes()
        self.call_after_refresh(self.refresh_panes)

    def action_pick_neuron(self, delta: int) -> None:
        hidden = self.learning.training.model.hidden
        self.neuron = (self.neuron - 1 + delta) % hidden + 1
        if not self.circuit_shown:
            self.set_class(True, "-circuit")
        self.say(f"drawing hidden neuron {self.neuron} of {hidden}")
        self.call_after_refresh(self.refresh_panes)

    # --- keys ---------------------------------------------------------------------------

    def _cycle(self, control: controls.Control, names: tuple[str, ...]) -> None:
        current = self.learning.text(control.key)
        index = names.index(current) if current in names else -1
        self.stop()
        self.learning.edit(control, names[(index + 1) % len(names)])
        self._after_change()

    def action_next_optimizer(self) -> None:
        self._cycle(controls.OPTIMIZER, tuple(OPTIMIZERS))

    def action_next_dataset(self) -> None:
        if self.learning.points is not None:  # your own points: back to the named sets
            self.stop()
            self.learning.apply({}, points=None)
            self._after_change()
            return
        self._cycle(controls.CLASS_DATASET, tuple(CLASS_DATASETS))

    def action_pick(self, delta: int) -> None:
        learning = self.learning
        n = len(learning.training.split.train)
        learning.pick((learning.picked + delta) % n)
        self.say(f"picked training point {learning.picked} of {n}")
        self.refresh_panes(later=True)

    # --- its points, files and the comparison ------------------------------------------

    def data_bounds(self) -> tuple[float, float, float, float]:
        return self.learning.training.split.train.bounds()

    def point_refused(self) -> None:
        self.app.bell()
        self.say(self.learning.errors.pop("data", "refused"), error=True)

    def save_run(self, path: str | os.PathLike[str]) -> str:
        return class_files.save(self.learning, path)

    def load_run(self, path: str | os.PathLike[str], name: str) -> tuple[ClassLearning, str]:
        """The lesson step's teaching stays with the screen's run."""
        loaded = class_files.load(path)
        loaded.step_teaching = self.learning.step_teaching
        return loaded, f"loaded {line(name)}: iteration {loaded.iteration}"

    def action_compare(self) -> None:
        """Ask SETTING=A,B; run both from the same data and seed (as many iterations as
        the run on screen, at least COMPARE_LEAST) and show them over this screen."""
        iterations = max(COMPARE_LEAST, self.learning.iteration)
        compared: list[Screen[None]] = []

        def attempt(text: str) -> str:
            from nn101.tui.screens.class_compare import ClassCompare

            setting, values, runs, table = compare_runs(
                self.learning.config, self.learning.points, text, iterations)
            compared.append(ClassCompare(setting, values, runs, table))
            return f"compared {setting} = {values[0]} and {values[1]}"

        def done(said: str | None) -> None:
            """Once the dialog is gone (pushed before, it would be what it pops)."""
            if said and compared:
                self.say(said)
                self.app.push_screen(compared[-1])

        self._ask("Compare two runs", f"SETTING=A,B: the same seed and data, {iterations} "
                  f"iterations each (settings: {', '.join(c.key for c in controls.CLASS_FIELDS)}"
                  ").", "optimizer=sgd,adam", attempt, done)
