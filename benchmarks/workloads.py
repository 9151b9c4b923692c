"""The same graphs built twice, through nn101's gates and through micrograd's Values.

Each workload gives one pass for each engine (forward then backward) returning the
gradients it found, so the benchmark can time the passes and check they agree.

- nn101 builds its circuit once and re-runs it (`Circuit.forward` / `Circuit.backward`):
  that is its design, and what the app does on every step. For comparison, `rebuilt`
  wires the graph anew every pass with the operators and calls `backward()` on its output,
  as micrograd's users write it (define by run); `rebuilt_circuit` wires it the same way
  and back-propagates through a new `Circuit`.
- micrograd has no re-run: its forward pass *is* building the graph (every operation makes
  a new Value), and its backward sorts the graph recursively and calls each node's closure.

Only operations both engines have are used: +, *, ** with a constant exponent, relu. The
neuron needs a sigmoid, which micrograd 0.1.0 lacks: `mg_sigmoid` adds one in micrograd's
own style (a new Value with a `_backward` closure), the fairest stand-in.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from micrograd.engine import Value
from micrograd.nn import MLP

from nn101.engine import (
    AddGate,
    Circuit,
    MultiplyGate,
    PowGate,
    ReluGate,
    SigmoidGate,
    Unit,
)

Pass = Callable[[], list[float]]
"""One forward + backward pass, returning the gradients it computed, in a fixed order."""


@dataclass(frozen=True)
class Workload:
    name: str
    ours: Pass
    """nn101, the circuit built once and re-run."""
    rebuilt: Pass
    """nn101, the graph wired anew every pass (every point, for the net), then
    `output.backward()`."""
    theirs: Pass
    """micrograd, which builds the graph every pass."""
    rebuilt_circuit: Pass | None = None
    """nn101, the graph wired anew every pass and run through a new `Circuit`."""


# --- (a) the guide's neuron ----------------------------------------------------------------


def mg_sigmoid(v: Value) -> Value:
    """A sigmoid for micrograd 0.1.0, written exactly as its own relu is."""
    s = 1.0 / (1.0 + math.exp(-v.data))
    out = Value(s, (v,), "sigmoid")

    def _backward() -> None:
        v.grad += s * (1.0 - s) * out.grad

    out._backward = _backward
    return out


NEURON_START = {"a": 1.0, "b": 2.0, "c": -3.0, "x": -1.0, "y": 3.0}


def neuron_circuit() -> Circuit:
    units = {name: Unit(v, label=name) for name, v in NEURON_START.items()}
    ax = MultiplyGate().forward(units["a"], units["x"])
    by = MultiplyGate().forward(units["b"], units["y"])
    s = SigmoidGate().forward(AddGate().forward(AddGate().forward(ax, by), units["c"]))
    return Circuit(units, s)


def neuron() -> Workload:
    """sig(a*x + b*y + c) at the guide's values (gradients a -0.105, b 0.315, ...)."""
    circuit = neuron_circuit()

    # All three read their wires from tuples made once and list the gradients in the
    # inputs' order: the harness costs each as little as it can, the engines do the rest.
    def ours() -> list[float]:
        circuit.forward()
        return list(circuit.backward().values())  # in the order of NEURON_START

    units = {name: Unit(v, label=name) for name, v in NEURON_START.items()}
    wires = tuple(units.values())

    def rebuilt() -> list[float]:  # define by run, written as micrograd's below
        a, b, c, x, y = wires
        (a * x + b * y + c).sigmoid().backward()
        return [wire.grad for wire in wires]

    def rebuilt_circuit() -> list[float]:  # the same, through a Circuit of the new graph
        a, b, c, x, y = wires
        return list(Circuit(units, (a * x + b * y + c).sigmoid()).backward().values())

    leaves = tuple(Value(v) for v in NEURON_START.values())

    def theirs() -> list[float]:
        for leaf in leaves:
            leaf.grad = 0
        a, b, c, x, y = leaves
        out = mg_sigmoid(a * x + b * y + c)
        out.backward()
        return [float(leaf.grad) for leaf in leaves]

    return Workload("(a) neuron sig(a*x+b*y+c), 5 gates", ours, rebuilt, theirs,
                    rebuilt_circuit)


# --- (b) a random expression -----------------------------------------------------------------

