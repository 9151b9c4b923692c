"""A saved session: the circuit, where its inputs are, how it steps and what it did.

The file is versioned JSON ("format": "nn101-session", "version": 1), written atomically.
Loading trusts nothing in it: the expression goes through the safe parser again, every
name must match the circuit, every number must be finite, the settings must validate,
and the circuit must compute at the saved inputs. Anything else is refused with a
SessionError that says what is wrong and where, and the caller's state is left alone.

The model is plain data (`Session`); a `Run` converts with `Session.from_run` and
`Session.to_run`, and the playground goes through them.
"""

from __future__ import annotations

import json
import math
import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, NoReturn

from nn101.engine.circuit import Circuit
from nn101.engine.collector import paused
from nn101.engine.errors import EngineError, InputError
from nn101.engine.methods import Method, Run, Settings, StepRecord
from nn101.engine.numerics import is_finite
from nn101.state.commands import exact
from nn101.state.controls import SEED, TRIES, Control
from nn101.state.factory import build_circuit
from nn101.state.files import FileError, read_bytes, write_text_atomic
from nn101.state.text import quote, short

FORMAT = "nn101-session"
VERSION = 1
MAX_COUNT = 10**9
"""Largest whole number a session holds (forward passes of one step, tries)."""
MAX_OBJECTS = 600_000
"""Most `{` a session file may hold (a step has 3 objects: a 64 MiB file of the neuron's
steps has 480,000). Counted on the bytes before parsing: 20 million tiny objects would
take 1.5 GB to build; this limit and MAX_TOKENS keep any load under about 400 MB."""
MAX_TOKENS = 4_000_000
"""Most `{`, `[` and `,` together (the values in the file, about; 2.9 million in a 64 MiB
file of the neuron's steps)."""
MAX_MESSAGE = 10_000
"""Longest `message` a session holds (the engine's own are one line)."""

RngState = tuple[int, tuple[int, ...], float | None]
"""`random.Random.getstate()`: saved so a seeded random search resumes where it was."""

_TOP_KEYS = ("format", "version", "scenario", "expression", "start_inputs", "inputs",
             "settings", "status", "message", "steps", "rng_state")
_SETTING_KEYS = ("method", "step_size", "h", "difference", "tries", "tweak", "seed")
_STEP_KEYS = ("iteration", "method", "gradient", "inputs", "output", "forward_passes",
              "backward_passes")


class SessionError(FileError):
    """A session that cannot be saved or loaded: the message says what and where."""


