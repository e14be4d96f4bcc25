"""LuaTable against real Lua 5.1 (lupa's lua51), node by node.

Each program is a list of steps in Python. The same list yields a Lua chunk (run by real Lua 5.1)
and a sequence of LuaTable calls (run here), so neither side carries hand-written expectations.
After every step both sides report `#t`, the array part's size and the whole node vector: which
key sits on which node (free nodes and DEADKEY nodes included). Real Lua's are read from its
Table struct in memory (the address is tostring(t); the layout is checked against known tables
first). At the end both sides traverse with next. Every program must match exactly.
"""

from __future__ import annotations

import ctypes
import functools
import math
import random
import struct
from collections.abc import Callable, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vm.errors import LuaError
from vm.runtime.keyhash import string_hash
from vm.runtime.table import LuaTable

# ---------------------------------------------------------------------------------------------
# Real Lua 5.1, with a look into its Table struct

# struct Table on 64-bit: next(8) tt marked flags lsizenode | metatable array node lastfree gclist
# sizearray; struct Node: i_val (TValue: value 8, tt 4, pad 4) then i_key (value 8, tt 4, pad 4,
# next 8); struct TString: next(8) tt marked reserved pad hash(4) len(8), then the bytes.
_TT_OFF, _LSIZENODE_OFF, _NODE_OFF, _SIZEARRAY_OFF = 8, 11, 32, 56
_NODE_SIZE, _NODE_KEY_OFF, _NODE_KEY_TT_OFF = 40, 16, 24
_TSTRING_HASH_OFF, _TSTRING_LEN_OFF, _TSTRING_SIZE = 12, 16, 24
_LUA_TNIL, _LUA_TBOOLEAN, _LUA_TNUMBER, _LUA_TSTRING, _LUA_TTABLE, _LUA_TDEADKEY = 0, 1, 3, 4, 5, 11


def _read_string(addr: int) -> bytes:
    n = struct.unpack("<Q", ctypes.string_at(addr + _TSTRING_LEN_OFF, 8))[0]
    return ctypes.string_at(addr + _TSTRING_SIZE, n)


def _read_key(raw: bytes, off: int) -> object:
    """A node's key as LuaTable.node_keys shows it."""
    tt = struct.unpack_from("<i", raw, off + _NODE_KEY_TT_OFF)[0]
    if tt == _LUA_TNIL:
        return None
    if tt == _LUA_TBOOLEAN:
        return struct.unpack_from("<i", raw, off + _NODE_KEY_OFF)[0] != 0
    if tt == _LUA_TNUMBER:
        return struct.unpack_from("<d", raw, off + _NODE_KEY_OFF)[0]
    ptr = struct.unpack_from("<Q", raw, off + _NODE_KEY_OFF)[0]
    if tt == _LUA_TSTRING:
        return _read_string(ptr)
    if tt == _LUA_TDEADKEY:
        gc_tt = ctypes.string_at(ptr + 8, 1)[0]
        return ("dead", _read_string(ptr) if gc_tt == _LUA_TSTRING else ptr)
    return ("object", tt)


class RealLua:
    """One lupa runtime reused by every program; probes read the table after each step."""

    def __init__(self) -> None:
        from lupa import lua51

        self.lua = lua51.LuaRuntime(encoding=None)
        self.dummy = 0
        self.layout_ok = False
        sample = self.lua.eval(
            "function() local ts = {{1,2,3,4}, {}, {x=1,y=2,z=3}, {1,2,[10]=3}}"
            " local r = {} for i, t in ipairs(ts) do r[i] = tostring(t) end return ts, r end"
        )
        self._keep, names = sample()
        addrs = [self._addr(names[i]) for i in range(1, 5)]
        if all(ctypes.string_at(a + _TT_OFF, 1)[0] == _LUA_TTABLE for a in addrs):
            self.dummy = struct.unpack_from("<Q", ctypes.string_at(addrs[1], 64), _NODE_OFF)[0]
            got = [self.state(a) for a in addrs]
            want = [(4, []), (0, []), (0, [b"y", b"x", None, b"z"]), (2, [10.0])]
            self.layout_ok = got == want

    @staticmethod
    def _addr(name: bytes) -> int:
        return int(name.split(b"0x")[1], 16)

    def state(self, addr: int) -> tuple[int, list[object]]:
        """(sizearray, each node's key); no nodes for the shared dummy node."""
        raw = ctypes.string_at(addr, 64)
        sizearray = struct.unpack_from("<i", raw, _SIZEARRAY_OFF)[0]
        node = struct.unpack_from("<Q", raw, _NODE_OFF)[0]
        if node == self.dummy:
            return sizearray, []
        cap = 1 << raw[_LSIZENODE_OFF]
        nodes = ctypes.string_at(node, cap * _NODE_SIZE)
        return sizearray, [_read_key(nodes, i * _NODE_SIZE) for i in range(cap)]

    def string_hash(self, s: bytes) -> int:
        """The hash real Lua stored in the string's header."""
        keep = self.lua.eval("function(s) local t = {[s] = true} return t, tostring(t) end")
        t, name = keep(s)
        raw = ctypes.string_at(self._addr(name), 64)
        node = struct.unpack_from("<Q", raw, _NODE_OFF)[0]
        ptr = struct.unpack_from("<Q", ctypes.string_at(node + _NODE_KEY_OFF, 8))[0]
        return struct.unpack("<I", ctypes.string_at(ptr + _TSTRING_HASH_OFF, 4))[0]

    def run(self, source: str) -> tuple[list[tuple[int, tuple | None]], list[tuple[object, object]], list]:
        """Run a program body (it sees `probe`, `emit` and `seen`); per-step records, the final
        traversal's pairs, and what the traversal steps saw."""
        records: list[tuple[int, tuple | None]] = []
        pairs: list[tuple[object, object]] = []
        seen: list[list[object]] = []

        def probe(name: bytes, n: int) -> None:
            records.append((n, self.state(self._addr(name)) if self.layout_ok else None))

        def emit(k: object, v: object) -> None:
            pairs.append((_from_lua(k), _from_lua(v)))

        def saw(keys: object) -> None:
            seen.append([_from_lua(k) for k in keys.values()])  # type: ignore[attr-defined]

        fn = self.lua.eval("function(probe, emit, seen)\n" + source + "\nend")
        fn(probe, emit, saw)
        return records, pairs, seen


