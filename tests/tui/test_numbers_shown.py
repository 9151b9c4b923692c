"""Numbers on screen stay short: scientific notation where a plain one would run long."""

from __future__ import annotations

from nn101.tui.widgets.learn_step import pull_reason


def test_a_diverging_score_is_written_short() -> None:
    # step size 5 on the SVM: the scores run to a hundred digits within a few steps
    score = -7.130819851289855e99
    reason = pull_reason(1, score, 1.0)
    assert reason == "label +1 but score -7.131e+99 < 1: pull up (+1)"
    assert max(len(word) for word in reason.split()) <= 12
    assert pull_reason(-1, 0.9, -1.0) == "label -1 but score 0.90000 > -1: pull down (-1)"
