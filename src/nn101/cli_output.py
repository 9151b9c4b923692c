"""Tables for people: what `list`, `run` and `check` print without --json."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

SHOWN_STEPS = 20
"""A long run prints its first and last steps; --json has every one."""


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"


def scenario_table(rows: list[dict[str, Any]]) -> None:
    table = Table(title="Scenarios (nn101-tui run NAME)")
    for column in ("name", "group", "expression", "inputs"):
        table.add_column(column)
    for row in rows:
        inputs = ", ".join(f"{k}={v:g}" for k, v in row["inputs"].items())
        table.add_row(row["name"], row["group"], row["expression"], inputs)
    Console().print(table)


def run_report(result: dict[str, Any]) -> None:
    console = Console()
    names = list(result["start"]["inputs"])
    title = result["scenario"] or result["expression"]
    table = Table(title=f"{title}: {result['method']}, step size {result['step_size']:g}")
    table.add_column("iter", justify="right")
    for name in names:
        table.add_column(name, justify="right")
    table.add_column("output", justify="right", style="bold")
    for name in names:
        table.add_column(f"d{name}", justify="right", style="green")
    table.add_column("passes", justify="right")
    start = result["start"]
    table.add_row("0", *[_fmt(start["inputs"][n]) for n in names], _fmt(start["output"]),
                  *["" for _ in names], "")
    steps = result["steps"]
    shown = steps if len(steps) <= 2 * SHOWN_STEPS else [*steps[:SHOWN_STEPS], None,
                                                        *steps[-SHOWN_STEPS:]]
    for s in shown:
        if s is None:
            table.add_row("...", *["" for _ in range(2 * len(names) + 2)])
            continue
        grad = s["gradient"] or {}
        table.add_row(str(s["iteration"]), *[_fmt(s["inputs"][n]) for n in names],
                      _fmt(s["output"]), *[_fmt(grad.get(n)) for n in names],
                      str(s["forward_passes"]))
    console.print(table)
    console.print(f"forward passes spent: {result['forward_passes']}")
    if result["status"] == "diverged":
        console.print(f"[bold red]diverged[/]: {result['message']}")


def check_report(result: dict[str, Any]) -> None:
    title = result["scenario"] or result["expression"]
    table = Table(title=f"Gradient check: {title} (h={result['h']:g}, {result['difference']})")
    for column in ("input", "value", "analytic", "numerical", "relative error", ""):
        table.add_column(column, justify="right")
    for name, value in result["inputs"].items():
        err = result["relative_error"][name]
        mark = "[green]ok[/]" if err <= result["tolerance"] else "[red]FAIL[/]"
        table.add_row(name, _fmt(value), _fmt(result["analytic"][name]),
                      _fmt(result["numerical"][name]), f"{err:.2e}", mark)
    console = Console()
    console.print(table)
    verdict = "[green]passes[/]" if result["ok"] else "[red]fails[/]"
    console.print(f"max relative error {result['max_relative_error']:.2e}: {verdict} "
                  f"(tolerance {result['tolerance']:g})")
