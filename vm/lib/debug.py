"""The debug library (ldblib.c): traceback, getinfo, locals, upvalues, metatables, registry,
environments, hooks (sethook/gethook; the events themselves: vm/runtime/hooks.py).

Stack levels count as lua_getstack does: level 0 is the running library function itself (it
has no frame of its own here), level 1 its caller, and so on down the frames; a frame that
was reached by tail calls is followed by one "(tail call)" level per call it replaced.
"""

from __future__ import annotations

from vm.chunkid import chunkid
from vm.errors import LuaError
from vm.lib.args import arg_error, check_int, check_string, check_table, opt_int, type_error
from vm.runtime import journal
from vm.runtime.coroutine import Coroutine
from vm.runtime.errors import function_name, local_name, traceback
from vm.runtime.frame import CONT_HOOK
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.hooks import WRAPPED, Hook, own_frame
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata

TAIL = object()  # a level lost to a tail call


def stack_levels(L, thread: Coroutine | None) -> list:
    """(frames, index) pairs from level 1 down, with TAIL entries for tail calls."""
    frames = thread.frames if thread is not None else L.frames
    out: list = []
    top = len(frames) - 1
    if thread is None and top >= 0 and getattr(frames[top], "hookmark", None) is WRAPPED:
        top -= 1  # the debug function itself, given a frame for its hook events: level 0
    for i in range(top, -1, -1):
        out.append((frames, i))
        out.extend([TAIL] * frames[i].tailcalls)
    return out


def _thread_arg(L, args: list) -> tuple[Coroutine | None, list]:
    """getthread: an optional coroutine first argument."""
    if args and args[0].__class__ is Coroutine:
        co = args[0]
        return (None if co is L.current else co), args[1:]  # type: ignore[return-value]
    return None, args


def d_traceback(L, args: list) -> list:
    thread, rest = _thread_arg(L, args)
    msg = rest[0] if rest else None
    if rest and msg.__class__ is not bytes and msg.__class__ is not float:
        return [msg]  # db_errorfb: a message given that is not a string (nil too) comes back
    level = opt_int(rest, 1, "traceback", 1 if thread is None else 0)
    if msg.__class__ is float:
        from vm.runtime.numbers import number_to_bytes

        msg = number_to_bytes(msg)
    frames = thread.frames if thread is not None else L.frames
    dead = None
    if thread is not None and thread.status == b"dead" and thread.error_stack is not None:
        frames, dead = thread.error_stack  # it died of an error: its stack as it was then
    saved = L.frames
    L.frames = frames
    try:
        c_top = getattr(L, "handler_c_top", False) if thread is None else False
        if dead is not None and level == 0:
            c_top = dead
        skip = level - 1 if thread is None else level
        if thread is None and own_frame(L, d_traceback):  # traceback's own frame (hook events) is level 0
            if skip < 0:
                c_top = False  # that frame shows traceback itself
                skip = 0
            else:
                skip += 1
        if c_top is not False:  # called as a message handler: level 1 is the failing C function
            if skip <= 0:
                text = traceback(L, 0, c_top, max(level, 1))
            else:
                text = traceback(L, skip - 1, first=level)
        elif skip < 0 and thread is None:  # level 0: traceback itself is the first entry
            text = traceback(L, 0, L.inline_c_function(), level)
        else:
            text = traceback(L, max(skip, 0), first=level)
    finally:
        L.frames = saved
    return [(msg + b"\n" if msg is not None else b"") + text]


