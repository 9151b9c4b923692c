"""The plain-line mode's commands: one line in, one answer (a few lines of words) out.

`Shell` holds what the app would show, built from the same state layer (a `Playground`, a
learning run (`Learning`), a lesson's `StepState` with its `Progress`, a `Quiz`) and
answers each command from it; it never writes to a terminal itself (plain/loop.py does).
A refused command (unknown, a bad number, NaN, 1e400, a locked control) answers one line
saying why and leaves the state as it was: the state layer keeps the last good value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nn101.engine.errors import EngineError
from nn101.engine.expression import MAX_LENGTH as MAX_FORMULA
from nn101.engine.methods import Method
from nn101.engine.scenarios import SCENARIOS
from nn101.plain import words
from nn101.state import controls, limits
from nn101.state.learning import SETTINGS_CONTROLS, Learning
from nn101.state.lesson import (
    CIRCUIT_SETTINGS,
    MAX_STEP_COMMAND,
    MAX_TRAIN,
    Lesson,
    Progress,
    StepState,
)
from nn101.state.notation import number
from nn101.state.playground import Playground
from nn101.state.quiz import Quiz
from nn101.state.text import quote, short, visible

if TYPE_CHECKING:  # a classes step's run: loaded by the lesson step that opens it
    from nn101.state.class_learning import ClassLearning

MAX_LINE = 10_000
"""Characters of one command line (a formula is at most 2,000)."""
PLAYGROUND_SETTINGS: tuple[controls.Control, ...] = (*CIRCUIT_SETTINGS, controls.DIFFERENCE,
                                                     controls.SEED, controls.DX)
"""What `set` reaches on the circuit, beside the inputs: the app's method fields and dx."""
APP_KEYS = ("The lesson's text names the app's keys; here they are commands: space is step, "
            "m is set method NAME, p is step N or train N, a field is set NAME VALUE, the "
            "lesson box is a number typed alone, F2 or g is check, F4 is next, F3 is back.")


@dataclass(frozen=True)
class Command:
    """One command of the shell: how it is written and what it does, for `help`."""

    usage: str
    about: str
    run: Callable[[Shell, str], list[str]]


class Refused(Exception):
    """A command that cannot apply here: its one line is the answer."""


def _count(text: str, verb: str, high: int) -> int:
    """`step 10`, `train 300`: a whole number from 1 to `high` (1 when none is given)."""
    reader = controls.Control("count", "method", verb, "whole", low=1, high=high)
    return int(reader.read(text or "1"))


