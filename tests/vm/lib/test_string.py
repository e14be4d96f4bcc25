"""The string library against real Lua 5.1 (lupa's lua51): the same Lua snippet runs in both,
and everything it prints must be byte for byte the same.

Output is captured on both sides as raw bytes: ``print`` is replaced, in both, by a Lua function
that joins ``tostring`` of its arguments and hands the bytes to Python (real Lua's own print
stops at a NUL byte, as it uses fputs, and these tests print strings holding NULs).
"""

from __future__ import annotations

import os
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lupa import lua51  # the reference: without it these tests fail

from vm.errors import LuaError
from vm.runtime.function import Builtin
from vm.session import Session

# examples per random-pattern run (half as many for format); raise it to fuzz harder
_FUZZ = int(os.environ.get("STRING_FUZZ", "600"))

_PRINT = (
    b"local sink, tostring, select = __sink, tostring, select\n"
    b"print = function(...) local s = '' for i = 1, select('#', ...) do "
    b"if i > 1 then s = s .. '\\t' end s = s .. tostring((select(i, ...))) end sink(s .. '\\n') end"
)


def run_ref(src: bytes) -> bytes:
    """The snippet's output in real Lua 5.1; an uncaught error prints as ERROR<tab>message."""
    lua = lua51.LuaRuntime(encoding=None)
    buf: list[bytes] = []
    g = lua.globals()
    g[b"__sink"] = buf.append
    lua.execute(_PRINT)
    status = lua.execute(
        b"local f, e = loadstring(..., '=snippet') if not f then return 'LOAD\\t' .. e end "
        b"local ok, e = pcall(f) if not ok then return 'ERROR\\t' .. tostring(e) end",
        src,
    )
    if status is not None:
        buf.append(status + b"\n")
    return b"".join(buf)


def _sink_to(out: BytesIO) -> Builtin:
    def sink(L, args: list) -> list:
        out.write(args[0])
        return []

    return Builtin("__sink", sink)


def run_ours(src: bytes) -> bytes:
    """The snippet's output in our VM, print replaced by the same Lua function as in run_ref."""
    out = BytesIO()
    s = Session(out=BytesIO())
    s.globals.set_str(b"__sink", _sink_to(out))
    s.run(_PRINT, b"=print")
    try:
        fn = s.load(src, b"=snippet")
        s.call(fn)
    except LuaError as err:
        v = err.value
        if not isinstance(v, bytes):
            v = s.call(s.globals.get_str(b"tostring"), [v])[0]
        out.write(b"ERROR\t" + v + b"\n")
    return out.getvalue()


def assert_same(src: str | bytes) -> None:
    if isinstance(src, str):
        src = src.encode("latin-1")
    ref = run_ref(src)
    ours = run_ours(src)
    if ours != ref:
        a = ours.split(b"\n")
        b = ref.split(b"\n")
        pairs = enumerate(zip(a, b, strict=False))
        diffs = [f"line {i}:\n  ours {x!r}\n  lua  {y!r}" for i, (x, y) in pairs if x != y]
        if len(a) != len(b):
            diffs.append(f"{len(a)} lines against {len(b)}")
        pytest.fail("output differs from Lua 5.1:\n" + "\n".join(diffs[:20]))


# --- every function, edge cases ---------------------------------------------------------------

BASIC = {
    "len": r"""
        print(string.len(""), string.len("abc"), string.len("a\0b"), ("xyz"):len(), #"\0\0")
        print(string.len(123), string.len(1.5), string.len(-0))
    """,
    "sub": r"""
        local s = "hello world"
        for _, i in ipairs({-20, -11, -10, -1, 0, 1, 2, 5, 11, 12, 100}) do
          local line = ""
          for _, j in ipairs({-20, -12, -11, -1, 0, 1, 3, 11, 12, 100}) do
            line = line .. "[" .. s:sub(i, j) .. "]"
          end
          print(i, s:sub(i), line)
        end
        print(("abc"):sub(1, math.huge), ("abc"):sub(-math.huge), ("abc"):sub(2^63), ("abc"):sub(0/0))
        print(("abc"):sub(2.7, 3.9), ("abc"):sub(-2.5), ("abc"):sub("2", "3"), ("abc"):sub(2^53))
        print(string.sub(12345, 2, -2), ("x"):sub(2^31), ("abcdef"):sub(2^32 + 2, 2^32 + 4))
    """,
    "reverse_lower_upper": r"""
        print(("abc"):reverse(), (""):reverse(), ("a\0b"):reverse(), string.reverse(123))
        local all = ""
        for i = 0, 255 do all = all .. string.char(i) end
        print(all:lower())
        print(all:upper())
        print(all:reverse())
        print(("MiXeD 123 ÀÉ"):lower(), ("MiXeD 123 àé"):upper(), string.upper(1e100))
    """,
    "rep": r"""
        print(string.rep("ab", 3), string.rep("x", 0), string.rep("x", -1), string.rep("", 5))
        print(string.rep("a\0", 3), string.rep(12, 2), string.rep("x", 2.9), string.rep("x", "3"))
        print(string.rep("x", 2^32 + 2), string.rep("x", 2^32), string.rep("x", 1/0), string.rep("x", 0/0))
        print(#string.rep("abc", 1000), string.rep("x", -2^31), string.rep("x", 2^31 + 3 - 2^32))
    """,
    "byte": r"""
        print(string.byte("A"), string.byte("ABC", 2), string.byte("ABC", 1, 3), string.byte("ABC", -1))
        print(string.byte("ABC", 0), string.byte("ABC", 4), string.byte(""), string.byte("ABC", 3, 1))
        print(string.byte("ABC", -10, 10), string.byte("ABC", 2, -2), string.byte("\0\255\128"))
        print(string.byte("\0\255\128", 1, -1), string.byte(123, 1, -1), string.byte("ABC", nil, 2))
        print(string.byte("ABC", 1/0), string.byte("ABC", -1/0, 1/0), string.byte("ABC", 2^32 + 1))
        print(select("#", string.byte(string.rep("x", 7990), 1, -1)))
        print(pcall(string.byte, string.rep("x", 7998), 1, -1))
        print(pcall(string.byte, string.rep("x", 7997), 1, -1, nil, nil))
        print(select("#", string.byte(string.rep("x", 7998), 2, -1)))
    """,
    "char": r"""
        print(string.char(), string.char(65), string.char(72, 105, 0, 33), string.char("65", 66.7))
        local t = {}
        for i = 0, 255 do t[#t + 1] = string.char(i) end
        local all = ""
        for i = 1, #t do all = all .. t[i] end
        print(#all, all)
        print(string.char(2^32 + 65), string.char(-2^32 + 66), string.char(255.99))
        print(pcall(string.char, 256), pcall(string.char, -1), pcall(string.char, 65, 300))
        print(pcall(string.char, 1/0), pcall(string.char, 0/0), pcall(string.char, 2^31))
        print(pcall(string.char, 65, "x"), pcall(string.char, 65, nil), pcall(string.char, {}))
    """,
    "metatable": r"""
        print(("x"):rep(3), ("%d-%s"):format(5, "y"), ("abc"):upper():lower(), #("abc"):rep(2))
        print(getmetatable("").__index == string, ("a,b"):find(",", 1, true), ("a"):byte())
        local s = "hello"
        print(s:sub(2, 3), s:gsub("l", "L"), s:match("h(.)l"), s.len == string.len, s.nothing)
        print(pcall(function() return ("x"):nothing() end))
        print(string.gfind == string.gmatch, type(string.gfind))
    """,
    "dump": r"""
        local d = string.dump(function(a, b) local c = a .. b return c, #c end)
        print(#d, d)
        print(string.dump(function() end) == string.dump(function() end))
        print(pcall(string.dump, string.len), pcall(string.dump), pcall(string.dump, "x"))
        print(pcall(string.dump, {}), pcall(string.dump, 1))
        local up = 1
        print(#string.dump(function() return up end))
    """,
}


