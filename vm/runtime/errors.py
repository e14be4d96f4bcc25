"""Runtime error texts as Lua 5.1 words them (ldebug.c) and ``stack traceback:`` (ldblib.c).

Variable names come from the bytecode, as getobjname derives them: a register that is an active
local is ``local 'x'``; otherwise symbolic execution finds the instruction that last set it
(GETGLOBAL: ``global``, GETTABLE: ``field``, GETUPVAL: ``upvalue``, SELF: ``method``).
"""

from __future__ import annotations

from vm.bytecode.opcodes import Op, get_a, get_b, get_bx, get_c, get_op, index_k, is_k
from vm.bytecode.proto import Proto
from vm.bytecode.verify import symbexec
from vm.chunkid import chunkid
from vm.errors import LuaError
from vm.runtime.frame import CONT_CALL, CONT_ERRFUNC, CONT_FAILED_C, CONT_HOOK, CONT_TFORLOOP, Frame
from vm.runtime.values import type_name

LEVELS1 = 12  # ldblib.c: levels shown before a "..."
LEVELS2 = 10  # ... and after it


def local_name(proto: Proto, n: int, pc: int) -> bytes | None:
    """luaF_getlocalname: the n-th (1-based) local active at pc, if any."""
    for var in proto.locvars:
        if var.startpc > pc:
            break
        if pc < var.endpc:
            n -= 1
            if n == 0:
                return var.name
    return None


def _kname(proto: Proto, c: int) -> bytes:
    if is_k(c) and isinstance(proto.constants[index_k(c)], bytes):
        return proto.constants[index_k(c)]  # type: ignore[return-value]
    return b"?"


def object_name(proto: Proto, pc: int, reg: int) -> tuple[bytes, bytes] | None:
    """getobjname: (kind, name) of register reg at pc, e.g. (b"local", b"t"), or None."""
    for _ in range(256):  # MOVE chains go strictly downwards
        name = local_name(proto, reg + 1, pc)
        if name is not None:
            return b"local", name
        i = symbexec(proto, pc, reg)
        if i is None:
            return None
        op = get_op(i)
        if op == Op.GETGLOBAL:
            k = proto.constants[get_bx(i)]
            return b"global", k if isinstance(k, bytes) else b"?"
        if op == Op.MOVE:
            a, b = get_a(i), get_b(i)
            if b < a:
                reg = b
                continue
            return None
        if op == Op.GETTABLE:
            return b"field", _kname(proto, get_c(i))
        if op == Op.GETUPVAL:
            u = get_b(i)
            return b"upvalue", proto.upvalues[u] if u < len(proto.upvalues) else b"?"
        if op == Op.SELF:
            return b"method", _kname(proto, get_c(i))
        return None
    return None


def type_error(L, f: Frame, value: object, reg: int, op: bytes) -> LuaError:
    """luaG_typeerror: ``attempt to <op> <kind> '<name>' (a <type> value)``; reg is the
    register's index in f.R (constants first), or -1 when the value is not in a register."""
    t = type_name(value)
    named = None
    if f.cl is not None and reg >= 0:
        p = f.cl.p
        r = reg - p.nk
        if r >= 0:
            named = object_name(p.proto, f.pc - 1, r)
    if named is not None:
        kind, name = named
        msg = b"attempt to %s %s '%s' (a %s value)" % (op, kind, name, t)
    else:
        msg = b"attempt to %s a %s value" % (op, t)
    return LuaError(msg, positioned=False, runtime=True)


def order_error(a: object, b: object) -> LuaError:
    """luaG_ordererror."""
    t1 = type_name(a)
    t2 = type_name(b)
    if t1[2] == t2[2]:
        return LuaError(b"attempt to compare two %s values" % t1, positioned=False, runtime=True)
    return LuaError(b"attempt to compare %s with %s" % (t1, t2), positioned=False, runtime=True)