@dataclass
class Session:
    """Everything needed to put a playground back exactly where it was."""

    scenario: str | None
    """A name from SCENARIOS, or None for a typed expression."""
    expression: str
    """The formula; rebuilt through the safe parser when `scenario` is None."""
    inputs: dict[str, float]
    """Where the inputs are now."""
    start_inputs: dict[str, float]
    """Where the run started (reset goes back here)."""
    settings: Settings = field(default_factory=Settings)
    steps: list[StepRecord] = field(default_factory=list)
    status: Literal["ok", "diverged"] = "ok"
    message: str = ""
    rng_state: RngState | None = None
    """The random generator's state, so a seeded random search continues the same way."""

    # --- to and from a Run ------------------------------------------------------------

    @classmethod
    def from_run(cls, run: Run, scenario: str | None = None) -> Session:
        """The session of `run`; `scenario` names it when it came from the registry."""
        state = run.rng.getstate()
        return cls(
            scenario=scenario,
            expression=run.circuit.expression,
            inputs=run.circuit.input_values(),
            start_inputs=dict(run.start_inputs),
            settings=replace(run.settings),
            steps=list(run.steps),
            status=run.status,
            message=run.message,
            rng_state=(int(state[0]), tuple(state[1]), state[2]),
        )

    def build(self, source: str = "session") -> Circuit:
        """A fresh circuit for this session, its inputs at the start values (not yet run)."""
        try:
            circuit = build_circuit(self.scenario, self.expression, run=False)
        except EngineError as err:
            _fail(source, "expression" if self.scenario is None else "scenario", str(err))
        names = list(circuit.inputs)
        named: list[tuple[str, Mapping[str, float] | None]] = [
            ("start_inputs", self.start_inputs), ("inputs", self.inputs)]
        for i, record in enumerate(self.steps):
            named += [(f"steps[{i}].inputs", record.inputs),
                      (f"steps[{i}].gradient", record.gradient)]
        for where, values in named:
            if values is not None and sorted(values) != sorted(names):
                _fail(source, where, f"names {_names(values)} do not match the circuit's "
                      f"inputs {_names(names)}")
        try:
            circuit.set_inputs(self.start_inputs)
        except EngineError as err:
            _fail(source, "start_inputs", str(err))
        return circuit

    def to_run(self, source: str = "session") -> Run:
        """A Run at the saved inputs with the saved history, status and random state.

        Raises SessionError if any part does not fit the circuit or cannot be computed.
        """
        try:
            self.settings.validate()
        except EngineError as err:
            _fail(source, "settings", str(err))
        circuit = self.build(source)
        try:
            run = Run(circuit, replace(self.settings))
        except EngineError as err:
            _fail(source, "start_inputs", str(err))
        run.steps = list(self.steps)
        run.status = self.status
        run.message = self.message
        if self.rng_state is not None:
            run.rng = _rng(self.rng_state, source)
        try:
            circuit.set_inputs(self.inputs)
            output = circuit.forward()
        except EngineError as err:
            _fail(source, "inputs", str(err))
        if not is_finite(output):
            _fail(source, "inputs", "the output is not a finite number there")
        return run

    def validate(self, source: str = "session") -> None:
        """Refuse the session exactly as loading it from a file would."""
        Session.from_dict(self.to_dict(), source)

    # --- plain data -------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "scenario": self.scenario,
            "expression": self.expression,
            "start_inputs": dict(self.start_inputs),
            "inputs": dict(self.inputs),
            "settings": settings_to_dict(self.settings),
            "status": self.status,
            "message": self.message,
            "steps": [step_to_dict(r) for r in self.steps],
            "rng_state": None if self.rng_state is None else [
                self.rng_state[0], list(self.rng_state[1]), self.rng_state[2]],
        }

    @classmethod
    @paused()  # a long session is a million small objects: see engine/collector.py
    def from_dict(cls, data: object, source: str = "session") -> Session:
        """Check every field of `data` (as read from JSON) and rebuild the session."""
        top = _object(data, source, "the file")
        check_header(top, FORMAT, VERSION, source, "session")
        _check_keys(top, _TOP_KEYS, source, "the file")
        scenario = top["scenario"]
        if scenario is not None:
            scenario = _string(scenario, source, "scenario")
        session = cls(
            scenario=scenario,
            expression=_string(top["expression"], source, "expression"),
            inputs=_numbers(top["inputs"], source, "inputs"),
            start_inputs=_numbers(top["start_inputs"], source, "start_inputs"),
            settings=_settings(top["settings"], source),
            steps=[_step(item, source, f"steps[{i}]", i + 1)
                   for i, item in enumerate(_list(top["steps"], source, "steps"))],
            status=_status(top["status"], source),
            message=_message(top["message"], source),
            rng_state=None if top["rng_state"] is None else _rng_state(top["rng_state"],
                                                                       source),
        )
        session.to_run(source)
        return session

    # --- JSON and files ---------------------------------------------------------------

    def to_json(self) -> str:
        """One key a line, one step a line: readable, and diffs well."""
        return json_lines(self.to_dict(), ("steps",))

    @classmethod
    @paused()
    def from_json(cls, text: str, source: str = "session") -> Session:
        check_size(text, source)
        return cls.from_dict(_loads(text, source), source)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the session atomically; refuse (and write nothing) if it would not load."""
        self.validate(str(path))
        return write_text_atomic(path, self.to_json())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Session:
        """Read and check a session file; SessionError (or FileError) says what is wrong."""
        return cls.from_json(read_file_text(path), str(path))


def read_file_text(path: str | os.PathLike[str]) -> str:
    """A saved file's text (a session, a learning run, an mlp run): its size checked
    before decoding (the text would be a second copy), UTF-8 with or without a BOM;
    SessionError (or FileError) says what is wrong."""
    source = str(path)
    data = read_bytes(path)
    check_size(data, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        _fail(source, "the file", f"not UTF-8 text (bad byte at offset {err.start})")


def check_size(data: bytes | bytearray | str, source: str = "session") -> None:
    """Refuse a file whose structure is too big to parse within the memory budget, by
    counting its brackets and commas (in C, about 10 ms for 64 MiB) before parsing."""
    if isinstance(data, str):
        objects, lists, commas = data.count("{"), data.count("["), data.count(",")
    else:
        objects, lists, commas = data.count(b"{"), data.count(b"["), data.count(b",")
    if objects > MAX_OBJECTS:
        _fail(source, "the file", f"{objects:,} objects {{...}}, over the limit of "
              f"{MAX_OBJECTS:,} (not a session, or one too large to load)")
    tokens = objects + lists + commas
    if tokens > MAX_TOKENS:
        _fail(source, "the file", f"about {tokens:,} values, over the limit of "
              f"{MAX_TOKENS:,} (not a session, or one too large to load)")


def settings_to_dict(s: Settings) -> dict[str, Any]:
    """A run's settings as plain JSON data (the same keys in sessions and traces)."""
    return {"method": Method(s.method).value, "step_size": s.step_size, "h": s.h,
            "difference": s.difference, "tries": s.tries, "tweak": s.tweak, "seed": s.seed}


