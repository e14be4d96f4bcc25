"""The coroutine library (lbaselib.c's co functions): create, resume, yield, status, wrap,
running. Resume and yield are generators that ask the VM to switch threads."""

from __future__ import annotations

from vm.errors import LuaError
from vm.lib.args import arg_error
from vm.runtime.coroutine import RESUME, SWITCH_RESUME, SWITCH_YIELD, YIELD, Coroutine
from vm.runtime.function import Builtin, LuaFunction
from vm.runtime.table import LuaTable


def _check_co(args: list, fname: str) -> Coroutine:
    co = args[0] if args else None
    if co.__class__ is not Coroutine:
        raise arg_error(1, fname, b"coroutine expected")  # luaL_argcheck: no "got ..."
    return co  # type: ignore[return-value]


def _cannot(L, co: Coroutine) -> bytes | None:
    """auxresume's refusal, in 5.1's words, or None when co can be resumed."""
    if co is L.current:
        return b"cannot resume running coroutine"
    if co.status != b"suspended":
        return b"cannot resume %s coroutine" % co.status
    return None


def co_create(L, args: list) -> list:
    fn = args[0] if args else None
    if fn.__class__ is not LuaFunction:
        raise arg_error(1, "create", b"Lua function expected")
    return [Coroutine(fn, L.globals)]  # lua_newthread: the creator's global table


def co_resume(L, args: list):
    co = _check_co(args, "resume")
    refusal = _cannot(L, co)
    if refusal is not None:
        return [False, refusal]
    results = yield RESUME, [co, *args[1:]]
    return results


def co_yield(L, args: list):
    results = yield YIELD, args
    return results


def co_status(L, args: list) -> list:
    co = _check_co(args, "status")
    return [b"running" if co is L.current else co.status]


def co_running(L, args: list) -> list:
    return [None if L.current is L.main else L.current]


def co_wrap(L, args: list) -> list:
    fn = args[0] if args else None
    if fn.__class__ is not LuaFunction:
        raise arg_error(1, "wrap", b"Lua function expected")
    co = Coroutine(fn, L.globals)

    def wrapped(L, wargs: list):
        refusal = _cannot(L, co)
        if refusal is not None:
            raise LuaError(refusal, positioned=False)
        results = yield RESUME, [co, *wargs]
        if results[0] is False:
            err = results[1] if len(results) > 1 else None
            if err.__class__ is float:
                from vm.runtime.numbers import number_to_bytes

                err = number_to_bytes(err)
            if err.__class__ is bytes:
                raise LuaError(err, positioned=False)  # luaL_where(1) is prefixed
            raise LuaError(err)
        return results[1:]

    wrapped.lua_refs = (co,)  # the collector sees its thread (auxwrap's upvalue in 5.1)
    fn = Builtin("wrap", wrapped, is_gen=True)
    fn.switch = co  # called from Lua, it switches threads natively (vm/runtime/coroutine.py)
    return [fn]


def open_coroutine(L) -> None:
    t = LuaTable(0, 6)  # co_funcs[]'s order, in a table sized for it (pairs order)
    for name, fn, gen in [("create", co_create, False), ("resume", co_resume, True),
                          ("running", co_running, False), ("status", co_status, False),
                          ("wrap", co_wrap, False), ("yield", co_yield, True)]:
        b = Builtin(name, fn, gen)
        b.switch = {"resume": SWITCH_RESUME, "yield": SWITCH_YIELD}.get(name)
        t.set_str(name.encode(), b)
    L.globals.set_str(b"coroutine", t)
