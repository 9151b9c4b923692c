"""The playground app: a thin shell around the engine's Playground.

The app holds no math. Keys and fields call the Playground; after every action each pane
is handed the playground and redraws what it answers. Each scenario (and each typed
expression) has its own Playground, so switching away and back keeps where you were.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static

from nn101.engine.errors import EngineError
from nn101.engine.scenarios import GROUPS, SCENARIOS
from nn101.state import trace
from nn101.state.playground import Playground
from nn101.state.session import Session
from nn101.tui import terminal, textual_fixes, theme
from nn101.tui.screens.path_prompt import PathPrompt, user_path
from nn101.tui.widgets.check_pane import CheckPane
from nn101.tui.widgets.circuit_view import CircuitView
from nn101.tui.widgets.gates_table import GatesTable
from nn101.tui.widgets.inputs_pane import FieldEdited, InputsPane, MethodChosen
from nn101.tui.widgets.methods_compared import MethodsCompared
from nn101.tui.widgets.progress_pane import ProgressPane
from nn101.tui.widgets.scenario_picker import (
    ExpressionEntered,
    Picked,
    PickerEntry,
    PickerGroup,
    ScenarioPicker,
)
from nn101.tui.widgets.status_line import StatusLine
from nn101.tui.widgets.walk_banner import WalkBanner

textual_fixes.apply()

SCENARIO_KEY = "scenario:"
LEARNING_GROUP = "learning from data"
LEARNING_MODELS = (("svm", "linear SVM"), ("net", "2-layer ReLU net"))
PLAYGROUND_ACTIONS = frozenset({
    "step", "toggle_run", "walk", "forward", "reset", "cycle_method", "check",
    "next_scenario", "previous_scenario", "save", "load", "export", "type_expression",
})
"""Actions on the circuit screen: off while another screen (learning, help) is on top,
so a key meant for that screen never changes the hidden circuit."""
DIALOG_BLOCKS = frozenset({"command_palette", "help"})
"""Keys that would open a screen: off while a file dialog is on top."""
TICK = 1 / 20
"""Seconds between batches of continuous steps: the event loop stays free in between."""
STEPS_PER_TICK = 5
TICK_BUDGET = 0.010
"""Seconds of stepping a tick may take: random search with many tries steps fewer times
per tick instead of freezing the screen (one step is always taken)."""
SESSION_FILE = "nn101-session.json"
TRACE_FILE = "nn101-trace.csv"


def session_key(pg: Playground) -> str:
    """The key a playground is kept under: its scenario, or its typed formula."""
    return SCENARIO_KEY + pg.name if pg.name else f"expr:{pg.expression}"


def trace_paths(path: Path) -> tuple[Path, Path]:
    """The CSV and JSON files of an export: `run`, `run.csv` or `run.json` give both."""
    base = path.with_suffix("") if path.suffix.lower() in (".csv", ".json") else path
    return Path(f"{base}.csv"), Path(f"{base}.json")


def scenario_groups() -> list[PickerGroup]:
    """The guide's groups, in its order, from the scenario registry."""
    return [
        PickerGroup(group, tuple(PickerEntry(SCENARIO_KEY + s.name, s.expression)
                                 for s in SCENARIOS.values() if s.group == group))
        for group in GROUPS
    ]


