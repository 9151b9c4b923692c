"""Tables for people: what `list`, `run` and `check` print without --json."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.measure import Measurement
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


Column = tuple[str, str]
"""(kind, name): kind is "iter", "value", "output", "grad" or "passes"."""


def _run_rows(result: dict[str, Any], names: list[str]) -> list[dict[Column, str] | None]:
    """One row per shown step (None marks the steps left out of a long run)."""
    start = result["start"]
    rows: list[dict[Column, str] | None] = [{
        ("iter", ""): "0", ("output", ""): _fmt(start["output"]),
        **{("value", n): _fmt(start["inputs"][n]) for n in names},
    }]
    steps = result["steps"]
    shown = steps if len(steps) <= 2 * SHOWN_STEPS else [*steps[:SHOWN_STEPS], None,
                                                        *steps[-SHOWN_STEPS:]]
    for s in shown:
        if s is None:
            rows.append(None)
            continue
        grad = s["gradient"] or {}
        rows.append({
            ("iter", ""): str(s["iteration"]), ("output", ""): _fmt(s["output"]),
            ("passes", ""): str(s["forward_passes"]),
            **{("value", n): _fmt(s["inputs"][n]) for n in names},
            **{("grad", n): _fmt(grad.get(n)) for n in names},
        })
    return rows


def _step_table(title: str, columns: list[Column], rows: list[dict[Column, str] | None]) -> Table:
    table = Table(title=title)
    for kind, name in columns:
        header = {"value": name, "grad": f"d{name}"}.get(kind, kind)
        style = {"output": "bold", "grad": "green"}.get(kind, "")
        table.add_column(header, justify="right", style=style, overflow="fold")
    for row in rows:
        if row is None:
            table.add_row("...", *["" for _ in columns[1:]])
        else:
            table.add_row(*[row.get(c, "") for c in columns])
    return table


def run_report(result: dict[str, Any]) -> None:
    console = Console()
    names = list(result["start"]["inputs"])
    title = result["scenario"] or result["expression"]
    heading = f"{title}: {result['method']}, step size {result['step_size']:g}"
    values: list[Column] = [*(("value", n) for n in names), ("output", "")]
    grads: list[Column] = [*(("grad", n) for n in names), ("passes", "")]
    rows = _run_rows(result, names)
    table = _step_table(heading, [("iter", ""), *values, *grads], rows)
    natural = Measurement.get(console, console.options.update_width(10_000), table).maximum
    if natural <= console.width:
        console.print(table)
    else:
        # Too wide (the neuron's 13 columns at 80): rich would cut every number to "0.…".
        # Two narrower tables keep every digit.
        console.print(_step_table(heading, [("iter", ""), *values], rows))
        console.print(_step_table("the gradient each step used", [("iter", ""), *grads], rows))
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
    for name, why in result.get("kinks", {}).items():
        console.print(f"{name}: {why}", markup=False, highlight=False)


def train_report(result: dict[str, Any]) -> None:
    """`train` without --json: accuracy and loss as they went, then the final parameters."""
    console = Console()
    model = "linear SVM" if result["model"] == "svm" else f"2-layer net ({result['hidden']} ReLU)"
    console.print(f"[bold]{model} on {result['dataset']}[/]: step size {result['step_size']:g}, "
                  f"regularization {result['regularization']:g}, seed {result['seed']}")
    table = Table()
    for column in ("iter", "accuracy", "loss"):
        table.add_column(column, justify="right")
    history = result["history"]
    shown = history if len(history) <= 2 * SHOWN_STEPS else [*history[:SHOWN_STEPS], None,
                                                            *history[-SHOWN_STEPS:]]
    for row in shown:
        if row is None:
            table.add_row("...", "", "")
            continue
        table.add_row(str(row["iteration"]), f"{row['accuracy']:.1%}", _fmt(row["loss"]))
    console.print(table)
    params = Table(title="parameters")
    params.add_column("name")
    params.add_column("value", justify="right")
    for name, value in result["params"].items():
        params.add_row(name, _fmt(value))
    console.print(params)
    final = result["final"]
    console.print(f"final: {final['correct']}/{final['total']} correct "
                  f"({final['accuracy']:.1%}), loss {final['loss']:.6g}")
    if result["status"] == "diverged":
        console.print(f"[bold red]diverged[/]: {result['message']}")
