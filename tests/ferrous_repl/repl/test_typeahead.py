"""The terminal's settings as the REPL leaves them between prompts, on a pseudo-terminal of
the test's own: quiet (no echo, no line discipline) between prompts with Ctrl-C a key; Ctrl-C
a signal while input runs; the settings found for the program's reads and at the end."""

from __future__ import annotations

import os
import termios
from collections.abc import Iterator

import pytest

from ferrous_repl.repl.typeahead import QuietTerminal

LFLAG = 3


@pytest.fixture()
def tty() -> Iterator[int]:
    main, follower = os.openpty()
    attrs = termios.tcgetattr(follower)
    attrs[LFLAG] |= termios.ECHO | termios.ICANON | termios.ISIG | termios.IEXTEN
    termios.tcsetattr(follower, termios.TCSANOW, attrs)
    yield follower
    os.close(follower)
    os.close(main)


def _lflag(fd: int) -> int:
    return termios.tcgetattr(fd)[LFLAG]


def _has(fd: int, flag: int) -> bool:
    return bool(_lflag(fd) & flag)


def test_quiet_between_prompts_ctrl_c_a_signal_only_while_running(tty: int) -> None:
    found = termios.tcgetattr(tty)
    terminal = QuietTerminal(tty, found)
    terminal.between()
    assert not _has(tty, termios.ECHO) and not _has(tty, termios.ICANON) and not _has(tty, termios.ISIG)
    with terminal.running():
        assert not _has(tty, termios.ECHO) and not _has(tty, termios.ICANON) and _has(tty, termios.ISIG)
        with terminal.reading():
            assert termios.tcgetattr(tty) == found  # the program reads as on the shell's terminal
        assert not _has(tty, termios.ECHO) and _has(tty, termios.ISIG)
    assert not _has(tty, termios.ECHO) and not _has(tty, termios.ISIG)  # quiet until the next prompt
    with pytest.raises(KeyboardInterrupt), terminal.running():
        raise KeyboardInterrupt
    assert not _has(tty, termios.ISIG)  # however the run ended
    terminal.restore()
    assert termios.tcgetattr(tty) == found


def test_reading_outside_a_run_changes_nothing(tty: int) -> None:
    terminal = QuietTerminal(tty, termios.tcgetattr(tty))
    terminal.between()
    quiet = termios.tcgetattr(tty)
    with terminal.reading():
        assert termios.tcgetattr(tty) == quiet
    assert termios.tcgetattr(tty) == quiet
