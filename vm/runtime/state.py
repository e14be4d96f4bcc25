"""The Lua state: globals, metatables, and the call machinery around the interpreter loop.

Calls never recurse in Python. A Lua callee gets a frame on ``frames``; a library function runs
at once, unless it is a generator that asks the VM to call Lua for it, in which case it becomes
a frame too and is resumed with the results. Results travel back by ``deliver``, following the
callee frame's continuation. Errors unwind by popping frames to the nearest generator frame
that takes them (pcall), closing upvalues on the way.
"""

from __future__ import annotations

from vm.bytecode.proto import VARARG_NEEDSARG, Proto
from vm.chunkid import chunkid
from vm.errors import LuaError
from vm.runtime.compiled import SUSPEND
from vm.runtime.compiled.direct import call_direct
from vm.runtime.coroutine import (
    RESUME,
    TFOR_LEVEL,
    YIELD,
    Coroutine,
    answer_resumer,
    resume_pending,
)
from vm.runtime.frame import (
    CONT_CALL,
    CONT_CONCAT,
    CONT_ERRFUNC,
    CONT_FAILED_C,
    CONT_HOOK,
    CONT_STORE,
    CONT_TEST,
    CONT_TEST_NOT,
    CONT_TFORLOOP,
    CONT_THREAD_END,
    Frame,
)
from vm.runtime.function import Builtin, LuaFunction, Prototype, UpvalCell
from vm.runtime.heap import Heap, loaded_bytes
from vm.runtime.limits import Guard, over_limit
from vm.runtime.table import LuaTable, bind_state
from vm.runtime.values import Userdata

# 5.1 grows its CallInfo array by doubling and fails when it would pass LUAI_MAXCALLS (20000):
# at 16384 call infos, one of which is lua.c's pmain, which has no frame here
LUAI_MAXCALLS = 16383
UNLIMITED = 1 << 62  # an instruction budget that never runs out
LUAI_MAXCCALLS = 200  # nested C calls: library generators and metamethod calls
C_BASE = 2  # 5.1's nCcalls where ccalls is 0: lua.c's lua_cpcall and lua_pcall
# the debugger's write barrier (vm/runtime/journal.py), None when nothing records: called with a
# generator frame before the library function it runs goes on (a Python generator cannot be
# taken back, so a mark holding it is good only while it has not moved)
write_barrier = None


