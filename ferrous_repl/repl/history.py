"""Where the REPL keeps its history: ``$XDG_STATE_HOME/ferrous/history`` (by default
``~/.local/state/ferrous/history``). When that cannot be written, history lives in memory for
the session and the user is told why."""

from __future__ import annotations

import os
from pathlib import Path

from prompt_toolkit.history import FileHistory, History, InMemoryHistory


def history_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "ferrous" / "history"


def open_history() -> tuple[History, str | None]:
    """The history, and a warning when it cannot be kept on disk."""
    path = history_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "ab"):
            pass
    except OSError as exc:
        return InMemoryHistory(), f"history is not saved: cannot write {path}: {exc.strerror}"
    return FileHistory(str(path)), None
