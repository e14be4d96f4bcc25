"""How the debugger names objects: the program's own objects numbered from 1 (``table#1`` is the
first table the program made, whatever the libraries made before it), library objects by the
name a program uses for them (``print``, ``string.format``, ``io.stdout``; ``table#L12`` for the
few without one), and functions the program can name shown by that name first (``get
(function#3)``).

The numbers are the heap's handles shifted by the objects that existed when the debugger
started (``Debugger.first_handle``): handles depend only on the program's history, so a step back
and forward again names every object as before. A handle typed by the user (heap browser) goes
through ``parse`` back to the heap's slot.
"""

from __future__ import annotations

import re

from vm.debugger import Debugger
from vm.values_view import ValuesView, entries, is_identifier, kind

_OBJECTS = ("table", "function", "thread", "userdata")
LIBRARY = "L"  # the mark of a library object's number: table#L12
_HANDLE = re.compile(r"\s*(?:[a-z]*#)?(L)?(\d+)(?:\s*(?:gen(?:eration)?|[/@:.])\s*(\d+))?\s*")


class DebugNames(ValuesView):
    """A ValuesView whose labels are the debugger's names (see the module docstring)."""

    __slots__ = ("_first", "_library", "_known")

    def __init__(self, debugger: Debugger, library: dict[int, str] | None = None) -> None:
        super().__init__(debugger.session)
        self._first = debugger.first_handle
        self._library = library if library is not None else library_names(debugger, self)
        self._known: dict[int, str] = {}

    @property
    def library(self) -> dict[int, str]:
        return self._library

    def label(self, v: object) -> str:
        index, generation = self.handle(v)
        if index >= self._first:
            return f"{kind(v)}#{index - self._first + 1}"
        name = self._library.get(index) if generation == 1 else None
        # a slot of the libraries that the program's object reuses keeps the library number
        return name if name is not None else f"{kind(v)}#{LIBRARY}{index}"

    def is_library(self, v: object) -> bool:
        index, generation = self.handle(v)
        return index < self._first and generation == 1

    def describe(self, v: object) -> str:
        about = super().describe(v)
        if about.startswith("builtin: ") and self.handle(v)[0] in self._library:
            return "builtin"  # the label is its name already
        return about

    def know(self, names: dict[int, str]) -> None:
        """Names the program uses now for its objects (by ``id``), for ``named``."""
        self._known = names

    def known_name(self, v: object) -> str | None:
        """The name the program knows ``v`` by now (a local, an upvalue, a global), if any."""
        return self._known.get(id(v))

    def named(self, v: object) -> str:
        """An object with the name the program knows it by first: ``get (function#3)``."""
        label = self.label(v)
        name = self._known.get(id(v))
        if name is None or name == label:
            return label
        return f"{name} ({label})"

    def show(self, v: object) -> str:
        """How an explanation sentence writes a value (vm/explain.py's ``show``)."""
        k = kind(v)
        if k in ("nil", "boolean", "number", "string"):
            from vm.explain import plain

            return plain(v)
        if self.is_library(v) and self.handle(v)[0] in self._library:
            return f"{k} {self.label(v)}"  # the library's table string, function print
        return self.label(v)  # the sentence names the operand already (``copy f into R1``)

    def index_of(self, shown: int, library: bool) -> int:
        """The heap slot of a number as shown (``#3`` or ``#L12``)."""
        return shown if library else shown - 1 + self._first

    def shown_index(self, slot: int) -> str:
        """A heap slot as the user knows it: ``3`` or ``L12``."""
        return str(slot - self._first + 1) if slot >= self._first else f"{LIBRARY}{slot}"


def parse(text: str) -> tuple[int, bool, int | None] | None:
    """``12``, ``table#12``, ``#L3``, ``12 gen 3`` -> (number, is a library number, generation)."""
    m = _HANDLE.fullmatch(text)
    if m is None:
        return None
    return int(m.group(2)), m.group(1) is not None, int(m.group(3)) if m.group(3) else None


def library_names(d: Debugger, view: ValuesView) -> dict[int, str]:
    """The names of the objects that existed when the debugger started, as a program reaches
    them from the globals: ``print``, ``string``, ``string.format`` (the shortest name wins)."""
    first = d.first_handle
    names: dict[int, str] = {}
    globals_ = d.globals_table()
    level = [(globals_, "")]
    for _depth in range(2):
        deeper = []
        for table, prefix in level:
            for key, value in sorted(entries(table), key=lambda kv: str(kv[0])):  # type: ignore[arg-type]
                if key.__class__ is not bytes or kind(value) in ("nil", "boolean", "number", "string"):
                    continue
                name = key.decode("utf-8", "replace")  # type: ignore[union-attr]
                if not is_identifier(name):
                    continue
                index = view.handle(value)[0]
                if index >= first or index in names:
                    continue
                names[index] = prefix + name
                if kind(value) == "table" and not prefix:
                    deeper.append((value, name + "."))
        level = deeper
    return names


def scope_names(d: Debugger, frames: tuple = ()) -> dict[int, str]:
    """What the program calls its objects right now: the active locals of every frame (the
    innermost first; ``frames`` as ``d.frames()`` gives them), then the globals; by ``id``."""
    found: dict[int, str] = {}
    for frame in frames or d.frames(threads=True):
        for r in frame.registers:
            if r.name and not r.name.startswith(b"(") and kind(r.value) in _OBJECTS:
                found.setdefault(id(r.value), r.name.decode("utf-8", "replace"))
        for u in frame.upvalues:
            if kind(u.value) in _OBJECTS:
                found.setdefault(id(u.value), u.name.decode("utf-8", "replace"))
    for key, value in entries(d.globals_table()):
        if key.__class__ is bytes and kind(value) in _OBJECTS:
            found.setdefault(id(value), key.decode("utf-8", "replace"))  # type: ignore[union-attr]
    return found