def step_to_dict(record: StepRecord) -> dict[str, Any]:
    """One StepRecord as plain JSON data (the same keys in sessions and traces)."""
    return {"iteration": record.iteration, "method": Method(record.method).value,
            "gradient": None if record.gradient is None else dict(record.gradient),
            "inputs": dict(record.inputs), "output": record.output,
            "forward_passes": record.forward_passes, "backward_passes": record.backward_passes}


# --- checking what a file holds -----------------------------------------------------------


def json_lines(data: Mapping[str, Any], listed: Sequence[str]) -> str:
    """A file's JSON with one key a line and, for the keys in `listed`, one item a line:
    readable, and it diffs well. SessionError if a number is not finite."""
    try:
        lines = []
        for key, value in data.items():
            if key in listed and value:
                body = ",\n".join("  " + _dumps(v) for v in value)
                lines.append(f" {json.dumps(key)}: [\n{body}\n ]")
            else:
                lines.append(f" {json.dumps(key)}: {_dumps(value)}")
    except ValueError:
        raise SessionError("cannot save: a value is not a finite number") from None
    return "{\n" + ",\n".join(lines) + "\n}\n"


def check_header(top: dict[str, Any], file_format: str, newest: int, source: str,
                 kind: str) -> int:
    """The file's format and version, checked first: a newer file's other keys may differ,
    and "written by a newer nn101-tui" is the message that helps, not "unknown key".
    Returns the version (1 to `newest`)."""
    if top.get("format") != file_format:
        _fail(source, "format", f"expected {file_format!r}, got {_show(top.get('format'))} "
              f"(not an nn101 {kind} file)")
    version = top.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        _fail(source, "version", f"expected a whole number from 1, got {_show(version)}")
    if version > newest:
        _fail(source, "version", f"the file is version {version}, written by a newer "
              f"nn101-tui; this one reads version {newest}")
    return version


def _fail(source: str, where: str, what: str) -> NoReturn:
    raise SessionError(f"{source}: {where}: {what}")


