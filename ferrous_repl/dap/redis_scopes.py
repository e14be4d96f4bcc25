"""The Redis scopes of a stopped script or function: the Keyspace (each key with its type,
value and time to live; lists, hashes, sets, sorted sets expandable) and the redis.call log
(each call with its line, its arguments and its reply as redis-cli prints it), read from
``RedisDebugSession`` as the TUI's redis tab reads them."""

from __future__ import annotations

from ferrous_repl.dap.variables import Node, References
from ferrous_repl.redis_output import format_tty, repr_bytes


def _quoted(b: bytes) -> str:
    return repr_bytes(b).decode("utf-8", "backslashreplace")


def keyspace_node(redis, refs: References) -> Node:
    def children(start, count, which):
        keys, more = redis.read_keys()
        out = []
        for k in keys:
            note = f", ttl {k.ttl} s" if k.ttl >= 0 else ""
            if k.type == "string":
                out.append({"name": _quoted(k.key), "value": _quoted(k.value[0]) if k.value else '""',
                            "type": "string" + note, "variablesReference": 0})
                continue
            items = list(k.value)
            node = Node(_items(k.type, items))
            n = len(items) // 2 if k.type in ("hash", "zset") else len(items)
            out.append({"name": _quoted(k.key), "value": f"{k.type} ({n} item{'' if n == 1 else 's'})"
                        if k.type != "stream" else (items[0].decode() if items else "stream"),
                        "type": k.type + note,
                        "variablesReference": refs.add(node) if k.type != "stream" else 0})
        if more:
            out.append({"name": "...", "value": "more keys than shown", "variablesReference": 0})
        return out

    return Node(children)


def _items(kind: str, items: list[bytes]):
    def children(start, count, which):
        if kind == "hash":
            return [{"name": _quoted(items[i]), "value": _quoted(items[i + 1]), "variablesReference": 0}
                    for i in range(0, len(items) - 1, 2)]
        if kind == "zset":
            return [{"name": _quoted(items[i]), "value": items[i + 1].decode("ascii", "replace"),
                     "type": "score", "variablesReference": 0} for i in range(0, len(items) - 1, 2)]
        return [{"name": f"[{i + 1}]" if kind == "list" else str(i + 1), "value": _quoted(v),
                 "variablesReference": 0} for i, v in enumerate(items)]

    return children


def call_log_node(redis) -> Node:
    def children(start, count, which):
        out = []
        for i, call in enumerate(redis.calls()):
            command = " ".join(_quoted(a) for a in call.argv)
            reply = format_tty(call.reply).decode("utf-8", "backslashreplace").rstrip("\n")
            out.append({"name": f"{i + 1}. line {call.line}", "value": f"{command} -> {reply}",
                        "type": "redis.call error" if call.raised else "redis.call",
                        "variablesReference": 0})
        return out

    return Node(children)
