"""The chain rule written out, in the guide's notation, from the circuit itself.

Three things a screen (or a test, or the CLI) can ask for:

- `Naming`: the one name of every wire, which every pane (tree, drawing, gates table, walk,
  quiz, equations, the learning screen's circuit) and the CLI's JSON use: as the guide
  names them (inputs by their names; the equations' wires x1, x2, ... in forward order,
  the output x; a wire the circuit already calls by a plain name, such as the neuron's
  `s`, keeps it; the wires inside a sum of products `ax`, `axpby`, as the guide's neuron).
- `chain_rule(step, naming)`: at one gate of the backward walk, for each input,
  `d<input> = local × upstream = value`, with the local gradient's formula where the gate
  class declares one (`Gate.local_formulas`: `s * (1 - s)`, `b`, `-1.0 / x**2`, ...).
- `equations(circuit)`: the backprop equations of the whole circuit as the guide's "more on
  backprop" section writes them (`da = b * dx`, `dx2 = 2 * x2 * dx`,
  `dx2 = (-1.0 / x2**2) * dx3`), with the current numbers plugged in. As in the guide, a
  sum of products (`a*b + c`, `a*x + b*y + c`) is one node: its inputs' local gradients are
  the other factor, or 1.0.

All of it is text and numbers: no markup. The engine keeps the math; this module only
prints it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from nn101.engine.circuit import BackwardStep, Circuit
from nn101.engine.gates import (
    AddGate,
    Gate,
    MaxGate,
    MultiplyGate,
    NegateGate,
    PowGate,
    ReciprocalGate,
    UnaryGate,
)
from nn101.engine.unit import Unit
from nn101.engine.wires import WireGradient

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_GENERATED = re.compile(r"t[0-9]+\Z")
"""The parser's fallback label for a long sub-expression: not a name a reader chose."""
_SIMPLE = re.compile(r"-?[A-Za-z0-9_.]+( \* [A-Za-z0-9_.]+)*\Z")
"""A local gradient written without parentheses before `* d<out>`: `b`, `1.0`, `2 * x2`."""
DIGITS = 6
JOINED_MAX = 6
"""The longest name made of a gate's inputs' names (`axpby`); longer ones are numbered."""


def number(value: float, digits: int = DIGITS) -> str:
    """A value as the walk prints it: up to `digits` significant digits, no `-0`."""
    if value == 0.0:
        return "0"
    return f"{value:.{digits}g}"


# --- names -------------------------------------------------------------------------------


