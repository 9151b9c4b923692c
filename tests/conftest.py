"""Shared test options: long runs (fuzz, big circuits) only with --run-slow."""

from __future__ import annotations

import pytest
from hypothesis import settings

# `make test` must not fail at random: property tests draw the same examples every run
# (derandomize). `make test-long` (--run-slow) searches fresh examples each time.
settings.register_profile("fixed", derandomize=True, database=None)
settings.register_profile("search", derandomize=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", help="also run tests marked slow")


def pytest_configure(config: pytest.Config) -> None:
    settings.load_profile("search" if config.getoption("--run-slow") else "fixed")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow (make test-long)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _user_data_in_tmp(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lesson progress goes to the platform's user data folder: in tests, a fresh temporary
    one (platformdirs reads XDG_DATA_HOME), never the real user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path) + "/xdg-data")
