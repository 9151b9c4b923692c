"""What a learning screen says in its own words, and the keys both screens share.

Both learning screens (learning.py, classes.py) step, play, rewind, move the map's cursor,
add and remove points, save, load, export and show the model's circuit with the same keys,
in the same place in the footer and the help, and ask for files with the same dialogs
(training_screen.py). What differs is words: a screen's `RunWords` holds them, and
`run_bindings` makes the key list once, from those words and the keys only that screen
has, put where they belong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from nn101.tui.screens.base import PLAY_BINDINGS

_CURSOR_KEYS = (("up", 0, -1, " (where a point goes; a click moves it too)"),
                ("down", 0, 1, ""), ("left", -1, 0, ""), ("right", 1, 0, ""))


@dataclass(frozen=True)
class RunWords:
    """A learning screen's own words in the shared keys' tips and dialogs."""

    step: str
    """space: one step (and from a rewound iteration)."""
    one: str
    """n: one step."""
    back: str
    """comma: one iteration back."""
    labels_tip: str
    """Opens the note of l's points file ('' or e.g. 'labels 0 to 7; ')."""
    labels: str
    """A point's labels, as the points dialog names them."""
    saved_tip: str
    """What ctrl+s saves, as its tip says it."""
    saved: str
    """What a saved run holds, as the save dialog says it."""
    train: str
    """The CLI command whose --json x writes."""
    cursor: str
    """The keys that add a point, as the cursor's line says them."""
    add: str
    """The keys that add a point, as the line that first shows the cursor says them."""
    circuit: str
    """c: the model's circuit."""
    walk: str
    """b: its backward walk."""
    neuron: str
    """k: the next neuron drawn."""


def run_bindings(words: RunWords, setting: BindingType, picks: Sequence[BindingType],
                 adds: Sequence[BindingType], more: Sequence[BindingType] = ()
                 ) -> list[BindingType]:
    """Every key of a learning screen: `setting` is the screen's key for its main setting
    (after r), `picks` its keys after the rewind keys, `adds` the keys that add a point
    (after the arrows), `more` its keys after k."""
    return [
        Binding("space", "step", "Step", tooltip=words.step),
        Binding("n", "step", "Step", show=False, tooltip=words.one),
        *PLAY_BINDINGS,
        Binding("r", "reset", "Reset",
                tooltip="back to iteration 0; fields show the settings in force"),
        setting,
        Binding("d", "next_dataset", "Data", tooltip="the next data set"),
        Binding("comma", "rewind(1)", "Rewind", tooltip=words.back),
        Binding("full_stop", "rewind(-1)", "Fwd", tooltip="one kept iteration forward"),
        *(Binding(key, f"rewind({count})", name, show=False, tooltip=tip)
          for key, count, name, tip in (
              ("less_than_sign", 25, "Back 25", "25 iterations back"),
              ("greater_than_sign", -25, "Forward 25", "25 kept iterations forward"))),
        *picks,
        *(Binding(key, f"cursor({dcol}, {drow})", f"Cursor {key}", show=False,
                  tooltip=f"move the map's cursor {key}{after}")
          for key, dcol, drow, after in _CURSOR_KEYS),
        *adds,
        Binding("delete,backspace", "remove_point", "Remove point", show=False,
                tooltip="remove the point nearest the cursor"),
        Binding("l", "load_points", "Load points", show=False, tooltip=f"train on an "
                f"x,y,label CSV file ({words.labels_tip}a bad row is refused, naming its line)"),
        Binding("ctrl+s", "save", "Save", show=False, priority=True,
                tooltip=f"save this run: {words.saved_tip}"),
        Binding("ctrl+o", "load", "Load", show=False, priority=True,
                tooltip="load a run saved with ctrl+s"),
        Binding("x", "export", "Export", show=False, tooltip=f"export the run as "
                f"{words.train} --json reports it (NAME.json) and its points (NAME.csv)"),
        Binding("y", "copy_command", "Copy run", show=False,
                tooltip="copy the 'same run' command to the clipboard"),
        Binding("c", "toggle_circuit", "Circuit", tooltip=words.circuit),
        Binding("b", "walk", "Walk", show=False, tooltip=words.walk),
        Binding("k", "pick_neuron(1)", "Next neuron", show=False, tooltip=words.neuron),
        *more,
        Binding("escape", "back", "Back", tooltip="leave a field; else back to the circuits"),
    ]
