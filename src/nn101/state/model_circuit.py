"""The model being trained, as a circuit at the point the last step picked.

The guide builds its SVM as a circuit and pulls on its top: the pull is the gradient that
enters the score, backprop carries it down to a, b, c, and the regularization pull -R*w is
then added at each weight. This module rebuilds that circuit for the learning screen with
the values the last step saw (its point, the parameters before the update), so a walk
gate by gate (`walk_step`, as the circuit screen's `b`) ends with exactly the gradients the
step used: the parameters table's "backprop" column.

The SVM is drawn whole (a*x + b*y + c, four gates). A net is too big for that: one neuron
is drawn, `w_i * act(a_i*x + b_i*y + c_i) + rest`, where `rest` is the other neurons and d
(their sum enters the score's additions with local gradient 1, so the pull reaches the
neuron unchanged and the gradients equal the whole net's bit for bit). The neuron shown is
the one the last step changed most, unless the learner picked another.

A view is rebuilt after every step; it never touches the training's own circuit.
"""

from __future__ import annotations

from dataclasses import dataclass

from nn101.engine.circuit import BackwardStep, Circuit
from nn101.engine.gates import AddGate, MultiplyGate
from nn101.engine.learning import StepDetail, Training
from nn101.engine.learning.models import ACTIVATION_GATES
from nn101.engine.unit import Unit
from nn101.state import notation
from nn101.state.walk import Walking


def most_changed(last: StepDetail, hidden: int) -> int:
    """The neuron (1-based) whose a, b, c, w the step moved most (summed |after - before|);
    the first of equals."""
    def moved(i: int) -> float:
        return sum(abs(last.params[f"{p}{i}"] - last.params_before[f"{p}{i}"])
                   for p in "abcw")
    return max(range(1, hidden + 1), key=lambda i: (moved(i), -i))


@dataclass(frozen=True)
class ParamLine:
    """One parameter's gradient in the step: what the circuit brought plus the
    regularization pull, the sum the update used."""

    name: str
    backprop: float
    regularization_pull: float
    gradient: float

    @property
    def text(self) -> str:
        n = notation.number
        return (f"d{self.name} = {n(self.backprop)} (circuit) + {n(self.regularization_pull)}"
                f" (reg pull) = {n(self.gradient)}")


class ModelCircuit(Walking):
    """The model's circuit at the last step's point (one neuron for a net), and its walk.

    Has what the drawing widget reads: `circuit`, `gradients_known`, `walk_gate`.
    """

    def __init__(self, training: Training, neuron: int | None = None) -> None:
        last = training.last
        if last is None:
            raise ValueError("no step yet: nothing was picked")
        self.last = last
        model = training.model
        self.kind = model.kind
        self.hidden = model.hidden if model.kind == "net" else 0
        self.picked = neuron is not None and 1 <= neuron <= self.hidden
        """The learner chose the neuron (else: the one the step changed most)."""
        self.neuron: int = 0
        """The neuron drawn (1-based; 0 for the SVM)."""
        if self.kind == "net":
            self.neuron = neuron if neuron is not None and self.picked \
                else most_changed(last, self.hidden)
        self.activation = model.activation
        self.pull = last.pull
        self.circuit, self.names = self._build(training)
        self.circuit.forward()
        self.circuit.backward(self.pull)
        self.gradients_known = True
        Walking.__init__(self)
        self.naming = notation.Naming(self.circuit)

    def _build(self, training: Training) -> tuple[Circuit, tuple[str, ...]]:
        last = self.last
        before = last.params_before
        x = Unit(last.point.x, label="x")
        y = Unit(last.point.y, label="y")
        if self.kind == "svm":
            names: tuple[str, ...] = ("a", "b", "c")
            a, b, c = (Unit(before[n], label=n) for n in names)
            score = _affine(a, b, c, x, y)
            score.label = "score"
            return Circuit({"a": a, "x": x, "b": b, "y": y, "c": c}, score,
                           "a*x + b*y + c"), names
        i = self.neuron
        names = (f"a{i}", f"b{i}", f"c{i}", f"w{i}")
        a, b, c, w = (Unit(before[n], label=n) for n in names)
        pre = _affine(a, b, c, x, y)
        pre.label = f"s{i}"
        n = ACTIVATION_GATES[self.activation]().forward(pre)
        n.label = f"n{i}"
        weighted = MultiplyGate().forward(w, n)
        rest = Unit(last.score - weighted.value, label="rest")
        score = AddGate().forward(weighted, rest)
        score.label = "score"
        inputs = {names[0]: a, "x": x, names[1]: b, "y": y, names[2]: c, names[3]: w,
                  "rest": rest}
        return Circuit(inputs, score, f"w{i}*{self.activation}(a{i}*x + b{i}*y + c{i}) "
                       "+ rest"), names

    # --- what is shown ----------------------------------------------------------------

    @property
    def title(self) -> str:
        if self.kind == "svm":
            return (f"score = a*x + b*y + c at point {self.last.index}, pulled with "
                    f"{notation.number(self.pull)}")
        how = "picked" if self.picked else "changed most by the last step"
        return (f"neuron {self.neuron} of {self.hidden} ({how}), rest = the other neurons "
                f"+ d; pulled with {notation.number(self.pull)}")

    def param_lines(self) -> list[ParamLine]:
        """Each drawn parameter: the circuit's gradient + the regularization pull = the
        step's gradient. The circuit's is read off the drawn wires (after a full walk or
        backward pass it equals the step's `score_gradient`, which the table shows)."""
        last = self.last
        return [ParamLine(n, self.circuit.inputs[n].grad, last.regularization_pull[n],
                          self.circuit.inputs[n].grad + last.regularization_pull[n])
                for n in self.names]

    def gradients(self) -> dict[str, float]:
        """The drawn parameters' gradients from the circuit (pull x d score / d param)."""
        return {n: self.circuit.inputs[n].grad for n in self.names}

    # --- the walk ---------------------------------------------------------------------

    def walk_step(self) -> BackwardStep | None:
        """One gate of the backward pass from the pull, output side first. The first call
        zeroes every gradient and puts the pull on the score; after the last gate the next
        call starts again."""
        return self.next_gate(self.pull)

    def walk_text(self) -> list[str]:
        """What the pane writes under the drawing: the walk's place and its chain rule, or
        how to start it."""
        return self.walk_lines(f"the pull {notation.number(self.pull)} enters the score; b "
                               "walks the backward pass one gate at a time", self.naming)


def _affine(a: Unit, b: Unit, c: Unit, x: Unit, y: Unit) -> Unit:
    """a*x + b*y + c with the model's gates in the model's order (models._affine)."""
    ax = MultiplyGate().forward(a, x)
    by = MultiplyGate().forward(b, y)
    return AddGate().forward(AddGate().forward(ax, by), c)
