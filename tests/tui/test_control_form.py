"""The control form on its own: rows drawn from controls, one field, edits going up as
FieldEdited with the Control, and the model's hidden/locked/asked state drawn as given."""

from __future__ import annotations

from textual import events, on
from textual.app import App, ComposeResult
from textual.widgets import Input

from nn101.state import controls
from nn101.state.controls import Control, input_control
from nn101.tui.messages import FieldEdited
from nn101.tui.widgets.control_form import MAX_FIELD_CHARS, ControlForm, FormRow

X = input_control("x")
H_INPUT = input_control("h")  # an input named like the setting h: a different control


class FormApp(App[None]):
    def __init__(self, rows: list[FormRow]) -> None:
        super().__init__()
        self.rows = rows
        self.edits: list[tuple[Control, str]] = []

    def compose(self) -> ComposeResult:
        yield ControlForm(id="form")
        yield Input(id="elsewhere")

    def on_mount(self) -> None:
        self.query_one(ControlForm).show(self.rows)

    @on(FieldEdited)
    def _edited(self, event: FieldEdited) -> None:
        self.edits.append((event.edited, event.text))


def rows() -> list[FormRow]:
    return [FormRow(X, "1"), FormRow(H_INPUT, "2"), FormRow(controls.H, "0.0001"),
            FormRow(controls.DIFFERENCE, "forward")]


def typed(form: ControlForm, control: Control, text: str) -> Input:
    """Open `control`'s field and put `text` in it (not sent yet)."""
    box = form.edit(control)
    assert box is not None
    box.value = text
    return box


def lines(app: FormApp) -> list[str]:
    form = app.query_one(ControlForm)
    return [form.render_line(y).text.rstrip() for y in range(form.size.height)]


async def test_rows_are_drawn_from_the_controls() -> None:
    app = FormApp(rows())
    async with app.run_test(size=(40, 10)):
        assert lines(app) == ["x           1", "h           2", "h           0.0001",
                              "difference  forward".ljust(38) + "‹›"]  # 40 columns
        # two widgets for four rows: the form and its one (closed) field
        assert len(app.query_one(ControlForm).query("*")) == 1


async def test_an_edit_goes_up_with_its_control_on_enter_and_on_leaving() -> None:
    app = FormApp(rows())
    async with app.run_test(size=(40, 10)) as pilot:
        form = app.query_one(ControlForm)
        box = form.edit(H_INPUT)
        assert box is not None and box.value == "2"
        box.value = "3"
        await pilot.press("enter")
        assert app.edits == [(H_INPUT, "3")]  # the input h, not the setting h
        assert box.has_focus  # enter keeps the field, as every field of the app
        await pilot.press("enter")
        assert app.edits == [(H_INPUT, "3")]  # nothing new: nothing sent
        box.value = "4"
        app.query_one("#elsewhere").focus()  # leaving applies
        await pilot.pause()
        assert app.edits == [(H_INPUT, "3"), (H_INPUT, "4")]
        assert form.editor.control is None and not form.editor.display


async def test_a_click_opens_the_row_and_applies_the_row_left() -> None:
    app = FormApp(rows())
    async with app.run_test(size=(40, 10)) as pilot:
        form = app.query_one(ControlForm)
        await pilot.click(ControlForm, offset=(2, 0))
        assert form.editor.control == X and form.editor.has_focus
        form.editor.value = "5"
        await pilot.click(ControlForm, offset=(2, 2))  # the setting h: x's text is sent
        assert app.edits == [(X, "5")]
        assert form.editor.control == controls.H and form.editor.value == "0.0001"
        # the field sits on its row, right of the label
        assert form.editor.region.y == form.region.y + 2
        assert form.editor.region.x == form.region.x + 12  # label, space, then the text


async def test_keys_move_edit_and_cycle_choices() -> None:
    app = FormApp(rows())
    async with app.run_test(size=(40, 10)) as pilot:
        form = app.query_one(ControlForm)
        form.focus()
        await pilot.press("down", "down", "down", "right")
        assert app.edits == [(controls.DIFFERENCE, "centered")]
        await pilot.press("left", "enter")  # forward is shown: left wraps round, enter next
        assert app.edits[1:] == [(controls.DIFFERENCE, "centered"),
                                 (controls.DIFFERENCE, "centered")]
        await pilot.press("up", "7")  # a digit opens the row's field with itself
        assert form.editor.control == controls.H and form.editor.value == "7"
        await pilot.press("escape")  # nothing binds escape here: the field stays
        form.focus()  # leaving it applies
        await pilot.pause()
        assert app.edits[-1] == (controls.H, "7")
        # a letter stays the screen's key: nothing opens
        await pilot.press("q")
        assert form.editor.control is None


async def test_hidden_locked_and_asked_rows() -> None:
    app = FormApp([FormRow(X, "1", asked=True), FormRow(H_INPUT, "2", locked=True),
                   FormRow(controls.H, "0.0001", hidden=True),
                   FormRow(controls.DIFFERENCE, "forward", locked=True)])
    async with app.run_test(size=(40, 10)) as pilot:
        form = app.query_one(ControlForm)
        assert lines(app) == ["x           ?", "h           2", "difference  forward"]
        assert form.edit(X) is None and form.edit(H_INPUT) is None
        assert form.edit(controls.H) is None
        await pilot.click(ControlForm, offset=(2, 2))  # a locked choice: no cycling
        form.focus()
        await pilot.press("down", "down", "right", "enter", "5")
        assert app.edits == [] and form.editor.control is None


async def test_refusals_show_under_their_row_and_show_keeps_what_is_typed() -> None:
    app = FormApp(rows())
    async with app.run_test(size=(30, 10)) as pilot:
        form = app.query_one(ControlForm)
        box = typed(form, X, "abc")
        form.show([FormRow(X, "abc", "x: not a number: 'abc'"), *rows()[1:]])
        await pilot.pause()
        assert box.value == "abc"
        assert form.error_of(X) == "✗ x: not a number: 'abc'"
        assert lines(app)[1] == "✗ x: not a number: 'abc'"
        assert lines(app)[2].startswith("h ")  # the next row moved down a line
        form.show([FormRow(X, "9"), *rows()[1:]])  # the model moves on: the text stays
        assert box.value == "abc" and form.error_of(X) == ""


async def test_a_huge_paste_is_refused_with_one_message_under_the_row() -> None:
    app = FormApp(rows())
    async with app.run_test(size=(60, 10)) as pilot:
        form = app.query_one(ControlForm)
        box = form.edit(X, "")
        assert box is not None
        box.post_message(events.Paste("9" * 100_000))
        await pilot.pause()
        assert box.value == ""  # refused whole, at once
        assert f"at most {MAX_FIELD_CHARS:,} characters fit here" in form.error_of(X)


async def test_a_field_closed_by_the_model_or_a_reset_sends_nothing() -> None:
    app = FormApp(rows())
    async with app.run_test(size=(40, 10)) as pilot:
        form = app.query_one(ControlForm)
        box = typed(form, X, "8")
        form.show([FormRow(X, "1", locked=True), *rows()[1:]])  # a lesson locks x
        await pilot.pause()
        assert form.editor.control is None and not box.has_focus
        box = typed(form, H_INPUT, "8")
        form.discard()  # a reset: the row shows the value in force again
        await pilot.pause()
        assert app.edits == [] and form.text_of(H_INPUT) == "2" and not box.has_focus
