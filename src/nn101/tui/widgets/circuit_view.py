"""The circuit drawn as a tree from the output back to the inputs: the way gradients flow.

Each row is one wire: its name, the gate that makes it, its value and its gradient (in the
theme's colours: nn101.tui.theme); during the backward walk, the local gradient of each
wire into the gate just walked. A header row names the columns. Reading down is reading the
backward pass; reading up, the forward pass. A wire used twice is drawn once and then
referred to, and the drawing stops after MAX_ROWS rows (a huge typed formula lists every
gate in the gates table, which scrolls).

Local gradients belong to wires, not to variables: in `x*y + x` the x under `+` has local
gradient 1 and the x under `*` has y. Rows are therefore keyed by (gate, input slot), so
a variable used twice shows each wire's own local gradient.

The rows are laid out by `Rows`, not by a rich Table: the drawing changes on every step,
and a Table renders each cell through its own padding and console pass (about 10 ms for
the neuron's ten rows on a slow machine, most of a step's frame). The widget draws the
rows with the line API, a Strip per row made straight from the cells: as a Static's
content they went through rich's render, split and crop generators and Textual's visual
pipeline, about 1 ms of the neuron's step frame, its largest widget
(benchmarks/key_anatomy.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from nn101.engine.gates import Gate
from nn101.engine.unit import Unit
from nn101.state.notation import uses_of
from nn101.state.playground import Playground
from nn101.tui.display import DIM, grad_text, local_text, value_text
from nn101.tui.theme import Colours, colours

MAX_ROWS = 120
LABEL_WIDTH = 30
NUMBER = 8
"""Columns for numbers never shrink below "-1.00000": a narrow pane cuts names first."""


@dataclass(frozen=True)
class Column:
    justify: Literal["left", "center", "right"] = "left"
    min_width: int = 0
    max_width: int | None = None
    style: str = ""


WIRE = Column(max_width=LABEL_WIDTH)
GATE = Column("center")
NUMBER_COLUMN = Column("right", min_width=NUMBER)


@dataclass(frozen=True)
class Row:
    cells: Sequence[Text]
    """One Text per column (fewer: the rest are empty)."""
    style: str = ""


class Rows:
    """Rows of cells laid out as a borderless rich Table with one space between columns
    lays them out (same widths, justification, ellipsis and styles, cell by cell), drawn
    straight to segments.

    When the rows are wider than the pane, the first column (the names) is cut first, then
    the second; numbers are never cut.
    """

    def __init__(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        self.columns = columns
        self.rows = rows

    def natural_widths(self) -> list[int]:
        widths = []
        for i, column in enumerate(self.columns):
            width = max((cell_len(row.cells[i].plain) for row in self.rows
                         if i < len(row.cells)), default=0)
            width = max(width, column.min_width)
            if column.max_width is not None:
                width = min(width, column.max_width)
            if width == 0 and i == len(self.columns) - 1:
                width = 1  # rich gives an empty last column one cell
            widths.append(width)
        return widths

    def widths(self, max_width: int) -> list[int]:
        widths = self.natural_widths()
        excess = sum(widths) + len(widths) - 1 - max_width
        for i in range(min(2, len(widths))):
            if excess <= 0:
                break
            cut = min(excess, widths[i] - 1)
            if cut > 0:
                widths[i] -= cut
                excess -= cut
        return widths

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widths = self.natural_widths()
        width = min(sum(widths) + len(widths) - 1, options.max_width)
        return Measurement(width, width)

    def __rich_console__(self, console: Console,
                         options: ConsoleOptions) -> Iterable[Segment]:
        line = Segment.line()
        for strip in self.strips(console, options.max_width, Style.null()):
            yield from strip
            yield line

    def strips(self, console: Console, max_width: int, base: Style) -> list[Strip]:
        """The rows on `base` (the widget's style), a Strip each, built from the cells
        without rich's render pipeline (what the widget draws; `__rich_console__` gives
        the same rows to rich, for text and tests)."""
        widths = self.widths(max_width)
        last = len(self.columns) - 1
        styles: dict[tuple[str, str, str], Style] = {}

        def style_of(column: str, row: str, cell: str) -> Style:
            key = (column, row, cell)
            found = styles.get(key)
            if found is None:
                found = base
                for part in key:
                    if part:
                        found += console.get_style(part)
                styles[key] = found
            return found

        empty = Text("")
        strips = []
        for row in self.rows:
            segments: list[Segment] = []
            for i, (column, width) in enumerate(zip(self.columns, widths, strict=True)):
                cell = row.cells[i] if i < len(row.cells) else empty
                style = style_of(column.style, row.style, str(cell.style))
                if cell.spans:
                    fitted = _fit(cell, width, column.justify)
                    segments.extend(Segment.apply_style(fitted.render(console), style))
                else:
                    segments.append(Segment(_fit_plain(cell.plain, width, column.justify),
                                            style))
                if i < last:
                    segments.append(Segment(" ", style_of(column.style, row.style, "")))
            strip = Strip(segments)
            strips.append(strip.crop(0, max_width) if strip.cell_length > max_width
                          else strip)
        return strips


def _fit_plain(plain: str, width: int, justify: str) -> str:
    """`_fit` for a cell of one style."""
    if justify != "left":
        plain = plain.rstrip()
    size = cell_len(plain)
    if size > width:
        plain = set_cell_size(plain, width - 1) + "…"
        size = width
    excess = width - size
    if excess <= 0:
        return plain
    if justify == "left":
        return plain + " " * excess
    if justify == "center":
        return " " * (excess // 2) + plain + " " * (excess - excess // 2)
    return " " * excess + plain


def _fit(cell: Text, width: int, justify: str) -> Text:
    """The cell cut (with an ellipsis) or padded to `width` as rich justifies a no-wrap
    cell: padding takes the cell's own style."""
    text = cell.copy()
    if justify != "left":
        text.rstrip()
    text.truncate(width, overflow="ellipsis")
    excess = width - cell_len(text.plain)
    if excess > 0:
        if justify == "left":
            text.pad_right(excess)
        elif justify == "center":
            text.pad_left(excess // 2)
            text.pad_right(excess - excess // 2)
        else:
            text.pad_left(excess)
    return text


class CircuitView(Widget):
    """The tree, rebuilt from the playground after every action."""

    DEFAULT_CSS = """
    CircuitView {
        height: auto;
    }
    """

    _shape: tuple[int, int] = (-1, -1)
    content: Rows | None = None
    """The rows shown (None before the first `show`)."""
    _strips: tuple[int, list[Strip]] | None = None
    """The rows as strips for a width, until the next `show` or style change."""

    def show(self, pg: Playground, *, hide_gradients: bool = False,
             gate: Gate | None = None) -> None:
        """Draw `pg`; `hide_gradients` shows every gradient as '?' (the quiz), `gate`
        highlights a gate other than the walk's."""
        drawing = self.render_circuit(pg, colours(self.app), hide_gradients=hide_gradients,
                                      gate=gate)
        # Rows never wrap and the width is the pane's, so the height changes only with the
        # number of rows: a step (same rows, new numbers) repaints without a re-layout of
        # the whole screen, which costs more than drawing the rows.
        shape = (len(drawing.rows), len(drawing.columns))
        self.content = drawing
        self._strips = None
        self.refresh(layout=shape != self._shape)
        self._shape = shape

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self.content is None:
            return 0
        widths = self.content.natural_widths()
        return sum(widths) + len(widths) - 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.content.rows) if self.content is not None else 0

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._strips is None or self._strips[0] != width:
            strips = ([] if self.content is None or width <= 0 else
                      self.content.strips(self.app.console, width,
                                          self.visual_style.rich_style))
            self._strips = (width, strips)
        strips = self._strips[1]
        return (strips[y] if y < len(strips)
                else Strip.blank(width, self.visual_style.rich_style))

    @staticmethod
    def render_circuit(pg: Playground, colours: Colours, *, hide_gradients: bool = False,
                       gate: Gate | None = None) -> Rows:
        walk_gate = gate if gate is not None else pg.walk_gate
        columns = [WIRE, GATE, NUMBER_COLUMN, NUMBER_COLUMN]
        locals_: dict[int, float] = {}
        """Local gradient of each wire into the walked gate, by its input slot."""
        if walk_gate is not None and gate is None:
            last = pg.walk[-1]
            for c in last.contributions:
                locals_[c.slot] = c.local_gradient
            columns.append(Column("right", min_width=NUMBER, style=colours.local))
        known = pg.gradients_known and not hide_gradients
        inputs = {id(u) for u in pg.circuit.inputs.values()}
        header = [Text("wire", style=DIM), Text("gate", style=DIM), Text("value", style=DIM),
                  Text("grad", style=DIM)]
        if locals_:
            header.append(Text("local", style=DIM))
        rows: list[Row] = [Row(header)]
        naming = pg.naming
        uses = uses_of(pg.circuit)
        reused = [u for u in pg.circuit.inputs.values() if uses.get(id(u), 0) > 1]
        wire_of: dict[int, int] = {}
        """How many wires of each reused input are drawn so far (1 of 2, 2 of 2)."""
        seen: set[int] = set()
        stack: list[tuple[Unit, str, str, Gate | None, int]] = [
            (pg.circuit.output, "", "", None, 0)]
        while stack and len(rows) < MAX_ROWS:
            unit, lead, branch, parent, slot = stack.pop()
            maker: Gate | None = unit.gate
            repeated = maker is not None and id(maker) in seen
            name = Text(lead + branch, style=DIM)
            name.append(naming(unit), style="bold" if maker is None else "")
            grad = unit.grad
            if repeated:
                name.append("  (drawn above)", style=DIM)
            elif maker is None and parent is not None and uses.get(id(unit), 0) > 1:
                # one wire of a reused input: its own share, the sum is written below
                wire_of[id(unit)] = wire_of.get(id(unit), 0) + 1
                name.append(f" ({wire_of[id(unit)]} of {uses[id(unit)]})", style=DIM)
                walked = not pg.walk_active or any(w.gate is parent for w in pg.walk)
                grad = parent.local_gradients()[slot] * parent.out.grad if walked else 0.0
            if maker is None:
                kind = Text("in" if id(unit) in inputs else "k", style=DIM)
            else:
                kind = Text(maker.symbol, style="bold")
            cells = [name, kind, value_text(unit.value, colours),
                     grad_text(grad if known else None, colours)]
            if locals_:
                local = locals_.get(slot) if parent is walk_gate else None
                cells.append(local_text(local, colours) if local is not None else Text(""))
            rows.append(Row(cells, colours.walk if maker is not None and maker is walk_gate
                            else ""))
            if maker is None or repeated:
                continue
            seen.add(id(maker))
            child_lead = lead + {"": "", "└ ": "  "}.get(branch, "│ ")
            children = list(maker.inputs)
            for i in range(len(children) - 1, -1, -1):
                stack.append((children[i], child_lead,
                              "└ " if i == len(children) - 1 else "├ ", maker, i))
        for unit in reused if len(rows) < MAX_ROWS else ():
            # where the wires of a reused input meet: their shares add up to its gradient
            total = Text(f"Σ {naming(unit)}", style="bold")
            total.append(f" ({uses[id(unit)]} wires added)", style=DIM)
            rows.append(Row([total, Text("in", style=DIM), value_text(unit.value, colours),
                             grad_text(unit.grad if known else None, colours)]))
        if stack:
            rows.append(Row([Text(f"… more wires: the gates table lists all "
                                  f"{len(pg.circuit)} gates", style=DIM)]))
        return Rows(columns, rows)
