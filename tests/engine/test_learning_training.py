"""SGD with pulls: one step by hand, the truth about the guide's claim, nets that learn."""

from __future__ import annotations

import random

import pytest

from nn101.engine import InputError
from nn101.engine.learning import (
    Training,
    TrainSettings,
    linear_svm,
    make_dataset,
    pixel_of,
    score_grid,
    square_pixels,
    train,
    two_layer_net,
)

NET_SETTINGS = TrainSettings(step_size=0.03, regularization=0.001, seed=0)
"""Settings the README names for the net on moons and xor (hidden 10, 3000 iterations)."""


def test_first_svm_step_for_seed_0_by_hand() -> None:
    run = Training("svm", make_dataset("guide"))
    detail = run.step()
    assert detail is not None
    assert detail.index == random.Random(0).randrange(6) == 3
    # point 3 is (-0.1, -1.0), label -1; score 1*-0.1 - 2*-1.0 - 1 = 0.9 > -1: pull -1
    assert detail.score == pytest.approx(0.9)
    assert detail.pull == -1.0
    # backprop: pull * (x, y, 1) = (0.1, 1.0, -1.0)
    assert detail.score_gradient == pytest.approx({"a": 0.1, "b": 1.0, "c": -1.0})
    # regularization pull: -a = -1, -b = 2, none on c
    assert detail.regularization_pull == pytest.approx({"a": -1.0, "b": 2.0, "c": 0.0})
    assert detail.gradient == pytest.approx({"a": -0.9, "b": 3.0, "c": -1.0})
    # update with step 0.01: a = 1 - 0.009, b = -2 + 0.03, c = -1 - 0.01
    assert detail.params == pytest.approx({"a": 0.991, "b": -1.97, "c": -1.01})
    assert run.model.param_values() == detail.params


def test_a_correct_point_with_margin_gets_no_pull_only_regularization() -> None:
    run = Training("svm", make_dataset("guide"))
    # find the first pick that lands on (3.0, 0.1): score 1.8 >= 1 for a +1 label
    for _ in range(50):
        detail = run.step()
        assert detail is not None
        if detail.index == 2 and detail.score >= 1.0:
            assert detail.pull == 0.0
            assert detail.score_gradient == {"a": 0.0, "b": 0.0, "c": 0.0}
            before = detail.params_before
            assert detail.params["c"] == before["c"]
            assert detail.params["a"] == pytest.approx(before["a"] * (1 - 0.01))
            return
    pytest.fail("point 2 was never picked with a margin in 50 steps")


def test_same_seed_same_run() -> None:
    a = train("net", "moons", 300, TrainSettings(seed=5), hidden=3)
    b = train("net", "moons", 300, TrainSettings(seed=5), hidden=3)
    c = train("net", "moons", 300, TrainSettings(seed=6), hidden=3)
    assert a.model.param_values() == b.model.param_values() != c.model.param_values()
    assert [e.loss for e in a.history] == [e.loss for e in b.history]


def test_history_every_n_from_the_start_to_the_end() -> None:
    run = train("svm", "guide", 110, TrainSettings(every=25))
    assert [e.iteration for e in run.history] == [0, 25, 50, 75, 100, 110]
    assert run.history[0].correct == 4
    assert run.final.iteration == 110


def test_reset_goes_back_to_the_same_start() -> None:
    run = Training("net", make_dataset("xor", points=40), TrainSettings(seed=3))
    start = run.model.param_values()
    first = run.step()
    run.run(50)
    run.reset()
    assert run.model.param_values() == start
    assert run.iteration == 0 and len(run.history) == 1
    again = run.step()
    assert first is not None and again is not None
    assert again.index == first.index and again.params == first.params


def test_the_guides_100_percent_claim_does_not_hold_with_its_regularization() -> None:
    # The guide: 400 iterations, step 0.01, regularization pull -a, -b. Measured over
    # seeds 0-999 with this code: 937 end at 5/6, 63 at 6/6 (94% at 5/6), and only 15
    # are at 6/6 at iteration 300, where the guide claims 100%.
    ends = [train("svm", "guide", 400, TrainSettings(seed=s)).final.correct
            for s in range(50)]
    assert set(ends) <= {5, 6}
    assert 0.8 <= ends.count(5) / len(ends) <= 0.99
    assert train("svm", "guide", 400, TrainSettings(seed=0)).final.correct == 5


def test_without_regularization_the_svm_reaches_six_of_six() -> None:
    ends = [train("svm", "guide", 400, TrainSettings(regularization=0.0, seed=s)).final.correct
            for s in range(50)]
    assert ends.count(6) / len(ends) >= 0.95  # seeds 0-999: 997 at 6/6