@pytest.mark.parametrize("name", sorted(BASIC))
def test_basic(name: str) -> None:
    assert_same(BASIC[name])


# --- argument errors: every function, every way of calling it ---------------------------------

_ERROR_CALLS = [
    "string.byte()", "string.byte({})", "string.byte('a', 'x')", "string.byte('a', 1, {})",
    "string.char('x')", "string.char(1, {})", "string.char(256)", "string.char(1, 2, -1)",
    "string.dump()", "string.dump(string.len)", "string.dump(1)",
    "string.find()", "string.find('a')", "string.find('a', {})", "string.find('a', 'a', 'x')",
    "string.find(nil, 'a')", "string.find('a', nil)",
    "string.format()", "string.format({})", "string.format('%d')", "string.format('%d', 'x')",
    "string.format('%d', {})", "string.format('%s')", "string.format('%s', {})",
    "string.format('%s', nil)", "string.format('%s', true)", "string.format('%q', {})",
    "string.format('%c', 'x')", "string.format('%f', nil)", "string.format('%x', '1x')",
    "string.format('%y', 1)", "string.format('%', 1)", "string.format('%10', 1)",
    "string.format('%------d', 1)", "string.format('%-----d', 1)", "string.format('%100d', 1)",
    "string.format('%1.100f', 1)", "string.format('%.123f', 1)", "string.format('%1.1.1f', 1)",
    "string.format('%5.3 d', 1)", "string.format('%p', 1)", "string.format('%n', 1)",
    "string.format('%ld', 1)", "string.format('%hd', 1)", "string.format('%F', 1)",
    "string.format('%a', 1)", "string.format('%i %i', 1)", "string.format('%d %s %d', 1, 'x')",
    "string.format('%\\0', 1)", "string.format('%\\255', 1)", "string.format('%*d', 1, 2)",
    "string.gmatch()", "string.gmatch('a')", "string.gmatch({}, 'a')", "string.gmatch('a', {})",
    "string.gsub()", "string.gsub('a')", "string.gsub('a', 'a')", "string.gsub('a', 'a', true)",
    "string.gsub('a', 'a', nil)", "string.gsub('a', 'a', 'b', 'x')", "string.gsub('a', {}, 'b')",
    "string.gsub('a', 'a', print, {})", "string.gsub('a', 'a', nil, 'x')",
    "string.gsub('abc', 'b', '%2')", "string.gsub('abc', '(b)', '%2')",
    "string.gsub('abc', 'b', '%1')", "string.gsub('abc', '()b', '%1')",
    "string.gsub('abc', '(b', 'x')", "string.gsub('abc', 'b', {b = {}})",
    "string.gsub('abc', 'b', {b = true})", "string.gsub('abc', 'b', function() return {} end)",
    "string.gsub('abc', 'b', function() return print end)",
    "string.gsub('abc', 'b', function() return true end)",
    "string.gsub('abc', 'b', function() error('inner') end)",
    "string.gsub('abc', 'b', function() error(setmetatable({}, ERR_MT)) end)",
    "string.len()", "string.len({})", "string.len(nil)", "string.lower()", "string.lower(true)",
    "string.match()", "string.match('a')", "string.match('a', 'a', {})",
    "string.rep()", "string.rep('x')", "string.rep('x', 'y')", "string.rep({}, 1)",
    "string.reverse()", "string.reverse(string.len)",
    "string.sub()", "string.sub('x')", "string.sub('x', 'y')", "string.sub('x', 1, {})",
    "string.upper()", "string.upper({})",
    "('x'):rep()", "('x'):sub()", "('x'):byte({})", "('%d'):format('x')", "('x'):gsub()",
    "('x'):find({})", "('x'):char()", "('x'):format()",
    "string.find('abc', '%')", "string.find('abc', '[a')", "string.find('abc', '[a%')",
    "string.find('abc', '[a%]')", "string.find('abc', '[^')", "string.find('abc', '[]')",
    "string.find('abc', '%f')", "string.find('abc', '%fa')", "string.find('abc', '%f[')",
    "string.find('abc', '%b')", "string.find('abc', '%ba')", "string.find('abc', '%1')",
    "string.find('abc', '(%1)')", "string.find('abc', '(a)%2')", "string.find('abc', '%0')",
    "string.find('abc', ')')", "string.find('abc', 'a)')", "string.find('abc', '(a')",
    "string.find('abc', '(()')", "string.match('abc', '(a')", "string.match('abc', '(a)(b')",
    "string.find('abc', string.rep('(', 33))", "string.find('abc', string.rep('()', 32))",
    "string.find('abc', string.rep('()', 33))", "string.match('abc', string.rep('()', 32))",
    "string.find('abc', string.rep('(a', 40))", "string.find('abc', 'x[')",
    "string.find('xyz', 'x[')", "string.find('x', 'x%')", "string.find('', '%')",
    "string.gsub('abc', '%', 'x')", "string.gsub('abc', '', '%9')", "string.gsub('', 'x[', 'y')",
    "string.gmatch('abc', '%')()", "string.gmatch('abc', '(')()",
]


