"""Learning from data, the guide's chapter 2: data sets, an SVM and a 2-layer net built as
circuits, trained with pulls (the hinge loss's gradient) by stochastic gradient descent.

The names below load with their module on first use (PEP 562): the settings' descriptions
(nn101.state.controls) need only the lists of models and data sets, and the app's first
frame, which reads them, should not wait for the training code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from nn101.engine.learning.models import (
        ACTIVATIONS,
        MODELS,
        Model,
        Scorer,
        linear_svm,
        make_model,
        two_layer_net,
    )
    from nn101.engine.learning.training import (
        StepDetail,
        Training,
        TrainSettings,
        train,
    )

__all__ = [
    "ACTIVATIONS",
    "DATASETS",
    "GUIDE_DATA",
    "MODELS",
    "Dataset",
    "Evaluation",
    "HingeLoss",
    "History",
    "Model",
    "Point",
    "Scorer",
    "StepDetail",
    "TrainSettings",
    "Training",
    "evaluate",
    "from_points",
    "hinge_loss",
    "linear_svm",
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
}
"""Where each public name lives (the same names as the imports above and __all__)."""


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found once, then a plain attribute
    return value
