"""Learning from data, the guide's chapter 2: data sets, an SVM and a 2-layer net built as
circuits, trained with pulls (the hinge loss's gradient) by stochastic gradient descent.
Chapter 3: K classes (classes.py), softmax and cross-entropy as gates (softmax.py), an MLP
with K logits (mlp.py), PyTorch's optimizers (optimizers.py) and their training
(classify.py), drawn from a xorshift stream (rng.py).

The names below load with their module on first use (PEP 562): the settings' descriptions
(nn101.state.controls) need only the lists of models and data sets, and the app's first
frame, which reads them, should not wait for the training code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nn101.engine.learning.classes import CLASS_DATASETS, Split, make_classes
    from nn101.engine.learning.classify import ClassSettings, ClassTraining, eureka
    from nn101.engine.learning.datasets import (
        DATASETS,
        GUIDE_DATA,
        Dataset,
        Point,
        from_points,
        make_dataset,
    )
    from nn101.engine.learning.grid import pixel_of, score_grid, square_pixels
    from nn101.engine.learning.history import History
    from nn101.engine.learning.loss import (
        Evaluation,
        HingeLoss,
        evaluate,
        hinge_loss,
        predict,
        pull,
    )
    from nn101.engine.learning.mlp import INITS, MLP
    from nn101.engine.learning.models import (
        ACTIVATIONS,
        MODELS,
        Model,
        Scorer,
        linear_svm,
        make_model,
        two_layer_net,
    )
    from nn101.engine.learning.optimizers import OPTIMIZERS, Optimizer, OptimizerSettings
    from nn101.engine.learning.rng import XorShift
    from nn101.engine.learning.softmax import cross_entropy
    from nn101.engine.learning.training import (
        StepDetail,
        Training,
        TrainSettings,
        train,
    )

__all__ = [
    "ACTIVATIONS",
    "CLASS_DATASETS",
    "DATASETS",
    "GUIDE_DATA",
    "INITS",
    "MLP",
    "MODELS",
    "OPTIMIZERS",
    "ClassSettings",
    "ClassTraining",
    "Dataset",
    "Evaluation",
    "HingeLoss",
    "History",
    "Model",
    "Optimizer",
    "OptimizerSettings",
    "Point",
    "Scorer",
    "Split",
    "StepDetail",
    "TrainSettings",
    "Training",
    "XorShift",
    "cross_entropy",
    "eureka",
    "evaluate",
    "from_points",
    "hinge_loss",
    "linear_svm",
    "make_classes",
    "make_dataset",
    "make_model",
    "pixel_of",
    "predict",
    "pull",
    "score_grid",
    "square_pixels",
    "train",
    "two_layer_net",
]

_MODULE_OF = {
    **dict.fromkeys(("DATASETS", "GUIDE_DATA", "Dataset", "Point", "from_points",
                     "make_dataset"), "datasets"),
    **dict.fromkeys(("pixel_of", "score_grid", "square_pixels"), "grid"),
    "History": "history",
    **dict.fromkeys(("Evaluation", "HingeLoss", "evaluate", "hinge_loss", "predict", "pull"),
                    "loss"),
    **dict.fromkeys(("ACTIVATIONS", "MODELS", "Model", "Scorer", "linear_svm", "make_model",
                     "two_layer_net"), "models"),
    **dict.fromkeys(("StepDetail", "Training", "TrainSettings", "train"), "training"),
    **dict.fromkeys(("CLASS_DATASETS", "Split", "make_classes"), "classes"),
    **dict.fromkeys(("ClassSettings", "ClassTraining", "eureka"), "classify"),
    **dict.fromkeys(("INITS", "MLP"), "mlp"),
    **dict.fromkeys(("OPTIMIZERS", "Optimizer", "OptimizerSettings"), "optimizers"),
    "XorShift": "rng",
    "cross_entropy": "softmax",
}
"""Where each public name lives (the same names as the imports above and __all__)."""


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found once, then a plain attribute
    return value
