"""The compiled tier's arithmetic, concatenation and comparisons: each inline for numbers and
strings, with the interpreter's slow path (metamethods) behind a class check."""

from __future__ import annotations

import math

from vm.runtime.compiled import flow as F

ARITH_SYMBOL = {F.ADD: "+", F.SUB: "-", F.MUL: "*"}


class OpsEmitter:
    """Mixed into Emitter: ARITH, CONCAT and EQ/LT/LE."""


    def arith(self, pc: int, op: int, ra: int, b: int, c: int, floats: set[int],
              dirty: set[int]) -> None:
        s = self.src
        x = self.rk(b)
        y = self.rk(c)
        checks = [n for n, o in ((x, b), (y, c)) if not self.is_float(o, floats)]
        checks = list(dict.fromkeys(checks))
        yv = self.flow.consts[c] if c < self.nk else None
        if checks:
            s.add(f"if {self.float_test(checks)}:")
            s.depth += 1
        if op in ARITH_SYMBOL:
            self.wr(ra, f"{x} {ARITH_SYMBOL[op]} {y}")
        elif op == F.DIV:
            if yv.__class__ is float and yv != 0.0:
                self.wr(ra, f"{x} / {y}")
            else:
                self.wr(ra, f"{x} / {y} if {y} else arith_div({x}, {y})")
        elif op == F.MOD:
            if yv.__class__ is float and yv != 0.0 and math.isfinite(yv):
                s.add(f"q = {x} / {y}")
                self.wr(ra, f"{x} - floor(q) * {y} + 0.0 if q - q == 0.0 else arith_mod({x}, {y})")
            else:
                s.add(f"if {y}:")
                s.add(f"    q = {x} / {y}")
                s.depth += 1
                self.wr(ra, f"{x} - floor(q) * {y} + 0.0 if q - q == 0.0 else arith_mod({x}, {y})")
                s.depth -= 1
                s.add("else:")
                s.depth += 1
                self.wr(ra, f"arith_mod({x}, {y})")
                s.depth -= 1
        else:
            self.wr(ra, f"arith_pow({x}, {y})")
        if checks:
            s.depth -= 1
            s.add("else:")
            s.depth += 1
            a = self.code[pc][1]
            call = f"arith_meta(L, f, {op}, {x}, {y}, {b}, {c}, {pc + 1}, {a}, depth)"
            self.slow(pc, dirty, call, "v", self.number_site(pc))
            self.wr(ra, "v")
            s.depth -= 1

    def concat(self, pc: int, ra: int, first: int, last: int, dirty: set[int]) -> None:
        """CONCAT of strings and numbers only; anything else is the interpreter's (it may call
        __concat on part of the operands), and so is a large result (it checks the limits
        before building it: vm/runtime/limits.py)."""
        s = self.src
        names = [self.rd(r) for r in range(first, last + 1)]
        if len(names) == 2:
            x, y = names
            s.add(f"if {x}.__class__ is bytes and {y}.__class__ is bytes and len({x}) + len({y}) < LARGE:")
            s.add(f"    v = {x} + {y}")
            s.add("else:")
            s.add(f"    v = concat_fast(({x}, {y}))")
        else:
            s.add(f"v = concat_fast(({', '.join(names)},))")
        s.add("if v is None:")
        s.add("    raise Bail")
        # the interpreter has the joined string in R[first] when the collector runs, and
        # leaves it there
        s.add("if L.heap.allocated(25 + len(v)):")
        s.depth += 1
        self.open_frame()
        self.writeback((dirty - {first}) - self.flow.captured)
        s.add(f"R[{self.nk + first}] = v")
        s.add(f"f.pc = {pc + 1}")
        s.add("L.gc_check()")
        s.depth -= 1
        if first != ra:
            self.wr(first, "v")
        self.wr(ra, "v")

    # --- comparisons ----------------------------------------------------------------------

    def compare(self, pc: int, op: int, a: int, b: int, c: int, floats: set[int],
                dirty: set[int], succs: list[int]) -> str:
        """The truth of EQ/LT/LE as an expression (statements before it compute it when a
        metamethod may be needed)."""
        s = self.src
        x = self.rk(b)
        y = self.rk(c)
        nk = self.nk
        fx = self.is_float(b, floats)
        fy = self.is_float(c, floats)
        sym = {F.EQ: "==", F.LT: "<", F.LE: "<="}[op]
        if op == F.EQ:
            kb = self.flow.consts[b] if b < nk else _NONE
            kc = self.flow.consts[c] if c < nk else _NONE
            if kc is _NONE and kb is not _NONE:
                x, y, kb, kc, fx, fy = y, x, kc, kb, fy, fx
            if kc is not _NONE:
                if kb is not _NONE:
                    return repr(_raw_equal_const(kb, kc))
                if kc is None or kc is True or kc is False:
                    return f"{x} is {kc!r}"
                if kc.__class__ is bytes:
                    return f"{x} == {y}"  # a string equals only an equal string
                if kc.__class__ is float and kc == kc:
                    return f"{x} == {y}" if fx else f"({x}.__class__ is float and {x} == {y})"
        if fx and fy:
            return f"{x} {sym} {y}"
        checks = [n for n, ok in ((x, fx), (y, fy)) if not ok]
        test = " and ".join(f"{n}.__class__ is float" for n in dict.fromkeys(checks))
        s.add(f"if {test}:")
        s.add(f"    t = {x} {sym} {y}")
        if op == F.EQ:
            s.add(f"elif {x} is {y}:")
            s.add("    t = True")
        s.add("else:")
        s.depth += 1
        exit_ = f"{succs[1]}, {succs[0]}"
        self.slow(pc, dirty, f"compare_meta(L, f, {op}, {x}, {y}, {pc + 1}, {a}, depth)", "t",
                  edited_exit=exit_)
        s.depth -= 1
        return "t"


class _None:
    pass


_NONE = _None()


def _raw_equal_const(x: object, y: object) -> bool:
    if x.__class__ is not y.__class__:
        return False
    return x == y
