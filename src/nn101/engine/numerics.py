"""Float helpers that never raise on overflow: the guide's formulas, made safe.

Python's `math.exp` raises OverflowError past about 709.78 and `x ** y` can raise it or
return a complex number; a playground must instead show the non-finite result and stop.
"""

from __future__ import annotations

import math

from nn101.engine.errors import DomainError, InputError
from nn101.engine.text import quote, short

INF = math.inf


def sigmoid(x: float) -> float:
    """1 / (1 + e^-x), branching on the sign so that neither branch can overflow."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def exp(x: float) -> float:
    """e^x, or +inf where Python would raise OverflowError."""
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def power(base: float, exponent: float) -> float:
    """base ** exponent over the reals: inf on overflow, DomainError where it has no real value."""
    if base == 0.0 and exponent < 0.0:
        raise DomainError("division by zero: 0 raised to a negative power")
    if base < 0.0 and not float(exponent).is_integer():
        raise DomainError(
            f"{base:g} ** {exponent:g} has no real value (negative base, fractional power)"
        )
    try:
        result = base**exponent
    except OverflowError:
        odd = float(exponent).is_integer() and int(exponent) % 2 == 1
        return -INF if base < 0.0 and odd else INF
    except ZeroDivisionError as err:  # 0.0 ** negative, already refused above; kept for safety
        raise DomainError("division by zero: 0 raised to a negative power") from err
    if isinstance(result, complex):
        raise DomainError(f"{base:g} ** {exponent:g} has no real value")
    return float(result)


def is_finite(*values: float) -> bool:
    """True when every value is a finite float (no nan, no inf)."""
    return all(math.isfinite(v) for v in values)


def parse_number(text: str) -> float:
    """Read a user's number strictly: finite, ASCII, no surprises like 'nan', '1e400' or '٣'.

    float() accepts Unicode digits, 'nan', 'infinity' and underscores; a teaching tool
    should refuse them with a reason instead of guessing.
    """
    stripped = text.strip()
    if not stripped:
        raise InputError("empty: type a number")
    if not stripped.isascii():
        raise InputError(f"not a number: {quote(stripped)} (use ASCII digits)")
    if "_" in stripped:
        raise InputError(f"not a number: {quote(stripped)}")
    try:
        value = float(stripped)
    except ValueError:
        raise InputError(f"not a number: {quote(stripped)}") from None
    if math.isnan(value):
        raise InputError("nan is not a number you can step with")
    if math.isinf(value):
        if stripped.lower().lstrip("+-") in ("inf", "infinity"):
            raise InputError("infinity is not allowed: use a finite number")
        raise InputError(f"too large: {short(stripped)} overflows a float (limit about 1.8e308)")
    return value
