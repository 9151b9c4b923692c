"""Lessons: a teacher's steps through the playground, read from a small TOML file.

A lesson is a title and a list of steps. Each step has a short Markdown text, opens one
thing (a scenario, a formula with start values `f @ x=5`, the learning screen with its
settings, or chapter 3's 3-class screen: `classes = { optimizer = "sgd", ... }`, any
setting of `train mlp`), may hide or lock some controls (named by their key in
`controls.py`: an input's name, `step_size`, `h`, `tries`, `tweak`, `method`; on the
learning screen `step_size`, `regularization`, `seed`, `hidden`, `model`, `dataset`; on
the 3-class screen its settings' keys), and has a goal the app checks:

    output_above / output_below = N   the circuit's output, now
    quiz = true                       every gradient of the backward walk predicted
    accuracy = 0.83                   the learning run's accuracy reached (0 to 1)
    val_accuracy_above = 0.9          the 3-class run's validation accuracy, above (0 to 1)
    loss_below = 0.3                  the 3-class run's training loss, below
    diverged = true                   the circuit's or the learning run's state
    answer = N (tolerance = T)        a number typed in the lesson pane
    walked = true                     the whole backward pass walked, gate by gate (b)
    accumulated = true                a backward pass run without resetting the gradients
                                      (they add up: the inputs' gradients double)

A step may say which view it is about (`show = ["equations"]`: equations, drawing, tree),
for the app to show it.

Hints are shown one more after each failed check. A step may carry a scripted `solution`
(see `Command`), which `nn101-tui lesson FILE --check` and the tests play to prove each
goal reachable; it also proves that the goal is not met before the learner does anything.

Everything here is headless: a `StepState` is one opened step with its own Playground or
Training, which the app's screens show (the circuit screen adopts the playground; the
learning screen is built from the same settings). A bad file raises LessonError with one
line naming the step and the field.
"""

from __future__ import annotations

import json
import math
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from nn101.engine.errors import EngineError, InputError
from nn101.engine.learning import Training, TrainSettings, make_dataset
from nn101.engine.learning.models import HIDDEN
from nn101.engine.numerics import is_finite, parse_number
from nn101.engine.scenarios import SCENARIOS
from nn101.state import controls, limits
from nn101.state.controls import Control
from nn101.state.files import FileError, read_text, write_text_atomic
from nn101.state.nesting import JSON_STRINGS, MAX_DEPTH, TOML_STRINGS, too_deep
from nn101.state.playground import Playground
from nn101.state.quiz import Quiz
from nn101.state.teaching import ASKABLE, NOTHING, PANES, Asked, Teaching
from nn101.state.text import quote, short

if TYPE_CHECKING:  # chapter 3's run loads only for a classes step
    from nn101.state.class_learning import ClassLearning

MAX_LESSON_BYTES = 1024 * 1024
"""A lesson file is text a person wrote: a megabyte is far more than any needs."""
MAX_STEPS = 200
MAX_TEXT = 20_000
"""Characters of one step's text."""
MAX_HINTS = 20
MAX_SOLUTION = 100
"""Commands in one step's solution."""
MAX_TRAIN = 100_000
"""Iterations one `train` command of a solution may ask for."""
MAX_STEP_COMMAND = 10_000
"""Steps one `step` command of a solution may ask for."""
TOUR = "tour.toml"
"""The built-in tour, shipped beside this module."""

Opens = Literal["scenario", "formula", "learning", "classes"]
GoalKind = Literal["none", "output_above", "output_below", "quiz", "accuracy", "diverged",
                   "answer", "walked", "accumulated", "val_accuracy_above", "loss_below"]
GOAL_KINDS: tuple[str, ...] = ("output_above", "output_below", "quiz", "accuracy", "diverged",
                               "answer", "walked", "accumulated", "val_accuracy_above",
                               "loss_below")
FLAG_GOALS = frozenset({"quiz", "diverged", "walked", "accumulated"})
"""Goals written `= true`."""
CIRCUIT_GOALS = frozenset({"output_above", "output_below", "quiz", "diverged", "answer",
                           "walked", "accumulated"})
VIEWS = ("equations", "drawing", "tree")
"""What a step's `show` may name: the circuit screen's views."""
LEARNING_GOALS = frozenset({"accuracy", "diverged", "answer"})
CLASS_GOALS = frozenset({"val_accuracy_above", "loss_below", "diverged", "answer"})
"""A 3-class step's goals: its run's validation accuracy and training loss."""
GOALS_BY_OPENS = {"scenario": CIRCUIT_GOALS, "formula": CIRCUIT_GOALS,
                  "learning": LEARNING_GOALS, "classes": CLASS_GOALS}
TRAINED = frozenset({"learning", "classes"})
"""Steps whose run `train N` trains."""
STEP_FIELDS = frozenset({"title", "text", "scenario", "formula", "learning", "classes", "hide",
                         "lock", "hide_panes", "asks", "hints", "goal", "solution", "show"})
