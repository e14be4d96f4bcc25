"""Coroutines: each is a frame list of its own; resuming one makes its list the VM's frames.

A library generator asks for a switch by yielding the RESUME or YIELD marker instead of a
function to call; the state then swaps the running thread (see LuaState.resume_thread).
"""

from __future__ import annotations

from vm.runtime import track


class Coroutine:
    """A Lua thread: its body, its frames, its status, and who resumed it."""

    __slots__ = ("fn", "frames", "status", "resumer", "resumer_frame", "ccalls", "globals",
                 "handle", "hook", "hookfn", "error_stack")

    def __init__(self, fn: object, globals: object = None) -> None:
        self.fn = fn
        self.globals = globals  # the thread's global table (setfenv(0, t) changes it)
        self.frames: list = []
        self.status = b"suspended"  # suspended | running | normal | dead
        self.resumer: Coroutine | None = None
        self.resumer_frame = None
        self.ccalls = 0
        self.handle = None
        self.hook = None  # debug.sethook's Hook for this thread (vm/runtime/hooks.py)
        self.hookfn = None  # the function sethook was given, even with no events
        self.error_stack: tuple | None = None  # (frames, inline C function) it died with
        if track.hook is not None:
            track.hook(self)


class _Marker:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<{self.name}>"


RESUME = _Marker("resume")  # yield (RESUME, [co, *args]) from a library generator
YIELD = _Marker("yield")  # yield (YIELD, values)
