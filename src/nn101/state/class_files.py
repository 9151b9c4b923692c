"""An mlp run saved and loaded: versioned JSON ("format": "nn101-classes", "version": 1), the
same family as the learning screen's files (learning.py) and checked the same way: every
field, with where and what is wrong, before anything is replaced.

It keeps the settings, your own points (none for a generated set: its settings redraw it),
the parameters, the optimizer's state, the stream's state, the status and the history, so a
loaded run goes on exactly as the saved one would have.
"""

from __future__ import annotations

import os
from dataclasses import fields
from typing import Any

from nn101.engine.errors import EngineError
from nn101.engine.learning.classify import ClassEvaluation
from nn101.engine.learning.rng import MASK64
from nn101.state import controls
from nn101.state.class_config import ClassConfig
from nn101.state.class_learning import ClassLearning
from nn101.state.files import write_text_atomic
from nn101.state.own_points import MAX_DATA_POINTS
from nn101.state.session import (
    _check_keys,
    _choice,
    _fail,
    _list,
    _message,
    _number,
    _numbers,
    _object,
    _whole,
    check_header,
    check_size,
    json_lines,
    read_file_text,
    setting_value,
)
from nn101.state.session import _loads as _json_loads
from nn101.state.text import line

FORMAT = "nn101-classes"
VERSION = 1
_TOP_KEYS = ("format", "version", "settings", "data", "iteration", "params", "optimizer",
             "rng_state", "status", "message", "history")
_SETTING_KEYS = tuple(f.name for f in fields(ClassConfig))
_CONTROLS = {c.key: c for c in (controls.CLASS_DATASET, *controls.CLASS_FIELDS,
                                controls.POINTS, controls.NOISE, controls.DATA_SEED,
                                controls.EVERY)}


def to_dict(learning: ClassLearning) -> dict[str, Any]:
    t = learning.training
    return {
        "format": FORMAT, "version": VERSION,
        "settings": {f.name: getattr(learning.config, f.name) for f in fields(ClassConfig)},
        "data": [list(p) for p in learning.points or ()],
        "iteration": t.iteration,
        "params": t.model.param_values(),
        "optimizer": {"t": t.optimizer.t, "state": t.optimizer.state},
        "rng_state": t.rng.state,
        "status": t.status, "message": t.message,
        "history": [[e.iteration, e.loss, e.accuracy, e.val_loss, e.val_accuracy]
                    for e in t.history],
    }


def save(learning: ClassLearning, path: str | os.PathLike[str]) -> str:
    text = json_lines(to_dict(learning), ("data", "history"))
    from_json(text, str(path))  # refuse (and write nothing) if it would not load
    written = write_text_atomic(path, text)
    return f"saved iteration {learning.iteration} to {line(str(written))}"


def load(path: str | os.PathLike[str]) -> ClassLearning:
    return from_json(read_file_text(path), str(path))


def from_json(text: str, source: str = "mlp file") -> ClassLearning:
    check_size(text, source)
    return from_dict(_json_loads(text, source), source)


def _setting(key: str, value: object, source: str) -> Any:
    where = f"settings.{key}"
    if key == "preset":
        return None if value is None else _choice(value, controls.PRESET.choices, source,
                                                  where)
    return setting_value(_CONTROLS[key], value, source, where)


def from_dict(data: object, source: str = "mlp file") -> ClassLearning:
    """Check every field and rebuild the run from it."""
    top = _object(data, source, "the file")
    check_header(top, FORMAT, VERSION, source, "mlp")
    _check_keys(top, _TOP_KEYS, source, "the file")
    settings = _object(top["settings"], source, "settings")
    _check_keys(settings, _SETTING_KEYS, source, "settings")
    config = ClassConfig(**{k: _setting(k, settings[k], source) for k in _SETTING_KEYS})
    rows = _list(top["data"], source, "data")
    if len(rows) > MAX_DATA_POINTS:
        _fail(source, "data", f"{len(rows):,} points, over the limit of {MAX_DATA_POINTS:,}")
    points = []
    for i, row in enumerate(rows):
        items = _list(row, source, f"data[{i}]")
        if len(items) != 3:
            _fail(source, f"data[{i}]", "expected [x, y, label]")
        points.append((_number(items[0], source, f"data[{i}][0]"),
                       _number(items[1], source, f"data[{i}][1]"),
                       _whole(items[2], source, f"data[{i}][2]", 0, 7)))
    try:
        learning = ClassLearning(config, points or None)
    except EngineError as err:
        _fail(source, "settings", str(err))
    t = learning.training
    iteration = _whole(top["iteration"], source, "iteration", 0, 2**63 - 1)
    params = _numbers(top["params"], source, "params")
    if sorted(params) != sorted(t.model.params):
        _fail(source, "params", "names do not match the model's "
              f"({', '.join(list(t.model.params)[:4])}, ...)")
    t.model.set_params(params)
    opt = _object(top["optimizer"], source, "optimizer")
    _check_keys(opt, ("t", "state"), source, "optimizer")
    t.optimizer.t = _whole(opt["t"], source, "optimizer.t", 0, 2**63 - 1)
    states = _object(opt["state"], source, "optimizer.state")
    _check_keys(states, list(t.optimizer.state), source, "optimizer.state")
    for name, current in t.optimizer.state.items():
        values = _numbers(states[name], source, f"optimizer.state.{name}")
        _check_keys(values, list(current), source, f"optimizer.state.{name}")
        current.update(values)
    t.rng.state = _whole(top["rng_state"], source, "rng_state", 1, MASK64)
    t.status = _choice(top["status"], ("ok", "diverged"), source, "status")
    t.message = _message(top["message"], source)
    history: list[ClassEvaluation] = []
    for i, item in enumerate(_list(top["history"], source, "history")):
        row = _list(item, source, f"history[{i}]")
        if len(row) != 5:
            _fail(source, f"history[{i}]", "expected [iteration, loss, accuracy, val loss, "
                  "val accuracy]")
        at = _whole(row[0], source, f"history[{i}][0]", 0, iteration)
        if history and at <= history[-1].iteration:
            _fail(source, f"history[{i}][0]", "iterations must go up")
        val = [None if row[j] is None else _number(row[j], source, f"history[{i}][{j}]")
               for j in (3, 4)]
        history.append(ClassEvaluation(at, _number(row[1], source, f"history[{i}][1]"),
                                       _number(row[2], source, f"history[{i}][2]"),
                                       val[0], val[1]))
    t.iteration = iteration
    t.history = history or [t.evaluate()]
    if t.history[-1].iteration != iteration:
        t.history.append(t.evaluate())
    learning.restart(t)  # rewinding starts here: earlier iterations were not saved
    learning.note = f"loaded at iteration {iteration}"
    return learning
