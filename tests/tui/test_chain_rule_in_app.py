"""The chain rule on screen: per-wire gradients, the walk's products, the equations pane,
dx, the quiz, formulas with start values, and the surprises explained.

Oracles: sympy's partial derivatives with each use of a variable split apart (see
tests/engine/test_wires.py), the guide's equations (tests/state/test_notation.py's GUIDE,
copied from the seed with its errata fixed), and numbers worked out by hand in comments.
"""

from __future__ import annotations

import re

import pytest
from textual.widgets import Input

from nn101.state.controls import DX, input_control
from nn101.tui.app import PlaygroundApp
from nn101.tui.widgets.circuit_drawing import CircuitDrawing
from nn101.tui.widgets.circuit_view import CircuitView
from nn101.tui.widgets.control_form import ControlForm
from nn101.tui.widgets.text_lines import TextLines
from tests.cli.helpers import cli
from tests.engine.oracle import from_text
from tests.engine.test_wires import expected_uses
from tests.state.test_notation import GUIDE
from tests.tui.helpers import open_field, pane_text, table_rows, wire_row

SIZE = (120, 36)
NEURON = "sig(a*x + b*y + c)"
NEURON_POINT = {"a": 1.0, "b": 2.0, "c": -3.0, "x": -1.0, "y": 3.0}


def make(scenario: str | None = None, expression: str | None = None) -> PlaygroundApp:
    return PlaygroundApp(scenario=scenario, expression=expression, cursor_blink=False)


def with_point(formula: str, point: dict[str, float]) -> str:
    return formula + " @ " + ", ".join(f"{n}={v!r}" for n, v in point.items())


def sums_on_screen(app: PlaygroundApp) -> dict[str, tuple[list[float], float]]:
    """`x: 1·1 + 5·1 = 6` lines under the circuit: name -> (each wire's product, total)."""
    found = {}
    for row in pane_text(app, "#sums").splitlines():
        match = re.fullmatch(r"(\w+): (.*) = (\S+)", row.strip())
        if match is None:
            continue
        products = []
        for term in match.group(2).split(" + "):
            local, upstream = (float(f.strip("()")) for f in term.split("·"))
            products.append(local * upstream)
        found[match.group(1)] = (products, float(match.group(3)))
    return found


SHARED = [
    ("x*x", {"x": 3.0}),
    ("x*y + x", {"x": 3.0, "y": 5.0}),
    ("a*a + a", {"a": -1.5}),
]


@pytest.mark.parametrize(("formula", "point"), SHARED)
async def test_shared_inputs_show_each_wire_and_the_sum(
        capsys: pytest.CaptureFixture[str], formula: str, point: dict[str, float]) -> None:
    # the CLI's JSON must write the same sums (its "sum" field) as the screen; asked
    # before the app runs (a running app takes stdout)
    sets = [arg for n, v in point.items() for arg in ("--set", f"{n}={v!r}")]
    data = cli(capsys, "check", "--expr", formula, *sets, "--json").json()
    app = make(expression=with_point(formula, point))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        expected = expected_uses(formula, point, 1.0)
        shown = sums_on_screen(app)
        lines = pane_text(app, "#sums")
        for name, want in expected.items():
            if len(want) > 1:
                assert data["wires"][name]["sum"] in lines, (data["wires"][name], lines)
        for name, want in expected.items():
            if len(want) < 2:
                assert name not in shown  # used once: nothing to add up
                continue
            products, total = shown[name]
            assert sorted(products) == pytest.approx(want, rel=1e-5)
            assert total == pytest.approx(sum(want), rel=1e-5)
        # the gates table carries the same sum
        rows = {r[0]: r for r in table_rows(app, "#gates") if r[0].startswith("Σ")}
        for name, want in expected.items():
            if len(want) > 1:
                assert float(rows[f"Σ d{name}"][3]) == pytest.approx(sum(want), rel=1e-5)


def _tree_rows(app: PlaygroundApp) -> list[list[str]]:
    """The tree's rows as words, the branch lines and each wire's `(k of n)` taken out."""
    text = pane_text(app, "#circuit")
    for mark in "├└│":
        text = text.replace(mark, " ")
    text = re.sub(r"\([0-9]+ of [0-9]+\)", " ", text)
    return [row.split() for row in text.splitlines()]


