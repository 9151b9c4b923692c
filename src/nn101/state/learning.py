"""The learning screen's model: settings, the run, its rewind line, edits, and its files.

The screen owns one `Learning` and its panes draw from it; nothing here knows Textual.
Settings are read through the controls (`MODEL`, `DATASET`, `TRAINING_FIELDS`), so a field,
a `train` flag and a saved file accept exactly the same values; a refused value is kept in
`errors` (one line, controls visible) and the run is left as it was.

Rewind: every iteration of the current line is kept as its parameters (one float per
parameter, in a flat array) plus the random generator's state every CHECKPOINT_EVERY
iterations; the state at any kept iteration is rebuilt by replaying the picks from the
nearest checkpoint and redoing that one step, so "iteration k" on screen is bit for bit
the run stopped at k. At most REWIND_FLOATS floats are kept (16 MB): past that the oldest
iterations are dropped and the note says from where rewinding still reaches. Stepping from
a past iteration drops the later ones: a new branch.

A file saved here is versioned JSON ("format": "nn101-learning", "version": 1), the same
family as the circuit screen's sessions (state/session.py): settings, data, parameters,
history and the random state; loading checks every field and refuses with where and what.
"""

from __future__ import annotations

import json
import os
import random
import time
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from nn101.engine.errors import EngineError, InputError
from nn101.engine.learning import (
    Dataset,
    Evaluation,
    History,
    StepDetail,
    Training,
    TrainSettings,
    from_points,
    make_dataset,
)
from nn101.engine.learning.datasets import MAX_COORDINATE
from nn101.engine.learning.models import HIDDEN
from nn101.engine.numerics import is_finite, parse_number
from nn101.state import controls
from nn101.state.commands import exact, train_command
from nn101.state.diagnosis import diagnosis_data
from nn101.state.files import FileError, read_bytes, write_text_atomic
from nn101.state.own_points import MAX_DATA_POINTS as MAX_DATA_POINTS
from nn101.state.own_points import OwnPoints
from nn101.state.own_points import parse_points as parse_points
from nn101.state.own_points import read_points as read_points
from nn101.state.session import (
    _check_keys,
    _choice,
    _fail,
    _list,
    _message,
    _number,
    _numbers,
    _object,
    _rng_state,
    _show,
    _whole,
    check_header,
    check_size,
    json_lines,
    read_file_text,
    setting_value,
)
from nn101.state.session import _loads as _json_loads
from nn101.state.teaching import NOTHING, Teaching
from nn101.state.text import line

FORMAT = "nn101-learning"
VERSION = 1
OWN = "own"
"""The data set's name once points were added, removed or loaded from a file."""
REWIND_FLOATS = 2_000_000
"""Most parameter values kept for rewinding (8 bytes each: 16 MB). The guide's SVM keeps
its last 666,666 iterations, the 3-neuron net 153,846, a 64-neuron net 7,782."""
CHECKPOINT_EVERY = 256
"""The random generator's state is kept every this many iterations; rewinding replays at
most this many picks (about 0.1 ms)."""
MAX_ITERATION = 10**12
"""Largest iteration a learning file may hold: far past any run (the screen plays a few
thousand a second), and far from the 64-bit counters of the history (2**63 - 1, where one
more step overflowed)."""
NUDGE = 0.1
"""How far one nudge key moves a parameter (shift: ten times less)."""
SETTINGS_CONTROLS: tuple[controls.Control, ...] = (controls.MODEL, controls.DATASET,
                                                   *controls.TRAINING_FIELDS,
                                                   controls.ACTIVATION)
OPTIONAL_SETTINGS = {"activation": "relu"}
"""Settings a version 1 file may leave out (it was written before they existed), with the
value they had then. A file is written without one that holds that value, so a file
whose run an older nn101-tui can repeat still loads there."""
_TOP_KEYS = ("format", "version", "settings", "data", "iteration", "params", "status",
             "message", "edited", "history", "rng_state")
_SETTING_KEYS = tuple(c.key for c in SETTINGS_CONTROLS)


