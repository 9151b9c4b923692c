"""Panes that repaint alone: a plot is built once per data, size and theme; a text pane
re-lays out the screen only when its height (as Textual wraps it) changes."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult

from nn101.tui.widgets.exact_plot import ExactPlot, Series
from nn101.tui.widgets.text_lines import TextLines


class PlotHost(App[None]):
    def compose(self) -> ComposeResult:
        yield ExactPlot()


async def test_a_plot_is_built_again_only_for_new_data_or_size() -> None:
    app = PlotHost()
    async with app.run_test(size=(50, 12)) as pilot:
        plot = app.query_one(ExactPlot)
        builds: list[int] = []
        build = plot._build

        def counted() -> Any:
            builds.append(1)
            return build()

        plot._build = counted  # type: ignore[method-assign]
        series = Series([0.0, 1.0, 2.0], [1.0, 2.0, 3.0], "green", "loss")
        plot.show(series)
        await pilot.pause()
        first = plot.render()
        assert plot.render() is first and len(builds) == 1  # the same data: kept
        plot.show(Series([0.0, 1.0, 2.0], [1.0, 2.0, 3.0], "green", "loss"))  # equal data
        assert plot.render() is first and len(builds) == 1
        plot.show(Series([0.0, 1.0, 2.0], [1.0, 2.0, 4.0], "green", "loss"))
        changed = plot.render()
        assert changed is not first and len(builds) == 2
        assert "4" in changed.plain and "4" not in first.plain  # the new top tick
        await pilot.resize_terminal(60, 14)
        await pilot.pause()
        assert len(builds) == 3  # a new size: drawn again for it
        app.theme = "textual-light"
        await pilot.pause()
        assert len(builds) == 4  # a new theme: its colours


class TextHost(App[None]):
    def compose(self) -> ComposeResult:
        yield TextLines(id="pane")

    CSS = "#pane { width: 20; height: auto; }"


async def test_a_text_pane_re_lays_out_only_when_its_height_changes() -> None:
    app = TextHost()
    async with app.run_test(size=(40, 20)) as pilot:
        pane = app.query_one("#pane", TextLines)
        layouts: list[bool] = []
        refresh = pane.refresh

        def counted(*regions: Any, **kwargs: Any) -> Any:
            layouts.append(bool(kwargs.get("layout")))
            return refresh(*regions, **kwargs)

        pane.refresh = counted  # type: ignore[method-assign]
        long = "a line that wraps over two rows"  # 31 cells in a 20-cell pane
        pane.update(Text(long))
        await pilot.pause()
        assert pane.region.height == 2 and any(layouts)
        layouts.clear()
        pane.update(Text(long.replace("a line", "one row")))
        await pilot.pause()
        assert not any(layouts)  # wrapped, still two rows: repainted alone
        assert pane.region.height == 2
        pane.update(Text(long + "\nand a third"))
        await pilot.pause()
        assert any(layouts) and pane.region.height == 3
