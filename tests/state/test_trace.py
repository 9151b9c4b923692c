"""Trace export: every step of a run as CSV and JSON, read back to the same numbers."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from nn101.engine import SCENARIOS, Method, Run, Settings, parse
from nn101.state.files import FileError
from nn101.state.session import step_to_dict
from nn101.state.trace import FORMAT, columns, rows, save_csv, save_json, to_csv, to_dict


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_two_gates_csv_has_the_guide_numbers() -> None:
    run = Run(SCENARIOS["two-gates"].circuit(), Settings()).run(1)
    text = to_csv(run)
    lines = text.splitlines()
    assert lines[0] == ("iteration,method,x.value,y.value,z.value,output,x.grad,y.grad,z.grad,"
                        "forward_passes,backward_passes")
    assert lines[1] == "0,start,-2.0,5.0,-4.0,-12.0,,,,0,0"
    step = _read(text)[1]
    # Gradient (z, z, x + y) = (-4, -4, 3); x += 0.01 * -4 = -2.04, y = 4.96, z = -3.97;
    # f = (-2.04 + 4.96) * -3.97 = 2.92 * -3.97 = -11.5924.
    assert [float(step[f"{n}.grad"]) for n in "xyz"] == [-4.0, -4.0, 3.0]
    assert [float(step[f"{n}.value"]) for n in "xyz"] == pytest.approx([-2.04, 4.96, -3.97])
    assert float(step["output"]) == pytest.approx(-11.5924)
    assert (step["method"], step["forward_passes"], step["backward_passes"]) == (
        "analytic", "1", "1")


def test_every_number_reads_back_exactly() -> None:
    run = Run(SCENARIOS["neuron"].circuit(), Settings()).run(25)
    table = _read(to_csv(run))
    assert len(table) == 26
    for row, record in zip(table[1:], run.steps, strict=True):
        assert int(row["iteration"]) == record.iteration
        assert float(row["output"]) == record.output
        assert {n: float(row[f"{n}.value"]) for n in record.inputs} == record.inputs
        assert record.gradient is not None
        assert {n: float(row[f"{n}.grad"]) for n in record.gradient} == record.gradient


def test_random_search_rows_have_no_gradient_and_cost_the_tries() -> None:
    run = Run(SCENARIOS["single-gate"].circuit(),
              Settings(method=Method.RANDOM, tries=100, seed=2)).run(3)
    table = _read(to_csv(run))
    assert [r["method"] for r in table] == ["start", "random", "random", "random"]
    assert all(r["x.grad"] == r["y.grad"] == "" for r in table)
    assert [r["forward_passes"] for r in table[1:]] == ["100"] * 3


def test_numerical_steps_cost_one_pass_per_input_plus_one() -> None:
    run = Run(SCENARIOS["neuron"].circuit(), Settings(method=Method.NUMERICAL)).run(2)
    # Forward differences: f(x) once, then f(x + h) for each of the 5 inputs = 6 passes.
    assert [r["forward_passes"] for r in _read(to_csv(run))[1:]] == ["6", "6"]


def test_input_names_never_collide_with_the_fixed_columns() -> None:
    circuit = parse("output * iteration + method")
    run = Run(circuit, Settings()).run(1)
    header = rows(run)[0]
    assert len(header) == len(set(header))
    assert header == columns(["output", "iteration", "method"])
    # output * iteration + method at 1, 1, 1 = 2; after one step of 0.01 with gradients
    # (iteration, output, 1) = (1, 1, 1): 1.01 * 1.01 + 1.01 = 2.0301.
    assert float(_read(to_csv(run))[1]["output"]) == pytest.approx(2.0301)


def test_json_trace_holds_settings_status_and_every_step() -> None:
    run = Run(SCENARIOS["two-gates"].circuit(), Settings(seed=4)).run(3)
    data = to_dict(run, "two-gates")
    assert data["format"] == FORMAT == "nn101-trace"
    assert data["version"] == 1
    assert data["scenario"] == "two-gates"
    assert data["start"] == {"inputs": {"x": -2.0, "y": 5.0, "z": -4.0}, "output": -12.0}
    assert data["steps"] == [step_to_dict(s) for s in run.steps]
    assert data["forward_passes"] == 3
    assert (data["status"], data["message"]) == ("ok", "")


def test_a_diverged_trace_stops_at_the_last_finite_step(tmp_path: Path) -> None:
    run = Run(SCENARIOS["two-gates"].circuit(), Settings(step_size=1e9)).run(100)
    assert run.status == "diverged"
    table = _read(save_csv(run, tmp_path / "t.csv").read_text())
    assert len(table) == len(run.steps) + 1
    assert all(math.isfinite(float(v))
               for row in table for k, v in row.items() if k != "method" and v)
    data = json.loads(save_json(run, tmp_path / "t.json").read_text())
    assert data["status"] == "diverged"
    assert data["message"].startswith(f"diverged at iteration {len(run.steps) + 1}")


def test_exports_refuse_a_folder_and_leave_nothing_behind(tmp_path: Path) -> None:
    run = Run(SCENARIOS["mul"].circuit(), Settings()).run(1)
    with pytest.raises(FileError, match="it is a folder"):
        save_csv(run, tmp_path)
    with pytest.raises(FileError, match="does not exist"):
        save_json(run, tmp_path / "no" / "t.json")
    assert list(tmp_path.iterdir()) == []
