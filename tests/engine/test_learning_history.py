"""A run's history: read like a list of evaluations, stored as columns of numbers."""

from __future__ import annotations

import gc
import math

import pytest

from nn101.engine.learning import Evaluation, History, Training, TrainSettings, make_dataset
from nn101.engine.learning.history import LIMIT


def ev(i: int, loss: float = 0.5) -> Evaluation:
    return Evaluation(i, i % 7, 6, loss, 0.25)


def test_reads_like_the_list_it_replaces() -> None:
    items = [ev(0), ev(3, math.inf), ev(5, math.nan), ev(9)]
    history = History(items)
    assert len(history) == 4 and bool(history) and not History()
    assert history[0] == items[0] and history[-1] == items[-1] and history[-4] == items[0]
    assert history[1].loss == math.inf and math.isnan(history[2].data_loss)
    assert history[0:2] == items[0:2] and history[-1:] == items[-1:]  # (nan != nan)
    assert [e.iteration for e in history[1:3]] == [3, 5]
    assert [e.iteration for e in history] == [0, 3, 5, 9]
    assert History(items[:2]) == items[:2] and History(items[:2]) != items[:1]
    assert history[0].accuracy == 0.0 and history[3].accuracy == 2 / 6
    with pytest.raises(IndexError):
        history[4]
    with pytest.raises(IndexError):
        history[-5]
    history.append(ev(12))
    assert history[-1].iteration == 12 and len(history) == 5


def test_until_keeps_the_evaluations_at_or_before_an_iteration() -> None:
    history = History([ev(0), ev(3), ev(5), ev(9)])
    assert [e.iteration for e in history.until(5)] == [0, 3, 5]
    assert [e.iteration for e in history.until(4)] == [0, 3]
    assert [e.iteration for e in history.until(100)] == [0, 3, 5, 9]
    assert list(history.until(-1)) == []
    kept = history.until(3)
    kept.append(ev(4))  # a copy: the original is untouched
    assert [e.iteration for e in history] == [0, 3, 5, 9]


def test_a_long_run_keeps_no_object_per_evaluation() -> None:
    """Every iteration recorded, 20,000 of them: nothing for the cyclic collector to walk
    (as objects they made its full passes take 100 ms and more while the app played)."""
    data = make_dataset("guide")
    training = Training("svm", data, TrainSettings(every=1)).run(20_000)
    assert len(training.history) == 20_001
    assert [e.iteration for e in training.history[:3]] == [0, 1, 2]
    alive = sum(1 for o in gc.get_objects() if isinstance(o, Evaluation))
    assert alive < 100


def test_a_history_is_bounded_and_keeps_its_newest_half_exactly() -> None:
    """At LIMIT the older half is thinned to every second evaluation: the length never
    reaches the limit, the newest evaluations are all there, the first one stays, and the
    iterations kept still go up."""
    limit = 16
    history = History(limit=limit)
    made = [Evaluation(i, i % 7, 10, float(i), 0.5 * i) for i in range(1, 201)]
    for e in made:
        history.append(e)
        assert len(history) < limit
    kept = [e.iteration for e in history]
    assert kept == sorted(set(kept)) and kept[0] == 1
    # the newest evaluations, as recorded (at least a quarter of the limit after a thinning)
    newest = list(history)[-limit // 4:]
    assert newest == made[-limit // 4:]
    # the whole run is still spanned, sparser towards its start
    assert kept[-1] == 200 and len(kept) >= limit // 2


def test_the_default_limit_keeps_a_long_run_small() -> None:
    history = History()
    for i in range(LIMIT + 10):
        history.append(Evaluation(i, 1, 2, 0.1, 0.2))
    assert len(history) < LIMIT and history[-1].iteration == LIMIT + 9
