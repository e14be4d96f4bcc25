"""Control flow and dataflow of one prototype's decoded code, for the translator.

Basic blocks follow the interpreter's own counting: every executed instruction costs one unit of
budget, a comparison (EQ, LT, LE, TEST, TESTSET, TFORLOOP) and the JMP after it cost one unit
together (the interpreter follows that JMP itself), and the words after a CLOSURE (its upvalue
captures) cost nothing. A block ends at a jump, a test, a call (the instruction after a call is
where a suspended frame resumes) or a return, and every block start is an entry point where the
interpreter can hand a frame over to the translated code.

Three forward analyses run over the blocks, all in terms of register numbers (not the decoded
operands, which carry the constant count):

- ``floats``: registers certainly holding a number (must; a guard at each entry checks them);
- ``dirty``: registers whose Python local may be newer than the frame's list (may; written back
  before every call and at every exit);
- ``stale``: registers whose frame slot may be newer than the Python local, after an
  instruction that leaves a variable number of values in the frame's list (may; reloaded
  before a read).

A backward liveness analysis limits the entry guards to registers that are read later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

(MOVE, LOADK, LOADBOOL, LOADNIL, GETUPVAL, GETGLOBAL, GETTABLE, SETGLOBAL, SETUPVAL, SETTABLE,
 NEWTABLE, SELF, ADD, SUB, MUL, DIV, MOD, POW, UNM, NOT, LEN, CONCAT, JMP, EQ, LT, LE, TEST,
 TESTSET, CALL, TAILCALL, RETURN, FORLOOP, FORPREP, TFORLOOP, SETLIST, CLOSE, CLOSURE,
 VARARG) = range(38)

ARITH = frozenset({ADD, SUB, MUL, DIV, MOD, POW})
TESTS = frozenset({EQ, LT, LE, TEST, TESTSET})
CALLS = frozenset({CALL, TAILCALL, TFORLOOP})


class Untranslatable(Exception):
    """Code the translator does not take (crafted shapes); the interpreter keeps running it."""


@dataclass(slots=True)
class Block:
    start: int
    end: int  # the last instruction's pc (for a test, the test itself: its JMP is folded in)
    cost: int  # budget units of the whole block
    succs: list[int] = field(default_factory=list)
    preds: int = 0  # number of incoming edges


@dataclass(slots=True)
class Flow:
    """What the emitter needs to know about a prototype."""

    code: list[tuple]
    nk: int
    nregs: int
    blocks: dict[int, Block]
    order: list[int]  # block starts in pc order
    block_of: list[int]  # pc -> start of its block (-1: not an instruction of any block)
    rest: list[int]  # pc -> budget units from pc to the end of its block, pc included
    unit: list[int]  # pc -> budget units of the instruction at pc (0 for capture words)
    captured: frozenset[int]  # registers that closures capture: they live in the frame's list
    consts: list  # constant k at index k
    generic: frozenset[int]  # arithmetic whose result is not assumed to be a number
    floats_in: dict[int, frozenset[int]]
    dirty_in: dict[int, frozenset[int]]
    stale_in: dict[int, frozenset[int]]
    live_in: dict[int, frozenset[int]]
    used: list[int]  # registers the translated code keeps in Python locals
    # (block start, successor) -> registers reloaded from the frame's list on that way, where
    # they are stale and meet the same registers dirty from another way (see _forward)
    reload: dict[tuple[int, int], frozenset[int]] = field(default_factory=dict)
    # each pc's uses and defs (captured registers left out) and each block's pcs, computed
    # once: the analyses and the emitter ask for them again at every pass
    use_at: list[list[int]] = field(default_factory=list)
    def_at: list[list[int]] = field(default_factory=list)
    pcs_of: dict[int, list[int]] = field(default_factory=dict)


def successors(code: list[tuple], pc: int) -> tuple[list[int], bool]:
    """The pcs control can reach after the instruction at pc, and whether it ends a block."""
    op, a, b, c = code[pc]
    n = len(code)
    if op == JMP:
        if b == 0:
            return [pc + 1], False  # SETLIST's batch word, executed as a no-op jump
        return [pc + 1 + b], True
    if op in TESTS or op == TFORLOOP:
        if pc + 1 >= n or code[pc + 1][0] != JMP:
            raise Untranslatable("a test without its jump")
        return [pc + 2, pc + 2 + code[pc + 1][2]], True
    if op == LOADBOOL and c:
        return [pc + 2], True
    if op == FORLOOP:
        return [pc + 1 + b, pc + 1], True
    if op == FORPREP:
        return [pc + 1 + b], True
    if op == CALL or op == TAILCALL:
        return [pc + 1], True
    if op == RETURN:
        return [], True
    if op == CLOSURE:
        return [pc + 1 + len(c)], False
    return [pc + 1], False


def analyse(code: list[tuple], consts: list, maxstack: int,
            generic: frozenset[int] = frozenset(), traps: frozenset[int] = frozenset()) -> Flow:
    """The flow of a prototype's code; ``traps`` (debugger traps) start blocks of their own, so
    that the translated code can ask a trap's check at the start of a block."""
    nk = len(consts)
    n = len(code)
    if n == 0:
        raise Untranslatable("no code")
    # leaders
    if any(not 0 <= pc < n for pc in traps):
        raise Untranslatable("a trap outside the code")
    leaders = {0, *traps}
    pseudo: set[int] = set()
    for pc in range(n):
        op = code[pc][0]
        if op == CLOSURE:
            pseudo.update(range(pc + 1, pc + 1 + len(code[pc][3])))
        succs, ends = successors(code, pc)
        for s in succs:
            if not 0 <= s < n:
                raise Untranslatable("a jump out of the code")
        if ends:
            leaders.update(succs)
            if op in (CALL, TAILCALL) and pc + 1 < n:
                leaders.add(pc + 1)
    if leaders & pseudo:
        raise Untranslatable("a jump into a closure's capture words")
    # blocks, reached from pc 0 (and from every leader: the interpreter may stop anywhere)
    blocks: dict[int, Block] = {}
    block_of = [-1] * n
    rest = [0] * n
    unit = [0 if pc in pseudo else 1 for pc in range(n)]
    for start in sorted(leaders):
        pc = start
        members = []
        while True:
            if pc >= n:
                raise Untranslatable("code runs off its end")
            members.append(pc)
            succs, ends = successors(code, pc)
            if ends:
                break
            nxt = succs[0]
            if nxt in leaders:
                break
            pc = nxt
        block = Block(start, pc, sum(unit[m] for m in members))
        block.succs = successors(code, pc)[0]
        blocks[start] = block
        left = block.cost
        for m in members:
            block_of[m] = start
            rest[m] = left
            left -= unit[m]
        for m in range(members[0], pc + 1):  # capture words belong to their CLOSURE's block
            if m in pseudo and block_of[m] == -1:
                block_of[m] = start
    for block in blocks.values():
        for s in block.succs:
            blocks[s].preds += 1
    order = sorted(blocks)
    nregs = maxstack
    captured = frozenset(idx - nk for op, _a, _b, c in code if op == CLOSURE
                         for is_local, idx in c if is_local)
    flow = Flow(code, nk, nregs, blocks, order, block_of, rest, unit, captured, consts, generic,
                {}, {}, {}, {}, [])
    _check_registers(flow)  # (and each pc's use_at and def_at)
    _forward(flow)
    _liveness(flow)
    referenced: set[int] = set()
    for pc in range(n):
        if block_of[pc] != -1 and unit[pc]:
            referenced.update(flow.use_at[pc])
            referenced.update(flow.def_at[pc])
    flow.used = sorted(referenced)
    return flow


