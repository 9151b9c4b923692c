"""The CLI's messages (issue 21): said once, pointing at the start point, same start."""

from __future__ import annotations

import pytest

from nn101.engine import SCENARIOS
from tests.cli.helpers import cli


def test_a_refusal_at_the_start_point_names_it_and_suggests_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "run", "--expr", "log(x - 2)")
    # x starts at 1: log(1 - 2) = log(-1); x = 3 gives log(1) = 0, the first that computes
    assert result.code == 2 and result.err.count("\n") == 1
    assert "at x=1" in result.err and "--expr 'log(x - 2) @ x=3'" in result.err
    suggested = cli(capsys, "run", "--expr", "log(x - 2) @ x=3")
    assert suggested.code == 0


def test_diverged_is_said_once(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "run", "neuron", "--step-size", "1e200", "--steps", "30")
    assert result.code == 3
    assert "diverged: diverged" not in result.out and "diverged at iteration" in result.out


def test_run_starts_on_the_scenarios_first_method_as_the_app(
        capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("single-gate", "neuron"):
        data = cli(capsys, "run", name, "--json").json()
        assert data["method"] == SCENARIOS[name].methods[0].value
    assert cli(capsys, "run", "single-gate", "--json").json()["method"] == "random"
    assert cli(capsys, "run", "--expr", "x*y", "--json").json()["method"] == "analytic"