@functools.cache
def real_lua() -> RealLua:
    return RealLua()


def _from_lua(v: object) -> object:
    """lupa hands integral numbers over as int: Lua 5.1 numbers are all floats here."""
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return v


# ---------------------------------------------------------------------------------------------
# Programs: one step list, two renderings

Key = float | bytes | bool
Value = float | bytes | bool | None


def lua_lit(v: object) -> str:
    if v is None:
        return "nil"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, bytes):
        return '"' + "".join("\\%03d" % c for c in v) + '"'
    assert isinstance(v, float)
    if v != v:
        return "(0/0)"
    if math.isinf(v):
        return "math.huge" if v > 0 else "(-math.huge)"
    if v == 0 and math.copysign(1.0, v) < 0:
        return "NZ"  # a run-time -0: the compiler's constant table would merge -0 with 0
    if v.is_integer():
        return "%d" % v
    return repr(v)


def _int2fb(x: int) -> int:
    e = 0
    while x >= 16:
        x = (x + 1) >> 1
        e += 1
    return x if x < 8 else ((e + 1) << 3) | (x - 8)


def _fb2int(x: int) -> int:
    e = (x >> 3) & 31
    return x if e == 0 else ((x & 7) + 8) << (e - 1)


def size_hint(n: int) -> int:
    """What NEWTABLE's B/C operand turns a constructor's item count into."""
    return _fb2int(_int2fb(n))


# Steps (tuples): ("ctor", fields, multret) first, fields being ("pos", v) or ("rec", k, v) and
# multret None or a tuple of values returned by a call closing the list; then any of
# ("set", k, v) ("append", v) ("insert", v) ("insert_at", pos, v) ("remove",) ("remove_at", pos)
# ("pop",) ("traverse",) (a whole traversal with next) ("traverse_adding", k) (a traversal that
# stores k, k+1, ... as new keys at its first _ADDED keys: more could go on for ever, in 5.1 too)
# ("gc",) (a full collection: real Lua's traversal of the table turns nil-valued string keys into
# DEADKEY nodes).
Step = tuple
_ADDED = 8


def lua_source(steps: Sequence[Step]) -> str:
    out = ['collectgarbage("stop")', 'local NZ = -tonumber("0")']
    first = steps[0]
    assert first[0] == "ctor"
    out.append("local t = " + _lua_ctor(first[1], first[2]))
    out.append("local A = tostring(t)")
    out.append("probe(A, #t)")
    for step in steps[1:]:
        out.append(_lua_step(step))
        out.append("probe(A, #t)")
    out.append("local k, v = next(t)")
    out.append("while k ~= nil do emit(k, v) k, v = next(t, k) end")
    out.append('collectgarbage("restart")')
    return "\n".join(out)


def _lua_ctor(fields: Sequence[tuple], multret: tuple | None) -> str:
    parts = []
    for f in fields:
        if f[0] == "pos":
            parts.append(lua_lit(f[1]))
        else:
            parts.append("[%s] = %s" % (lua_lit(f[1]), lua_lit(f[2])))
    if multret is not None:
        parts.append("(function() return %s end)()" % ", ".join(lua_lit(v) for v in multret))
    return "{" + ", ".join(parts) + "}"


