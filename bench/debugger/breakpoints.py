"""What breakpoints cost: ``continue`` over a 200,000-iteration loop (600,000 instructions)
under the debugger, with no breakpoint, with a line breakpoint after the loop, with a
conditional breakpoint inside the loop that holds on the last iteration, with a hit count
inside the loop, and with a condition inside the loop that never holds. Each case is run
``--repeat`` times, alternating, on a fresh debugger; the figures are medians and the ratios
are to the run with no breakpoint, measured in the same invocation.

    uv run python bench/debugger/breakpoints.py
    uv run python bench/debugger/breakpoints.py --repeat 7 --iterations 100000
    uv run python bench/debugger/breakpoints.py --cpu
    FERROUS_TIER=auto uv run python bench/debugger/breakpoints.py --cpu --repeat 3

``--cpu`` times with the process's CPU clock instead of the wall clock (a shared machine's
waits left out).
"""

from __future__ import annotations

import argparse
import statistics
import time

from vm.debugger import Breakpoint, Debugger
from vm.runtime import compiled
from vm.session import Session

PROGRAM = """local s = 0
for i = 1, {n} do
  s = s + i % 7
end
print(s)
"""


def cases(n: int) -> dict[str, list[Breakpoint]]:
    return {
        "no breakpoint": [],
        "line 5, after the loop": [Breakpoint(line=5)],
        f"line 3 if i == {n}": [Breakpoint(line=3, condition=f"i == {n}".encode())],
        f"line 3 hits {n}": [Breakpoint(line=3, hits=str(n))],
        "line 3 if (i % 1000 == 0) == nil": [Breakpoint(line=3, condition=b"(i % 1000 == 0) == nil")],
    }


clock = time.perf_counter


def run_once(source: bytes, bps: list[Breakpoint]) -> tuple[float, str, int]:
    s = Session()
    d = Debugger(s, s.load(source, b"@loop.lua"))
    for bp in bps:
        d.add_breakpoint(bp)
    started = clock()
    stop = d.continue_()
    return clock() - started, stop.reason, d.position


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iterations", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cpu", action="store_true", help="time with the process's CPU clock")
    args = ap.parse_args()
    global clock
    clock = time.process_time if args.cpu else time.perf_counter
    n = args.iterations
    source = PROGRAM.format(n=n).encode()
    table = cases(n)
    times: dict[str, list[float]] = {name: [] for name in table}
    seen: dict[str, tuple[str, int]] = {}
    for _ in range(args.repeat):
        for name, bps in table.items():
            t, reason, pos = run_once(source, bps)
            times[name].append(t)
            seen[name] = (reason, pos)
    base = statistics.median(times["no breakpoint"])
    print(f"continue over a {n}-iteration loop, median of {args.repeat} (min in brackets; "
          f"{'CPU' if args.cpu else 'wall'} clock; tier {compiled.mode})")
    for name, ts in times.items():
        med = statistics.median(ts)
        reason, pos = seen[name]
        print(f"  {name:34} {med:7.3f} s [{min(ts):.3f}]  {med / base:5.2f}x   "
              f"stops: {reason} at {pos}")


if __name__ == "__main__":
    main()
