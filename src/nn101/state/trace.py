"""A run's trace for other tools: every step's inputs, gradient, output and cost.

CSV for spreadsheets (a header row, then one row per step; row 0 is the start point) and
JSON for programs. Numbers are written with `repr`, which reads back as the same float.
Columns are named after the guide's Unit: `x.value` and `x.grad`; input names cannot hold
a dot, so these never collide with each other or with the fixed columns.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from nn101.engine.methods import Method, Run
from nn101.state.files import write_text_atomic
from nn101.state.session import settings_to_dict, step_to_dict

FORMAT = "nn101-trace"
VERSION = 1


def columns(names: Sequence[str]) -> list[str]:
    """The CSV header for a circuit whose inputs are `names`."""
    return ["iteration", "method", *(f"{n}.value" for n in names), "output",
            *(f"{n}.grad" for n in names), "forward_passes", "backward_passes"]


def rows(run: Run) -> list[list[str]]:
    """The CSV's rows as text, header first; gradient cells are empty where there is none
    (the start point, and random search, which uses no gradient)."""
    names = list(run.start_inputs)
    table = [columns(names)]
    table.append(["0", "start", *(repr(run.start_inputs[n]) for n in names),
                  repr(run.start_output), *("" for _ in names), "0", "0"])
    for s in run.steps:
        grads = [""] * len(names) if s.gradient is None else [repr(s.gradient[n])
                                                              for n in names]
        table.append([str(s.iteration), Method(s.method).value,
                      *(repr(s.inputs[n]) for n in names), repr(s.output), *grads,
                      str(s.forward_passes), str(s.backward_passes)])
    return table


def to_csv(run: Run) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows(run))
    return buffer.getvalue()


def to_dict(run: Run, scenario: str | None = None) -> dict[str, Any]:
    """The run as JSON data: its settings, status, start point and every step."""
    return {
        "format": FORMAT, "version": VERSION,
        "scenario": scenario, "expression": run.circuit.expression,
        **settings_to_dict(run.settings),
        "status": run.status, "message": run.message,
        "start": {"inputs": dict(run.start_inputs), "output": run.start_output},
        "steps": [step_to_dict(r) for r in run.steps],
        "forward_passes": run.forward_passes,
    }


def to_json(run: Run, scenario: str | None = None) -> str:
    return json.dumps(to_dict(run, scenario), allow_nan=False) + "\n"


def save_csv(run: Run, path: str | os.PathLike[str]) -> Path:
    """Write the CSV atomically (FileError if the path cannot be written)."""
    return write_text_atomic(path, to_csv(run))


def save_json(run: Run, path: str | os.PathLike[str], scenario: str | None = None) -> Path:
    """Write the JSON trace atomically (FileError if the path cannot be written)."""
    return write_text_atomic(path, to_json(run, scenario))
