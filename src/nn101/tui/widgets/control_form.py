"""One form for editable controls: rows drawn with the line API, one field for the row edited.

A row per `Control` (its label, its value, its refusal under it), drawn as strips by the
form itself, so a form of nine settings is two widgets (the form and its one field), not
four per row: a step re-composites every widget between the header and the footer, and
the circuit screen's inputs pane was 36 of them (README, Performance).

What a row shows is the model's state, given whole by `show(rows)` each time the model
changes: the text, the refusal, and whether a lesson hides it (or it does not apply to the
method), locks it (drawn dim, not editable) or asks it (drawn `?`, not editable). The
form keeps no state of its own beyond which row the cursor is on and which is edited.

Editing, as every field of the app: click a row, or focus the form (tab) and press enter
on a row, or type a digit, sign or point there; the row's field opens on it. Enter applies
and keeps the field open; leaving it (escape, tab, a click elsewhere) applies and closes
it. A choice row (method, model, data set, activation) has no field: left and right step
through its choices, enter and a click take the next one. Every edit goes up as one
`FieldEdited(control, text)`, choices included; the screen asks the model, which keeps a
refusal, and the next `show` draws it under the row. A row being edited keeps what is
typed: `show` never rewrites the field.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.errors import NoWidget
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input

from nn101.state.controls import Control
from nn101.tui.messages import FieldEdited
from nn101.tui.widgets.bounded_input import BoundedInput
from nn101.tui.widgets.field import Field

MAX_FIELD_CHARS = 1_000
"""The longest text a field takes: far past any number (a paste past it is refused with
one message, see BoundedInput), short enough that every key costs little."""
CYCLES = "‹›"
"""Drawn at the right of a choice row: left and right step through its choices."""
STARTS_NUMBER = frozenset("0123456789-+.")
"""Keys that open the cursor row's field with themselves as its text (letters stay the
screen's keys)."""


@dataclass(frozen=True)
class FormRow:
    """One control as the model has it now."""

    control: Control
    text: str
    """The value in force, or the refused text while `error` says why."""
    error: str = ""
    hidden: bool = False
    locked: bool = False
    asked: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    """A choice row's (value, shown name) pairs, in the order left/right step through;
    empty: the control's own choices, shown as they are."""

    def options(self) -> tuple[tuple[str, str], ...]:
        return self.choices or tuple((c, c) for c in self.control.choices)

    @property
    def editable(self) -> bool:
        return not (self.hidden or self.locked or self.asked)


class ControlField(Field, BoundedInput):
    """The form's one field: bounded (a huge paste is refused in constant time per key)
    and repainting only itself on a new value (see Field)."""

    def __init__(self) -> None:
        # Compact and valid (it has no validators) without a restyle each, set quietly.
        super().__init__(max_length=MAX_FIELD_CHARS, classes="field -valid",
                         select_on_focus=False)
        self.set_reactive(Input.compact, True)
        self.add_class("-textual-compact", update=False)
        self.control: Control | None = None
        """The control being edited (None while the field is closed)."""


