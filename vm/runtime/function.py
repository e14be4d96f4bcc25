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

# the debugger's write barrier (vm/runtime/journal.py), None when nothing records: called with a
# cell before it closes
write_barrier = None


def fb2int(x: int) -> int:
    """luaO_fb2int: NEWTABLE's size hints from their 'floating point byte' form."""
    e = (x >> 3) & 31
    if e == 0:
        return x
    return ((x & 7) + 8) << (e - 1)


# Trap opcodes: never in a chunk (Lua 5.1 has 38 opcodes), only in a trapped ``Prototype.code``.
TRAP = 38  # a watched pc: the interpreter asks the pc's Trap whether to stop before running it
RESUME = 39  # in a Trap's ``passing`` code: back to the trapped code, at the same pc

# Set by the debugger while it runs code: called with every new Prototype (a chunk loaded by
# the running program), so that its breakpoints reach code that did not exist when they were set.
on_prototype: Callable[[Prototype], None] | None = None


class Trap:
    """One watched pc of a prototype (see ``Prototype.set_traps``).

    ``check(L, f, budget)`` is the watcher's decision, called by the interpreter just before the
    instruction at the pc runs, with ``f.pc`` at that pc and ``budget`` the loop's budget left
    after counting that instruction. True: stop there (the instruction has not run; run()
    returns False with ``L.budget == -1 - left``, ``left`` the instructions not run, the trapped
    one included, so ``n - left`` ran of a budget of n). False: run the instruction and carry on.
    ``passing`` is the code the interpreter runs the instruction from: ``decoded`` with that pc
    only, RESUME everywhere else (so the next instruction returns to the trapped code);
    ``loops`` says the instruction may jump to its own pc, in which case the interpreter runs it
    alone and comes back to the trap through run()."""

    __slots__ = ("check", "passing", "loops")

    def __init__(self, check: Callable, passing: list, loops: bool) -> None:
        self.check = check
        self.passing = passing
        self.loops = loops


class Prototype:
    """A Proto ready to run: decoded code, the register-list template, prepared children.

    Traps. ``decoded`` is the pre-decoded code and never changes. ``code`` is what runs: the
    same list while nothing is watched, else (``set_traps``) a copy holding ``(TRAP, a, b, c)``
    at each watched pc, the original operands kept (an instruction reads the operand of the one
    after it: a test its JMP). ``traps`` maps each watched pc to its ``Trap``; it is empty when
    there are none. The debugger is the only writer, and only while the program is paused.
    A faster tier must honour traps: ask a pc's check before running its instruction, as the
    interpreter does (the compiled tier translates a trapped pc as a block start that asks it),
    and read instructions from ``decoded`` (never ``code``) to translate or to know an opcode."""

    __slots__ = ("proto", "code", "decoded", "traps", "nk", "template", "numparams", "is_vararg",
                 "protos", "nups", "maxstack", "__weakref__",
                 "hot", "callcost", "run", "enter", "run_free", "enter_free", "entry", "to_leader", "generic",
                 "retranslations", "variants", "callnames")

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
        self.decoded = self.code = decode(proto, nk)
        self.traps: dict[int, Trap] = {}
        # the compiled tier (vm/runtime/compiled): estimated instructions left to interpret
        # before the prototype is translated (calls count callcost, loop iterations their
        # length: compiled.initial); then run (the dispatcher's entry) and enter (direct calls
        # from translated code), entry (pc -> cost of the block starting there, 0 for none)
        # and to_leader (pc -> instructions to the end of its block); run_free and enter_free
        # the same without budget counting, for runs whose budget never ends (compiled.FREE)
        self.hot = compiled.initial(len(self.decoded))
        self.callcost = compiled.call_cost(len(self.decoded))  # what a call counts against hot
        self.run = None
        self.enter = cold_enter
        self.run_free = None
        self.enter_free = cold_enter_free
        self.entry: list[int] | None = None
        self.to_leader: list[int] | None = None
        self.generic: frozenset[int] = frozenset()  # sites deoptimized: results of any type
        self.retranslations = 0
        self.variants: dict = {}  # trapped pcs -> (run, entry, to_leader) or None (translate.py)
        # pc -> how the call there names its callee (LuaState.called_as): getobjname's symbolic
        # execution costs the function's length, and a pcall loop asks it at every error
        self.callnames: dict[int, tuple[bytes, bytes] | None] = {}
        if on_prototype is not None:
            on_prototype(self)

    def set_traps(self, checks: dict[int, Callable]) -> None:
        """Watch these pcs (pc -> check, see ``Trap``); an empty dict removes every trap."""
        decoded = self.decoded
        # the compiled tier's translation for these traps is made (or found) at the next call
        self.run = None
        self.enter = cold_enter
        self.run_free = None
        self.enter_free = cold_enter_free
        if not checks:
            self.code = decoded
            self.traps = {}
            return
        code = list(decoded)
        resume = [(RESUME, a, b, c) for (_op, a, b, c) in decoded]
        traps: dict[int, Trap] = {}
        for pc, check in checks.items():
            op, a, b, c = decoded[pc]
            code[pc] = (TRAP, a, b, c)
            passing = list(resume)
            passing[pc] = decoded[pc]
            traps[pc] = Trap(check, passing, pc in successors(decoded, pc))
        self.traps = traps
        self.code = code


_TESTS = frozenset({23, 24, 25, 26, 27, 33})  # EQ, LT, LE, TEST, TESTSET, TFORLOOP


