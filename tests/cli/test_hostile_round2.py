"""Round two of the hostile corpus, through the CLI: escapes and markup in every output
format, JSON that stays valid whatever overflows, output that cannot be written, files
that are not files, bounded work, and refusals that echo a bounded value.

Each case failed before the fix (a raw escape on stdout, a MarkupError or a ValueError
traceback, /dev/full reported as success, a FIFO that hung, 1.5 GB to refuse a file).
"""

from __future__ import annotations

import json
import math
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from nn101.state import limits
from tests.cli.helpers import Result, cli, command
from tests.hostile_corpus import ASCII_ESCAPES, ESCAPES, MARKUP, assert_safe

PYTHON_PATH = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def strict_json(text: str) -> object:
    """json.loads that refuses NaN and Infinity (which are not JSON)."""
    def refuse(name: str) -> object:
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


def one_line_error(result: Result) -> None:
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and result.err.startswith("nn101-tui: error: "), result
    assert "Traceback" not in result.err
    assert len(result.err) < 700, len(result.err)
    assert_safe(result.err)


# --- escapes and markup in every output format ----------------------------------------


@pytest.mark.parametrize("escape", ASCII_ESCAPES.values(), ids=list(ASCII_ESCAPES))
@pytest.mark.parametrize("verb", ["check", "run"])
@pytest.mark.parametrize("as_json", [False, True])
def test_an_escape_in_a_formula_comment_never_reaches_stdout(
    capsys: pytest.CaptureFixture[str], escape: str, verb: str, as_json: bool
) -> None:
    result = cli(capsys, verb, "--expr", f"x*y # {escape}", *(["--json"] if as_json else []))
    if result.code == 2:  # a NUL or a CR is refused by the parser: then the error is safe
        one_line_error(result)
        return
    assert result.code == 0, result
    assert_safe(result.out)
    assert_safe(result.err)
    if as_json:
        assert strict_json(result.out)["expression"].startswith("x*y #")  # JSON escapes it


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=list(ESCAPES))
@pytest.mark.parametrize("argv", [
    ["run", "{}"], ["run", "neuron", "--set", "{}=1"], ["run", "neuron", "--set", "x={}"],
    ["run", "neuron", "--csv", "/nonexistent-{}/t.csv"], ["--load", "/nonexistent/{}"],
    ["train", "svm", "--dataset", "{}"], ["run", "--expr", "{}"], ["run", "neuron", "--{}"],
    ["check", "neuron", "--h", "{}"], ["train", "svm", "--iterations", "{}"],
], ids=lambda argv: " ".join(argv))
def test_an_escape_in_an_argument_is_echoed_visibly(
    capsys: pytest.CaptureFixture[str], escape: str, argv: list[str]
) -> None:
    result = cli(capsys, *(a.replace("{}", escape) for a in argv))
    one_line_error(result)
    assert result.out == ""


@pytest.mark.parametrize("markup", MARKUP)
@pytest.mark.parametrize("verb", ["check", "run"])
def test_markup_in_a_formula_is_printed_as_typed(
    capsys: pytest.CaptureFixture[str], markup: str, verb: str
) -> None:
    result = cli(capsys, verb, "--expr", f"x#{markup}")  # run: MarkupError before
    assert result.code == 0, result
    assert f"x#{markup}" in result.out.replace("\n", "")


# --- JSON is valid whatever overflows ----------------------------------------------------


def test_train_with_a_huge_regularization_prints_valid_json(
    capsys: pytest.CaptureFixture[str]
) -> None:
    result = cli(capsys, "train", "svm", "--regularization", "1e308", "--json")
    assert result.code == 3  # diverged at iteration 1; ValueError traceback before
    data = strict_json(result.out)
    assert data["history"][0]["loss"] == "inf" and data["final"]["loss"] == "inf"
    assert float(data["final"]["loss"]) == math.inf