class Shell:
    """The plain mode's state and commands (see the module's docstring)."""

    def __init__(self, playground: Playground | None = None, learning: Learning | None = None,
                 lesson: Lesson | None = None, progress: Progress | None = None) -> None:
        self.playground = playground
        self.learning = learning
        self.quiz: Quiz | None = None
        """The playground's own quiz (a lesson step keeps its quiz in `state`)."""
        self.lesson = lesson
        self.progress = progress
        self.state: StepState | None = None
        self.index = 0
        self.met: set[int] = set()
        self.finished = False
        """`quit` was typed: the loop ends."""
        if lesson is not None:
            self.progress = progress or Progress.load()
            self.index = self.progress.position(lesson)
            self.met = self.progress.done(lesson)
        elif playground is None and learning is None:
            self.playground = Playground()

    # --- what is open -------------------------------------------------------------------

    def start(self) -> list[str]:
        """The first answer: what this is, and what is open."""
        lines = ["nn101-tui plain mode: type a command and press enter; help lists the "
                 "commands, quit leaves."]
        if self.lesson is not None:
            lines += words.say(f"lesson: {self.lesson.title}")
            if self.lesson.about:
                lines += words.prose(self.lesson.about)
            lines.append(APP_KEYS)
            return lines + self._open_step(self.index)
        return lines + self.cmd_show("")

    def _open_step(self, index: int) -> list[str]:
        assert self.lesson is not None and self.progress is not None
        self.index = index
        step = self.lesson.steps[index]
        self.state = StepState(step)
        self.playground = self.state.playground
        self.learning = None
        self.quiz = None
        if step.opens == "learning":  # as the app's learning screen builds it
            self.learning = Learning(step.learning["model"], config=dict(step.learning))
            self.state.training = self.learning.training
        self.progress.record(self.lesson, index, self.met)
        lines = words.say(f"step {step.number} of {len(self.lesson.steps)}: {step.title}")
        lines += words.prose(step.text)
        lines.append(f"goal: {step.goal.describe()}" + (" (met before)" if index in self.met
                                                        else ""))
        locked = [c.label for c in step.locked]
        if locked:
            lines.append("locked here: " + ", ".join(locked))
        lines += self._question()
        lines.append("show describes what is open; check checks the goal; next goes on.")
        return lines

    def _question(self) -> list[str]:
        """The quiz question waiting for an answer, if one is."""
        quiz = self._active_quiz()
        if quiz is None or quiz.current is None:
            return []
        q = quiz.current
        return [f"question {q.number + 1} of {len(quiz.questions)}, {quiz.given}: "
                f"{q.prompt} (type the number)"]

    def _active_quiz(self) -> Quiz | None:
        quiz = self.state.quiz if self.state is not None else self.quiz
        return quiz if quiz is not None and not quiz.finished else None

    def _hidden(self) -> tuple[controls.Control, ...]:
        return self.state.step.hidden if self.state is not None else ()

    def _circuit(self, verb: str) -> Playground:
        if self.playground is None:
            raise Refused(f"{verb}: no circuit is open here (this is a learning run)")
        return self.playground

    def _learning(self, verb: str) -> Learning:
        if self.learning is None:
            raise Refused(f"{verb}: no learning run is open (learn svm or learn net opens "
                          "one)")
        return self.learning

    def _sync(self) -> None:
        """The step's goal checks the run on show: the learning run rebuilds on a change."""
        if self.state is not None and self.learning is not None:
            self.state.training = self.learning.training

    def _playground_changed(self) -> list[str]:
        """The point moved: a playground quiz was about the old one."""
        if self.quiz is not None and not self.quiz.finished:
            self.quiz = None
            return ["the quiz was about the old point: quiz starts a new one"]
        self.quiz = None
        return []

    # --- reading a line -----------------------------------------------------------------

    def handle(self, text: str) -> list[str]:
        """The answer to one typed line (never raises for anything a user can type)."""
        if len(text) > MAX_LINE:
            return [f"line too long: over {MAX_LINE:,} characters (a formula is at most "
                    f"{MAX_FORMULA:,})"]
        stripped = text.strip()
        if not stripped:
            return ["empty line: type a command (help lists them)"]
        verb, _, rest = stripped.partition(" ")
        command = COMMANDS.get(verb.lower())
        try:
            if command is None:
                return self._not_a_command(verb, stripped)
            return command.run(self, rest.strip())
        except Refused as refusal:
            return [visible(str(refusal))]
        except EngineError as err:
            return [f"{verb.lower() if command else 'answer'}: {visible(str(err))}"]

    def _not_a_command(self, verb: str, text: str) -> list[str]:
        if self._asks():
            return self.cmd_answer(text)
        if verb[:1].isdigit() or verb[:1] in "+-.":
            return [f"{short(text)}: no question is asked now (quiz starts one); "
                    "help lists the commands"]
        return [f"unknown command {quote(verb)}: help lists the commands"]

    def _asks(self) -> bool:
        """A typed number is an answer: a quiz question or the step's answer is waiting."""
        if self._active_quiz() is not None:
            return True
        return self.state is not None and self.state.step.goal.kind == "answer"

    # --- the commands -------------------------------------------------------------------

    def cmd_help(self, rest: str) -> list[str]:
        if rest:
            command = COMMANDS.get(rest.lower())
            if command is None:
                return [f"help: no command {quote(rest)}: help lists the commands"]
            return [f"{command.usage}: {command.about}"]
        return ["commands:", *(f"{c.usage}: {c.about}" for c in _unique(COMMANDS)),
                "a number alone answers the question asked (a quiz, or the step's answer)."]

    def cmd_quit(self, rest: str) -> list[str]:
        self.finished = True
        return ["bye"]

    def cmd_show(self, rest: str) -> list[str]:
        lines: list[str] = []
        if self.state is not None:
            step = self.state.step
            assert self.lesson is not None
            lines.append(f"step {step.number} of {len(self.lesson.steps)}: "
                         f"{visible(step.title)}; goal: {step.goal.describe()}")
        if self.learning is not None:
            lines += words.learning_lines(self.learning, self._hidden())
        elif self.playground is not None:
            lines += words.playground_lines(self.playground, self._hidden())
        elif self._classes() is not None:
            lines.append(self._class_line())
        return lines + self._question()

    def _classes(self) -> ClassLearning | None:
        """A classes step's run (chapter 3: its screen is the app's; here, its numbers)."""
        return self.state.classes if self.state is not None else None

    def _class_line(self) -> str:
        learning = self._classes()
        assert learning is not None
        last = learning.training.final
        val = "none" if last.val_accuracy is None else f"{last.val_accuracy:.1%}"
        return (f"iteration {learning.iteration}: training loss {last.loss:.4g}, accuracy "
                f"{last.accuracy:.1%}, validation accuracy {val}")

    def cmd_step(self, rest: str) -> list[str]:
        pg = self._circuit("step")
        count = _count(rest, "step", MAX_STEP_COMMAND)
        limits.check_run(pg.circuit, pg.settings, count)
        before, start = pg.output, pg.iteration
        taken = pg.step(count)
        changed = self._playground_changed() if taken else []
        name = pg.naming(pg.circuit.output)
        if not taken:
            return [f"no step taken: {words.status_line(pg)}"]
        where = f"iteration {pg.iteration}" if len(taken) == 1 else \
            f"iterations {start + 1} to {pg.iteration}"
        forward = sum(r.forward_passes for r in taken)
        backward = sum(r.backward_passes for r in taken)
        lines = [f"{where}, {pg.settings.method.label}: output {name} = {number(pg.output)}, "
                 f"was {number(before)}",
                 f"cost: {forward} forward and {backward} backward "
                 f"pass{'es' if backward != 1 else ''}", words.inputs_line(pg)]
        if pg.status != "ok":
            lines.append(words.status_line(pg))
        return lines + changed

    def cmd_walk(self, rest: str) -> list[str]:
        """`walk`: one gate; `walk N`: N gates, each said as it is walked."""
        pg = self._circuit("walk")
        lines: list[str] = []
        for _ in range(_count(rest, "walk", MAX_STEP_COMMAND)):
            taken = pg.walk_step()
            if taken is None:
                return [*lines, f"walk: {words.status_line(pg)}"]
            lines += words.walk_lines(taken, pg.chain_rule(), pg.naming, len(pg.walk),
                                      len(pg.circuit.gates))
        return lines

    def cmd_backward(self, rest: str) -> list[str]:
        """One more backward pass without resetting the gradients: they add up."""
        pg = self._circuit("backward")
        if pg.backward_without_reset() is None:
            return [f"backward: {words.status_line(pg)}"]
        return [f"backward pass without resetting the gradients ({pg.unreset_passes} so "
                "far): each input's gradient is added to what it held",
                words.gradients_line(pg)]

    def cmd_set(self, rest: str) -> list[str]:
        name, value = _name_value(rest)
        if self.learning is not None:
            return self._set_learning(name, value)
        if self._classes() is not None and self.state is not None:
            fixed = self.state.step
            if name in {c.key for c in (*fixed.locked, *fixed.hidden)}:
                raise Refused(f"set: {name} is locked or hidden in this step")
            self.state.set(name, value)  # EngineError (said as refused) if not taken
            return [f"{name} = {value}: back to iteration 0", self._class_line()]
        pg = self._circuit("set")
        control = self._control(pg, name)
        step = self.state.step if self.state is not None else None
        if step is not None and (control in step.locked or control in step.hidden):
            how = "locked" if control in step.locked else "hidden"
            raise Refused(f"set: {control.label} is {how} in this step")
        read = pg.edit(control, value)
        if control.group == "input":
            return [f"{control.label} = {number(read)}: the run starts again from here",
                    words.status_line(pg), *self._playground_changed()]
        shown = read.value if isinstance(read, Method) else \
            number(read) if isinstance(read, float) else str(read)
        return [f"{control.label} = {shown}", words.settings_line(pg, self._hidden())]

    def _control(self, pg: Playground, name: str) -> controls.Control:
        inputs = {c.key: c for c in pg.controls()}
        settings = {c.key: c for c in PLAYGROUND_SETTINGS}
        if name.startswith("input:"):
            name = name.removeprefix("input:")
            settings = {}
        # An input named like a setting (`h`): the setting, as a lesson's solution reads
        # it (StepState.set); `input:h` names the input.
        control = settings.get(name) or inputs.get(name)
        if control is None:
            raise Refused(f"set: no input or setting {quote(name)} (inputs: "
                          f"{', '.join(inputs)}; settings: {', '.join(settings)})")
        return control

    def _set_learning(self, name: str, value: str) -> list[str]:
        learning = self._learning("set")
        by_key = {c.key: c for c in SETTINGS_CONTROLS}
        control = by_key.get(name)
        if control is None:
            raise Refused(f"set: no setting {quote(name)} (settings: {', '.join(by_key)})")
        step = self.state.step if self.state is not None else None
        if step is not None:
            keys = {c.key: "locked" for c in step.locked} | {c.key: "hidden"
                                                            for c in step.hidden}
            if name in keys:
                raise Refused(f"set: {control.label} is {keys[name]} in this step")
            if name not in {c.key for c in self.state.controls()}:  # type: ignore[union-attr]
                raise Refused(f"set: {control.label} cannot be changed in a lesson step")
        if not learning.edit(control, value):
            reason = learning.errors.get(control.key) or learning.errors.get("settings", "")
            raise Refused(f"set: {reason}")
        self._sync()
        return [f"{control.label} = {learning.text(control.key)}: back to iteration 0",
                words.training_line(learning)]

    def cmd_train(self, rest: str) -> list[str]:
        classes = self._classes()
        if classes is not None:
            classes.run(_count(rest, "train", MAX_TRAIN))
            return [self._class_line()]
        learning = self._learning("train")
        count = _count(rest, "train", MAX_TRAIN)
        config = learning.config
        limits.check_train(config["model"], config["hidden"],
                           len(learning.training.dataset.points), count,
                           learning.training.settings.every)
        learning.run(count)
        self._sync()
        return [words.training_line(learning), words.pull_line(learning.training.last)]

    def cmd_reset(self, rest: str) -> list[str]:
        classes = self._classes()
        if classes is not None:
            classes.reset()
            return ["reset: " + self._class_line()]
        if self.learning is not None:
            self.learning.reset()
            self._sync()
            return ["reset: " + words.training_line(self.learning)]
        pg = self._circuit("reset")
        pg.reset()
        return ["reset: start values and settings back", words.status_line(pg),
                words.inputs_line(pg), *self._playground_changed()]

    def cmd_check(self, rest: str) -> list[str]:
        if self.state is None:
            return self.cmd_gradcheck(rest)
        assert self.lesson is not None and self.progress is not None
        self._sync()
        verdict = self.state.check()
        lines = words.say(verdict.text)
        if verdict.met:
            self.met.add(self.index)
            self.progress.record(self.lesson, self.index, self.met)
            lines.append("next goes to the next step" if self.index + 1 <
                         len(self.lesson.steps) else "that was the last step")
        return lines

    def cmd_gradcheck(self, rest: str) -> list[str]:
        pg = self._circuit("gradcheck")
        return words.check_lines(pg.gradient_check())

    def cmd_quiz(self, rest: str) -> list[str]:
        pg = self._circuit("quiz")
        quiz = self._active_quiz()
        if quiz is not None:
            return ["a quiz is on:", *self._question()]
        if self.state is not None:
            quiz = self.state.start_quiz()
        else:
            quiz = self.quiz = pg.start_quiz()
        return [f"quiz: predict the gradient each gate sends down each input wire, output "
                f"side first; {quiz.tolerance.describe()} is right; hint and giveup help",
                *self._question()]

    def cmd_answer(self, rest: str) -> list[str]:
        quiz = self._active_quiz()
        if self.state is not None and (quiz is not None or
                                       self.state.step.goal.kind == "answer"):
            lines = words.say(self.state.answer(rest))
            return lines[:1] + self._question() if quiz is not None and \
                not quiz.finished else lines
        if quiz is None:
            raise Refused("answer: no question is asked now (quiz starts one)")
        feedback = quiz.answer(rest)
        lines = words.say(feedback.text)
        return lines + (self._question() if not quiz.finished else
                        [f"quiz over: {quiz.score().text}"])

    def cmd_hint(self, rest: str) -> list[str]:
        quiz = self._active_quiz()
        if quiz is not None:
            return words.say(quiz.hint().text)
        if self.state is not None:
            hints = self.state.step.hints
            if not hints:
                return ["no hints in this step"]
            return [f"hint: {visible(h)}" for h in hints[:max(1, self.state.failed_tries)]]
        raise Refused("hint: no question is asked now (quiz starts one)")

    def cmd_giveup(self, rest: str) -> list[str]:
        quiz = self._active_quiz()
        if quiz is None:
            raise Refused("giveup: no question is asked now")
        lines = words.say(quiz.give_up().text)
        return lines + (self._question() if not quiz.finished else
                        [f"quiz over: {quiz.score().text}"])

    def cmd_next(self, rest: str) -> list[str]:
        lesson = self._in_lesson("next")
        if self.index + 1 >= len(lesson.steps):
            return [f"that was the last step: the lesson is over ({len(self.met)} of "
                    f"{len(lesson.steps)} goals met)"]
        return self._open_step(self.index + 1)

    def cmd_back(self, rest: str) -> list[str]:
        self._in_lesson("back")
        if self.index == 0:
            return ["this is the first step"]
        return self._open_step(self.index - 1)

    def cmd_read(self, rest: str) -> list[str]:
        self._in_lesson("read")
        assert self.state is not None and self.lesson is not None
        step = self.state.step
        return [*words.say(f"step {step.number} of {len(self.lesson.steps)}: {step.title}"),
                *words.prose(step.text), f"goal: {step.goal.describe()}", *self._question()]

    def _in_lesson(self, verb: str) -> Lesson:
        if self.lesson is None:
            raise Refused(f"{verb}: no lesson is open (nn101-tui plain tour opens the tour)")
        return self.lesson

    def _outside_lesson(self, verb: str) -> None:
        if self.lesson is not None:
            raise Refused(f"{verb}: not in a lesson (its steps open what they need)")

    def cmd_open(self, rest: str) -> list[str]:
        self._outside_lesson("open")
        if rest not in SCENARIOS:
            raise Refused(f"open: no scenario {quote(rest)} (scenarios: "
                          f"{', '.join(SCENARIOS)})")
        self.playground, self.learning, self.quiz = Playground(rest), None, None
        return self.cmd_show("")

    def cmd_expr(self, rest: str) -> list[str]:
        self._outside_lesson("expr")
        if not rest:
            raise Refused("expr: write a formula, e.g. expr (a+b)*c, start values after @")
        pg = Playground(expression=rest)  # a bad formula: refused, the old one kept
        self.playground, self.learning, self.quiz = pg, None, None
        return self.cmd_show("")

    def cmd_learn(self, rest: str) -> list[str]:
        self._outside_lesson("learn")
        model = controls.read_control(controls.MODEL, rest or "svm")
        self.learning, self.playground, self.quiz = Learning(model), None, None
        return self.cmd_show("")

    def cmd_list(self, rest: str) -> list[str]:
        return [f"{s.name}: {s.title}, {s.expression}" for s in SCENARIOS.values()]


