"""Sessions: a saved playground comes back exactly, and a bad file changes nothing."""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nn101.engine import SCENARIOS, EngineError, Method, Run, Settings, parse
from nn101.state.files import FileError, read_text, write_text_atomic
from nn101.state.session import FORMAT, VERSION, Session, SessionError


def _run(name: str, method: Method = Method.ANALYTIC, steps: int = 3, **kw: Any) -> Run:
    return Run(SCENARIOS[name].circuit(), Settings(method=method, **kw)).run(steps)


def _expression_run() -> Run:
    circuit = parse("(a + b) / (c + d)")
    circuit.set_inputs({"a": 1.0, "b": 2.0, "c": 2.0, "d": 1.0})
    return Run(circuit, Settings(step_size=0.05)).run(4)


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# --- round trips ----------------------------------------------------------------------------


def test_scenario_session_round_trips_through_a_file(tmp_path: Path) -> None:
    run = _run("neuron")
    session = Session.from_run(run, "neuron")
    path = session.save(tmp_path / "neuron.json")
    loaded = Session.load(path)
    assert loaded == session
    data = json.loads(path.read_text())
    assert (data["format"], data["version"]) == ("nn101-session", 1)
    assert data["scenario"] == "neuron"
    assert data["start_inputs"] == {"a": 1.0, "b": 2.0, "c": -3.0, "x": -1.0, "y": 3.0}
    assert [s["iteration"] for s in data["steps"]] == [1, 2, 3]
    # The guide's neuron: 0.8808 at the start, 0.8825 after one step of 0.01 (the guide
    # truncates 0.882550).
    assert data["steps"][0]["output"] == pytest.approx(0.88255, abs=1e-5)


def test_expression_session_round_trips(tmp_path: Path) -> None:
    run = _expression_run()
    session = Session.from_run(run)
    loaded = Session.load(session.save(tmp_path / "s.json"))
    assert loaded.scenario is None
    assert loaded.expression == "(a + b) / (c + d)"
    restored = loaded.to_run()
    assert restored.circuit.input_values() == run.circuit.input_values()
    assert restored.steps == run.steps
    assert restored.start_inputs == run.start_inputs
    assert restored.start_output == run.start_output == 1.0  # (1+2)/(2+1)


@pytest.mark.parametrize("method", list(Method))
def test_a_loaded_run_continues_exactly_as_the_unbroken_one(tmp_path: Path,
                                                            method: Method) -> None:
    # Random search draws from the generator; its state is saved so a seeded run resumes
    # on the same sequence: 3 steps + save/load + 4 steps == 7 steps in one go.
    unbroken = _run("single-gate", method, steps=7, seed=11)
    first = _run("single-gate", method, steps=3, seed=11)
    resumed = Session.load(Session.from_run(first, "single-gate").save(tmp_path / "r.json"))
    run = resumed.to_run().run(4)
    assert run.steps == unbroken.steps
    assert run.circuit.input_values() == unbroken.circuit.input_values()


def test_diverged_session_keeps_its_status_and_stays_stopped(tmp_path: Path) -> None:
    run = _run("two-gates", steps=100, step_size=1e9)
    assert run.status == "diverged"
    loaded = Session.load(Session.from_run(run, "two-gates").save(tmp_path / "d.json"))
    assert loaded.status == "diverged"
    assert loaded.message == run.message
    restored = loaded.to_run()
    assert restored.step() is None
    assert len(restored.steps) == len(run.steps)


def test_a_session_without_random_state_loads_with_a_fresh_generator(tmp_path: Path) -> None:
    session = Session.from_run(_run("single-gate", Method.RANDOM, seed=5), "single-gate")
    session.rng_state = None
    loaded = Session.load(session.save(tmp_path / "n.json"))
    assert loaded.rng_state is None
    assert loaded.to_run().step() is not None


def test_inputs_edited_after_the_last_step_are_kept(tmp_path: Path) -> None:
    # The playground lets a user type a new value after stepping: "inputs" is where they
    # are now, which need not be where the last step left them.
    session = Session.from_run(_run("two-gates"), "two-gates")
    session.inputs = {"x": 1.5, "y": 2.0, "z": 3.0}
    restored = Session.load(session.save(tmp_path / "e.json")).to_run()
    assert restored.circuit.input_values() == {"x": 1.5, "y": 2.0, "z": 3.0}
    assert restored.circuit.output.value == (1.5 + 2.0) * 3.0


# --- refusing bad files ---------------------------------------------------------------------


def _good() -> dict[str, Any]:
    run = Run(SCENARIOS["two-gates"].circuit(), Settings(seed=1)).run(2)
    return Session.from_run(run, "two-gates").to_dict()


