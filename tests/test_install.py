"""nn101-tui installs as a command: the wheel and the sdist build from this tree, and the
wheel, installed into a fresh virtual environment outside the repository, runs.

Offline and quick: the build runs once per session without isolation (the test extra
brings `build` and the backend), the wheel is installed with --no-deps --no-index, and the
new environment sees the test environment's dependencies through a .pth file, not this
tree: `nn101` itself is imported from the installed wheel, so a file missing from the
package data (a .tcss, the tour) fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import nn101
from nn101.engine.scenarios import SCENARIOS

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "nn101"


def _run(*argv: str | Path, cwd: Path, stdin: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], cwd=cwd, input=stdin, text=True,
                          capture_output=True, timeout=300, check=False, env=env)


def _source_files() -> set[str]:
    """Every file the package ships, as a wheel names it (nn101/...)."""
    return {f"nn101/{p.relative_to(PACKAGE).as_posix()}" for p in PACKAGE.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, and the wheel built from it (what `pipx install .` does), once."""
    out = tmp_path_factory.mktemp("dist")
    # A clean copy of what a clone holds: a leftover src/*.egg-info from an earlier build
    # lists files the package data may no longer name, and would hide their absence.
    tree = tmp_path_factory.mktemp("tree")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    shutil.copytree(ROOT / "src", tree / "src",
                    ignore=shutil.ignore_patterns("*.egg-info", "__pycache__", "*.pyc"))
    built = _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, tree,
                 cwd=out)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return out


@pytest.fixture(scope="session")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    made = _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                cwd=venv).stdout.strip()
    # The dependencies (textual, ...) from the test environment; never this tree's src.
    Path(site, "_nn101_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    wheel = next(dist.glob("nn101_tui-*.whl"))
    got = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
               "--no-index", "--quiet", wheel, cwd=venv)
    assert got.returncode == 0, got.stdout + got.stderr
    return venv / "bin"


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = "/usr/bin:/bin"
    return env


def test_the_wheel_and_the_sdist_hold_every_file_of_the_package(dist: Path) -> None:
    wanted = _source_files()
    assert any(name.endswith(".tcss") for name in wanted)
    assert "nn101/state/tour.toml" in wanted
    (wheel,) = dist.glob(f"nn101_tui-{nn101.__version__}-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry = next(n for n in names if n.endswith("entry_points.txt"))
        assert "nn101-tui = nn101.cli:main" in archive.read(entry).decode()
    assert wanted <= names, sorted(wanted - names)
    (sdist,) = dist.glob(f"nn101_tui-{nn101.__version__}.tar.gz")
    with tarfile.open(sdist) as archive:
        top = f"nn101_tui-{nn101.__version__}/"
        inside = {n.removeprefix(top) for n in archive.getnames()}
    assert {"pyproject.toml", "README.md"} <= inside
    assert {f"src/{name}" for name in wanted} <= inside


def test_the_installed_command_runs_outside_the_repository(installed: Path,
                                                           tmp_path: Path) -> None:
    env = _clean_env()
    tool = installed / "nn101-tui"
    where = _run(installed / "python", "-c", "import nn101; print(nn101.__file__)",
                 cwd=tmp_path, env=env)
    assert Path(where.stdout.strip()).is_relative_to(installed.parent), where
    version = _run(tool, "--version", cwd=tmp_path, env=env)
    assert version.stdout == f"nn101-tui {nn101.__version__}\n", version.stderr
    listed = _run(tool, "list", "--json", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert [row["name"] for row in json.loads(listed.stdout)] == list(SCENARIOS)
    run = _run(tool, "run", "neuron", "--steps", "1", "--json", cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    # The guide: one backprop step of 0.01 takes the neuron from 0.8808 to 0.8825 (0.88255,
    # which the guide rounds down).
    assert round(json.loads(run.stdout)["steps"][-1]["output"], 5) == 0.88255
    module = _run(installed / "python", "-m", "nn101", "--version", cwd=tmp_path, env=env)
    assert module.stdout == version.stdout
    tour = _run(tool, "plain", "tour", cwd=tmp_path, env=env, stdin="quit\n")
    assert tour.returncode == 0, tour.stderr  # the tour's TOML is package data
    assert tour.stdout.splitlines()[1].startswith("lesson: ")


def test_the_installed_app_starts_with_its_stylesheets(installed: Path, tmp_path: Path
                                                        ) -> None:
    """The app itself, headless: a missing .tcss stops it before its first frame."""
    script = (
        "import asyncio\n"
        "from nn101.tui.app import PlaygroundApp\n"
        "async def main():\n"
        "    app = PlaygroundApp(cursor_blink=False)\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(type(app.screen).__name__)\n"
        "asyncio.run(main())\n")
    started = _run(installed / "python", "-c", script, cwd=tmp_path, env=_clean_env())
    assert started.returncode == 0, started.stderr[-3000:]
    assert started.stdout.strip() == "CircuitScreen"