def test_error_messages() -> None:
    lines = ["ERR_MT = {__tostring = function() return 'an error object' end}"]
    for call in _ERROR_CALLS:
        lines.append(f"print({call!r}, pcall(function() return {call} end))")
        if call.startswith("string.") and "(" in call:
            name, rest = call.split("(", 1)
            if not rest.startswith(")") and not call.endswith(")()"):
                lines.append(f"print({call!r}, pcall({name}, {rest[:-1]}))")
            elif rest == ")":
                lines.append(f"print({call!r}, pcall({name}))")
    assert_same("\n".join(lines))


def test_error_positions_and_names() -> None:
    assert_same(r"""
        local ok, e = pcall(function()
          local s = "x"
          return s:rep({})
        end)
        print(e)
        local rep = string.rep
        print(pcall(function() return rep() end))
        local t = {f = string.sub}
        print(pcall(function() return t.f() end))
        print(pcall(function() return t:f() end))
        print(pcall(function() local x = string.format("%d", {}) end))
        print(pcall(function() for k in string.gmatch("abc", "(") do end end))
        print(pcall(function() return string.gsub("abc", "%w", "%2") end))
        print(pcall(function() return string.gsub("abc", "%w", function() error("deep") end) end))
        print(pcall(function() return string.gsub("abc", "%w", function() error("deep", 2) end) end))
        print(pcall(string.gsub, "abc", "%w", function() return {} end))
        string.rep()
    """)


# --- format ------------------------------------------------------------------------------------


_FORMAT_VALUES = (
    "0, -0, 1, -1, 7, -7, 42, 255, -255, 65, 0.5, -0.5, 1.5, 2.5, -2.5, 3.14159265358979, "
    "1e15, 123456789012, -123456789012, 1e-5, 1e-300, 4.9e-324, 1e100, -1e308, 2^31, -2^31, "
    "2^32 + 1, 2^53, 2^53 + 1, 2^63, -2^63, 2^63 + 2^11, 2^64, 2^64 + 2^12, 1e30, -1e30, "
    "1/0, -1/0, 0/0, -(0/0), 9.999999, 0.1, 1/3, -2/3, 100000, 999999.5, 99.5, 999.9999, 9.96, "
    "-0.00099999996, 9.5, 0.95, 9999995, '12', ' 0x1F ', '1e2'"
)


@pytest.mark.parametrize("convs", ["d", "i", "u", "c", "o", "x", "X", "e", "E", "f", "g", "G"])
def test_format_conversions(convs: str) -> None:
    """Every conversion with combinations of flags, widths and precisions over many values."""
    assert_same(f"""
        local vals = {{{_FORMAT_VALUES}}}
        local flags = {{"", "-", "+", " ", "#", "0", "-0", "+0", " 0", " #", "+ ", "#0", "-#",
                        "+#0", "-+ #0", "00", "--"}}
        local widths = {{"", "1", "5", "12", "30", "99"}}
        local precs = {{"", ".", ".0", ".1", ".3", ".10", ".17", ".30", ".99"}}
        local format, line = string.format, {{}}  -- one concat a line, not 60 growing strings
        for _, f in ipairs(flags) do
          for _, w in ipairs(widths) do
            for _, p in ipairs(precs) do
              local spec = "%" .. f .. w .. p .. "{convs}"
              line[1] = spec
              for i = 1, #vals do
                line[i + 1] = format(spec, vals[i])
              end
              print(table.concat(line, "|"))
            end
          end
        end
    """)


def test_format_rounding_boundaries() -> None:
    """Values that round up into a new digit: glibc's %#g keeps no decimals there ("1.e+06")."""
    assert_same("""
        for p = 0, 17 do
          local line = p .. ":"
          for k = -6, 22 do
            local edge = 10^k - 0.5 * 10^(k - math.max(p, 1))
            for _, v in ipairs({edge, edge * (1 + 1e-15), edge * (1 - 1e-15), -edge, 10^k}) do
              local spec = " %#.P" .. "g %#.PG %.Pg %#.Pe %.Pf"
              line = line .. string.format(spec:gsub("P", p), v, v, v, v, v)
            end
          end
          print(line)
        end
    """)


