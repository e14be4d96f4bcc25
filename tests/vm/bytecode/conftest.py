"""Lua snippets compiled by the real luac5.1, shared by the listing, chunk and verifier tests.

Every expectation comes from the reference: `luac5.1 -o`, `luac5.1 -s -o` and `luac5.1 -l -l -p`
on the same files, and lupa's lua51 for running chunks. The tests fail (never skip) when luac5.1
is missing.
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest


def _all_bytes_literal() -> str:
    return '"' + "".join(f"\\{c}" for c in range(256)) + '"'


def _many_constants() -> str:
    names = ", ".join(f"'s{i}'" for i in range(300))
    nums = " + ".join(f"{i}.5" for i in range(300))
    return f"local t = {{{names}}}\nlocal n = {nums}\nlocal u = t[1] .. 'x' .. n\nreturn #t, n, u, t[300]"


def _huge_constructor() -> str:
    # more than 511 batches of 50: SETLIST takes its batch number from the next code word (C = 0)
    items = ",".join(str(i % 97) for i in range(26000))
    return f"local t = {{{items}}}\nlocal s = 0\nfor i = 1, #t do s = s + t[i] end\nreturn #t, s"


def _many_locals() -> str:
    decls = "\n".join(f"local v{i} = {i}" for i in range(190))
    return decls + "\nreturn v0 + v189, v100"


def _deep_functions() -> str:
    # f0 defines f1 ... defines f11; each returns the next, the innermost sums all parameters
    text = "".join(f"local function f{i}(a{i})\n" for i in range(12))
    text += "return " + " + ".join(f"a{i}" for i in range(12)) + "\n"
    for i in reversed(range(12)):
        text += "end\n" + (f"return f{i}\n" if i > 0 else "")
    return text + "return f0(0)" + "".join(f"({i})" for i in range(1, 12))


SNIPPETS: dict[str, str] = {
    "empty": "",
    "return_only": "-- a comment\nreturn\n",
    "arith": """
local a, b = 7, 3
return a + b, a - b, a * b, a / b, a % b, a ^ b, -a, 1 + 2 * 3,
       a + 1, 2 - b, a % 2, 2 ^ a, a * 0.5, 10 / b, 5 % a
""",
    "compare_logic": """
local x, y = 1, 2
local r = {}
r[1] = x < y; r[2] = x <= y; r[3] = x == y; r[4] = x ~= y
r[5] = not x; r[6] = x and y; r[7] = x or y; r[8] = (x > 0) and "pos" or "neg"
r[9] = x > 1; r[10] = 1 >= y; r[11] = "a" < "b"; r[12] = x == nil
if x < 10 then r[13] = 1 elseif x > 20 then r[13] = 2 else r[13] = 3 end
if not (x == 1 and y == 2) or x == 3 then r[14] = true end
local z = y == 2
return r, z
""",
    "loops": """
local s = 0
for i = 1, 10 do s = s + i end
for i = 10, 1, -2 do s = s + i end
for i = 0.5, 2, 0.25 do s = s + i end
local n = 0
while n < 5 do n = n + 1; if n == 4 then break end end
repeat n = n - 1 until n <= 0
for i = 1, 3 do local j = i * 2; if j > 4 then break end end
return s, n
""",
    "generic_for": """
