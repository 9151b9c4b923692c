"""Every kind of bad input the issue names, on `run` and on `check`: exit 2, one line.

tests/cli/test_hostile.py holds the long corpus for `run`; this file walks the issue's own
list of categories through both commands, plus the overflow cases of `check`, which once
crashed with a JSON traceback (`check --expr x*x --h 1e200 --json`).
"""

from __future__ import annotations

import pytest

from tests.cli.helpers import Result, cli, shell

CATEGORIES: list[tuple[str, list[str], str]] = [
    ("unknown scenario", ["nope"], "unknown scenario 'nope' (scenarios: single-gate,"),
    ("unknown input name", ["neuron", "--set", "q=1"],
     "unknown input 'q' (inputs: a, b, c, x, y)"),
    ("non-numeric value", ["neuron", "--set", "a=one"], "not a number: 'one'"),
    ("nan value", ["neuron", "--set", "a=nan"], "nan is not a number"),
    ("inf value", ["neuron", "--set", "a=-inf"], "infinity is not allowed"),
    ("huge value", ["neuron", "--set", "a=1e400"], "overflows a float"),
    ("hostile expression", ["--expr", "__import__('os').system('id')"],
     "only the functions sigmoid, sig, exp, log, tanh, relu, max may be called"),
    ("lambda", ["--expr", "(lambda: 0)()"], "may be called"),
    ("attribute", ["--expr", "x.__class__"], "attribute access"),
    ("bad formula", ["--expr", "x +"], "not a formula"),
    ("9**9**9", ["--expr", "9**9**9"], "overflows a float"),
    ("1/0", ["--expr", "1/0"], "division by zero"),
    ("division by zero at the start", ["--expr", "x / (y - 1)"], "division by zero"),
    ("division by zero from --set", ["division", "--set", "c=-1"], "division by zero"),
    ("log of 0 at the start", ["--expr", "log(x - 1)"], "log of a non-positive number (0)"),
    ("overflow at the start", ["--expr", "exp(x)", "--set", "x=1000"],
     "not a finite number"),
    ("both a scenario and --expr", ["neuron", "--expr", "x"], "give a SCENARIO or --expr"),
    ("neither", [], "give a SCENARIO or --expr"),
    ("h of 0", ["neuron", "--h", "0"], "argument --h: must be greater than 0"),
    ("h negative", ["neuron", "--h=-1"], "argument --h: must be greater than 0"),
    ("unknown difference", ["neuron", "--difference", "backward"], "invalid choice"),
]


def one_line(r: Result) -> str:
    assert r.code == 2, (r.code, r.out, r.err)
    assert r.out == ""
    assert r.err.startswith("nn101-tui: error: ") and r.err.endswith("\n")
    assert r.err.count("\n") == 1
    assert "Traceback" not in r.err
    return r.err


@pytest.mark.parametrize("command", ["run", "check"])
@pytest.mark.parametrize(("argv", "fragment"), [c[1:] for c in CATEGORIES],
                         ids=[c[0] for c in CATEGORIES])
def test_each_category_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], command: str, argv: list[str], fragment: str
) -> None:
    for json_flag in ([], ["--json"]):
        err = one_line(cli(capsys, command, *argv, *json_flag))
        assert fragment in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        # (1 + 1e200)**2 overflows in the nudged forward pass.
        (["--expr", "x*x", "--h", "1e200"], "a gradient is not a finite number"),
        # d(1/x)/dx = -1/x**2 = -1e400 at x = 1e-200.
        (["--expr", "1/x", "--set", "x=1e-200"], "a gradient is not a finite number"),
        (["--expr", "exp(x)", "--set", "x=710"], "not a finite number here"),
    ],
)
def test_check_refuses_overflow_instead_of_printing_inf(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    err = one_line(cli(capsys, "check", *argv, "--json"))
    assert fragment in err and "overflowed" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--expr", "__import__('os').system('echo pwned')"],
        ["check", "--expr", "x*x", "--h", "1e200", "--json"],
        ["run", "neuron", "--set", "a=nan", "--json"],
        ["check", "nope"],
    ],
)
def test_as_a_process_no_traceback(argv: list[str]) -> None:
    r = shell(*argv)
    one_line(r)
    assert "pwned" not in r.out + r.err


def test_check_says_when_its_nudge_left_the_domain(capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line(cli(capsys, "check", "--expr", "log(x)", "--set", "x=5e-5",
                       "--difference", "centered", "--json"))
    assert "nudged x to -5e-05" in err and "try a smaller h" in err
    r = cli(capsys, "check", "--expr", "log(x)", "--set", "x=5e-5", "--difference",
            "centered", "--h", "1e-6", "--json")
    assert r.code == 0 and r.json()["ok"] is True
