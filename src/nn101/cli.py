"""`nn101-tui`: the app with no sub-command; `list`, `run`, `check`, `train` headless.

Every failure a user can cause ends in exit code 2 and one line on stderr, never a
traceback; a run that diverges still prints its JSON and exits 3. Anything else that goes
wrong is a bug: its traceback on stderr, one line saying where to report it, exit 70.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from nn101.engine import (
    SCENARIOS,
    Circuit,
    EngineError,
    InputError,
    Method,
    Run,
    Settings,
    gradient_check,
    parse,
    parse_number,
)
from nn101.engine.learning import DATASETS, MODELS, TrainSettings, make_dataset, train
from nn101.engine.methods import MAX_TRIES
from nn101.engine.scenarios import get as get_scenario
from nn101.state import trace
from nn101.state.session import Session

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_DIVERGED = 0, 1, 2, 3
EXIT_BUG = 70
"""An unexpected error (sysexits' EX_SOFTWARE): a bug, never a user's mistake."""
EXIT_CODES = (
    "exit codes: 0 ok; 1 `check` found a gradient that disagrees; 2 bad input or usage, "
    "or a terminal the app cannot use (one line on stderr); 3 the run diverged (its JSON "
    "is still printed); 70 an unexpected error, a bug (traceback on stderr); 129 / 143 "
    "the app's terminal went away (hang-up, closed) / it was sent SIGTERM"
)
REPORT = ("nn101-tui: this is a bug in nn101-tui {version}; please report it with the "
          "traceback above to the project's issue tracker (see README, Reporting a bug)")
MAX_STEPS = 1_000_000


class UsageError(Exception):
    """Bad flags or values: exit 2 with the message on one line."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error on one line (no usage block) and exits 2."""

    def error(self, message: str) -> NoReturn:
        flag = re.fullmatch(r"argument (--[\w-]+): expected one argument", message)
        if flag:
            # argparse reads "--h -1e-4" or "--expr -x" as two flags; say how to write it.
            message += f" (write a value that starts with - as {flag[1]}=VALUE)"
        raise UsageError(message)


def _number(text: str) -> float:
    try:
        return parse_number(text)
    except InputError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _positive(text: str) -> float:
    value = _number(text)
    if value <= 0.0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
    return value


def _count(low: int, high: int) -> Any:
    def read(text: str) -> int:
        stripped = text.strip()
        # int() also reads '٣' and '1_0': a count must be plain ASCII digits.
        if not stripped.lstrip("+-").isdigit() or not stripped.isascii():
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
        return value

    return read


def _assignment(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name.strip(), parse_number(value)
    except InputError as err:
        raise argparse.ArgumentTypeError(f"{name.strip()}: {err}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nn101-tui",
        description="Learn backpropagation by doing it. With no command, open the app "
        "(it needs a terminal); the commands run headless. `nn101-tui COMMAND --help` "
        "describes each.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--scenario", metavar="NAME",
                        help="open the app at this scenario (see nn101-tui list)")
    parser.add_argument("--expr", metavar="EXPR", help="open the app on this expression")
    parser.add_argument("--load", metavar="FILE", type=Path,
                        help="open the app on a session saved from it (ctrl+s)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("list", help="the scenarios", description="The scenarios of the guide: "
                   "name, title, formula, inputs and methods.", epilog=EXIT_CODES,
                   ).add_argument("--json", action="store_true",
                                  help="print one JSON list instead of a table")

    def target(p: argparse.ArgumentParser) -> None:
        p.add_argument("scenario", nargs="?", metavar="SCENARIO",
                       help=f"one of: {', '.join(SCENARIOS)}")
        p.add_argument("--expr", dest="expression", metavar="EXPR",
                       help="a formula instead of a scenario, e.g. '(a+b)*c'")
        p.add_argument("--set", dest="assignments", metavar="NAME=VALUE", action="append",
                       type=_assignment, default=[],
                       help="start value of an input (repeat for several: --set x=-2 "
                       "--set y=3; a negative value is fine after =)")
        p.add_argument("--h", type=_positive, default=1e-4,
                       help="the nudge of the numerical gradient, > 0 (default 1e-4)")
        p.add_argument("--difference", choices=("forward", "centered"), default="forward",
                       help="numerical gradient as (f(x+h)-f(x))/h, the guide's, or "
                       "(f(x+h)-f(x-h))/2h (default forward)")
        p.add_argument("--json", action="store_true",
                       help="print one JSON object instead of a report")

    run = sub.add_parser("run", help="step a circuit and print the trace",
                         description="Make a circuit's output go up, step by step, with "
                         "one of the guide's methods; print every step.", epilog=EXIT_CODES)
    target(run)
    run.add_argument("--method", choices=[m.value for m in Method], default="analytic",
                     help="random local search, numerical gradient or analytic gradient "
                     "(backprop) (default analytic)")
    run.add_argument("--steps", type=_count(0, MAX_STEPS), default=1,
                     help=f"how many steps, 0 to {MAX_STEPS} (default 1)")
    run.add_argument("--step-size", type=_number, default=0.01,
                     help="numerical and analytic: how far each step moves the inputs along "
                     "the gradient "
                     "(default 0.01)")
    run.add_argument("--tries", type=_count(1, MAX_TRIES), default=100,
                     help=f"random search: tries per step, 1 to {MAX_TRIES} (default 100)")
    run.add_argument("--tweak", type=_number, default=0.01,
                     help="random search: each input moves by up to this much per try "
                     "(default 0.01)")
    run.add_argument("--seed", type=_count(-(2**63), 2**63 - 1), default=None,
                     help="random search: seed of the tries, for a run that repeats "
                     "(default: a new one each time)")
    run.add_argument("--csv", metavar="FILE", type=Path,
                     help="also write every step to FILE as CSV (written atomically)")

    check = sub.add_parser("check", help="compare backprop with the numerical gradient",
                           description="The gradient check: backprop's gradient against "
                           "the numerical one, per input, with the relative error; exit 1 "
                           "if one disagrees.", epilog=EXIT_CODES)
    target(check)
    _add_train(sub)
    return parser


def _add_train(sub: Any) -> None:
    train = sub.add_parser("train", help="learn from data: the guide's SVM or 2-layer net",
                           description="Train the guide's chapter 2 classifiers with pulls "
                           "(stochastic gradient descent on one random point per "
                           "iteration); print accuracy and loss over the run.",
                           epilog=EXIT_CODES)
    train.add_argument("model", choices=MODELS, help="svm (a*x + b*y + c) or net (ReLU)")
    train.add_argument("--dataset", choices=DATASETS, default="guide",
                       help="guide: the guide's 6 points; the others are generated from "
                       "--points, --noise and --data-seed (default guide)")
    train.add_argument("--iterations", type=_count(0, MAX_STEPS), default=400,
                       help=f"SGD iterations, 0 to {MAX_STEPS} (default 400, the guide's)")
    train.add_argument("--step-size", type=_positive, default=0.01,
                       help="how far each pull moves the parameters, > 0 (default 0.01)")
    train.add_argument("--regularization", type=_number, default=1.0,
                       help="strength R of the pull -R*w on the weights (default 1, the guide)")
    train.add_argument("--hidden", type=_count(1, 64), default=3, help="net width (default 3)")
    train.add_argument("--seed", type=_count(-(2**63), 2**63 - 1), default=0,
                       help="net start and point picks (default 0)")
    train.add_argument("--every", type=_count(1, MAX_STEPS), default=25,
                       help="record accuracy and loss every N iterations (default 25)")
    train.add_argument("--points", type=_count(2, 10_000), default=100,
                       help="points in a generated data set (not guide)")
    train.add_argument("--noise", type=_number, default=0.1, help="noise of a generated set")
    train.add_argument("--data-seed", type=_count(-(2**63), 2**63 - 1), default=0,
                       help="seed of a generated data set (default 0)")
    train.add_argument("--json", action="store_true",
                       help="print one JSON object instead of a report")


# --- the commands ------------------------------------------------------------------------


def _circuit(args: argparse.Namespace) -> tuple[str | None, Circuit]:
    """The circuit named by SCENARIO or --expr, at its start values plus --set."""
    if (args.scenario is None) == (args.expression is None):
        raise UsageError("give a SCENARIO or --expr EXPR (one of them)")
    values = dict(args.assignments)
    if args.scenario is not None:
        scenario = get_scenario(args.scenario)
        circuit = scenario.build()
        circuit.set_inputs(scenario.defaults)
    else:
        circuit = parse(args.expression)
    circuit.set_inputs(values)
    circuit.forward()
    return args.scenario, circuit


def cmd_list(args: argparse.Namespace) -> int:
    rows = [
        {"name": s.name, "title": s.title, "group": s.group, "expression": s.expression,
         "inputs": dict(s.defaults), "methods": [m.value for m in s.methods],
         "explanation": s.explanation}
        for s in SCENARIOS.values()
    ]
    if args.json:
        _print_json(rows)
        return EXIT_OK
    from nn101 import cli_output

    cli_output.scenario_table(rows)
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    name, circuit = _circuit(args)
    settings = Settings(Method(args.method), args.step_size, args.h, args.difference,
                        args.tries, args.tweak, args.seed)
    if args.csv is not None and not args.csv.parent.is_dir():
        raise UsageError(f"--csv: folder {args.csv.parent} does not exist")
    run = Run(circuit, settings).run(args.steps)
    if args.csv is not None:
        trace.save_csv(run, args.csv)
    result = trace.to_dict(run, name)
    if args.json:
        _print_json(result)
    else:
        from nn101 import cli_output

        cli_output.run_report(result)
    return EXIT_DIVERGED if run.status == "diverged" else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    name, circuit = _circuit(args)
    check = gradient_check(circuit, args.h, args.difference)
    result = {
        "scenario": name, "expression": circuit.expression, "inputs": check.inputs,
        "h": check.h, "difference": check.difference, "analytic": check.analytic,
        "numerical": check.numerical, "relative_error": check.relative_error,
        "max_relative_error": check.max_relative_error, "tolerance": check.tolerance,
        "ok": check.ok,
    }
    if args.json:
        _print_json(result)
    else:
        from nn101 import cli_output

        cli_output.check_report(result)
    return EXIT_OK if check.ok else EXIT_CHECK_FAILED


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, allow_nan=False) + "\n")