def _expr(text: str, **values: float) -> Callable[[dict[str, Any]], None]:
    def edit(d: dict[str, Any]) -> None:
        d.update(scenario=None, expression=text, steps=[], inputs=dict(values),
                 start_inputs=dict(values))
    return edit


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def edit(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = d
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value
    return edit


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: d.pop(key) and None


DICT_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("wrong format", _set("format", "other"), "format: expected 'nn101-session'"),
    ("future version", _set("version", 2), "version 2, written by a newer nn101-tui"),
    ("version zero", _set("version", 0), "version: expected a whole number from 1"),
    ("version as text", _set("version", "1"), 'version: expected a whole number from 1, got "1"'),
    ("version as bool", _set("version", True), "version: expected a whole number"),
    ("missing settings", _drop("settings"), "the file: missing 'settings'"),
    ("unknown key", _set("extra", 1), "the file: unknown key 'extra'"),
    ("unknown scenario", _set("scenario", "nope"), "scenario: unknown scenario 'nope'"),
    ("scenario not text", _set("scenario", 3), "scenario: expected text, got 3"),
    ("expression not text", _set("expression", ["x"]), "expression: expected text, got list"),
    ("import in expression", _expr("__import__('os')"),
     "expression: unknown function '__import__'"),
    ("attribute in expression", _expr("x.real", x=1.0),
     "expression: attribute access (a.b) not allowed"),
    ("too long expression", _expr("x+" * 1000 + "x", x=1.0), "expression: expression too long"),
    ("input names differ", _set("inputs", {"x": 1.0, "y": 2.0, "q": 3.0}),
     "inputs: names (x, y, q) do not match the circuit's inputs (x, y, z)"),
    ("start names differ", _set("start_inputs", {"x": 1.0}), "start_inputs: names (x)"),
    ("input as text", _set("inputs.x", "1"), 'inputs.x: expected a number, got "1"'),
    ("input as bool", _set("inputs.x", True), "inputs.x: expected a number, got true"),
    ("input as null", _set("inputs.y", None), "inputs.y: expected a number, got null"),
    ("inputs not an object", _set("inputs", [1, 2]), "inputs: expected an object"),
    ("h zero", _set("settings.h", 0.0), "settings: h must be a finite number greater than 0"),
    ("bad method", _set("settings.method", "magic"),
     'settings.method: expected one of random, numerical, analytic, got "magic"'),
    ("bad difference", _set("settings.difference", "backward"), "settings.difference"),
    ("tries zero", _set("settings.tries", 0), "settings.tries: must be between 1 and 1000000"),
    ("tries fractional", _set("settings.tries", 1.5), "settings.tries: expected a whole number"),
    ("tweak negative", _set("settings.tweak", -1.0), "settings: tweak must be"),
    ("seed as text", _set("settings.seed", "x"), "settings.seed: expected a whole number"),
    ("settings unknown key", _set("settings.speed", 1), "settings: unknown key 'speed'"),
    ("steps not a list", _set("steps", {}), "steps: expected a list"),
    ("iteration gap", _set("steps.1.iteration", 3), "steps[1].iteration: expected 2"),
    ("step without gradient", _set("steps.0.gradient", None),
     "steps[0].gradient: a analytic step has a gradient"),
    ("step with wrong names", _set("steps.0.inputs", {"x": 1.0}), "steps[0].inputs: names (x)"),
    ("gradient with wrong names", _set("steps.1.gradient", {"a": 1.0, "b": 1.0, "c": 1.0}),
     "steps[1].gradient: names (a, b, c)"),
    ("step output as text", _set("steps.1.output", "-11"), "steps[1].output: expected a number"),
    ("negative passes", _set("steps.0.forward_passes", -1), "steps[0].forward_passes"),
    ("random step with gradient", _set("steps.0.method", "random"),
     "steps[0].gradient: random search has no gradient"),
    ("status", _set("status", "exploded"), "status: expected one of ok, diverged"),
    ("message not text", _set("message", 5), "message: expected text, got 5"),
    ("rng state short", _set("rng_state", [3, [1, 2], None]),
     "rng_state[1]: expected 625 whole numbers, got 2"),
    ("rng state shape", _set("rng_state", "abc"), "rng_state: expected a list"),
    ("rng state index", _set("rng_state.1.624", 99999), "rng_state: not a random generator"),
    ("log of a negative input", _expr("log(x)", x=-1.0),
     "start_inputs: log of a non-positive number (-1)"),
    ("division by zero at the start", _expr("1/(x-1)", x=1.0),
     "start_inputs: division by zero"),
    ("overflow at the start", _expr("exp(x)", x=1000.0),
     "start_inputs: the output is not a finite number"),
    ("current inputs off the domain", lambda d: (_expr("log(x)", x=2.0)(d),
                                                 d["inputs"].update(x=-3.0)),
     "inputs: log of a non-positive number (-3)"),
    ("nan as a name", _expr("x + nan", x=1.0), "expression: nan is not a finite number"),
]


