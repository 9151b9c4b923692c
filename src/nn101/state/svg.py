"""The app's circuit drawing as SVG, for a notebook or a web page.

It draws the same layout as the terminal (`drawing.layout_of`: grandalf's left-to-right
layers, one box per gate, a shared input drawn once and fanned out, each wire's value above
it and its gradient below it with a `g`), cell for cell: a wire or box cell becomes strokes
from the cell's centre towards the sides its glyph joins (so lines meet whatever the font),
every other cell is text. On top of the app's drawing, each inner wire carries its name
from `notation.Naming` (x1, x2, ..., as the guide and every pane name them), and every
wire and gate has a tooltip (`<title>`) with its name, value and gradient.

Each gate is a `<g class="gate">` and each input or constant a `<g class="leaf">`, so a
test (or a style sheet) can find them. Colours: `PALETTES`, the app's value/gradient pair
on a light page, or Okabe and Ito's blue/orange for colour-blind readers; colour is never
the only cue (values above, `g` gradients below, as in the terminal). All text comes
through `xml.sax.saxutils.escape`: a name from outside is text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from nn101.engine.circuit import Circuit
from nn101.engine.gates import Gate
from nn101.engine.unit import Unit
from nn101.state import notation
from nn101.state.drawing import (
    GLYPHS,
    JOIN4,
    LABEL,
    NAME_MAX,
    ROOMY,
    E,
    Layout,
    N,
    S,
    Tag,
    W,
    box_label,
    layout_of,
    number,
    plain,
)

CELL_W = 8.4
"""A cell's width in px: 0.6 em of a 14 px monospace font."""
CELL_H = 18.0
FONT = 14
MARGIN = 8.0

_BITS: dict[str, int] = {glyph: bits for bits, glyph in GLYPHS.items()}
_BITS.update({JOIN4: N | E | S | W, "┌": E | S, "┐": W | S, "└": N | E, "┘": N | W,
              "─": E | W, "│": N | S, "┤": N | S | W, "├": N | S | E})
"""Which sides of its cell each wire or box glyph joins."""


@dataclass(frozen=True)
class Palette:
    name: str
    value: str
    grad: str
    ink: str
    """Wires, boxes, names."""
    faint: str
    """The legend and a gradient not computed yet."""
    walk: str
    """The fill of the gate the backward walk has just passed."""
    background: str = "#ffffff"


PALETTES: dict[str, Palette] = {
    "default": Palette("default", value="#1a7f37", grad="#cf222e", ink="#24292f",
                       faint="#6e7781", walk="#fff8c5"),
    # Okabe and Ito's palette (as the app's nn101-colour-blind theme): blue and vermillion
    # stay apart for the commonest colour-vision deficiencies.
    "colour-blind": Palette("colour-blind", value="#0072b2", grad="#d55e00", ink="#24292f",
                            faint="#6e7781", walk="#f0e442"),
}


def circuit_svg(circuit: Circuit, *, gradients_known: bool = True,
                walk_gate: Gate | None = None, palette: str = "default",
                naming: notation.Naming | None = None) -> str | None:
    """The circuit drawn as SVG text; None when it has too many gates to lay out (the
    text of the tree then stands in: `drawing.MAX_GATES`). `palette` is a key of
    PALETTES; `naming` defaults to the circuit's own (`notation.Naming`)."""
    layout = layout_of(circuit, ROOMY)
    if layout is None:
        return None
    colours = PALETTES[palette]
    names = naming if naming is not None else notation.Naming(circuit)
    drawing = layout.render(gradients_known, walk_gate)
    width = drawing.width * CELL_W + 2 * MARGIN
    height = drawing.height * CELL_H + 2 * MARGIN
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="nn101-circuit" '
        f'width="{width:.1f}" height="{height:.1f}" viewBox="0 0 {width:.1f} {height:.1f}" '
        f'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="{FONT}">',
        f"<title>{escape(_title(circuit, names))}</title>",
        f'<rect width="100%" height="100%" fill="{colours.background}"/>',
    ]
    out.extend(_gates(circuit, layout, names, colours, walk_gate, gradients_known))
    out.extend(_leaves(circuit, layout, names, gradients_known))
    strokes = "".join(_strokes(x, y, _BITS[ch]) for y, row in enumerate(drawing.chars)
                      for x, ch in enumerate(row)
                      if ch in _BITS and drawing.tags[y][x] in (Tag.WIRE, Tag.BOX, Tag.WALK))
    out.append(f'<path class="lines" stroke="{colours.ink}" stroke-width="1.2" fill="none" '
               f'd="{strokes}"/>')
    fills = {Tag.VALUE: colours.value, Tag.GRAD: colours.grad, Tag.UNKNOWN: colours.faint,
             Tag.LEGEND: colours.faint, Tag.NAME: colours.ink, Tag.SYMBOL: colours.ink,
             Tag.WALK: colours.ink}
    for y in range(drawing.height):
        x = 0
        for text, tag in drawing.runs(y):
            cells = len(text)
            shown = text.strip()
            if tag in fills and shown and not all(ch in _BITS for ch in shown):
                lead = len(text) - len(text.lstrip())
                out.append(_text(x + lead, y, shown, tag, fills[tag]))
            x += cells
    out.extend(_wire_names(circuit, layout, names, colours))
    out.append("</svg>")
    return "\n".join(out)


def _title(circuit: Circuit, names: notation.Naming) -> str:
    formula = circuit.expression or names(circuit.output)
    return _shown(f"circuit {formula}: {len(circuit.gates)} gates")


