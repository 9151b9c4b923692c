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
from textual.binding import Binding
from textual.widgets import Footer, Input
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

    def _field_keys(self) -> list[FooterKey]:
        """While a field has the focus it takes the plain keys (space, q, ?): the footer
        shows the keys that still work there instead (ctrl+n Step, f1 Help, ctrl+q Quit:
        the priority bindings of an action that has a shown key)."""
        if not isinstance(self.screen.focused, Input):
            return []
        active = self.screen.active_bindings.values()
        shown = {binding.action for _, binding, _, _ in active if binding.show}
        plain = {b.action for b in self._every_binding() if b.show}
        keys = []
        seen = set(shown)
        for _, binding, enabled, tooltip in active:
            if (binding.priority and not binding.show and binding.action in plain
                    and binding.action not in seen):
                seen.add(binding.action)
                description = next(b.description for b in self._every_binding()
                                   if b.action == binding.action and b.show)
                keys.append(FooterKey(binding.key, self.app.get_key_display(binding),
                                      description, binding.action, disabled=not enabled,
                                      tooltip=tooltip))
        return keys

    def _every_binding(self) -> list[Binding]:
        """The bindings of the screen and the app, whatever has the focus."""
        found: list[Binding] = []
        for node in (self.screen, self.app):
            for bindings in node._bindings.key_to_bindings.values():
                found.extend(bindings)
        return found

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        extra = self._field_keys()
        first = ("step", "help", "quit")
        extra.sort(key=lambda k: first.index(k.action) if k.action in first else len(first))
        widgets[0:0] = extra  # before the keys a field leaves (f2, f3, ...)
        for widget in widgets:
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
