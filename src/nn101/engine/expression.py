"""Turn a typed formula such as `((a*b + c)*d)**2` into a Circuit, safely.

Python's `ast` does the parsing; only a whitelist of node types is accepted and nothing is
ever evaluated by Python (no `eval`): each operator becomes one of the engine's gates.
Every walk over the tree is iterative, so a flat sum of 900 terms (a tree 900 deep on its
left side) needs no recursion; real nesting (parentheses and calls) is capped at 200.
"""

from __future__ import annotations

import ast
import math
import re

from nn101.engine.circuit import Circuit
from nn101.engine.collector import paused
from nn101.engine.errors import DomainError, ExpressionError
from nn101.engine.gates import (
    FUNCTIONS,
    AddGate,
    Gate,
    MaxGate,
    MultiplyGate,
    NegateGate,
    PowerGate,
    PowGate,
    ReciprocalGate,
    SubtractGate,
)
from nn101.engine.text import MAX_QUOTED, cut, quote, short
from nn101.engine.unit import Unit

MAX_LENGTH = 2_000
MAX_NODES = 10_000
MAX_NESTING = 200
LABEL_WIDTH = 24
"""Wires are labelled with their sub-expression's text when it is at most this long."""

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_BINOPS: dict[type[ast.operator], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
}
_FORBIDDEN: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access (a.b)",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehensions",
    ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.Subscript: "indexing (a[i])",
    ast.Compare: "comparisons",
    ast.BoolOp: "and/or",
    ast.IfExp: "if/else",
    ast.Starred: "unpacking (*a)",
    ast.NamedExpr: "assignment (:=)",
    ast.JoinedStr: "strings",
    ast.List: "lists",
    ast.Tuple: "tuples",
    ast.Dict: "dicts",
    ast.Set: "sets",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}
FUNCTION_NAMES = (*FUNCTIONS, "max")
_NOT_FINITE = ("nan", "inf", "infinity")


def nesting_depth(text: str) -> int:
    """Deepest level of parentheses (a call's parentheses count too)."""
    depth = deepest = 0
    for ch in text:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    return deepest


def _check_text(text: str) -> str:
    if not isinstance(text, str):
        raise ExpressionError("an expression must be text")
    src = text.strip()
    if not src:
        raise ExpressionError("empty expression: type a formula such as (x + y) * z")
    if len(src) > MAX_LENGTH:
        raise ExpressionError(
            f"expression too long: {len(src)} characters (at most {MAX_LENGTH})"
        )
    if not src.isascii():
        raise ExpressionError("only ASCII letters, digits and + - * / ^ ( ) , . are allowed")
    depth = nesting_depth(src)
    if depth > MAX_NESTING:
        raise ExpressionError(
            f"too deeply nested: {depth} levels of parentheses (at most {MAX_NESTING})"
        )
    return src.replace("^", "**")


