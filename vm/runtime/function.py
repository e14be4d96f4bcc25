"""Functions at run time: prepared prototypes, closures, upvalue cells and library functions.

A frame's registers live in one Python list laid out as ``constants + registers``: constant k
is at index k and register r at index ``nk + r``. Instructions are pre-decoded once per
prototype into ``(op, a, b, c)`` tuples whose register operands already carry the ``nk`` offset
and whose RK operands are plain indices into that list, so the interpreter reads every operand
with one list index and no test. A call copies the prototype's ``template`` (constants followed
by nils) to make the new frame's list.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from types import CellType, FunctionType, MethodType

from vm.bytecode.opcodes import (
    OPINFO,
    Op,
    OpArg,
    OpMode,
    get_a,
    get_b,
    get_bx,
    get_c,
    get_op,
    get_sbx,
    index_k,
    is_k,
)
from vm.bytecode.proto import Proto
from vm.runtime import compiled, track
from vm.runtime.copying import copy_value, shared_list


def fb2int(x: int) -> int:
    """luaO_fb2int: NEWTABLE's size hints from their 'floating point byte' form."""
    e = (x >> 3) & 31
    if e == 0:
        return x
    return ((x & 7) + 8) << (e - 1)


class Prototype:
    """A Proto ready to run: decoded code, the register-list template, prepared children."""

    __slots__ = ("proto", "code", "nk", "template", "numparams", "is_vararg", "protos", "nups",
                 "maxstack", "hot", "run", "enter", "entry", "to_leader", "generic", "retranslations")

    def __init__(self, proto: Proto) -> None:
        self.proto = proto
        nk = len(proto.constants)
        self.nk = nk
        self.maxstack = proto.maxstacksize
        self.template = [*proto.constants, *([None] * proto.maxstacksize)]
        self.numparams = proto.numparams
        self.is_vararg = proto.is_vararg
        self.nups = proto.nups
        self.protos = [Prototype(child) for child in proto.protos]
        self.code = decode(proto, nk)
        # the compiled tier (vm/runtime/compiled): calls and loop iterations left before the
        # prototype is translated; then run (the dispatcher's entry) and enter (direct calls
        # from translated code), entry (pc -> cost of the block starting there, 0 for none)
        # and to_leader (pc -> instructions to the end of its block)
        self.hot = compiled.initial_hot
        self.run = None
        self.enter = cold_enter
        self.entry: list[int] | None = None
        self.to_leader: list[int] | None = None
        self.generic: frozenset[int] = frozenset()  # sites deoptimized: results of any type
        self.retranslations = 0

    def __deepcopy__(self, memo: dict) -> Prototype:
        return self  # immutable: copies of a state share their code


def decode(proto: Proto, o: int) -> list[tuple]:
    """Pre-decode every instruction: registers offset by ``o`` (the constant count), RK operands
    as list indices, CLOSURE carrying its upvalue captures, SETLIST its batch number."""
    raw = proto.code
    out: list[tuple] = []
    n = len(raw)
    pc = 0
    while pc < n:
        i = raw[pc]
        op = get_op(i)
        info = OPINFO[op] if op < len(OPINFO) else None
        a = get_a(i) + o
        if info is None:
            out.append((op, a, 0, 0))
        elif op == Op.CLOSURE:
            bx = get_bx(i)
            child = proto.protos[bx] if bx < len(proto.protos) else None
            captures = []
            for j in range(child.nups if child is not None else 0):
                if pc + 1 + j >= n:
                    break
                pseudo = raw[pc + 1 + j]
                if get_op(pseudo) == Op.MOVE:
                    captures.append((True, get_b(pseudo) + o))
                else:
                    captures.append((False, get_b(pseudo)))
            out.append((op, a, bx, tuple(captures)))
        elif op == Op.SETLIST:
            c = get_c(i)
            if c == 0 and pc + 1 < n:
                # the batch number is the next code word: execute that word as a no-op jump
                out.append((op, a, get_b(i), raw[pc + 1]))
                out.append((Op.JMP, 0, 0, 0))
                pc += 2
                continue
            out.append((op, a, get_b(i), c))
        elif info.mode == OpMode.iABx:
            out.append((op, a, get_bx(i), 0))
        elif info.mode == OpMode.iAsBx:
            out.append((op, a, get_sbx(i), 0))
        else:
            b = get_b(i)
            c = get_c(i)
            if op in (Op.EQ, Op.LT, Op.LE):
                a -= o  # A is a flag here
            if info.b == OpArg.R or (info.b == OpArg.K and not is_k(b)):
                b += o
            elif info.b == OpArg.K:
                b = index_k(b)
            if info.c == OpArg.R or (info.c == OpArg.K and not is_k(c)):
                c += o
            elif info.c == OpArg.K:
                c = index_k(c)
            out.append((op, a, b, c))
        pc += 1
    return out


