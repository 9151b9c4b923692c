"""Learning from data: the guide's SVM or 2-layer net trained live on a decision map.

The screen owns a `Learning` (state/learning.py), the model that holds the settings, the
run, its rewind line and its files; keys ask it to step, rewind, edit or save, and the
panes draw what it answers. Training plays as a batch of iterations per timer tick, so keys
keep answering while it trains. The "same run" line under the panes is
`state.commands.train_command`, with exact values, wrapped rather than cut (y copies it).
"""

from __future__ import annotations

import asyncio
import gc
import math
import re
import sys
import time
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Header, Input
from textual.worker import Worker

from nn101.engine.learning import DATASETS, Training
from nn101.state.controls import DATASET, MODEL, Control
from nn101.state.diagnosis import why as why_text
from nn101.state.files import FileError
from nn101.state.learning import NUDGE, SETTINGS_CONTROLS, Learning, record_every
from nn101.state.model_circuit import ModelCircuit
from nn101.state.text import line
from nn101.tui.screens.path_prompt import PathPrompt, user_path
from nn101.tui.widgets.decision_map import DecisionMap
from nn101.tui.widgets.keys_footer import KeysFooter
from nn101.tui.widgets.learn_circuit import LearnCircuit
from nn101.tui.widgets.learn_controls import LearnControls
from nn101.tui.widgets.learn_curves import LearnCurves
from nn101.tui.widgets.learn_explain import LearnExplain
from nn101.tui.widgets.learn_params import LearnParams
from nn101.tui.widgets.learn_step import LearnStepInfo
from nn101.tui.widgets.steady_static import SteadyStatic

__all__ = ["LearningScreen", "record_every"]

TICK = 1 / 20
"""Seconds between frames while playing at a counted speed."""
FULL_TICK = 1 / 22
"""Seconds between frames at full speed: 20 frames a second and a little more, so a late
frame never takes it under 20."""
FULL_SPEED = 0
"""The last speed: no count per frame, it trains all the time the frames leave."""
SPEEDS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, FULL_SPEED)
"""Iterations per frame, at most (a frame's training stops when the next frame is due).
The last, FULL_SPEED, trains from one frame to the next: the engine's pace, less what
the frames and keys take."""
SLICE = 0.001
"""Seconds of training at a time while playing. Between slices the event loop answers
keys and paints frames, so a key waits at most one slice for the training to let go."""
YIELDS = 6
"""Turns of the event loop between two slices. A key travels from the terminal's reader
to the app, the screen and its binding in three turns: with one turn per slice it would
wait a slice per hop."""
SWITCH_INTERVAL = 0.0005
"""Seconds a thread waits for the interpreter at most while this screen is shown
(sys.setswitchinterval; Python's default is 5 ms, restored when the screen is left). The
terminal's reader and writer are threads: behind the training a key reached the app
10-35 ms late, and behind a redraw a frame waited ~2 ms to be written."""
LATER_DELAY = 0.004
"""Seconds from a key's frame to the redraw of the panes it left for later."""
MAX_SLICE_STEPS = 100_000
"""Steps asked of one slice at most (the slice's deadline ends it long before)."""
DEFAULT_SPEED = 5
CURVE_EVERY = 6
"""Redraw the curves every this many frames while playing (0.3 s): two plots cost about
as much as the rest of a frame together."""
MAP_EVERY = 2
"""Redraw the decision map every this many frames while playing (it is the costliest pane
of a playing frame); a key, a pause or a change of settings redraws it at once."""


def speed_label(speed: int) -> str:
    if speed == FULL_SPEED:
        return "full speed"
    return f"{speed} iteration{'' if speed == 1 else 's'} per frame"


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