def _parse_tree(src: str) -> ast.expr:
    try:
        tree = ast.parse(src, mode="eval")
    except SyntaxError as err:
        where = f" at column {err.offset}" if err.offset else ""
        raise ExpressionError(f"not a formula{where}: {err.msg}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("expression too complex to parse") from None
    return tree.body


def _validate(root: ast.expr) -> list[ast.AST]:
    """Every node, checked against the whitelist (iteratively, via ast.walk)."""
    nodes: list[ast.AST] = []
    called: set[int] = set()
    for node in ast.walk(root):
        nodes.append(node)
        if len(nodes) > MAX_NODES:
            raise ExpressionError(f"expression too large: over {MAX_NODES} nodes")
        for kind, what in _FORBIDDEN.items():
            if isinstance(node, kind):
                raise ExpressionError(f"{what} not allowed in a formula")
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                shown = short(repr(node.value))
                raise ExpressionError(f"only numbers and names are allowed, not {shown}")
        elif isinstance(node, ast.Name):
            if id(node) in called:
                continue
            if node.id in FUNCTION_NAMES:
                raise ExpressionError(f"{node.id} is a function: call it as {node.id}(x)")
            if not _NAME.match(node.id):
                raise ExpressionError(f"bad name {quote(node.id)}: use letters, digits and _")
            if node.id.lower() in _NOT_FINITE:
                # Python reads these as names; a user means a number the engine cannot use.
                raise ExpressionError(
                    f"{node.id} is not a finite number: write a finite number, or pick "
                    "another name for a variable"
                )
        elif isinstance(node, ast.Call):
            _validate_call(node)
            called.add(id(node.func))
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                raise ExpressionError("only + - * / ** (or ^) are allowed between terms")
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise ExpressionError("only - and + may stand before a term")
        elif not isinstance(node, (ast.operator, ast.unaryop, ast.Load)):
            raise ExpressionError(f"{type(node).__name__} is not allowed in a formula")
    return nodes


def _validate_call(node: ast.Call) -> None:
    if not isinstance(node.func, ast.Name):
        raise ExpressionError("only the functions " + ", ".join(FUNCTION_NAMES) + " may be called")
    name = node.func.id
    if name not in FUNCTION_NAMES:
        raise ExpressionError(
            f"unknown function {quote(name)} (known: {', '.join(FUNCTION_NAMES)})"
        )
    if node.keywords:
        raise ExpressionError(f"{cut(name, MAX_QUOTED)}() takes no keyword arguments")
    if name == "max":
        if len(node.args) < 2:
            raise ExpressionError("max() takes two or more arguments")
    elif len(node.args) != 1:
        raise ExpressionError(f"{cut(name, MAX_QUOTED)}() takes exactly one argument")


def _number(node: ast.expr) -> float | None:
    """The value of a literal number, or of -number; None for anything else."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        try:
            value = float(node.value)
        except OverflowError:
            raise ExpressionError("a number in the formula is too large for a float") from None
        if not math.isfinite(value):
            raise ExpressionError("a number in the formula is too large for a float")
        return sign * value
    return None


class _Builder:
    """Post-order walk with an explicit stack: children's wires first, then the node's gate."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.one_line = "\n" not in src and "\r" not in src
        self.variables: dict[str, Unit] = {}
        self.count = 0

    def segment(self, node: ast.expr) -> str:
        """The node's source text.

        ast.get_source_segment splits the whole source on every call, which made labelling
        a 900-term sum quadratic (over a second); a one-line source is ASCII (checked), so
        its byte offsets are character offsets and a slice is exact.
        """
        if self.one_line and node.end_col_offset is not None:
            return self.src[node.col_offset:node.end_col_offset]
        return ast.get_source_segment(self.src, node) or ""

    def label(self, node: ast.expr) -> str:
        self.count += 1
        text = self.segment(node)
        text = " ".join(text.split())
        while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
            text = text[1:-1].strip()
        return text if 0 < len(text) <= LABEL_WIDTH else f"t{self.count}"

    def build(self, root: ast.expr) -> Unit:
        done: dict[int, Unit] = {}
        stack: list[tuple[ast.expr, bool]] = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if id(node) in done:
                continue
            children = self.children(node)
            if not expanded and children:
                stack.append((node, True))
                stack.extend((c, False) for c in reversed(children))
                continue
            done[id(node)] = self.make(node, [done[id(c)] for c in children])
        return done[id(root)]

    @staticmethod
    def children(node: ast.expr) -> list[ast.expr]:
        if _number(node) is not None:
            return []
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow) and _number(node.right) is not None:
                return [node.left]
            if isinstance(node.op, ast.Div) and _number(node.left) == 1.0:
                return [node.right]
            return [node.left, node.right]
        if isinstance(node, ast.UnaryOp):
            return [node.operand]
        if isinstance(node, ast.Call):
            return list(node.args)
        return []

    def make(self, node: ast.expr, wires: list[Unit]) -> Unit:
        value = _number(node)
        if value is not None:
            return Unit(value, label=f"{value:g}")
        if isinstance(node, ast.Name):
            if node.id not in self.variables:
                self.variables[node.id] = Unit(1.0, label=node.id)
            return self.variables[node.id]
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.UAdd):
                return wires[0]
            return self.gate(NegateGate(), node, wires)
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            if node.func.id == "max":
                out = wires[0]
                for w in wires[1:]:
                    out = self.gate(MaxGate(), node, [out, w])
                return out
            return self.gate(FUNCTIONS[node.func.id](), node, wires)
        assert isinstance(node, ast.BinOp)
        if isinstance(node.op, ast.Pow):
            exponent = _number(node.right)
            if exponent is not None:
                return self.gate(PowGate(exponent), node, wires)
            return self.gate(PowerGate(), node, wires)
        if isinstance(node.op, ast.Div):
            # The guide's decomposition: a / b = a * (1/b), with d(1/x)/dx = -1/x**2.
            if len(wires) == 1:
                return self.gate(ReciprocalGate(), node, wires)
            inverse = ReciprocalGate().connect(wires[1])
            below = wires[1].label
            inverse.label = f"1/{below}" if isinstance(node.right, ast.Name) else f"1/({below})"
            return self.gate(MultiplyGate(), node, [wires[0], inverse])
        gate: Gate = {ast.Add: AddGate, ast.Sub: SubtractGate, ast.Mult: MultiplyGate}[
            type(node.op)]()
        return self.gate(gate, node, wires)

    def gate(self, gate: Gate, node: ast.expr, wires: list[Unit]) -> Unit:
        out = gate.connect(*wires)
        out.label = self.label(node)
        return out


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def _first_seen(root: ast.expr) -> list[str]:
    called = {id(n.func) for n in ast.walk(root) if isinstance(n, ast.Call)}
    names = sorted(
        (n for n in ast.walk(root) if isinstance(n, ast.Name) and id(n) not in called),
        key=lambda n: (n.lineno, n.col_offset),
    )
    return list(dict.fromkeys(n.id for n in names))


def _explain_constant(output: Unit) -> None:
    """A formula without names: say what is wrong with it, its own error first (1/0)."""
    try:
        value = Circuit({}, output).forward()
    except DomainError as err:
        raise ExpressionError(str(err)) from None
    if not math.isfinite(value):
        raise ExpressionError("the formula's value overflows a float (too large to compute)")
    raise ExpressionError("no variables: a formula needs a name to step, such as x")


@paused()  # the syntax tree and the gates: see collector.py
def parse(text: str) -> Circuit:
    """The circuit of `text`, wired but not yet run; every variable starts at 1.0.

    Set the inputs, then call `forward()`: a gate may refuse the start values (1/0, log 0)
    with a DomainError. Raises ExpressionError with a message a user can act on; never
    runs any of the text as code.
    """
    src = _check_text(text)
    root = _parse_tree(src)
    _validate(root)
    names = _first_seen(root)
    builder = _Builder(src)
    output = builder.build(root)
    if not names:
        _explain_constant(output)
    inputs = {name: builder.variables[name] for name in names}
    return Circuit(inputs, output, expression=" ".join(text.split()))
