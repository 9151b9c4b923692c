"""The playground's state, without a screen: what the app shows and what its keys change.

The circuit screen owns one `Playground` and asks it for every number; tests drive it the
same way with no terminal. `edit(control, text)` takes the user's text for any control of
`controls.py` and refuses a bad value with an InputError whose message is for the user,
keeping the last good value (so a typo never loses state); the refusal stays in `errors`
until the control is edited again or the playground is reset, for the screen to show.
`to_session()` / `from_session()` save and load it.

Rules a user can rely on:
- editing an input starts a new run from the edited point (the history is cleared);
- editing a setting (method, step size, h, tries, tweak) keeps the history: the next step
  uses it;
- a gradient check belongs to the point and h it was made at: once either moves on it is
  `check_stale` (the screen marks it, `c` redoes it);
- `reset()` brings back the scenario's (or expression's) start values and default settings;
- a step that leaves the finite numbers, leaves a gate's domain or jumps a divisor across
  0 stops the run ("diverged"): the last good point is kept until `reset()`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from nn101.engine.circuit import BackwardStep, Circuit
from nn101.engine.errors import EngineError, InputError
from nn101.engine.gates import Gate
from nn101.engine.gradcheck import GradientCheck, gradient_check
from nn101.engine.methods import Method, Run, Settings, StepRecord, step
from nn101.engine.numerics import is_finite
from nn101.engine.scenarios import Scenario
from nn101.engine.scenarios import get as get_scenario
from nn101.state.controls import Control, input_control, read_control
from nn101.state.factory import build_circuit, default_inputs
from nn101.state.session import Session

DEFAULT_SCENARIO = "single-gate"
DEFAULT_SEED = 1
"""Random search is seeded so a session (and a test, and a screenshot) can be replayed;
with seed 1 the single gate's one random step reaches -5.95289, the guide's "about -5.95"."""
METHOD_ORDER = (Method.RANDOM, Method.NUMERICAL, Method.ANALYTIC)
Status = Literal["ok", "diverged"]


@dataclass(frozen=True)
class MethodResult:
    """One step of one method from the start point: where it lands and what it costs."""

    method: Method
    output: float | None
    """None when the step could not be taken (see `message`)."""
    gradient: dict[str, float] | None
    forward_passes: int
    backward_passes: int
    message: str = ""


class Playground:
    """A scenario or typed expression, its circuit, settings, run history and backward walk."""

    def __init__(
        self,
        scenario: str | None = DEFAULT_SCENARIO,
        expression: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.scenario: Scenario | None = None
        self.expression = ""
        self.circuit: Circuit
        self.settings = settings or Settings(seed=DEFAULT_SEED)
        self.settings.validate()
        self.run: Run
        self.check: GradientCheck | None = None
        self._checked_at: tuple[dict[str, float], float] | None = None
        """The inputs and h the check was made with."""
        self.errors: dict[Control, tuple[str, str]] = {}
        """Refused edits still shown: control -> (the text typed, why it was refused)."""
        self.walk: list[BackwardStep] = []
        """The gates processed so far in the backward walk, output side first."""
        self._walk_iter: Iterator[BackwardStep] | None = None
        self.gradients_known = True
        """False after a bare forward pass: the wires' grads are not computed yet."""
        self._compare: list[MethodResult] | None = None
        if expression is not None:
            self.load_expression(expression)
        else:
            self.load_scenario(scenario or DEFAULT_SCENARIO)

    # --- what is loaded -------------------------------------------------------------------

    def load_scenario(self, name: str) -> None:
        """Open a scenario at its defaults, with the method it starts with."""
        scenario = get_scenario(name)
        circuit = build_circuit(name)
        self.scenario, self.expression = scenario, scenario.expression
        self.settings = replace(self.settings, method=scenario.methods[0])
        self._start(circuit)

    def load_expression(self, text: str) -> None:
        """Open a typed formula; its variables start at 1. A bad formula keeps what was open."""
        circuit = build_circuit(None, text)
        if not is_finite(circuit.output.value):
            raise InputError("the formula is not a finite number with every variable at 1")
        self.scenario, self.expression = None, circuit.expression or text.strip()
        self._start(circuit)

    @property
    def name(self) -> str | None:
        return self.scenario.name if self.scenario else None

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario else f"Your expression: {self.expression}"

    @property
    def explanation(self) -> str:
        if self.scenario:
            return self.scenario.explanation
        return ("Your own formula, every variable starting at 1. Step it with any method, walk "
                "its backward pass gate by gate and check backprop against the numerical "
                "gradient.")

    @property
    def methods(self) -> tuple[Method, ...]:
        """Methods the loaded circuit is about (all three for a typed expression)."""
        return self.scenario.methods if self.scenario else METHOD_ORDER

    def default_inputs(self) -> dict[str, float]:
        return default_inputs(self.name, self.circuit)

    def _fresh_circuit(self, values: Mapping[str, float]) -> Circuit:
        return build_circuit(self.name, self.expression, values)

    def controls(self) -> list[Control]:
        """One control per input of the circuit, in the circuit's order."""
        return [input_control(name) for name in self.circuit.inputs]

    def _start(self, circuit: Circuit) -> None:
        """A new run from the circuit's current inputs; forgets history, walk and check."""
        run = Run(circuit, self.settings)
        self.circuit, self.run = circuit, run
        self.check = None
        self._compare = None
        self.errors = {c: e for c, e in self.errors.items() if c.group != "input"}
        self._refresh_gradients()

    # --- reading the state ----------------------------------------------------------------

    @property
    def history(self) -> list[StepRecord]:
        return self.run.steps

    @property
    def iteration(self) -> int:
        return self.run.iteration

    @property
    def output(self) -> float:
        return self.circuit.output.value

    @property
    def start_output(self) -> float:
        return self.run.start_output

    @property
    def start_inputs(self) -> dict[str, float]:
        return dict(self.run.start_inputs)

    @property
    def status(self) -> Status:
        return self.run.status

    @property
    def message(self) -> str:
        return self.run.message

    def inputs(self) -> dict[str, float]:
        return self.circuit.input_values()

    def gradients(self) -> dict[str, float] | None:
        """The output's gradient on each input, or None while it is not computed."""
        return self.circuit.gradients() if self.gradients_known else None

    def outputs(self) -> list[float]:
        """The output at the start and after every step, for a plot."""
        return [self.run.start_output, *(r.output for r in self.run.steps)]

    def forward_passes(self) -> dict[Method, int]:
        """Forward passes spent so far by each method (every method listed, 0 if unused)."""
        spent = dict.fromkeys(METHOD_ORDER, 0)
        for record in self.run.steps:
            spent[record.method] += record.forward_passes
        return spent

    def backward_passes(self) -> int:
        return sum(r.backward_passes for r in self.run.steps)

    # --- settings, from the user's text ---------------------------------------------------

    def edit(self, control: Control, text: str) -> Any:
        """Apply the user's text to an input or a setting; returns the value it read.

        A refusal raises InputError (its message names the control), keeps the last good
        value and is kept in `errors` until the control is edited again.
        """
        try:
            value = self._edit(control, text)
        except InputError as err:
            self.errors[control] = (text, str(err))
            raise
        self.errors.pop(control, None)
        return value

    def _edit(self, control: Control, text: str) -> Any:
        if control.group == "input":
            return self.set_input(control.key, text)
        value = read_control(control, text)
        if control.key == "method":
            value = Method(value)
        try:
            self._apply(**{control.key: value})
        except EngineError as err:
            raise InputError(f"{control.label}: {err}") from None
        return value

    def set_input(self, name: str, text: str) -> float:
        """Set one input from text; the run restarts from the new point."""
        if name not in self.circuit.inputs:
            raise InputError(f"unknown input {name!r}")
        value: float = read_control(input_control(name), text)
        values = self.circuit.input_values()
        values[name] = value
        try:
            circuit = self._fresh_circuit(values)
        except EngineError as err:
            raise InputError(f"{name} = {text.strip()} cannot be used: {err}") from None
        if not is_finite(circuit.output.value):
            raise InputError(f"{name} = {text.strip()} makes the output non-finite")
        self._start(circuit)
        return value

    def cycle_method(self) -> Method:
        """The next of random, numerical, analytic (wrapping around)."""
        i = METHOD_ORDER.index(self.settings.method)
        chosen = METHOD_ORDER[(i + 1) % len(METHOD_ORDER)]
        self._apply(method=chosen)
        return chosen

    def _apply(self, **changes: Any) -> None:
        settings = replace(self.settings, **changes)
        settings.validate()
        self.settings = settings
        self.run.settings = settings
        self._compare = None

    # --- actions --------------------------------------------------------------------------

    def step(self, count: int = 1) -> list[StepRecord]:
        """Up to `count` steps of the current method; stops early if the run diverges."""
        taken: list[StepRecord] = []
        self._end_walk()
        for _ in range(count):
            if self.status == "diverged":
                break
            record = self.run.step()
            if record is None:
                break
            taken.append(record)
        self._refresh_gradients()
        return taken

    def forward(self) -> float:
        """A bare forward pass: values recomputed, gradients unknown until a backward pass."""
        self._end_walk()
        value = self.circuit.forward()
        self.circuit.zero_grad()
        self.gradients_known = False
        return value

    def walk_step(self) -> BackwardStep | None:
        """One gate of the backward pass, output side first; None when the walk is complete.

        The first call runs forward and starts the walk (all grads 0, the output's 1); after
        the last gate, the next call starts a new walk.
        """
        if self._walk_iter is None or self.walk_complete:
            self.circuit.forward()
            self.walk = []
            self._walk_iter = self.circuit.backward_steps()
            self.gradients_known = True
        taken = next(self._walk_iter, None)
        if taken is None:
            return None
        self.walk.append(taken)
        return taken

    @property
    def walk_active(self) -> bool:
        """A backward walk is shown (in progress or just completed)."""
        return self._walk_iter is not None

    @property
    def walk_complete(self) -> bool:
        return self.walk_active and len(self.walk) == len(self.circuit.gates)

    @property
    def walk_gate(self) -> Gate | None:
        """The gate the walk processed last (the one to highlight)."""
        return self.walk[-1].gate if self.walk_active and self.walk else None

    def gradient_check(self) -> GradientCheck:
        """Backprop vs the numerical gradient at the current point, with the current h."""
        self._end_walk()
        self.check = gradient_check(self.circuit, self.settings.h, self.settings.difference)
        self._checked_at = (self.inputs(), self.settings.h)
        self._refresh_gradients()
        return self.check

    @property
    def check_stale(self) -> bool:
        """The check on record was made at another point or with another h."""
        return self.check is not None and self._checked_at != (self.inputs(), self.settings.h)

    def compare(self) -> list[MethodResult]:
        """Each method's first step from the run's start point, with the current settings.

        Random search gets its own generator seeded like the run, so the comparison is the
        same every time it is asked for.
        """
        if self._compare is None:
            self._compare = [self._one_step(m) for m in METHOD_ORDER]
        return self._compare

    def _one_step(self, method: Method) -> MethodResult:
        settings = replace(self.settings, method=method)
        try:
            circuit = self._fresh_circuit(self.run.start_inputs)
            record = step(circuit, settings, 1, random.Random(settings.seed))
        except EngineError as err:
            return MethodResult(method, None, None, 0, 0, str(err))
        return MethodResult(method, record.output, record.gradient, record.forward_passes,
                            record.backward_passes)

    def reset(self) -> None:
        """Back to the start values and default settings (the random seed is kept)."""
        seed = self.settings.seed
        self.settings = Settings(seed=seed, method=self.methods[0])
        self.errors = {}
        self._start(self._fresh_circuit(self.default_inputs()))

    def _end_walk(self) -> None:
        self._walk_iter = None
        self.walk = []

    def _refresh_gradients(self) -> None:
        """Show the gradient at the current point (a backward pass for the display only)."""
        self._end_walk()
        self.circuit.forward()
        self.circuit.backward()
        self.gradients_known = True

    # --- saving and loading ---------------------------------------------------------------

    def to_session(self) -> Session:
        """The state as a Session, the random generator's state included, so a saved seeded
        random search continues exactly as it would have."""
        return Session.from_run(self.run, self.name)

    @classmethod
    def from_session(cls, session: Session) -> Playground:
        """A playground where `session` left off (the session was checked when loaded)."""
        run = session.to_run()
        pg = cls(scenario=session.scenario, settings=run.settings,
                 expression=None if session.scenario else session.expression)
        pg.settings = run.settings
        pg.circuit, pg.run = run.circuit, run
        pg._refresh_gradients()
        return pg
