"""Lua <-> Redis conversions, exactly as Redis 7.0 does them (script_lua.c).

- ``command_args``: redis.call's arguments to a command (luaArgsToRedisArgv): strings as they
  are, numbers as ``%.17g``, anything else refused.
- ``reply_to_lua``: a command's reply to a Lua value (redisProtocolToLuaType): integers to
  numbers, a status to ``{ok=...}``, an error to ``{err=...}``, RESP2's nil to false, RESP3's
  types to ``{double=}``, ``{map=}``, ``{set=}``, ``{big_number=}``, ``{verbatim_string=}``.
- ``lua_to_reply``: what a script returns to a reply (luaReplyToRedisReply): numbers truncated
  to integers, strings to bulk strings, booleans by the script's protocol, tables checked for
  ``err``, ``ok``, ``double``, ``big_number``, ``verbatim_string``, ``map``, ``set`` (raw reads,
  in that order), else an array up to the first nil; anything else to nil.
- ``error_table``: an error as the ``{err="CODE message"}`` table (luaPushErrorBuff).
"""

from __future__ import annotations

from vm.redis.reply import NULL_ARRAY, BigNumber, Double, ErrorReply, Map, SetReply, Status, Verbatim
from vm.redis.resp import format_double
from vm.runtime.table import LuaTable

_INT64_MIN = -(1 << 63)
# luaReplyToRedisReply asks lua_checkstack for 4 slots at every value; the Lua stack of a C call
# holds LUAI_MAXCSTACK (8000) slots, 2 of them taken (the error handler and the result)
_MAXCSTACK = 8000
_STACK_ERROR = ErrorReply(b"ERR reached lua stack limit")


def cstr(s: bytes) -> bytes:
    """What C string functions see of a Lua string: everything before the first NUL."""
    nul = s.find(b"\0")
    return s if nul < 0 else s[:nul]


def map_newlines(s: bytes) -> bytes:
    """sdsmapchars(s, "\\r\\n", "  "): a reply line may not hold a line break."""
    return s.replace(b"\r", b" ").replace(b"\n", b" ")


def to_int64(x: float) -> int:
    """C's (long long) cast of a double on x86-64: truncation; NaN and out-of-range values give
    the 'integer indefinite' value INT64_MIN."""
    if x != x or x >= 9.2233720368547758e18 or x < -9.2233720368547758e18:
        return _INT64_MIN
    return int(x)


def command_args(args: list) -> list[bytes] | None:
    """The command a redis.call makes, or None when an argument is neither a string nor a
    number. Numbers are written with ``%.17g`` (lua_tostring's ``%.14g`` would lose digits)."""
    argv = []
    for v in args:
        if v.__class__ is bytes:
            argv.append(v)
        elif v.__class__ is float:
            argv.append(format_double(v))  # type: ignore[arg-type]
        else:
            return None
    return argv


def error_table(text: bytes, *, from_command: bool = False) -> LuaTable:
    """luaPushErrorBuff: ``-CODE message`` keeps its code, anything else gets ``ERR``; line breaks
    at either end are trimmed. ``from_command`` adds the ``ignore_error_stats_update`` field Redis
    sets on errors from running a command."""
    text = cstr(text)
    if text[:1] == b"-":
        code, sep, msg = text[1:].partition(b" ")
        if not sep:
            code, msg = b"ERR", text[1:]
    else:
        code, msg = b"ERR", text
    t = LuaTable()
    t.set_str(b"err", code + b" " + msg.strip(b"\r\n"))
    if from_command:
        t.set_str(b"ignore_error_stats_update", True)
    return t


def reply_to_lua(reply: object, resp: int = 2) -> object:
    """A command's reply as the Lua value redis.call returns (``resp``: the protocol the reply
    was read in; RESP2's nil is false, RESP3's nil is nil)."""
    cls = reply.__class__
    if cls is bytes:
        return reply
    if cls is int:
        return float(reply)  # type: ignore[arg-type]
    if reply is None or reply is NULL_ARRAY:
        return False if resp == 2 else None
    if cls is bool:
        return reply
    if cls is Status:
        return _field(b"ok", bytes(reply))  # type: ignore[arg-type]
    if cls is ErrorReply:
        return error_table(b"-" + reply.text, from_command=True)  # type: ignore[attr-defined]
    if cls is list:
        t = LuaTable()
        for j, item in enumerate(reply, 1):  # type: ignore[arg-type]
            t.set(float(j), reply_to_lua(item, resp))
        return t
    if cls is Map:
        inner = LuaTable()
        for k, v in reply.items:  # type: ignore[attr-defined]
            key = reply_to_lua(k, resp)
            if key is not None:
                inner.set(key, reply_to_lua(v, resp))
        return _field(b"map", inner)
    if cls is SetReply:
        inner = LuaTable()
        for k in reply.items:  # type: ignore[attr-defined]
            key = reply_to_lua(k, resp)
            if key is not None:
                inner.set(key, True)
        return _field(b"set", inner)
    if cls is Double:
        return _field(b"double", reply.value)  # type: ignore[attr-defined]
    if cls is BigNumber:
        return _field(b"big_number", reply.digits)  # type: ignore[attr-defined]
    if cls is Verbatim:
        inner = LuaTable()
        inner.set_str(b"string", reply.text)  # type: ignore[attr-defined]
        inner.set_str(b"format", reply.format)  # type: ignore[attr-defined]
        return _field(b"verbatim_string", inner)
    return error_table(b"ERR ferrous: unexpected reply %r" % (reply,))


