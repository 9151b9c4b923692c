"""An unexpected error in any command is a bug: traceback on stderr, one line saying where
to report it, exit 70 (never 0, never a user's exit 2). The app's own crash path
(Textual prints the traceback, exits with 1) is tested on a real terminal in
tests/tui/test_terminal.py."""

from __future__ import annotations

import argparse

import pytest

from nn101 import cli as cli_module
from tests.cli.helpers import cli


def test_a_bug_in_a_command_exits_70_with_a_report_line(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(args: argparse.Namespace) -> int:
        raise ZeroDivisionError("planted by the test")

    monkeypatch.setitem(cli_module.COMMANDS, "list", boom)
    result = cli(capsys, "list")
    assert result.code == cli_module.EXIT_BUG == 70
    assert result.out == ""
    assert "Traceback" in result.err and "ZeroDivisionError: planted by the test" in result.err
    last = result.err.splitlines()[-1]
    assert last.startswith("nn101-tui: this is a bug") and "report" in last


def test_the_app_crashing_is_reported_the_same_way(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from nn101.tui import app as app_module

    monkeypatch.setattr(app_module, "run_app", lambda **_: 1)  # Textual's code for a crash
    result = cli(capsys)
    assert result.code == 70
    assert result.err.startswith("nn101-tui: this is a bug") and result.err.count("\n") == 1