def _show(value: object) -> str:
    text = json.dumps(value) if isinstance(value, (str, int, float, bool, type(None))) else (
        type(value).__name__)
    return text if len(text) <= 40 else text[:37] + "..."


def _names(values: Sequence[str] | Mapping[str, object]) -> str:
    return "(" + ", ".join(list(values)) + ")"


def _dumps(value: object) -> str:
    return json.dumps(value, allow_nan=False, ensure_ascii=True)


def _loads(text: str, source: str) -> object:
    def constant(name: str) -> NoReturn:
        _fail(source, "the file", f"{name} is not allowed: every number must be finite")

    def number(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            _fail(source, "the file", f"the number {short(text, 24)} is too large for a float")
        return value

    def whole(text: str) -> int:
        if len(text.lstrip("-")) > 30:
            _fail(source, "the file", f"a whole number with {len(text)} digits is too long")
        return int(text)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                _fail(source, "the file", f"key {quote(key)} appears twice")
            result[key] = value
        return result

    if not text.strip():
        _fail(source, "the file", "it is empty")
    try:
        return json.loads(text, parse_constant=constant, parse_float=number, parse_int=whole,
                          object_pairs_hook=pairs)
    except SessionError:
        raise
    except json.JSONDecodeError as err:
        # A string with no closing quote ran into the end of the file (a newline inside
        # one is a different error): cut short too, whatever column the string began at.
        if err.pos >= len(text.rstrip()) or err.msg.startswith("Unterminated string"):
            _fail(source, f"line {err.lineno}, column {err.colno}",
                  "the file ends too early (truncated?)")
        _fail(source, f"line {err.lineno}, column {err.colno}", f"not valid JSON: {err.msg}")
    except RecursionError:
        _fail(source, "the file", "nested too deeply to be an nn101 file (a session or a "
              "learning run nests 4 levels)")


def _object(value: object, source: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(source, where, f"expected an object {{...}}, got {_show(value)}")
    return value


def _list(value: object, source: str, where: str) -> list[Any]:
    if not isinstance(value, list):
        _fail(source, where, f"expected a list [...], got {_show(value)}")
    return value


def _check_keys(data: dict[str, Any], keys: Sequence[str], source: str, where: str) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        _fail(source, where, f"missing {', '.join(map(repr, missing))}")
    extra = [k for k in data if k not in keys]
    if extra:
        _fail(source, where, f"unknown key {quote(extra[0])}")


def _string(value: object, source: str, where: str) -> str:
    if not isinstance(value, str):
        _fail(source, where, f"expected text, got {_show(value)}")
    return value


def _message(value: object, source: str) -> str:
    text = _string(value, source, "message")
    if len(text) > MAX_MESSAGE:
        _fail(source, "message", f"{len(text):,} characters, over the limit of "
              f"{MAX_MESSAGE:,}")
    return text


def _number(value: object, source: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(source, where, f"expected a number, got {_show(value)}")
    number = float(value)
    if not math.isfinite(number):
        _fail(source, where, "expected a finite number")
    return number


def _whole(value: object, source: str, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(source, where, f"expected a whole number, got {_show(value)}")
    if not low <= value <= high:
        _fail(source, where, f"must be between {low} and {high}, got {value}")
    return value


def _numbers(value: object, source: str, where: str) -> dict[str, float]:
    data = _object(value, source, where)
    return {_string(k, source, where): _number(v, source, f"{where}.{k}")
            for k, v in data.items()}


def _choice(value: object, choices: Sequence[str], source: str, where: str) -> str:
    if not isinstance(value, str) or value not in choices:
        _fail(source, where, f"expected one of {', '.join(choices)}, got {_show(value)}")
    return value


def _status(value: object, source: str) -> Literal["ok", "diverged"]:
    return "diverged" if _choice(value, ("ok", "diverged"), source, "status") == "diverged" \
        else "ok"


def _method(value: object, source: str, where: str) -> Method:
    return Method(_choice(value, [m.value for m in Method], source, where))


def _settings(value: object, source: str) -> Settings:
    data = _object(value, source, "settings")
    _check_keys(data, _SETTING_KEYS, source, "settings")
    difference = _choice(data["difference"], ("forward", "centered"), source,
                         "settings.difference")
    seed = data["seed"]
    settings = Settings(
        method=_method(data["method"], source, "settings.method"),
        step_size=_number(data["step_size"], source, "settings.step_size"),
        h=_number(data["h"], source, "settings.h"),
        difference="centered" if difference == "centered" else "forward",
        tries=_whole(data["tries"], source, "settings.tries", *_limits(TRIES)),
        tweak=_number(data["tweak"], source, "settings.tweak"),
        seed=None if seed is None else _whole(seed, source, "settings.seed", *_limits(SEED)),
    )
    try:
        settings.validate()
    except EngineError as err:
        _fail(source, "settings", str(err))
    return settings


def _limits(control: Control) -> tuple[int, int]:
    """A whole-number control's range, as the app's field and the CLI's flag check it."""
    assert control.low is not None and control.high is not None
    return int(control.low), int(control.high)


def setting_value(control: Control, value: object, source: str, where: str) -> Any:
    """A run file's setting read as its field and its flag read it (the control's own
    reader: the same limits), or a SessionError naming `where`."""
    if control.kind == "choice":
        return _choice(value, control.choices, source, where)
    number = (_whole(value, source, where, -(2**63), 2**63 - 1) if control.kind == "whole"
              else _number(value, source, where))
    try:
        return control.read(exact(number))
    except InputError as err:
        _fail(source, where, str(err))


def _step(value: object, source: str, where: str, iteration: int) -> StepRecord:
    data = _object(value, source, where)
    _check_keys(data, _STEP_KEYS, source, where)
    number = _whole(data["iteration"], source, f"{where}.iteration", 1, 2**63 - 1)
    if number != iteration:
        _fail(source, f"{where}.iteration", f"expected {iteration} (steps count up from 1), "
              f"got {number}")
    method = _method(data["method"], source, f"{where}.method")
    gradient = data["gradient"]
    if method is Method.RANDOM and gradient is not None:
        _fail(source, f"{where}.gradient", "random search has no gradient: expected null")
    if method is not Method.RANDOM and gradient is None:
        _fail(source, f"{where}.gradient", f"a {method.value} step has a gradient")
    return StepRecord(
        iteration=number,
        method=method,
        gradient=None if gradient is None else _numbers(gradient, source, f"{where}.gradient"),
        inputs=_numbers(data["inputs"], source, f"{where}.inputs"),
        output=_number(data["output"], source, f"{where}.output"),
        forward_passes=_whole(data["forward_passes"], source, f"{where}.forward_passes", 0,
                              MAX_COUNT),
        backward_passes=_whole(data["backward_passes"], source, f"{where}.backward_passes", 0,
                               MAX_COUNT),
    )


def _rng_state(value: object, source: str) -> RngState:
    where = "rng_state"
    items = _list(value, source, where)
    if len(items) != 3:
        _fail(source, where, "expected [version, [625 whole numbers], null or a number]")
    version = _whole(items[0], source, f"{where}[0]", 0, 100)
    words = _list(items[1], source, f"{where}[1]")
    if len(words) != 625:
        _fail(source, f"{where}[1]", f"expected 625 whole numbers, got {len(words)}")
    state = tuple(_whole(w, source, f"{where}[1][{i}]", 0, 2**32 - 1)
                  for i, w in enumerate(words))
    gauss = None if items[2] is None else _number(items[2], source, f"{where}[2]")
    result: RngState = (version, state, gauss)
    _rng(result, source)
    return result


def _rng(state: RngState, source: str) -> random.Random:
    rng = random.Random()
    try:
        rng.setstate(state)
    except (ValueError, TypeError, OverflowError) as err:
        _fail(source, "rng_state", f"not a random generator state ({err})")
    return rng
