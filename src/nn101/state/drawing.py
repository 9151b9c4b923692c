"""The circuit drawn as the guide draws it: left to right, one box per gate.

Inputs stand in the left column and the output leaves on the right. Each wire carries its
value above it and its gradient below it (prefixed ``g``), as in the guide and the CS231n
notes; a wire that feeds several gates is drawn once and fans out.

Where things go is decided by grandalf's Sugiyama layout (the layered layout graphviz calls
*dot*): it puts every gate in a layer (its longest distance from the inputs), orders each
layer to cut crossings and places the boxes so that wires run straight where they can. This
module turns that into a character grid: gate boxes, wires routed between layers as
horizontal runs with one vertical jog, and slots for the numbers. grandalf does not know
that a gate's inputs enter at different ports (top first, as the formula reads); a pass of
neighbour swaps (`_untangle`) cuts the crossings that makes, and grandalf places again.

The layout depends only on the circuit's shape, so it is computed once per circuit
(`layout_of`: a roomy one with a blank row between wires, a compact one for a short pane)
and every redraw only writes the numbers into a copy of the grid (`Layout.render`).
Nothing here knows about Textual: each cell carries a style *tag* (`Tag`), and the widget
maps tags to colours. `draw` answers None when the circuit is too large or the drawing
wider (or taller) than the room given: the caller then shows the tree (`fitting_layout`
answers the same question without drawing).
"""

from __future__ import annotations

import math
import unicodedata
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from nn101.engine.circuit import Circuit
from nn101.engine.gates import Gate, PowGate
from nn101.engine.unit import Unit
from nn101.state.notation import Naming

MAX_GATES = 40
"""Larger circuits are not laid out (the tree and the gates table show them)."""
NAME_MAX = 12
"""Cells for an input's name; a longer name is cut with an ellipsis."""
OUTPUT_NAME_MAX = 24
"""Cells for the output's name (often its formula); a longer one is written "out", as is
any that the pane is too narrow for."""
SHORT_NAME = list("out")
NUMBER = 9
"""Cells for a number: "-0.10499", "-12.5", "1.000e+07"."""
GRAD_PREFIX = "g"
"""Written before every gradient, so values and gradients differ without colour too."""
LABEL = 1 + len(GRAD_PREFIX) + NUMBER
"""The run of wire after a node where its value and gradient are written."""
ROOMY, COMPACT = 1, 0
"""Blank rows between the numbers of two wires: one where the height allows, else none."""

N, E, S, W = 1, 2, 4, 8
GLYPHS = {
    E | W: "─", N | S: "│", E: "─", W: "─", N: "│", S: "│",
    E | S: "┌", W | S: "┐", N | E: "└", N | W: "┘",
    N | E | S: "├", N | W | S: "┤", E | W | S: "┬", N | E | W: "┴", N | E | S | W: "┼",
}
"""Wire glyphs by the directions they join. Two wires crossing make "┼"."""
JOIN4 = "╋"
"""One wire going on straight and branching both up and down (unlike a crossing)."""


class Tag(StrEnum):
    """What a cell shows; the widget gives each its colour."""

    BLANK = ""
    WIRE = "wire"
    BOX = "box"
    SYMBOL = "symbol"
    NAME = "name"
    VALUE = "value"
    GRAD = "grad"
    UNKNOWN = "unknown"
    """A gradient not computed yet (after a bare forward pass): '?'."""
    WALK = "walk"
    """The box of the gate the backward walk has just passed through."""
    LEGEND = "legend"


@dataclass(frozen=True)
class Drawing:
    """A character grid and a tag per cell. A wide character fills two cells: the second
    holds ''."""

    chars: list[list[str]]
    tags: list[list[Tag]]

    @property
    def height(self) -> int:
        return len(self.chars)

    @property
    def width(self) -> int:
        return len(self.chars[0]) if self.chars else 0

    def lines(self) -> list[str]:
        """The plain text, one string per row (trailing blanks kept)."""
        return ["".join(row) for row in self.chars]

    def runs(self, y: int) -> Iterator[tuple[str, Tag]]:
        """Row `y` as runs of cells sharing a tag."""
        chars, tags = self.chars[y], self.tags[y]
        start = 0
        for x in range(1, len(tags) + 1):
            if x == len(tags) or tags[x] is not tags[start]:
                yield "".join(chars[start:x]), tags[start]
                start = x


