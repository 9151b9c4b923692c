"""Predict, then reveal: the backward walk as a quiz.

The gradients are hidden. The walk goes gate by gate from the output, as backprop does;
at each gate the learner types, for each input wire, the gradient that gate sends down
it (local gradient × the gradient arriving from above). A right answer, within a
tolerance the learner can see, reveals it; a wrong one gives a hint (the local gradient,
with its formula, and the upstream gradient) and asks again. The learner may give up on a
question, which reveals it without a point. At the end, a score.

Pure state: every number is computed when the quiz starts (one backward walk), so
answering never touches the circuit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nn101.engine.circuit import Circuit
from nn101.engine.errors import InputError
from nn101.engine.numerics import parse_number
from nn101.state import notation


@dataclass(frozen=True)
class Tolerance:
    """An answer is right when |answer - truth| <= max(absolute, relative × |truth|)."""

    absolute: float = 1e-3
    relative: float = 1e-2

    def accepts(self, answer: float, truth: float) -> bool:
        return abs(answer - truth) <= max(self.absolute, self.relative * abs(truth))

    def describe(self) -> str:
        """What the learner sees: `within 0.001 or 1% of the answer, whichever is larger`."""
        return (f"within {self.absolute:g} or {self.relative * 100:g}% of the answer, "
                "whichever is larger")


@dataclass(frozen=True)
class Question:
    """One input wire of one gate: what gradient does the gate send down it?"""

    number: int
    """0 for the first question."""
    step: int
    """Which gate of the walk (0 the output's gate)."""
    gate_index: int
    """The gate's position in the circuit's topological order (circuit.gates[i])."""
    gate_name: str
    slot: int
    input_name: str
    output_name: str
    prompt: str
    """`d(a) through a * x: ?`: what the screen asks."""
    term: notation.ChainTerm
    """The answer and its parts (hidden until revealed): product, local, upstream, formula."""

    @property
    def answer(self) -> float:
        return self.term.product


@dataclass(frozen=True)
class Hint:
    local: float
    local_formula: str
    upstream: float
    upstream_name: str
    text: str
    """`local gradient of a in a * x: x = -1; upstream gradient dq = 0.104994;
    multiply them`."""


@dataclass(frozen=True)
class Feedback:
    correct: bool
    text: str
    hint: Hint | None = None
    """Given after a wrong answer."""
    revealed: float | None = None
    """The right value, once revealed (a right answer or giving up)."""


@dataclass(frozen=True)
class Score:
    right_first_time: int
    right: int
    """Right in the end, at any attempt (given-up questions are not)."""
    given_up: int
    total: int
    wrong_attempts: int

    @property
    def text(self) -> str:
        return (f"{self.right_first_time}/{self.total} right first time, {self.right}/"
                f"{self.total} in the end, {self.given_up} given up, "
                f"{plural(self.wrong_attempts, 'wrong answer')}")


def plural(count: int, noun: str) -> str:
    """`1 wrong answer`, `2 wrong answers`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass
class _Record:
    attempts: list[float] = field(default_factory=list)
    right: bool = False
    given_up: bool = False


class Quiz:
    """The backward walk of `circuit` at its current point, from the output's gradient
    `upstream`, as questions (see the module's docstring)."""

    def __init__(self, circuit: Circuit, upstream: float = 1.0,
                 tolerance: Tolerance | None = None,
                 naming: notation.Naming | None = None) -> None:
        self.tolerance = tolerance or Tolerance()
        self.upstream = float(upstream)
        names = naming or notation.Naming(circuit)
        self.output_name = names(circuit.output)
        circuit.forward()
        uses = notation.uses_of(circuit)
        questions: list[Question] = []
        self.steps = 0
        for walk_index, step in enumerate(circuit.backward_steps(upstream)):
            self.steps += 1
            for term in notation.chain_rule(step, names, uses):
                if not term.variable:
                    continue  # a constant's gradient is no question
                gate = step.gate
                prompt = (f"d{term.input_name} from {notation.forward_formula(gate, names)} "
                          f"(input {term.slot + 1} of {gate.name}): ?")
                questions.append(Question(len(questions), walk_index, step.index, gate.name,
                                          term.slot, term.input_name, term.output_name,
                                          prompt, term))
        self.questions: tuple[Question, ...] = tuple(questions)
        self._records = [_Record() for _ in questions]
        self._at = 0

    # --- where the quiz is ------------------------------------------------------------------

    @property
    def current(self) -> Question | None:
        """The question being asked; None when the quiz is over."""
        return self.questions[self._at] if self._at < len(self.questions) else None

    @property
    def finished(self) -> bool:
        return self._at >= len(self.questions)

    @property
    def given(self) -> str:
        """The one gradient known from the start, the force on the output: `ds = 1`."""
        return f"d{self.output_name} = {notation.number(self.upstream)}"

    def revealed(self) -> dict[tuple[int, int], float]:
        """What the screen may show: (gate index, slot) -> the gradient sent down that
        wire, for every question answered right or given up."""
        return {(q.gate_index, q.slot): q.answer
                for q, r in zip(self.questions, self._records, strict=True)
                if r.right or r.given_up}

    def history(self) -> list[tuple[Question, bool]]:
        """The questions done, in order, each with whether it was given up (revealed
        without a point) rather than answered."""
        return [(q, r.given_up) for q, r in zip(self.questions, self._records, strict=True)
                if r.right or r.given_up]

    def attempts(self, number: int) -> list[float]:
        """The answers typed for question `number`, in order."""
        return list(self._records[number].attempts)

    # --- answering --------------------------------------------------------------------------

    def answer(self, text: str) -> Feedback:
        """Check a typed answer to the current question. A number that is not one
        (InputError) is refused without counting as an attempt."""
        question = self.current
        if question is None:
            raise InputError("the quiz is over")
        value = parse_number(text)
        record = self._records[self._at]
        record.attempts.append(value)
        truth = question.answer
        if self.tolerance.accepts(value, truth):
            record.right = True
            self._at += 1
            return Feedback(True, f"right: {question.term.text}", None, truth)
        hint = self.hint(question)
        return Feedback(False, f"not quite: {notation.number(value)} is not "
                        f"{self.tolerance.describe()}. {hint.text}", hint)

    def hint(self, question: Question | None = None) -> Hint:
        """The local gradient (with its formula) and the upstream gradient."""
        q = question or self.current
        if q is None:
            raise InputError("the quiz is over")
        t = q.term
        formula = f"{t.local_formula} = " if t.local_formula else ""
        text = (f"hint: the local gradient of {t.input_name} is {formula}"
                f"{notation.number(t.local)}; the gradient from above, "
                f"d{t.output_name}, is {notation.number(t.upstream)}: multiply them")
        return Hint(t.local, t.local_formula, t.upstream, f"d{t.output_name}", text)

    def give_up(self) -> Feedback:
        """Reveal the current question's answer, without a point, and move on."""
        question = self.current
        if question is None:
            raise InputError("the quiz is over")
        self._records[self._at].given_up = True
        self._at += 1
        return Feedback(False, f"the answer: {question.term.text}", None, question.answer)

    def score(self) -> Score:
        records = self._records
        return Score(
            sum(1 for r in records if r.right and len(r.attempts) == 1),
            sum(1 for r in records if r.right),
            sum(1 for r in records if r.given_up),
            len(records),
            sum(len(r.attempts) - (1 if r.right else 0) for r in records),
        )
