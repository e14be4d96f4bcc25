"""pairs order, `#` and the table library on the whole VM against lua5.1, for random programs.

The programs (tests/vm/runtime/table_programs.py) print `#t` and the whole pairs sequence after
every step; lua5.1 and ferrous must print the same bytes. A longer run: bench/table_order.py.
Keys that 5.1 hashes by address (tables, functions, coroutines, userdata) have no order to
compare with lua5.1 (its addresses change from run to run): for them, the same set of keys, and
the same order in every run and in the debugger's replays.
"""

from __future__ import annotations

import io
import random
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.vm.lib.cli_diff import compare
from tests.vm.runtime.table_programs import program, run_batch, run_ferrous
from vm.debugger import Debugger
from vm.session import Session


@pytest.mark.parametrize("batch", range(2))
def test_seeded_programs(batch: int) -> None:
    """600 random programs in two batches (one process of lua5.1 each), which xdist's workers
    can run side by side; the test below adds 400 new ones each run, bench/table_order.py as
    many as one likes."""
    rng = random.Random("table order %d" % batch)
    mismatch = run_batch([program(rng) for _ in range(300)])
    assert mismatch is None, str(mismatch)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**64 - 1))
def test_programs_from_any_seed(seed: int) -> None:
    rng = random.Random(seed)
    mismatch = run_batch([program(rng) for _ in range(10)])
    assert mismatch is None, str(mismatch)


def _lua(source: str) -> bytes:
    proc = subprocess.run(["lua5.1", "-"], input=source.encode(), capture_output=True, timeout=60, check=True)
    return proc.stdout


def test_weak_values_cleared_by_a_collection_leave_deadkey_nodes() -> None:
    """A weak-valued table whose values the collector frees: its string keys become DEADKEY
    nodes, and storing them again places them as new keys (5.1's cleartable + removeentry)."""
    source = r'''
collectgarbage("stop")
local keep = {}
local t = setmetatable({}, {__mode = "v"})
local names = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota"}
for i, name in ipairs(names) do
  local v = {}
  t[name] = v
  if i % 3 == 0 then keep[#keep + 1] = v end
end
collectgarbage() collectgarbage("stop")
local function dump() local s = {} for k in pairs(t) do s[#s + 1] = k end print(table.concat(s, " ")) end
dump()
for i = #names, 1, -1 do t[names[i]] = keep[1] dump() end
t.kappa = 1 dump()
'''
    assert run_ferrous(source) == _lua(source)


_OBJECT_KEYS = r'''
local keys, names = {}, {}
local function add(name, v) keys[#keys + 1] = v names[v] = name end
for i = 1, 6 do add("table" .. i, {}) end
for i = 1, 4 do add("function" .. i, function() return i end) end
for i = 1, 3 do add("coroutine" .. i, coroutine.create(function() end)) end
for i = 1, 3 do add("userdata" .. i, newproxy()) end
add("print", print)
local t = {}
for i, k in ipairs(keys) do t[k] = i end
t[keys[3]] = nil
t[keys[9]] = nil
t.x, t[1], t[2.5] = 1, 2, 3
local seen = {}
for k, v in pairs(t) do seen[#seen + 1] = (names[k] or tostring(k)) .. "=" .. v end
print(table.concat(seen, " "))
'''


def test_keys_hashed_by_address_come_in_one_order_in_every_run() -> None:
    first = run_ferrous(_OBJECT_KEYS)
    assert first == run_ferrous(_OBJECT_KEYS)
    ours = sorted(first.split())
    assert ours == sorted(_lua(_OBJECT_KEYS).split())  # the same pairs, in some order


def test_keys_hashed_by_address_come_in_one_order_in_the_debuggers_replays() -> None:
    s = Session(out=io.BytesIO())
    d = Debugger(s, s.load(_OBJECT_KEYS.encode(), b"@objects.lua"))
    d.continue_()
    out = d.output_text()
    end = d.w.position
    assert sorted(out.split()) == sorted(_lua(_OBJECT_KEYS).split())
    for back in (end // 2, 3, 0):
        d.goto(back)
        d.continue_()
        assert d.output_text() == out


_LIBRARY_TABLES = rb'''
local function keys(name, t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = type(k) == "string" and k or type(k) end
  print(name .. ": " .. table.concat(out, " "))
end
keys("_G", _G)
for _, name in ipairs{"string", "table", "math", "os", "io", "debug", "coroutine", "package"} do
  keys(name, _G[name])
end
keys("package.loaded", package.loaded)
keys("package.loaders", package.loaders)
keys("string metatable", getmetatable(""))
keys("file methods", getmetatable(io.stdout).__index)
keys("registry", debug.getregistry())
x, y, z = 1, 2, 3
keys("_G with three more", _G)
'''


def test_library_tables_iterate_as_in_lua51(tmp_path, monkeypatch) -> None:
    """pairs over _G and every library table: each library fills a table sized as
    luaL_register sizes it, in its luaL_Reg array's order, as lua5.1 (and lua.c's ``arg``)."""
    compare(["libs.lua"], tmp_path, monkeypatch, files={"libs.lua": _LIBRARY_TABLES})


_NEWINDEX = r'''
local function dump(t)
  local out = {"#" .. #t}
  for k, v in pairs(t) do out[#out + 1] = tostring(k) .. "=" .. tostring(v) end
  print(table.concat(out, " "))
end
local t = setmetatable({}, {__newindex = function(t, k, v)
  if type(k) == "string" and #k % 2 == 0 then rawset(t, k, v) end
end})
for _, k in ipairs{"alpha", "be", "gamma", "delta", "ep", "zeta", "eta", "th", "iota", "kappa", "la", "mu"} do
  t[k] = 1 dump(t)
end
for i = 1, 20 do t[i] = i dump(t) end
t[2.5] = 1 t[true] = 1 dump(t)
local function try(f) local ok, e = pcall(f) print(ok, (tostring(e):gsub("^[^:]*:%d+: ", ""))) end
try(function() t[0/0] = 1 end)
try(function() t[nil] = 1 end)
local store = {}
local u = setmetatable({}, {__newindex = store})
for _, k in ipairs{"a", "b", "c", "d", "e", "f", "g", "h", "i"} do u[k] = k dump(u) dump(store) end
rawset(u, "z", 1) dump(u)
local g = setmetatable({}, {__newindex = function() end})
for i = 1, 40 do g["k" .. i] = i end
rawset(g, "x", 1) rawset(g, "y", 2) rawset(g, 1, 1) rawset(g, 3, 3)
dump(g)
'''


def test_stores_through_newindex_take_a_node_first() -> None:
    """luaV_settable calls luaH_set before it looks for __newindex: the key gets a nil-valued
    node (which may move another key or rehash the table) even when the handler stores nothing,
    and a NaN or nil key is an error before the handler runs. Penlight's strict mode showed it
    (pairs(_G) after a refused global)."""
    assert run_ferrous(_NEWINDEX) == _lua(_NEWINDEX)