# --- numbers and names ------------------------------------------------------------------


def number(value: float, width: int = NUMBER) -> str:
    """Five decimals as everywhere in the app, trailing zeros dropped (-2, 0.8808,
    -0.10499), fewer decimals or an exponent when that is too wide for `width`."""
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0.0:
        return "0"
    if abs(value) >= 10.0**-5:
        for decimals in range(5, -1, -1):
            text = f"{value:.{decimals}f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            if text == "-0":
                text = "0"
            if len(text) <= width and text != "0":
                return text
    for digits in range(3, -1, -1):
        text = f"{value:.{digits}e}"
        if len(text) <= width:
            return text
    return f"{value:.0e}"[:width]


def _cells(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def plain(text: str, limit: int = NAME_MAX) -> list[str]:
    """Text from outside as cells: control and other invisible characters shown as \\x..
    escapes, wide characters taking two cells (the second ''), cut with an ellipsis to
    `limit` cells. Never markup: the widget writes cells, it parses nothing."""
    cells: list[str] = []
    for ch in text:
        category = unicodedata.category(ch)
        if (category[0] in "CZ" and ch != " ") or category[0] == "M":
            cells.extend(ch.encode("unicode_escape").decode("ascii"))
        elif _cells(ch) == 2:
            cells.extend((ch, ""))
        else:
            cells.append(ch)
    if len(cells) > limit:
        cells = cells[: limit - 1]
        if cells and cells[-1] == "":
            cells[-1] = " "
        if len(cells) >= 2 and cells[-1] != "" and _cells(cells[-1]) == 2:
            cells[-1] = " "
        cells.append("…")
    return cells


def box_label(gate: Gate) -> str:
    if isinstance(gate, PowGate):
        return f"**{gate.exponent:g}"
    return gate.symbol


# --- the layout -------------------------------------------------------------------------


@dataclass
class _Node:
    """A leaf (input or constant) or a gate, as grandalf sees it."""

    unit: Unit
    """The wire this node drives."""
    gate: Gate | None
    label: list[str]
    """Cells: the leaf's name, or the gate's symbol."""
    rank: int = 0
    row: int = 0
    """The row of its output wire."""

    @property
    def arity(self) -> int:
        return len(self.gate.inputs) if self.gate is not None else 0

    @property
    def half(self) -> int:
        """Rows above (and below) the output wire that the node and its numbers take."""
        return max(1, self.arity)

    @property
    def width(self) -> int:
        if self.gate is None:
            return len(self.label) + 1  # the name, a space, then the wire
        return len(self.label) + 4  # "┤ * ├"

    def port_row(self, port: int) -> int:
        return self.row - self.arity + 1 + 2 * port


@dataclass
class _Slot:
    """Where a wire's number is written."""

    y: int
    x: int
    unit: Unit
    grad: bool


@dataclass
class _Net:
    """One wire's run across a channel: from its source row to one or more target rows."""

    source: int
    targets: list[int] = field(default_factory=list)
    """The rows it leaves the channel on (a gate's port, or a dummy's run)."""
    column: int | None = None
    via: int | None = None
    """For a net drawn as a Z (two of them would each block the other's row): the free row
    it crosses on between its first column (the channel's first) and its second (the
    last)."""

    @property
    def span(self) -> tuple[int, int]:
        rows = [self.source, *self.targets]
        return min(rows), max(rows)

    @property
    def straight(self) -> bool:
        return all(t == self.source for t in self.targets)


class _View:
    """grandalf's vertex view: w is the size across a layer (our rows)."""

    def __init__(self, rows: int) -> None:
        self.w = rows
        self.h = 1
        self.xy: tuple[float, float] = (0.0, 0.0)


class Layout:
    """A circuit's drawing without its numbers; `render` writes them in."""

    def __init__(self, chars: list[list[str]], tags: list[list[Tag]], slots: list[_Slot],
                 boxes: dict[int, tuple[int, int, int, int]],
                 anchors: dict[int, tuple[int, int]], name_at: tuple[int, int],
                 min_width: int) -> None:
        self.chars = chars
        self.tags = tags
        self.slots = slots
        self.boxes = boxes
        """Gate id -> (top, left, bottom, right) of its box, inclusive."""
        self.anchors = anchors
        self.name_at = name_at
        """Where the output's name starts: a narrower pane gets "out" there instead."""
        self.min_width = min_width
        """Unit id -> (row, column) where its wire leaves its name or box: its value is
        written on the row above from the next column, its gradient on the row below."""

    @property
    def height(self) -> int:
        return len(self.chars)

    @property
    def width(self) -> int:
        return len(self.chars[0]) if self.chars else 0

    def fits(self, width: int, height: int | None = None) -> bool:
        return self.min_width <= width and (height is None or self.height <= height)

    def render(self, gradients_known: bool = True, walk_gate: Gate | None = None,
               width: int | None = None) -> Drawing:
        """The drawing with the wires' numbers now; in `width` cells (at least `min_width`)
        a long output name is written "out"."""
        if width is not None and width < self.width:
            y, x = self.name_at
            chars = [row[:self.min_width] for row in self.chars]
            tags = [row[:self.min_width] for row in self.tags]
            for i in range(x, self.min_width):
                chars[y][i], tags[y][i] = " ", Tag.BLANK
            for i, ch in enumerate(SHORT_NAME):
                chars[y][x + i], tags[y][x + i] = ch, Tag.NAME
        else:
            chars = [row.copy() for row in self.chars]
            tags = [row.copy() for row in self.tags]
        for slot in self.slots:
            if slot.grad:
                text = GRAD_PREFIX + (number(slot.unit.grad) if gradients_known else "?")
                tag = Tag.GRAD if gradients_known else Tag.UNKNOWN
            else:
                text, tag = number(slot.unit.value), Tag.VALUE
            row, row_tags = chars[slot.y], tags[slot.y]
            for i, ch in enumerate(text):
                row[slot.x + i] = ch
                row_tags[slot.x + i] = tag
        if walk_gate is not None and id(walk_gate) in self.boxes:
            top, left, bottom, right = self.boxes[id(walk_gate)]
            for y in range(top, bottom + 1):
                row_tags = tags[y]
                for x in range(left, right + 1):
                    row_tags[x] = Tag.WALK
        return Drawing(chars, tags)


_CACHE: weakref.WeakKeyDictionary[Circuit, dict[int, Layout | None]] = (
    weakref.WeakKeyDictionary())


def layout_of(circuit: Circuit, gap: int = ROOMY) -> Layout | None:
    """The circuit's layout with `gap` blank rows between wires, computed once per circuit;
    None when it has more than MAX_GATES gates (or cannot be routed)."""
    known = _CACHE.setdefault(circuit, {})
    if gap not in known:
        known[gap] = _lay_out(circuit, gap) if len(circuit.gates) <= MAX_GATES else None
    return known[gap]


def fitting_layout(circuit: Circuit, width: int, height: int | None = None) -> Layout | None:
    """The roomy layout if it fits in `width` x `height` cells (None: any height), else the
    compact one if that fits, else None: show the tree."""
    if len(circuit.gates) > MAX_GATES or least_width(circuit) > width:
        return None  # known without a layout (a 40-gate one takes about 0.1 s)
    for gap in (ROOMY, COMPACT):
        found = layout_of(circuit, gap)
        if found is None:
            return None
        if found.fits(width, height):
            return found
    return None


def least_width(circuit: Circuit) -> int:
    """A lower bound of the drawing's width, from the longest chain of gates: a name, then
    per gate a channel and a box, then the output's channel and "out"."""
    depth: dict[Gate, int] = {}
    for gate in circuit.gates:
        depth[gate] = 1 + max((depth[u.gate] for u in gate.inputs if u.gate is not None),
                              default=0)
    longest = max(depth.values(), default=0)
    return 2 + longest * (LABEL + 1 + 5) + LABEL + 2 + len(SHORT_NAME)


def draw(circuit: Circuit, width: int, height: int | None = None, *,
         gradients_known: bool = True, walk_gate: Gate | None = None) -> Drawing | None:
    """The drawing if it fits in `width` x `height` cells, else None (show the tree)."""
    found = fitting_layout(circuit, width, height)
    return found.render(gradients_known, walk_gate, width) if found is not None else None


def _lay_out(circuit: Circuit, gap: int) -> Layout | None:
    if circuit.output.gate is None:
        return None
    return _Grid(circuit, _place(circuit, gap), gap).build()


def _place(circuit: Circuit, gap: int) -> _Placed:
    """Ranks, orders and rows from grandalf's Sugiyama layout."""
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    leaves: dict[Unit, _Node] = {}
    for name, unit in circuit.inputs.items():
        leaves[unit] = _Node(unit, None, plain(name))
    for gate in circuit.gates:
        for unit in gate.inputs:
            if unit.gate is None and unit not in leaves:
                leaves[unit] = _Node(unit, None, plain(unit.label or f"{unit.value:g}"))
    gates = {gate: _Node(gate.out, gate, list(box_label(gate))) for gate in circuit.gates}
    used = {u for g in circuit.gates for u in g.inputs}
    nodes = [n for u, n in leaves.items() if u in used] + list(gates.values())
    vertex: dict[int, Any] = {}
    for node in nodes:
        v = Vertex(node)
        v.view = _View(2 * node.half + 1)
        vertex[id(node)] = v
    edges: dict[tuple[int, int], Any] = {}
    for gate, node in gates.items():
        for unit in gate.inputs:
            source = leaves[unit] if unit.gate is None else gates[unit.gate]
            key = (id(source), id(node))
            if key not in edges:  # a*a: one edge, two ports
                edges[key] = Edge(vertex[id(source)], vertex[id(node)])
    graph = Graph(list(vertex.values()), list(edges.values()))
    if len(graph.C) != 1:
        raise ValueError("a circuit's gates all lead to its output: one component")
    sug = SugiyamaLayout(graph.C[0])
    sug.xspace = gap
    # init_all, with constants moved next to the gate they feed (inputs stay on the left)
    roots = [vertex[id(n)] for n in nodes if n.gate is None]
    sug.alt_e = []
    sug.rank_all(roots)
    for node in nodes:
        if node.gate is None and node.unit not in circuit.inputs.values():
            v = vertex[id(node)]
            rank = min(sug.grx[w].rank for w in v.N(+1)) - 1
            if rank > 0:
                sug.layers[0].remove(v)
                sug.grx[v].rank = rank
                sug.layers[rank].append(v)
    for e in sug.g.E():
        sug.setdummies(e)
    for layer in sug.layers:
        layer.setup(sug)
    sug.initdone = True
    for layer in sug.layers:
        for v in layer:
            if sug.grx[v].dummy:
                v.view.w = 3
    sug.draw()
    if _untangle(sug):
        sug.setxy()
    return _Placed(sug, vertex, nodes, gates, leaves)


def _hops(sug: Any, v: Any) -> list[tuple[Any, int]]:
    """Where the wire leaving vertex v (a node or a dummy) goes in the next layer: (a
    dummy, -1) or (a gate's vertex, the port it enters), once per port."""
    rank = sug.grx[v].rank
    if sug.grx[v].dummy:
        source: _Node = v.ctrl[min(v.ctrl)].data
        nexts = [v.ctrl[rank + 1]]
    else:
        source = v.data
        nexts = [sug.ctrls[e][rank + 1] if e in sug.ctrls else e.v[1] for e in v.e_out()]
    hops: list[tuple[Any, int]] = []
    for nxt in nexts:
        if sug.grx[nxt].dummy:
            hops.append((nxt, -1))
        else:
            gate = nxt.data.gate
            hops.extend((nxt, i) for i, u in enumerate(gate.inputs) if u is source.unit)
    return hops


def _port_crossings(sug: Any, layer: list[Any]) -> int:
    """Crossings between `layer` and the next one, counting a gate's ports in order (which
    grandalf does not know: to it, both wires of a*b enter the same point)."""
    wires = []
    for i, v in enumerate(layer):
        for target, port in _hops(sug, v):
            wires.append((i, sug.grx[target].pos, port))
    return sum(1 for a in wires for b in wires if a[0] < b[0] and a[1:] > b[1:])


def _untangle(sug: Any) -> bool:
    """Swap neighbours in a layer while that cuts crossings at gates' ports; grandalf then
    places the new order. True if anything moved."""
    moved = False
    for _ in range(4):
        better = False
        for r, layer in enumerate(sug.layers):
            around = [sug.layers[k] for k in (r - 1, r) if 0 <= k < len(sug.layers) - 1]
            for i in range(len(layer) - 1):
                before = sum(_port_crossings(sug, lay) for lay in around)
                _swap(sug, layer, i)
                if sum(_port_crossings(sug, lay) for lay in around) < before:
                    better = moved = True
                else:
                    _swap(sug, layer, i)
        if not better:
            break
    return moved


def _swap(sug: Any, layer: list[Any], i: int) -> None:
    layer[i], layer[i + 1] = layer[i + 1], layer[i]
    sug.grx[layer[i]].pos, sug.grx[layer[i + 1]].pos = i, i + 1


@dataclass
class _Placed:
    sug: Any
    vertex: dict[int, Any]
    nodes: list[_Node]
    gates: dict[Gate, _Node]
    leaves: dict[Unit, _Node]


class _Grid:
    """Rows and columns from the placed layers; then boxes, wires and number slots."""

    def __init__(self, circuit: Circuit, placed: _Placed, gap: int) -> None:
        self.circuit = circuit
        self.naming = Naming(circuit)
        self.gap = gap
        self.p = placed
        self.bits: dict[tuple[int, int], int] = {}
        self.cells: dict[tuple[int, int], tuple[str, Tag]] = {}
        self.slots: list[_Slot] = []
        self.boxes: dict[int, tuple[int, int, int, int]] = {}
        self.anchors: dict[int, tuple[int, int]] = {}
        self.name_at = (0, 0)
        self.min_width = 0
        self.joins: set[tuple[int, int]] = set()

    def build(self) -> Layout | None:
        sug = self.p.sug
        layers: list[list[Any]] = [list(layer) for layer in sug.layers]
        # rows: grandalf's coordinate across the layer, rounded, then pushed apart where
        # rounding (or the average of its four alignments) left two wires too close
        row: dict[Any, int] = {}
        for layer in layers:
            bottom = -(10**9)
            for v in layer:
                half = v.view.w // 2
                r = max(round(v.view.xy[0]), bottom + self.gap + 1 + half)
                row[v] = r
                bottom = r + half
        top = min(row[v] - v.view.w // 2 for layer in layers for v in layer)
        for v in row:
            row[v] -= top
        height = max(row[v] + v.view.w // 2 for v in row) + 1
        for node in self.p.nodes:
            node.row = row[self.p.vertex[id(node)]]
            node.rank = sug.grx[self.p.vertex[id(node)]].rank
        # columns: each layer as wide as its widest node, then a channel for the wires
        widths = [max([1] + [v.data.width for v in layer if not sug.grx[v].dummy])
                  for layer in layers]
        nets_per_channel = [self._nets(layers, r, row) for r in range(len(layers) - 1)]
        jogs = [self._assign_columns(nets) for nets in nets_per_channel]
        if any(j is None for j in jogs):
            return None
        starts: list[int] = []
        x = 0
        for r, w in enumerate(widths):
            starts.append(x)
            x += w + LABEL + (jogs[r] or 0) + 1 if r < len(layers) - 1 else w
        out_channel = x
        for r, layer in enumerate(layers):
            for v in layer:
                if sug.grx[v].dummy:
                    self.hline(row[v], starts[r], starts[r] + widths[r] - 1)
                else:
                    self.node(v.data, starts[r], widths[r])
        for r, nets in enumerate(nets_per_channel):
            channel = starts[r] + widths[r]
            for net in nets:
                self.route(net, channel, channel + LABEL, starts[r + 1] - 1)
        for node in self.p.nodes:
            if node.unit is not self.circuit.output:
                channel = starts[node.rank] + widths[node.rank]
                self.anchors[id(node.unit)] = (node.row, channel)
                if node.gate is not None or node.unit in self.circuit.inputs.values():
                    self.numbers(node.unit, node.row, channel)
                if node.gate is not None:
                    self.wire_name(node.unit, node.row, channel)
        out = self.p.gates[self.circuit.output.gate]  # type: ignore[index]
        self.hline(out.row, out_channel, out_channel + LABEL)
        self.numbers(out.unit, out.row, out_channel)
        self.anchors[id(out.unit)] = (out.row, out_channel)
        name = plain(self.naming(self.circuit.output), OUTPUT_NAME_MAX)
        if "…" in name:
            name = SHORT_NAME
        self.text(out.row, out_channel + LABEL + 2, name, Tag.NAME)
        self.name_at = (out.row, out_channel + LABEL + 2)
        width = out_channel + LABEL + 2 + len(name)
        legend = [("above a wire: its ", Tag.LEGEND), ("value", Tag.VALUE),
                  ("; below: ", Tag.LEGEND), (f"{GRAD_PREFIX} gradient", Tag.GRAD)]
        legend_y = height + 1
        x = 0
        for text, tag in legend:
            self.text(legend_y, x, list(text), tag)
            x += len(text)
        width = max(width, x)
        self.min_width = max(min(width, self.name_at[1] + len(SHORT_NAME)), x)
        return self.layout(width, legend_y + 1)

    # --- nets -----------------------------------------------------------------------

    def _nets(self, layers: list[list[Any]], r: int, row: dict[Any, int]) -> list[_Net]:
        """The wires crossing the channel after layer r, one per source."""
        nets: list[_Net] = []
        for v in layers[r]:
            net = _Net(row[v])
            for target, port in _hops(self.p.sug, v):
                net.targets.append(row[target] if port < 0 else target.data.port_row(port))
            if net.targets:
                nets.append(net)
        return nets

    @staticmethod
    def _assign_columns(nets: list[_Net]) -> int | None:
        """Give each net that must change rows a column of the channel to do it in; two
        nets share a column when their rows do not overlap. A net must turn before the
        column where another net's wire arrives on its source row. Tries a few orders and
        keeps the one with fewest crossings, then fewest columns. None if no order works."""
        jogging = [n for n in nets if not n.straight]
        if not jogging:
            return 0
        found = _Grid._columns_for(jogging, nets)
        if found is not None:
            return found
        # two nets that each arrive on the other's row: draw one of them as a Z, from the
        # channel's first column to its last along a row no other wire uses
        busy = {n.source for n in nets} | {t for n in nets for t in n.targets}
        for net in sorted(jogging, key=lambda n: n.span[1] - n.span[0]):
            rest = [n for n in jogging if n is not net]
            found = _Grid._columns_for(rest, nets) if rest else 0
            if found is None:
                continue
            free = [y for y in range(max(0, net.span[0] - 1), net.span[1] + 2)
                    if y not in busy]
            if not free:
                continue
            middle = (net.source + sum(net.targets) / len(net.targets)) / 2
            net.via = min(free, key=lambda y: abs(y - middle))
            net.column = 0
            for n in rest:
                n.column = (n.column or 0) + 1
            return found + 2
        return None

    @staticmethod
    def _columns_for(jogging: list[_Net], nets: list[_Net]) -> int | None:
        orders = [
            sorted(jogging, key=lambda n: n.span[0]),
            sorted(jogging, key=lambda n: -n.span[1]),
            sorted(jogging, key=lambda n: (n.span[1] - n.span[0])),
            sorted(jogging, key=lambda n: -(n.span[1] - n.span[0])),
            sorted(jogging, key=lambda n: n.source),
            sorted(jogging, key=lambda n: -n.source),
        ]
        best: tuple[int, int, list[int]] | None = None
        for order in orders:
            columns = _greedy(order, nets)
            if columns is None:
                continue
            for net, c in zip(order, columns, strict=True):
                net.column = c
            score = (_crossings(nets), max(columns) + 1, [n.column or 0 for n in jogging])
            if best is None or score[:2] < best[:2]:
                best = score
        if best is None:
            return None
        for net, c in zip(jogging, best[2], strict=True):
            net.column = c
        return best[1]

    # --- drawing --------------------------------------------------------------------

    def node(self, node: _Node, start: int, width: int) -> None:
        left = start + width - node.width
        if node.gate is None:
            self.text(node.row, left, node.label, Tag.NAME)
            return
        top, bottom, right = node.row - node.half, node.row + node.half, start + width - 1
        self.boxes[id(node.gate)] = (top, left, bottom, right)
        for x in range(left + 1, right):
            self.cells[(top, x)] = ("─", Tag.BOX)
            self.cells[(bottom, x)] = ("─", Tag.BOX)
        self.cells[(top, left)] = ("┌", Tag.BOX)
        self.cells[(top, right)] = ("┐", Tag.BOX)
        self.cells[(bottom, left)] = ("└", Tag.BOX)
        self.cells[(bottom, right)] = ("┘", Tag.BOX)
        ports = {node.port_row(i) for i in range(node.arity)}
        for y in range(top + 1, bottom):
            self.cells[(y, left)] = ("┤" if y in ports else "│", Tag.BOX)
            self.cells[(y, right)] = ("├" if y == node.row else "│", Tag.BOX)
            if y in ports and left > start:
                self.hline(y, start, left - 1)
        self.text(node.row, left + 2, node.label, Tag.SYMBOL)

    def route(self, net: _Net, start: int, jog_start: int, end: int) -> None:
        """A net across the channel from `start` to `end`: straight, or along its source
        row to its column, up or down it, then along each target row (or a Z: two columns
        joined along its `via` row)."""
        if net.column is None:
            self.hline(net.source, start, end)
            return
        x = jog_start + net.column
        self.hline(net.source, start, x, right=False)
        lo, hi = net.span
        if net.via is not None:  # a Z: along the first column, across, then the last
            self.vline(x, min(net.source, net.via), max(net.source, net.via))
            x = end - 1
            self.hline(net.via, jog_start, x, left=False, right=False)
            lo, hi = min(net.via, *net.targets), max(net.via, *net.targets)
        self.vline(x, lo, hi)
        for y in net.targets:
            self.hline(y, x, end, left=False)
        if net.via is None and lo < net.source < hi and net.source in net.targets:
            self.joins.add((net.source, x))

    def vline(self, x: int, lo: int, hi: int) -> None:
        for y in range(lo, hi + 1):
            self.bits[(y, x)] = (
                self.bits.get((y, x), 0) | (N if y > lo else 0) | (S if y < hi else 0)
            )

    def wire_name(self, unit: Unit, y: int, channel: int) -> None:
        """The wire's name (the one every pane uses) on the wire, where it leaves its gate:
        `├ axpby ──`. A name too long for the channel is left to the tree and the table."""
        name = plain(self.naming(unit))
        if len(name) + 3 <= LABEL:
            self.text(y, channel + 1, [" ", *name, " "], Tag.NAME)

    def numbers(self, unit: Unit, y: int, channel: int) -> None:
        self.slots.append(_Slot(y - 1, channel + 1, unit, grad=False))
        self.slots.append(_Slot(y + 1, channel + 1, unit, grad=True))

    def hline(self, y: int, x0: int, x1: int, *, left: bool = True,
              right: bool = True) -> None:
        for x in range(x0, x1 + 1):
            bits = (W if x > x0 or left else 0) | (E if x < x1 or right else 0)
            self.bits[(y, x)] = self.bits.get((y, x), 0) | bits

    def text(self, y: int, x: int, cells: Sequence[str], tag: Tag) -> None:
        for i, ch in enumerate(cells):
            self.cells[(y, x + i)] = (ch, tag)

    def layout(self, width: int, height: int) -> Layout:
        chars = [[" "] * width for _ in range(height)]
        tags = [[Tag.BLANK] * width for _ in range(height)]
        for (y, x), bits in self.bits.items():
            if bits and 0 <= y < height and 0 <= x < width:
                chars[y][x] = JOIN4 if (y, x) in self.joins else GLYPHS[bits]
                tags[y][x] = Tag.WIRE
        for (y, x), (ch, tag) in self.cells.items():
            if 0 <= y < height and 0 <= x < width:
                chars[y][x] = ch
                tags[y][x] = tag
        return Layout(chars, tags, self.slots, self.boxes, self.anchors, self.name_at,
                      self.min_width)


def _greedy(order: list[_Net], nets: list[_Net]) -> list[int] | None:
    """Columns for `order`, each net in the leftmost column where it overlaps no net and
    keeps the before/after rule; None if the rule cannot be kept."""
    placed: list[tuple[_Net, int]] = []
    columns: list[int] = []
    for net in order:
        lo, hi = net.span
        low = 0  # columns this net may take: it turns before nets arriving on its row
        high = 10**6
        for other, c in placed:
            if net.source in other.targets:
                high = min(high, c - 1)
            if other.source in net.targets:
                low = max(low, c + 1)
        chosen = None
        for c in range(low, high + 1):
            if all(not (other.span[0] <= hi and lo <= other.span[1])
                   for other, oc in placed if oc == c):
                chosen = c
                break
            if c > len(order):
                break
        if chosen is None:
            return None
        placed.append((net, chosen))
        columns.append(chosen)
    used = sorted(set(columns))
    return [used.index(c) for c in columns]


def _crossings(nets: list[_Net]) -> int:
    """How many times one net's horizontal run crosses another net's vertical one."""
    count = 0
    for net in nets:
        for other in nets:
            if other is net or other.column is None:
                continue
            lo, hi = other.span
            if net.column is None:
                count += sum(lo < y < hi for y in net.targets)
            elif other.column < net.column:
                count += lo < net.source < hi
            else:
                count += sum(lo < y < hi for y in net.targets)
    return count