Op = Literal["add", "mul", "square", "relu"]
OPS: tuple[Op, ...] = ("add", "add", "mul", "mul", "relu", "square")
"""Drawn uniformly: adds and multiplies twice as often as relu and squaring."""


@dataclass(frozen=True)
class Recipe:
    """A random expression as plain data, so both engines build exactly the same graph.

    Node i < len(inputs) is an input; node len(inputs) + k is the output of ops[k], whose
    operands are earlier nodes. The last op is the root.
    """

    inputs: list[float]
    ops: list[tuple[Op, tuple[int, ...]]]


def random_recipe(gates: int, inputs: int = 100, seed: int = 0) -> Recipe:
    """Exactly `gates` operations forming one tree over shared input leaves.

    Every operation's output is used exactly once (so all of them lie under the root);
    leaves are drawn from `inputs` shared variables, so inputs collect many gradients (and
    an op may use the same input twice, as in a*a). Subtrees are joined at random, which
    keeps the depth near a few times log(gates): micrograd's recursive sort can follow it.
    """
    rng = random.Random(seed)
    values = [rng.uniform(-1.0, 1.0) for _ in range(inputs)]
    ops: list[tuple[Op, tuple[int, ...]]] = []
    pool: list[int] = []  # outputs not used yet

    def operand() -> int:
        if pool and rng.random() < 0.5:
            return pool.pop(rng.randrange(len(pool)))
        return rng.randrange(inputs)

    def emit(op: Op, args: tuple[int, ...]) -> None:
        ops.append((op, args))
        pool.append(inputs + len(ops) - 1)

    def slack() -> int:  # free operations left once the pool is joined into one root
        return gates - len(ops) - max(len(pool) - 1, 0)

    while slack() >= 2:  # one free op lowers the slack by at most 2
        op = rng.choice(OPS)
        emit(op, (operand(), operand()) if op in ("add", "mul") else (operand(),))
    if slack() == 1:
        emit("relu", (pool.pop() if pool else rng.randrange(inputs),))
    while len(pool) > 1:
        emit("add", (pool.pop(rng.randrange(len(pool))), pool.pop(rng.randrange(len(pool)))))
    return Recipe(values, ops)


def build_ours(recipe: Recipe) -> Circuit:
    n = len(recipe.inputs)
    nodes = [Unit(v, label=f"x{i}") for i, v in enumerate(recipe.inputs)]
    for op, args in recipe.ops:
        wires = [nodes[i] for i in args]
        if op == "add":
            nodes.append(AddGate().forward(*wires))
        elif op == "mul":
            nodes.append(MultiplyGate().forward(*wires))
        elif op == "square":
            nodes.append(PowGate(2).forward(*wires))
        else:
            nodes.append(ReluGate().forward(*wires))
    return Circuit(nodes[:n], nodes[-1])


L = TypeVar("L", Unit, Value)


def build_by_run(recipe: Recipe, leaves: list[L]) -> L:
    """The recipe wired by operators, define by run: micrograd's Values, or nn101's Units
    (the same operators wire the guide's gates)."""
    nodes = list(leaves)
    for op, args in recipe.ops:
        if op == "add":
            nodes.append(nodes[args[0]] + nodes[args[1]])
        elif op == "mul":
            nodes.append(nodes[args[0]] * nodes[args[1]])
        elif op == "square":
            nodes.append(nodes[args[0]] ** 2)
        else:
            nodes.append(nodes[args[0]].relu())
    return nodes[-1]


def tree_depth(recipe: Recipe) -> int:
    """Longest path from the root to a leaf, in operations."""
    n = len(recipe.inputs)
    depth = [0] * n
    for _, args in recipe.ops:
        depth.append(1 + max(depth[i] for i in args))
    return depth[-1]


