"""Learning from data: the guide's SVM or 2-layer net trained live on a decision map.

The screen owns a `Learning` (state/learning.py), the model that holds the settings, the
run, its rewind line and its files; keys ask it to step, rewind, edit or save, and the
registered panes draw what it answers (what a lesson step asks, hides and locks included:
the model's `step_teaching`). It is built on the one screen base (screens/base.py): the
player trains in slices between frames, so keys keep answering while it trains. The "same
run" line under the panes is `state.commands.train_command`, with exact values, wrapped
rather than cut (y copies it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input

from nn101.engine.learning import DATASETS, Training
from nn101.state.controls import DATASET, MODEL
from nn101.state.diagnosis import why as why_text
from nn101.state.files import FileError
from nn101.state.learning import NUDGE, SETTINGS_CONTROLS, Learning, record_every
from nn101.state.model_circuit import ModelCircuit
from nn101.state.teaching import Teaching
from nn101.state.text import line
from nn101.tui.messages import FieldEdited
from nn101.tui.player import FULL_SPEED, speed_label
from nn101.tui.screens.base import PLAY_BINDINGS, ModelScreen
from nn101.tui.screens.path_prompt import PathPrompt, user_path
from nn101.tui.widgets.decision_map import DecisionMap
from nn101.tui.widgets.learn_circuit import LearnCircuit
from nn101.tui.widgets.learn_controls import LearnControls
from nn101.tui.widgets.learn_curves import LearnCurves
from nn101.tui.widgets.learn_explain import LearnExplain
from nn101.tui.widgets.learn_params import LearnParams
from nn101.tui.widgets.learn_step import LearnStepInfo
from nn101.tui.widgets.text_lines import TextLines

__all__ = ["FULL_SPEED", "LearningScreen", "record_every", "speed_label"]

CURVE_EVERY = 6
"""Redraw the curves every this many frames while playing (0.3 s): two plots cost about
as much as the rest of a frame together."""
MAP_EVERY = 2
"""Redraw the decision map every this many frames while playing (it is the costliest pane
of a playing frame); a key, a pause or a change of settings redraws it at once."""


CONTROLS = {c.key: c for c in SETTINGS_CONTROLS}


def wrap_groups(command: str, width: int) -> list[str]:
    """`command` in lines of at most `width` (where it can), broken only before a flag."""
    lines: list[str] = []
    for group in re.split(r" (?=--)", command):
        if lines and len(lines[-1]) + 1 + len(group) <= width:
            lines[-1] += " " + group
        else:
            lines.append(group)
    return lines


class LearningScreen(ModelScreen):
    """Train the guide's classifiers and watch the decision map, the pulls and the curves."""

    CSS_PATH = "../learning.tcss"
    WIDTH_CLASSES = ((0, "-narrow"), (110, "-wide"), (140, "-roomy"))
    UNIT = "iteration"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    AUTO_FOCUS = ""
    """No field takes the keys at first: space steps, p plays."""
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

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "step", "Step", tooltip="one iteration (from a rewound one: a new "
                "branch from there)"),
        Binding("n", "step", "Step", show=False, tooltip="one iteration"),
        *PLAY_BINDINGS,
        Binding("r", "reset", "Reset", tooltip="back to iteration 0; fields show the "
                "settings in force"),
        Binding("m", "toggle_model", "SVM/Net", tooltip="switch between the linear SVM and "
                "the 2-layer net"),
        Binding("d", "next_dataset", "Data", tooltip="the next data set"),
        Binding("comma", "rewind(1)", "Rewind", tooltip="one iteration back (every "
                "iteration is kept, within the bound help names)"),
        Binding("full_stop", "rewind(-1)", "Fwd", tooltip="one kept iteration forward"),
        Binding("less_than_sign", "rewind(25)", "Back 25", show=False,
                tooltip="25 iterations back"),
        Binding("greater_than_sign", "rewind(-25)", "Forward 25", show=False,
                tooltip="25 kept iterations forward"),
        Binding("w", "select_param(1)", "Param", show=False, tooltip="select the next "
                "parameter (marked > in the table)"),
        Binding("W", "select_param(-1)", "Prev param", show=False,
                tooltip="select the previous parameter"),
        Binding("u", "nudge(1)", "Nudge +", show=False, tooltip=f"the selected parameter "
                f"up by {NUDGE:g}; training continues from it"),
        Binding("j", "nudge(-1)", "Nudge -", show=False, tooltip=f"the selected parameter "
                f"down by {NUDGE:g}"),
        Binding("e", "type_param", "Set param", show=False, tooltip="type a value for the "
                "selected parameter"),
        Binding("up", "cursor(0, -1)", "Cursor up", show=False, tooltip="move the map's "
                "cursor up (where a point goes; a click moves it too)"),
        Binding("down", "cursor(0, 1)", "Cursor down", show=False,
                tooltip="move the map's cursor down"),
        Binding("left", "cursor(-1, 0)", "Cursor left", show=False,
                tooltip="move the map's cursor left"),
        Binding("right", "cursor(1, 0)", "Cursor right", show=False,
                tooltip="move the map's cursor right"),
        Binding("a", "add_point(1)", "Add +1", show=False, tooltip="add a +1 point at the "
                "cursor (your own data: back to iteration 0)"),
        Binding("z", "add_point(-1)", "Add -1", show=False,
                tooltip="add a -1 point at the cursor"),
        Binding("delete,backspace", "remove_point", "Remove point", show=False,
                tooltip="remove the point nearest the cursor"),
        Binding("l", "load_points", "Load points", show=False, tooltip="train on an "
                "x,y,label CSV file (a bad row is refused, naming its line)"),
        Binding("ctrl+s", "save", "Save", show=False, priority=True, tooltip="save this "
                "run: settings, data, parameters, history"),
        Binding("ctrl+o", "load", "Load", show=False, priority=True,
                tooltip="load a run saved with ctrl+s"),
        Binding("x", "export", "Export", show=False, tooltip="export the run as train "
                "--json reports it (NAME.json) and its points (NAME.csv)"),
        Binding("y", "copy_command", "Copy run", show=False, tooltip="copy the 'same run' "
                "command to the clipboard"),
        Binding("c", "toggle_circuit", "Circuit", tooltip="the model's circuit at the point "
                "the last step picked, in place of the map (c again: the map)"),
        Binding("b", "walk", "Walk", show=False, tooltip="walk the model's circuit backward "
                "one gate, from the pull on the score (shows the circuit)"),
        Binding("k", "pick_neuron(1)", "Next neuron", show=False, tooltip="the net: draw "
                "the next neuron (else the one the last step changed most)"),
        Binding("K", "pick_neuron(0)", "Neuron changed most", show=False, tooltip="the "
                "net: draw the neuron the last step changed most again"),
        Binding("escape", "back", "Back", tooltip="leave a field; else back to the circuits"),
    ]

    def __init__(self, model: str = "svm", *, learning: Learning | None = None,
                 cursor_blink: bool = True, **kwargs: Any) -> None:
        super().__init__()
        self.learning = learning if learning is not None else Learning(model)
        self.cursor_blink = cursor_blink
        self.selected = 0
        """Index of the selected parameter (w / W move it)."""
        self.file = "learning.json"
        self._ready = False
        self.neuron: int | None = None
        """The neuron the learner picked (k); None: the one the last step changed most."""
        self.view: ModelCircuit | None = None
        """The model's circuit at the last step's point, while the circuit is shown."""
        self._view_of: object = None
        self.why = ""
        """The "why isn't it learning?" line (empty when nothing holds)."""

    @property
    def teaching(self) -> Teaching:
        return self.learning.step_teaching

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        locked = {"toggle_model": MODEL, "next_dataset": DATASET}.get(action)
        return locked is None or locked not in self.teaching.locked

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

    def on_mount(self) -> None:
        titles = {"#learn-map": "Data and decision map", "#learn-step": "Last step",
                  "#learn-curves": "Accuracy and loss", "#learn-controls": "Settings",
                  "#learn-params-scroll": "Parameters and gradients",
                  "#learn-explain-scroll": "The guide vs what happens",
                  "#learn-circuit": "The model's circuit at the picked point"}
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.sub_title = self._subtitle()
        self.register_panes()
        self._ready = True
        self.refresh_panes()

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

    def command(self) -> str:
        """The CLI command that gives the run on screen."""
        return self.learning.command()

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

    def advance(self, count: int, deadline: float) -> int:
        return self.learning.advance(count, deadline)

    # --- showing ------------------------------------------------------------------------

    def say(self, note: str, error: bool = False) -> None:
        self.note = note
        if error:
            self.learning.errors["note"] = line(note)
        else:
            self.learning.errors.pop("note", None)
        self.refresh_panes()

    @property
    def selected_name(self) -> str:
        names = list(self.training.model.params)
        return names[self.selected % len(names)]

    def refresh_panes(self, *, later: bool = False) -> None:
        """Show the run in every pane; `later`: the costly ones (map, curves) after the
        frame, so the frame that answers a key holds only the cheap panes (any number of
        such requests before that frame are one redraw)."""
        if self._ready:
            self.panes.show_all(self.teaching, defer=later)

    def show_frame(self) -> None:
        """A playing frame: the map and curves on their cadence (the player counts)."""
        self.learning.settle()
        if not self._ready:
            return
        if not self.playing:  # it stopped by itself (diverged): everything, at once
            self.refresh_panes()
            return
        self.panes.show_all(self.teaching, frame=self.player.frames)

    @property
    def asks(self) -> bool:
        """Whether the gradients are asked (a lesson step's question)."""
        return self.teaching.asks("gradients")

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

    def _show_command(self) -> None:
        """The same-run line, wrapped between flags (a flag and its value stay together,
        never cut); the pane is re-laid out only when its number of lines changes."""
        box = self.query_one("#learn-command", TextLines)
        # Before its first layout the box has no size: the screen's width less its padding.
        width = box.content_size.width or (self.size.width or 82) - 2
        # One column spare: a line exactly as wide as the box was wrapped again by Textual.
        lines = wrap_groups("same run: " + self.command(), width - 1)
        text = Text("same run: ", style="dim")
        text.append("\n".join(lines)[len("same run: "):])  # outside text: never markup
        box.update(text)

    @property
    def circuit_shown(self) -> bool:
        return self.has_class("-circuit")

    def _show_circuit(self) -> None:
        """The circuit of the last step (rebuilt when the step or the neuron changed; a
        walk in progress is kept while they do not)."""
        t = self.training
        key = (id(t), t.last, self.neuron, t.model.activation)
        if key != self._view_of:
            self._view_of = key
            self.view = ModelCircuit(t, self.neuron) if t.last is not None else None
        pane = self.query_one(LearnCircuit)
        width = (pane.content_size.width or self.size.width - 4) - 1
        height = max(8, (pane.content_size.height or self.size.height - 8) - 8)
        pane.show(self.view, width, height, hide_gradients=self.asks)

    def action_toggle_circuit(self) -> None:
        self.set_class(not self.circuit_shown, "-circuit")
        self.refresh_panes()
        self.call_after_refresh(self.refresh_panes)  # sized now: fit the drawing to it

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

    def action_step(self) -> None:
        self.stop()
        self.note = ""
        if self.learning.step() is None:
            self.app.bell()
        self.learning.settle()
        self.refresh_panes(later=True)

    def play_refused(self) -> str:
        if self.training.status == "diverged":
            return "the run diverged: reset (r) or change the settings"
        return ""

    def stop(self) -> None:
        """Stop playing; the run's history ends where the training stopped."""
        if self.player.pause():
            self.learning.settle()

    def action_reset(self) -> None:
        """The run back to iteration 0 and every field back to the settings in force."""
        self.stop()
        self.learning.reset()
        self.query_one(LearnControls).put_back()
        self._after_change()

    def action_toggle_model(self) -> None:
        self.apply({"model": "net" if self.config["model"] == "svm" else "svm"})

    def action_next_dataset(self) -> None:
        names = list(DATASETS)
        current = self.config["dataset"]
        index = names.index(current) if current in names else -1
        self.stop()
        self.learning.edit(CONTROLS["dataset"], names[(index + 1) % len(names)])
        self._after_change()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)
            return
        self.stop()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    # --- rewind and parameters ----------------------------------------------------------

    def action_rewind(self, count: int) -> None:
        self.stop()
        if not self.learning.back(count):
            self.app.bell()
            self.say(self.learning.rewind_note())
            return
        self.refresh_panes(later=True)

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

    # --- your own data ------------------------------------------------------------------

    def action_cursor(self, dcol: int, drow: int) -> None:
        self.query_one(DecisionMap).move_cursor(dcol, drow)
        self._say_cursor()

    def _say_cursor(self) -> None:
        at = self.query_one(DecisionMap).cursor_point()
        if at is not None:
            self.say(f"cursor at ({at[0]:.2f}, {at[1]:.2f}): a adds +1, z adds -1, delete "
                     "removes the nearest")

    @on(DecisionMap.Clicked)
    def _clicked(self) -> None:
        self._say_cursor()

    def action_add_point(self, label: int) -> None:
        at = self.query_one(DecisionMap).cursor_point()
        if at is None:
            self.query_one(DecisionMap).move_cursor(0, 0)
            self.say("the cursor is on the map now: arrows move it, a/z add a point there")
            return
        self.stop()
        self.learning.add_point(at[0], at[1], label)
        self._after_change()

    def action_remove_point(self) -> None:
        decision_map = self.query_one(DecisionMap)
        at = decision_map.cursor_point()
        if at is None:
            self.say("move the cursor to a point first (arrows or a click)")
            return
        x0, x1, _, _ = self.training.dataset.bounds()
        index = self.learning.nearest_point(at[0], at[1], (x1 - x0) / 10)
        if index is None:
            self.app.bell()
            self.say("no point near the cursor")
            return
        self.stop()
        self.learning.remove_point(index)
        self._after_change()

    # --- files --------------------------------------------------------------------------

    def _ask(self, title: str, hint: str, default: str,
             attempt: Callable[[str], str]) -> None:
        self.stop()
        self.refresh_panes()
        self.app.push_screen(PathPrompt(title, hint, default, attempt,
                                        cursor_blink=self.cursor_blink),
                             callback=self._file_done)

    def _file_done(self, done: str | None) -> None:
        if done:
            self.notify(done, title="nn101", markup=False)  # it names a typed path
            self.say(done)

    def action_save(self) -> None:
        def attempt(text: str) -> str:
            said = self.learning.save(user_path(text))
            self.file = text.strip()
            return said

        self._ask("Save run", "Settings, data, parameters and history as JSON (ctrl+o "
                  "loads it; so does nn101-tui --load FILE).", self.file, attempt)

    def action_load(self) -> None:
        def attempt(text: str) -> str:
            self.learning = Learning.load(user_path(text))
            self.file = text.strip()
            self.query_one(LearnControls).put_back()
            self._after_change()
            return self.note

        self._ask("Load run", "A run saved with ctrl+s here. If the file is refused, the "
                  "run on screen stays as it is.", self.file, attempt)

    def action_export(self) -> None:
        stem = self.file.removesuffix(".json") + "-export"
        self._ask("Export run", "Writes NAME.json (as train --json reports the run) and "
                  "NAME.csv (its points, x,y,label).", stem,
                  lambda text: self.learning.export(user_path(text)))

    def action_load_points(self) -> None:
        def attempt(text: str) -> str:
            said = self.learning.load_data(user_path(text))
            self._after_change()
            return said

        self._ask("Load points", "A CSV file of x,y,label rows (label +1 or -1; a header "
                  "line x,y,label is fine).", "points.csv", attempt)

    def action_copy_command(self) -> None:
        self.app.copy_to_clipboard(self.command())
        self.say("copied the same-run command (shown whole below)")

    # --- controls -----------------------------------------------------------------------

    @on(FieldEdited)
    def _changed(self, event: FieldEdited) -> None:
        control = event.edited
        before = self.learning.training
        self.learning.edit(control, event.text)
        if self.learning.training is not before:  # applied: a new run from iteration 0
            self.stop()
        self._after_change()

    @staticmethod
    def _read(field: str, text: str) -> Any:
        """A field's value read by its control (InputError says what is wrong)."""
        return CONTROLS[field].read(text)

