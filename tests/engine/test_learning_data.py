"""Data sets: the guide's six points exactly, and generators that are seeded and labelled."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from nn101.engine import InputError
from nn101.engine.learning import DATASETS, from_points, make_dataset
from nn101.engine.learning.datasets import GENERATORS


def test_guide_points_are_the_guides_six() -> None:
    data = make_dataset("guide")
    rows = [(p.x, p.y, p.label) for p in data.points]
    # DESIGN.md, "The guide's chapter 2"
    assert rows == [(1.2, 0.7, 1), (-0.3, -0.5, -1), (3.0, 0.1, 1), (-0.1, -1.0, -1),
                    (-1.0, 1.1, -1), (2.1, -3.0, 1)]


def test_every_named_dataset_is_offered() -> None:
    assert set(DATASETS) == {"guide", *GENERATORS}
    assert set(GENERATORS) == {"circle", "xor", "gauss", "spiral", "moons"}


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generators_are_seeded_balanced_and_finite(name: str) -> None:
    a = make_dataset(name, points=60, noise=0.1, seed=3)
    b = make_dataset(name, points=60, noise=0.1, seed=3)
    c = make_dataset(name, points=60, noise=0.1, seed=4)
    assert a.points == b.points
    assert a.points != c.points
    assert len(a) == 60
    labels = [p.label for p in a.points]
    assert set(labels) == {1, -1}
    if name != "xor":  # the xor quadrant is drawn at random; the others alternate labels
        assert labels.count(1) == 30
    assert all(math.isfinite(p.x) and math.isfinite(p.y) for p in a.points)


def test_xor_labels_follow_the_quadrant_without_noise() -> None:
    data = make_dataset("xor", points=200, noise=0.0, seed=1)
    assert all(p.label == (1 if p.x * p.y > 0 else -1) for p in data.points)
    assert min(min(abs(p.x), abs(p.y)) for p in data.points) >= 0.1


def test_circle_without_noise_separates_by_radius() -> None:
    data = make_dataset("circle", points=200, noise=0.0, seed=2)
    for p in data.points:
        r = math.hypot(p.x, p.y)
        assert (r <= 1.0) if p.label == 1 else (1.4 <= r <= 2.0)


def test_noise_moves_points() -> None:
    clean = make_dataset("moons", points=50, noise=0.0, seed=5)
    noisy = make_dataset("moons", points=50, noise=0.3, seed=5)
    assert clean.points != noisy.points
    # the noiseless moons lie on two unit half circles, scaled by 1.5 about (0.5, 0.25)
    for p in clean.points:
        x, y = p.x / 1.5 + 0.5, p.y / 1.5 + 0.25
        centre = (0.0, 0.0) if p.label == 1 else (1.0, 0.5)
        assert math.hypot(x - centre[0], y - centre[1]) == pytest.approx(1.0)


def test_bounds_hold_every_point_with_a_margin() -> None:
    data = make_dataset("guide")
    x0, x1, y0, y1 = data.bounds(margin=0.1)
    # x spans -1.0..3.0 (4.0 wide), y spans -3.0..1.1 (4.1 wide)
    assert (x0, x1) == pytest.approx((-1.4, 3.4))
    assert (y0, y1) == pytest.approx((-3.41, 1.51))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"name": "blobs"}, "unknown dataset"), ({"name": "xor", "points": 1}, "points"),
     ({"name": "xor", "noise": -0.1}, "noise"), ({"name": "xor", "noise": math.nan}, "noise")],
)
def test_bad_dataset_arguments_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        make_dataset(**kwargs)  # type: ignore[arg-type]


def test_from_points_checks_labels_and_values() -> None:
    assert len(from_points([(0.0, 1.0, 1), (1.0, 0.0, -1)])) == 2
    with pytest.raises(InputError, match="labels"):
        from_points([(0.0, 1.0, 0)])
    with pytest.raises(InputError, match="finite"):
        from_points([(math.inf, 1.0, 1)])
    with pytest.raises(InputError, match="at least one"):
        from_points([])


def test_the_learning_engine_imports_no_ui_library() -> None:
    code = ("import sys, nn101.engine.learning; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"
