"""The guide's three ways to make a circuit's output go up, as step functions.

Each step moves the inputs and reports the gradient it used (None for random search, which
has none), the new inputs and output, and what it cost in forward passes, so the guide's
point is visible: random search pays `tries` passes, the numerical gradient about one per
input (N+1 forward, 2N centered), backprop one forward and one backward.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from nn101.engine.circuit import Circuit
from nn101.engine.errors import DomainError, EngineError, InputError
from nn101.engine.numerics import is_finite

Difference = Literal["forward", "centered"]

STEP_SIZE = 0.01
H = 1e-4
TRIES = 100
TWEAK = 0.01
MAX_TRIES = 1_000_000
"""Random search tries per step: beyond this one step would freeze a screen for seconds."""


class Method(StrEnum):
    RANDOM = "random"
    NUMERICAL = "numerical"
    ANALYTIC = "analytic"

    @property
    def label(self) -> str:
        return {"random": "random local search", "numerical": "numerical gradient",
                "analytic": "analytic gradient (backprop)"}[self.value]


@dataclass
class Settings:
    """How a method steps; defaults are the guide's."""

    method: Method = Method.ANALYTIC
    step_size: float = STEP_SIZE
    h: float = H
    difference: Difference = "forward"
    tries: int = TRIES
    tweak: float = TWEAK
    seed: int | None = None
    upstream: float = 1.0
    """The guide's dx: the gradient arriving at the output from above (1 unless given).
    Every method then makes upstream * output go up: backprop starts from it, the
    numerical gradient is scaled by it, random search keeps the try that raises it most."""

    def validate(self) -> None:
        """Refuse settings no step could use, with the reason a user can act on."""
        if not is_finite(self.step_size):
            raise InputError("step size must be a finite number")
        if not is_finite(self.h) or self.h <= 0.0:
            raise InputError("h must be a finite number greater than 0")
        if self.difference not in ("forward", "centered"):
            raise InputError("difference must be 'forward' or 'centered'")
        if not 1 <= self.tries <= MAX_TRIES:
            raise InputError(f"tries must be between 1 and {MAX_TRIES}")
        if not is_finite(self.tweak) or self.tweak < 0.0:
            raise InputError("tweak must be a finite number, 0 or more")
        if not is_finite(self.upstream):
            raise InputError("the upstream gradient dx must be a finite number")


@dataclass(frozen=True)
class StepRecord:
    """One step: what it used, where it landed, what it cost."""

    iteration: int
    method: Method
    gradient: dict[str, float] | None
    inputs: dict[str, float]
    output: float
    forward_passes: int
    backward_passes: int = 0


class Diverged(EngineError):
    """A step reached a non-finite number or left a gate's domain; the run stops there."""


def numerical_gradient(
    circuit: Circuit, h: float = H, difference: Difference = "forward"
) -> tuple[dict[str, float], int]:
    """df/dx_i by nudging each input by h: (f(x+h) - f(x)) / h, or centered over 2h.

    Returns the gradient and the forward passes it spent; the inputs are left as found.
    """
    start = circuit.input_values()
    passes = 0
    grad: dict[str, float] = {}

    def nudged(name: str, value: float) -> float:
        """The output with one input nudged; a domain error names the nudge, since the
        user never typed that value (log(x) at x = 5e-5, centered h = 1e-4 tries -5e-5)."""
        circuit.inputs[name].value = value
        try:
            return circuit.forward()
        except DomainError as err:
            raise DomainError(
                f"the numerical gradient nudged {name} to {value:g}, outside the formula's "
                f"domain ({err}): try a smaller h"
            ) from None

    try:
        if difference == "forward":
            base = circuit.forward()
            passes += 1
        for name, x in start.items():
            up = nudged(name, x + h)
            passes += 1
            if difference == "centered":
                down = nudged(name, x - h)
                passes += 1
                grad[name] = (up - down) / (2.0 * h)
            else:
                grad[name] = (up - base) / h
            circuit.inputs[name].value = x
    finally:
        for name, x in start.items():
            circuit.inputs[name].value = x
        circuit.forward()
    return grad, passes


def analytic_gradient(circuit: Circuit, upstream: float = 1.0) -> dict[str, float]:
    """Backprop: one forward pass for the values, one backward pass for every gradient,
    starting from the output's grad `upstream` (the guide's dx)."""
    circuit.forward()
    return circuit.backward(upstream)


