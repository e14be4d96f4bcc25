"""Which server's scripting environment to reproduce: Redis 7.0 (the default) or Valkey 8.

Valkey, the Redis fork, kept Redis's Lua engine and renamed its API: the table is the global
``server``, with ``redis`` an alias of the same table; it adds ``VALKEY_VERSION``,
``VALKEY_VERSION_NUM`` and ``SERVER_NAME`` and reports a Redis compatibility version of 7.2.4;
its error texts say ``server.`` where Redis's say ``redis.`` (script_lua.c, function_lua.c of
Valkey 8.0). Everything else is Redis 7.0's (the rest of Valkey 8's differences, such as its
longer allow list of globals, is not reproduced).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Flavor:
    name: str
    api: bytes  # the API table's own name, as the error texts write it
    globals: tuple[bytes, ...]  # the globals naming the API table
    versions: tuple[tuple[bytes, object], ...]  # version fields of the API table, in order

    def message(self, text: bytes) -> bytes:
        """A text written for Redis (``redis.setresp() requires ...``) in this flavor's words."""
        return text.replace(b"redis.", self.api + b".")


REDIS = Flavor("redis", b"redis", (b"redis",),
               ((b"REDIS_VERSION_NUM", float(0x07000F)), (b"REDIS_VERSION", b"7.0.15")))
VALKEY = Flavor("valkey", b"server", (b"server", b"redis"),
                ((b"REDIS_VERSION_NUM", float(0x070204)), (b"REDIS_VERSION", b"7.2.4"),
                 (b"VALKEY_VERSION_NUM", float(0x080001)), (b"VALKEY_VERSION", b"8.0.1"),
                 (b"SERVER_NAME", b"valkey")))

FLAVORS = {f.name: f for f in (REDIS, VALKEY)}
