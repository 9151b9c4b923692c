"""Every app row of the benchmark still runs against the app as it is now.

The rows wait for texts the app shows ("iteration 3 ·", "above a wire: its value", the
learning screen's "--iterations 3", "paused"); a change of wording or of a key would
leave `make bench` waiting for a frame that never comes. So each row runs here once, on
its smallest amount of work. Nothing is timed: the rows' numbers are not looked at, only
that every row printed one. The before/now comparison's bookkeeping is checked apart, on
a stand-in for the app (running every row twice would double this test's minute).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import app_bench  # noqa: E402


def table_rows(text: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.strip("|").split("|")]
            for line in text.splitlines() if line.startswith("| ") and "---" not in line]


def test_every_app_row_runs(capsys: pytest.CaptureFixture[str]) -> None:
    app_bench.app_start(1)
    starts = table_rows(capsys.readouterr().out)
    assert [row[0] for row in starts[1:]] == ["minimal Textual app (one Label)",
                                              "`nn101-tui` (the playground)"]
    rows = app_bench.key_to_paint(1)
    capsys.readouterr()
    assert rows[0].name.startswith("minimal") and len(rows) == 1 + 10
    assert all(len(r.samples) == 1 for r in rows)
    assert any("full speed" in r.name for r in rows)
    app_bench.training_throughput(0.4, 0.005)
    training = table_rows(capsys.readouterr().out)
    assert len(training) == 1 + 2  # header, SVM, net
    assert all(cell.endswith(("it/s", "fps", "%")) for row in training[1:] for cell in row[1:])


@pytest.fixture
def two_versions(tmp_path: Path) -> Iterator[app_bench.Code]:
    (tmp_path / "src" / "nn101" / "tui").mkdir(parents=True)
    app_bench.compare_with(tmp_path)
    yield app_bench.CODES[0]
    app_bench.CODES[:] = [app_bench.NOW]


def test_before_and_now_take_turns(two_versions: app_bench.Code) -> None:
    before = two_versions
    assert before.label == "before" and before.env["PYTHONPATH"] == str(before.src)
    calls: list[tuple[str, int]] = []

    def work(code: app_bench.Code, n: int) -> list[float]:
        calls.append((code.label, n))
        return [float(len(calls))] * n

    samples = app_bench.interleaved(work, 10)
    assert calls == [("before", 5), ("now", 5), ("before", 5), ("now", 5)]
    assert samples[before] == [1.0] * 5 + [3.0] * 5
    assert samples[app_bench.NOW] == [2.0] * 5 + [4.0] * 5
    assert app_bench.row_name("neuron", before) == "neuron · before"
