"""Every editable thing, described once: label, kind, limits, where it applies, how it reads.

The app's fields, the CLI's flags, the help and the session checks all read these, so a
label, a limit or a reading rule cannot differ between them. A control is its own identity
(a frozen dataclass, hashed by value): an input named `h` and the numerical gradient's
setting `h` are two different controls, never two strings that must not collide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from nn101.engine.errors import InputError
from nn101.engine.learning.classes import CLASS_DATASETS
from nn101.engine.learning.datasets import DATASETS
from nn101.engine.learning.mlp import INITS
from nn101.engine.learning.models import ACTIVATIONS, MAX_HIDDEN, MODELS
from nn101.engine.learning.optimizers import OPTIMIZERS
from nn101.engine.methods import MAX_TRIES, Method
from nn101.engine.numerics import parse_number
from nn101.state.limits import MAX_ITERATIONS, MAX_STEPS
from nn101.state.text import short

Group = Literal["input", "method", "training"]
Kind = Literal["number", "whole", "choice"]
WHOLE_LIMIT = 2**63
"""Seeds and counts are 64-bit, like the sessions that save them."""
_DIGITS = re.compile(r"[+-]?[0-9]+")


def _shown(text: str, limit: int = 40) -> str:
    """A typed value quoted for a message, cut to a readable length."""
    stripped = text.strip()
    return repr(stripped if len(stripped) <= limit else stripped[: limit - 1] + "…")


@dataclass(frozen=True)
class Control:
    """One editable value. `read(text)` gives the value or raises InputError whose message
    starts with what is wrong (the caller names the control: `h: must be ...`)."""

    key: str
    """The name in settings, sessions and the CLI (`step_size` is `--step-size`)."""
    group: Group
    label: str
    kind: Kind = "number"
    help: str = ""
    low: float | None = None
    high: float | None = None
    above_low: bool = False
    """The value must be greater than `low` (not equal)."""
    choices: tuple[str, ...] = ()
    methods: frozenset[Method] = field(default_factory=frozenset)
    """The methods this setting applies to (empty: all of them)."""
    aliases: tuple[str, ...] = ()
    """More CLI flags for it (a clearer name; the first flag stays: it is a contract)."""

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")

    def applies_to(self, method: Method) -> bool:
        return not self.methods or method in self.methods

    def read(self, text: str) -> Any:
        if self.kind == "choice":
            value = text.strip()
            if value not in self.choices:
                raise InputError(f"expected one of {', '.join(self.choices)}, got "
                                 f"{_shown(text)}")
            return value
        if self.kind == "whole":
            return self._check(self._whole(text))
        return self._check(parse_number(text))

    def _whole(self, text: str) -> int:
        stripped = text.strip()
        if stripped.isascii() and _DIGITS.fullmatch(stripped) and len(stripped) <= 30:
            return int(stripped)
        try:
            number = parse_number(stripped)
        except InputError:
            number = 0.5
        if not number.is_integer():
            raise InputError(f"not a whole number: {_shown(text)}")
        return int(number)

    def _check(self, value: Any) -> Any:
        low, high = self.low, self.high
        if low is not None and high is not None and not low <= value <= high:
            raise InputError(f"must be between {_limit(low)} and {_limit(high)}, got "
                             f"{_limit(value)}")
        if low is not None and self.above_low and value <= low:
            raise InputError(f"must be greater than {_limit(low)}, got {_limit(value)}")
        if low is not None and value < low:
            raise InputError(f"must be {_limit(low)} or more, got {_limit(value)}")
        return value

    def describe(self) -> str:
        """The help line: what it is and what it accepts."""
        if self.kind == "choice":
            accepts = "one of " + ", ".join(self.choices)
        elif self.low is not None and self.high is not None:
            accepts = f"{'a whole number' if self.kind == 'whole' else 'a number'} from " \
                      f"{_limit(self.low)} to {_limit(self.high)}"
        elif self.low is not None:
            accepts = f"a number {'above' if self.above_low else 'from'} {_limit(self.low)}"
        else:
            accepts = "any finite number"
        return f"{self.help} ({accepts})" if self.help else accepts


def _limit(value: float) -> str:
    """A bound or a read value in a message: a whole number read from 1e300 has 301
    digits, so the echo is cut as every echoed value is (MAX_QUOTED characters)."""
    return short(f"{value:g}" if isinstance(value, float) else str(value))


def input_control(name: str) -> Control:
    """The control of one circuit input (its own group: an input may be called `h`)."""
    return Control(name, "input", name, help=f"the value of input {name}")


def read_control(control: Control, text: str) -> Any:
    """`control.read(text)` with the control's label in the message, as fields show it."""
    try:
        return control.read(text)
    except InputError as err:
        raise InputError(f"{control.label}: {err}") from None


