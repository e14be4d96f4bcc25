"""Reverse execution and time-travel queries: every way back lands on a position the forward
run went through, with exactly the state it showed there (digest of test_debugger)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.test_debugger import _debugger, _programs, digest
from vm.debugger import Debugger, WatchError
from vm.session import Session

PLACES = (b"local count = 0\n"                      # 1
          b"config = {limit = 3}\n"                 # 2
          b"local function bump(t)\n"               # 3
          b"  count = count + 1\n"                  # 4
          b"  t.n = (t.n or 0) + count\n"           # 5
          b"  return t\n"                           # 6
          b"end\n"                                  # 7
          b"local box = {}\n"                       # 8
          b"for i = 1, 3 do\n"                      # 9
          b"  bump(box)\n"                          # 10
          b"  config.limit = config.limit + 1\n"    # 11
          b"end\n"                                  # 12
          b"local made = {box}\n"                   # 13
          b"print(count, box.n, config.limit, #made)\n")  # 14


def _forward(d: Debugger) -> list:
    states = [digest(d)]
    while not d.done:
        d.step_instruction()
        states.append(digest(d))
    return states


def _session_debugger(src: bytes) -> Debugger:
    s = Session()
    return Debugger(s, s.load(src, b"@places.lua"))


@pytest.mark.parametrize("path", _programs(), ids=lambda p: p.name)
def test_back_over_lines_retraces_step_line(path: Path) -> None:
    d = _debugger(path)
    states = _forward(d)
    d.restart()
    stops = [d.position]
    while not d.done:
        d.step_line()
        if not d.done:
            stops.append(d.position)
    d.goto(stops[-1])
    back = []
    while d.position > 0:
        d.step_back_over()
        back.append(d.position)
        assert digest(d) == states[d.position]
    # back over lines visits the lines step_line stopped at, in reverse (inside the main chunk)
    assert [p for p in reversed(stops[:-1]) if p in back] == [p for p in back if p in stops]
    assert back[-1] == 0


@pytest.mark.parametrize("path", _programs()[:6], ids=lambda p: p.name)
def test_back_out_lands_on_the_call(path: Path) -> None:
    d = _debugger(path)
    states = _forward(d)
    d.restart()
    # find a position inside a function called from a Lua frame: the call is the position
    # just before the stack grew
    calls = []
    depth = len(d.frames())
    while not d.done:
        before = d.position
        d.step_instruction()
        if not d.done and len(d.frames()) > depth and d.frames()[0].what == "Lua":
            calls.append((before, d.position))
        depth = len(d.frames()) if not d.done else 0
    assert calls
    for call, inside in calls[:3]:
        d.goto(inside + 1)
        stop = d.step_back_out()
        assert stop.position == call and digest(d) == states[call]


def test_reverse_continue_visits_breakpoint_hits_backwards() -> None:
    d = _session_debugger(PLACES)
    states = _forward(d)
    d.restart()
    d.toggle_line_breakpoint(5)
    hits = []
    while d.continue_().reason == "breakpoint":
        hits.append(d.position)
    assert len(hits) == 3
    back = []
    while True:
        stop = d.reverse_continue()
        if stop.reason != "breakpoint":
            break
        back.append(stop.position)
        assert digest(d) == states[stop.position]
    assert back == hits[::-1] and d.position == 0
    d.goto(len(states) - 1)
    stop = d.run_back_to_line(11)
    assert d.frames()[0].line == 11 and digest(d) == states[stop.position]


@pytest.mark.parametrize("place", ["count", "config.limit", "box.n", "i"])
def test_watchpoints_forwards_and_backwards(place: str) -> None:
    d = _session_debugger(PLACES)
    states = _forward(d)
    d.restart()
    # stop where the place exists (inside the loop body), then watch it
    d.run_to_line(10)
    d.watch(place)
    changes = []
    while (stop := d.continue_()).reason == "watchpoint":
        assert place in stop.message
        changes.append(stop.position)
    assert changes, place
    end = d.position
    back = []
    while (stop := d.reverse_continue()).reason == "watchpoint":
        back.append(stop.position)
        assert digest(d) == states[stop.position]
    assert back[:len(changes)] == changes[::-1]
    assert end > changes[-1]
    d.goto(changes[-1] + 1)
    stop = d.last_write(d.watches[0])
    assert stop.position == changes[-1] - 1 and digest(d) == states[stop.position]


def test_upvalue_watch_is_the_cell() -> None:
    d = _session_debugger(PLACES)
    d.run_to_line(4)  # inside bump: count is an upvalue here
    w = d.watch("count")
    assert w.kind == "upvalue"
    stop = d.continue_()
    assert stop.reason == "watchpoint" and d.eval(b"count") == [1.0]


def test_created_at_goes_to_the_constructor() -> None:
    d = _session_debugger(PLACES)
    states = _forward(d)
    made = d.state.globals.get(b"config")
    handle = d.state.heap.handle_of(made)
    first_seen = next(p for p, s in enumerate(states)
                      if any(e[0] == handle.index and e[1] == handle.generation and e[2] == "LuaTable"
                             for e in s[4] if len(e) > 2))
    stop = d.created_at(handle)
    assert stop.position == first_seen - 1 and digest(d) == states[stop.position]
    assert d.frames()[0].line == 2


def test_bad_watch_is_refused() -> None:
    d = _session_debugger(PLACES)
    with pytest.raises(WatchError):
        d.watch("table#99999[1]")
    with pytest.raises(WatchError):
        d.watch("1 + 2")


def test_a_field_watch_runs_in_slices_and_still_stops_at_every_change() -> None:
    """A change that is undone a few instructions later, after thousands of instructions that
    do not touch the table: continue stops at both changes, where single steps see them."""
    src = (b"t = {x = 0}\n"
           b"local s = 0\n"
           b"for i = 1, 3000 do s = s + i end\n"
           b"t.x = 5\n"
           b"t.x = 0\n"
           b"for i = 1, 3000 do s = s - i end\n"
           b"t.x = s\n")
    d = _session_debugger(src)
    d.step_line()
    expected = []
    last = d.state.globals.get(b"t").get(b"x")
    while not d.done:
        d.step_instruction()
        now = d.state.globals.get(b"t").get(b"x") if not d.done else last
        if now != last:
            expected.append(d.position)
        last = now
    d.restart()
    d.step_line()
    d.watch("t.x")
    assert d._watches_sliceable()
    seen = []
    while (stop := d.continue_()).reason == "watchpoint":
        seen.append(stop.position)
    assert seen == expected == sorted(expected) and len(seen) == 2
    end = d.position
    back = []
    while (stop := d.reverse_continue()).reason == "watchpoint":
        back.append(stop.position)
    # before the watch was set, the constructor {x = 0} wrote the field too (nil -> 0)
    assert back[:2] == expected[::-1] and len(back) == 3 and back[2] < expected[0]
    assert d.frames()[0].line == 1
    d.goto(end)
    assert d.last_write(d.watches[0]).position == expected[-1] - 1


def test_last_write_of_a_parameter_is_the_call() -> None:
    d = _session_debugger(PLACES)
    d.run_to_line(5)  # inside bump(box): t is a parameter
    stop = d.last_write(d.place("t"))
    assert stop.reason == "last write" and d.frames()[0].line == 10
    d.step_instruction()
    assert d.frames()[0].line == 4 and len(d.frames()) == 2  # the call entered bump


def test_watch_a_field_by_the_handle_the_debugger_shows() -> None:
    d = _session_debugger(PLACES)
    d.run_to_line(10)
    box = d.eval(b"box")[0]
    shown = d.state.heap.handle_of(box).index - d.first_handle + 1  # table#1 is the first made
    w = d.watch(f"table#{shown}.n")
    assert w.kind == "field"
    stop = d.continue_()
    assert stop.reason == "watchpoint" and d.frames()[0].line == 5 or d.frames()[0].line == 6
    assert box.get(b"n") == 1.0


LIBRARY_STATE = b"""
math.randomseed(42)
local t = {}
for i = 1, 5 do t[#t+1] = math.random(100) end
io.write(table.concat(t, ","), "\\n")
local words = {}
for w in string.gmatch("one two three four", "%a+") do words[#words+1] = w:upper() end
io.write(table.concat(words, " "), "\\n")
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
print(co(), co(), co())
local p = newproxy(true)
getmetatable(p).__index = function(_, k) return k .. "!" end
print(p.x, math.random())
"""


def test_library_state_goes_back_too(monkeypatch, tmp_path: Path) -> None:
    """The random generator, a gmatch iterator, io's buffers, coroutine.wrap and a proxy's
    metatable, with a mark every few instructions: every step back gives the forward state,
    and the output is lua5.1's."""
    import subprocess

    from vm.debugger import history

    monkeypatch.setattr(history, "MIN_INTERVAL", 1)
    monkeypatch.setattr(history, "MAX_INTERVAL", 3)
    d = _session_debugger(LIBRARY_STATE)
    states = _forward(d)
    prog = tmp_path / "lib.lua"
    prog.write_bytes(LIBRARY_STATE)
    ref = subprocess.run(["lua5.1", str(prog)], capture_output=True, check=True).stdout
    assert d.output_text() == ref
    assert len(d._marks) > 20
    for pos in range(d.position - 1, -1, -1):
        d.step_back()
        assert digest(d) == states[pos], f"state at position {pos} differs going back"
