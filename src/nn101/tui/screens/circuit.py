"""The circuit screen: a scenario or typed formula, stepped from the keyboard.

The screen owns its models: one `Playground` per scenario and per typed formula (switching
away and back keeps where you were). Keys and fields call the playground; after each
action every registered pane is handed the playground and draws what it answers,
including what a quiz or a lesson step asks (the playground's `teaching`: those panes
write `?`). It is built on the one screen base (screens/base.py: panes, player, lesson
column). The bindings are the one list of what this screen does: the footer, the help
screen and the command palette are all made from them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from nn101.engine.errors import EngineError, InputError
from nn101.engine.expression import MAX_LENGTH as EXPRESSION_MAX
from nn101.engine.scenarios import GROUPS, SCENARIOS
from nn101.state.controls import METHOD, METHOD_FIELDS
from nn101.state.playground import Playground
from nn101.state.teaching import Teaching
from nn101.state.text import line, plain
from nn101.tui import theme
from nn101.tui.messages import (
    Answered,
    ExpressionEntered,
    FieldEdited,
    MethodChosen,
    Picked,
    PickerEntry,
    PickerGroup,
)
from nn101.tui.screens.base import PLAY_BINDINGS, ModelScreen
from nn101.tui.widgets.circuit_drawing import CircuitDrawing
from nn101.tui.widgets.circuit_view import CircuitView
from nn101.tui.widgets.status_line import StatusLine
from nn101.tui.widgets.walk_banner import WalkBanner
from nn101.tui.widgets.wire_sums import WireSums

if TYPE_CHECKING:  # the panes mounted after the first frame, the quiz, the file dialogs:
    # imported where first used, so the first frame does not wait for their modules
    from nn101.state.session import Session
    from nn101.tui.widgets.equations_pane import EquationsPane
    from nn101.tui.widgets.inputs_pane import InputsPane
    from nn101.tui.widgets.quiz_pane import QuizPane

SCENARIO_KEY = "scenario:"
FORMULA_FIELD_MAX = 2 * EXPRESSION_MAX
"""The expression dialog's limit: the parser's longest formula plus as much again for its
start values (`f @ x=5, y=2`); past it a paste is refused at once (typing cost in Textual's
Input grows with the square of the length)."""
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



def formula_playground(text: str) -> Playground:
    """A typed formula's playground. A start point outside a gate's domain (`log(x - 2)`
    with x at 1) opens anyway, blocked, so the learner can fix the inputs; a formula that
    no input can fix (`log(-1)`, `9**9**9 * x`, an overflow) is refused as before, with the
    engine's reason (InputError)."""
    try:
        return Playground(expression=text)
    except InputError as refused:
        held = Playground(expression=text, hold=True)
        if not held.circuit.inputs or held.problem is None or held.problem.startswith(
                OVERFLOW):
            raise refused from None
        return held


OVERFLOW = "the output is not a finite number"
"""How nn101.state.start.domain_problem begins when no gate refused but a value overflowed:
no input of a typed formula brings that back, so it is refused rather than held."""


def key_binding(key: str, action: str, description: str, tooltip: str, *, show: bool = True,
                priority: bool = False) -> Binding:
    """A binding whose tooltip is its line in the help screen and the command palette."""
    return Binding(key, action, description, show=show, priority=priority, tooltip=tooltip)


