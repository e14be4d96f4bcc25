"""Each of Lua 5.1's 38 instructions told in words, for someone learning how Lua runs.

Two sentences per instruction: ``before`` says what it is about to do, with its operands named
as the program names them (the active local ``t``, the upvalue ``count``, the global ``print``,
the constant ``"x"``; a register that holds no local is ``R3``) and the values it reads; ``after``
says what it did, with the result read from where the instruction put it (``R3 := #t = 4``) and,
for tests and jumps, which way it went. Nothing here runs Lua code or changes the VM: values are
read raw, and how a value is shown is the caller's (``show``: names and handles, as the front
end prints them).

The words follow lvm.c: NEWTABLE's size hints are "floating point bytes" (luaO_fb2int), SETLIST
stores batches of 50 (LFIELDS_PER_FLUSH), a comparison or test skips the next instruction (a
jump) when its outcome differs from A, a numeric for loop keeps its counter, limit and step in
R(A)..R(A+2) and the visible variable in R(A+3), a generic for loop its iterator, state and
control in R(A)..R(A+2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vm.bytecode.opcodes import (
    LFIELDS_PER_FLUSH,
    Op,
    get_a,
    get_b,
    get_bx,
    get_c,
    get_op,
    get_sbx,
    index_k,
    is_k,
)
from vm.compiler.lexer import RESERVED as _RESERVED
from vm.runtime.errors import local_name, object_name
from vm.runtime.function import fb2int
from vm.runtime.numbers import number_to_bytes
from vm.runtime.values import plain_tostring

STRING = 24  # longest string shown in full in a sentence


def plain(v: object) -> str:
    """A value as a sentence shows it when the caller has no better way: strings quoted and
    cut, numbers as tostring prints them, objects as tostring names them."""
    if v.__class__ is bytes:
        s = v.decode("utf-8", "backslashreplace")  # type: ignore[union-attr]
        return '"' + (s if len(s) <= STRING else s[:STRING] + '..."') + ('"' if len(s) <= STRING else "")
    if v.__class__ is float:
        return number_to_bytes(v).decode()  # type: ignore[arg-type]
    return plain_tostring(v).decode("utf-8", "backslashreplace")


@dataclass(frozen=True, slots=True)
class Site:
    """What an explanation reads: the running closure, its frame's registers (constants first,
    as the VM keeps them: register r is ``R[nk + r]``), varargs and top (for "up to the top"
    operands), and how to show a value."""

    fn: object  # the LuaFunction
    R: list
    varargs: tuple
    top: int  # the frame's top, an index into R (set by a multiple-results call or VARARG)
    show: Callable[[object], str] = plain


def before(site: Site, pc: int) -> str:
    """The instruction at ``pc`` about to run: what it will do, with the values it reads."""
    return _Sentences(site, pc).before()


def after(site: Site, pc: int, now: int | None) -> str:
    """The instruction at ``pc`` has just run in this frame: what it did and its result.
    ``now`` is the frame's next instruction (where a test or jump went), None when the
    instruction left the frame (a call went in, a return went out)."""
    return _Sentences(site, pc).after(now)


def entered(site: Site, name: str = "") -> str:
    """A function just called (``name``: as its caller named it), before its first
    instruction: its parameters as it got them."""
    fn = site.fn
    proto = fn.p.proto  # type: ignore[attr-defined]
    nk = fn.p.nk  # type: ignore[attr-defined]
    params = []
    for r in range(proto.numparams):
        param = local_name(proto, r + 1, 0)
        label = param.decode("utf-8", "replace") if param else f"R{r}"
        params.append(f"{label} = {site.show(site.R[nk + r])}")
    extra = ""
    if proto.is_vararg & 2:  # VARARG_ISVARARG: the function takes ...
        extra = f"; {_count(len(site.varargs), 'extra argument')} in ..."
    got = ", ".join(params) if params else "no parameters"
    line = proto.linedefined
    what = f"{name} (defined at line {line})" if name else f"the function defined at line {line}"
    return f"called {what}: {got}{extra}"


def sizes(b: int, c: int) -> tuple[int, int]:
    """NEWTABLE's operands as the array and hash sizes they ask for (luaO_fb2int)."""
    return fb2int(b), fb2int(c)


