"""A hook set by translated code (debug.sethook called from a translated function) takes effect
at once: the translated code hands the frame to the interpreter, which runs on at the hooked
pace, as lua5.1 does. Compared with lua5.1 under both tiers (the compiled tier translates the
main chunk at its first call, so sethook is called from translated code)."""

from __future__ import annotations

import io
import subprocess

from vm.session import Session

PROGRAM = b"""
local n = 0
debug.sethook(function() n = n + 1 end, "", 3)
for i = 1, 300 do end
debug.sethook()
print(n)
local lines = {}
local function f(x)
  local y = x * 2
  debug.sethook(function(_, line) lines[#lines + 1] = line end, "l")
  y = y + 1
  for i = 1, 3 do y = y + i end
  debug.sethook()
  return y
end
print(f(1), table.concat(lines, " "))
local calls = 0
local co = coroutine.create(function()
  debug.sethook(function() calls = calls + 1 end, "", 2)
  for i = 1, 10 do coroutine.yield(i) end
  debug.sethook()
end)
for _ = 1, 12 do coroutine.resume(co) end
print(calls, coroutine.status(co))
"""


def test_a_hook_set_by_translated_code_fires_at_once(tier: str) -> None:  # noqa: ARG001
    expected = subprocess.run(["lua5.1", "-"], input=PROGRAM, capture_output=True,
                              check=True).stdout
    out = io.BytesIO()
    Session(out).run(PROGRAM, b"=hooks")
    assert out.getvalue() == expected
