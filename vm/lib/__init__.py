"""The Lua 5.1 libraries, one module per library, written against the runtime's API.

A library function is a ``vm.runtime.function.Builtin``: ``fn(L, args: list) -> list`` of
results. One that must call Lua (a comparator, a __tostring, a gsub callback) is a generator
(``Builtin(name, fn, is_gen=True)``): it ``yield (callee, args)`` and receives the callee's
results as a list, so the VM runs the call as frames of its own stack, never by recursion.
Errors are ``LuaError`` (engine errors with ``positioned=False``); argument errors come from
``vm.lib.args``.
"""

from __future__ import annotations


def open_libs(L) -> None:
    """Open every library into L's globals (luaL_openlibs)."""
    import importlib

    from vm.lib.base import open_base

    open_base(L)
    for module, opener in _OPTIONAL:
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as missing:
            if missing.name != module:
                raise
            continue
        getattr(mod, opener)(L)


# libraries being written: each is opened when its module exists
_OPTIONAL = [
    ("vm.lib.coroutine", "open_coroutine"),
    ("vm.lib.string", "open_string"),
    ("vm.lib.table", "open_table"),
    ("vm.lib.math", "open_math"),
    ("vm.lib.os", "open_os"),
    ("vm.lib.io", "open_io"),
    ("vm.lib.debug", "open_debug"),
]
