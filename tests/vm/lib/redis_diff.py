"""Differential runs of one Lua script in real Redis (EVAL) and in our VM, for the Redis-only
libraries (cjson, cmsgpack, struct, bit).

Our side loads the script as Redis 7.0 does (chunk name ``@user_script``, so positions read
``user_script:1:``) in a Session with the library opened, and converts what it returns to what
redis-py reads from an EVAL reply (the RESP2 conversion of Redis: numbers truncated to integers,
``true`` to 1, ``false`` and nil to None, tables to arrays up to the first nil). Scripts should
return strings (``tostring``, encoded JSON, ``pcall`` messages) so that replies compare exactly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import redis

from vm.errors import LuaError
from vm.runtime.table import LuaTable
from vm.session import Session


class Differ:
    """One real server connection and one session of ours (state persists between scripts in
    both, as Redis keeps one Lua state for all EVALs)."""

    def __init__(self, redis_url: str, *openers: Callable) -> None:
        # no socket timeout (redis-py's default is 5 s): a loaded machine takes longer than that
        # to pack 70,000 elements, and the server's answer is what is being compared
        self.server = redis.Redis.from_url(redis_url, socket_timeout=None)
        self.session = Session()
        for opener in openers:
            opener(self.session.state)

    def real(self, script: str | bytes) -> object:
        try:
            return self.server.eval(script, 0)
        except redis.ResponseError as e:
            return ("error", str(e))

    def ours(self, script: str | bytes) -> object:
        src = script.encode() if isinstance(script, str) else script  # as redis-py sends it
        try:
            results = self.session.run(src, b"@user_script")
        except LuaError as e:
            return ("error", e.value)
        return to_reply(results[0] if results else None)

    def check(self, script: str | bytes) -> object:
        """Run in both; assert the replies are equal; return the reply."""
        theirs = self.real(script)
        mine = self.ours(script)
        assert mine == theirs, f"script: {script!r}\nredis: {theirs!r}\nours:  {mine!r}"
        return theirs

    def check_json(self, script: str | bytes) -> object:
        """Both replies are JSON texts (or arrays of them) equal once parsed: for objects with
        several keys, whose order follows the table's node order (see the libraries' notes)."""
        theirs = self.real(script)
        mine = self.ours(script)
        assert _parsed(mine) == _parsed(theirs), \
            f"script: {script!r}\nredis: {theirs!r}\nours:  {mine!r}"
        return theirs


def _parsed(reply: object) -> object:
    if isinstance(reply, list):
        return [_parsed(x) for x in reply]
    if isinstance(reply, bytes):
        try:
            return json.loads(reply.decode("latin-1"), parse_constant=lambda s: s)
        except ValueError:
            return reply
    return reply


def to_lua(v: object) -> object:
    """A Python value (lists, dicts, and Lua scalars) as a Lua value: lists and dicts as tables."""
    if isinstance(v, list):
        t = LuaTable()
        for i, x in enumerate(v, 1):
            t.set(float(i), to_lua(x))
        return t
    if isinstance(v, dict):
        t = LuaTable()
        for k, x in v.items():
            t.set(k, to_lua(x))
        return t
    return v


def to_reply(v: object) -> object:
    """What redis-py returns for a Lua value returned by an EVAL script (RESP2)."""
    if v is None or v is False:
        return None
    if v is True:
        return 1
    if isinstance(v, float):
        return int(v) if math.isfinite(v) else -(1 << 63)
    if isinstance(v, bytes):
        return v
    if isinstance(v, LuaTable):
        err = v.get(b"err")
        if isinstance(err, bytes):
            return ("error", err)
        ok = v.get(b"ok")
        if isinstance(ok, bytes):
            return ok
        out = []
        i = 1
        while (x := v.get(float(i))) is not None:
            out.append(to_reply(x))
            i += 1
        return out
    return None


# A Lua function (prepend to a script) rendering any value as a string that does not depend on
# table traversal order: numbers exactly (%.17g), strings quoted, table keys sorted, cjson.null
# as NULL.
CANON = r"""
local function canon(v, depth)
  depth = depth or 0
  local t = type(v)
  if t == 'number' then
    if v ~= v then return 'nan' end
    return string.format('%.17g', v)
  elseif t == 'string' then return string.format('%q', v)
  elseif t == 'userdata' and cjson and v == cjson.null then return 'NULL'
  elseif t == 'table' then
    if depth > 20 then return '{...}' end
    local parts = {}
    for k, x in pairs(v) do parts[#parts + 1] = canon(k, depth + 1) .. '=' .. canon(x, depth + 1) end
    table.sort(parts)
    return '{' .. table.concat(parts, ',') .. '}'
  end
  return tostring(v)
end
local function canon_all(...)
  local out = {}
  for i = 1, select('#', ...) do out[i] = canon((select(i, ...))) end
  return select('#', ...) .. ':' .. table.concat(out, ' ')
end
"""


def lua_string(b: bytes) -> str:
    """A Lua string literal for any bytes (decimal escapes, so it survives any source encoding)."""
    return '"' + "".join(chr(c) if 32 <= c < 127 and c not in (34, 92) else "\\%03d" % c for c in b) + '"'


def lua_number(x: float) -> str:
    """A Lua expression for any double, NaN and infinities included."""
    if x != x:
        return "(0/0)"
    if x in (float("inf"), float("-inf")):
        return "(1/0)" if x > 0 else "(-1/0)"
    return "(%r)" % x
