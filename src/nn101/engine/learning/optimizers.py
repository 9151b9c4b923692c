"""How a gradient becomes a step: SGD, SGD with momentum, Adam and AdamW, as PyTorch does.

Each optimizer keeps its per-parameter state in the open (`state[name]`), so a learner
can watch it: momentum's velocity, Adam's moments m and v, and the step each one took.
With g the gradient, p the parameter, lr the step size and wd the weight decay (PyTorch's
`torch.optim` rules, defaults dampening 0, no Nesterov, no amsgrad):

    sgd        g += wd p;                    p -= lr g
    momentum   g += wd p;  v = mu v + g;     p -= lr v          (v starts at 0: v_1 = g_1)
    adam       g += wd p;  m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
               m^ = m / (1 - b1^t);  v^ = v / (1 - b2^t);  p -= lr m^ / (sqrt(v^) + eps)
    adamw      p -= lr wd p  (decoupled: the decay never enters m or v), then adam's step
               with the undecayed g
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from nn101.engine.errors import InputError
from nn101.engine.numerics import is_finite

OptimizerName = Literal["sgd", "momentum", "adam", "adamw"]
OPTIMIZERS: tuple[OptimizerName, ...] = ("sgd", "momentum", "adam", "adamw")


@dataclass(frozen=True)
class OptimizerSettings:
    name: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0

    def validate(self) -> None:
        if self.name not in OPTIMIZERS:
            raise InputError(f"unknown optimizer {self.name!r} (one of: "
                             f"{', '.join(OPTIMIZERS)})")
        if not is_finite(self.lr) or self.lr <= 0.0:
            raise InputError("step size must be a finite number greater than 0")
        for label, value in (("momentum", self.momentum), ("beta1", self.beta1),
                             ("beta2", self.beta2)):
            if not is_finite(value) or not 0.0 <= value < 1.0:
                raise InputError(f"{label} must be from 0 to below 1, got {value:g}")
        if not is_finite(self.eps) or self.eps <= 0.0:
            raise InputError(f"eps must be greater than 0, got {self.eps:g}")
        if not is_finite(self.weight_decay) or self.weight_decay < 0.0:
            raise InputError(f"weight decay must be 0 or more, got {self.weight_decay:g}")


class Optimizer:
    """One of the four rules above; `step` returns the new values and keeps the state."""

    def __init__(self, settings: OptimizerSettings, names: list[str]) -> None:
        settings.validate()
        self.settings = settings
        self.t = 0
        """Steps taken (Adam's bias corrections use it)."""
        keys = {"sgd": (), "momentum": ("velocity",), "adam": ("m", "v"),
                "adamw": ("m", "v")}[settings.name]
        self.state: dict[str, dict[str, float]] = {
            n: {**dict.fromkeys(keys, 0.0), "step": 0.0} for n in names}
        """Per parameter: its velocity or moments, and `step`, the last change made to it."""

    def step(self, params: Mapping[str, float], grads: Mapping[str, float]
             ) -> dict[str, float]:
        s = self.settings
        lr, wd = s.lr, s.weight_decay
        self.t += 1
        out: dict[str, float] = {}
        if s.name in ("adam", "adamw"):
            b1, b2 = s.beta1, s.beta2
            c1, c2 = 1.0 - b1 ** self.t, 1.0 - b2 ** self.t
        for name, p in params.items():
            g = grads[name]
            st = self.state[name]
            if s.name == "sgd":
                new = p - lr * (g + wd * p)
            elif s.name == "momentum":
                v = s.momentum * st["velocity"] + (g + wd * p)
                st["velocity"] = v
                new = p - lr * v
            else:
                if s.name == "adam":
                    g = g + wd * p
                    decayed = p
                else:
                    decayed = p * (1.0 - lr * wd)
                m = b1 * st["m"] + (1.0 - b1) * g
                v = b2 * st["v"] + (1.0 - b2) * g * g
                st["m"], st["v"] = m, v
                new = decayed - lr * (m / c1) / (math.sqrt(v / c2) + s.eps)
            st["step"] = new - p
            out[name] = new
        return out
