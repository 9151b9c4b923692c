"""The app: installs the circuit screen, the learning screens, help and the palette.

It holds no state of its own and no math: each screen owns its model and its keys. The
help screen and the command palette are made from the bindings of the screen on top.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

if TYPE_CHECKING:  # lessons and learning load on first use: not part of the first frame
    from nn101.state.class_learning import ClassLearning
    from nn101.state.learning import Learning
    from nn101.state.lesson import Lesson, Progress
    from nn101.state.session import Session
    from nn101.tui.lesson import LessonDriver
    from nn101.tui.widgets.lesson_pane import Answered
from nn101.tui import terminal, textual_fixes, theme, tuning
from nn101.tui.screens.circuit import CircuitScreen
from nn101.tui.screens.too_small import TooSmallScreen, too_small

LEARNING_GROUP = "learning from data"
LEARNING_MODELS = (("svm", "linear SVM"), ("net", "2-layer ReLU net"))
CLASSES_LABEL = "3-class MLP"
"""Chapter 3's screen (screens/classes.py), after the learning screens in the picker."""
LESSONS_GROUP = "lessons"
DIALOG_BLOCKS = frozenset({"command_palette", "help"})
"""Keys that would open a screen: off while a file dialog or the too-small notice is on
top."""


class PlaygroundApp(App[int]):
    """Learn backprop by doing it: the guide's circuits and classifiers, key by key."""

    CSS_PATH = ["app.tcss", "lesson.tcss"]  # noqa: RUF012 (App's type)
    ALLOW_SELECT = False
    """No mouse text selection (the terminal's own shift+drag still copies): see
    textual_fixes.py, "selection on a removed widget"."""
    TITLE = "nn101 — backprop playground"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = []  # type: ignore[misc]
    """None here: each screen's width classes are those of the room its own panes have
    (screens/base.py, the circuit screen's WIDTH_CLASSES)."""
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [  # type: ignore[misc]
        (0, "-short"), (34, "-tall"), (44, "-taller")]
    """Height classes: under 34 rows the progress pane hides (the status line has the
    iteration and output), so the circuit keeps its rows; from 44 the gates table and the
    progress plot grow."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", tooltip="the keys of this screen (escape "
                "closes it)"),
        Binding("f1", "help", "Help", show=False, priority=True,
                tooltip="this help (works in a field)"),
        Binding("q", "quit", "Quit", tooltip="quit"),
        Binding("f2", "lesson_check", "Check goal", priority=True,
                tooltip="lesson: check this step's goal (works in a field)"),
        Binding("f3", "lesson_previous", "Prev step", priority=True,
                tooltip="lesson: the previous step"),
        Binding("f4", "lesson_next", "Next step", priority=True,
                tooltip="lesson: the next step (progress is kept)"),
    ]

    def __init__(self, scenario: str | None = None, expression: str | None = None, *,
                 session: Session | None = None,
                 learning: Learning | ClassLearning | None = None,
                 cursor_blink: bool = True, lesson: Lesson | None = None,
                 progress: Progress | None = None) -> None:
        """Raises the engine's error here, before the app runs, if the start does not fit.

        With `lesson`, the app opens at the step `progress` kept (see tui/lesson.py)."""
        self.fixes_warning = textual_fixes.apply()
        """'' or why Textual's work-arounds are off (a Textual other than the pinned one)."""
        super().__init__()
        self.cursor_blink = cursor_blink
        self.circuit = CircuitScreen(scenario, expression, session=session,
                                     cursor_blink=cursor_blink)
        """The circuit screen, always at the bottom of the stack."""
        self.circuit.add_picker_group(LEARNING_GROUP, (
            *((f"learn:{model}", label, self._learning_opener(model))
              for model, label in LEARNING_MODELS),
            ("learn:mlp", CLASSES_LABEL, lambda: self.open_classes())))
        self._learning = learning
        """A loaded learning run (--load): its screen opens over the circuits."""
        self.learning_screens: dict[str, str] = {}
        """The learning screen opened from the picker, by model: installed, so leaving it
        (escape, the palette, a lesson) and coming back finds the run as it was left."""
        self.circuit.add_picker_group(LESSONS_GROUP, [("lesson:tour", "guided tour",
                                                       self.start_tour)])
        self._progress = progress
        self.lesson: LessonDriver | None = None
        if lesson is not None:
            from nn101.state.lesson import Progress
            from nn101.tui.lesson import LessonDriver

            self.lesson = LessonDriver(self, lesson, progress or Progress.load())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """The playground's own colours (theme.py), as variables a theme can change."""
        return {**super().get_theme_variable_defaults(), **theme.DEFAULTS}

    def get_default_screen(self) -> Screen[Any]:
        """The screen starts with its width and height classes (-narrow, -short, ...) for
        the terminal it opens in: Textual sets them on the first resize, and a class that
        changes then restyles all 70-odd widgets once more (a tenth of the start-up)."""
        self.circuit.fit_width(self.size.width, update=False)
        classes = [name for least, name in sorted(self.VERTICAL_BREAKPOINTS)
                   if self.size.height >= least]
        if classes:  # styled as it is registered, just after this
            self.circuit.add_class(classes[-1], update=False)
        return self.circuit

    def on_mount(self) -> None:
        if self._learning is not None:  # a loaded learning run opens over the circuits
            learning, self._learning = self._learning, None
            from nn101.state.class_learning import ClassLearning

            if isinstance(learning, ClassLearning):  # an nn101-classes file
                self.open_classes(learning)
            else:
                self.open_learning(learning.config["model"], learning)
        if self.lesson is not None:  # once the circuit screen's panes exist
            self.circuit.after_panes(self.lesson.open)
        self.fit_terminal()
        # The start-up is over once the panes mounted after the first frame are drawn:
        # the collector paused for it comes back (tuning.py).
        self.circuit.after_panes(lambda: self.call_after_refresh(tuning.resume))

    def on_resize(self, event: events.Resize) -> None:
        # After the resize is handled. Each check reads the size at that moment, so in a
        # burst of resizes the last check decides, whatever the order they came in.
        self.call_later(self.fit_terminal)

    def fit_terminal(self) -> None:
        """Show the too-small notice on a terminal under 80 x 24, and take it away when
        the terminal has grown. Idempotent: it reads the size now, whatever asked."""
        shown = isinstance(self.screen, TooSmallScreen)
        if too_small(self.size) and not shown:
            self.push_screen(TooSmallScreen())
        elif shown and not too_small(self.size):
            self.pop_screen()

    def _learning_opener(self, model: str) -> Callable[[], None]:
        return lambda: self.open_learning(model)

    def open_learning(self, model: str, learning: Learning | None = None) -> None:
        """The guide's chapter 2 on its own screen; escape comes back to the circuit, and
        opening it again finds the run where it was left (a loaded run: under its model)."""
        # Imported on first use: the learning screen (plots, decision map) is not part of
        # the first frame.
        from nn101.tui.screens.learning import LearningScreen

        name = f"learning-{model}"
        self.learning_screens[model] = name
        self._open_installed(name, learning is not None, lambda: LearningScreen(
            model, learning=learning, cursor_blink=self.cursor_blink))

    def open_classes(self, learning: ClassLearning | None = None) -> None:
        """Chapter 3 on its own screen, installed as the learning screens are: leaving it
        and coming back finds the run as it was left (a loaded run takes its place)."""
        from nn101.tui.screens.classes import ClassScreen

        self._open_installed("classes", learning is not None, lambda: ClassScreen(
            learning=learning, cursor_blink=self.cursor_blink))

    def _open_installed(self, name: str, replace: bool, make: Callable[[], Screen[Any]]
                        ) -> None:
        """Bring the screen installed as `name` on top (made and installed on first use;
        `replace`: a new one, made by `make`, takes its place): leaving a screen never
        throws its run away."""
        self.circuit.stop()
        if replace or not self.is_screen_installed(name):
            if self.is_screen_installed(name):
                self.uninstall_screen(name)
            self.install_screen(make(), name)
        screen = self.get_screen(name)
        if screen is self.screen:
            return
        if screen in self.screen_stack:  # under a dialog or help: back down to it
            while self.screen is not screen:
                self.pop_screen()
            return
        self.push_screen(name)

    def action_command_palette(self) -> None:
        """ctrl+p while the previous palette is still being removed did nothing useful and
        crashed Textual 8.2.8 (DuplicateIds: the new one gets the same id); wait instead."""
        if any(node.id == "--command-palette" for node in self._nodes):
            return  # one is open, or still being removed
        super().action_command_palette()

    def start_tour(self) -> None:
        """The built-in tour, where this user left it."""
        from nn101.state.lesson import Progress, tour
        from nn101.tui.lesson import LessonDriver

        self.lesson = LessonDriver(self, tour(), self._progress or Progress.load())
        self.call_next(self.lesson.open)

    async def action_lesson_check(self) -> None:
        if self.lesson is not None:
            await self.lesson.check()

    async def action_lesson_next(self) -> None:
        if self.lesson is not None:
            await self.lesson.next()

    async def action_lesson_previous(self) -> None:
        if self.lesson is not None:
            await self.lesson.previous()

    async def lesson_reveal(self) -> bool:
        """ctrl+g outside a quiz: reveal the lesson step's answer; whether there was one."""
        if self.lesson is None or self.lesson.state.step.goal.kind != "answer":
            return False
        await self.lesson.reveal()
        return True

    async def on_answered(self, event: Answered) -> None:
        """The lesson pane's answer box (widgets/lesson_pane.py Answered)."""
        if self.lesson is not None:
            await self.lesson.answer(event.text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action.startswith("lesson_") and self.lesson is None:
            return False  # no lesson: the keys are off and out of the footer
        # Nothing opens over a file dialog: its enter may still be on its way, and Textual's
        # dismiss() pops whatever screen is on top (a palette opened by ctrl+p typed just
        # after enter was popped half-built; see textual_fixes.py).
        return not (action in DIALOG_BLOCKS and self._screen_blocks())

    def _screen_blocks(self) -> bool:
        """Whether the screen on top is a file dialog or the too-small notice: nothing
        opens over them. (A marker, not isinstance: the dialog's module is not imported
        before the first frame.)"""
        return getattr(self.screen, "BLOCKS_SCREENS", False) is True

    def _screen_bindings(self) -> list[Binding]:
        """The keys of the screen on top and the app's (the lesson keys only in a lesson)."""
        from nn101.tui.screens.help import bindings_of

        return [b for b in [*bindings_of(type(self.screen)), *bindings_of(type(self))]
                if self.lesson is not None or not b.action.startswith("lesson_")]

    def action_help(self) -> None:
        # Imported on first use: the help's widgets are not part of the first frame.
        from nn101.tui.screens.help import HelpScreen, field_rows, help_rows

        if isinstance(self.screen, HelpScreen) or self._screen_blocks():
            return
        bindings = self._screen_bindings()
        self.push_screen(HelpScreen(help_rows(bindings, in_field=False),
                                    help_rows(bindings, in_field=True),
                                    getattr(self.screen, "HELP_NOTES", ""),
                                    field_rows(getattr(self.screen, "HELP_FIELDS", ()))))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own, then the screen's (scenarios), then every key of the screen."""
        yield from super().get_system_commands(screen)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            for title, help_text, callback in commands():
                yield SystemCommand(title, help_text, callback)
        if isinstance(screen, CircuitScreen):
            for model, label in LEARNING_MODELS:
                yield SystemCommand(f"Learning from data: {label}", "train it on 2-D points",
                                    self._learning_opener(model))
            yield SystemCommand(f"Learning from data: {CLASSES_LABEL}", "softmax, "
                                "cross-entropy and the optimizers on three classes",
                                lambda: self.open_classes())

        seen: set[str] = set()
        for binding in self._screen_bindings():
            if binding.action in seen or not binding.tooltip or binding.action in (
                    "leave_field", "back", "quit"):
                continue
            seen.add(binding.action)
            target = screen if hasattr(screen, f"action_{binding.action}") else self
            yield SystemCommand(binding.description, binding.tooltip,
                                getattr(target, f"action_{binding.action}"))


def run_app(
    scenario: str | None = None,
    expression: str | None = None,
    session: Session | None = None,
    learning: Learning | ClassLearning | None = None,
    lesson: Lesson | None = None,
) -> int:
    """Open the app (blocking) at a session, scenario or expression; its return code
    (see terminal.run: 1 means it stopped on an unexpected error).

    A session that does not fit raises the engine's error, and a terminal the app cannot
    use raises terminal.TerminalError, before the screen changes.
    """
    terminal.check_terminal()
    terminal.adapt_environment()
    app = PlaygroundApp(scenario=scenario, expression=expression, session=session,
                        learning=learning, lesson=lesson)
    if app.fixes_warning:
        sys.stderr.write(app.fixes_warning + "\n")
    return terminal.run(app)
