"""The mlp's circuit at the picked point, one hidden neuron through softmax and the loss.

The whole 2-16-3 net is some 130 gates: too many to draw or to walk by hand. As the
learning screen's ModelCircuit draws one neuron of its net, this draws one hidden neuron
i, `h_i = act(a_i*x + b_i*y + c_i)`, feeding every logit, `z_k = w{k}_i*h_i + rest_k`
(rest_k: the other neurons and d_k, a constant here: its local gradient is 1, so the
gradients equal the whole net's bit for bit), and then the loss's own gates
(engine/learning/softmax.py): max, z_k - m, exp, the sum, log, the target's pick. Walking
back from dL = 1 (`b`), each logit's wire collects p_k from its subtraction and -t_k from
the pick: the `p - y` the logit lines write out.

Built from the run's parameters now (the picked point, the model as it stands); it never
touches the training's own circuit.
"""

from __future__ import annotations

from dataclasses import dataclass

from nn101.engine.circuit import BackwardStep, Circuit
from nn101.engine.gates import AddGate, MaxGate, MultiplyGate
from nn101.engine.learning.classify import ClassTraining
from nn101.engine.learning.datasets import Point
from nn101.engine.learning.models import ACTIVATION_GATES
from nn101.engine.learning.softmax import cross_entropy, softmax
from nn101.engine.unit import Unit
from nn101.state import notation
from nn101.state.walk import Walking

MID_WALK_NOTE = ("mid-walk: a wire the walk has not reached shows 0; after the last gate "
                 "each logit's gradient is p - y")
DONE_NOTE = ("each dz is p - y: the subtraction z - m brings p, the target's pick -y (the "
             "max's share is 0 up to rounding); the optimizer pane shows the whole batch's")


@dataclass(frozen=True)
class LogitLine:
    """One logit's gradient as the walk found it on its wire, written out as p - y."""

    k: int
    p: float
    y: float
    gradient: float
    """What the walk has put on the logit's wire so far."""
    done: bool
    """The backward pass is complete (the gradient is the whole p - y)."""

    @property
    def text(self) -> str:
        n = notation.number
        whole = f"p{self.k} - y{self.k} = {n(self.p)} - {self.y:g}"
        if self.done:
            return f"dz{self.k} = {whole} = {n(self.gradient)}"
        return (f"dz{self.k} so far {n(self.gradient)} (when the walk is done: {whole} = "
                f"{n(self.p - self.y)})")


class ClassCircuit(Walking):
    """What the drawing and the walk read (as ModelCircuit): `circuit`, `gradients_known`,
    `walk_gate`, `title`, `walk_text`, `param_lines`, `notes`."""

    def __init__(self, training: ClassTraining, point: Point, index: int,
                 neuron: int = 1) -> None:
        model = training.model
        self.hidden = model.hidden
        self.neuron = max(1, min(self.hidden, neuron))
        self.index = index
        self.point = point
        self.classes = model.classes
        self.activation = str(model.activation)
        params = model.param_values()
        scores = model.scorer()(point.x, point.y)
        self.probabilities = softmax(scores)
        i = self.neuron
        x = Unit(point.x, label="x")
        y = Unit(point.y, label="y")
        a, b, c = (Unit(params[f"{p}{i}"], label=f"{p}{i}") for p in "abc")
        ax = MultiplyGate().forward(a, x)
        by = MultiplyGate().forward(b, y)
        ax.label, by.label = f"a{i}x", f"b{i}y"
        axby = AddGate().forward(ax, by)
        axby.label = f"a{i}x_b{i}y"
        pre = AddGate().forward(axby, c)
        pre.label = f"u{i}"  # s_k are the softmax's shifted logits
        h = ACTIVATION_GATES[self.activation]().forward(pre)
        h.label = f"h{i}"
        inputs: dict[str, Unit] = {f"a{i}": a, "x": x, f"b{i}": b, "y": y, f"c{i}": c}
        logits = []
        for k in range(self.classes):
            w = Unit(params[f"w{k}_{i}"], label=f"w{k}_{i}")
            weighted = MultiplyGate().forward(w, h)
            weighted.label = f"w{k}h{i}"
            rest = Unit(scores[k] - weighted.value, label=f"r{k}")
            z = AddGate().forward(weighted, rest)
            z.label = f"z{k}"
            inputs[f"w{k}_{i}"] = w
            inputs[f"r{k}"] = rest
            logits.append(z)
        targets = [Unit(1.0 if point.label == k else 0.0, label=f"t{k}")
                   for k in range(self.classes)]
        inputs.update({t.label: t for t in targets})
        self.logits = logits
        loss = cross_entropy(logits, targets)
        for gate in Circuit(inputs, loss, "").gates:  # the chains' partial results
            if gate.out.label:
                continue
            if isinstance(gate, MaxGate):  # max(z0, z1): m01
                gate.out.label = "m" + "".join(u.label.lstrip("zm") for u in gate.inputs)
            else:  # partial sums of the exponentials and the picks: e0_e1, tz0_tz1
                gate.out.label = "_".join(u.label for u in gate.inputs)
        self.circuit = Circuit(inputs, loss, f"cross-entropy(softmax(z), t), neuron {i}")
        self.circuit.forward()
        self.circuit.backward(1.0)
        self.gradients_known = True
        Walking.__init__(self)
        self.naming = notation.Naming(self.circuit)

    @property
    def title(self) -> str:
        return (f"point {self.index} (class {self.point.label}): neuron {self.neuron} of "
                f"{self.hidden} -> logits z -> softmax -> loss = "
                f"{notation.number(self.circuit.output.value)}; r_k = the other neurons + d_k")

    @property
    def notes(self) -> tuple[str, str]:
        return MID_WALK_NOTE, DONE_NOTE

    def param_lines(self) -> list[LogitLine]:
        """Each logit's gradient on its wire (after a full walk or backward: p - y)."""
        done = not self.walk_active or self.walk_complete
        return [LogitLine(k, self.probabilities[k], 1.0 if self.point.label == k else 0.0,
                          z.grad, done) for k, z in enumerate(self.logits)]

    def walk_step(self) -> BackwardStep | None:
        """One gate back from dL = 1 (the first call starts the walk; after the last gate
        the next starts again)."""
        return self.next_gate(1.0)

    def walk_text(self) -> list[str]:
        return self.walk_lines("dL = 1 enters the loss; b walks the backward pass one gate "
                               "at a time", self.naming)
