"""``ferrous debug prog.lua < input.txt`` and ``--stdin FILE`` as a person runs them: the
debugger in a pseudo-terminal (its controlling terminal, where the keys come from) with the
program's input redirected from a file; the program reads the file, the keys still drive the
debugger, os.exit's status is shown in the status line, and q ends the debugger cleanly."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time
from pathlib import Path

PROGRAM = (b"local total = 0\n"
           b"for line in io.lines() do\n"
           b"  local n = tonumber(line)\n"
           b"  if n then total = total + n end\n"
           b"end\n"
           b"print('total', total)\n"
           b"print('more', io.read())\n"
           b"os.exit(3)\n")
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Za-z0-9]|[=>A-Za-z])")


class Terminal:
    """A child process on a pseudo-terminal (140x45), its screen read as plain text."""

    def __init__(self, argv: list[str], stdin: Path | None, cwd: Path) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: a session of its own whose controlling terminal is the pty
            try:
                os.chdir(cwd)
                if stdin is not None:
                    os.dup2(os.open(stdin, os.O_RDONLY), 0)
                os.execv(sys.executable, [sys.executable, "-m", "ferrous_repl", *argv])
            finally:
                os._exit(127)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 140, 0, 0))
        self.pid, self.fd = pid, fd
        self.seen = b""

    def wait_for(self, text: str, limit: float = 120.0) -> None:
        deadline = time.monotonic() + limit
        while text.encode() not in ANSI.sub(b"", self.seen):
            left = deadline - time.monotonic()
            assert left > 0, f"{text!r} never shown; the screen had {ANSI.sub(b'', self.seen)[-1500:]!r}"
            ready, _, _ = select.select([self.fd], [], [], min(left, 1.0))
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:  # the child has gone
                    break

    def press(self, keys: str) -> None:
        self.seen = b""
        os.write(self.fd, keys.encode())

    def exit_status(self, limit: float = 60.0) -> int:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    os.read(self.fd, 65536)
                except OSError:
                    pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        raise AssertionError("the debugger did not end after q")


def run_session(tmp_path: Path, argv: list[str], stdin: Path | None) -> None:
    term = Terminal(argv, stdin, tmp_path)
    try:
        term.wait_for("at the start")
        term.press("c")
        term.wait_for("finished by os.exit (status 3)")
        term.wait_for("total   6")
        term.wait_for("more    nil")
        term.press("q")
        assert term.exit_status() == 0
    except BaseException:
        os.kill(term.pid, 9)
        os.waitpid(term.pid, 0)
        raise


def test_input_redirected_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "sum.lua").write_bytes(PROGRAM)
    (tmp_path / "in.txt").write_bytes(b"1\n2\n3\n")
    run_session(tmp_path, ["debug", "sum.lua"], tmp_path / "in.txt")


def test_input_given_with_the_stdin_option(tmp_path: Path) -> None:
    (tmp_path / "sum.lua").write_bytes(PROGRAM)
    (tmp_path / "in.txt").write_bytes(b"1\n2\n3\n")
    run_session(tmp_path, ["debug", "--stdin", "in.txt", "sum.lua"], None)
