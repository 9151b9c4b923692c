"""`nn101-tui`: the app with no sub-command; `list`, `run`, `check`, `train` headless.

Every failure a user can cause ends in exit code 2 and one line on stderr, never a
traceback; a run that diverges still prints its JSON and exits 3. Text that came from
outside (a formula's comment, a file name, a message) is printed with its control
characters made visible, never as terminal escapes or rich markup. JSON output is always
valid JSON: a number that overflowed is written as the string "inf", "-inf" or "nan".
A long `run` or `train` shows its progress on stderr (when stderr is a terminal) and
stops on ctrl+c, printing what it did so far (status "interrupted", exit 130).
Anything else that goes wrong is a bug: its traceback on stderr, one line saying where
to report it, exit 70.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import re
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from nn101 import __version__
from nn101.engine import (
    SCENARIOS,
    Circuit,
    EngineError,
    InputError,
    Method,
    Run,
    Settings,
    gradient_check,
    parse_number,
)
from nn101.engine.errors import DomainError
from nn101.engine.scenarios import get as get_scenario
from nn101.engine.wires import wire_gradients
from nn101.state import controls, limits
from nn101.state.factory import build_circuit
from nn101.state.notation import Naming, wire_names, wires_data
from nn101.state.start import open_formula, split_start, start_text, suggest_start
from nn101.state.text import line, quote, short
from nn101.tui import tuning

EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_DIVERGED = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
EXIT_BUG = 70
"""An unexpected error (sysexits' EX_SOFTWARE): a bug, never a user's mistake."""
EXIT_CODES = (
    "exit codes: 0 ok; 1 `check` found a gradient that disagrees; 2 bad input or usage, "
    "output that cannot be written or a terminal the app cannot use (one line on stderr); "
    "3 the run diverged (its JSON is still printed); 70 an unexpected error, a bug "
    "(traceback on stderr); 129 / 143 the app's terminal went away / it was sent SIGTERM; "
    "130 stopped by ctrl+c (what was done so far is printed). In JSON, a number that "
    'overflowed is the string "inf", "-inf" or "nan".'
)
REPORT = ("nn101-tui: this is a bug in nn101-tui {version}; please report it with the "
          "traceback above to the project's issue tracker (see README, Reporting a bug)")
MAX_STEPS = limits.MAX_STEPS
PROGRESS_AFTER = 1.0
"""Seconds before a long command starts showing its progress on stderr."""
PROGRESS_EVERY = 0.25


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


def _assignment(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {quote(text)}")
    try:
        return name.strip(), parse_number(value)
    except InputError as err:
        raise argparse.ArgumentTypeError(f"{short(name.strip())}: {err}") from None


class _Given(argparse.Action):
    """Store the value and note that the flag was given (in `namespace.given`): a flag
    that cannot apply with another is refused even when it repeats its default."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        setattr(namespace, self.dest, values)
        given: set[str] = getattr(namespace, "given", set())
        given.add(option_string or self.dest)
        namespace.given = given


def _flag(parser: argparse.ArgumentParser, control: controls.Control, default: Any,
          mlp: Any = None) -> None:
    """A flag read and described by its control, as the app's field is. With `mlp` (the
    mlp's own default) the flag's default is None, filled in by the model trained. Every
    flag notes that it was given (_Given)."""
    def shown(value: Any) -> str:
        return "none" if value is None else f"{value:g}" if isinstance(value, float) \
            else str(value)

    text = f"default {shown(default)}" if mlp is None else (
        f"default {shown(mlp)}, mlp only" if default is None
        else f"default {shown(default)}; mlp {shown(mlp)}")
    parser.add_argument(control.flag, *control.aliases, dest=control.key,
                        type=controls.argparse_type(control),
                        default=None if mlp is not None else default,
                        help=f"{control.describe()}; {text}", action=_Given)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nn101-tui",
        description="Learn backpropagation by doing it. With no command, open the app "
        "(it needs a terminal); the commands run headless. `nn101-tui COMMAND --help` "
        "describes each.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"nn101-tui {__version__}")
    parser.add_argument("--scenario", metavar="NAME",
                        help="open the app at this scenario (see nn101-tui list)")
    parser.add_argument("--expr", metavar="EXPR", help="open the app on this expression")
    parser.add_argument("--load", metavar="FILE", type=Path,
                        help="open the app on a file saved from it (ctrl+s): a circuit "
                        "session, or a learning run (opens the learning screen)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("list", help="the scenarios", description="The scenarios of the guide: "
                   "name, title, formula, inputs and methods.", epilog=EXIT_CODES,
                   ).add_argument("--json", action="store_true",
                                  help="print one JSON list instead of a table")

    def target(p: argparse.ArgumentParser) -> None:
        p.add_argument("scenario", nargs="?", metavar="SCENARIO",
                       help=f"one of: {', '.join(SCENARIOS)}")
        p.add_argument("--expr", dest="expression", metavar="EXPR",
                       help="a formula instead of a scenario, e.g. '(a+b)*c', with start "
                            "values after @ if you like: 'log(x - 2) @ x=5'")
        p.add_argument("--set", dest="assignments", metavar="NAME=VALUE", action="append",
                       type=_assignment, default=[],
                       help="start value of an input (repeat for several: --set x=-2 "
                       "--set y=3; a negative value is fine after =)")
        _flag(p, controls.H, 1e-4)
        p.add_argument("--difference", choices=controls.DIFFERENCE.choices, default="forward",
                       action=_Given,
                       help=controls.DIFFERENCE.describe() + " (default forward)")
        _flag(p, controls.DX, 1.0)
        p.add_argument("--json", action="store_true",
                       help="print one JSON object instead of a report")

    run = sub.add_parser("run", help="step a circuit and print the trace",
                         description="Make a circuit's output go up, step by step, with "
                         "one of the guide's methods; print every step.", epilog=EXIT_CODES)
    target(run)
    run.add_argument("--method", choices=controls.METHOD.choices, default=None,
                     help=controls.METHOD.describe() + " (default: the scenario's first, "
                     "as the app starts on it; analytic for --expr)")
    _flag(run, controls.STEPS, 1)
    _flag(run, controls.STEP_SIZE, 0.01)
    _flag(run, controls.TRIES, 100)
    _flag(run, controls.TWEAK, 0.01)
    _flag(run, controls.SEED, None)
    run.add_argument("--csv", metavar="FILE", type=Path,
                     help="also write every step to FILE as CSV (written atomically)")

    check = sub.add_parser("check", help="compare backprop with the numerical gradient",
                           description="The gradient check: backprop's gradient against "
                           "the numerical one, per input, with the relative error; exit 1 "
                           "if one disagrees.", epilog=EXIT_CODES)
    target(check)
    _add_train(sub)
    _add_lessons(sub)
    _add_plain(sub)
    return parser


def _add_plain(sub: Any) -> None:
    plain = sub.add_parser("plain", help="the playground, lessons and tour as lines of words "
                           "(screen readers, braille displays, scripts)",
                           description="The same playground, scenarios, lessons and tour "
                           "as the app, one command a line and its answer in words: no "
                           "colour, no cursor movement, works over a pipe. Type help in "
                           "it for the commands (README.md, Plain mode).", epilog=EXIT_CODES)
    plain.add_argument("--scenario", dest="plain_scenario", metavar="NAME",
                       help="open this scenario (see nn101-tui list)")
    plain.add_argument("--expr", dest="plain_expr", metavar="EXPR",
                       help="open this expression (start values after @)")
    plain.add_argument("--load", dest="plain_load", metavar="FILE", type=Path,
                       help="open a file saved from the app: a session or a learning run")
    plain.add_argument("what", nargs="*", metavar="tour | lesson FILE",
                       help="take the guided tour, or a lesson file, in plain lines")


def _add_lessons(sub: Any) -> None:
    tour = sub.add_parser("tour", help="the guided tour of the guide, in the app",
                          description="Walk the guide's chapters 1 and 2 step by step, each "
                          "step with a goal the app checks. Progress is kept in your data "
                          "folder and resumed.", epilog=EXIT_CODES)
    tour.add_argument("--restart", action="store_true",
                      help="start the tour over from its first step (forgets its progress)")
    lesson = sub.add_parser("lesson", help="open a lesson file, or --check it",
                            description="Open a lesson written as TOML (README.md, "
                            "Lessons), or check it: every step opens and every goal is "
                            "reached by the solution the file carries.", epilog=EXIT_CODES)
    lesson.add_argument("file", metavar="FILE", type=Path, help="the lesson's TOML file")
    lesson.add_argument("--check", action="store_true",
                        help="check the file instead of opening it: exit 0 if sound, else 2 "
                        "with one line per problem")
    from nn101 import web as web_defaults

    serve = sub.add_parser("serve", help="serve the app to browsers (needs nn101-tui[web])",
                           description="Serve the app to web browsers with textual-serve: "
                           "each browser tab runs its own app. ARGS after the options are "
                           "what the app is opened with, e.g. `serve tour` or `serve "
                           "--scenario neuron`.", epilog=EXIT_CODES)
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1: this machine "
                       "only; 0.0.0.0 serves a class on the network)")
    serve.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    serve.add_argument("--token", default=None,
                       help="the token a browser must show (?token=… once, then a cookie); "
                       "beyond this machine one is made up and printed when not given")
    serve.add_argument("--max-sessions", type=int, default=web_defaults.MAX_SESSIONS,
                       metavar="N", help="apps open at once; the one over the cap gets a "
                       f"page saying so (default {web_defaults.MAX_SESSIONS})")
    serve.add_argument("--idle-minutes", type=float, default=web_defaults.IDLE_MINUTES,
                       metavar="M", help="close a tab whose keyboard was quiet this long "
                       f"(default {web_defaults.IDLE_MINUTES:g})")
    serve.add_argument("--public-url", default=None, metavar="URL",
                       help="the address students open, when a reverse proxy serves it "
                       "(e.g. https://school.example/nn101/); only what is printed: the "
                       "page's own links are relative")
    serve.add_argument("--unix-socket", default=None, metavar="PATH",
                       help="listen on this Unix socket instead of --host/--port "
                       "(as jupyter-server-proxy runs it)")
    serve.add_argument("--a11y", action="store_true",
                       help="turn on xterm.js's screen-reader mode in the page")
    serve.add_argument("app_args", nargs=argparse.REMAINDER, metavar="ARGS",
                       help="how each tab opens the app (default: the playground)")


