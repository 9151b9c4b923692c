"""The footer, fitted to the terminal's width so that Step, Help and Quit are always shown.

Textual's Footer lays its keys in one row and cuts whatever passes the right edge, and the
App's keys (help, quit) come last: at 80 and 100 columns they were the ones cut. This
footer keeps every binding as it is (help and the palette are made from the same lists)
and changes only how they are shown:

- below COMPACT_BELOW columns it is compact (no padding around the keys), which is enough
  to fit the circuit screen's keys from 100 columns;
- each key carries a class naming its action (`-action-forward`), so a stylesheet can hide
  the keys a narrow layout has another way to reach (e.g. `.-narrow KeysFooter
  .-action-check`: the gradient check pane says "press c"). Every key still works and is
  in the help screen.
"""

from __future__ import annotations

import re

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

COMPACT_BELOW = 120
"""Columns under which the keys lose their padding (the circuit screen's full row, with
the palette key, takes 110 columns padded and 98 compact)."""
_CLASS_SAFE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def action_class(action: str) -> str | None:
    """The CSS class of a footer key for `action` (`rewind(-1)` -> `-action-rewind-m1`),
    or None if it cannot be one (a namespaced action: such keys are never hidden)."""
    name, _, args = action.partition("(")
    if args:
        name += "-" + args.rstrip(")").replace(" ", "").replace(",", "-").replace("-", "m")
    return f"-action-{name}" if _CLASS_SAFE.match(name) else None


class KeysFooter(Footer):
    """A Footer whose keys are tagged by action and compact on a narrow terminal."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                name = action_class(widget.action)
                if name is not None:
                    widget.add_class(name, update=False)  # styled once, as it mounts
                if not widget.has_class("-command-palette"):  # Footer binds the others
                    # Born with the footer's compactness: a FooterKey starts compact and
                    # data_bind then switches it, restyling every key twice (each restyle
                    # redoes its component classes): a tenth of the footer's start-up.
                    widget.set_reactive(FooterKey.compact, self.compact)
                    widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
