"""A random generator small enough to read and to port: xorshift* on 64 bits.

Karpathy's newer teaching engine (EurekaLabsAI/micrograd) draws its data and its starting
weights from one such stream, seeded 42, so a run can be repeated exactly in Python, C or
JavaScript. Drawing from the same kind of stream, in the same order, lets this project
reproduce that run number for number (the chapter-3 "peer run").

The recipe is the public one (Marsaglia's xorshift, then a multiply by the xorshift*
constant and the upper 32 bits); a float takes the top 24 of those bits, as a float32
would, so every draw is a multiple of 2**-24 in [0, 1).
"""

from __future__ import annotations

MASK64 = 0xFFFF_FFFF_FFFF_FFFF
MULTIPLIER = 0x2545_F491_4F6C_DD1D
"""xorshift*'s output multiplier (Vigna)."""
ZERO_SEED_STATE = 0x9E37_79B9_7F4A_7C15
"""Seed 0 would leave xorshift at 0 forever (0 shifted and xored is 0): it starts here."""


class XorShift:
    """`random()` and `uniform(a, b)` like Python's `random`, from a 64-bit state."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = (seed & MASK64) or ZERO_SEED_STATE

    def random_u32(self) -> int:
        s = self.state
        s ^= s >> 12
        s ^= (s << 25) & MASK64
        s ^= s >> 27
        self.state = s
        return ((s * MULTIPLIER) >> 32) & 0xFFFF_FFFF

    def random(self) -> float:
        """A float in [0, 1) with 24 random bits."""
        return (self.random_u32() >> 8) / 16_777_216.0

    def uniform(self, a: float = 0.0, b: float = 1.0) -> float:
        return a + (b - a) * self.random()

    def below(self, n: int) -> int:
        """A whole number in [0, n), n >= 1 (for picking minibatches)."""
        return min(int(self.random() * n), n - 1)

    def copy(self) -> XorShift:
        twin = XorShift(1)
        twin.state = self.state
        return twin
