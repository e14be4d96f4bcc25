"""Coroutine switches in one step (vm/runtime/coroutine.py's native_switch, from the interpreter
and from translated code): resume, yield and wrap functions switch threads at once, and every case
they leave to the helpers or the generator path (the C-call limit, errors, yields across a
boundary) still comes out as lua5.1's: values both ways, counts short and long, wrap errors, and
the depth of nested resumes at "C stack overflow"."""

from __future__ import annotations

import io
import subprocess

from vm.errors import LuaError
from vm.session import Session

VALUES = b"""
local co = coroutine.create(function(a, b)
  local x, y, z = coroutine.yield(a + b, a - b)      -- three wanted, given one, two, four
  local p = coroutine.yield(x, y, z)
  local q, r = coroutine.yield()
  return p, q, r, "end"
end)
for _, args in ipairs({ {1, 2}, {10}, {20, 30}, {40, 50, 60, 70}, {} }) do
  print(coroutine.resume(co, unpack(args)))
end
print(coroutine.resume(co), coroutine.status(co))

local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end end)
end
local s = 0
for i, sq in gen(50) do s = s + i + sq end
local pipe = coroutine.wrap(function()
  for v in gen(20) do if v % 2 == 0 then coroutine.yield(v) end end
end)
local got = {}
for v in pipe do got[#got + 1] = v end
print(s, table.concat(got, ","))

local dead = coroutine.wrap(function() error("boom") end)
print(pcall(dead))
print(pcall(dead))
local w = coroutine.wrap(function() return 1 end)
w()
print(pcall(w))
print(pcall(coroutine.yield, 1))
print(select("#", coroutine.running()))
local inner = coroutine.wrap(function()
  print(pcall(function() return coroutine.yield(1) end))
  return "inner done"
end)
print(inner())
print(pcall(inner))
print(coroutine.resume(coroutine.create(function()
  return table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)))
"""

# resumes nested in each other up to the C-call limit ("C stack overflow" at lua5.1's depth)
DEPTH = b"""
local depth = 0
local function nest()
  depth = depth + 1
  local co = coroutine.wrap(function() return nest() end)
  return co()
end
local ok, err = pcall(nest)
local d2 = 0
local function nest2()
  d2 = d2 + 1
  local co = coroutine.create(function() coroutine.yield(d2) return nest2() end)
  coroutine.resume(co)
  return coroutine.resume(co)
end
nest2()
print(ok, err:sub(-16), depth, d2)
"""

# ... and through generic for loops: each level is a C call more (OP_TFORLOOP's luaD_call), so
# lua5.1 overflows at about half the depth; with a hook the resumes go the generator way
DEPTH_FOR = b"""
local function probe(hooked)
  local depth = 0
  local function nest()
    depth = depth + 1
    for _ in coroutine.wrap(function() nest() coroutine.yield(1) end) do break end
  end
  if hooked then debug.sethook(function() end, "c") end
  local ok, err = pcall(nest)
  debug.sethook()
  return ok, err:sub(-18), depth, select(2, err:gsub("switch:", ""))
end
print(probe(false))
print(probe(true))
local n = 0
local function viaresume()
  n = n + 1
  local co = coroutine.create(function() viaresume() end)
  for ok in coroutine.resume, co do if not ok then error("deep", 0) end break end
end
print(pcall(viaresume))
print(n)
"""


def _run(source: bytes) -> tuple[bytes, object]:
    out = io.BytesIO()
    session = Session(out)
    try:
        result = session.run(source, b"=switch")
    except LuaError as e:
        result = ("error", e.value)
    return out.getvalue(), result


def test_switches_match_lua51(tier: str) -> None:  # noqa: ARG001
    expected = subprocess.run(["lua5.1", "-"], input=VALUES.replace(b"=switch", b""),
                              capture_output=True, check=True).stdout
    out, _ = _run(VALUES)
    assert out.replace(b"switch:", b"stdin:") == expected


def test_the_c_call_limit_is_lua51s(tier: str) -> None:  # noqa: ARG001
    expected = subprocess.run(["lua5.1", "-"], input=DEPTH, capture_output=True,
                              check=True).stdout
    out, _ = _run(DEPTH)
    assert out == expected


def test_the_c_call_limit_through_generic_fors_is_lua51s(tier: str) -> None:  # noqa: ARG001
    expected = subprocess.run(["lua5.1", "-"], input=DEPTH_FOR.replace(b'"switch:"', b'"stdin:"'),
                              capture_output=True, check=True).stdout
    out, _ = _run(DEPTH_FOR)
    assert out == expected