def _check_registers(flow: Flow) -> None:
    """Every operand within its function's registers and constants (the loader's verifier and
    the compiler promise it): refuse anything else rather than guess."""
    nk = flow.nk
    captured = flow.captured
    n = len(flow.code)
    use_at: list[list[int]] = [[]] * n
    def_at: list[list[int]] = [[]] * n
    for pc, (op, a, b, c) in enumerate(flow.code):
        if flow.block_of[pc] == -1 or flow.unit[pc] == 0:
            continue
        u = _uses(flow, pc, keep_captured=True)
        d = _defs(flow, pc, keep_captured=True)
        if any(not 0 <= r < flow.nregs for r in u) or any(not 0 <= r < flow.nregs for r in d):
            raise Untranslatable("register out of range")
        use_at[pc] = [r for r in u if r not in captured] if captured else u
        def_at[pc] = [r for r in d if r not in captured] if captured else d
        if op not in (EQ, LT, LE, JMP) and not 0 <= a - nk < flow.nregs:
            raise Untranslatable("register out of range")
        if op in (LOADK, GETGLOBAL, SETGLOBAL) and not 0 <= b < nk:
            raise Untranslatable("constant out of range")
        if op in (LOADNIL, CONCAT) and (b < a if op == LOADNIL else c < b):
            raise Untranslatable("empty register range")
    flow.use_at = use_at
    flow.def_at = def_at


