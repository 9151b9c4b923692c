"""A playground saved as a Session and opened again continues exactly where it was.

`to_session()` keeps the random generator's state, so a seeded random search goes on with
the same tries after a save and a load. File names the OS cannot take are refused
with FileError (what the app shows), never a bare ValueError or OSError.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from nn101.engine.methods import Method
from nn101.state import controls
from nn101.state.files import FileError, read_text, write_text_atomic
from nn101.state.playground import Playground
from nn101.state.session import Session


def test_random_search_continues_the_same_after_a_save_and_load(tmp_path: Path) -> None:
    pg = Playground("single-gate")
    assert pg.settings.method is Method.RANDOM
    pg.step(3)
    path = pg.to_session().save(tmp_path / "s.json")
    loaded = Playground.from_session(Session.load(path))
    assert loaded.to_session().to_dict() == pg.to_session().to_dict()
    # The same next tries: the generator's state came back with the file.
    assert loaded.step(4) == pg.step(4)
    assert loaded.inputs() == pg.inputs()


def test_without_the_random_state_the_sequence_would_restart() -> None:
    """Why to_session() keeps the generator: a session without it restarts the sequence."""
    pg = Playground("single-gate")
    pg.step(3)
    session = pg.to_session()
    session.rng_state = None
    again = Playground.from_session(session)
    # seed 1 from scratch: the first tries again, not the 4th step's tries
    assert again.run.rng.getstate() == random.Random(1).getstate()
    assert again.step(1) != pg.step(1)


def test_a_diverged_session_loads_diverged_and_reset_brings_the_scenario_back(
    tmp_path: Path,
) -> None:
    pg = Playground("two-gates")
    pg.edit(controls.STEP_SIZE, "1e9")
    pg.step(100)
    assert pg.status == "diverged"
    loaded = Playground.from_session(Session.load(pg.to_session().save(tmp_path / "d.json")))
    assert loaded.status == "diverged" and loaded.message == pg.message
    assert loaded.step(5) == [] and loaded.iteration == pg.iteration
    loaded.reset()
    assert loaded.status == "ok" and loaded.output == -12.0  # (-2 + 5) * -4


def test_an_expression_session_comes_back(tmp_path: Path) -> None:
    pg = Playground(expression="(a+b)*c")
    pg.set_input("a", "2")
    pg.step(2)
    loaded = Playground.from_session(Session.load(pg.to_session().save(tmp_path / "e.json")))
    assert loaded.name is None and loaded.expression == pg.expression
    assert loaded.to_session().to_dict() == pg.to_session().to_dict()


@pytest.mark.parametrize("name", ["a\x00b", "x" * 300])
def test_names_the_os_cannot_take_are_file_errors(tmp_path: Path, name: str) -> None:
    with pytest.raises(FileError):
        write_text_atomic(tmp_path / name, "text")
    with pytest.raises(FileError):
        read_text(tmp_path / name)
    assert list(tmp_path.iterdir()) == []  # nothing half-written left behind
