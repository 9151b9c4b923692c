"""The README's chapter-3 table: each optimizer, with the flags it gives, reaches >= 95%
validation accuracy on yin-yang and on the spiral, exactly the figure the table prints.

The runs are read from the README itself (its "Settings that reach 95%" section), so the
text and the test cannot drift apart; they take about a minute each on a shared machine,
so they run with --run-slow (`make test-long`). The README's flags are parsed on every run.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from nn101.cli import build_parser
from tests.cli.helpers import cli

README = Path(__file__).parent.parent.parent / "README.md"


def section() -> str:
    text = README.read_text()
    start = text.index("### Settings that reach 95% validation accuracy")
    return text[start:text.index("\n### ", start + 10)]


def runs() -> list[tuple[str, list[str], str]]:
    """(name, flags, the percentage printed) for every cell of the table."""
    body = section()
    common = re.search(r"With `([^`]+)`", body)
    datasets = re.findall(r"`(--dataset [^`]+)`", body)
    assert common is not None and len(datasets) == 2
    found = []
    for row in re.findall(r"^\| (\w+) \| `([^`]+)` \| ([\d.]+)% \| ([\d.]+)% \|$", body,
                          re.MULTILINE):
        name, flags, *cells = row
        for data, cell in zip(datasets, cells, strict=True):
            args = [*shlex.split(common[1]), *shlex.split(data), *shlex.split(flags)]
            found.append((f"{name} {data.split()[1]}", args, cell))
    return found


def test_the_table_has_four_optimizers_on_two_data_sets_and_its_flags_parse() -> None:
    found = runs()
    assert len(found) == 8
    assert {name.split()[0] for name, _, _ in found} == {"sgd", "momentum", "adam", "adamw"}
    for _, args, cell in found:
        build_parser().parse_args(["train", "mlp", *args])  # exits 2 on a bad flag
        assert float(cell) >= 95.0


@pytest.mark.slow
@pytest.mark.parametrize(("name", "args", "cell"), runs(), ids=[r[0] for r in runs()])
def test_each_optimizer_reaches_95_percent_as_the_readme_says(
        capsys: pytest.CaptureFixture[str], name: str, args: list[str], cell: str) -> None:
    result = cli(capsys, "train", "mlp", *args, "--every", "2000", "--json")
    final = result.json()["final"]
    assert final["val_accuracy"] >= 0.95, name
    assert f"{final['val_accuracy']:.1%}" == (f"{float(cell):.1f}%" if cell != "100"
                                              else "100.0%"), name
