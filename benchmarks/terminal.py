"""A program under a pseudo-terminal, watched the way a user's terminal sees it.

The app benchmarks time what a user waits for: from starting the process (or pressing a
key) to the frame on the terminal. So each app runs as a real process on a pty (the real
Linux driver, the real writer thread, nothing patched), and this side plays the terminal:

- It answers Textual's query for synchronized output (DECRQM 2026) the way kitty, WezTerm,
  iTerm2 or Windows Terminal do. Textual then wraps every frame in BSU/ESU
  (`ESC[?2026h` ... `ESC[?2026l`), so a frame is exactly the bytes up to ESU, and a frame
  is painted when its ESU arrives.
- Each frame's text (escape sequences stripped) is kept with the wall time its ESU was
  read, so a benchmark can wait for "the first frame that shows X".

Wall time (`time.perf_counter`) is the only meaningful clock here: the latency spans two
processes and the pty between them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
"""Mode 2026 is supported and currently reset: what a terminal with sync output says."""
FRAME_START = b"\x1b[?2026h"
FRAME_END = b"\x1b[?2026l"
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: title, clipboard
    rb"|\x1b[@-Z\\-_]"  # two-byte escapes
)

SPACE = b" "


@dataclass(frozen=True)
class Frame:
    time: float
    """perf_counter when the frame's last byte was read."""
    text: str
    """What the frame writes, escape sequences removed (runs of one line stay joined)."""


class AppTimeout(RuntimeError):
    """The awaited frame did not come: the app is stuck, crashed, or shows something else."""


class Terminal:
    """One process on a pty of `cols` x `rows`, started at construction."""

    def __init__(self, argv: Sequence[str], cols: int = 120, rows: int = 40,
                 env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                       **(env or {})}
        for noisy in ("TEXTUAL", "TEXTUAL_DEVTOOLS_PORT"):
            environment.pop(noisy, None)
        self.master = master
        self.frames: list[Frame] = []
        self.seen = 0
        """Frames already handed out by next_frame."""
        self._pending = b""
        self._answered = False
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv), stdin=slave, stdout=slave, stderr=slave, env=environment,
            start_new_session=True, close_fds=True)
        os.close(slave)

    # --- reading ------------------------------------------------------------------------

    def pump(self, timeout: float) -> bool:
        """Read what the app has written within `timeout` seconds; False when it is gone."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return self.process.poll() is None
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:
            return False
        now = time.perf_counter()
        if not data:
            return False
        self._pending += data
        if not self._answered and SYNC_QUERY in self._pending:
            os.write(self.master, SYNC_REPLY)
            self._answered = True
        while FRAME_END in self._pending:
            frame, self._pending = self._pending.split(FRAME_END, 1)
            body = frame.rsplit(FRAME_START, 1)[-1]
            text = _ESCAPES.sub(b"", body).decode("utf-8", "replace")
            self.frames.append(Frame(now, text))
        return True

    def next_frame(self, showing: str = "", timeout: float = 10.0,
                   after: float = 0.0) -> Frame:
        """The first frame not yet handed out, painted after `after`, that shows `showing`."""
        deadline = time.perf_counter() + timeout
        while True:
            while self.seen < len(self.frames):
                frame = self.frames[self.seen]
                self.seen += 1
                if frame.time >= after and showing in frame.text:
                    return frame
            left = deadline - time.perf_counter()
            if left <= 0:
                raise AppTimeout(f"no frame showing {showing!r} within {timeout:g} s "
                                 f"({len(self.frames)} frames so far)")
            if not self.pump(min(left, 0.05)):
                raise AppTimeout(f"the app ended (exit code {self.process.poll()}) before "
                                 f"showing {showing!r}")

    def settle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Read until the app has written nothing for `quiet` seconds (it is idle)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            before = len(self.frames), len(self._pending)
            self.pump(quiet)
            if (len(self.frames), len(self._pending)) == before:
                break
        self.seen = len(self.frames)

    def drain(self, seconds: float) -> None:
        """Keep reading (so the app never blocks on a full pty) for `seconds`."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self.pump(min(left, 0.05))

    # --- writing ------------------------------------------------------------------------

    def press(self, keys: bytes) -> float:
        """Type `keys`; the time they were written. Frames already on the way are read
        first, so none painted before the key is taken for its answer."""
        while self.pump(0.0) and select.select([self.master], [], [], 0.0)[0]:
            pass
        self.seen = len(self.frames)
        now = time.perf_counter()
        os.write(self.master, keys)
        return now

    def close(self) -> None:
        """End the app: its process group, which is this terminal's session only."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=2)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