TRAIN_DEFAULTS: dict[str, Any] = {"dataset": "guide", "step_size": 0.01, "hidden": 3,
                                  "activation": "relu", "points": 100, "noise": 0.1,
                                  "iterations": 400, "seed": 0, "every": 25, "data_seed": 0}
"""The guide's models' defaults where the mlp's differ (nn101.state.class_config has those)."""
MLP_ONLY = (controls.OPTIMIZER, controls.MOMENTUM, controls.BETA1, controls.BETA2,
            controls.EPS, controls.WEIGHT_DECAY, controls.INIT, controls.BATCH,
            controls.PRESET)


def _add_train(sub: Any) -> None:
    from nn101.state.class_config import ClassConfig

    mlp = ClassConfig()
    train = sub.add_parser("train", help="learn from data: the guide's SVM or 2-layer net, or "
                           "chapter 3's mlp",
                           description="Train the guide's chapter 2 classifiers with pulls "
                           "(stochastic gradient descent on one random point per "
                           "iteration), or chapter 3's mlp (K classes, softmax and "
                           "cross-entropy, an optimizer); print accuracy and loss over the "
                           "run.", epilog=EXIT_CODES)
    train.add_argument("model", choices=controls.TRAIN_MODEL.choices,
                       help=controls.TRAIN_MODEL.help)
    train.add_argument("--dataset", choices=controls.DATASET.choices
                       + controls.CLASS_DATASET.choices, default=None,
                       help=f"{controls.DATASET.describe()}; for mlp "
                       f"{controls.CLASS_DATASET.describe()} (default guide; mlp "
                       f"{mlp.dataset})", action=_Given)
    _flag(train, controls.ITERATIONS, 400, 400)
    _flag(train, controls.TRAIN_STEP_SIZE, 0.01, mlp.step_size)
    _flag(train, controls.REGULARIZATION, 1.0)
    _flag(train, controls.HIDDEN, 3, mlp.hidden)
    _flag(train, controls.ACTIVATION, "relu", mlp.activation)
    _flag(train, controls.TRAIN_SEED, 0, mlp.seed)
    _flag(train, controls.EVERY, 25, mlp.every)
    _flag(train, controls.POINTS, 100, mlp.points)
    _flag(train, controls.NOISE, 0.1, mlp.noise)
    _flag(train, controls.DATA_SEED, 0, mlp.data_seed)
    for control in MLP_ONLY:
        default = getattr(mlp, control.key)
        _flag(train, control, None, "none" if default is None else default)
    train.add_argument("--compare", metavar="SETTING=A,B",
                       help="mlp: train twice from the same seed and data, SETTING (one of "
                       f"{', '.join(c.key for c in controls.CLASS_FIELDS)}) at A then at B, "
                       "and print both runs' final numbers side by side")
    train.add_argument("--data", metavar="FILE.csv", type=Path,
                       help="train on your own points: a CSV file of x,y,label rows "
                       "(label +1 or -1, for mlp a class 0 to 7; instead of --dataset, --points, "
                       "--noise and --data-seed)")
    train.add_argument("--json", action="store_true",
                       help="print one JSON object instead of a report")


