"""Round three on outside data in the state layer: CSV the csv module chokes on, points the
decision map cannot draw, counters at their limit, lessons and progress files nested past
any sense, and a progress file that could not be read (never overwritten).

Each case failed before its fix: `_csv.Error` or `RecursionError` escaped (exit 70 in the
CLI, the app ended), a point at (1e7, 1e7) was applied and the map then failed, a learning
file at iteration 2**63 - 1 loaded and its next step overflowed, and the tour rewrote an
unreadable progress file with its own progress alone.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from nn101.engine.errors import InputError
from nn101.engine.learning.datasets import MAX_COORDINATE, from_points
from nn101.engine.learning.grid import score_grid, square_pixels
from nn101.state import limits
from nn101.state.files import FileError
from nn101.state.learning import MAX_ITERATION, Learning, from_json, parse_points
from nn101.state.lesson import (
    CheckBudget,
    LessonError,
    Progress,
    StepState,
    check,
    parse,
    tour,
)
from nn101.state.nesting import MAX_DEPTH, TOML_STRINGS, depth
from nn101.state.session import SessionError

# --- CSV ---------------------------------------------------------------------------------


def test_old_mac_line_endings_are_read() -> None:
    # \r alone ends each line: "new-line character seen in unquoted field" before
    assert parse_points("x,y,label\r1,2,1\r-1,-2,-1\r") == [(1.0, 2.0, 1), (-1.0, -2.0, -1)]


def test_a_lone_cr_inside_a_row_names_its_line() -> None:
    # "1,2\r,1" is two lines for the reader: "1,2" (2 values) on line 2
    with pytest.raises(FileError, match=r"^data: line 2: expected x,y,label \(3 values\), "
                       "got 2$"):
        parse_points("x,y,label\n1,2\r,1\n-1,-2,-1\n")


def test_a_field_over_the_csv_limit_names_its_line() -> None:
    text = "x,y,label\n1,2,1\n3," + "4" * 140_000 + ",1\n"
    with pytest.raises(FileError, match=r"^data: line 3: field larger than field limit"):
        parse_points(text)


def test_a_quoted_newline_counts_as_two_lines() -> None:
    # the row opens on line 3 and ends on line 4: the reader's physical line is named
    with pytest.raises(FileError, match=r"^data: line 4: not a number"):
        parse_points('x,y,label\n1,2,1\n"1\n2",3,1\n')


# --- points the map cannot draw ------------------------------------------------------------


@pytest.mark.parametrize("x", [1e7, -1e7, 1e308, -1e308, MAX_COORDINATE * (1 + 1e-15)])
def test_a_point_past_the_limit_is_refused_naming_its_line(x: float) -> None:
    with pytest.raises(FileError, match=r"^data: line 3: x and y must be within ±1,000,000$"):
        parse_points(f"x,y,label\n0,0,1\n{x!r},1,-1\n")
    with pytest.raises(InputError, match="past the limit"):
        from_points([(0.0, 0.0, 1), (1.0, x, -1)])


@pytest.mark.parametrize("where", [MAX_COORDINATE, -MAX_COORDINATE, 123456.789])
def test_points_all_at_one_far_spot_still_draw(where: float) -> None:
    # All points at one spot: the span is 0 and the box was 2 x 1.5e-10 wide, less than a
    # float's rounding at 1e7 (x0 == x1: "bounds must be finite with x0 < x1"). The box is
    # now a millionth of |x| wide (0.15 x 1e-6 x |x| each side), which rounds to distinct
    # floats at every coordinate up to the limit.
    data = from_points([(where, where, 1), (where, where, -1)])
    x0, x1, y0, y1 = data.bounds()
    assert x0 < where < x1 and y0 < where < y1
    assert math.isclose(x1 - x0, 2 * 0.15 * 1e-6 * abs(where), rel_tol=1e-6)
    learning = Learning("svm", {}, [(where, where, 1), (where, where, -1)])
    bounds = square_pixels(learning.training.dataset.bounds(), 40, 20)
    assert len(score_grid(learning.training.model, bounds, 40, 20)) == 20


def test_a_refused_load_changes_nothing(tmp_path: Path) -> None:
    learning = Learning("svm", {})
    learning.run(5)
    before = (learning.iteration, learning.current_points(), learning.config)
    bad = tmp_path / "far.csv"
    bad.write_text("x,y,label\n1e7,1e7,1\n-1e7,-1e7,-1\n")
    with pytest.raises(FileError, match="line 2"):
        learning.load_data(bad)
    assert (learning.iteration, learning.current_points(), learning.config) == before
    assert not learning.add_point(2e6, 0.0, 1)  # the same limit for a point added by hand
    assert "past the limit" in learning.errors["settings"]
    assert (learning.iteration, learning.current_points(), learning.config) == before


def _saved(**changes: object) -> str:
    learning = Learning("svm", {})
    learning.add_point(0.5, 0.5, 1)
    learning.run(3)
    data = json.loads(learning.to_json())
    data.update(changes)
    return json.dumps(data)


@pytest.mark.parametrize("point", [[1e7, 1e7, 1], [1e308, -1e308, -1], [0, -2e6, 1]])
def test_a_learning_file_with_a_far_point_is_refused_on_open(point: list[float]) -> None:
    text = _saved()
    data = json.loads(text)
    data["data"].append(point)
    with pytest.raises(SessionError, match=r"data\[7\]: x and y must be within ±1,000,000"):
        from_json(json.dumps(data))


@pytest.mark.parametrize("iteration", [2**63 - 1, MAX_ITERATION + 1])
def test_an_iteration_past_the_limit_is_refused(iteration: int) -> None:
    with pytest.raises(SessionError, match=f"iteration: must be between 0 and {MAX_ITERATION}"):
        from_json(_saved(iteration=iteration))


def test_the_largest_iteration_loads_and_steps() -> None:
    data = json.loads(_saved())
    data.update(iteration=MAX_ITERATION, history=[])
    learning = from_json(json.dumps(data))
    learning.run(2)
    assert learning.iteration == MAX_ITERATION + 2


# --- lessons and the progress file nested past any sense -------------------------------------

STEP = '\n[[step]]\ntitle = "s"\nscenario = "neuron"\n'


@pytest.mark.parametrize("value", ["[" * 500 + "]" * 500, "{a=" * 500 + "}" * 500,
                                   "[" * 21 + "]" * 21])
def test_a_lesson_nested_too_deep_is_refused(value: str) -> None:
    # 500 deep was RecursionError (exit 70) in `lesson --check` and when served
    levels = value.count("[") + value.count("{")
    with pytest.raises(LessonError, match=rf"^lesson: nested {levels} levels deep "
                       rf"\(at most {MAX_DEPTH}\)$"):
        parse(f'title = "t"\nx = {value}' + STEP)


def test_brackets_in_strings_and_comments_do_not_count() -> None:
    many = "[" * 100
    text = (f'title = "{many}"\nabout = \'{many}\'\n# {many}\n'
            f'[[step]]\ntitle = "s"\nscenario = "neuron"\ntext = """{many}\n{many}"""\n')
    lesson = parse(text)
    assert lesson.title == many and lesson.about == many
    assert depth(text, TOML_STRINGS) == 2  # [[step]]


def _progress_file(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "lessons.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


@pytest.mark.parametrize(("content", "why"), [
    ('{"lessons": ' + "[" * 2000 + "]" * 2000 + "}", "nested 2,001 levels deep"),
    ('{"lessons": {"tour": {"step": 1}}, "pad": "' + "x" * (1024 * 1024) + '"}',
     "too large"),
    ('{"lessons": {"tour": {"step": 1', "not valid JSON"),
    ('{"lessons": [1, 2]}', "not a progress file"),
    ('{"lessons": {"tour": 5}}', "not a progress file"),
    (b'{"lessons": {"\xff": {}}}', "not UTF-8"),
], ids=["deep", "large", "cut", "list", "entry", "bytes"])
def test_an_unreadable_progress_file_is_never_overwritten(tmp_path: Path, content: str | bytes,
                                                         why: str) -> None:
    path = _progress_file(tmp_path, content)
    before = path.read_bytes()
    progress = Progress.load(path)  # 2,000 deep: RecursionError when the tour started
    assert why in progress.problem and "left as it is" in progress.problem
    lesson = tour()
    assert progress.position(lesson) == 0 and progress.done(lesson) == set()
    progress.record(lesson, 3, {0, 1, 2})  # the tour wrote its own progress alone before
    assert path.read_bytes() == before
    assert progress.position(lesson) == 3  # kept for this session all the same


@pytest.mark.parametrize("content", [None, "", "  \n"])
def test_a_missing_or_empty_progress_file_is_written(tmp_path: Path,
                                                    content: str | None) -> None:
    path = tmp_path / "lessons.json"
    if content is not None:
        path.write_text(content)
    progress = Progress.load(path)
    assert progress.problem == ""
    progress.record(tour(), 2, {0, 1})
    assert json.loads(path.read_text())["lessons"]["tour"]["step"] == 2


def test_a_readable_progress_file_keeps_other_lessons(tmp_path: Path) -> None:
    path = _progress_file(tmp_path, json.dumps({"lessons": {"/x.toml": {"step": 4}}}))
    progress = Progress.load(path)
    progress.record(tour(), 1, set())
    assert set(json.loads(path.read_text())["lessons"]) == {"/x.toml", "tour"}


# --- lesson --check within a total budget ----------------------------------------------------


def _lesson(*steps: str) -> str:
    return 'title = "t"\n' + "".join(f'[[step]]\ntitle = "s{i}"\n{s}\n'
                                     for i, s in enumerate(steps, 1))


def test_check_refuses_a_solution_past_the_memory_budget_before_playing() -> None:
    # a 300-input sum: each step records 2 x 300 + 2 = 602 numbers; 100 x "step 10000"
    # would be 602 million (MemoryError before). The first command alone is 6,020,000.
    formula = "+".join(f"a{i}" for i in range(300))
    solution = ", ".join(['"step 10000"'] * 100)
    problems = check(parse(_lesson(f'formula = "{formula}"\ngoal = {{ output_above = 1e9 }}\n'
                                   f"solution = [{solution}]")))
    assert problems == ["step 1 (s1), field solution[1]: the solutions record 6,020,000 "
                        "numbers in all, over the check's budget of 2,000,000 (memory)"]


def test_the_budget_counts_over_the_whole_lesson() -> None:
    # the SVM has 3 parameters: "train 100000" is 300,000 updates. Ten per step, three
    # steps: the 21st command would make 6,300,000 in all, over 6,000,000 (each alone is
    # far below). Priced without playing (playing 2 million iterations takes a minute).
    step = ('learning = { model = "svm" }\ngoal = { accuracy = 1.0 }\nsolution = ['
            + ", ".join(['"train 100000"'] * 10) + "]")
    lesson = parse(_lesson(step, step, step))
    assert limits.MAX_TRAIN_UPDATES == 6_000_000
    budget = CheckBudget()
    spent = [budget.spend(state, command) for state in map(StepState, lesson.steps)
             for command in state.step.solution]
    assert spent[:20] == [None] * 20
    assert spent[20] == ("the solutions ask for 6,300,000 parameter updates in all, over the "
                         "check's budget of 6,000,000 (time)")


def test_a_random_method_set_in_the_solution_is_priced_with_its_tries() -> None:
    # the neuron (5 inputs, 5 gates): random search with 1,000,000 tries spends 1,000,000
    # passes a step x (5 + 1) gates = 6,000,000 evaluations; 9 steps fit in 50,000,000,
    # the 9th step's total is 54,000,000.
    step = ('scenario = "neuron"\ngoal = { output_above = 0.99 }\nsolution = '
            '["set method=random", "set tries=1000000", "step 8", "step 1"]')
    state = StepState(parse(_lesson(step)).steps[0])
    budget = CheckBudget()
    for command in state.step.solution[:2]:
        assert budget.spend(state, command) is None
        state.do(command)
    assert budget.spend(state, state.step.solution[2]) is None  # 48,000,000
    assert budget.spend(state, state.step.solution[3]) == (
        "the solutions ask for 54,000,000 gate evaluations in all, over the check's budget "
        "of 50,000,000 (time)")


def test_a_net_of_64_is_priced_by_its_parameters() -> None:
    # 4 x 64 + 1 = 257 parameters: "train 100000" is 25,700,000 updates (past a minute before)
    step = ('learning = { model = "net", hidden = 64 }\ngoal = { accuracy = 1.0 }\n'
            'solution = [' + ", ".join(['"train 100000"'] * 10) + "]")
    assert check(parse(_lesson(step))) == [
        "step 1 (s1), field solution[1]: the solutions ask for 25,700,000 parameter updates "
        "in all, over the check's budget of 6,000,000 (time)"]


def test_the_tour_fits_the_check_budget() -> None:
    assert check(tour()) == []


@pytest.mark.parametrize("kind", ["folder", "dangling link", "unreadable"])
def test_a_progress_path_that_cannot_be_read_is_left_alone(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "lessons.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to(tmp_path / "gone.json")
    else:  # mode 000 stops a normal user (root reads it anyway: then it is read as usual)
        path.write_text(json.dumps({"lessons": {"/x.toml": {"step": 4}}}))
        path.chmod(0)
    progress = Progress.load(path)
    progress.record(tour(), 1, set())
    if kind == "unreadable" and not progress.problem:
        assert os.geteuid() == 0  # root: read and kept, the other lesson with it
        assert set(json.loads(path.read_text())["lessons"]) == {"/x.toml", "tour"}
        return
    assert "left as it is" in progress.problem
    assert not (tmp_path / "gone.json").exists()
    if kind == "unreadable":
        path.chmod(0o600)
        assert json.loads(path.read_text()) == {"lessons": {"/x.toml": {"step": 4}}}