def _lua_step(step: Step) -> str:
    op = step[0]
    if op == "set":
        return "t[%s] = %s" % (lua_lit(step[1]), lua_lit(step[2]))
    if op == "append":
        return "t[#t + 1] = %s" % lua_lit(step[1])
    if op == "insert":
        return "table.insert(t, %s)" % lua_lit(step[1])
    if op == "insert_at":
        return "table.insert(t, %d, %s)" % (step[1], lua_lit(step[2]))
    if op == "remove":
        return "table.remove(t)"
    if op == "remove_at":
        return "table.remove(t, %d)" % step[1]
    if op == "pop":
        return "t[#t] = nil"
    if op == "traverse":
        return "do local s = {} for k in pairs(t) do s[#s + 1] = k end seen(s) end"
    if op == "traverse_adding":
        return ("do local s, n = {}, %d for k in pairs(t) do s[#s + 1] = k"
                " if #s <= %d then t[n] = 1 n = n + 1 end end seen(s) end" % (step[1], _ADDED))
    if op == "gc":  # a full collection restarts the collector: stop it again
        return 'collectgarbage("collect") collectgarbage("stop")'
    raise AssertionError(op)


def py_ctor(fields: Sequence[tuple], multret: tuple | None) -> LuaTable:
    """The constructor as 5.1 code runs it: NEWTABLE hints, record fields in place, SETLIST."""
    npos = sum(1 for f in fields if f[0] == "pos")
    nrec = len(fields) - npos
    t = LuaTable(size_hint(npos), size_hint(nrec))
    pending: list[Value] = []
    stored = 0

    def flush(extra: Sequence[Value] = ()) -> None:
        nonlocal stored
        values = pending + list(extra)
        last = stored + len(values)
        if last > len(t.arr):
            t.resize_array(last)
        for i in range(len(values), 0, -1):  # SETLIST stores from the last one down
            t.set_int(stored + i, values[i - 1])
        stored = last
        pending.clear()

    for f in fields:
        if len(pending) == 50:  # closelistfield flushes when the next field starts
            flush()
        if f[0] == "pos":
            pending.append(f[1])
        else:
            t.set(f[1], f[2])
    if multret is not None:
        flush(multret)
    elif pending:
        flush()
    return t


def py_step(t: LuaTable, step: Step, seen: list[list[object]]) -> None:
    op = step[0]
    if op == "set":
        t.set(step[1], step[2])
    elif op == "append":
        t.set(float(t.length() + 1), step[1])
    elif op == "insert":
        t.set_int(t.length() + 1, step[1])
    elif op == "insert_at":  # ltablib.c tinsert
        pos = step[1]
        e = t.length() + 1
        if pos > e:
            e = pos
        for i in range(e, pos, -1):
            t.set_int(i, t.get_int(i - 1))
        t.set_int(pos, step[2])
    elif op in ("remove", "remove_at"):  # ltablib.c tremove
        e = t.length()
        pos = step[1] if op == "remove_at" else e
        if 1 <= pos <= e:
            for p in range(pos, e):
                t.set_int(p, t.get_int(p + 1))
            t.set_int(e, None)
    elif op == "pop":
        t.set(float(t.length()), None)
    elif op == "traverse":
        seen.append([k for k, _ in traverse(t)])
    elif op == "traverse_adding":
        keys = []
        n = step[1]
        kv = t.next(None)
        while kv is not None:
            keys.append(kv[0])
            if len(keys) <= _ADDED:
                t.set(float(n), 1.0)
                n += 1
            kv = t.next(kv[0])
        seen.append(keys)
    elif op == "gc":  # the collector's traversal of a reachable table
        if any(v is None for v in t.hash.values()):
            t.remove_dead_entries()
    else:
        raise AssertionError(op)


def _tagged(v: object) -> tuple[bool, object]:
    """A comparable form that keeps true apart from 1 (Python's True == 1.0)."""
    if isinstance(v, tuple):
        return (False, tuple(_tagged(x) for x in v))
    return (v.__class__ is bool, v)


def traverse(t: LuaTable) -> list[tuple[object, object]]:
    out = []
    kv = t.next(None)
    while kv is not None:
        out.append(kv)
        kv = t.next(kv[0])
    return out


def _tag_all(xs: Sequence[object]) -> list[tuple[bool, object]]:
    return [_tagged(x) for x in xs]


def compare(steps: Sequence[Step]) -> list[str]:
    """Run both sides; the differences (none when the program matches exactly)."""
    real = real_lua()
    records, real_pairs, real_seen = real.run(lua_source(steps))
    seen: list[list[object]] = []
    t = py_ctor(steps[0][1], steps[0][2])
    ours = [(t.length(), (len(t.arr), t.node_keys()))]
    for step in steps[1:]:
        py_step(t, step, seen)
        ours.append((t.length(), (len(t.arr), t.node_keys())))
    assert len(records) == len(ours)
    for i, ((n_real, st_real), (n_ours, st_ours)) in enumerate(zip(records, ours, strict=True)):
        if n_real != n_ours or (st_real is not None and _tagged(st_real) != _tagged(st_ours)):
            return ["step %d %r:\n  real #=%d %r\n  ours #=%d %r"
                    % (i, steps[i], n_real, st_real, n_ours, st_ours)]
    problems = []
    if [_tag_all(s) for s in seen] != [_tag_all(s) for s in real_seen]:
        problems.append("traversals during the program differ: real %r ours %r" % (real_seen, seen))
    our_pairs = traverse(t)
    if _tag_all(our_pairs) != _tag_all(real_pairs):
        problems.append("pairs differ: real %r ours %r" % (real_pairs, our_pairs))
    if _tag_all(t.items()) != _tag_all(our_pairs):
        problems.append("items() differs from next()")
    return problems