class ControlForm(Widget, can_focus=True):
    """Rows of controls; see the module's docstring."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("enter", "enter", "Edit", show=False),
        Binding("left", "cycle(-1)", "Previous choice", show=False),
        Binding("right", "cycle(1)", "Next choice", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "control-form--label", "control-form--value", "control-form--choice",
        "control-form--cursor", "control-form--refused", "control-form--error",
        "control-form--locked", "control-form--asked",
    }

    DEFAULT_CSS = """
    ControlForm {
        height: auto;
    }
    ControlForm > ControlField {
        position: absolute;
        display: none;
        height: 1;
    }
    ControlForm > ControlField.-open {
        display: block;
    }
    ControlForm > .control-form--label { color: $text-muted; }
    ControlForm > .control-form--value { background: $boost; }
    ControlForm > .control-form--choice { background: $boost; }
    ControlForm > .control-form--cursor { background: $accent 40%; color: $foreground; }
    ControlForm > .control-form--refused { background: $error 30%; }
    ControlForm > .control-form--error { color: $text-error; }
    ControlForm > .control-form--locked { color: $text-disabled; }
    ControlForm > .control-form--asked { color: $text-warning; text-style: bold; }
    """

    def __init__(self, *, label_width: int = 11, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label_width = label_width
        self.rows: tuple[FormRow, ...] = ()
        self.cursor = 0
        """The row the keys act on (an index into `rows`)."""
        self.editor = ControlField()
        self._sent = ""
        """The text the field last sent (or was opened with): leaving it sends only news."""
        self._refused = ""
        """The field's own refusal (too long), shown under its row until it is closed."""
        self._lines: tuple[int, list[tuple[int, str]]] | None = None
        """For a width: each line's row index and what it is ('' the row, else an error
        line's text)."""
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}
        """Each part's style on the form's own, until the styles change."""

    def compose(self) -> ComposeResult:
        yield self.editor

    # --- the model's state --------------------------------------------------------------

    def show(self, rows: Sequence[FormRow]) -> None:
        """Draw `rows` (the field being typed in keeps its text)."""
        rows = tuple(rows)
        if rows == self.rows:
            return
        old_rows, width = self.rows, self.size.width
        old_lines = self._layout(width)
        self.rows = rows
        self.cursor = min(self.cursor, max(len(rows) - 1, 0))
        self._lines = None
        edited = self.row(self.editor.control) if self.editor.control is not None else None
        if self.editor.control is not None and (edited is None or not edited.editable):
            self._close()
        lines = self._layout(width)
        if lines == old_lines and width:
            # The same lines (a step: new numbers): only the rows that changed repaint.
            changed = [y for y, (index, what) in enumerate(lines)
                       if what == "" and old_rows[index] != rows[index]]
            for y in changed:
                self._strips.pop(y, None)
            if changed:  # (no region at all would repaint the whole form)
                self.refresh(*(Region(0, y, width, 1) for y in changed))
        else:
            self._strips.clear()
            self.refresh(layout=len(lines) != len(old_lines))
        self._place_editor()

    def row(self, control: Control) -> FormRow | None:
        return next((r for r in self.rows if r.control == control), None)

    def error_of(self, control: Control) -> str:
        """The message under a row ('' when it is valid or hidden)."""
        row = self.row(control)
        if row is None or row.hidden:
            return ""
        if self._refused and control == self.editor.control:
            return f"✗ {self._refused}"
        return f"✗ {row.error}" if row.error else ""

    def text_of(self, control: Control) -> str:
        """What the row shows as its value (`?` when asked)."""
        row = self.row(control)
        return "" if row is None else self._value(row)

    # --- editing ------------------------------------------------------------------------

    def edit(self, control: Control, text: str | None = None) -> ControlField | None:
        """Open `control`'s field (with `text`, else the row's) and focus it; None when the
        row is not shown or cannot be edited (a choice row is cycled, not typed in)."""
        row = self.row(control)
        if row is None or not row.editable or row.control.kind == "choice":
            return None
        box = self.editor
        if box.control is not None and box.control != control:
            self._apply()
        self.cursor = self.rows.index(row)
        box.control = control
        self._refused = ""
        self._sent = row.text if text is None else ""
        with box.prevent(Input.Changed):
            box.value = row.text if text is None else text
            box.cursor_position = len(box.value)
        box.add_class("-open")
        self._place_editor()
        self._forget()
        self.refresh(layout=True)
        box.focus()
        self.call_after_refresh(box.scroll_visible)
        return box

    def _line_of(self, control: Control) -> int | None:
        """The line a row is drawn on (None when it is hidden or not there)."""
        return next((y for y, (index, what) in enumerate(self._layout(self.size.width))
                     if what == "" and self.rows[index].control == control), None)

    def row_region(self, control: Control) -> Region:
        """Where a row is on the screen, cut to what its scrolling pane shows (empty when
        hidden or scrolled out of view)."""
        y = self._line_of(control)
        if y is None:
            return Region()
        try:
            clip = self.screen.find_widget(self).clip
        except NoWidget:
            return Region()
        content = self.content_region
        return Region(content.x, content.y + y, content.width, 1).intersection(clip)

    def discard(self) -> None:
        """Close the field without sending what it holds (a reset puts every row back)."""
        if self.editor.control is not None:
            self._close()

    def _place_editor(self) -> None:
        box = self.editor
        if box.control is None:
            return
        y = self._line_of(box.control) or 0
        x = self.label_width + 1  # the text where the row's value is drawn
        width = max(self.size.width - x, 1)
        if box.styles.offset.y.value != y or box.styles.width is None or \
                box.styles.width.value != width:
            box.styles.offset = (x, y)
            box.styles.width = width

    def _apply(self) -> None:
        """Send the field's text if it is news (or its row is refused: try again)."""
        box = self.editor
        control = box.control
        if control is None:
            return
        row = self.row(control)
        if row is None:
            return
        if box.value != self._sent or row.error:
            self._sent = box.value
            self.post_message(FieldEdited(control, box.value))

    def _close(self) -> None:
        box = self.editor
        box.control = None
        # Closed by the model or a reset, not by leaving it: the field lets go of the
        # focus, after a focus still on its way (`focus()` is queued on the app).
        self.app.call_later(self._let_go)
        self._refused = ""
        box.remove_class("-open")
        self._forget()
        self.refresh(layout=True)

    def _let_go(self) -> None:
        if self.editor.control is None and self.screen.focused is self.editor:
            self.screen.set_focus(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply()  # and the field stays open, as every field of the app

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        event.stop()
        if not self.editor.is_attached:
            return
        self._apply()
        self._close()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()

    @on(BoundedInput.Refused)
    def _too_long(self, event: BoundedInput.Refused) -> None:
        event.stop()
        self._refused = event.reason
        self._forget()
        self.refresh(layout=True)
        self._place_editor()

    # --- keys and the mouse -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the field is open the keys are its own (up and down go on to the screen).
        return self.editor.control is None

    def _cursor_row(self) -> FormRow | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def action_move(self, step: int) -> None:
        shown = [i for i, r in enumerate(self.rows) if not r.hidden]
        if not shown:
            return
        at = shown.index(self.cursor) if self.cursor in shown else 0
        self.cursor = shown[max(0, min(len(shown) - 1, at + step))]
        self._forget()
        self.refresh()
        line = self._line_of(self.rows[self.cursor].control)
        if line is not None and isinstance(self.parent, Widget):  # its pane scrolls to it
            self.parent.scroll_to_region(Region(0, self.virtual_region.y + line, 1, 1),
                                         animate=False)

    def action_enter(self) -> None:
        row = self._cursor_row()
        if row is None:
            return
        if row.control.kind == "choice":
            self.action_cycle(1)
        else:
            self.edit(row.control)

    def action_cycle(self, step: int) -> None:
        row = self._cursor_row()
        if row is not None:
            self._cycle(row, step)

    def _cycle(self, row: FormRow, step: int) -> None:
        """The next (or previous) choice of a choice row goes up as an edit."""
        options = [value for value, _ in row.options()]
        if row.control.kind != "choice" or not row.editable or not options:
            return
        at = options.index(row.text) if row.text in options else -step
        self.post_message(FieldEdited(row.control, options[(at + step) % len(options)]))

    def on_key(self, event: events.Key) -> None:
        row = self._cursor_row()
        if (self.has_focus and event.character is not None and
                event.character in STARTS_NUMBER and row is not None):
            event.stop()
            event.prevent_default()
            self.edit(row.control, event.character)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or event.widget is self.editor:
            return
        lines = self._layout(self.size.width)
        if not 0 <= offset.y < len(lines):
            return
        index, _what = lines[offset.y]
        row = self.rows[index]
        if row.control == self.editor.control:
            return
        self.cursor = index
        self._forget()
        self.refresh()
        if row.control.kind == "choice":
            self._cycle(row, 1)
        elif row.editable:
            self.edit(row.control)

    def on_focus(self) -> None:
        self._forget()
        self.refresh()

    def on_blur(self) -> None:
        self._forget()
        self.refresh()

    # --- drawing ------------------------------------------------------------------------

    def _line_count(self) -> int:
        return len(self._layout(self.size.width)) if self.size.width else len(
            [r for r in self.rows if not r.hidden])

    def _layout(self, width: int) -> list[tuple[int, str]]:
        if self._lines is not None and self._lines[0] == width:
            return self._lines[1]
        lines: list[tuple[int, str]] = []
        for index, row in enumerate(self.rows):
            if row.hidden:
                continue
            lines.append((index, ""))
            error = self.error_of(row.control)
            if error:
                lines.extend((index, part) for part in
                             textwrap.wrap(error, max(width, 8), break_on_hyphens=False)
                             or [error])
        self._lines = (width, lines)
        return lines

    def _forget(self) -> None:
        self._lines = None
        self._strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
        self._styles.clear()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._layout(width))

    def on_resize(self) -> None:
        self._place_editor()

    def _value(self, row: FormRow) -> str:
        if row.asked:
            return "?"
        if row.control.kind == "choice":
            shown = dict(row.options()).get(row.text, row.text)
            return shown
        return row.text

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        found = self._strips.get(y)
        if found is not None:
            return found
        base = self.visual_style.rich_style
        lines = self._layout(width)
        if y >= len(lines) or width <= 0:
            return Strip.blank(width, base)
        index, what = lines[y]
        if what:
            strip = Strip([Segment(_fit(what, width),
                                   base + self._style("error"))])
        else:
            strip = self._row_strip(self.rows[index], index, width, base)
        self._strips[y] = strip
        return strip

    def _style(self, part: str) -> Style:
        found = self._styles.get(part)
        if found is None:
            found = self.get_component_rich_style(f"control-form--{part}")
            self._styles[part] = found
        return found

    def _row_strip(self, row: FormRow, index: int, width: int, base: Style) -> Strip:
        label_style = base + self._style("label")
        value_style = base + self._style("value")
        if row.control.kind == "choice" and row.editable:
            value_style = base + self._style("choice")
        if row.error:
            value_style += self._style("refused")
        if row.locked:
            label_style = value_style = base + self._style("locked")
        if row.asked:
            value_style = base + self._style("asked")
        if self.has_focus and index == self.cursor:
            label_style += self._style("cursor")
        label_width = min(self.label_width, width)
        label = _fit(row.control.label, label_width - 1) + " " if label_width > 1 else \
            _fit(row.control.label, label_width)
        room = width - label_width
        if row.control.kind == "choice" and row.editable and room > len(CYCLES) + 2:
            # the choice, and at the right edge the keys that step through it
            value = _fit(" " + self._value(row), room - len(CYCLES) - 1) + " " + CYCLES
        else:
            value = _fit(" " + self._value(row), room)
        return Strip([Segment(label, label_style), Segment(value, value_style)])


def _fit(text: str, width: int) -> str:
    """`text` cut with an ellipsis or padded to `width` cells (plain text: never markup)."""
    if width <= 0:
        return ""
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "…"
    return text + " " * (width - size)