async def test_tree_shows_each_wires_own_local_gradient() -> None:
    """x*y + x at x=3, y=5: walking the + gate, the x under + has local gradient 1 (not
    y = 5: the local gradient belongs to the wire), the x under * none yet. Each x leaf
    shows its own wire's share of the gradient, not x's total; the total is written
    once, where the wires meet (the Σ x row): x: 1·1 + 5·1 = 6."""
    app = make(expression="x*y + x @ x=3, y=5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")  # the tree
        await pilot.press("b")
        await pilot.pause()
        assert app.query_one(CircuitView).display
        x_rows = [r for r in _tree_rows(app) if r and r[0] == "x"]
        assert len(x_rows) == 2
        under_mul, under_add = x_rows  # the tree lists x*y first
        assert len(under_mul) == 4  # no local: its gate is not walked yet
        assert under_mul[3] == "0.00000"  # its share: * is not walked yet
        assert under_add[3] == "1.00000" and under_add[4] == "1.00000"  # share 1·1, local 1
        walk = pane_text(app, "#walk")
        # the chain rule for each input of +: dx += 1.0 × df = 1 × 1 = 1
        assert "dx += 1.0 × df = 1 × 1 = 1" in walk
        await pilot.press("b")
        await pilot.pause()
        rows = _tree_rows(app)
        under_mul, under_add = [r for r in rows if r and r[0] == "x"]
        assert under_mul[4] == "5.00000" and len(under_add) == 4  # local of x in x*y: y
        assert under_mul[3] == "5.00000" and under_add[3] == "1.00000"  # shares 5·1, 1·1
        total = next(r for r in rows if r[:2] == ["Σ", "x"])
        assert total[-1] == "6.00000"  # where they meet: 5 + 1
        assert "x: 1·1 + 5·1 = 6" in pane_text(app, "#sums")  # complete: the sum


async def test_neuron_gradients_match_sympy_wire_by_wire() -> None:
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        grad = from_text(NEURON, list(NEURON_POINT)).gradient(NEURON_POINT)
        expected = expected_uses(NEURON, NEURON_POINT, 1.0)
        for name, want in expected.items():
            assert len(want) == 1  # each input feeds one wire
            assert float(wire_row(app, name)[3]) == pytest.approx(grad[name], abs=1e-5)
            assert float(wire_row(app, name)[3]) == pytest.approx(want[0], abs=1e-5)
        assert not app.query_one("#sums").display  # nothing adds up in the neuron


async def test_walk_writes_the_chain_rule_with_the_local_formula() -> None:
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        await pilot.pause()
        walk = pane_text(app, "#walk")
        # the sigmoid: local s(1-s) = 0.880797 * 0.119203 = 0.104994, times ds = 1
        assert "local × upstream" in walk
        assert "= s * (1 - s) × ds = 0.104994 × 1 = 0.104994" in walk


