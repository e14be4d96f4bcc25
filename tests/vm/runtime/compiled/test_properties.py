"""Property tests: any program gives the same output, error and final state in both tiers.

Two sources of programs: random ones from a small grammar (arithmetic on numbers, numeric
strings and tables with metamethods, comparisons, loops, closures, tables, pcall/error,
coroutines, varargs), and the corpus programs with random mutations (operators swapped,
literals replaced), which reach the slow paths, error messages and deoptimizations in odd
places. Each runs in a fresh session under an instruction limit, with the interpreter alone
and with the compiled tier translating every function at its first call; the output, the
error (message and traceback) or the limit reached, and a dump of the globals must be equal.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from vm.errors import LimitError, LoadError, LuaError
from vm.runtime import compiled, track
from vm.runtime.compiled import translate
from vm.session import Limits, Session

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
LIMIT = 200_000  # instructions per run

DUMP = rb"""
local seen = {}
local function dump(v, depth)
  local t = type(v)
  if t == "table" then
    if seen[v] or depth > 3 then return "<table>" end
    seen[v] = true
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b)
      return type(a) .. tostring(a) < type(b) .. tostring(b)
    end)
    local parts = {}
    for _, k in ipairs(keys) do
      parts[#parts + 1] = dump(k, depth + 1) .. "=" .. dump(v[k], depth + 1)
    end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif t == "string" then return string.format("%q", v)
  elseif t == "number" or t == "boolean" or t == "nil" then return tostring(v)
  else return t end
end
local names = {}
for k, v in pairs(_G) do
  if type(k) == "string" and not LIB[k] then names[#names + 1] = k end
end
table.sort(names)
for _, k in ipairs(names) do io.write(k, " = ", dump(_G[k], 0), "\n") end
"""


def run(source: bytes, mode: str) -> tuple:
    """(output, outcome, globals) of source in a fresh session under the given tier."""
    saved_mode = compiled.mode
    compiled.set_mode(mode)
    translate.strict = mode == "compiled"
    saved_hook = track.hook
    try:
        out = io.BytesIO()
        session = Session(out, Limits(instructions=LIMIT))
        # handles at creation, as under the debugger: tostring's addresses come from the heap's
        # slots, which only the Lua collector frees, not from Python ids that a dead temporary
        # hands on to the next object whenever Python's allocator happens to reuse it
        track.hook = session.state.heap.handle_of
        session.state.heap.tracking = True
        session.run(b"LIB = {} for k in pairs(_G) do LIB[k] = true end", b"=lib")
        try:
            fn = session.load(source, b"=prog")
        except (LuaError, LoadError) as err:
            return b"", ("load", str(err)), b""
        try:
            session.call(fn, [])
            outcome: tuple = ("ok",)
        except LuaError as err:
            value = err.value
            outcome = ("error", value if isinstance(value, (bytes, float, bool, type(None)))
                       else type(value).__name__, err.traceback)
        except LimitError as err:
            outcome = ("limit", err.message)
        dump = io.BytesIO()
        session.state.out = dump
        session.run(DUMP, b"=dump")
        return out.getvalue(), outcome, dump.getvalue()
    finally:
        track.hook = saved_hook
        compiled.set_mode(saved_mode)
        translate.strict = False


ADDRESS = re.compile(rb"0x[0-9a-f]+")


def addresses_named(result: tuple) -> tuple:
    """The result with each table/function address replaced by its order of appearance: the
    addresses are the host's and differ from run to run, their identity is what must agree."""
    names: dict[bytes, bytes] = {}

    def name(m: re.Match) -> bytes:
        return names.setdefault(m.group(), b"<addr%d>" % len(names))

    return tuple(ADDRESS.sub(name, part) if isinstance(part, bytes) else part for part in result)


def same_in_both_tiers(source: bytes) -> None:
    expected = addresses_named(run(source, "interp"))
    got = addresses_named(run(source, "compiled"))
    assert got == expected, source.decode("latin-1")


# --- random programs ----------------------------------------------------------------------------

NAMES = ["a", "b", "c", "d"]
NUMBERS = st.sampled_from(["0", "1", "2", "3", "-1", "0.5", "7", "10", "1e300", "(0/0)"])


def atoms() -> st.SearchStrategy[str]:
    return st.one_of(
        NUMBERS,
        st.sampled_from(NAMES),
        st.sampled_from(['"3"', '"x"', '"10"', "nil", "true", "false", "t[1]", "t.n", "#t",
                         "v", "f(1)", "g(2, 3)", "select('#', 1, 2)", "mt_obj"]),
    )


def expressions(depth: int = 2) -> st.SearchStrategy[str]:
    if depth == 0:
        return atoms()
    sub = expressions(depth - 1)
    ops = st.sampled_from(["+", "-", "*", "/", "%", "^", "..", "==", "~=", "<", "<=", ">",
                           ">=", "and", "or"])
    return st.one_of(
        atoms(),
        st.builds(lambda x, op, y: f"({x} {op} {y})", sub, ops, sub),
        st.builds(lambda x: f"(-{x})", sub),
        st.builds(lambda x: f"(not {x})", sub),
        st.builds(lambda x: f"#{{{x}, {x}}}", sub),
    )


def statements(depth: int = 2) -> st.SearchStrategy[str]:
    exp = expressions(2)
    name = st.sampled_from(NAMES)
    simple = st.one_of(
        st.builds(lambda n, e: f"{n} = {e}", name, exp),
        st.builds(lambda e: f"t[#t + 1] = {e}", exp),
        st.builds(lambda e: f"t.n = {e}", exp),
        st.builds(lambda e: f"v = {e}", exp),
        st.builds(lambda e: f"print(pcall(function() return {e} end))", exp),
        st.builds(lambda e: f"io.write(tostring({e}), ' ')", exp),
        st.builds(lambda e: f"if {e} then error({e}) end", exp),
        st.just("co_sum = co_sum + (gen() or 0)"),
        st.just("mt_obj = mt_obj + 1"),
        st.just("print(mt_obj < mt_obj, mt_obj == mt_obj, tostring(mt_obj))"),
    )
    if depth == 0:
        return simple
    body = st.lists(statements(depth - 1), min_size=1, max_size=3).map("\n".join)
    return st.one_of(
        simple,
        st.builds(lambda c, b1, b2: f"if {c} then\n{b1}\nelse\n{b2}\nend", exp, body, body),
        st.builds(lambda n, b: f"for i = 1, {n} do\n{b}\nend", st.integers(0, 4), body),
        st.builds(lambda b: f"for k, x in ipairs(t) do\nif k > 5 then break end\n{b}\nend", body),
        st.builds(lambda b: f"do local w = 0\nwhile w < 3 do w = w + 1\n{b}\nend end", body),
        st.builds(lambda b: f"local function h(p, ...)\n{b}\nreturn p, ...\nend\nv = h(a, b, c)", body),
        st.builds(lambda b: f"print(pcall(function()\n{b}\nend))", body),
    )


PRELUDE = """
a, b, c, d, v = 1, 2, "3", 4, nil
t = {1, 2, 3, n = 0}
co_sum = 0
local up = 0
function f(x) up = up + 1; return x + up end
function g(x, y) return y, x end
gen = coroutine.wrap(function() for i = 1, 1000 do coroutine.yield(i) end end)
local meta = {}
meta.__add = function(p, q) return setmetatable({n = (type(p) == "table" and p.n or p) + 1}, meta) end
meta.__lt = function(p, q) return p.n < q.n end
meta.__eq = function(p, q) return true end
meta.__index = function(_, k) return k end
meta.__tostring = function(p) return "obj" .. p.n end
mt_obj = setmetatable({n = 0}, meta)
"""


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(statements(), min_size=1, max_size=6))
def test_random_programs_agree(body: list[str]) -> None:
    source = (PRELUDE + "\n".join(body) + "\nprint(a, b, c, d, co_sum, #t)\n").encode()
    same_in_both_tiers(source)


# --- mutated corpus programs ------------------------------------------------------------------

TOKEN = re.compile(rb"\d+\.?\d*|==|~=|<=|>=|\.\.|[-+*/%^<>#]|\band\b|\bor\b|\bnil\b|\btrue\b"
                   rb"|\bfalse\b|\"[^\"\n]*\"")
SWAPS = {
    b"+": [b"-", b"..", b"*"], b"-": [b"+", b"/"], b"*": [b"+", b"%"], b"/": [b"*", b"-"],
    b"%": [b"/", b"^"], b"^": [b"*"], b"..": [b"+", b"<"], b"==": [b"~=", b"<"],
    b"~=": [b"=="], b"<": [b"<=", b">", b"=="], b"<=": [b"<", b">="], b">": [b">=", b"<"],
    b">=": [b">"], b"and": [b"or"], b"or": [b"and"], b"nil": [b"0", b"{}", b'"nil"'],
    b"true": [b"false", b"1"], b"false": [b"nil", b"true"], b"#": [b"-"],
}
CORPUS_PROGRAMS = sorted(p for p in CORPUS.rglob("*.lua")
                         if p.parent.name not in ("syntax_errors", "lexer")
                         and p.with_suffix(".out").exists() and p.stat().st_size < 4000)


def mutate(source: bytes, picks: list[tuple[int, int]]) -> bytes:
    tokens = list(TOKEN.finditer(source))
    if not tokens:
        return source
    out = source
    for where, which in sorted(picks, key=lambda p: -p[0]):
        m = tokens[where % len(tokens)]
        text = m.group()
        if text[:1].isdigit():
            options = [b"0", b"1", b"-3", b'"12"', b"nil", b"1e308", b"{}"]
        elif text[:1] == b'"':
            options = [b'"7"', b"5", b"nil", b'""']
        else:
            options = SWAPS.get(text, [text])
        replacement = options[which % len(options)]
        out = out[:m.start()] + b" " + replacement + b" " + out[m.end():]
        tokens = list(TOKEN.finditer(out))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CORPUS_PROGRAMS),
       st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10)), min_size=1, max_size=3))
def test_mutated_corpus_programs_agree(path: Path, picks: list[tuple[int, int]]) -> None:
    source = mutate(path.read_bytes(), picks)
    try:
        Session(io.BytesIO()).load(source, b"=prog")
    except (LuaError, LoadError):
        assume(False)  # a mutant that does not compile says nothing about the tiers
    same_in_both_tiers(source)


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_PROGRAMS) > 100