def test_format_strings() -> None:
    assert_same(r"""
        local vals = {"", "a", "hello", "a\0b", "\0x", string.rep("x", 99), string.rep("y", 100),
                      string.rep("z", 150) .. "\0tail", 12, 1.5, -0, 1e100, 0/0, 1/0, "x\255\128"}
        local specs = {"%s", "%5s", "%-5s", "%.0s", "%.2s", "%10.3s", "%-10.3s", "%05s", "%+s",
                       "% s", "%#s", "%.s", "%99s", "%-99.99s", "%.99s", "%.1s"}
        for _, spec in ipairs(specs) do
          for i = 1, #vals do
            print(spec, i, "[" .. string.format(spec, vals[i]) .. "]")
          end
        end
    """)


def test_format_q_and_misc() -> None:
    assert_same(r"""
        local all = ""
        for i = 0, 255 do all = all .. string.char(i) end
        print(string.format("%q", all))
        print(string.format("%q", 'a"b\\c\nd\re\0f\0001'), string.format("%q", 1/3), string.format("%q", 12))
        print(string.format("%5q|%-5q|%.1q", "a", "b", "c"), string.format("%q", ""))
        print(string.format(""), string.format("no items"), string.format("%%"), string.format("100%%!"))
        print(string.format("%d%%%s", 5, "x"), string.format("a\0b%sc\0d", "\0"), string.format("%s", "a\0b"))
        print(string.format("%c%c%c", 76, 117, 97), #string.format("%c", 0), #string.format("%5c", 0))
        print(#string.format("%-5c", 0), string.format("[%5c][%-5c][%05c]", 65, 66, 67))
        print(string.format("%c", 256 + 65), string.format("%c", -191), #string.format("%c", 2^32 + 65))
        print(string.format("%s %s %s", 1, 2, 3), string.format("%d", "0x10"), string.format("%x", " 255 "))
        print(string.format("%5.2f%%", 99.555), string.format("%3d|%-3d|%03d", 1, 2, 3))
        print(string.format("%.14g", 0.1), string.format("%.17g", 0.1), string.format("%.0f", 0.5))
        print(string.format("%.0f %.0f %.0f %.0f", 1.5, 2.5, -0.5, -1.5), string.format("%.3f", 2.0005))
        print(string.format("%e", 0), string.format("%g", 0), string.format("%g", -0))
        print(string.format("%#x", 0), string.format("%#o", 0), string.format("%#.0x", 0))
        print(string.format("%.99f", 1/3), string.format("%99.99f", -1e308):len())
        print(string.format("%i", 3.99), string.format("%d", -3.99), string.format("%u", -1))
        print(string.format("%s", 1e15), string.format("%s", 123456789012345), string.format("%s", 2^63))
        print(string.format("%-5d|", 3, "extra", "args"), select("#", string.format("x")))
    """)


_FLAG_CHARS = "-+ #0"


@settings(max_examples=_FUZZ // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flags=st.text(alphabet=_FLAG_CHARS, max_size=5),
    width=st.one_of(st.just(""), st.integers(0, 99).map(str)),
    prec=st.one_of(st.just(""), st.just("."), st.integers(0, 99).map(lambda n: f".{n}")),
    conv=st.sampled_from("cdiouxXeEfgGqs"),
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-(2**70), 2**70).map(float),
        st.integers(-300, 300).map(float),
    ),
)
def test_format_random(flags: str, width: str, prec: str, conv: str, value: float) -> None:
    spec = ("%" + flags + width + prec + conv).encode()
    ours = _OURS_FORMAT([spec, value])
    ref = _REF_FORMAT(spec, value)
    assert ours == [ref], (spec, value)


_FORMAT_FN = (
    b"return function(spec, v) local ok, r = pcall(string.format, spec, v) "
    b"return tostring(ok) .. ':' .. r end"
)
_OURS_SESSION = Session(out=BytesIO())
_OURS_FORMAT_FN = _OURS_SESSION.run(_FORMAT_FN, b"=fmt")[0]


def _OURS_FORMAT(args: list) -> list:
    return _OURS_SESSION.call(_OURS_FORMAT_FN, args)


_REF_LUA = lua51.LuaRuntime(encoding=None)
_REF_FORMAT = _REF_LUA.execute(_FORMAT_FN, name=b"=fmt")


# --- patterns: find, match, gmatch, gsub ---------------------------------------------------------

_ALL_BYTES = 'local all = "" for i = 0, 255 do all = all .. string.char(i) end\n'


def test_classes_over_all_bytes() -> None:
    assert_same(_ALL_BYTES + r"""
        local classes = {".", "%a", "%c", "%d", "%l", "%p", "%s", "%u", "%w", "%x", "%z",
                         "%A", "%C", "%D", "%L", "%P", "%S", "%U", "%W", "%X", "%Z",
                         "%.", "%%", "%]", "%-", "%^", "%$", "%(", "%q", "%Q", "%e", "%B" .. "", "%\255",
                         "[%a_]", "[^%a_]", "[a-f]", "[^a-f]", "[%d-z]", "[a-]", "[-a]", "[]]", "[^]]",
                         "[]-a]", "[%]]", "[%^]", "[^^]", "[a-c-e]", "[z-a]", "[%w%s]", "[%W%S]",
                         "[\0-\31]", "[\128-\255]", "[^\0]", "[%z]", "[%Z]", "[.]", "[%.]", "[a%-z]",
                         "[%a-z]", "[---]", "[!-/]", "[\\]", "[[]", "[%[]", "[^%]]", "[^]a]", "[%%]"}
        for _, c in ipairs(classes) do
          local kept = all:gsub(c, "")
          local n = select(2, all:gsub(c, "%0"))
          print(c, n, kept)
        end
    """)


