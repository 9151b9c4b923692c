"""The cyclic collector is paused while the engine builds, and the caller's choice survives.

Nothing here times anything: the collector's passes are counted with `gc.callbacks`, so
removing a pause makes a test fail on any machine, however fast or busy.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from nn101.engine import (
    AddGate,
    Circuit,
    ExpressionError,
    Method,
    MultiplyGate,
    StepRecord,
    Unit,
    parse,
)
from nn101.engine.collector import paused
from nn101.state.session import Session


@pytest.fixture(autouse=True)
def _collector_as_it_was() -> Iterator[None]:
    """Whatever a test does to the collector, the next test finds it as this one did."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@contextmanager
def collections() -> Iterator[list[int]]:
    """The generation of every collection that starts inside the block, in order."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    try:
        yield seen
    finally:
        gc.callbacks.remove(count)


def wire_chain(gates: int) -> tuple[Unit, Unit]:
    """x -> *0.999 -> +0.001 -> ... by hand: every gate and its wire refer to each other."""
    x, k, d = Unit(0.5, label="x"), Unit(0.999), Unit(0.001)
    wire = x
    for i in range(gates):
        wire = MultiplyGate().forward(wire, k) if i % 2 == 0 else AddGate().forward(wire, d)
    return x, wire


def long_formula() -> str:
    """Near the parser's length limit: about 500 gates and 1,500 syntax nodes."""
    return " + ".join(f"a{i % 10}*b" for i in range(280))


def long_session() -> str:
    steps = [
        StepRecord(i, Method.ANALYTIC, {"x": 3.0, "y": -2.0}, {"x": -2.0, "y": 3.0}, -6.0, 1, 1)
        for i in range(1, 3_001)
    ]
    return Session("single-gate", "x * y", {"x": -2.0, "y": 3.0}, {"x": -2.0, "y": 3.0},
                   steps=steps).to_json()


# --- the caller's state ---------------------------------------------------------------------


def test_an_enabled_collector_is_paused_inside_and_enabled_after() -> None:
    gc.enable()
    with paused():
        assert not gc.isenabled()
        with paused():  # nested: the inner end must not switch it back on
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_program_that_disabled_the_collector_keeps_it_disabled() -> None:
    gc.disable()
    with paused():
        pass
    parse("(x + y) * z")
    with pytest.raises(ExpressionError):
        parse("x +* y")
    assert not gc.isenabled()


def test_the_state_comes_back_when_building_raises() -> None:
    gc.enable()
    with pytest.raises(ExpressionError):
        parse("x +* y")  # raises inside the paused parse
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), paused():
        _ = 1 / 0
    assert gc.isenabled()
    x, wire = Unit(1.0, label="x"), Unit(0.0)
    gate = MultiplyGate()
    gate.inputs = (x, x)  # wired by hand, without its output: its op cannot be made
    wire.gate = gate
    with pytest.raises(AttributeError):  # the ops are made inside the pause, and fail
        Circuit([x], wire).forward()
    assert gc.isenabled()


def test_overlapping_pauses_in_two_threads_end_with_the_state_before_the_first() -> None:
    """A naive pause (each block restores what it saw) leaves the collector off for good
    here: the second block began while the first had it off."""
    gc.enable()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    during: list[bool] = []

    def first() -> None:
        with paused():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with paused():
            second_in.set()
            first_out.wait(10)
            during.append(gc.isenabled())  # the first block has ended; this one has not

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert during == [False]
    assert gc.isenabled()


# --- no collection while the engine builds ---------------------------------------------------


def test_building_a_chain_by_hand_runs_the_collector_unless_paused() -> None:
    """The check below can fail: the same build with the collector running does collect."""
    gc.enable()
    with collections() as unpaused:
        wire_chain(20_000)
    assert unpaused, "a 20,000-gate build should have started the collector"
    with collections() as seen, paused():
        x, out = wire_chain(20_000)
        Circuit([x], out)
    assert seen == []


def test_sorting_a_long_chain_starts_no_collection() -> None:
    with paused():
        x, out = wire_chain(20_000)
    gc.enable()
    with collections() as seen:
        circuit = Circuit([x], out)
        ops = circuit._ops  # the order (its depth-first stack holds the whole chain), then
        # an op per gate, all kept: made when first needed, inside one pause
    assert len(ops) == 20_000
    assert len(circuit) == 20_000
    assert seen == []


def test_parsing_a_long_formula_starts_no_collection() -> None:
    gc.enable()
    text = long_formula()
    with collections() as seen:
        circuit = parse(text)
    assert len(circuit) == 559  # 280 products and 279 sums
    assert seen == []


def test_loading_a_long_session_starts_no_collection() -> None:
    text = long_session()
    gc.enable()
    with collections() as seen:
        session = Session.from_json(text)
    assert len(session.steps) == 3_000
    assert seen == []
