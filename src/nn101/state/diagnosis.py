""""Why isn't it learning?": one line, measured from the run, naming what to change.

Four things stop the guide's models from learning, and each can be measured from where the
run stands (its parameters on the whole data set) and its recent history:

- most ReLUs dead: a ReLU neuron whose a*x + b*y + c is <= 0 on every point outputs 0 and
  passes no gradient back, so no pull ever moves its a, b, c again (a step too large for
  the net puts them there; so does R = 1, whose finding then comes first);
- the regularization pull outweighs the data's: on average over the points, -R*w moves the
  weights about as much as the pulls do (the guide's R = 1 on the net: see REG_SHARE), so
  the weights shrink towards 0;
- the loss rising over the last records: the step size is too large, each step overshoots;
- the score flat: every point gets about the same score, so the model says one class
  everywhere (the collapse the guide's net falls into).

`diagnose` lists all those that hold, most useful first (a cause before the symptoms it
makes), each with its advice as a change of settings that a test applies and measures.
Nothing is said before MIN_ITERATIONS (a fresh start is not a stuck run), nor at 100%.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

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
    """regularization, rising, dead or flat."""
    text: str
    """One line: what was measured and what to change."""
    change: dict[str, Any] = field(default_factory=dict)
    """The advice as settings (`{"regularization": 0.001}`): what the text says to do,
    so a test can do it and measure that it helps."""


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


LARGE_STEP = 0.1
"""Above this a step size is 'large' for the nets here. Measured: moons, 10 ReLUs, R 0.001,
step 1 kills most of them and a tenth of it learns; at step 0.01 (seed 3, 3 ReLUs, 2 dead)
a tenth of the step falls to 50% while another seed goes from 84% to 88%."""
LOWER_REGULARIZATION = 0.001
"""What the advice lowers R to: the net on xor at R = 1 stays at 52% for 30,000 iterations,
at R = 0.001 it reaches 100% (`train net --dataset xor --iterations 30000`)."""


def _regularization(training: Training) -> Finding | None:
    if training.settings.regularization <= LOWER_REGULARIZATION:
        return None  # already what the advice would say: no advice to give
    data, reg = pulls_on_weights(training)
    if reg <= 0.0 or reg < REG_SHARE * data:
        return None
    share = reg / data if data > 0.0 else math.inf
    how = ("outweighs the data's" if reg > data else
           f"takes back {share:.0%} of what the data's gives")
    return Finding("regularization", (
        f"the regularization pull {how} (on the weights {reg:.3g} vs {data:.3g} a step on "
        f"average), so they shrink towards 0: lower regularization "
        f"(try {LOWER_REGULARIZATION:g})"), {"regularization": LOWER_REGULARIZATION})


def _rising(training: Training) -> Finding | None:
    recent = [e.loss for e in training.history[-RISING_RECORDS:]]
    if len(recent) < RISING_RECORDS or not all(is_finite(v) for v in recent):
        return None
    ups = sum(b > a for a, b in pairwise(recent))
    if ups < RISING_RECORDS - 2 or recent[-1] <= RISE * recent[0]:
        return None
    smaller = training.settings.step_size / 10
    return Finding("rising", (
        f"the loss rose over the last {RISING_RECORDS} records ({recent[0]:.3g} to "
        f"{recent[-1]:.3g}): the step size is too large, try a tenth of it ({smaller:g})"),
        {"step_size": smaller})


def _dead(training: Training) -> Finding | None:
    model = training.model
    dead = dead_neurons(training)
    if model.kind != "net" or len(dead) <= DEAD_SHARE * model.hidden:
        return None
    head = (f"most ReLUs are dead: {len(dead)} of {model.hidden} output 0 on every point, "
            "so no pull reaches them")
    if _regularization(training) is not None:
        return Finding("dead", f"{head}: the regularization pull shrank them there (see "
                       "above)", {"regularization": LOWER_REGULARIZATION})
    step = training.settings.step_size
    if step > LARGE_STEP:
        return Finding("dead", f"{head}: a step of {step:g} knocks them there, start again "
                       f"with a tenth of it ({step / 10:g})", {"step_size": step / 10})
    seed = (training.settings.seed or 0) + 1
    return Finding("dead", f"{head}: this start (the seed's draw) left them there, start "
                   f"again from another seed ({seed})", {"seed": seed})


def _flat(training: Training) -> Finding | None:
    score = training.model.fast_scorer()
    scores = [score(q.x, q.y) for q in training.dataset.points[:MAX_POINTS]]
    if len(scores) < 2 or max(scores) - min(scores) >= FLAT_SPREAD:
        return None
    return Finding("flat", (
        f"the score is flat: it varies by {max(scores) - min(scores):.2g} over the data, so "
        f"every point gets the same class"), {})


FINDINGS: tuple[Callable[[Training], Finding | None], ...] = (
    _rising, _regularization, _dead, _flat)
"""Most useful first: a cause before its symptoms. A rising loss first (a step too large
blows the weights up, and R's pull, proportional to them, with them). R = 1 shrinks a
net's weights until its ReLUs die and its score goes flat; only lowering R mends all three
(the xor net above: a tenth of the step size, another seed or tanh all stay at 52%)."""


def diagnose(training: Training) -> list[Finding]:
    """Every reason the run is not learning that holds now, most useful first (see
    FINDINGS). Nothing at the start, nor on a run that classifies every point."""
    if training.iteration < MIN_ITERATIONS or training.status != "ok":
        return []
    if training.final.accuracy >= 1.0:
        return []
    found = [f for f in (finding(training) for finding in FINDINGS) if f is not None]
    if found and found[-1].key == "flat" and len(found) > 1:
        # flat is what the others cause: their advice is its advice
        flat = found[-1]
        found[-1] = Finding(flat.key, f"{flat.text}: see above", flat.change)
    elif found and found[-1].key == "flat":
        found[-1] = Finding("flat", f"{found[-1].text}: reset with another seed")
    return found


SHORT = {"rising": "the loss rising", "regularization": "the regularization pull",
         "dead": "dead ReLUs", "flat": "a flat score"}
"""Each finding in a few words, for the screen's `also:` after the first one in full."""


def why(training: Training) -> str:
    """What the learning screen shows: the most useful finding in full, then every other
    one named (`also: dead ReLUs, a flat score`); `train --json` gives them all in full."""
    found = diagnose(training)
    if not found:
        return ""
    rest = [SHORT[f.key] for f in found[1:]]
    return found[0].text + (f" (also: {', '.join(rest)})" if rest else "")


def diagnosis_data(training: Training) -> list[dict[str, Any]]:
    """The findings as `train --json` gives them."""
    return [{"key": f.key, "text": f.text, "change": f.change} for f in diagnose(training)]