PATTERNS = {
    "find_plain": r"""
        local s = "hello (world) [x] 50% a.b"
        for _, p in ipairs({"o", "(", "[x]", "%", ".", "world", "", "zz", "a.b", "50%", "^h", "b$"}) do
          print(p, s:find(p, 1, true), s:find(p, 5, true), s:find(p, -3, true), pcall(string.find, s, p))
        end
        print(("a\0b"):find("\0"), ("a\0b("):find("\0("), ("a+b"):find("+", 1, 1))
        print(("a+b"):find("+", 1, false), ("a+b"):find("+", 1, nil), ("a.b"):find(".", 1, {}))
        print(("abc"):find("", 10), ("abc"):find("", 4), ("abc"):find("", -10), ("abc"):find("c", 10))
        print(("abc"):find("", 3), (""):find(""), (""):find("", 2))
        print(("abc"):find("b", -1), ("abc"):find("b", -2))
        print(("abc"):find("b", 1/0), ("abc"):find("b", -1/0), ("abc"):find("b", 0/0))
        print(("abc"):find("b", 2^53), ("abc"):find("b", -2^63), ("abc"):find("b", 2^63))
        print(("aaa"):find("aa", 2), ("aaa"):find("a", 4), ("aaa"):find("a", 3), ("x"):find("x", 0))
    """,
    "find_match_patterns": r"""
        local s = "  key = value; other=42 ;x=  \t(nested (parens)) end"
        local pats = {"%w+", "(%w+)%s*=%s*(%w+)", "^%s*", "%s*$", "()=()", "%b()", "%b((", "%bxy",
                      "(%b())", "^(%s*)(%w+)", "[%w_]+$", "%d+", "(%d)(%d)", "x=%s*()", "(h)(.-)%1",
                      "e(n)d$", "^$", "$", "^", "%$", "x$y", "a*", "a-", "a?", ".-", ".*", "[^;]+",
                      "(%a+)%s*;", "%f[%w]%w+", "%f[%W]", "%f[%a]", "%f[%z]", "%f[^%z]", "%f[ ]",
                      "=(.)", "=%s-(%w)", "(()%w+())", "%s%s", "(%s)%1", "((e)(n))", "o(t)h"}
        for _, p in ipairs(pats) do
          print(p, s:find(p), s:match(p))
          print(p, s:find(p, 10), s:match(p, -8), s:find(p, 100), s:match(p, 0))
        end
    """,
    "anchors": r"""
        print(("^abc"):find("^^"), ("abc"):find("^a"), ("abc"):find("^b"), ("abc"):find("^b", 2))
        print(("abc$"):find("$"), ("abc$"):find("%$"), ("abc$"):find("c$"), ("a$b"):find("$b"))
        print(("abc"):match("^(.*)$"), ("abc"):match("^$"), (""):match("^$"), ("abc"):match("$"))
        print(("a^b"):find("a^b"), ("a^b"):gsub("^", "x"), ("a^b"):gsub("^a", "x"), ("aaa"):gsub("^a", "x"))
        print(("abc"):gsub("$", "x"), ("abc"):gsub("^$", "x"), (""):gsub("^$", "x"), ("abc"):gsub("", "x"))
        for w in ("^a^a"):gmatch("^a") do print("gm", w) end
        for a, b in ("abc"):gmatch("()$()") do print("gm$", a, b) end
    """,
    "quantifiers": r"""
        local s = "aaab abb b aabbb"
        for _, p in ipairs({"a*b", "a+b", "a-b", "a?b", "ba*", "ba-", "ba?", "a*", "a-", "a?",
                            "(a*)(b*)", "(a-)(b-)", "(a+)(a+)", "(a*)(a)", "(a-)a", "(a?)(a?)(a?)b",
                            "[ab]*", "[ab]-%s", "%a+%s%a+", ".-b", ".*b", "b.-b", "b.*b", "a**", "a*+",
                            "a-*", "*a", "+a", "-a", "?a", "a??", "%**", "b-$", "b*$", "b+$", "b?$"}) do
          print(p, s:find(p), s:gsub(p, "<%0>"), s:match(p))
        end
    """,
    "captures": r"""
        print(("hello world"):match("(h)(e)(l)(l)(o)"), ("hello"):find("(l)(l)"), ("hello"):find("()ll()"))
        print(("hello"):match("()"), ("hello"):match("()", 3), ("hello"):match("(()l)"), ("hello"):find("()"))
        print(("abcabc"):match("(abc)%1"), ("abcabd"):match("(abc)%1"), ("aXa"):match("(.)X%1"))
        print(("xyzzy"):match("(z)%1"), ("abab"):match("((a)(b))%1"), ("abab"):match("((a)(b))%2"))
        print(("aa"):match("()%1"), ("abcba"):match("(.)(.).%2%1"), ("a.a"):find("(%.)"))
        print(string.match("key=val", "(%w+)=(%w+)"), string.match("  trim  ", "^%s*(.-)%s*$"))
        print(string.find("abc", "(a)(b)(c)"), string.find("abc", "((a)(b))c"))
        print(string.match("abc", "((.)(.))"))
        local t = {}
        for i = 1, 32 do t[i] = "(.)" end
        local p = table and table.concat and table.concat(t) or string.rep("(.)", 32)
        print(string.match(string.rep("x", 40), p))
        print(pcall(string.match, string.rep("x", 40), string.rep("(.)", 33)))
        print(pcall(string.match, "a", "%1"), pcall(string.match, "aa", "(a)%1"))
        print(pcall(string.match, "a", "(a%1)"), pcall(string.match, "aa", "()%1"))
    """,
    "balance_frontier": r"""
        local s = "f(a(b)c) g(x) (unclosed ((deep)) ) )("
        for _, p in ipairs({"%b()", "%b)(", "%b((", "%b[]", "(%w)(%b())", "%b()%s*%b()", "%b''",
                            "%f[%a]%a+", "%f[%A]", "%f[%(]", "%f[%)]", "%f[^%(]", "%f[%z]", "%f[^%z]",
                            "%f[%w]%w+%f[%W]", "%f[a-z]", "%f[]]", "%f[%]]", "%f[^]]", "%f[%s]%s*"}) do
          print(p, s:find(p), s:gsub(p, "#"))
          local acc = ""
          for m in s:gmatch(p) do acc = acc .. "<" .. m .. ">" end
          print(acc)
        end
        print(("THE (quick) fox"):find("%f[%a]%a+%f[%A]", 5), ("\0a\0"):find("%f[%z]"), ("a"):find("%f[%z]"))
        print(("\0\0"):gsub("%f[%Z]", "x"), ("ab"):gsub("%f[^%z]", "x"), ("ab"):gsub("%f[%a]", "x"))
    """,
    "gmatch": r"""
        for w in string.gmatch("one two  three", "%a+") do print(w) end
        for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do print(k, v) end
        for p in string.gmatch("abc", "()") do print("pos", p) end
        for a in string.gmatch("abc", "") do print("empty", a) end
        for a in string.gmatch("abc", "x*") do print("x*", a) end
        for a, b in string.gmatch("abc", "(a*)()") do print("a*", a, b) end
        for a in string.gmatch("", "") do print("on empty", a) end
        for a in string.gmatch("aaa", "a-") do print("a-", a) end
        for a in string.gmatch("hello", "l") do print("l", a) end
        for a in string.gmatch("a1b2c3", "%a(%d)") do print("d", a) end
        for a in string.gfind("xyz", ".") do print("gfind", a) end
        for a in string.gmatch(12345, "[24]") do print("num", a) end
        local it = string.gmatch("ab", ".")
        print(it(), it(), it(), it())
        local it2 = string.gmatch("a\0b\0", "%z")
        print(#it2(), #it2(), it2())
        for a in string.gmatch("ab\0cd", "[^\0]+") do print("nz", a) end
        for a in string.gmatch("x\0y", "x\0") do print("pat nul", a) end
    """,
    "gsub_strings": r"""
        local s = "hello world from Lua"
        print(s:gsub("o", "0"), s:gsub("o", "0", 1), s:gsub("o", "0", 0), s:gsub("o", "0", -1))
        print(s:gsub("o", "0", 2.9), s:gsub("o", "0", "2"), s:gsub("o", "0", 2^32 + 1), s:gsub("o", "0", 1/0))
        print(s:gsub("(%w+)", "<%1>"), s:gsub("%w+", "%0 %0"), s:gsub("(%w+) (%w+)", "%2 %1"))
        print(s:gsub("", "-"), s:gsub(".", "%%"), s:gsub("l+", "%%%0%%"), s:gsub("o", "%a%b%.%"))
        print(s:gsub("()o()", "%1-%2"), s:gsub("(o)", "%0%1"), s:gsub("x*", "."), s:gsub("%s", ""))
        print(s:gsub("o", 5), s:gsub("o", 1.5), s:gsub("o", -0), s:gsub("o", 1e100))
        print(("abc"):gsub("b", "x%"), #("abc"):gsub("b", "x%"), ("abc"):gsub("b", "%\0"))
        print(("a\0b\0c"):gsub("%z", "0"), ("a\0b"):gsub("\0", "x"), ("abc"):gsub("", "\0"))
        print(("abc"):gsub("%w", "%1"), ("abc"):gsub("(%w)", "%1%1"), ("abc"):gsub("", "%0"))
        print(("  x  "):gsub("^%s+", ""), ("  x  "):gsub("%s+$", ""), ("aaa"):gsub("a", "b", 2))
        print(("hello"):gsub("", "", 3), ("hello"):gsub("l*", "L"), ("hello"):gsub("l-", "L"))
        print(string.gsub(12345, 3, 9), string.gsub(1.5, "%.", ","), string.gsub("x", "x", 12))
    """,
    "gsub_tables_functions": r"""
        local s = "$name is $age years; $unknown stays"
        local t = {name = "Ana", age = 42, unknown = false}
        print(s:gsub("%$(%w+)", t))
        print(s:gsub("%$%w+", {["$name"] = "N"}))
        print(s:gsub("()%$", {[1] = "first", [12] = "twelfth"}))
        print(s:gsub("%$(%w+)", function(k) return k:upper() end))
        print(s:gsub("%$(%w+)", function(k) if k == "age" then return 1.5 end end))
        print(s:gsub("%$(%w+)", function(k) return nil end), s:gsub("%$(%w+)", function() return false end))
        print(s:gsub("(%$)(%w+)", function(a, b) return b .. a end))
        print(s:gsub("%$%w+", function(...) return select("#", ...) end))
        print(s:gsub("()%$()", function(a, b) return a + b end))
        print(("abc"):gsub("", function(x) return "[" .. x .. "]" end))
        print(("abc"):gsub("%w", function(c) return c, "ignored" end))
        local calls = 0
        print(("aaa"):gsub("a", function() calls = calls + 1 return calls end, 2), calls)
        local mt = setmetatable({}, {__index = function(_, k) return "<" .. k .. ">" end})
        print(("x y z"):gsub("%a", mt))
        local chain = setmetatable({}, {__index = setmetatable({y = "Y"}, {__index = {z = "Z"}})})
        print(("x y z"):gsub("%a", chain))
        print(pcall(string.gsub, "abc", "%w", {a = {}}))
        print(pcall(string.gsub, "abc", "%w", function() return {} end))
        print(pcall(string.gsub, "abc", "%w", function() return true end))
        local function up(d) return d:upper() end
        print(string.gsub("abc", "%w", function(c) return string.gsub(c, ".", up) end))
        print(string.gsub("hello world", "%w+", function(w) return #w end))
        print(string.gsub("abc", ".", {a = 1, b = true}))
        print(("abc"):gsub("%w", string.upper), ("abc"):gsub("%w", string.byte))
        local callable = setmetatable({}, {__call = function() return "X" end})
        print(pcall(string.gsub, "abc", "%w", callable))
        print(("abc"):gsub("%w", setmetatable({}, {__index = "xyz"})))
        print(pcall(string.gsub, "abc", "%w", setmetatable({}, {__index = 5})))
        local tos = setmetatable({}, {__tostring = function() return "T" end})
        print(pcall(string.gsub, "a b", "%w", {a = tos}))
        local co = coroutine.wrap(function()
          return string.gsub("abc", "%w", function(c) coroutine.yield(c) return c:upper() end)
        end)
        print(pcall(co))
    """,
}


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_patterns(name: str) -> None:
    assert_same(PATTERNS[name])