def random_expression(gates: int = 10_000, seed: int = 0) -> Workload:
    recipe = random_recipe(gates, seed=seed)
    circuit = build_ours(recipe)
    names = list(circuit.inputs)

    def ours() -> list[float]:
        circuit.forward()
        grads = circuit.backward()
        return [grads[n] for n in names]

    inputs = list(circuit.inputs.values())  # the leaves, kept as micrograd keeps its own

    def rebuilt() -> list[float]:  # define by run, as micrograd's below
        build_by_run(recipe, inputs).backward()
        return [leaf.grad for leaf in inputs]

    def rebuilt_circuit() -> list[float]:
        grads = Circuit(circuit.inputs, build_by_run(recipe, inputs)).backward()
        return [grads[n] for n in names]

    leaves = [Value(v) for v in recipe.inputs]

    def theirs() -> list[float]:
        for leaf in leaves:
            leaf.grad = 0
        build_by_run(recipe, leaves).backward()
        return [float(leaf.grad) for leaf in leaves]

    return Workload(f"(b) random expression, {gates:,} gates", ours, rebuilt, theirs,
                    rebuilt_circuit)


# --- (c) a 2-layer net on 100 points -------------------------------------------------------


def points(count: int = 100, seed: int = 0) -> list[tuple[float, float, float]]:
    """(x, y, label) with label +1 where x*y > 0 (the xor pattern), -1 elsewhere."""
    rng = random.Random(seed)
    data = []
    for _ in range(count):
        x, y = rng.uniform(-2.0, 2.0), rng.uniform(-2.0, 2.0)
        data.append((x, y, 1.0 if x * y > 0 else -1.0))
    return data


def net(count: int = 100, seed: int = 0) -> Workload:
    """MLP 2-16-16-1 (relu, linear output), hinge loss summed over `count` points.

    micrograd's own MLP supplies the weights; nn101's circuit is wired in the same order
    (b + w0*x0 + w1*x1 + ..., then relu((score * -label) + 1)), so every float operation
    is the same and the summed gradients agree to the last bit or nearly.
    """
    random.seed(seed)
    model = MLP(2, [16, 16, 1])
    data = points(count, seed)
    layers = [
        [
            ([Unit(w.data, label=f"w{li}.{ni}.{k}") for k, w in enumerate(n.w)],
             Unit(n.b.data, label=f"b{li}.{ni}"), n.nonlin)
            for ni, n in enumerate(layer.neurons)
        ]
        for li, layer in enumerate(model.layers)
    ]
    params = [p for layer in layers for ws, b, _ in layer for p in (*ws, b)]
    x0, x1, neg_label, one = Unit(0.0, label="x0"), Unit(0.0, label="x1"), Unit(0.0), Unit(1.0)
    neg_label.label = "-label"
    inputs = {u.label: u for u in (x0, x1, neg_label, *params)}

    def loss() -> Unit:
        acts = [x0, x1]
        for layer in layers:
            outs = []
            for ws, b, nonlin in layer:
                acc = b
                for w, a in zip(ws, acts, strict=True):
                    acc = acc + w * a
                outs.append(acc.relu() if nonlin else acc)
            acts = outs
        (score,) = acts
        return (score * neg_label + one).relu()

    circuit = Circuit(inputs, loss())

    def pass_over_points(how: Literal["once", "rebuilt", "circuit"]) -> list[float]:
        totals = [0.0] * len(params)
        for x, y, label in data:
            x0.value, x1.value, neg_label.value = x, y, -label
            if how == "rebuilt":  # define by run: loss().backward(), per point
                loss().backward()
            elif how == "circuit":
                Circuit(inputs, loss()).backward()
            else:
                circuit.forward()
                circuit.backward()
            for k, p in enumerate(params):
                totals[k] += p.grad
        return totals

    mg_params = [p for layer in model.layers for n in layer.neurons for p in [*n.w, n.b]]

    def theirs() -> list[float]:
        for p in mg_params:
            p.grad = 0
        for x, y, label in data:
            loss = (1 + -label * model([x, y])).relu()
            loss.backward()
        return [float(p.grad) for p in mg_params]

    return Workload(
        f"(c) net 2-16-16-1, {count} points ({len(circuit):,} gates each)",
        lambda: pass_over_points("once"),
        lambda: pass_over_points("rebuilt"),
        theirs,
        lambda: pass_over_points("circuit"),
    )


# --- depth: a chain ------------------------------------------------------------------------


def chain(gates: int) -> Circuit:
    """x -> x*0.999 -> +0.001 -> *0.999 -> ...: `gates` gates in a single line."""
    x = Unit(0.5, label="x")
    scale, shift = Unit(0.999, label="k"), Unit(0.001, label="d")
    wire = x
    for i in range(gates):
        gate, constant = (MultiplyGate(), scale) if i % 2 == 0 else (AddGate(), shift)
        wire = gate.forward(wire, constant)
    return Circuit([x], wire)


