"""Labelled points in the plane: the guide's six, and seeded generators to learn from.

Every generator draws from its own `random.Random(seed)`, so a data set is a pure function
of (name, points, noise, seed): the CLI and the app see the same points for the same
settings. Labels are +1 and -1, as in the guide.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nn101.engine.errors import InputError
from nn101.engine.numerics import is_finite
from nn101.engine.text import quote

GUIDE_DATA: tuple[tuple[float, float, int], ...] = (
    (1.2, 0.7, 1),
    (-0.3, -0.5, -1),
    (3.0, 0.1, 1),
    (-0.1, -1.0, -1),
    (-1.0, 1.1, -1),
    (2.1, -3.0, 1),
)
"""The guide's chapter 2 training set: (x, y, label)."""

DATASETS: tuple[str, ...] = ("guide", "circle", "xor", "gauss", "spiral", "moons")
POINTS = 100
NOISE = 0.1
MAX_POINTS = 10_000
MAX_NOISE = 5.0
MAX_COORDINATE = 1e6
"""Largest |x| or |y| of a point: the decision map can still tell neighbouring pixels
apart there (a float near 1e6 has about ten digits after the point), and a loss stays far
from overflowing."""


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: int
    """+1 or -1."""


@dataclass(frozen=True)
class Dataset:
    name: str
    points: tuple[Point, ...]
    noise: float = 0.0
    seed: int | None = None

    def __len__(self) -> int:
        return len(self.points)

    def bounds(self, margin: float = 0.15) -> tuple[float, float, float, float]:
        """(x_min, x_max, y_min, y_max) around every point, widened by `margin` of the span
        so points never sit on the edge of a decision map."""
        xs = [p.x for p in self.points]
        ys = [p.y for p in self.points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        # a span of at least 1e-9 and a millionth of the coordinates' size: points all at
        # one spot far from 0 still get a box wider than a float's rounding there
        dx = max(x1 - x0, 1e-9, 1e-6 * max(abs(x0), abs(x1))) * margin
        dy = max(y1 - y0, 1e-9, 1e-6 * max(abs(y0), abs(y1))) * margin
        return x0 - dx, x1 + dx, y0 - dy, y1 + dy


def guide() -> Dataset:
    return Dataset("guide", tuple(Point(x, y, label) for x, y, label in GUIDE_DATA))


def _circle(rng: random.Random, n: int, noise: float) -> list[Point]:
    """+1 inside a disc of radius 1, -1 on a ring from 1.4 to 2 around it."""
    points = []
    for i in range(n):
        label = 1 if i % 2 == 0 else -1
        r = 1.0 * math.sqrt(rng.random()) if label == 1 else 1.4 + 0.6 * rng.random()
        t = rng.uniform(0.0, 2.0 * math.pi)
        points.append(Point(r * math.cos(t) + rng.gauss(0.0, noise),
                            r * math.sin(t) + rng.gauss(0.0, noise), label))
    return points


def _xor(rng: random.Random, n: int, noise: float) -> list[Point]:
    """Label = sign(x * y): +1 in two opposite quadrants; kept 0.1 away from the axes."""
    points = []
    for _ in range(n):
        x = rng.uniform(0.1, 2.0) * rng.choice((-1.0, 1.0))
        y = rng.uniform(0.1, 2.0) * rng.choice((-1.0, 1.0))
        label = 1 if x * y > 0.0 else -1
        points.append(Point(x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise), label))
    return points


def _gauss(rng: random.Random, n: int, noise: float) -> list[Point]:
    """Two round blobs, +1 around (1, 1) and -1 around (-1, -1); noise widens them."""
    points = []
    spread = 0.5 + noise
    for i in range(n):
        label = 1 if i % 2 == 0 else -1
        points.append(Point(label + rng.gauss(0.0, spread), label + rng.gauss(0.0, spread),
                            label))
    return points


def _spiral(rng: random.Random, n: int, noise: float) -> list[Point]:
    """Two arms winding 1.75 turns around the origin, the second the first turned by pi."""
    points = []
    for i in range(n):
        label = 1 if i % 2 == 0 else -1
        u = rng.random()
        r = 0.2 + 1.8 * u
        t = 1.75 * 2.0 * math.pi * u + (0.0 if label == 1 else math.pi)
        points.append(Point(r * math.cos(t) + rng.gauss(0.0, noise),
                            r * math.sin(t) + rng.gauss(0.0, noise), label))
    return points


def _moons(rng: random.Random, n: int, noise: float) -> list[Point]:
    """Two interleaved half circles (as scikit-learn's make_moons), centred and scaled x1.5."""
    points = []
    for i in range(n):
        label = 1 if i % 2 == 0 else -1
        t = rng.uniform(0.0, math.pi)
        if label == 1:
            x, y = math.cos(t), math.sin(t)
        else:
            x, y = 1.0 - math.cos(t), 0.5 - math.sin(t)
        x += rng.gauss(0.0, noise)
        y += rng.gauss(0.0, noise)
        points.append(Point(1.5 * (x - 0.5), 1.5 * (y - 0.25), label))
    return points


GENERATORS: dict[str, Callable[[random.Random, int, float], list[Point]]] = {
    "circle": _circle,
    "xor": _xor,
    "gauss": _gauss,
    "spiral": _spiral,
    "moons": _moons,
}


def make_dataset(
    name: str = "guide", points: int = POINTS, noise: float = NOISE, seed: int = 0
) -> Dataset:
    """The data set `name`: "guide" is the guide's six points (the other arguments do not
    apply); the rest draw `points` points (half of each label) with Gaussian `noise`."""
    if name == "guide":
        return guide()
    if name not in GENERATORS:
        raise InputError(f"unknown dataset {quote(name)} (one of: {', '.join(DATASETS)})")
    if not 2 <= points <= MAX_POINTS:
        raise InputError(f"points must be between 2 and {MAX_POINTS}, got {points}")
    if not is_finite(noise) or not 0.0 <= noise <= MAX_NOISE:
        raise InputError(f"noise must be between 0 and {MAX_NOISE:g}, got {noise:g}")
    generated = GENERATORS[name](random.Random(seed), points, noise)
    return Dataset(name, tuple(generated), noise, seed)


def from_points(rows: Sequence[tuple[float, float, int]], name: str = "custom") -> Dataset:
    """A data set from (x, y, label) rows; refuses coordinates that are not finite or past
    ±MAX_COORDINATE, and labels not +-1."""
    points = []
    for x, y, label in rows:
        if not is_finite(float(x), float(y)):
            raise InputError(f"point ({x}, {y}) is not finite")
        if max(abs(float(x)), abs(float(y))) > MAX_COORDINATE:
            raise InputError(f"point ({x:g}, {y:g}) is past the limit of ±{MAX_COORDINATE:,.0f} "
                             "for x and y")
        if label not in (1, -1):
            raise InputError(f"labels are +1 or -1, got {quote(repr(label))}")
        points.append(Point(float(x), float(y), int(label)))
    if not points:
        raise InputError("a data set needs at least one point")
    return Dataset(name, tuple(points))
