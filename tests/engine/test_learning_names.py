"""nn101.engine.learning gives its names on first use (PEP 562): the same objects as its
modules', every one of __all__, and importing the package loads no training code."""

from __future__ import annotations

import subprocess
import sys

import pytest

import nn101.engine.learning as learning
from nn101.engine.learning import (
    classes,
    classify,
    datasets,
    grid,
    history,
    loss,
    mlp,
    models,
    optimizers,
    rng,
    softmax,
    training,
)

MODULES = (datasets, grid, history, loss, models, training, classes, classify, mlp,
           optimizers, rng, softmax)


@pytest.mark.parametrize("name", learning.__all__)
def test_every_public_name_is_its_modules_object(name: str) -> None:
    value = getattr(learning, name)
    homes = [m for m in MODULES if getattr(m, name, None) is value]
    assert homes, f"{name} is none of the modules' objects"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        learning.nothing_here  # noqa: B018
    with pytest.raises(ImportError, match="cannot import name 'also_not'"):
        exec("from nn101.engine.learning import also_not")


def test_importing_the_package_or_its_lists_loads_no_training_code() -> None:
    code = ("import sys\n"
            "from nn101.engine.learning import DATASETS, MODELS\n"
            "print(sorted(m for m in sys.modules if m.startswith('nn101.engine.learning')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert "nn101.engine.learning.training" not in done.stdout
    assert "nn101.engine.learning.datasets" in done.stdout
