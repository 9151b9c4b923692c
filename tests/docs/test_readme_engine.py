"""The README's "The engine in Python" runs as written and prints what it says.

Every ```pycon block of the section is one doctest, run in order in one namespace (a
block goes on from the one before it), so a changed number, a renamed function or a
block that raises fails here. The numbers themselves are the guide's (DESIGN.md's seed
table): -6, about -5.95, -5.87 (three ways), -12 and (-4, -4, 3) then -11.59, 0.8808 with
gradients a -0.105, b 0.315, c 0.105, x 0.105, y 0.21, then 0.8825; the test also checks
that each of them is in the section, so none can be dropped from the README quietly.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## The engine in Python"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start:end if end != -1 else None]


def _blocks() -> list[str]:
    return re.findall(r"```pycon\n(.*?)```", _section(), re.S)


def _run(source: str) -> doctest.TestResults:
    test = doctest.DocTestParser().get_doctest(source, {}, "README", str(README), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    return runner.summarize(verbose=False)


def test_every_block_of_the_section_prints_what_the_readme_says() -> None:
    blocks = _blocks()
    assert len(blocks) >= 8  # one gate, search, numerical, analytic, two gates, neuron, ...
    result = _run("\n".join(blocks))
    assert result.attempted >= 50
    assert result.failed == 0


def test_the_guides_numbers_are_all_in_the_section() -> None:
    text = "\n".join(_blocks())
    for shown in ("-6.0", "-5.95289", "-5.8706", "(-12.0, {'x': -4.0, 'y': -4.0, 'z': 3.0})",
                  "-11.59", "0.8808", "{'a': -0.105, 'b': 0.315, 'c': 0.105, 'x': 0.105, "
                  "'y': 0.21}", "0.88255", "'4/6'", "400 5/6"):
        assert shown in text, shown


def test_a_changed_number_fails_the_check() -> None:
    # The check itself must catch an edit: the neuron's output written one digit off.
    changed = "\n".join(_blocks()).replace("0.8808\n", "0.8809\n", 1)
    assert "0.8809" in changed
    assert _run(changed).failed == 1
