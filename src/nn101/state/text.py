"""Showing outside text safely, for the CLI and the app (see `nn101.engine.text`).

Every string that came from a file, an argument, a formula (its comment included) or an
error message goes through one of these before it reaches a terminal, a rich table, a
Textual widget or a notification:

- `visible(text)`: control characters (ESC, CSI, OSC, C1, BEL, bidi overrides, lone
  surrogates) written as escapes such as \\x1b; `newlines=True` keeps line breaks.
- `line(text)`: one line, whitespace joined, controls visible, cut to MAX_MESSAGE.
- `quote(value)`: a bad value in quotes, cut to MAX_QUOTED characters; `short(value)`
  the same without quotes.
- `plain(text)`: a `rich.text.Text` that is never read as markup, controls visible.

None of them interprets markup: pass the result as a plain `Text` / `Content` (or with
`markup=False`), never inside a markup string.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nn101.engine.text import MAX_MESSAGE, MAX_QUOTED, cut, line, quote, short, visible

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["MAX_MESSAGE", "MAX_QUOTED", "cut", "line", "plain", "quote", "short", "visible"]


def plain(text: str, style: str = "", *, newlines: bool = True) -> Text:
    """`text` as a rich Text: never markup, control characters visible."""
    from rich.text import Text

    return Text(visible(text, newlines=newlines), style=style)