# --- per-instruction effects ------------------------------------------------------------------


def uses(flow: Flow, pc: int) -> list[int]:
    """Registers the instruction reads from Python locals (never the multiple-results tail)."""
    return flow.use_at[pc]


def defs(flow: Flow, pc: int) -> list[int]:
    """Registers the instruction writes into Python locals."""
    return flow.def_at[pc]


def _uses(flow: Flow, pc: int, keep_captured: bool = False) -> list[int]:
    """uses(), computed (``keep_captured``: the registers closures capture too)."""
    op, a, b, c = flow.code[pc]
    nk = flow.nk
    out: list[int] = []

    def rk(x: int) -> None:
        if x >= nk:
            out.append(x - nk)

    ra = a - nk
    if op == MOVE:
        rk(b)
    elif op in (GETTABLE,):
        rk(b)
        rk(c)
    elif op in (SETGLOBAL, SETUPVAL, TEST):
        out.append(ra)
    elif op == SETTABLE:
        out.append(ra)
        rk(b)
        rk(c)
    elif op == SELF:
        rk(b)
        rk(c)
    elif op in ARITH or op in (EQ, LT, LE):
        rk(b)
        rk(c)
    elif op in (UNM, NOT, LEN, TESTSET):
        rk(b)
    elif op == CONCAT:
        out.extend(range(b - nk, c - nk + 1))
    elif op in (CALL, TAILCALL):
        out.extend(range(ra, ra + b) if b else [ra])  # b == 0: the rest is read from the list
    elif op == RETURN:
        if b:
            out.extend(range(ra, ra + b - 1))
    elif op in (FORLOOP, FORPREP):
        out.extend((ra, ra + 1, ra + 2))
    elif op == TFORLOOP:
        out.extend((ra, ra + 1, ra + 2))
    elif op == SETLIST:
        out.extend(range(ra, ra + b + 1) if b else [ra])
    if keep_captured:
        return out
    return [r for r in out if r not in flow.captured]


def _defs(flow: Flow, pc: int, keep_captured: bool = False) -> list[int]:
    """defs(), computed (``keep_captured``: the registers closures capture too)."""
    op, a, b, c = flow.code[pc]
    nk = flow.nk
    ra = a - nk
    if op in (MOVE, LOADK, LOADBOOL, GETUPVAL, GETGLOBAL, GETTABLE, NEWTABLE, NOT, LEN,
              CLOSURE, UNM) or op in ARITH:
        out = [ra]
    elif op == CONCAT:
        out = [ra, b - nk] if b - nk != ra else [ra]  # the joined string stays in R(B) too
    elif op == LOADNIL:
        out = list(range(ra, b - nk + 1))
    elif op == SELF:
        out = [ra, ra + 1]
    elif op == TESTSET:
        out = [ra]
    elif op == CALL:
        out = list(range(ra, ra + c - 1)) if c else []
    elif op == FORLOOP:
        out = [ra, ra + 3]
    elif op == FORPREP:
        out = [ra, ra + 1, ra + 2]
    elif op == TFORLOOP:
        out = list(range(ra + 2, ra + 3 + c))
    elif op == VARARG:
        out = list(range(ra, ra + b - 1)) if b else []
    else:
        out = []
    if keep_captured:
        return out
    return [r for r in out if r not in flow.captured]