def test_subjects_with_every_byte() -> None:
    assert_same(_ALL_BYTES + r"""
        print(all:find("\0"), all:find("%z"), all:find("[\0]"), all:find("\255"), all:find("[\128-\255]+"))
        print(all:match("%c+"), all:match("%p+"), all:match("[%w]+"), all:find("%s+"))
        print(all:gsub("[\0-\127]", ""), all:gsub("%Z", "."))
        print(all:find("\0", 1, true), all:find("\1\2\3"), all:find("a.c"), all:find("%.%/"))
        print(all:match("(%d+)(%u+)"), all:match("%f[%l]%l+"), all:match("%b09"))
        print(all:reverse():match("%x+"), all:find("\0\1%c", 1))
        for c in all:gmatch("%p") do io = io end
        local n = 0
        for c in all:gmatch("[\200-\255]") do n = n + 1 end
        print(n)
    """)


def test_long_subjects_finish() -> None:
    """Long subjects through patterns that backtrack a lot: no RecursionError, same results."""
    assert_same(r"""
        local s = string.rep("ab", 50000)
        print(s:find("^(.-)$") ~= nil, #s:match("^(.*)$"), s:find("b$"), s:find("^(a-)b"))
        print(#s:match("^(.-)%s*$"), s:find("(ab)*x"), s:match(".-(b)$"), s:find("^[ab]*$"))
        print(select(2, s:gsub("a", "")), #s:gsub("ab", "x"), select(2, s:gsub("", "")))
        print(#s:gsub("%w", "%0%0"), s:find(string.rep("ab", 1000) .. "c"))
        local n = 0
        for w in s:gmatch("a") do n = n + 1 end
        print(n, s:find("ba", 99990), ("x"):rep(100000):find("^.-y"))
        local t = string.rep("a", 100000)
        print(t:find("^a*b"), #t:match("^a-$"), t:match("^(a?)(a-)$") ~= nil, #(t .. "b"):match("a+b"))
        print(("(" ):rep(50000) .. (")"):rep(50000) == ("(" ):rep(50000) .. (")"):rep(50000),
              #(("("):rep(50000) .. (")"):rep(50000)):match("%b()"))
    """)


