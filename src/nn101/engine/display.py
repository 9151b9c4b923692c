"""How a circuit or a unit shows itself in a notebook (IPython's display protocol).

The drawing is the app's, and it lives above the engine (`nn101.notebook`, on the state
layer and grandalf). So the engine only forwards: `mimebundle` imports the drawing when a
notebook first displays an object, never when the engine is imported, which keeps its
rule (standard library only at import time; tests/engine/test_isolation.py checks that
this is the one import that reaches up, and that importing the engine loads none of it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nn101.engine.circuit import Circuit
    from nn101.engine.unit import Unit


def mimebundle(thing: Circuit | Unit) -> dict[str, str]:
    """The SVG drawing and its text, for `_repr_mimebundle_`."""
    from nn101.notebook import mimebundle as draw  # at display time only: see above

    return draw(thing)
