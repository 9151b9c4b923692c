"""Learning from data, the guide's chapter 2: data sets, an SVM and a 2-layer net built as
circuits, trained with pulls (the hinge loss's gradient) by stochastic gradient descent."""

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
