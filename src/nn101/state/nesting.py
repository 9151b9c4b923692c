"""How deep the brackets of a small outside file (a lesson, the progress file) may nest.

Why: Python's TOML and JSON parsers recurse once per level, so a 1 KB file nested 500
deep (`x = [[[[...]]]]`) ended in RecursionError, a crash, instead of a refusal; and how
deep the parser gets before that depends on how deep the caller's stack already is (the
app's is deeper than the CLI's). The files this project reads nest a few levels (a lesson:
`[[step]]` and an inline `goal = { ... }`), so the text is measured before it is parsed,
against MAX_DEPTH, far below any stack's limit.

The measure counts `[`, `]`, `{` and `}` outside strings and comments, in C-speed regex
passes and one pass over the brackets alone: about 20 ms for a 1 MiB file. Brackets that
do not balance are left for the parser to refuse with its own message.
"""

from __future__ import annotations

import re
from itertools import accumulate

MAX_DEPTH = 20
"""Most levels of brackets a lesson or progress file may nest (theirs: 2 or 3)."""

TOML_STRINGS = re.compile(
    r'"""[\s\S]*?"""|' r"'''[\s\S]*?'''|" r'"(?:[^"\\\n]|\\.)*"|' r"'[^'\n]*'|#[^\n]*")
"""TOML's basic, literal and multi-line strings, and its comments."""
JSON_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def depth(text: str, strings: re.Pattern[str]) -> int:
    """The deepest nesting of brackets in `text`, strings and comments (`strings`) aside."""
    brackets = _NOT_BRACKETS.sub("", strings.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def too_deep(text: str, strings: re.Pattern[str], limit: int = MAX_DEPTH) -> str | None:
    """Why `text` nests too deeply to be read (one phrase), or None if it does not."""
    levels = depth(text, strings)
    if levels > limit:
        return f"nested {levels:,} levels deep (at most {limit})"
    return None
