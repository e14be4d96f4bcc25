"""Chunk names as Lua shows them in messages (lobject.c's luaO_chunkid)."""

from __future__ import annotations

LUA_IDSIZE = 60  # luaconf.h: room for a source description in debug info
MAXSRC = 80  # llex.c: room for the source in syntax errors


def chunkid(source: bytes, bufflen: int = LUA_IDSIZE) -> bytes:
    """``=name`` -> ``name``; ``@file`` -> ``file`` (``...tail`` if long); text -> ``[string "..."]``."""
    if source.startswith(b"="):
        return source[1:bufflen].split(b"\0", 1)[0]
    if source.startswith(b"@"):
        name = source[1:].split(b"\0", 1)[0]
        room = bufflen - len(b" '...' ") - 1
        if len(name) > room:
            return b"..." + name[len(name) - room:]
        return name
    text = source.split(b"\0", 1)[0]
    cut = len(text)
    for i, c in enumerate(text):
        if c in (10, 13):
            cut = i
            break
    room = bufflen - len(b' [string "..."] ') - 1
    if cut > room:
        cut = room
    if cut < len(text):
        return b'[string "' + text[:cut] + b'..."]'
    return b'[string "' + text + b'"]'