class Naming:
    """The one name of every wire of a circuit, for every pane, the CLI and the JSON.

    Inputs keep their names. The wires the guide's equations write (`nodes`: a gate, or a
    sum of products taken as one gate) come first, in forward order: a wire the circuit
    already calls by a plain name (the scenarios' guide names `q`, `f`, `s`) keeps it, the
    output is `x` (or `f`) as in the guide, the others x1, x2, ... (q, q1, ... when `x` is
    an input). The wires inside a node (`a*x`, `a*x + b*y` within `a*x + b*y + c`) are
    named the guide's way too: their own plain name (`ax`), else their inputs' names run
    together (`ab` for `a * b`, `axpby` for `ax + by`), else the next number.
    A constant is named by its value, bracketed when negative.
    """

    def __init__(self, circuit: Circuit) -> None:
        self.circuit = circuit
        self._names: dict[int, str] = {id(u): n for n, u in circuit.inputs.items()}
        taken = set(circuit.inputs)
        main = [g.out for g in _roots(circuit)]
        inner = [u for u in main if u is not circuit.output]
        prefix = "x" if "x" not in taken else "q"
        output = circuit.output
        if id(output) not in self._names:
            chosen = _own_name(output, taken)
            if chosen is None:
                chosen = next(n for n in ("x", "f", "out", "output") if n not in taken)
            self._names[id(output)] = chosen
            taken.add(chosen)
        unnamed = [u for u in inner if id(u) not in self._names and _own_name(u, taken) is None]
        count = 0
        self._numbered: set[str] = set()

        def numbered() -> str:
            nonlocal count
            count += 1
            while f"{prefix}{count}" in taken:
                count += 1
            self._numbered.add(f"{prefix}{count}")
            return f"{prefix}{count}"

        for unit in inner:
            if id(unit) in self._names:
                continue
            chosen = _own_name(unit, taken)
            if chosen is None:
                if len(unnamed) == 1 and prefix != "x" and prefix not in taken:
                    chosen = prefix
                else:
                    chosen = numbered()
            self._names[id(unit)] = chosen
            taken.add(chosen)
        for gate in circuit.gates:  # the wires inside a node, in forward order
            unit = gate.out
            if id(unit) in self._names:
                continue
            chosen = _own_name(unit, taken) or self._joined(gate, taken) or numbered()
            self._names[id(unit)] = chosen
            taken.add(chosen)

    def _joined(self, gate: Gate, taken: set[str]) -> str | None:
        """The guide's `ax`, `axpby`: a product's or a sum's inputs' names run together."""
        if not isinstance(gate, (AddGate, MultiplyGate)):
            return None
        names = [self._names.get(id(u)) for u in gate.inputs]
        if any(n is None or n in self._numbered for n in names):
            return None  # `q1c` would read as a name of its own: numbered instead
        joined = ("p" if isinstance(gate, AddGate) else "").join(n for n in names if n)
        if len(joined) > JOINED_MAX or joined in taken or not _IDENTIFIER.match(joined):
            return None
        return joined

    def __call__(self, unit: Unit) -> str:
        known = self._names.get(id(unit))
        if known is not None:
            return known
        if unit.gate is None:  # a constant of the formula
            text = number(unit.value)
            return f"({text})" if text.startswith("-") else text
        return unit.label or "?"

    def defined(self, unit: Unit) -> str:
        """`axpby = ax + by`: a gate's output with the gate that makes it; an input's name."""
        name = self(unit)
        return name if unit.gate is None else f"{name} = {forward_formula(unit.gate, self)}"

    def names(self) -> list[str]:
        """Every wire's name (inputs, then the gates' outputs in forward order)."""
        units = [*self.circuit.inputs.values(), *(g.out for g in self.circuit.gates)]
        return [self(u) for u in units]

    def is_variable(self, unit: Unit) -> bool:
        """An input or a gate's output: a wire with a gradient worth writing (`d2` is not)."""
        return unit.gate is not None or any(u is unit for u in self.circuit.inputs.values())


def _own_name(unit: Unit, taken: set[str]) -> str | None:
    label = unit.label
    if _IDENTIFIER.match(label) and not _GENERATED.match(label) and label not in taken:
        return label
    return None


# --- local gradients as formulas ---------------------------------------------------------


def local_formula(gate: Gate, slot: int, naming: Naming) -> str:
    """The local gradient of the gate's input `slot`, written with the wires' names.

    From the template the gate class declares (`Gate.local_formulas`); "" where it has none.
    """
    templates = type(gate).local_formulas
    if slot >= len(templates):
        return ""
    if isinstance(gate, PowGate):
        p = gate.exponent
        x = naming(gate.x)
        if p == 1.0:
            return "1.0"
        if p == 2.0:
            return f"2 * {x}"  # the guide's dx2 = 2 * x2 * dx
        if p == 0.0:
            return "0"
        return templates[slot].format(x=x, p=number(p), p1=number(p - 1.0))
    fields = {"out": naming(gate.out)}
    if isinstance(gate, UnaryGate):
        fields["x"] = naming(gate.x)
    else:
        fields["a"], fields["b"] = naming(gate.inputs[0]), naming(gate.inputs[1])
    return templates[slot].format(**fields)


def times(formula: str, upstream: str) -> str:
    """`b * dx`, or `(-1.0 / x2**2) * dx3`: bracketed unless a plain product."""
    local = formula if _SIMPLE.match(formula) else f"({formula})"
    return f"{local} * {upstream}"


