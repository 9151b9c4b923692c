"""One way to make a circuit: from a scenario's name or from a typed formula.

The playground, the sessions and the CLI all build their circuits here, so "a scenario at
its defaults" and "a formula with every variable at 1" mean the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from nn101.engine.circuit import Circuit
from nn101.engine.expression import parse
from nn101.engine.scenarios import get as get_scenario

FORMULA_START = 1.0
"""Where a typed formula's variables start unless told otherwise."""


def build_circuit(scenario: str | None, expression: str | None = None,
                  values: Mapping[str, float] | None = None, *, run: bool = True) -> Circuit:
    """The scenario (by name) or the formula, its inputs at their defaults overridden by
    `values`, run forward unless `run` is False. Raises the engine's errors: an unknown
    scenario or name, a refused formula, a start point outside a gate's domain."""
    if scenario is not None:
        source = get_scenario(scenario)
        circuit = source.build()
        circuit.set_inputs(source.defaults)
    else:
        circuit = parse(expression or "")
        circuit.set_inputs(dict.fromkeys(circuit.inputs, FORMULA_START))
    if values:
        circuit.set_inputs(values)
    if run:
        circuit.forward()
    return circuit


def default_inputs(scenario: str | None, circuit: Circuit) -> dict[str, float]:
    """Where the inputs start: the scenario's defaults, or 1 for a formula's variables."""
    if scenario is not None:
        return dict(get_scenario(scenario).defaults)
    return dict.fromkeys(circuit.inputs, FORMULA_START)
