"""Going back in time against the size of the heap.

Runs the same small loop (bench/debugger/heap_loop.lua) on top of a heap of N live tables, under
the debugger: 2,000 instructions stepped forward, then single steps back, timed. The figure the
debugger aims at: a step back costs what changed since the last mark, not the heap, so the
ratio between a 20,000-table heap and a 100-table heap stays under 2.

    uv run python bench/step_back_heap.py                 # 100 and 20,000 tables
    uv run python bench/step_back_heap.py 100 5000 20000 --backs 30
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from vm.debugger import Debugger
from vm.session import Session

PROGRAM = Path(__file__).parent / "debugger" / "heap_loop.lua"


def measure(tables: int, steps: int, backs: int) -> tuple[float, float, float, int]:
    """(median and 95th percentile of one step back, forward step rate, live objects)."""
    s = Session()
    arg = s.state.globals.__class__()
    arg.set_int(1, str(tables).encode())
    s.globals.set_str(b"arg", arg)
    fn = s.load(PROGRAM.read_bytes(), b"@heap_loop.lua")
    d = Debugger(s, fn)
    d.run_to_line(7)  # the heap is built: the loop over it starts
    start = d.position
    t = time.perf_counter()
    while d.position < start + steps and not d.done:
        d.step_instruction()
    rate = (d.position - start) / (time.perf_counter() - t)
    times = []
    for _ in range(backs):
        t = time.perf_counter()
        d.step_back()
        times.append(time.perf_counter() - t)
    times.sort()
    live = len(d.heap_objects())
    return statistics.median(times), times[int(len(times) * 0.95) - 1], rate, live


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[100, 20_000])
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--backs", type=int, default=40)
    opts = ap.parse_args()
    base = None
    print(f"{'tables':>8} {'live objects':>13} {'step back median':>17} {'p95':>9} "
          f"{'ratio':>6} {'forward steps/s':>16}")
    for n in opts.sizes:
        med, p95, rate, live = measure(n, opts.steps, opts.backs)
        base = base or med
        print(f"{n:>8,} {live:>13,} {med * 1000:>14.2f} ms {p95 * 1000:>6.2f} ms "
              f"{med / base:>6.2f} {rate:>14,.0f}")


if __name__ == "__main__":
    main()
