"""Run the CLI in-process (its real `main`, stdout and stderr captured) or as the installed
command in a subprocess, the way a user or another tool calls it."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nn101.cli import main

SCRIPT = Path(sys.executable).with_name("nn101-tui")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        """The one JSON value on stdout: exactly one line, nothing else."""
        assert self.out.endswith("\n") and self.out.count("\n") == 1, self.out
        return json.loads(self.out)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def command() -> list[str]:
    """The installed console script, or the module if this environment has no script."""
    if SCRIPT.exists():
        return [str(SCRIPT)]
    return [sys.executable, "-m", "nn101.cli"]


def shell(*argv: str) -> Result:
    done = subprocess.run(
        [*command(), *argv], capture_output=True, text=True, timeout=120, check=False
    )
    return Result(done.returncode, done.stdout, done.stderr)
