"""The mlp's circuit at the picked point (state/class_circuit.py): one hidden neuron
through softmax and the loss. Its gradients are the whole net's for that point (checked
against the training's own circuit), and the walk ends with each logit's p - y."""

from __future__ import annotations

import math

from nn101.state.class_circuit import ClassCircuit
from nn101.state.class_learning import ClassLearning


def walked(view: ClassCircuit) -> None:
    for _ in view.circuit.gates:
        view.walk_step()


def test_the_neuron_s_gradients_are_the_whole_net_s() -> None:
    learning = ClassLearning()
    learning.run(4)
    learning.pick(7)
    model = learning.training.model
    model.loss_at(learning.point)
    model.circuit.backward(1.0)
    for neuron in (1, 5):
        view = ClassCircuit(learning.training, learning.point, 7, neuron)
        walked(view)
        assert view.walk_complete
        names = [f"a{neuron}", f"b{neuron}", f"c{neuron}",
                 *(f"w{k}_{neuron}" for k in range(model.classes))]
        for name in names:
            assert view.circuit.inputs[name].grad == model.params[name].grad, name
        assert view.circuit.output.value == model.circuit.output.value  # the same loss


def test_the_walk_ends_with_p_minus_y_on_each_logit() -> None:
    learning = ClassLearning()
    learning.run(2)
    view = ClassCircuit(learning.training, learning.point, 0)
    view.walk_step()  # one gate: the loss's subtraction, nothing on the logits yet
    lines = view.param_lines()
    assert all(not line.done and line.gradient == 0 for line in lines)
    assert "so far" in lines[0].text
    view.end_walk()
    walked(view)  # a whole walk from the start
    logits = learning.training.model.scorer()(learning.point.x, learning.point.y)
    exps = [math.exp(z - max(logits)) for z in logits]
    for line in view.param_lines():
        p = exps[line.k] / sum(exps)
        y = 1.0 if learning.point.label == line.k else 0.0
        assert line.done
        assert abs(line.gradient - (p - y)) < 1e-12
        assert line.text.startswith(f"dz{line.k} = p{line.k} - y{line.k} = ")
