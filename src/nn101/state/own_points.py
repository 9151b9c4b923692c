"""Your own points: the x,y,label files they come from and go to, and what a learning
model does with them.

Both learning models (learning.py's `Learning`, the guide's two classes; class_learning.py's
`ClassLearning`, chapter 3's K classes) train on your own points as well as on a named data
set: they find the point nearest the cursor, train on a points file and export a run with
its points in the same way, through `OwnPoints`. The files are checked the same way for
both (a bad row refuses the whole file, naming its line); only the labels differ (+1 or -1,
or a class 0 to 7).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, Protocol

from nn101.engine.errors import InputError
from nn101.engine.learning.datasets import MAX_COORDINATE
from nn101.engine.numerics import parse_number
from nn101.state.files import FileError, read_bytes, write_text_atomic
from nn101.state.text import line

MAX_DATA_POINTS = 10_000
"""Most points of a data file or of your own points (the generators' limit too)."""


class PointsRun(Protocol):
    """What a learning model gives `OwnPoints` (Learning and ClassLearning both do)."""

    CLASSES: ClassVar[bool]
    """The labels are classes 0 to 7 (chapter 3); else +1 or -1."""
    errors: dict[str, str]
    note: str

    def current_points(self) -> list[tuple[float, float, int]]:
        """Every point the run trains on (and validates and tests on), as a file lists
        them."""
        ...

    def apply(self, changes: Mapping[str, Any], points: Any = ...) -> bool:
        """Rebuild the run from iteration 0 (see the model's own)."""
        ...

    def summary(self) -> dict[str, Any]:
        """The run as the CLI's `--json` reports it."""
        ...


class OwnPoints:
    """Mixed into a learning model (a `PointsRun`): your own points, by their index in
    `current_points`."""

    CLASSES: ClassVar[bool] = False
    """The labels are classes 0 to 7 (chapter 3); else +1 or -1."""

    def nearest_point(self: PointsRun, x: float, y: float, within: float) -> int | None:
        """The index (in `current_points`) of the point nearest (x, y), if within reach."""
        best, best_d = None, within * within
        for i, (px, py, _) in enumerate(self.current_points()):
            d = (px - x) ** 2 + (py - y) ** 2
            if d <= best_d:
                best, best_d = i, d
        return best

    def load_data(self: PointsRun, path: str | os.PathLike[str]) -> str:
        """Train on an x,y,label file from now on; FileError names the bad line."""
        points = read_points(path, classes=self.CLASSES)
        if not self.apply({}, points=points):
            raise FileError(self.errors.pop("settings"))
        self.note = f"{len(points)} points from {line(str(path))}: back to iteration 0"
        return self.note

    def export(self: PointsRun, path: str | os.PathLike[str]) -> str:
        """NAME.json as the CLI's `--json` reports the run, NAME.csv its points (which
        `--data` and `load_data` read back)."""
        return export_run(path, self.summary(), self.current_points())


def points_csv(points: Sequence[tuple[float, float, int]]) -> str:
    out = io.StringIO()
    out.write("x,y,label\n")
    for x, y, label in points:
        out.write(f"{x!r},{y!r},{label}\n")
    return out.getvalue()


def export_run(path: str | os.PathLike[str], summary: Mapping[str, Any],
               points: Sequence[tuple[float, float, int]]) -> str:
    """NAME.json (the run as `train --json` reports it) and NAME.csv (its points) beside
    each other, from `run`, `run.json` or `run.csv`; the sentence for the user."""
    base = Path(path)
    stem = base.with_suffix("") if base.suffix in (".csv", ".json") else base
    try:
        text = json.dumps(summary, indent=1, allow_nan=False) + "\n"
    except ValueError:  # a diverged run's inf: written as Python's JSON writes it
        text = json.dumps(summary, indent=1) + "\n"
    json_path = write_text_atomic(stem.with_name(stem.name + ".json"), text)
    csv_path = write_text_atomic(stem.with_name(stem.name + ".csv"), points_csv(points))
    return f"exported {line(str(json_path))} and {line(str(csv_path))}"


def parse_points(text: str, source: str = "data", classes: bool = False
                 ) -> list[tuple[float, float, int]]:
    """Rows of x,y,label (a header line is allowed first; blank lines and lines starting
    with # are skipped). A bad row refuses the whole file, naming its line. Labels are +1
    or -1, or with `classes` (chapter 3) a class 0 to 7."""
    points: list[tuple[float, float, int]] = []
    # newline="": the reader sees every line ending as written (\n, \r\n, or an old Mac's
    # lone \r) and ends a row at each; it counts physical lines for the messages.
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:  # a field over the csv module's limit, a NUL
            raise FileError(f"{source}: line {reader.line_num}: {line(str(err))}") from None
        number = reader.line_num
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in row]
        if number == 1 and cells[:3] == ["x", "y", "label"] and len(cells) == 3:
            continue
        if len(cells) != 3:
            raise FileError(f"{source}: line {number}: expected x,y,label (3 values), got "
                            f"{len(cells)}")
        try:
            x, y = parse_number(cells[0]), parse_number(cells[1])
        except InputError as err:
            raise FileError(f"{source}: line {number}: {line(str(err))}") from None
        if max(abs(x), abs(y)) > MAX_COORDINATE:
            raise FileError(f"{source}: line {number}: x and y must be within "
                            f"±{MAX_COORDINATE:,.0f}")
        if classes:
            if cells[2] not in CLASS_LABELS:
                raise FileError(f"{source}: line {number}: the label must be a class 0 to 7, "
                                f"got {line(repr(cells[2][:20]))}")
            points.append((x, y, int(cells[2])))
        elif cells[2] not in ("1", "+1", "-1", "1.0", "+1.0", "-1.0"):
            raise FileError(f"{source}: line {number}: the label must be +1 or -1, got "
                            f"{line(repr(cells[2][:20]))}")
        else:
            points.append((x, y, 1 if float(cells[2]) > 0 else -1))
        if len(points) > MAX_DATA_POINTS:
            raise FileError(f"{source}: line {number}: more than {MAX_DATA_POINTS:,} points")
    if not points:
        raise FileError(f"{source}: no points (expected lines of x,y,label)")
    return points


CLASS_LABELS = tuple(str(k) for k in range(8))


def read_points(path: str | os.PathLike[str], classes: bool = False
                ) -> list[tuple[float, float, int]]:
    data = read_bytes(path, limit=4 * 1024 * 1024)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FileError(f"{line(str(path))}: not UTF-8 text (bad byte at offset "
                        f"{err.start})") from None
    return parse_points(text, line(str(path)), classes)
