"""Redis scripting: the EVAL contract of Redis 7.0 on the ferrous VM.

- ``engine.ScriptEngine``: EVAL/EVALSHA/SCRIPT against a keyspace, replies as ``reply`` values.
- ``environment``: the sandboxed globals Redis gives scripts (read-only tables, the ``redis``
  table, KEYS/ARGV); ``api``: the ``redis.*`` functions.
- ``convert``: Lua <-> RESP conversions; ``resp``: the wire format; ``reply``: reply values.
- ``keyspace``: where ``redis.call`` goes: ``embedded`` (fakeredis as a command executor) or
  ``remote`` (a real server through redis-py, replies read raw).
"""
