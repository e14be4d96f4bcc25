"""The program's own reads of the terminal, next to lua5.1 -i in a tmux pane: Ctrl-C during a
read, keys typed before it (echoed, edited as the terminal edits them), Ctrl-C typed between
the Enter and the run's start, an Up typed ahead of the next prompt."""

from __future__ import annotations

import os
import pty
import re
import select
import termios

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.typeahead import get_typeahead, store_typeahead
from prompt_toolkit.key_binding import KeyPress
from prompt_toolkit.keys import Keys

from ferrous_repl.repl.program_input import cook, ctrl_c_typed

PROMPT_LINE = re.compile(r"^>\s*$")


def _after(screen: str, input_line: str) -> list[str]:
    """The lines shown after ``input_line`` up to the next empty prompt, right-trimmed."""
    lines = [ln.rstrip() for ln in screen.split("\n")]
    start = max(i for i, ln in enumerate(lines) if ln == input_line)
    end = next(i for i in range(start + 1, len(lines)) if PROMPT_LINE.match(lines[i]))
    return lines[start + 1:end]


def test_ctrl_c_stops_a_read_and_says_so_as_lua51_does(start_repl, start_lua) -> None:
    """Ctrl-C while the program waited in io.read was lost: the read went on, and the run
    ended normally once Enter was pressed. lua5.1 stops it (once the read returns) with
    "stdin:1: interrupted!" and a traceback through 'read'; the session keeps its state."""
    ours, lua = start_repl(), start_lua()
    for pane in (ours, lua):
        pane.wait_prompt()
        pane.line("kept = 'before the read'")
        pane.wait(r"^> kept = 'before the read'\n>")
        pane.line("io.write('ready ') print(io.read())")
        pane.wait(r"^ready")  # the program reads (lua5.1's line editor has let the terminal go)
    ours.wait_echo()
    for pane in (ours, lua):
        pane.type("abc")
        pane.wait(r"^ready abc$")
        pane.keys("C-c")
    lua.keys("Enter")  # lua5.1's read goes on until its line ends; then the interrupt is seen
    screens = [pane.wait(r"^\s+\[C\]: \?\n>") for pane in (ours, lua)]
    ours_after, lua_after = (_after(s, "> io.write('ready ') print(io.read())") for s in screens)
    assert ours_after[0] == lua_after[0] == "ready abc^C"
    assert ours_after[1:] == lua_after[1:]
    assert ours_after[1:3] == ["stdin:1: interrupted!", "stack traceback:"]
    ours.line("kept")
    ours.wait(r'^"before the read"$')


def test_keys_typed_before_the_read_are_echoed_and_edited_as_lua51_shows_them(start_repl, start_lua) -> None:
    """Typed in the same burst as the Enter (or while the input ran), the next line went to the
    next prompt, not to the program's read; and keys waiting in the terminal reached the read
    unechoed. lua5.1's cooked terminal echoes them, erases with Backspace, and the read gets
    the edited line: what it shows for keys typed as it reads, ours shows for keys typed
    before."""
    ours, lua = start_repl(), start_lua()
    program, keys = "io.write('ready ') print('got', io.read())", "typeX\x7fd\r"
    ours.wait_prompt()
    ours.type(f"{program}\r{keys}")  # one burst: the keys are there before the read
    lua.wait_prompt()
    lua.line(program)
    lua.wait(r"^ready")  # lua5.1 reads (its line editor has let the terminal go: cooked)
    lua.type(keys)
    screens = [pane.wait(r"^got\s+typed\n>") for pane in (ours, lua)]
    ours_after, lua_after = (_after(s, f"> {program}") for s in screens)
    assert ours_after == lua_after
    assert ours_after[0] == "ready typed"
    ours.line("1 + 1")  # nothing typed ahead was left for the prompt
    screen = ours.wait(r"^2$")
    assert "> 1 + 1\n2" in screen, screen


def test_ctrl_c_typed_right_after_enter_stops_the_run_with_one_press(start_repl) -> None:
    """Ctrl-C between the Enter and the run's start (a key then, not yet a signal) went to the
    next prompt: the loop ran on and needed a second press. One write: the Ctrl-C is always
    there before the run starts."""
    pane = start_repl()
    pane.wait_prompt()
    pane.line("kept = 'state'")
    pane.wait_prompt()
    pane.type("while true do end\r\x03")
    pane.wait(r"^interrupted \(before it ran\)$")
    pane.wait_prompt()
    pane.line("kept")
    pane.wait(r'^"state"$')