# --- random patterns against Lua 5.1 --------------------------------------------------------

_CHECK = rb"""
local function pack(ok, ...)
  local r = tostring(ok)
  for i = 1, select('#', ...) do r = r .. "|" .. tostring((select(i, ...))) end
  return r
end
return function(s, p, init)
  local r = pack(pcall(string.find, s, p, init))
  r = r .. "\n" .. pack(pcall(string.match, s, p, init))
  r = r .. "\n" .. pack(pcall(string.gsub, s, p, "<%0>"))
  r = r .. "\n" .. pack(pcall(string.gsub, s, p, "%1", 3))
  local function count(...) return select("#", ...) .. tostring((...)) end
  r = r .. "\n" .. pack(pcall(string.gsub, s, p, count))
  r = r .. "\n" .. pack(pcall(string.gsub, s, p, {a = "A", [1] = "one"}))
  r = r .. "\n" .. pack(pcall(function()
    local acc, k = "", 0
    for a, b in string.gmatch(s, p) do
      acc = acc .. tostring(a) .. "," .. tostring(b) .. ";"
      k = k + 1
      if k > 40 then break end
    end
    return acc
  end))
  return r
end
"""

_OURS_CHECK = _OURS_SESSION.run(_CHECK, b"=check")[0]
_REF_CHECK = _REF_LUA.execute(_CHECK, name=b"=check")

_PIECES = [
    "a", "b", "x", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%S", "%z", "%x", "%%", "%.", "[ab]",
    "[^a]", "[a-c]", "[%a_]", "[^%s]", "[]]", "[%]]", "%b()", "%bab", "%f[%w]", "%f[^%w]", "%f[%z]",
    "(", ")", "()", "%1", "%2", "*", "+", "-", "?", "^", "$", "%", "[", "]", " ", "\0", "\255", "%u",
    "%b", "%f", "%0", "[^", "[%", "%]", "%-", "(.-)", "(.*)", "[a-]", "[]", "[^]]", "%bx", ".-", "a*",
]
_SUBJECT_BYTES = b"aabbx(). _1\0\255Z ab"