def _name_value(rest: str) -> tuple[str, str]:
    """`x 3`, `x=3` or `x = 3`: the name and the value's text."""
    if "=" in rest:
        name, _, value = rest.partition("=")
    else:
        name, _, value = rest.partition(" ")
    name, value = name.strip(), value.strip()
    if not name or not value:
        raise Refused("set: write set NAME VALUE, e.g. set x 3 or set method numerical")
    return name, value


def _unique(commands: dict[str, Command]) -> list[Command]:
    seen: list[Command] = []
    for command in commands.values():
        if command not in seen:
            seen.append(command)
    return seen


def _table() -> dict[str, Command]:
    S = Shell
    listed: list[tuple[tuple[str, ...], str, str, Callable[[Shell, str], list[str]]]] = [
        (("help",), "help [COMMAND]", "these lines, or one command's", S.cmd_help),
        (("show",), "show", "what is open: the run, the inputs and every gate's value and "
         "gradient (or the learning run)", S.cmd_show),
        (("step",), "step [N]", "take N steps of the method (default 1)", S.cmd_step),
        (("walk",), "walk [N]", "one gate (or N) of the backward pass, output side first, "
         "with the chain rule", S.cmd_walk),
        (("backward",), "backward", "one more backward pass without resetting the "
         "gradients: they add up (step or reset clears them)", S.cmd_backward),
        (("set",), "set NAME VALUE", "an input or a setting (method, step_size, h, tries, "
         "tweak, difference, seed, dx; on a learning run model, dataset, step_size, "
         "regularization, seed, hidden, activation); input:NAME for an input named like a "
         "setting", S.cmd_set),
        (("check",), "check", "in a lesson, check the step's goal; otherwise the gradient "
         "check", S.cmd_check),
        (("gradcheck",), "gradcheck", "backprop against the numerical gradient, per input",
         S.cmd_gradcheck),
        (("quiz",), "quiz", "predict every gradient of the backward walk; type each answer",
         S.cmd_quiz),
        (("answer",), "answer NUMBER", "answer the question asked (a number alone does too)",
         S.cmd_answer),
        (("hint",), "hint", "a hint for the question or the step", S.cmd_hint),
        (("giveup",), "giveup", "reveal the quiz question's answer, without a point",
         S.cmd_giveup),
        (("reset",), "reset", "start values and settings back, iteration 0", S.cmd_reset),
        (("train",), "train [N]", "N iterations of the learning run (default 1)",
         S.cmd_train),
        (("next",), "next", "the lesson's next step", S.cmd_next),
        (("back",), "back", "the lesson's previous step", S.cmd_back),
        (("read",), "read", "the lesson step's text and goal again", S.cmd_read),
        (("open",), "open SCENARIO", "open a scenario (list names them)", S.cmd_open),
        (("expr",), "expr FORMULA", "open a formula, e.g. expr log(x - 2) @ x=5", S.cmd_expr),
        (("learn",), "learn [svm|net]", "learning from data: the guide's SVM or 2-layer net",
         S.cmd_learn),
        (("list",), "list", "the scenarios", S.cmd_list),
        (("quit", "exit"), "quit", "leave (end of input does too)", S.cmd_quit),
    ]
    table: dict[str, Command] = {}
    for names, usage, about, run in listed:
        command = Command(usage, about, run)
        for name in names:
            table[name] = command
    return table


COMMANDS: dict[str, Command] = _table()

