"""The one base every screen of the playground is built on.

A screen shows one model (the circuit screen a Playground, the learning screen a Learning)
and owns, through this base:

- **the panes**, registered once (`panes.add`): each is handed the model when it changes,
  now or after the frame (`tui/deferred.py`, the one after-frame mechanism);
- **one player** (`tui/player.py`) for continuous running: `p` plays and pauses, `+` and
  `-` change the speed, on every screen;
- **the lesson column**: a lesson's pane gets room beside the screen's own panes, never
  over them. The screen's width classes (`-narrow`, `-wide`, ...) are those of the room
  left to its own panes, so a lesson at 120 columns lays the screen out as it is laid out
  at 80. `f6` hides and shows the column;
- **the teaching state** the model carries (what is asked, hidden, locked: state/teaching.py),
  which every pane reads when it is shown.

A subclass composes its own panes (`compose_main`, `compose_bottom`), says how its model
advances (`advance`) and how the panes are filled (`refresh_panes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Header

from nn101.state.teaching import NOTHING, Teaching
from nn101.tui.deferred import FrameHooked
from nn101.tui.panes import Panes
from nn101.tui.player import Player
from nn101.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from nn101.state.lesson import StepView
    from nn101.tui.widgets.lesson_pane import LessonPane

LESSON_WIDTHS: tuple[tuple[int, int], ...] = ((0, 30), (100, 36), (140, 42))
"""The lesson column's width by the terminal's: (from columns, width)."""
SLIM_BELOW = 70
"""Room for the screen's own panes under which they stack (`-slim`): the circuit above
its fields, rather than side by side."""


def lesson_width(columns: int) -> int:
    return next(width for least, width in sorted(LESSON_WIDTHS, reverse=True)
                if columns >= least)


PLAY_BINDINGS: list[BindingType] = [
    Binding("p", "toggle_play", "Play", tooltip="play / pause: step continuously (stops by "
            "itself if the run diverges)"),
    Binding("plus,equals_sign", "faster", "Faster", show=False,
            tooltip="more steps per frame while playing"),
    Binding("minus", "slower", "Slower", show=False,
            tooltip="fewer steps per frame while playing"),
]
"""The player's keys, the same on every screen: each screen puts them where its footer
shows them best (after its step key)."""


def width_class(width: int, classes: tuple[tuple[int, str], ...]) -> str:
    """The class of the breakpoint list for this width (the widest it reaches)."""
    reached = [name for least, name in sorted(classes) if width >= least]
    return reached[-1] if reached else ""


class ModelScreen(FrameHooked):
    """A screen showing one model (see the module's docstring)."""

    DEFAULT_CSS = """
    ModelScreen #frame { height: 1fr; }
    ModelScreen #main { width: 1fr; height: 1fr; }
    ModelScreen #lesson-column { display: none; height: 1fr; }
    ModelScreen.-lesson #lesson-column { display: block; }
    ModelScreen .-lesson-hidden { display: none; }
    """
    """The frame every screen shares (with the screen, wherever it is used: a test's bare
    App has no app.tcss): the panes' room and the lesson column beside it."""

    WIDTH_CLASSES: ClassVar[tuple[tuple[int, str], ...]] = ()
    """(from columns, class) for the room the screen's own panes have."""
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = []  # type: ignore[misc]
    """Textual's width classes are off: `fit_width` sets WIDTH_CLASSES for the room left
    by the lesson column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "toggle_lesson", "Lesson", show=False, priority=True,
                tooltip="hide or show the lesson's column (works in a field)"),
        Binding("ctrl+g", "give_up", "Reveal", show=False, priority=True,
                tooltip="reveal the answer of the quiz question or the lesson step asked "
                "(no point for it; works in a field)"),
    ]

    UNIT: ClassVar[str] = "step"
    """What one step of the model is called (the speed's label says it)."""

    def __init__(self) -> None:
        super().__init__()
        self.panes = Panes(self)
        self.player = Player(self, self.advance, self.show_frame, unit=self.UNIT)
        self.lesson_view: StepView | None = None
        """The lesson step shown in the column (None: no lesson on this screen)."""
        self.lesson_folded = False
        """f6: the column hidden while a lesson runs (the lesson goes on)."""
        self._lesson_pane: LessonPane | None = None

    # --- what a screen provides ---------------------------------------------------------

    def compose_main(self) -> ComposeResult:
        """The screen's own panes, beside the lesson column."""
        yield from ()

    def compose_bottom(self) -> ComposeResult:
        """Lines under the panes and the lesson, above the footer."""
        yield from ()

    @property
    def teaching(self) -> Teaching:
        """What the model's lesson step or quiz asks, hides and locks."""
        return NOTHING

    def advance(self, count: int, deadline: float) -> int:
        """Up to `count` steps of the model before `deadline`; how many were taken (0: it
        cannot go on, the player stops)."""
        return 0

    def show_frame(self) -> None:
        """A frame while playing (and the last one when the player stops by itself)."""
        self.refresh_panes()

    def refresh_panes(self) -> None:
        """Hand the model to every pane."""

    def room_changed(self) -> None:
        """The panes' room changed (a resize, the lesson column shown or folded): panes
        that fit their drawing to their size draw again."""
        if self.is_attached:
            self.refresh_panes()

    def play_refused(self) -> str:
        """Why the model cannot play now ('' when it can)."""
        return ""

    def say(self, note: str) -> None:
        """A word in the screen's status."""

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="frame"):
            with Vertical(id="main"):
                yield from self.compose_main()
            yield Vertical(id="lesson-column")
        yield from self.compose_bottom()
        yield KeysFooter()

    @property
    def lesson_shown(self) -> bool:
        return self.lesson_view is not None and not self.lesson_folded

    def room(self, columns: int | None = None) -> int:
        """Columns for the screen's own panes (the terminal's less the lesson's column)."""
        columns = self.size.width if columns is None else columns
        return columns - (lesson_width(columns) if self.lesson_shown else 0)

    def fit_width(self, columns: int | None = None, *, update: bool = True) -> None:
        """Set the width classes for the room the screen's own panes have now."""
        columns = self.size.width if columns is None else columns
        if columns <= 0:
            return
        room = self.room(columns)
        wanted = width_class(room, self.WIDTH_CLASSES)
        classes = {name: name == wanted for _, name in self.WIDTH_CLASSES}
        classes["-slim"] = room < SLIM_BELOW
        classes["-lesson"] = self.lesson_shown
        if update:
            self.update_classes(classes, animate=False)
            self.call_after_refresh(self.room_changed)  # laid out anew by then
        else:  # before the screen is mounted: styled once, as it mounts
            for name, on in classes.items():
                if on:
                    self.add_class(name, update=False)
        column = self.query("#lesson-column")
        if column:
            column.first().styles.width = lesson_width(columns)

    def on_resize(self) -> None:
        self.fit_width()

    # --- the lesson column --------------------------------------------------------------

    async def show_lesson(self, view: StepView | None) -> None:
        """Show a lesson step in the column (None: the lesson is over on this screen)."""
        before = self.lesson_shown
        self.lesson_view = view
        if view is not None and self._lesson_pane is None:
            from nn101.tui.widgets.lesson_pane import LessonPane  # a lesson: on first use

            self._lesson_pane = LessonPane(cursor_blink=getattr(self, "cursor_blink", True))
            await self.query_one("#lesson-column").mount(self._lesson_pane)
        if view is not None and self._lesson_pane is not None:
            self._lesson_pane.show(view)
        if self.lesson_shown != before:
            self.fit_width()
        self.refresh_panes()

    def action_toggle_lesson(self) -> None:
        if self.lesson_view is None:
            self.app.bell()
            self.say("no lesson is open (the picker's lessons, or nn101-tui tour)")
            return
        self.lesson_folded = not self.lesson_folded
        self.fit_width()
        self.say("lesson hidden: f6 shows it" if self.lesson_folded else "lesson shown")

    async def action_give_up(self) -> None:
        reveal = getattr(self.app, "lesson_reveal", None)
        if reveal is None or not await reveal():
            self.app.bell()
            self.say("nothing is asked: no answer to reveal")

    def focus_lesson_answer(self) -> None:
        if self._lesson_pane is not None and self.lesson_shown:
            self._lesson_pane.focus_answer()

    # --- playing ------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.player.playing

    def action_toggle_play(self) -> None:
        if self.player.pause():
            self.say("paused")
            return
        refused = self.play_refused()
        if refused:
            self.app.bell()
            self.say(refused)
            return
        self.player.play()
        self.say("")

    def action_faster(self) -> None:
        self.say(self.player.faster())

    def action_slower(self) -> None:
        self.say(self.player.slower())

    def stop(self) -> None:
        """Stop playing (any action that changes the model first stops the player)."""
        self.player.pause()

    def on_screen_resume(self) -> None:
        """Back on top (a dialog closed, the learner came back): the panes show the model
        as it is now (a run stopped when it was left says so)."""
        if self.is_mounted:
            self.refresh_panes()

    def on_unmount(self) -> None:
        self.player.pause()
