"""Plot ticks sit at their values, evenly spaced, the middle included (accuracy showed 100,
83.3, 66.7, 33.3, 16.7, 0: no 50, and each label a little off its row)."""

from __future__ import annotations

import itertools
import re

import pytest
from textual.app import App, ComposeResult

from nn101.tui.axis import exact_axis, label
from nn101.tui.widgets.exact_plot import ExactPlot, Series


def plotext_cell(value: float, low: float, high: float, cells: int) -> float:
    """Where plotext draws a value (its get_matrix_data), before flooring."""
    return 0.5 + (cells - 1) * (value - low) / (high - low)


RANGES = [(0.0, 100.0), (-6.0, -5.87), (0.0, 4.2), (0.49, 0.52), (-3.0, 12.0), (7.0, 7.0),
          (0.0, 1e6), (-1e-5, 1e-5)]


@pytest.mark.parametrize(("low", "high"), RANGES)
@pytest.mark.parametrize("cells", [3, 4, 5, 6, 7, 9, 10, 13, 17, 24, 40, 61, 120])
def test_every_tick_lands_on_a_cell_evenly(low: float, high: float, cells: int) -> None:
    axis = exact_axis(low, high, cells)
    assert axis is not None
    slack = 1e-9 * (axis.high - axis.low)  # float steps; plotext rounds to 8 places
    assert axis.low <= low + slack and high <= axis.high + slack
    spots = [plotext_cell(t, axis.low, axis.high, cells) - 0.5 for t in axis.ticks]
    for i, spot in enumerate(spots):
        assert spot == pytest.approx(i * axis.cells_per_step, abs=1e-6)  # exactly on a cell
    assert axis.cells_per_step >= (2 if cells > 4 else 1) and spots[-1] <= cells - 1 + 1e-6
    assert len(set(axis.labels)) == len(axis.labels)  # no two ticks read the same


@pytest.mark.parametrize("cells", [5, 7, 9, 10, 11, 13, 14, 20, 30])
def test_accuracy_has_its_middle(cells: int) -> None:
    axis = exact_axis(0.0, 100.0, cells, clamp_low=0.0)
    assert axis is not None and axis.low == 0.0
    assert "50" in axis.labels


def test_whole_steps_for_iterations() -> None:
    axis = exact_axis(0.0, 5.0, 55, 3, clamp_low=0.0, whole=True)
    assert axis is not None and axis.labels == ("0", "1", "2", "3", "4", "5")


def test_labels_read_like_numbers() -> None:
    assert [label(v, 0.1) for v in (-6.0, -5.9, 0.0)] == ["-6.0", "-5.9", "0"]
    assert [label(v, 25.0) for v in (0.0, 25.0)] == ["0", "25"]
    assert label(2.5e7, 1e7) == "2.5e+07"


class PlotHost(App[None]):
    def compose(self) -> ComposeResult:
        yield ExactPlot()


def rows_of(plot: ExactPlot) -> list[str]:
    plot.render()
    return re.sub(r"\x1b\[[0-9;]*m", "", plot.plt.build()).splitlines()


@pytest.mark.parametrize("size", [(40, 9), (40, 12), (50, 15), (60, 20), (35, 10)])
@pytest.mark.parametrize("level", [0.0, 50.0, 100.0])
async def test_a_point_beside_a_label_is_at_its_value(size: tuple[int, int],
                                                      level: float) -> None:
    """An accuracy held at 50% is drawn on the row labelled 50 (and 0, 100 likewise)."""
    app = PlotHost()
    async with app.run_test(size=size) as pilot:
        plot = app.query_one(ExactPlot)
        xs = [float(i) for i in range(0, 401, 25)]
        plot.show(Series(xs, [level] * len(xs), "green", "accuracy (%)",
                         y_span=(0.0, 100.0)))
        await pilot.pause()
        rows = rows_of(plot)
    labelled = {row.split("┤")[0].strip(): i for i, row in enumerate(rows) if "┤" in row}
    assert {"0", "50", "100"} <= set(labelled), rows
    drawn = [i for i, row in enumerate(rows) if re.search("[▀▄▗▖▝▘▞▚█▌▐]", row)]
    assert drawn == [labelled[label(level, 1.0)]], "\n".join(rows)
    ticks = sorted(labelled.values())
    assert len({b - a for a, b in itertools.pairwise(ticks)}) == 1  # evenly spaced


async def test_x_ticks_sit_on_their_iterations() -> None:
    app = PlotHost()
    async with app.run_test(size=(61, 10)) as pilot:
        plot = app.query_one(ExactPlot)
        plot.show(Series([0.0, 1.0, 2.0, 3.0, 4.0, 5.0], [0, 1, 2, 3, 4, 5], "green"))
        await pilot.pause()
        rows = rows_of(plot)
    axis_row = next(r for r in rows if r.lstrip().startswith("└"))
    labels_row = rows[rows.index(axis_row) + 1]
    marks = [m.start() for m in re.finditer("┬", axis_row)]
    numbers = [m.start() for m in re.finditer(r"\d+", labels_row)]
    assert marks == numbers and len(marks) == 6
    assert len({b - a for a, b in itertools.pairwise(marks)}) == 1


@pytest.mark.parametrize("rows", range(3, 13))
def test_one_value_at_iteration_0_gets_an_axis_around_it(rows: int) -> None:
    """The single-gate at iteration 0: one output, -6. The axis ran from -500 to 0 (the
    chooser scored how near the top the data came, not how much of the axis it spans)."""
    axis = exact_axis(-6.0, -6.0, rows)
    assert axis is not None
    assert axis.low <= -6.0 <= axis.high
    assert axis.high - axis.low <= 20  # the data's own padding (-9 to -3) in round steps
