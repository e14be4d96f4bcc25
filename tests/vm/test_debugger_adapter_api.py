"""What the debug adapter asks of the engine: Debugger.peek (evaluations that leave no trace,
for watches and hovers), error_uncaught, traceback, and stepping out of a coroutine's body."""

from __future__ import annotations

import io

from vm.debugger import Debugger
from vm.session import Session

PROGRAM = b"""local t = {n = 0}
for i = 1, 3000 do t.n = t.n + i end
print(t.n)
print(io.read('*l'))
"""


def _debugger() -> Debugger:
    s = Session()
    s.state.stdin = io.BytesIO(b"hello\n")
    return Debugger(s, s.load(PROGRAM, b"=p"))


def test_peek_changes_nothing_and_keeps_the_future() -> None:
    d = _debugger()
    for _ in range(2500):
        d.step_instruction()
    before = d.eval(b"t.n")
    assert d.peek(b"(function() t.n = -1; io.read('*l'); return t.n end)()") == [-1.0]
    assert d.eval(b"t.n") == before and d.position == 2500
    assert d.continue_().reason == "done"
    assert d.output_text() == b"4501500\nhello\n"
    d.goto(2500)  # the future recorded (the read line) is still there after a peek back here
    assert d.peek(b"t.n") == before
    d.continue_()
    assert d.output_text() == b"4501500\nhello\n"


def test_error_uncaught() -> None:
    s = Session()
    d = Debugger(s, s.load(b"pcall(error, 'caught')\nerror('not caught')", b"=e"))
    d.break_on_caught_errors = True
    assert d.continue_().reason == "error" and not d.error_uncaught
    assert d.continue_().reason == "error" and d.error_uncaught
    assert d.continue_().reason == "done" and not d.error_uncaught


def test_traceback_at_an_error_stop_is_the_errors_own() -> None:
    s = Session()
    d = Debugger(s, s.load(b"local function f()\n  error('x')\nend\nf()\n", b"@t.lua"))
    assert d.continue_().reason == "error"
    assert d.traceback() == ("stack traceback:\n\t[C]: in function 'error'\n\tt.lua:2: in function 'f'\n"
                             "\tt.lua:4: in main chunk\n\t[C]: ?")


COROUTINE = b"""local co = coroutine.create(function(a)
  local b = coroutine.yield(a + 1)
  return b * 2
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 5))
"""


def test_stepping_out_of_a_coroutines_body_stops_where_it_was_resumed() -> None:
    from vm.debugger import Breakpoint

    for command in ("step_line", "step_out"):
        s = Session()
        d = Debugger(s, s.load(COROUTINE, b"@co.lua"))
        d.breakpoints.append(Breakpoint(line=3))
        assert d.continue_().reason == "breakpoint"
        d.breakpoints.clear()
        assert getattr(d, command)().reason == "return", command
        assert [(f.what, f.line) for f in d.frames()] == [("main", 6)], command


def test_eval_at_an_error_stop_sees_the_failing_frames_locals() -> None:
    s = Session()
    d = Debugger(s, s.load(b"local function fail(what)\n  error('failed: ' .. what)\nend\n"
                           b"local ok = pcall(fail, 'caught')\n", b"@e.lua"))
    d.break_on_caught_errors = True
    assert d.continue_().reason == "error"
    assert d.eval(b"what") == [b"caught"] and d.peek(b"what") == [b"caught"]