class _Sentences:
    """The sentences of one instruction of one frame."""

    def __init__(self, site: Site, pc: int) -> None:
        self.site = site
        fn = site.fn
        self.proto = fn.p.proto  # type: ignore[attr-defined]
        self.nk = fn.p.nk  # type: ignore[attr-defined]
        self.pc = pc
        i = self.proto.code[pc]
        self.op = Op(get_op(i))
        self.a, self.b, self.c, self.bx, self.sbx = get_a(i), get_b(i), get_c(i), get_bx(i), get_sbx(i)

    # --- operands ------------------------------------------------------------------------------

    def value(self, r: int) -> object:
        R = self.site.R
        return R[self.nk + r] if 0 <= self.nk + r < len(R) else None

    def show(self, v: object) -> str:
        return self.site.show(v)

    def local(self, r: int, pc: int | None = None) -> str | None:
        """The local in register r active at pc (luaF_getlocalname; at a pc where a local
        starts, also one whose scope is empty, as at the end of a chunk)."""
        at = self.pc if pc is None else pc
        n = r + 1
        for var in self.proto.locvars:
            if var.startpc > at:
                break
            if at < var.endpc or (pc is not None and at == var.endpc):
                n -= 1
                if n == 0:
                    if var.name.startswith(b"("):  # (for index) and the like are internal
                        return None
                    return var.name.decode("utf-8", "replace")
        return None

    def reg(self, r: int) -> str:
        """A register read here: its local's name, else ``R3``."""
        return self.local(r) or f"R{r}"

    def dest(self, r: int) -> str:
        """A register written here: the local it holds now or from the next instruction on
        (``local x = 1`` makes x active after the LOADK), else ``R3``; a register that becomes
        a local later in the same line says so (``R0 (for t)``: ``local t = {1, 2}`` makes t
        active after its SETLIST)."""
        after = self.pc + 1
        if self.op == Op.CLOSURE:  # past the pseudo-instructions naming the upvalues
            after += self.proto.protos[self.bx].nups
        name = self.local(r, after) or self.local(r)
        if name:
            return name
        future = self.future_local(r)
        return f"R{r} (for {future})" if future else f"R{r}"

    def future_local(self, r: int) -> str | None:
        """The local that register r becomes later on this instruction's line, if any."""
        lines = self.proto.lineinfo
        if self.pc >= len(lines):
            return None
        line = lines[self.pc]
        locvars = self.proto.locvars
        for i, var in enumerate(locvars):
            start = var.startpc
            if start <= self.pc + 1 or start > len(lines) or lines[start - 1] != line:
                continue
            # its register: how many locals are active where it starts, before it
            reg = sum(1 for other in locvars[:i] if other.startpc <= start <= other.endpc)
            if reg == r and not var.name.startswith(b"("):
                return var.name.decode("utf-8", "replace")
        return None

    def regs(self, first: int, count: int, write: bool = False) -> str:
        """``R2``, ``R2, R3`` or ``R2 .. R5``, by local names where they have them."""
        name = self.dest if write else self.reg
        if count <= 0:
            return "nothing"
        if count <= 3:
            return ", ".join(name(r) for r in range(first, first + count))
        return f"{name(first)} .. {name(first + count - 1)}"

    def constant(self, k: int) -> object:
        return self.proto.constants[k]

    def rk(self, x: int) -> str:
        """An RK operand: a constant written as its value, a register by name."""
        return self.show(self.constant(index_k(x))) if is_k(x) else self.reg(x)

    def rk_value(self, x: int) -> object:
        return self.constant(index_k(x)) if is_k(x) else self.value(x)

    def key(self, x: int) -> str:
        """A table key operand as Lua source writes it: ``.name`` for a name constant."""
        if is_k(x):
            k = self.constant(index_k(x))
            name = k.decode("latin-1") if k.__class__ is bytes else ""  # type: ignore[union-attr]
            if name.isascii() and name.isidentifier() and name not in _RESERVED:
                return "." + name
            return f"[{self.show(k)}]"
        return f"[{self.reg(x)}]"

    def upvalue(self, u: int) -> str:
        names = self.proto.upvalues
        return "upvalue " + (names[u].decode("utf-8", "replace") if u < len(names) else f"U{u}")

    def upvalue_value(self, u: int) -> object:
        cells = self.site.fn.upvals  # type: ignore[attr-defined]
        if u >= len(cells):
            return None
        return cells[u].regs[cells[u].idx]

    def global_name(self) -> str:
        k = self.constant(self.bx)
        return k.decode("utf-8", "replace") if k.__class__ is bytes else self.show(k)  # type: ignore[union-attr]

    def global_value(self) -> object:
        env = self.site.fn.env  # type: ignore[attr-defined]
        get = getattr(env, "get", None)
        return get(self.constant(self.bx)) if get is not None else None

    def inputs(self, *regs: int) -> str:
        """``  (x = 5, R3 = nil)`` for the registers read (temporaries and locals alike)."""
        shown = dict.fromkeys(f"{self.reg(r)} = {self.show(self.value(r))}" for r in regs)
        return f"  ({', '.join(shown)})" if shown else ""

    def rk_inputs(self, *xs: int) -> str:
        return self.inputs(*(x for x in xs if not is_k(x)))

    def at(self, pc: int) -> str:
        """An instruction by its number in the listing (1-based), with its line."""
        lines = self.proto.lineinfo
        line = f" (line {lines[pc]})" if 0 <= pc < len(lines) else ""
        return f"instruction {pc + 1}{line}"

    def jump_target(self) -> int:
        return self.pc + 1 + self.sbx

    def taken(self) -> int:
        """Where a test goes when it does not skip: a test runs the jump that follows it
        (lvm.c's dojump on the next instruction), so to that jump's target."""
        nxt = self.pc + 1
        code = self.proto.code
        if nxt < len(code) and get_op(code[nxt]) == Op.JMP:
            return nxt + 1 + get_sbx(code[nxt])
        return nxt

    def called(self, r: int) -> str:
        """The function in register r as 5.1 names it (``print``, ``obj:move``, ``f``)."""
        named = object_name(self.proto, self.pc, r)
        if named is None:
            return self.show(self.value(r))
        kind, name = (x.decode("utf-8", "replace") for x in named)
        return f"the method {name}" if kind == "method" else name

    def arguments(self, first: int, b: int) -> tuple[str, int]:
        """CALL's B: how many arguments from ``first``, and the words for them."""
        n = b - 1 if b else self.site.top - self.nk - first
        how = "the values up to the top: " if b == 0 else ""
        if n <= 0:
            return f"{how}no arguments", 0
        values = ", ".join(self.show(self.value(r)) for r in range(first, first + min(n, 4)))
        more = ", ..." if n > 4 else ""
        return f"{how}{_count(n, 'argument')} ({values}{more})", n

    def results_wanted(self, c: int) -> str:
        if c == 0:
            return f"keep all its results from {self.dest(self.a)} up"
        if c == 1:
            return "discard its results"
        return f"keep {'1 result' if c == 2 else f'{c - 1} results'} in {self.regs(self.a, c - 1, True)}"

    def results_got(self, first: int, count: int) -> str:
        return ", ".join(f"{self.dest(r)} = {self.show(self.value(r))}" for r in range(first, first + count))

    # --- before --------------------------------------------------------------------------------

    def before(self) -> str:
        op, a, b, c = self.op, self.a, self.b, self.c
        if op == Op.MOVE:
            return f"copy {self.reg(b)} into {self.dest(a)}{self.inputs(b)}"
        if op == Op.LOADK:
            return f"load the constant {self.show(self.constant(self.bx))} into {self.dest(a)}"
        if op == Op.LOADBOOL:
            skip = f", then skip to {self.at(self.pc + 2)}" if c else ""
            return f"load {'true' if b else 'false'} into {self.dest(a)}{skip}"
        if op == Op.LOADNIL:
            return f"set {self.regs(a, b - a + 1, True)} to nil"
        if op == Op.GETUPVAL:
            return (f"read {self.upvalue(b)} into {self.dest(a)}  "
                    f"({self.upvalue(b)[8:]} = {self.show(self.upvalue_value(b))})")
        if op == Op.GETGLOBAL:
            return (f"read the global {self.global_name()} into {self.dest(a)}  "
                    f"({self.global_name()} = {self.show(self.global_value())})")
        if op == Op.GETTABLE:
            return f"read {self.reg(b)}{self.key(c)} into {self.dest(a)}{self.inputs(b, *self._reg(c))}"
        if op == Op.SETGLOBAL:
            return f"store {self.reg(a)} in the global {self.global_name()}{self.inputs(a)}"
        if op == Op.SETUPVAL:
            return f"store {self.reg(a)} in {self.upvalue(b)}{self.inputs(a)}"
        if op == Op.SETTABLE:
            return (f"store {self.rk(c)} in {self.reg(a)}{self.key(b)}"
                    f"{self.inputs(a, *self._reg(b), *self._reg(c))}")
        if op == Op.NEWTABLE:
            narray, nhash = sizes(b, c)
            return f"create a new table in {self.dest(a)}, with room for {_room(narray, nhash)}"
        if op == Op.SELF:
            return (f"look up the method {self.reg(b)}{self.key(c).replace('.', ':', 1)} for a call: "
                    f"the function into {self.dest(a)}, {self.reg(b)} as self into {self.dest(a + 1)}"
                    f"{self.inputs(b)}")
        if op in _ARITH:
            words = _ARITH[op][1].format(b=self.rk(b), c=self.rk(c))
            return f"{words}, into {self.dest(a)}{self.rk_inputs(b, c)}"
        if op == Op.UNM:
            return f"negate {self.reg(b)} into {self.dest(a)}{self.inputs(b)}"
        if op == Op.NOT:
            return f"store not {self.reg(b)} in {self.dest(a)}{self.inputs(b)}"
        if op == Op.LEN:
            return f"store the length of {self.reg(b)} (#{self.reg(b)}) in {self.dest(a)}{self.inputs(b)}"
        if op == Op.CONCAT:
            return (f"join {self.regs(b, c - b + 1)} into one string in {self.dest(a)}"
                    f"{self.inputs(*range(b, min(c, b + 2) + 1))}")
        if op == Op.JMP:
            back = " (back: the loop goes round)" if self.jump_target() <= self.pc else ""
            return f"jump to {self.at(self.jump_target())}{back}"
        if op in _COMPARE:
            symbol = _COMPARE[op]
            test = f"{self.rk(b)} {symbol} {self.rk(c)}"
            return (f"test {test}: when it is {'true' if a else 'false'} jump to {self.at(self.taken())}, "
                    f"else go on to {self.at(self.pc + 2)}{self._comparison(b, c)}")
        if op == Op.TEST:
            return (f"test {self.reg(a)}: when it is {_truth(c)} jump to {self.at(self.taken())}, "
                    f"else go on to {self.at(self.pc + 2)}{self.inputs(a)}")
        if op == Op.TESTSET:
            return (f"test {self.reg(b)}: when it is {_truth(c)} copy it into {self.dest(a)} and jump to "
                    f"{self.at(self.taken())}, else go on to {self.at(self.pc + 2)}{self.inputs(b)}")
        if op == Op.CALL:
            args, _ = self.arguments(a + 1, b)
            return f"call {self.called(a)} with {args}, {self.results_wanted(c)}"
        if op == Op.TAILCALL:
            args, _ = self.arguments(a + 1, b)
            return (f"tail call {self.called(a)} with {args}: this function's frame is replaced, "
                    "and its results are this function's results")
        if op == Op.RETURN:
            return self._return()
        if op == Op.FORLOOP:
            return self._forloop()
        if op == Op.FORPREP:
            start, limit, step = self.value(a), self.value(a + 1), self.value(a + 2)
            return (f"start a numeric for loop from {self.show(start)} to {self.show(limit)} step "
                    f"{self.show(step)}: its hidden counter R{a} starts one step early "
                    f"({self._minus(start, step)}), then jump to the loop test at "
                    f"{self.at(self.jump_target())}")
        if op == Op.TFORLOOP:
            variables = ", ".join(self.local(r, self.taken()) or f"R{r}" for r in range(a + 3, a + 3 + c))
            return (f"call the iterator {self.show(self.value(a))} with ({self.show(self.value(a + 1))}, "
                    f"{self.show(self.value(a + 2))}) and put {_count(c, 'result')} in {variables}; "
                    f"when the first is not nil it becomes the control value and the loop goes on at "
                    f"{self.at(self.taken())}, else it ends at {self.at(self.pc + 2)}")
        if op == Op.SETLIST:
            return self._setlist()
        if op == Op.CLOSE:
            # the locals whose scope has just ended (CLOSE runs where a block is left)
            closing = [name for r in range(a, self.proto.maxstacksize)
                       if (name := self.local(r, self.pc - 1))]
            which = f" ({', '.join(closing)})" if closing else ""  # type: ignore[arg-type]
            return (f"close the upvalues of the locals from R{a} up{which}: closures that captured them "
                    "keep the values as they are now")
        if op == Op.CLOSURE:
            return self._closure()
        if op == Op.VARARG:
            have = len(self.site.varargs)
            if b == 0:
                return f"copy all {_count(have, 'extra argument')} (...) into {self.dest(a)} and up"
            return (f"copy {_count(b - 1, 'extra argument')} (...) into {self.regs(a, b - 1, True)}"
                    f" ({have} given; missing ones are nil)")
        raise AssertionError(op)

    def _reg(self, x: int) -> tuple[int, ...]:
        return () if is_k(x) else (x,)

    def _comparison(self, b: int, c: int) -> str:
        vb, vc = self.rk_value(b), self.rk_value(c)
        outcome = _compare(self.op, vb, vc)
        values = f"{self.show(vb)} {_COMPARE[self.op]} {self.show(vc)}"
        if outcome is None:
            return f"  ({values}: decided by a metamethod)" if self.op != Op.EQ else f"  ({values})"
        return f"  ({values} is {'true' if outcome else 'false'})"

    def _minus(self, start: object, step: object) -> str:
        if start.__class__ is float and step.__class__ is float:
            return f"{self.show(start)} - {self.show(step)} = {self.show(start - step)}"  # type: ignore[operator]
        return f"{self.show(start)} - {self.show(step)}, after converting both to numbers"

    def _return(self) -> str:
        a, b = self.a, self.b
        if b == 1:
            return "return to the caller with no values"
        n = b - 1 if b else self.site.top - self.nk - a
        how = " (all values up to the top)" if b == 0 else ""
        values = ", ".join(self.show(self.value(r)) for r in range(a, a + min(n, 4)))
        values += ", ..." if n > 4 else ""
        return f"return {_count(n, 'value')}{how} to the caller: {self.regs(a, n)}" + (
            f"  ({values})" if n else "")

    def _forloop(self) -> str:
        a = self.a
        counter, limit, step = self.value(a), self.value(a + 1), self.value(a + 2)
        var = self.local(a + 3, self.jump_target()) or f"R{a + 3}"
        cmp = "<=" if _positive(step) else ">="
        if all(v.__class__ is float for v in (counter, limit, step)):
            new = counter + step  # type: ignore[operator]
            goes = new <= limit if step > 0 else limit <= new  # type: ignore[operator]
            values = (f"  ({self.show(counter)} + {self.show(step)} = {self.show(new)}, "
                      f"{self.show(new)} {cmp} {self.show(limit)} is {'true' if goes else 'false'})")
        else:
            values = ""
        return (f"add the step to the loop counter; while it is {cmp} the limit, set {var} to it and jump "
                f"back to {self.at(self.jump_target())}, else leave the loop{values}")

    def _setlist(self) -> str:
        a, b, c = self.a, self.b, self.c
        if c == 0:  # the batch number is the next instruction's whole word
            c = self.proto.code[self.pc + 1] if self.pc + 1 < len(self.proto.code) else 0
        n = b if b else self.site.top - self.nk - a - 1
        first = (c - 1) * LFIELDS_PER_FLUSH + 1
        how = " (all values up to the top)" if b == 0 else ""
        if n <= 0:
            return f"store no values in {self.reg(a)}{how}"
        t = self.dest(a)
        where = f"{t}[{first}]" if n == 1 else f"{t}[{first}] .. {t}[{first + n - 1}]"
        return f"store {_count(n, 'value')}{how} from {self.regs(a + 1, n)} in {where}"

    def _closure(self) -> str:
        child = self.proto.protos[self.bx]
        names = [n.decode("utf-8", "replace") for n in child.upvalues]
        captured = []
        for k in range(child.nups):
            pc = self.pc + 1 + k
            if pc >= len(self.proto.code):
                break
            pseudo = self.proto.code[pc]
            name = names[k] if k < len(names) else f"U{k}"
            if get_op(pseudo) == Op.MOVE:
                captured.append(f"the local {name} (R{get_b(pseudo)})")
            else:
                captured.append(f"this function's upvalue {name} (U{get_b(pseudo)})")
        what = f"the function defined at line {child.linedefined}"
        caps = f", capturing {', '.join(captured)}" if captured else ""
        return f"create a closure of {what} in {self.dest(self.a)}{caps}"

    # --- after ---------------------------------------------------------------------------------

    def after(self, now: int | None) -> str:
        op, a, b, c = self.op, self.a, self.b, self.c
        dest = self.dest(a)
        got = self.show(self.value(a))
        if op == Op.MOVE:
            return f"{dest} := {self.reg(b)} = {got}"
        if op == Op.LOADK:
            return f"{dest} := {got}"
        if op == Op.LOADBOOL:
            return f"{dest} := {got}" + (f", skipped to {self.at(now)}" if c and now is not None else "")
        if op == Op.LOADNIL:
            return f"{self.regs(a, b - a + 1, True)} := nil"
        if op == Op.GETUPVAL:
            return f"{dest} := {self.upvalue(b)} = {got}"
        if op == Op.GETGLOBAL:
            return f"{dest} := the global {self.global_name()} = {got}"
        if op == Op.GETTABLE:
            return f"{dest} := {self.reg(b)}{self.key(c)} = {got}"
        if op == Op.SETGLOBAL:
            return f"the global {self.global_name()} := {self.show(self.global_value())}"
        if op == Op.SETUPVAL:
            return f"{self.upvalue(b)} := {self.show(self.upvalue_value(b))}"
        if op == Op.SETTABLE:
            return f"{self.reg(a)}{self.key(b)} := {self.show(self.rk_value(c))}"
        if op == Op.NEWTABLE:
            narray, nhash = sizes(b, c)
            return f"{dest} := {got} (new, with room for {_room(narray, nhash)})"
        if op == Op.SELF:
            return (f"{dest} := {got} (the method), "
                    f"{self.dest(a + 1)} := {self.show(self.value(a + 1))} (self)")
        if op in _ARITH:
            symbol, _ = _ARITH[op]
            return f"{dest} := {self.rk(b)} {symbol} {self.rk(c)} = {got}"
        if op == Op.UNM:
            return f"{dest} := -{self.reg(b)} = {got}"
        if op == Op.NOT:
            return f"{dest} := not {self.reg(b)} = {got}"
        if op == Op.LEN:
            return f"{dest} := #{self.reg(b)} = {got}"
        if op == Op.CONCAT:
            return f"{dest} := {' .. '.join(self.reg(r) for r in range(b, c + 1))} = {got}"
        if op == Op.JMP:
            return f"jumped to {self.at(self.jump_target())}"
        if op in _COMPARE:
            jumped = self._jumped(now)
            if jumped is None:
                return f"tested {self.rk(b)} {_COMPARE[op]} {self.rk(c)}"
            outcome = "true" if jumped == bool(a) else "false"
            return f"{self.rk(b)} {_COMPARE[op]} {self.rk(c)} is {outcome}: {self._went(now)}"
        if op in (Op.TEST, Op.TESTSET):
            tested = a if op == Op.TEST else b
            v = self.value(tested)
            truth = "nil or false" if v is None or v is False else "neither nil nor false"
            copied = f"{dest} := {got}, " if op == Op.TESTSET and self._jumped(now) else ""
            return f"{self.reg(tested)} is {truth}: {copied}{self._went(now)}"
        if op == Op.CALL:
            name = self.called(a)
            if c == 1:
                return f"called {name}; its results were discarded"
            if c == 0:
                n = self.site.top - self.nk - a
                got_values = f": {self.results_got(a, min(n, 4))}" if n else ""
                return f"called {name}: {_count(n, 'result')}{got_values}"
            return f"called {name}: {self.results_got(a, c - 1)}"
        if op == Op.TAILCALL:
            return f"tail called {self.called(a)}"
        if op == Op.RETURN:
            return "returned to the caller"
        if op == Op.FORLOOP:
            var = self.local(a + 3, self.jump_target()) or f"R{a + 3}"
            if now == self.jump_target():
                return (f"counter {self.show(self.value(a))} is within the limit "
                        f"{self.show(self.value(a + 1))}: "
                        f"{var} := {self.show(self.value(a + 3))}, back to {self.at(now)}")
            return (f"counter passed the limit {self.show(self.value(a + 1))}: the loop is over, "
                    f"on to {self.at(self.pc + 1)}")
        if op == Op.FORPREP:
            return (f"R{a} := {self.show(self.value(a))} (one step early); "
                    f"jumped to {self.at(self.jump_target())}")
        if op == Op.TFORLOOP:
            results = ", ".join(f"{self.local(r, self.taken()) or f'R{r}'} = {self.show(self.value(r))}"
                                for r in range(a + 3, a + 3 + min(c, 4)))
            if now is not None and now != self.pc + 2:
                return f"the iterator gave {results}: the loop goes on at {self.at(now)}"
            return f"the iterator gave {self.show(self.value(a + 3))}: the loop is over"
        if op == Op.SETLIST:
            return "stored " + self._setlist().removeprefix("store ")
        if op == Op.CLOSE:
            return f"closed the upvalues of the locals from R{a} up"
        if op == Op.CLOSURE:
            line = self.proto.protos[self.bx].linedefined
            return f"{dest} := {got} (new closure of the function defined at line {line})"
        if op == Op.VARARG:
            n = b - 1 if b else self.site.top - self.nk - a
            got_values = f": {self.results_got(a, min(n, 4))}" if n else ""
            return f"copied {_count(n, 'extra argument')}{got_values}"
        raise AssertionError(op)

    def _jumped(self, now: int | None) -> bool | None:
        """Did a test take the jump that follows it (True), or skip it (False)?"""
        if now is None:
            return None
        return now != self.pc + 2

    def _went(self, now: int | None) -> str:
        if now is None:
            return "the frame was left"
        return f"{'went on' if now == self.pc + 2 else 'jumped'} to {self.at(now)}"


