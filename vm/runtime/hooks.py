"""Debug hooks (debug.sethook): call, return, line and count events, as Lua 5.1 fires them.

A thread with a hook runs one instruction at a time (``step``, called by run() instead of the
fast loop). Before each instruction it works out the events due there, in 5.1's order: the
call event of a function entered (Lua functions at their first instruction), the count event,
the line event (ldebug.c traceexec: entering a function, a new line, or a jump back), then for
a RETURN the return event and one "tail return" per tail call the frame replaced. Each event
calls the hook function as a frame of the VM (never Python recursion), with hooks off until it
returns (5.1's allowhook). A library function called from Lua with call or return events
wanted runs inside a generator that fires its events around it, so the hook sees it as the
function at level 2, as in 5.1.
"""

from __future__ import annotations

from dataclasses import dataclass

from vm.chunkid import chunkid
from vm.errors import LuaError
from vm.runtime.frame import CONT_HOOK, Frame
from vm.runtime.function import Builtin

WRAPPED = "a library function running under call/return events"

RETURN = 30  # opcode numbers (vm/bytecode/opcodes.py)
CALL = 28
TAILCALL = 29


@dataclass(slots=True)
class Hook:
    """A thread's hook: the Lua function, the events ("c", "r", "l"), the count."""

    fn: object
    mask: str
    count: int
    left: int = 0
    budget_at_fire: int | None = None  # the loop's budget when the last hook call started

    def spend(self, used: int) -> None:
        """Count instructions run inside the hook: 5.1 counts them too, and a count reaching
        zero there only starts again (no event while hooks are off)."""
        if self.count <= 0 or used <= 0:
            return
        left = self.left - used
        self.left = left if left > 0 else self.count - (-left) % self.count

    def mask_string(self) -> str:
        return "".join(c for c in "crl" if c in self.mask)


def events_at(L, f: Frame, hook: Hook, counting: bool = True) -> list[tuple[bytes, object]]:
    """The events due before the instruction at f.pc (counting one instruction)."""
    pc = f.pc
    # the previous instruction of this frame; a frame already running when the hook was set
    # was last at the instruction before (the call that set it, or that it returned from)
    last = getattr(f, "hookpc", pc - 1)
    out: list[tuple[bytes, object]] = []
    lineinfo = f.cl.p.proto.lineinfo  # type: ignore[union-attr]
    line = float(lineinfo[pc]) if pc < len(lineinfo) else None
    if pc == 0 and last == -1 and "c" in hook.mask and counting:
        out.append((b"call", None))
    if hook.count > 0 and counting:
        hook.left -= 1
        if hook.left <= 0:
            hook.left = hook.count
            out.append((b"count", None))
    if "l" in hook.mask and line is not None:
        if last == -1 or pc <= last or lineinfo[last] != lineinfo[pc]:
            out.append((b"line", line))
    if "r" in hook.mask and f.cl.p.decoded[pc][0] == RETURN:  # type: ignore[union-attr]
        out.append((b"return", None))
        out.extend([(b"tail return", None)] * f.tailcalls)
    return out


def step(L, run_one, frames: list, base: int, home: list) -> None:
    """One step of a hooked thread: fire the next event due before the top frame's next
    instruction (pushing the hook's frame), or run that instruction (``run_one``)."""
    f = frames[-1]
    hook: Hook = L.current.hook
    if hook.budget_at_fire is not None:
        hook.spend(hook.budget_at_fire - L.budget)
        hook.budget_at_fire = None
    pc = f.pc
    mark = getattr(f, "hookmark", None)
    if mark is None or mark[0] != pc:
        mark = (pc, events_at(L, f, hook), 0, hook)
    elif mark[3] is not hook:  # a hook set another: the events still due are the new one's
        mark = (pc, events_at(L, f, hook, counting=False), 0, hook)
    _, due, fired, _ = mark
    if fired < len(due):
        f.hookmark = (pc, due, fired + 1, hook)
        event, line = due[fired]
        fire(L, f, hook, event, line)
        return
    f.hookmark = None
    if "c" in hook.mask or "r" in hook.mask:
        _wrap_library_call(L, f, hook)
    f.hookpc = pc
    run_one(L, frames, base, home)
    if L.budget < 0:  # a debugger's trap stopped the instruction before it ran: its events
        f.hookmark = (pc, due, fired, hook)  # have fired, and must not fire again