@pytest.mark.parametrize(("verb", "code"), [("run", 3), ("check", 1)])
def test_an_overflowing_formula_prints_valid_json(
    capsys: pytest.CaptureFixture[str], verb: str, code: int
) -> None:
    result = cli(capsys, verb, "--expr", "max(-x,x)*1.5e308", "--set", "x=0", "--json")
    assert result.code == code, result
    strict_json(result.out)


def test_the_tables_show_overflowed_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "train", "svm", "--regularization", "1e308")
    assert result.code == 3 and "loss inf" in result.out


# --- output that cannot be written -------------------------------------------------------


def _sh(script: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    cmd = " ".join(f"'{part}'" for part in command())
    return subprocess.run(["sh", "-c", script.replace("CMD", cmd)], capture_output=True,
                          text=True, timeout=timeout, env=PYTHON_PATH, check=False)


@pytest.mark.parametrize("redirect", ["> /dev/full", ">&-"])
@pytest.mark.parametrize("args", ["list --json", "list", "run neuron --json", "check neuron"])
def test_output_that_cannot_be_written_is_one_line_and_exit_2(redirect: str,
                                                              args: str) -> None:
    done = _sh(f"CMD {args} {redirect}")
    assert done.returncode == 2, done
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert "cannot write the output" in done.stderr


def test_a_closed_pipe_is_not_a_traceback() -> None:
    done = _sh("CMD run neuron --steps 20000 --json | head -c 10 > /dev/null")
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr, done.stderr


# --- files that are not files ------------------------------------------------------------


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return path


def _socket(tmp_path: Path) -> Path:
    path = tmp_path / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()
    return path


@pytest.mark.parametrize(("make", "kind"), [
    (_fifo, "FIFO"), (_socket, "socket"), (lambda p: p, "folder"),
])
def test_csv_refuses_what_is_not_a_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, kind: str
) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    before = os.stat(target).st_mode
    result = cli(capsys, "run", "neuron", "--csv", str(target))
    one_line_error(result)
    assert kind in result.err
    assert os.stat(target).st_mode == before  # still what it was, not a regular file


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_csv_refuses_a_device(capsys: pytest.CaptureFixture[str], device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    result = cli(capsys, "run", "neuron", "--csv", device)
    one_line_error(result)  # /dev/full: "success" before, and as root replaced the device
    assert "a device" in result.err
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_csv_through_a_link_writes_the_file_and_keeps_the_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert cli(capsys, "run", "neuron", "--csv", str(link)).code == 0
    assert link.is_symlink() and real.read_text().startswith("iteration,")


@pytest.mark.parametrize(("make", "kind"), [
    (_fifo, "FIFO"), (_socket, "socket"), (lambda p: p, "folder"),
    (lambda p: Path("/dev/zero"), "device"),
])
def test_load_refuses_what_is_not_a_regular_file_without_blocking(
    tmp_path: Path, make: object, kind: str
) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    # A FIFO with no writer hung forever here before (the open blocks): a subprocess, so a
    # regression fails on the timeout instead of hanging the test run.
    done = subprocess.run([*command(), "--load", str(target)], capture_output=True,
                          text=True, timeout=30, env=PYTHON_PATH, check=False)
    assert done.returncode == 2 and kind in done.stderr, done


def test_a_60_mb_file_of_tiny_objects_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "tiny.json"
    with path.open("w") as handle:
        handle.write("[" + ",".join(["{}"] * 20_000_000) + "]")
    assert path.stat().st_size == 60_000_001
    # 1.5 GB before: under a 400 MB address-space cap it could only die of MemoryError.
    script = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, "
              "(400 * 2**20, 400 * 2**20)); from nn101.cli import main; "
              f"sys.exit(main(['--load', {str(path)!r}]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env=PYTHON_PATH, check=False)
    assert done.returncode == 2, done.stderr[-500:]
    assert "objects" in done.stderr and "over the limit" in done.stderr


# --- bounded work --------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "limit"), [
    (["run", "neuron", "--steps", "1000000"], "limit of 2,000,000 (memory)"),
    (["run", "--expr", "+".join(f"x{i}" for i in range(380)), "--steps", "1000000"],
     "(memory)"),
    (["run", "neuron", "--method", "random", "--tries", "1000000", "--steps", "100"],
     "(time)"),
    (["train", "net", "--hidden", "64", "--iterations", "1000000"], "limit of 6,000,000"),
    (["train", "svm", "--dataset", "moons", "--points", "10000", "--every", "1",
      "--iterations", "1000000"], "limit of 100,000 (memory)"),
    (["train", "svm", "--dataset", "moons", "--points", "10000", "--every", "10",
      "--iterations", "1000000"], "limit of 100,000,000 (time)"),
    (["run", "neuron", "--steps", "1000001"], "between 0 and 1000000"),
], ids=lambda v: " ".join(v)[:60] if isinstance(v, list) else v)
def test_work_past_the_budget_is_refused_at_once_naming_the_limit(
    capsys: pytest.CaptureFixture[str], argv: list[str], limit: str
) -> None:
    result = cli(capsys, *argv)
    one_line_error(result)
    assert limit in result.err