_ARITH = {Op.ADD: ("+", "add {b} and {c}"), Op.SUB: ("-", "subtract {c} from {b}"),
          Op.MUL: ("*", "multiply {b} by {c}"), Op.DIV: ("/", "divide {b} by {c}"),
          Op.MOD: ("%", "take {b} modulo {c}"), Op.POW: ("^", "raise {b} to the power {c}")}
_COMPARE = {Op.EQ: "==", Op.LT: "<", Op.LE: "<="}


def _compare(op: Op, a: object, b: object) -> bool | None:
    """A comparison's outcome when no metamethod can decide it; None when one could."""
    from vm.runtime.values import raw_equal

    same_kind = a.__class__ is b.__class__ and a.__class__ in (float, bytes)
    if op == Op.EQ:
        if a.__class__ is b.__class__ and a.__class__.__name__ in ("LuaTable", "Userdata"):
            return None if not raw_equal(a, b) else True
        return raw_equal(a, b)
    if not same_kind:
        return None
    return a < b if op == Op.LT else a <= b  # type: ignore[operator]


def _truth(c: int) -> str:
    return "neither nil nor false" if c else "nil or false"


def _positive(step: object) -> bool:
    return step.__class__ is not float or step > 0  # type: ignore[operator]


def _count(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def _room(narray: int, nhash: int) -> str:
    if not narray and not nhash:
        return "no items yet (it grows as needed)"
    parts = []
    if narray:
        parts.append(_count(narray, "array item"))
    if nhash:
        parts.append(_count(nhash, "hash field"))
    return " and ".join(parts)


__all__ = ["Site", "after", "before", "plain", "sizes"]
