"""`nn101-tui plain`: the playground, scenarios, lessons and tour as lines of words.

For screen readers, braille displays and scripts: a full-screen app repaints regions, and
these follow lines. One command a line in, one answer out; no colour, no cursor movement,
no prompt when the input is not a terminal, so it works the same over a pipe. Built on the
state layer the app stands on (`nn101.state`): the same Playground, Learning, lessons,
quiz and progress, and the wire names of `state/notation.py`.

- `words.py`: what is open, said in lines of words;
- `shell.py`: the commands (`show`, `step`, `walk`, `set`, `check`, `quiz`, `help`, ...);
- `loop.py`: reading lines (with readline's editing and history on a terminal) and
  printing the answers.
"""