def forward_formula(gate: Gate, naming: Naming) -> str:
    """The gate's forward pass with the wires' names: `x1 * d`, `1.0 / x2`, `sig(q)`."""
    if isinstance(gate, PowGate):
        return f"{naming(gate.x)}**{number(gate.exponent)}"
    if isinstance(gate, ReciprocalGate):
        return f"1.0 / {naming(gate.x)}"
    if isinstance(gate, NegateGate):
        return f"-{naming(gate.x)}"
    if isinstance(gate, MaxGate):
        return f"max({naming(gate.a)}, {naming(gate.b)})"
    if isinstance(gate, UnaryGate):
        return f"{gate.symbol}({naming(gate.x)})"
    return f"{naming(gate.inputs[0])} {gate.symbol} {naming(gate.inputs[1])}"


# --- the walk: one gate's chain rule -----------------------------------------------------


@dataclass(frozen=True)
class ChainTerm:
    """One input of one gate in the backward walk: d<input> = local × upstream = value."""

    gate_index: int
    slot: int
    input_name: str
    output_name: str
    local_formula: str
    """The local gradient as a formula (`y`, `s * (1 - s)`); "" if the gate declares none."""
    local: float
    upstream: float
    product: float
    grad_after: float
    """The input's whole gradient so far (after this gate's additions)."""
    uses: int
    """How many wires leave this input's unit: more than 1 and its gradient is a sum."""
    variable: bool
    """False for a constant of the formula (its gradient is computed but means nothing)."""

    @property
    def text(self) -> str:
        """`dx = y × ds = 3 × 1 = 3`; `+=` for a unit used more than once (it accumulates)."""
        sign = "+=" if self.uses > 1 else "="
        local = self.local_formula or number(self.local)
        bracketed = local if _SIMPLE.match(local) else f"({local})"
        return (f"d{self.input_name} {sign} {bracketed} × d{self.output_name} = "
                f"{number(self.local)} × {number(self.upstream)} = {number(self.product)}")


def uses_of(circuit: Circuit) -> dict[int, int]:
    """How many gate inputs read each unit, by id(unit)."""
    counts: dict[int, int] = {}
    for gate in circuit.gates:
        for u in gate.inputs:
            counts[id(u)] = counts.get(id(u), 0) + 1
    return counts


def chain_rule(step: BackwardStep, naming: Naming,
               uses: dict[int, int] | None = None) -> list[ChainTerm]:
    """Each input of the step's gate, as the chain rule writes it (see ChainTerm)."""
    counts = uses if uses is not None else uses_of(naming.circuit)
    gate = step.gate
    terms = []
    for c in step.contributions:
        unit = gate.inputs[c.slot]
        terms.append(ChainTerm(
            step.index, c.slot, naming(unit), naming(gate.out),
            local_formula(gate, c.slot, naming), c.local_gradient, c.upstream, c.added,
            c.grad_after, counts.get(id(unit), 1), naming.is_variable(unit)))
    return terms


def sum_text(wire: WireGradient) -> str:
    """`x: 5·1 + 1·1 = 6`: each wire's local·upstream, then their sum, the input's grad."""
    if not wire.uses:
        return f"{wire.name}: 0"
    terms = " + ".join(f"{_factor(u.local)}·{_factor(u.upstream)}" for u in wire.uses)
    return f"{wire.name}: {terms} = {number(wire.total)}"


def _factor(value: float) -> str:
    text = number(value)
    return f"({text})" if text.startswith("-") else text


# --- the guide's backprop equations ------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """One line of the forward pass as the guide writes it: a gate, or a sum of products
    (`a*b + c`) taken as one gate."""

    out: Unit
    gates: tuple[int, ...]
    """The circuit's gates (topological indices) the node stands for."""
    inputs: tuple[tuple[Unit, int, str, float], ...]
    """(unit, gate index, local formula, local value) for each wire into the node."""
    forward: str
    """The right-hand side with names: `a * b + c`, `x1 * d`, `sig(q)`."""