def test_an_up_typed_ahead_recalls_the_history(start_repl) -> None:
    """Up typed in the same burst as the Enter before it found no history (prompt_toolkit
    loaded it at the next prompt's first repaint, after the keys typed ahead were replayed),
    and the Enter after it ran an empty line."""
    pane = start_repl()
    pane.wait_prompt(mode="lua")  # prompt_toolkit's prompt (the early one holds keys: no history yet)
    pane.type("n = (n or 0) + 1\r\x1b[A\r")
    pane.wait_prompt()
    pane.line("n")
    pane.wait(r"^2$")


def _pty() -> tuple[int, int]:
    """A terminal whose keys are read one by one, unechoed (the REPL's quiet terminal)."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG)
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    return master, slave


def test_ctrl_c_typed_drops_the_keys_before_it_and_keeps_those_after() -> None:
    master, slave = _pty()
    try:
        with create_pipe_input() as held:
            store_typeahead(held, [KeyPress("x", "x")])  # read by the prompt with the Enter
            os.write(master, b"ab\x03cd")  # waiting in the terminal
            assert ctrl_c_typed(held, slave)
            assert "".join(k.data for k in get_typeahead(held)) == "cd"

            store_typeahead(held, [KeyPress("x", "x")])
            os.write(master, b"y\x1b[A")
            assert not ctrl_c_typed(held, slave)
            assert [k.key for k in get_typeahead(held)] == ["x", "y", Keys.Up]

            # after an Enter, a Ctrl-C is for the line that Enter ends, not for this input
            os.write(master, b"loop\r\x03")
            assert not ctrl_c_typed(held, slave)
            assert "".join(k.data for k in get_typeahead(held)) == "loop\n\x03"  # ICRNL
    finally:
        os.close(master)
        os.close(slave)


def _kernel_reads(raw: bytes, end: bytes) -> tuple[list[bytes], bytes]:
    """The reference: ``raw`` typed into a pty in canonical mode with echo (its defaults); the
    reads of its program up to the line ``end``, and what the terminal echoed up to it."""
    master, slave = pty.openpty()
    try:
        os.write(master, raw)
        chunks: list[bytes] = []
        while not chunks or chunks[-1] != end:
            assert select.select([slave], [], [], 20)[0], f"no line after {chunks}"
            chunks.append(os.read(slave, 1024))
        echo = b""
        while not echo.endswith(end.rstrip(b"\n") + b"\r\n"):
            assert select.select([master], [], [], 20)[0], f"no echo after {echo!r}"
            echo += os.read(master, 1024)
        return chunks, echo
    finally:
        os.close(master)
        os.close(slave)


def test_cook_edits_and_echoes_as_a_canonical_terminal_does() -> None:
    """The keys typed ahead, cooked as the kernel's line discipline cooks them on a pty:
    Backspace, kill (Ctrl-U), end of file (Ctrl-D) mid-line and at a line's start, CR to NL,
    control keys echoed as ^X, NL echoed as CR NL (the output's ONLCR does it for ours)."""
    raw = b"typeX\x7fd\rkill me\x15o\x01k\x04\x04END\r"
    want_chunks, want_echo = _kernel_reads(raw, b"END\n")
    master, slave = pty.openpty()
    try:
        attrs = termios.tcgetattr(slave)
    finally:
        os.close(master)
        os.close(slave)
    chunks, echo = cook(raw, attrs)
    assert chunks == want_chunks
    assert echo.replace(b"\n", b"\r\n") == want_echo
    attrs[3] &= ~termios.ECHO
    assert cook(b"a\r", attrs) == ([b"a\n"], b"")


def test_lines_typed_ahead_that_the_program_does_not_read_go_to_the_next_prompt(
        start_repl, start_lua) -> None:
    """Two lines typed ahead of a program that reads one: the other is the next prompt's, as
    lua5.1's terminal leaves it to its line editor (it was kept for the next run's read)."""
    ours, lua = start_repl(), start_lua()
    program, keys = "io.write('ready ') print('got', io.read())", "abc\rdef = 5\r"
    ours.wait_prompt()
    ours.type(f"{program}\r{keys}")
    lua.wait_prompt()
    lua.line(program)
    lua.wait(r"^ready")
    lua.type(keys)
    for pane in (ours, lua):
        pane.wait(r"^> def = 5\n>")
        pane.line("print(def)")
    screens = [pane.wait(r"^> print\(def\)\n5\n>") for pane in (ours, lua)]
    ours_after, lua_after = (_after(s, f"> {program}") for s in screens)
    assert ours_after == lua_after
    assert ours_after == ["ready abc", "def = 5", "got     abc", "> def = 5", "> print(def)", "5"]
