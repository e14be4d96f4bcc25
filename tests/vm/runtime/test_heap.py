"""The collector's pacing and accounting (vm/runtime/heap.py) against lua5.1.

lua5.1 cannot say how many cycles it ran, but a userdata whose __gc makes a new one of itself
dies once per cycle: the count of its finalizer calls is lua5.1's count of cycles, compared with
the heap's own count of ours (our finalizers after automatic collections run only at the next
collectgarbage, so the sentinel is run under lua5.1 only).
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from ferrous_repl.lua import main as lua_main
from vm.session import Session

LUA = shutil.which("lua5.1")
assert LUA is not None, "lua5.1 is not installed (apt-get install lua5.1)"

SENTINEL = b"""
local cycles = 0
local function sentinel()
  local p = newproxy(true)
  getmetatable(p).__gc = function() cycles = cycles + 1; sentinel() end
end
sentinel()
"""

# short-lived garbage beside data that stays, then a heap that only grows, then strings
WORKLOAD = b"""
collectgarbage("setpause", PAUSE)
local live = {}
for round = 1, 30 do
  local tmp = {}
  for i = 1, 200 do tmp[i] = {round, i, tostring(i) .. ":" .. round} end
  live[round] = {f = function() return round end, last = tmp[200][3]}
end
local keep = {}
for i = 1, 8000 do keep[i] = {i} end
local s = ""
for i = 1, 2000 do s = s .. "x" end
"""


def lua51(source: bytes) -> bytes:
    return subprocess.run([LUA, "-"], input=source, capture_output=True, check=True,
                          timeout=60).stdout


def ferrous(source: bytes) -> bytes:
    out, err = io.BytesIO(), io.BytesIO()
    assert lua_main(["-e", source.decode()], stdout=out, stderr=err) == 0, err.getvalue()
    return out.getvalue()


@pytest.mark.parametrize("pause", [200, 100])
def test_cycles_follow_lua51s_pacing(pause: int, tier: str) -> None:
    """A cycle starts when the heap grew by pause% and completes when the allocations since
    paid its work, as in 5.1: lua5.1 runs 15 cycles here at pause 200 and 81 at 100 (before
    this pacing, ours ran a full collection at nearly every allocation past the threshold:
    thousands). Tolerance: within a factor of 2 of lua5.1's count, because the cycle's work is
    estimated from the last cycle, not counted step by step, and our atomic collection also
    frees garbage made while the cycle ran, which 5.1 keeps until the next one."""
    workload = WORKLOAD.replace(b"PAUSE", str(pause).encode())
    theirs = int(lua51(SENTINEL + workload + b"io.write(cycles)"))
    s = Session(out=io.BytesIO())
    s.run(workload)
    ours = s.state.heap.cycles
    assert theirs / 2 <= ours <= theirs * 2, (ours, theirs)


def test_count_of_a_fresh_state() -> None:
    """collectgarbage("count") counts the libraries' own objects and strings, the state and the
    string table as 5.1 does (lua5.1 says about 26.9 KB at start, 26.3 after a collection).
    Tolerance 10%: the objects have 5.1's x86-64 sizes, but the stack lua.c grew and the
    strings the parser made are counted only at the next collection, and the string table's
    size is estimated from the strings alive (ours is 3.5% low at start, 1% after a
    collection)."""
    probe = b'io.write(collectgarbage("count"), " ") collectgarbage() io.write(collectgarbage("count"))'
    theirs = [float(x) for x in lua51(probe).split()]
    ours = [float(x) for x in ferrous(probe).split()]
    for t, o in zip(theirs, ours, strict=True):
        assert abs(o - t) <= t / 10, (ours, theirs)


def test_steps_report_a_completed_cycle_as_lua51_does() -> None:
    """collectgarbage("step") on a fresh state does one step of a cycle that is not done
    (false, where the collector used to finish at once); a big step finishes it; stepmul 0
    finishes a cycle in one step; and how many small steps a cycle takes is 5.1's within the
    same factor of 2 as the cycle counts."""
    probe = b"""
    local first = collectgarbage("step")
    local n = 1
    while not collectgarbage("step") do n = n + 1 end
    print(first, collectgarbage("step", 1000))
    collectgarbage("setstepmul", 0)
    print(collectgarbage("step"))
    collectgarbage("setstepmul", 200)
    io.write(n)
    """
    theirs, ours = lua51(probe), ferrous(probe)
    assert theirs.rsplit(b"\n", 1)[0] == ours.rsplit(b"\n", 1)[0] == b"false\ttrue\ntrue"
    n_theirs, n_ours = int(theirs.rsplit(b"\n", 1)[1]), int(ours.rsplit(b"\n", 1)[1])
    assert n_theirs / 2 <= n_ours <= n_theirs * 2, (n_ours, n_theirs)


def test_stop_holds_collections_back_and_restart_resumes_them() -> None:
    """collectgarbage("stop") holds every collection back however much is allocated;
    "restart" (lua_gc sets the threshold to the count) lets the allocations after it step the
    collector again, so a cycle completes."""
    s = Session(out=io.BytesIO())
    heap = s.state.heap
    s.run(b'collectgarbage("stop") local t = {} for i = 1, 5000 do t[i] = {} end')
    assert heap.cycles == 0 and heap.count() > 5000 * 64
    s.run(b'collectgarbage("restart") t = nil for i = 1, 20000 do local x = {} end')
    assert heap.cycles >= 1
