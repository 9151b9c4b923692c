"""The real app in a real pseudo-terminal, for the tests of how it starts and ends.

`PtyApp` starts a command with stdin, stdout and stderr on a new pty (its own session, so
the pty is its controlling terminal, as in a terminal window), reads everything it draws,
and can type, send signals, or close the terminal. Waits poll with generous deadlines: on a
loaded machine the app may take a few seconds to start, and a test only fails when the
deadline passes.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0
"""Seconds the app may take to draw its first frame (a cold start on a loaded machine)."""


def app_env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL_DRIVER", None)
    env.update(TERM="xterm-256color", PYTHONPATH=str(ROOT / "src"), LANG="C.UTF-8")
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def app_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "nn101.cli", *args]


class PtyApp:
    def __init__(self, command: Sequence[str], env: dict[str, str] | None = None,
                 size: tuple[int, int] = (100, 30), cwd: Path = ROOT) -> None:
        self.master, slave = pty.openpty()
        cols, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(list(command), stdin=slave, stdout=slave, stderr=slave,
                                     env=env if env is not None else app_env(), cwd=cwd,
                                     start_new_session=True)
        os.close(slave)
        self.output = b""
        self.closed = False

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace")

    def _read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout`); False at the pty's end."""
        if self.closed:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every process has let go of the terminal
            return False
        self.output += data
        return bool(data)

    def wait_for(self, text: str, timeout: float = START_TIMEOUT, since: int = 0) -> None:
        """Read until `text` has been drawn (after byte `since`); fail at the deadline."""
        deadline = time.monotonic() + timeout
        needle = text.encode()
        while needle not in self.output[since:]:
            if time.monotonic() > deadline or (self.proc.poll() is not None
                                              and not self._read(0)):
                raise AssertionError(
                    f"{text!r} never drawn (exit {self.proc.poll()}); the end of what was:\n"
                    f"{self.text[-2000:]!r}")
            self._read(0.1)

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def signal(self, signum: signal.Signals) -> None:
        os.kill(self.proc.pid, signum)

    def close_terminal(self) -> None:
        """What closing the window does to the app: its pty goes away."""
        os.close(self.master)
        self.closed = True

    def wait_exit(self, timeout: float) -> int | None:
        """The exit code once the process has ended, reading its output meanwhile; None if
        it is still running at the deadline."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = self.proc.poll()
            if code is not None:
                while self._read(0.05):
                    pass
                return code
            self._read(0.05)
        return None

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)
        if not self.closed:
            os.close(self.master)
            self.closed = True
