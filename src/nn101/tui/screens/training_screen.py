"""What the two learning screens share: a run trained on 2-D points, on the screen base.

The learning screen (learning.py, the guide's chapter 2) and the 3-class screen
(classes.py, chapter 3) train different models, but the learner drives both the same
way: step, play, rewind, reset; move a cursor on the map and add or remove points; save,
load and export the run, load points, copy the "same run" line; show the model's circuit
and walk it; type a setting. That is this base, over one `Run` (the model's state: a
`Learning` or a `ClassLearning`), so a key does the same on both screens and a fix reaches
both. A screen says what differs: its panes and titles, the keys only it has, the words
that name its labels and its CLI command, how its run is saved and loaded, and how a
point's refusal is shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import ClassVar, Generic, Protocol, TypeVar

from rich.text import Text
from textual import on
from textual.widgets import Input

from nn101.state.controls import Control
from nn101.state.teaching import Teaching
from nn101.state.text import line
from nn101.tui.messages import FieldEdited
from nn101.tui.screens.base import ModelScreen
from nn101.tui.screens.path_prompt import PathPrompt, user_path
from nn101.tui.screens.training_words import RunWords
from nn101.tui.widgets.learn_circuit import CircuitView, LearnCircuit
from nn101.tui.widgets.point_map import PointMap
from nn101.tui.widgets.settings_pane import SettingsPane
from nn101.tui.widgets.text_lines import TextLines


class _Trained(Protocol):
    @property
    def status(self) -> str: ...


class Run(Protocol):
    """What a learning screen asks of its run (state/learning.py, state/class_learning.py)."""

    note: str
    errors: dict[str, str]
    step_teaching: Teaching

    @property
    def training(self) -> _Trained: ...

    def command(self) -> str: ...

    def step(self) -> object: ...

    def settle(self) -> None: ...

    def advance(self, count: int, deadline: float) -> int: ...

    def back(self, count: int = 1) -> bool: ...

    def rewind_note(self) -> str: ...

    def reset(self) -> None: ...

    def edit(self, control: Control, text: str) -> bool: ...

    def add_point(self, x: float, y: float, label: int) -> bool: ...

    def remove_point(self, index: int) -> bool: ...

    def nearest_point(self, x: float, y: float, within: float) -> int | None: ...

    def load_data(self, path: str | os.PathLike[str]) -> str: ...

    def export(self, path: str | os.PathLike[str]) -> str: ...


R = TypeVar("R", bound=Run)


def wrap_groups(command: str, width: int) -> list[str]:
    """`command` in lines of at most `width` (where it can), broken only before a flag."""
    lines: list[str] = []
    for group in re.split(r" (?=--)", command):
        if lines and len(lines[-1]) + 1 + len(group) <= width:
            lines[-1] += " " + group
        else:
            lines.append(group)
    return lines


class TrainingScreen(ModelScreen, Generic[R]):
    """A run trained on 2-D points (see the module's docstring)."""

    WIDTH_CLASSES = ((0, "-narrow"), (110, "-wide"), (140, "-roomy"))
    UNIT = "iteration"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    AUTO_FOCUS = ""
    """No field takes the keys at first: space steps, p plays."""

    HELP_FIELDS: ClassVar[tuple[Control, ...]] = ()
    """The run's settings: the fields the form draws and the help describes."""
    TITLES: ClassVar[dict[str, str]] = {}
    """Each pane's border title, by selector."""
    LOCKABLE: ClassVar[dict[str, Control]] = {}
    """Keys that change a setting, by action: off while a lesson locks that setting."""
    COMMAND_ID: ClassVar[str] = ""
    """The id of the "same run" line."""
    FILE: ClassVar[str] = "run.json"
    """The file the save and load dialogs offer first."""
    WORDS: ClassVar[RunWords]
    """The screen's own words in the shared keys' tips and dialogs."""

    def __init__(self, learning: R, cursor_blink: bool) -> None:
        super().__init__()
        self.learning = learning
        self.cursor_blink = cursor_blink
        self.file = self.FILE
        self._ready = False

    # --- what a screen provides ---------------------------------------------------------

    def register_panes(self) -> None:
        """Every pane and how the run is shown in it (tui/panes.py)."""

    def _subtitle(self) -> str:
        """Names the model and the data in the header."""
        return ""

    def _after_change(self) -> None:
        """The run changed (settings, points, a load): the header and every pane."""
        self.sub_title = self._subtitle()
        self.refresh_panes()

    def data_bounds(self) -> tuple[float, float, float, float]:
        """The training points' bounds (a point within a tenth of their width is near)."""
        raise NotImplementedError

    def save_run(self, path: str | os.PathLike[str]) -> str:
        """Save the run; the sentence for the user (FileError: why not)."""
        raise NotImplementedError

    def load_run(self, path: str | os.PathLike[str], name: str) -> tuple[R, str]:
        """A run loaded from `path` (typed as `name`) and the sentence for the user."""
        raise NotImplementedError

    def point_refused(self) -> None:
        """The run refused a point (its reason is in `errors["data"]`)."""
        self._after_change()

    # --- the base's hooks ---------------------------------------------------------------

    @property
    def teaching(self) -> Teaching:
        return self.learning.step_teaching

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        locked = self.LOCKABLE.get(action)
        return locked is None or locked not in self.teaching.locked

    def on_mount(self) -> None:
        for selector, title in self.TITLES.items():
            self.query_one(selector).border_title = title
        self.sub_title = self._subtitle()
        self.register_panes()
        self._ready = True
        self.refresh_panes()

    def command(self) -> str:
        """The CLI command that gives the run on screen."""
        return self.learning.command()

    def advance(self, count: int, deadline: float) -> int:
        return self.learning.advance(count, deadline)

    def play_refused(self) -> str:
        if self.learning.training.status == "diverged":
            return "the run diverged: reset (r) or change the settings"
        return ""

    def say(self, note: str, error: bool = False) -> None:
        self.learning.note = note
        if error:
            self.learning.errors["note"] = line(note)
        else:
            self.learning.errors.pop("note", None)
        self.refresh_panes()

    def refresh_panes(self, *, later: bool = False) -> None:
        """Show the run in every pane; `later`: the costly ones (map, curves) after the
        frame, so the frame that answers a key holds only the cheap panes (any number of
        such requests before that frame are one redraw)."""
        if self._ready:
            self.panes.show_all(self.teaching, defer=later)

    def show_frame(self) -> None:
        """A playing frame: the costly panes on their cadence (the player counts)."""
        self.learning.settle()
        if not self._ready:
            return
        if not self.playing:  # it stopped by itself (diverged): everything, at once
            self.refresh_panes()
            return
        self.panes.show_all(self.teaching, frame=self.player.frames)

    def stop(self) -> None:
        """Stop playing; the run's history ends where the training stopped."""
        if self.player.pause():
            self.learning.settle()

    @property
    def asks(self) -> bool:
        """Whether the gradients are asked (a lesson step's question)."""
        return self.teaching.asks("gradients")

    def _show_command(self) -> None:
        """The same-run line, wrapped between flags (a flag and its value stay together,
        never cut); the pane is re-laid out only when its number of lines changes."""
        box = self.query_one(f"#{self.COMMAND_ID}", TextLines)
        # Before its first layout the box has no size: the screen's width less its padding.
        width = box.content_size.width or (self.size.width or 82) - 2
        # One column spare: a line exactly as wide as the box was wrapped again by Textual.
        lines = wrap_groups("same run: " + self.command(), width - 1)
        text = Text("same run: ", style="dim")
        text.append("\n".join(lines)[len("same run: "):])  # outside text: never markup
        box.update(text)

    # --- the model's circuit ------------------------------------------------------------

    @property
    def circuit_shown(self) -> bool:
        return self.has_class("-circuit")

    def show_view(self, view: CircuitView | None) -> LearnCircuit:
        """Draw the model's circuit in its pane, fitted to the pane's size."""
        pane = self.query_one(LearnCircuit)
        width = (pane.content_size.width or self.size.width - 4) - 1
        height = max(8, (pane.content_size.height or self.size.height - 8) - 8)
        pane.show(view, width, height, hide_gradients=self.asks)
        return pane

    def action_toggle_circuit(self) -> None:
        self.set_class(not self.circuit_shown, "-circuit")
        self.refresh_panes()
        self.call_after_refresh(self.refresh_panes)  # sized now: fit the drawing to it

    # --- keys ---------------------------------------------------------------------------

    def action_step(self) -> None:
        self.stop()
        self.learning.note = ""
        if not self.learning.step():
            self.app.bell()
        self.learning.settle()
        self.refresh_panes(later=True)

    def action_reset(self) -> None:
        """The run back to iteration 0 and every field back to the settings in force."""
        self.stop()
        self.learning.reset()
        self.query_one(SettingsPane).put_back()
        self._after_change()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)
            return
        self.stop()
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()

    def action_rewind(self, count: int) -> None:
        self.stop()
        if not self.learning.back(count):
            self.app.bell()
            self.say(self.learning.rewind_note())
            return
        self.refresh_panes(later=True)

    # --- your own points ----------------------------------------------------------------

    def action_cursor(self, dcol: int, drow: int) -> None:
        self.query_one(PointMap).move_cursor(dcol, drow)
        self._say_cursor()

    def _say_cursor(self) -> None:
        at = self.query_one(PointMap).cursor_point()
        if at is not None:
            self.say(f"cursor at ({at[0]:.2f}, {at[1]:.2f}): {self.WORDS.cursor}, delete "
                     "removes the nearest")

    @on(PointMap.Clicked)
    def _clicked(self) -> None:
        self._say_cursor()

    def action_add_point(self, label: int) -> None:
        point_map = self.query_one(PointMap)
        at = point_map.cursor_point()
        if at is None:
            point_map.move_cursor(0, 0)
            self.say(f"the cursor is on the map now: arrows move it, {self.WORDS.add}")
            return
        self.stop()
        if not self.learning.add_point(at[0], at[1], label):
            self.point_refused()
            return
        self._after_change()

    def action_remove_point(self) -> None:
        at = self.query_one(PointMap).cursor_point()
        if at is None:
            self.say("move the cursor to a point first (arrows or a click)")
            return
        x0, x1, _, _ = self.data_bounds()
        index = self.learning.nearest_point(at[0], at[1], (x1 - x0) / 10)
        if index is None:
            self.app.bell()
            self.say("no point near the cursor")
            return
        self.stop()
        self.learning.remove_point(index)
        self._after_change()

    # --- files --------------------------------------------------------------------------

    def _ask(self, title: str, hint: str, default: str, attempt: Callable[[str], str],
             done: Callable[[str | None], None] | None = None) -> None:
        """A dialog for a path (or a value): `attempt` answers the sentence for the user or
        raises FileError, which the dialog shows while it stays open; `done` (default: say
        the sentence) once it is gone."""
        self.stop()
        self.refresh_panes()
        self.app.push_screen(PathPrompt(title, hint, default, attempt,
                                        cursor_blink=self.cursor_blink),
                             callback=done or self._file_done)

    def _file_done(self, done: str | None) -> None:
        if done:
            self.notify(done, title="nn101", markup=False)  # it names a typed path
            self.say(done)

    def action_save(self) -> None:
        def attempt(text: str) -> str:
            said = self.save_run(user_path(text))
            self.file = text.strip()
            return said

        self._ask("Save run", f"{self.WORDS.saved} as JSON (ctrl+o loads it; so does nn101-tui "
                  "--load FILE).", self.file, attempt)

    def action_load(self) -> None:
        def attempt(text: str) -> str:
            self.learning, said = self.load_run(user_path(text), text.strip())
            self.file = text.strip()
            self.query_one(SettingsPane).put_back()
            self._after_change()
            return said

        self._ask("Load run", "A run saved with ctrl+s here. If the file is refused, the "
                  "run on screen stays as it is.", self.file, attempt)

    def action_export(self) -> None:
        stem = self.file.removesuffix(".json") + "-export"
        self._ask("Export run", f"Writes NAME.json (as {self.WORDS.train} --json reports the run) "
                  "and NAME.csv (its points, x,y,label).", stem,
                  lambda text: self.learning.export(user_path(text)))

    def action_load_points(self) -> None:
        def attempt(text: str) -> str:
            said = self.learning.load_data(user_path(text))
            self._after_change()
            return said

        self._ask("Load points", f"A CSV file of x,y,label rows (label {self.WORDS.labels}; a "
                  "header line x,y,label is fine).", "points.csv", attempt)

    def action_copy_command(self) -> None:
        self.app.copy_to_clipboard(self.command())
        self.say("copied the same-run command (shown whole below)")

    # --- settings -----------------------------------------------------------------------

    @on(FieldEdited)
    def _edited(self, event: FieldEdited) -> None:
        """A setting typed or chosen: the run reads it (a refusal stays in its errors)."""
        event.stop()
        if event.edited.key not in {c.key for c in self.HELP_FIELDS}:
            return
        before = self.learning.training
        self.learning.edit(event.edited, event.text)
        if self.learning.training is not before:  # applied: a new run from iteration 0
            self.stop()
        self._after_change()
