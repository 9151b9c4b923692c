"""How much one command may do: the limits that keep it under a time and memory budget.

The budget: one `run` or `train` command finishes in about 20 s at most and keeps its peak
memory under about 1 GB on the reference machine (2 shared cores; the figures in the
README's Limits table were measured there). Each limit counts what actually costs:

- `run` keeps every step (its inputs, gradient and output) and prints them all with
  --json, so memory grows with steps x (2 x inputs + 2) numbers; time grows with the
  forward passes each step spends times the gates each pass evaluates.
- `train` costs time per iteration in proportion to the parameters it updates, and each
  evaluation (every --every iterations) scores every point with every parameter.

A request past a limit is refused before any work, with the limit named and what to lower;
below them a long command shows progress on a terminal and stops cleanly on ctrl+c.
"""

from __future__ import annotations

from nn101.engine.circuit import Circuit
from nn101.engine.errors import InputError
from nn101.engine.methods import Method, Settings

MAX_STEPS = 1_000_000
"""Steps of one `run` (each step also costs passes; see MAX_RUN_WORK)."""
MAX_RUN_VALUES = 2_000_000
"""Numbers one `run` records: steps x (2 x inputs + 2). About 200 bytes each kept and
printed as JSON: 2 million is about 450 MB at the peak."""
MAX_RUN_WORK = 50_000_000
"""Gate evaluations of one `run`: steps x passes per step x (gates + 1). 0.04-0.3 us each
(more for tiny circuits, where each pass has a fixed cost): 2-15 s."""
MAX_ITERATIONS = 1_000_000
"""Iterations of one `train`."""
MAX_TRAIN_UPDATES = 6_000_000
"""Parameter updates of one `train`: iterations x parameters (3 for the SVM, 4 x hidden + 1
for the net). About 1.7 us each: 10 s."""
MAX_TRAIN_SCORES = 100_000_000
"""Point scores of one `train`'s evaluations: (iterations / every) x points x parameters.
20-80 ns each: 2-8 s."""
MAX_EVALUATIONS = 100_000
"""Rows of one `train`'s history (iterations / every): each is kept and printed."""


def passes_per_step(settings: Settings, inputs: int) -> int:
    """Forward (and backward) passes one step of `settings.method` spends."""
    method = Method(settings.method)
    if method is Method.RANDOM:
        return settings.tries
    if method is Method.NUMERICAL:
        return 2 * inputs if settings.difference == "centered" else inputs + 1
    return 2  # one forward, one backward


def check_run(circuit: Circuit, settings: Settings, steps: int) -> None:
    """Refuse (InputError naming the limit) a run that would pass the budget."""
    if steps > MAX_STEPS:
        raise InputError(f"--steps {steps:,} is over the limit of {MAX_STEPS:,} steps")
    inputs = len(circuit.inputs)
    values = steps * (2 * inputs + 2)
    if values > MAX_RUN_VALUES:
        most = MAX_RUN_VALUES // (2 * inputs + 2)
        raise InputError(
            f"--steps {steps:,} with {inputs} inputs would record {values:,} numbers, over "
            f"the limit of {MAX_RUN_VALUES:,} (memory): at most {most:,} steps here")
    passes = passes_per_step(settings, inputs)
    work = steps * passes * (len(circuit.gates) + 1)
    if work > MAX_RUN_WORK:
        most = MAX_RUN_WORK // (passes * (len(circuit.gates) + 1))
        raise InputError(
            f"--steps {steps:,} x {passes:,} passes a step x {len(circuit.gates) + 1:,} gates "
            f"= {work:,} gate evaluations, over the limit of {MAX_RUN_WORK:,} (time): at most "
            f"{most:,} steps here (or fewer --tries / inputs)")


def parameters(model: str, hidden: int) -> int:
    """How many parameters the model updates each iteration."""
    return 3 if model == "svm" else 4 * hidden + 1


def check_train(model: str, hidden: int, points: int, iterations: int, every: int) -> None:
    """Refuse (InputError naming the limit) a training that would pass the budget."""
    if iterations > MAX_ITERATIONS:
        raise InputError(f"--iterations {iterations:,} is over the limit of "
                         f"{MAX_ITERATIONS:,}")
    size = parameters(model, hidden)
    updates = iterations * size
    if updates > MAX_TRAIN_UPDATES:
        raise InputError(
            f"--iterations {iterations:,} x {size} parameters = {updates:,} updates, over the "
            f"limit of {MAX_TRAIN_UPDATES:,} (time): at most {MAX_TRAIN_UPDATES // size:,} "
            "iterations here")
    evaluations = iterations // every
    if evaluations > MAX_EVALUATIONS:
        raise InputError(
            f"--iterations {iterations:,} / --every {every:,} = {evaluations:,} evaluations, "
            f"over the limit of {MAX_EVALUATIONS:,} (memory): use --every "
            f"{-(-iterations // MAX_EVALUATIONS):,} or more")
    scores = evaluations * points * size
    if scores > MAX_TRAIN_SCORES:
        most = MAX_TRAIN_SCORES // (points * size)
        raise InputError(
            f"{evaluations:,} evaluations x {points:,} points x {size} parameters = "
            f"{scores:,} scores, over the limit of {MAX_TRAIN_SCORES:,} (time): raise --every "
            f"(at most {most:,} evaluations here) or lower --points")


MAX_CLASS_WORK = 100_000_000
"""Parameter-point passes of one `train mlp`: iterations x batch points x parameters (a
2-16-3 net has 99; each pass about 0.4 us a parameter): about 20 s."""


def check_class_train(params: int, train: int, val: int, batch: int, iterations: int,
                      every: int) -> None:
    """Refuse (InputError naming the limit) an mlp run that would pass the budget."""
    if iterations > MAX_ITERATIONS:
        raise InputError(f"--iterations {iterations:,} is over the limit of "
                         f"{MAX_ITERATIONS:,}")
    per_step = train if batch == 0 or batch >= train else batch
    work = iterations * per_step * params
    evaluations = iterations // every
    work += evaluations * (train + val) * params
    if work > MAX_CLASS_WORK:
        raise InputError(
            f"--iterations {iterations:,} x {per_step:,} points x {params} parameters (and "
            f"the evaluations) is over the limit of {MAX_CLASS_WORK:,} (time): lower "
            "--iterations, --batch or --hidden, or raise --every")
    if evaluations > MAX_EVALUATIONS:
        raise InputError(
            f"--iterations {iterations:,} / --every {every:,} = {evaluations:,} evaluations, "
            f"over the limit of {MAX_EVALUATIONS:,} (memory): use --every "
            f"{-(-iterations // MAX_EVALUATIONS):,} or more")
