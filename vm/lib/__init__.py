"""The Lua 5.1 libraries, one module per library, written against the runtime's API.

A library function is a ``vm.runtime.function.Builtin``: ``fn(L, args: list) -> list`` of
results. One that must call Lua (a comparator, a __tostring, a gsub callback) is a generator
(``Builtin(name, fn, is_gen=True)``): it ``yield (callee, args)`` and receives the callee's
results as a list, so the VM runs the call as frames of its own stack, never by recursion.
Errors are ``LuaError`` (engine errors with ``positioned=False``); argument errors come from
``vm.lib.args``.
"""

from __future__ import annotations

from vm.lib.base import open_base
from vm.lib.coroutine import open_coroutine
from vm.lib.debug import open_debug
from vm.lib.io import open_io
from vm.lib.math import open_math
from vm.lib.os import open_os
from vm.lib.package import open_package
from vm.lib.string import open_string
from vm.lib.table import open_table
from vm.runtime.table import LuaTable

# linit.c's order (the base library opens coroutine too); each is package.loaded[name]
_LIBS = [
    (b"_G", open_base),
    (b"coroutine", open_coroutine),
    (b"package", open_package),
    (b"table", open_table),
    (b"io", open_io),
    (b"os", open_os),
    (b"string", open_string),
    (b"math", open_math),
    (b"debug", open_debug),
]


def open_libs(L) -> None:
    """Open every library into L's globals (luaL_openlibs), each registered in the registry's
    _LOADED table as luaL_register does, so that require finds it."""
    loaded = LuaTable()
    L.registry.set_str(b"_LOADED", loaded)
    g = L.globals
    for name, opener in _LIBS:
        opener(L)
        loaded.set_str(name, g.get_str(name))
    L.heap.account(L)  # 5.1 counted all of this as it was allocated
