"""What a browser tab may send `serve`, read with bounds (issue 26).

A tab's page talks to its app over one websocket: text frames holding a JSON list whose
first item names the message (`["stdin", "keys"]`, `["resize", {"width": 80, "height":
24}]`, `["ping", data]`, `["blur"]`, `["focus"]`), and a terminal size in the `/ws` query.
Anyone who can reach the server can send anything, so every frame is read here first:
a frame that does not fit is dropped with a reason (the server logs one line for it, no
traceback), and a size is clamped to what one app can draw without using hundreds of MB.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

MIN_COLUMNS, MAX_COLUMNS = 20, 400
"""Terminal columns a tab may ask for (clamped; Textual fails below a few cells and a
6000 x 6000 terminal costs one app over 500 MB)."""
MIN_ROWS, MAX_ROWS = 8, 200
"""Terminal rows a tab may ask for (clamped, as the columns)."""
MAX_FRAME = 64 * 1024
"""Characters of one client frame (a paste of keys fits; more is dropped)."""
MAX_PING = 256
"""Characters of a ping's data echoed back."""
DEFAULT_SIZE = (80, 24)


class BadFrame(Exception):
    """A client frame that does not fit: the message says why, on one line."""


@dataclass(frozen=True)
class Frame:
    """One client message, checked: `kind` and its data (keys, a size or a ping's data)."""

    kind: str
    keys: str = ""
    size: tuple[int, int] = DEFAULT_SIZE
    ping: str | int | float | None = None


def clamp_size(width: Any, height: Any) -> tuple[int, int]:
    """A terminal size from outside: whole numbers (or their text) within the bounds;
    anything else is refused."""
    return (_clamp(width, "width", MIN_COLUMNS, MAX_COLUMNS),
            _clamp(height, "height", MIN_ROWS, MAX_ROWS))


def query_size(width: str | None, height: str | None) -> tuple[int, int]:
    """The size in `/ws?width=…&height=…`: clamped, the default for what is not a number."""
    out = []
    for value, name, low, high, default in (
            (width, "width", MIN_COLUMNS, MAX_COLUMNS, DEFAULT_SIZE[0]),
            (height, "height", MIN_ROWS, MAX_ROWS, DEFAULT_SIZE[1])):
        try:
            out.append(_clamp(value, name, low, high))
        except BadFrame:
            out.append(default)
    return out[0], out[1]


def _clamp(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, str) and len(value) <= 12:
        try:
            value = int(value.strip())
        except ValueError:
            raise BadFrame(f"{name} is not a whole number") from None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadFrame(f"{name} is not a whole number")
    return max(low, min(high, value))


def read_frame(text: str) -> Frame:
    """A text frame as a Frame, or BadFrame saying what is wrong with it."""
    if len(text) > MAX_FRAME:
        raise BadFrame(f"longer than {MAX_FRAME} characters")
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        raise BadFrame("not JSON") from None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        raise BadFrame("not a list starting with the message's name")
    kind, data = envelope[0], envelope[1:]
    if kind == "stdin":
        if len(data) != 1 or not isinstance(data[0], str):
            raise BadFrame("stdin needs one string of keys")
        return Frame("stdin", keys=data[0])
    if kind == "resize":
        if len(data) != 1 or not isinstance(data[0], dict):
            raise BadFrame("resize needs {\"width\": …, \"height\": …}")
        return Frame("resize", size=clamp_size(data[0].get("width"), data[0].get("height")))
    if kind == "ping":
        ping = data[0] if data else None
        if ping is not None and (isinstance(ping, bool)
                                 or not isinstance(ping, str | int | float)
                                 or len(str(ping)) > MAX_PING):
            raise BadFrame("a ping's data must be a short string or number")
        return Frame("ping", ping=ping)
    if kind in ("blur", "focus"):
        return Frame(kind)
    raise BadFrame("unknown message")
