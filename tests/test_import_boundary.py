"""The engine imports no UI library (ARCHITECTURE.md, invariant 8): front ends depend on vm/, never back."""

from __future__ import annotations

import ast
from pathlib import Path

VM = Path(__file__).resolve().parents[1] / "vm"
FORBIDDEN = {"textual", "prompt_toolkit", "pygments", "ferrous_repl"}


def _imported_roots(tree: ast.AST) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, (ast.Name, ast.Attribute))
            and getattr(node.func, "id", getattr(node.func, "attr", None)) in {"__import__", "import_module"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def test_vm_imports_no_ui_library() -> None:
    files = sorted(VM.rglob("*.py"))
    assert files, "no vm/ sources found"
    offenders = {
        str(path.relative_to(VM.parent)): sorted(bad)
        for path in files
        if (bad := _imported_roots(ast.parse(path.read_bytes(), filename=str(path))) & FORBIDDEN)
    }
    assert offenders == {}


def test_the_checker_sees_imports() -> None:
    source = (
        "import textual.app\nfrom pygments import lex\n"
        "import importlib\nimportlib.import_module('prompt_toolkit')\n"
    )
    assert _imported_roots(ast.parse(source)) >= {"textual", "pygments", "prompt_toolkit"}
