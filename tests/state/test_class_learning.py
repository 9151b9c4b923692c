"""The mlp's screen model: settings by control, rewind bit for bit, the walk's p - y."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nn101.engine.learning.softmax import softmax
from nn101.state import controls
from nn101.state.class_config import ClassConfig
from nn101.state.class_learning import ClassLearning
from nn101.state.class_runs import EUREKA


def small() -> ClassLearning:
    return ClassLearning(ClassConfig(dataset="blobs3", points=60, hidden=4, batch=8, every=1))


def test_the_eureka_config_follows_the_peer_run() -> None:
    learning = ClassLearning(EUREKA)
    learning.run(3)
    # the peer's printed train loss at step 4 (after 3 updates): 0.6868202269118524
    assert learning.training.history[3].loss == pytest.approx(0.6868202269118524, rel=1e-12)


def test_a_refused_value_keeps_the_run_and_says_why() -> None:
    learning = small()
    learning.run(5)
    assert not learning.edit(controls.BETA2, "1.5")
    assert "between 0 and 0.999999" in learning.errors["beta2"]
    assert "kept 0.99" in learning.errors["beta2"]
    assert learning.iteration == 5
    assert learning.edit(controls.OPTIMIZER, "momentum")
    assert (learning.iteration, learning.config.optimizer) == (0, "momentum")
    assert learning.config.beta2 == 0.99  # the refused value was never applied
    assert learning.edit(controls.BETA2, "0.9")
    assert "beta2" not in learning.errors  # a good value clears the message


def test_rewind_restores_parameters_and_optimizer_state_bit_for_bit() -> None:
    learning = small()
    learning.run(6)
    at6 = learning.training.model.param_values()
    state6 = {n: dict(s) for n, s in learning.training.optimizer.state.items()}
    learning.run(4)
    assert learning.go_to(6)
    assert learning.training.model.param_values() == at6
    assert {n: dict(s) for n, s in learning.training.optimizer.state.items()} == state6
    assert learning.training.history[-1].iteration == 6
    # stepping on from 6 redoes step 7 exactly (the same batch from the same stream)
    replay = small()
    replay.run(7)
    learning.step()
    assert learning.training.model.param_values() == replay.training.model.param_values()
    assert learning.head == 7  # a new branch: 8..10 dropped
    assert "new branch from iteration 6" in learning.note


def test_the_walk_writes_each_logits_p_minus_y_out() -> None:
    learning = small()
    learning.run(3)
    learning.pick(5)
    label = learning.point.label
    probs = learning.probabilities()
    assert sum(probs) == pytest.approx(1.0)
    for g in learning.logit_gradients():
        y = 1.0 if g.k == label else 0.0
        assert (g.p, g.y) == (probs[g.k], y)
        # subtract (z_k - m) adds p_k, multiply (t_k * z_k) adds -t_k, the max adds ~0
        assert [name for name, _ in g.parts].count("subtract") == 1
        assert g.total == pytest.approx(g.p - g.y, abs=1e-12)
        assert learning.training.model.logits[g.k].grad == pytest.approx(g.p - g.y,
                                                                           abs=1e-12)


def test_the_grid_says_the_class_the_model_predicts() -> None:
    learning = small()
    learning.run(30)
    p = learning.point
    grid = learning.grid((p.x - 1e-3, p.x + 1e-3, p.y - 1e-3, p.y + 1e-3), 1, 1)
    (k, confidence), = grid[0]
    assert k == learning.predicted()
    assert confidence == pytest.approx(max(learning.probabilities()), rel=1e-3)


def test_optimizer_rows_show_adams_moments() -> None:
    learning = small()
    learning.run(2)
    name, value, grad, state = learning.optimizer_rows()[0]
    assert name == "a1" and set(state) == {"m", "v", "step"}
    assert state["v"] > 0.0
    assert value == learning.training.model.params["a1"].value
    assert grad == learning.training.last_gradient["a1"]
    assert softmax([0.0, 0.0]) == [0.5, 0.5]


def test_the_walk_reads_as_the_softmax_gates_in_the_apps_notation() -> None:
    from nn101.state.notation import Naming, forward_formula

    learning = small()
    naming = Naming(learning.training.model.circuit)
    shown = [forward_formula(step.gate, naming) for step in learning.walk()]
    assert shown[0] == "lse - z_y"  # the walk starts at the loss
    for formula in ("logS + m", "log(S)", "exp(s0)", "z0 - m", "t0 * z0"):
        assert formula in shown, formula
    assert sum(f.startswith("tanh(") for f in shown) == 4  # the 4 hidden units


def test_own_points_added_removed_exported_and_read_back(tmp_path: Path) -> None:
    learning = small()
    learning.run(3)
    before = learning.current_points()
    assert learning.add_point(0.5, -0.5, 3)
    assert learning.iteration == 0 and learning.config.preset is None
    assert learning.training.split.classes == 4  # a fourth class appeared
    assert (0.5, -0.5, 3) in learning.current_points()
    assert not learning.add_point(0.0, 0.0, 8)
    assert "class 0 to 7" in learning.errors["data"]
    index = learning.nearest_point(0.5, -0.5, 0.01)
    assert index is not None and learning.remove_point(index)
    assert sorted(learning.current_points()) == sorted(before)
    learning.run(2)
    said = learning.export(tmp_path / "mine")
    assert "mine.json" in said and "mine.csv" in said
    again = small()
    again.load_data(tmp_path / "mine.csv")
    assert sorted(again.current_points()) == sorted(learning.current_points())
    summary = json.loads((tmp_path / "mine.json").read_text())
    assert summary["iterations"] == 2 and summary["dataset"] == "own"