def d_getinfo(L, args: list) -> list:
    thread, rest = _thread_arg(L, args)
    what = check_string(rest, 1, "getinfo") if len(rest) > 1 and rest[1] is not None else b"flnSu"
    target = rest[0] if rest else None
    entry = None
    fn: object = None
    if target.__class__ is float:
        level = int(target)  # type: ignore[arg-type]
        if level == 0 and thread is None:
            fn = L.debug_getinfo
        else:
            levels = stack_levels(L, thread)
            idx = level - 1 if thread is None else level
            if not 0 <= idx < len(levels):
                return [None]
            entry = levels[idx]
            if entry is not TAIL:
                frames, i = entry
                f = frames[i]
                fn = f.cl if f.cl is not None else f.builtin
    elif target.__class__ in (LuaFunction, Builtin):
        fn = target
        if what.startswith(b">"):
            what = what[1:]
    else:
        raise arg_error(1, "getinfo", b"function or level expected")
    for c in what:
        if chr(c) not in "SlunfL":
            raise arg_error(2, "getinfo", b"invalid option")
    t = LuaTable()
    if entry is TAIL:
        _fill_tail(t, what)
        return [t]
    frame_pair = entry if entry is not None else None
    if b"S" in what:
        if fn.__class__ is LuaFunction:
            proto = fn.p.proto  # type: ignore[union-attr]
            source = proto.source if proto.source is not None else b"=?"
            t.set_str(b"source", source)
            t.set_str(b"short_src", chunkid(source))
            t.set_str(b"linedefined", float(proto.linedefined))
            t.set_str(b"lastlinedefined", float(proto.lastlinedefined))
            t.set_str(b"what", b"main" if proto.linedefined == 0 else b"Lua")
        else:
            t.set_str(b"source", b"=[C]")
            t.set_str(b"short_src", b"[C]")
            t.set_str(b"linedefined", -1.0)
            t.set_str(b"lastlinedefined", -1.0)
            t.set_str(b"what", b"C")
    if b"l" in what:
        line = -1
        if frame_pair is not None:
            frames, i = frame_pair
            f = frames[i]
            if f.cl is not None:
                proto = f.cl.p.proto
                # a frame below a hook is stopped before its instruction; others are in a call
                hooked = i + 1 < len(frames) and frames[i + 1].cont == CONT_HOOK
                pc = f.pc if hooked else f.pc - 1
                if 0 <= pc < len(proto.lineinfo):
                    line = proto.lineinfo[pc]
                elif pc >= 0 and not proto.lineinfo:
                    line = 0  # ldebug.c's getline without line information (a stripped chunk)
        t.set_str(b"currentline", float(line))
    if b"u" in what:
        t.set_str(b"nups", float(len(fn.upvals)) if fn.__class__ is LuaFunction else 0.0)  # type: ignore[union-attr]
    if b"n" in what and frame_pair is not None:
        frames, i = frame_pair
        named = function_name(frames, i)
        if named is not None:
            t.set_str(b"namewhat", named[0])
            t.set_str(b"name", named[1])
        else:
            t.set_str(b"namewhat", b"")
    elif b"n" in what:
        t.set_str(b"namewhat", b"")
    if b"f" in what:
        t.set_str(b"func", fn)
    if b"L" in what and fn.__class__ is LuaFunction:
        lines = LuaTable()
        for line in fn.p.proto.lineinfo:  # type: ignore[union-attr]
            lines.set(float(line), True)
        t.set_str(b"activelines", lines)
    return [t]


def _fill_tail(t: LuaTable, what: bytes) -> None:
    if b"S" in what:
        t.set_str(b"source", b"=(tail call)")
        t.set_str(b"short_src", b"(tail call)")
        t.set_str(b"linedefined", -1.0)
        t.set_str(b"lastlinedefined", -1.0)
        t.set_str(b"what", b"tail")
    if b"l" in what:
        t.set_str(b"currentline", -1.0)
    if b"u" in what:
        t.set_str(b"nups", 0.0)
    if b"n" in what:
        t.set_str(b"namewhat", b"")


def _lua_frame_at(L, thread: Coroutine | None, level: int, fname: str):
    levels = stack_levels(L, thread)
    idx = level - 1 if thread is None else level
    if not 0 <= idx < len(levels):
        raise arg_error(1, fname, b"level out of range")
    entry = levels[idx]
    if entry is TAIL:
        return None
    frames, i = entry
    return frames[i]


def d_getlocal(L, args: list) -> list:
    thread, rest = _thread_arg(L, args)
    level = check_int(rest, 0, "getlocal")
    if level == 0 and thread is None:  # getlocal itself: its stack holds its arguments
        n = check_int(rest, 1, "getlocal")
        return [b"(*temporary)", args[n - 1]] if 0 < n <= len(args) else [None]
    f = _lua_frame_at(L, thread, level, "getlocal")
    n = check_int(rest, 1, "getlocal")
    if f is None or f.cl is None:
        return [None]
    name = _find_local(L, thread, f, n)
    if name is None:
        return [None]
    return [name, f.R[f.cl.p.nk + n - 1]]


def d_setlocal(L, args: list) -> list:
    thread, rest = _thread_arg(L, args)
    f = _lua_frame_at(L, thread, check_int(rest, 0, "setlocal"), "setlocal")
    n = check_int(rest, 1, "setlocal")
    value = rest[2] if len(rest) > 2 else None
    if f is None or f.cl is None:
        return [None]
    name = _find_local(L, thread, f, n)
    if name is None:
        return [None]
    f.R[f.cl.p.nk + n - 1] = value
    L.frame_edits += 1  # translated code running that frame reloads its registers
    return [name]