def _shown(text: str) -> str:
    """Outside text as the drawing shows it (`drawing.plain`: control characters written as
    escapes, which XML could not hold even escaped), whole."""
    return "".join(plain(text, len(text) * 10 + 1))


def _xy(x: float, y: float) -> tuple[float, float]:
    """The centre of cell (x, y) in px."""
    return MARGIN + (x + 0.5) * CELL_W, MARGIN + (y + 0.5) * CELL_H


def _strokes(x: int, y: int, bits: int) -> str:
    """Path steps from the cell's centre to the middle of each side its glyph joins."""
    cx, cy = _xy(x, y)
    parts = []
    for bit, (dx, dy) in ((N, (0.0, -CELL_H / 2)), (S, (0.0, CELL_H / 2)),
                          (E, (CELL_W / 2, 0.0)), (W, (-CELL_W / 2, 0.0))):
        if bits & bit:
            parts.append(f"M{cx:.1f} {cy:.1f}l{dx:.1f} {dy:.1f}")
    return "".join(parts)


def _text(x: int, y: int, text: str, tag: Tag, fill: str) -> str:
    left = MARGIN + x * CELL_W
    _, base = _xy(x, y)
    weight = ' font-weight="bold"' if tag in (Tag.VALUE, Tag.GRAD, Tag.NAME, Tag.SYMBOL) else ""
    length = len(text) * CELL_W
    return (f'<text class="{tag.value}" x="{left:.1f}" y="{base + FONT * 0.35:.1f}" '
            f'fill="{fill}"{weight} textLength="{length:.1f}" lengthAdjust="spacingAndGlyphs"'
            f">{escape(text)}</text>")


def _about(unit: Unit, names: notation.Naming, gradients_known: bool) -> str:
    grad = number(unit.grad) if gradients_known else "?"
    return _shown(f"{names(unit)} = {number(unit.value)}, gradient {grad}")


def _gates(circuit: Circuit, layout: Layout, names: notation.Naming, colours: Palette,
           walk_gate: Gate | None, gradients_known: bool) -> list[str]:
    """A box per gate, behind the strokes: its class, kind and tooltip."""
    out = []
    for gate in circuit.gates:
        top, left, bottom, right = layout.boxes[id(gate)]
        x0, y0 = MARGIN + left * CELL_W + CELL_W / 2, MARGIN + top * CELL_H + CELL_H / 2
        w, h = (right - left) * CELL_W, (bottom - top) * CELL_H
        fill = colours.walk if gate is walk_gate else colours.background
        walked = " walked" if gate is walk_gate else ""
        tip = f"{gate.name} gate {box_label(gate)}: {_about(gate.out, names, gradients_known)}"
        out.append(f'<g class="gate{walked}" data-gate={quoteattr(gate.name)} '
                   f'data-out={quoteattr(_shown(names(gate.out)))}><title>{escape(tip)}</title>'
                   f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{w:.1f}" height="{h:.1f}" '
                   f'fill="{fill}"/></g>')
    return out


def _leaves(circuit: Circuit, layout: Layout, names: notation.Naming,
            gradients_known: bool) -> list[str]:
    """A group per input or constant, drawn once however many gates it feeds."""
    out = []
    seen: set[int] = set()
    drawn = {id(u): name for name, u in circuit.inputs.items()}  # as drawing._place names
    leaves = [*circuit.inputs.values(),
              *(u for g in circuit.gates for u in g.inputs if u.gate is None)]
    for unit in leaves:
        if id(unit) in seen or id(unit) not in layout.anchors:
            continue
        seen.add(id(unit))
        row, col = layout.anchors[id(unit)]
        is_input = id(unit) in drawn
        label = _shown(names(unit))
        cells = len(plain(drawn.get(id(unit)) or unit.label or f"{unit.value:g}", NAME_MAX))
        x0 = MARGIN + (col - cells - 1) * CELL_W
        kind = "input" if is_input else "constant"
        out.append(f'<g class="leaf {kind}" data-name={quoteattr(label)}>'
                   f"<title>{escape(_about(unit, names, gradients_known))}</title>"
                   f'<rect x="{x0:.1f}" y="{MARGIN + row * CELL_H:.1f}" '
                   f'width="{cells * CELL_W:.1f}" height="{CELL_H:.1f}" fill="none"/></g>')
    return out


def _wire_names(circuit: Circuit, layout: Layout, names: notation.Naming,
                colours: Palette) -> list[str]:
    """Each inner wire's name written on the wire, just after the box it leaves."""
    out = []
    for gate in circuit.gates:
        unit = gate.out
        if unit is circuit.output or id(unit) not in layout.anchors:
            continue
        row, col = layout.anchors[id(unit)]
        label = "".join(plain(names(unit), LABEL - 3))
        x0, y0 = MARGIN + (col + 1) * CELL_W, MARGIN + row * CELL_H + 2
        w = (len(label) + 1) * CELL_W
        out.append(f'<g class="wire-name"><rect x="{x0 - CELL_W / 2:.1f}" y="{y0:.1f}" '
                   f'width="{w:.1f}" height="{CELL_H - 4:.1f}" fill="{colours.background}"/>'
                   f'<text x="{x0:.1f}" y="{y0 + CELL_H / 2 + FONT * 0.3:.1f}" '
                   f'fill="{colours.ink}" font-style="italic" font-size="{FONT - 2}" '
                   f'textLength="{len(label) * CELL_W:.1f}" lengthAdjust="spacingAndGlyphs">'
                   f"{escape(label)}</text></g>")
    return out