@pytest.mark.parametrize("name", list(GUIDE))
async def test_equations_pane_is_the_guides(name: str) -> None:
    app = make(name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert app.query_one("#equations").display and not app.query_one("#gates").display
        text = pane_text(app, "#equations-text")
        lines = [line.strip() for line in text.splitlines()]
        backward = [line for line in lines if re.match(r"d\w+ \+?= ", line)]
        _, guide = GUIDE[name]
        formulas = sorted(" = ".join(line.split(" = ")[:2]) for line in backward)
        assert formulas == sorted(guide)
        # the numbers: each input's lines add up to the engine's gradient
        gradients = app.circuit.pg.gradients()
        assert gradients is not None
        for input_name, want in gradients.items():
            total = sum(float(line.rsplit(" = ", 1)[1]) for line in backward
                        if line.startswith(f"d{input_name} "))
            assert total == pytest.approx(want, rel=1e-5, abs=1e-9)


async def test_equations_follow_the_walk_and_dx() -> None:
    app = make("square")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        open_field(app, DX)
        await pilot.press("end", "ctrl+u", "2", "enter", "escape")
        await pilot.pause()
        assert app.circuit.pg.upstream == 2.0
        text = pane_text(app, "#equations-text")
        # x2 = 1 at the start: dx2 = 2 * x2 * dx = 2 * 2 = 4 with dx = 2
        assert "dx = 2" in text and "dx2 = 2 * x2 * dx = 2 * 2 = 4" in text
        assert gradient_in_equations(app, "d") == pytest.approx(-4.0)  # dd = x1*dx2 = -1*4


def gradient_in_equations(app: PlaygroundApp, name: str) -> float:
    """An input's gradient read off the equations pane: its lines' values added up."""
    text = pane_text(app, "#equations-text")
    return sum(float(line.rsplit(" = ", 1)[1]) for line in text.splitlines()
               if line.strip().startswith(f"d{name} "))


async def test_quiz_through_the_neuron() -> None:
    """Right and wrong answers, a refused non-number, a hint, a give-up, and the score."""
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        screen = app.circuit
        quiz = screen.pg.quiz
        assert quiz is not None
        answer = app.query_one("#quiz-answer", Input)
        assert answer.has_focus
        # every gradient is hidden while the quiz runs
        assert "?" in pane_text(app, "#circuit") or app.query_one(CircuitDrawing).display
        text = pane_text(app, "#quiz-text")
        assert "force given ds = 1" in text and "within 0.001 or 1%" in text
        assert "question 1/9" in text and "dq" in text

        async def type_answer(value: str) -> str:
            await pilot.press(*list(value), "enter")
            await pilot.pause()
            return pane_text(app, "#quiz-text")

        text = await type_answer("0.5")  # wrong: the hint is local (with formula) × upstream
        assert "not quite" in text
        assert "local s * (1 - s) = 0.104994" in text and "upstream ds = 1" in text
        assert "question 1/9" in text
        text = await type_answer("abc")  # not a number: refused, not counted
        assert "not counted" in text and "question 1/9" in text
        text = await type_answer("0.105")  # within 1%: right, revealed
        assert "✓ dq" in text and "question 2/9" in text
        # the rest: right first time from the engine's numbers, except one given up
        for i, q in enumerate(quiz.questions[1:], start=1):
            if i == 3:
                await pilot.press("ctrl+g")
                await pilot.pause()
                # the given-up answer is listed as revealed, not as found (✓)
                assert f"· revealed: {q.term.text}" in pane_text(app, "#quiz-text")
                assert f"✓ {q.term.text}" not in pane_text(app, "#quiz-text")
                continue
            await type_answer(f"{q.answer:.6g}")
        text = pane_text(app, "#quiz-text")
        score = quiz.score()
        assert (score.right_first_time, score.right, score.given_up, score.wrong_attempts) \
            == (7, 8, 1, 1)
        assert "score: 7/9 right first time, 8/9 in the end, 1 given up, 1 wrong answer" \
            in text and "1 wrong answers" not in text
        await pilot.press("k")  # ends it: the gradients come back
        await pilot.pause()
        assert screen.pg.quiz is None and not app.query_one("#quiz").display


async def test_k_ends_the_quiz_mid_answer() -> None:
    """The answer field has focus and holds a half-typed answer: k is not typed into it
    (it is never part of a number) but ends the quiz, as the README says."""
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert app.circuit.pg.quiz is not None
        await pilot.press("0", ".", "1", "k")
        await pilot.pause()
        assert app.circuit.pg.quiz is None
        assert app.query_one("#quiz-answer", Input).value in ("", "0.1")
        assert "not a number" not in pane_text(app, "#status")


async def test_quiz_on_a_typed_formula_with_a_shared_input() -> None:
    app = make(expression="x*y + x @ x=3, y=5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        quiz = app.circuit.pg.quiz
        assert quiz is not None
        for q in quiz.questions:
            await pilot.press(*list(f"{q.answer:g}"), "enter")
            await pilot.pause()
        assert quiz.finished and quiz.score().right_first_time == len(quiz.questions)
        assert "score: 4/4 right first time" in pane_text(app, "#quiz-text")


async def test_formula_outside_the_domain_opens_blocked_and_is_fixed() -> None:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = app.query_one("#expression", Input)
        picker.focus()
        await pilot.press(*list("log(x - 2) @ x=1"), "enter")
        await pilot.pause()
        pg = app.circuit.pg
        assert pg.status == "blocked"
        status = pane_text(app, "#status")
        assert "BLOCKED" in status and "log" in status
        open_field(app, pg.controls()[0])
        await pilot.press("end", "ctrl+u", "5", "enter", "escape")
        await pilot.pause()
        assert pg.status == "ok" and pg.output == pytest.approx(1.0986123, rel=1e-6)  # ln 3
        await pilot.press("escape")
        picker.focus()
        await pilot.press("end", "ctrl+u", *list("log(x - 2) @ x=5, y=2"), "enter")
        await pilot.pause()
        assert app.circuit.pg.status == "ok"


async def test_every_input_of_a_large_formula_has_a_field() -> None:
    formula = " + ".join(f"v{i}" for i in range(60))
    app = make(expression=formula)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        form = app.query_one(ControlForm)
        rows = [r.control for r in form.rows if r.control.group == "input"]
        assert len(rows) == 60
        open_field(app, rows[-1])
        await pilot.press("end", "ctrl+u", "4", "enter", "escape")
        await pilot.pause()
        assert app.circuit.pg.inputs()["v59"] == 4.0


async def test_check_at_a_kink_says_so() -> None:
    app = make(expression="max(a, b)")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        text = pane_text(app, "#check")
        assert "FAIL" in text and "at a kink" in text


async def test_methods_compared_says_how_far_each_moved() -> None:
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = pane_text(app, "#compare")
        assert "moved" in text
        assert "random won by moving further" in text
        rows = {r.split()[0]: r.split() for r in text.splitlines() if r.split()}
        # backprop moves a by 0.01 × 0.105 and y by 0.01 × 0.21: at most about 0.003
        assert float(rows["▸"][-1]) == pytest.approx(0.003, abs=0.0006)


async def test_drawing_and_tree_switch_and_fall_back() -> None:
    app = make("single-gate")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(CircuitDrawing).display  # fits: drawn left to right
        await pilot.press("d")
        assert app.query_one(CircuitView).display and not app.query_one(CircuitDrawing).display
        await pilot.press("d")
        assert app.query_one(CircuitDrawing).display
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()  # the neuron: 89 columns wide, the pane has 51 at 120 columns
        assert app.circuit.pg.name == "neuron"
        assert app.query_one(CircuitView).display and not app.query_one(CircuitDrawing).display

    app = make("neuron")
    async with app.run_test(size=(160, 40)) as pilot:  # wide enough: drawn
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(CircuitDrawing).display


async def test_equations_pane_height_follows_the_wrapping_of_new_numbers() -> None:
    """The pane re-lays out only when its wrapped height changes (tui/widgets/
    equations_pane.py): after every new point its text must still be all there, i.e. the
    text's height equals the one Textual's own layout measures for it."""
    app = make("neuron")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        text = app.query_one("#equations-text", TextLines)
        heights = set()
        # x from a short number to long ones and back: "da = x * dq = (...) * ... = ..."
        # wraps onto one more line or one fewer as the numbers grow and shrink.
        for value in ("1", "-123456.789", "0.5", "-1e-9", "2", "7777777.77777", "-3"):
            open_field(app, input_control("x"))
            await pilot.press("end", "ctrl+u", *value, "enter", "escape")
            await pilot.press("space")
            await pilot.pause()
            width = text.content_region.width
            measured = text.get_content_height(text.parent.size, app.size, width)  # type: ignore[union-attr]
            assert text.size.height == measured, value
            heights.add(measured)
        assert len(heights) > 1, "the values chosen must change the wrapping"


async def test_g_on_a_narrow_screen_says_so_and_a_wider_one_shows_the_equations() -> None:
    """Under 100 columns neither the gates table nor the equations fit: g keeps the choice
    (it used to show the hidden gates table, then the equations, in the narrow layout) and
    says when it will show; a resize to a wider terminal shows the equations, up to date."""
    from nn101.tui.widgets.equations_pane import EquationsPane
    from nn101.tui.widgets.gates_table import GatesTable

    app = make("neuron")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.circuit
        assert not screen.query_one(GatesTable).display
        assert not screen.query_one(EquationsPane).display
        assert "from 100 columns" in screen.note
        await pilot.press("space")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.pause()
        assert screen.query_one(EquationsPane).display
        assert not screen.query_one(GatesTable).display
        # the equations of the point after the step: s = sig(q) at iteration 1
        s_line = next(line for line in pane_text(app, "#equations-text").splitlines()
                      if line.startswith("s = sig(q)"))
        assert float(s_line.rsplit(" = ", 1)[1]) == pytest.approx(screen.pg.output, abs=1e-5)
        await pilot.press("g")
        await pilot.pause()
        assert screen.query_one(GatesTable).display
        assert not screen.query_one(EquationsPane).display