# --- the commands ------------------------------------------------------------------------


def _circuit(args: argparse.Namespace) -> tuple[str | None, Circuit]:
    """The circuit named by SCENARIO or --expr, at its start values plus --set."""
    if (args.scenario is None) == (args.expression is None):
        raise UsageError("give a SCENARIO or --expr EXPR (one of them)")
    values: dict[str, float] = {}
    for name, value in args.assignments:
        if name in values:  # as `formula @ x=1, x=2` is refused: which one was meant?
            raise UsageError(f"argument --set: {short(name)} is given twice")
        values[name] = value
    if args.scenario is not None:
        return args.scenario, build_circuit(args.scenario, None, values)
    circuit, _ = open_formula(args.expression)  # `formula @ x=5`; --set overrides
    circuit.set_inputs(values)
    try:
        circuit.forward()
    except DomainError as err:  # refused at the start point: say where it would start
        point = suggest_start(circuit)
        where = start_text({n: u.value for n, u in circuit.inputs.items()})
        hint = (f": start where it can be computed, e.g. --expr "
                f"'{split_start(args.expression).formula} @ {start_text(point)}'"
                if point is not None else "")
        raise UsageError(f"{err} at {where}{hint}") from None
    return None, circuit


def _refuse_unused(args: argparse.Namespace, unused: Sequence[controls.Control],
                   what: str) -> None:
    """Refuse, all in one line, the given flags of `unused` (settings that do not apply
    to `what`): a value typed and silently ignored looks like one that was used."""
    given: set[str] = getattr(args, "given", set())
    flags = [c.flag for c in unused if c.flag in given]
    if flags:
        raise UsageError(f"{', '.join(flags)} {'does' if len(flags) == 1 else 'do'} not "
                         f"apply to {what}")


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
    # Imported here: the app's start (no command) does not need the trace's files.
    from nn101.state import trace
    from nn101.state.files import check_writable

    name, circuit = _circuit(args)
    method = args.method or (SCENARIOS[name].methods[0].value if name else "analytic")
    _refuse_unused(args, [c for c in (*controls.METHOD_FIELDS, controls.DIFFERENCE)
                          if Method(method) not in c.methods], f"--method {method}")
    settings = Settings(Method(method), args.step_size, args.h, args.difference,
                        args.tries, args.tweak, args.seed, args.dx)
    if args.csv is not None:
        try:
            check_writable(args.csv)  # before the run: a typo must not cost the work
        except EngineError as err:
            raise UsageError(f"--csv: {err}") from None
    limits.check_run(circuit, settings, args.steps)
    run = Run(circuit, settings)
    wires = wires_data(wire_gradients(circuit, args.dx), Naming(circuit))  # at the start

    def steps(n: int) -> bool:
        run.run(n)
        return run.status == "ok"

    done = _drive("run", args.steps, steps, lambda: run.iteration)
    if args.csv is not None:
        trace.save_csv(run, args.csv)
    result = trace.to_dict(run, name)
    result.update(dx=args.dx, force=args.dx, wires=wires, wire_names=wire_names(circuit))
    if done < args.steps and run.status == "ok":
        result["status"] = "interrupted"
        result["message"] = f"stopped by ctrl+c after {run.iteration:,} of {args.steps:,} steps"
    if args.json:
        _print_json(result)
    else:
        from nn101 import cli_output

        cli_output.run_report(result)
    return _exit(result["status"])


