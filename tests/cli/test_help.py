"""`--help` of the app and of every command describes every option and the exit codes
(`run --help` described none)."""

from __future__ import annotations

import argparse

import pytest

from nn101.cli import build_parser
from tests.cli.helpers import cli


def parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    found = {"": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def test_every_command_is_covered() -> None:
    assert set(parsers()) == {"", "list", "run", "check", "train", "tour", "lesson", "serve",
                              "plain"}


@pytest.mark.parametrize("command", sorted(parsers()))
def test_every_option_has_a_description(command: str) -> None:
    parser = parsers()[command]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        assert action.help, f"{command or 'nn101-tui'} {action.option_strings or action.dest}"


@pytest.mark.parametrize("command", sorted(parsers()))
def test_help_names_the_exit_codes(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        cli(capsys, *([command] if command else []), "--help")
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the epilog
    assert "exit codes: 0 ok" in out and "70 an unexpected error" in out
