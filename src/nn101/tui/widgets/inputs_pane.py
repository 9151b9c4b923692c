"""The circuit's inputs, then the method and the settings that apply: one ControlForm.

The pane validates nothing itself: the form reports an edit up (FieldEdited, carrying the
row's Control) when the user presses enter or leaves the field, so half-typed text such as
"1e40" on the way to "1e400" never moves the state; the screen asks the playground, which
keeps any refusal in `errors`, and `show` draws it under the row. A row is identified by
its Control object, never by an id (an input may be called `h`, like the setting). Rows
that do not apply to the method (tries and tweak for random search, h for the numerical
gradient) are hidden, never removed; a lesson hides or locks rows through the screen's
`hidden` and `locked`, which `show` is given.

Every input of a formula gets a row (a formula with 60 inputs has 60): the pane scrolls.
The force row (the gradient given to the output, the guide's pull) applies to every
method.
The method is a choice row; choosing one goes up as MethodChosen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive

from nn101.engine.methods import Method
from nn101.state.controls import DX, METHOD, METHOD_FIELDS, Control, input_control
from nn101.state.playground import METHOD_ORDER, Playground
from nn101.tui.display import short
from nn101.tui.messages import FieldEdited, MethodChosen
from nn101.tui.widgets.control_form import ControlField, ControlForm, FormRow

SHOWN_SETTINGS = (*METHOD_FIELDS, DX)
"""The settings under the inputs: the method's, then dx (every method's)."""
METHOD_CHOICES = tuple((m.value, m.label) for m in METHOD_ORDER)
NO_CONTROLS: frozenset[Control] = frozenset()


class InputsPane(VerticalScroll, can_focus=False):
    """Scrolls the form (its cursor and field scroll into view): no tab stop of its own."""

    names: reactive[tuple[str, ...]] = reactive(())
    """The circuit's inputs (set by the screen; `show` draws their rows from the
    playground)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.method = Method.ANALYTIC
        """The method shown."""
        self.cursor_blink = True
        self.form = ControlForm(id="inputs-form")

    def compose(self) -> ComposeResult:
        yield self.form

    def show(self, pg: Playground, *, hidden: frozenset[Control] = NO_CONTROLS,
             locked: frozenset[Control] = NO_CONTROLS,
             asked: frozenset[Control] = NO_CONTROLS) -> None:
        """Draw the playground's values and refusals (a row being typed in keeps its text);
        `hidden`, `locked` and `asked` are the screen's (a lesson's, a quiz's)."""
        s = pg.settings
        self.method = s.method
        self.form.editor.cursor_blink = self.cursor_blink
        values = {input_control(name): f"{v:.12g}" for name, v in pg.inputs().items()}
        values.update({c: str(getattr(s, c.key)) if c.kind == "whole"
                       else short(getattr(s, c.key)) for c in METHOD_FIELDS})
        values[DX] = short(pg.upstream)
        rows = [FormRow(METHOD, s.method.value, hidden=METHOD in hidden,
                        locked=METHOD in locked, asked=METHOD in asked,
                        choices=METHOD_CHOICES)]
        controls = [input_control(name) for name in pg.inputs()]
        for control in (*controls, *SHOWN_SETTINGS):
            refused = pg.errors.get(control)
            text, error = refused if refused is not None else (values[control], "")
            rows.append(FormRow(
                control, text, error,
                hidden=control in hidden or not control.applies_to(s.method),
                locked=control in locked, asked=control in asked))
        self.form.show(rows)

    @on(FieldEdited)
    def _method(self, event: FieldEdited) -> None:
        """A method chosen in its row goes up as MethodChosen (the screen names it)."""
        if event.edited != METHOD:
            return
        event.stop()
        method = Method(event.text)
        if method != self.method:
            self.method = method
            self.post_message(MethodChosen(method))

    def edit(self, control: Control, text: str | None = None) -> ControlField | None:
        """Open `control`'s field (None if this circuit has no such row, or it is hidden)."""
        return self.form.edit(control, text)

    def error_of(self, control: Control) -> str:
        """The message shown under a row ('' when it is valid)."""
        return self.form.error_of(control)
