"""The table library (ltablib.c of Lua 5.1, built without LUA_COMPAT_GETN).

Lengths are the `#` operator (luaL_getn is lua_objlen then), and table.setn only complains.
Element access is raw, as lua_rawgeti/lua_rawseti are. Positions are C ints (see
``vm.lib.args.c_int``).

table.sort is 5.1's own quicksort (auxsort): the same pivots, the same comparisons in the same
order, the same answers for orders that are not strict, the same "invalid order function"
checks. It runs as a generator with an explicit stack of ranges instead of C's recursion, and
every comparison that needs Lua (the comparator, or __lt) is a call the VM makes as frames of
its own: ``yield (function, [a, b])``. foreach and foreachi call their function the same way.
"""

from __future__ import annotations

import math

from vm.errors import LuaError
from vm.lib.args import check_int, check_string, check_table, opt_int, type_error
from vm.runtime import journal
from vm.runtime.function import Builtin
from vm.runtime.interp import less
from vm.runtime.limits import LARGE, POLL_MASK, poll, reserve
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.runtime.values import type_name


def _check_function(args: list, i: int, fname: str) -> object:
    """luaL_checktype(L, i + 1, LUA_TFUNCTION)."""
    f = args[i] if i < len(args) else None
    if type_name(f) != b"function":
        raise type_error(args, i, fname, b"function")
    return f


def _first(results: list) -> object:
    """lua_call(L, n, 1): the first result, nil when there is none."""
    return results[0] if results else None


def t_concat(L, args: list) -> list:
    """concat(t [, sep [, i [, j]]]): strings and numbers (as %.14g) only."""
    sep = b"" if len(args) < 2 or args[1] is None else check_string(args, 1, "concat")
    t = check_table(args, 0, "concat")  # after sep, as in ltablib.c
    i = opt_int(args, 2, "concat", 1)
    last = opt_int(args, 3, "concat", t.length())
    parts = []
    for k in range(i, last + 1):
        if not k & POLL_MASK:
            poll(L)
        v = t.get_int(k)
        if v.__class__ is bytes:
            parts.append(v)
        elif v.__class__ is float:
            parts.append(number_to_bytes(v))  # type: ignore[arg-type]
        else:
            raise LuaError(b"invalid value (%s) at index %d in table for 'concat'"
                           % (type_name(v), k), positioned=False)
    size = sum(map(len, parts)) + len(sep) * max(len(parts) - 1, 0)
    if size >= LARGE:  # refused before it is built: past the limits, "not enough memory"
        reserve(L, size)
    return [sep.join(parts)]  # type: ignore[arg-type]


def t_insert(L, args: list) -> list:
    """insert(t, [pos,] v): a position beyond the end grows the sequence up to it."""
    t = check_table(args, 0, "insert")
    e = t.length() + 1  # first empty element
    n = len(args)
    if n == 2:
        pos = e
    elif n == 3:
        pos = check_int(args, 1, "insert")
        if pos > e:
            e = pos
        arr = t.arr
        if 1 <= pos and e <= len(arr):  # all in the array part: one slice move
            journal.touch(t)
            arr[pos:e] = arr[pos - 1:e - 1]
        else:  # one by one (5.1 takes as long: table.insert({}, 2^31, 1) shifts 2^31 slots)
            for i in range(e, pos, -1):
                t.set_int(i, t.get_int(i - 1))
                if not i & POLL_MASK:
                    poll(L)
    else:
        raise LuaError(b"wrong number of arguments to 'insert'", positioned=False)
    t.set_int(pos, args[-1])
    return []


def t_remove(L, args: list) -> list:
    """remove(t [, pos]): nothing at all (not even nil) when pos is outside 1..#t."""
    t = check_table(args, 0, "remove")
    e = t.length()
    pos = opt_int(args, 1, "remove", e)
    if not 1 <= pos <= e:
        return []
    v = t.get_int(pos)
    arr = t.arr
    if e <= len(arr):  # all in the array part
        journal.touch(t)
        arr[pos - 1:e - 1] = arr[pos:e]
        arr[e - 1] = None
    else:
        for p in range(pos, e):
            t.set_int(p, t.get_int(p + 1))
            if not p & POLL_MASK:
                poll(L)
        t.set_int(e, None)
    return [v]


