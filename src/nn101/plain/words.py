"""The playground, the learning run and a lesson's step said in lines of words.

What a screen draws, written for a screen reader, a braille display or a script: one fact
a line, operators as words ("x times y", not "x * y"), every wire by the name the app gives
it (`Playground.naming`, from state/notation.py: never a name made up here), numbers as
the backward walk prints them (`notation.number`: six significant digits). Nothing here
changes a model; the shell (plain/shell.py) asks, and prints what it is told.

Text from outside (a lesson's text, a formula, an error) goes through `say`, which makes
control characters visible: no line printed here carries a terminal escape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nn101.engine.circuit import BackwardStep
from nn101.engine.gates import Gate, PowGate
from nn101.engine.gradcheck import GradientCheck
from nn101.engine.learning import StepDetail
from nn101.state import controls
from nn101.state.learning import Learning
from nn101.state.notation import ChainTerm, Naming, number
from nn101.state.playground import Playground
from nn101.state.text import visible

SPOKEN = {
    "multiply": "{0} times {1}",
    "add": "{0} plus {1}",
    "subtract": "{0} minus {1}",
    "divide": "{0} divided by {1}",
    "power": "{0} to the power {1}",
    "max": "the larger of {0} and {1}",
    "negate": "minus {0}",
    "reciprocal": "1 divided by {0}",
}
"""A gate's forward pass in words, by the engine's gate name; a one-input gate not listed
here (sigmoid, exp, log, tanh, relu) reads as "sigmoid of x"."""
_EMPHASIS = re.compile(r"\*\*|__|`|(?<![\w*])\*(?=\S)|(?<=[^\s*])\*(?![\w*])")
"""Markdown's emphasis marks (`**bold**`, `*it*`, `code`); a product's `a*b` stays."""
_HEADING = re.compile(r"^#+\s*")


def say(text: str) -> list[str]:
    """Outside text as lines: control characters visible, one printed line per line."""
    return [visible(part) for part in text.split("\n")]


def prose(markdown: str) -> list[str]:
    """A lesson's Markdown as plain lines: headings and emphasis marks dropped (a screen
    reader would read every asterisk), blank lines at the ends removed."""
    lines = [_EMPHASIS.sub("", _HEADING.sub("", part)).rstrip()
             for part in markdown.strip("\n").split("\n")]
    return say("\n".join(lines))


def forward_words(gate: Gate, naming: Naming) -> str:
    """`x times y`, `sigmoid of q2`, `x3 to the power 2`."""
    names = [naming(u) for u in gate.inputs]
    if isinstance(gate, PowGate):
        names.append(number(gate.exponent))
    template = SPOKEN.get(gate.name)
    if template is None:
        return f"{gate.name} of {', '.join(names)}"
    return template.format(*names)


def gate_line(gate: Gate, naming: Naming, gradients_known: bool = True) -> str:
    """`multiply gate f = x times y: value -6, gradient 1; to x: 3, to y: -2`: what the
    gate makes, its output's gradient, and the gradient it sends down each input wire
    (local gradient times the output's; a constant of the formula gets none)."""
    out = naming(gate.out)
    head = f"{gate.name} gate {out} = {forward_words(gate, naming)}: value {number(gate.out.value)}"
    if not gradients_known:
        return head + ", gradient not computed yet"
    sent = [f"to {naming(u)}: {number(local * gate.out.grad)}"
            for u, local in zip(gate.inputs, gate.local_gradients(), strict=True)
            if naming.is_variable(u)]
    return f"{head}, gradient {number(gate.out.grad)}" + ("; " + ", ".join(sent) if sent else "")


def circuit_lines(pg: Playground) -> list[str]:
    """Every gate in forward order (inputs first, the output last), one a line."""
    naming = pg.naming
    gates = pg.circuit.gates
    lines = [f"circuit: {len(gates)} gate{'s' if len(gates) != 1 else ''}, from the inputs "
             f"to the output {naming(pg.circuit.output)}"]
    lines += [gate_line(g, naming, pg.gradients_known and pg.problem is None) for g in gates]
    return lines


def inputs_line(pg: Playground) -> str:
    """`inputs: x = -2, y = 3`."""
    return "inputs: " + ", ".join(f"{n} = {number(v)}" for n, v in pg.inputs().items())


def gradients_line(pg: Playground) -> str:
    grads = pg.gradients()
    if grads is None or pg.problem is not None:
        return "gradients: not computed"
    return "gradients: " + ", ".join(f"{n} {number(v)}" for n, v in grads.items())


def status_line(pg: Playground) -> str:
    """`iteration 1, output f = -5.87, analytic gradient (backprop)` and how the run stands."""
    name = pg.naming(pg.circuit.output)
    text = f"iteration {pg.iteration}, output {name} = {number(pg.output)}"
    if pg.status == "diverged":
        return text + f"; the run diverged: {visible(pg.message)} (reset starts again)"
    if pg.status == "blocked":
        return text + f"; blocked: {visible(pg.message)} (set an input to move the point)"
    return text


def settings_line(pg: Playground, hidden: Iterable[controls.Control] = ()) -> str:
    """The method and the settings it uses, as their fields show them."""
    method = pg.settings.method
    parts = [f"method {method.label}"]
    gone = set(hidden)
    for control in controls.METHOD_FIELDS:
        if control.applies_to(method) and control not in gone:
            parts.append(f"{control.label} {number(getattr(pg.settings, control.key))}")
    if pg.upstream != 1.0:
        parts.append(f"dx {number(pg.upstream)}")
    return "settings: " + ", ".join(parts)


def playground_lines(pg: Playground, hidden: Iterable[controls.Control] = ()) -> list[str]:
    """`show`: what is open, where the run stands, the inputs and the circuit."""
    title = pg.name + ": " + pg.title if pg.name else pg.title
    return [*say(title), status_line(pg), settings_line(pg, hidden), inputs_line(pg),
            gradients_line(pg), *circuit_lines(pg)]


def walk_lines(step: BackwardStep, terms: list[ChainTerm], naming: Naming, done: int,
               total: int) -> list[str]:
    """One gate of the backward walk: the gate, then each input's share by the chain rule."""
    gate = step.gate
    out = naming(gate.out)
    lines = [f"walk, gate {done} of {total}: {gate.name} gate {out} = "
             f"{forward_words(gate, naming)}, gradient arriving {number(step.out_grad)}"]
    for t in terms:
        if not t.variable:
            continue
        formula = f" ({t.local_formula})" if t.local_formula else ""
        line = (f"to {t.input_name}: local gradient {number(t.local)}{formula} times "
                f"{number(t.upstream)} = {number(t.product)}")
        if t.uses > 1:
            line += (f"; {t.input_name} feeds {t.uses} gates, its gradients add: "
                     f"{number(t.grad_after)} so far")
        lines.append(line)
    if done == total:
        lines.append("walk complete: every gradient is known (walk again starts over)")
    return lines


def check_lines(check: GradientCheck) -> list[str]:
    """The gradient check, one input a line, then the verdict."""
    lines = [f"gradient check, h {number(check.h)}, {check.difference} difference:"]
    for name, analytic in check.analytic.items():
        lines.append(f"{name}: backprop {number(analytic)}, numerical "
                     f"{number(check.numerical[name])}, relative error "
                     f"{check.relative_error[name]:.2g}")
    if check.ok:
        lines.append(f"ok: backprop agrees with the numerical gradient (every relative "
                     f"error at most {check.tolerance:g})")
    else:
        why = check.explained()
        lines.append(f"disagree: {', '.join(check.failed())} over the tolerance "
                     f"{check.tolerance:g}")
        lines += [f"{n}: {visible(reason)}" for n, reason in why.items()]
    return lines


def learning_lines(learning: Learning, hidden: Iterable[controls.Control] = ()) -> list[str]:
    """`show` for a learning run: settings, where it stands, the parameters."""
    t = learning.training
    gone = {c.key for c in hidden}
    config = learning.config
    settings = [f"{c.label} {learning.text(c.key)}" for c in
                (controls.MODEL, controls.DATASET, *controls.TRAINING_FIELDS)
                if c.key not in gone and not (c is controls.HIDDEN and config["model"] != "net")]
    lines = ["learning from data: " + ", ".join(settings), training_line(learning)]
    lines.append("parameters: " + ", ".join(f"{n} = {number(v)}"
                                            for n, v in t.model.param_values().items()))
    points = ", ".join(f"({number(p.x)}, {number(p.y)}) label {p.label:+d}"
                       for p in t.dataset.points[:12])
    more = len(t.dataset.points) - 12
    lines.append(f"data: {len(t.dataset.points)} points: {points}"
                 + (f" and {more} more" if more > 0 else ""))
    return lines


def training_line(learning: Learning) -> str:
    """`iteration 300: 6 of 6 right (100%), loss 0.12`, and a diverged run's reason."""
    t = learning.training
    final = t.final
    text = (f"iteration {t.iteration}: {final.correct} of {final.total} right "
            f"({final.accuracy:.0%}), loss {number(final.loss, 4)}")
    if t.status == "diverged":
        text += f"; the run diverged: {visible(t.message)} (reset starts again)"
    return text


def pull_line(last: StepDetail | None) -> str:
    """What the last iteration picked and pulled."""
    if last is None:
        return "no iteration taken yet"
    p = last.point
    return (f"last pick: point {last.index} ({number(p.x)}, {number(p.y)}) label "
            f"{p.label:+d}, score {number(last.score)}, pull {number(last.pull)}")