local t = {10, 20, 30, x = 1, y = 2}
local s, keys = 0, 0
for i, v in ipairs(t) do s = s + i * v end
for k, v in pairs(t) do keys = keys + 1 end
for k in next, t do end
return s, keys
""",
    "closures": """
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function(v) n = v end
end
local inc, set = counter()
inc(); inc(); set(10)
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
do local hidden = 5; fs[4] = function() return hidden end end
local x = 0
while x < 2 do local y = x; fs[#fs + 1] = function() return y end; x = x + 1 end
return inc(), fs[1](), fs[3](), fs[4](), fs[6]()
""",
    "upvalue_chain": """
local a = 1
local function outer()
  local b = 2
  return function()
    local c = 3
    return function() a = a + 1; b = b + 1; return a + b + c end
  end
end
return outer()()(), a
""",
    "varargs": """
local function f(...)
  local a, b = ...
  local t = {...}
  local u = {n = 1, ...}
  return select('#', ...), a, b, #t, ...
end
local function g(...) return arg and arg.n end
local function h(x, ...) return (...) end
local function k(...) local a, b, c = ..., 9; return a, b, c end
return f(1, 2, 3), g(4, 5), h(1, 2, 3), k(7, 8)
""",
    "tables": """
local t = {1, 2, 3, [10] = "ten", x = {y = {z = "deep"}}, ["a b"] = false, [1.5] = 1.5}
t.x.y.w = t.x.y.z .. "er"
t[#t + 1] = 4
local obj = {v = 3}
function obj:get(d) return self.v + (d or 0) end
function obj.static(a) return a end
local big = {}
for i = 1, 60 do big[i] = i end
local fifty = {1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,
  1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,61,62}
local open = {obj:get(1), obj.static(2), select(2, 1, 2, 3)}
return t.x.y.w, #t, obj:get(), #big, #fifty, #open, t[10], t[1.5]
""",
    "strings_all_bytes": "local s = "
    + _all_bytes_literal()
    + """
local e = "\\"\\\\\\a\\b\\f\\n\\r\\t\\v\\0z\\127\\128\\255"
local long = [[line1
line2 "quoted" \\n not escape]]
local long2 = [==[ ]] ]=] ]==]
return #s, s:byte(1), s:byte(256), #e, long, long2, "a" .. "b" .. "c" .. 1 .. 2
""",
    "numbers": """
local a = {1e308, -1e308, 1e-310, -0, 0.1, 1/3, 2^53, 2^63, 1e300 * 1e10, -1e300 * 1e10,
  123456789012345678, 3.14159265358979, 1e15, 1e14, 1e16, 0x10, 0xffffffff, 100000000000000,
  -1, -2.5, 5e-324, 2^-1074, 1e100, 12345678901234, 123456789012345, 0.1 + 0.2, 1e-5, 1e-4}
local b = -a[1]
return a[1], a[4], a[9], a[10], #a, b
""",
    "many_constants": _many_constants(),
    "huge_constructor": _huge_constructor(),
    "calls": """
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
local function multi() return 1, 2, 3 end
local a, b, c, d = multi()
local t = {multi(), multi()}
local s = string.format("%d-%s", fact(5), tostring(tail(100, 0)))
return fact(10), tail(1000, 0), a, b, c, d, #t, s, (multi())
""",
    "globals": """
G1 = 1
G2, G3 = "two", G1 + 1
a = {b = {c = {}}}
function a.b.c:m(x) return self == a.b.c, x end
function a.b.f(...) return ... end
function gfun(x, y) return x or y end
_G["weird\\0name"] = 3
local r = {a.b.c:m(4)}
return G1, G2, G3, r[1], r[2], a.b.f(5), gfun(nil, 6), _G["weird\\0name"]
""",
    "loadnil": """
local a = 1
local b, c
local d = nil
local e, f, g = 1
local h; local i
b = nil; c = nil
return a, b, c, d, e, f, g, h, i
""",
    "swaps": """
local a, b, c = 1, 2, 3
a, b, c = c, a, b
local t = {5, 6}
local i, j = 1, 2
t[i], t[j] = t[j], t[i]
local x, y = {}, {}
x.f, y.f = y, x
return a, b, c, t[1], t[2], x.f == y
""",
    "self_methods": """
local Account = {}
Account.__index = Account
function Account.new(b) return setmetatable({balance = b}, Account) end
function Account:deposit(v) self.balance = self.balance + v; return self end
function Account:get() return self.balance end
local acc = Account.new(10)
acc:deposit(5):deposit(7)
local s = ("x"):rep(3)
return acc:get(), s, ("%d"):format(42)
""",
    "deep_functions": _deep_functions(),
    "many_locals": _many_locals(),
    "singulars": """
local f = function() return "k" end
local x = 1
local g = function(p) return x + p end
return f(), g(1)
""",
    "conditions": """
local function classify(n)
  if n < 0 and n > -10 or n == 100 then return "a"
  elseif not (n >= 0) then return "b"
  elseif n ~= n then return "nan"
  end
  local v = n > 5 and (n < 50 or n == 70) and "c" or "d"
  while n > 0 and (n % 2 == 0 or n % 3 == 0) do n = n - 1 end
  return v, n
end
local c1 = 1 == 1
local c2 = "a" < "b"
return classify(-5), classify(100), classify(-20), classify(12), classify(70), c1, c2
""",
    "lines": """

