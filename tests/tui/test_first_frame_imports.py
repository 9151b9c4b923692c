"""The app's first frame imports only what it draws (issue 14: start to first frame).

What the first frame needs is imported before it: the CLI, the app, the circuit screen
with its skeleton panes and the first playground. The panes mounted just after it
(`CircuitScreen._later_panes`), the quiz, the file dialogs, sessions, traces, the learning
screen and the training code are imported where they are first used. A module-level
import of any of them puts its cost back before the first frame: these tests catch that.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

LATE = (
    "nn101.tui.widgets.gates_table",
    "nn101.tui.widgets.inputs_pane",
    "nn101.tui.widgets.scenario_picker",
    "nn101.tui.widgets.methods_compared",
    "nn101.tui.widgets.progress_pane",
    "nn101.tui.widgets.check_pane",
    "nn101.tui.widgets.quiz_pane",
    "nn101.tui.widgets.equations_pane",
    "nn101.tui.screens.path_prompt",
    "nn101.tui.screens.help",
    "nn101.tui.screens.learning",
    "nn101.tui.lesson",
    "nn101.state.quiz",
    "nn101.state.session",
    "nn101.state.trace",
    "nn101.state.files",
    "nn101.state.learning",
    "nn101.state.lesson",
    "nn101.engine.learning.training",
    "nn101.engine.learning.classify",
    "nn101.state.class_runs",
    "nn101.cli_output",
    "textual.widgets._data_table",
    "plotext",
    "json",
    "csv",
)
"""Modules the first frame does without (json and csv: only files and commands use them)."""

FIRST_FRAME = (
    "nn101.tui.app",
    "nn101.tui.screens.circuit",
    "nn101.tui.widgets.circuit_drawing",
    "nn101.tui.widgets.status_line",
    "nn101.state.playground",
)


def _modules_after(code: str) -> set[str]:
    """sys.modules of a fresh interpreter after `code` (this test process has imported
    everything already)."""
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nloaded = sorted(sys.modules)\n"
         "import json\nprint(json.dumps(loaded))"],
        capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_the_app_and_its_first_screen_are_built_without_the_late_modules() -> None:
    # What `nn101-tui` does before the first frame, short of the terminal: parse the
    # arguments, import the app, build it (the circuit screen and its first playground).
    modules = _modules_after(
        "from nn101 import cli\n"
        "args = cli.build_parser().parse_args([])\n"
        "from nn101.tui.app import PlaygroundApp\n"
        "app = PlaygroundApp(scenario=args.scenario, expression=args.expr)\n"
        "assert app.circuit.pg.circuit.gates")
    assert set(FIRST_FRAME) <= modules  # the test looks at the right process
    assert sorted(modules.intersection(LATE)) == []


@pytest.mark.parametrize(("code", "loaded"), [
    ("from nn101.tui.app import PlaygroundApp\n"
     "PlaygroundApp().circuit._later_panes()", "nn101.tui.widgets.gates_table"),
    ("from nn101.state.playground import Playground\n"
     "Playground(scenario='neuron').start_quiz()", "nn101.state.quiz"),
    ("from nn101.state.playground import Playground\n"
     "Playground(scenario='neuron').to_session()", "nn101.state.session"),
    ("from nn101.engine.learning import train", "nn101.engine.learning.training"),
])
def test_a_late_module_is_imported_where_it_is_first_used(code: str, loaded: str) -> None:
    assert loaded in _modules_after(code)
