"""A direct call of a translated function opens its frame only when something could see it
(emit_calls.open_frame, support.open_frame): a call, a collection, a slow path (a metamethod,
an error's position and traceback), an exception; a call that returns by its fast paths alone
opens none. The frame opened late must be the one opened at entry: errors, tracebacks,
debug.getinfo levels, a metamethod's error level, tail calls, C-level calls and collections
as lua5.1 shows them, under both tiers."""

from __future__ import annotations

import io
import subprocess

from vm.runtime import compiled
from vm.session import Session

PROGRAM = b"""
local function add(a, b) return a + b end
local function lt(a, b) return a < b end
local function len(t) return #t end
local function field(t) return t.x end
local function loop(a, b) local s = 0 for i = a, b do s = s + i end return s end
local V = {}
V.__index = function(t, k) return debug.traceback("in __index " .. tostring(k), 1) end
V.__add = function(a, b) return a.n + b end
V.__eq = function(a, b) return rawequal(a, b) end
V.__lt = function(a, b) error("lt blamed on its caller", 2) end
V.__unm = function(t) return debug.getinfo(2, "l").currentline end
local v = setmetatable({n = 1}, V)
local w = setmetatable({n = 2}, V)
local function eq(a, b) return a == b end
local function neg(a) return -a end
local function tail(a) return add(a, 1) end
for i = 1, 3 do
  print(add(i, 2), lt(i, 2), len({1, 2, i}), field({x = i}), loop(1, i), eq(i, i))
end
print(pcall(add, 1, nil))
print(pcall(add, {}, 1))
print(pcall(lt, 1, "x"))
print(pcall(lt, v, w))
print(pcall(len, 5))
print(pcall(field, nil))
print(pcall(loop, "a", 2))
print(pcall(tail, nil))
print(add(v, 10), eq(v, w), eq(v, v), neg(v), neg(2))
print(field(v))
print(select(2, xpcall(function() return add(nil, 1) end, debug.traceback)))
print(select(2, xpcall(tail, debug.traceback, "s")))
local mt = {__add = add, __concat = function(a, b) return add(a.n, b.n) end}
local p = setmetatable({n = 3}, mt)
print(pcall(function() return p + 1 end))
print(p .. p)
local function put(t, k, v) t[k] = v end
local function set(t, v) t.x = v; t.y = t.x end
local function glob(v) G = v; H = G end
local q = {}
put(q, 1, "a"); set(q, 2); glob(3)
print(q[1], q.x, q.y, G, H)
print(pcall(put, q, nil, 1))
print(pcall(put, q, 0/0, 1))
print(pcall(put, nil, 1, 1))
print(pcall(set, 5, 1))
local seen = {}
local logged = setmetatable({}, {__newindex = function(t, k, v)
  seen[#seen + 1] = k .. "=" .. tostring(v) .. " " .. debug.traceback("", 2):gsub("\\n", "|")
  rawset(t, k, v)
end})
set(logged, 7)
put(logged, "z", 8)
print(table.concat(seen, ";"))
setmetatable(_G, {__newindex = function(t, k, v) error("no global " .. k, 2) end})
print(pcall(glob, 9))
local function rec(n) if n == 0 then return nil + 1 end return rec(n - 1) + 1 end
print(pcall(rec, 3))
print(select(2, xpcall(function() return rec(2) end, debug.traceback)))
local function tb(n) if n == 0 then return debug.traceback("tb", 1) end return (tb(n - 1)) end
print(tb(3))
local function tree(d) if d == 0 then return {} end return {tree(d - 1), tree(d - 1)} end
local function check(t) if t[1] then return 1 + check(t[1]) + check(t[2]) end return 1 end
local function deep(d) if d == 0 then collectgarbage() return {} end return {deep(d - 1)} end
print(check(tree(6)), #deep(5), check(tree(3)))
return add, put, glob, rec, tree
"""


def test_lazy_frames_show_what_lua51_shows(tier: str) -> None:
    expected = subprocess.run(["lua5.1", "-"], input=PROGRAM, capture_output=True,
                              check=True).stdout
    out = io.BytesIO()
    functions = Session(out).run(PROGRAM, b"=stdin")
    assert out.getvalue() == expected
    if tier == "compiled":  # a plain run: the budget-free translations, with lazy frames
        assert compiled.mode == "compiled"
        for fn in functions:  # add, two that store into a table and a global, two that call
            entry = fn.p.run_free.__globals__["__source__"].split("else:")[0]
            assert "if f is None:" in entry and "NEW(Frame)" not in entry
