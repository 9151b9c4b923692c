"""Scaling: the cost per gate (node, step) of building, parsing, running and loading, from
10,000 to 1,000,000, with the ratio to the smallest size. Linear work gives ratios near 1.

Rows (all CPU time, best of a few single calls, `timing.once`):

- build a chain by hand (`workloads.chain`: Unit, gate.forward(...), Circuit), once with
  the collector running as a plain script leaves it, once inside `collector.paused()`,
  the engine's way to build (parse, sessions and Circuit use it);
- sort: `Circuit(...).gates` over a chain already wired (the topological order: a circuit
  finds it when first asked, its ops at its first forward, its wire list on first need);
- pass: forward + backward of the built chain (`timing.per_pass`);
- walk: the backward pass one gate at a time (`Circuit.backward_steps`), as the app shows it;
- parse: a balanced formula of tanh(A + B) and A*B levels over 100 names, with the
  parser's length and node limits lifted for the measurement only (ast cannot build a
  flat sum deeper than about a thousand terms, so a balanced formula is what scales);
- load: `Session.from_json` of a session with that many steps (the single-gate scenario):
  what `Session.load` does once the file is read;
- micrograd, where it runs: a random expression (workloads.random_recipe, depth a few
  times log n, which its recursive sort can follow) built and back-propagated, per
  operation, as it runs (its own collector running); nn101 on the same expression, built
  inside `paused()` and run once, for comparison.

Peak memory of a 1,000,000-gate chain (build, pass, walk) is measured in a fresh process,
so nothing else this run allocated counts.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from timing import once, per_pass
from workloads import build_by_run, build_ours, chain, random_recipe

from nn101.engine import Circuit, Method, StepRecord, expression, parse
from nn101.engine.collector import paused
from nn101.state import session
from nn101.state.session import Session

PASS_BUDGET = 0.25
"""Seconds per timed batch of passes (see timing.per_pass)."""


def per_item(seconds: float) -> str:
    """Nanoseconds below a microsecond: a pass costs a fraction of one per gate."""
    return f"{seconds * 1e9:.0f} ns" if seconds < 1e-6 else f"{seconds * 1e6:.2f} us"


def best(run: Callable[[], object], repeats: int) -> float:
    """CPU seconds of the quickest of `repeats` single calls (each after a gc.collect)."""
    return min(once(run)[1] for _ in range(repeats))


# --- what is measured ----------------------------------------------------------------------


def balanced_formula(gates: int) -> str:
    """About `gates` gates: levels of tanh(A + B) and A*B alternating, leaves x0..x99.

    tanh keeps every value in [-1, 1], so products never overflow however deep.
    """
    parts = [f"x{i % 100}" for i in range(gates // 3 + 1)]
    level = 0
    while len(parts) > 1:
        joined = [
            f"tanh({a} + {b})" if level % 2 == 0 else f"{a}*{b}"
            for a, b in zip(parts[::2], parts[1::2], strict=False)
        ]
        if len(parts) % 2:
            joined.append(parts[-1])
        parts = joined
        level += 1
    return parts[0]


@contextmanager
def parser_limits_lifted() -> Iterator[None]:
    """The parser's length and size limits (which protect the app) off, for timing only."""
    saved = expression.MAX_LENGTH, expression.MAX_NODES
    expression.MAX_LENGTH = expression.MAX_NODES = 10**9
    try:
        yield
    finally:
        expression.MAX_LENGTH, expression.MAX_NODES = saved


@contextmanager
def session_limits_lifted() -> Iterator[None]:
    """The session loader's size limits (which keep a hostile file from taking the memory,
    state/session.py) off, for timing only: a million steps is past them on purpose."""
    saved = session.MAX_OBJECTS, session.MAX_TOKENS
    session.MAX_OBJECTS = session.MAX_TOKENS = 10**12
    try:
        yield
    finally:
        session.MAX_OBJECTS, session.MAX_TOKENS = saved


def session_text(steps: int) -> str:
    """A valid session of the single-gate scenario with `steps` analytic steps."""
    records = []
    x = y = 0.0
    for i in range(1, steps + 1):  # bounded values: a long real run would overflow
        x, y = -2.0 + (i % 1000) * 0.001, 3.0 - (i % 997) * 0.001
        records.append(StepRecord(i, Method.ANALYTIC, {"x": y, "y": x}, {"x": x, "y": y},
                                  x * y, 1, 1))
    session = Session("single-gate", "x * y", {"x": x, "y": y}, {"x": -2.0, "y": 3.0},
                      steps=records)
    return session.to_json()


def build_plain(size: int, repeats: int) -> float:
    return best(lambda: chain(size), repeats) / size


def build_paused(size: int, repeats: int) -> float:
    def run() -> Circuit:
        with paused():
            return chain(size)

    return best(run, repeats) / size


