"""Keys as a learner types them, and one action per key on each screen."""

from __future__ import annotations

from collections import defaultdict

import pytest
from textual.binding import Binding

from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.circuit import CircuitScreen
from nn101.tui.screens.help import bindings_of, help_rows, key_names, shown_key
from nn101.tui.screens.learning import LearningScreen

TEXTUAL_NAMES = ("comma", "full_stop", "less_than_sign", "greater_than_sign",
                 "question_mark", "square_bracket", "equals_sign")


def test_a_key_reads_as_typed() -> None:
    assert [shown_key(k) for k in ("comma", "full_stop", "less_than_sign",
                                   "greater_than_sign", "ctrl+comma", "space", "escape")] \
        == [",", ".", "<", ">", "ctrl+,", "space", "escape"]
    assert key_names(Binding("comma,full_stop", "x")) == ",  ."


@pytest.mark.parametrize("screen", [CircuitScreen, LearningScreen])
def test_the_help_lists_no_textual_key_names(screen: type) -> None:
    bindings = [*bindings_of(screen), *bindings_of(PlaygroundApp)]
    rows = help_rows(bindings, in_field=False) + help_rows(bindings, in_field=True)
    keys = " ".join(key for key, _ in rows)
    assert not [name for name in TEXTUAL_NAMES if name in keys], keys
    # both screens bind keys Textual names in words: the test would pass vacuously otherwise
    assert any(name in "".join(b.key for b in bindings) for name in TEXTUAL_NAMES)


def bound_twice(screen: type) -> dict[str, set[str]]:
    """Each key the screen and the app bind to more than one action (a key in a lesson
    too: the app's lesson keys are live then)."""
    actions: dict[str, set[str]] = defaultdict(set)
    for b in [*bindings_of(screen), *bindings_of(PlaygroundApp)]:
        for key in b.key.split(","):
            actions[key.strip()].add(b.action)
    return {k: a for k, a in actions.items() if len(a) > 1}


def test_no_key_is_bound_twice_on_the_learning_screen() -> None:
    assert bound_twice(LearningScreen) == {}


def test_no_key_is_bound_twice_on_the_circuit_screen() -> None:
    assert bound_twice(CircuitScreen) == {}