@pytest.mark.parametrize(("edit", "fragment"), [c[1:] for c in DICT_CASES],
                         ids=[c[0] for c in DICT_CASES])
def test_a_bad_session_is_refused_saying_what_and_where(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], fragment: str
) -> None:
    data = copy.deepcopy(_good())
    edit(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    current = Session.from_dict(_good())
    before = copy.deepcopy(current)
    with pytest.raises(SessionError) as err:
        current = Session.load(path)
    assert fragment in str(err.value)
    assert str(err.value).startswith(str(path))
    assert "\n" not in str(err.value)
    assert current == before  # nothing changed for the caller
    assert path.read_text() == json.dumps(data)  # nor in the file


def _text(good: str) -> list[tuple[str, str, str]]:
    return [
        ("empty", "", "it is empty"),
        ("whitespace", "  \n\t ", "it is empty"),
        ("truncated", good[: len(good) // 2], "the file ends too early (truncated?)"),
        ("last brace cut", good.rstrip()[:-1], "ends too early"),
        ("not json", "hello", "line 1, column 1: not valid JSON"),
        ("garbage inside", good.replace('"status"', "'status'", 1), "not valid JSON"),
        ("a list", "[1, 2]", "the file: expected an object {...}, got list"),
        ("a number", "42", "expected an object {...}, got 42"),
        ("NaN literal", good.replace('"output": -11.5924', '"output": NaN', 1),
         "NaN is not allowed"),
        ("Infinity literal", good.replace('"h": 0.0001', '"h": Infinity', 1),
         "Infinity is not allowed"),
        ("-Infinity literal", good.replace('"h": 0.0001', '"h": -Infinity', 1),
         "-Infinity is not allowed"),
        ("1e400", good.replace('"h": 0.0001', '"h": 1e400', 1), "1e400 is too large"),
        ("huge whole number", good.replace('"tries": 100', '"tries": ' + "9" * 5000, 1),
         "whole number with 5000 digits"),
        ("duplicate key", good.replace('"status": "ok"', '"status": "ok", "status": "ok"', 1),
         "key 'status' appears twice"),
        ("deep nesting", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ]


def test_every_text_case_changes_the_good_file(tmp_path: Path) -> None:
    good = Session.from_dict(_good()).to_json()
    for name, text, _ in _text(good):
        assert text != good, name


@pytest.mark.parametrize("index", range(15))
def test_a_broken_file_is_refused_with_a_clear_message(tmp_path: Path, index: int) -> None:
    good = Session.from_dict(_good()).to_json()
    name, text, fragment = _text(good)[index]
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(SessionError) as err:
        Session.load(path)
    message = str(err.value)
    assert fragment in message, (name, message)
    assert "\n" not in message
    assert len(message) < 300


def test_unreadable_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileError, match=r"cannot read .*missing.json: No such file"):
        Session.load(tmp_path / "missing.json")
    with pytest.raises(FileError, match=r"cannot read .*: it is a folder"):
        Session.load(tmp_path)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b'{"format": "\xff\xfe"}')
    with pytest.raises(FileError, match="not UTF-8 text \\(bad byte at offset 12\\)"):
        Session.load(binary)
    big = tmp_path / "big.json"
    big.write_text("x" * 2048)
    with pytest.raises(FileError, match="too large"):
        read_text(big, limit=1024)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    session = Session.from_dict(_good())
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + session.to_json().encode())
    assert Session.load(path) == session


def test_every_error_is_an_engine_error() -> None:
    assert issubclass(SessionError, FileError)
    assert issubclass(FileError, EngineError)


def test_format_constants() -> None:
    assert (FORMAT, VERSION) == ("nn101-session", 1)


# --- saving -------------------------------------------------------------------------------


def test_save_refuses_a_session_that_would_not_load(tmp_path: Path) -> None:
    session = Session.from_dict(_good())
    session.inputs = {"x": float("nan"), "y": 1.0, "z": 1.0}
    path = tmp_path / "s.json"
    with pytest.raises(SessionError, match=r"inputs.x: expected a finite number"):
        session.save(path)
    assert not path.exists()
    assert _leftovers(tmp_path, set()) == []


def test_save_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileError, match=r"folder .*nowhere does not exist"):
        Session.from_dict(_good()).save(tmp_path / "nowhere" / "s.json")
    with pytest.raises(FileError, match="it is a folder"):
        Session.from_dict(_good()).save(tmp_path)