def _floats_after(flow: Flow, pc: int, floats: set[int], taken: bool) -> None:
    """Registers certainly holding numbers after the instruction, given those before it (in
    place); ``taken`` is False on the fall-through edge of FORLOOP and TESTSET (which write
    only when they jump)."""
    op, a, b, c = flow.code[pc]
    if not taken and (op == FORLOOP or op == TESTSET):
        return
    nk = flow.nk
    ra = a - nk
    src = (op == MOVE or op == TESTSET) and b >= nk and b - nk in floats
    floats.difference_update(flow.def_at[pc])
    if (op in ARITH or op == UNM or op == LEN) and pc not in flow.generic:
        floats.add(ra)  # the fast path computes a number; a metamethod's other value deoptimizes
    elif src:
        floats.add(ra)
    elif op == LOADK:
        if flow.consts[b].__class__ is float:
            floats.add(ra)
    elif op == FORPREP:
        floats.update((ra, ra + 1, ra + 2))
    elif op == FORLOOP:
        floats.update((ra, ra + 3))
    if flow.captured:
        floats.difference_update(flow.captured)


# --- forward analyses -------------------------------------------------------------------------


def _transfer(flow: Flow, pc: int, floats: set[int], dirty: set[int], stale: set[int],
              taken: bool = True) -> None:
    """One instruction's effect on the three forward facts (in place)."""
    op, a, b, c = flow.code[pc]
    if stale:
        stale.difference_update(flow.use_at[pc])  # a stale register is reloaded before it is read
    _floats_after(flow, pc, floats, taken)
    if op in CALLS:
        dirty.clear()  # written back before the call
    written = flow.def_at[pc]
    if written:
        dirty.update(written)
        if stale:
            stale.difference_update(written)
    if (op == CALL and c == 0) or (op == VARARG and b == 0):
        # the values went to the frame's list: the locals from there on are old, and clean
        above = set(range(a - flow.nk, flow.nregs))
        stale.update(above - flow.captured)
        dirty.difference_update(above)
        floats.difference_update(above)


def block_pcs(flow: Flow, start: int) -> list[int]:
    """The pcs of the instructions of the block at start, in execution order."""
    out = flow.pcs_of.get(start)
    if out is not None:
        return out
    block = flow.blocks[start]
    out = flow.pcs_of[start] = []
    pc = start
    while True:
        out.append(pc)
        if pc == block.end:
            return out
        pc = successors(flow.code, pc)[0][0]


def _forward(flow: Flow) -> None:
    """The three forward facts at every block start. Where ways meet, a register can be newer
    in its local on one way (dirty) and newer in the frame's list on another (stale: after open
    call results): no single rule reads or writes it right on both. The way where it is stale
    then reloads it before it goes on (``flow.reload``), and the facts are found again, until
    no register is both at any block start."""
    reload: dict[tuple[int, int], frozenset[int]] = {}
    while True:
        edges = _fixpoint(flow, reload)
        more = False
        for (s, t), ways in edges.items():
            add: set[int] = set()
            for d2, s2 in ways:
                add |= (s2 & flow.dirty_in[t]) - d2
            if not add <= reload.get((s, t), frozenset()):
                reload[(s, t)] = reload.get((s, t), frozenset()) | frozenset(add)
                more = True
        if not more:
            break
    for (s, t), regs in reload.items():
        if any(d2 & regs for d2, _s2 in edges[(s, t)]):
            raise Untranslatable("a register both newer in its local and in the frame")
    for s in flow.blocks:
        if flow.dirty_in[s] & flow.stale_in[s]:
            raise Untranslatable("a register both newer in its local and in the frame")
    flow.reload = {edge: regs for edge, regs in reload.items() if regs}