def _field(name: bytes, value: object) -> LuaTable:
    t = LuaTable()
    t.set_str(name, value)
    return t


class _Aggregate:
    """A table being converted: its kind and its elements with the stack height of each."""

    __slots__ = ("kind", "kids", "pos", "out")

    def __init__(self, kind: str, kids: list[tuple[object, int]]) -> None:
        self.kind = kind
        self.kids = kids
        self.pos = 0
        self.out: list[object] = []

    def result(self) -> object:
        out = self.out
        if self.kind == "map":
            return Map(tuple(zip(out[0::2], out[1::2], strict=True)))
        if self.kind == "set":
            return SetReply(tuple(out))
        return out


def lua_to_reply(value: object, script_resp: int = 2) -> object:
    """A script's return value as a reply. ``script_resp`` is the protocol the script chose with
    redis.setresp: under 2, true is 1 and false nil; under 3, booleans stay booleans.

    Iterative (tables may nest thousands deep); like Redis, a value that would overflow the Lua
    stack becomes the error ``reached lua stack limit``."""
    root = _Aggregate("array", [(value, 2)])
    frames = [root]
    while frames:
        f = frames[-1]
        if f.pos == len(f.kids):
            frames.pop()
            if frames:
                frames[-1].out.append(f.result())
            continue
        v, height = f.kids[f.pos]
        f.pos += 1
        r = _convert(v, height, script_resp)
        if r.__class__ is _Aggregate:
            frames.append(r)  # type: ignore[arg-type]
        else:
            f.out.append(r)
    return root.out[0]


def _convert(v: object, h: int, script_resp: int) -> object:
    """One value at stack height h: a reply, or an _Aggregate to fill."""
    if h + 4 > _MAXCSTACK:
        return _STACK_ERROR
    cls = v.__class__
    if cls is bytes:
        return v
    if cls is float:
        return to_int64(v)  # type: ignore[arg-type]
    if cls is bool:
        if script_resp == 2:
            return 1 if v else None
        return v
    if cls is not LuaTable:
        return None
    t: LuaTable = v  # type: ignore[assignment]
    err = t.get_str(b"err")
    if err.__class__ is bytes:
        return ErrorReply(map_newlines(cstr(err).rstrip(b"\r\n")))  # type: ignore[arg-type]
    ok = t.get_str(b"ok")
    if ok.__class__ is bytes:
        return Status(map_newlines(cstr(ok)))  # type: ignore[arg-type]
    d = t.get_str(b"double")
    if d.__class__ is float:
        return Double(d)  # type: ignore[arg-type]
    big = t.get_str(b"big_number")
    if big.__class__ is bytes:
        return BigNumber(map_newlines(big))  # type: ignore[arg-type]
    verb = t.get_str(b"verbatim_string")
    if verb.__class__ is LuaTable:
        fmt = verb.get_str(b"format")  # type: ignore[attr-defined]
        text = verb.get_str(b"string")  # type: ignore[attr-defined]
        if fmt.__class__ is bytes and text.__class__ is bytes:
            return Verbatim(cstr(fmt)[:3], text)  # type: ignore[arg-type]
    inner = t.get_str(b"map")
    if inner.__class__ is LuaTable:
        kids: list[tuple[object, int]] = []
        for k, x in inner.items():  # type: ignore[attr-defined]
            kids.append((k, h + 4))  # the key is converted from a copy pushed above the value
            kids.append((x, h + 3))
        return _Aggregate("map", kids)
    inner = t.get_str(b"set")
    if inner.__class__ is LuaTable:
        return _Aggregate("set", [(k, h + 3) for k, _ in inner.items()])  # type: ignore[attr-defined]
    kids = []
    j = 1
    while True:
        x = t.get_int(j)
        if x is None:
            break
        kids.append((x, h + 1))
        j += 1
    return _Aggregate("array", kids)