def _exit(status: str) -> int:
    return {"diverged": EXIT_DIVERGED, "interrupted": EXIT_INTERRUPTED}.get(status, EXIT_OK)


def cmd_check(args: argparse.Namespace) -> int:
    name, circuit = _circuit(args)
    check = gradient_check(circuit, args.h, args.difference, upstream=args.dx)
    wires = wires_data(wire_gradients(circuit, args.dx), Naming(circuit))
    result = {
        "scenario": name, "expression": circuit.expression, "inputs": check.inputs,
        "h": check.h, "difference": check.difference, "analytic": check.analytic,
        "numerical": check.numerical, "relative_error": check.relative_error,
        "max_relative_error": check.max_relative_error, "tolerance": check.tolerance,
        "ok": check.ok, "dx": check.upstream, "force": check.upstream, "wires": wires,
        "wire_names": wire_names(circuit), "kinks": check.kinks,
    }
    if args.json:
        _print_json(result)
    else:
        from nn101 import cli_output

        cli_output.check_report(result)
    return EXIT_OK if check.ok else EXIT_CHECK_FAILED


def json_safe(value: Any) -> Any:
    """`value` with every non-finite float written as the string "inf", "-inf" or "nan"
    (what Python's float() reads back), so the output is valid JSON whatever overflowed."""
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def _print_json(value: Any) -> None:
    import json  # only the commands print JSON: not imported before the app starts

    sys.stdout.write(json.dumps(json_safe(value), allow_nan=False) + "\n")


