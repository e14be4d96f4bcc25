"""Limits hold inside one library call and during compilation (vm/runtime/limits.py): a long
table shift, an exponential pattern match, gsub, sort, loadstring and load of a big chunk, and
io.read of a line that never ends stop at the interrupt (Ctrl-C), the time limit or the memory
limit from inside the call, with the error the slice check gives; without it they run to their
end first (the statement after the call would run before the next slice check).

No timing thresholds: the interrupt is asked for before the long call starts (a library
function calls Session.interrupt), so the call must notice it at its next poll; the time limit
cases use a limit already past when the call starts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.vm.runtime.test_memory import _lua51
from vm.errors import Interrupted, LimitError
from vm.redis.engine import ScriptEngine
from vm.redis.reply import ErrorReply
from vm.runtime.function import Builtin
from vm.session import Limits, Session

# each runs long (seconds to hours) in one library call, then sets 'after'
LONG = {
    "table shift": b"table.insert({}, -2^24, 1)",  # 16 M slots, one by one (as 5.1)
    "exponential find": b"string.find(('a'):rep(22), ('a*'):rep(22) .. 'b')",
    "exponential gsub": b"string.gsub(('a'):rep(22), ('a*'):rep(22) .. 'b', '')",
    "sort": b"local t = {} for i = 1, 2^17 do t[i] = -i end\nstop() table.sort(t)",
    "loadstring": b"local src = ('local x = 1\\n'):rep(2^15)\nstop() loadstring(src)",
    "load with a reader": b"local src = ('local x = 1\\n'):rep(2^15)\n"
                          b"local done = false\n"
                          b"stop() load(function() if not done then done = true return src end end)",
}


def _session(limits: Limits | None = None) -> Session:
    s = Session(out=io.BytesIO(), limits=limits)
    s.interruptible = True  # as the REPL runs it
    s.globals.set_str(b"stop", Builtin("stop", lambda L, args: s.interrupt() or []))
    return s


def _program(code: bytes) -> bytes:
    # 'stop()' right before the long call (the set-up may itself take a slice or more)
    body = code if b"stop()" in code else b"stop() " + code
    return body + b"\nafter = true"


@pytest.mark.parametrize("case", list(LONG))
def test_interrupt_inside_a_library_call(case: str, tier: str) -> None:
    s = _session()
    with pytest.raises(Interrupted, match="interrupted!"):
        s.run(_program(LONG[case]), b"=stdin")
    assert s.globals.get_str(b"after") is None
    assert s.run(b"return coroutine.running(), 1 + 1") == [None, 2.0]  # the session goes on


def test_time_limit_inside_a_library_call(tier: str) -> None:
    s = _session(Limits(seconds=1e-9))
    with pytest.raises(LimitError, match=r"time limit reached \(1e-09 s\)"):
        s.run(b"table.insert({}, -2^24, 1)\nafter = true", b"=stdin")
    assert s.globals.get_str(b"after") is None


def test_memory_limit_reading_a_line_that_does_not_end(tmp_path: Path, tier: str) -> None:
    """io.read('*l') of 8 MB without a newline under a 3 MB limit stops while it reads."""
    path = tmp_path / "no_newline"
    path.write_bytes(b"x" * (8 << 20))
    s = _session(Limits(memory=3 << 20))
    with pytest.raises(LimitError, match=r"memory limit reached \(3145728 bytes\)"):
        s.run(b"local f = io.open('%s') local l = f:read('*l') after = #l" % str(path).encode(),
              b"=stdin")
    assert s.globals.get_str(b"after") is None


def test_interrupt_reading_a_line_of_nuls(tmp_path: Path, tier: str) -> None:
    """A line of NUL bytes (/dev/zero) is endless and adds nothing to the line: still stopped."""
    path = tmp_path / "zeros"
    path.write_bytes(bytes(4 << 20))
    s = _session()
    with pytest.raises(Interrupted):
        s.run(b"local f = io.open('%s') stop() f:read('*l') after = true" % str(path).encode(),
              b"=stdin")
    assert s.globals.get_str(b"after") is None


@pytest.mark.parametrize("case", ["table shift", "exponential find"])
def test_redis_time_limit_inside_a_library_call(case: str, tier: str) -> None:
    """The script is killed from inside the call (each runs for minutes or more), with its
    position; the SET after it never runs."""
    e = ScriptEngine(limits=Limits(seconds=0.05))
    reply = e.eval(LONG[case] + b"\nredis.call('SET', 'after', '1')")
    assert reply.__class__ is ErrorReply, reply
    text = reply.text.decode()  # type: ignore[attr-defined]
    assert text.startswith("ERR Script killed: it ran longer than the time limit (0.05 s)"), text
    assert text.endswith(", on @user_script:1."), text
    assert e.command([b"EXISTS", b"after"]) == 0
    e.close()


def test_redis_time_limit_while_compiling() -> None:
    """A script's compilation polls the time limit too (here already past when it starts)."""
    e = ScriptEngine(limits=Limits(seconds=1e-9))
    reply = e.eval(b"local x = 1\n" * 5000 + b"redis.call('SET', 'after', '1')")
    assert reply == ErrorReply(b"ERR Script killed: it ran longer than the time limit (1e-09 s) "
                               b"(compiling it)")
    assert e.command([b"EXISTS", b"after"]) == 0
    e.close()


@pytest.mark.parametrize("fmt", [b"'*a'", b"2^40"])
def test_reading_an_endless_stream(fmt: bytes, tier: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """io.read('*a') or a huge count of /dev/zero: 'not enough memory' past the largest block
    (made 8 MB here) as lua5.1's malloc would fail, the memory limit under one, Ctrl-C."""
    from vm.runtime import limits

    monkeypatch.setattr(limits, "MAX_BLOCK", 8 << 20)
    program = b"local f = io.open('/dev/zero') print(pcall(f.read, f, %s)) f:close()" % fmt
    out = io.BytesIO()
    Session(out=out).run(program)
    assert out.getvalue() == _lua51(program) == b"false\tnot enough memory\n"
    s = _session(Limits(memory=4 << 20))
    with pytest.raises(LimitError, match="memory limit reached"):
        s.run(b"local f = io.open('/dev/zero') f:read(%s) after = true" % fmt)
    s = _session()
    with pytest.raises(Interrupted):
        s.run(b"local f = io.open('/dev/zero') stop() f:read(%s) after = true" % fmt)
    assert s.globals.get_str(b"after") is None


def test_function_load_timeout_inside_a_library_call() -> None:
    """FUNCTION LOAD's 500 ms timeout ends a load stuck in one library call (an exponential
    match: hours), with the reply a looping load gets; the engine goes on."""
    e = ScriptEngine()
    looping = e.command([b"FUNCTION", b"LOAD", b"#!lua name=a\nwhile true do end"])
    stuck = e.command([b"FUNCTION", b"LOAD",
                       b"#!lua name=b\nlocal s = ('a'):rep(22) s:find(('a*'):rep(22) .. 'b')"])
    assert stuck == looping
    assert looping == ErrorReply(b"ERR Error registering functions: ERR FUNCTION LOAD timeout")
    lib = b"#!lua name=c\nredis.register_function('f', function() return 1 end)"
    assert e.command([b"FUNCTION", b"LOAD", lib]) == b"c"
    assert e.command([b"FCALL", b"f", b"0"]) == 1
    e.close()
