"""What stepping over a call and out of a function cost: ``n`` over a line that calls fib(N)
(bench/programs/fib.lua's naive recursion, about 186,000 instructions for N = 20) and ``o`` out
of the first fib call, against ``continue`` over the same stretch (a line breakpoint on the
next line), under the debugger. The calls run at full speed (traps where the frame goes on,
vm/debugger/traps.py's hold_frame); one instruction at a time (``fine_stepping``) for the
figure before. Medians of ``--repeat`` runs, each on a fresh debugger.

    uv run python bench/debugger/step_over.py
    uv run python bench/debugger/step_over.py --n 22 --repeat 5 --cpu
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vm.debugger import Breakpoint, Debugger
from vm.session import Session

PROGRAM = Path(__file__).parent.parent / "programs" / "fib.lua"
CALL_LINE = 13  # local r = fib(N)
NEXT_LINE = 14
clock = time.perf_counter


def _debugger(n: int, one_at_a_time: bool = False) -> Debugger:
    s = Session()
    arg = s.state.globals.__class__()
    arg.set_int(1, str(n).encode())
    s.globals.set_str(b"arg", arg)
    d = Debugger(s, s.load(PROGRAM.read_bytes(), b"@fib.lua"))
    d.fine_stepping = one_at_a_time
    d.run_to_line(CALL_LINE, b"@fib.lua")
    return d


def over(n: int, one_at_a_time: bool) -> tuple[float, int]:
    d = _debugger(n, one_at_a_time)
    start = d.position
    t = clock()
    stop = d.step_line()
    took = clock() - t
    assert stop.reason == "line" and d.frames()[0].line == NEXT_LINE, stop
    return took, d.position - start


def out(n: int, one_at_a_time: bool) -> tuple[float, int]:
    d = _debugger(n, one_at_a_time)
    while d.frames()[0].line == CALL_LINE:
        d.step_instruction()  # into the first fib call
    start = d.position
    t = clock()
    stop = d.step_out()
    took = clock() - t
    assert stop.reason == "return" and len(d.frames()) == 1, stop  # back in the main chunk
    return took, d.position - start


def cont(n: int) -> tuple[float, int]:
    d = _debugger(n)
    d.add_breakpoint(Breakpoint(line=NEXT_LINE, source=b"@fib.lua"))
    start = d.position
    t = clock()
    stop = d.continue_()
    took = clock() - t
    assert stop.reason == "breakpoint", stop
    return took, d.position - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20, help="fib's argument")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu", action="store_true", help="time with the process's CPU clock")
    opts = ap.parse_args()
    global clock
    clock = time.process_time if opts.cpu else time.perf_counter
    cases = {
        "continue to the next line": lambda: cont(opts.n),
        "n over the call": lambda: over(opts.n, False),
        "n, one instruction at a time": lambda: over(opts.n, True),
        "o out of fib": lambda: out(opts.n, False),
        "o, one instruction at a time": lambda: out(opts.n, True),
    }
    times: dict[str, list[float]] = {k: [] for k in cases}
    counts: dict[str, int] = {}
    for _ in range(opts.repeat):
        for name, case in cases.items():
            took, ran = case()
            times[name].append(took)
            counts[name] = ran
    base = statistics.median(times["continue to the next line"])
    print(f"fib({opts.n}) under the debugger, median of {opts.repeat} "
          f"({'CPU' if opts.cpu else 'wall'} clock)")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"  {name:30} {med:7.3f} s  {counts[name]:>9,} instructions  {med / base:6.2f}x")


if __name__ == "__main__":
    main()
