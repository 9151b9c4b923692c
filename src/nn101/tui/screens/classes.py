"""Chapter 3: three classes (or up to eight), softmax and cross-entropy, the optimizers.

The screen owns a `ClassLearning` (state/class_learning.py): the settings, the run, its
rewind line, the picked point. Keys ask it to step, rewind, edit or save, and the
registered panes draw what it answers: the K-class decision map, the picked point's
probabilities with each logit's `p - y`, the optimizer's per-parameter state, training and
validation curves, the settings and the "same run" line. `c` shows the model's circuit at
the picked point (one hidden neuron through softmax and the loss, state/class_circuit.py)
in the learning screen's circuit pane, and `b` walks it gate by gate. `v` compares two
runs. Built on the one screen base (screens/base.py): the player trains in slices between
frames, so keys keep answering while it trains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input

from nn101.engine.learning.classes import CLASS_DATASETS, MAX_CLASSES
from nn101.engine.learning.optimizers import OPTIMIZERS
from nn101.state import class_files, controls
from nn101.state.class_circuit import ClassCircuit
from nn101.state.class_learning import CLASS_SETTINGS_CONTROLS, ClassLearning
from nn101.state.class_runs import compare_runs
from nn101.state.teaching import Teaching
from nn101.state.text import line
from nn101.tui.messages import FieldEdited
from nn101.tui.screens.base import PLAY_BINDINGS, ModelScreen
from nn101.tui.screens.learning import wrap_groups
from nn101.tui.screens.path_prompt import PathPrompt, user_path
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

CONTROLS = {c.key: c for c in CLASS_SETTINGS_CONTROLS}


class ClassScreen(ModelScreen):
    """Train an MLP on K classes and watch its map, probabilities, optimizer and curves."""

    CSS_PATH = "../classes.tcss"
    WIDTH_CLASSES = ((0, "-narrow"), (110, "-wide"), (140, "-roomy"))
    UNIT = "iteration"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    AUTO_FOCUS = ""
    """No field takes the keys at first: space steps, p plays."""
    TITLE = "nn101 — three classes"
    HELP_FIELDS = CLASS_SETTINGS_CONTROLS
    HELP_NOTES = (
        "Every iteration is kept for rewinding (, and .) within 2,000,000 numbers; past "
        "that the oldest quarter is dropped. Stepping from a rewound iteration starts a new "
        "branch. Your own points (arrows or a click place the cursor, 0 to 7 add a point of "
        "that class, delete removes the nearest) cannot be repeated from flags: x exports "
        "them for `train mlp --data`. v compares two runs: type SETTING=A,B, e.g. "
        "optimizer=sgd,adam or step_size=0.01,0.1.")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "step", "Step", tooltip="one update (from a rewound iteration: a "
                "new branch from there)"),
        Binding("n", "step", "Step", show=False, tooltip="one update"),
        *PLAY_BINDINGS,
        Binding("r", "reset", "Reset", tooltip="back to iteration 0; fields show the "
                "settings in force"),
        Binding("o", "next_optimizer", "Optimizer", tooltip="the next optimizer (sgd, "
                "momentum, adam, adamw)"),
        Binding("d", "next_dataset", "Data", tooltip="the next data set"),
        Binding("comma", "rewind(1)", "Rewind", tooltip="one iteration back"),
        Binding("full_stop", "rewind(-1)", "Fwd", tooltip="one kept iteration forward"),
        Binding("less_than_sign", "rewind(25)", "Back 25", show=False,
                tooltip="25 iterations back"),
        Binding("greater_than_sign", "rewind(-25)", "Forward 25", show=False,
                tooltip="25 kept iterations forward"),
        Binding("i", "pick(1)", "Next point", show=False, tooltip="pick the next training "
                "point (its probabilities and circuit are shown)"),
        Binding("I", "pick(-1)", "Prev point", show=False,
                tooltip="pick the previous training point"),
        Binding("v", "compare", "Compare", tooltip="two runs, same seed and data, one "
                "setting changed (SETTING=A,B): curves overlaid and final numbers"),
        Binding("up", "cursor(0, -1)", "Cursor up", show=False, tooltip="move the map's "
                "cursor up (where a point goes; a click moves it too)"),
        Binding("down", "cursor(0, 1)", "Cursor down", show=False,
                tooltip="move the map's cursor down"),
        Binding("left", "cursor(-1, 0)", "Cursor left", show=False,
                tooltip="move the map's cursor left"),
        Binding("right", "cursor(1, 0)", "Cursor right", show=False,
                tooltip="move the map's cursor right"),
        *(Binding(str(k), f"add_point({k})", f"Add class {k}", show=False,
                  tooltip=f"add a class-{k} point at the cursor (your own data: back to "
                  "iteration 0)") for k in range(MAX_CLASSES)),
        Binding("delete,backspace", "remove_point", "Remove point", show=False,
                tooltip="remove the point nearest the cursor"),
        Binding("l", "load_points", "Load points", show=False, tooltip="train on an "
                "x,y,label CSV file (labels 0 to 7; a bad row is refused, naming its line)"),
        Binding("ctrl+s", "save", "Save", show=False, priority=True, tooltip="save this "
                "run: settings, points, parameters, optimizer state, history"),
        Binding("ctrl+o", "load", "Load", show=False, priority=True,
                tooltip="load a run saved with ctrl+s"),
        Binding("x", "export", "Export", show=False, tooltip="export the run as train mlp "
                "--json reports it (NAME.json) and its points (NAME.csv)"),
        Binding("y", "copy_command", "Copy run", show=False, tooltip="copy the 'same run' "
                "command to the clipboard"),
        Binding("c", "toggle_circuit", "Circuit", tooltip="the model's circuit at the "
                "picked point, through softmax and the loss, in place of the panes"),
        Binding("b", "walk", "Walk", show=False, tooltip="walk the circuit backward one "
                "gate, from dL = 1 (shows the circuit): each logit gets p - y"),
        Binding("k", "pick_neuron(1)", "Next neuron", show=False, tooltip="draw the next "
                "hidden neuron in the circuit"),
        Binding("escape", "back", "Back", tooltip="leave a field; else back to the circuits"),
    ]

    def __init__(self, *, learning: ClassLearning | None = None, cursor_blink: bool = True,
                 **kwargs: Any) -> None:
        super().__init__()
        self.learning = learning if learning is not None else ClassLearning()
        self.cursor_blink = cursor_blink
        self.file = "classes.json"
        self._ready = False
        self.neuron = 1
        """The hidden neuron the circuit draws (k: the next)."""
        self.view: ClassCircuit | None = None
        self._view_of: object = None

    @property
    def teaching(self) -> Teaching:
        return self.learning.step_teaching

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        locked = {"next_optimizer": controls.OPTIMIZER,
                  "next_dataset": controls.CLASS_DATASET}.get(action)
        return locked is None or locked not in self.teaching.locked

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

    def on_mount(self) -> None:
        titles = {"#class-map": "Data and decision map", "#class-curves":
                  "Loss and accuracy: training and validation",
                  "#class-controls": "Settings",
                  "#class-probs": "The picked point (reversed on the map)",
                  "#class-opt-scroll": "Parameters and the optimizer's state",
                  "#class-circuit": "The model's circuit at the picked point"}
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.sub_title = self._subtitle()
        self.register_panes()
        self._ready = True
        self.refresh_panes()

    # --- state --------------------------------------------------------------------------

    def _subtitle(self) -> str:
        c = self.learning.config
        data = "your points" if self.learning.points is not None else f"the {c.dataset} data"
        return (f"MLP 2-{c.hidden}-{self.learning.training.split.classes} {c.activation}, "
                f"{c.optimizer}, on {data}")

    def command(self) -> str:
        return self.learning.command()

    def _after_change(self) -> None:
        self.sub_title = self._subtitle()
        self.neuron = min(self.neuron, self.learning.training.model.hidden)
        self.refresh_panes()

    def advance(self, count: int, deadline: float) -> int:
        return self.learning.advance(count, deadline)

    def play_refused(self) -> str:
        if self.learning.training.status == "diverged":
            return "the run diverged: reset (r) or change the settings"
        return ""

    # --- showing ------------------------------------------------------------------------

    def say(self, note: str, error: bool = False) -> None:
        self.learning.note = note
        if error:
            self.learning.errors["note"] = line(note)
        else:
            self.learning.errors.pop("note", None)
        self.refresh_panes()

    def refresh_panes(self, *, later: bool = False) -> None:
        if self._ready:
            self.panes.show_all(self.teaching, defer=later)

    def show_frame(self) -> None:
        if not self._ready:
            return
        if not self.playing:  # it stopped by itself (diverged): everything, at once
            self.refresh_panes()
            return
        self.panes.show_all(self.teaching, frame=self.player.frames)

    @property
    def asks(self) -> bool:
        return self.teaching.asks("gradients")

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

    def _show_command(self) -> None:
        box = self.query_one("#class-command", TextLines)
        width = box.content_size.width or (self.size.width or 82) - 2
        lines = wrap_groups("same run: " + self.command(), width - 1)
        text = Text("same run: ", style="dim")
        text.append("\n".join(lines)[len("same run: "):])  # outside text: never markup
        box.update(text)

    # --- the circuit ----------------------------------------------------------------------

    @property
    def circuit_shown(self) -> bool:
        return self.has_class("-circuit")

    def _draw_circuit(self) -> None:
        if not self.circuit_shown:
            return
        learning = self.learning
        t = learning.training
        key = (id(t), t.iteration, learning.picked, self.neuron, id(t.split))
        if key != self._view_of:
            self._view_of = key
            self.view = ClassCircuit(t, learning.point, learning.picked, self.neuron)
        pane = self.query_one(LearnCircuit)
        width = (pane.content_size.width or self.size.width - 4) - 1
        height = max(8, (pane.content_size.height or self.size.height - 8) - 8)
        pane.show(self.view, width, height, hide_gradients=self.asks)
        walking = self.view is not None and self.view.walk_active
        if walking and not pane.drawn:  # the walk is under the wire list: in view
            pane.call_after_refresh(pane.scroll_end, animate=False)

    def action_toggle_circuit(self) -> None:
        self.set_class(not self.circuit_shown, "-circuit")
        self.refresh_panes()
        self.call_after_refresh(self.refresh_panes)  # sized now: fit the drawing to it

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

    def action_step(self) -> None:
        self.stop()
        self.learning.note = ""
        if not self.learning.step():
            self.app.bell()
        self.refresh_panes(later=True)

    def action_reset(self) -> None:
        self.stop()
        self.learning.reset()
        self.query_one(ClassControls).put_back()
        self._after_change()

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

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)
            return
        self.stop()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    def action_rewind(self, count: int) -> None:
        self.stop()
        if not self.learning.back(count):
            self.app.bell()
            self.say(self.learning.rewind_note())
            return
        self.refresh_panes(later=True)

    def action_pick(self, delta: int) -> None:
        learning = self.learning
        n = len(learning.training.split.train)
        learning.pick((learning.picked + delta) % n)
        self.say(f"picked training point {learning.picked} of {n}")
        self.refresh_panes(later=True)

    # --- your own data ------------------------------------------------------------------

    def action_cursor(self, dcol: int, drow: int) -> None:
        self.query_one(ClassMap).move_cursor(dcol, drow)
        self._say_cursor()

    def _say_cursor(self) -> None:
        at = self.query_one(ClassMap).cursor_point()
        if at is not None:
            self.say(f"cursor at ({at[0]:.2f}, {at[1]:.2f}): 0 to 7 add a point of that "
                     "class, delete removes the nearest")

    @on(ClassMap.Clicked)
    def _clicked(self) -> None:
        self._say_cursor()

    def action_add_point(self, label: int) -> None:
        class_map = self.query_one(ClassMap)
        at = class_map.cursor_point()
        if at is None:
            class_map.move_cursor(0, 0)
            self.say("the cursor is on the map now: arrows move it, 0 to 7 add a point")
            return
        self.stop()
        if not self.learning.add_point(at[0], at[1], label):
            self.app.bell()
            self.say(self.learning.errors.pop("data", "refused"), error=True)
            return
        self._after_change()

    def action_remove_point(self) -> None:
        at = self.query_one(ClassMap).cursor_point()
        if at is None:
            self.say("move the cursor to a point first (arrows or a click)")
            return
        x0, x1, _, _ = self.learning.training.split.train.bounds()
        index = self.learning.nearest_point(at[0], at[1], (x1 - x0) / 10)
        if index is None:
            self.app.bell()
            self.say("no point near the cursor")
            return
        self.stop()
        self.learning.remove_point(index)
        self._after_change()

    # --- files and the comparison ---------------------------------------------------------

    def _ask(self, title: str, hint: str, default: str, attempt: Callable[[str], str],
             done: Callable[[str | None], None] | None = None) -> None:
        self.stop()
        self.refresh_panes()
        self.app.push_screen(PathPrompt(title, hint, default, attempt,
                                        cursor_blink=self.cursor_blink),
                             callback=done or self._file_done)

    def _file_done(self, done: str | None) -> None:
        if done:
            self.notify(done, title="nn101", markup=False)  # it names a typed path
            self.say(done)

    def action_save(self) -> None:
        def attempt(text: str) -> str:
            said = class_files.save(self.learning, user_path(text))
            self.file = text.strip()
            return said

        self._ask("Save run", "Settings, points, parameters, optimizer state and history "
                  "as JSON (ctrl+o loads it; so does nn101-tui --load FILE).", self.file,
                  attempt)

    def action_load(self) -> None:
        def attempt(text: str) -> str:
            loaded = class_files.load(user_path(text))
            loaded.step_teaching = self.learning.step_teaching
            self.learning = loaded
            self.file = text.strip()
            self.query_one(ClassControls).put_back()
            self._after_change()
            return f"loaded {line(text.strip())}: iteration {loaded.iteration}"

        self._ask("Load run", "A run saved with ctrl+s here. If the file is refused, the "
                  "run on screen stays as it is.", self.file, attempt)

    def action_export(self) -> None:
        stem = self.file.removesuffix(".json") + "-export"
        self._ask("Export run", "Writes NAME.json (as train mlp --json reports the run) and "
                  "NAME.csv (its points, x,y,label).", stem,
                  lambda text: self.learning.export(user_path(text)))

    def action_load_points(self) -> None:
        def attempt(text: str) -> str:
            said = self.learning.load_data(user_path(text))
            self._after_change()
            return said

        self._ask("Load points", "A CSV file of x,y,label rows (label 0 to 7; a header "
                  "line x,y,label is fine).", "points.csv", attempt)

    def action_copy_command(self) -> None:
        self.app.copy_to_clipboard(self.command())
        self.say("copied the same-run command (shown whole below)")

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

    # --- settings -----------------------------------------------------------------------

    @on(FieldEdited)
    def _edited(self, event: FieldEdited) -> None:
        event.stop()
        if event.edited.key not in CONTROLS:
            return
        before = self.learning.training
        self.learning.edit(event.edited, event.text)
        if self.learning.training is not before:  # applied: a new run from iteration 0
            self.stop()
        self._after_change()