class LearningScreen(Screen[None]):
    """Train the guide's classifiers and watch the decision map, the pulls and the curves."""

    CSS_PATH = "../learning.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (140, "-roomy")]  # noqa: RUF012
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
        Binding("p", "toggle_play", "Play/Pause", tooltip="train continuously, or pause"),
        Binding("r", "reset", "Reset", tooltip="back to iteration 0; fields show the "
                "settings in force"),
        Binding("m", "toggle_model", "SVM/Net", tooltip="switch between the linear SVM and "
                "the 2-layer net"),
        Binding("d", "next_dataset", "Data", tooltip="the next data set"),
        Binding("plus,equals_sign", "faster", "Faster", tooltip="more iterations per frame"),
        Binding("minus", "slower", "Slower", tooltip="fewer iterations per frame"),
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
        super().__init__(**kwargs)
        self.learning = learning if learning is not None else Learning(model)
        self.cursor_blink = cursor_blink
        self.speed = DEFAULT_SPEED
        self.selected = 0
        """Index of the selected parameter (w / W move it)."""
        self.file = "learning.json"
        self._player: Worker[None] | None = None
        """The play loop (`_play`), while playing."""
        self._ticks = 0
        self._switch: float | None = None
        """Python's thread switch interval before this screen was shown (SWITCH_INTERVAL)."""
        self._later_curves = self._later_map = False
        """Panes `refresh_panes(later=True)` left for after the next frame."""
        self._later_posted = False
        self._ready = False
        self.neuron: int | None = None
        """The neuron the learner picked (k); None: the one the last step changed most."""
        self.view: ModelCircuit | None = None
        """The model's circuit at the last step's point, while the circuit is shown."""
        self._view_of: object = None
        self.why = ""
        """The "why isn't it learning?" line (empty when nothing holds)."""
        self.locked: frozenset[Control] = frozenset()
        """Settings a lesson step locks (tui/lesson.py): their keys are off too."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        locked = {"toggle_model": MODEL, "next_dataset": DATASET}.get(action)
        return locked is None or locked not in self.locked

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="learn-body"):
            with Vertical(id="learn-left"):
                yield DecisionMap(id="learn-map", classes="learn-pane")
                yield LearnStepInfo(id="learn-step", classes="learn-pane")
                yield LearnCurves(id="learn-curves", classes="learn-pane")
            with Vertical(id="learn-right"):
                yield LearnControls(self._texts(), id="learn-controls", classes="learn-pane")
                with VerticalScroll(id="learn-params-scroll", classes="learn-pane"):
                    yield LearnParams(id="learn-params")
                with VerticalScroll(id="learn-explain-scroll", classes="learn-pane"):
                    yield LearnExplain(id="learn-explain")
        yield LearnCircuit(id="learn-circuit", classes="learn-pane")
        yield SteadyStatic(id="learn-command")
        yield KeysFooter()

    def on_screen_resume(self) -> None:
        if self._switch is None:
            self._switch = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch, SWITCH_INTERVAL))

    def on_screen_suspend(self) -> None:
        self._restore_switch()

    def on_unmount(self) -> None:
        self.stop()
        self._restore_switch()

    def _restore_switch(self) -> None:
        if self._switch is not None:
            sys.setswitchinterval(self._switch)
            self._switch = None

    def on_mount(self) -> None:
        titles = {"#learn-map": "Data and decision map", "#learn-step": "Last step",
                  "#learn-curves": "Accuracy and loss", "#learn-controls": "Settings",
                  "#learn-params-scroll": "Parameters and gradients",
                  "#learn-explain-scroll": "The guide vs what happens",
                  "#learn-circuit": "The model's circuit at the picked point"}
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.sub_title = self._subtitle()
        self.query_one("#learn-map").border_subtitle = (
            "[b]+[/] +1  [b]-[/] -1  [b reverse]+[/] picked  "
            "dark blue: score > 0, light orange: < 0")
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

    def _texts(self) -> dict[str, str]:
        return self.learning.texts()

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

    def advance(self, iterations: int, show: bool = True) -> None:
        """Train `iterations` more steps (stops early if the run diverges)."""
        self.learning.run(iterations)
        if show:
            self.refresh_panes()

    def _train_for(self, iterations: int, deadline: float) -> int:
        """Up to `iterations` steps, stopping at `deadline` (perf_counter, checked every few
        steps) or when the run diverges; how many were taken. The history is left for
        `settle` (a big data set is evaluated whole there)."""
        step = self.learning.step
        for done in range(1, iterations + 1):
            if step() is None:
                return done - 1
            if done % 16 == 0 and time.perf_counter() > deadline:
                return done
        return iterations

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

    def refresh_panes(self, curves: bool = True, decision_map: bool = True,
                      later: bool = False) -> None:
        """Show the run: the map (or the model's circuit) and the curves with the "why
        isn't it learning?" line only when asked (they cost most). `later`: those in the
        frame after this one, so the frame that answers a key holds only the cheap panes
        (any number of such requests before that frame are one redraw)."""
        if not self._ready:
            return
        if later:
            self._later_curves |= curves
            self._later_map |= decision_map
            curves = decision_map = False  # the step pane is repainted below: a frame comes
        t = self.training
        if decision_map:
            self._draw_map()
        if curves:  # measured as often as the curves are drawn: it scores every point
            self.why = why_text(t)
        step = self.query_one(LearnStepInfo)
        step.show(t, self.note, self.why)
        where = (f"rewound: {t.iteration} of {self.learning.head} · "
                 if self.learning.rewound else "")
        step.border_subtitle = (where + f"{'playing' if self.playing else 'paused'} · " +
                                speed_label(self.speed))
        self.query_one(LearnParams).show(t, self.selected_name)
        self.query_one(LearnExplain).show(self.config["model"])
        pane = self.query_one(LearnControls)
        pane.set_values(self._texts())
        pane.show_error("\n".join(self.learning.errors.values()))
        if curves:  # playing: in this frame, not in one more for keys to wait behind
            self.query_one(LearnCurves).show(t.history, later=not self.playing)
        self._show_command()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The screen's background is part of every frame (it is under every pane), so
        this is where a frame is known to be out: the panes left for later are drawn
        next. (call_after_refresh ran them before the frame when the screen went idle
        before the panes' repaint requests reached it.)"""
        lines = super().render_lines(crop)
        if (self._later_curves or self._later_map) and not self._later_posted:
            self._later_posted = True
            # A moment later: the terminal's writer thread sends this frame meanwhile (a
            # redraw holding the interpreter made it wait ~2 ms).
            self.set_timer(LATER_DELAY, self._draw_later)
        return lines

    def _draw_later(self) -> None:
        """What `refresh_panes(later=True)` left for the frame after the key's."""
        curves, decision_map = self._later_curves, self._later_map
        self._later_curves = self._later_map = self._later_posted = False
        if not self._ready or not self.is_attached:
            return
        if decision_map:
            self._draw_map()
        if curves:
            why = why_text(self.training)
            if why != self.why:
                self.why = why
                self.query_one(LearnStepInfo).show(self.training, self.note, self.why)
            self.query_one(LearnCurves).show(self.training.history)

    def _draw_map(self) -> None:
        if self.circuit_shown:
            self._show_circuit()
        else:
            self.query_one(DecisionMap).show(self.training)

    def _show_command(self) -> None:
        """The same-run line, wrapped between flags (a flag and its value stay together,
        never cut); the pane is re-laid out only when its number of lines changes."""
        box = self.query_one("#learn-command", SteadyStatic)
        # Before its first layout the box has no size: the screen's width less its padding.
        width = box.content_size.width or (self.size.width or 82) - 2
        # One column spare: a line exactly as wide as the box was wrapped again by Textual.
        lines = wrap_groups("same run: " + self.command(), width - 1)
        text = Text("same run: ", style="dim")
        text.append("\n".join(lines)[len("same run: "):])  # outside text: never markup
        box.write(text)

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
        pane.show(self.view, width, height)

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

    @property
    def playing(self) -> bool:
        return self._player is not None

    def action_step(self) -> None:
        self.stop()
        self.note = ""
        if self.learning.step() is None:
            self.app.bell()
        self.learning.settle()
        self.refresh_panes(later=True)

    def action_toggle_play(self) -> None:
        if self.playing:
            self.stop()
            self.say("paused")
            return
        if self.training.status == "diverged":
            self.app.bell()
            self.say("the run diverged: reset (r) or change the settings")
            return
        self._player = self.run_worker(self._play(), name="play", group="play",
                                       exclusive=True)
        self.say("")

    async def _play(self) -> None:
        """Train and show until stopped. Each frame period trains up to `speed` iterations
        (FULL_SPEED: until the next frame is due) in SLICE-long slices with the event loop
        served between them, then shows the panes. Never holds the loop for more than a
        slice: a key is answered between two slices, and stop() cancels the loop at its
        next turn.

        The objects alive when play starts (the app's widgets, styles, caches: ~80,000) are
        frozen out of the cyclic collector's sight until it stops (gc.freeze/unfreeze):
        training makes garbage fast, and each full pass over them took 25-35 ms, four or
        five times in a few seconds of play, holding keys and frames. Unfrozen at stop,
        they are collected as ever; nothing is kept alive by the freeze."""
        gc.freeze()  # see the docstring's last paragraph
        try:
            due = time.perf_counter()
            while True:
                due += TICK if self.speed != FULL_SPEED else FULL_TICK
                left = self.speed if self.speed != FULL_SPEED else math.inf
                while left > 0:  # one slice at least, even behind time: no frame without news
                    now = time.perf_counter()
                    left -= self._train_for(int(min(left, MAX_SLICE_STEPS)),
                                            min(now + SLICE, max(due, now)))
                    if self.training.status == "diverged":
                        break
                    for _ in range(YIELDS):
                        await asyncio.sleep(0)
                    if time.perf_counter() >= due:
                        break
                self._show_frame()
                if not self.playing:
                    return
                now = time.perf_counter()
                if now < due:
                    await asyncio.sleep(due - now)
                elif now - due > TICK:
                    due = now  # far behind (a slow machine): never bunch frames to catch up
        finally:
            gc.unfreeze()

    def _show_frame(self) -> None:
        """The panes after a period's training (the map and curves on their cadence)."""
        self.learning.settle()
        self._ticks += 1
        if self.training.status == "diverged":
            self.stop()
        self.refresh_panes(curves=not self.playing or self._ticks % CURVE_EVERY == 0,
                           decision_map=not self.playing or self._ticks % MAP_EVERY == 0)

    def stop(self) -> None:
        """Stop playing; the run's history ends where the training stopped."""
        if self._player is not None:
            self._player.cancel()
            self._player = None
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

    def action_faster(self) -> None:
        self._change_speed(+1)

    def action_slower(self) -> None:
        self._change_speed(-1)

    def _change_speed(self, delta: int) -> None:
        index = SPEEDS.index(self.speed) if self.speed in SPEEDS else 2
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, index + delta))]
        self.say(speed_label(self.speed))

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

    @on(LearnControls.Changed)
    def _changed(self, event: LearnControls.Changed) -> None:
        control = CONTROLS.get(event.field)
        if control is None:
            return
        before = self.learning.training
        self.learning.edit(control, event.text)
        if self.learning.training is not before:  # applied: a new run from iteration 0
            self.stop()
        self._after_change()

    @staticmethod
    def _read(field: str, text: str) -> Any:
        """A field's value read by its control (InputError says what is wrong)."""
        return CONTROLS[field].read(text)

