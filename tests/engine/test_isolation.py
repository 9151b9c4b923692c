"""The engine stands alone: standard library only, no textual or rich, ever."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import nn101.engine

ENGINE = Path(nn101.engine.__file__).parent


def test_importing_the_engine_loads_no_textual_or_rich() -> None:
    # A fresh interpreter: this test process has loaded rich and textual already.
    code = (
        "import json, sys; import nn101.engine; from nn101.engine import *; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    modules = json.loads(done.stdout)
    assert "nn101.engine" in modules and "nn101.engine.circuit" in modules
    ui = [m for m in modules if m.split(".")[0] in {"textual", "rich", "textual_plotext"}]
    assert ui == []
    # the notebook drawing (engine/display.py imports it when a notebook displays) stays out
    above = [m for m in modules if m.startswith(("nn101.state", "nn101.notebook", "grandalf"))]
    assert above == []


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


DISPLAY_HOOK = ("display.py", "nn101.notebook")
"""The one import that reaches above the engine: the notebook drawing, imported inside
`display.mimebundle` when a notebook displays a circuit (never at import time, above)."""


def test_every_engine_module_imports_only_the_standard_library() -> None:
    files = sorted(ENGINE.rglob("*.py"))
    assert len(files) >= 10
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            ours = name == "nn101.engine" or name.startswith("nn101.engine.")
            if (path.name, name) == DISPLAY_HOOK:
                continue
            assert ours or top in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_the_display_hook_imports_the_drawing_only_inside_its_function() -> None:
    tree = ast.parse((ENGINE / DISPLAY_HOOK[0]).read_text(encoding="utf-8"))
    top_level = {n.module for n in tree.body if isinstance(n, ast.ImportFrom)}
    assert DISPLAY_HOOK[1] not in top_level
    assert DISPLAY_HOOK[1] in _imports(ENGINE / DISPLAY_HOOK[0])


def _package_modules() -> list[str]:
    root = ENGINE.parent
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_alone_so_there_is_no_import_cycle() -> None:
    # Each module first, in a fresh interpreter: a cycle shows up as an ImportError
    # ("partially initialized module") for whichever module of the cycle is imported first.
    names = _package_modules()
    assert len(names) > 40
    code = ("import importlib, sys\n"
            "failed = []\n"
            "for name in sys.argv[1:]:\n"
            "    for loaded in [m for m in sys.modules if m.startswith('nn101')]:\n"
            "        del sys.modules[loaded]\n"
            "    try:\n"
            "        importlib.import_module(name)\n"
            "    except Exception as err:\n"
            "        failed.append(f'{name}: {err!r}')\n"
            "print('\\n'.join(failed))\n")
    done = subprocess.run([sys.executable, "-c", code, *names], capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.strip() == ""


def test_the_layers_import_one_way_only() -> None:
    # engine <- state <- tui / cli: the state layer never reaches up into the app.
    root = ENGINE.parent
    for path in sorted((root / "state").rglob("*.py")):
        for name in _imports(path):
            assert not name.startswith(("nn101.tui", "nn101.cli", "textual")), \
                f"{path.name} imports {name}"