LESSON_FIELDS = frozenset({"title", "about", "step"})
LEARNING_CONTROLS: tuple[Control, ...] = (
    controls.MODEL, controls.DATASET, controls.TRAIN_STEP_SIZE, controls.REGULARIZATION,
    controls.TRAIN_SEED, controls.HIDDEN)
"""What a learning step may set: the learning screen's settings."""
LEARNING_DEFAULTS: dict[str, Any] = {"model": "svm", "dataset": "guide", "step_size": 0.01,
                                     "regularization": 1.0, "seed": 0, "hidden": HIDDEN}
"""The learning screen's start, the guide's settings."""
CIRCUIT_SETTINGS: tuple[Control, ...] = (controls.METHOD, *controls.METHOD_FIELDS)


class LessonError(EngineError):
    """A lesson file that cannot be used: one line naming the step and field."""


@dataclass(frozen=True)
class Goal:
    """What the learner must reach; `kind` "none" is a step to read and move on."""

    kind: GoalKind = "none"
    value: float = 0.0
    tolerance: float = 1e-3
    """For `answer`: how far from `value` a typed number may be."""

    def describe(self) -> str:
        """The goal in the pane: what to do, with the number to reach."""
        v = f"{self.value:g}"
        return {
            "none": "read, then go on (no goal to check)",
            "output_above": f"make the output rise above {v}",
            "output_below": f"make the output fall below {v}",
            "quiz": "predict every gradient of the backward walk (type each in the box)",
            "accuracy": f"train until the accuracy reaches {self.value:.0%}",
            "diverged": "make the run diverge",
            "answer": f"type the answer in the box (within {self.tolerance:g})",
            "walked": "walk the whole backward pass, one gate at a time (b)",
            "accumulated": "run backward again without resetting the gradients",
            "val_accuracy_above": f"train until the validation accuracy is above "
                                  f"{self.value:.0%}",
            "loss_below": f"train until the training loss is below {v}",
        }[self.kind]


@dataclass(frozen=True)
class Command:
    """One line of a scripted solution, as a teacher writes it:

    `step [N]` N steps of the circuit's method (default 1) · `set NAME=VALUE` an input or a
    setting, as typed in its field (`set method=analytic`) · `reset` · `quiz` answer every
    quiz question right · `answer VALUE` type a number in the lesson's box · `train N`
    N iterations of the learning run · `walk [N]` N gates of the backward walk (default:
    all of them) · `backward` one backward pass without resetting the gradients.
    """

    verb: Literal["step", "set", "reset", "quiz", "answer", "train", "walk", "backward"]
    name: str = ""
    text: str = ""
    count: int = 1


@dataclass(frozen=True)
class Step:
    number: int
    """1 for the first step (as the learner and the error messages count)."""
    title: str
    text: str
    opens: Opens
    target: str = ""
    """The scenario's name or the formula, for a circuit step."""
    learning: Mapping[str, Any] = field(default_factory=dict)
    """The learning screen's settings (every key of LEARNING_DEFAULTS), for a learning step."""
    hidden: tuple[Control, ...] = ()
    locked: tuple[Control, ...] = ()
    goal: Goal = Goal()
    hints: tuple[str, ...] = ()
    solution: tuple[Command, ...] = ()
    hidden_panes: tuple[str, ...] = ()
    """Panes the step hides by name (state/teaching.py PANES)."""
    asks: tuple[Asked, ...] = ()
    """What the step's question is about, shown as `?` in every pane until the goal is met
    or the answer revealed: by default the gradients for a circuit step's `answer` goal (the
    quiz asks them itself while it runs); `asks = "accuracy"` or `[]` in the file to change."""
    shows: tuple[str, ...] = ()
    """The views the step is about (VIEWS), for the app to show."""
    classes: Mapping[str, Any] = field(default_factory=dict)
    """The 3-class screen's settings that differ from its defaults, for a classes step."""

    @property
    def name(self) -> str:
        """`step 3 ("The neuron")`: how messages name it."""
        return f"step {self.number} ({short(self.title, 40)!s})"


@dataclass(frozen=True)
class Lesson:
    title: str
    about: str
    steps: tuple[Step, ...]
    key: str
    """Where progress is kept: "tour" for the built-in tour, else the file's full path."""


# --- reading a file --------------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> Lesson:
    """Read and validate a lesson file (LessonError: one line, naming step and field)."""
    where = Path(path)
    try:
        text = read_text(where, MAX_LESSON_BYTES)
    except EngineError as err:
        raise LessonError(f"{short(str(where), 200)}: {err}") from None
    return parse(text, key=str(where.resolve()), source=str(where))


