"""Softmax and cross-entropy, wired from the engine's gates so a walk steps through them.

For logits z_1..z_K and a one-hot target t (t_y = 1), the loss is

    L = -log p_y,  p_k = e^{z_k} / sum_j e^{z_j}
      = log sum_j e^{z_j - m} + m - sum_k t_k z_k        (log-sum-exp, m = max_k z_k)

Subtracting m keeps every exponent <= 0, so e^{...} never overflows (a logit of 1000 is
fine), and adding m back outside the log gives the same number. Gates, output to inputs:

    m       = max(z_1, max(z_2, ...))                    MaxGate chain
    s_k     = z_k - m                                    SubtractGate
    e_k     = exp(s_k)                                   ExpGate
    S       = e_1 + e_2 + ...                            AddGate chain
    lse     = log(S) + m                                 LogGate, AddGate
    picked  = t_1 z_1 + t_2 z_2 + ...                    MultiplyGate, AddGate
    L       = lse - picked                               SubtractGate

Walking back from dL = 1: log passes 1/S to S, the adds pass it to each e_k, exp multiplies
by e_k, so s_k gets e_k / S = p_k and passes it to z_k (local gradient 1); the pick's
multiply gives z_k -t_k. Summed on the wire z_k: p_k - t_k, the famous `p - y`. The max's
wire m collects 1 (from lse) minus sum_k p_k (from the subtractions): 0 up to rounding, as
it must, since m cancels out of L.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from nn101.engine.gates import AddGate, ExpGate, LogGate, MaxGate, MultiplyGate, SubtractGate
from nn101.engine.unit import Unit


def _total(units: Sequence[Unit]) -> Unit:
    total = units[0]
    for u in units[1:]:
        total = AddGate().forward(total, u)
    return total


def cross_entropy(logits: Sequence[Unit], targets: Sequence[Unit]) -> Unit:
    """-log softmax(logits)[y] for the one-hot `targets`, as the gates above."""
    m = logits[0]
    for z in logits[1:]:
        m = MaxGate().forward(m, z)
    m.label = m.label or "m"
    exps = []
    for k, z in enumerate(logits):
        shifted = SubtractGate().forward(z, m)
        shifted.label = f"s{k}"
        e = ExpGate().forward(shifted)
        e.label = f"e{k}"
        exps.append(e)
    total = _total(exps)
    total.label = "S"
    log_total = LogGate().forward(total)
    log_total.label = "logS"
    lse = AddGate().forward(log_total, m)
    lse.label = "lse"
    picks = []
    for k, (t, z) in enumerate(zip(targets, logits, strict=True)):
        pick = MultiplyGate().forward(t, z)
        pick.label = f"tz{k}"
        picks.append(pick)
    picked = _total(picks)
    picked.label = "z_y"
    loss = SubtractGate().forward(lse, picked)
    loss.label = "loss"
    return loss


def softmax(logits: Sequence[float]) -> list[float]:
    """The class probabilities e^{z_k - m} / sum_j e^{z_j - m}, as the gates compute them."""
    m = max(logits)
    exps = [math.exp(z - m) for z in logits]
    total = exps[0]
    for e in exps[1:]:
        total += e
    return [e / total for e in exps]


def cross_entropy_value(logits: Sequence[float], label: int) -> float:
    """The same loss as the gates, in plain floats (for scoring many points fast)."""
    m = max(logits)
    total = 0.0
    for z in logits:
        total += math.exp(z - m)
    return math.log(total) + m - logits[label]
