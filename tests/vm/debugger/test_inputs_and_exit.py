"""A debugged program's standard input and os.exit: input read from a stream as the program
asks, the same bytes again whenever going back and forth replays the reads (compared with
lua5.1 reading the same input), a note when it reads past the end, and os.exit ending the
program with its status from the program, from an evaluation and on replay."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from vm.debugger import Debugger, Exited
from vm.debugger.inputs import END_OF_INPUT, NO_INPUT
from vm.session import Session

# under the interpreter and under the compiled tier (the tier fixture, tests/conftest.py)
pytestmark = pytest.mark.usefixtures("tier")

READER = (b"local total, lines = 0, {}\n"
          b"for line in io.lines() do\n"
          b"  lines[#lines + 1] = line\n"
          b"  local n = tonumber(line:match('%d+'))\n"
          b"  if n then total = total + n end\n"
          b"end\n"
          b"print(#lines, total, io.read('*n'), io.read())\n")
INPUT = b"apples 3\npears 12\n\nfigs 40\nlast line without newline 5"


def debugger(source: bytes, stdin=None) -> Debugger:
    s = Session()
    return Debugger(s, s.load(source, b"@prog.lua"), stdin=stdin)


class Trickle(io.RawIOBase):
    """A pipe that gives a few bytes at a time, as a terminal or a slow producer does."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        n = min(len(b), 3, len(self.data))
        b[:n] = self.data[:n]
        self.data = self.data[n:]
        return n


def test_input_is_read_as_the_program_asks_and_replayed_exactly(tmp_path: Path) -> None:
    (tmp_path / "prog.lua").write_bytes(READER)
    expected = subprocess.run(["lua5.1", "prog.lua"], cwd=tmp_path, input=INPUT, capture_output=True,
                              check=True).stdout
    d = debugger(READER, io.BufferedReader(Trickle(INPUT)))
    states = []
    while not d.done:
        d.step_line()
        states.append((d.position, d.output_text(), d.eval(b"total") if not d.done else None))
    assert d.output_text() == expected
    # back to the start, and every line again: the reads come from the tape
    d.goto(0)
    for position, output, total in states:
        d.step_line()
        assert (d.position, d.output_text()) == (position, output)
        if not d.done:
            assert d.eval(b"total") == total
    # half way back, then on to the end at full speed
    d.goto(states[len(states) // 2][0])
    d.continue_()
    assert d.output_text() == expected
    note = [x for x in d.log_lines() if x.breakpoint is None]
    assert [x.text for x in note] == [END_OF_INPUT]
    assert note[0].offset == 0  # the input ran out before anything was printed


def test_a_program_with_no_input_reads_end_of_file_and_is_told_so() -> None:
    d = debugger(b"print('name?')\nlocal name = io.read()\nprint('hello', name)\n")
    d.continue_()
    assert d.output_text() == b"name?\nhello\tnil\n"
    lines = d.log_lines()
    assert [(x.text, x.offset, x.position) for x in lines] == [(NO_INPUT, 6, -1)]
    d.goto(2)
    assert d.log_lines() == []  # not read yet at this point of the run
    d.restart()
    assert d.log_lines() == []


def test_os_exit_ends_the_program_with_its_status() -> None:
    src = b"print('before')\nlocal function bye() os.exit(3) end\nbye()\nprint('after')\n"
    d = debugger(src)
    stop = d.continue_()
    assert stop.reason == "done" and d.exit_status == 3 and d.failure is None
    assert stop.message == "the program exited with status 3 (os.exit)"
    assert d.output_text() == b"before\n" and d.frames() == ()
    # back into the function, then forward over the exit again
    d.step_back()
    assert not d.done and d.exit_status is None and d.frames()[0].name == b"local 'bye'"
    assert d.step_instruction().reason == "done" and d.exit_status == 3
    d.goto(0)
    assert d.continue_().message == "the program exited with status 3 (os.exit)"
    assert d.continue_().reason == "done"  # nothing more to run


@pytest.mark.parametrize("code, status", [(b"os.exit(2)", 2), (b"os.exit()", 0), (b"os.exit(258)", 2)])
def test_os_exit_in_an_evaluation_ends_the_program(code: bytes, status: int) -> None:
    d = debugger(b"local x = 1\nx = x + 1\nprint(x)\n")
    d.step_line()
    with pytest.raises(Exited) as e:
        d.eval(code)
    assert e.value.status == status and d.done and d.exit_status == status
    assert d.end_message() == f"the program exited with status {status} (os.exit)"
    # the evaluation is history: going back before it and forward again exits again
    d.goto(0)
    assert not d.done
    d.continue_()
    assert d.exit_status == status and d.output_text() == b""


def test_os_exit_in_a_condition_does_not_end_the_program() -> None:
    from vm.debugger import Breakpoint

    d = debugger(b"local x = 1\nx = x + 1\nprint(x)\n")
    d.add_breakpoint(Breakpoint(line=2, condition=b"os.exit(5)"))
    stop = d.continue_()
    assert stop.reason == "breakpoint" and "os.exit" in stop.message and not d.done
    assert d.continue_().reason == "done" and d.exit_status is None


def test_os_exit_in_a_peek_leaves_the_program_as_it_was() -> None:
    from vm.errors import LuaError

    d = debugger(b"local x = 1\nx = x + 1\nprint(x)\n")
    d.step_line()
    before = (d.position, d.frames())
    with pytest.raises(LuaError) as e:
        d.peek(b"os.exit(2)")
    assert e.value.value == (b"os.exit(2) would end the program (not run here; evaluate it in the "
                             b"REPL to end it)")
    assert not d.done and d.exit_status is None and (d.position, d.frames()) == before
    assert d.continue_().reason == "done" and d.output_text() == b"2\n" and d.exit_status is None
