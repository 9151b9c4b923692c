"""The safe expression parser: what it accepts (checked against sympy), its limits, and
every hostile or malformed input refused with a message that says what is wrong."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from nn101.engine import Circuit, DomainError, ExpressionError, parse
from nn101.engine import expression as expression_module
from tests.engine.oracle import FUNCTIONS, Oracle, close, from_sympy


def at(text: str, **values: float) -> Circuit:
    c = parse(text)
    c.set_inputs(values)
    c.forward()
    return c


# --- what it accepts -------------------------------------------------------------------


def test_variables_start_at_1_in_order_of_appearance() -> None:
    c = parse("b*a + c - b")
    assert list(c.inputs) == ["b", "a", "c"]
    assert c.input_values() == {"b": 1.0, "a": 1.0, "c": 1.0}
    assert c.forward() == 1.0  # 1*1 + 1 - 1
    assert c.expression == "b*a + c - b"


def test_caret_is_power_with_powers_precedence() -> None:
    # a^b*c = (a**b)*c = 8*5 = 40, not a**(b*c) = 2**15; and ^ binds right: 2^3^2 = 2^9.
    assert at("a^b*c", a=2.0, b=3.0, c=5.0).output.value == 40.0
    assert at("a^b^c", a=2.0, b=3.0, c=2.0).output.value == 512.0
    assert at("-a^2", a=3.0).output.value == -9.0  # -(a**2), as in Python
    assert at("a^-1", a=4.0).output.value == 0.25
    c = at("x^3", x=2.0)
    assert c.output.value == 8.0 and c.backward() == {"x": 12.0}  # 3 x**2


@pytest.mark.parametrize(
    ("text", "values", "value", "grads"),
    [
        # sig(0) = 1/2, its slope 1/2 * 1/2 = 1/4 (both names of the function)
        ("sig(x)", {"x": 0.0}, 0.5, {"x": 0.25}),
        ("sigmoid(x)", {"x": 0.0}, 0.5, {"x": 0.25}),
        ("exp(x)", {"x": 0.0}, 1.0, {"x": 1.0}),
        ("log(x)", {"x": 1.0}, 0.0, {"x": 1.0}),
        ("tanh(x)", {"x": 0.0}, 0.0, {"x": 1.0}),
        ("relu(x)", {"x": -2.0}, 0.0, {"x": 0.0}),
        ("relu(x)", {"x": 2.0}, 2.0, {"x": 1.0}),
        # max routes the gradient to the winner only: here z.
        ("max(x, y, z)", {"x": 1.0, "y": -2.0, "z": 3.0}, 3.0, {"x": 0.0, "y": 0.0, "z": 1.0}),
        ("+x - -y", {"x": 1.0, "y": 2.0}, 3.0, {"x": 1.0, "y": 1.0}),
        # x/4: a multiply by the reciprocal, slope 1/4; 1/x at 2: -1/x**2 = -1/4
        ("x/4", {"x": 2.0}, 0.5, {"x": 0.25}),
        ("1/x", {"x": 2.0}, 0.5, {"x": -0.25}),
        ("2.5e-1 * x", {"x": 4.0}, 1.0, {"x": 0.25}),
        ("x**y", {"x": 2.0, "y": 3.0}, 8.0, {"x": 12.0, "y": 8.0 * math.log(2.0)}),
    ],
)
def test_the_whitelist(
    text: str, values: dict[str, float], value: float, grads: dict[str, float]
) -> None:
    c = at(text, **values)
    assert c.output.value == pytest.approx(value, rel=1e-15, abs=1e-300)
    assert c.backward() == pytest.approx(grads, rel=1e-15)


def test_a_flat_sum_of_900_terms_is_not_nesting() -> None:
    text = "+".join(["x"] * 900)  # 1,799 characters
    c = at(text, x=2.0)
    assert c.output.value == 1800.0
    assert c.backward() == {"x": 900.0}  # 900 add-gate shares of 1, accumulated
    # And with minus signs: x - x - ... (899 times) at x = 2 gives 2 - 899*2; slope 1 - 899.
    c = at("x" + "-x" * 899, x=2.0)
    assert c.output.value == -1796.0
    assert c.backward() == {"x": -898.0}


def test_a_chain_of_1999_minus_signs_fits_in_2000_characters() -> None:
    c = at("-" * 1999 + "x", x=5.0)  # an odd number of negations: -x
    assert c.output.value == -5.0
    assert c.backward() == {"x": -1.0}


VARIABLES = ("a", "b", "c")
leaves = st.one_of(
    st.sampled_from(VARIABLES),
    st.integers(1, 9).map(str),
)


def _extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["sig", "tanh", "relu"]), inner).map(
            lambda t: f"{t[0]}({t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"max({t[0]}, {t[1]})"),
        st.tuples(inner, st.sampled_from(["2", "3"])).map(lambda t: f"({t[0]})^{t[1]}"),
        inner.map(lambda t: f"-{t}"),
    )


formulas = st.recursive(leaves, _extend, max_leaves=8)


def _oracle(text: str, names: list[str]) -> Oracle:
    """sympy's reading of the formula; max(p, q) as a Piecewise that, like the engine's
    max gate, picks p on a tie."""
    local: dict[str, Any] = dict(FUNCTIONS)
    local["_max"] = lambda p, q: sp.Piecewise((p, p >= q), (q, True))
    local.update({n: sp.Symbol(n) for n in names})
    expr = sp.sympify(text.replace("max(", "_max(").replace("^", "**"), locals=local)
    return from_sympy(expr, names)


@settings(max_examples=60, deadline=None)
@given(
    text=formulas,
    values=st.fixed_dictionaries(
        {n: st.floats(-2.0, 2.0, allow_nan=False) for n in VARIABLES}),
)
def test_random_formulas_agree_with_sympy(text: str, values: dict[str, float]) -> None:
    """The parser wires each operator to the right gate: value and gradient of random
    formulas equal sympy's to 1e-9, relative to the size of their terms.

    Sums may cancel (a*b - c at a*b ~ c), leaving rounding errors of the terms in a small
    result: the scale is at least 1, and at least the same formula with every - made a +
    at |inputs| (which adds magnitudes instead of cancelling them)."""
    if not re.search(r"\b[abc]\b", text):
        with pytest.raises(ExpressionError, match="no variables"):
            parse(text)
        return
    c = parse(text)
    names = list(c.inputs)
    point = {n: values[n] for n in names}
    c.set_inputs(point)
    value = c.forward()
    oracle = _oracle(text, names)
    twin = _oracle(text.replace("-", "+"), names)
    sizes = {n: abs(v) for n, v in point.items()}
    assert close(value, oracle.value(point), 1e-9, floor=max(1.0, abs(twin.value(sizes))))
    grads = c.backward()
    exact = oracle.gradient(point)
    scale = twin.gradient(sizes)
    for n in names:
        floor = max(1.0, abs(scale[n]))
        assert close(grads[n], exact[n], 1e-9, floor=floor), (text, n, grads[n], exact[n])


# --- limits ----------------------------------------------------------------------------


def test_length_limit() -> None:
    ok = "x" + " + x" * 499  # 1,997 characters
    assert len(ok) <= expression_module.MAX_LENGTH
    parse(ok)
    with pytest.raises(ExpressionError, match=r"too long: 2001 characters \(at most 2000\)"):
        parse("x" * 2001)


def test_node_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # Under 2,000 characters a formula has at most about 4,000 nodes (a '-' adds two: the
    # UnaryOp and its USub), so the length limit always hits first. Lift it to reach the
    # node limit: n terms x + x + ... make 4n - 2 nodes (each '+ x' adds a BinOp, an Add, a
    # Name and its Load context), so 2,500 terms are 9,998 nodes, 2,501 are 10,002.
    monkeypatch.setattr(expression_module, "MAX_LENGTH", 100_000)
    c = at("+".join(["x"] * 2500), x=1.0)
    assert c.backward() == {"x": 2500.0}
    with pytest.raises(ExpressionError, match="too large: over 10000 nodes"):
        parse("+".join(["x"] * 2501))


def test_nesting_limit() -> None:
    assert at("(" * 200 + "x" + ")" * 200, x=3.0).output.value == 3.0
    with pytest.raises(ExpressionError, match=r"too deeply nested: 201 levels.*at most 200"):
        parse("(" * 201 + "x" + ")" * 201)
    # A call's parentheses count too.
    assert at("relu(" * 200 + "x" + ")" * 200, x=3.0).output.value == 3.0
    with pytest.raises(ExpressionError, match="too deeply nested: 201 levels"):
        parse("sig(" * 201 + "x" + ")" * 201)


def test_9_to_the_9_to_the_9_is_float_arithmetic_and_reports_overflow() -> None:
    # As Python ints 9**9**9 has 369 million digits and would hang; the engine's gates
    # compute in floats, where 9.0 ** 387420489.0 overflows at once.
    with pytest.raises(ExpressionError, match="overflows a float"):
        parse("9**9**9")
    c = parse("x * 9**9**9")  # with a variable it parses; the value is +inf
    assert c.forward() == math.inf


# --- hostile and malformed --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty expression"),
        ("   \t ", "empty expression"),
        ("__import__('os')", "unknown function '__import__'"),
        ("__import__('os').system('ls')", "only the functions .* may be called"),
        ("exec('x')", "unknown function 'exec'"),
        ("eval('x')", "unknown function 'eval'"),
        ("open('/etc/passwd')", "unknown function 'open'"),
        ("foo(x)", r"unknown function 'foo' \(known: sigmoid, sig, exp, log, tanh, relu, max"),
        ("x.real", r"attribute access \(a.b\) not allowed"),
        ("(1).__class__", "attribute access"),
        ("lambda: 1", "lambda not allowed"),
        ("(lambda x: x)(2)", "may be called"),
        ("[x for x in y]", "comprehensions not allowed"),
        ("{x for x in y}", "comprehensions not allowed"),
        ("{x: 1 for x in y}", "comprehensions not allowed"),
        ("(x for x in y)", "comprehensions not allowed"),
        ("x[0]", "indexing"),
        ("x if y else z", "if/else not allowed"),
        ("x == y", "comparisons not allowed"),
        ("x and y", "and/or not allowed"),
        ("x, y", "tuples not allowed"),
        ("[x]", "lists not allowed"),
        ("{x: 1}", "dicts not allowed"),
        ("(y := 1)", "assignment"),
        ("sig(*x)", "unpacking"),
        ("f'{x}'", "strings not allowed"),
        ("'a'", "only numbers and names are allowed, not 'a'"),
        ("b'a' * x", "only numbers and names"),
        ("True * x", "only numbers and names are allowed, not True"),
        ("None", "only numbers and names"),
        ("...", "only numbers and names"),
        ("1j * x", "only numbers and names are allowed, not 1j"),
        ("x % y", r"only \+ - \* / \*\* \(or \^\) are allowed"),
        ("x // y", "only"),
        ("x @ y", "only"),
        ("x << 1", "only"),
        ("~x", "only - and \\+ may stand before a term"),
        ("not x", "only - and \\+ may stand before a term"),
        ("x = 1", "not a formula"),
        ("x +", "not a formula"),
        ("(x", "not a formula.*never closed"),
        ("x y", "not a formula"),
        ("await x", "await not allowed"),
        ("yield x", "not a formula"),
        ("x\ny", "not a formula"),
        ("sig", "sig is a function: call it as sig"),
        ("exp + 1", "exp is a function"),
        ("sig(x, y)", "sig\\(\\) takes exactly one argument"),
        ("sig()", "takes exactly one argument"),
        ("max(x)", "max\\(\\) takes two or more arguments"),
        ("max(x, y=1)", "no keyword arguments"),
        ("_x + 1", "bad name '_x'"),
        ("__builtins__", "bad name"),
        ("x\u00b2", "only ASCII"),
        ("\u0663 * x", "only ASCII"),
        ("1e400 * x", "too large for a float"),
        ("1/0", "division by zero"),
        ("log(0)", "log of a non-positive"),
        ("2 + 3", "no variables"),
    ],
)
def test_refused_with_a_message_that_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message) as info:
        parse(text)
    text_of_error = str(info.value)
    assert text_of_error and "\n" not in text_of_error


def test_not_text_is_refused() -> None:
    with pytest.raises(ExpressionError, match="must be text"):
        parse(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "values", "message"),
    [
        ("x/0", {}, "division by zero"),
        ("1/x", {"x": 0.0}, "division by zero"),
        ("x / (y - 1)", {}, "division by zero"),  # y starts at 1
        ("log(x - 1)", {}, "log of a non-positive number"),
        ("x**0.5", {"x": -1.0}, "no real value"),
        ("x**y", {"x": -2.0}, "positive base"),
    ],
)
def test_domain_errors_come_at_evaluation(
    text: str, values: dict[str, float], message: str
) -> None:
    c = parse(text)  # the wiring is fine; the numbers are not
    c.set_inputs(values)
    with pytest.raises(DomainError, match=message):
        c.forward()


def test_never_evaluates_python() -> None:
    """A formula that would have a side effect as Python is refused before anything runs."""
    import builtins

    calls: list[str] = []
    original = builtins.__import__

    def spy(name: str, *args: object, **kwargs: object) -> object:
        calls.append(name)
        return original(name, *args, **kwargs)  # type: ignore[arg-type]

    builtins.__import__ = spy  # type: ignore[assignment]
    try:
        with pytest.raises(ExpressionError):
            parse("__import__('this')")
    finally:
        builtins.__import__ = original
    assert "this" not in calls
