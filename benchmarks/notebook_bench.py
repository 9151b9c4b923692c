"""The notebook rows of `make bench`: what a notebook waits for when it displays a circuit.

Each row is CPU time per call (best of interleaved batches, timing.py), next to the
terminal's own drawing of the same layout (`Layout.render`, what the app does on every
step) as the reference run in the same process:

- redraw: the SVG of a circuit whose layout is known (every display after the first);
- first display: a new circuit of the same shape, built, laid out and drawn (a define-by-run
  cell that displays its graph pays this every run);
- a stepper's walk: one gate of the backward walk, then its drawing;
- the text fallback (`text/plain` of the bundle).
"""

from __future__ import annotations

from timing import human, per_pass

from nn101.notebook import Drawing, Stepper
from nn101.state.drawing import _CACHE, ROOMY, layout_of
from nn101.state.factory import build_circuit


def table(budget: float) -> None:
    neuron = build_circuit("neuron")
    neuron.backward()
    layout = layout_of(neuron, ROOMY)
    assert layout is not None
    drawing = Drawing(neuron)
    stepper = Stepper("neuron")

    def terminal() -> object:
        return layout.render()

    def redraw() -> object:
        return drawing.svg

    def first_display() -> object:
        fresh = build_circuit("neuron")
        fresh.backward()
        svg = Drawing(fresh).svg
        _CACHE.pop(fresh, None)  # as a new circuit's would be: not kept between runs
        return svg

    def walk_and_draw() -> object:
        stepper.walk()
        return stepper.drawing().svg

    def text() -> object:
        return drawing.text

    rows = [("terminal drawing of the neuron (`Layout.render`, the reference)", terminal),
            ("SVG of the neuron, layout known (every display after the first)", redraw),
            ("SVG of a new neuron circuit: build, lay out, draw", first_display),
            ("Stepper: walk one gate, then its SVG", walk_and_draw),
            ("text fallback (`text/plain`)", text)]
    times = per_pass([run for _, run in rows], budget)
    print("| notebook display | CPU time per call | vs the terminal drawing |")
    print("|---|---:|---:|")
    for (name, _), seconds in zip(rows, times, strict=True):
        print(f"| {name} | {human(seconds)} | {seconds / times[0]:.1f}x |", flush=True)