def mg_chain(gates: int) -> Value:
    wire = Value(0.5)
    for i in range(gates):
        wire = wire * 0.999 if i % 2 == 0 else wire + 0.001
    return wire


def mg_depth_limit(high: int = 100_000) -> int:
    """The shortest chain whose backward raises RecursionError in micrograd (bisection)."""

    def fails(gates: int) -> bool:
        try:
            mg_chain(gates).backward()
        except RecursionError:
            return True
        return False

    low = 1
    if not fails(high):
        return -1
    while low < high:  # invariant: fails(high), and every length below low works
        mid = (low + high) // 2
        if fails(mid):
            high = mid
        else:
            low = mid + 1
    return high


# --- (d) chapter 3: a 2-8-3 tanh MLP, cross-entropy, full batch ----------------------------
#
# micrograd 0.1.0's Value has no exp, log or tanh. These three add them exactly as
# micrograd writes its own operations (as mg_sigmoid above): a new Value from the forward
# number, with a `_backward` closure adding local gradient x out.grad.


def mg_exp(v: Value) -> Value:
    e = math.exp(v.data)
    out = Value(e, (v,), "exp")

    def _backward() -> None:
        v.grad += e * out.grad

    out._backward = _backward
    return out


def mg_log(v: Value) -> Value:
    out = Value(math.log(v.data), (v,), "log")

    def _backward() -> None:
        v.grad += (1.0 / v.data) * out.grad

    out._backward = _backward
    return out


def mg_tanh(v: Value) -> Value:
    t = math.tanh(v.data)
    out = Value(t, (v,), "tanh")

    def _backward() -> None:
        v.grad += (1.0 - t * t) * out.grad

    out._backward = _backward
    return out


def classes3(count: int = 100) -> Workload:
    """The peer run's gradient: yin-yang (80 training points), MLP 2-8-3 tanh, mean
    cross-entropy in the log-sum-exp form, forward + backward over the full batch.

    nn101: the chapter-3 model's one-point circuit re-run per point (`MLP.gradient`, what a
    training step does). micrograd: one graph over the batch, as EurekaLabsAI/micrograd's
    `loss_fun` builds it, the max logit subtracted as a constant (its stability lines).
    """
    from nn101.engine.learning.classes import make_classes
    from nn101.engine.learning.mlp import MLP as Classifier
    from nn101.engine.learning.rng import XorShift

    stream = XorShift(42)
    data = make_classes("yinyang", count, rng=stream).train.points
    model = Classifier(8, 3, "tanh", "eureka", stream)
    names = list(model.params)
    values = {n: Value(model.params[n].value) for n in names}
    hidden = [(values[f"a{i}"], values[f"b{i}"], values[f"c{i}"]) for i in range(1, 9)]
    rows = [(values[f"d{k}"], [values[f"w{k}_{i}"] for i in range(1, 9)]) for k in range(3)]

    def theirs() -> list[float]:
        for v in values.values():
            v.grad = 0
        total = Value(0.0)
        for p in data:
            hs = [mg_tanh(a * p.x + b * p.y + c) for a, b, c in hidden]
            logits = []
            for d, ws in rows:
                z = d
                for w, h in zip(ws, hs, strict=True):
                    z = z + w * h
                logits.append(z)
            m = max(z.data for z in logits)
            exps = [mg_exp(z - m) for z in logits]
            denom = exps[0] + exps[1] + exps[2]
            total = total + (mg_log(denom) + m - logits[p.label])
        mean = total * (1.0 / len(data))
        mean.backward()
        return [float(values[n].grad) for n in names]

    def ours() -> list[float]:
        _, grads = model.gradient(data)
        return [grads[n] for n in names]

    def rebuilt() -> list[float]:
        fresh = Classifier(8, 3, "tanh", "zeros", stream)
        fresh.set_params(model.param_values())
        _, grads = fresh.gradient(data)
        return [grads[n] for n in names]

    return Workload(f"(d) chapter 3: MLP 2-8-3 tanh + cross-entropy, {len(data)} points, "
                    f"full batch ({len(model.circuit):,} gates each)", ours, rebuilt, theirs)