def _find_local(L, thread, f, n: int) -> bytes | None:
    """findlocal: the name of local n of a Lua frame, "(*temporary)" for a register in use
    that no local names, None past them."""
    name = local_name(f.cl.p.proto, n, _current_pc(L, thread, f))
    if name is None and 0 < n <= _stack_in_use(L, thread, f):
        return b"(*temporary)"
    return name


def _under_hook(L, thread, f) -> bool:
    """Is the frame interrupted by a hook (the frame above it is the hook's)?"""
    frames = thread.frames if thread is not None else L.frames
    for i in range(len(frames) - 1, -1, -1):
        if frames[i] is f:
            return i + 1 < len(frames) and frames[i + 1].cont == CONT_HOOK
    return False


def _current_pc(L, thread, f) -> int:
    """The instruction a frame is at: the one about to run when a hook interrupted it, else
    the call it is making."""
    return f.pc if _under_hook(L, thread, f) else f.pc - 1


def _stack_in_use(L, thread, f) -> int:
    """How many registers a frame's temporaries span (findlocal's limit): up to the function
    slot of the call it is making, else (interrupted by a hook) its whole stack."""
    if _under_hook(L, thread, f):
        return f.cl.p.maxstack
    code = f.cl.p.decoded
    pc = f.pc - 1
    if 0 <= pc < len(code) and code[pc][0] in (28, 29):  # CALL, TAILCALL (decoded: a offset)
        return code[pc][1] - f.cl.p.nk
    return f.cl.p.maxstack


def _check_function(args: list, fname: str) -> object:
    fn = args[0] if args else None
    if fn.__class__ is not LuaFunction and fn.__class__ is not Builtin:
        raise type_error(args, 0, fname, b"function")
    return fn


def d_getupvalue(L, args: list) -> list:
    fn = _check_function(args, "getupvalue")
    n = check_int(args, 1, "getupvalue")
    if fn.__class__ is not LuaFunction or not 0 < n <= len(fn.upvals):  # type: ignore[union-attr]
        return []
    cell = fn.upvals[n - 1]  # type: ignore[union-attr]
    names = fn.p.proto.upvalues  # type: ignore[union-attr]
    return [names[n - 1] if n - 1 < len(names) else b"", cell.regs[cell.idx]]


def d_setupvalue(L, args: list) -> list:
    fn = _check_function(args, "setupvalue")
    n = check_int(args, 1, "setupvalue")
    if len(args) < 3:
        raise arg_error(3, "setupvalue", b"value expected")
    if fn.__class__ is not LuaFunction or not 0 < n <= len(fn.upvals):  # type: ignore[union-attr]
        return []
    cell = fn.upvals[n - 1]  # type: ignore[union-attr]
    journal.touch(cell)
    cell.regs[cell.idx] = args[2]
    names = fn.p.proto.upvalues  # type: ignore[union-attr]
    return [names[n - 1] if n - 1 < len(names) else b""]


def d_getmetatable(L, args: list) -> list:
    if not args:
        raise arg_error(1, "getmetatable", b"value expected")
    return [L.getmetatable(args[0])]


def d_setmetatable(L, args: list) -> list:
    v = args[0] if args else None
    mt = args[1] if len(args) > 1 else None
    if mt is not None and mt.__class__ is not LuaTable:
        raise arg_error(2, "setmetatable", b"nil or table expected")
    if v.__class__ is LuaTable or v.__class__ is Userdata:
        journal.touch(v)
        v.metatable = mt  # type: ignore[union-attr]
    elif v.__class__ is bytes:
        L.string_meta = mt
    else:  # numbers, booleans, nil, functions, threads share one metatable per type
        L.type_meta[Builtin if v.__class__ is LuaFunction else v.__class__] = mt
    return [True]


def d_getregistry(L, args: list) -> list:
    return [L.registry]


def d_getfenv(L, args: list) -> list:
    if not args:
        raise arg_error(1, "getfenv", b"value expected")  # luaL_checkany
    v = args[0]
    if v.__class__ is LuaFunction or v.__class__ is Userdata:
        return [v.env]  # type: ignore[union-attr]
    if v.__class__ is Coroutine:
        return [v.globals]  # type: ignore[union-attr]
    if v.__class__ is Builtin:  # debug.setfenv gives a library function an environment
        return [v.env if v.env is not None else L.globals]  # type: ignore[union-attr]
    return [None]


def d_setfenv(L, args: list) -> list:
    t = check_table(args, 1, "setfenv")
    v = args[0] if args else None
    if v.__class__ is LuaFunction or v.__class__ is Userdata or v.__class__ is Builtin:
        journal.touch(v)
        v.env = t  # type: ignore[union-attr]
        return [v]
    if v.__class__ is Coroutine:
        v.globals = t  # type: ignore[union-attr]
        return [v]
    raise LuaError(b"'setfenv' cannot change environment of given object", positioned=False)