def test_net_learns_moons_with_the_readme_settings() -> None:
    run = train("net", make_dataset("moons"), 3000, NET_SETTINGS, hidden=10)
    assert run.status == "ok"
    assert run.history[0].accuracy < 0.8
    assert run.final.accuracy >= 0.97


def test_net_learns_xor_with_the_readme_settings() -> None:
    run = train("net", make_dataset("xor"), 3000, NET_SETTINGS, hidden=10)
    assert run.status == "ok"
    assert run.final.accuracy >= 0.97


@pytest.mark.slow
def test_net_settings_hold_over_many_seeds() -> None:
    for name in ("moons", "xor"):
        accs = [train("net", name, 3000, TrainSettings(step_size=0.03, regularization=0.001,
                                                       seed=s), hidden=10).final.accuracy
                for s in range(10)]
        assert min(accs) >= 0.95, (name, accs)


def test_the_guides_regularization_flattens_the_net() -> None:
    # With strength 1 the pull -w shrinks every weight by 1% a step, faster than the
    # hinge pulls grow them: the net's score collapses to the bias and guesses one class.
    run = train("net", "moons", 3000, TrainSettings(regularization=1.0, seed=0), hidden=10)
    assert run.final.accuracy == pytest.approx(0.5)
    assert max(abs(run.model.params[n].value) for n in run.model.multiplicative) < 0.1


def test_a_huge_step_diverges_and_keeps_the_last_good_parameters() -> None:
    run = Training("svm", make_dataset("guide"), TrainSettings(step_size=1e3))
    run.run(1000)
    assert run.status == "diverged"
    assert "diverged at iteration" in run.message and "step size" in run.message
    params = run.model.param_values()
    assert all(abs(v) <= 1e100 for v in params.values())
    assert run.step() is None
    assert run.model.param_values() == params
    assert run.final.loss == run.final.loss  # finite, not nan
    assert run.history[-1].iteration == run.iteration


@pytest.mark.parametrize(
    ("settings", "message"),
    [(TrainSettings(step_size=0.0), "step size"), (TrainSettings(step_size=float("inf")),
                                                   "step size"),
     (TrainSettings(regularization=-1.0), "regularization"), (TrainSettings(every=0), "every")],
)
def test_bad_settings_are_refused(settings: TrainSettings, message: str) -> None:
    with pytest.raises(InputError, match=message):
        Training("svm", make_dataset("guide"), settings)


def test_score_grid_rows_run_top_down() -> None:
    model = linear_svm()
    grid = score_grid(model, (0.0, 4.0, 0.0, 2.0), cols=4, rows=2)
    # pixel centres x = 0.5, 1.5, 2.5, 3.5; y = 1.5 (top row), 0.5; score x - 2y - 1
    assert grid[0] == pytest.approx([-3.5, -2.5, -1.5, -0.5])
    assert grid[1] == pytest.approx([-1.5, -0.5, 0.5, 1.5])


def test_score_grid_matches_the_circuit_for_a_net() -> None:
    model = two_layer_net(5, random.Random(2))
    grid = score_grid(model, (-2.0, 2.0, -1.0, 1.0), cols=8, rows=4)
    assert grid[3][0] == pytest.approx(model.score(-1.75, -0.75))
    assert grid[0][7] == pytest.approx(model.score(1.75, 0.75))


def test_score_grid_refuses_bad_bounds() -> None:
    with pytest.raises(InputError):
        score_grid(linear_svm(), (1.0, 0.0, 0.0, 1.0), 4, 4)
    with pytest.raises(InputError):
        score_grid(linear_svm(), (0.0, 1.0, 0.0, 1.0), 0, 4)


def test_square_pixels_widens_the_narrow_side_about_its_centre() -> None:
    # 4 wide x 1 high on a 4 x 4 grid: dx = 1, dy = 0.25 -> y widened to 4 around 0.5
    assert square_pixels((0.0, 4.0, 0.0, 1.0), 4, 4) == pytest.approx((0.0, 4.0, -1.5, 2.5))
    # already square: unchanged
    assert square_pixels((0.0, 2.0, 0.0, 1.0), 4, 2) == pytest.approx((0.0, 2.0, 0.0, 1.0))


def test_pixel_of_finds_the_pixel_and_refuses_outside() -> None:
    bounds = (0.0, 4.0, 0.0, 2.0)
    # x = 2.5 falls in column 2 (2..3); y = 1.5 in the top row (2..1 is row 0)
    assert pixel_of(bounds, 4, 2, 2.5, 1.5) == (2, 0)
    assert pixel_of(bounds, 4, 2, 0.0, 0.1) == (0, 1)
    assert pixel_of(bounds, 4, 2, -0.1, 1.0) is None
    assert pixel_of(bounds, 4, 2, 1.0, 2.5) is None
    assert pixel_of(bounds, 4, 2, 4.0, 1.0) is None