def assert_exact(steps: Sequence[Step]) -> None:
    problems = compare(steps)
    assert not problems, "\n".join(problems) + "\nprogram:\n" + lua_source(steps)


# ---------------------------------------------------------------------------------------------
# Random programs

_STR_KEYS = [b"a", b"b", b"c", b"n", b"x", b"y", b"key", b"", b"a fairly long key of forty bytes or so!!",
             b"x" * 70]
_ODD_KEYS: list[Key] = [0.0, -0.0, -1.0, -7.0, 0.5, 1.5, 2.0**53, 2.0**31, 2.0**26 + 1, 1e300, True, False]


def _value(rng: random.Random) -> Value:
    r = rng.random()
    if r < 0.8:
        return float(rng.randint(1, 9))
    if r < 0.9:
        return b"v"
    return rng.random() < 0.5  # true or false: false is a value, not a hole


def _int_key(rng: random.Random, hi: int = 24) -> float:
    return float(rng.randint(1, hi) if rng.random() < 0.85 else rng.randint(hi, 3 * hi))


def _any_key(rng: random.Random, hi: int) -> Key:
    r = rng.random()
    if r < 0.5:
        return _int_key(rng, hi)
    if r < 0.8:
        return rng.choice(_STR_KEYS)
    return rng.choice(_ODD_KEYS)


def gen_ctor(rng: random.Random, holes: bool = True) -> Step:
    fields: list[tuple] = []
    for _ in range(rng.choice([0, 1, 2, 3, 4, 5, 8, 12, 17, 30, 49, 50, 51, 60, 120])):
        r = rng.random()
        if r < 0.7:
            fields.append(("pos", None if holes and rng.random() < 0.3 else _value(rng)))
        elif r < 0.85:
            fields.append(("rec", rng.choice(_STR_KEYS), _value(rng)))
        else:
            fields.append(("rec", _int_key(rng, 10), _value(rng)))
    multret = None
    if rng.random() < 0.25:
        multret = tuple(
            None if holes and rng.random() < 0.3 else _value(rng) for _ in range(rng.randint(0, 9))
        )
    return ("ctor", fields, multret)


def gen_constructor_program(rng: random.Random) -> list[Step]:
    """Constructors with holes, record fields, multiple results; then a few appends."""
    steps = [gen_ctor(rng)]
    for _ in range(rng.randint(0, 6)):
        steps.append(("append", _value(rng)) if rng.random() < 0.5 else ("insert", _value(rng)))
    return steps


def gen_append_program(rng: random.Random) -> list[Step]:
    """Sequential appends: t[#t+1] and table.insert, from an empty or a filled constructor."""
    steps = [gen_ctor(rng, holes=False) if rng.random() < 0.3 else ("ctor", [], None)]
    for _ in range(rng.randint(1, 140)):
        steps.append(("append", _value(rng)) if rng.random() < 0.5 else ("insert", _value(rng)))
    return steps


