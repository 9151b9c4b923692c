"""The scenarios, grouped as the guide groups them, and a field for your own expression.

The groups are data (`PickerGroup`), not code: the app builds them from the scenario
registry and may add more (say, "learning from data") without touching this widget. An
entry's key is opaque here; choosing one posts `Picked(key)` and the app decides.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from nn101.tui.messages import ExpressionEntered, Picked, PickerGroup


class ScenarioPicker(Vertical):

    def __init__(self, groups: list[PickerGroup], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.groups = list(groups)

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), id="scenario-list")
        yield Label("your own expression:", classes="picker-label")
        yield Input(placeholder="e.g. (a+b)*c  (enter)", compact=True, id="expression")
        yield Static("", id="expression-error", classes="field-error")

    def _options(self) -> list[Option]:
        options: list[Option] = []
        for group in self.groups:
            options.append(Option(group.title.upper(), disabled=True, id=f"group:{group.title}"))
            options.extend(Option(f" {e.label}", id=e.key) for e in group.entries)
        return options

    def set_groups(self, groups: list[PickerGroup]) -> None:
        self.groups = list(groups)
        listing = self.query_one("#scenario-list", OptionList)
        listing.clear_options()
        listing.add_options(self._options())

    def mark(self, key: str | None) -> None:
        """Highlight the entry that is open (none for a typed expression)."""
        listing = self.query_one("#scenario-list", OptionList)
        if key is None:
            listing.highlighted = None
            return
        try:
            listing.highlighted = listing.get_option_index(key)
        except OptionDoesNotExist:
            listing.highlighted = None

    @on(OptionList.OptionSelected, "#scenario-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(Picked(event.option.id))

    @on(Input.Submitted, "#expression")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(ExpressionEntered(event.value))

    def show_expression_error(self, message: str) -> None:
        error = self.query_one("#expression-error", Static)
        error.update(Content(f"✗ {message}" if message else ""))  # user text: never markup
        error.set_class(bool(message), "-shown")
