"""The peer run: EurekaLabsAI/micrograd's `micrograd.py`, reproduced loss for loss.

tests/data/eureka_micrograd_run.txt is what that script printed (its header says how it was
made). Step k's "train loss" is computed before update k, so it is our history[k - 1].loss
(the loss after k - 1 updates); its "val loss" at steps 1, 11, 21, ... likewise.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nn101.engine.learning.classify import eureka

RUN = Path(__file__).parent.parent / "data" / "eureka_micrograd_run.txt"
LINE = re.compile(r"step (\d+)/100, (train|val) loss (\S+)")


def printed() -> tuple[dict[int, float], dict[int, float]]:
    train: dict[int, float] = {}
    val: dict[int, float] = {}
    for text in RUN.read_text().splitlines():
        found = LINE.fullmatch(text)
        if found:
            step, kind, value = int(found[1]), found[2], float(found[3])
            (train if kind == "train" else val)[step] = value
    return train, val


def test_the_file_holds_all_100_train_losses_and_10_val_losses() -> None:
    train, val = printed()
    assert sorted(train) == list(range(1, 101))
    assert sorted(val) == list(range(1, 101, 10))


def test_every_one_of_the_100_train_losses_agrees_to_6_significant_digits() -> None:
    train, _ = printed()
    run = eureka().run(100)
    assert run.status == "ok"
    assert [e.iteration for e in run.history] == list(range(101))
    for step, theirs in train.items():
        ours = run.history[step - 1].loss
        assert f"{ours:.6g}" == f"{theirs:.6g}", step
        assert ours == pytest.approx(theirs, rel=1e-9), step  # in fact to ~1e-15


def test_the_val_losses_agree_to_the_6_decimals_printed() -> None:
    _, val = printed()
    run = eureka().run(91)
    for step, theirs in val.items():
        ours = run.history[step - 1].val_loss
        assert ours is not None
        assert f"{ours:.6f}" == f"{theirs:.6f}", step


def test_the_split_is_80_10_10_of_yinyang_in_turns() -> None:
    run = eureka()
    assert (len(run.split.train), len(run.split.val), len(run.split.test)) == (80, 10, 10)
    assert [p.label for p in run.split.train.points[:6]] == [0, 1, 2, 0, 1, 2]
