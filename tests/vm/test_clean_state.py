"""After an internal error (a Python exception from ferrous itself, injected here as a library
function that raises one) the next chunk starts from a clean call state: the main thread
running, no frames, no nested C calls, whatever the failed chunk was doing (a coroutine, a
pcall, a metamethod, a comparator, a hook). Checked for the session run whole and run in
slices (the REPL's way) and for the debugger, under both tiers, by running a probe that
lua5.1 answers and one whose answer depends on the C-call count."""

from __future__ import annotations

import io
import subprocess

import pytest

from vm.debugger import Debugger
from vm.runtime.function import Builtin
from vm.session import Limits, Session

# where the bug strikes: each chunk calls the broken library function boom() somewhere
POINTS = {
    "top level": b"boom()",
    "inside a coroutine": b"local co = coroutine.create(function() boom() end)\n"
                          b"coroutine.resume(co)",
    "nested coroutines": b"coroutine.wrap(function()\n"
                         b"  coroutine.wrap(function() pcall(boom) end)()\nend)()",
    "inside pcall": b"print(pcall(boom))",
    "inside a metamethod": b"local t = setmetatable({}, {__index = function(t, k) return boom() end})\n"
                           b"return t.x",
    "a metamethod itself": b"local t = setmetatable({}, {__add = boom})\nreturn t + 1",
    "a comparator in a coroutine": b"coroutine.wrap(function()\n"
                                   b"  table.sort({3, 2, 1}, function(a, b) return boom() end)\nend)()",
    "a hook in a coroutine": b"local co = coroutine.create(function()\n  local x = 1\nend)\n"
                             b"debug.sethook(co, function() boom() end, 'l')\ncoroutine.resume(co)",
}

# lua5.1 answers this one: the main thread runs (coroutine.running() is nil there)
PROBE = (b"local co = coroutine.create(function(...) return coroutine.running() ~= nil, ... end)\n"
         b"print(coroutine.running(), type(coroutine), coroutine.resume(co, 1, 2))\n"
         b"print(pcall(error, 'x'))\n")
# how deep pcall nests before 'C stack overflow': a leaked C-call count makes it shallower
DEPTH = (b"local n = 0\nlocal function f() n = n + 1; return pcall(f) end\nf()\n"
         b"local m = 0\nlocal function g() m = m + 1; return pcall(coroutine.wrap(g)) end\ng()\n"
         b"print(n, m)\n")


class Boom(Exception):
    """The injected bug."""


def _boom(L: object, args: list) -> list:
    raise Boom("injected")


def _session(out: io.BytesIO, sliced: bool) -> Session:
    s = Session(out=out, limits=Limits(seconds=600) if sliced else None)
    s.globals.set_str(b"boom", Builtin("boom", _boom))
    return s


def _lua51(source: bytes) -> bytes:
    return subprocess.run(["lua5.1", "-"], input=source, capture_output=True, check=True).stdout


def _clean(s: Session) -> None:
    L = s.state
    assert L.current is L.main
    assert L.frames is L.main.frames and not L.frames
    assert L.ccalls == 0
    assert L.allowhook


@pytest.fixture(scope="module")
def expected() -> tuple[bytes, bytes]:
    """lua5.1's answer to the probe; a fresh session's to the depth count."""
    out = io.BytesIO()
    _session(out, False).run(DEPTH)
    return _lua51(PROBE), out.getvalue()


@pytest.mark.parametrize("sliced", [False, True], ids=["whole", "sliced"])
@pytest.mark.parametrize("point", list(POINTS))
def test_session_is_clean_after_an_internal_error(point: str, sliced: bool, tier: str,
                                                   expected: tuple[bytes, bytes]) -> None:
    out = io.BytesIO()
    s = _session(out, sliced)
    for _ in range(2):  # twice: a leak would add up
        with pytest.raises(Boom):
            s.run(POINTS[point], b"=stdin")
        _clean(s)
    out.seek(0)
    out.truncate()
    s.run(PROBE + DEPTH, b"=stdin")
    assert out.getvalue() == expected[0] + expected[1]
    _clean(s)


@pytest.mark.parametrize("point", list(POINTS))
def test_debugger_is_clean_after_an_internal_error(point: str, tier: str,
                                                    expected: tuple[bytes, bytes]) -> None:
    """The run the bug struck is over (its failure says so); evaluations and the next run see
    the main thread, with the libraries in place."""
    s = _session(io.BytesIO(), False)
    d = Debugger(s, s.load(POINTS[point], b"=stdin"))
    with pytest.raises(Boom):
        d.continue_()
    assert d.done
    assert "internal error in ferrous: Boom: injected" in d.end_message()
    assert d.eval(b"coroutine.running()") == [None]
    assert d.eval(b"type(coroutine)") == [b"table"]
    L = d.close()
    assert L.current is L.main and not L.frames and L.ccalls == 0
    d2 = Debugger(s, s.load(PROBE + DEPTH, b"=stdin"))
    d2.continue_()
    assert d2.done and d2.failure is None
    assert d2.output.getvalue() == expected[0] + expected[1]