NUMERICAL_ONLY = frozenset({Method.NUMERICAL})
RANDOM_ONLY = frozenset({Method.RANDOM})
GRADIENT_METHODS = frozenset({Method.NUMERICAL, Method.ANALYTIC})

# --- the circuit screen's method settings (and `run`/`check`'s flags) -----------------------

METHOD = Control("method", "method", "method", "choice", "how a step makes the output go up",
                 choices=tuple(m.value for m in Method))
STEP_SIZE = Control("step_size", "method", "step size", help="how far a gradient step moves "
                    "each input, times its gradient", methods=GRADIENT_METHODS)
H = Control("h", "method", "h", help="the nudge of the numerical gradient", low=0.0,
            above_low=True, methods=NUMERICAL_ONLY)
DIFFERENCE = Control("difference", "method", "difference", "choice", "forward: (f(x+h) - "
                     "f(x))/h; centered: over 2h", choices=("forward", "centered"),
                     methods=NUMERICAL_ONLY)
TRIES = Control("tries", "method", "tries", "whole", "random nudges per step", low=1,
                high=MAX_TRIES, methods=RANDOM_ONLY)
TWEAK = Control("tweak", "method", "tweak", help="the largest random nudge of one input",
                low=0.0, methods=RANDOM_ONLY)
SEED = Control("seed", "method", "seed", "whole", "seeds random search, so a run can be "
               "replayed", low=-WHOLE_LIMIT, high=WHOLE_LIMIT - 1)
DX = Control("dx", "method", "force", help="the force on the output: the gradient given to "
             "it before backprop (the guide's \"pull\"; 1 pulls it up). Backprop starts from "
             "it and every method raises force × output", aliases=("--force",))
STEPS = Control("steps", "method", "steps", "whole", "steps to take", low=0, high=MAX_STEPS)
METHOD_FIELDS: tuple[Control, ...] = (STEP_SIZE, H, TRIES, TWEAK)
"""The settings the circuit screen shows as fields (method is a select above them)."""

# --- the learning screen's settings (and `train`'s flags) -----------------------------------

MODEL = Control("model", "training", "model", "choice", "svm (a*x + b*y + c) or net "
                "(2-layer ReLU)", choices=MODELS)
DATASET = Control("dataset", "training", "data set", "choice", "the points to learn",
                  choices=DATASETS)
TRAIN_STEP_SIZE = Control("step_size", "training", "step size", help="how far each pull moves "
                          "the parameters", low=0.0, above_low=True)
REGULARIZATION = Control("regularization", "training", "regularization", help="strength R of "
                         "the pull -R*w on the weights (the guide: 1)", low=0.0)
TRAIN_SEED = Control("seed", "training", "seed", "whole", "the net's start and the points "
                     "picked", low=-WHOLE_LIMIT, high=WHOLE_LIMIT - 1)
HIDDEN = Control("hidden", "training", "hidden width", "whole", "neurons in the net's hidden "
                 "layer", low=1, high=MAX_HIDDEN)
ACTIVATION = Control("activation", "training", "activation", "choice", "the net's hidden "
                     "gate: relu (the guide's max(0, .)), tanh or sigmoid",
                     choices=ACTIVATIONS)