def random_search(
    circuit: Circuit, rng: random.Random, tries: int = TRIES, tweak: float = TWEAK,
    upstream: float = 1.0,
) -> tuple[dict[str, float], float]:
    """The guide's random local search: `tries` random nudges of up to `tweak` around the
    current point; returns the best point and its output.

    Every try starts from the same current point, as in the guide. The caller moves there
    only if it beats the current output, so a run never goes down (hill climbing).
    With an upstream gradient (the guide's dx) other than 1, "best" means the largest
    upstream * output; the returned output is the plain output.
    """
    start = circuit.input_values()
    best_inputs = dict(start)
    best_out = best_score = -math.inf
    try:
        for _ in range(tries):
            trial = {n: x + tweak * (rng.random() * 2.0 - 1.0) for n, x in start.items()}
            try:
                out = circuit.evaluate(trial)
            except DomainError:
                continue  # a try outside the formula's domain (log of -0.002) is a bad try
            if upstream * out > best_score:
                best_score, best_out, best_inputs = upstream * out, out, trial
    finally:
        circuit.evaluate(start)
    return best_inputs, best_out


def step(circuit: Circuit, settings: Settings, iteration: int, rng: random.Random) -> StepRecord:
    """Take one step of `settings.method`; raise Diverged if it leaves finite numbers.

    On Diverged the circuit is put back where it was, so the last good state is kept.
    """
    before = circuit.input_values()
    poles = [(wire, wire.value) for wire in circuit.divisors]
    try:
        record = _step(circuit, settings, iteration, rng)
    except (DomainError, Diverged, OverflowError, ZeroDivisionError) as err:
        _safe(circuit, before)
        raise Diverged(f"diverged at iteration {iteration}: {err}") from None
    crossed = next((wire for wire, was in poles if was * wire.value < 0.0), None)
    if crossed is not None:
        # 1/x is infinite between the two points: the step jumped the pole, and what it
        # lands on (the other branch) says nothing about going up.
        _safe(circuit, before)
        name = crossed.label or "a divisor"
        raise Diverged(
            f"diverged at iteration {iteration}: the step would take {name} across 0, where "
            f"1/({name}) is infinite; the run stops at the last good point"
        )
    values = [*list(record.inputs.values()), record.output]
    if record.gradient is not None:
        values += list(record.gradient.values())
    if not is_finite(*values):
        _safe(circuit, before)
        raise Diverged(
            f"diverged at iteration {iteration}: a value or gradient left the finite numbers"
        )
    return record


def _safe(circuit: Circuit, values: Mapping[str, float]) -> bool:
    """Put the inputs back and re-run; False if even that fails (it should not)."""
    try:
        circuit.evaluate(values)
    except EngineError:
        return False
    return True


def _step(circuit: Circuit, s: Settings, iteration: int, rng: random.Random) -> StepRecord:
    start_out = circuit.forward()
    if s.method is Method.RANDOM:
        best_inputs, best_out = random_search(circuit, rng, s.tries, s.tweak, s.upstream)
        if s.upstream * best_out > s.upstream * start_out:
            circuit.evaluate(best_inputs)
        return StepRecord(iteration, s.method, None, circuit.input_values(),
                          circuit.output.value, s.tries)
    if s.method is Method.NUMERICAL:
        grad, passes = numerical_gradient(circuit, s.h, s.difference)
        if s.upstream != 1.0:  # the chain rule: d(u * f)/dv = u * df/dv
            grad = {n: s.upstream * g for n, g in grad.items()}
        backward = 0
    else:
        grad = analytic_gradient(circuit, s.upstream)
        passes, backward = 1, 1
    if not is_finite(*grad.values()):
        raise Diverged("a gradient left the finite numbers")
    new = {n: x + s.step_size * grad[n] for n, x in circuit.input_values().items()}
    out = circuit.evaluate(new)
    return StepRecord(iteration, s.method, grad, dict(new), out, passes, backward)


@dataclass
class Run:
    """A circuit stepped from its start: the trace, and whether it is still finite."""

    circuit: Circuit
    settings: Settings = field(default_factory=Settings)
    start_inputs: dict[str, float] = field(init=False)
    start_output: float = field(init=False)
    steps: list[StepRecord] = field(default_factory=list)
    status: Literal["ok", "diverged"] = "ok"
    message: str = ""

    def __post_init__(self) -> None:
        self.settings.validate()
        self.rng = random.Random(self.settings.seed)
        self.start_inputs = self.circuit.input_values()
        self.start_output = self.circuit.forward()
        if not is_finite(self.start_output):
            raise DomainError(
                "the output is not a finite number at the start point (a value overflowed "
                "a float)"
            )

    @property
    def iteration(self) -> int:
        return len(self.steps)

    @property
    def forward_passes(self) -> int:
        return sum(s.forward_passes for s in self.steps)

    def step(self) -> StepRecord | None:
        """One more step; None (and status 'diverged') if it could not be taken."""
        if self.status == "diverged":
            return None
        try:
            record = step(self.circuit, self.settings, self.iteration + 1, self.rng)
        except Diverged as err:
            self.status, self.message = "diverged", str(err)
            return None
        self.steps.append(record)
        return record

    def run(self, n: int) -> Run:
        for _ in range(n):
            if self.step() is None:
                break
        return self