@settings(max_examples=_FUZZ, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(_PIECES), min_size=0, max_size=8),
    subject=st.one_of(
        st.lists(st.sampled_from(list(_SUBJECT_BYTES)), max_size=24).map(bytes),
        st.binary(max_size=24),
    ),
    init=st.one_of(st.none(), st.integers(-30, 30).map(float)),
)
def test_random_patterns(pieces: list[str], subject: bytes, init: float | None) -> None:
    pattern = "".join(pieces).encode("latin-1")
    ours = _OURS_SESSION.call(_OURS_CHECK, [subject, pattern, init])
    ref = _REF_CHECK(subject, pattern, init)
    assert ours == [ref], (subject, pattern, init)


# each needs linear time on any subject (Lua 5.1's matcher is quadratic on others, in C too)
_LINEAR_PATTERNS = [
    b"^(.-)$", b"^(.*)$", b"^[ab]*$", b"^(a*)(.-)$", b"(.)$", b"^.-b$", b"^(.?)(.-)(.?)$",
    b"%a+", b".", b"", b"^((.-)b)", b"^.*a", b"^(()[ab]*())$", b"^.-%z", b"[^a]$",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    unit=st.binary(min_size=1, max_size=12),
    tail=st.binary(max_size=6),
    pattern=st.sampled_from(_LINEAR_PATTERNS),
)
def test_long_random_subjects(unit: bytes, tail: bytes, pattern: bytes) -> None:
    """30,000-byte subjects with backtracking patterns: same answers as Lua, no RecursionError
    (three times the 10,000 frames the process allows once it compiled: a matcher recursing
    per character fails here)."""
    subject = (unit * (30_000 // len(unit) + 1))[:30_000] + tail
    fn = b"""return function(s, p)
      local r = tostring((select(2, pcall(string.find, s, p))))
      r = r .. tostring((select(3, pcall(string.find, s, p))))
      local m = select(2, pcall(string.match, s, p))
      r = r .. ":" .. (type(m) == "string" and #m or tostring(m))
      local ok, g, n = pcall(string.gsub, s, p, "%0", 3)
      return r .. ":" .. tostring(ok) .. tostring(n) .. (type(g) == "string" and #g or 0)
    end"""
    ours = _OURS_SESSION.call(_OURS_SESSION.run(fn, b"=long")[0], [subject, pattern])
    ref = _REF_LUA.execute(fn, name=b"=long")(subject, pattern)
    assert ours == [ref], pattern


def test_fast_paths_agree_at_their_edges() -> None:
    """sub, byte, char and format take a shortcut for the usual arguments (floats inside the
    string, byte values, a format read once): fractions, out-of-range values, NaN and the
    order of format's errors still come out as in 5.1."""
    assert_same(r"""
        local s = "hello"
        local odd = {1.5, 2.9, 0.5, -0.5, 5, 5.5, 6, 2^32 + 1, -2^63, 0/0, 1/0, -1/0, "2", 3}
        for _, i in ipairs(odd) do
          for _, j in ipairs(odd) do
            print(i, j, pcall(string.sub, s, i, j))
            print(pcall(string.byte, s, i), pcall(string.byte, s, i, j))
          end
        end
        for _, c in ipairs({65, 65.7, -0.5, 255.9, 256, -1, 2^32 + 65, 2^31, 0/0, 1/0, "66"}) do
          print(c, pcall(string.char, 97, c, 98))
        end
        for _, f in ipairs({"%d", "%d %d", "%5d|%-6s|%x", "%d %y", "%y %d", "%d %123d",
                            "%------d", "%s %5.1f", "%i", "%.3s|%5s|%-5s|%s"}) do
          print(f, pcall(string.format, f, 42.9))
          print(f, pcall(string.format, f, -7, "abcdefg", 2.25))
          print(f, pcall(string.format, f, 2^63, 0/0))
          print(f, pcall(string.format, f, "12", "x\0y"))
        end
    """)


def test_tostring_shortcut_and_its_exceptions() -> None:
    """tostring of a value without __tostring takes a shortcut past its generator frame; a
    __tostring anywhere (tables, the strings' metatable, numbers' through debug.setmetatable),
    a missing argument and call hooks still go the long way, as in 5.1."""
    assert_same(r"""
        print(tostring(1), tostring(-0.0), tostring(1e100), tostring("s"), tostring(nil),
              tostring(true), pcall(tostring))
        local obj = setmetatable({}, {__tostring = function() return 42 end})
        print(select("#", tostring(1, 2, 3)), (tostring(obj)))
        local events = 0
        debug.sethook(function(e) events = events + 1 end, "cr")
        local a, b = tostring(5), tostring("x")
        debug.sethook()
        print(a, b, events)
        local smt = getmetatable("")
        smt.__tostring = function(s) return "<" .. #s .. ">" end
        print(tostring("abc"), tostring(""), tostring(7))
        smt.__tostring = nil
        debug.setmetatable(0, {__tostring = function(n) return "n" end})
        print(tostring(3), tostring("3"))
        debug.setmetatable(0, nil)
        print(tostring(3), pcall(tostring, nil))
    """)


def test_searches_skip_to_the_first_byte_after_opened_captures() -> None:
    """A search skips starts where the first piece after the opening captures cannot match (a
    class, the opening byte of %b); more captures than 5.1 allows still fail at the first
    start."""
    assert_same(r"""
        local s = "ab (cd (e) f) g (h) ((i)"
        print(s:find("()%b()()"), s:find("(%b())"), s:find("((%a)%b())"), s:match("()x"))
        for a, b in s:gmatch("()%b()") do print(a, b) end
        print(s:gsub("(%b())", "[%1]"), s:gsub("()%b()()", "%1-%2"))
        print(pcall(string.find, "abc", ("()"):rep(33) .. "x"))
        print(pcall(string.find, "abc", ("()"):rep(32) .. "x"), ("abcx"):find(("()"):rep(32) .. "x"))
    """)
