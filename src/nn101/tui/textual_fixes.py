"""Work-arounds for crashes in Textual itself (8.2.8, pinned) that the app's fuzz test hit.

Each one is small, named for the bug, and leaves Textual's behaviour alone everywhere the
bug does not bite. `apply()` is called once when the app module is imported.

- OptionList paging before its first layout: `_move_page` reads the option's line from a
  cache that is only filled once the list has a size, and raises KeyError before that.
  ctrl+p, down, pageup typed in one burst does it (the command palette's list is shown
  but not yet laid out), and so can a Select's overlay paged as it opens; the app exits.
  Here a page key that comes before the lines exist does nothing, as it would on an empty
  list. (The same cache lookup in `scroll_to_highlight` is already guarded in Textual.)
- A screen dismissed when it is not on top: `Screen.dismiss` pops whatever screen is on
  top, not itself. Two events already queued for the command palette (two clicks outside
  it, say) dismiss it twice: the second pops the main screen, which Textual refuses with
  ScreenStackError, and the app exits; with another screen below, that one would vanish.
  Here dismissing a screen that is no longer the one on top does nothing.
- The command palette searching after it closed: a key or paste still queued for its
  field when it is dismissed starts a search whose worker cannot find the palette's list
  (NoMatches), and a failed worker exits the app. Here that search simply ends.
- A click on an option list that was refilled since it was drawn: the click carries the
  option index of the old rows (in the style's meta), and `_on_click` indexes the new,
  shorter list with it (IndexError; the app exits). The command palette refills its list
  on every key, so a click right after typing does it. Here such a click does nothing.
- ctrl+p while the last palette is still being removed: the new palette gets the same id
  and Textual raises DuplicateIds (the app exits). Here the key does nothing until the old
  palette is gone (a moment later).
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import OptionList

_applied = False


def apply() -> None:
    global _applied
    if _applied:
        return
    _applied = True
    move_page: Any = OptionList._move_page

    def _move_page(self: OptionList, direction: Any) -> None:
        if (self.highlighted or 0) not in self._index_to_line:
            return  # not laid out yet: no lines to page through
        move_page(self, direction)

    OptionList._move_page = _move_page  # type: ignore[method-assign]

    on_click: Any = OptionList._on_click

    async def _on_click(self: OptionList, event: Any) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None and not 0 <= clicked < len(self._options):
            return  # drawn before the list was refilled: no such option any more
        await on_click(self, event)

    OptionList._on_click = _on_click  # type: ignore[method-assign]

    dismiss: Any = Screen.dismiss

    def _dismiss(self: Screen[Any], result: Any = None) -> AwaitComplete:
        if self.app.screen is not self:
            return AwaitComplete()  # already gone, or another screen is on top
        result_awaitable: AwaitComplete = dismiss(self, result)
        return result_awaitable

    Screen.dismiss = _dismiss  # type: ignore[method-assign]

    gather: Any = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self: CommandPalette, search_value: str) -> None:
        try:
            await gather(self, search_value)
        except NoMatches:
            if self.is_attached and self.app.screen is self:
                raise  # the palette is open: a real error
            # closed while it searched: nothing left to show the results in

    CommandPalette._gather_commands = _gather_commands  # type: ignore[method-assign]

    open_palette: Any = App.action_command_palette

    def action_command_palette(self: App[Any]) -> None:
        if any(node.id == "--command-palette" for node in self._nodes):
            return  # one is open, or still being removed
        open_palette(self)

    App.action_command_palette = action_command_palette  # type: ignore[method-assign]