def record_every(points: int) -> int:
    """Evaluate the whole data set every iteration on the guide's 6 points, every few on
    bigger sets, so the curves stay detailed without slowing the run."""
    return max(1, points // 20)


def default_config(model: str = "svm") -> dict[str, Any]:
    return {"model": model, "dataset": "guide", "step_size": 0.01, "regularization": 1.0,
            "seed": 0, "hidden": HIDDEN, "activation": "relu"}


def field_text(value: Any) -> str:
    """A setting as its field shows it: exactly (repr), never rounded as :g would."""
    if isinstance(value, str):
        return value
    return exact(value)


@dataclass
class _Line:
    """The kept iterations of the current run: flat parameters and sparse rng states."""

    width: int
    first: int = 0
    """The oldest iteration still kept."""
    values: array[float] = field(default_factory=lambda: array("d"))
    checkpoints: dict[int, tuple[Any, ...]] = field(default_factory=dict)

    @property
    def last(self) -> int:
        return self.first + len(self.values) // self.width - 1

    def add(self, iteration: int, params: Sequence[float], rng: random.Random) -> None:
        self.values.extend(params)
        if iteration % CHECKPOINT_EVERY == 0:
            self.checkpoints[iteration] = rng.getstate()
        if len(self.values) > REWIND_FLOATS:
            self._drop_oldest()

    def _drop_oldest(self) -> None:
        """Drop the oldest quarter, keeping a checkpoint at the new first iteration."""
        kept = len(self.values) // self.width
        new_first = self.first + kept // 4
        new_first -= new_first % CHECKPOINT_EVERY
        if new_first <= self.first:
            return
        del self.values[: (new_first - self.first) * self.width]
        self.first = new_first
        self.checkpoints = {k: v for k, v in self.checkpoints.items() if k >= new_first}

    def params_at(self, iteration: int) -> list[float]:
        start = (iteration - self.first) * self.width
        return list(self.values[start: start + self.width])

    def cut_after(self, iteration: int) -> None:
        del self.values[(iteration - self.first + 1) * self.width:]
        self.checkpoints = {k: v for k, v in self.checkpoints.items() if k <= iteration}


class Learning(OwnPoints):
    """The learning screen's state: what the fields hold, the run, and its kept line."""

    def __init__(self, model: str = "svm", config: Mapping[str, Any] | None = None,
                 points: Sequence[tuple[float, float, int]] | None = None) -> None:
        base = default_config(model)
        controls.MODEL.read(base["model"])  # InputError for an unknown model
        self.config: dict[str, Any] = {**base, **(config or {})}
        self.points: tuple[tuple[float, float, int], ...] | None = (
            None if points is None else tuple(points))
        """Your own points (dataset "own"); None: the named data set."""
        self.errors: dict[str, str] = {}
        """A refused value's message per control key (one line); cleared when it applies."""
        self.note = ""
        self.step_teaching: Teaching = NOTHING
        """What the lesson step showing this run asks, hides and locks (state/teaching.py)."""
        self.edited = False
        """A parameter was set by hand: `train` cannot repeat this run."""
        self.training = self._build(self.config, self.points)
        self._line = self._new_line()
        self.head = 0
        """The last iteration of the kept line (the view may be behind it)."""
        self._head_history: History = self.training.history
        self._head_status: tuple[Literal["ok", "diverged"], str] = ("ok", "")

    # --- building ---------------------------------------------------------------------

    @staticmethod
    def dataset_of(config: Mapping[str, Any],
                   points: Sequence[tuple[float, float, int]] | None) -> Dataset:
        if points is not None:
            return from_points(points, OWN)
        return make_dataset(config["dataset"])

    @classmethod
    def _build(cls, config: Mapping[str, Any],
               points: Sequence[tuple[float, float, int]] | None) -> Training:
        data = cls.dataset_of(config, points)
        settings = TrainSettings(config["step_size"], config["regularization"],
                                 config["seed"], record_every(len(data)))
        return Training(config["model"], data, settings, config["hidden"],
                        config.get("activation", "relu"))

    def _new_line(self) -> _Line:
        t = self.training
        kept = _Line(len(t.model.params))
        kept.add(0, list(t.model.param_values().values()), t.rng)
        kept.checkpoints[0] = t.rng.getstate()
        return kept

    def _restart(self, training: Training) -> None:
        self.training = training
        self.edited = False
        self._line = self._new_line()
        self.head = 0
        self._head_history = training.history
        self._head_status = ("ok", "")

    # --- settings ---------------------------------------------------------------------

    def text(self, key: str) -> str:
        """What the field of `key` shows: the setting in force, exactly."""
        return field_text(self.config[key])

    def texts(self) -> dict[str, str]:
        return {c.key: self.text(c.key) for c in SETTINGS_CONTROLS}

    def edit(self, control: controls.Control, text: str) -> bool:
        """Apply a typed value; False (and `errors[key]` says why) when refused."""
        value = read_setting(self, control, text)
        if value is REFUSED:
            return False
        if self.config.get(control.key) == value and not (
                control.key == "dataset" and self.points is not None):
            return True
        changes: dict[str, Any] = {control.key: value}
        if control.key == "dataset":
            return self.apply(changes, points=None)
        return self.apply(changes)

    def apply(self, changes: Mapping[str, Any], points: Any = ...) -> bool:
        """Rebuild the run from iteration 0 with `changes` (and `points`, when given); on
        refusal keep the current run and keep the reason in `errors`."""
        config = {**self.config, **changes}
        new_points = self.points if points is ... else points
        try:
            training = self._build(config, new_points)
        except EngineError as err:
            self.errors["settings"] = line(str(err))
            return False
        self.errors.pop("settings", None)
        self.config = config
        self.points = None if new_points is None else tuple(new_points)
        if new_points is not None:
            self.config["dataset"] = OWN
        self._restart(training)
        self.note = "settings applied: back to iteration 0"
        return True

    def reset(self) -> None:
        """Back to iteration 0 with the settings in force; refused values forgotten."""
        self.errors.clear()
        self._restart(self._build(self.config, self.points))
        self.note = f"reset: iteration 0, seed {self.config['seed']}"

    # --- the run ----------------------------------------------------------------------

    @property
    def iteration(self) -> int:
        return self.training.iteration

    @property
    def rewound(self) -> bool:
        return self.training.iteration < self.head

    def step(self) -> StepDetail | None:
        """One iteration from where the view is; from a past iteration this drops the
        later ones (a new branch)."""
        if self.rewound:
            self._branch()
        detail = self.training.step()
        if detail is not None:
            self._record()
        else:
            self._head_status = (self.training.status, self.training.message)
        return detail

    def _record(self) -> None:
        t = self.training
        self._line.add(t.iteration, [u.value for u in t.model.params.values()], t.rng)
        self.head = t.iteration

    def settle(self) -> None:
        """After a batch of steps: the history ends where the run stands (as `run`)."""
        self.training.run(0)
        if not self.rewound:
            self._head_history = self.training.history

    def run(self, iterations: int) -> None:
        for _ in range(iterations):
            if self.step() is None:
                break
        self.settle()

    def advance(self, count: int, deadline: float) -> int:
        """Up to `count` iterations, none begun after `deadline` (time.perf_counter, read
        every few steps: an SVM step is far cheaper than reading the clock often), at least
        one unless the run cannot go on (diverged); how many were taken. The history is
        left for `settle` (a big data set is evaluated whole there): a player settles once
        per frame."""
        step = self.step
        for done in range(1, count + 1):
            if step() is None:
                return done - 1
            if done % 16 == 0 and time.perf_counter() > deadline:
                return done
        return count

    def _branch(self) -> None:
        k = self.training.iteration
        self._line.cut_after(k)
        self.head = k
        self._head_history = self.training.history
        self._head_status = ("ok", "")
        self.note = f"new branch from iteration {k}"

    # --- rewind -----------------------------------------------------------------------

    @property
    def first_kept(self) -> int:
        return self._line.first

    def go_to(self, iteration: int) -> bool:
        """Show the run as it was at `iteration` (clamped to the kept line); False if it
        was not moved. Its parameters, last step, history and random state are those of
        the run stopped there."""
        k = max(self._line.first, min(self.head, iteration))
        if k == self.training.iteration:
            return False
        t = self.training
        names = list(t.model.params)
        at = self._line.params_at
        if k == self._line.first:
            t.last = None
        else:  # redo step k from the state at k - 1: the same pick, the same last step
            t.model.set_params(dict(zip(names, at(k - 1), strict=True)))
            t.rng = self._rng_at(k - 1)
            t.iteration, t.status = k - 1, "ok"
            t.step()
        t.model.set_params(dict(zip(names, at(k), strict=True)))  # an edit made at k
        t.rng = self._rng_at(k)
        t.iteration = k
        if k == self.head:
            t.history = self._head_history
            t.status, t.message = self._head_status
            self.note = f"back at the last iteration, {k}"
        else:
            t.history = self._head_history.until(k)
            if t.history[-1].iteration != k:
                t.history.append(t.evaluate())
            t.status, t.message = "ok", ""
            self.note = (f"rewound to iteration {k} of {self.head} (space steps a new "
                         "branch from here)")
        return True

    def back(self, count: int = 1) -> bool:
        return self.go_to(self.training.iteration - count)

    def forward(self, count: int = 1) -> bool:
        return self.go_to(self.training.iteration + count)

    def _rng_at(self, iteration: int) -> random.Random:
        base = max(k for k in self._line.checkpoints if k <= iteration)
        rng = random.Random()
        rng.setstate(self._line.checkpoints[base])
        n = len(self.training.dataset.points)
        for _ in range(iteration - base):
            rng.randrange(n)
        return rng

    def rewind_note(self) -> str:
        """The bound, said where rewinding is offered."""
        per = REWIND_FLOATS // max(1, self._line.width)
        return (f"rewind keeps the last {per:,} iterations of this model "
                f"({REWIND_FLOATS * 8 // 1_000_000} MB); now from {self._line.first:,} to "
                f"{self.head:,}")

    # --- parameters by hand -----------------------------------------------------------

    def set_param(self, name: str, text: str) -> bool:
        """Set parameter `name` to the typed value; the run continues from it (a new
        branch if rewound). False, with `errors["param"]`, when refused."""
        try:
            value = parse_number(text)
            self._put_param(name, value)
        except InputError as err:
            self.errors["param"] = line(f"{name}: {err}")
            return False
        return True

    def nudge(self, name: str, delta: float) -> bool:
        try:
            self._put_param(name, self.training.model.params[name].value + delta)
        except (InputError, KeyError) as err:
            self.errors["param"] = line(f"{name}: {err}")
            return False
        return True

    def _put_param(self, name: str, value: float) -> None:
        t = self.training
        if name not in t.model.params:
            raise InputError(f"no parameter {name!r} in this model")
        if not is_finite(value) or abs(value) > 1e100:
            raise InputError("must be a finite number within +-1e100")
        if self.rewound:
            self._branch()
        t.model.set_params({name: value})
        self.errors.pop("param", None)
        self.edited = True
        t.status, t.message = "ok", ""
        self._head_status = ("ok", "")
        # the kept state at this iteration is the edited one, and the curve shows it
        self._line.cut_after(t.iteration)
        start = (t.iteration - self._line.first) * self._line.width
        self._line.values[start: start + self._line.width] = array(
            "d", t.model.param_values().values())
        t.history = t.history.until(t.iteration - 1)
        t.history.append(t.evaluate())
        self._head_history = t.history
        self.note = f"{name} set to {exact(value)} by hand: training continues from here"

    # --- your own data ----------------------------------------------------------------

    def current_points(self) -> list[tuple[float, float, int]]:
        return [(p.x, p.y, p.label) for p in self.training.dataset.points]

    def add_point(self, x: float, y: float, label: int) -> bool:
        if not is_finite(x, y) or label not in (1, -1):
            self.errors["data"] = "a point needs finite x, y and a label of +1 or -1"
            return False
        points = self.current_points()
        if len(points) >= MAX_DATA_POINTS:
            self.errors["data"] = f"at most {MAX_DATA_POINTS:,} points"
            return False
        ok = self.apply({}, points=[*points, (x, y, label)])
        if ok:
            self.note = f"point ({x:.3g}, {y:.3g}) {label:+d} added: back to iteration 0"
        return ok

    def remove_point(self, index: int) -> bool:
        points = self.current_points()
        if not 0 <= index < len(points) or len(points) == 1:
            self.errors["data"] = "no point there (and the last point stays)"
            return False
        x, y, label = points.pop(index)
        ok = self.apply({}, points=points)
        if ok:
            self.note = f"point ({x:.3g}, {y:.3g}) {label:+d} removed: back to iteration 0"
        return ok

    # --- what is shown ----------------------------------------------------------------

    def command(self) -> str:
        """The `train` command that gives the run on screen, exactly."""
        config = dict(self.config)
        if self.points is not None:
            config["dataset"] = "guide"
            text = train_command(config, self.iteration).replace(
                "--dataset guide", "--data FILE.csv")
            return text + "   (FILE.csv: your points; x exports them)"
        text = train_command(config, self.iteration)
        if self.edited:
            return text + "   (parameters edited by hand: train cannot repeat this run)"
        return text

    def summary(self) -> dict[str, Any]:
        """The run as `nn101-tui train --json` reports it (the same keys)."""
        return run_summary(self.training, self.config, self.points is not None)

    # --- files ------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        t = self.training
        state = t.rng.getstate()
        return {
            "format": FORMAT, "version": VERSION,
            "settings": {key: self.config[key] for key in _SETTING_KEYS
                         if OPTIONAL_SETTINGS.get(key) != self.config[key]},
            "data": [list(p) for p in self.current_points()],
            "iteration": t.iteration,
            "params": t.model.param_values(),
            "status": t.status, "message": t.message, "edited": self.edited,
            "history": [[e.iteration, e.correct, e.total, e.data_loss, e.regularization_loss]
                        for e in t.history],
            "rng_state": [state[0], list(state[1]), state[2]],
        }

    def to_json(self) -> str:
        return json_lines(self.to_dict(), ("data", "history"))

    def save(self, path: str | os.PathLike[str]) -> str:
        text = self.to_json()
        from_json(text, str(path))  # refuse (and write nothing) if it would not load
        written = write_text_atomic(path, text)
        return f"saved iteration {self.iteration} to {line(str(written))}"

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Learning:
        return from_json(read_file_text(path), str(path))


def _dumps(value: object) -> str:
    return json.dumps(value, allow_nan=False, ensure_ascii=True)


def says_format(path: str | os.PathLike[str], name: str) -> bool:
    """Whether the file's head names the format `name` (a learning or an mlp file: the
    app opens its screen); anything unreadable is left to the circuit screen's loader to
    refuse."""
    try:
        head = bytes(read_bytes(path, limit=64 * 1024 * 1024)[:4096])
    except (FileError, OSError):
        return False
    return f'"{name}"'.encode() in head


def is_learning_file(path: str | os.PathLike[str]) -> bool:
    """Whether the file says it is a learning file (the app opens the learning screen)."""
    return says_format(path, FORMAT)


def from_json(text: str, source: str = "learning file") -> Learning:
    check_size(text, source)
    return from_dict(_json_loads(text, source), source)


def from_dict(data: object, source: str = "learning file") -> Learning:
    """Check every field of a learning file and rebuild the screen's state from it."""
    top = _object(data, source, "the file")
    check_header(top, FORMAT, VERSION, source, "learning")
    _check_keys(top, _TOP_KEYS, source, "the file")
    settings = {**OPTIONAL_SETTINGS, **_object(top["settings"], source, "settings")}
    _check_keys(settings, _SETTING_KEYS, source, "settings")
    config: dict[str, Any] = {}
    for control in SETTINGS_CONTROLS:
        value = settings[control.key]
        where = f"settings.{control.key}"
        if control.key == "dataset":
            config["dataset"] = _choice(value, (*controls.DATASET.choices, OWN), source, where)
            continue
        config[control.key] = setting_value(control, value, source, where)
    rows = _list(top["data"], source, "data")
    if len(rows) > MAX_DATA_POINTS:
        _fail(source, "data", f"{len(rows):,} points, over the limit of {MAX_DATA_POINTS:,}")
    points: list[tuple[float, float, int]] = []
    for i, row in enumerate(rows):
        items = _list(row, source, f"data[{i}]")
        if len(items) != 3:
            _fail(source, f"data[{i}]", "expected [x, y, label]")
        label = _whole(items[2], source, f"data[{i}][2]", -1, 1)
        if label == 0:
            _fail(source, f"data[{i}][2]", "a label is +1 or -1")
        x, y = (_number(items[k], source, f"data[{i}][{k}]") for k in (0, 1))
        if max(abs(x), abs(y)) > MAX_COORDINATE:
            _fail(source, f"data[{i}]", f"x and y must be within ±{MAX_COORDINATE:,.0f}")
        points.append((x, y, label))
    own = config["dataset"] == OWN
    try:
        learning = Learning(config["model"], config, points if own else None)
    except EngineError as err:
        _fail(source, "settings", str(err))
    if not own and learning.current_points() != points:
        _fail(source, "data", f"the points differ from the {config['dataset']} data set's")
    t = learning.training
    iteration = _whole(top["iteration"], source, "iteration", 0, MAX_ITERATION)
    params = _numbers(top["params"], source, "params")
    if sorted(params) != sorted(t.model.params):
        _fail(source, "params", f"names ({', '.join(params)}) do not match the model's "
              f"({', '.join(t.model.params)})")
    try:
        t.model.set_params(params)
    except EngineError as err:
        _fail(source, "params", str(err))
    history = History()
    for i, item in enumerate(_list(top["history"], source, "history")):
        row = _list(item, source, f"history[{i}]")
        if len(row) != 5:
            _fail(source, f"history[{i}]", "expected [iteration, correct, total, data loss, "
                  "regularization loss]")
        at = _whole(row[0], source, f"history[{i}][0]", 0, iteration)
        total = _whole(row[2], source, f"history[{i}][2]", 1, MAX_DATA_POINTS)
        correct = _whole(row[1], source, f"history[{i}][1]", 0, total)
        if history and at <= history[-1].iteration:
            _fail(source, f"history[{i}][0]", "iterations must go up")
        history.append(Evaluation(at, correct, total,
                                  _number(row[3], source, f"history[{i}][3]"),
                                  _number(row[4], source, f"history[{i}][4]")))
    state = _rng_state(top["rng_state"], source)
    t.rng = random.Random()
    t.rng.setstate(state)
    t.iteration = iteration
    status = _choice(top["status"], ("ok", "diverged"), source, "status")
    t.status = "diverged" if status == "diverged" else "ok"
    t.message = _message(top["message"], source)
    edited = top["edited"]
    if not isinstance(edited, bool):
        _fail(source, "edited", f"expected true or false, got {_show(edited)}")
    learning.edited = edited
    t.history = history or History([t.evaluate()])
    if t.history[-1].iteration != iteration:
        t.history.append(t.evaluate())
    # the loaded state is where rewinding starts (earlier iterations were not saved)
    learning._line = _Line(len(t.model.params), first=iteration)
    learning._line.add(iteration, list(t.model.param_values().values()), t.rng)
    learning._line.checkpoints[iteration] = t.rng.getstate()
    learning.head = iteration
    learning._head_history = t.history
    learning._head_status = (t.status, t.message)
    learning.note = f"loaded at iteration {iteration}"
    return learning


def run_summary(training: Training, config: Mapping[str, Any], own: bool) -> dict[str, Any]:
    """A run as `train --json` prints it (keys are a contract: keep, add freely)."""
    data = training.dataset
    final = training.final
    model = config["model"]
    return {
        "model": model, "dataset": OWN if own else config["dataset"], "seed": config["seed"],
        "hidden": config["hidden"] if model == "net" else None,
        "activation": config.get("activation", "relu") if model == "net" else None,
        "step_size": config["step_size"], "regularization": config["regularization"],
        "iterations": training.iteration, "every": training.settings.every,
        "points": len(data), "noise": data.noise, "data_seed": data.seed,
        "status": training.status, "message": training.message,
        "params": training.model.param_values(),
        "history": [{"iteration": e.iteration, "accuracy": e.accuracy, "loss": e.loss}
                    for e in training.history],
        "final": {"accuracy": final.accuracy, "loss": final.loss, "correct": final.correct,
                  "total": final.total},
        "last_step": step_data(training.last),
        "diagnosis": diagnosis_data(training),
    }


def step_data(last: StepDetail | None) -> dict[str, Any] | None:
    """The last iteration as `train --json` reports it: the point picked, its score and
    pull, and per parameter what backprop brought (`backprop`: pull x d score/d param), the
    regularization pull and their sum (`gradient`), the step's direction. None before the
    first step. The learning screen's circuit walk shows the same numbers."""
    if last is None:
        return None
    p = last.point
    return {"iteration": last.iteration, "index": last.index,
            "point": {"x": p.x, "y": p.y, "label": p.label},
            "score": last.score, "pull": last.pull,
            "backprop": dict(last.score_gradient),
            "regularization_pull": dict(last.regularization_pull),
            "gradient": dict(last.gradient),
            "params_before": dict(last.params_before)}


REFUSED = object()
"""What read_setting answers for a refused value."""


class _Settings(Protocol):
    errors: dict[str, str]

    def text(self, key: str) -> str: ...


def read_setting(model: _Settings, control: controls.Control, text: str) -> Any:
    """A typed setting read by its control, for a learning model's `edit`: the value, or
    REFUSED with the reason kept in `model.errors` (one line, naming the value kept)."""
    try:
        value = controls.read_control(control, text)
    except InputError as err:
        model.errors[control.key] = line(f"{err} (kept {model.text(control.key)})")
        return REFUSED
    model.errors.pop(control.key, None)
    return value


