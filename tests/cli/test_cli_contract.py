"""The CLI contract of issue 2: JSON shapes, defaults, --set, exit codes 0/1/2/3."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from nn101.cli import EXIT_CHECK_FAILED, EXIT_DIVERGED, EXIT_OK, EXIT_USAGE, build_parser
from nn101.engine import SCENARIOS
from tests.cli.helpers import cli, shell

RUN_KEYS = {"scenario", "expression", "method", "step_size", "status", "start", "steps"}
STEP_KEYS = {"iteration", "gradient", "inputs", "output", "forward_passes"}
CHECK_KEYS = {"scenario", "expression", "inputs", "h", "difference", "analytic",
              "numerical", "relative_error", "max_relative_error", "ok"}
LIST_KEYS = {"name", "title", "expression", "inputs"}


def assert_run_shape(data: dict[str, Any]) -> None:
    assert set(data) >= RUN_KEYS
    assert data["status"] in ("ok", "diverged")
    assert set(data["start"]) >= {"inputs", "output"}
    names = list(data["start"]["inputs"])
    for i, step in enumerate(data["steps"], start=1):
        assert set(step) >= STEP_KEYS
        assert step["iteration"] == i
        assert list(step["inputs"]) == names
        if data["method"] == "random":
            assert step["gradient"] is None
        else:
            assert list(step["gradient"]) == names
        assert isinstance(step["forward_passes"], int) and step["forward_passes"] >= 1


def test_exit_code_values() -> None:
    assert (EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_DIVERGED) == (0, 1, 2, 3)
    helps = [build_parser().format_help()]
    helps.append(build_parser()._subparsers._group_actions[0].choices["check"].format_help())  # type: ignore[union-attr]
    for text in helps:
        flat = " ".join(text.split())
        assert "1 `check` found a gradient that disagrees" in flat
        assert "2 bad input" in flat and "3 the run diverged" in flat


@pytest.mark.parametrize("name", list(SCENARIOS))
@pytest.mark.parametrize("method", ["random", "numerical", "analytic"])
def test_run_json_shape(capsys: pytest.CaptureFixture[str], name: str, method: str) -> None:
    r = cli(capsys, "run", name, "--method", method, "--steps", "3", "--seed", "0", "--json")
    assert r.code == EXIT_OK and r.err == ""
    data = r.json()
    assert_run_shape(data)
    assert data["scenario"] == name
    assert data["expression"] == SCENARIOS[name].expression
    assert data["method"] == method and data["step_size"] == 0.01
    assert data["start"]["inputs"] == dict(SCENARIOS[name].defaults)
    assert len(data["steps"]) == 3


def test_run_defaults_are_the_issues(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "run", "mul", "--json").json()
    # method analytic, 1 step, step size 0.01, h 1e-4, forward differences
    assert data["method"] == "analytic" and len(data["steps"]) == 1
    assert data["step_size"] == 0.01
    assert data.get("h", 1e-4) == 1e-4 and data.get("difference", "forward") == "forward"


def test_zero_steps_is_just_the_start(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "run", "neuron", "--steps", "0", "--json").json()
    assert data["steps"] == [] and data["status"] == "ok"


def test_check_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    for name in SCENARIOS:
        for difference in ("forward", "centered"):
            r = cli(capsys, "check", name, "--difference", difference, "--h", "1e-5", "--json")
            assert r.code == EXIT_OK, r.err
            data = r.json()
            assert set(data) >= CHECK_KEYS
            assert data["scenario"] == name and data["difference"] == difference
            assert data["h"] == 1e-5
            names = list(SCENARIOS[name].defaults)
            assert data["inputs"] == dict(SCENARIOS[name].defaults)
            for key in ("analytic", "numerical", "relative_error"):
                assert list(data[key]) == names
            assert data["max_relative_error"] == max(data["relative_error"].values())
            assert data["ok"] is True


def test_list_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    r = cli(capsys, "list", "--json")
    assert r.code == EXIT_OK
    rows = r.json()
    assert isinstance(rows, list)
    assert [row["name"] for row in rows] == list(SCENARIOS)
    for row in rows:
        assert set(row) >= LIST_KEYS
        s = SCENARIOS[row["name"]]
        assert row["title"] == s.title and row["expression"] == s.expression
        assert row["inputs"] == dict(s.defaults)


@pytest.mark.parametrize("columns", ["80", "200"])
def test_list_run_and_check_print_tables_without_json(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    r = cli(capsys, "list")
    assert r.code == 0 and "single-gate" in r.out and "sig(a*x + b*y + c)" in r.out
    # The neuron has 13 columns; at 80 characters every number must still show in full
    # (rich would otherwise cut them all to "0.…"): 0.880797 -> 0.88255, da = -0.104994.
    r = cli(capsys, "run", "neuron")
    assert r.code == 0
    for figure in ("0.880797", "0.88255", "-0.104994", "0.314981", "0.209987"):
        assert figure in r.out
    assert "…" not in r.out
    assert max(len(line) for line in r.out.splitlines()) <= int(columns)
    r = cli(capsys, "check", "two-gates")
    assert r.code == 0 and "passes" in r.out
    with pytest.raises(json.JSONDecodeError):
        json.loads(r.out)


# --- --expr and --set ------------------------------------------------------------------


def test_expr_variables_start_at_1(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "run", "--expr", "a*b + c", "--json").json()
    assert_run_shape(data)
    assert data["scenario"] is None and data["expression"] == "a*b + c"
    assert data["start"] == {"inputs": {"a": 1.0, "b": 1.0, "c": 1.0}, "output": 2.0}
    # gradient (b, a, 1) = (1, 1, 1); one step of 0.01: a = b = 1.01, c = 1.01
    # -> 1.01 * 1.01 + 1.01 = 2.0301
    (step,) = data["steps"]
    assert step["gradient"] == {"a": 1.0, "b": 1.0, "c": 1.0}
    assert step["output"] == pytest.approx(2.0301, abs=1e-12)


def test_set_on_an_expr(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "run", "--expr", "(a+b)/(c+d)", "--set", "a=1", "--set", "b=2",
               "--set", "c=2", "--json").json()
    # d keeps its 1.0: 3 / 3 = 1; da = 1/3, dc = -3/9 = -1/3.
    assert data["start"]["inputs"] == {"a": 1.0, "b": 2.0, "c": 2.0, "d": 1.0}
    assert data["start"]["output"] == pytest.approx(1.0, rel=1e-15)
    grad = data["steps"][0]["gradient"]
    assert grad == pytest.approx({"a": 1 / 3, "b": 1 / 3, "c": -1 / 3, "d": -1 / 3}, rel=1e-12)
    # The same on check, and on a scenario.
    check = cli(capsys, "check", "--expr", "x*y", "--set", "x=4", "--set", "y=-0.5",
                "--json").json()
    assert check["inputs"] == {"x": 4.0, "y": -0.5}
    assert check["analytic"] == {"x": -0.5, "y": 4.0}
    run = cli(capsys, "run", "two-gates", "--set", "z=2", "--json").json()
    assert run["start"]["output"] == 6.0  # (-2 + 5) * 2


def test_a_value_starting_with_minus_uses_equals(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "run", "--expr=-x*y", "--set", "y=-2", "--step-size=-0.5",
               "--json").json()
    assert data["start"]["output"] == 2.0  # -(1)(-2)
    assert data["step_size"] == -0.5


def test_a_failed_gradient_check_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    # relu at its kink: backprop 0, forward differences 1 -> relative error 1.
    r = cli(capsys, "check", "--expr", "relu(x)", "--set", "x=0", "--json")
    assert r.code == EXIT_CHECK_FAILED
    data = r.json()
    assert data["ok"] is False and data["relative_error"] == {"x": 1.0}


# --- divergence ------------------------------------------------------------------------


def test_a_diverged_run_exits_3_with_valid_json(capsys: pytest.CaptureFixture[str]) -> None:
    r = cli(capsys, "run", "two-gates", "--step-size", "1e9", "--steps", "50", "--json")
    assert r.code == EXIT_DIVERGED
    data = json.loads(r.out, parse_constant=lambda c: pytest.fail(f"non-JSON {c}"))
    assert_run_shape(data)
    assert data["status"] == "diverged"
    assert 0 < len(data["steps"]) < 50
    assert data["message"]
    for step in data["steps"]:
        assert all(math.isfinite(v) for v in (*step["inputs"].values(), step["output"]))


def test_a_diverged_run_as_a_process() -> None:
    r = shell("run", "two-gates", "--step-size", "1e9", "--steps", "50", "--json")
    assert r.code == EXIT_DIVERGED
    assert r.json()["status"] == "diverged"
    assert r.err == ""


def test_a_diverged_run_without_json_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    r = cli(capsys, "run", "two-gates", "--step-size", "1e9", "--steps", "50")
    assert r.code == EXIT_DIVERGED
    assert "diverged" in r.out


def test_division_run_stops_at_the_pole_like_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    """From (1, 2, 2, 1) at step 0.01 the output climbs to ~9.9 by step 130; step 131 would
    take c + d across 0, so the run diverges there (exit 3) and keeps step 130's point."""
    r = cli(capsys, "run", "division", "--steps", "200", "--json")
    assert r.code == 3
    data = r.json()
    assert data["status"] == "diverged" and len(data["steps"]) == 130
    assert "c + d across 0" in data["message"]
    last = data["steps"][-1]["inputs"]
    assert last["c"] + last["d"] > 0.0
