"""The compiled tier's code cache (vm/runtime/compiled/codecache.py): a prototype whose
generated source was compiled before reuses that code object, bound to its own namespace, so
the same chunk loaded again (loadstring in a loop, a file run twice) runs as lua5.1 runs it
without a second compile(); the cache stays within its bound."""

from __future__ import annotations

import io
import subprocess

from vm.runtime import compiled
from vm.runtime.compiled import codecache
from vm.session import Session

# the same function text loaded many times, each load a prototype of its own with its own
# constants and upvalues; the same small function written at two lines of one chunk
PROGRAM = b"""
local out = {}
for i = 1, 5 do
  local f = loadstring("local n = ... local s = 0 for j = 1, n do s = s + j end return s, n .. 'x'")
  out[#out + 1] = table.concat({f(i)}, ",")
end
local function get1(t) return t.x end
local function get2(t) return t.x end
print(table.concat(out, " "), get1({x = 1}), get2({x = 2}))
print(pcall(get2, nil))
"""


def _run(source: bytes) -> bytes:
    out = io.BytesIO()
    session = Session(out)
    fn = session.load(source, b"=stdin")
    session.call(fn, [])
    return out.getvalue()


def test_loading_the_same_code_again_reuses_its_code_and_runs_as_lua51() -> None:
    expected = subprocess.run(["lua5.1", "-"], input=PROGRAM, capture_output=True,
                              check=True).stdout
    saved = compiled.mode, codecache.enabled
    compiled.set_mode("compiled")
    codecache.enabled = True
    codecache.clear()
    try:
        assert _run(PROGRAM) == expected
        first = codecache.hits
        assert first >= 4  # the loop's four loads after the first, and get2 after get1
        misses = codecache.misses
        assert _run(PROGRAM) == expected  # the whole chunk again: every source seen before
        assert codecache.misses == misses
        assert codecache.hits > first
    finally:
        compiled.set_mode(saved[0])
        codecache.enabled = saved[1]
        codecache.clear()


def test_a_hit_names_the_code_after_the_function_asking() -> None:
    codecache.clear()
    a = codecache.compiled("def run():\n    return 1\n", "<lua a:1>")
    b = codecache.compiled("def run():\n    return 1\n", "<lua b:7>")
    assert codecache.hits == 1
    ns: dict = {}
    exec(b, ns)
    assert ns["run"].__code__.co_filename == "<lua b:7>"
    assert a.co_filename == "<lua a:1>"
    codecache.clear()


def test_the_cache_keeps_within_its_bound() -> None:
    saved = codecache.LIMIT
    codecache.LIMIT = 200
    codecache.clear()
    try:
        sources = [f"x = {i}\n" * 10 for i in range(20)]  # 60 characters each
        for s in sources:
            codecache.compiled(s, "<t>")
        assert codecache._size <= 200
        codecache.compiled(sources[-1], "<t>")  # the newest is still there
        assert codecache.hits == 1
        codecache.compiled(sources[0], "<t>")  # the oldest went first
        assert codecache.hits == 1
    finally:
        codecache.LIMIT = saved
        codecache.clear()
