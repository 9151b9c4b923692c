"""The engine: units, gates, circuits and the guide's ways to make an output go up.

Standard library only: the app and the CLI ask it and show what it answers.

Two ways to back-propagate, with the same arithmetic to the bit:

- a `Circuit` is built once and run many times (`forward()`, `backward()`, one gate at a
  time with `backward_steps()`): what the app steps and what training loops re-run;
- `unit.backward()`, micrograd's `loss.backward()`: the gates under a wire are ordered,
  their grads zeroed and run back in one walk, with no circuit to build. It suits a graph
  wired anew every pass with the operators (`(a * x + b * y + c).sigmoid()`: the guide's
  MultiplyGate, AddGate and SigmoidGate). See `backprop.py`.
"""

from nn101.engine.circuit import BackwardStep, Circuit, Contribution, topological_order
from nn101.engine.errors import DomainError, EngineError, ExpressionError, InputError
from nn101.engine.expression import parse
from nn101.engine.gates import (
    AddGate,
    DivideGate,
    ExpGate,
    Gate,
    LogGate,
    MaxGate,
    MultiplyGate,
    NegateGate,
    PowerGate,
    PowGate,
    ReciprocalGate,
    ReluGate,
    SigmoidGate,
    SubtractGate,
    TanhGate,
)
from nn101.engine.gradcheck import GradientCheck, gradient_check
from nn101.engine.methods import (
    Diverged,
    Method,
    Run,
    Settings,
    StepRecord,
    analytic_gradient,
    numerical_gradient,
    random_search,
    step,
)
from nn101.engine.numerics import parse_number, sigmoid
from nn101.engine.scenarios import SCENARIOS, Scenario
from nn101.engine.unit import Unit

__all__ = [
    "SCENARIOS",
    "AddGate",
    "BackwardStep",
    "Circuit",
    "Contribution",
    "Diverged",
    "DivideGate",
    "DomainError",
    "EngineError",
    "ExpGate",
    "ExpressionError",
    "Gate",
    "GradientCheck",
    "InputError",
    "LogGate",
    "MaxGate",
    "Method",
    "MultiplyGate",
    "NegateGate",
    "PowGate",
    "PowerGate",
    "ReciprocalGate",
    "ReluGate",
    "Run",
    "Scenario",
    "Settings",
    "SigmoidGate",
    "StepRecord",
    "SubtractGate",
    "TanhGate",
    "Unit",
    "analytic_gradient",
    "gradient_check",
    "numerical_gradient",
    "parse",
    "parse_number",
    "random_search",
    "sigmoid",
    "step",
    "topological_order",
]