def test_save_replaces_the_old_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("old")
    os.chmod(path, 0o600)
    Session.from_dict(_good()).save(path)
    assert Session.load(path) == Session.from_dict(_good())
    assert path.stat().st_mode & 0o777 == 0o600
    assert _leftovers(tmp_path, {"s.json"}) == []


def _old_file(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "s.json"
    Session.from_run(_run("neuron"), "neuron").save(path)
    return path, path.read_bytes()


def _fail_replace(*_: object) -> None:
    raise OSError(28, "No space left on device")


def test_a_save_that_fails_at_the_rename_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, old = _old_file(tmp_path)
    monkeypatch.setattr(os, "replace", _fail_replace)
    with pytest.raises(FileError, match=r"cannot write .*No space left on device"):
        Session.from_dict(_good()).save(path)
    assert path.read_bytes() == old
    assert _leftovers(tmp_path, {"s.json"}) == []


def test_a_save_interrupted_at_fsync_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, old = _old_file(tmp_path)

    def interrupt(_: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        Session.from_dict(_good()).save(path)
    assert path.read_bytes() == old
    assert _leftovers(tmp_path, {"s.json"}) == []


def test_a_save_killed_half_way_through_the_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, old = _old_file(tmp_path)
    real_fdopen = os.fdopen
    written: list[int] = []

    class HalfWriter:
        """Writes half of what it is given, then the disk 'fills up'."""

        def __init__(self, fd: int, mode: str) -> None:
            self.handle = real_fdopen(fd, mode)

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            written.append(len(data) // 2)
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", HalfWriter)
    with pytest.raises(FileError, match="No space left on device"):
        Session.from_dict(_good()).save(path)
    assert written and written[0] > 100  # the temp file really was half written
    assert path.read_bytes() == old
    assert _leftovers(tmp_path, {"s.json"}) == []


def test_a_process_killed_mid_save_leaves_the_old_file(tmp_path: Path) -> None:
    # A real kill (SIGKILL) cannot be cleaned up after: the old file is intact and loads;
    # at most a hidden temporary file stays behind, which is never the session itself.
    path, old = _old_file(tmp_path)
    child = (
        "import os, sys, time\n"
        "from nn101.engine import SCENARIOS, Run, Settings\n"
        "from nn101.state.session import Session\n"
        "def stall(fd):\n"
        "    sys.stdout.write('writing\\n'); sys.stdout.flush(); time.sleep(60)\n"
        "os.fsync = stall\n"
        "run = Run(SCENARIOS['two-gates'].circuit(), Settings()).run(50)\n"
        f"Session.from_run(run, 'two-gates').save({str(path)!r})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", child], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "writing\n"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == old
    assert Session.load(path).scenario == "neuron"
    stray = _leftovers(tmp_path, {"s.json"})
    assert all(name.startswith(".s.json.") and name.endswith(".tmp") for name in stray)


def test_write_text_atomic_creates_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_text_atomic(target, "one")
    write_text_atomic(target, "two ✓")
    assert target.read_text(encoding="utf-8") == "two ✓"
    assert _leftovers(tmp_path, {"a.txt"}) == []


# --- sessions the app builds ------------------------------------------------------------------


def test_validate_accepts_a_session_built_by_hand() -> None:
    session = Session(scenario=None, expression="x * y", inputs={"x": 1.0, "y": 2.0},
                      start_inputs={"x": 1.0, "y": 2.0})
    session.validate()
    run = session.to_run()
    assert run.start_output == 2.0
    assert run.steps == []


def test_to_run_refuses_a_mismatch_with_an_engine_error() -> None:
    session = Session(scenario="two-gates", expression="", inputs={"x": 1.0},
                      start_inputs={"x": 1.0})
    with pytest.raises(SessionError, match="start_inputs: names \\(x\\) do not match"):
        session.to_run()


# --- the app's Playground ----------------------------------------------------------------------


def test_a_playground_saves_and_comes_back(tmp_path: Path) -> None:
    from nn101.state.playground import Playground

    playground = Playground("neuron")
    playground.step(3)
    path = Session.from_run(playground.run, playground.name).save(tmp_path / "pg.json")
    back = Playground.from_session(Session.load(path))
    assert back.name == "neuron"
    assert back.inputs() == playground.inputs()
    assert back.history == playground.history
    assert back.start_inputs == playground.start_inputs
    assert back.settings == playground.settings
    assert back.status == playground.status
