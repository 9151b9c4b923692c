"""The engine section of `make bench`: every nn101 pass of a row (built once, rebuilt with
`output.backward()`, rebuilt through a new Circuit) gives micrograd's gradients, and the
table prints each row with all its columns. Nothing is timed: the figures are not looked
at, only that each was printed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run  # noqa: E402
from workloads import net, neuron, random_expression  # noqa: E402


def test_every_nn101_pass_gives_micrograds_gradients() -> None:
    for w in (neuron(), random_expression(300, seed=3), net(5)):
        reference = w.theirs()
        assert w.rebuilt_circuit is not None
        for nn101 in (w.ours, w.rebuilt, w.rebuilt_circuit, w.rebuilt):  # twice: no doubling
            assert run.max_relative_difference(nn101(), reference) <= run.TOLERANCE, w.name


def test_the_table_has_both_rebuilt_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert run.compare([neuron(), random_expression(300, seed=3)], 0.002)
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in capsys.readouterr().out.splitlines()
            if line.startswith("| ") and "---" not in line]
    assert rows[0][4] == "nn101 rebuilt every pass"
    assert rows[0][6] == "rebuilt, through a new `Circuit`"
    assert len(rows) == 3 and all(len(row) == len(rows[0]) == 9 for row in rows)
    assert all(row[i].strip("*").endswith("x") for row in rows[1:] for i in (3, 5, 7))
    assert all(row[8].startswith("same") for row in rows[1:])
