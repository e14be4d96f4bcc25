"""Fixtures of the REPL tests: private configuration, theme and history directories, and
tmux panes that run the real REPL (80x24) as a person would use it: type, press keys, read the
screen. Each pane has a tmux server of its own (a unique socket name), killed at the end.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The REPL tests never read or write the user's own configuration, themes or history."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("FERROUS_THEME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


REPO = Path(__file__).resolve().parents[3]
WAIT = 20.0  # seconds before giving up on something appearing (a failure, not a speed test)


class Pane:
    def __init__(self, home: Path, *args: str, env: dict[str, str] | None = None,
                 width: int = 80, height: int = 24, program: str | None = None) -> None:
        """``program``: a command to run instead of ferrous (``lua5.1 -i``, the reference),
        as the pane's process itself (exec: no shell beside it for Ctrl-C to end)."""
        assert shutil.which("tmux") is not None, "tmux is not installed (apt-get install tmux)"
        self.socket = f"ferrous-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        variables = {
            "PYTHONPATH": str(REPO),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "HOME": str(home),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            **(env or {}),
        }
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in variables.items())
        unset = "" if "NO_COLOR" in variables else "-u NO_COLOR "
        command = (f"cd {shlex.quote(str(REPO))} && env {unset}-u FERROUS_THEME {assignments} "
                   f"{shlex.quote(sys.executable)} -m ferrous_repl {' '.join(map(shlex.quote, args))}; "
                   f"echo \"[exited $?]\"; sleep 600")
        if program is not None:
            command = f"cd {shlex.quote(str(REPO))} && exec env {assignments} {program}"
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)
        self.socket_path = Path(self._tmux("display-message", "-p", "#{socket_path}").strip())

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, check=True)
        return done.stdout.decode("utf-8", "replace")

    def type(self, text: str) -> None:
        """Type text literally (no key names)."""
        self._tmux("send-keys", "-l", text)

    def keys(self, *names: str) -> None:
        """Press keys by tmux name: Enter, Tab, C-c, C-d, Up, M-Enter ..."""
        self._tmux("send-keys", *names)

    def line(self, text: str) -> None:
        self.type(text)
        self.keys("Enter")

    def paste(self, text: str) -> None:
        """Paste as a terminal does (bracketed paste)."""
        self._tmux("set-buffer", "--", text)
        self._tmux("paste-buffer", "-p", "-d")

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-x", str(width), "-y", str(height))

    def screen(self, escapes: bool = False) -> str:
        return self._tmux("capture-pane", "-p", *(["-e"] if escapes else []))

    def wait(self, condition: Callable[[str], bool] | str, escapes: bool = False) -> str:
        """Wait until the screen satisfies condition (a regex or a predicate); the screen."""
        wanted = condition
        if isinstance(condition, str):
            pattern = condition
            condition = lambda s: re.search(pattern, s, re.M) is not None  # noqa: E731
        test = condition
        deadline = time.monotonic() + WAIT
        while True:
            screen = self.screen(escapes)
            if test(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {wanted!r}; screen:\n{screen}")
            time.sleep(0.05)

    def echoes(self) -> bool:
        """Whether the pane's terminal echoes what is typed now (the REPL turns echo on only
        for the program's own reads): a program is reading when it does."""
        import termios

        tty = self._tmux("display-message", "-p", "#{pane_tty}").strip()
        fd = os.open(tty, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
        try:
            return bool(termios.tcgetattr(fd)[3] & termios.ECHO)
        finally:
            os.close(fd)

    def wait_echo(self) -> None:
        """Wait until the terminal echoes (the program reads standard input)."""
        deadline = time.monotonic() + WAIT
        while not self.echoes():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for the terminal to echo; screen:\n{self.screen()}")
            time.sleep(0.05)

    def wait_prompt(self, mode: str | None = None) -> str:
        """Wait for an empty prompt on the last non-toolbar line with text; with ``mode``, for
        the toolbar showing it too (tmux may show the prompt's line before the toolbar)."""
        return self.wait(lambda s: _last_text_line(s) == ">" and (mode is None or f"mode: {mode}" in s))

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        self.socket_path.unlink(missing_ok=True)  # tmux leaves its socket file behind


def _last_text_line(screen: str) -> str:
    lines = [ln.rstrip() for ln in screen.split("\n")]
    lines = [ln for ln in lines if ln and "│ mode:" not in ln]  # not the toolbar
    return lines[-1] if lines else ""


@pytest.fixture()
def start_repl(tmp_path: Path) -> Iterator[Callable[..., Pane]]:
    """Start `ferrous ARGS` (or ``program``) in a tmux pane of its own; every pane is killed at
    the end."""
    panes: list[Pane] = []

    def start(*args: str, env: dict[str, str] | None = None, home: Path = tmp_path,
              program: str | None = None) -> Pane:
        pane = Pane(home, *args, env=env, program=program)
        panes.append(pane)
        return pane

    yield start
    for pane in panes:
        pane.close()


@pytest.fixture()
def start_program(start_repl: Callable[..., Pane]) -> Callable[[str], Pane]:
    """Start a command instead of ferrous (the reference ``lua5.1 -i``, a shell with job
    control) in a tmux pane of its own; every pane is killed at the end."""
    return lambda program: start_repl(program=program)


@pytest.fixture()
def start_lua(start_program: Callable[[str], Pane]) -> Callable[[], Pane]:
    """Start the reference, ``lua5.1 -i``, in a tmux pane of its own."""
    assert shutil.which("lua5.1") is not None, "lua5.1 is not installed (apt-get install lua5.1)"
    return lambda: start_program("lua5.1 -i")
