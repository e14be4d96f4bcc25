"""The base library (lbaselib.c): the functions the VM itself needs.

Functions that call back into Lua (pcall, print through tostring, tostring through __tostring)
are generators: they ``yield (function, args)`` and the VM runs that call as its own frames.
"""

from __future__ import annotations

from vm.errors import LuaError
from vm.lib.args import (
    arg_error,
    check_any,
    check_int,
    check_table,
    opt_int,
    type_error,
)
from vm.runtime import journal
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.numbers import str_to_number, tonumber_base
from vm.runtime.table import LuaTable
from vm.runtime.values import plain_tostring, raw_equal, type_name


def tostring_gen(L, v: object):
    """luaL_callmeta(__tostring) or the plain conversion, as a generator step: whatever the
    metamethod returns is the answer (5.1 does not insist on a string here)."""
    h = L.metamethod(v, b"__tostring")
    if h is not None:
        res = yield h, [v]
        return res[0] if res else None
    return plain_tostring(v, L.heap.address(v))


def b_print(L, args: list):
    """print(...): each argument through the global tostring, tab-separated, each piece
    written as soon as it is known (luaB_print's fputs): a later argument whose tostring
    fails leaves the earlier ones written. tostring runs as a frame of its own when it calls
    back into Lua (lua_call: a ``[C]: ?`` line in a traceback)."""
    from vm.runtime.numbers import number_to_bytes

    tostring = L.globals.get_str(b"tostring")
    out = L.out
    for i, v in enumerate(args):
        if tostring is L.base_tostring and L.metamethod(v, b"__tostring") is None:
            s = plain_tostring(v, L.heap.address(v))
        else:
            res = yield tostring, [v]
            s = res[0] if res else None
        if s.__class__ is float:  # lua_tostring converts numbers
            s = number_to_bytes(s)
        elif s.__class__ is not bytes:
            raise LuaError(b"'tostring' must return a string to 'print'", positioned=False)
        nul = s.find(b"\0")  # 5.1 writes each piece with fputs: a NUL ends it
        if i:
            out.write(b"\t")
        out.write(s if nul < 0 else s[:nul])
    out.write(b"\n")
    return []


def b_tostring(L, args: list):
    v = check_any(args, 0, "tostring")
    s = yield from tostring_gen(L, v)
    return [s]


def tostring_fast(L, args: list) -> list | None:
    """tostring's shortcut: a value without __tostring (no Lua call, nothing to fail)."""
    if not args:
        return None
    v = args[0]
    if L.metamethod(v, b"__tostring") is not None:
        return None
    if v.__class__ is bytes:
        return [v]
    return [plain_tostring(v, L.heap.address(v))]


def b_type(L, args: list) -> list:
    return [type_name(check_any(args, 0, "type"))]


def b_tonumber(L, args: list) -> list:
    """tonumber(e [, base]): base 10 converts any value; another base wants a string first
    and then checks the base (luaB_tonumber's order)."""
    base = opt_int(args, 1, "tonumber", 10)
    v = args[0] if args else None
    if base == 10:
        check_any(args, 0, "tonumber")
        if v.__class__ is float:
            return [v]
        if v.__class__ is bytes:
            return [str_to_number(v)]  # type: ignore[arg-type]
        return [None]
    from vm.lib.args import check_string

    s = check_string(args, 0, "tonumber")
    if not 2 <= base <= 36:
        raise arg_error(2, "tonumber", b"base out of range")
    return [tonumber_base(s, base)]


def b_pcall(L, args: list):
    """pcall(f, ...): the VM throws a failing call's error into this generator."""
    fn = check_any(args, 0, "pcall")
    level = L.ccalls
    try:
        results = yield fn, args[1:]
    except LuaError as err:
        L.ccalls = level  # luaD_pcall restores nCcalls (a failed call left its count)
        return [False, err.value]
    return [True, *results]


def b_xpcall(L, args: list):
    """xpcall(f, handler): the VM calls handler at the error point and throws its answer in."""
    check_any(args, 1, "xpcall")
    level = L.ccalls
    try:
        results = yield args[0], []
    except LuaError as err:
        L.ccalls = level  # luaD_pcall restores nCcalls (a failed call left its count)
        return [False, err.value]
    return [True, *results]


