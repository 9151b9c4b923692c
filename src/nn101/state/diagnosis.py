""""Why isn't it learning?": one line, measured from the run, naming what to change.

Four things stop the guide's models from learning, and each can be measured from where the
run stands (its parameters on the whole data set) and its recent history:

- most ReLUs dead: a ReLU neuron whose a*x + b*y + c is <= 0 on every point outputs 0 and
  passes no gradient back, so no pull ever moves its a, b, c again;
- the regularization pull outweighs the data's: on average over the points, -R*w moves the
  weights about as much as the pulls do (the guide's R = 1 on the net: see REG_SHARE), so
  the weights shrink towards 0;
- the loss rising over the last records: the step size is too large, each step overshoots;
- the score flat: every point gets about the same score, so the model says one class
  everywhere (the collapse the guide's net falls into).

`diagnose` lists those that hold, most specific first; the screen shows the first. Nothing is
said before MIN_ITERATIONS (a fresh start is not a stuck run).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from nn101.engine.learning import Training, pull
from nn101.engine.numerics import is_finite

MIN_ITERATIONS = 100
"""No diagnosis before this many iterations."""
RISING_RECORDS = 6
"""The loss is 'rising' when it went up in most of the last this many records..."""
RISE = 1.1
"""...and ended at least this many times where it started."""
FLAT_SPREAD = 0.05
"""The score is 'flat' when it varies less than this across the data set: a twentieth of
the margin of 1 the pulls ask for (the guide's net collapsed on moons: 0.018 at 400
iterations, 0.005 at 1000; a net that learned it: about 6)."""
REG_SHARE = 0.4
"""The regularization pull 'outweighs' the data's when, summed over the weights, it is at
least this share of the mean pull the points give them: each step then takes back most of
what the data gave. Measured: the guide's net at R = 1 0.47 to 0.88 (stuck at 50%), the
guide's SVM at R = 1 0.49 (stuck at 5/6), R = 0.1 on the SVM 0.37 and R = 0.001 on a
10-neuron net 0.02 (both learn)."""
DEAD_SHARE = 0.5
"""'Most' ReLUs: more than this share of the neurons."""
MAX_POINTS = 2_000
"""Points measured at most (the first ones): keeps a diagnosis under a few milliseconds."""


@dataclass(frozen=True)
class Finding:
    key: str
    """dead, regularization, rising or flat."""
    text: str
    """One line: what was measured and what to change."""


def dead_neurons(training: Training) -> list[int]:
    """The ReLU neurons (1-based) whose input is <= 0 on every point: they output 0 and
    pass no gradient back. Empty for the SVM and for tanh or sigmoid (never exactly 0)."""
    model = training.model
    if model.kind != "net" or model.activation != "relu":
        return []
    points = training.dataset.points[:MAX_POINTS]
    p = model.param_values()
    dead = []
    for i in range(1, model.hidden + 1):
        a, b, c = p[f"a{i}"], p[f"b{i}"], p[f"c{i}"]
        if all(a * q.x + b * q.y + c <= 0.0 for q in points):
            dead.append(i)
    return dead


def pulls_on_weights(training: Training) -> tuple[float, float]:
    """(data, regularization): the mean over the points of how far backprop's pull moves the
    weights (the sum of |pull x d score/d w| over the weights), and how far the
    regularization pull does (the sum of |R x w|). Uses the model's circuit."""
    model = training.model
    weights = model.multiplicative
    points = training.dataset.points[:MAX_POINTS]
    total = 0.0
    for q in points:
        s = model.score(q.x, q.y)
        grads = model.backward(pull(q.label, s))
        total += sum(abs(grads[w]) for w in weights)
    reg = training.settings.regularization
    values = model.param_values()
    return total / max(1, len(points)), sum(abs(reg * values[w]) for w in weights)


def diagnose(training: Training) -> list[Finding]:
    """Every reason the run is not learning that holds now (see the module's docstring)."""
    if training.iteration < MIN_ITERATIONS or training.status != "ok":
        return []
    found: list[Finding] = []
    model = training.model
    dead = dead_neurons(training)
    if model.kind == "net" and len(dead) > DEAD_SHARE * model.hidden:
        found.append(Finding("dead", (
            f"most ReLUs are dead: {len(dead)} of {model.hidden} output 0 on every point, "
            "so no pull reaches them: reset with another seed, lower the step size, or "
            "pick tanh")))
    data, reg = pulls_on_weights(training)
    if reg > 0.0 and reg >= REG_SHARE * data:
        found.append(Finding("regularization", (
            f"the regularization pull outweighs the data's (on the weights {reg:.3g} vs "
            f"{data:.3g} a step on average): lower regularization (try 0.001)")))
    recent = [e.loss for e in training.history[-RISING_RECORDS:]]
    if len(recent) == RISING_RECORDS and all(is_finite(v) for v in recent):
        ups = sum(b > a for a, b in pairwise(recent))
        if ups >= RISING_RECORDS - 2 and recent[-1] > RISE * recent[0]:
            found.append(Finding("rising", (
                f"the loss rose over the last {RISING_RECORDS} records ({recent[0]:.3g} to "
                f"{recent[-1]:.3g}): the step size is too large, try a tenth of it")))
    score = model.fast_scorer()
    scores = [score(q.x, q.y) for q in training.dataset.points[:MAX_POINTS]]
    if len(scores) > 1 and max(scores) - min(scores) < FLAT_SPREAD:
        found.append(Finding("flat", (
            f"the score is flat: it varies by {max(scores) - min(scores):.2g} over the "
            "data, so every point gets the same class: lower regularization or reset "
            "with another seed")))
    return found