@dataclass(frozen=True)
class Equation:
    """One backprop equation: d<input> = local * d<output>, with its numbers."""

    input_name: str
    output_name: str
    local_formula: str
    local: float
    upstream: float
    value: float
    accumulates: bool
    """The input had a contribution before this one: the guide's `+=` (gradients add)."""
    gates: tuple[int, ...]
    """The gates (topological indices) this line belongs to, to highlight with the walk."""

    @property
    def formula(self) -> str:
        """`da = b * dx` (or `da += ...` for a second contribution)."""
        sign = "+=" if self.accumulates else "="
        return f"d{self.input_name} {sign} {times(self.local_formula, 'd' + self.output_name)}"

    @property
    def text(self) -> str:
        """The formula with the numbers: `da = b * dx = 3 * 1 = 3`."""
        return (f"{self.formula} = {_factor(self.local)} * {_factor(self.upstream)} = "
                f"{number(self.value)}")


@dataclass(frozen=True)
class Equations:
    """The circuit's forward split into gates and its backprop equations, output first."""

    forward: tuple[str, ...]
    """`x1 = a * b + c = -1`, ... in forward order."""
    given: str
    """`dx = 1` : the upstream gradient, given (the guide: "dx is given or equals 1")."""
    lines: tuple[Equation, ...]
    totals: tuple[str, ...]
    """For an input used more than once, its gradient as the sum: `a: 3·1 + 3·1 = 6`."""

    def text(self) -> str:
        """Everything as one block of plain text, the guide's way round."""
        parts = [*self.forward, "", self.given, *(e.text for e in self.lines)]
        if self.totals:
            parts += ["", *self.totals]
        return "\n".join(parts)


def _absorbed(circuit: Circuit, counts: dict[int, int]) -> Callable[[Unit], bool]:
    def absorbed(unit: Unit) -> bool:
        gate = unit.gate
        return (isinstance(gate, (AddGate, MultiplyGate)) and counts.get(id(unit), 0) == 1
                and unit is not circuit.output)
    return absorbed


def _roots(circuit: Circuit) -> list[Gate]:
    """The gates whose outputs the guide's equations write: all but the add and multiply
    gates that feed only one add gate (they are terms of its sum)."""
    absorbed = _absorbed(circuit, uses_of(circuit))
    user: dict[int, Gate] = {}
    for gate in circuit.gates:
        for u in gate.inputs:
            user[id(u)] = gate
    return [g for g in circuit.gates
            if not (absorbed(g.out) and isinstance(user.get(id(g.out)), AddGate))]


def nodes(circuit: Circuit) -> list[Node]:
    """The guide's gates: each add gate takes in the add and multiply gates that feed only
    it, so `a*x + b*y + c` is one node with local gradients x, a, y, b and 1.0."""
    index = {id(g): i for i, g in enumerate(circuit.gates)}
    absorbed = _absorbed(circuit, uses_of(circuit))
    roots = _roots(circuit)
    naming = Naming(circuit)
    result = []
    for gate in roots:
        i = index[id(gate)]
        if not isinstance(gate, AddGate):
            wires = tuple((u, i, local_formula(gate, s, naming), local)
                          for s, (u, local) in enumerate(zip(gate.inputs, gate.local_gradients(),
                                                                 strict=True)))
            result.append(Node(gate.out, (i,), wires, forward_formula(gate, naming)))
            continue
        covered: list[int] = []
        terms: list[str] = []
        inputs: list[tuple[Unit, int, str, float]] = []
        for unit, at in _terms(gate, absorbed, index, covered):
            inner = unit.gate
            if isinstance(inner, MultiplyGate) and absorbed(unit):
                a, b = inner.a, inner.b
                terms.append(f"{naming(a)} * {naming(b)}")
                inputs += [(a, at, naming(b), b.value), (b, at, naming(a), a.value)]
            else:
                terms.append(naming(unit))
                inputs.append((unit, at, "1.0", 1.0))
        result.append(Node(gate.out, tuple(sorted(covered)), tuple(inputs), " + ".join(terms)))
    return result


