"""Step over (``step_line``) and step out run a call the frame makes at full speed, until the
frame is about to run again (control.py's _run_over, traps.py's hold_frame): they must stop,
report and record exactly as going one instruction at a time does (``fine_stepping``, which
keeps every command at one instruction a time), under both tiers, over calls, metamethods,
comparators, generic ``for`` iterators, pcall, coroutines that yield and resume, tail calls,
errors caught deeper, hooks and breakpoints in the called code; and going back from the stop
gives the states the forward run showed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vm.debugger import Breakpoint, Debugger
from vm.session import Session

pytestmark = pytest.mark.usefixtures("tier")

CORPUS = Path(__file__).parent.parent.parent / "corpus"

PROGRAMS = {
    "calls": b"local function f(a)\n  local b = a * 2\n  return b\nend\nlocal s = 0\n"
             b"for i = 1, 3 do\n  s = s + f(i)\nend\nf(1)\nprint(s)\n",
    "recursion": b"local function fib(n)\n  if n < 2 then return n end\n"
                 b"  return fib(n - 1) + fib(n - 2)\nend\nlocal r = fib(10)\nprint(r)\n"
                 b"print(fib(5))\n",
    "metamethods": b"local mt = {}\nmt.__index = function(t, k) return k .. '!' end\n"
                   b"mt.__eq = function(a, b) return true end\n"
                   b"mt.__lt = function(a, b) return false end\n"
                   b"mt.__concat = function(a, b) return 'c' end\n"
                   b"local a, b = setmetatable({}, mt), setmetatable({}, mt)\n"
                   b"local x = a.y\nif a == b then x = 1 else x = 2 end\n"
                   b"if a < b then x = 3 end\nlocal c = a .. b .. 'z'\nprint(x, c)\n",
    "iterator": b"local function it(n)\n  local i = 0\n  return function()\n"
                b"    i = i + 1\n    if i <= n then return i end\n  end\nend\n"
                b"local s = 0\nfor v in it(3) do\n  s = s + v\nend\nprint(s)\n",
    "pcall and errors": b"local function bad(x)\n  if x > 1 then error('no') end\n  return x\nend\n"
                        b"local ok, e = pcall(bad, 2)\nprint(ok, e)\nok, e = pcall(bad, 0)\n"
                        b"print(select('#', pcall(function() return bad(1) end)))\n",
    "coroutines": b"local co = coroutine.create(function(a)\n  local b = coroutine.yield(a)\n"
                  b"  local c = coroutine.yield(b)\n  return c\nend)\n"
                  b"print(coroutine.resume(co, 1))\nprint(coroutine.resume(co, 2))\n"
                  b"print(coroutine.resume(co, 3))\n"
                  b"local gen = coroutine.wrap(function()\n  for i = 1, 3 do coroutine.yield(i) end\nend)\n"
                  b"print(gen(), gen())\n",
    "sort": b"local t = {5, 3, 4, 1, 2}\ntable.sort(t, function(a, b)\n  return a < b\nend)\n"
            b"print(t[1], t[5])\n",
    "tail calls": b"local function g(n)\n  if n == 0 then return 'done' end\n  return g(n - 1)\nend\n"
                  b"local function f(n)\n  return g(n)\nend\nprint(f(3))\nprint(f(0))\n",
    "an error": b"local function f(x)\n  local y = x + 1\n  return y .. nil\nend\n"
                b"print(pcall(f, 1))\nlocal z = f(2)\nprint(z)\n",
    "hooks": b"local n = 0\nlocal function f(x)\n  return x + 1\nend\n"
             b"debug.sethook(function() n = n + 1 end, 'l')\nlocal y = f(1)\ny = f(y)\n"
             b"debug.sethook()\nprint(y, n > 0)\n",
}
# a hook on the main thread while a coroutine it resumed runs (hooks are per thread)
HOOKED_CALLER = (b"local co = coroutine.create(function()\n  local a = 1\n  coroutine.yield(a)\n"
                 b"  return 2\nend)\nlocal n = 0\n"
                 b"debug.sethook(function() n = n + 1 end, 'l')\n"
                 b"coroutine.resume(co)\ncoroutine.resume(co)\ndebug.sethook()\nprint(n)\n")
CORPUS_PROGRAMS = [
    "vm_coroutines/producer_consumer.lua",
    "vm_coroutines/yield_across_boundaries.lua",
    "vm_calls/sort_with_comparator.lua",
    "vm_errors/nested_pcall.lua",
    "vm_gc/finalizer_order.lua",
]
# a command per step: mostly over, some into (to go deeper first) and out
PATTERN = ("line", "into", "line", "line", "into", "into", "out", "line", "into", "line", "out")


def _debugger(source: bytes, name: bytes, one_at_a_time: bool, cwd: Path | None = None) -> Debugger:
    here = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        s = Session()
        d = Debugger(s, s.load(source, name))
    finally:
        os.chdir(here)
    d.fine_stepping = one_at_a_time
    return d


def _seen(d: Debugger, stop) -> tuple:
    last = d.last_step
    frames = d.frames()
    return (stop.reason, stop.position, stop.message, d.changes,
            None if last is None else (last[1], last[3], last[4]),
            tuple((x.line, x.what) for x in frames[:3]), d.step_result(0), len(d.output_text()))


def _walk(d: Debugger, pattern: tuple[str, ...], limit: int = 300) -> list[tuple]:
    seen = []
    k = 0
    while not d.done and k < limit:
        command = pattern[k % len(pattern)]
        stop = {"line": d.step_line, "into": d.step_into, "out": d.step_out}[command]()
        seen.append((command, *_seen(d, stop)))
        k += 1
    return seen


def _same_walk(source: bytes, name: bytes = b"@prog.lua", cwd: Path | None = None,
               breakpoints: tuple[Breakpoint, ...] = (), over: bool = True) -> list[tuple]:
    """Each way of walking the program (the mixed pattern; over every line) gives the same
    stops both ways; ``over``: some call was run over at full speed on the way."""
    overs = []
    walks = []
    for pattern in (PATTERN, ("line",)):
        fast, slow = _debugger(source, name, False, cwd), _debugger(source, name, True, cwd)
        for bp in breakpoints:
            fast.add_breakpoint(bp)
            slow.add_breakpoint(bp)
        run_over = fast._run_over

        def counting(*args, run_over=run_over):
            overs.append(args[1])
            return run_over(*args)

        fast._run_over = counting  # type: ignore[method-assign]
        got, want = _walk(fast, pattern), _walk(slow, pattern)
        for i, (a, b) in enumerate(zip(got, want, strict=False)):
            assert a == b, f"{pattern}: command {i}"
        assert len(got) == len(want)
        assert fast.output_text() == slow.output_text()
        walks.extend(got)
    assert bool(overs) == over, "calls run over at full speed" if overs else "none run over"
    return walks


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_over_and_out_stop_as_one_instruction_at_a_time_does(name: str) -> None:
    seen = _same_walk(PROGRAMS[name], over=name != "hooks")  # a hooked thread: one at a time
    assert len(seen) > 3


def test_a_hook_on_the_callers_thread_keeps_one_instruction_at_a_time() -> None:
    _same_walk(HOOKED_CALLER, over=False)


@pytest.mark.parametrize("rel", CORPUS_PROGRAMS)
def test_over_and_out_on_the_corpus(rel: str) -> None:
    path = CORPUS / rel
    _same_walk(path.read_bytes(), b"@" + path.name.encode(), path.parent)


def test_over_a_call_stops_at_a_breakpoint_inside_it() -> None:
    source = PROGRAMS["calls"]
    seen = _same_walk(source, breakpoints=(Breakpoint(line=3, source=b"@prog.lua"),))
    assert any(x[1] == "breakpoint" for x in seen)
    d = _debugger(source, b"@prog.lua", False)
    d.run_to_line(7)
    d.add_breakpoint(Breakpoint(line=2, source=b"@prog.lua", condition=b"a == 2"))
    stop = d.step_line()
    assert stop.reason == "line" and d.frames()[0].line == 6  # FORLOOP's line: the call returned
    stop = d.step_line()
    stop = d.step_line()
    assert stop.reason == "breakpoint" and d.eval(b"a") == [2.0]


def test_over_a_long_call_goes_back_exactly() -> None:
    """The stop over a long call (the location before it found by going back one and forward
    again) and every position before it: going back shows what going forward showed."""
    d = _debugger(PROGRAMS["recursion"], b"@prog.lua", False)
    d.run_to_line(5)
    start = d.position
    stop = d.step_line()
    assert stop.reason == "line" and d.frames()[0].line == 6
    assert d.position - start > 500
    here = d.position
    regs = [v.value for v in d.frames()[0].locals] if hasattr(d.frames()[0], "locals") else None
    d.step_back()
    d.step_instruction()
    assert d.position == here
    if regs is not None:
        assert [v.value for v in d.frames()[0].locals] == regs
    assert d.step_result(0) != ""
