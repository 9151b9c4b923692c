"""The CLI command that repeats what a screen shows: the learning screen's "same run" line.

Numbers are written with `repr`, the shortest text that reads back as the same float, so
the command reproduces the run exactly (`:g` would round a typed 0.0123456789 to
0.0123457, a different run). A value that starts with "-" is joined to its flag with "="
(`--seed=-5`), since argparse would read `--seed -5` as two flags; anything else that a
shell would split or expand is quoted.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import Any


def exact(value: float | int) -> str:
    """A number as the CLI reads it back to the same value: 0.0123456789, 1e-05, 3."""
    if isinstance(value, bool):
        raise TypeError("a flag's value is a number, not a bool")
    return repr(int(value)) if isinstance(value, int) else repr(float(value))


def flag(name: str, value: str) -> str:
    joiner = "=" if value.startswith("-") else " "
    return f"--{name}{joiner}{shlex.quote(value)}"


def train_command(config: Mapping[str, Any], iteration: int) -> str:
    """`nn101-tui train ...` for the learning screen's `config` (model, dataset, step_size,
    regularization, seed, hidden) after `iteration` iterations: the same run, exactly."""
    parts = ["nn101-tui", "train", shlex.quote(str(config["model"])),
             flag("dataset", str(config["dataset"])),
             flag("step-size", exact(config["step_size"])),
             flag("regularization", exact(config["regularization"])),
             flag("seed", exact(config["seed"]))]
    if config["model"] == "net":
        parts.append(flag("hidden", exact(config["hidden"])))
        if config.get("activation", "relu") != "relu":
            parts.append(flag("activation", str(config["activation"])))
    parts.append(flag("iterations", exact(iteration)))
    return " ".join(parts)