class LuaState:
    """The global state and the running thread's frames."""

    def __init__(self) -> None:
        self.registry = LuaTable(0, 2)  # lstate.c: luaH_new(L, 0, 2), as the globals
        self.string_meta: LuaTable | None = None
        self.main = Coroutine(None, LuaTable(0, 2))  # the globals (their size decides pairs(_G))
        self.main.status = b"running"
        self.current = self.main  # the running thread; frames is its frame list
        self.frames: list[Frame] = self.main.frames
        self.ccalls = 0
        self.out = None  # a binary stream for print and io.write, set by the embedding
        self.budget = UNLIMITED  # instructions the loop may run before it pauses
        # budget beyond L.budget, while a loop runs on a part of it (interp._one, _compiled's
        # run to a block with an entry): a debugger trap reckons its position with it
        self.budget_beyond = 0
        self.heap = Heap()
        self.pending_gc: list = []  # userdata whose __gc is due (run by collectgarbage, close)
        self.proxy_metatables: list[LuaTable] = []  # metatables made by newproxy(true)
        self.type_meta: dict[type, LuaTable | None] = {}  # debug.setmetatable on other types
        self.handler_c_top: tuple | None | bool = False  # see _message_handler
        # set by open_base/open_debug: library functions handed out again and again
        self.base_tostring: Builtin | None = None
        self.pairs_next: Builtin | None = None
        self.ipairs_aux: Builtin | None = None
        self.debug_getinfo: Builtin | None = None
        # the debugger's record of values from outside the program (clock, time): see outside()
        self.tape: list | None = None
        self.tape_pos = 0
        # set by the debugger: an error pauses the loop before the stack unwinds (run() leaves
        # it in pending_error; the debugger unwinds when it carries on)
        self.error_stop = False
        self.pending_error: LuaError | None = None
        self.allowhook = True  # false while a debug hook runs (vm/runtime/hooks.py)
        self.reenter = False  # a library function asks the loop to hand back to run()
        # lua.c's docall: an uncaught error goes to its traceback function, which calls the
        # global debug.traceback (the command line sets this; see _lua_c_traceback)
        self.lua_c_traceback = False
        self.compiled = True  # translated code may run (vm/runtime/compiled)
        self.frame_edits = 0  # debug.setlocal's changes: translated code reloads its registers
        self.bailed = None  # a frame whose translated code left an instruction to the interpreter
        self.asked = None  # a bailed frame whose trap at its pc was asked (interp.py's TRAP)
        self.islands = 0  # library calls of translated functions nested in Python calls
        self.interpreting = False  # the interpreter's loop runs, with the budget in a local
        self.waiting: set = set()  # frames whose translated code waits for a switch to come back
        # Redis 7's Lua hashes every byte of a long string (5.1 every (len>>5)+1-th): tables
        # place string keys by it (vm/runtime/table.py)
        self.full_string_hash = False
        self.guard: Guard | None = None  # the running call's limits (vm/runtime/limits.py)
        bind_state(self)  # tables built before the first run place keys by this state

    @property
    def globals(self) -> LuaTable:
        """The running thread's global table (LUA_GLOBALSINDEX)."""
        return self.current.globals  # type: ignore[return-value]

    @globals.setter
    def globals(self, t: LuaTable) -> None:
        self.current.globals = t

    def outside(self, read):
        """A value from outside the program (the time, the processor clock). While the debugger
        records (``tape`` set), the value is logged; a replay of the run reads it back from the
        log, so stepping backwards and forwards again sees the same values."""
        tape = self.tape
        if tape is None:
            return read()
        pos = self.tape_pos
        if pos < len(tape):
            value = tape[pos]
        else:
            value = read()
            tape.append(value)
        self.tape_pos = pos + 1
        return value

    # --- metatables -------------------------------------------------------------------------

    def getmetatable(self, v: object) -> LuaTable | None:
        cls = v.__class__
        if cls is LuaTable or cls is Userdata:
            return v.metatable  # type: ignore[attr-defined]
        if cls is bytes:
            return self.string_meta
        if self.type_meta:
            return self.type_meta.get(Builtin if cls is LuaFunction else cls)
        return None

    def metamethod(self, v: object, event: bytes) -> object:
        """luaT_gettmbyobj: the handler for an event, or None."""
        mt = self.getmetatable(v)
        if mt is None:
            return None
        return mt.hash.get(event)

    # --- the collector ----------------------------------------------------------------------

    def collect(self) -> None:
        """A full collection now; finalizers found due are queued in pending_gc."""
        self.pending_gc.extend(self.heap.collect(self))
        self.frame_edits += 1  # it cleared the dead registers of frames waiting on calls

    def gc_check(self) -> None:
        """After an allocation the heap says is over the threshold (luaC_checkGC): the
        collector steps, and collects when its cycle completes; a run's memory limit is
        checked after that collection too."""
        if self.heap.due():
            self.collect()
            if self.guard is not None:
                over_limit(self)

    # --- loading and calling ----------------------------------------------------------------

    def load(self, proto: Proto) -> LuaFunction:
        """A main-chunk closure over the globals; a function that had upvalues (a dumped inner
        function) gets as many fresh closed ones, holding nil (f_parser)."""
        p = Prototype(proto)
        self.heap.debt += loaded_bytes(proto)  # counted as 5.1 counts what it parsed
        return LuaFunction(p, [UpvalCell([None], 0) for _ in range(p.nups)], self.globals)

    def call(self, fn: object, args: list) -> list:
        """Call a Lua value from Python and run it to completion; raise LuaError if it fails.

        The calls it makes are frames of the VM, not Python recursion."""
        from vm.runtime.interp import run

        base = len(self.frames)
        thread, ccalls = self.current, self.ccalls
        holder = Frame(None, [None], None, 0, -1, CONT_CALL)
        self.frames.append(holder)
        saved, self.budget = self.budget, UNLIMITED
        try:
            try:
                started = self.call_with(holder, fn, list(args), 0, -1, CONT_CALL)
            except LuaError as err:  # fn itself failed: unwind as run() would (traceback, pcall)
                self.unwind(err, base + 1, self.frames)
                started = True
            if started:
                run(self, base + 1)
            return holder.R[0:holder.top]
        except BaseException as exc:
            if not isinstance(exc, LuaError):  # a bug, a limit: back to the calling thread
                if exc.__class__ is KeyboardInterrupt:  # Ctrl-C: where it stopped, for lua.c's report
                    exc.lua_message = self.interrupted_at()  # type: ignore[attr-defined]
                if base == 0 and thread is self.main:
                    self.reset_calls()
                else:
                    self.abandon_threads(thread, base, ccalls)
            raise
        finally:
            self.budget = saved
            del self.frames[base:]
            self.ccalls = 0 if base == 0 else self.ccalls

    def call_with(self, caller: Frame, fn: object, args: list, ret_a: int, nresults: int,
                  cont: int, fpos: int = -1) -> bool:
        """Call fn with args for caller. A Lua callee gets a frame: True, the loop must switch
        to it. A library function runs now (or starts as a generator frame)."""
        cls = fn.__class__
        if cls is LuaFunction:
            self.push_lua(fn, args, ret_a, nresults, cont)  # type: ignore[arg-type]
            return True
        if cls is Builtin:
            if self.current.hook is not None and self.allowhook:  # call and return events
                from vm.runtime.hooks import hooked_call

                fn = hooked_call(self, fn)  # type: ignore[arg-type]
            if fn.is_gen:  # type: ignore[union-attr]
                fast = fn.fast  # type: ignore[union-attr]
                if fast is not None and (results := fast(self, args)) is not None:
                    return self.deliver(caller, results, ret_a, nresults, cont)
                return self.push_gen(fn, args, ret_a, nresults, cont)  # type: ignore[arg-type]
            try:
                results = fn.fn(self, args)  # type: ignore[union-attr]
            except LuaError as err:
                if err.runtime:  # luaG_runerror in a C function: no position
                    err.positioned = True
                self.position(err, caller)  # luaL_error: level 1 is whoever called it
                # a metamethod or __call: the failing function stands in the traceback
                err.c_failed = (caller, fn)  # type: ignore[attr-defined]
                raise
            return self.deliver(caller, results, ret_a, nresults, cont)
        handler = self.metamethod(fn, b"__call")
        if handler.__class__ is not LuaFunction and handler.__class__ is not Builtin:
            from vm.runtime import errors

            err = errors.type_error(self, caller, fn, fpos, b"call")
            self.position(err, caller)
            raise err
        return self.call_with(caller, handler, [fn, *args], ret_a, nresults, cont)

    def push_lua(self, fn: LuaFunction, args: list, ret_a: int, nresults: int,
                 cont: int) -> Frame:
        """Open a frame for a Lua function (luaD_precall): parameters, varargs, 'arg'."""
        p = fn.p
        if len(self.frames) >= LUAI_MAXCALLS:
            raise LuaError(b"stack overflow", positioned=False)
        R = p.template.copy()
        np = p.numparams
        nk = p.nk
        nargs = len(args)
        if nargs >= np:
            R[nk:nk + np] = args[:np]
            varargs = args[np:] if p.is_vararg else None
        else:
            R[nk:nk + nargs] = args
            varargs = [] if p.is_vararg else None
        if p.is_vararg & VARARG_NEEDSARG:  # 5.1's compatibility 'arg' table
            t = LuaTable(len(varargs), 1)  # type: ignore[arg-type]
            t.arr[:] = varargs  # type: ignore[index]
            t.set_str(b"n", float(len(varargs)))  # type: ignore[arg-type]
            R[nk + np] = t
        f = Frame(fn, R, varargs, ret_a, nresults, cont)
        if f.boundary:
            self.enter_c()
        self.frames.append(f)
        return f

    def enter_c(self) -> None:
        """Count a C-level call (luaD_call's nCcalls): 200 of them nest at most. The count
        starts at 0 where lua.c's is 2 (the main chunk runs inside lua_cpcall and lua_pcall).
        Past the limit (an error handler running on a C stack overflow) 5.1 allows 25 more,
        then throws LUA_ERRERR, which no message handler sees."""
        self.ccalls += 1
        n = self.ccalls + C_BASE
        if n >= LUAI_MAXCCALLS:
            if n == LUAI_MAXCCALLS:
                raise LuaError(b"C stack overflow", positioned=False)
            if n >= LUAI_MAXCCALLS + (LUAI_MAXCCALLS >> 3):
                err = LuaError(b"error in error handling")
                err.handled = True
                raise err

    def push_gen(self, fn: Builtin, args: list, ret_a: int, nresults: int, cont: int) -> bool:
        """Start a generator library function as a frame; True when it asked for a Lua call."""
        f = Frame(None, None, args, ret_a, nresults, cont)  # varargs: the function's arguments
        f.boundary = True
        f.builtin = fn
        try:
            self.enter_c()
        except LuaError as err:
            if err.handled:  # LUA_ERRERR
                raise
            self.frames.append(f)
            f.gen = fn.fn(self, args)
            return self._start_at_limit(f, err)
        self.frames.append(f)
        f.gen = fn.fn(self, args)
        return self.resume_gen(f, None, None)

    def _start_at_limit(self, f: Frame, overflow: LuaError) -> bool:
        """A library function started at the C-call limit. 5.1 counts its calls into Lua
        (luaD_call), not the function: it runs, and its first such call fails inside it, with
        no position (a C function is running) and its own pcall or xpcall taking the error.
        One that calls nothing (tostring of a plain value) or switches threads goes on."""
        if write_barrier is not None:
            write_barrier(f)
        try:
            request = f.gen.send(None)  # type: ignore[union-attr]
        except LuaError as own:
            own.raised_by = f
            raise
        except StopIteration as stop:
            self.frames.pop()
            self.ccalls -= 1
            return self.deliver(self.frames[-1], stop.value or [], f.ret_a, f.nresults, f.cont)
        callee, args = request
        if callee is RESUME:
            return self.resume_thread(f, args[0], args[1:])
        if callee is YIELD:
            return self.yield_thread(args)
        overflow.positioned = True
        raise overflow

    def resume_gen(self, f: Frame, value: object, error: LuaError | None) -> bool:
        """Send results (or throw an error) into a generator frame and act on its answer:
        another call to make (a Lua frame to run: True), or its own results to deliver.
        Library functions it calls are run here in a loop, so a generator that makes many
        such calls (a reader, a comparator that is a builtin) does not deepen Python's stack."""
        while True:
            if write_barrier is not None:
                write_barrier(f)
            try:
                if error is not None:
                    request = f.gen.throw(error)  # type: ignore[union-attr]
                else:
                    request = f.gen.send(value)  # type: ignore[union-attr]
            except LuaError as own:
                own.raised_by = f  # the library function failed itself: it does not catch this
                raise
            except StopIteration as stop:
                self.frames.pop()
                self.ccalls -= 1
                switch = self.deliver(self.frames[-1], stop.value or [], f.ret_a, f.nresults,
                                      f.cont)
                if self.reenter:  # debug.sethook: the loop must take up the hooked pace now
                    self.reenter = False
                    return True
                return switch
            callee, args = request
            if callee is RESUME:
                return self.resume_thread(f, args[0], args[1:])
            if callee is YIELD:
                return self.yield_thread(args)
            if callee.__class__ is Builtin and not callee.is_gen and self.current.hook is None:
                try:
                    value = callee.fn(self, args)  # type: ignore[union-attr]
                except LuaError as err:
                    if err.runtime:
                        err.positioned = True
                    self.position(err, f)
                    raise
                error = None
                continue
            if (callee.__class__ is LuaFunction and self.compiled and not self.interpreting
                    and self.current.hook is None):
                value = call_direct(self, callee, args)  # translated code, nested (bounded)
                if value is not SUSPEND:
                    error = None
                    continue
                return True  # its frame runs in the loop
            return self.call_with(f, callee, args, 0, -1, CONT_CALL)

    # --- coroutines -------------------------------------------------------------------------

    def switch_to(self, co: Coroutine) -> None:
        """Make co the running thread (its frames become the VM's frames)."""
        self.current.ccalls = self.ccalls
        self.current = co
        self.frames = co.frames
        self.ccalls = co.ccalls
        co.status = b"running"

    def resume_thread(self, resumer_frame: Frame, co: Coroutine, args: list) -> bool:
        """lua_resume: run co from its start or from its pending yield. Always True: the loop
        must pick up the (new) running thread's top frame."""
        prev = self.current
        # lua_resume refuses when the resumer's nCcalls (ours + C_BASE, less the resume's
        # own frame, plus a generic for's call: coroutine.TFOR_LEVEL) is at the limit:
        # nested resumes are C calls
        extra = TFOR_LEVEL if resumer_frame.cont == CONT_TFORLOOP else 0
        if self.ccalls + C_BASE - 1 + extra >= LUAI_MAXCCALLS:
            self.resume_gen(resumer_frame, [False, b"C stack overflow"], None)
            return True
        co.resumer = prev
        co.resumer_frame = resumer_frame
        # lua_setlevel and lua_resume's ++nCcalls: the coroutine runs at the resumer's count
        # with the resume's frame counted
        ccalls = self.ccalls
        self.switch_to(co)
        self.ccalls = ccalls + extra
        prev.status = b"normal"
        if not co.frames:
            self.push_lua(co.fn, args, 0, -1, CONT_THREAD_END)  # type: ignore[arg-type]
            return True
        resume_pending(self, co, args)  # the yield's results are the resume's args
        return True

    def yield_thread(self, values: list) -> bool:
        """lua_yield from the generator frame on top: suspend the running coroutine and give
        values to its resumer. Yielding across a library call or metamethod is an error."""
        co = self.current
        frames = co.frames
        if co is self.main or any(fr.boundary for fr in frames[:-1]):
            # luaG_runerror inside lua_yield: the running function is C, so no position
            raise LuaError(b"attempt to yield across metamethod/C-call boundary")
        co.status = b"suspended"
        back = co.resumer
        self.switch_to(back)  # type: ignore[arg-type]
        answer_resumer(self, co, [True, *values])
        return True

    def end_thread(self, results: list | None, err: LuaError | None) -> None:
        """The running coroutine's body returned (or failed): it is dead; its resumer gets
        (true, results...) or (false, error)."""
        co = self.current
        co.status = b"dead"
        back = co.resumer
        self.switch_to(back)  # type: ignore[arg-type]
        answer = [True, *results] if err is None else [False, err.value]  # type: ignore[misc]
        answer_resumer(self, co, answer)

    def abandon_threads(self, thread: Coroutine, base: int, ccalls: int) -> None:
        """Make ``thread`` the running thread again with its frames above ``base`` dropped and
        ``ccalls`` nested C calls, after a run that ended without unwinding (an internal error,
        a limit, an interrupt). The threads that were running or waiting on a resume above it
        can never go on: they are dead, so a later chunk neither runs inside them nor resumes
        them half-way."""
        co = self.current
        while co is not None and co is not thread:
            co.status = b"dead"
            co.frames.clear()
            co.ccalls = 0
            nxt = co.resumer
            co.resumer = co.resumer_frame = None
            co = nxt
        self.current = thread
        self.frames = thread.frames
        thread.status = b"running"
        del thread.frames[base:]
        self.ccalls = ccalls

    def reset_calls(self) -> None:
        """A clean call state for the next chunk, whatever the last one left (lua_settop(L, 0)
        after a failed lua_pcall, and more): the main thread running with no frames and no
        nested C calls, hooks allowed, no error pending."""
        self.abandon_threads(self.main, 0, 0)
        self.main.ccalls = 0
        self.budget = UNLIMITED
        self.allowhook = True
        self.reenter = False
        self.pending_error = None
        self.handler_c_top = False
        self.bailed = None
        self.asked = None
        self.waiting.clear()

    # --- results ----------------------------------------------------------------------------

    def deliver(self, caller: Frame, results: list, ret_a: int, nresults: int, cont: int) -> bool:
        """Hand results to the frame below the callee, as the call's continuation says.
        True when that started another Lua frame (a generator asked for a call, a CONCAT
        needed another metamethod) that the loop must switch to."""
        if cont == CONT_THREAD_END:
            self.end_thread(results, None)
            return True
        if cont == CONT_HOOK:  # a debug hook returned: hooks are allowed again
            self.allowhook = True
            return False
        if cont == CONT_ERRFUNC:  # the message handler is done: now unwind with its answer
            lua_c = caller is not None and caller.cont == CONT_FAILED_C and self._drop_failed_c()
            err = LuaError(results[0] if results else None)
            err.handled = True
            if lua_c:
                err.traceback = b""  # lua.c prints debug.traceback's answer alone
            raise err
        if caller.gen is not None:
            return self.resume_gen(caller, results, None)
        R = caller.R
        if cont == CONT_CALL:
            n = len(results)
            if nresults < 0:
                end = ret_a + n
                if end > len(R):
                    R.extend([None] * (end - len(R)))
                R[ret_a:end] = results
                caller.top = end
            elif n >= nresults:
                R[ret_a:ret_a + nresults] = results[:nresults]
            else:
                R[ret_a:ret_a + n] = results
                for i in range(ret_a + n, ret_a + nresults):
                    R[i] = None
            return False
        first = results[0] if results else None
        if cont == CONT_STORE:
            R[ret_a] = first
        elif cont == CONT_TEST or cont == CONT_TEST_NOT:
            truth = not (first is None or first is False)
            if cont == CONT_TEST_NOT:
                truth = not truth
            # the comparison's pc is behind us; the JMP it guards is at caller.pc
            if truth == ret_a:  # A is 0 or 1 from luac; a crafted A > 1 never jumps (lvm.c's ==)
                caller.pc += caller.cl.p.code[caller.pc][2] + 1  # type: ignore[union-attr]
            else:
                caller.pc += 1
        elif cont == CONT_CONCAT:
            from vm.runtime.interp import concat

            R[ret_a] = first
            op = caller.cl.p.code[caller.pc - 1]  # type: ignore[union-attr]
            return concat(self, caller, op[1], op[2], ret_a)
        elif cont == CONT_TFORLOOP:
            nvars = caller.cl.p.code[caller.pc - 1][3]  # type: ignore[union-attr]
            base = ret_a + 3
            for i in range(nvars):
                R[base + i] = results[i] if i < len(results) else None
            if R[base] is not None:
                R[base - 1] = R[base]
                caller.pc += caller.cl.p.code[caller.pc][2] + 1  # type: ignore[union-attr]
            else:
                caller.pc += 1
        return False

    # --- errors -----------------------------------------------------------------------------

    def where(self, level_frame: Frame | None, runtime: bool = False) -> bytes:
        """luaL_where: ``chunk:line: `` of a Lua frame; nothing for a library frame, nor for a
        line not known (a stripped chunk: 5.1 wants currentline > 0). ``runtime``: luaG_runerror's
        addinfo instead, which gives any Lua frame its position (line 0 when stripped)."""
        if level_frame is None or level_frame.cl is None:
            return b""
        proto = level_frame.cl.p.proto
        pc = level_frame.pc - 1
        line = proto.lineinfo[pc] if 0 <= pc < len(proto.lineinfo) else 0
        if line <= 0 and not runtime:
            return b""
        return chunkid(proto.source if proto.source is not None else b"?") + b":%d: " % line

    def position(self, err: LuaError, caller: Frame | None = None) -> None:
        """Give an engine error its ``chunk:line:`` prefix (luaG_runerror, luaL_error): the
        position of the Lua frame running the failing instruction or calling the failing library
        function (``caller``; by default the top frame, or the one below a generator frame)."""
        if err.positioned:
            return
        err.positioned = True
        if caller is None:
            frames = self.frames
            caller = frames[-1] if frames else None
            if caller is not None and caller.gen is not None:
                caller = frames[-2] if len(frames) > 1 else None
        complete = getattr(err, "complete", None)
        if complete is not None:
            complete(self.called_as(caller))
        if err.value.__class__ is bytes:
            err.value = self.where(caller, err.runtime) + err.value  # type: ignore[operator]

    def called_as(self, caller: Frame | None) -> tuple[bytes, bytes] | None:
        """getfuncname for a function called by ``caller``: (namewhat, name) or None."""
        if caller is None or caller.cl is None:
            return None
        from vm.bytecode.opcodes import Op, get_a, get_op
        from vm.runtime.errors import object_name

        p = caller.cl.p
        pc = caller.pc - 1
        names = p.callnames
        if pc in names:
            return names[pc]
        proto = p.proto
        if not 0 <= pc < len(proto.code):
            return None
        ins = proto.code[pc]
        name = None
        if get_op(ins) in (Op.CALL, Op.TAILCALL, Op.TFORLOOP):
            name = object_name(proto, pc, get_a(ins))
        names[pc] = name
        return name

    def close_upvalues(self, f: Frame, level: int) -> None:
        """Close the frame's open upvalue cells at registers >= level."""
        cells = f.open_upvals
        if not cells:
            return
        for idx in [i for i in cells if i >= level]:
            cells.pop(idx).close()

    def place_error(self, err: LuaError) -> tuple | None | bool:
        """Give err its position, as at the moment it was raised; returns the library function
        running inline at the top (see inline_c_function). The debugger calls it to show the
        message before the stack unwinds; unwind calls it again, to no further effect."""
        c_top = self.inline_c_function()
        if c_top is False and self._failed_in_call_with(err) is not None:
            c_top = self.called_as(self.frames[-1])
        if err.runtime and c_top is not False:  # raised inside a library function: no position
            err.positioned = True
        self.position(err)
        return c_top

    def unwind(self, err: LuaError, base: int, home: list) -> None:
        """Pop frames down to a generator frame that takes err (pcall), or to the bottom of a
        coroutine (its resume returns false, err); execution then goes on in the running
        thread's top frame. On the thread whose frame list is ``home`` only frames above
        ``base`` are popped, and err is raised again when none of them takes it."""
        c_top = self.place_error(err)
        self._note_traceback(err, base, home, c_top)
        if self.current is not self.main and self.frames is not home:
            # a coroutine that dies of this error keeps its stack for debug.traceback (5.1
            # leaves a dead thread's stack as it was)
            self.current.error_stack = (list(self.frames), c_top)
        if not err.handled and self._message_handler(err, base if self.frames is home else 0,
                                                     c_top):
            return
        if (self.lua_c_traceback and not err.handled and self.frames is home
                and not self._protected(base, err) and self._lua_c_traceback(err, c_top)):
            return
        while True:
            frames = self.frames
            limit = base if frames is home else 0
            while len(frames) > limit:
                f = frames[-1]
                if f.gen is not None:
                    try:
                        self.resume_gen(f, None, err)
                        return
                    except LuaError as again:
                        err = again
                        if self._raised_again(err, base, home):
                            return
                        if frames and frames[-1] is f:
                            frames.pop()
                            self.ccalls -= 1
                        if self.frames is not frames:
                            break
                        continue
                self.close_upvalues(f, 0)
                frames.pop()
                if f.cont == CONT_HOOK:  # an error left a hook: hooks are allowed again
                    self.allowhook = True
                if f.cont == CONT_THREAD_END:
                    try:
                        self.end_thread(None, err)
                        return
                    except LuaError as again:
                        err = again
                        if self._raised_again(err, base, home):
                            return
                        break
                if f.boundary:
                    self.ccalls -= 1
            else:
                raise err

    def _raised_again(self, err: LuaError, base: int, home: list) -> bool:
        """A new error raised while the stack unwinds: its position and traceback, then the
        message handler (see _handle_again); True when a handler frame now runs."""
        self.position(err)
        self._note_traceback(err, base, home, False)
        return self._handle_again(err, base, home)

    def _handle_again(self, err: LuaError, base: int, home: list) -> bool:
        """A library function raised a new error while the stack unwinds (coroutine.wrap
        passing on its coroutine's error): xpcall's handler sees it too, as luaG_errormsg
        calls the handler for every error raised."""
        return not err.handled and self._message_handler(err, base if self.frames is home else 0)

    def _message_handler(self, err: LuaError, limit: int,
                         c_top: tuple[bytes, bytes] | None | bool = False) -> bool:
        """xpcall: call the message handler at the error point, before anything unwinds
        (luaG_errormsg). True when a handler frame was pushed to run first. The innermost
        pcall or xpcall below the error decides; a handler running (or failing) on the way
        does not: 5.1 keeps the errfunc while its handler runs, so an error in the handler
        calls the handler again."""
        frames = self.frames
        # a generator frame on top raised the error itself: it does not handle its own errors
        top = len(frames) - 1
        if top >= limit and frames[top].gen is not None and err.raised_by is frames[top]:
            top -= 1
        for i in range(top, limit - 1, -1):
            f = frames[i]
            b = f.builtin
            if b is not None and b.protects:
                if b.name != "xpcall":
                    return False
                handler = f.varargs[1] if len(f.varargs) > 1 else None  # type: ignore[arg-type]
                err.handled = True
                if handler.__class__ is Builtin and not handler.is_gen:
                    self._call_inline_handler(err, handler, c_top)
                    return False
                if handler.__class__ is LuaFunction or handler.__class__ is Builtin:
                    return self._call_handler(err, handler, c_top is not False)
                err.value = b"error in error handling"  # not callable: LUA_ERRERR
                return False
        return False

    def _call_inline_handler(self, err: LuaError, handler: Builtin,
                             c_top: tuple[bytes, bytes] | None | bool) -> None:
        """A library handler that does not call back into Lua (debug.traceback, loadstring)
        runs at once; err.value becomes its answer. If it fails, its own error goes to it in
        turn, as luaG_errormsg nests the calls, until the C-call limit and LUA_ERRERR. It is
        called from whatever raised the error: luaL_where(1) is that function's position when
        it is Lua code running an instruction, nothing otherwise."""
        frames = self.frames
        top = frames[-1] if frames else None
        caller = top if c_top is False and top is not None and top.cl is not None else None
        level = self.ccalls + C_BASE
        value = err.value
        self.handler_c_top = c_top  # debug.traceback shows the failing C function
        try:
            while True:
                level += 1
                if level >= LUAI_MAXCCALLS + (LUAI_MAXCCALLS >> 3):
                    value = b"error in error handling"
                    break
                if level == LUAI_MAXCCALLS:
                    value = b"C stack overflow"
                    continue
                try:
                    results = handler.fn(self, [value])  # type: ignore[operator]
                except LuaError as failed:
                    if not failed.positioned:
                        failed.positioned = True
                        complete = getattr(failed, "complete", None)
                        if complete is not None:
                            complete(self.called_as(caller))
                        if failed.value.__class__ is bytes:
                            failed.value = self.where(caller) + failed.value  # type: ignore[operator]
                    value = failed.value
                    caller = None  # the next call is made from this (C) handler's failure
                    self.handler_c_top = False
                    continue
                value = results[0] if results else None
                break
        finally:
            self.handler_c_top = False
        err.value = value

    def _lua_c_traceback(self, err: LuaError, c_top: tuple[bytes, bytes] | None | bool) -> bool:
        """lua.c's traceback, the message handler of every chunk the command line runs: a
        string message goes to the global debug.traceback with level 2, whatever function that
        is now, and its answer is what lua.c prints; no debug table or no function there: the
        message alone. The library's own function answers what err.traceback already holds.
        True when a handler frame now runs (above a frame standing for lua.c's function)."""
        if err.value.__class__ is not bytes and err.value.__class__ is not float:
            return False  # lua.c keeps a message that is not a string intact
        debug = self.globals.get_str(b"debug")
        tb = debug.get_str(b"traceback") if debug.__class__ is LuaTable else None
        if tb.__class__ is Builtin and tb.name == "traceback":  # type: ignore[union-attr]
            return False
        if tb.__class__ is not LuaFunction and tb.__class__ is not Builtin:
            err.traceback = b""
            return False
        if c_top is not False:  # the failing library function stays under it (_call_handler)
            failing = self._failing_builtin(err)
            if failing is not None and not failing.protects:
                self.frames.append(self._failed_c(failing))
        self.frames.append(self._failed_c(None))  # lua.c's traceback function: "[C]: ?"
        err.handled = True
        if tb.__class__ is Builtin and not tb.is_gen:  # type: ignore[union-attr]
            try:
                results = tb.fn(self, [err.value, 2.0])  # type: ignore[union-attr]
                value = results[0] if results else None
            except LuaError:
                value = b"error in error handling"
            self._drop_failed_c()
            err.value = value
            err.traceback = b""
            return False
        if self._call_handler(err, tb, False, [err.value, 2.0]):  # type: ignore[arg-type]
            return True
        err.traceback = b""  # the call failed: its error is the message
        return False

    @staticmethod
    def _failed_c(fn: Builtin | None) -> Frame:
        """A frame for a library function that raised an error (fn; None: lua.c's traceback),
        kept on the stack while a message handler runs, as in 5.1."""
        f = Frame(None, None, None, 0, 0, CONT_FAILED_C)
        f.boundary = False  # counted as a C call when it was called
        f.builtin = fn
        return f

    def _drop_failed_c(self) -> bool:
        """Pop the frames _failed_c made, once their handler is done; True when lua.c's
        traceback was among them (its answer is the whole message: no traceback follows)."""
        frames = self.frames
        lua_c = False
        while frames and frames[-1].cont == CONT_FAILED_C:
            if frames.pop().builtin is None:
                lua_c = True
        return lua_c

    def _call_handler(self, err: LuaError, handler: LuaFunction | Builtin,
                      from_c: bool = False, args: list | None = None) -> bool:
        """luaG_errormsg's luaD_call of the handler, as a frame (a library handler that calls
        back into Lua, such as tostring or print, too). True when a frame now runs; False when
        the handler is done already and err.value is its answer. A call that fails (the C
        stack limit, a handler that fails at once) passes its error to the handler in turn,
        as luaG_runerror calls luaG_errormsg again; LUA_ERRERR ends it. ``from_c``: a library
        function running without a frame raised err; in 5.1 it is still on the stack under
        the handler (debug.traceback and getinfo in the handler show it), so it gets a frame
        of its own (CONT_FAILED_C) until the handler returns."""
        if from_c:
            failing = self._failing_builtin(err)
            if failing is not None and not failing.protects:
                self.frames.append(self._failed_c(failing))
        while True:
            depth = len(self.frames)
            values = [err.value] if args is None else args
            try:
                if handler.__class__ is LuaFunction:
                    self.push_lua(handler, values, 0, 1, CONT_ERRFUNC)  # type: ignore[arg-type]
                    return True
                return self.push_gen(handler, values, 0, 1, CONT_ERRFUNC)  # type: ignore[arg-type]
            except LuaError as failed:
                error = failed
            # the call failed before any Lua code ran: the frames it left take the error as
            # unwind would give it to them (pcall as the handler catches it); the C calls they
            # counted stay counted, as in 5.1 until the catching pcall restores nCcalls
            frames = self.frames
            while len(frames) > depth and not error.handled:
                f = frames[-1]
                if f.gen is not None and error.raised_by is not f:
                    try:
                        return self.resume_gen(f, None, error)
                    except LuaError as again:
                        error = again
                        continue
                frames.pop()
            if error.handled:  # the handler's answer, or LUA_ERRERR's message
                err.value = error.value
                return False
            del frames[depth:]
            if depth >= LUAI_MAXCALLS:  # luaD_growCI past the limit: LUA_ERRERR
                err.value = b"error in error handling"
                return False
            if not error.positioned:  # luaG_runerror: the position of a running Lua function
                error.positioned = True
                top = frames[-1] if frames else None
                if (error.value.__class__ is bytes and top is not None and top.cl is not None
                        and self.inline_c_function() is False):
                    error.value = self.where(top, True) + error.value  # type: ignore[operator]
            err.value = error.value  # the handler gets the new error in turn

    def interrupted_at(self, inside: bool | None = None) -> bytes:
        """The report of a run Ctrl-C stopped, from the stack as it is now (before it unwinds):
        lua.c's SIGINT hook raises luaL_error(L, "interrupted!"), whose level 1 is the caller of
        the interrupted function (a hook has no stack level of its own), then the traceback.
        ``inside``: stopped inside a library call; one that runs without a frame (``io.read``)
        is then the interrupted function, level 0 (``[C]: in function 'read'``), and the Lua
        function calling it level 1, as lua.c reports a read that Ctrl-C ended. False: stopped
        between instructions, the top frame before its pc. None: not known (KeyboardInterrupt)."""
        from vm.runtime.errors import traceback

        frames = self.frames
        try:
            c_top = self.inline_c_function() if inside is True else False
            if c_top is not False:
                return (self.where(frames[-1]) + b"interrupted!\n"
                        + traceback(self, 0, c_top))  # type: ignore[arg-type]
            where = self.where(frames[-2]) if len(frames) > 1 else b""
            paused = inside is False and frames[-1].cl is not None  # between instructions
            return where + b"interrupted!\n" + traceback(self, 0, False, paused=paused)
        except Exception:  # a stack in mid-change: the message alone
            return b"interrupted!"

    def _note_traceback(self, err: LuaError, base: int, home: list,
                        c_top: tuple[bytes, bytes] | None | bool) -> None:
        """An error nothing will catch gets its traceback now, while the stack is whole."""
        if err.traceback is None and self.frames is home and not self._protected(base, err):
            from vm.runtime.errors import traceback

            err.traceback = traceback(self, 0, c_top)

    def _failed_in_call_with(self, err: LuaError) -> Builtin | None:
        """The library function that raised err when call_with ran it for the top frame (a
        metamethod, a __call): it has no frame, yet 5.1's traceback shows it."""
        failed = getattr(err, "c_failed", None)
        if failed is not None and self.frames and self.frames[-1] is failed[0]:
            return failed[1]
        return None

    def _failing_builtin(self, err: LuaError) -> Builtin | None:
        """The library function running without a frame that raised err."""
        fn = self._failed_in_call_with(err)
        return fn if fn is not None else self._inline_builtin()

    def _inline_builtin(self) -> Builtin | None:
        """The library function inline_c_function names: called by the top Lua frame's
        current instruction, running without a frame."""
        from vm.bytecode.opcodes import get_a

        f = self.frames[-1]
        fn = f.R[f.cl.p.nk + get_a(f.cl.p.proto.code[f.pc - 1])]  # type: ignore[union-attr,index]
        return fn if fn.__class__ is Builtin else None

    def inline_c_function(self) -> tuple[bytes, bytes] | None | bool:
        """When the top Lua frame is inside a call to a library function that runs without a
        frame (the error came from it): how it was named, or None; False otherwise."""
        frames = self.frames
        if not frames or frames[-1].cl is None:
            return False
        f = frames[-1]
        from vm.bytecode.opcodes import Op, get_a, get_op

        proto = f.cl.p.proto
        pc = f.pc - 1
        if not 0 <= pc < len(proto.code):
            return False
        ins = proto.code[pc]
        if get_op(ins) not in (Op.CALL, Op.TAILCALL, Op.TFORLOOP):
            return False
        fn = f.R[f.cl.p.nk + get_a(ins)]
        if fn.__class__ is not Builtin or fn.is_gen:
            return False
        return self.called_as(f)

    def _protected(self, base: int, err: LuaError) -> bool:
        """A pcall or xpcall above base will catch err (not one that raised it itself: its
        own argument errors go to its caller)."""
        frames = self.frames
        for i in range(len(frames) - 1, base - 1, -1):
            b = frames[i].builtin
            if b is not None and b.protects and frames[i] is not err.raised_by:
                return True
        return False
