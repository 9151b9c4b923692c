"""The rule for optional parts (tests/optional.py): a missing one skips with how to install
it on a developer's machine, and fails under CI; a present one is found and used."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests import optional
from tests.web.browser import CHROMIUM_NAMES, INSTALL_CHROMIUM


def _no_programs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    return empty


@pytest.mark.parametrize("value", [None, "", "0", "false"])
def test_a_missing_browser_is_a_one_line_skip_that_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str | None) -> None:
    _no_programs(monkeypatch, tmp_path)
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception) as caught:
        optional.program(CHROMIUM_NAMES, INSTALL_CHROMIUM)
    reason = str(caught.value)
    assert "\n" not in reason
    assert "chromium or chromium-browser" in reason
    assert "apt-get install chromium" in reason


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_under_ci_a_missing_browser_fails_and_never_skips(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, value: str) -> None:
    _no_programs(monkeypatch, tmp_path)
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception) as caught:
        optional.program(CHROMIUM_NAMES, INSTALL_CHROMIUM)
    assert "apt-get install chromium" in str(caught.value)
    assert "CI is set" in str(caught.value)
    assert not isinstance(caught.value, pytest.skip.Exception)


def test_a_part_on_path_is_found_under_ci_or_not(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    folder = _no_programs(monkeypatch, tmp_path)
    fake = folder / "chromium-browser"  # the second name: every name is tried
    fake.write_text("#!/bin/sh\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    for value in ("true", ""):
        monkeypatch.setenv("CI", value)
        assert optional.program(CHROMIUM_NAMES, INSTALL_CHROMIUM) == str(fake)


def test_ci_run_sets_ci_before_the_tests() -> None:
    """.ci/run is run with CI=true by the CI service; run by hand it must say so itself,
    or a machine without chromium would pass CI by skipping the browser test."""
    script = (Path(__file__).parents[1] / ".ci" / "run").read_text()
    assert "export CI=" in script
    assert script.index("export CI=") < script.rindex("make test")  # the last line runs it
