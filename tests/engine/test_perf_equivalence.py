"""The engine's speed-ups change nothing a user can see.

`passes.py` restates the hot gates' `compute` and `local_gradients` inline in the circuit's
loops (no call, no tuple per gate); the topological sort and the wire list were rewritten
for speed. Each fast path is checked here against the plain rule it replaces, bit for bit:
the generic `Gate.rerun` / `Gate.backward` (which call the formulas) and the original
index-based sort, kept below as the oracle.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn101.engine import gates as gates_module
from nn101.engine import passes
from nn101.engine.circuit import Circuit, topological_order
from nn101.engine.errors import DomainError
from nn101.engine.gates import (
    AddGate,
    BinaryGate,
    Gate,
    MaxGate,
    MultiplyGate,
    PowGate,
    ReluGate,
    SigmoidGate,
    UnaryGate,
)
from nn101.engine.unit import Unit


def _concrete_gate_classes() -> list[type[Gate]]:
    found: list[type[Gate]] = []
    todo: list[type[Gate]] = [Gate]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__ == gates_module.__name__ and cls not in (Gate, BinaryGate, UnaryGate):
            found.append(cls)
    return sorted(set(found), key=lambda c: c.__name__)


GATE_CLASSES = _concrete_gate_classes()
EXPONENTS = (2.0, 3.0, 0.5, -1.0, 0.0)


def _make(cls: type[Gate], exponent: float) -> Gate:
    return PowGate(exponent) if cls is PowGate else cls()


def _same(a: float, b: float) -> bool:
    """Equal as floats and in sign (0.0 vs -0.0), or both nan."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def _outcome(action: Callable[[], None]) -> str | None:
    """None if the action ran, else what it raised (engine errors and math's ValueError)."""
    try:
        action()
    except (DomainError, ValueError, ZeroDivisionError, OverflowError) as err:
        return f"{type(err).__name__}: {err}"
    return None


finite = st.floats(min_value=-50.0, max_value=50.0, allow_nan=False, allow_infinity=False)
values = st.one_of(finite, st.sampled_from([0.0, -0.0, 1.0, -1.0, 1e-300, 700.0, -700.0]))
grads = st.one_of(finite, st.sampled_from([0.0, -0.0, math.inf, -math.inf, math.nan]))


def test_the_hot_gates_have_their_own_fast_paths() -> None:
    # Guards the speed-up itself: if these fell back to the generic methods the checks
    # below would compare a method with itself and prove nothing.
    for cls in (MultiplyGate, AddGate, SigmoidGate, ReluGate, MaxGate):
        gate = cls()
        gate.connect(*(Unit(1.0) for _ in range(cls.arity)))
        assert passes.compile_ops([gate])[0][0] != passes.OTHER, cls


def _fast_rerun(gate: Gate) -> None:
    passes.forward(passes.compile_ops([gate]))


def _fast_backward(gate: Gate) -> None:
    passes.backward(passes.compile_ops([gate]))