def cmd_app(args: argparse.Namespace) -> int:
    if args.scenario is not None and args.expr is not None:
        raise UsageError("give --scenario or --expr, not both")
    session = None
    if args.load is not None:
        if args.scenario is not None or args.expr is not None:
            raise UsageError("give --load alone: the session names its own circuit")
        session = Session.load(args.load)  # a bad file: exit 2 before the screen changes
    if args.scenario is not None:
        get_scenario(args.scenario)
    if args.expr is not None:
        parse(args.expr)
    from nn101.tui.app import run_app
    from nn101.tui.terminal import TerminalError

    try:
        code = run_app(scenario=args.scenario, expression=args.expr, session=session)
    except TerminalError as err:
        raise UsageError(str(err)) from None
    if code == 1:  # Textual's code for an unhandled error; it printed the traceback
        _report_bug()
        return EXIT_BUG
    return code


def cmd_train(args: argparse.Namespace) -> int:
    data = make_dataset(args.dataset, args.points, args.noise, args.data_seed)
    settings = TrainSettings(args.step_size, args.regularization, args.seed, args.every)
    run = train(args.model, data, args.iterations, settings, args.hidden)
    final = run.final
    result = {
        "model": args.model, "dataset": args.dataset, "seed": args.seed,
        "hidden": args.hidden if args.model == "net" else None,
        "step_size": args.step_size, "regularization": args.regularization,
        "iterations": run.iteration, "every": args.every,
        "points": len(data), "noise": data.noise, "data_seed": data.seed,
        "status": run.status, "message": run.message,
        "params": run.model.param_values(),
        "history": [{"iteration": e.iteration, "accuracy": e.accuracy, "loss": e.loss}
                    for e in run.history],
        "final": {"accuracy": final.accuracy, "loss": final.loss, "correct": final.correct,
                  "total": final.total},
    }
    if args.json:
        _print_json(result)
    else:
        from nn101 import cli_output

        cli_output.train_report(result)
    return EXIT_DIVERGED if run.status == "diverged" else EXIT_OK


COMMANDS = {"list": cmd_list, "run": cmd_run, "check": cmd_check, "train": cmd_train}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        command = COMMANDS.get(args.command or "", cmd_app)
        return command(args)
    except (UsageError, EngineError) as err:
        sys.stderr.write(f"nn101-tui: error: {_one_line(str(err))}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("nn101-tui: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:
        traceback.print_exc()
        _report_bug()
        return EXIT_BUG


def _report_bug() -> None:
    sys.stderr.write(REPORT.format(version=_version()) + "\n")
    sys.stderr.flush()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nn101-tui")
    except PackageNotFoundError:
        return "(not installed)"


def _one_line(text: str) -> str:
    return " ".join(text.split())


if __name__ == "__main__":
    sys.exit(main())
