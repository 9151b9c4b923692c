"""Round three of the hostile corpus, through the CLI: output cut short by a file size
limit, CSV files the csv module chokes on, lessons nested past any sense, flags that echo a
huge value, repeat a name or cannot apply together.

Each case failed before its fix (exit 0 with cut JSON, a `_csv.Error` or `RecursionError`
traceback and exit 70, a 372-character error line, a silent choice between two values).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import Result, cli, command
from tests.hostile_corpus import assert_safe

PYTHON_PATH = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def one_line_error(result: Result, *words: str) -> None:
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and result.err.startswith("nn101-tui: error: "), result
    assert "Traceback" not in result.err
    assert len(result.err) < 500, len(result.err)
    assert_safe(result.err)
    for word in words:
        assert word in result.err, result.err


def _sh(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    cmd = " ".join(f"'{part}'" for part in command())
    return subprocess.run(["sh", "-c", script.replace("CMD", cmd)], capture_output=True,
                          text=True, timeout=120, env={**PYTHON_PATH, **env}, check=False)


# --- output written completely, or the exit status says not --------------------------------


@pytest.mark.parametrize("args", ["run neuron --steps 20000 --json",
                                  "train svm --iterations 20000 --every 1 --json"])
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_output_cut_by_a_file_size_limit_is_exit_2(tmp_path: Path, args: str,
                                                   unbuffered: str) -> None:
    # ulimit -f 20: the file may grow to 20 x 1024 bytes. Unbuffered (PYTHONUNBUFFERED=1),
    # stdout wrote 20,480 of ~8 MB in one write(2), ignored the short count and exited 0.
    out = tmp_path / "o.json"
    done = _sh(f"ulimit -f 20; CMD {args} > '{out}'", PYTHONUNBUFFERED=unbuffered)
    assert out.stat().st_size <= 20 * 1024
    assert done.returncode == 2, done
    assert done.stderr.count("\n") == 1 and "cannot write the output" in done.stderr, done


def test_output_within_the_limit_is_whole_and_exit_0(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    done = _sh(f"ulimit -f 20; CMD run neuron --steps 3 --json > '{out}'", PYTHONUNBUFFERED="1")
    assert done.returncode == 0, done
    assert out.read_text().count("\n") == 1 and out.read_text().endswith("}\n")


# --- flags --------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["run", "neuron", "--tries=1e300"],
                                  ["run", "neuron", "--tries=-1e300"],
                                  ["train", "svm", "--every=1e300"],
                                  ["train", "svm", "--iterations=1e300"]])
def test_a_huge_whole_number_is_echoed_cut(capsys: pytest.CaptureFixture[str],
                                           args: list[str]) -> None:
    # int(1e300) has 301 digits: a 372-character line before; now 60 digits and the length
    result = cli(capsys, *args)
    one_line_error(result, "… (30", "characters)")
    echoed = result.err.split("got ", 1)[1].split("…")[0]
    assert len(echoed.lstrip("-")) <= 60


@pytest.mark.parametrize("args", [["run", "neuron", "--set", "x=1", "--set", "x=2"],
                                  ["check", "neuron", "--set", "x=1", "--set", " x = 1"],
                                  ["run", "--expr", "x*y", "--set", "y=1", "--set", "y=-1"]])
def test_a_name_set_twice_is_refused(capsys: pytest.CaptureFixture[str],
                                     args: list[str]) -> None:
    one_line_error(cli(capsys, *args), "--set:", "is given twice")


@pytest.mark.parametrize("extra", [["--dataset", "moons", "--points", "5000"],
                                   ["--dataset=guide"], ["--noise", "0.1"],
                                   ["--data-seed", "3"]])
def test_data_with_generator_flags_is_refused(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, extra: list[str]) -> None:
    # the file's points were trained on and the generator flags ignored without a word;
    # a flag given at its default value is refused too (it was asked for)
    data = tmp_path / "p.csv"
    data.write_text("x,y,label\n1,2,1\n-1,-2,-1\n")
    result = cli(capsys, "train", "svm", "--data", str(data), *extra)
    one_line_error(result, "--data cannot go with", extra[0].split("=")[0])


def test_data_alone_still_trains(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "p.csv"
    data.write_text("x,y,label\r1,2,1\r-1,-2,-1\r")  # old Mac line endings are read too
    result = cli(capsys, "train", "svm", "--data", str(data), "--iterations", "5", "--json")
    assert result.code == 0, result
    assert result.json()["points"] == 2 and result.json()["dataset"] == "own"


@pytest.mark.parametrize(("content", "words"), [
    ("x,y,label\n1,2\r,1\n", ["line 2", "3 values"]),
    ("x,y,label\n1," + "2" * 140_000 + ",1\n", ["line 2", "field limit"]),
    ("x,y,label\n0,0,1\n1e7,1e7,-1\n", ["line 3", "±1,000,000"]),
    ("x,y,label\n0,0,1\n-1e308,1e308,-1\n", ["line 3", "±1,000,000"]),
])
def test_bad_csv_is_one_line_naming_it(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       content: str, words: list[str]) -> None:
    data = tmp_path / "p.csv"
    data.write_text(content)
    one_line_error(cli(capsys, "train", "svm", "--data", str(data)), *words)


@pytest.mark.parametrize(("args", "said"), [
    (["run", "neuron", "--tries", "5", "--tweak", "0.1"],
     "--tries, --tweak do not apply to --method analytic"),
    (["run", "neuron", "--method", "random", "--step-size", "0.5", "--h", "0.1"],
     "--step-size, --h do not apply to --method random"),
    (["run", "neuron", "--method", "analytic", "--difference", "centered"],
     "--difference does not apply to --method analytic"),
    (["train", "svm", "--hidden", "4", "--activation", "tanh"],
     "--hidden, --activation do not apply to the svm"),
    (["train", "svm", "--points", "5000"], "--points does not apply to the guide's six points"),
    (["train", "net", "--dataset", "guide", "--noise", "0.3", "--data-seed", "2"],
     "--noise, --data-seed do not apply to the guide's six points"),
])
def test_flags_that_do_not_apply_are_refused_together(capsys: pytest.CaptureFixture[str],
                                                      args: list[str], said: str) -> None:
    # each was ignored without a word: the run looked as if it had used them
    one_line_error(cli(capsys, *args), said)


@pytest.mark.parametrize("args", [
    ["run", "neuron", "--method", "random", "--tries", "5", "--tweak", "0.1", "--seed", "1"],
    ["run", "neuron", "--method", "numerical", "--h", "1e-3", "--difference", "centered",
     "--step-size", "0.1"],
    ["check", "neuron", "--h", "1e-3", "--difference", "centered"],
    ["train", "net", "--hidden", "4", "--activation", "tanh", "--iterations", "3"],
    ["train", "svm", "--dataset", "moons", "--points", "50", "--noise", "0.2",
     "--data-seed", "3", "--iterations", "3"],
])
def test_flags_that_apply_still_work(capsys: pytest.CaptureFixture[str],
                                     args: list[str]) -> None:
    result = cli(capsys, *args, "--json")
    assert result.code in (0, 1), result  # check: 1 if a gradient disagrees
    result.json()


def test_data_goes_with_the_nets_own_flags(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    data = tmp_path / "p.csv"
    data.write_text("x,y,label\n1,2,1\n-1,-2,-1\n")
    result = cli(capsys, "train", "net", "--data", str(data), "--hidden", "4", "--activation",
                 "tanh", "--iterations", "3", "--json")
    assert result.code == 0, result
    assert result.json()["hidden"] == 4 and result.json()["activation"] == "tanh"