def gen_reverse_program(rng: random.Random) -> list[Step]:
    """Reverse fills t[n], t[n-1], ..., t[1], sometimes with a stride or a stop short of 1."""
    n = rng.randint(1, 130)
    stride = rng.choice([1, 1, 1, 2, 3])
    stop = rng.choice([1, 1, 2, n // 2 or 1])
    steps: list[Step] = [("ctor", [], None)]
    for i in range(n, stop - 1, -stride):
        steps.append(("set", float(i), _value(rng)))
    return steps


def gen_sparse_program(rng: random.Random) -> list[Step]:
    """Sparse integer keys, odd numeric keys, strings and booleans; no deletions."""
    steps = [gen_ctor(rng, holes=False) if rng.random() < 0.3 else ("ctor", [], None)]
    hi = rng.choice([8, 24, 64, 200])
    for _ in range(rng.randint(1, 90)):
        steps.append(("set", _any_key(rng, hi), _value(rng)))
        if rng.random() < 0.05:
            steps.append(("traverse",))
    return steps


def gen_delete_program(rng: random.Random) -> list[Step]:
    """Everything at once, deletions included: t[k] = nil, pops, table.remove, appends,
    traversals (some adding keys), collections."""
    steps = [gen_ctor(rng) if rng.random() < 0.4 else ("ctor", [], None)]
    hi = rng.choice([8, 24, 64])
    for _ in range(rng.randint(1, 90)):
        r = rng.random()
        if r < 0.25:
            steps.append(("set", _int_key(rng, hi), _value(rng)))
        elif r < 0.38:
            steps.append(("set", _int_key(rng, hi), None))
        elif r < 0.52:
            k = rng.choice(_STR_KEYS + _ODD_KEYS)
            steps.append(("set", k, None if rng.random() < 0.4 else _value(rng)))
        elif r < 0.65:
            steps.append(("append", _value(rng)))
        elif r < 0.72:
            steps.append(("pop",))
        elif r < 0.78:
            steps.append(("remove",))
        elif r < 0.83:
            steps.append(("remove_at", rng.randint(0, hi)))
        elif r < 0.88:
            steps.append(("insert_at", rng.randint(1, hi), _value(rng)))
        elif r < 0.93:
            steps.append(("gc",))
        elif r < 0.97:
            steps.append(("traverse",))
        else:
            steps.append(("traverse_adding", rng.randint(1, 3 * hi)))
    return steps


def gen_tablelib_program(rng: random.Random) -> list[Step]:
    """table.insert/table.remove patterns on a sequence (positions inside and at the end)."""
    steps = [gen_ctor(rng, holes=False) if rng.random() < 0.5 else ("ctor", [], None)]
    for _ in range(rng.randint(1, 80)):
        r = rng.random()
        if r < 0.4:
            steps.append(("insert", _value(rng)))
        elif r < 0.7:
            steps.append(("insert_at", rng.randint(1, 30), _value(rng)))
        elif r < 0.85:
            steps.append(("remove",))
        else:
            steps.append(("remove_at", rng.randint(1, 30)))
    return steps


def gen_stack_program(rng: random.Random) -> list[Step]:
    """A stack: pushes (t[#t+1], table.insert) and pops (t[#t] = nil, table.remove)."""
    steps: list[Step] = [("ctor", [], None)]
    for _ in range(rng.randint(1, 150)):
        r = rng.random()
        if r < 0.3:
            steps.append(("append", _value(rng)))
        elif r < 0.6:
            steps.append(("insert", _value(rng)))
        elif r < 0.8:
            steps.append(("pop",))
        else:
            steps.append(("remove",))
    return steps


def gen_queue_program(rng: random.Random) -> list[Step]:
    """A queue: t[tail] = v at one end, t[head] = nil at the other."""
    steps: list[Step] = [("ctor", [], None)]
    head = tail = 1
    for _ in range(rng.randint(1, 150)):
        if tail == head or rng.random() < 0.55:
            steps.append(("set", float(tail), _value(rng)))
            tail += 1
        else:
            steps.append(("set", float(head), None))
            head += 1
    return steps


def gen_churn_program(rng: random.Random) -> list[Step]:
    """A set of strings that keys come into and leave (dead nodes reused), with collections."""
    steps: list[Step] = [("ctor", [], None)]
    names = [b"k%d" % i for i in range(rng.choice([4, 12, 40]))]
    for _ in range(rng.randint(1, 150)):
        r = rng.random()
        if r < 0.5:
            steps.append(("set", rng.choice(names), _value(rng)))
        elif r < 0.9:
            steps.append(("set", rng.choice(names), None))
        elif r < 0.95:
            steps.append(("gc",))
        else:
            steps.append(("traverse",))
    return steps


CATEGORIES: dict[str, Callable[[random.Random], list[Step]]] = {
    "constructors": gen_constructor_program,
    "appends": gen_append_program,
    "reverse fills": gen_reverse_program,
    "sparse/mixed keys": gen_sparse_program,
    "deletions": gen_delete_program,
    "table.insert/remove": gen_tablelib_program,
    "stack push/pop": gen_stack_program,
    "queue": gen_queue_program,
    "string churn": gen_churn_program,
}


# ---------------------------------------------------------------------------------------------
# Differential tests


def test_struct_layout_is_understood() -> None:
    """The probes read real Lua's Table struct; they must recognise known tables."""
    assert real_lua().layout_ok


@pytest.mark.parametrize("s", [b"", b"a", b"key", b"x" * 31, b"y" * 32, b"\xff\x00\x80" * 20, b"z" * 1000,
                               b"a fairly long key of forty bytes or so!!"])
def test_string_hash_is_luas(s: bytes) -> None:
    assert string_hash(s) == real_lua().string_hash(s)


@pytest.mark.parametrize(
    "fields,multret",
    [
        ([("pos", 1.0), ("pos", None), ("pos", 3.0)], None),
        ([("pos", None), ("pos", None), ("pos", 3.0)], None),
        ([("pos", 1.0), ("pos", 2.0), ("pos", 3.0), ("pos", None)], None),
        ([("rec", b"n", 1.0), ("pos", 1.0), ("pos", 2.0)], None),
        ([("pos", 1.0), ("rec", 1.0, 5.0)], None),
        ([("rec", 1.0, 5.0), ("pos", 1.0)], None),
        ([("rec", 1.0, 1.0), ("rec", 2.0, 2.0), ("rec", 3.0, 3.0)], None),
        ([("pos", float(i)) for i in range(1, 18)] + [("pos", None)], None),
        ([("pos", float(i)) for i in range(1, 60)], (None, 2.0, None, 4.0)),
        ([("pos", 1.0)], (2.0, 3.0, None, None, None, None, 7.0)),
        ([], ()),
        ([("pos", None)] * 5, (None,)),
        ([("pos", False), ("pos", None), ("pos", True)], None),
        ([("rec", b"x", 1.0), ("rec", b"y", 2.0), ("rec", b"z", 3.0)], (1.0, 2.0, 3.0)),
    ],
)
def test_constructor_cases(fields: list[tuple], multret: tuple | None) -> None:
    assert_exact([("ctor", fields, multret), ("append", 9.0), ("insert", 8.0), ("pop",)])


@pytest.mark.parametrize(
    "steps",
    [
        [("ctor", [], None)] + [("append", float(i)) for i in range(1, 70)],
        [("ctor", [], None)] + [("set", float(i), 1.0) for i in range(40, 0, -1)],
        [("ctor", [], None)] + [("set", float(i), 1.0) for i in (1, 2, 4, 8, 16, 32, 64, 3, 5, 6, 7)],
        [("ctor", [], None), ("set", 0.0, 1.0), ("set", -1.0, 1.0), ("set", 1.0, 1.0), ("set", 2.0**53, 1.0)],
        [("ctor", [], None), ("set", True, 1.0), ("set", 1.0, 2.0), ("set", False, 3.0), ("set", 0.0, 4.0)],
        [("ctor", [], None), ("set", -0.0, 1.0), ("set", 0.0, 2.0), ("set", 0.5, 3.0), ("set", 1.5, 4.0)],
        [("ctor", [], None)] + [("append", 1.0)] * 10 + [("pop",)] * 4 + [("append", 2.0)] * 6,
        [("ctor", [], None)] + [("set", 1.0, None), ("set", 5.0, None), ("append", 1.0), ("append", 2.0)],
        [("ctor", [], None)] + [("insert", float(i)) for i in range(1, 12)] + [("remove_at", 1)] * 5,
        [("ctor", [], None)] + [("insert_at", 1, float(i)) for i in range(1, 12)] + [("remove",)] * 12,
        [("ctor", [("pos", 1.0)] * 8, None), ("set", 20.0, 1.0), ("set", 8.0, None), ("append", 3.0)],
        # a key set to nil stays as a dead node; a new key whose main position it is takes it
        [("ctor", [("rec", k, 1.0) for k in (b"a", b"b", b"c", b"d")], None), ("set", b"b", None),
         ("set", b"e", 1.0), ("set", b"x", 1.0), ("set", b"b", 2.0)],
        # a collection turns the dead string key into a DEADKEY node: setting it again is a new key
        [("ctor", [("rec", k, 1.0) for k in (b"a", b"b", b"c", b"d")], None), ("set", b"c", None),
         ("gc",), ("set", b"c", 1.0), ("traverse",)],
        # keys added during a traversal (undefined in Lua, but deterministic in 5.1)
        [("ctor", [("rec", k, 1.0) for k in (b"a", b"b", b"c", b"d", b"n")], None), ("traverse_adding", 100)],
        [("ctor", [], None)] + [("set", float(i * 7), 1.0) for i in range(1, 30)] + [("traverse_adding", 1)],
    ],
)
def test_step_cases(steps: list[Step]) -> None:
    assert_exact(steps)


def test_unbound_search_falls_back_to_linear_search() -> None:
    """Keys 1, 2, 4, ..., 2^30 make unbound_search overflow: 5.1 then counts 1, 2, ... linearly."""
    fields = [("rec", float(1 << i), 1.0) for i in range(31)]  # record fields: all in the node part
    steps: list[Step] = [("ctor", fields, None), ("set", b"x", 1.0)]
    assert_exact(steps)
    t = py_ctor(fields, None)
    assert t.arr == []
    assert t.length() == 2


@pytest.mark.parametrize("name", list(CATEGORIES))
def test_random_programs(name: str) -> None:
    gen = CATEGORIES[name]
    rng = random.Random("pytest/" + name)
    for _ in range(120):
        assert_exact(gen(rng))


# hypothesis: random step sequences over a small key space

_keys = st.one_of(
    st.integers(1, 40).map(float),
    st.sampled_from(_STR_KEYS + _ODD_KEYS),
)
_values = st.one_of(st.integers(1, 9).map(float), st.sampled_from([b"v", True, False]))


def _steps(with_nil: bool) -> st.SearchStrategy[list[Step]]:
    vals = st.one_of(_values, st.none()) if with_nil else _values
    more = [
        st.tuples(st.just("insert_at"), st.integers(1, 12), _values),
        st.just(("pop",)),
        st.just(("remove",)),
        st.tuples(st.just("remove_at"), st.integers(1, 12)),
        st.just(("gc",)),
        st.just(("traverse",)),
    ]
    step = st.one_of(
        st.tuples(st.just("set"), _keys, vals),
        st.tuples(st.just("append"), _values),
        *(more if with_nil else []),
    )
    ctor = st.tuples(
        st.just("ctor"),
        st.lists(
            st.one_of(st.tuples(st.just("pos"), vals), st.tuples(st.just("rec"), _keys, _values)),
            max_size=20,
        ),
        st.one_of(st.none(), st.lists(vals, max_size=6).map(tuple)),
    )
    return st.tuples(ctor, st.lists(step, max_size=60)).map(lambda p: [p[0], *p[1]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_steps(with_nil=False))
def test_hypothesis_without_deletions(steps: list[Step]) -> None:
    assert_exact(steps)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_steps(with_nil=True))
def test_hypothesis_with_deletions(steps: list[Step]) -> None:
    assert_exact(steps)


def test_memory_size_matches_collectgarbage_count() -> None:
    """memory_size follows 5.1's allocation: compare with collectgarbage("count") deltas."""
    measure = real_lua().lua.eval(
        "function(n, s) collectgarbage('stop') local ks = {} for i = 1, s do ks[i] = 'k' .. i end"
        " local a = collectgarbage('count') local t = {}"
        " for i = 1, n do t[i] = i end for i = 1, s do t[ks[i]] = i end"
        " local b = collectgarbage('count') collectgarbage('restart') return (b - a) * 1024 end"
    )
    for n, s in [(0, 0), (1, 0), (3, 0), (4, 0), (5, 0), (100, 0), (0, 1), (0, 3), (0, 5), (7, 9), (33, 70)]:
        t = LuaTable()
        for i in range(1, n + 1):
            t.set(float(i), float(i))
        for i in range(1, s + 1):
            t.set(b"k%d" % i, float(i))
        assert measure(n, s) == t.memory_size(), (n, s)


# ---------------------------------------------------------------------------------------------
# Unit tests


def test_nil_and_nan_keys() -> None:
    t = LuaTable()
    for value in (1.0, None):
        with pytest.raises(LuaError) as e:
            t.set(None, value)
        assert e.value.value == b"table index is nil" and e.value.positioned is False
        with pytest.raises(LuaError) as e:
            t.set(float("nan"), value)
        assert e.value.value == b"table index is NaN" and e.value.positioned is False
    assert t.get(None) is None
    assert t.get(float("nan")) is None
    assert t.hash == {} and t.arr == []


def test_booleans_are_not_numbers() -> None:
    t = LuaTable()
    t.set(1.0, b"one")
    t.set(True, b"true")
    t.set(0.0, b"zero")
    t.set(False, b"false")
    assert t.get(1.0) == b"one" and t.get(True) == b"true"
    assert t.get(0.0) == b"zero" and t.get(False) == b"false"
    assert len(traverse(t)) == 4
    kinds = sorted((type(k).__name__, v) for k, v in traverse(t))
    assert kinds == [("bool", b"false"), ("bool", b"true"), ("float", b"one"), ("float", b"zero")]
    t.set(True, None)
    assert t.get(True) is None and t.get(1.0) == b"one"
    assert t.length() == 1


def test_negative_zero_is_zero() -> None:
    t = LuaTable()
    t.set(-0.0, b"a")
    t.set(0.0, b"b")
    assert t.get(-0.0) == b"b" and t.get(0.0) == b"b"
    assert len(traverse(t)) == 1
    assert t.next(0.0) is None and t.next(-0.0) is None


def test_integral_float_keys_share_the_array_slot() -> None:
    t = LuaTable(4, 0)
    t.set(2.0, b"x")
    assert t.arr == [None, b"x", None, None] and t.hash == {}
    assert t.get(2.0) == b"x" and t.get_int(2) == b"x"
    t.set(2.5, b"y")
    assert t.get(2.5) == b"y" and t.get(2.0) == b"x"


def test_next_survives_assigning_and_clearing_existing_fields() -> None:
    t = LuaTable()
    for i in range(1, 11):
        t.set(float(i), float(i))
    for s in (b"a", b"b", b"c", b"d", b"e"):
        t.set(s, s)
    t.set(100.0, 1.0)
    t.set(True, 1.0)
    seen = []
    kv = t.next(None)
    while kv is not None:
        k, _ = kv
        seen.append(k)
        if k in (b"b", 3.0, 100.0):
            t.set(k, None)  # clear the current field
        else:
            t.set(k, b"changed")  # assign an existing field
        t.set(b"e", None)  # clear a field not visited yet: it is never seen
        kv = t.next(k)
    assert len(seen) == len(set(map(_tagged, seen)))
    want = [float(i) for i in range(1, 11)] + [b"a", b"b", b"c", b"d", 100.0, True]
    assert set(map(_tagged, seen)) == set(map(_tagged, want))
    assert t.get(b"b") is None and t.get(b"a") == b"changed"


def test_next_clear_all_idiom_with_collections_in_between() -> None:
    """Clearing every field during a traversal is allowed, even when the collector turns the
    cleared keys into DEADKEY nodes meanwhile: next still accepts them."""
    t = LuaTable()
    for i in range(50):
        t.set(b"k%d" % i, 1.0)
        t.set(float(i + 1), 1.0)
    kv = t.next(None)
    n = 0
    while kv is not None:
        t.set(kv[0], None)
        n += 1
        if n % 7 == 0:
            t.remove_dead_entries()
        kv = t.next(kv[0])
    assert n == 100
    assert t.next(None) is None
    assert t.length() == 0


def test_invalid_key_to_next() -> None:
    t = LuaTable(2, 1)
    t.set(1.0, 1.0)
    t.set(b"x", 1.0)
    assert len(t.arr) == 2
    for bad in (b"y", 1.5, 5.0, 0.0, True, float("nan"), LuaTable()):
        with pytest.raises(LuaError) as e:
            t.next(bad)
        assert e.value.value == b"invalid key to 'next'" and e.value.positioned is False
    assert t.next(2.0) == (b"x", 1.0)  # an empty slot inside the array part is a valid key


def test_next_with_real_lua_on_invalid_keys() -> None:
    lua = real_lua().lua
    check = lua.eval("function(k) local t = {1, nil; x = 1} return pcall(next, t, k) end")
    for bad in (b"y", 1.5, 5, 0, True):
        ok, msg = check(bad)
        assert ok is False and msg.endswith(b"invalid key to 'next'")


def test_identity_semantics() -> None:
    a, b = LuaTable(), LuaTable()
    assert a != b and a == a
    assert hash(a) != hash(b)
    assert not hasattr(a, "__len__")
    assert bool(LuaTable())  # an empty table is still a true value
    t = LuaTable()
    t.set(a, 1.0)
    t.set(b, 2.0)
    assert t.get(a) == 1.0 and t.get(b) == 2.0
    assert {k for k, _ in traverse(t)} == {a, b}


def test_slots_for_the_heap_and_the_collector() -> None:
    t = LuaTable()
    assert t.handle is None and t.weak == 0 and t.metatable is None
    t.handle = 12
    t.weak = 3
    t.metatable = LuaTable()
    with pytest.raises(AttributeError):
        t.other = 1  # type: ignore[attr-defined]


def test_rehash_keeps_the_container_identity() -> None:
    t = LuaTable()
    arr, hash_ = t.arr, t.hash
    for i in range(1, 200):
        t.set(float(i), 1.0)
        t.set(b"k%d" % i, 1.0)
    assert t.arr is arr and t.hash is hash_
    assert len(t.arr) == 256 and t.hsize == 256


def test_resize_array_grows_like_setlist() -> None:
    t = LuaTable(0, 2)
    t.set(3.0, b"c")
    t.set(b"x", b"x")
    t.resize_array(5)
    assert t.arr == [None, None, b"c", None, None]
    assert t.hash == {b"x": b"x"} and t.hsize == 2


def test_length_and_rawget_with_specialised_accessors() -> None:
    t = LuaTable()
    for i in range(1, 11):
        t.set_int(i, float(i))
    t.set_str(b"n", 10.0)
    assert t.length() == 10 and t.get_str(b"n") == 10.0 and t.get(b"n") == 10.0
    assert t.get_int(0) is None and t.get_int(11) is None and t.get_int(10) == 10.0


def _history(rng: random.Random) -> list[Step]:
    return gen_delete_program(rng)[1:]


def test_capture_and_restore_state() -> None:
    """restore_state puts the whole state back: the same next order, `#` and layout, and the
    same behaviour afterwards as a table that never left that state."""
    rng = random.Random(5)
    for _ in range(60):
        ctor = gen_ctor(rng)[1:]
        t, reference = py_ctor(*ctor), py_ctor(*ctor)  # the reference: a twin that goes on
        for step in _history(rng)[:30]:
            py_step(t, step, [])
            py_step(reference, step, [])
        saved = t.capture_state()
        arr, hash_ = t.arr, t.hash
        later = _history(rng)
        for step in later:
            py_step(t, step, [])
        t.restore_state(saved)
        assert t.arr is arr and t.hash is hash_
        for step in later:  # both go the same way from the restored state
            py_step(t, step, [])
            py_step(reference, step, [])
            assert _tag_all(traverse(t)) == _tag_all(traverse(reference))
            assert t.length() == reference.length()
            assert _tagged(t.node_keys()) == _tagged(reference.node_keys())
        t.restore_state(saved)  # a state can be restored again
        assert len(t.arr) == len(saved[0])