def _fixpoint(flow: Flow, reload: dict[tuple[int, int], frozenset[int]]
              ) -> dict[tuple[int, int], list[tuple[set[int], set[int]]]]:
    """The forward facts, the registers of ``reload`` reloaded on their edges (clean, no
    longer stale); returns the dirty and stale sets leaving by each edge (block, target)."""
    blocks = flow.blocks
    everything = frozenset(range(flow.nregs)) - flow.captured
    floats_in: dict[int, frozenset[int]] = {s: everything for s in blocks}  # optimistic (must)
    floats_in[0] = frozenset()  # a fresh call: parameters of any type, the rest nil
    dirty_in: dict[int, frozenset[int]] = {s: frozenset() for s in blocks}
    stale_in: dict[int, frozenset[int]] = {s: frozenset() for s in blocks}
    reached = {0}
    work = [0]
    queued = {0}
    while work:
        s = work.pop()
        queued.discard(s)
        for t, f2, d2, s2 in _leaving(flow, s, floats_in[s], dirty_in[s], stale_in[s]):
            s2 -= reload.get((s, t), frozenset())
            new_f = floats_in[t] & frozenset(f2) if t in reached else frozenset(f2)
            if t == 0:
                new_f = frozenset()
            new_d = dirty_in[t] | frozenset(d2)
            new_s = stale_in[t] | frozenset(s2)
            if t not in reached or (new_f, new_d, new_s) != (floats_in[t], dirty_in[t], stale_in[t]):
                reached.add(t)
                floats_in[t], dirty_in[t], stale_in[t] = new_f, new_d, new_s
                if t not in queued:
                    work.append(t)
                    queued.add(t)
    for s in blocks:
        if s not in reached:
            # only the interpreter can bring control here (it never does for compiled code):
            # assume nothing
            floats_in[s] = frozenset()
            dirty_in[s] = everything
            stale_in[s] = frozenset()
    flow.floats_in = floats_in
    flow.dirty_in = dirty_in
    flow.stale_in = stale_in
    # what leaves by each edge, with the facts as they now are at every block start
    edges: dict[tuple[int, int], list[tuple[set[int], set[int]]]] = {}
    for s in reached:
        for t, _f2, d2, s2 in _leaving(flow, s, floats_in[s], dirty_in[s], stale_in[s]):
            edges.setdefault((s, t), []).append((d2, s2))
    return edges


def _leaving(flow: Flow, s: int, floats: frozenset[int], dirty: frozenset[int],
             stale: frozenset[int]):
    """The facts at the end of block s, from those at its start, along each way out:
    (successor, floats, dirty, stale), fresh sets for each."""
    floats, dirty, stale = set(floats), set(dirty), set(stale)
    pcs = block_pcs(flow, s)
    for pc in pcs[:-1]:
        _transfer(flow, pc, floats, dirty, stale)
    last = pcs[-1]
    op = flow.code[last][0]
    for i, t in enumerate(flow.blocks[s].succs):
        f2, d2, s2 = set(floats), set(dirty), set(stale)
        # FORLOOP: succs = [loop, exit]; tests: succs = [skip, jump]
        taken = not ((op == FORLOOP and i == 1) or (op == TESTSET and i == 0))
        _transfer(flow, last, f2, d2, s2, taken)
        yield t, f2, d2, s2


def _liveness(flow: Flow) -> None:
    """Registers read (from locals) before being written, at each block start."""
    blocks = flow.blocks
    live_in: dict[int, frozenset[int]] = {s: frozenset() for s in blocks}
    gen_kill: dict[int, tuple[frozenset[int], frozenset[int]]] = {}
    for s in blocks:
        gen: set[int] = set()
        kill: set[int] = set()
        for pc in block_pcs(flow, s):
            for r in uses(flow, pc):
                if r not in kill:
                    gen.add(r)
            if flow.code[pc][0] not in (TESTSET, FORLOOP):  # they write on one path only
                kill.update(defs(flow, pc))
        gen_kill[s] = (frozenset(gen), frozenset(kill))
    changed = True
    while changed:
        changed = False
        for s in reversed(flow.order):
            gen, kill = gen_kill[s]
            out: set[int] = set()
            for t in blocks[s].succs:
                out |= live_in[t]
            new = gen | (frozenset(out) - kill)
            if new != live_in[s]:
                live_in[s] = new
                changed = True
    flow.live_in = live_in
