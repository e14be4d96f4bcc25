"""Going back in time against the size of the heap.

Runs the same small loop (bench/debugger/heap_loop.lua) on top of a heap of N live tables, under
the debugger: 2,000 instructions stepped forward, then single steps back, timed. The figure the
debugger aims at: a step back costs what changed since the last mark, not the heap, so the
ratio between a 20,000-table heap and a 100-table heap stays under 2.

    uv run python bench/step_back_heap.py                 # 100 and 20,000 tables
    uv run python bench/step_back_heap.py 100 5000 20000 --backs 30
    uv run python bench/step_back_heap.py --repeat 5 --cpu

``--cpu`` times with the process's CPU clock (a loaded machine's waits left out); ``--repeat``
runs the sizes again and prints each run's ratio. "py gc" counts Python's own collections
(generation 2: the whole Python heap, which the big Lua heap makes slow) during the step backs.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from vm.debugger import Debugger
from vm.session import Session

PROGRAM = Path(__file__).parent / "debugger" / "heap_loop.lua"


def measure(tables: int, steps: int, backs: int, clock=time.perf_counter
            ) -> tuple[float, float, float, int, tuple[int, int]]:
    """(median and 95th percentile of one step back, forward step rate, live objects, Python
    collections during the step backs: all, of generation 2)."""
    s = Session()
    arg = s.state.globals.__class__()
    arg.set_int(1, str(tables).encode())
    s.globals.set_str(b"arg", arg)
    fn = s.load(PROGRAM.read_bytes(), b"@heap_loop.lua")
    d = Debugger(s, fn)
    d.run_to_line(7)  # the heap is built: the loop over it starts
    start = d.position
    t = clock()
    while d.position < start + steps and not d.done:
        d.step_instruction()
    rate = (d.position - start) / (clock() - t)
    collections = [0, 0]

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            collections[0] += 1
            collections[1] += info["generation"] == 2

    times = []
    gc.callbacks.append(count)
    try:
        for _ in range(backs):
            t = clock()
            d.step_back()
            times.append(clock() - t)
    finally:
        gc.callbacks.remove(count)
    times.sort()
    live = len(d.heap_objects())
    return (statistics.median(times), times[int(len(times) * 0.95) - 1], rate, live,
            (collections[0], collections[1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[100, 20_000])
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--backs", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cpu", action="store_true", help="time with the process's CPU clock")
    opts = ap.parse_args()
    clock = time.process_time if opts.cpu else time.perf_counter
    print(f"{'tables':>8} {'live objects':>13} {'step back median':>17} {'p95':>9} "
          f"{'ratio':>6} {'forward steps/s':>16} {'py gc (gen 2)':>14}")
    ratios = []
    for _ in range(opts.repeat):
        base = None
        for n in opts.sizes:
            med, p95, rate, live, (collected, full) = measure(n, opts.steps, opts.backs, clock)
            base = base or med
            print(f"{n:>8,} {live:>13,} {med * 1000:>14.2f} ms {p95 * 1000:>6.2f} ms "
                  f"{med / base:>6.2f} {rate:>14,.0f} {collected:>8} ({full})")
        ratios.append(med / base)
    if opts.repeat > 1:
        print(f"ratio of the last size to the first, per run: "
              f"{', '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})")


if __name__ == "__main__":
    main()
