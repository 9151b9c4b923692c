"""The net's activation (issue 12): relu, tanh or sigmoid as the hidden gate; each learns
xor and moons to >= 95% with the settings the README names."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn101.engine.errors import InputError
from nn101.engine.gates import ReluGate, SigmoidGate, TanhGate
from nn101.engine.learning import ACTIVATIONS, TrainSettings, train, two_layer_net

README_SETTINGS = {
    # activation: (hidden, step size, regularization, iterations), seed 0, as the README
    "relu": (10, 0.03, 0.001, 3000),
    "tanh": (10, 0.03, 0.001, 3000),
    "sigmoid": (20, 0.5, 0.0001, 5000),
}


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("dataset", ["xor", "moons"])
def test_each_activation_learns_xor_and_moons(activation: str, dataset: str) -> None:
    hidden, step, reg, iterations = README_SETTINGS[activation]
    run = train("net", dataset, iterations, TrainSettings(step, reg, 0, 1000), hidden,
                activation)
    assert run.status == "ok"
    assert run.final.accuracy >= 0.95


def test_the_hidden_gate_is_the_chosen_one() -> None:
    gates = {"relu": ReluGate, "tanh": TanhGate, "sigmoid": SigmoidGate}
    for name, gate in gates.items():
        model = two_layer_net(3, random.Random(0), name)
        assert model.activation == name
        assert sum(isinstance(g, gate) for g in model.circuit.gates) == 3
        assert (name if name != "relu" else "max(0,") in model.formula.replace("sig(",
                                                                               "sigmoid(")
    # same draws whatever the gate: only the hidden gate differs
    assert two_layer_net(3, random.Random(4), "tanh").param_values() == \
        two_layer_net(3, random.Random(4)).param_values()
    with pytest.raises(InputError, match="unknown activation"):
        two_layer_net(3, None, "softplus")


coords = st.floats(-50, 50, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(ACTIVATIONS), coords, coords)
def test_fast_scorer_equals_the_circuit_for_every_activation(
        seed: int, activation: str, x: float, y: float) -> None:
    model = two_layer_net(4, random.Random(seed), activation)
    assert model.fast_scorer()(x, y) == model.score(x, y)
