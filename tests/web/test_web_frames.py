"""A browser tab's frames read with bounds (web_frames.py, issue 26)."""

from __future__ import annotations

import pytest

from nn101.web_frames import (
    MAX_COLUMNS,
    MAX_ROWS,
    MIN_COLUMNS,
    MIN_ROWS,
    BadFrame,
    Frame,
    clamp_size,
    query_size,
    read_frame,
)


@pytest.mark.parametrize("text, why", [
    ("not json", "not JSON"),
    ("[]", "not a list starting with the message's name"),
    ('{"stdin": "x"}', "not a list starting with the message's name"),
    ("[5]", "not a list starting with the message's name"),
    ('["stdin", 5]', "stdin needs one string of keys"),
    ('["stdin"]', "stdin needs one string of keys"),
    ('["resize", [80, 24]]', "resize needs"),
    ('["resize", {"width": "abc", "height": 24}]', "width is not a whole number"),
    ('["resize", {"width": 80, "height": 2.5}]', "height is not a whole number"),
    ('["resize", {"width": true, "height": 24}]', "width is not a whole number"),
    ('["ping", {"a": 1}]', "a ping's data must be a short string or number"),
    ('["ping", "' + "x" * 300 + '"]', "a ping's data must be a short string or number"),
    ('["exec", "rm"]', "unknown message"),
    ("[" * 5000 + "]" * 5000, "not JSON"),  # deeper than json's recursion: refused, no crash
    ('["stdin", "' + "k" * 70_000 + '"]', "longer than 65536 characters"),
])
def test_a_frame_that_does_not_fit_is_refused_with_why(text: str, why: str) -> None:
    with pytest.raises(BadFrame, match=why.replace("[", r"\[")):
        read_frame(text)


def test_frames_that_fit_are_read() -> None:
    assert read_frame('["stdin", " q"]') == Frame("stdin", keys=" q")
    assert read_frame('["resize", {"width": 100, "height": 30}]') == Frame("resize",
                                                                           size=(100, 30))
    assert read_frame('["ping", "1733600000"]') == Frame("ping", ping="1733600000")
    assert read_frame('["focus"]') == Frame("focus")


def test_sizes_are_clamped_to_what_an_app_can_draw() -> None:
    assert clamp_size(-5, -5) == (MIN_COLUMNS, MIN_ROWS) == (20, 8)
    assert clamp_size(6000, 6000) == (MAX_COLUMNS, MAX_ROWS) == (400, 200)
    assert clamp_size("120", " 40") == (120, 40)
    # The /ws query: a number clamped, anything else the default 80 x 24.
    assert query_size("6000", "6000") == (400, 200)
    assert query_size("abc", None) == (80, 24)
    assert query_size("1" * 50, "-3") == (80, 8)
