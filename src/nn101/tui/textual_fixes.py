"""Work-arounds for crashes (and a lost key) in Textual 8.2.8 itself that tests hit.

Each one is patched onto the one Textual class where it bites (never a base class every
widget shares), written for Textual 8.2.8 exactly: `apply()` checks the installed version
first and, on any other, applies none of them and returns a one-line warning naming the
pinned version (the CLI prints it before the app starts). Each has a test in
tests/tui/test_textual_fixes.py that fails without it. The minimal reproductions, as they
would be sent upstream:

1. OptionList paging before its first layout (CommandList, SelectOverlay):
   `_move_page` reads the highlighted option's line from `_index_to_line`, which is only
   filled once the list has a size, and raises KeyError before that.
   Repro: an App; `ctrl+p`, `down`, `pageup` posted in one burst -> KeyError, app exits.
   Fix here: a page key that comes before the lines exist does nothing.
2. A click on an option list refilled since it was drawn (CommandList):
   `_on_click` indexes `_options` with the option index carried in the drawn style's meta,
   which may be past the end of the new, shorter list.
   Repro: open the palette, type a letter and click the 17th row in the same burst ->
   IndexError. Fix here: such a click does nothing.
3. A screen dismissed when it is no longer on top (CommandPalette):
   `Screen.dismiss` pops whatever screen is on top. Two clicks outside the palette in one
   burst dismiss it twice; the second pops the screen below (ScreenStackError when that
   is the last one). Repro: `ctrl+p`, then two Click events outside it before a refresh.
   Fix here: the palette's dismiss does nothing once it is not the top screen.
4. The command palette searching after it closed (CommandPalette):
   a key still queued for its input when it is dismissed starts `_gather_commands`, whose
   worker cannot find the palette's list (NoMatches); a failed worker exits the app.
   Repro: `ctrl+p`, `a`, `escape`, `b` in one burst. Fix here: that search simply ends.
5. Edit keys and typed keys out of order in a burst (Input):
   a typed character is inserted by the Input's own key handler, but backspace, delete,
   the arrows, home and end are its bindings, which run only when the key event has
   bubbled up to the App; in a burst the characters behind them are inserted first.
   Repro: an Input holding "0.01" (selected on focus); `backspace` ×5 and `9` in one burst
   (tmux send-keys BSpace BSpace BSpace BSpace BSpace 9) -> "" instead of "9" (the 9 goes
   in first, then the backspaces delete it). Fix here: a key the Input itself binds runs
   its action in the key handler, in order, and goes no further (as the binding would).
6. A page key for a palette whose list is gone (CommandPalette):
   `_action_command_list` (pageup, pagedown, up, down, home, end in the palette) queries
   its CommandList, which is removed as the palette closes; a key still queued for it
   then raises NoMatches and the app exits. Repro: open the palette, dismiss it, and call
   its `command_list` action (`pagedown` queued behind the key that closed it; the short
   fuzz run, seed 20261127). Fix here: on a palette that is not the top screen, such a
   key does nothing.
Two more live in our own App, not as patches: ctrl+p while the previous palette is still
being removed (DuplicateIds; repro: `action_command_palette()`, `screen.dismiss()`,
`action_command_palette()` in one go) is waited out in PlaygroundApp.action_command_palette;
a mouse-down on a widget being removed crashed the text-selection code (AttributeError on
the missing parent; the long fuzz run, seed 7), so the App sets ALLOW_SELECT = False.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.widgets import Input
from textual.widgets._select import SelectOverlay

PINNED = "8.2.8"
"""The Textual these work-arounds were written and tested for (pyproject pins it)."""
_applied = False


def installed_version() -> str:
    """The version of the Textual that is imported.

    Read from the name of its install record beside the package (`textual-8.2.8.dist-info`)
    when there is exactly one: importlib.metadata reads the same record but costs about
    10 ms of the app's start-up (it imports the email package to parse it). Anything else
    (no record there, or several) asks importlib.metadata.
    """
    import textual

    records = list(Path(textual.__file__).parent.parent.glob("textual-*.dist-info"))
    if len(records) == 1:
        return records[0].name.removeprefix("textual-").removesuffix(".dist-info")
    from importlib.metadata import version

    return version("textual")


def version_problem(installed: str | None = None) -> str:
    """'' when Textual is the pinned version, else the warning to show."""
    found = installed if installed is not None else installed_version()
    if found == PINNED:
        return ""
    return (f"nn101-tui: warning: Textual {found} is installed but the work-arounds in "
            f"nn101.tui.textual_fixes were written for Textual {PINNED}; they are not "
            f"applied (pip install textual=={PINNED})")


def apply() -> str:
    """Apply every work-around once; returns '' or the version warning (then none is)."""
    global _applied
    problem = version_problem()
    if problem or _applied:
        return problem
    _applied = True
    _safe_paging(CommandList)
    _safe_paging(SelectOverlay)
    _ignore_stale_clicks(CommandList)
    _dismiss_only_on_top(CommandPalette)
    _no_search_after_close(CommandPalette)
    _edit_keys_in_order(Input)
    _no_paging_after_close(CommandPalette)
    return ""


def _safe_paging(cls: Any) -> None:
    """1. No paging before the list has its lines."""
    move_page: Any = cls._move_page

    def _move_page(self: Any, direction: Any) -> None:
        if (self.highlighted or 0) not in self._index_to_line:
            return  # not laid out yet: no lines to page through
        move_page(self, direction)

    cls._move_page = _move_page


def _ignore_stale_clicks(cls: Any) -> None:
    """2. A click naming an option that is no longer there does nothing.

    Textual dispatches `_on_click` to every class of the MRO that defines one, subclass
    first: this guard runs before OptionList's own handler and, for a stale click, stops
    it (prevent_default); any other click goes on to OptionList's handler unchanged.
    """

    def _on_click(self: Any, event: Any) -> None:
        clicked = event.style.meta.get("option")
        if clicked is not None and not 0 <= clicked < len(self._options):
            event.prevent_default()  # drawn before the list was refilled: no such option

    cls._on_click = _on_click


def _dismiss_only_on_top(cls: Any) -> None:
    """3. Dismissing a palette that is no longer the top screen does nothing."""
    dismiss: Any = cls.dismiss

    def _dismiss(self: Any, result: Any = None) -> AwaitComplete:
        if self.app.screen is not self:
            return AwaitComplete()  # already gone, or another screen is on top
        done: AwaitComplete = dismiss(self, result)
        return done

    cls.dismiss = _dismiss


def _no_search_after_close(cls: Any) -> None:
    """4. A search started as the palette closes ends quietly."""
    gather: Any = cls._gather_commands.__wrapped__

    @work(exclusive=True, group=cls._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self: Any, search_value: str) -> None:
        try:
            await gather(self, search_value)
        except NoMatches:
            if self.is_attached and self.app.screen is self:
                raise  # the palette is open: a real error
            # closed while it searched: nothing left to show the results in

    cls._gather_commands = _gather_commands


def _edit_keys_in_order(cls: Any) -> None:
    """5. A key the field binds (backspace, arrows, ...) acts when it arrives, in order."""
    on_key: Any = cls._on_key

    async def _on_key(self: Any, event: Any) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()  # handled, as the binding would have (the App skips it)
                    event.prevent_default()
                    return
        await on_key(self, event)

    cls._on_key = _on_key


def _no_paging_after_close(cls: Any) -> None:
    """6. A list key for a palette that has closed does nothing."""
    action: Any = cls._action_command_list

    def _action_command_list(self: Any, name: str) -> None:
        try:
            action(self, name)
        except NoMatches:
            if self.is_attached and self.app.screen is self:
                raise  # the palette is open: a real error
            # closing: its list is gone, and so is the point of the key

    cls._action_command_list = _action_command_list
