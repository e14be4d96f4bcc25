"""Error levels and traceback levels with a call or return hook set, against lua5.1 (run in
the test), under both tiers. Under call/return events a library function runs in a frame of
its own (vm/runtime/hooks.py); that frame is the function's level 0 and must not shift the
levels it counts: ``error("x")`` keeps its position, ``error("x", 2)`` names the caller's
line, ``debug.traceback("t", 1)`` starts at its caller. A hook call that overflows the stack
fails at the hooked function, before its instruction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vm.lib.cli_diff import compare

LEVELS = """
local function hk() end
for _, mask in ipairs({"c", "r", "cr"}) do
  debug.sethook(hk, mask)
  print(mask, debug.gethook())
  print(pcall(function() error("x") end))
  print(pcall(function() local function g() error("y", 2) end
    g() end))
  local function lvl3() error("deep", 3) end
  local function lvl2() lvl3() end
  print(pcall(function()
    lvl2()
  end))
  print(debug.traceback("t", 1))
  print(debug.traceback("u"))
  print(debug.traceback("v", 2))
  print(debug.traceback("w", 0))
  print(pcall(error))
  print(pcall(error, "z", 1))
  print(pcall(error, "z", 2))
  print(pcall(function() return nil + 1 end))
  print(pcall(string.rep))
  print(pcall(function() string.rep() end))
  print(pcall(assert, false, "msg"))
  print(pcall(function() assert(false) end))
  print(pcall(function() return ("x"):bad() end))
  print(pcall(function()
    return tostring(setmetatable({}, {__tostring = function() error("ts", 2) end}))
  end))
  print(select(2, xpcall(function() error("w") end, debug.traceback)))
  print(xpcall(function() error("w") end, function(m) return debug.traceback(m, 2) end))
  debug.sethook()
end
"""

UNCAUGHT = """
debug.sethook(function() end, "cr")
local function f() error("top", 2) end
f()
"""


# the hook's own call overflows the stack: the error is placed at the hooked function, which
# stands before its instruction (in the message and in the traceback)
OVERFLOW = """
local function deep(d) local r = deep(d + 1) return r end
debug.sethook(function() end, "%s")
print(pcall(deep, 1))
print(select(2, xpcall(deep, debug.traceback, 1)):sub(1, 300))
deep(1)
"""


@pytest.mark.parametrize("mask", ["c", "r", "l", "crl"])
def test_overflow_in_hook_call_as_lua51(mask: str, tier: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": (OVERFLOW % mask).encode()})


@pytest.mark.parametrize("program", [LEVELS, UNCAUGHT], ids=["levels", "uncaught"])
def test_as_lua51(program: str, tier: str, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    compare(["prog.lua"], tmp_path, monkeypatch, files={"prog.lua": program.encode()})
