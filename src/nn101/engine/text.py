"""Text that came from outside, made safe to show: control characters visible, length cut.

A formula's comment, a session's message, a file name or a typed value may hold terminal
escapes (ESC ] 2 ; ... sets the window title, OSC 52 writes the clipboard, CSI moves the
cursor), C1 controls, bidirectional overrides that reorder what is shown, or a megabyte of
text. Everything shown to a person goes through `visible` (and a refusal that echoes a
value through `quote`), so none of it reaches a terminal raw. Standard library only: the
engine's own messages use it, and the CLI and the app import it from `nn101.state.text`.
"""

from __future__ import annotations

import re

MAX_QUOTED = 60
"""A refusal echoes at most this many characters of the bad value (then "…")."""
MAX_MESSAGE = 400
"""A one-line message (the CLI's error line, a notification) is cut to this many characters."""

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 controls, DEL, C1 controls, lone surrogates (a file name that is not UTF-8, decoded
# with surrogateescape: printing one raises UnicodeEncodeError), the line and paragraph
# separators, and the bidirectional marks and overrides ("Trojan source" reordering).
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ufeff]"
)
_HIDDEN_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = False) -> str:
    """`text` with every control character written as an escape: ESC as \\x1b, a C1 CSI
    as \\x9b, a tab as \\t, a right-to-left override as \\u202e. With `newlines`, a
    newline stays a line break (for multi-line panes); otherwise it shows as \\n."""
    pattern = _HIDDEN_BUT_NEWLINE if newlines else _HIDDEN
    return pattern.sub(_escape, text)


def cut(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` cut to `limit` characters, ending in "…" and the full length when it was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """A bad value as a refusal echoes it: in quotes, control characters visible, at most
    `limit` characters of it (a 1 MB argument gives a readable line, not a 1 MB one)."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit:
        return f"'{visible(text)}'"
    return f"'{visible(text[:limit])}'… ({len(text):,} characters)"


def short(text: str, limit: int = MAX_QUOTED) -> str:
    """A value inside a sentence without quotes: controls visible, cut to `limit`."""
    if len(text) <= limit:
        return visible(text)
    return f"{visible(text[:limit])}… ({len(text):,} characters)"


def line(text: str, limit: int = MAX_MESSAGE) -> str:
    """A message as one safe line: whitespace runs joined, controls visible, cut to `limit`."""
    joined = " ".join(text.split())
    if len(joined) <= limit:
        return visible(joined)
    return f"{visible(joined[:limit])}… ({len(joined):,} characters)"