local t = {
  1,
  2,

  3
}


local s = t[1]
  + t[2]
  +
  t[3]
return
  s
""",
    "concat_len": """
local a, b, c = "x", "y", "z"
local s = a .. b .. c .. a .. b
local n = #s + #"literal" + #{1, 2, 3}
local m = 1 .. ""
local p = (a .. b) .. (c .. a)
return s, n, m, p
""",
    "unm_not_len": """
local a, t = 5, {1, 2}
local b = -a
local c = not a
local d = #t
local e = - -a
local f = not not a
local g = -(-3)
return b, c, d, e, f, g
""",
    "nested_close": """
local fs = {}
for i = 1, 3 do
  local x = i
  if i == 2 then
    fs[#fs + 1] = function() return x end
    break
  end
  fs[#fs + 1] = function() return x * 10 end
end
do
  local y = 1
  fs[#fs + 1] = function() y = y + 1; return y end
end
repeat
  local z = 7
  fs[#fs + 1] = function() return z end
until true
local r = {}
for k = 1, #fs do r[k] = fs[k]() end
return unpack(r)
""",
    "string_keys": """
local t = {}
t["\\n"] = 1; t["\\0"] = 2; t["\\""] = 3; t["\\255"] = 4; t[""] = 5
t.and_ = 6; t[true] = 7; t[false] = 8
local n = 0
for _ in pairs(t) do n = n + 1 end
return n, t["\\0"], t[true], t[false]
""",
    "numeric_edge_for": """
local s = 0
for i = 2^31, 2^31 + 3 do s = s + 1 end
for i = -1, -5, -1 do s = s + i end
for i = 1, 0 do s = s + 1000 end
for i = 1e15, 1e15 + 2 do s = s + 1 end
return s
""",
    "recursive_local": """
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local even, odd
function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
return fib(15), even(10), odd(7)
""",
    "parens_adjust": """
local function m() return 1, 2, 3 end
local a = {(m())}
local b = {m(), (m())}
local function r(...) return (...), select('#', ...) end
return #a, #b, r(m()), (m())
""",
}


@dataclass(frozen=True, slots=True)
class Compiled:
    """One Lua source and everything luac5.1 makes of it."""

    name: str
    source: str
    path: Path
    chunk: bytes  # luac5.1 -o
    stripped: bytes  # luac5.1 -s -o
    listing: str  # luac5.1 -l -p
    listing_full: str  # luac5.1 -l -l -p
    stripped_listing_full: str  # luac5.1 -l -l -p on the stripped chunk


ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


def mask(text: str) -> str:
    """Listings with their addresses masked."""
    return ADDRESS.sub("0xADDR", text)


def luac_path() -> str:
    found = shutil.which("luac5.1")
    assert found, "luac5.1 is required for these tests (Debian package lua5.1)"
    return found


def lua_path() -> str:
    found = shutil.which("lua5.1")
    assert found, "lua5.1 is required for these tests (Debian package lua5.1)"
    return found


def run_luac(args: list[str], cwd: Path) -> bytes:
    proc = subprocess.run([luac_path(), *args], cwd=cwd, capture_output=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def compile_file(name: str, source: str, where: Path) -> Compiled:
    src = where / f"{name}.lua"
    src.write_text(source, encoding="latin-1")
    run_luac(["-o", f"{name}.luac", src.name], where)
    run_luac(["-s", "-o", f"{name}.s.luac", src.name], where)
    return Compiled(
        name=name,
        source=source,
        path=src,
        chunk=(where / f"{name}.luac").read_bytes(),
        stripped=(where / f"{name}.s.luac").read_bytes(),
        listing=run_luac(["-l", "-p", src.name], where).decode("utf-8", "surrogateescape"),
        listing_full=run_luac(["-l", "-l", "-p", src.name], where).decode("utf-8", "surrogateescape"),
        stripped_listing_full=run_luac(["-l", "-l", "-p", f"{name}.s.luac"], where).decode(
            "utf-8", "surrogateescape"
        ),
    )


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Compiled]:
    where = tmp_path_factory.mktemp("luac_corpus")
    return {name: compile_file(name, text, where) for name, text in SNIPPETS.items()}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "snippet" in metafunc.fixturenames:
        metafunc.parametrize("snippet", sorted(SNIPPETS))


LUA_SERIALIZE = r"""
local function ser(v, seen)
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" then
    if v ~= v then return "nan" end
    return string.format("%.17g", v)
  elseif t == "table" then
    if seen[v] then return "<cycle>" end
    seen[v] = true
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b)
      local ta, tb = type(a), type(b)
      if ta ~= tb then return ta < tb end
      if ta == "number" or ta == "string" then return a < b end
      return tostring(a) < tostring(b)
    end)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = ser(k, seen) .. "=" .. ser(v[k], seen) end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif t == "function" then return "function"
  else return tostring(v) end
end
return function(f, ...)
  local res = {pcall(f, ...)}
  local parts = {}
  for i = 1, table.maxn(res) do parts[i] = ser(res[i], {}) end
  return table.concat(parts, " ")
end
"""


def run_in_lua(code: bytes, chunkname: bytes = b"=test") -> bytes:
    """Load code (source or binary) in a fresh lupa lua51 and return its serialized results."""
    from lupa import lua51

    lua = lua51.LuaRuntime(encoding=None)
    runner = lua.execute(LUA_SERIALIZE)
    fn, err = lua.eval("function(s, n) local f, e = loadstring(s, n) return f or false, e end")(
        code, chunkname
    )
    assert fn, err
    return runner(fn, 1, 2, 3)


_DRIVER = r"""
local f = assert(io.open(arg[1], "rb"))
while true do
  local size = f:read("*l")
  if not size then break end
  local s = f:read(tonumber(size)) or ""
  local fn, err = loadstring(s, "=x")
  if fn then io.write("OK\n") else io.write("ERR ", (string.gsub(err, "\n", "\\n")), "\n") end
  fn = nil
  collectgarbage()
end
"""

MEMORY_ERRORS = (b"not enough memory", b"memory allocation error: block too big")


def _limit_memory() -> None:
    limit = 1 << 27  # real Lua allocates what a size field says: let huge sizes fail, not swap
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def lua_load_many(chunks: list[bytes], where: Path) -> list[tuple[bool, bytes | None]]:
    """Load each chunk with loadstring(s, "=x") in one lua5.1 process: (loaded, error message)."""
    blob = where / "chunks.bin"
    blob.write_bytes(b"".join(b"%d\n%s" % (len(data), data) for data in chunks))
    driver = where / "driver.lua"
    driver.write_text(_DRIVER)
    proc = subprocess.run(
        [lua_path(), str(driver), str(blob)],
        capture_output=True,
        check=False,
        preexec_fn=_limit_memory,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    results = [(True, None) if line == b"OK" else (False, line[4:]) for line in proc.stdout.splitlines()]
    assert len(results) == len(chunks)
    return results


def luac_listings(chunks: list[bytes], where: Path) -> list[bytes | None]:
    """`luac5.1 -l -l -p` of each chunk, None where luac failed (it trusts debug information)."""
    paths = []
    for i, data in enumerate(chunks):
        path = where / f"l{i}.luac"
        path.write_bytes(data)
        paths.append(path.name)
    script = 'for f in "$@"; do "$0" -l -l -p "$f"; echo "@@END $?"; done'
    proc = subprocess.run(
        ["bash", "-c", script, luac_path(), *paths], cwd=where, capture_output=True, check=False
    )
    parts = re.split(rb"@@END (\d+)\n", proc.stdout)
    assert len(parts) == 2 * len(paths) + 1
    return [text if status == b"0" else None for text, status in zip(parts[0:-1:2], parts[1::2], strict=True)]


class Tools:
    """The helpers above, handed to test modules as the `bc` fixture (test modules are imported
    with --import-mode=importlib and cannot import this conftest)."""

    Compiled = Compiled
    mask = staticmethod(mask)
    luac_path = staticmethod(luac_path)
    lua_path = staticmethod(lua_path)
    run_luac = staticmethod(run_luac)
    compile_file = staticmethod(compile_file)
    run_in_lua = staticmethod(run_in_lua)
    lua_load_many = staticmethod(lua_load_many)
    luac_listings = staticmethod(luac_listings)
    MEMORY_ERRORS = MEMORY_ERRORS
    snippets = SNIPPETS


@pytest.fixture(scope="session")
def bc() -> Tools:
    luac_path()
    lua_path()
    return Tools()
