"""The SVM and the 2-layer net as circuits: start values, scores, gradients, fast scorer."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn101.engine import InputError, MultiplyGate, ReluGate
from nn101.engine.learning import linear_svm, make_model, two_layer_net
from nn101.engine.learning.models import Model

coords = st.floats(-5, 5, allow_nan=False)


def numerical_param_gradient(model: Model, x: float, y: float, h: float = 1e-6
                             ) -> dict[str, float]:
    grads = {}
    for name, unit in model.params.items():
        start = unit.value
        unit.value = start + h
        up = model.score(x, y)
        unit.value = start - h
        down = model.score(x, y)
        unit.value = start
        grads[name] = (up - down) / (2 * h)
    return grads


def test_svm_starts_where_the_guide_starts() -> None:
    model = linear_svm()
    assert model.param_values() == {"a": 1.0, "b": -2.0, "c": -1.0}
    assert model.multiplicative == ("a", "b")
    # 1*1.2 - 2*0.7 - 1 = -1.2
    assert model.score(1.2, 0.7) == pytest.approx(-1.2)


def test_svm_backward_with_a_pull_gives_pull_times_the_point() -> None:
    model = linear_svm()
    model.score(-0.1, -1.0)
    # d(ax+by+c)/d(a, b, c) = (x, y, 1); times pull -1 -> (0.1, 1.0, -1)
    assert model.backward(-1.0) == pytest.approx({"a": 0.1, "b": 1.0, "c": -1.0})
    assert model.output.grad == -1.0
    # backward zeroes first: a second call gives the same, not double
    assert model.backward(-1.0) == pytest.approx({"a": 0.1, "b": 1.0, "c": -1.0})


def test_net_parameters_come_from_the_seed_in_the_guides_range() -> None:
    a = two_layer_net(3, random.Random(7))
    b = two_layer_net(3, random.Random(7))
    c = two_layer_net(3, random.Random(8))
    assert a.param_values() == b.param_values() != c.param_values()
    names = ["a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3", "w1", "w2", "w3", "d"]
    assert list(a.params) == names
    assert all(-0.5 <= v < 0.5 for v in a.param_values().values())
    # multiplicative: the a's, b's and output weights; the biases c_i and d are not
    assert set(a.multiplicative) == {"a1", "b1", "a2", "b2", "a3", "b3", "w1", "w2", "w3"}


def test_net_is_made_of_the_engines_gates() -> None:
    model = two_layer_net(4, random.Random(0))
    kinds = [type(g) for g in model.circuit.gates]
    assert kinds.count(ReluGate) == 4
    # per neuron a*x and b*y, then w*n: 3 multiplies each
    assert kinds.count(MultiplyGate) == 12


def test_net_score_matches_its_formula_by_hand() -> None:
    model = two_layer_net(2)
    model.set_params({"a1": 1.0, "b1": 2.0, "c1": -1.0, "a2": -1.0, "b2": 0.5, "c2": 0.0,
                      "w1": 3.0, "w2": -2.0, "d": 0.5})
    # n1 = max(0, 1*1 + 2*1 - 1) = 2; n2 = max(0, -1 + 0.5 + 0) = 0 -> 3*2 - 2*0 + 0.5 = 6.5
    assert model.score(1.0, 1.0) == pytest.approx(6.5)
    # n1 = max(0, -2 + 0 - 1) = 0; n2 = max(0, 2 + 0) = 2 -> 0 - 4 + 0.5 = -3.5
    assert model.score(-2.0, 0.0) == pytest.approx(-3.5)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), coords, coords)
def test_net_backprop_agrees_with_the_numerical_gradient(seed: int, x: float, y: float) -> None:
    model = two_layer_net(3, random.Random(seed))
    pre = [model.params[f"a{i}"].value * x + model.params[f"b{i}"].value * y
           + model.params[f"c{i}"].value for i in (1, 2, 3)]
    if min(abs(p) for p in pre) < 1e-3:
        return  # at a ReLU's kink the two-sided difference straddles two slopes
    numerical = numerical_param_gradient(model, x, y)
    model.score(x, y)
    analytic = model.backward(1.0)
    for name in model.params:
        assert analytic[name] == pytest.approx(numerical[name], abs=1e-5)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6), coords, coords)
def test_fast_scorer_equals_the_circuit(seed: int, hidden: int, x: float, y: float) -> None:
    for model in (two_layer_net(hidden, random.Random(seed)), linear_svm()):
        scorer = model.fast_scorer()
        assert scorer(x, y) == model.score(x, y)  # same operations, same order: exact


def test_scoring_reuses_one_circuit() -> None:
    model = two_layer_net(3, random.Random(1))
    gates = list(model.circuit.gates)
    output = model.output
    model.score(0.5, -0.5)
    model.score(1.5, 2.0)
    assert model.circuit.gates == gates
    assert model.output is output
    assert (model.x.value, model.y.value) == (1.5, 2.0)


def test_bad_models_and_parameters_are_refused() -> None:
    with pytest.raises(InputError, match="unknown model"):
        make_model("tree")
    with pytest.raises(InputError, match="hidden width"):
        two_layer_net(0)
    model = linear_svm()
    with pytest.raises(InputError, match="unknown parameter"):
        model.set_params({"z": 1.0})
    with pytest.raises(InputError, match="finite"):
        model.set_params({"a": float("nan")})
    assert model.param_values()["a"] == 1.0
