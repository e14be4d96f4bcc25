"""Random Lua programs about tables, run whole under lua5.1 and under the ferrous VM.

Each program builds a table with a constructor (size hints, record fields, holes, a call closing
the list), then changes it step by step: stores and deletions of integer, float, string
(short and long) and boolean keys, table.insert/remove at the end and inside, deletions during a
traversal, collections (``collectgarbage()``: nil-valued string keys become DEADKEY nodes).
After each step it prints ``#t`` and the whole ``pairs`` sequence, and now and then what
table.concat, unpack, table.maxn and table.sort make of it. The collector is stopped between
the explicit collections, so both interpreters collect at the same points.

Many programs go into one chunk (one process of each interpreter); ``run_batch`` returns the
first program whose output differs, with the two outputs. Used by test_table_order.py and by
bench/table_order.py (long runs).
"""

from __future__ import annotations

import io
import random
import subprocess
from dataclasses import dataclass

from vm.session import Session

_STRINGS = ["a", "b", "c", "n", "x", "y", "key", "", "name", "value", "id", "k1", "k2", "k3", "_",
            "type", "next", "some_longer_field_name", "a string key that is longer than 32 bytes",
            "z" * 70]
_NAMES = [n for n in _STRINGS if n.isidentifier()]
_ODD = ["0", "-0", "-1", "-7", "0.5", "1.5", "2^53", "2^31", "2^26+1", "1e300", "true", "false", "-2.25",
        "1/3", "2^32+1", "-2^31"]

PRELUDE = r'''collectgarbage("stop")
math.randomseed(7)
local names = {[true] = "true", [false] = "false"}
local function dump(t)
  local out, n = {"#", #t, ":"}, 3
  for k, v in pairs(t) do n = n + 1 out[n] = (names[k] or k) .. "=" .. (names[v] or v) end
  io.write(table.concat(out, " "), "\n")
end
local function libs(t)
  local n = #t
  local c = {}
  for i = 1, n do c[i] = t[i] end
  local ok, s = pcall(table.concat, t, ",")
  local sorted, how = pcall(table.sort, c)
  if sorted then sorted, how = pcall(table.concat, c, ",") end
  io.write("concat ", tostring(ok), " ", tostring(s), " unpack ", select("#", unpack(t)),
           " maxn ", tostring(table.maxn(t)), " sort ", tostring(sorted), " ", tostring(how), "\n")
end
local function collect() collectgarbage() collectgarbage("stop") end
'''


def _key(rng: random.Random, hi: int) -> str:
    r = rng.random()
    if r < 0.45:
        return str(rng.randint(1, hi))
    if r < 0.55:
        return str(rng.randint(hi, 4 * hi))
    if r < 0.85:
        return '"%s"' % rng.choice(_STRINGS)
    return rng.choice(_ODD)


def _value(rng: random.Random) -> str:
    return str(rng.randint(1, 9)) if rng.random() < 0.9 else rng.choice(['"v"', "true", "false"])


def _ctor(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 8, 17, 50, 51, 70])):
        r = rng.random()
        if r < 0.55:
            parts.append(_value(rng) if rng.random() > 0.2 else "nil")
        elif r < 0.85:
            parts.append("%s = %s" % (rng.choice(_NAMES), _value(rng)))
        else:
            parts.append("[%s] = %s" % (_key(rng, 10), _value(rng)))
    if rng.random() < 0.2:
        values = ", ".join(_value(rng) for _ in range(rng.randint(0, 6)))
        parts.append("(function() return %s end)()" % values)
    return "{" + ", ".join(parts) + "}"


def program(rng: random.Random) -> str:
    """One program: a constructor, then 1..60 steps, each followed by a dump."""
    hi = rng.choice([8, 24, 64])
    lines = ["local t = " + _ctor(rng), "dump(t)"]
    for _ in range(rng.randint(1, 60)):
        r = rng.random()
        if r < 0.33:
            lines.append("t[%s] = %s" % (_key(rng, hi), _value(rng)))
        elif r < 0.52:
            lines.append("t[%s] = nil" % _key(rng, hi))
        elif r < 0.59:
            lines.append("t[#t + 1] = %s" % _value(rng))
        elif r < 0.64:
            lines.append("table.insert(t, %s)" % _value(rng))
        elif r < 0.68:
            lines.append("table.insert(t, %d, %s)" % (rng.randint(1, hi), _value(rng)))
        elif r < 0.72:
            lines.append("table.remove(t)")
        elif r < 0.75:
            lines.append("table.remove(t, %d)" % rng.randint(1, hi))
        elif r < 0.79:
            lines.append("for k in pairs(t) do if math.random() < 0.3 then t[k] = nil end end")
        elif r < 0.84:
            lines.append("collect()")
        elif r < 0.88:
            lines.append("libs(t)")
        elif r < 0.91:
            lines.append("t.%s = %s" % (rng.choice(_NAMES), _value(rng)))
        else:
            lines.append("t[%s] = %s" % (_key(rng, hi), _value(rng)))
        lines.append("dump(t)")
    return "\n".join(lines)


def chunk(programs: list[str]) -> str:
    body = "\n".join("do io.write('program %d\\n')\n%s\nend" % (i, p) for i, p in enumerate(programs))
    return PRELUDE + body + "\n"


@dataclass
class Mismatch:
    index: int
    program: str
    lua: str
    ferrous: str

    def __str__(self) -> str:
        return "program %d differs\n  lua5.1:  %s\n  ferrous: %s\n%s" % (self.index, self.lua, self.ferrous,
                                                                       self.program)


def run_ferrous(source: str) -> bytes:
    out = io.BytesIO()
    s = Session(out=out)
    s.call(s.load(source.encode(), b"=programs"))
    return out.getvalue()


def run_lua(source: str) -> bytes:
    proc = subprocess.run(["lua5.1", "-"], input=source.encode(), capture_output=True, timeout=600,
                          check=False)
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr
    return proc.stdout


def run_batch(programs: list[str]) -> Mismatch | None:
    """Run the programs under both; the first difference, or None."""
    source = chunk(programs)
    want, got = run_lua(source), run_ferrous(source)
    if want == got:
        return None
    current = -1
    for a, b in zip(want.split(b"\n"), got.split(b"\n"), strict=False):
        if a.startswith(b"program "):
            current = int(a.split()[1])
        if a != b:
            return Mismatch(current, programs[current], a.decode("latin-1"), b.decode("latin-1"))
    return Mismatch(current, programs[max(current, 0)], "(%d lines)" % want.count(b"\n"),
                    "(%d lines)" % got.count(b"\n"))