def tour() -> Lesson:
    """The built-in tour of the guide (chapters 1 and 2)."""
    text = resources.files("nn101.state").joinpath(TOUR).read_text(encoding="utf-8")
    return parse(text, key="tour", source="the built-in tour")


def parse(text: str, key: str = "lesson", source: str = "lesson") -> Lesson:
    """A lesson from TOML text; every step opened once to prove it opens."""
    deep = too_deep(text, TOML_STRINGS)
    if deep is not None:
        raise LessonError(f"{short(source, 200)}: {deep}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise LessonError(f"{short(source, 200)}: not valid TOML: {err}") from None
    except RecursionError:  # brackets the measure could not see: refused all the same
        raise LessonError(f"{short(source, 200)}: nested too deeply (at most {MAX_DEPTH} "
                          "levels)") from None
    prefix = f"{short(source, 200)}: "
    unknown = sorted(set(data) - LESSON_FIELDS)
    if unknown:
        raise LessonError(f"{prefix}unknown field {quote(unknown[0])} at the top (fields: "
                          "title, about, [[step]])")
    title = _text(data, "title", prefix + "field ", required=True)
    about = _text(data, "about", prefix + "field ")
    raw_steps = data.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise LessonError(f"{prefix}no steps: add at least one [[step]] table")
    if len(raw_steps) > MAX_STEPS:
        raise LessonError(f"{prefix}{len(raw_steps)} steps (at most {MAX_STEPS})")
    steps = tuple(_step(i, raw, prefix) for i, raw in enumerate(raw_steps, 1))
    return Lesson(title, about, steps, key)


def _text(table: Mapping[str, Any], name: str, where: str, required: bool = False,
          limit: int = MAX_TEXT) -> str:
    value = table.get(name)
    if value is None:
        if required:
            raise LessonError(f"{where}{name}: missing (a text)")
        return ""
    if not isinstance(value, str):
        raise LessonError(f"{where}{name}: must be a text, got {_kind(value)}")
    if len(value) > limit:
        raise LessonError(f"{where}{name}: {len(value)} characters long (at most {limit})")
    return value


def _kind(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "a text",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _step(number: int, raw: object, prefix: str) -> Step:
    if not isinstance(raw, dict):
        raise LessonError(f"{prefix}step {number}: must be a [[step]] table")
    title = raw.get("title")
    label = f"step {number}" + (f" ({short(title, 40)})" if isinstance(title, str) else "")
    where = f"{prefix}{label}, field "

    def fail(name: str, why: str) -> LessonError:
        return LessonError(f"{where}{name}: {why}")

    unknown = sorted(set(raw) - STEP_FIELDS)
    if unknown:
        raise fail(quote(unknown[0]), "unknown field (fields: " + ", ".join(sorted(STEP_FIELDS))
                   + ")")
    title = _text(raw, "title", where, required=True, limit=200)
    text = _text(raw, "text", where)
    given = [k for k in ("scenario", "formula", "learning", "classes") if k in raw]
    if len(given) != 1:
        raise fail("scenario/formula/learning/classes", "give exactly one of them (what the "
                   "step opens)" + (f", got {', '.join(given)}" if given else ""))
    opens: Opens = given[0]  # type: ignore[assignment]
    target, learning, classes = "", {}, {}
    if opens == "learning":
        learning = _learning(raw["learning"], fail)
    elif opens == "classes":
        classes = _classes(raw["classes"], fail)
    else:
        target = _text(raw, opens, where, required=True, limit=10_000)
        if opens == "scenario" and target not in SCENARIOS:
            raise fail("scenario", f"unknown scenario {quote(target)} (scenarios: "
                       f"{', '.join(SCENARIOS)})")
    step = Step(number, title, text, opens, target, learning, classes=classes)
    try:
        state = StepState(step)
    except EngineError as err:
        raise fail(opens, f"does not open: {err}") from None
    hidden = _controls(raw, "hide", state, fail)
    locked = _controls(raw, "lock", state, fail)
    goal = _goal(raw.get("goal"), opens, fail)
    hints = _strings(raw, "hints", fail, MAX_HINTS)
    solution = tuple(_command(i, line, opens, fail)
                     for i, line in enumerate(_strings(raw, "solution", fail, MAX_SOLUTION), 1))
    panes = _names(raw, "hide_panes", PANES, fail)
    default: tuple[str, ...] = ("gradients",) if goal.kind == "answer" and opens not in \
        TRAINED else ()
    asks = _names(raw, "asks", ASKABLE, fail) if "asks" in raw else default
    shows = _names(raw, "show", VIEWS, fail)
    if opens in TRAINED and shows:
        raise fail("show", f"a {opens} step has no circuit views to show")
    return Step(number, title, text, opens, target, learning, hidden, locked, goal, hints,
                solution, panes, asks, shows, classes)  # type: ignore[arg-type]


def _names(raw: Mapping[str, Any], name: str, allowed: Sequence[str],
           fail: Any) -> tuple[str, ...]:
    """A text or a list of texts, each one of `allowed`."""
    value = raw.get(name, [])
    names = _strings({name: [value] if isinstance(value, str) else value}, name, fail, 100)
    for given in names:
        if given not in allowed:
            raise fail(name, f"unknown name {quote(given)} (names: {', '.join(allowed)})")
    return names


def _strings(raw: Mapping[str, Any], name: str, fail: Any, limit: int) -> tuple[str, ...]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(name, "must be a list of texts, e.g. [\"first\", \"second\"]")
    if len(value) > limit:
        raise fail(name, f"{len(value)} entries (at most {limit})")
    if any(len(v) > MAX_TEXT for v in value):
        raise fail(name, f"an entry is longer than {MAX_TEXT} characters")
    return tuple(value)


def _learning(value: object, fail: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail("learning", "must be a table, e.g. { model = \"svm\", regularization = 0 }")
    by_key = {c.key: c for c in LEARNING_CONTROLS}
    settings = dict(LEARNING_DEFAULTS)
    for key, raw in value.items():
        control = by_key.get(key)
        if control is None:
            raise fail(f"learning.{short(key)}", "unknown setting (settings: "
                       + ", ".join(by_key) + ")")
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            raise fail(f"learning.{key}", f"must be a number or a text, got {_kind(raw)}")
        try:
            settings[key] = control.read(str(raw))
        except InputError as err:
            raise fail(f"learning.{key}", str(err)) from None
    return settings


def _classes(value: object, fail: Any) -> dict[str, Any]:
    """A classes step's settings, each read by its control (as a field reads it)."""
    from nn101.state.class_learning import CLASS_SETTINGS_CONTROLS

    if not isinstance(value, dict):
        raise fail("classes", "must be a table, e.g. { optimizer = \"sgd\", step_size = 1 }")
    by_key = {c.key: c for c in CLASS_SETTINGS_CONTROLS}
    settings: dict[str, Any] = {}
    for key, raw in value.items():
        control = by_key.get(key)
        if control is None:
            raise fail(f"classes.{short(key)}", "unknown setting (settings: "
                       + ", ".join(by_key) + ")")
        if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
            raise fail(f"classes.{key}", f"must be a number or a text, got {_kind(raw)}")
        try:
            settings[key] = control.read(str(raw))
        except InputError as err:
            raise fail(f"classes.{key}", str(err)) from None
    return settings


def build_classes(settings: Mapping[str, Any]) -> ClassLearning:
    """The 3-class screen's run for a classes step (its defaults, these settings changed;
    EngineError if they do not go together)."""
    from nn101.state.class_config import ClassConfig
    from nn101.state.class_learning import ClassLearning

    return ClassLearning(ClassConfig(every=1, **settings))


def _controls(raw: Mapping[str, Any], name: str, state: StepState,
              fail: Any) -> tuple[Control, ...]:
    keys = _strings(raw, name, fail, 100)
    available = state.controls()
    by_key = {c.key: c for c in available}
    found = []
    for key in keys:
        if key not in by_key:
            raise fail(name, f"no control {quote(key)} on this step (controls: "
                       + ", ".join(by_key) + ")")
        found.append(by_key[key])
    return tuple(found)


def _goal(value: object, opens: Opens, fail: Any) -> Goal:
    if value is None:
        return Goal()
    if not isinstance(value, dict):
        raise fail("goal", "must be a table, e.g. { output_above = 0.8825 }")
    kinds = [k for k in value if k in GOAL_KINDS]
    extra = sorted(set(value) - set(GOAL_KINDS) - {"tolerance"})
    if extra:
        raise fail(f"goal.{short(extra[0])}", "unknown goal (goals: " + ", ".join(GOAL_KINDS)
                   + ")")
    if len(kinds) != 1:
        raise fail("goal", "give exactly one goal (" + ", ".join(GOAL_KINDS) + ")")
    kind = kinds[0]
    allowed = GOALS_BY_OPENS[opens]
    if kind not in allowed:
        raise fail(f"goal.{kind}", f"not a goal for a {opens} step (goals there: "
                   + ", ".join(sorted(allowed)) + ")")
    raw = value[kind]
    if kind in FLAG_GOALS:
        if raw is not True:
            raise fail(f"goal.{kind}", "must be true")
        number = 0.0
    else:
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not is_finite(raw):
            raise fail(f"goal.{kind}", f"must be a finite number, got {_kind(raw)}")
        number = float(raw)
    if kind in ("accuracy", "val_accuracy_above") and not 0.0 < number <= 1.0:
        raise fail(f"goal.{kind}", f"must be a fraction from 0 to 1 (1 = 100%), got {number:g}")
    tolerance = value.get("tolerance", 1e-3)
    if "tolerance" in value and kind != "answer":
        raise fail("goal.tolerance", "only an answer goal has a tolerance")
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or \
            not is_finite(tolerance) or tolerance < 0:
        raise fail("goal.tolerance", "must be a number, 0 or more")
    return Goal(kind, number, float(tolerance))


def _command(index: int, text: str, opens: Opens, fail: Any) -> Command:
    name = f"solution[{index}]"
    words = text.split(None, 1)
    verb = words[0] if words else ""
    rest = words[1].strip() if len(words) > 1 else ""
    circuit_only = {"step", "quiz", "walk", "backward"}
    learning_only = {"train"}
    if verb not in ("step", "set", "reset", "quiz", "answer", "train", "walk", "backward"):
        raise fail(name, f"{quote(text)} is not a command (step [N], set NAME=VALUE, reset, "
                   "quiz, answer VALUE, train N, walk [N], backward)")
    if (verb in circuit_only and opens in TRAINED) or (verb in learning_only
                                                       and opens not in TRAINED):
        raise fail(name, f"{verb} does not apply to a {opens} step")
    if verb in ("step", "train", "walk"):
        limit = MAX_TRAIN if verb == "train" else MAX_STEP_COMMAND
        try:
            count = controls.Control("n", "method", "count", "whole", low=0,
                                     high=limit).read(rest or ("0" if verb == "walk" else "1"))
        except InputError as err:
            raise fail(name, f"{verb}: {err}") from None
        return Command(verb, count=count)  # type: ignore[arg-type]
    if verb == "set":
        key, eq, value = rest.partition("=")
        if not eq or not key.strip():
            raise fail(name, f"write set NAME=VALUE, got {quote(text)}")
        return Command("set", key.strip(), value.strip())
    if verb == "answer":
        try:
            parse_number(rest)
        except InputError as err:
            raise fail(name, f"answer: {err}") from None
        return Command("answer", text=rest)
    if rest:
        raise fail(name, f"{verb} takes nothing after it")
    return Command(verb)  # type: ignore[arg-type]


# --- one opened step ------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    met: bool
    text: str
    """What the pane says: goal met, or what is missing (and a hint after a failed try)."""


class StepState:
    """One step opened: its playground or learning run, the quiz, the typed answer.

    The app's screens may hand in the model they show (`playground`, `training`): the goal
    is checked on whatever the learner is looking at.
    """

    def __init__(self, step: Step) -> None:
        self.step = step
        self.playground: Playground | None = None
        self.training: Training | None = None
        self.classes: ClassLearning | None = None
        """A classes step's run (the 3-class screen shows this very object)."""
        self.quiz: Quiz | None = None
        """The step's quiz (the playground shows it while it is open)."""
        self.answered: float | None = None
        self.revealed = False
        """The answer was shown (ctrl+g): nothing is asked any more."""
        self.failed_tries = 0
        if step.opens == "learning":
            self.training = build_training(step.learning)
        elif step.opens == "classes":
            self.classes = build_classes(step.classes)
        elif step.opens == "scenario":
            self.playground = Playground(scenario=step.target)
        else:
            self.playground = Playground(expression=step.target, hold=True)
        if step.goal.kind == "quiz":
            self.start_quiz()

    @property
    def teaching(self) -> Teaching:
        """What the step asks (until met or revealed), hides and locks: the model the
        screen shows carries it, and every pane reads it there."""
        step = self.step
        if not step.asks and not step.hidden and not step.locked and not step.hidden_panes:
            return NOTHING
        open_question = bool(step.asks) and not self.revealed and not (
            step.goal.kind == "answer" and self.met())
        return Teaching(frozenset(step.asks) if open_question else frozenset(),
                        frozenset(step.hidden), frozenset(step.locked),
                        frozenset(step.hidden_panes))

    def reveal(self) -> str:
        """Show the answer of an `answer` step (it is no longer asked); what to say."""
        goal = self.step.goal
        if goal.kind != "answer":
            return "nothing to reveal: this step asks no number"
        self.revealed = True
        return f"the answer is {goal.value:g} (revealed)"

    def controls(self) -> list[Control]:
        """The controls this step's screen shows (what `hide` and `lock` may name)."""
        if self.playground is not None:
            return [*self.playground.controls(), *CIRCUIT_SETTINGS]
        if self.classes is not None:
            from nn101.state.class_learning import CLASS_SETTINGS_CONTROLS

            return list(CLASS_SETTINGS_CONTROLS)
        return list(LEARNING_CONTROLS)

    def start_quiz(self) -> Quiz:
        assert self.playground is not None
        self.quiz = self.playground.start_quiz()
        return self.quiz

    # --- what the learner does ------------------------------------------------------------

    def answer(self, text: str) -> str:
        """A number typed in the lesson's box: a quiz answer or the step's answer. Returns
        what to say; InputError if it is not a number."""
        if self.quiz is not None and not self.quiz.finished:
            feedback = self.quiz.answer(text)
            after = self.quiz.current
            ask = f"\nnext: {after.prompt}" if after is not None else \
                f"\nquiz over: {self.quiz.score().text}"
            return feedback.text + ask
        value = parse_number(text)
        self.answered = value
        return f"answer {value:g} noted: check the goal"

    def give_up(self) -> str:
        """ctrl+g in a lesson's quiz: reveal the current answer without a point, as in the
        screen's own quiz. Returns what to say ("" when no quiz question is open)."""
        if self.quiz is None or self.quiz.finished:
            return ""
        feedback = self.quiz.give_up()
        after = self.quiz.current
        ask = f"\nnext: {after.prompt}" if after is not None else \
            f"\nquiz over: {self.quiz.score().text}"
        return feedback.text + ask

    def do(self, command: Command) -> None:
        """Play one solution command (EngineError if the model refuses it)."""
        pg, training, classes = self.playground, self.training, self.classes
        if command.verb == "step" and pg is not None:
            pg.step(command.count)
        elif command.verb == "train" and training is not None:
            training.run(command.count)
        elif command.verb == "train" and classes is not None:
            classes.run(command.count)
        elif command.verb == "reset":
            if pg is not None:
                pg.reset()
            if training is not None:
                training.reset()
            if classes is not None:
                classes.reset()
        elif command.verb == "set":
            self.set(command.name, command.text)
        elif command.verb == "quiz":
            quiz = self.quiz or self.start_quiz()
            while quiz.current is not None:
                quiz.answer(repr(quiz.current.answer))
        elif command.verb == "answer":
            self.answer(command.text)
        elif command.verb == "walk" and pg is not None:
            for _ in range(command.count or len(pg.circuit.gates)):  # 0: the whole walk
                pg.walk_step()
        elif command.verb == "backward" and pg is not None:
            pg.backward_without_reset()

    def set(self, key: str, text: str) -> None:
        """Set a control as its field would (a learning setting restarts the run)."""
        by_key = {c.key: c for c in self.controls()}
        control = by_key.get(key)
        if control is None:
            raise InputError(f"no control {quote(key)} here (controls: {', '.join(by_key)})")
        if self.playground is not None:
            self.playground.edit(control, text)
            return
        if self.classes is not None:
            if not self.classes.edit(control, text):
                raise InputError(next(iter(self.classes.errors.values()), "refused"))
            return
        assert self.training is not None
        settings = {**self.learning_settings(), key: control.read(text)}
        self.training = build_training(settings)

    def learning_settings(self) -> dict[str, Any]:
        t = self.training
        assert t is not None
        return {"model": t.model_kind, "dataset": t.dataset.name,
                "step_size": t.settings.step_size,
                "regularization": t.settings.regularization, "seed": t.settings.seed,
                "hidden": t.hidden}

    # --- the goal -------------------------------------------------------------------------

    def met(self) -> bool:
        goal, pg, t = self.step.goal, self.playground, self.training
        kind = goal.kind
        if kind == "none":
            return True
        if kind == "answer":
            return self.answered is not None and abs(self.answered - goal.value) <= \
                goal.tolerance
        if kind == "diverged":
            return (pg is not None and pg.status == "diverged") or \
                (t is not None and t.status == "diverged") or \
                (self.classes is not None and self.classes.training.status == "diverged")
        if kind in ("val_accuracy_above", "loss_below"):
            if self.classes is None:
                return False
            final = self.classes.training.final
            if kind == "loss_below":
                return final.loss < goal.value
            return final.val_accuracy is not None and final.val_accuracy > goal.value
        if kind == "accuracy":
            return t is not None and t.final.accuracy >= goal.value - 1e-12
        if kind == "walked":
            return pg is not None and pg.walk_complete
        if kind == "accumulated":
            return pg is not None and pg.unreset_passes > 0
        if kind == "quiz":
            if self.quiz is None or not self.quiz.finished:
                return False
            score = self.quiz.score()
            return score.right == score.total
        assert pg is not None
        output = pg.output
        if not math.isfinite(output) or pg.status == "blocked":
            return False
        return output > goal.value if kind == "output_above" else output < goal.value

    def where(self) -> str:
        """Where the learner stands against the goal, in numbers."""
        goal, pg, t = self.step.goal, self.playground, self.training
        if goal.kind in ("output_above", "output_below") and pg is not None:
            return f"the output is {pg.output:.6g}"
        if goal.kind == "accuracy" and t is not None:
            final = t.final
            return f"accuracy {final.correct}/{final.total} at iteration {t.iteration}"
        if goal.kind in ("val_accuracy_above", "loss_below") and self.classes is not None:
            last = self.classes.training.final
            val = "none" if last.val_accuracy is None else f"{last.val_accuracy:.1%}"
            return (f"validation accuracy {val}, training loss {last.loss:.4g} at iteration "
                    f"{self.classes.iteration}")
        if goal.kind == "diverged":
            return "the run has not diverged"
        if goal.kind == "quiz" and self.quiz is not None:
            done = self.quiz.score()
            left = len(self.quiz.questions) - self.quiz_position()
            return f"{left} question{'s' if left != 1 else ''} left" if left else \
                f"quiz over, {done.right}/{done.total} right: r restarts it"
        if goal.kind == "answer":
            return "no answer typed yet" if self.answered is None else \
                f"{self.answered:g} is not the answer"
        if goal.kind == "walked" and pg is not None:
            return (f"{len(pg.walk)} of {len(pg.circuit.gates)} gates walked"
                    if pg.walk_active else "the walk has not started: b takes the first gate")
        if goal.kind == "accumulated":
            return "the gradients were reset before every backward pass so far"
        return ""

    def quiz_position(self) -> int:
        quiz = self.quiz
        if quiz is None:
            return 0
        current = quiz.current
        return current.number if current is not None else len(quiz.questions)

    def check(self) -> Verdict:
        """Check the goal now; after a failed try, one more hint."""
        if self.met():
            return Verdict(True, "goal met" + ("" if self.step.goal.kind == "none" else
                                               f": {self.step.goal.describe()}"))
        self.failed_tries += 1
        hints = self.step.hints[:self.failed_tries]
        text = f"not yet: {self.where()}"
        if hints:
            text += "\n" + "\n".join(f"hint: {h}" for h in hints)
        return Verdict(False, text)


@dataclass(frozen=True)
class StepView:
    """A lesson step as the lesson's pane shows it: the screen keeps it as its state."""

    lesson_title: str
    head: str
    text: str
    goal: str
    feedback: str
    answer_box: bool
    """Whether the step wants a typed number (its `answer` goal)."""
    met: bool


def step_view(lesson: Lesson, index: int, done: set[int], state: StepState,
              feedback: str) -> StepView:
    step = state.step
    head = f"step {step.number} of {len(lesson.steps)}: {step.title}"
    goal = step.goal.describe()  # a quiz's questions are in its own pane, by the circuit
    return StepView(lesson.title, head, step.text, goal, feedback,
                    step.goal.kind == "answer", index in done)


def build_training(settings: Mapping[str, Any]) -> Training:
    """The learning run of the learning screen, from its settings (as that screen builds
    it: the named data set, accuracy recorded every iteration on the guide's 6 points)."""
    data = make_dataset(settings["dataset"])
    every = max(1, len(data) // 20)
    train_settings = TrainSettings(settings["step_size"], settings["regularization"],
                                   settings["seed"], every)
    return Training(settings["model"], data, train_settings, settings["hidden"])


# --- checking a whole lesson ----------------------------------------------------------------


@dataclass
class CheckBudget:
    """What `check` may spend on a whole lesson's solutions, in all: one `run`'s budget for
    the circuit steps (gate evaluations and recorded numbers, the limits in `limits.py`)
    and one `train`'s for the learning steps (parameter updates and point scores). So a
    check ends within about 20 s and 1 GB, however many steps and commands it has.

    Each `step N` / `train N` is priced with the settings in force when it is played (a
    `set method=random` before it counts), and refused before it runs."""

    work: int = 0
    values: int = 0
    updates: int = 0
    scores: int = 0

    def spend(self, state: StepState, command: Command) -> str | None:
        """Add `command`'s cost; why it does not fit (one phrase naming the limit), or None."""
        if command.verb == "step" and state.playground is not None:
            pg = state.playground
            inputs = len(pg.circuit.inputs)
            passes = limits.passes_per_step(pg.settings, inputs)
            self.work += command.count * passes * (len(pg.circuit.gates) + 1)
            self.values += command.count * (2 * inputs + 2)
            if self.work > limits.MAX_RUN_WORK:
                return (f"the solutions ask for {self.work:,} gate evaluations in all, over "
                        f"the check's budget of {limits.MAX_RUN_WORK:,} (time)")
            if self.values > limits.MAX_RUN_VALUES:
                return (f"the solutions record {self.values:,} numbers in all, over the "
                        f"check's budget of {limits.MAX_RUN_VALUES:,} (memory)")
        elif command.verb == "train" and state.training is not None:
            t = state.training
            size = limits.parameters(t.model_kind, t.hidden)
            self.updates += command.count * size
            self.scores += command.count // t.settings.every * len(t.dataset) * size
            if self.updates > limits.MAX_TRAIN_UPDATES:
                return (f"the solutions ask for {self.updates:,} parameter updates in all, "
                        f"over the check's budget of {limits.MAX_TRAIN_UPDATES:,} (time)")
            if self.scores > limits.MAX_TRAIN_SCORES:
                return (f"the solutions score {self.scores:,} points in all, over the "
                        f"check's budget of {limits.MAX_TRAIN_SCORES:,} (time)")
        return None


def check(lesson: Lesson) -> list[str]:
    """Play every step's solution on a fresh copy: the problems found, one line each
    (empty when the lesson is sound). A goal already met before the solution is a problem
    (the learner would have nothing to do); a goal without a solution is not checked."""
    problems = []
    budget = CheckBudget()
    for step in lesson.steps:
        state = StepState(step)
        if step.goal.kind in ("none", "answer", "quiz"):
            pass  # nothing is typed yet: not met
        elif state.met():
            problems.append(f"{step.name}, field goal: already met when the step opens "
                            f"({state.where()})")
            continue
        if step.goal.kind == "none":
            continue
        if not step.solution:
            problems.append(f"{step.name}, field solution: missing, so the goal cannot be "
                            "checked (add the commands that reach it)")
            continue
        for i, command in enumerate(step.solution, 1):
            over = budget.spend(state, command)
            if over:
                problems.append(f"{step.name}, field solution[{i}]: {over}")
                return problems  # the rest of the lesson is not played: it would not fit
            try:
                state.do(command)
            except EngineError as err:
                problems.append(f"{step.name}, field solution[{i}]: {err}")
                break
        else:
            if not state.met():
                problems.append(f"{step.name}, field goal: not reached by the solution "
                                f"({state.where()})")
    return problems


# --- progress, per user ---------------------------------------------------------------------


def progress_path() -> Path:
    """The user's data folder (platformdirs: $XDG_DATA_HOME/nn101-tui on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("nn101-tui", appauthor=False)) / "lessons.json"


@dataclass
class Progress:
    """Which step of each lesson the user is on and which goals they met.

    A progress file that exists but cannot be read (too large, not readable, not JSON,
    nested too deeply, not this shape) holds someone's progress all the same: it is never
    overwritten. The lesson starts fresh and `problem` says why nothing is kept."""

    lessons: dict[str, dict[str, Any]] = field(default_factory=dict)
    path: Path | None = None
    problem: str = ""
    """Why the file could not be read and will not be written ("" when all is well)."""

    @classmethod
    def load(cls, path: Path | None = None) -> Progress:
        """The saved progress; a missing file is a fresh start, an unreadable one too, but
        it is left as it is (see `problem`)."""
        where = path or progress_path()
        try:
            text = read_text(where, MAX_LESSON_BYTES)
        except FileError as err:
            if not os.path.lexists(where):
                return cls({}, where)
            return cls._unreadable(where, str(err))
        if not text.strip():  # nothing in it to lose
            return cls({}, where)
        deep = too_deep(text, JSON_STRINGS)
        if deep is not None:
            return cls._unreadable(where, f"{where}: {deep}")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as err:
            return cls._unreadable(where, f"{where}: not valid JSON ({type(err).__name__})")
        lessons = data.get("lessons") if isinstance(data, dict) else None
        if not isinstance(lessons, dict) or not all(isinstance(v, dict)
                                                    for v in lessons.values()):
            return cls._unreadable(where, f"{where}: not a progress file (expected "
                                   "{\"lessons\": {...}})")
        return cls(lessons, where)

    @classmethod
    def _unreadable(cls, where: Path, why: str) -> Progress:
        return cls({}, where, f"progress is not saved: {why}; the file is left as it is "
                   "(move it away to start keeping progress again)")

    def position(self, lesson: Lesson) -> int:
        """The step to resume at (0-based, within the lesson)."""
        entry = self.lessons.get(lesson.key)
        step = entry.get("step") if isinstance(entry, dict) else None
        if isinstance(step, int) and not isinstance(step, bool):
            return max(0, min(step, len(lesson.steps) - 1))
        return 0

    def done(self, lesson: Lesson) -> set[int]:
        entry = self.lessons.get(lesson.key)
        raw = entry.get("done") if isinstance(entry, dict) else None
        if not isinstance(raw, list):
            return set()
        return {n for n in raw if isinstance(n, int) and 0 <= n < len(lesson.steps)}

    def forget(self, lesson: Lesson) -> None:
        """Start the lesson over (`tour --restart`): its step and goals met are dropped."""
        if self.lessons.pop(lesson.key, None) is not None:
            self._write()

    def record(self, lesson: Lesson, position: int, done: Sequence[int] | set[int]) -> None:
        """Keep where the user is (written at once, atomically; a failure to write is
        ignored: progress is a convenience, never a reason to stop)."""
        self.lessons[lesson.key] = {"step": position, "done": sorted(done),
                                    "title": lesson.title}
        self._write()

    def _write(self) -> None:
        if self.problem:  # the file holds what could not be read: never overwritten
            return
        where = self.path or progress_path()
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(where, json.dumps({"lessons": self.lessons}, indent=1))
        except (OSError, EngineError):
            pass
