"""Tables for people: what `list`, `run` and `check` print without --json.

Nothing here is rich markup: every cell, title and line is a `Text` built from plain
strings, and text that came from outside (a formula and its comment, a message) has its
control characters made visible (`nn101.state.text`), so `x#[/]` is printed as typed and
an escape in a comment reaches the terminal as the letters \x1b, not as an escape.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from nn101.state.text import visible

SHOWN_STEPS = 20
"""A long run prints its first and last steps; --json has every one."""


def _fmt(value: float | str | None) -> str:
    if isinstance(value, str):  # a non-finite number in JSON form: "inf", "-inf", "nan"
        return value
    return "" if value is None else f"{value:.6g}"


def _console() -> Console:
    return Console(markup=False, emoji=False, highlight=False)


def _plain(text: str, style: str = "") -> Text:
    """Outside text as a cell or a line: never markup, control characters visible."""
    return Text(visible(text), style=style)


def _line(*parts: str | tuple[str, str]) -> Text:
    """A line of plain pieces; a (text, style) pair is styled. No markup is read."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(visible(part[0]), style=part[1])
        else:
            text.append(visible(part))
    return text


def scenario_table(rows: list[dict[str, Any]]) -> None:
    table = Table(title="Scenarios (nn101-tui run NAME)")
    for column in ("name", "group", "expression", "inputs"):
        table.add_column(column)
    for row in rows:
        inputs = ", ".join(f"{k}={v:g}" for k, v in row["inputs"].items())
        table.add_row(*(_plain(cell) for cell in (row["name"], row["group"],
                                                  row["expression"], inputs)))
    _console().print(table)


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
    table = Table(title=_plain(title))
    for kind, name in columns:
        header = {"value": name, "grad": f"d{name}"}.get(kind, kind)
        style = {"output": "bold", "grad": "green"}.get(kind, "")
        table.add_column(_plain(header), justify="right", style=style, overflow="fold")
    for row in rows:
        if row is None:
            table.add_row("...", *["" for _ in columns[1:]])
        else:
            table.add_row(*[Text(row.get(c, "")) for c in columns])
    return table


def run_report(result: dict[str, Any]) -> None:
    console = _console()
    names = list(result["start"]["inputs"])
    title = result["scenario"] or result["expression"]
    heading = f"{title}: {result['method']}, step size {_fmt(result['step_size'])}"
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
    _status(console, result)


def _status(console: Console, result: dict[str, Any]) -> None:
    status, message = result["status"], result["message"]
    if status in ("diverged", "interrupted"):
        if message.startswith(status + " "):  # "diverged at iteration 17: ...": said once
            console.print(_line((status, "bold red"), message[len(status):]))
        else:
            console.print(_line((status, "bold red"), ": ", message))


def check_report(result: dict[str, Any]) -> None:
    title = result["scenario"] or result["expression"]
    table = Table(title=_plain(f"Gradient check: {title} (h={result['h']:g}, "
                               f"{result['difference']})"))
    for column in ("input", "value", "analytic", "numerical", "relative error", ""):
        table.add_column(column, justify="right")
    for name, value in result["inputs"].items():
        err = result["relative_error"][name]
        ok = isinstance(err, float) and err <= result["tolerance"]
        mark = Text("ok", style="green") if ok else Text("FAIL", style="red")
        table.add_row(_plain(name), _fmt(value), _fmt(result["analytic"][name]),
                      _fmt(result["numerical"][name]), _sci(err), mark)
    console = _console()
    console.print(table)
    verdict = ("passes", "green") if result["ok"] else ("fails", "red")
    console.print(_line(f"max relative error {_sci(result['max_relative_error'])}: ",
                        verdict, f" (tolerance {result['tolerance']:g})"))
    for name, why in result.get("kinks", {}).items():
        console.print(_line(f"{name}: {why}"))


def _sci(value: float | str) -> str:
    return value if isinstance(value, str) else f"{value:.2e}"


def train_report(result: dict[str, Any]) -> None:
    """`train` without --json: accuracy and loss as they went, then the final parameters."""
    console = _console()
    model = "linear SVM" if result["model"] == "svm" else (
        f"2-layer net ({result['hidden']} {result.get('activation') or 'relu'})")
    console.print(_line((f"{model} on {result['dataset']}", "bold"),
                        f": step size {result['step_size']:g}, regularization "
                        f"{result['regularization']:g}, seed {result['seed']}"))
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
                  f"({final['accuracy']:.1%}), loss {_fmt(final['loss'])}")
    _status(console, result)


def class_report(result: dict[str, Any]) -> None:
    """`train mlp` without --json: the settings, the losses as they went, the final line."""
    console = _console()
    opt = result["optimizer"]
    preset = f" (preset {result['preset']})" if result["preset"] else ""
    console.print(_line((f"mlp 2-{result['hidden']}-{result['classes']} "
                         f"{result['activation']} on {result['dataset']}{preset}", "bold"),
                        f": {opt['name']} step size {opt['step_size']:g}, init "
                        f"{result['init']}, batch {result['batch'] or 'full'}, seed "
                        f"{result['seed']}"))
    table = Table()
    for column in ("iter", "loss", "accuracy", "val loss", "val accuracy"):
        table.add_column(column, justify="right")
    history = result["history"]
    shown = history if len(history) <= 2 * SHOWN_STEPS else [*history[:SHOWN_STEPS], None,
                                                            *history[-SHOWN_STEPS:]]
    for row in shown:
        if row is None:
            table.add_row("...", "", "", "", "")
            continue
        val = row["val_accuracy"]
        table.add_row(str(row["iteration"]), _fmt(row["loss"]), f"{row['accuracy']:.1%}",
                      _fmt(row["val_loss"]), "" if val is None else f"{val:.1%}")
    console.print(table)
    final = result["final"]
    val = final["val_accuracy"]
    console.print(f"final: training loss {_fmt(final['loss'])}, accuracy "
                  f"{final['accuracy']:.1%}; validation "
                  + ("none" if val is None else f"loss {_fmt(final['val_loss'])}, accuracy "
                     f"{val:.1%}"))
    _status(console, result)


def compare_report(setting: str, rows: list[dict[str, Any]]) -> None:
    """`train mlp --compare`: one row of final numbers per value of the setting."""
    console = _console()
    table = Table(title=f"same seed and data, {setting} changed")
    for column in (setting, "iterations", "loss", "accuracy", "val loss", "val accuracy",
                   "status"):
        table.add_column(column, justify="left" if column in (setting, "status") else "right")
    for row in rows:
        val = row["val_accuracy"]
        table.add_row(_plain(str(row[setting])), str(row["iterations"]), _fmt(row["loss"]),
                      f"{row['accuracy']:.1%}", _fmt(row["val_loss"]),
                      "" if val is None else f"{val:.1%}", row["status"])
    console.print(table)
