"""The script engine after an internal error (a Python exception from ferrous itself, injected
as a broken library function) at several points of a script that ran SELECT 7: the error
reaches the caller, and the next script starts clean: database 0, the main thread, no frames,
no nested C calls (a probe counts how deep pcall nests, against a fresh engine)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from vm.redis.embedded import EmbeddedKeyspace
from vm.redis.engine import ScriptEngine
from vm.redis.readonly import opened
from vm.runtime.function import Builtin

POINTS = {
    "top level": b"return cjson.encode({1})",
    "inside pcall": b"return {pcall(cjson.encode, {1})}",
    "inside a coroutine": b"local co = coroutine.create(function() return cjson.encode({}) end)\n"
                          b"return {coroutine.resume(co)}",
    "inside a metamethod": b"local t = setmetatable({}, {__index = function(t, k)\n"
                           b"  return cjson.encode({k}) end})\nreturn t.x",
    "a coroutine inside pcall inside a comparator":
        b"table.sort({3, 2, 1}, function(a, b)\n"
        b"  return pcall(coroutine.wrap(function() return cjson.encode({}) end)) end)",
}
DEPTH = (b"local n = 0\nlocal function f() n = n + 1; return pcall(f) end\nf()\n"
         b"local m = 0\nlocal function g() m = m + 1; return pcall(coroutine.wrap(g)) end\ng()\n"
         b"return {n, m, tostring(coroutine.running()), redis.call('EXISTS', 'in7')}")


class Boom(Exception):
    """The injected bug."""


def _broken(L: object, args: list) -> list:
    raise Boom("injected")


@pytest.fixture()
def engine() -> Iterator[ScriptEngine]:
    e = ScriptEngine(EmbeddedKeyspace())
    e.command([b"SELECT", b"7"])
    e.command([b"SET", b"in7", b"x"])
    e.command([b"SELECT", b"0"])
    yield e
    e.close()


@pytest.mark.parametrize("point", list(POINTS))
def test_next_script_starts_clean(engine: ScriptEngine, point: str, tier: str) -> None:
    fresh = engine.eval(DEPTH)
    assert fresh[2:] == [b"nil", 0]
    table = engine.session.state.globals.get_str(b"cjson")
    with opened(table):
        table.set_str(b"encode", Builtin("encode", _broken))
    for _ in range(2):  # twice: a leak would add up
        with pytest.raises(Boom):
            engine.eval(b"redis.call('SELECT', 7)\n" + POINTS[point])
        L = engine.session.state
        assert L.current is L.main and not L.frames and L.ccalls == 0
        assert engine.run is None
    assert engine.eval(DEPTH) == fresh
