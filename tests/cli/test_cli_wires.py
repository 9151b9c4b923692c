"""The CLI's per-wire numbers, --dx and start values after @ (new JSON fields; the old
ones are unchanged, see test_cli_contract.py)."""

from __future__ import annotations

import pytest

from tests.cli.helpers import cli
from tests.engine.test_wires import expected_uses

CASES = [
    ("x*x", {"x": 3.0}),
    ("x*y + x", {"x": 3.0, "y": 5.0}),
    ("a*a + a", {"a": -1.5}),
]


def _sets(point: dict[str, float]) -> list[str]:
    return [arg for n, v in point.items() for arg in ("--set", f"{n}={v!r}")]


@pytest.mark.parametrize(("text", "point"), CASES)
@pytest.mark.parametrize("command", ["run", "check"])
@pytest.mark.parametrize("dx", [1.0, -2.0])
def test_wires_are_sympys_split_partials(capsys: pytest.CaptureFixture[str], text: str,
                                         point: dict[str, float], command: str,
                                         dx: float) -> None:
    result = cli(capsys, command, "--expr", text, *_sets(point), f"--dx={dx!r}", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert data["dx"] == dx
    want = expected_uses(text, point, dx)
    for name, products in want.items():
        wire = data["wires"][name]
        got = sorted(u["product"] for u in wire["uses"])
        assert got == pytest.approx(products, rel=1e-12)
        assert wire["total"] == pytest.approx(sum(products), rel=1e-12)
        for u in wire["uses"]:
            assert u["product"] == u["local"] * u["upstream"]
    if command == "check":
        assert {n: w["total"] for n, w in data["wires"].items()} == data["analytic"]
    else:
        assert data["steps"][0]["gradient"] == {n: w["total"] for n, w in
                                                data["wires"].items()}


def test_the_neuron_wires_and_sum_text(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "check", "neuron", "--json").json()
    want = expected_uses("sig(a*x + b*y + c)", data["inputs"], 1.0)
    for name, products in want.items():
        assert [u["product"] for u in data["wires"][name]["uses"]] == pytest.approx(products)
    assert data["wires"]["a"]["sum"] == "a: (-1)·0.104994 = -0.104994"
    assert data["kinks"] == {}


def test_x_times_y_plus_x_sum(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "check", "--expr", "x*y + x @ x=3, y=5", "--json").json()
    assert data["inputs"] == {"x": 3.0, "y": 5.0}
    assert data["wires"]["x"]["sum"] == "x: 1·1 + 5·1 = 6"


@pytest.mark.parametrize("bad", ["nan", "inf", "abc", "1e999", ""])
def test_a_bad_dx_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    for command in ("run", "check"):
        result = cli(capsys, command, "neuron", f"--dx={bad}")
        assert result.code == 2 and result.out == ""
        assert result.err.startswith("nn101-tui: error: argument --dx/--force:")
        assert result.err.count("\n") == 1


def test_the_force_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    """The output's pull is named for what it is (never `dx`, which the tables use for the
    gradient on x); `--dx` stays (a contract) beside `--force`."""
    for command in ("run", "check"):
        with pytest.raises(SystemExit):
            cli(capsys, command, "--help")
        text = " ".join(capsys.readouterr().out.split())
        assert "--dx DX, --force DX the force on the output: the gradient given to it" in text


def test_force_is_an_alias_of_dx(capsys: pytest.CaptureFixture[str]) -> None:
    by_dx = cli(capsys, "run", "two-gates", "--dx", "-1", "--json").json()
    by_force = cli(capsys, "run", "two-gates", "--force", "-1", "--json").json()
    assert by_dx["steps"] == by_force["steps"] and by_force["force"] == by_force["dx"] == -1


def test_a_run_with_dx_minus_1_goes_down(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "run", "two-gates", "--dx", "-1", "--json").json()
    assert data["steps"][0]["gradient"] == {"x": 4.0, "y": 4.0, "z": -3.0}
    assert data["steps"][0]["output"] < data["start"]["output"]


def test_start_values_after_at_and_set_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    data = cli(capsys, "check", "--expr", "log(x - 2) * y @ x=5, y=2", "--set", "y=3",
               "--json").json()
    assert data["inputs"] == {"x": 5.0, "y": 3.0}
    bad = cli(capsys, "check", "--expr", "x @ z=1")
    assert bad.code == 2 and "z is not a variable of x" in bad.err


def test_a_kink_is_named_in_check(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "check", "--expr", "max(a, b)", "--json")
    assert result.code == 1
    kinks = result.json()["kinks"]
    assert set(kinks) == {"a", "b"} and "tie" in kinks["b"]
    text = cli(capsys, "check", "--expr", "max(a, b)")
    assert "kink" in text.out
