"""Script errors as Redis 7.0 reports them.

A failing script's error goes through Redis's message handler (``__redis__err__handler``, run
at the error point): anything but a table becomes ``{err="ERR " .. tostring(e)}``, and the table
gets ``source`` and ``line`` of the function that raised it (the caller's when that was a C
function). EVAL then replies ``-<err> script: <sha1>, on <source>:<line>.``
(luaCallFunction). Compile errors read ``ERR Error compiling script (new function): <msg>``.
"""

from __future__ import annotations

from vm.redis.convert import cstr, map_newlines
from vm.redis.readonly import MESSAGE as READONLY_MESSAGE
from vm.redis.readonly import is_readonly
from vm.redis.reply import ErrorReply
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.runtime.values import plain_tostring

# Redis's handler is Lua code loaded as "@err_handler_def"; the store of 'source' into the error
# table is on its line 10. When that store fails (the error is a read-only table), the handler
# runs again for the new error, raised there.
_HANDLER_SOURCE = b"@err_handler_def"
_HANDLER_STORE_LINE = 10


def _is_string(v: object) -> bool:
    """lua_isstring: strings and numbers."""
    return v.__class__ is bytes or v.__class__ is float


def _tostring(v: object) -> bytes:
    return number_to_bytes(v) if v.__class__ is float else v  # type: ignore[return-value,arg-type]


def frame_line(f, pc: int) -> int:
    """The source line of instruction pc of a Lua frame, -1 when there is none (lua_Debug's
    currentline)."""
    info = f.cl.p.proto.lineinfo
    return info[pc] if 0 <= pc < len(info) else -1


def raise_position(L) -> tuple[bytes, float] | None:
    """(source, currentline) of debug.getinfo(2) in Redis's handler, or of getinfo(3) when level
    2 is a C function: the Lua function that raised the error, or that called the library
    function that raised it. Called inline at the error point, so L.frames is the failing stack."""
    frames = L.frames
    i = len(frames) - 1
    c_at_top = L.handler_c_top is not False  # a library function without a frame raised it
    if not c_at_top and i >= 0 and frames[i].cl is None:
        c_at_top = True  # a library function with a frame (a generator) raised it
        i -= 1
    if i < 0:
        return None
    f = frames[i]
    if f.cl is None:
        return b"=[C]", -1.0
    return f.cl.p.proto.source or b"=?", float(frame_line(f, f.pc - 1))


def handle_error(L, args: list) -> list:
    """The message handler EVAL runs scripts under (``__redis__err__handler``)."""
    err = args[0] if args else None
    where = raise_position(L)
    if err.__class__ is LuaTable and is_readonly(err):
        # its store fails: the handler's second run reports that failure instead
        err = b"%s:%d: %s" % (_HANDLER_SOURCE[1:], _HANDLER_STORE_LINE, READONLY_MESSAGE)
        where = (_HANDLER_SOURCE, float(_HANDLER_STORE_LINE))
    if err.__class__ is not LuaTable:
        t = LuaTable()
        t.set_str(b"err", b"ERR " + plain_tostring(err))
        err = t
    if where is not None:
        err.set_str(b"source", where[0])  # type: ignore[union-attr]
        err.set_str(b"line", where[1])  # type: ignore[union-attr]
    return [err]


def _field(t: LuaTable, name: bytes) -> object:
    """lua_getfield without calling Lua: a raw read, then __index tables followed."""
    for _ in range(100):
        v = t.get_str(name)
        if v is not None:
            return v
        mt = t.metatable
        nxt = mt.get_str(b"__index") if mt is not None else None
        if nxt.__class__ is not LuaTable:
            return None
        t = nxt  # type: ignore[assignment]
    return None


def script_error_reply(value: object, sha: bytes) -> ErrorReply:
    """EVAL's reply for a script that raised ``value`` (what the handler made of it)."""
    if value.__class__ is not LuaTable:
        msg = _tostring(value) if _is_string(value) else b"execution failure"
        text = b"ERR Error running script %s, %s" % (sha, cstr(msg)[:100])
        return ErrorReply(map_newlines(text.strip(b"\r\n")))
    t: LuaTable = value  # type: ignore[assignment]
    err = _field(t, b"err")
    if _is_string(err):
        msg = cstr(_tostring(err))
    else:  # Redis 7.0.15 crashes here (a NULL message); say what happened instead
        msg = b"ERR the script raised a table without an 'err' field"
    source = _field(t, b"source")
    line = _field(t, b"line")
    if _is_string(source) and _is_string(line):
        msg += b" script: %s, on %s:%s." % (sha, cstr(_tostring(source)), cstr(_tostring(line)))
    return ErrorReply(map_newlines(msg))


def compile_error_reply(message: bytes) -> ErrorReply:
    """luaCreateFunction's reply for a script that does not compile."""
    text = b"ERR Error compiling script (new function): " + cstr(message)
    return ErrorReply(map_newlines(text.strip(b"\r\n")))