def b_error(L, args: list) -> list:
    """error(message [, level]): a string message gets the position of the given level."""
    msg = args[0] if args else None
    level = opt_int(args, 1, "error", 1)
    if msg.__class__ is float and level > 0:  # lua_isstring: a number is a string here
        from vm.runtime.numbers import number_to_bytes

        msg = number_to_bytes(msg)
    if msg.__class__ is bytes and level > 0:
        from vm.runtime.hooks import own_frame

        frames = L.frames
        i = len(frames) - level - own_frame(L, b_error)  # level 1: the caller of error
        f = frames[i] if 0 <= i < len(frames) else None
        msg = L.where(f) + msg  # type: ignore[operator]
    raise LuaError(msg)


def b_assert(L, args: list) -> list:
    """assert(v [, message]): luaL_error with the message, so it gets the caller's position."""
    v = check_any(args, 0, "assert")
    if v is None or v is False:
        if len(args) > 1 and args[1] is not None:
            from vm.lib.args import check_string

            raise LuaError(check_string(args, 1, "assert"), positioned=False)
        raise LuaError(b"assertion failed!", positioned=False)
    return args


def b_select(L, args: list) -> list:
    n = args[0] if args else None
    if n == b"#":
        return [float(len(args) - 1)]
    i = check_int(args, 0, "select")
    n = len(args)
    if i < 0:
        i = n + i
    elif i > n:
        i = n
    if i < 1:
        raise arg_error(1, "select", b"index out of range")
    return args[i:]


def b_unpack(L, args: list) -> list:
    t = check_table(args, 0, "unpack")
    i = opt_int(args, 1, "unpack", 1)
    if len(args) > 2 and args[2] is not None:
        e = check_int(args, 2, "unpack")
    else:
        e = t.length()
    if i > e:
        return []
    n = e - i + 1
    if n + len(args) > LUAI_MAXCSTACK:  # lua_checkstack refuses to grow a C function's stack
        raise LuaError(b"too many results to unpack", positioned=False)
    return [t.get_int(k) for k in range(i, e + 1)]


def b_rawget(L, args: list) -> list:
    t = check_table(args, 0, "rawget")
    return [t.get(check_any(args, 1, "rawget"))]


def b_rawset(L, args: list) -> list:
    t = check_table(args, 0, "rawset")
    check_any(args, 1, "rawset")
    check_any(args, 2, "rawset")
    t.set(args[1], args[2])
    return [t]


def b_rawequal(L, args: list) -> list:
    check_any(args, 0, "rawequal")
    check_any(args, 1, "rawequal")
    return [raw_equal(args[0], args[1])]


def b_setmetatable(L, args: list) -> list:
    if len(args) == 2:  # the usual setmetatable(t, mt) on a table without one
        t, mt = args
        if t.__class__ is LuaTable and t.metatable is None and mt.__class__ is LuaTable:
            journal.touch(t)
            t.metatable = mt
            return [t]
    t = check_table(args, 0, "setmetatable")
    mt = args[1] if len(args) > 1 else None
    if len(args) < 2 or (mt is not None and mt.__class__ is not LuaTable):
        raise arg_error(2, "setmetatable", b"nil or table expected")
    if t.metatable is not None and t.metatable.get_str(b"__metatable") is not None:
        raise LuaError(b"cannot change a protected metatable", positioned=False)
    journal.touch(t)
    t.metatable = mt  # type: ignore[assignment]
    return [t]


def b_getmetatable(L, args: list) -> list:
    v = check_any(args, 0, "getmetatable")
    mt = L.getmetatable(v)
    if mt is None:
        return [None]
    protected = mt.get_str(b"__metatable")
    return [protected if protected is not None else mt]


def b_next(L, args: list) -> list:
    t = args[0] if args else None
    if t.__class__ is not LuaTable:
        t = check_table(args, 0, "next")
    r = t.next(args[1] if len(args) > 1 else None)
    return [None] if r is None else [r[0], r[1]]


def b_pairs(L, args: list) -> list:
    t = check_table(args, 0, "pairs")
    return [L.pairs_next, t, None]


def _ipairs_aux(L, args: list) -> list:
    """ipairsaux(t, i): t[i + 1] with i + 1, nothing at the first nil. The usual call (a
    table and a whole float, from ipairs' loop) reads the array part directly; anything else
    is checked as 5.1 checks it (the integer argument first, then the table)."""
    if len(args) == 2:
        t, i = args
        if t.__class__ is LuaTable and i.__class__ is float:
            arr = t.arr
            if 0.0 <= i < len(arr) and i.is_integer():
                v = arr[i.__trunc__()]
                return [] if v is None else [i + 1.0, v]
    n = check_int(args, 1, "ipairs_aux") + 1
    t = check_table(args, 0, "ipairs_aux")
    v = t.get_int(n)
    return [] if v is None else [float(n), v]