def t_maxn(L, args: list) -> list:
    """maxn(t): the largest positive numeric key, 0 when there is none."""
    t = check_table(args, 0, "maxn")
    best = 0.0
    for k, _ in t.items():
        if k.__class__ is float and k > best:  # type: ignore[operator]
            best = k  # type: ignore[assignment]
    return [best]


def t_getn(L, args: list) -> list:
    return [float(check_table(args, 0, "getn").length())]


def t_setn(L, args: list) -> list:
    check_table(args, 0, "setn")
    raise LuaError(b"'setn' is obsolete", positioned=False)


def t_foreach(L, args: list):
    """foreach(t, f): f(k, v) for each pair in next order, until f returns non-nil."""
    t = check_table(args, 0, "foreach")
    f = _check_function(args, 1, "foreach")
    k: object = None
    while True:
        pair = t.next(k)
        if pair is None:
            return []
        k, v = pair
        r = _first((yield f, [k, v]))
        if r is not None:
            return [r]


def t_foreachi(L, args: list):
    """foreachi(t, f): f(i, t[i]) for i = 1..#t (the length taken once), until non-nil."""
    t = check_table(args, 0, "foreachi")
    n = t.length()
    f = _check_function(args, 1, "foreachi")
    for i in range(1, n + 1):
        r = _first((yield f, [float(i), t.get_int(i)]))
        if r is not None:
            return [r]
    return []


# ---- sort -------------------------------------------------------------------------------------


def _default_less(L, a: object, b: object) -> bool | tuple[object, list]:
    """lua_lessthan: the answer, or the __lt call to make. Its errors are luaG_ordererror raised
    inside a C function: no position is added."""
    try:
        r = less(L, None, a, b)  # type: ignore[arg-type]
    except LuaError as err:
        err.positioned = True
        raise
    if r is True or r is False:
        return r
    return r.fn, r.args  # type: ignore[union-attr]


def _truth(results: list) -> bool:
    """lua_toboolean of the first result."""
    return bool(results) and results[0] is not None and results[0] is not False


_INVALID_ORDER = b"invalid order function for sorting"


# the most elements sorted by Python's sort at once: it cannot be interrupted (a few tens of
# milliseconds at most), larger arrays go through auxsort, which polls the limits
SORT_AT_ONCE = 1 << 17


def _sorted_plainly(L, t: LuaTable, n: int) -> bool:
    """sort(t) without a comparator when t[1..n] are all in the array part and all numbers or all
    strings: their order under '<' is total, so every correct sort gives auxsort's result
    (equal elements cannot be told apart), unless NaN (no order) or zeros of both signs (equal
    and distinguishable) are among them. Sorts them and says True, else leaves t alone."""
    arr = t.arr
    if not 1 < n <= len(arr) or n > SORT_AT_ONCE:
        return False
    vals = arr[:n]
    cls = vals[0].__class__
    if cls is not float and cls is not bytes:
        return False
    for v in vals:
        if v.__class__ is not cls:
            return False
    if cls is float:
        if any(v != v for v in vals):  # NaN
            return False
        if 0.0 in vals and any(v == 0.0 and math.copysign(1.0, v) < 0 for v in vals):
            return False
    poll(L)  # the limits and Ctrl-C hold once before it, as auxsort's first poll would
    vals.sort()
    journal.touch(t)
    arr[:n] = vals
    return True


