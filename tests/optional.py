"""Optional parts a test needs (a browser, a program): skip here, fail under CI.

On a developer's machine a missing part is a skip whose one-line reason says how to
install it, so `make test` passes on a fresh clone with or without it. Under CI (the `CI`
environment variable set to anything but "", "0" or "false", as CI services and `.ci/run`'s
runner set it) the same absence is a failure: CI installs every part, and a test that
silently skipped there would prove nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable

import pytest


def under_ci() -> bool:
    """`CI` is set to a true value (GitHub, GitLab and our runner set CI=true)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(what: str, install: str) -> None:
    """An optional part is absent: skip with `what` and how to install it; under CI, fail."""
    reason = f"optional part missing: {what} (install: {install})"
    if under_ci():
        pytest.fail(f"{reason}; CI is set, so a missing part fails the run", pytrace=False)
    pytest.skip(reason)


def program(names: str | Iterable[str], install: str) -> str:
    """The path of the first program of `names` found on PATH; if none is, `missing`."""
    wanted = (names,) if isinstance(names, str) else tuple(names)
    for name in wanted:
        found = shutil.which(name)
        if found:
            return found
    missing(" or ".join(wanted), install)
    raise AssertionError("unreachable: missing() skips or fails")