def b_ipairs(L, args: list) -> list:
    t = check_table(args, 0, "ipairs")
    return [L.ipairs_aux, t, 0.0]


def _load_result(L, make) -> list:
    """load_aux: the function, or nil and the message."""
    from vm.errors import LoadError

    try:
        proto = make()
    except LoadError as err:
        return [None, err.msg]
    return [L.load(proto)]


def parse_level(L) -> int:
    """5.1's nCcalls when loadstring or load parses: the state counts C calls below the main
    chunk, which lua.c runs with two (lua_cpcall, lua_pcall)."""
    return L.ccalls + 2


def b_loadstring(L, args: list) -> list:
    from vm.lib.args import check_string
    from vm.loader import load_chunk

    s = check_string(args, 0, "loadstring")
    name = check_string(args, 1, "loadstring") if len(args) > 1 and args[1] is not None else s
    return _load_result(L, lambda: load_chunk(s, name, parse_level(L)))


def b_load(L, args: list):
    """load(reader [, chunkname]): the chunk compiled as the reader gives its pieces, each
    asked for only when the compiler needs more; a reader error makes load return nil and it."""
    from vm.errors import LoadError
    from vm.lib.args import check_string
    from vm.lib.streamload import load_streamed

    reader = args[0] if args else None
    if reader.__class__ is not LuaFunction and reader.__class__ is not Builtin:
        raise type_error(args, 0, "load", b"function")
    name = check_string(args, 1, "load") if len(args) > 1 and args[1] is not None else b"=(load)"
    try:
        proto = yield from load_streamed(reader, name, parse_level(L))
    except LuaError as err:
        return [None, err.value]
    except LoadError as err:
        return [None, err.msg]
    return [L.load(proto)]


def b_loadfile(L, args: list) -> list:
    from vm.lib.args import check_string
    from vm.loader import load_file

    path = check_string(args, 0, "loadfile") if args and args[0] is not None else None
    return _load_result(L, lambda: load_file(path.decode("utf-8", "surrogateescape")
                                             if path is not None else None))


def b_dofile(L, args: list):
    """dofile([filename]): run the file, return its results; errors propagate."""
    res = b_loadfile(L, args)
    if res[0] is None:
        raise LuaError(res[1])
    results = yield res[0], []
    return results


def _function_at(L, args: list, fname: str, optional: bool) -> object:
    """getfunc: a function argument, or the function running at a stack level."""
    v = args[0] if args else None
    if v.__class__ is LuaFunction or v.__class__ is Builtin:
        return v
    level = opt_int(args, 0, fname, 1) if optional else check_int(args, 0, fname)
    if level < 0:
        raise arg_error(1, fname, b"level must be non-negative")
    if level == 0:
        return 0
    from vm.lib.debug import TAIL, stack_levels

    levels = [e for e in stack_levels(L, None)
              if e is TAIL or e[0][e[1]].cl is not None or e[0][e[1]].gen is not None]
    if level > len(levels):
        raise arg_error(1, fname, b"invalid level")
    entry = levels[level - 1]
    if entry is TAIL:  # lua_getstack counts the calls a tail call replaced, with no function
        raise LuaError(b"no function environment for tail call at level %d" % level,
                       positioned=False)
    f = entry[0][entry[1]]
    return f.cl if f.cl is not None else f.builtin


def b_getfenv(L, args: list) -> list:
    fn = _function_at(L, args, "getfenv", True)
    if fn == 0 or fn.__class__ is Builtin:
        return [L.globals]
    return [fn.env]  # type: ignore[union-attr]


def b_setfenv(L, args: list) -> list:
    t = check_table(args, 1, "setfenv")
    fn = _function_at(L, args, "setfenv", False)
    if fn == 0:
        L.globals = t
        return []
    if fn.__class__ is not LuaFunction:
        raise LuaError(b"'setfenv' cannot change environment of given object", positioned=False)
    journal.touch(fn)
    fn.env = t  # type: ignore[union-attr]
    return [fn]


LUAI_MAXCSTACK = 8000  # luaconf.h: the most values a library function may push

_GC_OPTIONS = (b"stop", b"restart", b"collect", b"count", b"step", b"setpause", b"setstepmul")


