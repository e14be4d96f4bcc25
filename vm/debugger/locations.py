"""Where the program is, and Lua 5.1's rule for when a new line begins."""

from __future__ import annotations

from vm.debugger.model import World


def where(w: World) -> tuple | None:
    """Where the next instruction is: (frame list, depth, frame, pc, line); None when done."""
    if w.done:
        return None
    frames = w.L.frames
    f = frames[-1] if frames else None
    if f is None or f.cl is None:
        return (frames, len(frames), f, -1, -1)
    lineinfo = f.cl.p.proto.lineinfo
    pc = f.pc
    line = lineinfo[pc] if pc < len(lineinfo) else -1
    return (frames, len(frames), f, pc, line)


def line_event(before: tuple | None, now: tuple | None) -> bool:
    """Lua 5.1's rule for a line event (ldebug.c traceexec) before the instruction at ``now``:
    entering a function, a different line than the frame's previous instruction, or a jump
    back. Back in a caller after a call returns, the previous instruction is the call."""
    if now is None:
        return False
    f = now[2]
    if f is None or f.cl is None:
        return False
    pc = now[3]
    if before is not None and before[2] is f:
        return now[4] != before[4] or pc <= before[3]
    if pc == 0:
        return True
    lineinfo = f.cl.p.proto.lineinfo
    return 0 < pc < len(lineinfo) and lineinfo[pc] != lineinfo[pc - 1]