class _Interrupt:
    """ctrl+c while a long command works: the first press asks it to stop after the step it
    is in (so what was done is consistent and gets printed); a second press stops at once."""

    def __init__(self) -> None:
        self.hit = False

    def __call__(self, signum: int, frame: object) -> None:
        if self.hit:
            raise KeyboardInterrupt
        self.hit = True


@contextmanager
def _catch_ctrl_c() -> Iterator[_Interrupt]:
    flag = _Interrupt()
    try:
        old = signal.signal(signal.SIGINT, flag)
    except ValueError:  # not the main thread: ctrl+c keeps its default
        yield flag
        return
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, old)


def _drive(what: str, total: int, advance: Callable[[int], bool],
           where: Callable[[], int]) -> int:
    """Call `advance(n)` in small batches until `total` is done, it answers False (the run
    diverged) or ctrl+c is pressed; a progress line on a terminal's stderr after a second.
    Returns how far it got."""
    out = sys.stderr
    show = out is not None and out.isatty()
    start = time.monotonic()
    shown_at = 0.0
    batch = 1
    with _catch_ctrl_c() as ctrl_c:
        try:
            while where() < total and not ctrl_c.hit:
                before = time.monotonic()
                if not advance(min(batch, total - where())):
                    break
                # Batches of about 20 ms: cheap to call, quick to answer ctrl+c.
                took = time.monotonic() - before
                batch = max(1, min(batch * 2, 100_000)) if took < 0.02 else max(1, batch // 2)
                now = time.monotonic()
                if show and now - start >= PROGRESS_AFTER and now - shown_at >= PROGRESS_EVERY:
                    shown_at = now
                    done = where()
                    out.write(f"\r{what}: {done:,}/{total:,} ({done / total:.0%}), "
                              f"{now - start:.0f} s; ctrl+c stops\x1b[K")
                    out.flush()
        finally:
            if show and shown_at:
                out.write("\r\x1b[K")
                out.flush()
    return where()


def cmd_app(args: argparse.Namespace) -> int:
    if args.scenario is not None and args.expr is not None:
        raise UsageError("give --scenario or --expr, not both")
    session = None
    learning: Any = None  # a Learning or a ClassLearning (--load)
    if args.load is not None:
        if args.scenario is not None or args.expr is not None:
            raise UsageError("give --load alone: the session names its own circuit")
        from nn101.state.learning import Learning, is_learning_file, says_format

        if is_learning_file(args.load):  # the learning screen's run, over the circuits
            learning = Learning.load(args.load)  # a bad file: exit 2 before the screen
        elif says_format(args.load, "nn101-classes"):  # chapter 3's run: its screen
            from nn101.state import class_files

            learning = class_files.load(args.load)  # a bad file: exit 2 before the screen
        else:
            from nn101.state.session import Session  # only for --load

            session = Session.load(args.load)  # a bad file: exit 2 before the screen changes
    if args.scenario is not None:
        get_scenario(args.scenario)
    if args.expr is not None:
        open_formula(args.expr)  # the formula and any start values after @
    from nn101.tui.app import run_app
    from nn101.tui.terminal import TerminalError

    try:
        code = run_app(scenario=args.scenario, expression=args.expr, session=session,
                       learning=learning)
    except TerminalError as err:
        raise UsageError(str(err)) from None
    if code == 1:  # Textual's code for an unhandled error; it printed the traceback
        _report_bug()
        return EXIT_BUG
    return code


def cmd_train(args: argparse.Namespace) -> int:
    from nn101.engine.learning import TrainSettings, from_points, make_dataset, train
    from nn101.state.learning import run_summary

    if args.model == "mlp":
        return _train_mlp(args)
    mlp_only = [c.flag for c in MLP_ONLY if getattr(args, c.key) is not None]
    if args.compare is not None:
        mlp_only.append("--compare")
    if mlp_only:
        raise UsageError(f"{mlp_only[0]} applies to mlp only (train mlp ...)")
    for key, default in TRAIN_DEFAULTS.items():
        if getattr(args, key) is None:
            setattr(args, key, default)
    if args.dataset not in controls.DATASET.choices:
        raise UsageError(f"--dataset {args.dataset} has three classes: train it with mlp")

    if args.data is not None:
        from nn101.state.learning import OWN
        from nn101.state.own_points import read_points

        given: set[str] = getattr(args, "given", set())
        generator = [f for f in ("--dataset", "--points", "--noise", "--data-seed")
                     if f in given]
        if generator:  # the file's points are used as they are: say so, do not ignore them
            raise UsageError(f"--data cannot go with {', '.join(generator)}: those make a "
                             "generated data set, --data trains on the file's points")

        data = from_points(read_points(args.data), OWN)  # a bad row: exit 2 naming its line
    else:
        if args.dataset == "guide":
            _refuse_unused(args, [controls.POINTS, controls.NOISE, controls.DATA_SEED],
                           "the guide's six points (add --dataset circle, xor, ... to "
                           "generate points)")
        data = make_dataset(args.dataset, args.points, args.noise, args.data_seed)
    if args.model == "svm":
        _refuse_unused(args, [controls.HIDDEN, controls.ACTIVATION], "the svm (the net has a "
                       "hidden layer)")
    settings = TrainSettings(args.step_size, args.regularization, args.seed, args.every)
    limits.check_train(args.model, args.hidden, len(data), args.iterations, args.every)
    run = train(args.model, data, 0, settings, args.hidden, args.activation)

    def iterations(n: int) -> bool:
        return all(run.step() is not None for _ in range(n))

    done = _drive("train", args.iterations, iterations, lambda: run.iteration)
    if run.history[-1].iteration != run.iteration:
        run.history.append(run.evaluate())  # the history ends where the run stopped
    config = {"model": args.model, "dataset": args.dataset, "seed": args.seed,
              "hidden": args.hidden, "activation": args.activation,
              "step_size": args.step_size, "regularization": args.regularization}
    result = run_summary(run, config, own=args.data is not None)  # as the screen exports it
    if done < args.iterations and run.status == "ok":
        result["status"] = "interrupted"
        result["message"] = (f"stopped by ctrl+c after {run.iteration:,} of "
                             f"{args.iterations:,} iterations")
    if args.json:
        _print_json(result)
    else:
        from nn101 import cli_output

        cli_output.train_report(result)
    return _exit(result["status"])


def _train_mlp(args: argparse.Namespace) -> int:
    """`train mlp`: one run, or two with --compare; the same report and JSON per run."""
    from dataclasses import replace

    from nn101.state import class_runs
    from nn101.state.class_config import ClassConfig

    keys = [k for k in class_runs.CONFIG_KEYS if k != "every"]
    given = {k: getattr(args, k) for k in keys if getattr(args, k, None) is not None}
    if args.regularization != 1.0:
        raise UsageError("--regularization is the guide's pull: for mlp use --weight-decay")
    if args.preset is not None:
        fixed = sorted(k for k in given if k in class_runs.PRESET_FIXED)
        if fixed or args.data is not None:
            flag = "--data" if args.data is not None else "--" + fixed[0].replace("_", "-")
            raise UsageError(f"--preset {args.preset} draws its data and weights from one "
                             f"stream seeded 42: drop {flag}")
        changed = {k: v for k, v in given.items() if k in class_runs.COMPARABLE}
        config = replace(class_runs.EUREKA, **changed, every=args.every or 1)
        iterations = 100 if args.iterations is None else args.iterations
    else:
        if given.get("dataset", "yinyang") not in controls.CLASS_DATASET.choices:
            raise UsageError(f"--dataset {given['dataset']} has two classes: train it with "
                             "svm or net (mlp takes yinyang, spiral3, blobs3 or --data)")
        config = ClassConfig(**{**given, "every": args.every or 25})
        iterations = 400 if args.iterations is None else args.iterations
    own = None
    if args.data is not None:
        from nn101.state.own_points import read_points

        own = read_points(args.data, classes=True)  # a bad row: exit 2 naming its line
    configs = [config]
    compare = None
    if args.compare is not None:
        compare = class_runs.parse_compare(args.compare)
        setting, first, second = compare
        configs = [class_runs.with_setting(config, setting, first),
                   class_runs.with_setting(config, setting, second)]
    data = class_runs.make_data(config, own) if config.preset is None else None
    runs = [class_runs.make_run(c, data) for c in configs]
    for run in runs:
        limits.check_class_train(len(run.model.params), len(run.split.train),
                                 len(run.split.val), run.settings.batch, iterations,
                                 run.settings.every)
    results: list[dict[str, Any]] = []
    interrupted = False
    for run in runs:
        def iterate(n: int, run: Any = run) -> bool:
            return all(run.step() for _ in range(n))

        def where(run: Any = run) -> int:
            return int(run.iteration)

        done = 0 if interrupted else _drive("train", iterations, iterate, where)
        if run.history[-1].iteration != run.iteration:
            run.history.append(run.evaluate())
        result = class_runs.class_summary(run, configs[len(results)], own is not None)
        if done < iterations and run.status == "ok":
            interrupted = True
            result["status"] = "interrupted"
            result["message"] = (f"stopped by ctrl+c after {run.iteration:,} of "
                                 f"{iterations:,} iterations")
        results.append(result)
    if compare is None:
        if args.json:
            _print_json(results[0])
        else:
            from nn101 import cli_output

            cli_output.class_report(results[0])
        return _exit(results[0]["status"])
    setting, first, second = compare
    table = class_runs.compare_table(setting, [first, second], results)
    if args.json:
        _print_json({"compare": {"setting": setting, "values": [first, second]},
                     "table": table, "runs": results})
    else:
        from nn101 import cli_output

        cli_output.compare_report(setting, table)
    return EXIT_INTERRUPTED if interrupted else EXIT_OK


def cmd_tour(args: argparse.Namespace) -> int:
    from nn101.state.lesson import Progress, tour

    opened = tour()
    if args.restart:
        Progress.load().forget(opened)
    return _open_lesson(opened)


def cmd_lesson(args: argparse.Namespace) -> int:
    from nn101.state import lesson

    opened = lesson.load(args.file)  # a bad file: LessonError, exit 2, one line
    if not args.check:
        return _open_lesson(opened)
    problems = lesson.check(opened)
    for problem in problems:
        _say(f"nn101-tui: error: {line(str(args.file))}: {line(problem)}")
    if problems:
        return EXIT_USAGE
    sys.stdout.write(f"{line(str(args.file))}: {len(opened.steps)} steps open, every goal "
                     "is reached by its solution\n")
    return EXIT_OK


def _open_lesson(opened: Any) -> int:
    from nn101.tui.app import run_app
    from nn101.tui.terminal import TerminalError

    try:
        code = run_app(lesson=opened)
    except TerminalError as err:
        raise UsageError(str(err)) from None
    if code == 1:
        _report_bug()
        return EXIT_BUG
    return code


def cmd_plain(args: argparse.Namespace) -> int:
    from nn101.plain import loop

    shell = loop.open_shell(args.plain_scenario, args.plain_expr, args.plain_load,
                            tuple(args.what))
    return loop.run(shell)


def cmd_serve(args: argparse.Namespace) -> int:
    from nn101 import web

    return web.serve(args.host, args.port, args.app_args, token=args.token,
                     max_sessions=args.max_sessions, idle_minutes=args.idle_minutes,
                     public_url=args.public_url, unix_socket=args.unix_socket, a11y=args.a11y)


COMMANDS = {"list": cmd_list, "run": cmd_run, "check": cmd_check, "train": cmd_train,
            "tour": cmd_tour, "lesson": cmd_lesson, "serve": cmd_serve, "plain": cmd_plain}


APP_COMMANDS = (cmd_app, cmd_tour, cmd_lesson)
"""The commands that may open the app (lesson only without --check)."""


def main(argv: Sequence[str] | None = None) -> int:
    # The collector is paused while the app starts (nn101/tui/tuning.py says why); the
    # headless commands get it back at once. Textual reads its frame rate on import.
    tuning.pause()
    tuning.pace()
    try:
        args = build_parser().parse_args(argv)
        command = COMMANDS.get(args.command or "", cmd_app)
        if command not in APP_COMMANDS or getattr(args, "check", False):
            tuning.resume(freeze=False)
        if command not in (cmd_app, cmd_tour, cmd_serve) and sys.stdout is None:
            raise UsageError("cannot write the output: standard output is closed")
        if command not in APP_COMMANDS:
            _buffer_stdout()
        code = command(args)
        if command is not cmd_app:
            sys.stdout.flush()  # here, so a full disk is reported, not a traceback at exit
        return code
    except (UsageError, EngineError) as err:
        _say(f"nn101-tui: error: {line(str(err))}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _say("nn101-tui: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_OK
    except OSError as err:  # writing stdout: /dev/full, a closed or failing descriptor
        _drop_stdout()
        _say(f"nn101-tui: error: cannot write the output: {line(err.strerror or str(err))}")
        return EXIT_USAGE
    except Exception:
        traceback.print_exc()
        _report_bug()
        return EXIT_BUG
    finally:
        tuning.resume(freeze=False)  # an app that ended before its start-up was done


def _report_bug() -> None:
    sys.stderr.write(REPORT.format(version=_version()) + "\n")
    sys.stderr.flush()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nn101-tui")
    except PackageNotFoundError:
        return "(not installed)"


def _say(text: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    if sys.stderr is not None:
        try:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        except OSError:
            pass


def _buffer_stdout() -> None:
    """Give stdout a buffer if it has none (PYTHONUNBUFFERED=1, python -u).

    Why: unbuffered, stdout's text layer hands each string to one write(2) and ignores a
    short count, so a file size limit (ulimit -f) or a full disk cut the JSON silently
    and the command exited 0. A buffer writes the rest, and the next write's error (EFBIG,
    ENOSPC, EPIPE) reaches `main`, which says so and exits 2.
    """
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if out is None or not isinstance(raw, io.RawIOBase):
        return
    try:
        out.flush()
        fd = io.FileIO(out.fileno(), "w", closefd=False)  # fd 1 stays sys.__stdout__'s
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(fd), encoding=out.encoding,
                                      errors=out.errors, line_buffering=bool(out.line_buffering))
    except (OSError, ValueError, AttributeError):
        return


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what could not be
    written does not print a traceback at exit."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        sys.stdout = None


if __name__ == "__main__":
    sys.exit(main())
