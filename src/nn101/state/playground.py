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

import math
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from nn101.engine.circuit import BackwardStep, Circuit
from nn101.engine.errors import EngineError, InputError
from nn101.engine.gradcheck import GradientCheck, gradient_check
from nn101.engine.methods import Method, Run, Settings, StepRecord, step
from nn101.engine.numerics import is_finite, parse_number
from nn101.engine.scenarios import Scenario
from nn101.engine.scenarios import get as get_scenario
from nn101.engine.wires import WireGradient, wire_gradients
from nn101.state import notation
from nn101.state.controls import DX, Control, input_control, read_control
from nn101.state.factory import build_circuit
from nn101.state.start import domain_problem, open_formula
from nn101.state.teaching import NOTHING, QUIZ, Teaching
from nn101.state.walk import Walking

if TYPE_CHECKING:  # the quiz and the session files are imported on first use: the app's
    # first frame does not need them (tui/screens/circuit.py)
    from nn101.state.quiz import Feedback, Quiz, Tolerance
    from nn101.state.session import Session

DEFAULT_SCENARIO = "single-gate"
DEFAULT_SEED = 1
"""Random search is seeded so a session (and a test, and a screenshot) can be replayed;
with seed 1 the single gate's one random step reaches -5.95289, the guide's "about -5.95"."""
METHOD_ORDER = (Method.RANDOM, Method.NUMERICAL, Method.ANALYTIC)
Status = Literal["ok", "diverged", "blocked"]
"""blocked: a formula opened at a start point outside a gate's domain (see `problem`)."""


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
    moved_l2: float | None = None
    """How far the step moved the inputs: the length of the move (all inputs together)."""
    moved_max: float | None = None
    """The largest move of any one input. A gradient step moves input i by step size x
    gradient i; random search moves each input by up to `tweak`: on the neuron that is
    about 0.003 against 0.01, which is why one random step can beat one gradient step."""


def explain_compare(results: list[MethodResult]) -> str:
    """One sentence on how far each method moved the inputs, for "Methods compared"."""
    parts = [f"{r.method.value} moved the inputs by at most {r.moved_max:.3g} "
             f"(length {r.moved_l2:.3g})"
             for r in results if r.moved_max is not None and r.moved_l2 is not None]
    if not parts:
        return ""
    return ("; ".join(parts) + ". A gradient step moves each input by step size × its "
            "gradient; random search tries moves of up to tweak per input, so a larger "
            "move can beat a better direction.")