class PlaygroundApp(App[int]):
    """Step the guide's circuits from the keyboard and watch values and gradients move."""

    CSS_PATH = "app.tcss"
    ALLOW_SELECT = False
    """No mouse text selection (the terminal's own shift+drag still copies): in Textual
    8.2.8 a mouse-down on a widget being removed (fields recomposed for a new circuit)
    crashes its selection code (AttributeError on the widget's missing parent; found by
    the long fuzz run, seed 7)."""
    AUTO_FOCUS = None
    """Nothing focused at start: every plain key (space, n, b, ...) works at once."""
    TITLE = "nn101 — backprop playground"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [  # type: ignore[misc]
        (0, "-narrow"), (100, "-wide")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "step", "Step"),
        Binding("n", "step", "Step", show=False),
        Binding("ctrl+n", "step", "Step", show=False, priority=True),
        Binding("p", "toggle_run", "Run"),
        Binding("b", "walk", "Back 1 gate"),
        Binding("ctrl+b", "walk", "Back 1 gate", show=False, priority=True),
        Binding("f", "forward", "Forward"),
        Binding("r", "reset", "Reset"),
        Binding("ctrl+r", "reset", "Reset", show=False, priority=True),
        Binding("m", "cycle_method", "Method"),
        Binding("c", "check", "Check"),
        Binding("right_square_bracket", "next_scenario", "Next"),
        Binding("left_square_bracket", "previous_scenario", "Prev", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False, priority=True),
        Binding("escape", "leave_field", "Leave field", show=False),
        Binding("ctrl+s", "save", "Save", show=False, priority=True),
        Binding("ctrl+o", "load", "Load", show=False, priority=True),
        Binding("x", "export", "Export trace", show=False),
        Binding("e", "type_expression", "Formula", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        scenario: str | None = None,
        expression: str | None = None,
        *,
        session: Session | None = None,
        cursor_blink: bool = True,
    ) -> None:
        """Open at `session` (a loaded file) if given, else the expression or scenario.

        Raises the engine's error here, before the app runs, if the session does not fit.
        """
        super().__init__()
        self.cursor_blink = cursor_blink
        self.sessions: dict[str, Playground] = {}
        self.picker_groups: list[PickerGroup] = scenario_groups()
        self.picker_actions: dict[str, Callable[[], object]] = {}
        """Callbacks for picker entries that are not scenarios (see add_picker_group)."""
        if session is not None:
            self.pg = Playground.from_session(session)
        elif expression is not None:
            self.pg = Playground(expression=expression)
        else:
            self.pg = Playground(scenario=scenario or next(iter(SCENARIOS)))
        self.key = session_key(self.pg)
        self.sessions[self.key] = self.pg
        self.session_file = SESSION_FILE
        """What the save and load dialogs offer: the last file saved or loaded."""
        self.trace_file = TRACE_FILE
        self.note = ""
        self._timer: Timer | None = None
        entries = []
        for model, label in LEARNING_MODELS:
            self.picker_actions[f"learn:{model}"] = self._learning_opener(model)
            entries.append(PickerEntry(f"learn:{model}", label))
        self.picker_groups.append(PickerGroup(LEARNING_GROUP, tuple(entries)))

    def _learning_opener(self, model: str) -> Callable[[], None]:
        return lambda: self.open_learning(model)

    def open_learning(self, model: str) -> None:
        """The guide's chapter 2 on its own screen; escape comes back to the circuit."""
        # Imported on first use: the learning screen (plots, decision map) is not part of
        # the first frame.
        from nn101.tui.screens.learning import LearningScreen

        self.stop_running()
        self.push_screen(LearningScreen(model))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in PLAYGROUND_ACTIONS and len(self.screen_stack) > 1:
            return False
        # Nothing opens over a file dialog: its enter may still be on its way, and Textual's
        # dismiss() pops whatever screen is on top (a palette opened by ctrl+p typed just
        # after enter was popped half-built, and the app crashed; found by the fuzz test).
        return not (action in DIALOG_BLOCKS and isinstance(self.screen, PathPrompt))

    # --- layout -----------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **theme.DEFAULTS}

    def get_default_screen(self) -> Screen[Any]:
        """The screen starts with its width class (-narrow or -wide) for the terminal it
        opens in: Textual sets it on the first resize, and a class that changes then
        restyles all 70-odd widgets once more (a tenth of the start-up)."""
        screen = super().get_default_screen()
        width = self.size.width
        classes = [name for least, name in sorted(self.HORIZONTAL_BREAKPOINTS)
                   if width >= least]
        if classes:
            screen.add_class(classes[-1])
        return screen

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield ScenarioPicker(self.picker_groups, id="picker")
                with VerticalScroll(id="about", classes="pane") as about:
                    about.border_title = "About"
                    yield Static(id="explanation")
            with Vertical(id="center"):
                with Vertical(id="circuit-pane", classes="pane") as pane:
                    pane.border_title = "Circuit"
                    pane.border_subtitle = ("columns: [$wire-value]value[/] · "
                                            "[$wire-gradient]gradient[/]")
                    with VerticalScroll(id="circuit-scroll"):
                        yield CircuitView(id="circuit")
                    yield WalkBanner(id="walk")
                yield GatesTable(id="gates", classes="pane")
                yield ProgressPane(id="progress", classes="pane")
            with Vertical(id="right"):
                yield self._inputs_pane()
                yield MethodsCompared(id="compare", classes="pane")
                yield CheckPane(id="check", classes="pane")
        yield StatusLine(id="status")
        yield Footer()

    def _inputs_pane(self) -> InputsPane:
        """The fields of the first circuit are composed with the pane: setting `names`
        after mount would compose the pane twice before the first frame (a fifth of the
        start-up)."""
        pane = InputsPane(id="inputs", classes="pane")
        pane.method = self.pg.settings.method
        pane.cursor_blink = self.cursor_blink
        pane.set_reactive(InputsPane.names, tuple(self.pg.circuit.inputs))
        return pane

    def on_mount(self) -> None:
        titles = {"#picker": "Scenarios", "#gates": "Gates", "#progress": "Progress",
                  "#inputs": "Inputs", "#compare": "Methods compared", "#check":
                  "Gradient check"}
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        for box in self.query(Input):
            box.cursor_blink = self.cursor_blink
        theme.install(self, on_change=self.refresh_panes)
        self.open_session(self.key, self.pg)

    # --- hooks for other screens ------------------------------------------------------

    def add_picker_group(
        self, title: str, entries: Iterable[tuple[str, str, Callable[[], object]]]
    ) -> None:
        """Add a group to the picker: (key, label, callback) per entry.

        E.g. a "learning from data" group whose callbacks push their own screen.
        """
        items = []
        for key, label, callback in entries:
            self.picker_actions[key] = callback
            items.append(PickerEntry(key, label))
        self.picker_groups.append(PickerGroup(title, tuple(items)))
        pickers = self.query(ScenarioPicker)
        if pickers:
            pickers.first().set_groups(self.picker_groups)

    # --- showing the state ------------------------------------------------------------

    def open_session(self, key: str, pg: Playground) -> None:
        self.stop_running()
        self.key, self.pg = key, pg
        self.sessions[key] = pg
        inputs = self.query_one(InputsPane)
        names = tuple(pg.circuit.inputs)
        inputs.method = pg.settings.method
        inputs.cursor_blink = self.cursor_blink
        inputs.names = names  # new fields when the inputs differ (the pane refills them)
        self.query_one(ScenarioPicker).mark(key if key.startswith(SCENARIO_KEY) else None)
        self.sub_title = pg.title
        about = Text.assemble((pg.title, "bold"))
        if pg.scenario is not None:
            about.append(f"\n{pg.expression}", style="dim")
        about.append(f"\n\n{pg.explanation}")
        self.query_one("#explanation", Static).update(about)
        self.refresh_panes()

    def refresh_panes(self) -> None:
        pg = self.pg
        self.query_one(CircuitView).show(pg)
        self.query_one(WalkBanner).show(pg)
        self.query_one(GatesTable).show(pg)
        self.query_one(ProgressPane).show(pg)
        self.query_one(InputsPane).show(pg)
        self.query_one(MethodsCompared).show(pg)
        self.query_one(CheckPane).show(pg)
        self.query_one(StatusLine).show(pg, self.note, running=self._timer is not None)

    def say(self, note: str) -> None:
        self.note = note
        self.refresh_panes()

    # --- actions (keys) ---------------------------------------------------------------

    def action_step(self) -> None:
        taken = self.pg.step()
        if not taken:
            self.say("")
            return
        record = taken[-1]
        cost = f"{record.forward_passes} forward pass{'es' if record.forward_passes > 1 else ''}"
        if record.backward_passes:
            cost += f" + {record.backward_passes} backward"
        self.say(f"step {record.iteration}: {cost}")

    def action_toggle_run(self) -> None:
        if self._timer is not None:
            self.stop_running()
            self.say("paused")
            return
        if self.pg.status == "diverged":
            self.bell()
            self.say("")
            return
        self._timer = self.set_interval(TICK, self._tick)
        self.say("")

    def _tick(self) -> None:
        deadline = time.perf_counter() + TICK_BUDGET
        for _ in range(STEPS_PER_TICK):
            if not self.pg.step() or time.perf_counter() > deadline:
                break
        if self.pg.status == "diverged":
            self.stop_running()
        self.refresh_panes()

    def stop_running(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def running(self) -> bool:
        return self._timer is not None

    def action_walk(self) -> None:
        self.stop_running()
        taken = self.pg.walk_step()
        self.say("" if taken else "no gates to walk")

    def action_forward(self) -> None:
        self.stop_running()
        self.pg.forward()
        self.say("forward pass")

    def action_reset(self) -> None:
        self.stop_running()
        self.pg.reset()
        self._clear_errors()
        self.say("reset to the start values")

    def _clear_errors(self) -> None:
        for name in (*self.pg.circuit.inputs, "step_size", "h", "tries", "tweak"):
            self._clear_error(name)

    def action_cycle_method(self) -> None:
        method = self.pg.cycle_method()
        self.say(f"method: {method.label}")

    def action_check(self) -> None:
        self.stop_running()
        check = self.pg.gradient_check()
        self.say(f"gradient check {'passed' if check.ok else 'FAILED'}")

    def action_next_scenario(self) -> None:
        self._move_scenario(+1)

    def action_previous_scenario(self) -> None:
        self._move_scenario(-1)

    def _move_scenario(self, delta: int) -> None:
        names = list(SCENARIOS)
        current = self.pg.name
        index = names.index(current) + delta if current in names else 0
        self.open_scenario(names[index % len(names)])

    def action_help(self) -> None:
        # Imported on first use: the help's Markdown widget (markdown-it, pygments) is the
        # heaviest import of the app and the first screen does not need it.
        from nn101.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # --- files: save, load, export ------------------------------------------------------

    def user_path(self, text: str) -> Path:
        """The file a user typed (relative to the current folder); FileError if unusable."""
        return user_path(text)

    def _ask_path(self, title: str, hint: str, default: str,
                  attempt: Callable[[str], str]) -> None:
        self.stop_running()
        self.refresh_panes()
        self.push_screen(PathPrompt(title, hint, default, attempt,
                                    cursor_blink=self.cursor_blink),
                         callback=self._file_done)

    def _file_done(self, done: str | None) -> None:
        if done:
            self.notify(done, title="nn101", markup=False)  # it names a typed path
            self.say(done)

    def action_save(self) -> None:
        self._ask_path("Save session", "The circuit, its inputs, settings and every step, "
                       "as JSON (ctrl+o loads it).", self.session_file, self.save_session)

    def action_load(self) -> None:
        self._ask_path("Load session", "A session saved with ctrl+s. If the file is refused, "
                       "what is open now stays as it is.", self.session_file,
                       self.load_session)

    def action_export(self) -> None:
        self._ask_path("Export trace", "Every step of this run: inputs, gradient, output, "
                       "cost. Writes NAME.csv and NAME.json.", self.trace_file,
                       self.export_trace)

    def action_type_expression(self) -> None:
        """Your own formula in a dialog: the picker's field is hidden on a small terminal."""
        current = self.pg.expression if self.pg.scenario is None else ""
        self._ask_path("Your own expression", "A formula such as (a+b)*c or sig(w*x + b): "
                       "+ - * / ** (or ^), sig, exp, log, tanh, relu, max. Every name is an "
                       "input starting at 1.", current, self.open_expression)

    def open_expression(self, text: str) -> str:
        """Open a typed formula (kept per formula, like scenarios); the sentence for the
        user. ExpressionError (shown by the field) when the parser refuses it."""
        pg = Playground(expression=text)
        key = f"expr:{pg.expression}"
        self.open_session(key, self.sessions.get(key, pg))
        return f"opened {pg.expression}"

    def save_session(self, text: str) -> str:
        """Write the open playground to the file (atomically); the sentence for the user."""
        path = self.pg.to_session().save(self.user_path(text))
        self.session_file = text.strip()
        return f"saved {path} (iteration {self.pg.iteration})"

    def load_session(self, text: str) -> str:
        """Open the file's playground; on any error nothing changes (the error says why)."""
        path = self.user_path(text)
        pg = Playground.from_session(Session.load(path))
        self.session_file = text.strip()
        self._clear_errors()  # of the fields shown now: the loaded values replace them
        self.note = ""
        self.open_session(session_key(pg), pg)
        return f"loaded {path}: {pg.title}, iteration {pg.iteration}"

    def export_trace(self, text: str) -> str:
        """Write the run's trace as CSV and JSON side by side."""
        csv_path, json_path = trace_paths(self.user_path(text))
        trace.save_csv(self.pg.run, csv_path)
        trace.save_json(self.pg.run, json_path, self.pg.name)
        self.trace_file = text.strip()
        steps = len(self.pg.history)
        return (f"trace of {steps} step{'' if steps == 1 else 's'} written to {csv_path} "
                f"and {json_path}")

    def action_leave_field(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)

    def open_scenario(self, name: str) -> None:
        key = SCENARIO_KEY + name
        pg = self.sessions.get(key) or Playground(scenario=name)
        self.note = ""
        self.open_session(key, pg)

    # --- messages from the panes ------------------------------------------------------

    @on(Picked)
    def _picked(self, event: Picked) -> None:
        if event.key.startswith(SCENARIO_KEY):
            self.open_scenario(event.key.removeprefix(SCENARIO_KEY))
        elif event.key in self.picker_actions:
            self.picker_actions[event.key]()

    @on(ExpressionEntered)
    def _expression(self, event: ExpressionEntered) -> None:
        picker = self.query_one(ScenarioPicker)
        try:
            pg = Playground(expression=event.text)
        except EngineError as err:
            picker.show_expression_error(str(err))
            return
        picker.show_expression_error("")
        key = f"expr:{pg.expression}"
        self.open_session(key, self.sessions.get(key, pg))

    @on(FieldEdited)
    def _field(self, event: FieldEdited) -> None:
        setters: dict[str, Callable[[str], object]] = {
            "step_size": self.pg.set_step_size, "h": self.pg.set_h,
            "tries": self.pg.set_tries, "tweak": self.pg.set_tweak,
        }
        try:
            if event.field in setters:
                setters[event.field](event.text)
            else:
                self.pg.set_input(event.field, event.text)
        except EngineError as err:
            self.query_one(InputsPane).show_error(event.field, str(err))
            self.say(f"{event.field}: {err} (kept the last good value)")
            return
        self._clear_error(event.field)
        self.say(f"{event.field} set")

    def _clear_error(self, field: str) -> None:
        try:
            self.query_one(InputsPane).clear_error(field)
        except NoMatches:
            return  # a field of the previous circuit, already gone

    @on(MethodChosen)
    def _method(self, event: MethodChosen) -> None:
        self.pg.set_method(event.method)
        self.say(f"method: {event.method.label}")

    # --- command palette --------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for s in SCENARIOS.values():
            yield SystemCommand(f"Scenario: {s.title}", f"{s.group} — {s.expression}",
                                lambda name=s.name: self.open_scenario(name))
        for model, label in LEARNING_MODELS:
            yield SystemCommand(f"Learning from data: {label}", "train it on 2-D points",
                                self._learning_opener(model))
        for action, title, help_text in (
            ("step", "Step", "one step of the current method"),
            ("toggle_run", "Run / pause", "continuous stepping"),
            ("walk", "Backward one gate", "walk the backward pass gate by gate"),
            ("forward", "Forward pass", "recompute values; gradients unknown"),
            ("reset", "Reset", "back to the start values and settings"),
            ("cycle_method", "Cycle method", "random → numerical → backprop"),
            ("check", "Gradient check", "backprop vs numerical gradient"),
            ("save", "Save session", "the circuit, inputs, settings and steps to a file"),
            ("load", "Load session", "open a saved session file"),
            ("export", "Export trace", "every step of this run as CSV and JSON"),
            ("type_expression", "Your own expression", "type a formula and open its circuit"),
            ("help", "Help", "every key of this screen, and what the colours mean"),
        ):
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))


def run_app(
    scenario: str | None = None,
    expression: str | None = None,
    session: Session | None = None,
) -> int:
    """Open the app (blocking) at a session, scenario or expression; its return code
    (see terminal.run: 1 means it stopped on an unexpected error).

    A session that does not fit raises the engine's error, and a terminal the app cannot
    use raises terminal.TerminalError, before the screen changes.
    """
    terminal.check_terminal()
    return terminal.run(PlaygroundApp(scenario=scenario, expression=expression,
                                      session=session))
