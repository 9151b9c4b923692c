"""`nn101-tui --version` and `python -m nn101`: the conventional ways in (the installed
wheel is checked the same way by tests/test_install.py)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest

import nn101
from nn101.cli import main
from tests.cli.helpers import command


def test_version_prints_the_package_version_and_exits_0(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["--version"])
    assert ended.value.code == 0
    assert capsys.readouterr().out == f"nn101-tui {nn101.__version__}\n"
    assert version("nn101-tui") == nn101.__version__  # pyproject reads it from nn101


def test_python_m_nn101_is_the_same_command() -> None:
    def out(argv: list[str]) -> str:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=True)
        return done.stdout

    as_module = out([sys.executable, "-m", "nn101", "list", "--json"])
    assert as_module == out([*command(), "list", "--json"])
    assert out([sys.executable, "-m", "nn101", "--version"]) == \
        f"nn101-tui {nn101.__version__}\n"
