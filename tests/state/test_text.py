"""`visible`, `quote`, `line`: outside text shown safely, bad values echoed readably."""

from __future__ import annotations

import pytest

from nn101.state.text import MAX_MESSAGE, MAX_QUOTED, line, plain, quote, short, visible
from tests.hostile_corpus import ESCAPES, assert_safe


@pytest.mark.parametrize("text", ESCAPES.values(), ids=list(ESCAPES))
def test_visible_leaves_no_control_character(text: str) -> None:
    shown = visible(text)
    assert_safe(shown)
    assert_safe(line(text))
    assert_safe(quote(text))
    assert_safe(plain(text).plain)
    shown.encode("utf-8")  # a lone surrogate no longer raises UnicodeEncodeError


def test_visible_spells_the_escapes() -> None:
    assert visible("\x1b]2;t\x07") == "\\x1b]2;t\\x07"
    assert visible("\x9b") == "\\x9b"
    assert visible("a\tb\nc") == "a\\tb\\nc"
    assert visible("a\nb", newlines=True) == "a\nb"
    assert visible("\u202e") == "\\u202e"
    assert visible("plain text, é, 漢字, emoji 🙂") == "plain text, é, 漢字, emoji 🙂"


def test_a_long_value_is_cut_and_its_length_named() -> None:
    value = "9" * 1_000_000
    shown = quote(value)
    assert len(shown) < MAX_QUOTED + 40
    assert shown.startswith("'" + "9" * MAX_QUOTED + "'…")
    assert "1,000,000 characters" in shown
    assert quote("abc") == "'abc'"
    assert short("x" * 100, 10) == "xxxxxxxxxx… (100 characters)"
    assert len(line("word " * 1_000_000)) < MAX_MESSAGE + 40
    assert line("a\n  b\tc") == "a b c"
