"""An mlp run saved and loaded goes on exactly as if it had never stopped; bad files are
refused with where and what."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nn101.state.class_config import ClassConfig
from nn101.state.class_files import from_json, load, save, to_dict
from nn101.state.class_learning import ClassLearning
from nn101.state.class_runs import EUREKA
from nn101.state.session import SessionError


def test_a_loaded_run_goes_on_as_the_saved_one_would(tmp_path: Path) -> None:
    config = ClassConfig(dataset="spiral3", points=60, hidden=4, batch=8, every=1)
    saved = ClassLearning(config)
    saved.run(5)
    path = tmp_path / "run.json"
    assert "saved iteration 5" in save(saved, path)
    loaded = load(path)
    assert loaded.iteration == 5
    assert [e.iteration for e in loaded.training.history] == list(range(6))
    saved.run(4)
    loaded.run(4)  # the same batches (the stream's state) and Adam's moments and t
    assert loaded.training.model.param_values() == saved.training.model.param_values()
    assert loaded.training.history[-1] == saved.training.history[-1]


def test_the_peer_run_and_own_points_round_trip() -> None:
    run = ClassLearning(EUREKA)
    run.run(3)
    again = from_json(json.dumps(to_dict(run)))
    assert again.config == run.config
    assert again.training.history == run.training.history
    own = ClassLearning(ClassConfig(hidden=3, batch=0),
                        [(float(i), float(i % 3), i % 3) for i in range(12)])
    back = from_json(json.dumps(to_dict(own)))
    assert back.points == own.points
    assert back.training.split.classes == 3


@pytest.mark.parametrize(("change", "says"), [
    (lambda d: d.update(format="nn101-learning"), "format: expected 'nn101-classes'"),
    (lambda d: d["settings"].update(optimizer="rmsprop"), "settings.optimizer: expected one"),
    (lambda d: d["settings"].update(beta2=2.0), "settings.beta2: must be between"),
    (lambda d: d["params"].pop("a1"), "params: names do not match"),
    (lambda d: d["optimizer"]["state"]["a1"].pop("m"), "optimizer.state.a1: missing 'm'"),
    (lambda d: d.update(rng_state=0), "rng_state: must be between 1"),
    (lambda d: d["history"][1].__setitem__(0, 0), "history[1][0]: iterations must go up"),
])
def test_a_bad_field_is_refused_naming_it(change: object, says: str) -> None:
    run = ClassLearning(ClassConfig(dataset="blobs3", points=30, hidden=2, every=1))
    run.run(2)
    data = to_dict(run)
    change(data)  # type: ignore[operator]
    with pytest.raises(SessionError, match=None) as refused:
        from_json(json.dumps(data), "f.json")
    assert says in str(refused.value)
    assert str(refused.value).startswith("f.json: ")
