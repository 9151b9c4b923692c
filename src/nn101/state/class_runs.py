"""Chapter 3's runs as the CLI (and, next, the learning screen) sets them up and reports them.

`ClassConfig` holds every setting of an mlp run by its control's key (controls.py), so a
`--compare SETTING=A,B` changes one of them by name and nothing else: the same data (drawn
once from `data_seed`) and the same seed for the weights and batches. `class_summary` is
what `train mlp --json` prints (its keys are a contract: keep, add freely).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields, replace
from typing import Any

from nn101.engine.errors import InputError
from nn101.engine.learning.classes import Split, from_labelled, make_classes
from nn101.engine.learning.classify import EUREKA_SEED, ClassTraining, eureka
from nn101.engine.learning.rng import XorShift
from nn101.state import controls
from nn101.state.class_config import ClassConfig

OWN = "own"


EUREKA = ClassConfig(dataset="yinyang", points=100, noise=0.0, data_seed=EUREKA_SEED,
                     hidden=8, activation="tanh", init="eureka", optimizer="adamw",
                     step_size=0.1, beta1=0.9, beta2=0.95, eps=1e-8, weight_decay=1e-4,
                     batch=0, seed=EUREKA_SEED, every=1, preset="eureka")
"""The peer run's settings (classify.eureka builds it from one stream)."""

COMPARABLE: dict[str, controls.Control] = {c.key: c for c in controls.CLASS_FIELDS}
"""The settings `--compare` may vary: the model's and the optimizer's, not the data."""
DATA_KEYS = ("dataset", "points", "noise", "data_seed")
PRESET_FIXED = frozenset({*DATA_KEYS, "seed"})
"""What a preset does not let change: its data, and the one stream (seed) they and the
weights are drawn from. Its model and optimizer settings may change (the data and the
stream stay the preset's)."""


def make_data(config: ClassConfig, own: Sequence[tuple[float, float, int]] | None = None
              ) -> Split:
    if own is not None:
        return from_labelled(own, OWN)
    return make_classes(config.dataset, config.points, config.noise, config.data_seed)


def make_run(config: ClassConfig, data: Split | None = None) -> ClassTraining:
    """The run `config` describes, from its start. The eureka preset draws its data and
    then its weights from one stream; any change of setting keeps its data and stream."""
    if config.preset == "eureka":
        run = eureka()
        if config != replace(EUREKA, every=config.every):
            stream = XorShift(EUREKA_SEED)
            make_classes("yinyang", 100, 0.0, EUREKA_SEED, rng=stream)  # the data's draws
            return ClassTraining(run.split, config.settings(), stream)
        return ClassTraining(run.split, config.settings(), run.stream)
    return ClassTraining(data if data is not None else make_data(config), config.settings())


def with_setting(config: ClassConfig, key: str, text: str) -> ClassConfig:
    """`config` with one setting read from text by its control (InputError if refused)."""
    control = COMPARABLE.get(key.strip())
    if control is None:
        raise InputError(f"--compare: unknown setting {key.strip()!r} (one of: "
                         f"{', '.join(COMPARABLE)})")
    value = controls.read_control(control, text)
    changed = replace(config, **{control.key: value})
    changed.settings().validate()
    return changed


def parse_compare(text: str) -> tuple[str, str, str]:
    """SETTING=A,B into its three parts."""
    key, sep, values = text.partition("=")
    parts = values.split(",")
    if not sep or len(parts) != 2 or not all(p.strip() for p in parts) or not key.strip():
        raise InputError(f"--compare: expected SETTING=A,B (two values), got {text[:60]!r}")
    return key.strip(), parts[0].strip(), parts[1].strip()


def class_summary(run: ClassTraining, config: ClassConfig, own: bool = False
                  ) -> dict[str, Any]:
    """One run as `train mlp --json` prints it."""
    opt = run.settings.optimizer
    final = run.final
    split = run.split
    return {
        "model": "mlp", "preset": config.preset,
        "dataset": OWN if own else config.dataset, "classes": split.classes,
        "points": {"train": len(split.train), "val": len(split.val), "test": len(split.test)},
        "noise": config.noise, "data_seed": config.data_seed,
        "hidden": run.settings.hidden, "activation": run.settings.activation,
        "init": run.settings.init, "batch": run.settings.batch, "seed": config.seed,
        "optimizer": {"name": opt.name, "step_size": opt.lr, "momentum": opt.momentum,
                      "beta1": opt.beta1, "beta2": opt.beta2, "eps": opt.eps,
                      "weight_decay": opt.weight_decay},
        "iterations": run.iteration, "every": run.settings.every,
        "status": run.status, "message": run.message,
        "params": run.model.param_values(),
        "optimizer_state": {"t": run.optimizer.t,
                            "per_parameter": {n: dict(s) for n, s in
                                              run.optimizer.state.items()}},
        "history": [asdict(e) for e in run.history],
        "final": asdict(final),
    }


def compare_table(setting: str, values: Sequence[str], results: Sequence[Mapping[str, Any]]
                  ) -> list[dict[str, Any]]:
    """The small table of final numbers, one row per value."""
    rows = []
    for value, result in zip(values, results, strict=True):
        f = result["final"]
        rows.append({setting: value, "iterations": result["iterations"], "loss": f["loss"],
                     "accuracy": f["accuracy"], "val_loss": f["val_loss"],
                     "val_accuracy": f["val_accuracy"], "status": result["status"]})
    return rows


CONFIG_KEYS = tuple(f.name for f in fields(ClassConfig))


def class_command(config: ClassConfig, iteration: int, own: bool = False) -> str:
    """`nn101-tui train mlp ...` that repeats `config`'s run to `iteration`, exactly: the
    preset and what differs from it, or every setting."""
    from nn101.state.commands import exact, flag

    def text(value: Any) -> str:
        return value if isinstance(value, str) else exact(value)

    parts = ["nn101-tui", "train", "mlp"]
    if config.preset is not None:
        base = replace(EUREKA, every=config.every)
        parts.append(flag("preset", config.preset))
        keys = [k for k in COMPARABLE if getattr(config, k) != getattr(base, k)]
    else:
        keys = [*(() if own else DATA_KEYS), *COMPARABLE]
        if own:
            parts.append("--data FILE.csv")
    parts += [flag(k.replace("_", "-"), text(getattr(config, k))) for k in keys]
    parts += [flag("every", exact(config.every)), flag("iterations", exact(iteration))]
    return " ".join(parts)


def compare_runs(config: ClassConfig, own: Sequence[tuple[float, float, int]] | None,
                 text: str, iterations: int
                 ) -> tuple[str, tuple[str, str], list[ClassTraining], list[dict[str, Any]]]:
    """`SETTING=A,B` as `train mlp --compare` runs it: two runs of `iterations` updates
    from the same data and seed, one setting changed; (setting, values, runs, table).
    InputError (nothing run) when the text or a value is refused."""
    setting, first, second = parse_compare(text)
    configs = [with_setting(config, setting, first), with_setting(config, setting, second)]
    data = make_data(config, own) if config.preset is None else None
    runs = [make_run(c, data) for c in configs]
    for run in runs:
        run.run(iterations)
    results = [class_summary(r, c, own is not None) for r, c in zip(runs, configs, strict=True)]
    return setting, (first, second), runs, compare_table(setting, [first, second], results)
