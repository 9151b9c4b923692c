"""Learning from data: the guide's SVM or 2-layer net trained live on a decision map.

The screen holds a `Training` from the engine and nothing else that computes: keys step it
or play it (a batch of iterations per timer tick, so keys keep answering while it trains),
controls rebuild it from validated settings, and the panes show what it answers. Any change
of settings starts the run again from iteration 0, so the screen always shows the same run
as `nn101-tui train` with the same flags (the command is on screen).
"""

from __future__ import annotations

import time
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static

from nn101.engine.errors import EngineError, InputError
from nn101.engine.learning import (
    DATASETS,
    MODELS,
    Training,
    TrainSettings,
    make_dataset,
)
from nn101.engine.learning.models import HIDDEN, MAX_HIDDEN
from nn101.engine.numerics import parse_number
from nn101.state.controls import DATASET, MODEL, Control
from nn101.tui.widgets.decision_map import DecisionMap
from nn101.tui.widgets.learn_controls import LearnControls
from nn101.tui.widgets.learn_curves import LearnCurves
from nn101.tui.widgets.learn_explain import LearnExplain
from nn101.tui.widgets.learn_params import LearnParams
from nn101.tui.widgets.learn_step import LearnStepInfo

TICK = 1 / 20
"""Seconds between batches while playing."""
SPEEDS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)
"""Iterations per tick, at most: a tick also stops training after TICK_BUDGET."""
TICK_BUDGET = 0.006
"""Seconds of training per tick at most, so a tick never holds the event loop for long:
keys and frames get the rest of it. A key that comes during a tick waits for the tick and
its frame, so this is kept to a third of a frame (12 ms made keys wait 35-107 ms); the fast
speeds still train thousands of iterations per second (the batch is cut short on a slow
machine)."""
DEFAULT_SPEED = 5
CURVE_EVERY = 6
"""Redraw the curves every this many ticks while playing (0.3 s): plotting costs most,
two plots about as much as three ordinary frames, and a key that comes meanwhile waits."""
MAP_EVERY = 2
"""Redraw the decision map every this many ticks while playing (it is the costliest pane
of a playing frame); a key, a pause or a change of settings redraws it at once."""


def speed_label(speed: int) -> str:
    return f"{speed} iteration{'' if speed == 1 else 's'} per frame"


