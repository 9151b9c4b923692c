"""An mlp run's settings, by its controls' keys: all `train mlp` needs to describe its flags.

Kept apart from the runs (class_runs.py) so the CLI's parser, built before the app's first
frame, reads the defaults without loading the training code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nn101.engine.learning.classify import ClassSettings
    from nn101.engine.learning.optimizers import OptimizerSettings


@dataclass(frozen=True)
class ClassConfig:
    """An mlp run's settings; the defaults are the README's (Chapter 3)."""

    dataset: str = "yinyang"
    points: int = 300
    noise: float = 0.2
    data_seed: int = 0
    hidden: int = 16
    activation: str = "tanh"
    init: str = "eureka"
    optimizer: str = "adam"
    step_size: float = 0.05
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.99
    eps: float = 1e-8
    weight_decay: float = 0.0
    batch: int = 64
    seed: int = 0
    every: int = 25
    preset: str | None = None

    def optimizer_settings(self) -> OptimizerSettings:
        from nn101.engine.learning.optimizers import OptimizerSettings

        return OptimizerSettings(self.optimizer, self.step_size, self.momentum, self.beta1,
                                 self.beta2, self.eps, self.weight_decay)

    def settings(self) -> ClassSettings:
        from nn101.engine.learning.classify import ClassSettings

        return ClassSettings(self.optimizer_settings(), self.hidden, self.activation,
                             self.init, self.batch, self.seed, self.every)
