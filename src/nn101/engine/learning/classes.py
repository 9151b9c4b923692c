"""Points in K classes (labels 0..K-1) for chapter 3, and their train / validation split.

- yin-yang: the three-class set of EurekaLabsAI/micrograd (after Kriener et al.'s Yin-Yang
  data set): points drawn in a disc of radius 0.5 around (0.5, 0.5) until one falls in the
  class wanted (the classes take turns 0, 1, 2, ...), then scaled to [-2, 2]. Drawn from an
  `XorShift` stream, so the same seed gives the same points as that project.
- spiral: CS231n's K arms (radius growing 0 to 1, angle 4 per arm plus Gaussian noise).
- blobs: K round Gaussian clouds on a circle of radius 1.5.

Every set lists its points with the classes taking turns (0, 1, 2, 0, ...), so splitting the
list at 80% and 90% keeps every class in every part, as the peer's run does.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from nn101.engine.errors import InputError
from nn101.engine.learning.datasets import Dataset, Point
from nn101.engine.learning.rng import XorShift
from nn101.engine.numerics import is_finite
from nn101.engine.text import quote

CLASS_DATASETS: tuple[str, ...] = ("yinyang", "spiral3", "blobs3")
CLASSES = 3
MAX_CLASSES = 8
MAX_POINTS = 10_000
R_SMALL, R_BIG = 0.1, 0.5
"""The yin-yang's dots and its disc."""
TRAIN_SHARE, VAL_SHARE = 0.8, 0.1
"""The peer's split: the first 80% train, the next 10% validation, the rest test."""


@dataclass(frozen=True)
class Split:
    """A data set cut in three: learn on `train`, watch `val`, keep `test` for the end."""

    train: Dataset
    val: Dataset
    test: Dataset
    classes: int


def yinyang_class(x: float, y: float) -> int:
    """0 (yin), 1 (yang) or 2 (the two dots) for a point of the unit square's disc."""
    d_right = math.hypot(x - 1.5 * R_BIG, y - R_BIG)
    d_left = math.hypot(x - 0.5 * R_BIG, y - R_BIG)
    if d_right < R_SMALL or d_left < R_SMALL:
        return 2
    yin = (d_right <= R_SMALL or R_SMALL < d_left <= 0.5 * R_BIG
           or (y > R_BIG and d_right > 0.5 * R_BIG))
    return 0 if yin else 1


def yinyang(rng: XorShift, n: int) -> list[Point]:
    """`n` points, point i of class i % 3, each drawn (x then y) until it lands in its class."""
    points = []
    for i in range(n):
        want = i % 3
        while True:
            x = rng.uniform(0.0, 2 * R_BIG)
            y = rng.uniform(0.0, 2 * R_BIG)
            if math.hypot(x - R_BIG, y - R_BIG) > R_BIG or yinyang_class(x, y) != want:
                continue
            points.append(Point((x / R_BIG - 1) * 2, (y / R_BIG - 1) * 2, want))
            break
    return points


def spiral(rng: random.Random, n: int, classes: int, noise: float) -> list[Point]:
    """CS231n's spiral: arm k's points at radii evenly spaced from 0 to 1, angle 4k + 4r
    (+ Gaussian noise). Each arm's radii are shuffled before the arms are dealt in turns,
    so the 80/10/10 split takes points from the whole arm, not its inner part."""
    per = math.ceil(n / classes)
    radii = []
    for _ in range(classes):
        arm = [j / max(per - 1, 1) for j in range(per)]
        rng.shuffle(arm)
        radii.append(arm)
    points = []
    for i in range(n):
        k, j = i % classes, i // classes
        r = radii[k][j]
        t = 4.0 * k + 4.0 * r + rng.gauss(0.0, noise)
        points.append(Point(r * math.sin(t), r * math.cos(t), k))
    return points


def blobs(rng: random.Random, n: int, classes: int, noise: float) -> list[Point]:
    """Class k a Gaussian cloud (spread 0.3 + noise) around angle 2 pi k / K, radius 1.5."""
    points = []
    for i in range(n):
        k = i % classes
        angle = 2.0 * math.pi * k / classes + math.pi / 2
        points.append(Point(1.5 * math.cos(angle) + rng.gauss(0.0, 0.3 + noise),
                            1.5 * math.sin(angle) + rng.gauss(0.0, 0.3 + noise), k))
    return points


def split(points: Sequence[Point], name: str, classes: int, seed: int | None = None,
          noise: float = 0.0) -> Split:
    """The first 80% to train, the next 10% to validate, the rest to test."""
    n = len(points)
    a, b = int(TRAIN_SHARE * n), int((TRAIN_SHARE + VAL_SHARE) * n)
    return Split(Dataset(name, tuple(points[:a]), noise, seed),
                 Dataset(name, tuple(points[a:b]), noise, seed),
                 Dataset(name, tuple(points[b:]), noise, seed), classes)


def make_classes(name: str, points: int = 300, noise: float = 0.2, seed: int = 0,
                 rng: XorShift | None = None) -> Split:
    """The split data set `name`; yin-yang draws from `rng` (the stream a run goes on
    drawing its weights from) or a fresh XorShift(seed), the others from Random(seed)."""
    if name not in CLASS_DATASETS:
        raise InputError(f"unknown dataset {quote(name)} (one of: {', '.join(CLASS_DATASETS)})")
    if not 10 <= points <= MAX_POINTS:
        raise InputError(f"points must be between 10 and {MAX_POINTS}, got {points}")
    if not is_finite(noise) or not 0.0 <= noise <= 5.0:
        raise InputError(f"noise must be between 0 and 5, got {noise:g}")
    if name == "yinyang":
        drawn = yinyang(rng or XorShift(seed), points)
        return split(drawn, name, CLASSES, seed)
    gen = random.Random(seed)
    made = spiral(gen, points, CLASSES, noise) if name == "spiral3" else blobs(
        gen, points, CLASSES, noise)
    return split(made, name, CLASSES, seed, noise)


def from_labelled(rows: Sequence[tuple[float, float, int]], name: str = "own") -> Split:
    """Your own points, labels 0..K-1 (K = the largest label + 1, at least 2), split
    80/10/10 after taking the classes in turns so every part has every class."""
    points = []
    for x, y, label in rows:
        if not is_finite(float(x), float(y)):
            raise InputError(f"point ({x}, {y}) is not finite")
        if isinstance(label, bool) or not isinstance(label, int) \
                or not 0 <= label < MAX_CLASSES:
            raise InputError(f"labels are 0 to {MAX_CLASSES - 1}, got {quote(repr(label))}")
        points.append(Point(float(x), float(y), label))
    if len(points) < 10:
        raise InputError(f"a split needs at least 10 points, got {len(points)}")
    classes = max(2, max(p.label for p in points) + 1)
    queues = [[p for p in points if p.label == k] for k in range(classes)]
    dealt: list[Point] = []
    while any(queues):
        for q in queues:
            if q:
                dealt.append(q.pop(0))
    return split(dealt, name, classes)
