"""Python source for one prototype: the same instructions, with registers in Python locals.

The generated function ``run(L, f, pc, depth, cl, ret_a, nres, cont, *args)`` either opens a
frame for a call made directly by other translated code (``f`` None: ``cl`` and ``args`` given;
``cont`` negative for a tail call, minus the number of calls its frame replaces)
or resumes frame ``f`` at entry ``pc`` (a block start). It runs until the function returns (the
results list; its frame popped) or must hand back to the dispatcher (``SUSPEND``: every
register written back to the frame, ``f.pc`` exact, ``L.budget`` exact), or an entry guard
fails (``REFUSED``: nothing done).

Inside, a ``while True`` loop dispatches on ``pc`` to the blocks; a block that has a single
predecessor is emitted inline after it, and a block that jumps back to itself (a numeric for
loop's body) becomes a Python loop of its own. Each block first takes its cost from the budget;
an instruction whose fast path does not apply calls the interpreter's own slow path (through
vm.runtime.compiled.support), and where that would need a new frame (a metamethod written in
Lua) it raises ``Bail`` instead: the handler writes the registers back and the interpreter runs
that instruction. Errors leave through the same handler, which finds the failing instruction
from the Python line number, so the frame is exactly as the interpreter leaves it.
"""

from __future__ import annotations

import math

from vm.runtime.compiled import flow as F
from vm.runtime.compiled.emit_calls import CallsEmitter
from vm.runtime.compiled.emit_ops import OpsEmitter
from vm.runtime.compiled.flow import Flow, block_pcs, uses
from vm.runtime.compiled.source import Source
from vm.runtime.interp import BIG_SIZE

MAX_INLINE = 12  # nesting depth of inlined blocks (Python limits statically nested blocks)

