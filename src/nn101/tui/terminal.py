"""The app and its terminal: refuse a terminal it cannot use, end when the terminal goes.

Textual 8.2.8 on its own (checked): when the terminal's pty is closed (the window shut, the
ssh connection dropped) its input thread reads end-of-file forever and keeps a core busy
with no one watching; SIGHUP and SIGTERM kill it without restoring the terminal (alternate
screen and mouse reporting stay on). `run` watches for both, in one thread that sleeps in
`poll` (no timer, no CPU):

- the terminal hangs up (POLLHUP or an error on stdin: pty closed, or the pipe of a browser
  server closed): the app is asked to exit, code 129 (as for SIGHUP);
- SIGHUP or SIGTERM: the app is asked to exit, so Textual restores the terminal on the way
  out; code 128 + the signal's number;
- if it has not ended GRACE seconds after being asked (a frozen loop, a terminal that
  swallows the last writes), the process ends at once with the same code.

`check_terminal` runs before anything is drawn: stdin must be a terminal (unless a Textual
driver such as a browser server's is named in TEXTUAL_DRIVER, which talks over pipes), and
the output encoding must be able to draw the boxes.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any, TextIO

from textual.app import App

from nn101.state.text import quote

GRACE = 1.5
"""Seconds an app asked to exit (terminal gone, SIGTERM) has before the process is ended."""
EXIT_HANGUP = 128 + signal.SIGHUP
MAX_COLUMNS = 1000
"""The widest screen the app draws for COLUMNS (a 4K display in a small font is ~800)."""
MAX_LINES = 500
"""The tallest screen the app draws for LINES."""
BOX_SAMPLE = "╭─╮│╰╯━▀●◉"
"""Characters the app draws: borders, the decision map's half blocks and its points."""


class TerminalError(Exception):
    """The app cannot run on this terminal: one line saying why and what to do."""


def check_terminal(stdin: TextIO | None = None, stdout: TextIO | None = None,
                   environ: dict[str, str] | None = None,
                   output: TextIO | None = None) -> None:
    """Raise TerminalError if the app could not be used here (before anything is drawn).

    `stdout` is where Textual draws (stderr); `output` is the process's standard output,
    which must be the terminal too: redirected to a file or a pipe (`> out.txt`, `| cat`),
    rich measured the screen on it as 80 x 25 while Textual drew at the terminal's size,
    and the app re-laid itself out forever, deaf to every key, ctrl+q and ctrl+c too."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.__stderr__  # Textual draws on stderr
    output = output if output is not None else sys.__stdout__
    environ = environ if environ is not None else dict(os.environ)
    driver = environ.get("TEXTUAL_DRIVER")
    if driver:
        _check_driver(driver)
    else:  # a browser server's driver talks over pipes: no terminal needed then
        if stdin is None or not _is_tty(stdin):
            raise TerminalError(
                "the app needs a terminal, and stdin is not one (for scripts use the "
                "commands: nn101-tui run|check|train|list, see nn101-tui --help)")
        if output is None or not _is_tty(output):
            raise TerminalError(
                "the app needs a terminal, and stdout is not one (redirected to a file or "
                "a pipe?): run it without > or |; for scripts use the commands: nn101-tui "
                "run|check|train|list")
    encoding = getattr(stdout, "encoding", None) or "ascii"
    try:
        BOX_SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        raise TerminalError(
            f"the output encoding {encoding!r} cannot draw the app's boxes: use a UTF-8 "
            "locale (e.g. LANG=C.UTF-8) and leave PYTHONIOENCODING unset") from None


def _check_driver(name: str) -> None:
    """TEXTUAL_DRIVER must name a Textual driver class as `module:Class`, which Textual
    imports as it starts: a typo ended the app with a traceback and exit 70."""
    import importlib
    import inspect

    from textual.driver import Driver

    module, _, symbol = name.partition(":")
    try:
        found = getattr(importlib.import_module(module), symbol)
    except Exception:  # not importable, empty, or the module failed: all the same here
        found = None
    if not (inspect.isclass(found) and issubclass(found, Driver)):
        raise TerminalError(f"TEXTUAL_DRIVER={quote(name)} is not a Textual driver "
                            "(module:Class): unset it to run the app in this terminal")


def adapt_environment(environ: Any = os.environ) -> None:
    """TERM=dumb: Textual draws with xterm sequences whatever TERM says, but rich's console
    under it reports its size as 80 x 25 whatever the terminal's is, so the app's size and
    layout classes flipped between the two on every frame (a redraw loop, footer never
    drawn). The app is told the terminal is an xterm; only this process sees the change.

    COLUMNS and LINES, which Textual takes over the terminal's own size, are lowered to
    MAX_COLUMNS and MAX_LINES (5000 x 5000 wrote 617 MB in 8 s)."""
    if environ.get("TERM") == "dumb":
        environ["TERM"] = "xterm"
    for name, most in (("COLUMNS", MAX_COLUMNS), ("LINES", MAX_LINES)):
        try:
            asked = int(environ.get(name, ""))
        except ValueError:
            continue  # unset or not a number: the terminal's own size is used
        if asked > most:
            environ[name] = str(most)


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (ValueError, OSError):
        return False  # closed


def run(app: App[Any]) -> int:
    """Run the app until it exits or its terminal goes; its return code.

    Textual's code is 1 when the app stopped on an unhandled error (the traceback is
    already printed on stderr), 128 + N after signal N or a hang-up, else 0.
    """
    with _watched(app):
        app.run()
    return app.return_code or 0


@contextlib.contextmanager
def _watched(app: App[Any]) -> Iterator[None]:
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    stdin_fd = _fileno(sys.__stdin__)

    def on_signal(signum: int, _frame: Any) -> None:
        with contextlib.suppress(OSError):  # the pipe is full: one is on its way already
            os.write(write_end, bytes([signum]))

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGHUP, signal.SIGTERM)}
    watcher = threading.Thread(target=_watch, args=(app, stdin_fd, read_end),
                               name="nn101-terminal-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        os.close(write_end)  # the watcher sees the end of its pipe and stops
        watcher.join(timeout=1.0)
        os.close(read_end)


def _fileno(stream: TextIO | None) -> int | None:
    try:
        return stream.fileno() if stream is not None else None
    except (ValueError, OSError):
        return None


def _watch(app: App[Any], stdin_fd: int | None, wake_fd: int) -> None:
    """Sleep until the terminal hangs up, a signal arrives, or the app is done."""
    poller = select.poll()
    poller.register(wake_fd, select.POLLIN)
    if stdin_fd is not None:
        poller.register(stdin_fd, 0)  # only POLLHUP / POLLERR, which poll always reports
    while True:
        for fd, events in poller.poll():
            if fd == wake_fd:
                data = os.read(wake_fd, 1)
                if not data:
                    return  # the app has ended
                _end(app, 128 + data[0])
                return
            if events & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                _end(app, EXIT_HANGUP)
                return


def _end(app: App[Any], code: int) -> None:
    """Ask the app to exit (Textual restores the terminal); force it after GRACE."""
    timer = threading.Timer(GRACE, os._exit, args=(code,))
    timer.daemon = True
    timer.start()
    with contextlib.suppress(RuntimeError):  # not running yet, or already gone
        app.call_from_thread(app.exit, None, code)
