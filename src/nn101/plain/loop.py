"""Reading commands and printing answers, for a person at a terminal or a script on a pipe.

On a terminal (standard input and output both a TTY) lines are read with readline, so the
arrows edit and recall them; the history is kept in the user's data folder between runs.
Bracketed paste is switched off, so readline writes no escape sequences of its own. Over a
pipe there is no prompt and no readline: each line read gets its answer and nothing else
is printed. End of input leaves as `quit` does. Bytes that are not UTF-8 are read, not
fatal (shown escaped), and the output never fails on a character the terminal's encoding
lacks.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TextIO

from nn101.plain.shell import MAX_LINE, Shell

PROMPT = "> "
HISTORY_LINES = 1000


def history_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("nn101-tui", appauthor=False)) / "plain_history"


def _readline() -> object | None:
    """readline, set up for plain output and with the saved history; None if absent."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: input() still works
        return None
    readline.parse_and_bind("set enable-bracketed-paste off")
    with contextlib.suppress(OSError):  # no history yet, or unreadable: start without
        readline.read_history_file(history_path())
    readline.set_history_length(HISTORY_LINES)
    return readline


def _save_history(module: object | None) -> None:
    if module is None:
        return
    import readline

    try:
        history_path().parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(history_path())
    except OSError:
        pass  # history is a convenience: a read-only home must not stop the mode


def _read_piped(stdin: TextIO) -> str | None:
    """One line from a pipe, without its newline; None at the end. A line longer than
    MAX_LINE is read to its end and returned cut (the shell refuses it by its length)."""
    text = stdin.readline(MAX_LINE + 1)
    if not text:
        return None
    if len(text) > MAX_LINE and not text.endswith("\n"):
        while True:  # drop the rest of the over-long line, a chunk at a time
            more = stdin.readline(MAX_LINE)
            if not more or more.endswith("\n"):
                break
        return text  # longer than MAX_LINE: refused
    return text.rstrip("\r\n")


def run(shell: Shell, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Answer every line until `quit` or the end of input; returns the exit code (0)."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    for stream in (stdin, stdout):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="surrogateescape" if stream is stdin else "backslashreplace")
    interactive = stdin.isatty() and stdout.isatty() and stdin is sys.stdin
    editor = _readline() if interactive else None

    def write(lines: list[str]) -> None:
        stdout.write("".join(line + "\n" for line in lines))
        stdout.flush()

    write(shell.start())
    try:
        while not shell.finished:
            try:
                text = input(PROMPT) if interactive else _read_piped(stdin)
            except EOFError:
                text = None
            except KeyboardInterrupt:
                write(["", "ctrl+c: the line is dropped; quit leaves"])
                continue
            if text is None:
                write(["end of input: bye"])
                break
            write(shell.handle(text))
    finally:
        _save_history(editor)
    return 0


def open_shell(scenario: str | None = None, expression: str | None = None,
               load: Path | None = None, what: tuple[str, ...] = ()) -> Shell:
    """The shell for `nn101-tui plain`'s arguments, opened as the app opens them: a
    scenario, a formula, a saved session or learning run, the tour or a lesson file.
    A bad argument raises InputError (the CLI's exit 2, one line) before anything runs."""
    from nn101.engine.errors import InputError
    from nn101.state.playground import Playground

    given = [n for n, v in (("--scenario", scenario), ("--expr", expression),
                            ("--load", load)) if v is not None]
    if what and what[0] not in ("tour", "lesson"):
        raise InputError(f"plain: expected tour or lesson FILE, got {what[0]!r}")
    if len(what) != {"tour": 1, "lesson": 2}.get(what[0], 0) if what else False:
        raise InputError("plain: write plain tour, or plain lesson FILE")
    if len(given) + (1 if what else 0) > 1:
        raise InputError("plain: give one of --scenario, --expr, --load, tour, lesson FILE")
    if what:
        from nn101.state import lesson

        opened = lesson.tour() if what[0] == "tour" else lesson.load(what[1])
        return Shell(lesson=opened)
    if load is not None:
        from nn101.state.learning import Learning, is_learning_file

        if is_learning_file(load):
            return Shell(learning=Learning.load(load))
        from nn101.state.session import Session

        return Shell(playground=Playground.from_session(Session.load(load)))
    if expression is not None:
        return Shell(playground=Playground(expression=expression))
    return Shell(playground=Playground(scenario or None))