ITERATIONS = Control("iterations", "training", "iterations", "whole", "iterations to train",
                     low=0, high=MAX_ITERATIONS)
EVERY = Control("every", "training", "every", "whole", "record accuracy and loss every N "
                "iterations", low=1, high=MAX_STEPS)
POINTS = Control("points", "training", "points", "whole", "points in a generated data set "
                 "(not guide)", low=2, high=10_000)
NOISE = Control("noise", "training", "noise", help="noise of a generated data set", low=0.0)
DATA_SEED = Control("data_seed", "training", "data seed", "whole", "seeds a generated data "
                    "set", low=-WHOLE_LIMIT, high=WHOLE_LIMIT - 1)
TRAINING_FIELDS: tuple[Control, ...] = (TRAIN_STEP_SIZE, REGULARIZATION, TRAIN_SEED, HIDDEN)
"""The settings the learning screen shows as fields (model and data set are selects)."""

# --- chapter 3: the mlp's settings (K classes; `train mlp`'s flags) --------------------------

TRAIN_MODEL = Control("model", "training", "model", "choice", "svm (a*x + b*y + c), net "
                      "(2-layer ReLU) or mlp (chapter 3: K classes, softmax and "
                      "cross-entropy)", choices=(*MODELS, "mlp"))
"""`train`'s model: the learning screen's MODEL and chapter 3's mlp, which has its own
screen model (state/class_learning.py) until the screen shows it."""
CLASS_DATASET = Control("dataset", "training", "data set", "choice", "the three-class points "
                        "to learn (mlp)", choices=CLASS_DATASETS)
OPTIMIZER = Control("optimizer", "training", "optimizer", "choice", "how a gradient becomes a "
                    "step, as PyTorch's: sgd, momentum, adam or adamw", choices=OPTIMIZERS)
MOMENTUM = Control("momentum", "training", "momentum", help="momentum's mu: v = mu*v + g",
                   low=0.0, high=0.999999)
BETA1 = Control("beta1", "training", "beta1", help="Adam's decay of the mean gradient m",
                low=0.0, high=0.999999)
BETA2 = Control("beta2", "training", "beta2", help="Adam's decay of the mean squared gradient v",
                low=0.0, high=0.999999)
EPS = Control("eps", "training", "eps", help="Adam's guard: step = m^ / (sqrt(v^) + eps)",
              low=0.0, above_low=True)
WEIGHT_DECAY = Control("weight_decay", "training", "weight decay", help="pulls every weight "
                       "towards 0 (in the gradient; adamw: decoupled, p -= lr*wd*p)", low=0.0)
INIT = Control("init", "training", "initialization", "choice", "the mlp's starting weights: "
               "guide (uniform +-0.5), eureka (uniform(-1, 1)/sqrt(fan in)), zeros, large, "
               "xavier, he", choices=INITS)
BATCH = Control("batch", "training", "batch size", "whole", "points per step; 0 = the whole "
                "training split (full batch)", low=0, high=10_000)
PRESET = Control("preset", "training", "preset", "choice", "a whole run's settings: eureka = "
                 "EurekaLabsAI/micrograd's micrograd.py", choices=("eureka",))
CLASS_FIELDS: tuple[Control, ...] = (OPTIMIZER, TRAIN_STEP_SIZE, MOMENTUM, BETA1, BETA2, EPS,
                                     WEIGHT_DECAY, INIT, BATCH, HIDDEN, ACTIVATION, TRAIN_SEED)
"""The mlp's settings, in the order a form or `--compare` lists them."""


def argparse_type(control: Control) -> Callable[[str], Any]:
    """A reader for argparse: its error becomes `argument --flag: <what is wrong>`."""
    import argparse

    def read(text: str) -> Any:
        try:
            return control.read(text)
        except InputError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    read.__name__ = control.key  # argparse names the type in some messages
    return read
