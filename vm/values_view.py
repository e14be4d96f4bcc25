"""Read-only views of Lua values for the front ends (REPL printer and completer, debugger).

Everything here reads raw: no metamethod runs, no Lua code is called, nothing in the VM changes
except that an object asked for its label gets its heap handle (handles are given on first
request; that is how an object gets its user-visible identity, ``table#12``). Front ends read
VM state through these functions and never through the runtime's own classes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from vm.bytecode.listing import list_function
from vm.chunkid import chunkid
from vm.compiler.lexer import RESERVED
from vm.runtime.coroutine import Coroutine
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.heap import StaleHandle
from vm.runtime.numbers import number_to_bytes
from vm.runtime.table import LuaTable
from vm.runtime.values import Userdata, type_name
from vm.session import Session

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INDEX_CHAIN = 16  # how many raw __index tables a field lookup follows (cycles end there too)
_FILEHANDLE = b"FILE*"  # the registry key of io's file metatable (liolib.c's LUA_FILEHANDLE)


class ViewError(Exception):
    """A view could not be made (a stale or unknown handle): the message says why."""


@dataclass(frozen=True, slots=True)
class FunctionInfo:
    """What a function is, for display: ``kind`` is "Lua" (a closure, with where it was
    defined) or "builtin" (a library function, with its name)."""

    kind: str
    name: str  # builtin: its library name; Lua: the short source ("stdin", "main.lua")
    line: int  # Lua: the line it was defined on (0 for a main chunk); builtin: -1
    params: int
    vararg: bool
    upvalues: int
    instructions: int = 0  # Lua: its prototype's size
    constants: int = 0

    def describe(self) -> str:
        """``function: main.lua:3``, ``main chunk: stdin`` or ``builtin: print``."""
        if self.kind == "builtin":
            return f"builtin: {self.name}"
        if self.line == 0:
            return f"main chunk: {self.name}"
        return f"function: {self.name}:{self.line}"


@dataclass(frozen=True, slots=True)
class HeapSummary:
    """The heap as the user sees it: memory in use and the objects that have handles."""

    bytes_in_use: int
    with_handles: int  # objects that currently hold a handle (were shown or asked for)
    by_type: tuple[tuple[str, int], ...]  # type name -> count, among those


def kind(v: object) -> str:
    """The Lua type name: "nil", "boolean", "number", "string", "table", "function", ..."""
    return type_name(v).decode()


def is_table(v: object) -> bool:
    return v.__class__ is LuaTable


def is_function(v: object) -> bool:
    return v.__class__ is LuaFunction or v.__class__ is Builtin


def is_identifier(name: str) -> bool:
    """A Lua name that is not a reserved word (usable after ``.`` or as ``name =``)."""
    return _IDENTIFIER.fullmatch(name) is not None and name not in RESERVED


def number_text(x: float) -> str:
    """A number as tostring prints it (``%.14g``)."""
    return number_to_bytes(x).decode("ascii")


def entries(t: LuaTable) -> list[tuple[object, object]]:
    """The table's (key, value) pairs, raw, array part first (booleans as booleans)."""
    return list(t.items())


def array_length(t: LuaTable) -> int:
    """How many of the keys 1, 2, 3 ... are present without a gap (raw)."""
    n = 0
    while t.get_int(n + 1) is not None:
        n += 1
    return n


def array_items(t: LuaTable, limit: int) -> list[object]:
    """The values under 1, 2, 3 ... up to the first gap, at most ``limit`` of them (raw)."""
    out = []
    while len(out) < limit:
        v = t.get_int(len(out) + 1)
        if v is None:
            break
        out.append(v)
    return out


def raw_get(t: LuaTable, key: object) -> object:
    """rawget (a nil or NaN key finds nothing)."""
    if key is None or (key.__class__ is float and key != key):
        return None
    return t.get(key)


def raw_field(t: LuaTable, name: str) -> object:
    """rawget with a string key given as text."""
    return t.get_str(name.encode("utf-8", "surrogateescape"))


