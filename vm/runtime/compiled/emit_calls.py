"""The compiled tier's calls: a translated function's own prologue (a call made directly by
other translated code), CALL, TAILCALL, RETURN and TFORLOOP."""

from __future__ import annotations


class CallsEmitter:
    """Mixed into Emitter: the call protocol between translated code and the dispatcher."""


    def call_prologue(self) -> None:
        """A call made directly by translated code: luaD_precall's work, as push_lua does it
        (the caller checked the stack's room: ``depth`` counts the calls it may still nest)."""
        s = self.src
        nk = self.nk
        np = self.numparams
        if self.lazy:
            self.lazy_prologue()
            return
        self.registers_list()
        if self.is_vararg:
            s.add("va = list(va)")
        if self.needs_arg:
            s.add(f"arg_table(R, {nk + np}, va)")
        for r in self.used:
            if r < np:
                s.add(f"r{r} = a{r}")
        others = [r for r in self.used if r >= np]
        if self.needs_arg and np in others:
            others.remove(np)
            s.add(f"r{np} = R[{nk + np}]")
        if others:
            s.add(" = ".join(f"r{r}" for r in others) + " = None")
        self.frame_build(False)

    def registers_list(self) -> None:
        """R: the constants, the parameters, nil."""
        s = self.src
        nk = self.nk
        np = self.numparams
        if nk + self.flow.nregs <= 24:
            items = [self.lit(k) for k in self.flow.consts]
            items += [f"a{i}" for i in range(np)]
            items += ["None"] * (self.flow.nregs - np)
            s.add(f"R = [{', '.join(items)}]")
        else:
            s.add("R = TEMPLATE.copy()")
            if np:
                s.add(f"R[{nk}:{nk + np}] = {', '.join(f'a{i}' for i in range(np))},")

    def frame_build(self, counted: bool) -> None:
        """f: the call's frame, pushed (``counted``: a C-level call was counted at entry)."""
        s = self.src
        s.add("f = NEW(Frame)")
        s.add("f.cl = cl")
        s.add("f.R = R")
        s.add("f.pc = 0")
        s.add(f"f.varargs = {'va' if self.is_vararg else 'None'}")
        s.add("f.top = 0")
        s.add("f.ret_a = ret_a")
        s.add("f.nresults = nres")
        s.add("f.cont = cont")
        s.add("f.gen = None")
        s.add("f.builtin = None")
        s.add("f.tailcalls = 0")
        s.add("f.open_upvals = None")
        s.add("if cont:")
        # (in the generated code) a generic for's iterator, a metamethod: a C-level call in 5.1
        s.add("    if cont > 0:")
        s.add("        f.boundary = True")
        if not counted:
            s.add("        L.enter_c()")
        # (in the generated code) a tail call (OP_TAILCALL) in place of -cont calls
        s.add("    else:")
        s.add("        f.cont = 0")
        s.add("        f.tailcalls = -cont")
        s.add("        f.boundary = False")
        s.add("else:")
        s.add("    f.boundary = False")
        s.add("frames.append(f)")

    def lazy_prologue(self) -> None:
        """As call_prologue, with the frame and its registers' list left for open_frame: the
        parameters in locals; a C-level call (a metamethod) counted at once, as luaD_call."""
        s = self.src
        np = self.numparams
        for r in self.used:
            if r < np:
                s.add(f"r{r} = a{r}")
        others = [r for r in self.used if r >= np]
        if others:
            s.add(" = ".join(f"r{r}" for r in others) + " = None")
        # (in the generated code) a generic for's iterator, a metamethod: a C-level call in 5.1
        s.add("if cont > 0:")
        s.add("    L.enter_c()")

    def open_frame(self, inline: bool = False) -> None:
        """In a lazy frame's function, before anything that can see the frame (a call, a
        collection, a slow path, an exception, a store of f.pc or a read of R): open it now,
        as call_prologue would have at entry (its registers as at entry: the parameters;
        the caller writes back what changed since, as the dirty registers). So a call that
        returns by a fast path alone (fib's n < 2, a leaf of a tree) opens no frame at all:
        between its entry and its return nothing runs that could see the frames, and the
        frames below it are all there is."""
        if self.lazy:
            s = self.src
            s.add("if f is None:")
            s.depth += 1
            if inline and self.inline_opens > 0:  # a few calls: built inline, as at entry
                self.inline_opens -= 1
                self.registers_list()
                self.frame_build(True)
            else:
                args = "".join(f"a{i}, " for i in range(self.numparams))
                s.add(f"f = open_frame(L, cl, ret_a, nres, cont, {self.nk}, ({args}))")
                s.add("R = f.R")
            s.depth -= 1

    def close_cells(self) -> None:
        """A return's luaF_close of the whole frame: only this prototype's CLOSUREs open cells
        in its frame (find_upval), so a prototype that captures no register has none."""
        if self.flow.captured:
            s = self.src
            s.add("ou = f.open_upvals")
            s.add("if ou:")
            s.add("    close_all(ou)")

    # --- calls ----------------------------------------------------------------------------

    def arglist(self, a: int, b: int) -> str:
        """The arguments of a CALL as Python call arguments (after the fixed ones)."""
        ra = a - self.nk
        if b:
            return "".join(f", {self.rd(r)}" for r in range(ra + 1, ra + b))
        return f", *R[{a + 1}:f.top]"

    def argvalues(self, a: int, b: int) -> str:
        ra = a - self.nk
        if b:
            return "[" + ", ".join(self.rd(r) for r in range(ra + 1, ra + b)) + "]"
        return f"R[{a + 1}:f.top]"

    def call(self, pc: int, a: int, b: int, c: int, dirty: set[int]) -> None:
        s = self.src
        ra = a - self.nk
        self.sync_call(pc, dirty)
        fn = self.rd(ra)
        want = c - 1
        s.add(f"fn = {fn}")
        first = "elif" if self.call_first(a, b, want) else "if"
        s.add(f"{first} fn.__class__ is LuaFunction and depth:")
        s.add(f"    res = fn.p.{self.enter}(L, None, 0, depth - 1, fn, {a}, {want}, 0{self.arglist(a, b)})")
        s.add("elif fn.__class__ is Builtin and not fn.is_gen:")
        s.add(f"    res = fn.fn(L, {self.argvalues(a, b)})")
        if want == 1:
            s.add("    res = res[0] if res else None")
        # a resume or wrap function whose coroutine's body runs as a generator (cobody.py),
        # any other call as the interpreter makes it (callslow.py)
        s.add("else:")
        s.add(f"    res = call_slow(L, f, fn, {self.argvalues(a, b)}, {a}, {want}, depth)")
        s.add("if res is SUSPEND or L.frame_edits != edits:")
        s.add(f"    return call_left(L, f, res, {a}, {want})")
        if not self.free:
            s.add("budget = L.budget")
        self.results(a, c)

    def call_first(self, a: int, b: int, want: int) -> bool:
        """A case of a CALL's dispatch on its function tried before the others (a coroutine
        body's direct yield: vm/runtime/compiled/cobody.py); True when one was emitted (its
        ``if``, the common cases follow as ``elif``)."""
        return False

    def results(self, a: int, c: int) -> None:
        """Store a call's results (res: the value itself when one is wanted, else a list)."""
        s = self.src
        ra = a - self.nk
        want = c - 1
        if want < 0:
            s.add(f"put_multi(f, R, {a}, res)")
        elif want == 1:
            self.wr(ra, "res")
        elif want > 1:
            s.add("n = len(res)")
            for i in range(want):
                self.wr(ra + i, f"res[{i}] if n > {i} else None")

    def tailcall(self, pc: int, a: int, b: int, dirty: set[int]) -> None:
        s = self.src
        ra = a - self.nk
        self.sync_call(pc, dirty)
        s.add(f"fn = {self.rd(ra)}")
        s.add("if fn.__class__ is LuaFunction:")
        s.add("    if depth and not (f.cont or f.boundary):")
        # a plain call's frame: the callee opens its own in its place, as a call (its results
        # are this function's), counting the calls it replaces (cont < 0)
        s.depth += 2
        self.close_cells()
        s.depth -= 2
        s.add("        frames.pop()")
        s.add(f"        return fn.p.{self.enter}(L, None, 0, depth - 1, fn, f.ret_a, nres, -1 - f.tailcalls"
              f"{self.arglist(a, b)})")
        # the callee's frame takes over this one's continuation; with no room for nesting it
        # runs from the dispatcher (a tail call never deepens the stack of frames)
        s.add(f"    g = tail_frame(L, f, fn, {self.argvalues(a, b)})")
        s.add(f"    return fn.p.{self.enter}(L, g, 0, depth - 1) if depth else SUSPEND")
        s.add("if fn.__class__ is Builtin and not fn.is_gen:")
        s.add(f"    res = fn.fn(L, {self.argvalues(a, b)})")
        s.add("else:")
        s.add(f"    res = call_other(L, f, fn, {self.argvalues(a, b)}, {a}, -1, 0, {a}, depth, True)")
        s.add("    if res is SUSPEND:")
        s.add("        return res")
        # (in the generated code) the results are in the frame: the RETURN after runs
        s.add("    if res is RESUMED:")
        if not self.free:
            s.add("        budget = L.budget")
        s.add("        if L.frame_edits != edits:")
        s.add("            return SUSPEND")
        s.add(f"        pc = {pc + 1}")
        s.add("        break" if self.in_selfloop else "        continue")
        self.close_cells()
        s.add("frames.pop()")
        s.add("if nres == 1:")
        s.add("    return res[0] if res else None")
        s.add("return res")

    def ret(self, pc: int, a: int, b: int, dirty: set[int]) -> None:
        s = self.src
        ra = a - self.nk
        if not b:
            self.open_frame()  # (opened by the call before it)
            self.writeback({r for r in dirty if r >= ra})
            s.add(f"res = R[{a}:f.top]")
        self.close_cells()
        if self.lazy:  # its frame is open only if something needed it
            s.add("if f is not None:")
            s.add("    frames.pop()")
        else:
            s.add("frames.pop()")
        if not self.free:
            s.add("L.budget = budget")
        if b == 1:
            s.add("return None if nres == 1 else []")
        elif b == 2:
            v = self.rd(ra)
            s.add(f"return {v} if nres == 1 else [{v}]")
        elif b:
            vals = ", ".join(self.rd(r) for r in range(ra, ra + b - 1))
            s.add(f"return {self.rd(ra)} if nres == 1 else [{vals}]")
        else:
            s.add("if nres == 1:")
            s.add("    return res[0] if res else None")
            s.add("return res")

    def tforloop(self, pc: int, a: int, c: int, dirty: set[int]) -> None:
        s = self.src
        ra = a - self.nk
        self.sync_call(pc, dirty)
        fn, st, ctl = self.rd(ra), self.rd(ra + 1), self.rd(ra + 2)
        s.add(f"fn = {fn}")
        s.add("if fn.__class__ is Builtin and not fn.is_gen:")
        s.add(f"    res = fn.fn(L, [{st}, {ctl}])")
        s.add("elif fn.__class__ is LuaFunction and depth:")
        s.add(f"    res = fn.p.{self.enter}(L, None, 0, depth - 1, fn, {a}, -1, CONT_TFORLOOP, {st}, {ctl})")
        s.add("    if res is SUSPEND:")
        s.add("        return res")
        s.add("    L.ccalls -= 1")
        s.add("else:")
        # (in the generated code) a generator body's resume
        s.add("    if fn.__class__ is Builtin and fn.switch is not None:")
        s.add(f"        res = resume_body(L, f, fn, [{st}, {ctl}], {a}, -1, CONT_TFORLOOP, depth)")
        s.add("        if res is IN_FRAME:")
        s.add("            res = RESUMED")
        s.add("    else:")
        s.add("        res = OTHER")
        s.add("    if res is OTHER:")
        s.add(f"        res = call_other(L, f, fn, [{st}, {ctl}], {a}, -1, CONT_TFORLOOP, {a + 3}, depth)")
        s.add("    if res is SUSPEND:")
        s.add("        return res")
        # (in the generated code) its continuation has put the values and moved f.pc
        s.add("    if res is RESUMED:")
        s.add("        if L.frame_edits != edits:")
        s.add("            return SUSPEND")
        # the same values again, for the loop test below (which leaves the frame as the
        # continuation did: the pc it moved is set again before anything reads it)
        s.add(f"        res = R[{a + 3}:{a + 3 + c}]")
        if not self.free:
            s.add("budget = L.budget")
        s.add("if L.frame_edits != edits:")
        s.add(f"    return edited_tfor(L, f, res, {a}, {c})")
        s.add("n = len(res)")
        for i in range(c):
            self.wr(ra + 3 + i, f"res[{i}] if n > {i} else None")
