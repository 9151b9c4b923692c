"""The wire of a circuit, as the guide names it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nn101.engine.gates import Gate


class Unit:
    """A wire: `value` flows forward, `grad` flows backward.

    `gate` is the gate whose output this wire is (None for inputs and constants); the
    circuit follows it to find its gates without asking the caller for a list.
    """

    __slots__ = ("gate", "grad", "label", "value")

    def __init__(self, value: float, grad: float = 0.0, label: str = "") -> None:
        self.value = float(value)
        self.grad = float(grad)
        self.label = label
        self.gate: Gate | None = None

    def __repr__(self) -> str:
        name = f"{self.label}, " if self.label else ""
        return f"Unit({name}value={self.value:.6g}, grad={self.grad:.6g})"
