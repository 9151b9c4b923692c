"""Chapter 3's data (yin-yang, spiral, blobs, your own), the MLP's gradient and its inits."""

from __future__ import annotations

import pytest

from nn101.engine import InputError
from nn101.engine.learning.classes import from_labelled, make_classes, yinyang_class
from nn101.engine.learning.classify import ClassSettings, ClassTraining
from nn101.engine.learning.datasets import Point
from nn101.engine.learning.mlp import MLP
from nn101.engine.learning.optimizers import OptimizerSettings
from nn101.engine.learning.rng import XorShift


@pytest.mark.parametrize(("x", "y", "label"), [
    (0.25, 0.5, 2),  # the centre of the left dot
    (0.75, 0.5, 2),  # the centre of the right dot
    (0.5, 0.9, 0),  # top half, 0.47 from the right dot's centre (> 0.25): yin
    (0.5, 0.1, 1),  # bottom half, 0.47 from the left dot's centre: yang
    (0.45, 0.5, 0),  # 0.2 from the left dot's centre: the yin ring around it
    (0.95, 0.5, 1),  # 0.2 from the right dot's centre: the yang ring around it
])
def test_yinyang_regions(x: float, y: float, label: int) -> None:
    assert yinyang_class(x, y) == label


def test_every_set_splits_80_10_10_with_every_class_in_every_part() -> None:
    for name in ("yinyang", "spiral3", "blobs3"):
        split = make_classes(name, 300, 0.2, 1)
        assert (len(split.train), len(split.val), len(split.test)) == (240, 30, 30)
        for part in (split.train, split.val, split.test):
            assert {p.label for p in part.points} == {0, 1, 2}
        assert all(-2.0 <= p.x <= 2.0 and -2.0 <= p.y <= 2.0
                   for p in split.train.points) or name == "blobs3"


def test_the_same_seed_gives_the_same_points_and_another_seed_others() -> None:
    assert make_classes("spiral3", 60, 0.2, 5) == make_classes("spiral3", 60, 0.2, 5)
    assert make_classes("yinyang", 60, seed=5) != make_classes("yinyang", 60, seed=6)


def test_spiral_validation_points_come_from_the_whole_arm() -> None:
    split = make_classes("spiral3", 600, 0.0, 0)
    radii = [(p.x ** 2 + p.y ** 2) ** 0.5 for p in split.val.points]
    assert min(radii) < 0.3 and max(radii) > 0.7


def test_own_points_take_labels_0_to_k_minus_1_and_refuse_others() -> None:
    rows = [(float(i), float(-i), i % 4) for i in range(20)]
    split = from_labelled(rows)
    assert split.classes == 4
    assert len(split.train) == 16
    with pytest.raises(InputError, match="labels are 0 to 7"):
        from_labelled([(0.0, 0.0, -1)] * 10)
    with pytest.raises(InputError, match="not finite"):
        from_labelled([(float("nan"), 0.0, 0)] * 10)


def test_the_circuit_gradient_matches_a_numerical_one() -> None:
    model = MLP(4, 3, "sigmoid", "xavier", XorShift(3))
    pts = [Point(0.3, -0.8, 2), Point(-1.1, 0.4, 0)]
    _, grads = model.gradient(pts)
    h = 1e-6
    for name, unit in model.params.items():
        start = unit.value
        unit.value = start + h
        up = sum(model.loss_at(p) for p in pts) / 2
        unit.value = start - h
        down = sum(model.loss_at(p) for p in pts) / 2
        unit.value = start
        assert grads[name] == pytest.approx((up - down) / (2 * h), abs=1e-7), name


def test_zero_init_keeps_the_hidden_units_identical() -> None:
    # sigmoid(0) = 0.5, so the output weights move (on a batch of 10, whose classes are
    # not balanced: on the full balanced batch every gradient is exactly 0), each unit's by
    # the same amount; each hidden unit's gradient is then the same too: they never tell
    # themselves apart
    data = make_classes("blobs3", 90, 0.2, 0)
    run = ClassTraining(data, ClassSettings(OptimizerSettings("adam", 0.05), hidden=5,
                                            activation="sigmoid", init="zeros", batch=10,
                                            seed=1))
    run.run(50)
    p = run.model.param_values()
    assert max(abs(v) for v in p.values()) > 0.1  # it did learn something
    for i in range(2, 6):
        for name in ("a", "b", "c"):
            assert p[f"{name}{i}"] == p[f"{name}1"]
        for k in range(3):
            assert p[f"w{k}_{i}"] == p[f"w{k}_1"]


def test_he_and_xavier_scales() -> None:
    # xavier, hidden layer: sqrt(6 / (2 + 8)) = 0.7746; he: sqrt(6 / 2) = 1.7321
    for init, bound in (("xavier", 0.7746), ("he", 1.7321), ("eureka", 0.7072)):
        m = MLP(8, 3, "relu", init, XorShift(9))
        firsts = [abs(m.params[f"a{i}"].value) for i in range(1, 9)]
        assert max(firsts) < bound
        assert max(firsts) > bound / 4
        assert all(m.params[f"c{i}"].value == 0.0 for i in range(1, 9))


def test_a_run_that_explodes_stops_as_diverged_keeping_finite_parameters() -> None:
    data = make_classes("blobs3", 90, 0.2, 0)
    run = ClassTraining(data, ClassSettings(OptimizerSettings("sgd", 1e120), init="large"))
    run.run(20)
    assert run.status == "diverged"
    assert all(abs(v) <= 1e100 for v in run.model.param_values().values())


def test_minibatches_are_drawn_without_replacement() -> None:
    data = make_classes("blobs3", 90, 0.2, 0)
    run = ClassTraining(data, ClassSettings(batch=10, seed=4))
    run.step()
    assert len(set(run.last_batch)) == 10
    first = run.last_batch
    run.step()
    assert run.last_batch != first
