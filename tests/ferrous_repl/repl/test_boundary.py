"""The REPL and the printer see the VM through the session facade and the read-only views only
(ARCHITECTURE.md, invariant 8), plus the compiler's pure parts (compiling, lexing)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3] / "ferrous_repl"
ALLOWED = {"vm.session", "vm.errors", "vm.values_view", "vm.loader", "vm.compiler.lexer"}


def test_front_end_imports_only_the_facade_and_views() -> None:
    files = sorted((ROOT / "repl").glob("*.py")) + [ROOT / "pretty.py"]
    assert len(files) > 10
    offenders = {}
    for path in files:
        tree = ast.parse(path.read_text(), filename=str(path))
        used = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        used |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        bad = {m for m in used if m.split(".")[0] == "vm" and m not in ALLOWED}
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}
