"""Round two's hostile corpus, shared by the CLI, state and app tests.

Each entry is text that came from outside (a formula's comment, a file's field, an
argument, a file name) carrying something a terminal would obey or a markup parser would
read. Wherever it is shown, none of it may reach the screen raw: `assert_safe` checks an
output for any such character.
"""

from __future__ import annotations

import re

ESCAPES: dict[str, str] = {
    "OSC 2 window title": "\x1b]2;pwned\x07",
    "OSC 52 clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "OSC 8 hyperlink": "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "CSI clear screen": "\x1b[2J\x1b[H",
    "CSI colour": "\x1b[31mred",
    "DCS": "\x1bP+q544e\x1b\\",
    "C1 CSI": "\x9b31m",
    "C1 OSC": "\x9d0;title\x9c",
    "BEL": "ding\x07",
    "backspace": "ok\x08\x08no",
    "carriage return": "real\rFAKE",
    "vertical tab and form feed": "a\x0bb\x0cc",
    "DEL": "x\x7f",
    "right-to-left override": "\u202eevil",
    "line separator": "a\u2028b",
    "lone surrogate (a non-UTF-8 file name)": "name\udcff",
}

ASCII_ESCAPES = {k: v for k, v in ESCAPES.items() if v.isascii()}
"""What a formula's comment may hold: the parser refuses anything not ASCII."""

MARKUP: list[str] = [
    "[/]", "[bold]x[/bold]", "[red", "[link=http://x]y[/link]", "[@click=app.quit]q[/]",
    "[/red]", "\\[x]", "[b][/i]",
]

# Everything a terminal could act on: C0 but newline, DEL, C1, lone surrogates, bidi.
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2066-\u2069]"
)


def unsafe(text: str) -> list[str]:
    """The characters of `text` a terminal must not receive (newline allowed)."""
    return _UNSAFE.findall(text)


def assert_safe(text: str) -> None:
    found = unsafe(text)
    assert not found, f"raw control characters reach the output: {found!r} in {text[:200]!r}"