def d_sethook(L, args: list):
    """sethook([thread,] [hook, mask [, count]]): set or (no hook) clear a thread's hook.
    Installing a hook with return events fires one for sethook itself, as in 5.1."""
    thread, rest = _thread_arg(L, args)
    shift = len(args) - len(rest)
    target = thread if thread is not None else L.current
    if not rest or rest[0] is None:
        target.hook = None
        target.hookfn = None
        return []
    padded = [None] * shift + rest
    mask = check_string(padded, shift + 1, "sethook").decode("latin-1")
    fn = rest[0]
    if fn.__class__ is not LuaFunction and fn.__class__ is not Builtin:
        raise type_error(padded, shift, "sethook", b"function")
    count = opt_int(padded, shift + 2, "sethook", 0)
    events = "".join(c for c in "crl" if c in mask)
    target.hookfn = fn  # gethook answers it even when no event is asked for (5.1's hook table)
    if not events and count <= 0:
        target.hook = None
        return []
    target.hook = Hook(fn, events, max(count, 0), max(count, 0))
    L.reenter = True
    if thread is None and "r" in events and L.allowhook:
        L.allowhook = False
        yield fn, [b"return", None]
        L.allowhook = True
    return []


def d_gethook(L, args: list) -> list:
    """gethook([thread]): the hook function, its mask ("crl" order) and its count."""
    thread, _rest = _thread_arg(L, args)
    target = thread if thread is not None else L.current
    hook = target.hook
    if hook is None:
        return [target.hookfn, b"", 0.0]
    return [hook.fn, hook.mask_string().encode(), float(hook.count)]


def d_debug(L, args: list):
    """debug.debug(): db_debug's interactive mode. Each line read from standard input (at most
    249 bytes, as fgets into 250) runs as a chunk named ``=(debug command)``; its compile or run
    error goes to standard error; ``cont`` or the end of input ends it."""
    import sys

    from vm.errors import LoadError
    from vm.lib.base import parse_level
    from vm.lib.io import _embedding_stream
    from vm.loader import load_chunk

    while True:
        err = _embedding_stream(L, "err", sys.stderr)
        _write(err, b"lua_debug> ")
        out = _embedding_stream(L, "out", sys.stdout)
        if out is not None and hasattr(out, "flush"):
            out.flush()
        stdin = _embedding_stream(L, "stdin", sys.stdin)
        line = stdin.readline(249) if stdin is not None else b""
        if not line or line == b"cont\n":
            return []
        try:
            fn = L.load(load_chunk(line, b"=(debug command)", parse_level(L)))
            yield fn, []
        except LoadError as e:
            _write(err, e.msg + b"\n")
        except LuaError as e:
            msg = e.value
            if msg.__class__ is float:
                from vm.runtime.numbers import number_to_bytes
                msg = number_to_bytes(msg)
            _write(err, (msg if msg.__class__ is bytes else b"(null)") + b"\n")


def _write(stream: object, data: bytes) -> None:
    if stream is not None:
        stream.write(data)  # type: ignore[attr-defined]
        if hasattr(stream, "flush"):
            stream.flush()


def open_debug(L) -> None:
    L.debug_getinfo = Builtin("getinfo", d_getinfo)  # getinfo(0) names the state's own
    # ldblib.c's dblib[] order into a table sized for it (luaL_register): pairs(debug) order
    t = LuaTable(0, 14)
    for name, fn in [("debug", d_debug), ("getfenv", d_getfenv), ("gethook", d_gethook),
                     ("getinfo", None), ("getlocal", d_getlocal), ("getregistry", d_getregistry),
                     ("getmetatable", d_getmetatable), ("getupvalue", d_getupvalue),
                     ("setfenv", d_setfenv), ("sethook", None), ("setlocal", d_setlocal),
                     ("setmetatable", d_setmetatable), ("setupvalue", d_setupvalue),
                     ("traceback", d_traceback)]:
        if name == "getinfo":
            t.set_str(b"getinfo", L.debug_getinfo)
        elif name == "sethook":
            t.set_str(b"sethook", Builtin("sethook", d_sethook, is_gen=True))
        elif name == "debug":
            t.set_str(b"debug", Builtin("debug", d_debug, is_gen=True, protects=True))
        else:
            t.set_str(name.encode(), Builtin(name, fn))
    L.globals.set_str(b"debug", t)
