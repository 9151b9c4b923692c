"""The notebook section of `make bench` runs and prints its five rows (nothing is timed
here: the figures are not looked at, only that each row printed one with its ratio)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import notebook_bench  # noqa: E402
import run  # noqa: E402


def test_the_notebook_section_prints_a_row_per_display(capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    notebook_bench.table(0.002)
    rows = [line for line in capsys.readouterr().out.splitlines()
            if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + 5
    assert rows[1].endswith("| 1.0x |")  # the reference against itself
    assert all(row.rstrip(" |").endswith("x") for row in rows[1:])


def test_the_section_can_be_picked_alone() -> None:
    assert run._sections("notebook") == frozenset({"notebook"})
