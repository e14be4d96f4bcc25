"""Watched places: a local (by frame and name), an upvalue cell, a global, a table field.

A place is named by what survives time travel: heap handles (objects created after a mark are
made again, as new Python objects with the same handles, when the run is replayed) and a frame's
level from the bottom of its thread. Reading a place never runs Lua code (raw gets only).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vm import inspect
from vm.debugger.model import HANDLED
from vm.runtime.heap import Handle, StaleHandle
from vm.runtime.table import LuaTable

GONE = "<gone>"  # the place no longer exists (its frame returned, its table was collected)


class WatchError(ValueError):
    """A place that cannot be watched, with the reason in words."""


@dataclass(frozen=True, slots=True)
class Watch:
    """A watched place. ``kind``: local, upvalue, global or field. ``owner``: the table (field,
    global) or closure (upvalue) by handle, or the thread for a local (None: the main thread);
    ``key``: the table key, the upvalue index, or (frame level, register) for a local."""

    label: str
    kind: str
    owner: Handle | None
    key: object
    proto: object = None  # a local's function (a frame at that level running another is not it)


def value_of(d, w: Watch) -> object:
    """The watched place's value now, as a comparable key (objects by handle, numbers with their
    type, a NaN equal to itself), or GONE."""
    L = d.w.L
    try:
        if w.kind == "local":
            thread = L.main if w.owner is None else L.heap.resolve(w.owner.index, w.owner.generation)
            level, reg = w.key  # type: ignore[misc]
            frames = thread.frames  # type: ignore[attr-defined]
            if level >= len(frames) or frames[level].cl is None or frames[level].cl.p is not w.proto:
                return GONE
            f = frames[level]
            return _comparable(f.R[f.cl.p.nk + reg])
        owner = L.heap.resolve(w.owner.index, w.owner.generation)  # type: ignore[union-attr]
    except StaleHandle:
        return GONE
    if w.kind == "upvalue":
        cell = owner.upvals[w.key]  # type: ignore[attr-defined, index]
        return _comparable(cell.regs[cell.idx])
    return _comparable(owner.get(w.key))  # type: ignore[attr-defined]


def changed(watches: list[Watch], now: tuple, before: tuple) -> list[str]:
    """The labels of the watched places whose value differs between two readings; a place
    coming into existence or going away (GONE) is not a change."""
    return [w.label for w, a, b in zip(watches, now, before, strict=True)
            if a != b and a is not GONE and b is not GONE]


def _comparable(v: object) -> object:
    cls = v.__class__
    if cls in HANDLED:
        h = v.handle  # type: ignore[attr-defined]
        return ("object", h.index, h.generation) if h is not None else ("object", id(v))
    if cls is float and v != v:
        return ("nan",)
    return (cls.__name__, v)


_KEY = re.compile(r"""\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'"""
                  r"""|[-+]?[\d.]+(?:[eE][-+]?\d+)?|true|false)\s*\])""")
_HEAD = re.compile(r"\s*(?:(table|function|thread|userdata)#(L?\d+)|([A-Za-z_]\w*))")


def parse(d, text: str, depth: int = 0) -> Watch:
    """A place from its text: ``x`` (a local of the frame at ``depth``, else an upvalue of its
    function, else a global), ``t.x``, ``t[3]``, ``t.a["b"]``, ``table#12[3]``,
    ``table#12.name``. Raises WatchError. A handle is numbered as the debugger shows objects:
    ``table#3`` is the program's third object (``Debugger.first_handle`` onwards), ``table#L12``
    a library object's heap slot 12."""
    m = _HEAD.match(text)
    if m is None:
        raise WatchError(f"cannot watch {text.strip()!r}: expected a name or a handle such as table#12")
    keys = []
    pos = m.end()
    while pos < len(text.rstrip()):
        k = _KEY.match(text, pos)
        if k is None:
            raise WatchError(f"cannot watch {text.strip()!r}: expected .name or [key] at "
                             f"{text[pos:].strip()!r}")
        keys.append(k.group(1).encode() if k.group(1) is not None else _literal(k.group(2)))
        pos = k.end()
    label = text.strip()
    L = d.w.L
    if m.group(2) is not None:
        number = m.group(2)
        slot = int(number[1:]) if number.startswith("L") else int(number) - 1 + d.first_handle
        try:
            obj = L.heap.resolve(slot)
        except StaleHandle as exc:
            raise WatchError(str(exc)) from None
        if not keys:
            raise WatchError(f"watch a field of {label} (such as {label}[1] or {label}.name)")
        return _field(L, obj, keys, label)
    name = m.group(3).encode()
    f = d._frame_at(depth)
    if f is not None:
        proto = f.cl.p.proto
        reg = _local_register(proto, name, f.pc)
        if reg is not None:
            if keys:
                return _field(L, f.R[f.cl.p.nk + reg], keys, label)
            thread = L.current
            level = next(i for i, g in enumerate(thread.frames) if g is f)
            owner = None if thread is L.main else L.heap.handle_of(thread)
            return Watch(label, "local", owner, (level, reg), f.cl.p)
        if name in proto.upvalues:
            i = proto.upvalues.index(name)
            if keys:
                cell = f.cl.upvals[i]
                return _field(L, cell.regs[cell.idx], keys, label)
            return Watch(label, "upvalue", L.heap.handle_of(f.cl), i)
    g = f.cl.env if f is not None else L.globals
    if keys:
        return _field(L, g.get(name), keys, label)
    return Watch(label, "global", L.heap.handle_of(g), name)


def register(d, reg: int, depth: int = 0) -> Watch:
    """Register ``reg`` of the frame at ``depth`` as a place (named as the local there, if any)."""
    f = d._frame_at(depth)
    if f is None or not 0 <= reg < f.cl.p.proto.maxstacksize:
        raise WatchError(f"no register R{reg} in this frame")
    L = d.w.L
    thread = L.current
    level = next(i for i, g in enumerate(thread.frames) if g is f)
    owner = None if thread is L.main else L.heap.handle_of(thread)
    name = inspect.local_at(f.cl.p.proto, reg, f.pc)
    label = name.decode("utf-8", "replace") if name and not name.startswith(b"(") else f"R{reg}"
    return Watch(label, "local", owner, (level, reg), f.cl.p)


def _field(L, obj: object, keys: list, label: str) -> Watch:
    for k in keys[:-1]:
        if obj.__class__ is not LuaTable:
            break
        obj = obj.get(k)  # type: ignore[attr-defined]
    if obj.__class__ is not LuaTable:
        raise WatchError(f"cannot watch {label}: not a field of a table")
    return Watch(label, "field", L.heap.handle_of(obj), keys[-1])


def _local_register(proto, name: bytes, pc: int) -> int | None:
    found = None
    for reg in range(proto.maxstacksize):
        if inspect.local_at(proto, reg, pc) == name:
            found = reg  # a later register of the same name shadows an earlier one
    return found


def _literal(text: str) -> object:
    if text in ("true", "false"):
        return text == "true"
    if text[0] in "\"'":
        return text[1:-1].encode().decode("unicode_escape").encode("latin-1")
    return float(text)