def _terms(root: AddGate, absorbed: Callable[[Unit], bool], index: dict[int, int],
           covered: list[int]) -> list[tuple[Unit, int]]:
    """The terms of a sum, left to right, expanding the add gates that feed only this sum:
    (unit, index of the gate where its wire's share lands: the multiply gate making the
    term, or the add gate the term enters). `covered` collects the gates taken in."""
    out: list[tuple[Unit, int]] = []
    owner: dict[int, int] = {id(u): index[id(root)] for u in root.inputs}
    covered.append(index[id(root)])
    pending: list[Unit] = [*reversed(root.inputs)]  # a stack, not recursion: 900 terms deep
    while pending:
        unit = pending.pop()
        inner = unit.gate
        if isinstance(inner, AddGate) and absorbed(unit):
            covered.append(index[id(inner)])
            owner.update({id(u): index[id(inner)] for u in inner.inputs})
            pending.extend(reversed(inner.inputs))
        elif isinstance(inner, MultiplyGate) and absorbed(unit):
            covered.append(index[id(inner)])
            out.append((unit, index[id(inner)]))
        else:
            out.append((unit, owner[id(unit)]))
    return out


def equations(circuit: Circuit, upstream: float = 1.0) -> Equations:
    """The backprop equations of the circuit at its current values (runs forward), from
    the output's gradient `upstream` (the guide's dx), output side first."""
    circuit.forward()
    parts = nodes(circuit)
    naming = Naming(circuit)
    forward = tuple(f"{naming(n.out)} = {n.forward} = {number(n.out.value)}" for n in parts)
    grads: dict[int, float] = {id(circuit.output): float(upstream)}
    seen: dict[int, list[tuple[float, float]]] = {}
    lines: list[Equation] = []
    for node in reversed(parts):
        g = grads.get(id(node.out), 0.0)
        for unit, gate_index, formula, local in node.inputs:
            if not naming.is_variable(unit):
                continue
            value = local * g
            before = id(unit) in grads
            grads[id(unit)] = grads.get(id(unit), 0.0) + value
            seen.setdefault(id(unit), []).append((local, g))
            lines.append(Equation(naming(unit), naming(node.out), formula, local, g, value,
                                  before, (gate_index,)))
    totals = tuple(
        f"{name}: " + " + ".join(f"{_factor(a)}·{_factor(b)}" for a, b in seen[id(unit)])
        + f" = {number(grads[id(unit)])}"
        for name, unit in circuit.inputs.items() if len(seen.get(id(unit), [])) > 1
    )
    given = f"d{naming(circuit.output)} = {number(float(upstream))}"
    return Equations(forward, given, tuple(lines), totals)


def gradients_of(eqs: Equations, names: Iterable[str]) -> dict[str, float]:
    """Each name's gradient by adding up its equations' values (for checking them)."""
    total: dict[str, float] = dict.fromkeys(names, 0.0)
    for e in eqs.lines:
        if e.input_name in total:
            total[e.input_name] += e.value
    return total



def wires_data(wires: dict[str, WireGradient], naming: Naming) -> dict[str, Any]:
    """Per-wire gradients as JSON-ready data: for each input its uses (gate, slot, local,
    upstream, product), their total and the sum written out. A non-finite number is None
    (JSON has no inf)."""

    def finite(value: float) -> float | None:
        return value if math.isfinite(value) else None

    data: dict[str, Any] = {}
    for name, wire in wires.items():
        data[name] = {
            "total": finite(wire.total),
            "sum": sum_text(wire),
            "uses": [
                {"gate": u.gate.name, "gate_index": u.gate_index, "slot": u.slot,
                 "gate_output": naming(u.gate.out),
                 "local": finite(u.local), "upstream": finite(u.upstream),
                 "product": finite(u.product)}
                for u in wire.uses
            ],
        }
    return data


def wire_names(circuit: Circuit) -> dict[str, str]:
    """Every wire's one name and what it is (`"input"` or its gate: `"a * x"`), for the
    JSON: the names the panes show."""
    naming = Naming(circuit)
    named = {name: "input" for name in circuit.inputs}
    for gate in circuit.gates:
        named[naming(gate.out)] = forward_formula(gate, naming)
    return named
