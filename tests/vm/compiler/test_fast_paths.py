"""The code generator's short cuts against luac5.1 (listings with addresses masked).

The parser takes shorter paths for the commonest shapes (one-target assignments, a name first
in a statement, constant keys of fields, methods and constructors, runs of constant items in
a constructor, number operands, table sizes)
and keeps the general ones for the rest: a constant table past the 256 an RK operand can name,
more values than targets, calls and varargs as the last value, tables of 8 items and more.
Each program here is listed by luac5.1 and by us; both must be the same.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from vm.bytecode.listing import list_function
from vm.compiler import compile_source

ADDRESS = re.compile(r"0x[0-9a-fA-F]+")

# 300 string constants first: every name and number after them is past RK's reach
_MANY = "local pad = {" + ", ".join(f"'k{i}'" for i in range(300)) + "}\n"

PROGRAMS = {
    "far_constants": _MANY + """
local t = {}
t.field = 1; t.other = t.field + 2.5
t:method(1):other_method('s')
local u = { name = 1, [2] = 3, other = t.field, 7.25, -t, #t }
local v = -t + #t + 12345.5 * t - 0.125
g = u.name .. 'tail'
return u, v
""",
    "assignments": """
local a, b
local t = {}
a = 1, 2, 3
a = f(), g()
a = ...
a = 1, ...
t.x = 1, f()
t[a] = b, a
a, t.y = 1
a, b = b, a
t[a], a = a, t[a]
g1, g2, g3 = f()
local function up() a = 5; b = a, 6; gg = b end
return a, b
""",
    "name_first_statements": """
local x = {}
x.y = {}; x.y.z = 1
x:m(1):n(2)
x 'str' { 1 }
x.y.z, x[1] = x.y, x
print(x.y.z)
glob.field:call()
local function f() return x, glob end
f().k = 2
""",
    "tables": """
local a = {1, 2, 3, 4, 5, 6, 7, 8}
local b = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}
local c = {a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9}
local d = {""" + ", ".join(str(i) for i in range(120)) + """, f()}
local e = {x = 1, 2, y = 3, ..., [4] = 5; 6}
return a, b, c, d, e
""",
    "constant_items": _MANY + """
local u = 1
local a = {1, 'two', 3.5, -4, "five"; 6,
  7
  , 8 ,
  'nine', 10,}
local b = {""" + ", ".join(f"'s{i}'" if i % 3 else str(i) for i in range(120)) + """}
local c = {1, 2 + u, 3, u, 'x' .. u, 4; 5}
local d = {1, 2, 3; }
local e = {[1] = 1, 2, 'three', x = 4, 5, 'k7', 'k299', 'k7' .. 1}
local f = {'a', 'b', f(), 'c', ...}
return a, b, c, d, e, f
""",
    "operands": """
local x, y = 1, 2
local z = -1 + x * 2 - 3 / y % 4 ^ 5 .. 'a' .. x .. 6
local w = not x == -y and #z or -(2 ^ 3) or 1e300 * 1e300 or 0 / 0
for i = 1, 10 do z = z + i end
for k, v in pairs(z) do w = w .. k .. v end
while x < 10 and y > -1 do x = x + 1 end
repeat y = y - 1 until y <= 0 or not x
if x > 1 then x = 2 elseif x < 0 then x = -x else x = x * 2 end
return z, w
""",
}


def luac_listing(path: Path) -> str:
    luac = shutil.which("luac5.1")
    assert luac, "luac5.1 is required (Debian package lua5.1)"
    done = subprocess.run([luac, "-l", "-l", "-p", str(path)], capture_output=True, check=True)
    return ADDRESS.sub("0x?", done.stdout.decode("latin-1")).rstrip("\n")


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_listing_identical_to_luac(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.lua"
    path.write_text(PROGRAMS[name])
    proto = compile_source(path.read_bytes(), b"@" + str(path).encode())
    ours = ADDRESS.sub("0x?", list_function(proto, True)).rstrip("\n")
    assert ours == luac_listing(path)
