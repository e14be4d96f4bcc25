"""Running out of memory is Lua's catchable ``not enough memory`` (pcall returns it, xpcall's
handler is not called, a coroutine dies of it, the state goes on), compared with lua5.1 run
under a 200 MB address-space limit (so that its malloc fails instead of the machine
thrashing). Ferrous is given a small largest block (vm/runtime/limits.py's MAX_BLOCK) so that
no test builds anything big. And a session's or a Redis script's memory limit is checked before
a large allocation is made, not after."""

from __future__ import annotations

import functools
import io
import resource
import subprocess

import pytest

from vm.errors import LimitError, LuaError
from vm.redis.engine import ScriptEngine
from vm.redis.reply import ErrorReply
from vm.runtime import limits
from vm.session import Limits, Session

PROGRAMS = [
    # string doubling with ..
    b"print(pcall(function() local s = 'x' for i = 1, 40 do s = s .. s end end))",
    b"print(pcall(function() local s = 'x' for i = 1, 40 do s = s .. 'ab' .. s end end))",
    # string.rep past what can be built, and one whose count wraps to 0 (luaL_checkint)
    b"print(pcall(string.rep, 'x', 2^31 - 1))",
    b"print(pcall(string.rep, 'abc', 2^30))",
    b"print(pcall(string.rep, 'x', 2^40))",
    # table.concat and gsub whose results are too big
    b"local t = {} for i = 1, 2^12 do t[i] = 'abcdefgh' end\n"
    b"print(pcall(table.concat, t, ('y'):rep(2^16)))",
    b"print(pcall(string.gsub, ('x'):rep(2^12), '.', ('z'):rep(2^16)))",
    # xpcall's handler is not called for a memory error; a coroutine dies of it
    b"print(xpcall(function() return ('x'):rep(2^30) end, function(m) return 'handled ' .. m end))",
    b"local co = coroutine.create(function() local s = ('x'):rep(2^30) end)\n"
    b"print(coroutine.resume(co)) print(coroutine.status(co))",
    # table growth
    b"local t = {} print(pcall(function() for i = 1, 1e9 do t[i] = i end end))",
    # and the state goes on
    b"print(('x'):rep(3), #table.concat({'a', 'b'}, ('-'):rep(10)))",
]


@functools.cache
def _lua51(program: bytes) -> bytes:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (200 << 20, 200 << 20))

    return subprocess.run(["lua5.1", "-"], input=program, capture_output=True, preexec_fn=cap,
                          timeout=60).stdout


@pytest.fixture()
def small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """No string or table part over 4 MB: the tests stay small."""
    monkeypatch.setattr(limits, "MAX_BLOCK", 4 << 20)


@pytest.mark.parametrize("program", PROGRAMS, ids=range(len(PROGRAMS)))
def test_not_enough_memory_as_lua51(program: bytes, tier: str, small_blocks: None) -> None:
    want = _lua51(program)
    assert b"not enough memory" in want or program is PROGRAMS[-1] or b"2^40" in program
    for lim in (None, Limits(seconds=600)):  # run whole, and in slices (the REPL's way)
        out = io.BytesIO()
        Session(out=out, limits=lim).run(program, b"=stdin")
        assert out.getvalue() == want


def test_uncaught_memory_error_has_no_traceback(tier: str, small_blocks: None) -> None:
    """lua.c's traceback handler is not called for a memory error: the message alone."""
    program = b"local s = 'x' for i = 1, 40 do s = s .. s end"

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (200 << 20, 200 << 20))

    want = subprocess.run(["lua5.1", "-"], input=program, capture_output=True, preexec_fn=cap,
                          timeout=60).stderr
    with pytest.raises(LuaError) as caught:
        Session(out=io.BytesIO()).run(program, b"=stdin")
    assert not caught.value.traceback
    assert want == b"lua5.1: " + caught.value.value + b"\n"  # type: ignore[operator]


BIG = [  # each would build 256 MB or more; the 32 MB limit stops it before it is built
    b"return ('x'):rep(2^28)",
    b"local s = ('x'):rep(2^20) for i = 1, 10 do s = s .. s end return #s",
    b"local t = {} for i = 1, 16 do t[i] = ('x'):rep(2^20) end return #table.concat(t, ('-'):rep(2^24))",
    b"return #(('x'):rep(2^10)):gsub('.', ('y'):rep(2^18))",
    b"return pcall(string.rep, 'x', 2^28)",  # pcall cannot catch a limit
]


@pytest.mark.parametrize("program", BIG, ids=range(len(BIG)))
def test_memory_limit_before_a_large_allocation(program: bytes, tier: str) -> None:
    s = Session(out=io.BytesIO(), limits=Limits(memory=32 << 20))
    with pytest.raises(LimitError, match=r"memory limit reached \(33554432 bytes\)"):
        s.run(program, b"=stdin")
    assert s.state.heap.count() < 200 << 20
    assert s.run(b"return ('x'):rep(3)") == [b"xxx"]


@pytest.mark.parametrize("program", BIG, ids=range(len(BIG)))
def test_redis_memory_limit_before_a_large_allocation(program: bytes, tier: str) -> None:
    e = ScriptEngine(limits=Limits(memory=32 << 20))
    reply = e.eval(program)
    assert reply.__class__ is ErrorReply
    text = reply.text.decode()  # type: ignore[attr-defined]
    assert text.startswith("ERR Script killed: it used more than the memory limit (33554432 bytes)")
    assert text.endswith(", on @user_script:1."), text
    assert e.eval(b"return ('x'):rep(3)") == b"xxx"
    e.close()
