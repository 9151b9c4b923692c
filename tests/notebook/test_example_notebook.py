"""examples/engine.ipynb runs top to bottom in a real kernel (nbclient + ipykernel), and
every drawing it shows is well-formed SVG holding the numbers its cell prints."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "examples" / "engine.ipynb"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


@pytest.fixture(scope="module")
def executed() -> Any:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return notebook


def _printed(cell: Any) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _svg(cell: Any) -> str | None:
    for output in cell.outputs:
        data = output.get("data", {})
        if "image/svg+xml" in data:
            svg: str = data["image/svg+xml"]
            return svg
    return None


def _drawn_numbers(svg: str) -> set[float]:
    root = ET.fromstring(svg)
    found = set()
    for text in root.iter("{http://www.w3.org/2000/svg}text"):
        if text.get("class") in ("value", "grad"):
            shown = (text.text or "").removeprefix("g")
            if NUMBER.fullmatch(shown):
                found.add(float(shown))
    return found


def test_the_notebook_runs_without_an_error(executed: Any) -> None:
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert len(code) >= 7
    errors = [o for c in code for o in c.outputs if o.output_type == "error"]
    assert errors == []


def test_every_drawing_holds_the_numbers_its_cell_prints(executed: Any) -> None:
    drawn_cells = 0
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        svg = _svg(cell)
        if svg is None:
            continue
        drawn_cells += 1
        assert cell.outputs[-1]["data"]["text/plain"].strip()  # the text fallback
        numbers = _drawn_numbers(svg)
        printed = [float(n) for n in NUMBER.findall(_printed(cell))]
        assert printed, cell.source
        missing = [p for p in printed if p not in numbers]
        assert missing == [], (cell.source, sorted(numbers))
    assert drawn_cells >= 6


def test_the_guides_numbers_come_out(executed: Any) -> None:
    out = "\n".join(_printed(c) for c in executed.cells if c.cell_type == "code")
    for shown in ("-6.0 3.0 -2.0", "random search: -5.95289", "-5.8706",
                  "-12.0 {'x': -4.0, 'y': -4.0, 'z': 3.0}", "0.8808", "0.88255"):
        assert shown in out, shown
