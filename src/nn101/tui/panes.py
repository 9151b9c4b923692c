"""A screen's panes found by type once, not by a query on every key.

A query walks the screen's widgets and matches a selector against each: a step key that
refreshes ten panes spent about a millisecond of its few in those walks. The panes of a
screen are mounted once and only hidden afterwards, so each is looked up the first time
and kept; one that was removed meanwhile is looked up again.
"""

from __future__ import annotations

from typing import TypeVar

from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.widget import Widget

W = TypeVar("W", bound=Widget)


class Panes:
    def __init__(self, root: DOMNode) -> None:
        self._root = root
        self._found: dict[type[Widget], Widget] = {}
        self._named: dict[str, Widget] = {}

    def get(self, kind: type[W]) -> W | None:
        """The root's widget of exactly this type (the first), None if there is none yet."""
        found = self._found.get(kind)
        if found is not None and found.is_attached:
            assert isinstance(found, kind)
            return found
        try:
            widget = self._root.query_one(kind)
        except NoMatches:
            return None
        self._found[kind] = widget
        return widget

    def __getitem__(self, kind: type[W]) -> W:
        """The root's widget of this type; NoMatches if it has none."""
        widget = self.get(kind)
        if widget is None:
            raise NoMatches(f"no {kind.__name__} in {self._root!r}")
        return widget

    def named(self, id: str) -> Widget:
        """The root's widget with this id; NoMatches if it has none."""
        found = self._named.get(id)
        if found is None or not found.is_attached:
            found = self._named[id] = self._root.query_one(f"#{id}")
        return found
