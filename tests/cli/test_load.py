"""`nn101-tui --load FILE`: a good session opens the app on it; a bad one is refused with
exit 2 and one line before the app starts (the terminal is never taken over)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nn101.state.playground import Playground
from nn101.state.session import Session
from nn101.tui import app as app_module
from tests.cli.helpers import cli


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Session | None]:
    """Stands in for the app: records the session it would have opened."""
    calls: list[Session | None] = []

    def fake_run_app(scenario: str | None = None, expression: str | None = None,
                     session: Session | None = None, **_: object) -> int:
        calls.append(session)
        # What the real app does first: build its playground (raises if it does not fit).
        app_module.PlaygroundApp(scenario=scenario, expression=expression, session=session)
        return 0

    monkeypatch.setattr(app_module, "run_app", fake_run_app)
    return calls


def saved(tmp_path: Path) -> Path:
    pg = Playground("two-gates")
    pg.step(3)
    return pg.to_session().save(tmp_path / "s.json")


def test_a_saved_session_opens(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               opened: list[Session | None]) -> None:
    result = cli(capsys, "--load", str(saved(tmp_path)))
    assert (result.code, result.err) == (0, "")
    [session] = opened
    assert session is not None and session.scenario == "two-gates" and len(session.steps) == 3


def _future(tmp_path: Path) -> str:
    data = json.loads(saved(tmp_path).read_text())
    data["version"] = 2
    data["weights"] = []  # a newer file may carry keys this version does not know
    return json.dumps(data)


@pytest.mark.parametrize(
    ("what", "content", "fragment"),
    [
        ("missing", None, "cannot read"),
        ("empty", lambda p: "", "it is empty"),
        ("truncated", lambda p: saved(p).read_text()[:120], "ends too early (truncated?)"),
        ("not JSON", lambda p: "hello", "not valid JSON"),
        ("a trace, not a session", lambda p: '{"format": "nn101-trace", "version": 1}',
         "not an nn101 session file"),
        ("future version", _future, "version 2, written by a newer nn101-tui"),
        ("nan inside", lambda p: saved(p).read_text().replace('"step_size": 0.01',
                                                              '"step_size": NaN'),
         "NaN is not allowed"),
        ("binary", lambda p: b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_2_before_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], opened: list[Session | None],
    what: str, content: object, fragment: str,
) -> None:
    path = tmp_path / "missing.json"
    if content is not None:
        assert callable(content)
        data = content(tmp_path)
        path = tmp_path / "bad.json"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    result = cli(capsys, "--load", str(path))
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("nn101-tui: error: ") and result.err.count("\n") == 1
    assert fragment in result.err, result.err
    assert opened == []  # the app never started


def test_load_goes_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                         opened: list[Session | None]) -> None:
    result = cli(capsys, "--load", str(saved(tmp_path)), "--scenario", "mul")
    assert result.code == 2 and "give --load alone" in result.err
    assert opened == []