def test_the_limits_are_products_that_fit_the_defaults() -> None:
    from nn101.engine import parse
    from nn101.engine.methods import Method, Settings

    circuit = parse("x*y")
    limits.check_run(circuit, Settings(), limits.MAX_RUN_VALUES // 6)  # exactly at the limit
    with pytest.raises(Exception, match="memory"):
        limits.check_run(circuit, Settings(), limits.MAX_RUN_VALUES // 6 + 1)
    with pytest.raises(Exception, match="time"):
        limits.check_run(circuit, Settings(Method.RANDOM, tries=1_000_000), 30)
    limits.check_train("net", 10, 6, 3000, 1)  # the README's settings that learn
    limits.check_train("svm", 3, 100, 400, 25)


def test_a_ctrl_c_stops_a_long_run_and_prints_what_was_done() -> None:
    import signal
    import time

    proc = subprocess.Popen(
        [*command(), "run", "neuron", "--method", "random", "--tries", "100000", "--steps",
         "80", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=PYTHON_PATH)
    time.sleep(4)  # past start-up (imports), well inside the ~10 s run
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out[-300:], err)
    data = strict_json(out)
    assert data["status"] == "interrupted" and 0 < len(data["steps"]) < 80
    assert "stopped by ctrl+c after" in data["message"]
    assert "Traceback" not in err


# --- legal names, bounded messages -------------------------------------------------------


@pytest.mark.parametrize("name", ["a" * 250 + ".csv", "é" * 125 + ".csv", "b" * 255])
def test_a_legal_long_name_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       name: str) -> None:
    assert len(os.fsencode(name)) >= 254
    assert cli(capsys, "run", "neuron", "--csv", str(tmp_path / name)).code == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize("argv", [
    ["run", "neuron", "--set", "x={}"], ["run", "neuron", "--set", "{}=1"], ["run", "{}"],
    ["train", "{}"], ["run", "neuron", "--steps", "{}"], ["run", "neuron", "--h", "{}"],
    ["run", "neuron", "--csv", "/nonexistent/{}"], ["check", "--expr", "x#{}"],
    ["run", "neuron", "--tries", "{}"], ["--scenario", "{}"], ["run", "neuron", "{}"],
], ids=lambda argv: " ".join(argv))
def test_a_megabyte_argument_gives_a_short_error(capsys: pytest.CaptureFixture[str],
                                                 argv: list[str]) -> None:
    big = "9" * 1_000_000 if "--" in " ".join(argv) else "q" * 1_000_000
    result = cli(capsys, *(a.replace("{}", big) for a in argv))
    if result.code == 0:  # a long comment in a formula is no error
        return
    one_line_error(result)
