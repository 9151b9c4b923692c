"""Chapter 3's diagnoses, each on a run made to trigger it, and its advice measurably helping."""

from __future__ import annotations

from nn101.engine.learning.classes import Split, make_classes
from nn101.engine.learning.classify import ClassSettings, ClassTraining
from nn101.engine.learning.optimizers import OptimizerSettings
from nn101.state.class_diagnosis import diagnose_classes, saturated_share, symmetric_units

DATA = make_classes("spiral3", 150, 0.1, 0)


YINYANG = make_classes("yinyang", 150, 0.1, 0)
"""Points out to radius 2: with weights of +-10 most pre-activations are tens."""


def run(init: str = "eureka", lr: float = 0.05, name: str = "adam",
        activation: str = "tanh", steps: int = 150, data: Split = DATA) -> ClassTraining:
    settings = ClassSettings(OptimizerSettings(name, lr), hidden=8, activation=activation,
                             init=init, batch=16, seed=3, every=10)
    return ClassTraining(data, settings).run(steps)


def keys(r: ClassTraining) -> list[str]:
    return [f.key for f in diagnose_classes(r)]


def test_zero_init_is_found_symmetric_and_random_init_learns_better() -> None:
    stuck = run(init="zeros", activation="sigmoid")
    assert symmetric_units(stuck) == [list(range(1, 9))]
    assert keys(stuck) == ["symmetric"]
    assert "8 of 8 hidden units are identical" in diagnose_classes(stuck)[0].text
    fixed = run(init="xavier", activation="sigmoid")  # the advice
    assert "symmetric" not in keys(fixed)
    assert fixed.final.loss < stuck.final.loss - 0.1
    assert fixed.final.accuracy > stuck.final.accuracy


def test_a_large_start_is_found_saturated_and_xavier_helps() -> None:
    saturated = run(init="large", steps=50, data=YINYANG)
    assert saturated_share(saturated) > 0.7
    assert "saturated" in keys(saturated)
    fixed = run(init="xavier", steps=50, data=YINYANG)  # the advice
    assert saturated_share(fixed) < 0.1
    assert "saturated" not in keys(fixed)
    assert fixed.final.loss < saturated.final.loss - 0.5


def test_a_huge_step_is_found_exploding_and_a_tenth_of_it_helps() -> None:
    blown = run(name="sgd", lr=40.0, init="xavier", activation="relu")
    found = keys(blown)
    assert found[0] == "exploding"
    assert "ten times smaller" in diagnose_classes(blown)[0].text
    fixed = run(name="sgd", lr=4.0, init="xavier", activation="relu")  # the advice
    assert "exploding" not in keys(fixed)
    assert fixed.final.loss < blown.history[-1].loss / 10


def test_a_healthy_run_has_no_finding() -> None:
    assert keys(run()) == []
