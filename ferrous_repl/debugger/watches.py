"""Watchpoints and time-travel queries typed in the eval box: ``:watch PLACE`` (a local, an
upvalue, a global, ``t.x``, ``table#12[3]``), ``:watch`` (the list), ``:unwatch [PLACE]``,
``:last PLACE`` (go to the instruction that last changed it) and ``:created table#12`` (go to
the instruction that created an object)."""

from __future__ import annotations

from ferrous_repl.debugger import names
from vm.debugger import Debugger, Stop, WatchError
from vm.runtime.heap import Handle, StaleHandle

HELP = (":watch PLACE  stop when it changes (x, t.x, table#12[3]); :watch lists, :unwatch [PLACE]\n"
        ":last PLACE  go to the instruction that last changed it\n"
        ":created table#12  go to the instruction that created it")

COMMANDS = (":watch", ":unwatch", ":last", ":created")


def handles(code: str) -> bool:
    return code.split(maxsplit=1)[0] in COMMANDS if code.strip() else False


def travels(code: str) -> bool:
    """True for the commands that move in time (run them as a step)."""
    return code.split(maxsplit=1)[0] in (":last", ":created")


def run_command(d: Debugger, code: str, depth: int) -> str:
    """:watch and :unwatch: what they did, in words."""
    word, _, arg = code.strip().partition(" ")
    arg = arg.strip()
    if word == ":watch":
        if not arg:
            return "\n".join(f"watching {w.label} ({w.kind})" for w in d.watches) or "no watchpoints"
        try:
            w = d.watch(arg, depth)
        except WatchError as exc:
            return f"{exc}\n{HELP}"
        return f"watching {w.label} ({w.kind}): c stops when it changes, C goes back to the last change"
    n = d.unwatch(arg or None)
    return f"{n} watchpoint(s) removed"


def travel(d: Debugger, code: str, depth: int) -> Stop:
    """:last and :created: go there; a Stop whose message says why (or what was wrong)."""
    word, _, arg = code.strip().partition(" ")
    arg = arg.strip()
    if word == ":last":
        try:
            return d.last_write(d.place(arg, depth))
        except WatchError as exc:
            return Stop("step", d.position, str(exc))
    wanted = names.parse(arg)
    if wanted is None:
        return Stop("step", d.position, f"not a handle: {arg!r} (table#12, or 12)")
    number, library, generation = wanted
    slot = number if library else number - 1 + d.first_handle
    try:
        obj = d.resolve(slot, generation)
    except StaleHandle as exc:
        return Stop("step", d.position, str(exc))
    h = obj.handle  # type: ignore[attr-defined]
    return d.created_at(Handle(h.index, h.generation))