def function_name(frames: list[Frame], i: int) -> tuple[bytes, bytes] | None:
    """getfuncname: how the caller of frames[i] named it ("global 'f'", "method 'm'"...)."""
    f = frames[i]
    hook = f.cont == CONT_HOOK
    # a message handler runs at the failing instruction: 5.1 names it by that instruction
    # when it is a call (the handler of "attempt to call method 'bad'" shows as 'bad')
    if f.tailcalls > 0 or i == 0 or (f.cont != CONT_CALL and f.cont != CONT_TFORLOOP
                                     and f.cont != CONT_FAILED_C and f.cont != CONT_ERRFUNC
                                     and not hook):
        return None
    caller = frames[i - 1]
    if caller.cl is None:
        return None
    p = caller.cl.p
    # a hook is named by the instruction its frame was about to run, as 5.1 ends up doing
    pc = caller.pc if hook else caller.pc - 1
    if not 0 <= pc < len(p.proto.code):
        return None
    ins = p.proto.code[pc]
    if get_op(ins) in (Op.CALL, Op.TAILCALL, Op.TFORLOOP):
        return object_name(p.proto, pc, get_a(ins))
    return None


def traceback(L, level: int = 0, c_top: tuple[bytes, bytes] | None | bool = False,
              first: int = 2, paused: bool = False) -> bytes:
    """db_errorfb's ``stack traceback:`` of the running thread, innermost first. ``c_top``
    describes a library function that was running inline at the top (no frame of its own):
    False for none, else how its caller named it (or None when unnamed). ``first`` is the
    stack level of the first entry (lua.c's handler asks for level 2): it decides where a
    long traceback is cut. ``paused``: the top frame stands between two instructions (a run
    stopped at a slice's end), before the one at its pc, as under a hook."""
    frames = L.frames
    entries: list[bytes] = []
    if c_top is not False:
        entries.append(b"[C]: in function '%s'" % c_top[1] if c_top else b"[C]: ?")
    top = len(frames) - 1
    for i in range(top - level, -1, -1):
        entries.append(_describe(frames, i, paused and i == top))
        entries.extend([b"(tail call): ?"] * frames[i].tailcalls)
    return b"stack traceback:" + b"".join(b"\n\t" + e for e in _cut(entries, first))


def _cut(entries: list[bytes], first: int) -> list[bytes]:
    """db_errorfb's "...": levels first..LEVELS1-1 are shown; past LEVELS1, when more than
    LEVELS2 levels follow, the rest but the last LEVELS2 become one "..."."""
    last = first + len(entries) - 1
    if last <= max(first, LEVELS1) + LEVELS2:
        return entries
    return entries[:max(LEVELS1 - first, 0)] + [b"..."] + entries[-LEVELS2:]


def _describe(frames: list[Frame], i: int, paused: bool = False) -> bytes:
    """One traceback line for frames[i], as db_errorfb words it (``paused``: before its pc)."""
    f = frames[i]
    named = function_name(frames, i)
    if f.cl is None:  # a library function's frame, or the host's call
        if named is not None:
            return b"[C]: in function '%s'" % named[1]
        return b"[C]: ?"
    proto = f.cl.p.proto
    short = chunkid(proto.source if proto.source is not None else b"=?")
    # a frame is in the call above it, or stopped before its instruction by a hook (whose
    # frame is above it, or failed to start: its events still being fired, see hooks.step)
    mark = getattr(f, "hookmark", None)
    before = paused or (frames[i + 1].cont == CONT_HOOK if i + 1 < len(frames)
                        else mark.__class__ is tuple and mark[0] == f.pc)
    pc = f.pc if before else f.pc - 1
    line = proto.lineinfo[pc] if 0 <= pc < len(proto.lineinfo) else -1
    src = short + b":" + (b"%d:" % line if line > 0 else b"")
    if named is not None:
        return src + b" in function '" + named[1] + b"'"
    if proto.linedefined == 0:
        return src + b" in main chunk"
    return src + b" in function <%s:%d>" % (short, proto.linedefined)
