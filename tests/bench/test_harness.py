"""The app benchmarks' terminal: frames are cut at ESU, their text is what they write,
and the sync-output query is answered (else Textual would not wrap frames at all).

A tiny script plays the app: it asks for mode 2026, waits for the answer, then writes two
frames in one go, the way Textual's writer thread does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from app_bench import percentile, press_waits
from terminal import AppTimeout, Terminal

FAKE_APP = r"""
import os, sys, tty
tty.setraw(0)  # as Textual does: no line buffering, no echo
sys.stdout.buffer.write(b"\x1b[?1049h\x1b[?2026$p"); sys.stdout.flush()
reply = os.read(0, 64)
if reply != b"\x1b[?2026;2$y":
    sys.stdout.buffer.write(b"no sync reply: " + reply); sys.stdout.flush(); sys.exit(1)
sys.stdout.buffer.write(
    b"\x1b[?2026h\x1b[1;1H\x1b[1;38;2;1;2;3mhello \x1b[0mworld\x1b[?2026l"
    b"\x1b[?2026h\x1b[2;5H\x1b]22;default\x07pressed \xe2\x96\xb8 1\x1b[?2026l")
sys.stdout.flush()
os.read(0, 1)  # wait for a key, then end
"""


def test_frames_are_cut_at_esu_and_stripped_of_escapes() -> None:
    with Terminal([sys.executable, "-c", FAKE_APP], cols=40, rows=5) as term:
        first = term.next_frame("hello", timeout=20)
        second = term.next_frame("pressed", timeout=20)
        assert first.text == "hello world"  # colours and cursor moves removed, text joined
        assert second.text == "pressed ▸ 1"  # OSC removed, UTF-8 decoded
        assert term.started <= first.time <= second.time
        term.press(b"q")
        term.process.wait(timeout=20)
        assert term.process.returncode == 0  # it got the sync reply (else it exits 1)


def test_a_frame_that_never_comes_is_an_error_not_a_hang() -> None:
    with Terminal([sys.executable, "-c", "pass"]) as term, pytest.raises(AppTimeout):
        term.next_frame("never shown", timeout=5)


def test_percentile_is_a_value_that_happened() -> None:
    values = [float(v) for v in range(1, 11)]  # 1..10
    assert percentile(values, 50) == 5.0  # nearest rank: ceil(0.5 * 10) = 5th value
    assert percentile(values, 90) == 9.0  # ceil(0.9 * 10) = 9th value
    assert percentile([3.0], 90) == 3.0


def test_keys_while_playing_are_spread_over_a_frame_period() -> None:
    waits = press_waits(5, 0.05)
    assert press_waits(5, 0.05) == waits  # seeded: runs compare
    assert sorted(waits) != waits or len(set(waits)) < 2  # shuffled, not in slice order
    for k, wait in enumerate(sorted(waits)):  # one in each fifth of the period
        assert 0.2 + 0.01 * k <= wait < 0.2 + 0.01 * (k + 1)