@pytest.mark.parametrize("cls", GATE_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_rerun_gives_exactly_what_compute_says(cls: type[Gate], data: st.DataObject) -> None:
    exponent = data.draw(st.sampled_from(EXPONENTS))
    xs = [data.draw(values) for _ in range(cls.arity)]
    fast, plain = _make(cls, exponent), _make(cls, exponent)
    fast.connect(*(Unit(x) for x in xs))
    plain.connect(*(Unit(x) for x in xs))
    assert _outcome(lambda: _fast_rerun(fast)) == _outcome(lambda: Gate.rerun(plain))
    assert _same(fast.out.value, plain.out.value), (xs, fast.out.value, plain.out.value)


@pytest.mark.parametrize("cls", GATE_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_backward_adds_exactly_local_gradient_times_grad(
    cls: type[Gate], data: st.DataObject
) -> None:
    exponent = data.draw(st.sampled_from(EXPONENTS))
    shared = cls.arity == 2 and data.draw(st.booleans())  # a*a: one wire, both inputs
    xs = [data.draw(values) for _ in range(1 if shared else cls.arity)]
    start = [data.draw(finite) for _ in xs]  # grads already collected from elsewhere
    out_grad = data.draw(grads)

    def wired() -> tuple[Gate, list[Unit]]:
        gate = _make(cls, exponent)
        units = [Unit(x, grad=g) for x, g in zip(xs, start, strict=True)]
        gate.connect(*(units * 2 if shared else units))
        return gate, units

    (fast, fast_units), (plain, plain_units) = wired(), wired()
    if _outcome(lambda: _fast_rerun(fast)) is not None:
        return  # the forward refused these values (1/0, log -1): nothing to run backward
    Gate.rerun(plain)
    fast.out.grad = plain.out.grad = out_grad
    assert _outcome(lambda: _fast_backward(fast)) == _outcome(lambda: Gate.backward(plain))
    for u, v in zip(fast_units, plain_units, strict=True):
        assert _same(u.grad, v.grad), (xs, out_grad, u.grad, v.grad)


def test_a_subclass_with_its_own_local_gradients_is_backpropagated_by_them() -> None:
    # A deliberately wrong multiply (d/da returned as a, not b), as a gradient check must
    # catch: at (2, 3) the circuit's backward must give x.grad = 2 (its formula), not 3
    # (the unrolled multiply's).
    class WrongMultiply(MultiplyGate):
        def local_gradients(self) -> tuple[float, float]:
            return self.a.value, self.a.value

    x, y = Unit(2.0, label="x"), Unit(3.0, label="y")
    circuit = Circuit([x, y], WrongMultiply().forward(x, y))
    assert circuit.forward() == 6.0  # compute is still the parent's
    assert circuit.backward() == {"x": 2.0, "y": 2.0}


def test_a_subclass_with_its_own_compute_is_rerun_by_it() -> None:
    class Hypotenuse(AddGate):  # sqrt(a^2 + b^2), for the test only
        def compute(self, a: float, b: float) -> float:  # type: ignore[override]
            return math.hypot(a, b)

    x, y = Unit(3.0, label="x"), Unit(4.0, label="y")
    circuit = Circuit([x, y], Hypotenuse().forward(x, y))
    assert circuit.forward() == 5.0  # 3-4-5 triangle; the unrolled add would say 7


# --- topological order and wires: the rewrite against the original ---------------------------


def _reference_order(output: Unit) -> list[Gate]:
    """The first version's sort: depth first, inputs left to right, an index per stack entry."""
    order: list[Gate] = []
    if output.gate is None:
        return order
    stack: list[tuple[Gate, int]] = [(output.gate, 0)]
    seen = {id(output.gate)}
    while stack:
        gate, i = stack[-1]
        if i < len(gate.inputs):
            stack[-1] = (gate, i + 1)
            child = gate.inputs[i].gate
            if child is not None and id(child) not in seen:
                seen.add(id(child))
                stack.append((child, 0))
        else:
            stack.pop()
            order.append(gate)
    return order


def _reference_wires(inputs: list[Unit], gates: list[Gate], output: Unit) -> list[Unit]:
    wires: dict[int, Unit] = {id(u): u for u in inputs}
    for gate in gates:
        for u in gate.inputs:
            wires.setdefault(id(u), u)
        wires.setdefault(id(gate.out), gate.out)
    wires.setdefault(id(output), output)
    return list(wires.values())


def _random_dag(rng: random.Random, size: int) -> tuple[list[Unit], Unit]:
    """Gates over earlier wires picked at random: shared wires, constants, unused branches."""
    inputs = [Unit(rng.uniform(-1, 1), label=f"x{i}") for i in range(rng.randint(1, 5))]
    wires = list(inputs)
    for _ in range(size):
        kind = rng.choice([AddGate, MultiplyGate, MaxGate, ReluGate, SigmoidGate])
        if rng.random() < 0.1:
            wires.append(Unit(rng.uniform(-1, 1)))  # a constant leaf
        picks = [rng.choice(wires) for _ in range(kind.arity)]
        wires.append(kind().forward(*picks))
    return inputs, wires[-1]


@pytest.mark.parametrize("seed", range(40))
def test_sort_and_wires_are_those_of_the_original_code(seed: int) -> None:
    rng = random.Random(seed)
    inputs, output = _random_dag(rng, rng.randint(0, 60))
    circuit = Circuit(inputs, output)
    expected = _reference_order(output)
    assert topological_order(output) == expected
    assert circuit.gates == expected
    assert circuit.wires == _reference_wires(inputs, expected, output)


def test_backward_on_a_shared_wire_circuit_matches_the_generic_rule() -> None:
    # The whole circuit with fast paths vs the same circuit stepped through the generic
    # Gate.backward: every wire's grad equal (accumulation over shared wires included).
    rng = random.Random(7)
    inputs, output = _random_dag(rng, 300)
    circuit = Circuit(inputs, output)
    circuit.forward()
    circuit.backward()
    fast = [w.grad for w in circuit.wires]
    for w in circuit.wires:
        w.grad = 0.0
    output.grad = 1.0
    for gate in reversed(circuit.gates):
        Gate.backward(gate)
    assert all(_same(a, w.grad) for a, w in zip(fast, circuit.wires, strict=True))


# --- graphs built every pass: the inline ops, the deep walk, straight-line passes -------------


@pytest.mark.parametrize("seed", range(20))
def test_the_ops_made_while_sorting_are_those_compile_ops_makes(seed: int) -> None:
    rng = random.Random(seed)
    inputs, output = _random_dag(rng, rng.randint(0, 60))
    circuit = Circuit(inputs, output)
    assert circuit._ops == passes.compile_ops(circuit.gates)


def test_a_graph_deeper_than_the_recursive_walk_is_sorted_the_same() -> None:
    # A chain with side branches: 3 * 150 gates deep, past the recursive walk's 100, so the
    # stack walk takes over; it must give the original order and the same ops.
    x, k = Unit(0.5, label="x"), Unit(0.999, label="k")
    wire = x
    for _ in range(150):
        side = SigmoidGate().forward(wire)
        wire = AddGate().forward(MultiplyGate().forward(wire, k), side)
    circuit = Circuit([x], wire)
    assert circuit.gates == _reference_order(wire)
    assert len(circuit.gates) == 450
    assert circuit._ops == passes.compile_ops(circuit.gates)


def _twin_circuits(seed: int, size: int) -> tuple[Circuit, Circuit]:
    """The same random circuit built twice from the same seed."""
    made = []
    for _ in range(2):
        rng = random.Random(seed)
        inputs, output = _random_dag(rng, size)
        made.append(Circuit(inputs, output))
    return made[0], made[1]


@pytest.mark.parametrize("seed", range(30))
def test_straight_line_passes_give_the_loops_numbers_to_the_bit(seed: int) -> None:
    from nn101.engine import straight

    size = random.Random(seed).randint(0, straight.MAX_GATES)
    compiled, looped = _twin_circuits(seed, size)
    for _ in range(3):  # past STRAIGHT_AFTER: the first is compiled from here on
        compiled.forward()
    assert compiled._straight is not None
    rng = random.Random(seed + 1000)
    for trial in range(4):  # new input values, as a method's steps give them
        for a, b in zip(compiled.inputs.values(), looped.inputs.values(), strict=True):
            a.value = b.value = rng.uniform(-3.0, 3.0)
        grad = rng.choice([1.0, -0.5, 2.0])
        assert _same(compiled.forward(), passes_forward_value(looped)), trial
        got, want = compiled.backward(grad), looped_backward(looped, grad)
        assert list(got) == list(want)
        assert all(_same(got[n], want[n]) for n in want), (got, want)
        assert all(_same(a.grad, b.grad)
                   for a, b in zip(compiled.wires, looped.wires, strict=True))


def passes_forward_value(circuit: Circuit) -> float:
    """A forward pass on the loops, whatever the circuit has compiled."""
    passes.forward(circuit._ops)
    return circuit.output.value


def looped_backward(circuit: Circuit, grad: float) -> dict[str, float]:
    for w in circuit.wires:
        w.grad = 0.0
    circuit.output.grad = grad
    passes.backward(circuit._ops)
    return circuit.gradients()


def test_a_circuit_used_for_one_pass_is_not_compiled_and_a_big_one_never() -> None:
    from nn101.engine import straight

    inputs, output = _random_dag(random.Random(3), 10)
    once = Circuit(inputs, output)
    once.backward()
    assert once._straight is None
    x = Unit(0.5, label="x")
    wire = x
    for _ in range(straight.MAX_GATES + 1):
        wire = MultiplyGate().forward(wire, x)
    big = Circuit([x], wire)
    for _ in range(5):
        big.forward()
        big.backward()
    assert len(big) > straight.MAX_GATES
    assert big._straight is None


def test_a_straight_line_pass_runs_a_gate_without_a_fast_path_by_its_own_methods() -> None:
    # The wrong multiply of the test above, in a compiled circuit: x.grad 2 (its formula).
    class WrongMultiply(MultiplyGate):
        def local_gradients(self) -> tuple[float, float]:
            return self.a.value, self.a.value

    x, y = Unit(2.0, label="x"), Unit(3.0, label="y")
    circuit = Circuit([x, y], SigmoidGate().forward(WrongMultiply().forward(x, y)))
    for _ in range(3):
        circuit.forward()
    assert circuit._straight is not None
    s = circuit.forward()  # sig(6)
    assert circuit.backward() == {"x": s * (1 - s) * 2.0, "y": s * (1 - s) * 2.0}


def test_a_circuit_made_near_the_recursion_limit_is_sorted_by_the_stack_walk() -> None:
    # Circuit() called from deep in the caller's own stack: the recursive walk would pass
    # Python's limit; the stack walk takes over and gives the same order.
    import sys

    x, y = Unit(2.0, label="x"), Unit(3.0, label="y")
    wire = x
    for _ in range(30):
        wire = AddGate().forward(MultiplyGate().forward(wire, y), x)

    def nested(depth: int) -> Circuit:
        return Circuit([x, y], wire) if depth == 0 else nested(depth - 1)

    room = sys.getrecursionlimit() - len(_stack_frames()) - 40  # a few frames spare
    circuit = nested(room)
    assert circuit.gates == _reference_order(wire)


def _stack_frames() -> list[object]:
    import inspect

    return inspect.stack(0)


# --- define by run: `unit.backward()`'s loop and the operators' inline gates ------------------


def _run_back(gate: Gate) -> None:
    from nn101.engine import backprop

    backprop.run_back([gate])


def test_unit_backward_has_fast_paths_for_the_hot_gates() -> None:
    # If run_back fell back to gate.backward() for these, the check below would compare a
    # method with itself: a gate whose backward is broken must still be back-propagated.
    class Broken:
        def __call__(self) -> None:
            raise AssertionError("the generic backward was called")

    for cls in (MultiplyGate, AddGate, SigmoidGate, ReluGate, MaxGate):
        gate = cls()
        gate.connect(*(Unit(1.0) for _ in range(cls.arity)))
        gate.rerun()
        original = cls.backward
        try:
            cls.backward = Broken()  # type: ignore[assignment, method-assign]
            _run_back(gate)
        finally:
            cls.backward = original  # type: ignore[method-assign]


@pytest.mark.parametrize("cls", GATE_CLASSES, ids=lambda c: c.__name__)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_unit_backward_adds_exactly_what_gate_backward_adds(
    cls: type[Gate], data: st.DataObject
) -> None:
    exponent = data.draw(st.sampled_from(EXPONENTS))
    shared = cls.arity == 2 and data.draw(st.booleans())  # a*a: one wire, both inputs
    xs = [data.draw(values) for _ in range(1 if shared else cls.arity)]
    start = [data.draw(finite) for _ in xs]
    out_grad = data.draw(grads)

    def wired() -> tuple[Gate, list[Unit]]:
        gate = _make(cls, exponent)
        units = [Unit(x, grad=g) for x, g in zip(xs, start, strict=True)]
        gate.connect(*(units * 2 if shared else units))
        return gate, units

    (fast, fast_units), (plain, plain_units) = wired(), wired()
    if _outcome(lambda: Gate.rerun(fast)) is not None:
        return
    Gate.rerun(plain)
    fast.out.grad = plain.out.grad = out_grad
    assert _outcome(lambda: _run_back(fast)) == _outcome(lambda: Gate.backward(plain))
    for u, v in zip(fast_units, plain_units, strict=True):
        assert _same(u.grad, v.grad), (xs, out_grad, u.grad, v.grad)


OPERATORS: list[tuple[str, Callable[[Unit, Unit], Unit], Callable[[Unit, Unit], Unit]]] = [
    ("*", lambda a, b: a * b, lambda a, b: MultiplyGate().forward(a, b)),
    ("+", lambda a, b: a + b, lambda a, b: AddGate().forward(a, b)),
    ("sigmoid", lambda a, b: a.sigmoid(), lambda a, b: SigmoidGate().forward(a)),
    ("relu", lambda a, b: a.relu(), lambda a, b: ReluGate().forward(a)),
    ("**3", lambda a, b: a**3, lambda a, b: PowGate(3).forward(a)),
    ("**0.5", lambda a, b: a**0.5, lambda a, b: PowGate(0.5).forward(a)),
]


@pytest.mark.parametrize(("name", "operator", "gate_forward"), OPERATORS,
                         ids=[o[0] for o in OPERATORS])
@settings(max_examples=100, deadline=None)
@given(x=values, y=values, shared=st.booleans())
def test_an_operator_wires_exactly_what_its_gates_forward_wires(
    name: str, operator: Callable[[Unit, Unit], Unit],
    gate_forward: Callable[[Unit, Unit], Unit], x: float, y: float, shared: bool,
) -> None:
    a = Unit(x)
    b = a if shared else Unit(y)
    raised = _outcome(lambda: gate_forward(a, b))
    assert _outcome(lambda: operator(a, b)) == raised  # x**0.5 of a negative x: refused
    if raised is not None:
        return
    got, want = operator(a, b), gate_forward(a, b)
    assert type(got.gate) is type(want.gate)
    assert getattr(got.gate, "exponent", None) == getattr(want.gate, "exponent", None)
    assert got.gate is not None and want.gate is not None
    assert got.gate.inputs == want.gate.inputs
    assert all(u is v for u, v in zip(got.gate.inputs, want.gate.inputs, strict=True))
    slots = ("a", "b") if len(want.gate.inputs) == 2 else ("x",)
    assert all(getattr(got.gate, s) is getattr(want.gate, s) for s in slots)
    assert got.gate.out is got
    assert _same(got.value, want.value), (x, y, got.value, want.value)
    assert (got.grad, got.label) == (want.grad, want.label) == (0.0, "")


def test_operators_with_a_number_make_a_constant_wire_on_either_side() -> None:
    x = Unit(3.0, label="x")
    for out, value in ((x * 2, 6.0), (2 * x, 6.0), (x + 0.5, 3.5), (0.5 + x, 3.5)):
        assert out.value == value
        assert out.gate is not None
        (constant,) = [u for u in out.gate.inputs if u is not x]
        assert (constant.label, constant.gate) == (f"{constant.value:g}", None)
    with pytest.raises(TypeError):
        x * "2"  # type: ignore[operator]


@pytest.mark.parametrize("seed", range(20))
def test_a_fresh_circuits_first_backward_is_a_sorted_circuits_to_the_bit(seed: int) -> None:
    # A fresh circuit's first backward is Unit.backward's walk (no ops made); it must give
    # every wire the grads of a circuit whose order was found first, keep the order it found,
    # and run on as any circuit does.
    fresh, sorted_first = _twin_circuits(seed, random.Random(seed).randint(0, 60))
    assert sorted_first._ops  # order and ops found now: its backward takes the ops' road
    for a, b in zip(fresh.inputs.values(), sorted_first.inputs.values(), strict=True):
        a.grad = b.grad = 5.0  # stale grads from elsewhere: both must zero them
    got, want = fresh.backward(0.5), sorted_first.backward(0.5)
    assert fresh._op_list is None  # the walk made no ops
    assert list(got) == list(want)
    assert all(_same(got[n], want[n]) for n in want), (got, want)
    assert fresh.gates == _reference_order(fresh.output)
    assert all(_same(a.grad, b.grad)
               for a, b in zip(fresh.wires, sorted_first.wires, strict=True))
    for _ in range(3):  # then forward and backward as usual, straight-line passes included
        assert _same(fresh.forward(), sorted_first.forward())
        again, want = fresh.backward(), sorted_first.backward()
        assert all(_same(again[n], want[n]) for n in want)


def test_an_input_no_gate_reads_gets_grad_0_from_a_fresh_circuits_backward() -> None:
    x, unused = Unit(2.0, label="x"), Unit(1.0, label="unused", grad=9.0)
    circuit = Circuit([x, unused], MultiplyGate().forward(x, x))
    assert circuit.backward() == {"x": 4.0, "unused": 0.0}  # d(x*x)/dx = 2x