class CircuitScreen(ModelScreen):
    """Step the guide's circuits from the keyboard and watch values and gradients move."""

    WIDTH_CLASSES = ((0, "-narrow"), (100, "-medium"), (120, "-wide"), (160, "-huge"))
    """Width classes (app.tcss says what each one shows) of the room the panes have (the
    terminal's width less a lesson's column): under 100 columns only the circuit and the
    inputs; from 100 the gates table and comparison too (the scenario list hides, so the
    circuit keeps 60 columns); from 120 everything; from 160 the centre takes the extra
    width (the neuron is drawn left to right there)."""

    AUTO_FOCUS = ""
    """Nothing focused at start, nor when a dialog, help or the too-small notice closes:
    every plain key (space, n, b, ...) works at once. (None would mean the App's "*": the
    first focusable widget, which on a 100-column terminal is the hidden picker's field,
    and a hidden field swallowed every key.)"""
    PANES_AT_ONCE: ClassVar[bool | None] = None
    """Mount every pane before the screen's first frame, not just after it (`_mount_panes`).
    None: at once when headless (tests, screenshots: no one waits for a first frame, and a
    test reads every pane as soon as the app runs), after the first frame on a terminal."""
    HELP_FIELDS = (METHOD, *METHOD_FIELDS)
    """The fields the help describes, from their controls."""
    HELP_NOTES = (
        "A bad value in a field says why beside it and changes nothing: the last good value "
        "stays in use. A field applies on enter and when you leave it. Editing an input "
        "starts a new run from there; a setting (method, step size, h, tries, tweak) applies "
        "from the next step. Each scenario keeps its state when you switch away and back; r "
        "starts it over. Random search is seeded (seed 1), so a run can be replayed. Below "
        "120 columns the scenario list hides, below 100 the gates table and comparison too, "
        "and below 34 rows the progress pane (the status line has the iteration and "
        "output): [ ] and ctrl+p still switch scenarios, and every key works even if the "
        "footer has no room to show it."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        key_binding("space,n", "step", "Step", "one step of the current method"),
        key_binding("ctrl+n", "step", "Step", "one step (works in a field)", show=False,
                    priority=True),
        *PLAY_BINDINGS,
        key_binding("b", "walk", "Back 1 gate", "backward pass one gate at a time: the gate "
                    "is highlighted and the chain rule written for each of its inputs"),
        key_binding("ctrl+b", "walk", "Back 1 gate", "one gate of the backward walk (works "
                    "in a field)", show=False, priority=True),
        key_binding("f", "forward", "Forward", "forward pass only: gradients unknown until "
                    "you walk back"),
        key_binding("a", "backward_again", "Backward again", "one more backward pass "
                    "without resetting the gradients: they add up (a step or r clears "
                    "them)", show=False),
        key_binding("r", "reset", "Reset", "reset the inputs, settings and fields to the "
                    "scenario's start"),
        key_binding("ctrl+r", "reset", "Reset", "reset (works in a field)", show=False,
                    priority=True),
        key_binding("m", "cycle_method", "Method", "cycle the method: random search → "
                    "numerical gradient → backprop"),
        key_binding("c", "check", "Check", "gradient check: backprop vs the numerical "
                    "gradient, input by input"),
        key_binding("right_square_bracket", "next_scenario", "Next", "next scenario"),
        key_binding("left_square_bracket", "previous_scenario", "Prev", "previous scenario",
                    show=False),
        key_binding("ctrl+s", "save", "Save", "save the session: circuit, inputs, settings, "
                    "every step", show=False, priority=True),
        key_binding("ctrl+o", "load", "Load", "load a saved session", show=False,
                    priority=True),
        key_binding("x", "export", "Export trace", "export this run's trace as CSV and JSON",
                    show=False),
        key_binding("e", "type_expression", "Formula", "type your own expression (also the "
                    "picker's field, on a wide screen)", show=False),
        key_binding("escape", "leave_field", "Leave field", "leave a field (applies it); "
                    "the plain keys work again", show=False),
        key_binding("d", "toggle_drawing", "Drawing/tree", "the circuit drawn left to right "
                    "as the guide draws it, or as a tree from the output (the tree is shown "
                    "when the drawing does not fit)"),
        key_binding("g", "toggle_equations", "Equations", "switch the gates table and the "
                    "backprop equations in the guide's notation, with the numbers now"),
        key_binding("k", "quiz", "Quiz", "predict, then reveal: the backward walk with the "
                    "gradients hidden; type each wire's gradient (k again ends it)"),
    ]

    def __init__(self, scenario: str | None = None, expression: str | None = None, *,
                 session: Session | None = None, cursor_blink: bool = True) -> None:
        """Open at `session` (a loaded file) if given, else the expression or scenario.

        Raises the engine's error here, before the screen is shown, if it does not fit.
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
        self.quiz_pane: QuizPane | None = None
        self.equations_pane: EquationsPane | None = None
        """Mounted on first use (k, g), then hidden and shown."""
        self.drawing_wanted = True
        """d: the left-to-right drawing where it fits (else the tree), or the tree."""
        self.panes_ready = False
        """Whether the panes mounted after the first frame are there (_mount_panes)."""
        self._after_panes: list[Callable[[], object]] = []

    @property
    def teaching(self) -> Teaching:
        return self.pg.teaching

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "cycle_method" and METHOD in self.teaching.locked)

    # --- layout -----------------------------------------------------------------------

    def compose_main(self) -> ComposeResult:
        """The first frame's panes: the circuit and the status line, in the full layout's
        frame. The side columns, the gates table and the progress pane are mounted just
        after it (`_mount_panes`): composing and styling them was most of the start-up."""
        with Horizontal(id="body"):
            yield Vertical(id="left")
            # the centre column: the circuit pane, then (_mount_panes) the gates table
            # and the progress pane; the equations pane is mounted after the gates table
            # when first asked for (g)
            with Vertical(id="center"), Vertical(id="circuit-pane", classes="pane") as pane:
                pane.border_title = "Circuit"
                pane.border_subtitle = Content.assemble(
                    ("value", "$wire-value"), " · ", ("gradient", "$wire-gradient"),
                    " · ", ("local gradient", "$wire-local"))
                with VerticalScroll(id="circuit-scroll"):
                    yield CircuitDrawing(id="drawing")
                    yield CircuitView(id="circuit")
                    yield WireSums(id="sums")
                yield WalkBanner(id="walk")
                # the quiz pane is mounted here when a quiz first starts (k)
            yield Vertical(id="right")

    def compose_bottom(self) -> ComposeResult:
        yield StatusLine(id="status")

    def register_panes(self) -> None:
        """Every pane and how the playground is shown in it (see tui/panes.py). The ones
        mounted after the first frame are registered when they are mounted."""
        add = self.panes.add
        add("circuit-scroll", self.show_circuit)
        add("sums", lambda: self.panes[WireSums].show(self.pg, hide_gradients=self.asks))
        add("walk", self._show_walk)
        add("status", lambda: self.panes[StatusLine].show(self.pg, self.note,
                                                           playing=self.playing))

    def _later_panes(self) -> dict[str, list[Widget]]:
        """What `_mount_panes` adds, by the column it goes to, in the order shown."""
        # Their modules are imported here, after the first frame: not before it.
        from nn101.tui.widgets.check_pane import CheckPane
        from nn101.tui.widgets.gates_table import GatesTable
        from nn101.tui.widgets.methods_compared import MethodsCompared
        from nn101.tui.widgets.progress_pane import ProgressPane
        from nn101.tui.widgets.scenario_picker import ScenarioPicker

        about = VerticalScroll(Static(id="explanation"), id="about", classes="pane")
        about.border_title = "About"
        return {
            "#left": [ScenarioPicker(self.picker_groups, id="picker"), about],
            "#center": [GatesTable(id="gates", classes="pane"),
                        ProgressPane(id="progress", classes="pane")],
            "#right": [self._inputs_pane(), MethodsCompared(id="compare", classes="pane"),
                       CheckPane(id="check", classes="pane")],
        }

    def _inputs_pane(self) -> InputsPane:
        """The fields of the first circuit are composed with the pane: setting `names`
        after mount would compose the pane twice (a fifth of the start-up)."""
        from nn101.tui.widgets.inputs_pane import InputsPane  # after the first frame

        pane = InputsPane(id="inputs", classes="pane")
        pane.method = self.pg.settings.method
        pane.cursor_blink = self.cursor_blink
        pane.set_reactive(InputsPane.names, tuple(self.pg.circuit.inputs))
        return pane

    async def on_mount(self) -> None:
        self.register_panes()
        theme.install(self.app, on_change=self.refresh_panes)
        self.open_session(self.key, self.pg)
        self.call_after_refresh(self._redraw_circuit)  # the pane's width is known now
        at_once = self.app.is_headless if self.PANES_AT_ONCE is None else self.PANES_AT_ONCE
        if at_once:
            await self._mount_panes()
        else:
            # After the first frame, on the app's queue: keys typed meanwhile wait there
            # until every pane exists, then run in order (none lost, none finds a pane
            # missing).
            self.call_after_refresh(self.app.call_next, self._mount_panes)

    async def _mount_panes(self) -> None:
        """Mount the panes the first frame left out, then fill them."""
        if self.panes_ready or not self.is_attached:
            return
        # One batch: the screen is laid out and drawn once, with every pane filled (no
        # frame of half-mounted panes in between).
        with self.app.batch_update():
            mounting = [self.query_one(column).mount(*panes)
                        for column, panes in self._later_panes().items()]
            for mounted in mounting:
                await mounted
            if not self.is_attached:
                return  # the app ended meanwhile (a signal, q typed at once)
            titles = {"#picker": "Scenarios", "#gates": "Gates", "#progress": "Progress",
                      "#inputs": "Inputs", "#compare": "Methods compared", "#check":
                      "Gradient check"}
            for selector, title in titles.items():
                self.query_one(selector).border_title = title
            for box in self.query(Input):
                box.cursor_blink = self.cursor_blink
            self._register_later_panes()
            self.panes_ready = True
            self.open_session(self.key, self.pg)
        waiting, self._after_panes = self._after_panes, []
        for callback in waiting:
            self.app.call_next(callback)

    def _register_later_panes(self) -> None:
        # Mounted now (_later_panes imported their modules).
        from nn101.tui.widgets.check_pane import CheckPane
        from nn101.tui.widgets.gates_table import GatesTable
        from nn101.tui.widgets.inputs_pane import InputsPane
        from nn101.tui.widgets.methods_compared import MethodsCompared
        from nn101.tui.widgets.progress_pane import ProgressPane

        add, panes = self.panes.add, self.panes
        add("gates", lambda: panes[GatesTable].show(self.pg, hide_gradients=self.asks),
            lesson_name="gates")
        add("progress", lambda: panes[ProgressPane].show(self.pg), lesson_name="progress")
        add("inputs", lambda: panes[InputsPane].show(self.pg, hidden=self.teaching.hidden,
                                                     locked=self.teaching.locked),
            lesson_name="inputs")
        add("compare", lambda: panes[MethodsCompared].show(self.pg), lesson_name="compare")
        add("check", lambda: panes[CheckPane].show(self.pg, hide_gradients=self.asks),
            lesson_name="check")
        add("about", self._show_about, lesson_name="about")
        add("picker", lambda: None, lesson_name="picker")

    def after_panes(self, callback: Callable[[], object]) -> None:
        """Call `callback` once every pane is mounted (at once if they are)."""
        if self.panes_ready:
            self.app.call_next(callback)
        else:
            self._after_panes.append(callback)

    def room_changed(self) -> None:
        self._redraw_circuit()  # the drawing may fit, or not, now

    def _redraw_circuit(self) -> None:
        """show_circuit after a layout; by then the screen may be closing (the app quits,
        a test ends): then there is nothing to draw into."""
        if self.is_attached and self.query("#circuit-scroll"):
            self.show_circuit()

    # --- hooks for the app ------------------------------------------------------------

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
        pickers = self.query("#picker")
        if pickers:  # mounted: its module is imported
            from nn101.tui.widgets.scenario_picker import ScenarioPicker

            pickers.first(ScenarioPicker).set_groups(self.picker_groups)

    def palette_commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        """(title, help, callback) for the command palette: every scenario."""
        for s in SCENARIOS.values():
            yield (f"Scenario: {s.title}", f"{s.group} — {s.expression}",
                   self._scenario_opener(s.name))

    def _scenario_opener(self, name: str) -> Callable[[], None]:
        return lambda: self.open_scenario(name)

    # --- showing the state ------------------------------------------------------------

    def open_session(self, key: str, pg: Playground) -> None:
        """Show `pg` (its quiz too, if one is open: a quiz is its playground's state)."""
        self.stop()
        self._leave_quiz_box()
        self.note = ""
        self.key, self.pg = key, pg
        self.sessions[key] = pg
        self.sub_title = line(pg.title)  # a typed formula: controls visible
        if self.panes_ready:  # else _mount_panes opens it again once they are
            self._show_session(key, pg)
        self.refresh_panes()
        if pg.quiz_open:
            self.call_later(self.show_quiz)

    def _show_session(self, key: str, pg: Playground) -> None:
        """The panes that change only with the circuit: fields, picker, about text."""
        # Mounted after the first frame (_later_panes imported them).
        from nn101.tui.widgets.inputs_pane import InputsPane
        from nn101.tui.widgets.scenario_picker import ScenarioPicker

        inputs = self.query_one(InputsPane)
        names = tuple(pg.circuit.inputs)
        inputs.method = pg.settings.method
        inputs.cursor_blink = self.cursor_blink
        inputs.names = names  # new fields when the inputs differ (the pane refills them)
        self.query_one(ScenarioPicker).mark(key if key.startswith(SCENARIO_KEY) else None)
        self._about_of = None

    _about_of: tuple[Playground, bool] | None = None

    def _show_about(self) -> None:
        """The scenario's explanation; while gradients are asked, only what it is (the
        guide's text quotes the answers: "gradients (-4, -4, 3)")."""
        shown = (self.pg, self.asks)
        if shown == self._about_of:
            return
        self._about_of = shown
        pg = self.pg
        about = Text()
        about.append_text(plain(pg.title, "bold"))  # a Text's own style would cover it all
        if pg.scenario is not None:
            about.append(f"\n{pg.expression}", style="dim")
        about.append("\n\n")
        if self.asks:
            about.append("(the explanation returns once the question is answered: it "
                         "gives the answers)", style="italic")
        else:
            about.append_text(plain(pg.explanation))
        self.panes.named("explanation").update(about)  # type: ignore[attr-defined]

    @property
    def asks(self) -> bool:
        """Whether the gradients are asked now (a quiz question, a lesson step's)."""
        return self.pg.teaching.asks("gradients")

    def refresh_panes(self) -> None:
        self.panes.show_all(self.pg.teaching)

    def _show_walk(self) -> None:
        """The walk's banner, or the quiz in its place while one runs."""
        pg, quiz = self.pg, self.pg.quiz
        if self.has_class("-quizzing") != (quiz is not None):
            self.set_class(quiz is not None, "-quizzing")  # app.tcss: room for the quiz
        walk = self.panes[WalkBanner]
        if walk.display != (quiz is None):
            walk.display = quiz is None
        quiz_pane = self.quiz_pane
        if quiz is None:
            walk.show(pg, hide_gradients=self.asks)
            if quiz_pane is not None and quiz_pane.display:
                quiz_pane.display = False
        elif quiz_pane is None:
            self.call_later(self.show_quiz)  # its pane is mounted on first use
        else:
            quiz_pane.display = True
            quiz_pane.show(quiz, pg.quiz_feedback, pg.quiz_note)

    def show_circuit(self) -> None:
        """The drawing where it fits the pane's width (and `d` has not asked for the tree),
        else the tree; during the quiz, gradients hidden and the question's gate lit."""
        pg = self.pg
        quiz = pg.quiz
        hide = self.asks
        question = quiz.current if quiz is not None else None
        gate = pg.circuit.gates[question.gate_index] if question is not None else None
        drawing = self.panes[CircuitDrawing]
        tree = self.panes[CircuitView]
        scroll = self.panes.named("circuit-scroll")
        # Measured as if a vertical scrollbar were shown: a drawing that makes one appear
        # must still fit, or drawing and tree would take turns for ever (each switch shows
        # or hides the scrollbar, which changes the width the next check sees).
        region = scroll.content_region
        width = region.width - scroll.styles.scrollbar_size_vertical
        height = region.height
        # the compact layout if the roomy one is too tall for the pane; if neither fits
        # the height, the roomy one scrolls (only the width sends it to the tree)
        drawn = (self.drawing_wanted and width > 0
                 and drawing.show(pg, width, height, hide_gradients=hide, gate=gate,
                                  scroll=True))
        if not drawn:
            drawing.clear()
        if drawing.display != drawn or tree.display == drawn:  # a switch re-lays out: rarely
            drawing.display = drawn
            tree.display = not drawn
        if not drawn:
            tree.show(pg, hide_gradients=hide, gate=gate)

    def say(self, note: str) -> None:
        self.note = note
        self.refresh_panes()

    # --- playing (the player is the base's) ---------------------------------------------

    def advance(self, count: int, deadline: float) -> int:
        return self.pg.advance(count, deadline)

    def play_refused(self) -> str:
        if self.pg.status == "diverged":
            return "the run diverged: r resets it"
        if self.pg.status == "blocked":
            return "blocked: change the inputs first"
        self.end_quiz()
        return ""

    # --- actions (keys) ---------------------------------------------------------------

    def action_step(self) -> None:
        self.stop()
        self.end_quiz()
        taken = self.pg.step()
        if not taken:
            self.say("")
            return
        record = taken[-1]
        cost = f"{record.forward_passes} forward pass{'es' if record.forward_passes > 1 else ''}"
        if record.backward_passes:
            cost += f" + {record.backward_passes} backward"
        self.say(f"step {record.iteration}: {cost}")

    def action_walk(self) -> None:
        self.stop()
        self.end_quiz()
        taken = self.pg.walk_step()
        self.say("" if taken else "no gates to walk")

    def action_forward(self) -> None:
        self.stop()
        self.end_quiz()
        self.pg.forward()
        self.say("forward pass")

    def action_backward_again(self) -> None:
        self.stop()
        self.end_quiz()
        if self.pg.backward_without_reset() is None:
            self.app.bell()
            self.say(line(self.pg.message))
            return
        passes = self.pg.unreset_passes
        self.say(f"backward again without a reset ({passes} time{'s' * (passes != 1)}): "
                 "every gradient added to what it held")

    async def show_views(self, views: tuple[str, ...]) -> None:
        """Show what a lesson step is about: the equations in place of the gates table,
        the drawing or the tree."""
        if "drawing" in views or "tree" in views:
            self.drawing_wanted = "drawing" in views
            self.show_circuit()
        if "equations" in views and not self.has_class("-equations"):
            await self.action_toggle_equations()

    def action_reset(self) -> None:
        self.stop()
        self.end_quiz()
        self.pg.reset()
        self.say("reset to the start values")

    def action_cycle_method(self) -> None:
        method = self.pg.cycle_method()
        self.say(f"method: {method.label}")

    def action_check(self) -> None:
        self.stop()
        self.end_quiz()
        try:
            check = self.pg.gradient_check()
        except EngineError as err:  # blocked: outside a gate's domain
            self.say(line(str(err)))
            return
        verdict = "passed" if check.ok else "FAILED"
        if not check.ok and check.explained():
            verdict += f" at a kink ({', '.join(check.explained())}: see the check pane)"
        self.say(f"gradient check {line(verdict)}")

    def action_toggle_drawing(self) -> None:
        self.drawing_wanted = not self.drawing_wanted
        self.show_circuit()
        if self.drawing_wanted and not self.query_one(CircuitDrawing).display:
            self.say("the drawing does not fit this pane: the tree instead")
        else:
            self.say("drawing" if self.drawing_wanted else "tree")

    async def action_toggle_equations(self) -> None:
        if not self.panes_ready:  # typed during the start-up: once the gates table is in
            self.after_panes(self.action_toggle_equations)
            return
        # Mounted on first use (g), after the gates table.
        from nn101.tui.widgets.equations_pane import EquationsPane

        if self.equations_pane is None:
            self.equations_pane = EquationsPane(id="equations", classes="pane")
            self.equations_pane.border_title = "Backprop equations (g: gates)"
            await self.query_one("#center").mount(self.equations_pane, after="#gates")
            pane = self.equations_pane
            self.panes.add("equations", lambda: pane.show(self.pg, hide_gradients=self.asks),
                           lesson_name="equations")
        shown = not self.has_class("-equations")
        self.set_class(shown, "-equations")
        if self.has_class("-narrow"):
            self.say(f"the {'equations' if shown else 'gates table'} will show from 100 "
                     "columns (this terminal is narrower)")
        else:
            self.say("backprop equations" if shown else "gates table")

    # --- the quiz -----------------------------------------------------------------------

    async def action_quiz(self) -> None:
        """Start the quiz at the current point, or end the one running."""
        if self.pg.quiz is not None:
            score = self.pg.quiz.score().text
            self.end_quiz()
            self.say(f"quiz ended: {score}")
            return
        self.stop()
        try:
            self.pg.start_quiz()
        except EngineError as err:
            self.say(line(str(err)))
            return
        await self.show_quiz()

    async def show_quiz(self) -> None:
        """The quiz pane for the playground's quiz (k's, or a lesson step's)."""
        pane = self.quiz_pane
        if pane is None:
            from nn101.tui.widgets.quiz_pane import QuizPane  # mounted on first use (k)

            pane = self.quiz_pane = QuizPane(id="quiz")
            await self.query_one("#circuit-pane").mount(pane, after="#walk")
            for box in pane.query(Input):
                box.cursor_blink = self.cursor_blink
        if self.pg.quiz is None:
            return  # ended meanwhile
        self.say("quiz: type the gradient, enter")
        if not self.pg.quiz.finished:
            pane.focus_answer()

    def end_quiz(self) -> None:
        if self.pg.end_quiz() is not None:
            self._leave_quiz_box()

    def _leave_quiz_box(self) -> None:
        if isinstance(self.focused, Input) and self.focused.id == "quiz-answer":
            self.set_focus(None)

    async def action_give_up(self) -> None:
        """ctrl+g: reveal the quiz's answer, else the lesson step's."""
        pg = self.pg
        if pg.quiz is None or pg.quiz.finished:
            await super().action_give_up()
            return
        pg.quiz_feedback = pg.quiz.give_up()
        pg.quiz_note = pg.quiz_feedback.text
        self._after_answer()

    @on(Answered)
    def _answered(self, event: Answered) -> None:
        pg = self.pg
        quiz = pg.quiz
        if quiz is None or quiz.finished:
            return
        try:
            pg.quiz_feedback = quiz.answer(event.text)
        except EngineError as err:  # not a number: no attempt counted
            pg.quiz_feedback, pg.quiz_note = None, f"{err} (not counted)"
        else:
            pg.quiz_note = ""
        self._after_answer()

    def _after_answer(self) -> None:
        quiz = self.pg.quiz
        if quiz is None:
            return
        feedback = self.pg.quiz_feedback
        if quiz.finished:
            self.set_focus(None)
            self.say(f"quiz done: {quiz.score().text}")
            return
        self.say("right" if feedback is not None and feedback.correct else
                 "not quite: see the hint" if feedback is not None and feedback.hint else "")
        if self.quiz_pane is not None:
            self.quiz_pane.focus_answer()

    def action_next_scenario(self) -> None:
        self._move_scenario(+1)

    def action_previous_scenario(self) -> None:
        self._move_scenario(-1)

    def _move_scenario(self, delta: int) -> None:
        names = list(SCENARIOS)
        current = self.pg.name
        index = names.index(current) + delta if current in names else 0
        self.open_scenario(names[index % len(names)])

    def action_leave_field(self) -> None:
        if isinstance(self.focused, Input):
            self.set_focus(None)

    def open_scenario(self, name: str) -> None:
        key = SCENARIO_KEY + name
        pg = self.sessions.get(key) or Playground(scenario=name)
        self.note = ""
        self.open_session(key, pg)

    # --- files: save, load, export ------------------------------------------------------

    def _ask_path(self, title: str, hint: str, default: str,
                  attempt: Callable[[str], str] | None = None, **options: Any) -> None:
        from nn101.tui.screens.path_prompt import PathPrompt  # a dialog: on first use

        self.stop()
        self.refresh_panes()
        self.app.push_screen(PathPrompt(title, hint, default, attempt,
                                        cursor_blink=self.cursor_blink, **options),
                             callback=self._file_done)

    def _file_done(self, done: str | None) -> None:
        if done:
            # it names a typed path: one line, controls visible, never markup
            self.notify(line(done), title="nn101", markup=False)
            self.say(line(done))

    def action_save(self) -> None:
        self._ask_path("Save session", "The circuit, its inputs, settings and every step, "
                       "as JSON (ctrl+o loads it).", self.session_file, self.save_session)

    def action_load(self) -> None:
        self._ask_path("Load session", "A session saved with ctrl+s. If the file is refused, "
                       "what is open now stays as it is.", self.session_file,
                       prepare=self.prepare_load)

    def action_export(self) -> None:
        self._ask_path("Export trace", "Every step of this run: inputs, gradient, output, "
                       "cost. Writes NAME.csv and NAME.json.", self.trace_file,
                       self.export_trace)

    def action_type_expression(self) -> None:
        """Your own formula in a dialog: the picker's field is hidden on a small terminal."""
        current = self.pg.expression if self.pg.scenario is None else ""
        self._ask_path("Your own expression", "A formula such as (a+b)*c or sig(w*x + b): "
                       "+ - * / ** (or ^), sig, exp, log, tanh, relu, max. Every name is an "
                       "input starting at 1, or give start values after @: "
                       "log(x - 2) @ x=5.", current, self.open_expression,
                       max_length=FORMULA_FIELD_MAX)

    def open_expression(self, text: str) -> str:
        """Open a typed formula (kept per formula, like scenarios; start values after `@`
        open it afresh); the sentence for the user. ExpressionError (shown by the field)
        when the parser refuses it. A start point outside a gate's domain opens anyway,
        blocked: the status line says which gate and why, the inputs fix it."""
        pg = formula_playground(text)
        key = f"expr:{pg.expression}"
        self.open_session(key, pg if "@" in text else self.sessions.get(key, pg))
        if pg.problem is not None:
            return f"opened {pg.expression}, blocked: {pg.problem}"
        return f"opened {pg.expression}"

    def save_session(self, text: str) -> str:
        """Write the open playground to the file (atomically); the sentence for the user."""
        from nn101.tui.screens.path_prompt import user_path  # files: on first use

        path = self.pg.to_session().save(user_path(text))
        self.session_file = text.strip()
        return f"saved {path} (iteration {self.pg.iteration})"

    def prepare_load(self, text: str) -> Callable[[], str]:
        """Read and check the file (slow for a big one: the dialog runs this in a thread)
        and return what opens it; on any error nothing changes (the error says why)."""
        from nn101.state.session import Session  # files: on first use
        from nn101.tui.screens.path_prompt import user_path

        path = user_path(text)
        pg = Playground.from_session(Session.load(path))

        def finish() -> str:
            self.session_file = text.strip()
            self.note = ""
            self.open_session(session_key(pg), pg)
            return f"loaded {path}: {pg.title}, iteration {pg.iteration}"

        return finish

    def load_session(self, text: str) -> str:
        """Load at once (for scripts and tests; the dialog uses prepare_load)."""
        return self.prepare_load(text)()

    def export_trace(self, text: str) -> str:
        """Write the run's trace as CSV and JSON side by side."""
        from nn101.state import trace  # files: on first use
        from nn101.tui.screens.path_prompt import user_path

        csv_path, json_path = trace_paths(user_path(text))
        trace.save_csv(self.pg.run, csv_path)
        trace.save_json(self.pg.run, json_path, self.pg.name)
        self.trace_file = text.strip()
        steps = len(self.pg.history)
        return (f"trace of {steps} step{'' if steps == 1 else 's'} written to {csv_path} "
                f"and {json_path}")

    # --- messages from the panes ------------------------------------------------------

    @on(Picked)
    def _picked(self, event: Picked) -> None:
        if event.key.startswith(SCENARIO_KEY):
            self.open_scenario(event.key.removeprefix(SCENARIO_KEY))
        elif event.key in self.picker_actions:
            self.picker_actions[event.key]()

    @on(ExpressionEntered)
    def _expression(self, event: ExpressionEntered) -> None:
        from nn101.tui.widgets.scenario_picker import ScenarioPicker  # it sent the event

        picker = self.query_one(ScenarioPicker)
        try:
            pg = formula_playground(event.text)
        except EngineError as err:
            picker.show_expression_error(str(err))
            return
        picker.show_expression_error("")
        key = f"expr:{pg.expression}"
        self.open_session(key, pg if "@" in event.text else self.sessions.get(key, pg))

    @on(FieldEdited)
    def _field(self, event: FieldEdited) -> None:
        self.end_quiz()  # new numbers: the quiz's answers would be of another point
        label = event.edited.label
        try:
            self.pg.edit(event.edited, event.text)
        except EngineError as err:
            self.say(f"{line(str(err))} (kept the last good value)")
            return
        self.say(f"{label} set")

    @on(MethodChosen)
    def _method(self, event: MethodChosen) -> None:
        self.pg.edit(METHOD, event.method.value)
        self.say(f"method: {event.method.label}")