class UpvalCell:
    """An upvalue: open, it names a slot of a live frame's register list; closed, a list of its
    own. Either way the value is ``cell.regs[cell.idx]``, so closing costs the readers nothing."""

    __slots__ = ("regs", "idx")

    def __init__(self, regs: list, idx: int) -> None:
        self.regs = regs
        self.idx = idx

    def __deepcopy__(self, memo: dict) -> UpvalCell:
        new = UpvalCell(shared_list(self.regs, memo), self.idx)  # open: the copied frame's list
        memo[id(self)] = new
        return new

    def close(self) -> None:
        """Detach from the frame: keep the current value in a list of its own."""
        self.regs = [self.regs[self.idx]]
        self.idx = 0


class LuaFunction:
    """A Lua closure: a prototype, its upvalue cells and its environment table."""

    __slots__ = ("p", "upvals", "env", "handle")

    def __init__(self, p: Prototype, upvals: list[UpvalCell], env: object) -> None:
        self.p = p
        self.upvals = upvals
        self.env = env
        self.handle = None
        if track.hook is not None:
            track.hook(self)

    def __deepcopy__(self, memo: dict) -> LuaFunction:
        new = LuaFunction.__new__(LuaFunction)
        memo[id(self)] = new
        new.p = self.p  # code is shared by copies of a state
        new.upvals = [deepcopy(c, memo) for c in self.upvals]
        new.env = copy_value(self.env, memo)
        new.handle = self.handle
        return new


class Builtin:
    """A library function written in Python.

    ``fn(L, args) -> list`` returns its results. When ``is_gen`` is set, ``fn`` is a generator
    function that may ``yield (callee, args)`` to have the VM call a Lua value and send back its
    results: the VM runs that call as frames of its own stack, never by Python recursion.
    """

    __slots__ = ("name", "fn", "is_gen", "protects", "env", "handle", "switch")

    def __init__(self, name: str, fn: Callable, is_gen: bool = False,
                 protects: bool = False) -> None:
        self.name = name
        self.fn = fn
        self.is_gen = is_gen
        self.protects = protects  # pcall/xpcall: errors below it are caught, not reported
        self.env = None
        self.handle = None
        # coroutine.resume/yield and wrap functions: how the VM switches threads without the
        # generator (vm/runtime/coroutine.py, native_switch)
        self.switch: object = None
        if track.hook is not None:
            track.hook(self)

    def __repr__(self) -> str:
        return f"<builtin {self.name}>"

    def __deepcopy__(self, memo: dict) -> Builtin:
        """A copy for a copied state (the debugger's checkpoints): a function whose closure holds
        state (coroutine.wrap's thread, gmatch's position, math.random's generator) gets a copy
        of that state; a bound method gets a copy of its object; a plain function is shared."""
        fn = self.fn
        if isinstance(fn, MethodType):
            fn = MethodType(fn.__func__, deepcopy(fn.__self__, memo))
        elif getattr(fn, "__closure__", None):
            cells = tuple(CellType(deepcopy(c.cell_contents, memo)) for c in fn.__closure__)
            copied = FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, cells)
            copied.__kwdefaults__ = fn.__kwdefaults__
            fn = copied
        new = Builtin.__new__(Builtin)
        memo[id(self)] = new
        new.name = self.name
        new.fn = fn
        new.is_gen = self.is_gen
        new.protects = self.protects
        new.env = deepcopy(self.env, memo)
        new.handle = self.handle
        new.switch = copy_value(self.switch, memo)
        return new


def cold_enter(L, f, pc, depth, cl=None, ret_a=0, nres=0, cont=0, *args):
    """A prototype's ``enter`` until it is translated (see vm/runtime/compiled/support)."""
    from vm.runtime.compiled.support import cold_enter as enter

    return enter(L, f, pc, depth, cl, ret_a, nres, cont, *args)