def run_finalizers(L):
    """Call the __gc of every userdata the collector queued (a generator step: the calls are
    VM frames). Errors in a finalizer propagate, as in 5.1."""
    while L.pending_gc:
        u = L.pending_gc.pop(0)
        mt = u.metatable
        gc = mt.hash.get(b"__gc") if mt is not None else None
        if gc is not None:
            yield gc, [u]


def b_collectgarbage(L, args: list):
    """collectgarbage([opt [, arg]]): 5.1's options over the heap's collector."""
    from vm.lib.args import check_string

    opt = check_string(args, 0, "collectgarbage") if args and args[0] is not None else b"collect"
    if opt not in _GC_OPTIONS:
        raise arg_error(1, "collectgarbage", b"invalid option '%s'" % opt)
    ex = opt_int(args, 1, "collectgarbage", 0)
    heap = L.heap
    if opt == b"collect":
        L.collect()
        yield from run_finalizers(L)
        return [0.0]
    if opt == b"count":
        return [heap.count() / 1024.0]
    if opt == b"step":
        if not heap.step(ex):
            return [False]
        L.collect()
        yield from run_finalizers(L)
        return [True]
    if opt == b"stop":
        heap.running = False
        return [0.0]
    if opt == b"restart":
        heap.restart()
        return [0.0]
    if opt == b"setpause":
        old, heap.pause = heap.pause, ex
        return [float(old)]
    old, heap.stepmul = heap.stepmul, ex
    return [float(old)]


def b_gcinfo(L, args: list) -> list:
    return [float(L.heap.count() // 1024)]


def b_newproxy(L, args: list) -> list:
    """newproxy([true | proxy]): an empty userdata, with a fresh or a shared metatable."""
    from vm.runtime.values import Userdata

    u = Userdata()
    L.heap.finalizable.append(u)
    L.heap.allocated(40)
    flag = args[0] if args else None
    if flag is None or flag is False:
        return [u]
    if flag is True:
        mt = LuaTable()
        L.proxy_metatables.append(mt)
        u.metatable = mt
        return [u]
    mt = L.getmetatable(flag)
    if mt is None or not any(m is mt for m in L.proxy_metatables):
        raise arg_error(1, "newproxy", b"boolean or proxy expected")
    u.metatable = mt
    return [u]


def open_base(L) -> None:
    """Register the base functions in L's globals, in base_open's order (``_G``, base_funcs[],
    ``_VERSION``, ipairs, pairs, newproxy): the order decides where each name sits in the
    globals' nodes, so ``pairs(_G)`` goes as in lua5.1."""
    g = L.globals
    # functions of the state's own that the library hands out again (objects, not shared
    # between states: each has its handle in its own state's heap)
    L.base_tostring = Builtin("tostring", b_tostring, is_gen=True)
    L.base_tostring.fast = tostring_fast
    L.pairs_next = Builtin("next", b_next)  # 5.1 gives pairs its own copy: pairs(t) ~= next
    L.ipairs_aux = Builtin("ipairs_aux", _ipairs_aux)
    g.set_str(b"_G", g)
    for name, fn, gen, protects in [
        ("assert", b_assert, False, False),
        ("collectgarbage", b_collectgarbage, True, False),
        ("dofile", b_dofile, True, False),
        ("error", b_error, False, False),
        ("gcinfo", b_gcinfo, False, False),
        ("getfenv", b_getfenv, False, False),
        ("getmetatable", b_getmetatable, False, False),
        ("loadfile", b_loadfile, False, False),
        ("load", b_load, True, False),
        ("loadstring", b_loadstring, False, False),
        ("next", b_next, False, False),
        ("pcall", b_pcall, True, True),
        ("print", b_print, True, False),
        ("rawequal", b_rawequal, False, False),
        ("rawget", b_rawget, False, False),
        ("rawset", b_rawset, False, False),
        ("select", b_select, False, False),
        ("setfenv", b_setfenv, False, False),
        ("setmetatable", b_setmetatable, False, False),
        ("tonumber", b_tonumber, False, False),
        ("tostring", None, True, False),
        ("type", b_type, False, False),
        ("unpack", b_unpack, False, False),
        ("xpcall", b_xpcall, True, True),
    ]:
        g.set_str(name.encode(), L.base_tostring if fn is None else Builtin(name, fn, gen, protects))
    g.set_str(b"_VERSION", b"Lua 5.1")
    for name, fn in [("ipairs", b_ipairs), ("pairs", b_pairs), ("newproxy", b_newproxy)]:
        g.set_str(name.encode(), Builtin(name, fn))

