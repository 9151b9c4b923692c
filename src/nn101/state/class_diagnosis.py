""""Why isn't it learning?" for chapter 3's mlp: the three new ways a run goes wrong.

Each is measured from where the run stands (its parameters, on the training split) and its
history, and names what to change (the `Finding` of diagnosis.py, so the screen lists them
the same way):

- symmetric hidden units: two units with the same incoming weights (a, b, c) and the same
  outgoing ones (w{k}_i for every class) compute the same thing on every point and get the
  same gradient, so no optimizer can ever tell them apart. A zero start makes every unit so:
  the net then has, in effect, one hidden unit;
- saturated units: tanh or sigmoid pushed to its flat ends (|tanh| > 0.99, or the sigmoid
  within 0.01 of 0 or 1) on most points, where its slope (< 0.02, or < 0.01) lets almost no
  gradient through. A too-large start does this from step 0;
- the loss exploding: it ended far above where it started, or the run diverged: each step
  overshoots further (too large a step size).
"""

from __future__ import annotations

import math

from nn101.engine.learning.classify import ClassTraining
from nn101.state.diagnosis import Finding

SATURATED = 0.99
"""|tanh| above this (slope 1 - t^2 < 0.02); a sigmoid within 1 - SATURATED of 0 or 1."""
SATURATED_SHARE = 0.5
"""Saturated 'on most points': more than this share of (unit, point) pairs. Measured on
yin-yang (2-8-3 tanh): the large start 0.75, still 0.74 after 50 Adam steps (loss 1.43);
xavier and eureka starts 0 to 0.02 (loss 0.63 at 50 steps)."""
EXPLODED = 3.0
"""The loss 'explodes' when its last record is this many times its first (or more)."""
MAX_POINTS = 2_000


def symmetric_units(run: ClassTraining) -> list[list[int]]:
    """Groups (2 or more, 1-based) of hidden units with identical weights in and out."""
    p = run.model.param_values()
    classes = run.split.classes
    groups: dict[tuple[float, ...], list[int]] = {}
    for i in range(1, run.model.hidden + 1):
        key = (p[f"a{i}"], p[f"b{i}"], p[f"c{i}"],
               *(p[f"w{k}_{i}"] for k in range(classes)))
        groups.setdefault(key, []).append(i)
    return [units for units in groups.values() if len(units) > 1]


def saturated_share(run: ClassTraining) -> float:
    """The share of (hidden unit, training point) pairs at a flat end of tanh or sigmoid
    (0 for relu, whose slope is 1 wherever it passes anything)."""
    activation = run.model.activation
    if activation == "relu":
        return 0.0
    score = run.model.scorer()
    points = run.split.train.points[:MAX_POINTS]
    flat = total = 0
    for q in points:
        for h in score.hidden(q.x, q.y):
            total += 1
            if activation == "tanh":
                flat += abs(h) > SATURATED
            else:
                flat += h > SATURATED or h < 1.0 - SATURATED
    return flat / total if total else 0.0


def exploded(run: ClassTraining) -> tuple[float, float] | None:
    """(first, last) training loss when the loss exploded (or the run diverged), else None."""
    first = run.history[0].loss
    last = run.history[-1].loss
    if run.status == "diverged" or not math.isfinite(last) or (
            len(run.history) > 1 and last >= EXPLODED * first):
        return first, last
    return None


def diagnose_classes(run: ClassTraining) -> list[Finding]:
    """Every one of the three that holds now, the one that most surely stops learning first
    (an exploded loss undoes everything; identical units never recover; saturation may)."""
    found: list[Finding] = []
    blown = exploded(run)
    if blown is not None:
        first, last = blown
        end = "the run diverged" if run.status == "diverged" else f"it reached {last:.3g}"
        found.append(Finding("exploding", (
            f"the loss exploded: it started at {first:.3g} and {end}; each step overshoots: "
            "try a step size ten times smaller")))
    groups = symmetric_units(run)
    if groups:
        biggest = max(groups, key=len)
        found.append(Finding("symmetric", (
            f"{len(biggest)} of {run.model.hidden} hidden units are identical (same weights "
            "in and out): they get the same gradient, so they stay the same; start from "
            "random weights (init xavier, he or eureka), not zeros")))
    share = saturated_share(run)
    if share > SATURATED_SHARE:
        found.append(Finding("saturated", (
            f"the hidden units are saturated: {share:.0%} of their outputs sit at the flat "
            f"ends of {run.model.activation}, where almost no gradient passes; start with "
            "smaller weights (init xavier) or use relu")))
    return found