class ValuesView:
    """The read-only view of one session's values: labels, metatables, fields, functions, heap."""

    __slots__ = ("_session",)

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def globals(self) -> LuaTable:
        """The global table (of the main thread)."""
        return self._session.globals

    def label(self, v: object) -> str:
        """``table#12``: the type name and the object's heap handle (given on first request)."""
        return self._session.state.heap.label(v)

    def handle(self, v: object) -> tuple[int, int]:
        """The object's heap handle (slot, generation), given on first request."""
        h = self._session.state.heap.handle_of(v)
        return h.index, h.generation

    def metatable(self, v: object) -> LuaTable | None:
        """The value's metatable, raw (a ``__metatable`` field does not hide it)."""
        return self._session.state.getmetatable(v)

    def string_library(self) -> LuaTable | None:
        """What ``s:name`` looks names up in: the string metatable's ``__index``, if a table."""
        meta = self._session.state.string_meta
        index = meta.get_str(b"__index") if meta is not None else None
        return index if index.__class__ is LuaTable else None

    def index_chain(self, v: object) -> list[LuaTable]:
        """The tables a field of ``v`` is looked up in, raw: ``v`` itself when it is a table,
        then each ``__index`` that is a table (a function ``__index`` ends the chain: it would
        have to run)."""
        chain: list[LuaTable] = []
        seen: set[int] = set()
        current = v
        while len(chain) < _INDEX_CHAIN:
            if current.__class__ is LuaTable:
                if id(current) in seen:
                    break
                seen.add(id(current))
                chain.append(current)  # type: ignore[arg-type]
            meta = self.metatable(current)
            if meta is None:
                break
            current = meta.get_str(b"__index")
            if current.__class__ is not LuaTable:
                break
        return chain

    def field(self, v: object, name: str) -> object:
        """``v.name`` read raw along the ``__index`` chain of tables; None when absent."""
        key = name.encode("utf-8", "surrogateescape")
        for t in self.index_chain(v):
            value = t.get_str(key)
            if value is not None:
                return value
        return None

    def lookup(self, path: tuple[str, ...]) -> object:
        """The value of a dotted path of names from the globals (``("string", "format")``),
        read raw; None when any step is missing."""
        value: object = self.globals
        for name in path:
            value = self.field(value, name)
            if value is None:
                return None
        return value

    def fields(self, v: object) -> list[tuple[str, object]]:
        """Names usable after ``v.`` or ``v:``: the identifier keys of ``v`` and of its
        ``__index`` tables, raw, nearest first, sorted by name."""
        found: dict[str, object] = {}
        for t in self.index_chain(v):
            for key, value in t.hash.items():  # string keys never live in the array part
                if key.__class__ is bytes and value is not None:
                    name = key.decode("utf-8", "surrogateescape")  # type: ignore[union-attr]
                    if name not in found and is_identifier(name):
                        found[name] = value
        return sorted(found.items())

    def function_info(self, f: object) -> FunctionInfo:
        """Where a function comes from (Lua closure or library function)."""
        if f.__class__ is Builtin:
            return FunctionInfo("builtin", f.name, -1, 0, True, 0)  # type: ignore[union-attr]
        if f.__class__ is not LuaFunction:
            raise ViewError(f"not a function: {kind(f)}")
        proto = f.p.proto  # type: ignore[union-attr]
        source = chunkid(proto.source or b"=?").decode("utf-8", "backslashreplace")
        return FunctionInfo("Lua", source, proto.linedefined, proto.numparams,
                            bool(proto.is_vararg), proto.nups, len(proto.code), len(proto.constants))

    def describe(self, v: object) -> str:
        """A short description beyond the label: the function's origin, a thread's status, a
        file handle's nature; "" for values with nothing more to say."""
        cls = v.__class__
        if cls is LuaFunction or cls is Builtin:
            return self.function_info(v).describe()
        if cls is Coroutine:
            return v.status.decode()  # type: ignore[union-attr]
        if cls is Userdata:
            files = self._session.state.registry.get_str(_FILEHANDLE)
            if files is not None and v.metatable is files:  # type: ignore[union-attr]
                return "file"
        return ""

    def listing(self, f: object, full: bool = False) -> str:
        """The ``luac -l`` listing of a Lua function (``-l -l`` when full)."""
        if f.__class__ is not LuaFunction:
            raise ViewError(f"{self.describe(f) if is_function(f) else kind(f)} has no bytecode")
        return list_function(f.p.proto, full)  # type: ignore[union-attr]

    def heap_summary(self) -> HeapSummary:
        heap = self._session.state.heap
        live = [o for o in heap.objects if o is not None]
        counts = Counter(kind(o) for o in live)
        return HeapSummary(heap.count(), len(live), tuple(sorted(counts.items())))

    def object_at(self, index: int) -> object:
        """The object holding handle ``#index``; ViewError when there is none (any more)."""
        try:
            return self._session.state.heap.resolve(index)
        except StaleHandle as exc:
            raise ViewError(str(exc)) from None

    def handled_objects(self) -> list[object]:
        """The objects that hold handles, by handle index."""
        return [o for o in self._session.state.heap.objects if o is not None]
