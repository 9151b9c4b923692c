"""A field refuses text past its limit at once, naming it; a paste costs linear time.

Pasting 100 KB into the expression dialog (keys, without bracketed paste) froze the app for
over a minute: Textual's Input re-measures its whole value on every key, so n keys cost
n^2. Past the limit each key is refused in constant time, with one message, no bell.
"""

from __future__ import annotations

from textual import events, on
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from nn101.tui.screens.path_prompt import MAX_PATH_CHARS, PathPrompt
from nn101.tui.widgets.bounded_input import BoundedInput
from tests.hostile_corpus import ESCAPES, assert_safe


class Host(App[None]):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.bells = 0
        self.changes = 0
        self.refusals: list[str] = []

    def compose(self) -> ComposeResult:
        yield BoundedInput(max_length=self.limit, id="field")

    def bell(self) -> None:
        self.bells += 1

    @on(Input.Changed)
    def _changed(self) -> None:
        self.changes += 1

    @on(BoundedInput.Refused)
    def _refused(self, event: BoundedInput.Refused) -> None:
        self.refusals.append(event.reason)


async def test_keys_past_the_limit_are_refused_once_without_a_bell() -> None:
    app = Host(300)
    async with app.run_test() as pilot:
        field = app.query_one(BoundedInput)
        field.focus()
        await pilot.pause()
        for i in range(3000):  # a paste that arrives as keys
            field.post_message(events.Key("x", "x"))
            if i % 250 == 0:
                await pilot.pause()
        await pilot.pause()
        assert len(field.value) == 300
        assert app.changes == 300  # the 2,700 refused keys changed nothing
        assert app.bells == 0  # one bell per refused key before
        assert app.refusals == ["at most 300 characters fit here: the text past them was "
                                "refused"]
        await pilot.press("backspace", "y", "z")  # room for one: "y" fits, "z" is news again
        assert field.value.endswith("y") and len(app.refusals) == 2


async def test_a_big_paste_is_refused_at_once() -> None:
    app = Host(2000)
    async with app.run_test() as pilot:
        field = app.query_one(BoundedInput)
        field.focus()
        field.post_message(events.Paste("x" * 100_000))
        await pilot.pause()
        assert field.value == "" and len(app.refusals) == 1


class PromptHost(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("behind")

    def on_mount(self) -> None:
        def attempt(text: str) -> str:
            from nn101.state.files import FileError

            raise FileError(f"cannot read {text}: no")

        self.push_screen(PathPrompt("Load", "a file", "", attempt, cursor_blink=False,
                                    max_length=40))


async def test_the_dialog_names_its_limit_and_shows_errors_safely() -> None:
    assert MAX_PATH_CHARS == 4096
    app = PromptHost()
    async with app.run_test() as pilot:
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PathPrompt)
        prompt.query_one(Input).post_message(events.Paste("p" * 100))
        await pilot.pause()
        assert "at most 40 characters" in prompt.error
        prompt.query_one(Input).value = "".join(ESCAPES.values())[:40]
        await pilot.press("enter")
        await pilot.pause()
        assert "cannot read" in prompt.error
        assert_safe(prompt.error)
        for notification in app._notifications:
            assert_safe(str(notification.message))