class Emitter(OpsEmitter, CallsEmitter):
    """One prototype's function: blocks, dispatch and the plain instructions (arithmetic and
    comparisons in emit_ops, calls in emit_calls)."""

    def __init__(self, flow: Flow, nups: int, nprotos: int, numparams: int, is_vararg: int,
                 needs_arg: bool, traps: frozenset[int] = frozenset(), free: bool = False) -> None:
        self.flow = flow
        self.traps = traps  # block starts where a debugger trap's check is asked
        # no budget counted (a run whose budget never ends: compiled.FREE); calls go to the
        # callees' budget-free translations (enter_free)
        self.free = free
        self.enter = "enter_free" if free else "enter"
        # a direct call opens no frame until something can see it (emit_calls.open_frame);
        # not with varargs, nor with registers captured by closures (kept in R from entry)
        self.lazy = free and not is_vararg and not flow.captured
        # the first few calls that open a lazy frame build it inline (a call of open_frame
        # costs what a frame saves), the other places call it
        self.inline_opens = 1
        self.code = flow.code
        self.nk = flow.nk
        self.nups = nups
        self.nprotos = nprotos
        self.numparams = numparams
        self.is_vararg = is_vararg
        self.needs_arg = needs_arg
        self.src = Source()
        self.consts: dict[str, object] = {}  # names of constants with no literal form
        self.used_upvals: set[int] = set()
        self.dirty_before: dict[int, frozenset[int]] = {}
        self.partial: dict[int, frozenset[int]] = {}  # registers an instruction writes before it can fail
        self.guards: dict[int, tuple[int, ...]] = {}
        self.inline_depth = 0
        self.in_selfloop = False
        self.loop_start = -1
        self.shallow = False
        self.edge_from = 0  # the block whose way out is being emitted (reload)
        self.cut: list[int] = []
        self.uses_varargs = any(op == F.VARARG for op, *_ in self.code) or needs_arg
        self.used = flow.used
        self.reg_pos = {r: i for i, r in enumerate(self.used)}
        # block start -> its only predecessor, for the blocks emitted inline after it
        self.pred = inline_preds(flow.blocks)
        self.resumable = self.resumable_blocks()
        self.has_case: set[int] = set()  # blocks with a case of the dispatch (an entry)
        self.guarded: set[int] = set()  # entries inside a case (guard)
        self.entries: dict[int, list[int]] = {}  # case start -> the pcs it is entered at
        self.marks: list[tuple[int, int]] = []  # (line, pc) of the entries in the case made
        self.last_mark = 0

    # --- operands -------------------------------------------------------------------------

    def rd(self, r: int) -> str:
        if r in self.flow.captured:
            return f"R[{self.nk + r}]"
        return f"r{r}"

    def wr(self, r: int, expr: str) -> None:
        if r in self.flow.captured:
            self.src.add(f"R[{self.nk + r}] = {expr}")
        else:
            self.src.add(f"r{r} = {expr}")

    def lit(self, v: object) -> str:
        if v is None or v is True or v is False:
            return repr(v)
        if v.__class__ is float:
            if math.isfinite(v):  # type: ignore[arg-type]
                return repr(v)
        elif v.__class__ is bytes:
            return repr(v)
        name = f"K{len(self.consts)}"
        self.consts[name] = v
        return name

    def rk(self, x: int) -> str:
        if x < self.nk:
            return self.lit(self.flow.consts[x])
        return self.rd(x - self.nk)

    def is_float(self, x: int, floats: set[int]) -> bool:
        if x < self.nk:
            return self.flow.consts[x].__class__ is float
        return (x - self.nk) in floats

    def float_test(self, names: list[str]) -> str:
        """An expression true when every operand is a number."""
        if not names:
            return "True"
        if len(names) == 1:
            return f"{names[0]}.__class__ is float"
        return " and ".join(f"{n}.__class__ is float" for n in names)

    # --- the whole function ---------------------------------------------------------------

    def function(self) -> str:
        s = self.src
        for op, _a, b, _c in self.code:
            if op in (F.GETUPVAL, F.SETUPVAL):
                self.check_upval(b)
                self.used_upvals.add(b)
        params = "".join(f", a{i}=None" for i in range(self.numparams))
        s.add(f"def run(L, f, pc, depth, cl=None, ret_a=0, nres=0, cont=0{params}, *va):")
        s.depth = 1
        s.add("frames = L.frames")
        s.add("if f is None:")
        s.depth = 2
        self.call_prologue()
        s.depth = 1
        s.add("else:")
        s.depth = 2
        s.add("R = f.R")
        s.add("cl = f.cl")
        s.add("nres = f.nresults")
        if self.uses_varargs:
            s.add("va = f.varargs")
        self.load_all()
        s.add("if pc:")
        s.add("    g = GUARDS.get(pc)")
        s.add("    if g is not None:")
        s.add("        for k in g:")
        s.add("            if R[k].__class__ is not float:")
        s.add("                return REFUSED")
        s.depth = 1
        for u in sorted(self.used_upvals):
            s.add(f"u{u} = cl.upvals[{u}]")
        s.add("budget = L.budget")
        s.add("edits = L.frame_edits")
        s.add("try:")
        s.depth = 2
        s.add("while True:")
        s.depth = 3
        cases = self.cases()
        keys = self.ranges(cases)
        if len(keys) > 1:  # a call starts at pc 0: one test finds it
            s.add("if not pc:" if keys[1][0] == 1 or len(self.entries[0]) == 1
                  else f"if pc < {keys[1][0]}:")
            s.depth += 1
            s.splice(cases[0])
            s.depth -= 1
            s.add("else:")
            s.depth += 1
            self.dispatch(keys[1:], cases)
            s.depth -= 1
        else:
            s.splice(cases[0])
        s.depth = 1
        s.pc = -1
        s.add("except BaseException as e:")
        s.depth += 1
        self.open_frame()
        s.depth -= 1
        vals = "".join(f"r{r}, " for r in self.used)
        s.add(f"    if on_exception(L, f, e, pc, budget, ({vals}), META):")
        s.add("        return SUSPEND")
        s.add("    raise")
        return s.text()

    def load_all(self) -> None:
        """Load every register kept in a local from the frame's list."""
        s = self.src
        nk = self.nk
        used = self.used
        if not used:
            return
        hi = used[-1] + 1
        names = [f"r{r}" if r in self.reg_pos else "_" for r in range(hi)]
        s.add(", ".join(names) + f", = R[{nk}:{nk + hi}]")

    # --- dispatch -------------------------------------------------------------------------

    def cases(self) -> dict[int, Source]:
        """Every entry block's case of the dispatch. A block reached only from one other is
        emitted in full inline after it; every other block is the root of a chain of such
        blocks (its case, in full). An inlined block has a case of its own (shallow: it goes
        on by dispatch to the next block that has one, inlining those that have none) only
        where the dispatcher resumes frames often (``resumable``); elsewhere its ``entry``
        is 0, and a frame resumed there is interpreted up to the next block that has a case
        (one semantics: the same frame, the same state, only slower)."""
        flow = self.flow
        full: dict[int, Source] = {}
        shallow: dict[int, Source] = {}
        roots = [b for b in flow.order if not self.inlinable(b)]
        self.has_case = set(roots) | self.resumable
        waiting = [b for b in flow.order if b in self.resumable]
        while roots or waiting:
            if roots:
                start = roots.pop(0)
                if start in full:
                    continue
                full[start] = self.case(start, shallow=False)
            else:
                start = waiting.pop(0)
                if start in full or start in self.guarded:
                    continue
                shallow[start] = self.case(start, shallow=True)
            self.has_case.update(self.cut)
            roots.extend(self.cut)
            self.cut = []
        return {start: full[start] if start in full else shallow[start]
                for start in flow.order if start in full or start in shallow}

    def resumable_blocks(self) -> set[int]:
        """Inlined blocks where frames are resumed: those after a call (CALL, TAILCALL,
        TFORLOOP: a callee the dispatcher ran, a coroutine resumed after its yield, return
        there), each with a case of its own. (Without one, a frame resumed after a yield the
        native switch made was interpreted to its next entry, and 5.1's C-call limit then
        came at another depth: tests/vm/runtime/compiled/test_switch.py.)"""
        flow = self.flow
        blocks = flow.blocks
        return {start for start, pred in self.pred.items()
                if flow.code[blocks[pred].end][0] in (F.CALL, F.TAILCALL, F.TFORLOOP)}

    def inlinable(self, start: int) -> bool:
        return start in self.pred

    def case(self, start: int, shallow: bool) -> Source:
        saved = self.src
        self.src = Source()
        self.shallow = shallow
        self.inline_depth = 0
        self.marks = []
        self.last_mark = start
        self.block(start)
        out = self.src
        self.src = saved
        self.entries[start] = [start]
        if self.marks:
            self.guard(out, start)
        return out

    def guard(self, src: Source, start: int) -> None:
        """Make the blocks marked in a full case (blocks after a call, inlined at the case's
        own depth, in increasing pc order) entries of that case: the code before each is put
        under ``if pc < B:``, so that a run entered at B skips what comes before it (one
        comparison per such block on the way through) instead of a second copy of B's chain
        as a case of its own."""
        lines = src.lines
        out: list[tuple[int, str, int, bool]] = []
        prev = 0
        for idx, pc in self.marks:
            seg = lines[prev:idx]
            # the guard runs where the segment starts: at the case's start (pc -1: as the
            # dispatch) or after the previous segment's last instruction
            out.append((0, f"if pc < {pc}:", out[-1][2] if out else -1, False))
            out.extend((d + 1, t, p, synced) for d, t, p, synced in seg)
            prev = idx
            self.guarded.add(pc)
            self.entries[start].append(pc)
        out.extend(lines[prev:])
        src.lines = out

    def dispatch(self, keys: list[tuple[int, int]], cases: dict[int, Source]) -> None:
        """Find the case for pc: ``keys`` are (lowest entry, case start) of consecutive ranges
        of entries, each range run by that case (a case whose entries are not consecutive
        among all appears once per range)."""
        s = self.src
        if len(keys) == 1:
            s.splice(cases[keys[0][1]])
            return
        mid = len(keys) // 2
        s.add(f"if pc < {keys[mid][0]}:")
        s.depth += 1
        self.dispatch(keys[:mid], cases)
        s.depth -= 1
        s.add("else:")
        s.depth += 1
        self.dispatch(keys[mid:], cases)
        s.depth -= 1

    def ranges(self, cases: dict[int, Source]) -> list[tuple[int, int]]:
        """(lowest entry, case start) of each range of consecutive entries one case runs."""
        keys = sorted((e, start) for start in cases for e in self.entries[start])
        out: list[tuple[int, int]] = []
        for e, start in keys:
            if not out or out[-1][1] != start:
                out.append((e, start))
        return out

    def goto(self, target: int) -> None:
        """Continue at the block starting at target: inline when it has no other way in."""
        s = self.src
        self.reload(target)
        if self.in_selfloop and target == self.loop_start:
            s.add("continue")
            return
        if not self.in_selfloop and self.inlinable(target) and not (
                self.shallow and target in self.has_case):
            if self.inline_depth < MAX_INLINE:
                self.inline_depth += 1
                frm = self.edge_from
                if (not self.shallow and s.depth == 0 and target in self.resumable
                        and target not in self.guarded and target > self.last_mark
                        and s.lines):
                    self.marks.append((len(s.lines), target))  # an entry of this case (guard)
                    self.last_mark = target
                self.block(target)
                self.edge_from = frm
                self.inline_depth -= 1
                return
            self.cut.append(target)  # too deep: the root of a chain of its own
        s.add(f"pc = {target}")
        s.add("break" if self.in_selfloop else "continue")

    def reload(self, target: int) -> None:
        """On the way from the current block to target: the registers whose frame slot is
        newer than their local here and that meet the same registers dirty from another way
        (flow.reload) are read again, so that the local is right whichever way came."""
        regs = sorted(self.flow.reload.get((self.edge_from, target), ()))
        if regs and self.lazy:  # (a slot newer than its local: the frame is open, see prepare)
            self.src.add("if f is not None:")
            self.src.depth += 1
        for r in regs:
            self.src.add(f"r{r} = R[{self.nk + r}]")
        if regs and self.lazy:
            self.src.depth -= 1

    def block(self, start: int) -> None:
        s = self.src
        flow = self.flow
        block = flow.blocks[start]
        selfloop = start in block.succs
        floats = set(flow.floats_in[start])
        dirty = set(flow.dirty_in[start])
        stale = set(flow.stale_in[start])
        live = flow.live_in[start]
        guard = tuple(sorted(self.nk + r for r in floats if r in live))
        if guard:
            self.guards[start] = guard
        s.pc = start
        if selfloop:
            s.add("while True:")
            s.depth += 1
            outer = self.in_selfloop, self.loop_start
            self.in_selfloop = True
            self.loop_start = start
        if not self.free:
            s.add(f"if budget < {block.cost}:")
            s.add("    raise BudgetOut")
        if start in self.traps:
            self.trap(start, dirty)
        if not self.free:
            s.add(f"budget -= {block.cost}")
        pcs = block_pcs(flow, start)
        for pc in pcs[:-1]:
            self.instruction(pc, floats, dirty, stale)
            F._transfer(flow, pc, floats, dirty, stale)
        self.edge_from = start
        self.terminator(pcs[-1], floats, dirty, stale, block.succs)
        if selfloop:
            s.depth -= 1
            self.in_selfloop, self.loop_start = outer
            s.pc = -1
            s.add("continue")

    def trap(self, pc: int, dirty: set[int]) -> None:
        """A debugger trap at this block start: the frame in order (registers, pc), the trap's
        check asked with the budget left after this instruction, as the interpreter asks it
        (function.Trap); when it stops the program, the translated code hands over before the
        instruction, ``L.budget`` saying how much of the budget ran. A check may run Lua code
        (a condition) that edits the frame: then every register is read again."""
        s = self.src
        s.pc = pc
        self.writeback(dirty)
        s.add(f"f.pc = {pc}")
        # as from the interpreter (L.interpreting): Lua code the check runs (a condition) goes
        # through run(), never as a nested translated call whose errors would bypass its unwinding
        s.add("outer = L.interpreting")
        s.add("L.interpreting = True")
        s.add("try:")
        s.add(f"    stop = PROTO.traps[{pc}].check(L, f, budget - 1)", synced=True)
        s.add("finally:")
        s.add("    L.interpreting = outer")
        s.add("if stop:")
        s.add("    L.budget = -1 - budget")
        s.add("    return SUSPEND")
        s.add("if L.frame_edits != edits:")
        s.depth += 1
        s.add("edits = L.frame_edits")
        self.load_all()
        s.depth -= 1

    # --- instructions ---------------------------------------------------------------------

    def prepare(self, pc: int, floats: set[int], dirty: set[int], stale: set[int]) -> None:
        """Before an instruction: reload the stale registers it reads; note what is dirty."""
        s = self.src
        s.pc = pc
        self.dirty_before[pc] = frozenset(dirty)
        reloads = [r for r in uses(self.flow, pc) if r in stale]
        if reloads and self.lazy:
            # stale only on paths where a call ran, and a call opened the frame: on a path
            # where it is not open the local is the register's value
            s.add("if f is not None:")
            s.depth += 1
        for r in reloads:
            s.add(f"r{r} = R[{self.nk + r}]")
        if reloads and self.lazy:
            s.depth -= 1

    def writeback(self, regs: set[int] | frozenset[int]) -> None:
        for r in sorted(regs):
            self.src.add(f"R[{self.nk + r}] = r{r}")

    def sync_call(self, pc: int, dirty: set[int]) -> None:
        """Before a call: the frame as the interpreter would have it."""
        self.open_frame(inline=True)
        self.writeback(dirty)
        self.src.add(f"f.pc = {pc + 1}")
        if not self.free:
            self.src.add("L.budget = budget")

    def instruction(self, pc: int, floats: set[int], dirty: set[int], stale: set[int]) -> None:
        op, a, b, c = self.code[pc]
        s = self.src
        nk = self.nk
        ra = a - nk
        self.prepare(pc, floats, dirty, stale)
        if op == F.MOVE:
            self.wr(ra, self.rd(b - nk))
        elif op == F.LOADK:
            self.wr(ra, self.lit(self.flow.consts[b]))
        elif op == F.LOADBOOL:
            self.wr(ra, "True" if b else "False")
        elif op == F.LOADNIL:
            for r in range(ra, b - nk + 1):
                self.wr(r, "None")
        elif op == F.GETUPVAL:
            self.wr(ra, f"u{b}.regs[u{b}.idx]")
        elif op == F.SETUPVAL:
            # (in the generated code) the debugger's journal records
            s.add("if INTERP.write_barrier is not None:")
            s.add(f"    INTERP.write_barrier(u{b})")
            s.add(f"u{b}.regs[u{b}.idx] = {self.rd(ra)}")
        elif op == F.GETGLOBAL:
            key = self.lit(self.flow.consts[b])
            get = "hash.get" if self.flow.consts[b].__class__ is bytes else "get"
            s.add("env = cl.env")
            s.add(f"if env.__class__ is not LuaTable or ((v := env.{get}({key})) is None "
                  "and env.metatable is not None):")
            s.depth += 1
            self.slow(pc, dirty, f"index_meta(L, f, env, {key}, -1, {pc + 1}, {a}, depth)", "v")
            s.depth -= 1
            self.wr(ra, "v")
        elif op == F.SETGLOBAL:
            key = self.lit(self.flow.consts[b])
            put = "set_str" if self.flow.consts[b].__class__ is bytes else "set"
            s.add("env = cl.env")
            s.add("if env.__class__ is LuaTable and ((mt := env.metatable) is None "
                  "or mt.hash.get(b'__newindex') is None):")
            if not self.lazy:  # (a lazy frame's on_exception puts the same pc)
                s.add(f"    f.pc = {pc + 1}")
            s.add(f"    env.{put}({key}, {self.rd(ra)})")
            s.add("else:")
            s.depth += 1
            self.slow(pc, dirty, f"newindex_meta(L, f, env, {key}, {self.rd(ra)}, -1, {pc + 1}, {a}, depth)",
                      None)
            s.depth -= 1
        elif op == F.GETTABLE or op == F.SELF:
            t = self.rd(b - nk)
            key = self.rk(c)
            extra: set[int] = set()
            if op == F.SELF:
                s.add(f"t = {t}")
                self.wr(ra + 1, "t")
                t = "t"
                extra = {ra + 1} - self.flow.captured
                self.partial[pc] = frozenset(extra)
            kconst = self.flow.consts[c] if c < nk else None
            get = "hash.get" if kconst.__class__ is bytes else "get"
            s.add(f"if {t}.__class__ is not LuaTable or ((v := {t}.{get}({key})) is None "
                  f"and {t}.metatable is not None):")
            s.depth += 1
            # luaV_gettable's second step inline when __index is a table that has the key (a
            # method of a class, of the string library): a raw get in the metatable's __index
            # table; any other case (a function, a deeper chain, no metatable) is index()'s
            if op == F.SELF:  # a method call: inline
                s.add(f"mt = {t}.metatable if {t}.__class__ is LuaTable else "
                      f"L.string_meta if {t}.__class__ is bytes else None")
                s.add(f"if mt is None or (h := mt.hash.get(b'__index')).__class__ is not "
                      f"LuaTable or (v := h.{get}({key})) is None:")
            else:  # a field: one call (exits.py)
                via = "via_index_str" if kconst.__class__ is bytes else "via_index"
                s.add(f"if (v := {via}(L, {t}, {key})) is None:")
            s.depth += 1
            self.slow(pc, dirty | extra, f"index_meta(L, f, {t}, {key}, {b}, {pc + 1}, {a}, depth)", "v")
            s.depth -= 1
            s.depth -= 1
            self.wr(ra, "v")
        elif op == F.SETTABLE:
            t = self.rd(ra)
            key = self.rk(b)
            val = self.rk(c)
            kconst = self.flow.consts[b] if b < nk else None
            put = "set_str" if kconst.__class__ is bytes else "set"
            s.add(f"if {t}.__class__ is LuaTable and ((mt := {t}.metatable) is None "
                  "or mt.hash.get(b'__newindex') is None):")
            if not self.lazy:  # (a lazy frame's on_exception puts the same pc)
                s.add(f"    f.pc = {pc + 1}")
            s.add(f"    {t}.{put}({key}, {val})")
            s.add("else:")
            s.depth += 1
            self.slow(pc, dirty, f"newindex_meta(L, f, {t}, {key}, {val}, {a}, {pc + 1}, {a}, depth)",
                      None)
            s.depth -= 1
        elif op == F.NEWTABLE:
            if b > BIG_SIZE or c > BIG_SIZE:
                raise F.Untranslatable("a NEWTABLE of a size only a crafted chunk has")
            nb, nc = fb2int(b), fb2int(c)
            self.wr(ra, f"LuaTable({nb}, {nc})")
            self.gc_point(pc, dirty | {ra}, f"{64 + 16 * nb + 40 * nc}")
        elif op in F.ARITH:
            self.arith(pc, op, ra, b, c, floats, dirty)
        elif op == F.UNM:
            x = self.rd(b - nk)
            if (b - nk) in floats:
                self.wr(ra, f"-{x}")
            else:
                s.add(f"if {x}.__class__ is float:")
                s.depth += 1
                self.wr(ra, f"-{x}")
                s.depth -= 1
                s.add("else:")
                s.depth += 1
                self.slow(pc, dirty, f"arith_meta(L, f, {op}, {x}, {x}, {b}, {b}, {pc + 1}, {a}, depth)",
                          "v", self.number_site(pc))
                self.wr(ra, "v")
                s.depth -= 1
        elif op == F.NOT:
            x = self.rd(b - nk)
            self.wr(ra, f"{x} is None or {x} is False")
        elif op == F.LEN:
            x = self.rd(b - nk)
            s.add(f"v = {x}")
            s.add("if v.__class__ is bytes:")
            s.add("    v = float(len(v))")
            s.add("elif v.__class__ is LuaTable:")
            s.add("    v = float(v.length())")
            s.add("else:")
            s.depth += 1
            self.slow(pc, dirty, f"len_meta(L, f, v, {b}, {pc + 1}, {a}, depth)", "v",
                      self.number_site(pc))
            s.depth -= 1
            self.wr(ra, "v")
        elif op == F.CONCAT:
            self.concat(pc, ra, b - nk, c - nk, dirty)
        elif op == F.JMP:
            pass  # SETLIST's batch word: a jump to the next instruction
        elif op == F.SETLIST:
            self.open_frame()
            if b:
                vals = "[" + ", ".join(self.rd(r) for r in range(ra + 1, ra + 1 + b)) + "]"
            else:
                self.writeback({r for r in dirty if r > ra})
                vals = f"R[{a + 1}:f.top]"
            s.add(f"f.pc = {pc + 1}")
            s.add(f"setlist({self.rd(ra)}, {(c - 1) * 50}, {vals})")
        elif op == F.CLOSE:
            self.open_frame()
            # L.close_upvalues(f, a) inline: only CLOSURE opens cells, so the frame's open
            # cells at registers >= a can only be those this prototype's closures capture
            cells = sorted(self.nk + r for r in self.flow.captured if self.nk + r >= a)
            if cells:
                s.add("ou = f.open_upvals")
                s.add("if ou:")
                for k in cells:
                    s.add(f"    if (c := ou.pop({k}, None)) is not None:")
                    s.add("        c.close()")
        elif op == F.CLOSURE:
            if b >= self.nprotos:
                raise F.Untranslatable("a closure of a missing prototype")
            caps = []
            if any(is_local for is_local, _idx in c):
                # find_upval (the interpreter's), inline: the frame's open cell for the register
                s.add("ou = f.open_upvals")
                s.add("if ou is None:")
                s.add("    ou = f.open_upvals = {}")
            for is_local, idx in c:
                if is_local:
                    cell = f"c{len(caps)}"
                    s.add(f"{cell} = ou.get({idx})")
                    s.add(f"if {cell} is None:")
                    # UpvalCell(R, idx) without __init__'s Python call
                    s.add(f"    {cell} = ou[{idx}] = NEW(UpvalCell)")
                    s.add(f"    {cell}.regs = R")
                    s.add(f"    {cell}.idx = {idx}")
                    caps.append(cell)
                else:
                    self.check_upval(idx)
                    caps.append(f"cl.upvals[{idx}]")
            # LuaFunction(PROTOS[b], caps, cl.env) without __init__'s Python call
            s.add("fn = NEW(LuaFunction)")
            s.add(f"fn.p = PROTOS[{b}]")
            s.add(f"fn.upvals = [{', '.join(caps)}]")
            s.add("fn.env = cl.env")
            s.add("fn.handle = None")
            s.add("if TRACK.hook is not None:")
            s.add("    TRACK.hook(fn)")
            self.wr(ra, "fn")
            self.gc_point(pc, dirty | {ra}, f"{40 + 48 * len(c)}")
        elif op == F.VARARG:
            if b:
                n = b - 1
                if n == 1:
                    self.wr(ra, "va[0] if va else None")
                elif n:
                    s.add("n = len(va)")
                    for i in range(n):
                        self.wr(ra + i, f"va[{i}] if n > {i} else None")
            else:
                s.add(f"put_multi(f, R, {a}, va)")
        else:
            raise F.Untranslatable(f"opcode {op} in the middle of a block")

    def number_site(self, pc: int) -> bool:
        return pc not in self.flow.generic

    def slow(self, pc: int, dirty: set[int], call: str, result: str | None,
             number: bool = False, edited_exit: str | None = None) -> None:
        """An instruction's slow path, which may call a metamethod (as a nested translated call
        or a frame of its own): the frame is put in order first (registers, pc, the budget
        as if this instruction were the last of its block), as for a call. ``result`` names
        the variable that gets the value; ``number``: the translation assumes it is a number
        (a metamethod's other value leaves the translated code and deoptimizes the site);
        ``edited_exit``: a comparison's ``jump, skip`` (leaving, the frame goes on at the
        branch its answer takes)."""
        s = self.src
        self.in_order(dirty)
        refund = 0 if self.free else self.flow.rest[pc] - self.flow.unit[pc]
        if not self.free:
            s.add(f"L.budget = budget + {refund}" if refund else "L.budget = budget")
        a = self.code[pc][1]
        # a metamethod run nested spent budget: when what is left does not pay for the rest of
        # the block, the frame (in order, its pc past this instruction) goes on in the
        # dispatcher, which stops exactly where the budget ends (the checks: exits.py)
        var = result or "v"
        s.add(f"{var} = {call}", synced=True)
        if not self.free:
            s.add(f"budget = L.budget - {refund}" if refund else "budget = L.budget")
        out = "budget < 0 or " if refund else ""
        if edited_exit is not None:
            s.add(f"if {var} is SUSPEND or {out}L.frame_edits != edits:")
            s.add(f"    return left_truth(f, {var}, {a}, {edited_exit})")
        elif result is None:
            s.add(f"if {var} is SUSPEND or {out}L.frame_edits != edits:")
            s.add("    return SUSPEND")
        elif number:
            s.add(f"if {var}.__class__ is not float or {out}L.frame_edits != edits:")
            s.add(f"    return left_number(L, f, {var}, {a}, {pc}, {'budget < 0' if refund else 'False'})")
        else:
            s.add(f"if {var} is SUSPEND or {out}L.frame_edits != edits:")
            s.add(f"    return left_value(f, {var}, {a})")

    def check_upval(self, b: int) -> None:
        if b >= self.nups:
            raise F.Untranslatable("an upvalue out of range")

    def gc_point(self, pc: int, regs: set[int], nbytes: str) -> None:
        """An allocation: the collector may run, and it must see the registers."""
        s = self.src
        s.add(f"if L.heap.allocated({nbytes}):")
        s.depth += 1
        self.in_order(regs - self.flow.captured)
        s.add(f"gc_at(L, f, {pc + 1})")
        s.depth -= 1

    def in_order(self, regs: set[int] | frozenset[int]) -> None:
        """Before a slow path or a collection: the frame opened if it is not (a lazy frame's
        function) and these registers written back."""
        s = self.src
        if self.lazy:
            args = "".join(f"a{i}, " for i in range(self.numparams))
            s.add(f"if f is None: R = (f := open_frame(L, cl, ret_a, nres, cont, {self.nk}, "
                  f"({args}))).R")
        self.writeback(regs)

    # --- block ends -----------------------------------------------------------------------

    def terminator(self, pc: int, floats: set[int], dirty: set[int], stale: set[int],
                   succs: list[int]) -> None:
        op, a, b, c = self.code[pc]
        s = self.src
        nk = self.nk
        ra = a - nk
        if op not in (F.JMP, F.EQ, F.LT, F.LE, F.TEST, F.TESTSET, F.FORLOOP, F.FORPREP,
                      F.TFORLOOP, F.CALL, F.TAILCALL, F.RETURN, F.LOADBOOL):
            # a plain instruction that falls into the next block
            self.instruction(pc, floats, dirty, stale)
            F._transfer(self.flow, pc, floats, dirty, stale)
            self.goto(succs[0])
            return
        self.prepare(pc, floats, dirty, stale)
        if op == F.JMP:
            self.goto(succs[0])
        elif op == F.LOADBOOL:
            self.wr(ra, "True" if b else "False")
            F._transfer(self.flow, pc, floats, dirty, stale)
            self.goto(succs[0])
        elif op in (F.EQ, F.LT, F.LE):
            cond = self.compare(pc, op, a, b, c, floats, dirty, succs)
            # A is the truth that jumps: 0 or 1 from luac; a crafted A > 1 never does (lvm.c's ==)
            cond = cond if a == 1 else f"not ({cond})" if a == 0 else f"({cond}) == {a}"
            self.branch(cond, succs[1], succs[0], pc, floats, dirty, stale)
        elif op == F.TEST:
            x = self.rd(ra)
            falsy = f"{x} is None or {x} is False"
            # c == 0: a false value jumps; c == 1: a true value jumps
            cond = falsy if c == 0 else f"not ({falsy})"
            self.branch(cond, succs[1], succs[0], pc, floats, dirty, stale)
        elif op == F.TESTSET:
            x = self.rd(b - nk)
            falsy = f"{x} is None or {x} is False"
            cond = falsy if c == 0 else f"not ({falsy})"
            s.add(f"if {cond}:")
            s.depth += 1
            self.wr(ra, x)
            self.follow(pc, succs[1], floats, dirty, stale, taken=True)
            s.depth -= 1
            s.add("else:")
            s.depth += 1
            self.follow(pc, succs[0], floats, dirty, stale, taken=False)
            s.depth -= 1
        elif op == F.FORPREP:
            names = [self.rd(ra + i) for i in range(3)]
            if not all(ra + i in floats for i in range(3)):
                s.add(f"if not ({self.float_test(names)}):")
                s.depth += 1
                self.open_frame()
                s.add(f"{', '.join(names)} = forprep_slow(L, f, {', '.join(names)}, {pc + 1})")
                s.depth -= 1
            self.wr(ra, f"{names[0]} - {names[2]}")
            F._transfer(self.flow, pc, floats, dirty, stale)
            self.goto(succs[0])
        elif op == F.FORLOOP:
            idx, limit, step = (self.rd(ra + i) for i in range(3))
            if all(ra + i in floats for i in range(3)):
                s.add(f"v = {idx} + {step}")
                s.add(f"if (v <= {limit}) if {step} > 0 else ({limit} <= v):")
                s.depth += 1
            else:  # not known to be numbers: the interpreter's checks (interp.forloop_error)
                fail = f"forloop_slow(f, {idx}, {limit}, {step}, {pc + 1})"
                s.add("try:")
                s.add(f"    v = {idx} + {step}")
                s.add(f"    go = (v <= {limit}) if {step} > 0 else ({limit} <= v)")
                s.add("except TypeError:")
                s.depth += 1
                self.open_frame()
                s.add(fail)
                s.depth -= 1
                s.add("if go:")
                s.depth += 1
                s.add("if v.__class__ is not float:")
                s.depth += 1
                self.open_frame()
                s.add(fail)
                s.depth -= 1
            self.wr(ra, "v")
            self.wr(ra + 3, "v")
            self.follow(pc, succs[0], floats, dirty, stale, taken=True)
            s.depth -= 1
            s.add("else:")
            s.depth += 1
            self.follow(pc, succs[1], floats, dirty, stale, taken=False)
            s.depth -= 1
        elif op == F.CALL:
            self.call(pc, a, b, c, dirty)
            F._transfer(self.flow, pc, floats, dirty, stale)
            self.goto(succs[0])
        elif op == F.TAILCALL:
            self.tailcall(pc, a, b, dirty)
            F._transfer(self.flow, pc, floats, dirty, stale)
            s.add(f"pc = {pc + 1}")
            s.add("break" if self.in_selfloop else "continue")
        elif op == F.RETURN:
            self.ret(pc, a, b, dirty)
        elif op == F.TFORLOOP:
            self.tforloop(pc, a, c, dirty)
            F._transfer(self.flow, pc, floats, dirty, stale)
            s.add(f"if r{ra + 3} is not None:" if ra + 3 not in self.flow.captured
                  else f"if R[{a + 3}] is not None:")
            s.depth += 1
            self.wr(ra + 2, self.rd(ra + 3))
            self.goto(succs[1])
            s.depth -= 1
            s.add("else:")
            s.depth += 1
            self.goto(succs[0])
            s.depth -= 1

    def follow(self, pc: int, target: int, floats: set[int], dirty: set[int], stale: set[int],
               taken: bool) -> None:
        f2, d2, s2 = set(floats), set(dirty), set(stale)
        F._transfer(self.flow, pc, f2, d2, s2, taken)
        self.goto(target)

    def branch(self, cond: str, jump: int, skip: int, pc: int, floats, dirty, stale) -> None:
        s = self.src
        s.add(f"if {cond}:")
        s.depth += 1
        self.follow(pc, jump, floats, dirty, stale, True)
        s.depth -= 1
        s.add("else:")
        s.depth += 1
        self.follow(pc, skip, floats, dirty, stale, True)
        s.depth -= 1


def fb2int(x: int) -> int:
    e = (x >> 3) & 31
    if e == 0:
        return x
    return ((x & 7) + 8) << (e - 1)


def inline_preds(blocks: dict) -> dict[int, int]:
    """Block start -> its only predecessor, for each block that can be emitted inline after
    it: one way in, not pc 0, not a Python loop of its own, and not the way out of one (a
    Python loop's body goes on by dispatch)."""
    preds: dict[int, list[int]] = {}
    for b in blocks.values():
        for s in b.succs:
            preds.setdefault(s, []).append(b.start)
    out = {}
    for start, ps in preds.items():
        if start == 0 or len(ps) != 1 or blocks[start].preds != 1 or start in blocks[start].succs:
            continue
        pred = ps[0]
        if pred not in blocks[pred].succs:
            out[start] = pred
    return out

