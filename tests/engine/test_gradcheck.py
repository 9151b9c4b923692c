"""The gradient check: passes for correct gates, catches a wrong one, refuses overflow."""

from __future__ import annotations

import pytest

from nn101.engine import (
    SCENARIOS,
    Circuit,
    DomainError,
    MultiplyGate,
    Unit,
    gradient_check,
    parse,
)
from nn101.engine.gradcheck import TOLERANCE, relative_error


@pytest.mark.parametrize("name", list(SCENARIOS))
@pytest.mark.parametrize("difference", ["forward", "centered"])
def test_every_scenario_passes_at_its_start(name: str, difference: str) -> None:
    c = SCENARIOS[name].circuit()
    before = c.input_values()
    check = gradient_check(c, difference=difference)  # type: ignore[arg-type]
    assert check.ok, check.relative_error
    assert check.inputs == before == c.input_values()
    assert set(check.analytic) == set(check.numerical) == set(check.relative_error) == set(
        before)
    assert check.max_relative_error == max(check.relative_error.values())
    assert check.h == 1e-4 and check.difference == difference
    # Centered differences are second-order accurate: far inside the tolerance.
    if difference == "centered":
        assert check.max_relative_error < 1e-6


class WrongMultiply(MultiplyGate):
    """A bug the check must catch: d(ab)/da returned as a instead of b."""

    def local_gradients(self) -> tuple[float, float]:
        return self.a.value, self.a.value


def test_a_wrong_local_gradient_fails_the_check() -> None:
    # f = x*y at (2, 3): the true gradient is (3, 2); the buggy gate claims dx = 2, so the
    # relative error on x is |2 - 3| / 3 = 1/3; y is still right.
    x, y = Unit(2.0, label="x"), Unit(3.0, label="y")
    c = Circuit([x, y], WrongMultiply().forward(x, y))
    check = gradient_check(c)
    assert not check.ok
    assert check.relative_error["x"] == pytest.approx(1 / 3, rel=1e-6)
    assert check.relative_error["y"] == 0.0


def test_a_kink_fails_with_forward_differences() -> None:
    # relu at 0: backprop says 0 (x > 0 is false), forward differences (relu(h) - 0)/h = 1.
    c = parse("relu(x)")
    c.set_inputs({"x": 0.0})
    check = gradient_check(c)
    assert check.analytic == {"x": 0.0}
    assert check.numerical["x"] == pytest.approx(1.0, rel=1e-12)
    assert check.relative_error == {"x": 1.0}
    assert not check.ok


def test_tolerance_decides() -> None:
    # Forward differences on x**2 at x = 1: (1 + 2h + h**2 - 1)/h = 2 + h, relative error
    # h / (2 + h) ~ 5e-5 with h = 1e-4.
    c = parse("x**2")
    c.set_inputs({"x": 1.0})
    check = gradient_check(c)
    assert check.max_relative_error == pytest.approx(1e-4 / (2 + 1e-4), rel=1e-4)
    assert check.ok and check.tolerance == TOLERANCE
    assert not gradient_check(c, tolerance=1e-5).ok


@pytest.mark.parametrize(
    ("analytic", "numerical", "expected"),
    [
        (3.0, 3.0, 0.0),
        (0.0, 1e-13, 0.0),  # round-off of a zero slope, not a wrong gradient
        (2.0, 3.0, 1 / 3),  # |2 - 3| / max(2, 3)
        (-1.0, 1.0, 2.0),  # opposite signs: |-1 - 1| / max(1, 1), the worst it gets
        (0.0, 1.0, 1.0),
    ],
)
def test_relative_error(analytic: float, numerical: float, expected: float) -> None:
    assert relative_error(analytic, numerical) == pytest.approx(expected, rel=1e-15)


@pytest.mark.parametrize(
    ("formula", "values", "h"),
    [
        ("exp(x)", {"x": 710.0}, 1e-4),  # the output itself overflows
        ("x*x", {"x": 1.0}, 1e200),  # (1 + 1e200)**2 overflows the nudged pass
        ("1/x", {"x": 1e-200}, 1e-4),  # -1/x**2 = -1e400 overflows the slope
    ],
)
def test_overflow_is_a_clear_domain_error(
    formula: str, values: dict[str, float], h: float
) -> None:
    c = parse(formula)
    c.set_inputs(values)
    with pytest.raises(DomainError, match=r"not a finite number.*overflowed"):
        gradient_check(c, h=h)
    assert c.input_values() == values
