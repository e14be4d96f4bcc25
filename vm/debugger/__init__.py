"""The debugger: a call run under control, forwards and backwards.

Forwards, it runs the VM at full speed and stops where asked: after one instruction, at the
next line (over calls or into them), when the current function returns, at a breakpoint (line,
instruction, function entry; with a condition, a hit count, or a message to log instead of
stopping), on an error before the stack unwinds, at the end, or when paused from another
thread. Breakpoints are traps: the interpreter checks nothing at instructions where nothing is
watched (vm/debugger/traps.py).

Backwards, it rewinds and replays. A run is a deterministic function of its start and of what
came from outside: values from outside the program are logged on the state's tape
(``LuaState.outside``) and what the user evaluated in the paused program is logged here with its
position. Every few hundred instructions the debugger takes a mark (vm/debugger/marks.py: the
stacks and small state), and an undo journal written by the mutating paths keeps the
before-image of each heap object changed since (vm/runtime/journal.py). Any earlier position is
reached by rewinding in place to the mark before it (undoing only what changed) and running
forward to it at full speed. While debugging, every object gets its handle when it is created
(vm/runtime/track.py), so a replay names objects as the first run did, and tostring shows
addresses made from handles.

A position counts the instructions run since the start. Stopped on an error, the position is
that of the failing instruction, with the error pending; carrying on unwinds first.

The class ``Debugger`` (core.py) is made of parts, one concern each: ``Control`` (control.py:
step rules, continue, errors), ``Breakpoints`` (breakpoints.py: setting them, checked at once,
their hits and log lines; traps.py, flow.py, conditions.py and fastexpr.py make them traps),
``History`` (history.py: marks, the journal, replay, going back), ``Queries`` (queries.py:
reverse motions, watchpoints, last writes), ``Evaluation`` (evaluation.py: code run in a paused
frame), ``Views`` (views.py: read-only views for front ends, what a step changed). Front ends
import from this package only.
"""

from vm.debugger.breakpoints import BreakpointError, HitCondition, LogLine
from vm.debugger.core import Debugger
from vm.debugger.model import (
    Breakpoint,
    CapturedOutput,
    Changes,
    CoroutineView,
    Exited,
    ExternalState,
    FunctionView,
    HeapObject,
    Stop,
)
from vm.debugger.views import size_of, upvalues_of
from vm.debugger.watch import Watch, WatchError
from vm.runtime.heap import StaleHandle

__all__ = ["Breakpoint", "BreakpointError", "CapturedOutput", "Changes", "CoroutineView",
           "Debugger", "Exited", "ExternalState", "FunctionView", "HeapObject", "HitCondition", "LogLine",
           "StaleHandle", "Stop", "Watch", "WatchError", "size_of", "upvalues_of"]
