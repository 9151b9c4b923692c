"""One validated field per circuit input, then the method and the settings that apply.

The pane validates nothing itself: it reports an edit up (FieldEdited) when the user presses
enter or leaves the field, so half-typed text such as "1e40" on the way to "1e400" never
moves the state; the app asks the playground, then calls `show_error` or `clear_error`.
Fields that do not apply to the method (tries and tweak for random search, h for the
numerical gradient) are hidden by CSS class, never removed: what was typed survives a
method change.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Select, Static

from nn101.engine.methods import Method
from nn101.state.playground import METHOD_ORDER, Playground
from nn101.tui.display import short
from nn101.tui.widgets.field import Field

MAX_FIELDS = 12
"""Input fields shown for a big typed formula; the rest keep their start values."""
SETTINGS = (("step_size", "step size"), ("h", "h"), ("tries", "tries"), ("tweak", "tweak"))
APPLIES: dict[str, tuple[Method, ...]] = {
    "step_size": (Method.NUMERICAL, Method.ANALYTIC),
    "h": (Method.NUMERICAL,),
    "tries": (Method.RANDOM,),
    "tweak": (Method.RANDOM,),
}


def field_id(field: str) -> str:
    """Inputs are `in-<name>`, settings `set-<name>` (names are identifiers)."""
    return f"set-{field}" if field in APPLIES else f"in-{field}"


@dataclass
class FieldEdited(Message):
    """The user changed a field's text (valid or not: the app decides)."""

    field: str
    text: str


@dataclass
class MethodChosen(Message):
    method: Method


class InputsPane(Vertical):
    names: reactive[tuple[str, ...]] = reactive((), recompose=True)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.method = Method.ANALYTIC
        """The method shown (set by the app before the fields are composed)."""
        self._shown: dict[str, str] = {}
        """The text each field was last given from the playground."""
        self._pg: Playground | None = None
        self._method_shown: Method | None = None
        """The method the select and the rows that apply to it were last set for."""
        self.cursor_blink = True

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
        options = [(m.label, m) for m in METHOD_ORDER]
        with Horizontal(classes="field-row"):
            yield Label("method", classes="field-label")
            yield Select(options, allow_blank=False, value=self.method, compact=True,
                         id="method")
        for name in self.names[:MAX_FIELDS]:
            yield from self._row(name, name, "input")
        if len(self.names) > MAX_FIELDS:
            hidden = len(self.names) - MAX_FIELDS
            yield Static(f"… {hidden} more inputs: they start at 1 (the circuit shows them)",
                         classes="field-note")
        for key, label in SETTINGS:
            yield from self._row(key, label, "setting")

    def _row(self, field: str, label: str, kind: str) -> ComposeResult:
        with Horizontal(classes=f"field-row {kind} applies-{field}"):
            yield Label(label, classes="field-label")
            yield Field(compact=True, id=field_id(field), classes="field")
        yield Static("", id=f"err-{field_id(field)}", classes="field-error")

    @on(Input.Submitted, ".field")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._report(event.input)

    @on(Input.Blurred, ".field")
    def _blurred(self, event: Input.Blurred) -> None:
        self._report(event.input)

    def _report(self, box: Input) -> None:
        """Report an edit (enter, or leaving the field) unless the text is what was shown."""
        if not box.is_attached:
            return
        field = (box.id or "").split("-", 1)[1]
        if box.value != self._shown.get(field) or box.has_class("-refused"):
            self.post_message(FieldEdited(field, box.value))

    @on(Select.Changed, "#method")
    def _method(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == self.method:
            return  # the pane showing the playground's method, not a choice
        if isinstance(event.value, Method):
            self.method = event.value
            self.post_message(MethodChosen(event.value))

    def show_error(self, field: str, message: str) -> None:
        try:
            error = self.query_one(f"#err-{field_id(field)}", Static)
        except NoMatches:
            return  # the field belonged to the circuit that was open before
        error.update(Content(f"✗ {message}"))  # user text: never markup
        error.add_class("-shown")
        self.query_one(f"#{field_id(field)}", Input).add_class("-refused")

    def clear_error(self, field: str) -> None:
        self.query_one(f"#err-{field_id(field)}", Static).remove_class("-shown")
        self.query_one(f"#{field_id(field)}", Input).remove_class("-refused")

    def error_of(self, field: str) -> str:
        """The message shown next to a field ('' when it is valid)."""
        error = self.query_one(f"#err-{field_id(field)}", Static)
        return str(error.render()) if error.has_class("-shown") else ""

    def show(self, pg: Playground) -> None:
        """Put the playground's values in the fields, except a field showing an error."""
        self._pg = pg
        s = pg.settings
        values = {name: f"{v:.12g}" for name, v in pg.inputs().items()}
        values.update(step_size=short(s.step_size), h=short(s.h), tries=str(s.tries),
                      tweak=short(s.tweak))
        with self.prevent(Input.Changed, Select.Changed):
            for field, text in values.items():
                try:
                    box = self.query_one(f"#{field_id(field)}", Input)
                except NoMatches:
                    continue  # the fields are being recomposed for a new circuit
                if box.has_class("-refused") or box.has_focus:
                    continue  # never rewrite what the user is typing
                self._shown[field] = text
                if box.value != text:
                    box.value = text
                    box.cursor_position = len(text)
            self.method = s.method
            if s.method is self._method_shown:
                return  # the select and the rows shown are right (querying costs ms)
            self._method_shown = s.method
            for select in self.query("#method").results(Select):
                if select.is_mounted and select.value != s.method:  # else composed with it
                    select.value = s.method
        for field, methods in APPLIES.items():
            for row in self.query(f".applies-{field}"):
                row.display = s.method in methods
