"""A screen's panes: registered once, handed the model when it changes, found without a query.

Adding a pane to a screen is its widget file, one `add` in the screen's `register_panes`
and its CSS: the registry calls its `show` whenever the model changes, in the frame that
answers the key (`later=False`) or just after it (`later=True`, for what costs more than
its news is worth while keys come: see tui/deferred.py), and hides it while a lesson step
hides it by name (state/teaching.py PANES).

Lookups: a query walks the screen's widgets and matches a selector against each, and a
step key that refreshes ten panes spent about a millisecond of its few in those walks. The
panes of a screen are mounted once and only hidden afterwards, so each is looked up the
first time and kept; one that was removed meanwhile is looked up again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.widget import Widget

from nn101.state.teaching import Teaching
from nn101.tui.deferred import hook_of

W = TypeVar("W", bound=Widget)


@dataclass(frozen=True)
class Registered:
    id: str
    """The widget's id (the pane need not be mounted yet: it is shown once it is)."""
    show: Callable[[], None]
    later: bool
    lesson_name: str | None
    """The name a lesson's `hide_panes` uses for it (None: a lesson cannot hide it)."""
    every: int
    """While playing, shown every this many frames (the costly ones: a map, plots)."""


class Panes:
    def __init__(self, root: DOMNode) -> None:
        self._root = root
        self._found: dict[type[Widget] | str, Widget] = {}
        self._registered: list[Registered] = []

    # --- registration -------------------------------------------------------------------

    def add(self, id: str, show: Callable[[], None], *, later: bool = False,
            lesson_name: str | None = None, every: int = 1) -> None:
        """Register the pane with this id: `show` draws the model into it."""
        self._registered.append(Registered(id, show, later, lesson_name, every))

    def show_all(self, teaching: Teaching, *, frame: int | None = None,
                 defer: bool = True) -> None:
        """Hand the model to every mounted pane (hiding those the lesson hides).

        `frame`: the player's frame count while playing: each pane on its cadence, all in
        the frame. Else the `later` panes after the frame (`defer`, a key's answer) or in
        it."""
        for pane in self._registered:
            if frame is not None and frame % pane.every:
                continue
            widget = self.mounted(pane.id)
            if widget is None:
                continue
            hidden = pane.lesson_name is not None and teaching.hides(pane.lesson_name)
            if widget.has_class("-lesson-hidden") != hidden:
                widget.set_class(hidden, "-lesson-hidden")
            if hidden:
                continue
            if pane.later and defer and frame is None:
                hook_of(widget).request(pane.show)
            else:
                pane.show()

    # --- lookups ------------------------------------------------------------------------

    def _find(self, key: type[Widget] | str, selector: str | type[Widget]) -> Widget:
        found = self._found.get(key)
        if found is None or not found.is_attached:
            found = self._found[key] = self._root.query_one(selector)  # NoMatches if none
        return found

    def __getitem__(self, kind: type[W]) -> W:
        """The root's first widget of this type (or a subclass); NoMatches if none."""
        found = self._find(kind, kind)
        assert isinstance(found, kind)
        return found

    def named(self, id: str) -> Widget:
        """The root's widget with this id; NoMatches if it has none."""
        return self._find(id, f"#{id}")

    def mounted(self, id: str) -> Widget | None:
        """The widget with this id, or None while it is not mounted."""
        try:
            return self.named(id)
        except NoMatches:
            return None
