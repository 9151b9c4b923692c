"""The hostile corpus: everything a student might type or paste, each with its message.

The parser refuses with an ExpressionError/InputError that says why; the CLI turns every
one of them into exit 2 and exactly one line on stderr, never a traceback. Runs that
overflow stop at the last finite step with status "diverged" (exit 3).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from nn101.cli import main
from nn101.engine import (
    SCENARIOS,
    AddGate,
    Circuit,
    DomainError,
    EngineError,
    ExpressionError,
    InputError,
    Run,
    Settings,
    Unit,
    parse,
    parse_number,
)
from nn101.engine import expression as expression_module

LONG = "x+" * 1000 + "x"  # 2,001 characters: one over the limit
NODES = "x+" * 2500 + "x"  # 2,500 BinOp + 2,500 Add + 2,501 Name + 2,501 Load = 10,002 nodes
DEEP = "(" * 201 + "x" + ")" * 201

# (what, expression, the message fragment, when it is refused: "parse" or "run")
EXPRESSIONS: list[tuple[str, str, str, str]] = [
    ("empty", "", "empty expression", "parse"),
    ("whitespace", " \t\n ", "empty expression", "parse"),
    ("unicode digit", "٣", "only ASCII letters", "parse"),
    ("unicode digit in a sum", "x + ٣", "only ASCII letters", "parse"),
    ("not a formula", "x +* ", "not a formula at column", "parse"),
    ("null byte", "x\x00", "not a formula", "parse"),
    ("2,001 characters", LONG, "expression too long: 2001 characters (at most 2000)", "parse"),
    ("10,001 nodes", NODES, "expression too long", "parse"),
    ("201 levels of parentheses", DEEP, "too deeply nested: 201 levels", "parse"),
    ("201 nested calls", "sig(" * 201 + "x" + ")" * 201, "too deeply nested", "parse"),
    ("import", "__import__('os')", "unknown function '__import__'", "parse"),
    ("import by name", "__import__", "bad name '__import__'", "parse"),
    ("attribute", "x.__class__", "attribute access (a.b) not allowed", "parse"),
    ("method call", "open('f').read()", "only the functions", "parse"),
    ("lambda", "lambda: x", "lambda not allowed", "parse"),
    ("list comprehension", "[x for x in y]", "comprehensions not allowed", "parse"),
    ("generator", "sum(x for x in y)", "unknown function 'sum'", "parse"),
    ("dict comprehension", "{x: x for x in y}", "comprehensions not allowed", "parse"),
    ("string", "'rm -rf'", "only numbers and names are allowed", "parse"),
    ("indexing", "x[0]", "indexing (a[i]) not allowed", "parse"),
    ("comparison", "x < y", "comparisons not allowed", "parse"),
    ("walrus", "(x := 1)", "assignment (:=) not allowed", "parse"),
    ("statement", "x; import os", "not a formula", "parse"),
    ("modulo", "x % y", "only + - * / ** (or ^) are allowed", "parse"),
    ("bit not", "~x", "only - and + may stand before a term", "parse"),
    ("9**9**9", "9**9**9", "overflows a float", "parse"),
    ("9**9**9 times x", "9**9**9 * x", "the output is not a finite number", "run"),
    ("1/0", "1/0", "division by zero", "parse"),
    ("x/0", "x/0", "division by zero", "run"),
    ("log of a negative number", "log(-1)", "log of a non-positive number (-1)", "parse"),
    ("log of a negative input", "log(x - 3)", "log of a non-positive number (-2)", "run"),
    ("fractional power of a negative", "(x - 3)**0.5", "has no real value", "run"),
    ("unknown function", "foo(x)", "unknown function 'foo'", "parse"),
    ("print", "print(x)", "unknown function 'print'", "parse"),
    ("bad name", "_x + 1", "bad name '_x'", "parse"),
    ("function used as a name", "exp + x", "exp is a function: call it as exp(x)", "parse"),
    ("wrong arity", "sig(x, x)", "sig() takes exactly one argument", "parse"),
    ("max of one", "max(x)", "max() takes two or more arguments", "parse"),
    ("keyword argument", "exp(x=1)", "exp() takes no keyword arguments", "parse"),
    ("nan", "nan", "nan is not a finite number", "parse"),
    ("inf", "x * inf", "inf is not a finite number", "parse"),
    ("-inf", "-inf", "inf is not a finite number", "parse"),
    ("1e400", "x * 1e400", "too large for a float", "parse"),
    ("complex", "x + 1j", "only numbers and names are allowed", "parse"),
    ("True", "x * True", "only numbers and names are allowed", "parse"),
]


@pytest.mark.parametrize(("text", "fragment", "when"), [c[1:] for c in EXPRESSIONS],
                         ids=[c[0] for c in EXPRESSIONS])
def test_the_parser_refuses_hostile_text_with_a_reason(text: str, fragment: str,
                                                       when: str) -> None:
    if when == "parse":
        with pytest.raises(ExpressionError) as err:
            parse(text)
    else:
        circuit = parse(text)  # every variable starts at 1.0
        with pytest.raises(DomainError) as err:
            Run(circuit)
    assert fragment in str(err.value)


def test_the_node_limit_holds_even_without_the_length_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(expression_module, "MAX_LENGTH", 100_000)
    with pytest.raises(ExpressionError, match="expression too large: over 10000 nodes"):
        parse(NODES)
    # One term fewer is under the limit: 4 * 2499 + 2 = 9,998 nodes.
    assert len(parse("x+" * 2499 + "x").gates) == 2499


def test_the_limits_themselves_are_accepted() -> None:
    # 200 levels of parentheses and a 2,000-character expression are ordinary input.
    assert parse("(" * 200 + "x" + ")" * 200).forward() == 1.0
    longest = "x+" * 999 + "x1"
    assert len(longest) == 2000
    circuit = parse(longest)
    circuit.set_inputs({"x": 1.0, "x1": 2.0})
    assert circuit.forward() == 999 * 1.0 + 2.0


NUMBERS: list[tuple[str, str]] = [
    ("abc", "not a number: 'abc'"),
    ("nan", "nan is not a number"),
    ("NaN", "nan is not a number"),
    ("inf", "infinity is not allowed"),
    ("-inf", "infinity is not allowed"),
    ("Infinity", "infinity is not allowed"),
    ("1e400", "too large: 1e400 overflows a float"),
    ("-1e400", "too large: -1e400 overflows a float"),
    ("", "empty: type a number"),
    ("   ", "empty: type a number"),
    ("٣", "use ASCII digits"),
    ("１", "use ASCII digits"),
    ("1_000", "not a number: '1_000'"),
    ("0x10", "not a number: '0x10'"),
    ("1,5", "not a number: '1,5'"),
    ("--1", "not a number: '--1'"),
]


@pytest.mark.parametrize(("text", "fragment"), NUMBERS)
def test_numbers_are_read_strictly(text: str, fragment: str) -> None:
    with pytest.raises(InputError) as err:
        parse_number(text)
    assert fragment in str(err.value)


# --- the CLI ------------------------------------------------------------------------------


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _one_error_line(code: int, out: str, err: str) -> str:
    assert code == 2
    assert out == ""
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert err.startswith("nn101-tui: error: ")
    assert "Traceback" not in err
    return err


CLI_EXPRESSIONS = [c for c in EXPRESSIONS if c[1].strip() or c[0] == "whitespace"]


@pytest.mark.parametrize(("text", "fragment"), [(c[1], c[2]) for c in CLI_EXPRESSIONS],
                         ids=[c[0] for c in CLI_EXPRESSIONS])
def test_run_expr_refuses_hostile_text_on_one_line(
    capsys: pytest.CaptureFixture[str], text: str, fragment: str
) -> None:
    err = _one_error_line(*_cli(["run", f"--expr={text}"], capsys))
    assert " ".join(fragment.split()) in err


def test_an_empty_expression_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    err = _one_error_line(*_cli(["run", "--expr", ""], capsys))
    assert "empty expression" in err


@pytest.mark.parametrize(("text", "fragment"), NUMBERS)
def test_run_set_refuses_bad_numbers_on_one_line(
    capsys: pytest.CaptureFixture[str], text: str, fragment: str
) -> None:
    err = _one_error_line(*_cli(["run", "two-gates", "--set", f"x={text}"], capsys))
    assert "argument --set: x: " in err
    assert fragment in err


FLAGS: list[tuple[list[str], str]] = [
    (["--set", "x"], "expected NAME=VALUE, got 'x'"),
    (["--set", "=1"], "expected NAME=VALUE, got '=1'"),
    (["--set", "w=1"], "unknown input 'w' (inputs: x, y, z)"),
    (["--set", "__import__=1"], "unknown input '__import__'"),
    (["--step-size", "nan"], "argument --step-size: nan is not a number"),
    (["--step-size", "1e400"], "argument --step-size: too large"),
    (["--step-size", ""], "argument --step-size: empty"),
    (["--step-size", "٣"], "argument --step-size: not a number: '٣'"),
    (["--h", "0"], "argument --h: must be greater than 0"),
    (["--h=-1e-4"], "argument --h: must be greater than 0"),
    (["--h", "-1e-4"], "argument --h: expected one argument (write a value that starts with - "
                       "as --h=VALUE)"),
    (["--h", "inf"], "argument --h: infinity is not allowed"),
    (["--tries", "0"], "argument --tries: must be between 1 and 1000000, got 0"),
    (["--tries", "1000001"], "argument --tries: must be between 1 and 1000000"),
    (["--tries", "1.5"], "argument --tries: not a whole number: '1.5'"),
    (["--tries", "٣"], "argument --tries: not a whole number: '٣'"),
    (["--tries", "1_0"], "argument --tries: not a whole number: '1_0'"),
    (["--steps", "-1"], "argument --steps: must be between 0 and 1000000, got -1"),
    (["--steps", "abc"], "argument --steps: not a whole number: 'abc'"),
    (["--steps", ""], "argument --steps: not a whole number: ''"),
    (["--seed", "nan"], "argument --seed: not a whole number: 'nan'"),
    (["--seed", str(2**64)], "argument --seed: must be between"),
    (["--tweak", "-1"], "argument --tweak: must be 0 or more, got -1"),
    (["--tweak", "inf"], "argument --tweak: infinity is not allowed"),
    (["--method", "magic"], "argument --method: invalid choice: 'magic'"),
    (["--difference", "sideways"], "argument --difference: invalid choice"),
    (["--bogus"], "unrecognized arguments: --bogus"),
    (["--expr", "x"], "give a SCENARIO or --expr EXPR (one of them)"),
    (["--csv"], "argument --csv: expected one argument"),
]


@pytest.mark.parametrize(("flags", "fragment"), FLAGS, ids=[" ".join(f[0]) for f in FLAGS])
def test_run_refuses_bad_flags_on_one_line(
    capsys: pytest.CaptureFixture[str], flags: list[str], fragment: str
) -> None:
    err = _one_error_line(*_cli(["run", "two-gates", *flags], capsys))
    assert fragment in err


@pytest.mark.parametrize(("argv", "fragment"), [
    (["run"], "give a SCENARIO or --expr EXPR"),
    (["run", "nope"], "unknown scenario 'nope'"),
    (["run", "--expr", "x", "--set", "x=1", "--set", "y=2"], "unknown input 'y' (inputs: x)"),
    (["check", "--expr", "__import__('os').system('ls')"], "only the functions sigmoid, sig"),
    (["check", "--expr", "log(x)", "--set", "x=-1"], "log of a non-positive number (-1)"),
    (["--expr", "__import__('os')"], "unknown function '__import__'"),
    (["--scenario", "nope"], "unknown scenario 'nope'"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_other_commands_refuse_on_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    err = _one_error_line(*_cli(argv, capsys))
    assert fragment in err


def test_a_real_process_prints_one_line_and_no_traceback() -> None:
    for argv, fragment in ((["run", "--expr", DEEP], "too deeply nested"),
                           (["run", "two-gates", "--set", "x=٣"], "use ASCII digits")):
        proc = subprocess.run([sys.executable, "-m", "nn101.cli", *argv],
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 2
        assert proc.stdout == ""
        assert proc.stderr.count("\n") == 1
        assert fragment in proc.stderr
        assert "Traceback" not in proc.stderr


# --- divergence ---------------------------------------------------------------------------


def test_step_size_1e9_diverges_at_the_last_finite_step() -> None:
    run = Run(SCENARIOS["two-gates"].circuit(), Settings(step_size=1e9)).run(100)
    assert run.status == "diverged"
    last = run.steps[-1]
    assert math.isfinite(last.output)
    assert all(math.isfinite(v) for v in last.inputs.values())
    # The next step is the one that overflowed; the circuit is left at the last good one.
    assert run.message.startswith(f"diverged at iteration {last.iteration + 1}:")
    assert run.circuit.input_values() == last.inputs
    assert run.circuit.forward() == last.output
    assert run.step() is None  # a diverged run stays stopped
    assert len(run.steps) == last.iteration


def test_the_square_diverges_in_its_second_step() -> None:
    # ((a*b + c)*d)**2 from (1, 2, -3, -1) with gradients (-4, -2, -2, -2) and step 1e9:
    # a = 1 - 4e9, b = 2 - 2e9, c = -3 - 2e9, d = -1 - 2e9 gives x1 ~ 8e18, x2 ~ -1.6e28,
    # output ~ 2.56e56 (finite); the next gradients ~ 1e48 times 1e9 ... overflow the square.
    run = Run(SCENARIOS["square"].circuit(), Settings(step_size=1e9)).run(10)
    assert (run.status, len(run.steps)) == ("diverged", 1)
    assert run.steps[0].output == pytest.approx(2.56e56, rel=1e-6)


def test_cli_exits_3_with_the_diverged_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(["run", "two-gates", "--step-size", "1e9", "--steps", "100",
                           "--json"], capsys)
    assert code == 3
    assert err == ""
    data = json.loads(out)
    assert data["status"] == "diverged"
    steps = data["steps"]
    assert 0 < len(steps) < 100
    assert data["message"].startswith(f"diverged at iteration {len(steps) + 1}:")
    assert all(math.isfinite(s["output"]) for s in steps)


def test_cli_says_diverged_in_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _cli(["run", "square", "--step-size", "1e9", "--steps", "5"], capsys)
    assert code == 3
    assert "diverged" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("method", ["analytic", "numerical", "random"])
def test_no_method_crashes_at_huge_step_sizes(capsys: pytest.CaptureFixture[str],
                                              method: str) -> None:
    huge = (["--tweak", "1e300", "--tries", "3"] if method == "random" else
            ["--step-size", "1e300"])  # a flag of another method is refused (round 3)
    for name in SCENARIOS:
        code = main(["run", name, "--method", method, *huge, "--steps", "20", "--json"])
        out, err = capsys.readouterr()
        assert code in (0, 3), (name, err)
        assert json.loads(out)["status"] == ("ok" if code == 0 else "diverged")


def test_every_engine_refusal_is_an_engine_error() -> None:
    for error in (ExpressionError, InputError, DomainError):
        assert issubclass(error, EngineError)


# --- scale ---------------------------------------------------------------------------------


def test_a_sum_of_100000_gates_runs_forward_and_backward() -> None:
    n = 100_000
    units = [Unit(float(i), label=f"x{i}") for i in range(n + 1)]
    total = units[0]
    for unit in units[1:]:
        total = AddGate().forward(total, unit)
    circuit = Circuit(units, total)
    assert len(circuit) == n
    # 0 + 1 + ... + n = n (n + 1) / 2, exact in floats at this size.
    assert circuit.forward() == n * (n + 1) / 2
    grads = circuit.backward()
    assert len(grads) == n + 1
    assert set(grads.values()) == {1.0}  # the + gate hands every input the gradient 1
    record = Run(circuit, Settings()).step()
    assert record is not None
    # One analytic step of 0.01 raises each of the n + 1 inputs by 0.01.
    assert record.output == pytest.approx(n * (n + 1) / 2 + 0.01 * (n + 1))


def test_the_largest_expression_parses_runs_and_exports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    longest = "x+" * 999 + "x1"  # 2,000 characters: a flat sum of 1,000 terms
    circuit = parse(longest)
    assert len(circuit) == 999
    circuit.set_inputs({"x": 2.0, "x1": 3.0})
    assert circuit.forward() == 999 * 2.0 + 3.0
    assert circuit.backward() == {"x": 999.0, "x1": 1.0}  # x is used 999 times
    path = tmp_path / "long.csv"
    code, out, err = _cli(["run", "--expr", longest, "--steps", "3", "--json", "--csv",
                           str(path)], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    # from x = x1 = 1: output 1000; each step adds 0.01 * (999**2 + 1**2) = 9980.02.
    assert [s["output"] for s in data["steps"]] == pytest.approx(
        [1000.0 + 9980.02 * k for k in (1, 2, 3)])
    assert len(path.read_text().splitlines()) == 5
    code, out, _ = _cli(["check", "--expr", longest, "--json"], capsys)
    assert code == 0
    assert json.loads(out)["ok"] is True


def test_a_sum_of_many_names_fits_in_the_limit() -> None:
    names = [f"a{i}" for i in range(400)]
    text = "+".join(names)
    assert len(text) <= 2000
    circuit = parse(text)
    assert list(circuit.inputs) == names
    assert set(circuit.backward().values()) == {1.0}
