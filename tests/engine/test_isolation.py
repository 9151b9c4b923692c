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


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_every_engine_module_imports_only_the_standard_library() -> None:
    files = sorted(ENGINE.rglob("*.py"))
    assert len(files) >= 10
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            ours = name == "nn101.engine" or name.startswith("nn101.engine.")
            assert ours or top in sys.stdlib_module_names, f"{path.name} imports {name}"
