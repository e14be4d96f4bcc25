"""When mode auto translates a prototype (vm/runtime/compiled/__init__.py, ``initial`` and
``call_cost``): once the interpreter has run about PAYBACK estimated instructions for each of
the prototype's own, each call counting its ``callcost`` and each loop iteration the loop's
length, whichever way the loop or the call goes (a numeric for, a while, a generic for over a
library iterator or a coroutine, a tail call, a call from a library function). Code run a
few times stays interpreted (its translation would cost more than it saves: the third-party
test suites ran 2-3x slower when everything was translated after a few calls), and hot code
is translated. Behaviour only: the counts come from the constants, never a time; each
program's output is lua5.1's."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from vm.runtime import compiled
from vm.runtime.compiled import translate
from vm.session import Session


@pytest.fixture(autouse=True)
def _auto() -> Iterator[None]:
    """Mode auto for the prototypes each test loads (a translator failure fails the test);
    the tier the run was started with comes back after it."""
    mode, strict = compiled.mode, translate.strict
    compiled.set_mode("auto")
    translate.strict = True
    yield
    compiled.set_mode(mode)
    translate.strict = strict


def _translated(p) -> bool:
    return p.run is not None or p.run_free is not None


def _threshold(p) -> int:
    """What a prototype's counts must add up to before it is translated."""
    return compiled.initial(len(p.decoded))


def _run(tmp_path: Path, source: bytes, arg: int, fn=None) -> object:
    """Run source (loaded as fn, when given) with the number arg as its ``...``; its output
    must be lua5.1's. Returns the main function."""
    session = Session(io.BytesIO())
    if fn is None:
        fn = session.load(source, b"@prog.lua")
    session.call(fn, [float(arg)])
    prog = tmp_path / "prog.lua"
    prog.write_bytes(source)
    expected = subprocess.run(["lua5.1", "prog.lua", str(arg)], cwd=tmp_path, capture_output=True,
                              check=True).stdout
    assert session.state.out.getvalue() == expected
    return fn


def _load(source: bytes):
    return Session(io.BytesIO()).load(source, b"@prog.lua")


CALLED = b"""
local n = tonumber((...))
local function f(x) return x * 2 + 1 end
local s = 0
local i = 0
while i < n do s = f(s) % 1000 i = i + 1 end
print(s)
"""


@pytest.mark.parametrize("times, hot", [(0.5, False), (1.5, True)])
def test_a_function_is_translated_once_its_calls_pay_for_it(tmp_path: Path, times: float,
                                                            hot: bool) -> None:
    fn = _load(CALLED)
    f = fn.p.protos[0]
    calls = int(times * _threshold(f) / f.callcost)
    fn = _run(tmp_path, CALLED, calls, fn)
    assert _translated(f) is hot


def test_code_run_a_few_hundred_times_stays_interpreted(tmp_path: Path) -> None:
    """The old policy (2 calls, plus one per 8 instructions) translated all of this."""
    fn = _run(tmp_path, CALLED, 300)
    assert not _translated(fn.p)
    assert not _translated(fn.p.protos[0])


LOOP = b"""
local n = tonumber((...))
local s = 0
for i = 1, n do s = (s + i * i) % 65521 end
print(s)
"""


def test_a_hot_loop_in_a_chunk_run_once_is_translated(tmp_path: Path) -> None:
    fn = _load(LOOP)
    # each iteration counts the loop's length, at least 1
    fn = _run(tmp_path, LOOP, _threshold(fn.p), fn)
    assert _translated(fn.p)


def test_a_short_loop_stays_interpreted(tmp_path: Path) -> None:
    assert not _translated(_run(tmp_path, LOOP, 200).p)


def test_a_big_prototype_needs_more_work_than_a_small_one(tmp_path: Path) -> None:
    """The same loop, run as many times, after 1,000 table stores: translating the chunk
    costs as much more, so it stays interpreted."""
    source = LOOP.replace(b"local s = 0\n", b"local s = 0\nlocal t = {}\n"
                          + b"".join(b"t[%d] = %d\n" % (i, i) for i in range(1000)))
    small = _load(LOOP)
    big = _load(source)
    assert _threshold(big.p) > 10 * _threshold(small.p)
    iterations = _threshold(small.p)
    assert _translated(_run(tmp_path, LOOP, iterations).p)
    assert not _translated(_run(tmp_path, source, iterations).p)


THROUGH_A_COROUTINE = b"""
local n = tonumber((...))
local s = 0
for v in coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) do
  s = (s + v) % 65521
end
print(s)
"""


def test_a_generic_for_over_a_coroutine_counts_its_loop(tmp_path: Path) -> None:
    """Its iterations go through the coroutine switch, not the plain library call's path; the
    loop's length is counted there too (its frame was translated only after as many resumes
    as the threshold, half the run of the coroutines benchmark)."""
    fn = _load(THROUGH_A_COROUTINE)
    fn = _run(tmp_path, THROUGH_A_COROUTINE, _threshold(fn.p) // 2, fn)
    assert _translated(fn.p)


TAIL_CALLED = b"""
local n = tonumber((...))
local function down(k, s) if k == 0 then return s end return down(k - 1, (s + k) % 65521) end
print(down(n, 0))
"""


def test_tail_calls_count_as_calls(tmp_path: Path) -> None:
    """down is called once and tail-calls itself n times."""
    fn = _load(TAIL_CALLED)
    down = fn.p.protos[0]
    fn = _run(tmp_path, TAIL_CALLED, 2 * _threshold(down) // down.callcost, fn)
    assert _translated(down)


FROM_A_LIBRARY = b"""
local n = tonumber((...))
local s = 0
local text = string.rep("a", n)
text:gsub(".", function(c) s = (s + #c) % 65521 end)
print(s)
"""


def test_calls_from_a_library_function_count_as_calls(tmp_path: Path) -> None:
    fn = _load(FROM_A_LIBRARY)
    callback = fn.p.protos[0]
    fn = _run(tmp_path, FROM_A_LIBRARY, 2 * _threshold(callback) // callback.callcost, fn)
    assert _translated(callback)
