"""Random Lua 5.1 programs for the fuzzer: plain, deep and wide ones.

Plain programs mix what the engine has fast and slow paths for (arithmetic on numbers, numeric
strings and tables with metamethods, comparisons, concatenation, loops numeric and generic,
closures and upvalues, varargs, pcall/error, coroutines, string and table library calls).
Deep programs nest blocks, functions, parentheses, table constructors and calls close to
Lua 5.1's limits (200 C levels, 250 registers) and sometimes past them, and chain thousands of
operators and suffixes. Wide programs have many locals, upvalues, constants, arguments, results,
fields and elseif arms, again around the limits (200 locals, 60 upvalues, 255 registers).
Everything they print is deterministic: no addresses, clocks or random numbers.
"""

from __future__ import annotations

import random

NUMBERS = ["0", "1", "2", "3", "-1", "0.5", "7", "10", "255", "1e300", "-1e300", "(0/0)", "2^53",
           "1/0", "-0", "0x10", "3.25"]
STRINGS = ['"3"', '"x"', '"10"', '""', '"0x1F"', '" 5 "', '"a\\0b"', '"1e2"', "'abc'"]
BINOPS = ["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">", ">=", "and", "or"]
CALLS = [
    "tostring({0})", "tonumber({0})", "type({0})", "select('#', {0}, {0})", "math.floor({0})",
    "string.len(tostring({0}))", "string.rep('ab', 3, {0})", "string.sub('hello', {0})",
    "string.format('%5.2f', {0})", "string.format('%q', tostring({0}))", "#tostring({0})",
    "string.byte('abc', {0})", "math.max({0}, 1)", "math.abs({0})", "string.upper({0})",
    "table.concat({{1, 2, {0}}}, ',')", "unpack({{{0}, 2}})", "rawequal({0}, {0})",
    "string.find('abcabc', {0})", "string.gsub('hello world', 'o', {0})", "next({{{0}}})",
    "math.fmod({0}, 3)", "string.char(65, {0})", "tostring(nil == {0})", "math.huge < {0}",
    "select(2, {0}, 5)", "(select('#'))", "ipairs({0})", "string.sub({0}, 2, -2)",
]


class Gen:
    """One program's generator: names in scope, nesting depth, an output budget."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.locals = ["a", "b", "c"]
        self.depth = 0
        self.fresh = 0

    def name(self) -> str:
        self.fresh += 1
        return f"v{self.fresh}"

    def atom(self) -> str:
        r = self.rng
        k = r.randrange(10)
        if k < 3:
            return r.choice(NUMBERS)
        if k < 4:
            return r.choice(STRINGS)
        if k < 6:
            return r.choice(self.locals)
        if k < 7:
            return r.choice(["nil", "true", "false", "t", "t[1]", "t.n", "#t", "mt", "mt.x", "g"])
        if k < 8:
            return r.choice(["f(1)", "f(a, b)", "h(a)", "co()", "(...)", "select('#', ...)"])
        if k < 9:
            return "{" + ", ".join(self.expr(1) for _ in range(r.randrange(4))) + "}"
        return "function(x, ...) return x, ... end"

    def expr(self, depth: int = 2) -> str:
        r = self.rng
        if depth <= 0 or r.random() < 0.3:
            return self.atom()
        k = r.randrange(8)
        if k < 4:
            return f"({self.expr(depth - 1)} {r.choice(BINOPS)} {self.expr(depth - 1)})"
        if k < 5:
            return f"({r.choice(['-', 'not ', '#'])}{self.expr(depth - 1)})"
        if k < 7:
            return r.choice(CALLS).format(self.expr(depth - 1))
        return f"pcall(function(...) return {self.expr(depth - 1)} end)"

    def block(self, n: int) -> str:
        return "\n".join(self.stat() for _ in range(n))

    def stat(self) -> str:
        r = self.rng
        self.depth += 1
        try:
            k = r.randrange(16) if self.depth < 4 else r.randrange(6)
            if k == 0:
                return f"print({self.expr()}, {self.expr()})"
            if k == 1:
                v = r.choice(self.locals)
                return f"{v} = {self.expr()}"
            if k == 2:
                return f"t[{self.expr(1)}] = {self.expr()}"
            if k == 3:
                return f"print(pcall(function(...) return {self.expr()} end))"
            if k == 4:
                v = self.name()
                text = f"local {v} = {self.expr()} print(type({v}))"
                self.locals.append(v)
                return text
            if k == 5:
                return f"g = {self.expr()}"
            if k == 6:
                return f"if {self.expr()} then {self.block(2)} else {self.block(1)} end"
            if k == 7:
                v = self.name()
                return (f"for {v} = {r.choice(['1', '3', '0.5', '-2'])}, {r.choice(['3', '1', '10', 'a'])}"
                        f"{r.choice(['', ', 2', ', -1', ', 0.5'])} do {self.block(2)} n = n + 1 "
                        f"if n > 50 then break end end")
            if k == 8:
                return f"for k, v in pairs({{{self.expr(1)}, x = {self.expr(1)}}}) do print(k, v) end"
            if k == 9:
                return f"do local n2 = 0 while n2 < 3 do n2 = n2 + 1 {self.block(1)} end end"
            if k == 10:
                v = self.name()
                text = (f"local function {v}(x, ...) local y = {self.expr()} {self.block(1)} "
                        f"return y, x end print(pcall({v}, {self.expr(1)}))")
                return text
            if k == 11:
                return f"print(pcall(error, {self.expr(1)}))"
            if k == 12:
                return (f"print(pcall(setmetatable, t, {{__index = function(_, k, ...) return {self.expr(1)} "
                        f"end, __add = function(x, y, ...) return {self.expr(1)} end, __call = f}}))")
            if k == 13:
                return (f"co = coroutine.wrap(function(...) coroutine.yield({self.expr(1)}) "
                        f"{self.block(1)} return ... end)")
            if k == 14:
                return f"repeat {self.block(1)} n = n + 1 until n > 40 or {self.expr(1)}"
            return f"print(select('#', {self.expr()}), {self.expr(1)})"
        finally:
            self.depth -= 1


PRELUDE = """local a, b, c = 1, "2", {}
local t = {1, 2, 3, n = 4}
local mt = setmetatable({}, {__index = function(t, k) return k end,
  __add = function(x, y) return 5 end, __concat = function(x, y) return "cc" end,
  __eq = function() return true end, __lt = function() return true end,
  __le = function() return false end, __call = function(self, ...) return ... end,
  __len = function() return 9 end, __unm = function() return -3 end})
local function f(...) return ... end
local function h(x) return x, x end
local n = 0
local co = coroutine.wrap(function(...) return ... end)
"""


def plain(rng: random.Random) -> bytes:
    """A random program of ordinary shape. Most top-level statements run under pcall (in a
    vararg function, so `...` is allowed), so that one error does not end the program."""
    gen = Gen(rng)
    stats = []
    for _ in range(rng.randrange(3, 12)):
        stat = gen.stat()
        if rng.random() < 0.8:
            stat = f"print(pcall(function(...) {stat} end, 1, 2))"
        stats.append(stat)
    return (PRELUDE + "\n".join(stats) + "\nreturn a, b\n").encode("latin-1")


def deep(rng: random.Random) -> bytes:
    """A program nested or chained deeply, around Lua 5.1's limits."""
    r = rng
    n = r.choice([10, 50, 100, 150, 190, 197, 198, 199, 200, 201, 250, 300])
    long_n = r.choice([1000, 3000, 6000])
    k = r.randrange(12)
    if k == 0:
        body = "do " * n + "x = 1 " + "end " * n
    elif k == 1:
        body = "x = " + "(" * n + "1" + ")" * n
    elif k == 2:
        body = "x = " + "{" * n + "}" * n
    elif k == 3:
        body = "x = " + "function() return " * n + "1" + " end" * n
    elif k == 4:
        body = "x = " + "f(" * n + "1" + ")" * n
    elif k == 5:
        body = "x = 0" + "+1" * long_n
    elif k == 6:
        body = "local t = {} t.a = t x = t" + r.choice([".a", "['a']", ":a()"]) * long_n
    elif k == 7:
        body = "x = " + "-" * n + "1"
    elif k == 8:
        body = "x = " + " .. ".join(["'a'"] * r.choice([10, 100, 250, 300, 1000]))
    elif k == 9:
        body = "x = " + "1 == " * (long_n // 10) + "1"
    elif k == 10:
        body = "if x then " * n + "x = 1 " + "end " * n
    else:
        body = "local function r(d) if d == 0 then return 0 end return 1 + r(d - 1) end x = r(" + \
            r.choice(["100", "1000", "16000", "20000"]) + ")"
    return f"local f = function(...) return ... end local x\n{body}\nprint(x)\n".encode("latin-1")


def wide(rng: random.Random) -> bytes:
    """A program with many locals, upvalues, constants, arguments, results or arms."""
    r = rng
    n = r.choice([10, 60, 61, 100, 199, 200, 201, 249, 250, 251, 255, 256, 300])
    k = r.randrange(9)
    if k == 0:
        body = "\n".join(f"local l{i} = {i}" for i in range(n)) + "\nprint(l0)"
    elif k == 1:
        decl = "\n".join(f"local u{i} = {i}" for i in range(min(n, 199)))
        body = decl + "\nlocal function g() return " + " + ".join(f"u{i}" for i in range(min(n, 199))) + \
            " end print(g())"
    elif k == 2:
        body = "print(select('#', " + ", ".join(str(i) for i in range(n)) + "))"
    elif k == 3:
        body = "local t = {" + ", ".join(str(i % 7) for i in range(n * r.choice([1, 10, 100]))) + \
            "} print(#t, t[#t])"
    elif k == 4:
        body = "local function g(" + ", ".join(f"p{i}" for i in range(n)) + ") return p0 end print(g(1))"
    elif k == 5:
        body = "local x = 3 " + "if x == 0 then print(0) " + \
            " ".join(f"elseif x == {i} then print({i})" for i in range(1, n)) + " end"
    elif k == 6:
        body = "local t = {" + ", ".join(f"k{i} = '{i}s'" for i in range(n)) + "} print(t.k1)"
    elif k == 7:
        body = "local a " + " ".join(f"a = 's{i}' .. {i}.5" for i in range(n * 4)) + " print(a)"
    else:
        body = "print(" + ", ".join(f"{i}" for i in range(n)) + ")"
    return (body + "\n").encode("latin-1")


KINDS = {"plain": plain, "deep": deep, "wide": wide}