class Playground(Walking):
    """A scenario or typed expression, its circuit, settings, run history and backward walk."""

    unreset_passes = 0
    """Backward passes added without zeroing the inputs' gradients (backward_without_reset)
    since the last fresh one: the inputs hold unreset_passes + 1 times their gradient."""

    def __init__(
        self,
        scenario: str | None = DEFAULT_SCENARIO,
        expression: str | None = None,
        settings: Settings | None = None,
        hold: bool = False,
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
        Walking.__init__(self)
        self.gradients_known = True
        """False after a bare forward pass: the wires' grads are not computed yet."""
        self._compare: list[MethodResult] | None = None
        self.problem: str | None = None
        """Why the circuit cannot be computed at its inputs (a formula opened outside a
        gate's domain, see load_expression(hold=True)); None when it can."""
        self.start_values: dict[str, float] = {}
        """An expression's start point (1 for each variable, unless the text gave one)."""
        self._naming: tuple[Circuit, notation.Naming] | None = None
        self.quiz: Quiz | None = None
        """The quiz at this playground's point, while one is open (k, or a lesson step)."""
        self.quiz_feedback: Feedback | None = None
        self.quiz_note = ""
        """What the last answer earned, and a word on an answer that was not a number."""
        self.step_teaching: Teaching = NOTHING
        """What the lesson step showing this playground asks, hides and locks."""
        if expression is not None:
            self.load_expression(expression, hold=hold)
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

    def load_expression(self, text: str, hold: bool = False) -> None:
        """Open a typed formula, with start values after `@` (`log(x - 2) @ x=5, y=2`);
        a variable not given starts at 1. A bad formula or bad values keep what was open.

        A start point outside a gate's domain (log of -1, 1/0) is refused, naming the gate;
        with `hold` the formula opens anyway: `status` is "blocked", `problem` says which
        gate and why, gradients are unknown and stepping does nothing until `set_input`
        brings the point back into the domain.
        """
        circuit, point = open_formula(text)
        problem = domain_problem(circuit)
        if problem is not None and not hold:
            if "@" not in text and problem.startswith("the output is not a finite number"):
                problem = "the formula is not a finite number with every variable at 1"
            raise InputError(problem)
        self.scenario, self.expression = None, circuit.expression
        self.start_values = point
        if problem is None:
            self._start(circuit)
        else:
            self._hold(circuit, problem)

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
        if self.scenario:
            return dict(self.scenario.defaults)
        return {n: self.start_values.get(n, 1.0) for n in self.circuit.inputs}

    def _fresh_circuit(self, values: Mapping[str, float]) -> Circuit:
        return build_circuit(self.name, self.expression, values)

    def controls(self) -> list[Control]:
        """One control per input of the circuit, in the circuit's order."""
        return [input_control(name) for name in self.circuit.inputs]

    def _start(self, circuit: Circuit) -> None:
        """A new run from the circuit's current inputs; forgets history, walk and check."""
        run = Run(circuit, self.settings)
        self.circuit, self.run = circuit, run
        self.problem = None
        self.check = None
        self._compare = None
        self.errors = {c: e for c, e in self.errors.items() if c.group != "input"}
        self._refresh_gradients()

    def _hold(self, circuit: Circuit, problem: str) -> None:
        """Keep a circuit whose inputs are outside a gate's domain, with the reason."""
        run = Run.__new__(Run)  # no forward pass: it cannot run here
        run.circuit, run.settings, run.steps = circuit, self.settings, []
        run.start_inputs, run.start_output = circuit.input_values(), math.nan
        run.status, run.message = "diverged", problem  # the engine takes no step from here
        run.rng = random.Random(self.settings.seed)
        self.circuit, self.run = circuit, run
        self.problem = problem
        self.check = None
        self._compare = None
        self.end_walk()
        circuit.zero_grad()
        self.gradients_known = False

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
        return "blocked" if self.problem is not None else self.run.status

    @property
    def message(self) -> str:
        return self.problem if self.problem is not None else self.run.message

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
        if control.key == DX.key:  # the setting is called `upstream`; the guide's dx
            try:
                return self.set_upstream(text)
            except EngineError as err:
                raise InputError(f"{control.label}: {err}") from None
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
        if self.problem is not None:  # blocked: any number is a step towards fixing it
            self.circuit.set_inputs(values)
            problem = domain_problem(self.circuit)
            if problem is None:
                self._start(self._fresh_circuit(values))
            else:
                self._hold(self.circuit, problem)
            return value
        try:
            circuit = self._fresh_circuit(values)
        except EngineError as err:
            raise InputError(f"{name} = {text.strip()} cannot be used: {err}") from None
        if not is_finite(circuit.output.value):
            raise InputError(f"{name} = {text.strip()} makes the output non-finite")
        self._start(circuit)
        return value

    def set_upstream(self, text: str) -> float:
        """The guide's dx, the gradient given at the output (default 1): backprop starts
        from it, and every method makes dx × output go up. Gradients are shown anew."""
        value = parse_number(text)
        self._apply(upstream=value)
        if self.problem is None:
            self._refresh_gradients()
        return value

    @property
    def upstream(self) -> float:
        return self.settings.upstream

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
        self.end_walk()
        if self.problem is not None:
            return taken
        for _ in range(count):
            if self.status == "diverged":
                break
            record = self.run.step()
            if record is None:
                break
            taken.append(record)
        self._refresh_gradients()
        return taken

    def advance(self, count: int, deadline: float) -> int:
        """Up to `count` steps, none begun after `deadline` (time.perf_counter), at least
        one unless the run cannot go on (diverged, blocked); how many were taken. For a
        player: one step of random search with many tries can take long, so the clock is
        read after each."""
        self.end_walk()
        if self.problem is not None:
            return 0
        done = 0
        while done < count and self.status != "diverged":
            if self.run.step() is None:
                break
            done += 1
            if time.perf_counter() > deadline:
                break
        if done:
            self._refresh_gradients()
        return done

    def forward(self) -> float:
        """A bare forward pass: values recomputed, gradients unknown until a backward pass."""
        self.end_walk()
        if self.problem is not None:
            return math.nan
        value = self.circuit.forward()
        self.circuit.zero_grad()
        self.gradients_known = False
        return value

    def walk_step(self) -> BackwardStep | None:
        """One gate of the backward pass, output side first; None when the walk is complete.

        The first call runs forward and starts the walk (all grads 0, the output's 1); after
        the last gate, the next call starts a new walk.
        """
        if self.problem is not None:
            return None
        return self.next_gate(self.settings.upstream)

    def walk_starts(self) -> None:
        self.circuit.forward()
        self.gradients_known = True

    def gradient_check(self) -> GradientCheck:
        """Backprop vs the numerical gradient at the current point, with the current h."""
        if self.problem is not None:
            raise InputError(self.problem)
        self.end_walk()
        self.check = gradient_check(self.circuit, self.settings.h, self.settings.difference,
                                    upstream=self.settings.upstream)
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
        start = self.run.start_inputs
        moves = [record.inputs[n] - start[n] for n in start]
        return MethodResult(method, record.output, record.gradient, record.forward_passes,
                            record.backward_passes, "",
                            math.sqrt(math.fsum(m * m for m in moves)),
                            max((abs(m) for m in moves), default=0.0))

    def compare_note(self) -> str:
        """How far each method's step moved the inputs, and why that matters (one line)."""
        return explain_compare(self.compare())

    def reset(self) -> None:
        """Back to the start values and default settings (the random seed is kept)."""
        seed = self.settings.seed
        self.settings = Settings(seed=seed, method=self.methods[0])
        self.errors = {}
        if self.scenario is None:
            circuit = build_circuit(None, self.expression, self.default_inputs(), run=False)
            problem = domain_problem(circuit)
            if problem is not None:
                self._hold(circuit, problem)
                return
        self._start(self._fresh_circuit(self.default_inputs()))

    def _refresh_gradients(self) -> None:
        """Show the gradient at the current point (a backward pass for the display only)."""
        self.end_walk()
        self.circuit.forward()
        self.circuit.backward(self.settings.upstream)
        self.gradients_known = True
        self.unreset_passes = 0

    def backward_without_reset(self) -> dict[str, float] | None:
        """One more backward pass without zeroing the inputs' gradients first: they add up
        (run it twice from fresh gradients and they double). Counted as a backward pass;
        None while blocked. The next step or reset zeroes them again."""
        if self.problem is not None:
            return None
        self.end_walk()
        if not self.gradients_known:
            self._refresh_gradients()  # the first pass: from zero, as backprop starts
        grads = self.circuit.backward(self.settings.upstream, accumulate=True)
        self.unreset_passes += 1
        self.gradients_known = True
        return grads

    # --- the chain rule, written out ------------------------------------------------------

    @property
    def naming(self) -> notation.Naming:
        """Names for every wire as the guide names them (x1, x2, ..., the output x)."""
        if self._naming is None or self._naming[0] is not self.circuit:
            self._naming = (self.circuit, notation.Naming(self.circuit))
        return self._naming[1]

    def wires(self) -> dict[str, WireGradient] | None:
        """Each input's gradient wire by wire (its uses and their sum) at the current
        point, from dx; None while blocked. Leaves the grads as backprop makes them."""
        if self.problem is not None:
            return None
        self.end_walk()
        result = wire_gradients(self.circuit, self.settings.upstream)
        self.gradients_known = True
        return result

    def chain_rule(self) -> list[notation.ChainTerm]:
        """The walk's last gate, each input as `d<input> = local × upstream = value`;
        empty before the walk starts."""
        if not self.walk_active or not self.walk:
            return []
        return notation.chain_rule(self.walk[-1], self.naming)

    def equations(self) -> notation.Equations | None:
        """The circuit's backprop equations in the guide's notation at the current point,
        from dx; None while blocked. Each line's `gates` says which walk step writes it."""
        if self.problem is not None:
            return None
        return notation.equations(self.circuit, self.settings.upstream)

    def start_quiz(self, tolerance: Tolerance | None = None) -> Quiz:
        """Predict, then reveal: a quiz over the backward walk at the current point. It is
        this playground's until it ends: while a question is open, `teaching` asks the
        gradients and every pane hides them."""
        from nn101.state.quiz import Quiz, Tolerance  # on first use

        if self.problem is not None:
            raise InputError(self.problem)
        self.end_walk()
        quiz = Quiz(self.circuit, self.settings.upstream, tolerance or Tolerance(),
                    self.naming)
        self._refresh_gradients()
        self.quiz, self.quiz_feedback, self.quiz_note = quiz, None, ""
        return quiz

    def end_quiz(self) -> Quiz | None:
        """Close the quiz (its answers would be of another point after a change); the
        quiz that was open, or None."""
        quiz, self.quiz = self.quiz, None
        self.quiz_feedback, self.quiz_note = None, ""
        return quiz

    @property
    def quiz_open(self) -> bool:
        """Whether a quiz question is waiting for its answer."""
        return self.quiz is not None and not self.quiz.finished

    @property
    def teaching(self) -> Teaching:
        """What is asked, hidden and locked now: the lesson step's, and the gradients while
        a quiz question is open."""
        return self.step_teaching | QUIZ if self.quiz_open else self.step_teaching

    # --- saving and loading ---------------------------------------------------------------

    def to_session(self) -> Session:
        """The state as a Session, the random generator's state included, so a saved seeded
        random search continues exactly as it would have."""
        from nn101.state.session import Session  # on first use

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
