"""The first prompt before prompt_toolkit (repl/early.py): `ferrous` alone writes its banner and
prompt with the standard library only, and what is typed or pasted before the prompt_toolkit
prompt takes over is kept and runs as if typed there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_the_first_prompt_needs_only_the_standard_library() -> None:
    probe = ("import sys, ferrous_repl.cli, ferrous_repl.repl.early; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & "
             "{'prompt_toolkit', 'pygments', 'vm', 'textual', 'wcwidth'}))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), check=True)
    assert done.stdout.strip() == "[]"


def test_keys_typed_and_pasted_before_the_editor_is_ready_are_kept(start_repl, tmp_path) -> None:
    # no bytecode cache: prompt_toolkit takes long enough to import for the keys to come first
    pane = start_repl(env={"PYTHONPYCACHEPREFIX": str(tmp_path / "empty"),
                           "PYTHONDONTWRITEBYTECODE": "1"})
    pane.wait_prompt()
    pane.line("x = 6 * 7")
    pane.paste("y = 0" + "+1" * 3000)  # 6 KB, as one bracketed paste
    pane.keys("Enter")
    early = pane.screen()
    pane.line("print(x, y)")
    pane.wait(r"^42\s+3000$")
    pane.wait_prompt()
    assert "mode:" not in early  # the keys came before prompt_toolkit's prompt (its toolbar)
    # the early banner was replaced where it stood: one banner, in tmux's history too
    assert pane._tmux("capture-pane", "-p", "-S", "-100").count("Ctrl-D leaves") == 1
    pane.keys("C-d")
    pane.wait(r"^\[exited 0\]$")
