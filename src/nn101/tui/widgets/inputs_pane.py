"""One validated field per circuit input, then the method and the settings that apply.

The pane validates nothing itself: it reports an edit up (FieldEdited, carrying the field's
Control) when the user presses enter or leaves the field, so half-typed text such as "1e40"
on the way to "1e400" never moves the state; the screen asks the playground, which keeps
any refusal in `errors`, and `show` draws it beside the field. A field is identified by its
Control object, never by its id (an input may be called `h`, like the setting). Fields that
do not apply to the method (tries and tweak for random search, h for the numerical
gradient) are hidden, never removed: what was typed survives a method change.

Every input of a formula gets a field (a formula with 60 inputs has 60): the pane scrolls.
The force field (the gradient given to the output, the guide's pull) applies to every method.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Input, Label, Select, Static

from nn101.engine.methods import Method
from nn101.state.controls import DX, METHOD_FIELDS, Control, input_control
from nn101.state.playground import METHOD_ORDER, Playground
from nn101.tui.display import short
from nn101.tui.messages import FieldEdited, MethodChosen
from nn101.tui.widgets.field import Field


def field_id(control: Control) -> str:
    """`in-<name>` for an input, `set-<key>` for a setting: names are identifiers, and the
    group prefix keeps an input called `h` apart from the setting (the id is for styles and
    tests; the field's identity is its `control`)."""
    return f"{'in' if control.group == 'input' else 'set'}-{control.key}"


class ControlField(Field):
    """A field that knows which control it edits."""

    def __init__(self, control: Control, **kwargs: object) -> None:
        # Made compact and valid (it has no validators) without a restyle each: Textual's
        # Input restyles the field as `compact=True` adds its class and again as its first
        # value adds `-valid`; set here quietly, the field is styled once, as it mounts.
        super().__init__(classes="field -valid", id=field_id(control),
                         **kwargs)  # type: ignore[arg-type]
        self.set_reactive(Input.compact, True)
        self.add_class("-textual-compact", update=False)
        self.control = control


SHOWN_SETTINGS = (*METHOD_FIELDS, DX)
"""The settings under the inputs: the method's, then dx (every method's)."""


class InputsPane(VerticalScroll):
    names: reactive[tuple[str, ...]] = reactive((), recompose=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.method = Method.ANALYTIC
        """The method shown (set by the app before the fields are composed)."""
        self._shown: dict[Control, str] = {}
        """The text each field was last given from the playground."""
        self._pg: Playground | None = None
        self._method_shown: Method | None = None
        """The method the select and the rows that apply to it were last set for."""
        self.cursor_blink = True
        self._fields: list[ControlField] = []
        self._errors: list[Static] = []
        """The fields and their error lines as composed: a step writes into every one of
        them, and finding them by a query walked the pane's subtree each time (a third of
        the step key's time)."""

    async def recompose(self) -> None:
        """New fields for a new circuit, then filled from the playground at once."""
        await super().recompose()
        self._shown.clear()
        self._method_shown = None
        for box in self.query(Input):
            box.cursor_blink = self.cursor_blink
        if self._pg is not None:
            self.show(self._pg)


    def compose(self) -> ComposeResult:
        self._fields, self._errors = [], []
        options = [(m.label, m) for m in METHOD_ORDER]
        with Horizontal(classes="field-row"):
            yield Label("method", classes="field-label")
            yield Select(options, allow_blank=False, value=self.method, compact=True,
                         id="method")
        for name in self.names:
            yield from self._row(input_control(name))
        for control in SHOWN_SETTINGS:
            yield from self._row(control)

    def _row(self, control: Control) -> ComposeResult:
        row = Horizontal(classes=f"field-row {control.group}")
        row.control = control  # type: ignore[attr-defined]
        with row:
            yield Label(Content(control.label), classes="field-label")  # a name: plain text
            field = ControlField(control)
            self._fields.append(field)
            yield field
        error = Static("", classes="field-error")
        error.control = control  # type: ignore[attr-defined]
        self._errors.append(error)
        yield error

    @on(Input.Submitted, ".field")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._report(event.input)

    @on(Input.Blurred, ".field")
    def _blurred(self, event: Input.Blurred) -> None:
        self._report(event.input)

    def _report(self, box: Input) -> None:
        """Report an edit (enter, or leaving the field) unless the text is what was shown."""
        if not box.is_attached or not isinstance(box, ControlField):
            return
        if box.value != self._shown.get(box.control) or box.has_class("-refused"):
            self.post_message(FieldEdited(box.control, box.value))

    @on(Select.Changed, "#method")
    def _method(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == self.method:
            return  # the pane showing the playground's method, not a choice
        if isinstance(event.value, Method):
            self.method = event.value
            self.post_message(MethodChosen(event.value))

    def field(self, control: Control) -> ControlField | None:
        """The field editing `control` (None if this circuit has none)."""
        return next((f for f in self._fields if f.control == control), None)

    def error_of(self, control: Control) -> str:
        """The message shown next to a field ('' when it is valid)."""
        for error in self._errors:
            if getattr(error, "control", None) == control and error.has_class("-shown"):
                return str(error.render())
        return ""

    def show(self, pg: Playground) -> None:
        """Put the playground's values and refusals in the fields; a field being typed in
        is never rewritten."""
        self._pg = pg
        s = pg.settings
        values = {input_control(name): f"{v:.12g}" for name, v in pg.inputs().items()}
        values.update({c: str(getattr(s, c.key)) if c.kind == "whole"
                       else short(getattr(s, c.key)) for c in METHOD_FIELDS})
        values[DX] = short(pg.upstream)
        with self.prevent(Input.Changed, Select.Changed):
            for box in self._fields:
                refused = pg.errors.get(box.control)
                box.set_class(refused is not None, "-refused")
                text = values.get(box.control)
                if refused is not None or box.has_focus or text is None:
                    continue  # never rewrite what the user typed or is typing
                self._shown[box.control] = text
                if box.value != text:
                    box.value = text
                    box.cursor_position = len(text)
            for error in self._errors:
                refused = pg.errors.get(getattr(error, "control", None))  # type: ignore[arg-type]
                if refused is not None:
                    error.update(Content(f"✗ {refused[1]}"))  # user text: never markup
                error.set_class(refused is not None, "-shown")
            self.method = s.method
            if s.method is self._method_shown:
                return  # the select and the rows shown are right (querying costs ms)
            self._method_shown = s.method
            for select in self.query("#method").results(Select):
                if select.is_mounted and select.value != s.method:  # else composed with it
                    select.value = s.method
        for row in self.query(".field-row.method"):
            control: Control = row.control  # type: ignore[attr-defined]
            row.display = control.applies_to(s.method)