def t_sort(L, args: list):
    """sort(t [, comp]): ltablib.c's auxsort, comparison for comparison."""
    t = check_table(args, 0, "sort")
    n = t.length()
    cmp = args[1] if len(args) > 1 else None
    if cmp is None and _sorted_plainly(L, t, n):
        return []
    if cmp is not None:
        _check_function(args, 1, "sort")

        def lt(a: object, b: object) -> bool | tuple[object, list]:
            return cmp, [a, b]
    else:

        def lt(a: object, b: object) -> bool | tuple[object, list]:
            ca = a.__class__
            if ca is b.__class__ and (ca is float or ca is bytes):
                return a < b  # type: ignore[operator]
            return _default_less(L, a, b)

    get = t.get_int
    put = t.set_int
    # auxsort recurses into the smaller part and loops on the larger one: with a stack, the
    # larger part is pushed first and the smaller one popped first, the same order of work
    stack = [(1, n)]
    while stack:
        lo, up = stack.pop()
        while lo < up:
            # sort a[lo], a[(lo+up)/2] and a[up]
            a_lo = get(lo)
            a_up = get(up)
            c = lt(a_up, a_lo)
            if c.__class__ is tuple:
                c = _truth((yield c))
            if c:  # a[up] < a[lo]
                put(lo, a_up)
                put(up, a_lo)
            if up - lo == 1:
                break  # only 2 elements
            i = (lo + up) // 2
            a_i = get(i)
            a_lo = get(lo)
            c = lt(a_i, a_lo)
            if c.__class__ is tuple:
                c = _truth((yield c))
            if c:  # a[i] < a[lo]
                put(i, a_lo)
                put(lo, a_i)
            else:
                a_up = get(up)
                c = lt(a_up, a_i)
                if c.__class__ is tuple:
                    c = _truth((yield c))
                if c:  # a[up] < a[i]
                    put(i, a_up)
                    put(up, a_i)
            if up - lo == 2:
                break  # only 3 elements
            pivot = get(i)
            put(i, get(up - 1))
            put(up - 1, pivot)
            # a[lo] <= P == a[up-1] <= a[up]: partition lo+1 .. up-2
            i = lo
            j = up - 1
            while True:  # invariant: a[lo..i] <= P <= a[j..up]
                while True:  # repeat ++i until a[i] >= P
                    i += 1
                    if not i & POLL_MASK:  # a long sort looks at the clock now and then
                        poll(L)
                    a_i = get(i)
                    c = lt(a_i, pivot)
                    if c.__class__ is tuple:
                        c = _truth((yield c))
                    if not c:
                        break
                    if i > up:
                        raise LuaError(_INVALID_ORDER, positioned=False)
                while True:  # repeat --j until a[j] <= P
                    j -= 1
                    if not j & POLL_MASK:
                        poll(L)
                    a_j = get(j)
                    c = lt(pivot, a_j)
                    if c.__class__ is tuple:
                        c = _truth((yield c))
                    if not c:
                        break
                    if j < lo:
                        raise LuaError(_INVALID_ORDER, positioned=False)
                if j < i:
                    break
                put(i, a_j)
                put(j, a_i)
            # swap the pivot (a[up-1]) with a[i]: a[lo..i-1] <= a[i] == P <= a[i+1..up]
            a_u1 = get(up - 1)
            put(up - 1, get(i))
            put(i, a_u1)
            if i - lo < up - i:  # the smaller part first, then the larger one
                stack.append((i + 1, up))
                stack.append((lo, i - 1))
            else:
                stack.append((lo, i - 1))
                stack.append((i + 1, up))
            break
    return []


_FUNCS = [
    ("concat", t_concat, False),
    ("foreach", t_foreach, True),
    ("foreachi", t_foreachi, True),
    ("getn", t_getn, False),
    ("maxn", t_maxn, False),
    ("insert", t_insert, False),
    ("remove", t_remove, False),
    ("setn", t_setn, False),
    ("sort", t_sort, True),
]


def open_table(L) -> LuaTable:
    """Register the table library in L's globals (luaopen_table)."""
    lib = LuaTable(0, len(_FUNCS))
    for name, fn, gen in _FUNCS:
        lib.set_str(name.encode(), Builtin(name, fn, gen))
    L.globals.set_str(b"table", lib)
    return lib