def sort(size: int, repeats: int) -> float:
    circuit = chain(size)
    inputs, output = circuit.inputs, circuit.output
    del circuit
    return best(lambda: Circuit(inputs, output).gates, repeats) / size


def one_pass(size: int, repeats: int) -> float:
    with paused():
        circuit = chain(size)

    def run() -> None:
        circuit.forward()
        circuit.backward()

    (seconds,) = per_pass([run], PASS_BUDGET, rounds=repeats)
    return seconds / size


def walk(size: int, repeats: int) -> float:
    with paused():
        circuit = chain(size)

    def run() -> None:
        for _ in circuit.backward_steps():
            pass

    return best(run, repeats) / size


def parse_formula(size: int, repeats: int) -> float:
    text = balanced_formula(size)
    with parser_limits_lifted():
        gates = len(parse(text))
        return best(lambda: parse(text), repeats) / gates


def load(size: int, repeats: int) -> float:
    """`Session.from_json`: what `Session.load` does after reading the file (which refuses
    files over 64 MiB: a million steps is about 200 MiB)."""
    text = session_text(size)
    with session_limits_lifted():
        return best(lambda: Session.from_json(text), repeats) / size


def micrograd(size: int, repeats: int) -> float:
    from micrograd.engine import Value

    recipe = random_recipe(size)
    leaves = [Value(v) for v in recipe.inputs]

    def run() -> None:
        build_by_run(recipe, leaves).backward()

    return best(run, repeats) / size


def ours_on_micrograds_expression(size: int, repeats: int) -> float:
    recipe = random_recipe(size)

    def run() -> None:
        with paused():
            circuit = build_ours(recipe)
        circuit.backward()

    return best(run, repeats) / size


# --- memory ---------------------------------------------------------------------------------

_MEMORY_PROBE = """
import sys
sys.path.insert(0, {benchmarks!r})
def peak():  # VmHWM: unlike ru_maxrss, not inherited from the parent across exec
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
from workloads import chain
from nn101.engine.collector import paused
base = peak()
with paused():
    circuit = chain({size})
built = peak()
circuit.forward(); circuit.backward()
for _ in circuit.backward_steps():
    pass
print(base, built, peak(), len(circuit))
"""


def peak_memory(size: int) -> tuple[int, int, int, int]:
    """Peak RSS in bytes of a fresh process: at start, after building, after pass + walk."""
    code = _MEMORY_PROBE.format(benchmarks=str(Path(__file__).resolve().parent), size=size)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=os.environ.copy()).stdout.split()
    base, built, after, gates = (int(v) for v in out)
    return base, built, after, gates


# --- the table ------------------------------------------------------------------------------


ROWS: list[tuple[str, Callable[[int, int], float]]] = [
    ("build a chain by hand, collector running", build_plain),
    ("build a chain inside `paused()`", build_paused),
    ("sort: `Circuit(...).gates` of a wired chain", sort),
    ("pass: forward + backward", one_pass),
    ("walk: `backward_steps()`", walk),
    ("parse a balanced formula, per gate", parse_formula),
    ("load a session (`Session.from_json`), per step", load),
    ("nn101: random expression, build in `paused()` + pass", ours_on_micrograds_expression),
    ("micrograd: same expression, build + backward", micrograd),
]
"""Each row's name and its measure: seconds per gate (node, step) at a size, best of a
number of repeats."""


def table(sizes: list[int], most_repeats: int,
          rows: list[tuple[str, Callable[[int, int], float]]] = ROWS) -> None:
    """Print the table; calls are repeated `most_repeats` times below 1,000,000, once there
    (a million-step session alone takes tens of seconds to write and read)."""

    def repeats(size: int) -> int:
        return most_repeats if size < 1_000_000 else 1

    sizes_head = " | ".join(f"{s:,}" for s in sizes)
    print(f"| per gate (node, step) | {sizes_head} | largest vs smallest |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    for name, measure in rows:
        cells = []
        first = last = 0.0
        for size in sizes:
            try:
                last = measure(size, repeats(size))
            except (RecursionError, MemoryError) as err:
                cells.append(type(err).__name__)
                last = 0.0
                continue
            first = first or last
            cells.append(f"{per_item(last)} ({last / first:.2f}x)")
        ratio = f"**{last / first:.2f}x**" if first and last else "-"
        print(f"| {name} | {' | '.join(cells)} | {ratio} |", flush=True)
    base, built, after, gates = peak_memory(sizes[-1])
    mib = 1024 * 1024
    print(
        f"\nPeak memory of a {gates:,}-gate chain in a fresh process: {after / mib:,.0f} MiB "
        f"(interpreter and engine {base / mib:,.0f} MiB; built {built / mib:,.0f} MiB; "
        f"after a pass and the walk {after / mib:,.0f} MiB): "
        f"{(built - base) / gates:,.0f} bytes per gate."
    )