def fire(L, caller: Frame, hook: Hook, event: bytes, line: object) -> bool:
    """Call the hook for one event, as a frame, with hooks off until it returns."""
    L.allowhook = False
    hook.budget_at_fire = L.budget
    try:
        return L.call_with(caller, hook.fn, [event, line], 0, 0, CONT_HOOK)
    except LuaError as err:  # the call itself failed (stack overflow): luaG_runerror at the
        L.allowhook = True  # hooked function, which stands before its instruction
        if not err.positioned and err.value.__class__ is bytes:
            err.positioned = True
            proto = caller.cl.p.proto  # type: ignore[union-attr]
            pc = caller.pc
            at = proto.lineinfo[pc] if 0 <= pc < len(proto.lineinfo) else 0
            err.value = chunkid(proto.source if proto.source is not None else b"?") + \
                b":%d: " % at + err.value
        raise
    except BaseException:
        L.allowhook = True
        raise


def _wrap_library_call(L, f: Frame, hook: Hook) -> None:
    """Before a CALL of a library function: let it run inside a generator that fires its call
    and return events (the callee register gets the original back as the call starts)."""
    op, a, b, _c = f.cl.p.decoded[f.pc]  # type: ignore[union-attr]
    if op != CALL and op != TAILCALL:
        return
    fn = f.R[a]  # type: ignore[index]
    if fn.__class__ is not Builtin or getattr(fn.fn, "hook_wrapper", False):
        return
    f.R[a] = _hooked(fn, f, a)  # type: ignore[index]


def own_frame(L, fn) -> int:
    """1 when the running library function (Python function ``fn``) has a frame of its own
    on top (it was called under call or return events and runs inside _hooked), else 0.
    lua_getstack's level 0 is that function, so levels it counts (error's level,
    traceback's) start below that frame."""
    frames = L.frames
    if not frames or getattr(frames[-1], "hookmark", None) is not WRAPPED:
        return 0
    b = frames[-1].builtin
    return 1 if b is not None and b.fn is fn else 0


def hooked_call(L, fn: Builtin) -> Builtin:
    """A library function called by the VM (a metamethod, from another library function)
    while the thread has call or return events: wrapped to fire them."""
    hook = L.current.hook
    if "c" not in hook.mask and "r" not in hook.mask or getattr(fn.fn, "hook_wrapper", False):
        return fn
    return _hooked(fn, None, 0)


def _hooked(original: Builtin, caller: Frame | None, reg: int) -> Builtin:
    def run(L, args: list):
        if caller is not None:
            caller.R[reg] = original  # type: ignore[index]
        L.frames[-1].builtin = original  # the hook sees the real function at level 2
        L.frames[-1].hookmark = WRAPPED  # the function's own level 0 (see debug.getinfo)
        h = L.current.hook
        if h is not None and "c" in h.mask and L.allowhook:
            L.allowhook = False
            yield h.fn, [b"call", None]
            L.allowhook = True
        if original.is_gen:
            results = yield from original.fn(L, args)
        else:
            results = original.fn(L, args)
        h = L.current.hook
        if h is not None and "r" in h.mask and L.allowhook:
            L.allowhook = False
            yield h.fn, [b"return", None]
            L.allowhook = True
        return results

    run.hook_wrapper = True  # type: ignore[attr-defined]
    return Builtin(original.name, run, is_gen=True, protects=original.protects)
