"""A small dialog that asks for a file: save a session, load one, export a trace.

The dialog does not know what the file is for. It is handed an `attempt` that does the
work with the typed path and answers a sentence for the user, or raises the engine's error.
A refused path (no such folder, a corrupt file) is shown under the field and the dialog
stays open, so a typo costs nothing and the state behind it is untouched; escape cancels.

The field holds at most `max_length` characters (MAX_PATH_CHARS for a file name; the
expression dialog passes the parser's limit): past it, typed or pasted text is refused at
once and the limit is named under the field, so a 100 KB paste costs time linear in its
length instead of freezing the app (see `BoundedInput`). Messages are shown with their
control characters made visible: a path or a file's content cannot send an escape.

Loading may take seconds (a legal 64 MiB session), so a dialog can be handed `prepare`
instead: it runs in a worker thread (reading and checking the file, never touching the
screen) and returns the step that applies the result on the event loop. Meanwhile the
dialog says so, keys and frames keep working, and escape cancels (the result is dropped).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from nn101.engine.errors import EngineError
from nn101.state.files import FileError
from nn101.state.text import line
from nn101.tui.widgets.bounded_input import BoundedInput

MAX_PATH_CHARS = 4096
"""Longest path the dialog takes: PATH_MAX on Linux (in bytes; a longer one cannot open)."""


def user_path(text: str) -> Path:
    """The file a user typed: `~` expanded, a relative name taken from the current folder.

    FileError for an empty name or one holding control characters (a pasted newline or a
    null character, which the OS cannot take).
    """
    name = text.strip()
    if not name:
        raise FileError("type a file name")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise FileError("a file name cannot hold control characters")
    path = Path(name)
    try:
        return path.expanduser()
    except RuntimeError:  # "~someone" with no such user: taken as a plain name
        return path


class PathPrompt(ModalScreen[str | None]):
    """Dismissed with the attempt's sentence on success, None on escape."""

    BLOCKS_SCREENS: ClassVar[bool] = True
    """Nothing opens over it: no help, no command palette (PlaygroundApp.check_action)."""

    DEFAULT_CSS = """
    PathPrompt {
        align: center middle;
    }
    #prompt-box {
        width: 72;
        max-width: 100%;
        height: auto;
        border: round $accent;
        border-title-color: $text-accent;
        border-title-style: bold;
        padding: 0 1;
        background: $surface;
    }
    #prompt-hint, #prompt-keys {
        color: $text-muted;
    }
    #prompt-path {
        margin: 1 0 0 0;
    }
    #prompt-error {
        color: $error;
        display: none;
    }
    #prompt-error.-shown {
        display: block;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self,
        title: str,
        hint: str,
        default: str,
        attempt: Callable[[str], str] | None = None,
        *,
        prepare: Callable[[str], Callable[[], str]] | None = None,
        cursor_blink: bool = True,
        max_length: int = MAX_PATH_CHARS,
    ) -> None:
        """`attempt(text)` does the work at once; `prepare(text)` does the slow part in a
        thread and returns what finishes it on the event loop. Give one of them."""
        super().__init__()
        self.prepare = prepare
        self._working: Worker[Callable[[], str]] | None = None
        self.prompt_title = title
        self.hint = hint
        self.default = default
        self.attempt = attempt
        self.cursor_blink = cursor_blink
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box") as box:
            box.border_title = self.prompt_title
            yield Static(self.hint, id="prompt-hint")
            path = BoundedInput(self.default[: self.max_length], compact=True,
                                id="prompt-path", max_length=self.max_length)
            path.cursor_blink = self.cursor_blink
            yield path
            yield Static("", id="prompt-error")
            yield Static("enter: go · escape: cancel", id="prompt-keys")

    def on_mount(self) -> None:
        self.query_one("#prompt-path", Input).focus()

    @on(Input.Submitted, "#prompt-path")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.app.screen is not self or self._working is not None:
            return  # a screen opened on top since, or a load is already under way
        if self.prepare is not None:
            prepare, text = self.prepare, event.value
            self.show_error("")
            self.query_one("#prompt-keys", Static).update("working… escape: cancel")
            self._working = self.run_worker(lambda: prepare(text), thread=True,
                                            exclusive=True, exit_on_error=False)
            return
        assert self.attempt is not None
        try:
            done = self.attempt(event.value)
        except EngineError as err:
            self._refuse(err)
            return
        self.dismiss(done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The prepared load finished: apply it here, or show why it was refused."""
        if event.worker is not self._working or event.state not in (
                WorkerState.SUCCESS, WorkerState.ERROR):
            return
        self._working = None
        self.query_one("#prompt-keys", Static).update("enter: go · escape: cancel")
        error = event.worker.error
        try:
            if error is not None:
                raise error
            finish: Any = event.worker.result
            done = finish()
        except EngineError as err:
            self._refuse(err)
            return
        if self.app.screen is self:
            self.dismiss(done)

    def _refuse(self, err: EngineError) -> None:
        self.show_error(str(err))
        self.app.notify(line(str(err)), title=self.prompt_title, severity="error",
                        markup=False)

    @on(BoundedInput.Refused, "#prompt-path")
    def _refused(self, event: BoundedInput.Refused) -> None:
        event.stop()
        self.show_error(event.reason)

    def show_error(self, message: str) -> None:
        error = self.query_one("#prompt-error", Static)
        error.update(Content(f"✗ {line(message)}"))  # a typed path: never markup or escapes
        error.set_class(bool(message), "-shown")

    @property
    def error(self) -> str:
        """The message under the field ('' when there is none)."""
        error = self.query_one("#prompt-error", Static)
        return str(error.render()) if error.has_class("-shown") else ""

    def action_cancel(self) -> None:
        if self._working is not None:
            self._working.cancel()  # the thread ends by itself; its result is dropped
            self._working = None
        self.dismiss(None)
