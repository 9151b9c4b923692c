"""A screen's panes found by type once, not by a query on every key.

A query walks the screen's widgets and matches a selector against each: a step key that
refreshes ten panes spent about a millisecond of its few in those walks. The panes of a
screen are mounted once and only hidden afterwards, so each is looked up the first time
and kept; one that was removed meanwhile is looked up again.
"""

from __future__ import annotations

from typing import TypeVar

from textual.dom import DOMNode
from textual.widget import Widget

W = TypeVar("W", bound=Widget)


class Panes:
    def __init__(self, root: DOMNode) -> None:
        self._root = root
        self._found: dict[type[Widget] | str, Widget] = {}

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
