"""The guide's hinge loss (its worked example), the pull, and the loss training reports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nn101.engine.learning import evaluate, hinge_loss, linear_svm, make_dataset, predict, pull


def test_the_guides_worked_hinge_loss_example_gives_1_815() -> None:
    xs = [(1.2, 0.7), (-0.3, 0.5), (3.0, 2.5)]
    result = hinge_loss(xs, [1, -1, 1], (0.1, 0.2, 0.3), alpha=0.1)
    # scores: 0.12+0.14+0.3 = 0.56; -0.03+0.1+0.3 = 0.37; 0.3+0.5+0.3 = 1.1
    assert result.scores == pytest.approx((0.56, 0.37, 1.1))
    # costs: max(0, 1-0.56) = 0.44; max(0, 1+0.37) = 1.37; max(0, 1-1.1) = 0
    assert result.costs == pytest.approx((0.440, 1.370, 0.0))
    # regularization: 0.1 * (0.1**2 + 0.2**2) = 0.005
    assert result.regularization == pytest.approx(0.005)
    assert result.total == pytest.approx(1.815)
    assert f"{result.total:.3f}" == "1.815"


def test_pull_is_the_guides() -> None:
    assert pull(1, 0.5) == 1.0  # positive scored below 1: pull up
    assert pull(1, 1.0) == 0.0  # at the margin: leave it
    assert pull(-1, -0.5) == -1.0  # negative scored above -1: pull down
    assert pull(-1, -1.0) == 0.0
    assert pull(1, -3.0) == 1.0
    assert pull(-1, 2.0) == -1.0


@given(st.sampled_from([1, -1]), st.floats(-10, 10).filter(lambda s: abs(abs(s) - 1) > 1e-6))
def test_pull_is_minus_the_hinge_slope(label: int, score: float) -> None:
    h = 1e-7
    up = max(0.0, 1.0 - label * (score + h))
    down = max(0.0, 1.0 - label * (score - h))
    slope = (up - down) / (2 * h)
    assert pull(label, score) == pytest.approx(-slope, abs=1e-6)


def test_predict_treats_zero_as_negative() -> None:
    assert predict(1e-12) == 1
    assert predict(0.0) == -1
    assert predict(-2.0) == -1


def test_the_guides_svm_starts_four_of_six_with_its_loss() -> None:
    model = linear_svm()
    ev = evaluate(model, make_dataset("guide"), regularization=1.0)
    # scores x - 2y - 1: -1.2, -0.3, 1.8, 0.9, -4.2, 7.1 for labels +,-,+,-,-,+
    # correct: 2nd, 3rd, 5th, 6th -> 4 of 6
    assert (ev.correct, ev.total) == (4, 6)
    assert ev.accuracy == pytest.approx(4 / 6)
    # hinge costs: 2.2, 0.7, 0, 1.9, 0, 0 -> mean 4.8/6 = 0.8
    assert ev.data_loss == pytest.approx(0.8)
    # (1/2) * (1**2 + (-2)**2) = 2.5 (c is a bias, not regularized)
    assert ev.regularization_loss == pytest.approx(2.5)
    assert ev.loss == pytest.approx(3.3)