def successors(code: list[tuple], pc: int) -> tuple[int, ...]:
    """The pcs that can run after the decoded instruction at ``pc`` in the same frame (a call
    comes back to the next one). A test or TFORLOOP goes on past the JMP that follows it or
    takes that jump (the JMP itself does not run: the interpreter folds it into the test)."""
    op, _a, b, c = code[pc]
    if op == 22 or op == 32:  # JMP, FORPREP
        return (pc + 1 + b,)
    if op == 31:  # FORLOOP
        return (pc + 1 + b, pc + 1)
    if op in _TESTS:
        if pc + 1 < len(code):
            return (pc + 2, pc + 2 + code[pc + 1][2])
        return (pc + 2,)
    if op == 2 and c:  # LOADBOOL that skips the next instruction
        return (pc + 2,)
    if op == 30:  # RETURN
        return ()
    if op == 36:  # CLOSURE: its pseudo-instructions are skipped
        return (pc + 1 + len(c),)
    return (pc + 1,)


_OPEN_USERS = (Op.CALL, Op.TAILCALL, Op.RETURN, Op.SETLIST)


def _fixed_count(op: int, a: int, maxstack: int) -> int:
    """B for an instruction that takes "all values up to the top" (B = 0) where no open call
    or VARARG precedes it: lvm.c's top is then the frame's top (base + maxstacksize), so it
    takes every register above A. 5.1's verifier allows that; luac never writes it."""
    n = maxstack - a  # registers from A to the top
    if op == Op.RETURN:
        return n + 1  # B - 1 values from A
    if op == Op.SETLIST:
        return n - 1 if n > 1 else -1  # values after A; -1: none (B = 0 would mean open)
    return n  # CALL, TAILCALL: B - 1 arguments after the function in A


def decode(proto: Proto, o: int) -> list[tuple]:
    """Pre-decode every instruction: registers offset by ``o`` (the constant count), RK operands
    as list indices, CLOSURE carrying its upvalue captures, SETLIST its batch number, and the
    count of an instruction with B = 0 that follows no open result made fixed."""
    raw = proto.code
    out: list[tuple] = []
    n = len(raw)
    pc = 0
    opened = False  # the previous instruction left an open number of values (top is set)
    while pc < n:
        i = raw[pc]
        op = get_op(i)
        info = OPINFO[op] if op < len(OPINFO) else None
        was_open = opened
        opened = (op in (Op.CALL, Op.TAILCALL) and get_c(i) == 0) or (op == Op.VARARG and get_b(i) == 0)
        fixed = None
        if op in _OPEN_USERS and get_b(i) == 0 and not was_open:
            fixed = _fixed_count(op, get_a(i), proto.maxstacksize)
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
            b = get_b(i) if fixed is None else fixed
            if c == 0 and pc + 1 < n:
                # the batch number is the next code word: execute that word as a no-op jump
                out.append((op, a, b, raw[pc + 1]))
                out.append((Op.JMP, 0, 0, 0))
                pc += 2
                opened = False
                continue
            out.append((op, a, b, c))
        elif info.mode == OpMode.iABx:
            out.append((op, a, get_bx(i), 0))
        elif info.mode == OpMode.iAsBx:
            out.append((op, a, get_sbx(i), 0))
        else:
            b = get_b(i)
            c = get_c(i)
            if op in (Op.EQ, Op.LT, Op.LE):
                a -= o  # A is a flag here
            elif op == Op.LOADNIL and b < a - o:
                a = b + o  # lvm.c's loop sets R(B) once when B < A (only in a crafted chunk)
            if info.b == OpArg.R or (info.b == OpArg.K and not is_k(b)):
                b += o
            elif info.b == OpArg.K:
                b = index_k(b)
            if info.c == OpArg.R or (info.c == OpArg.K and not is_k(c)):
                c += o
            elif info.c == OpArg.K:
                c = index_k(c)
            out.append((op, a, b if fixed is None else fixed, c))
        pc += 1
    return out


class UpvalCell:
    """An upvalue: open, it names a slot of a live frame's register list; closed, a list of its
    own. Either way the value is ``cell.regs[cell.idx]``, so closing costs the readers nothing."""

    __slots__ = ("regs", "idx")

    def __init__(self, regs: list, idx: int) -> None:
        self.regs = regs
        self.idx = idx

    def close(self) -> None:
        """Detach from the frame: keep the current value in a list of its own."""
        if write_barrier is not None:
            write_barrier(self)
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


class Builtin:
    """A library function written in Python.

    ``fn(L, args) -> list`` returns its results. When ``is_gen`` is set, ``fn`` is a generator
    function that may ``yield (callee, args)`` to have the VM call a Lua value and send back its
    results: the VM runs that call as frames of its own stack, never by Python recursion.
    """

    __slots__ = ("name", "fn", "is_gen", "protects", "env", "handle", "switch", "fast")

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
        # a generator function's shortcut: fast(L, args) gives its results when it would call
        # nothing and cannot fail (tostring of a plain value), None to run the generator
        self.fast: Callable | None = None
        if track.hook is not None:
            track.hook(self)

    def __repr__(self) -> str:
        return f"<builtin {self.name}>"


def cold_enter(L, f, pc, depth, cl=None, ret_a=0, nres=0, cont=0, *args):
    """A prototype's ``enter`` until it is translated (see vm/runtime/compiled/support)."""
    from vm.runtime.compiled.support import cold_enter as enter

    return enter(L, f, pc, depth, cl, ret_a, nres, cont, *args)


def cold_enter_free(L, f, pc, depth, cl=None, ret_a=0, nres=0, cont=0, *args):
    """A prototype's ``enter_free`` until its budget-free translation exists."""
    from vm.runtime.compiled.support import cold_enter_free as enter

    return enter(L, f, pc, depth, cl, ret_a, nres, cont, *args)