def record_every(points: int) -> int:
    """Evaluate the whole data set every iteration on the guide's 6 points, every few on
    bigger sets, so the curves stay detailed without slowing the run."""
    return max(1, points // 20)


class LearningScreen(Screen[None]):
    """Train the guide's classifiers and watch the decision map, the pulls and the curves."""

    CSS_PATH = "../learning.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012 (Screen's type)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    AUTO_FOCUS = ""
    """No field takes the keys at first: space steps, p plays."""
    TITLE = "nn101 — learning from data"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "step", "Step"),
        Binding("n", "step", "Step", show=False),
        Binding("p", "toggle_play", "Play/Pause"),
        Binding("r", "reset", "Reset", tooltip="back to iteration 0; fields show the "
                "settings in force"),
        Binding("m", "toggle_model", "SVM/Net"),
        Binding("d", "next_dataset", "Data"),
        Binding("plus,equals_sign", "faster", "Faster"),
        Binding("minus", "slower", "Slower"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, model: str = "svm", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if model not in MODELS:
            raise InputError(f"unknown model {model!r} (one of: {', '.join(MODELS)})")
        self.config: dict[str, Any] = {
            "model": model, "dataset": "guide", "step_size": 0.01, "regularization": 1.0,
            "seed": 0, "hidden": HIDDEN,
        }
        self.training = self._build(self.config)
        self.speed = DEFAULT_SPEED
        self.note = ""
        self._timer: Timer | None = None
        self._ticks = 0
        self._ready = False
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
        yield Static(id="learn-command")
        yield Footer()

    def on_mount(self) -> None:
        titles = {"#learn-map": "Data and decision map", "#learn-step": "Last step",
                  "#learn-curves": "Accuracy and loss", "#learn-controls": "Settings",
                  "#learn-params-scroll": "Parameters and gradients",
                  "#learn-explain-scroll": "The guide vs what happens"}
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.sub_title = self._subtitle()
        self.query_one("#learn-map").border_subtitle = (
            "[b]+[/] +1  [b]-[/] -1  [b reverse]+[/] picked  "
            "dark blue: score > 0, light orange: < 0")
        self._ready = True
        self.refresh_panes()

    # --- state --------------------------------------------------------------------------

    @staticmethod
    def _build(config: dict[str, Any]) -> Training:
        data = make_dataset(config["dataset"])
        settings = TrainSettings(config["step_size"], config["regularization"],
                                 config["seed"], record_every(len(data)))
        return Training(config["model"], data, settings, config["hidden"])

    def _texts(self) -> dict[str, str]:
        c = self.config
        return {"model": c["model"], "dataset": c["dataset"], "step_size": f"{c['step_size']:g}",
                "regularization": f"{c['regularization']:g}", "seed": str(c["seed"]),
                "hidden": str(c["hidden"])}

    def command(self) -> str:
        """The CLI command that gives the run on screen."""
        c = self.config
        parts = [f"nn101-tui train {c['model']}", f"--dataset {c['dataset']}",
                 f"--step-size {c['step_size']:g}", f"--regularization {c['regularization']:g}",
                 f"--seed {c['seed']}"]
        if c["model"] == "net":
            parts.append(f"--hidden {c['hidden']}")
        parts.append(f"--iterations {self.training.iteration}")
        return " ".join(parts)

    def _subtitle(self) -> str:
        """Names the model and data in the header (the app's own names the circuit)."""
        model = "linear SVM" if self.config["model"] == "svm" else "2-layer ReLU net"
        return f"{model} on the {self.config['dataset']} data"

    def apply(self, changes: dict[str, Any]) -> bool:
        """Rebuild the run with `changes`; on refusal keep the current run and say why."""
        config = {**self.config, **changes}
        try:
            training = self._build(config)
        except EngineError as err:
            self.say(str(err), error=True)
            return False
        self.stop()
        self.config, self.training = config, training
        self.sub_title = self._subtitle()
        self.say("settings applied: back to iteration 0")
        return True

    def advance(self, iterations: int, show: bool = True) -> None:
        """Train `iterations` more steps (stops early if the run diverges)."""
        self.training.run(iterations)
        if show:
            self.refresh_panes()

    def _train_for(self, iterations: int, budget: float) -> None:
        """Up to `iterations` steps, stopping once `budget` seconds have gone (checked every
        few steps); the history ends where the batch stopped, exactly as `run` leaves it."""
        training = self.training
        deadline = time.perf_counter() + budget
        for done in range(1, iterations + 1):
            if training.step() is None:
                break
            if done % 16 == 0 and time.perf_counter() > deadline:
                break
        training.run(0)

    # --- showing ------------------------------------------------------------------------

    def say(self, note: str, error: bool = False) -> None:
        self.note = note
        controls = self.query(LearnControls)
        if controls:
            controls.first().show_error(note if error else "")
        self.refresh_panes()

    def refresh_panes(self, curves: bool = True, decision_map: bool = True) -> None:
        if not self._ready:
            return
        t = self.training
        if decision_map:
            self.query_one(DecisionMap).show(t)
        step = self.query_one(LearnStepInfo)
        step.show(t, self.note)
        step.border_subtitle = (f"{'playing' if self.playing else 'paused'} · " +
                                speed_label(self.speed))
        self.query_one(LearnParams).show(t)
        self.query_one(LearnExplain).show(self.config["model"])
        self.query_one(LearnControls).set_values(self._texts())
        if curves:
            self.query_one(LearnCurves).show(t.history)
        # One line high (learning.tcss): the new count needs no re-layout of the screen.
        self.query_one("#learn-command", Static).update(f"[dim]same run:[/] {self.command()}",
                                                        layout=False)

    # --- keys ---------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._timer is not None

    def action_step(self) -> None:
        self.stop()
        if self.training.step() is None:
            self.app.bell()
        self.note = ""
        self.refresh_panes()

    def action_toggle_play(self) -> None:
        if self.playing:
            self.stop()
            self.say("paused")
            return
        if self.training.status == "diverged":
            self.app.bell()
            self.say("the run diverged: reset (r) or change the settings")
            return
        self._timer = self.set_interval(TICK, self._tick)
        self.say("")

    def _tick(self) -> None:
        self._train_for(self.speed, TICK_BUDGET)
        self._ticks += 1
        if self.training.status == "diverged":
            self.stop()
        self.refresh_panes(curves=not self.playing or self._ticks % CURVE_EVERY == 0,
                           decision_map=not self.playing or self._ticks % MAP_EVERY == 0)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def action_reset(self) -> None:
        """The run back to iteration 0 and every field back to the settings in force."""
        self.stop()
        self.training.reset()
        self.query_one(LearnControls).put_back()
        self.say(f"reset: iteration 0, seed {self.config['seed']}")

    def action_toggle_model(self) -> None:
        self.apply({"model": "net" if self.config["model"] == "svm" else "svm"})

    def action_next_dataset(self) -> None:
        names = list(DATASETS)
        self.apply({"dataset": names[(names.index(self.config["dataset"]) + 1) % len(names)]})

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

    # --- controls -----------------------------------------------------------------------

    @on(LearnControls.Changed)
    def _changed(self, event: LearnControls.Changed) -> None:
        try:
            value = self._read(event.field, event.text)
        except EngineError as err:
            self.say(f"{event.field.replace('_', ' ')}: {err} (kept {self._texts()[event.field]})",
                     error=True)
            return
        if self.config.get(event.field) != value:
            self.apply({event.field: value})

    @staticmethod
    def _read(field: str, text: str) -> Any:
        if field in ("model", "dataset"):
            return text
        value = parse_number(text)
        if field in ("seed", "hidden"):
            if not value.is_integer():
                raise InputError(f"a whole number, got {text.strip()}")
            whole = int(value)
            if field == "hidden" and not 1 <= whole <= MAX_HIDDEN:
                raise InputError(f"between 1 and {MAX_HIDDEN}, got {whole}")
            if field == "seed" and abs(whole) >= 2**63:
                raise InputError("between -2**63 and 2**63 - 1")
            return whole
        return value
